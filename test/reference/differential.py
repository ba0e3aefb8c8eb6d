#!/usr/bin/env python3
"""Differential test: random valid descriptors through the C engine (the CLI's
batch mode) and through the independent Python evaluator; compares tier,
GPAI class, roles, every obligation's status, date and in_force, and the
questions in order.   differential.py [--count N] [--seed S] [--cli build/aigov]"""
import argparse
import importlib.util
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import aigov_ref  # noqa: E402

spec = importlib.util.spec_from_file_location("gen_corpus", os.path.join(HERE, "..", "bench", "gen_corpus.py"))
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

DATES = ["2025-06-01", "2026-11-22", "2026-12-02", "2027-12-02", "2028-08-02", "2030-08-02"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--cli", default="build/aigov")
    ap.add_argument("--rules", default="rules")
    ap.add_argument("--batch", type=int, default=2000)
    a = ap.parse_args()
    rs = aigov_ref.RuleSet(a.rules)
    facts, evidence = gen.load_facts(a.rules)
    rng = random.Random(a.seed)
    passed = failed = 0
    shown = 0
    done = 0
    while done < a.count:
        n = min(a.batch, a.count - done)
        as_of = DATES[(done // a.batch) % len(DATES)]
        docs = [gen.descriptor(rng, facts, evidence) for _ in range(n)]
        payload = "".join(json.dumps(d, separators=(",", ":")) + "\n" for d in docs)
        out = subprocess.run([a.cli, "eval", "--ndjson", "-", "--as-of", as_of, "--jobs", "2"],
                             input=payload.encode(), capture_output=True, check=True)
        lines = out.stdout.decode().splitlines()
        if len(lines) != n:
            print("differential: the CLI returned %d lines for %d descriptors" % (len(lines), n))
            return 1
        for doc, line in zip(docs, lines):
            c = json.loads(line)
            r = aigov_ref.Evaluation(rs, doc, as_of).report()
            problems = []
            if "error" in c:
                problems.append("C rejected a valid descriptor: %s" % c["error"])
            else:
                cl = c["classification"]
                for k in ("tier", "gpai", "roles"):
                    if cl[k] != r[k]:
                        problems.append("%s: C %s, reference %s" % (k, cl[k], r[k]))
                for o in c["obligations"]:
                    ro = r["obligations"][o["id"]]
                    for k in ("status", "applies_from", "in_force"):
                        if o[k] != ro[k]:
                            problems.append("%s %s: C %s, reference %s" % (o["id"], k, o[k], ro[k]))
                cq = [q["fact"] for q in c["questions"]]
                if cq != r["questions"]:
                    problems.append("questions differ: C %s... reference %s..." % (cq[:6], r["questions"][:6]))
            if problems:
                failed += 1
                if shown < 5:
                    shown += 1
                    print("DISAGREE as of %s: %s\n  descriptor: %s" % (as_of, "; ".join(problems[:4]),
                                                                       json.dumps(doc)[:600]))
            else:
                passed += 1
        done += n
    print("differential: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
