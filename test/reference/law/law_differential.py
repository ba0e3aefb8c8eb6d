#!/usr/bin/env python3
"""law_differential.py -- differential test of the aigov CLI against law_ref.py.

    law_differential.py --cli BUILD/aigov [--count N] [--seed S] [--jobs J]
                        [--dates D1,D2,...] [--show K] [--no-shrink]

Generates N descriptors (gen_law_descriptors.py), gives each one of the as-of
dates (round robin), runs `aigov eval --ndjson - --as-of D`, and compares with
law_ref.evaluate(): tier, GPAI class, effective roles (when the reference knows
them all), and per provision the earliest applies_from, restricted to the
provisions the reference covers.  Engine obligations are mapped to the
reference's granularity by their first citation ("Art. 16(b)" -> "Art. 16",
"Art. 43(1)(a)-(d); Art. 16(f)" -> "Art. 43(1)"); an engine obligation with
status not_applicable does not apply.  Prints the first disagreements of each
class with a shrunk descriptor, then exactly one line
`law-differential: N passed, M failed`; exits 1 on any failure.
"""
import argparse
import json
import multiprocessing
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import law_ref  # noqa: E402
import gen_law_descriptors as gen  # noqa: E402

DATES = ["2025-08-02", "2026-12-02", "2027-12-02", "2028-08-02", "2030-09-01"]

# reference granularity: article -> paragraph kept or not
WHOLE = {"8", "9", "10", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21", "23", "24",
         "47", "48", "72", "73"}
SPLIT_PARA = {"11", "22", "25", "26", "27", "43", "49", "52", "54", "86", "6"}
NOT_COVERED = {"Art. 10(5)"}  # deleted by 2026/1744 ([M1 ----] after Art. 10(4)); Art. 4a not covered


def map_citation(cit, cid=""):
    """Engine citation -> reference citation, or None when not covered."""
    first = cit.split(";")[0].strip()
    m = re.match(r"Art\. (\d+[a-z]?)(?:\((\d+[a-z]?)\))?(?:\(([a-z]+)\))?(.*)$", first)
    if not m:
        return None
    art, para, point, rest = m.group(1), m.group(2), m.group(3), m.group(4).strip()
    if "Art. %s(%s)" % (art, para) in NOT_COVERED:
        return None
    if art == "4":
        return "Art. 4"
    if art == "5":
        if para == "1" and point:
            return "Art. 5(1)(%s)" % point
        return None
    if art in WHOLE:
        if art == "14" and para == "5":
            return "Art. 14(5)"
        if art == "12" and para == "3":
            return "Art. 12(3)"
        if art == "23" and para == "4":
            return "Art. 23(4)"
        if art == "24" and para == "3":
            return "Art. 24(3)"
        if art == "73" and para == "9":
            return "Art. 73(9)"
        return "Art. %s" % art
    if art == "6":
        return "Art. 6(4)" if para == "4" else None
    if art == "11":
        return "Art. 11(%s)" % para if para in ("1", "2") else None
    if art == "27":
        return "Art. 27(3)" if para == "3" else "Art. 27(1)"
    if art in ("22", "25", "26", "43", "49", "52", "54", "86"):
        if art == "54":
            return "Art. 54(%s)" % para if para in ("1", "3") else None
        if art == "26" and para == "10" and "fifth" in rest:
            return "Art. 26(10), fifth subparagraph"
        if art == "25" and para == "4" and "supplier" in cid:
            return "Art. 25(4), third party"
        return "Art. %s(%s)" % (art, para) if para else None
    if art == "50":
        if para == "4":
            return "Art. 50(4), second subparagraph" if "second" in rest else "Art. 50(4)"
        return "Art. 50(%s)" % para if para else None
    if art in ("53", "55"):
        if art == "53" and para == "3":
            return "Art. 53(3)"
        if para == "1" and point:
            return "Art. %s(1)(%s)" % (art, point)
        return None
    return None


