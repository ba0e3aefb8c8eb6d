#!/usr/bin/env python3
"""How many questions `aigov ask` needs: for each descriptor given, start from
{} and answer the library's next question (the first that can change the
tier, the GPAI class or a rule in force, as aigov ask picks it) from that
descriptor; a fact it does not give is answered "I don't know". Prints, per
descriptor, the questions asked until the tier is determined, until tier and
GPAI class are, and until the session ends, and checks that the session ends
with the descriptor's own tier and GPAI class.

    measure.py [--as-of DATE] [--markdown] DESCRIPTOR...
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bindings", "python"))
import aigov  # noqa: E402

MISSING = object()


def get(doc, fact):
    for key in fact.split("."):
        if not isinstance(doc, dict) or key not in doc:
            return MISSING
        doc = doc[key]
    return MISSING if doc is None else doc


def put(doc, fact, value):
    keys = fact.split(".")
    for key in keys[:-1]:
        doc = doc.setdefault(key, {})
    doc[keys[-1]] = value


def session(example, as_of, order="library"):
    desc, skipped, asked = {}, set(), 0
    tier_at = both_at = None
    while True:
        s = aigov.classify(desc, as_of)
        if tier_at is None and s.tier != "undetermined":
            tier_at = asked
        if both_at is None and s.tier != "undetermined" and s.gpai != "undetermined":
            both_at = asked
        open_qs = [q for q in aigov.questions(desc, as_of)
                   if (q.affects_tier or q.affects_gpai or q.affected_in_force) and q.fact not in skipped]
        if order == "alphabetical":  # a baseline without the library's ranking
            open_qs.sort(key=lambda q: q.fact)
        nxt = open_qs[0] if open_qs else None
        if nxt is None:
            return tier_at, both_at, asked, s
        asked += 1
        value = get(example, nxt.fact)
        if value is MISSING:
            skipped.add(nxt.fact)
        else:
            put(desc, nxt.fact, value)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--as-of", default="2028-01-01")
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--order", choices=("library", "alphabetical"), default="library",
                    help="alphabetical: ask the same questions by fact name, as a baseline")
    ap.add_argument("descriptors", nargs="+")
    a = ap.parse_args()
    bad = 0
    if a.markdown:
        print("| descriptor | tier | questions to the tier | to tier and GPAI class | whole session |")
        print("|---|---|---|---|---|")
    for path in a.descriptors:
        with open(path, encoding="utf-8") as f:
            example = json.load(f)
        want = aigov.classify(example, a.as_of)
        tier_at, both_at, total, got = session(example, a.as_of, a.order)
        name = os.path.basename(path)
        if (got.tier, got.gpai) != (want.tier, want.gpai):
            bad += 1
            print("%s: session ended at %s/%s, the descriptor is %s/%s" % (name, got.tier, got.gpai, want.tier, want.gpai),
                  file=sys.stderr)
        show = lambda n: "-" if n is None else str(n)  # noqa: E731
        if a.markdown:
            print("| %s | %s | %s | %s | %d |" % (name, want.tier, show(tier_at), show(both_at), total))
        else:
            print("%-36s %-13s tier after %3s, tier+gpai after %3s, session %3d questions" %
                  (name, want.tier, show(tier_at), show(both_at), total))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
