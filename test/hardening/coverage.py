#!/usr/bin/env python3
"""Summarises gcov line and branch coverage of lib/ (gcov -b -c over the
objects of the coverage build) and fails under the given branch minimum.
   coverage.py OBJDIR MIN_BRANCH_PERCENT"""
import glob
import os
import re
import subprocess
import sys


def main():
    objdir, minimum = sys.argv[1], float(sys.argv[2])
    lines_total = lines_hit = br_total = br_taken = 0
    rows = []
    for gcda in sorted(glob.glob(os.path.join(objdir, "**", "*.gcda"), recursive=True)):
        out = subprocess.run(["gcov", "-b", "-c", "-n", "-o", os.path.dirname(gcda), gcda],
                             capture_output=True, text=True).stdout
        cur, fresh = None, False
        for line in out.splitlines():
            m = re.match(r"File '(.+)'", line)
            if m:
                cur = m.group(1)
                fresh = True
                continue
            if line.startswith("Calls executed") or not line.strip():
                cur = None  # gcov ends with a summary that belongs to no file
                continue
            if not cur or not cur.startswith("lib/") or not cur.endswith(".c") or cur.startswith("lib/compile/rulec_main"):
                continue
            m = re.match(r"Lines executed:([\d.]+)% of (\d+)", line)
            if m and fresh:
                fresh = False
                n = int(m.group(2))
                h = round(float(m.group(1)) * n / 100)
                lines_total += n
                lines_hit += h
                rows.append([cur, float(m.group(1)), n, None])
            m = re.match(r"Taken at least once:([\d.]+)% of (\d+)", line)
            if m and rows and rows[-1][0] == cur:
                n = int(m.group(2))
                br_total += n
                br_taken += round(float(m.group(1)) * n / 100)
                rows[-1][3] = float(m.group(1))
    if not lines_total:
        print("coverage: no data")
        return 1
    for name, lp, n, bp in sorted(rows, key=lambda r: (r[3] if r[3] is not None else 100)):
        print("  %-36s lines %5.1f%%  branches %s" % (name, lp, "%5.1f%%" % bp if bp is not None else "  n/a"))
    lp = 100.0 * lines_hit / lines_total
    bp = 100.0 * br_taken / br_total if br_total else 100.0
    print("coverage: lib/ lines %.1f%% (%d/%d), branches %.1f%% (%d/%d); minimum branches %.1f%%"
          % (lp, lines_hit, lines_total, bp, br_taken, br_total, minimum))
    return 0 if bp >= minimum else 1


if __name__ == "__main__":
    sys.exit(main())