def run_cli(cli, lines, as_of):
    p = subprocess.run([cli, "eval", "--ndjson", "-", "--full", "--as-of", as_of], input="".join(
        ln + "\n" for ln in lines).encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = p.stdout.decode().splitlines()
    if len(out) != len(lines):
        raise RuntimeError("CLI returned %d lines for %d inputs (rc %d): %s" % (
            len(out), len(lines), p.returncode, p.stderr.decode()[:500]))
    return [json.loads(o) for o in out]


def compare(desc_text, report, as_of):
    """List of (signature, message) disagreements."""
    if "error" in report and "classification" not in report:
        return [(("error",), "engine error: %s" % json.dumps(report)[:300])]
    mine = law_ref.evaluate(law_ref.load(desc_text), as_of)
    cl = report["classification"]
    out = []
    if cl["tier"] != mine["tier"]:
        out.append((("tier", cl["tier"], mine["tier"]),
                    "tier: engine %s, reference %s" % (cl["tier"], mine["tier"])))
    if cl["gpai"] != mine["gpai"]:
        out.append((("gpai", cl["gpai"], mine["gpai"]),
                    "gpai: engine %s, reference %s" % (cl["gpai"], mine["gpai"])))
    if mine["roles_determined"] and sorted(cl["roles"]) != sorted(mine["roles"]):
        out.append((("roles", tuple(sorted(set(cl["roles"]) ^ set(mine["roles"])))),
                    "roles: engine %s, reference %s" % (cl["roles"], mine["roles"])))
    holders = {}
    eng = {}
    for o in report["obligations"]:
        if o.get("framework") not in (None, "eu_ai_act") and not o["id"].startswith("eu."):
            continue
        if not o["id"].startswith("eu."):
            continue
        c = map_citation(o["citation"], o["id"])
        if c is None:
            continue
        holders.setdefault(c, set()).update(o["holder"])
        if o["status"] != "not_applicable":
            d = o["applies_from"]
            if c not in eng or d < eng[c]:
                eng[c] = d
    prov = mine["provisions"]
    cits = set(eng) | {c for r in prov for c in prov[r]}
    for c in sorted(cits):
        H = holders.get(c, set())
        mv = [prov[h][c] for h in H if h in prov and c in prov[h]]
        mval = min(mv) if mv else None
        ev = eng.get(c)
        if ev != mval:
            if ev is None:
                kind = "engine: not applicable"
            elif mval is None:
                kind = "reference: not applicable"
            else:
                kind = "date"
            out.append((("prov", c, kind, ev if kind == "date" else "", mval if kind == "date" else ""),
                        "%s: engine %s, reference %s (holders %s)" % (c, ev, mval, sorted(H))))
        for h in prov:
            if c in prov[h] and h not in H:
                out.append((("role-prov", c, h),
                            "%s: reference applies it to %s from %s; engine never gives it to %s"
                            % (c, h, prov[h][c], h)))
    return out


def work(args):
    cli, items = args
    by_date = {}
    for idx, text, d in items:
        by_date.setdefault(d, []).append((idx, text))
    res = []
    for d, lst in by_date.items():
        reps = run_cli(cli, [t for _, t in lst], d)
        for (idx, text), rep in zip(lst, reps):
            res.append((idx, d, text, compare(text, rep, d)))
    return res


def leaves(obj, path=()):
    if isinstance(obj, dict):
        if path:
            yield path
        for k, v in obj.items():
            yield from leaves(v, path + (k,))
    elif isinstance(obj, list) and obj and path and path[-1] == "points":
        yield path
        for i in range(len(obj)):
            yield path + (i,)
    else:
        yield path


def without(obj, path):
    import copy
    o = copy.deepcopy(obj)
    cur = o
    for k in path[:-1]:
        cur = cur[k]
    if isinstance(cur, list):
        del cur[path[-1]]
    else:
        del cur[path[-1]]
    return o


def shrink(cli, text, as_of, sig, budget=40):
    # keep exact number texts: re-parse numbers as Raw
    desc = json.loads(text, parse_float=lambda s: gen.Raw(s), parse_int=lambda s: gen.Raw(s))
    for _ in range(budget):
        # The generator always answers gpai.modifies_other_providers_model false (README,
        # "Adjudicated" D13: the Commission-guidelines modifier path is never compared);
        # the shrinker keeps it, or a minimal descriptor would show that path instead of
        # the disagreement it was found with.
        paths = [p for p in leaves(desc) if p and p not in (
            ("descriptor_version",), ("gpai",), ("gpai", "modifies_other_providers_model"))]
        # larger subtrees first
        paths.sort(key=len)
        cands = [without(desc, p) for p in paths]
        texts = [gen.dumps(c) for c in cands]
        if not texts:
            break
        reps = run_cli(cli, texts, as_of)
        found = None
        for c, t, r in zip(cands, texts, reps):
            if any(s == sig for s, _ in compare(t, r, as_of)):
                found = c
                break
        if found is None:
            break
        desc = found
    return gen.dumps(desc)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(HERE, "..", "..", "..", "build", "aigov"))
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--dates", default=",".join(DATES))
    ap.add_argument("--show", type=int, default=3, help="examples shown per class")
    ap.add_argument("--classes", type=int, default=40, help="classes shown with examples")
    ap.add_argument("--shrink", type=int, default=8, help="classes whose first example is shrunk")
    ap.add_argument("--no-shrink", action="store_true")
    a = ap.parse_args()
    dates = a.dates.split(",")
    chunk = 250

    def chunks():
        buf = []
        for i, t in enumerate(gen.generate(a.count, a.seed)):
            buf.append((i, t, dates[i % len(dates)]))
            if len(buf) == chunk:
                yield (a.cli, buf)
                buf = []
        if buf:
            yield (a.cli, buf)

    classes = {}
    failed = 0
    passed = 0
    src = chunks()
    with multiprocessing.Pool(max(1, a.jobs)) as pool:
        while True:
            batch = [t for _, t in zip(range(4 * max(1, a.jobs)), src)]
            if not batch:
                break
            for res in pool.imap_unordered(work, batch):
                for idx, d, text, dis in res:
                    if dis:
                        failed += 1
                        for sig, msg in dis:
                            cl = classes.setdefault(sig, {"n": 0, "ex": []})
                            cl["n"] += 1
                            if len(cl["ex"]) < a.show:
                                cl["ex"].append((idx, d, text, msg))
                    else:
                        passed += 1
    order = sorted(classes.items(), key=lambda kv: -kv[1]["n"])
    if order:
        print("%d disagreement classes (signature: count):" % len(order))
        for sig, cl in order:
            print("  %6d  %s" % (cl["n"], sig))
        for sig, cl in order[:a.classes]:
            print("\n== %s  (%d descriptors)" % (sig, cl["n"]))
            for n, (idx, d, text, msg) in enumerate(cl["ex"]):
                print("  #%d as-of %s: %s" % (idx, d, msg))
                if n == 0 and not a.no_shrink and order.index((sig, cl)) < a.shrink:
                    try:
                        print("    minimal: " + shrink(a.cli, text, d, sig))
                    except Exception as e:  # noqa: BLE001
                        print("    (shrink failed: %s)" % e)
                        print("    descriptor: " + text)
                elif n == 0:
                    print("    descriptor: " + text)
    print("law-differential: %d passed, %d failed" % (passed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
