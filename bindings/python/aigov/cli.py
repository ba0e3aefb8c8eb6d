"""`python -m aigov eval FILE --as-of D --format F`: mirrors `aigov eval`."""
from __future__ import annotations

import argparse
import datetime
import sys

from . import AigovError, Evaluator, FORMATS


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="aigov-py", description="EU AI Act / ISO 42001 obligations of an AI system")
    sub = ap.add_subparsers(dest="cmd", required=True)
    ev = sub.add_parser("eval", help="evaluate a descriptor")
    ev.add_argument("file", help="descriptor JSON file, or - for stdin")
    ev.add_argument("--as-of", default=datetime.date.today().isoformat())
    ev.add_argument("--format", choices=sorted(FORMATS), default="text")
    ev.add_argument("--fail-on", choices=["gap", "prohibited", "unknown", "none"], default="gap")
    a = ap.parse_args(argv)
    data = sys.stdin.buffer.read() if a.file == "-" else open(a.file, "rb").read()
    with Evaluator() as e:
        try:
            out = e.render(data, a.as_of, a.format)
            reports = [e.classify(data, a.as_of, i) for i in range(_systems(e, data, a.as_of))]
        except AigovError as err:
            print("aigov-py: %s" % err, file=sys.stderr)
            return 2
    sys.stdout.buffer.write(out + (b"\n" if a.format == "json" else b""))
    failing = False
    for s in reports:
        if a.fail_on != "none":
            failing |= s.tier == "prohibited"
        if a.fail_on in ("gap", "unknown"):
            failing |= s.in_force_gaps > 0
        if a.fail_on == "unknown":
            failing |= s.tier == "undetermined" or s.unknown > 0
    return 1 if failing else 0


def _systems(e: Evaluator, data: bytes, as_of: str) -> int:
    report = e.evaluate(data, as_of)
    return len(report.systems) if report.is_portfolio else 1


if __name__ == "__main__":
    raise SystemExit(main())
