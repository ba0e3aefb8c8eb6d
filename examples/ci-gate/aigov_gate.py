#!/usr/bin/env python3
"""CI gate: evaluates every AI-system descriptor in a repository and writes a
markdown summary suited to a pull-request comment. Exits 1 when a system is
prohibited or has a gap in an obligation in force (see --fail-on), 2 when a
descriptor is invalid. Holds no legal logic: everything comes from libaigov.

    python3 examples/ci-gate/aigov_gate.py 'ai-systems/*.json' --as-of 2028-01-01 --output gate.md
"""
from __future__ import annotations

import argparse
import datetime
import glob
import sys

import aigov


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pattern", nargs="?", default="ai-systems/*.json", help="glob of descriptor files")
    ap.add_argument("--as-of", default=datetime.date.today().isoformat(), help="evaluation date YYYY-MM-DD")
    ap.add_argument("--fail-on", choices=["gap", "prohibited", "none"], default="gap")
    ap.add_argument("--output", help="write the markdown here instead of stdout")
    a = ap.parse_args(argv)
    files = sorted(glob.glob(a.pattern, recursive=True))
    lines = ["## AI governance gate (libaigov %s, as of %s)" % (aigov.library_version(), a.as_of), ""]
    if not files:
        lines.append("No descriptors match `%s`." % a.pattern)
    lines += ["| Descriptor | System | Tier | GPAI | Gaps in force | Unknown | Open questions |",
              "|---|---|---|---|---|---|---|"]
    failing = invalid = False
    details = []
    with aigov.Evaluator() as ev:
        for path in files:
            try:
                report = ev.evaluate(path, a.as_of)
            except aigov.AigovError as e:
                invalid = True
                lines.append("| `%s` | | **invalid** | | | | %s at `%s` |" % (path, e.message.replace("|", "\\|"), e.path))
                continue
            parts = report.systems if report.is_portfolio else [report]
            for sys_report in parts:
                d = sys_report.data
                name = d.get("name") or ""
                s = sys_report.summary
                tier = sys_report.tier
                gaps = s.get("in_force_gaps", 0)
                if a.fail_on != "none" and tier == "prohibited":
                    failing = True
                if a.fail_on == "gap" and gaps:
                    failing = True
                lines.append("| `%s` | %s | %s%s | %s | %d | %d | %d |" % (
                    path, name.replace("|", "\\|"), "**%s**" % tier if tier in ("prohibited", "high_risk") else tier,
                    "", sys_report.gpai, gaps, s.get("unknown", 0), len(d.get("questions", []))))
                gap_lines = ["- %s: %s" % (o.citation, o.title) for o in sys_report.obligations
                             if o.status == "gap" and o.in_force]
                if gap_lines:
                    details.append("<details><summary>%s %s: %d gaps in force</summary>\n\n%s\n\n</details>"
                                   % (path, name, len(gap_lines), "\n".join(gap_lines)))
    md = "\n".join(lines + [""] + details) + "\n"
    if a.output:
        with open(a.output, "w", encoding="utf-8") as f:
            f.write(md)
    else:
        sys.stdout.write(md)
    return 2 if invalid else 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
