#!/usr/bin/env python3
"""Python binding throughput on the bench corpus (a directory of descriptor
files): full report path (render + json.loads), summary path (classify, no
JSON), and resident memory across many evaluations after warm-up."""
import glob
import os
import sys
import time

import aigov


def rss_kb() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def rate(fn, docs, seconds=2.0):
    n, t0 = 0, time.perf_counter()
    while True:
        for d in docs:
            fn(d)
        n += len(docs)
        el = time.perf_counter() - t0
        if el >= seconds:
            return n / el


def main():
    corpus = sys.argv[1]
    mem_evals = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    docs = []
    for p in sorted(glob.glob(os.path.join(corpus, "*.json"))):
        with open(p, "rb") as f:
            docs.append(f.read())
    as_of = "2028-01-01"
    with aigov.Evaluator() as ev:
        full = rate(lambda d: ev.evaluate(d, as_of), docs[:1000])
        summary = rate(lambda d: ev.classify(d, as_of), docs)
        for d in docs[:2000]:  # warm-up
            ev.classify(d, as_of)
            ev.render(d, as_of)
        base = rss_kb()
        i = 0
        while i < mem_evals:
            for d in docs:
                if i % 10 == 0:
                    ev.render(d, as_of)
                else:
                    ev.classify(d, as_of)
                i += 1
                if i >= mem_evals:
                    break
        growth = rss_kb() - base
    print("python: full_per_s=%.0f summary_per_s=%.0f rss_growth_kb=%d evals=%d" % (full, summary, growth, mem_evals))


if __name__ == "__main__":
    main()
