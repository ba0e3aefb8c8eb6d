"""aigov-py / `python -m aigov`: mirrors the C command-line tool.

    aigov-py eval FILE|- [--as-of YYYY-MM-DD] [--format text|json|markdown|oscal|sarif|junit|html|soa-csv]
                         [--fail-on gap|prohibited|unknown|none]
    aigov-py eval --ndjson FILE|- [--jobs N] [--as-of ...] [--format json|oscal] [--fail-on ...]
    aigov-py rules [--format text|json|markdown]
    aigov-py schema
    aigov-py explain RULE_ID
    aigov-py --version

Output is the library's rendering, byte for byte what `aigov` prints (JSON
and OSCAL end with a newline; text is never coloured). Exit codes as `aigov`:
0 ok, 1 failing (a prohibited system or a gap in force, by default), 2 usage
or input error. The pass/fail decision is the library's verdict on the whole
descriptor (Evaluator.verdict); it holds no legal logic.
"""
from __future__ import annotations

import argparse
import datetime
import sys
from typing import BinaryIO, List, Optional

from . import AigovError, Evaluator, Summary, Table, library_path, library_version

EVAL_FORMATS = ("text", "json", "markdown", "md", "oscal", "sarif", "junit", "html", "soa-csv")
RULES_FORMATS = ("text", "json", "markdown", "md")


def failing(summaries: List[Summary], fail_on: str) -> bool:
    """--fail-on over per-system summaries (kept for callers; the CLI uses
    Evaluator.verdict, which also counts the organisation's rules)."""
    bad = False
    for s in summaries:
        if fail_on != "none":
            bad |= s.tier == "prohibited"
        if fail_on in ("gap", "unknown"):
            bad |= s.in_force_gaps > 0
        if fail_on == "unknown":
            bad |= s.tier == "undetermined" or s.unknown > 0
    return bad


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="aigov-py", description="EU AI Act and ISO/IEC 42001 obligations of an AI system (libaigov). "
        "Not legal advice.")
    ap.add_argument("--version", action="store_true", help="print the library and rules versions")
    sub = ap.add_subparsers(dest="cmd")
    ev = sub.add_parser("eval", help="evaluate a descriptor")
    ev.add_argument("file", help="descriptor JSON file (with --ndjson: one descriptor per line), or - for stdin")
    ev.add_argument("--as-of", help="evaluation date YYYY-MM-DD (default: today, UTC)")
    ev.add_argument("--format", choices=EVAL_FORMATS, default=None, help="text (json with --ndjson)")
    ev.add_argument("--full", action="store_true",
                    help="with --format json: the full report (the default names rules by id)")
    ev.add_argument("--ndjson", action="store_true",
                    help="batch: one report or error object per input line, in order")
    ev.add_argument("--jobs", type=int, default=1, help="threads for --ndjson (default 1)")
    ev.add_argument("--fail-on", choices=("gap", "prohibited", "unknown", "none"), default="gap")
    ru = sub.add_parser("rules", help="the rule catalogue")
    ru.add_argument("--format", choices=RULES_FORMATS, default="text")
    sub.add_parser("schema", help="JSON Schema of the descriptor")
    ex = sub.add_parser("explain", help="one rule in readable form")
    ex.add_argument("rule_id")
    return ap


def _error(what: str, e: AigovError) -> None:
    msg = "aigov-py: %s: %s (%s)" % (what, e.message, e.name)
    if e.path:
        msg += " at " + e.path
    if e.rule_id:
        msg += " in rule " + e.rule_id
    print(msg, file=sys.stderr)


def main(argv: Optional[List[str]] = None, stdout: Optional[BinaryIO] = None,
         stdin: Optional[BinaryIO] = None) -> int:
    out = stdout if stdout is not None else sys.stdout.buffer
    a = _parser().parse_args(argv)
    table = Table.builtin()
    if a.version:
        out.write(("aigov %s (rules %s, %s) [python binding, %s]\n"
                   % (library_version(), table.revision, table.hash, library_path())).encode())
        return 0
    if a.cmd is None:
        _parser().print_usage(sys.stderr)
        return 2
    try:
        if a.cmd == "rules":
            body = table.render_rules(a.format)
            out.write(body + (b"\n" if a.format == "json" else b""))
            return 0
        if a.cmd == "schema":
            out.write(table.render_descriptor_schema())
            return 0
        if a.cmd == "explain":
            out.write(table.explain(a.rule_id).encode("utf-8"))
            return 0
    except AigovError as e:
        _error(a.cmd, e)
        return 2
    # eval
    as_of = a.as_of or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    if a.full and (a.format or ("json" if a.ndjson else "text")) != "json":
        print("aigov-py: eval: --full is for the JSON report (--format json)", file=sys.stderr)
        return 2
    if a.ndjson:
        return _ndjson(a, table, as_of, out, stdin)
    a.format = a.format or "text"
    render = "json-full" if a.full else a.format
    with Evaluator(table) as ev:
        try:  # read up to the input limit and no further (an endless file is ELIMIT, exit 2)
            data = ev.read_file(stdin if stdin is not None else sys.stdin.buffer) if a.file == "-" \
                else ev.read_file(a.file)
            v = ev.verdict(data, as_of, a.fail_on, render)  # one evaluation: report and verdict agree
        except OSError as e:
            print("aigov-py: cannot read %s: %s" % (a.file, e.strerror or e), file=sys.stderr)
            return 2
        except AigovError as e:
            _error(a.file, e)
            return 2
    out.write((v.rendered or b"") + (b"\n" if a.format in ("json", "oscal") else b""))
    out.flush()
    return v.exit_status


def _ndjson(a: argparse.Namespace, table: Table, as_of: str, out: BinaryIO, stdin: Optional[BinaryIO]) -> int:
    from . import ndjson
    fmt = a.format or "json"
    if fmt not in ("json", "oscal") or a.jobs < 1:
        print("aigov-py: --ndjson writes one line per report: --format json or oscal, --jobs 1 or more",
              file=sys.stderr)
        return 2
    try:
        f = (stdin if stdin is not None else sys.stdin.buffer) if a.file == "-" else open(a.file, "rb")
    except OSError as e:
        print("aigov-py: cannot open %s: %s" % (a.file, e.strerror or e), file=sys.stderr)
        return 2
    try:
        return ndjson.run(table, f, out, as_of, a.fail_on, "json-full" if a.full else fmt, a.jobs)
    finally:
        if a.file != "-":
            f.close()


if __name__ == "__main__":
    raise SystemExit(main())
