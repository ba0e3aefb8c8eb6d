#!/usr/bin/env python3
"""AI governance gate for CI: evaluates every AI-system descriptor of a
repository with libaigov and writes a markdown summary suited to a
pull-request comment.

    python3 aigov_gate.py ['ai-systems/*.json' ...] [--as-of YYYY-MM-DD]
                          [--fail-on gap|prohibited|none] [--output gate.md]

Exit status: 0 passing; 1 failing: a prohibited system (unless --fail-on
none) or a gap in an obligation in force (--fail-on gap, the default);
2 an invalid descriptor (the summary names the JSON path), a matched path
that is not a readable regular file (a directory, a FIFO, a device, a
dangling symlink, a symlink loop) or is over the input limit, or no
descriptor matched (unless --allow-empty).

The gate fails closed: every path a pattern matches is evaluated or reported
as an error that fails the gate; nothing is skipped silently.

The gate holds no legal logic: pass or fail is the library's verdict on each
descriptor (Evaluator.verdict, the computation `aigov eval --fail-on` uses);
tier, statuses, in-force gaps, citations and next actions come from the
report rendered from the same evaluation; the gate only lays them out.
"""
from __future__ import annotations

import argparse
import datetime
import glob
import html
import os
import re
import stat
import sys
import unicodedata
from typing import BinaryIO, List, Optional, Tuple

import aigov

# GitHub rejects comments over 65,536 characters; keep clear of it.
MAX_COMMENT = 60000


# ---- escaping: file names and library strings reach a PR comment -------------------
# A file name may hold a backtick, a pipe, a newline, '<' or a bidi override;
# each must show as what it is and never end a code span, a table row or the
# comment's structure.

def _visible(s: object) -> str:
    """Control, line-separator and bidi/format characters as \\xNN or
    \\uNNNN (the backslash doubled first, so the text stays unambiguous)."""
    out = []
    for ch in str(s).replace("\\", "\\\\"):
        o = ord(ch)
        if o < 0x20 or o == 0x7F or 0x80 <= o < 0xA0:
            out.append("\\x%02x" % o)
        elif unicodedata.category(ch) in ("Cf", "Zl", "Zp", "Cs", "Co", "Cn") and o != 0x20:
            out.append("\\u%04x" % o if o <= 0xFFFF else "\\U%08x" % o)
        else:
            out.append(ch)
    return "".join(out)


def _cell(s: object) -> str:
    """Plain text in a table cell: visible, and every character that could
    start markdown or HTML (links, images, emphasis, tags, entities, the
    cell's pipe) backslash-escaped, so it renders as the text it is."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in _visible(s))


_MD_SPECIAL = frozenset("\\`*_[]()<>!|~#&")


def _code(s: object) -> str:
    """A code span in a table cell: fenced with one backtick more than the
    longest run inside (CommonMark), padded when it starts or ends with a
    backtick or a space; pipes escaped (GFM splits cells on them even inside
    code spans)."""
    text = _visible(s)
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return "%s%s%s%s%s" % (fence, pad, text.replace("|", "\\|"), pad, fence)


def _html_code(s: object) -> str:
    """A <code> element inside HTML (<summary>): escaped for HTML."""
    return "<code>%s</code>" % html.escape(_visible(s))


def _files(patterns: List[str]) -> List[str]:
    """Every path the patterns match, whatever it is: what is not a regular
    file is reported by _open, never dropped here."""
    seen, out = set(), []
    for pat in patterns:
        for p in sorted(glob.glob(pat, recursive=True)):
            if p not in seen:
                seen.add(p)
                out.append(p)
    return out


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _open(path: str) -> BinaryIO:
    """Opens a matched path for reading, or raises OSError saying why it is
    not a descriptor file. O_NONBLOCK: opening a FIFO must not wait for a
    writer; the type is checked on the open file (fstat), so a path swapped
    after the check cannot slip through."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((k for test, k in _KINDS if test(mode)), "not a regular file")
            raise OSError(0, "%s, not a regular file" % kind, path)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _verdict(report: aigov.Report, fail_on: str) -> Tuple[bool, str]:
    s = report.summary
    # the report states what the legal gate counts (ISO/IEC 42001 gaps do not fail it)
    gaps = s.in_force_gaps if s.legal_in_force_gaps is None else s.legal_in_force_gaps
    if fail_on != "none" and report.tier == "prohibited":
        return True, ":no_entry: prohibited"
    if fail_on == "gap" and gaps:
        return True, ":x: %d gap%s in force" % (gaps, "" if gaps == 1 else "s")
    if gaps or report.tier == "prohibited":
        return False, ":warning: not gated"
    if report.tier == "undetermined":
        return False, ":grey_question: pass, tier undetermined"
    return False, ":white_check_mark: pass"


def _details(path: str, report: aigov.Report, label: str) -> str:
    """The in-force gaps (citation, title) and the evidence that would close
    them, as the report lists them."""
    gaps = [o for o in report.obligations if o.status == "gap" and o.in_force]
    if not gaps:
        return ""
    lines = ["<details><summary>%s%s: %d gap%s in force</summary>" % (
        _html_code(path), label, len(gaps), "" if len(gaps) == 1 else "s"), ""]
    lines += ["| Citation | Obligation | Rule | Evidence needed |", "|---|---|---|---|"]
    for o in gaps:
        missing = ", ".join("%s (%s)" % (e.title, e.state) for e in o.evidence if e.state != "implemented")
        lines.append("| %s | %s | %s | %s |" % (_cell(o.citation), _cell(o.title), _code(o.id), _cell(missing)))
    actions = report.next_actions
    if actions:
        lines += ["", "Next actions (penalised legal gaps in force first, by penalty tier; then the most rules closed):", ""]
        for a in actions[:5]:
            lines.append("- %s: closes %s rule%s" % (_cell(a.get("title", a.get("evidence"))), a.get("closes"),
                                                    "" if a.get("closes") == 1 else "s"))
    lines += ["", "</details>", ""]
    return "\n".join(lines)


def run(patterns: List[str], as_of: str, fail_on: str, allow_empty: bool,
        evaluator: Optional[aigov.Evaluator] = None) -> Tuple[int, str]:
    """Evaluates the descriptors; returns (exit status, markdown)."""
    files = _files(patterns)
    table = aigov.Table.builtin() if evaluator is None else evaluator.table
    head = ["## AI governance gate", "",
            "libaigov %s, rules %s, as of %s, failing on: %s. Not legal advice." % (
                aigov.library_version(), table.revision, as_of, fail_on), ""]
    if not files:
        head.append("No descriptor matches %s." % ", ".join(_code(p) for p in patterns))
        return (0 if allow_empty else 2), "\n".join(head) + "\n"
    rows = ["| | Descriptor | System | Tier | GPAI | Gaps in force | Unknown | Open questions |",
            "|---|---|---|---|---|---|---|---|"]
    details: List[str] = []
    failing = invalid = False
    counts = {"pass": 0, "fail": 0, "invalid": 0}
    ev = evaluator or aigov.Evaluator(table)
    try:
        for path in files:
            try:
                with _open(path) as f:
                    # the library's verdict and the report come from one evaluation
                    verdict = ev.verdict(ev.read_file(f), as_of, fail_on, "json-full")  # typed: the full form
                report = aigov.Report(verdict.rendered)
                failing |= verdict.failing
            except aigov.AigovError as e:
                invalid = True
                counts["invalid"] += 1
                rows.append("| :boom: invalid | %s | | | | | | %s (%s)%s |" % (
                    _code(path), _cell(e.message), e.name, " at %s" % _code(e.path) if e.path else ""))
                continue
            except Exception as e:  # noqa: BLE001 - whatever it is, the path fails the gate
                invalid = True
                counts["invalid"] += 1
                why = e.strerror if isinstance(e, OSError) and e.strerror else "%s: %s" % (type(e).__name__, e)
                rows.append("| :boom: unreadable | %s | | | | | | %s |" % (_code(path), _cell(why)))
                continue
            parts = report.systems if report.is_portfolio else [report]
            for part in parts:
                bad, verdict = _verdict(part, fail_on)
                failing |= bad
                counts["fail" if bad else "pass"] += 1
                s = part.summary
                name = part.name or ""
                tier = part.tier or ""
                rows.append("| %s | %s | %s | %s | %s | %d | %d | %d |" % (
                    verdict, _code(path), _cell(name), "**%s**" % tier if tier in ("prohibited", "high_risk")
                    else tier, part.gpai or "", s.in_force_gaps, s.unknown, s.questions))
                details.append(_details(path, part, " " + html.escape(_visible(name)) if name else ""))
            org = report.organisation if report.is_portfolio else None
            if org is not None and org.summary.in_force_gaps:
                og = org.summary
                # ISO/IEC 42001 gaps of the organisation do not fail the legal gate
                bad = fail_on == "gap" and (og.in_force_gaps if og.legal_in_force_gaps is None
                                            else og.legal_in_force_gaps) > 0
                failing |= bad
                rows.append("| %s | %s | (organisation) | | | %d | %d | |" % (
                    ":x: gaps in force" if bad else ":warning: not gated", _code(path),
                    org.summary.in_force_gaps, org.summary.unknown))
                details.append(_details(path, org, " (organisation)"))
    finally:
        if evaluator is None:
            ev.close()
    status = 2 if invalid else 1 if failing else 0
    verdict = {0: "**Passing**", 1: "**Failing**", 2: "**Invalid descriptors**"}[status]
    head.append("%s: %d system%s passing, %d failing, %d invalid descriptor%s." % (
        verdict, counts["pass"], "" if counts["pass"] == 1 else "s", counts["fail"], counts["invalid"],
        "" if counts["invalid"] == 1 else "s"))
    body = "\n".join(head + [""] + rows) + "\n"
    extra = "\n".join(d for d in details if d)
    if extra:
        if len(body) + len(extra) + 1 > MAX_COMMENT:
            extra = ("_Details omitted: too long for a comment. Run `aigov eval FILE --format markdown` "
                     "for each failing descriptor._\n")
        body += "\n" + extra
    return status, body


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("patterns", nargs="*", default=["ai-systems/*.json"],
                    help="globs of descriptor files (** allowed); default ai-systems/*.json")
    ap.add_argument("--as-of", default=None, help="evaluation date YYYY-MM-DD (default: today, UTC)")
    ap.add_argument("--fail-on", choices=["gap", "prohibited", "none"], default="gap",
                    help="gap: prohibited systems and gaps in force fail (default); prohibited: only "
                         "prohibited systems; none: report only")
    ap.add_argument("--output", help="write the markdown here (e.g. $GITHUB_STEP_SUMMARY) instead of stdout")
    ap.add_argument("--allow-empty", action="store_true", help="pass when no descriptor matches")
    a = ap.parse_args(argv)
    as_of = a.as_of or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    try:
        datetime.date.fromisoformat(as_of)
    except ValueError:
        ap.error("--as-of %r is not a date YYYY-MM-DD" % as_of)
    try:
        status, md = run(a.patterns, as_of, a.fail_on, a.allow_empty)
    except Exception as e:  # noqa: BLE001 - a crash must not read as exit 1 ("failing") or pass
        print("aigov_gate: internal error: %s: %s" % (type(e).__name__, e), file=sys.stderr)
        return 2
    if a.output:
        with open(a.output, "a" if a.output == os.environ.get("GITHUB_STEP_SUMMARY") else "w",
                  encoding="utf-8") as f:
            f.write(md)
    else:
        sys.stdout.write(md)
    return status


if __name__ == "__main__":
    sys.exit(main())
