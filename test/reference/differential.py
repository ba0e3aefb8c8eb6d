#!/usr/bin/env python3
"""Differential test: random valid descriptors (gen_descriptors.py) through
the C engine (the CLI's batch mode, `aigov eval --ndjson - --as-of D`) and
through the independent Python evaluator (aigov_ref.py), compared on:

  tier, gpai, possible tiers and GPAI classes, effective roles; the reported
  rules (ids, in table order) and for each its kind, status, applies_from and
  in_force; the questions (facts in order, affects_tier, affects_gpai and the
  rules each affects); the summary counts. A share (--portfolios) of the
  descriptors hold several systems: each system and the organisation's own
  rules are compared likewise (aigov_ref.py, R10). possible_tiers and
  possible_gpai are compared as sets (the README gives no order).

Before anything, the CLI's rules_hash must be that of rules/ (else: run make).
Descriptor i is evaluated as of DATES[(i // chunk) % len(DATES)]. Prints the
first --show disagreements with their descriptor (the first --minimise of them
shrunk to a minimal descriptor that still disagrees), and last, exactly:

    differential: N passed, M failed

Exit status 1 on any failure (or when the CLI misbehaves), else 0.

    differential.py [--count N] [--seed S] [--cli build/aigov] [--jobs J]
                    [--dates D1,D2,...] [--report-schema rules/report.schema.json --schema-every K]
"""
import argparse
import json
import multiprocessing
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import aigov_ref  # noqa: E402
import gen_descriptors  # noqa: E402

DATES = ["2026-11-22", "2027-12-02", "2028-08-02"]

_state = {}


def init(opts):
    _state["opts"] = opts
    _state["rs"] = aigov_ref.RuleSet(opts.rules)
    _state["cat"] = gen_descriptors.Catalogue(opts.rules)
    if opts.report_schema:
        import jsonschema
        with open(opts.report_schema, encoding="utf-8") as f:
            schema = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        _state["validator"] = jsonschema.Draft202012Validator(schema)


def run_cli(cli, lines, as_of):
    payload = "".join(line + "\n" for line in lines).encode("utf-8")
    try:
        out = subprocess.run([cli, "eval", "--ndjson", "-", "--full", "--as-of", as_of, "--jobs", "1"],
                             input=payload, capture_output=True)
    except OSError as e:
        raise RuntimeError("cannot run %s: %s" % (cli, e))
    if out.returncode not in (0, 1):
        raise RuntimeError("the CLI exited with %d: %s" % (out.returncode, out.stderr.decode()[:500]))
    # latin-1 is a fast 1:1 decoding; the parts compared (ids, enums, dates, facts) are ASCII,
    # and a line validated against the report schema is decoded again as UTF-8 (check()).
    got = out.stdout.split(b"\n")
    if got and got[-1] == b"":
        got.pop()
    got = [g.decode("latin-1") for g in got]
    if len(got) != len(lines):
        raise RuntimeError("the CLI returned %d lines for %d descriptors" % (len(got), len(lines)))
    return got


def summary_of(ref):
    s = {"total": 0, "met": 0, "gap": 0, "unknown": 0, "not_applicable": 0}
    in_force_gaps = 0
    for o in ref["obligations"].values():
        s["total"] += 1
        s[o["status"]] += 1
        if o["status"] == "gap" and o["in_force"]:
            in_force_gaps += 1
    return s, in_force_gaps


def diff(c, ref):
    """Problems as (kind, text); kind groups the same disagreement for shrinking."""
    if "error" in c:
        return [("error", "C rejected a valid descriptor: %s" % json.dumps(c["error"]))]
    p = []
    cl = c["classification"]
    for k in ("tier", "gpai", "roles"):
        if cl.get(k) != ref[k]:
            p.append((k, "%s: C %s, reference %s" % (k, cl.get(k), ref[k])))
    for k in ("possible_tiers", "possible_gpai"):      # order: see the report for the reading
        if sorted(cl.get(k) or []) != sorted(ref[k]):
            p.append((k, "%s: C %s, reference %s" % (k, cl.get(k), ref[k])))
    cids = [o["id"] for o in c["obligations"]]
    if cids != ref["order"]:
        p.append(("order", "reported rules differ: C has %d, reference %d; first difference %s" % (
            len(cids), len(ref["order"]),
            next(((a, b) for a, b in zip(cids + [None] * len(ref["order"]), ref["order"] + [None] * len(cids))
                  if a != b), None))))
    for o in c["obligations"]:
        ro = ref["obligations"].get(o["id"])
        if ro is None:
            continue
        for k in ("kind", "status", "applies_from", "in_force"):
            if o.get(k) != ro[k]:
                p.append(("%s:%s" % (k, o["id"]), "%s %s: C %s, reference %s" % (o["id"], k, o.get(k), ro[k])))
    cq = [q["fact"] for q in c["questions"]]
    rq = [q["fact"] for q in ref["questions"]]
    if cq != rq:
        only_c = [f for f in cq if f not in rq]
        only_r = [f for f in rq if f not in cq]
        if only_c or only_r:
            p.append(("questions", "questions differ: only C %s; only reference %s" % (only_c[:8], only_r[:8])))
        else:
            i = next(i for i, (a, b) in enumerate(zip(cq, rq)) if a != b)
            p.append(("question-order", "question order differs at %d: C %s, reference %s" % (i, cq[i:i + 5], rq[i:i + 5])))
    else:
        for q, rqq in zip(c["questions"], ref["questions"]):
            for k in ("affects_tier", "affects_gpai", "affects"):
                if q.get(k) != rqq[k]:
                    p.append(("q-%s" % k, "question %s %s: C %s, reference %s" % (q["fact"], k, q.get(k), rqq[k])))
    s, ifg = summary_of(ref)
    cs = c.get("summary", {})
    for k, v in s.items():
        if cs.get(k) != v:
            p.append(("summary", "summary.%s: C %s, reference %s" % (k, cs.get(k), v)))
    if cs.get("in_force_gaps") != ifg:
        p.append(("summary", "summary.in_force_gaps: C %s, reference %s" % (cs.get("in_force_gaps"), ifg)))
    if cs.get("questions") != len(rq):
        p.append(("summary", "summary.questions: C %s, reference %s" % (cs.get("questions"), len(rq))))
    if c.get("as_of") is None:
        p.append(("as_of", "no as_of in the report"))
    return p


_STR = r'"(?:[^"\\]|\\.)*"'
_OBLIGATION = re.compile(r'\{"id":"([^"]+)","framework":"[^"]*","kind":"(\w+)","citation":' + _STR + r',"title":' + _STR +
                         r',"holder":\[[^\]]*\],"applies_from":"([0-9-]+)","in_force":(true|false),"status":"(\w+)",')
_decoder = json.JSONDecoder()


def parse_report(text):
    """The parts of a report the comparison needs. A report is ~200 KB (reasons, crosswalks,
    penalties); rather than json.loads all of it, read the classification, questions and
    summary with the JSON decoder and the obligations' heads with a regular expression that
    relies on the documented key order. Anything unexpected falls back to json.loads."""
    try:
        if not text.startswith('{"engine":'):
            raise ValueError("not a report")
        i = text.index(',"as_of":"')
        as_of = text[i + 10:i + 20]
        i = text.index(',"classification":', i)
        cl, i = _decoder.raw_decode(text, i + 18)
        if not text.startswith(',"obligations":[', i):
            raise ValueError("obligations")
        j = text.index('],"questions":[')
        obligations = [{"id": m.group(1), "kind": m.group(2), "applies_from": m.group(3),
                        "in_force": m.group(4) == "true", "status": m.group(5)}
                       for m in _OBLIGATION.finditer(text, i, j)]
        questions, k = _decoder.raw_decode(text, j + 14)
        if not text.startswith(',"summary":', k):
            raise ValueError("summary")
        summary, _ = _decoder.raw_decode(text, k + 11)
        if len(obligations) != summary.get("total"):
            raise ValueError("obligation count")
        return {"as_of": as_of, "classification": cl, "obligations": obligations, "questions": questions,
                "summary": summary}
    except ValueError:
        return json.loads(text)


def check(line, out_line, as_of, rs, full=False):
    if out_line.startswith('{"engine":') and rs.hash not in out_line[:300]:
        return [("rules_hash", "the report's rules_hash is not that of the rule sources (rebuilt meanwhile?)")], {}
    doc = json.loads(line)
    if "systems" in doc:
        c = json.loads(out_line.encode("latin-1").decode("utf-8"))
        ref = aigov_ref.evaluate_portfolio(rs, doc, as_of)
        if len(doc["systems"]) == 1 and "systems" not in c:     # one system: a single report (R10)
            return diff(c, ref["single"]), c
        return diff_portfolio(c, ref, as_of), c
    c = json.loads(out_line.encode("latin-1").decode("utf-8")) if full else parse_report(out_line)
    ref = aigov_ref.evaluate(rs, doc, as_of)
    if c.get("as_of") not in (None, as_of):
        return [("as_of", "as_of: C %s, expected %s" % (c.get("as_of"), as_of))], c
    return diff(c, ref), c


def diff_portfolio(c, ref, as_of):
    if "error" in c:
        return [("error", "C rejected a valid descriptor: %s" % json.dumps(c["error"]))]
    if "systems" not in c or "organisation" not in c:
        return [("portfolio", "not a portfolio report: keys %s" % list(c))]
    p = []
    if c.get("as_of") != as_of:
        p.append(("as_of", "as_of: C %s, expected %s" % (c.get("as_of"), as_of)))
    if len(c["systems"]) != len(ref["systems"]):
        return p + [("portfolio", "C reports %d systems, the descriptor has %d" % (len(c["systems"]), len(ref["systems"])))]
    for i, (cs, rsys) in enumerate(zip(c["systems"], ref["systems"])):
        if cs.get("index") != i:
            p.append(("portfolio", "system %d has index %s" % (i, cs.get("index"))))
        p += [("system-" + k, "system %d: %s" % (i, text)) for k, text in diff(dict(cs, as_of=as_of), rsys)]
    org = dict(c["organisation"], classification=None, questions=None)
    for k, text in diff_organisation(org, ref["organisation"]):
        p.append(("organisation-" + k, "organisation: " + text))
    return p


def diff_organisation(c, ref):
    p = []
    cids = [o["id"] for o in c["obligations"]]
    if cids != ref["order"]:
        p.append(("order", "organisation rules differ: C %d, reference %d" % (len(cids), len(ref["order"]))))
    for o in c["obligations"]:
        ro = ref["obligations"].get(o["id"])
        if ro is None:
            continue
        for k in ("kind", "status", "applies_from", "in_force"):
            if o.get(k) != ro[k]:
                p.append(("%s:%s" % (k, o["id"]), "%s %s: C %s, reference %s" % (o["id"], k, o.get(k), ro[k])))
    s, ifg = summary_of(ref)
    for k, v in s.items():
        if c["summary"].get(k) != v:
            p.append(("summary", "summary.%s: C %s, reference %s" % (k, c["summary"].get(k), v)))
    if c["summary"].get("in_force_gaps") != ifg:
        p.append(("summary", "summary.in_force_gaps: C %s, reference %s" % (c["summary"].get("in_force_gaps"), ifg)))
    return p


def work(chunk):
    start, n, as_of = chunk
    opts, rs, cat = _state["opts"], _state["rs"], _state["cat"]
    lines = list(gen_descriptors.lines(cat, opts.seed, start, n, opts.portfolios))
    try:
        outs = run_cli(opts.cli, lines, as_of)
    except RuntimeError as e:
        return start, 0, n, [(start, as_of, [("cli", str(e))], lines[0])], 0, [], {"cli": n}
    passed, failed, failures, checked, schema_errors = 0, 0, [], 0, []
    kinds = {}
    for i, (line, out_line) in enumerate(zip(lines, outs)):
        validate = "validator" in _state and (start + i) % opts.schema_every == 0
        problems, c = check(line, out_line, as_of, rs, full=validate)
        if validate:
            checked += 1
            errs = list(_state["validator"].iter_errors(c))
            if errs:
                e = errs[0]
                schema_errors.append((start + i, as_of, "%s at /%s" % (e.message[:300], "/".join(map(str, e.path)))))
        if problems:
            failed += 1
            for k in {k.split(":")[0] for k, _ in problems}:
                kinds[k] = kinds.get(k, 0) + 1
            if len(failures) < opts.show:
                failures.append((start + i, as_of, problems, line))
        else:
            passed += 1
    return start, passed, failed, failures, checked, schema_errors, kinds


def same_problem(cli, rs, line, as_of, kinds):
    out = run_cli(cli, [line], as_of)[0]
    problems, _ = check(line, out, as_of, rs)
    return any(k in kinds for k, _ in problems)


def shrink(cli, rs, line, as_of, problems, budget=200):
    """Greedy delta debugging: drop facts (and evidence items) while the
    first kind of disagreement persists. Returns the smallest descriptor found."""
    kinds = {problems[0][0]}
    doc = json.loads(line)

    def leaves(d, prefix=()):
        for k, v in d.items():
            if isinstance(v, dict) and not (len(prefix) == 1 and prefix[0] == "evidence"):
                yield from leaves(v, prefix + (k,))
            else:
                yield prefix + (k,)

    def without(d, path):
        d = json.loads(json.dumps(d))
        cur = d
        stack = []
        for k in path[:-1]:
            stack.append((cur, k))
            cur = cur[k]
        del cur[path[-1]]
        for parent, k in reversed(stack):
            if not parent[k]:
                del parent[k]
        return d

    calls = 0
    changed = True
    while changed and calls < budget:
        changed = False
        paths = list(leaves(doc))
        # first try dropping big groups, then single leaves
        groups = {}
        for p in paths:
            groups.setdefault(p[:1], []).append(p)
        for group in [g for g in groups.values() if len(g) > 1] + [[p] for p in paths]:
            cand = doc
            for p in group:
                cand = without(cand, p)
            calls += 1
            if calls > budget:
                break
            if same_problem(cli, rs, json.dumps(cand, ensure_ascii=False), as_of, kinds):
                doc = cand
                changed = True
                break
    return json.dumps(doc, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description="differential test of the C engine against aigov_ref.py")
    ap.add_argument("--count", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=20261122)
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "aigov"))
    ap.add_argument("--rules", default=os.path.join(ROOT, "rules"))
    ap.add_argument("--dates", default=",".join(DATES))
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--chunk", type=int, default=250)
    ap.add_argument("--show", type=int, default=20)
    ap.add_argument("--minimise", type=int, default=3, help="shrink the first N disagreements shown")
    ap.add_argument("--report-schema", default=None, help="also validate sampled C reports against this schema")
    ap.add_argument("--schema-every", type=int, default=50)
    ap.add_argument("--portfolios", type=float, default=0.02, help="share of several-systems descriptors")
    ap.add_argument("--quiet", action="store_true")
    opts = ap.parse_args()
    dates = opts.dates.split(",")
    chunks = []
    for k, start in enumerate(range(0, opts.count, opts.chunk)):
        chunks.append((start, min(opts.chunk, opts.count - start), dates[k % len(dates)]))
    t0 = time.time()
    # The CLI must have been built from these very rule sources.
    rs = aigov_ref.RuleSet(opts.rules)
    try:
        first = json.loads(run_cli(opts.cli, ["{}"], dates[0])[0])
    except (RuntimeError, OSError, ValueError) as e:
        print("differential: cannot run %s: %s" % (opts.cli, e))
        print("differential: 0 passed, %d failed" % opts.count)
        return 1
    if first.get("engine", {}).get("rules_hash") != rs.hash:
        print("differential: %s was built from other rule sources (rules_hash %s) than %s (%s): run make"
              % (opts.cli, first.get("engine", {}).get("rules_hash"), opts.rules, rs.hash))
        print("differential: 0 passed, %d failed" % opts.count)
        return 1
    passed = failed = checked = 0
    failures, schema_errors = [], []
    if opts.jobs > 1:
        pool = multiprocessing.Pool(opts.jobs, initializer=init, initargs=(opts,))
        results = pool.imap(work, chunks)
    else:
        init(opts)
        pool = None
        results = map(work, chunks)
    done = 0
    kinds = {}
    for start, p, f, fl, ck, se, kd in results:
        for k, v in kd.items():
            kinds[k] = kinds.get(k, 0) + v
        passed += p
        failed += f
        checked += ck
        schema_errors += se
        failures += fl[:max(0, opts.show - len(failures))]
        done += p + f
        if not opts.quiet and sys.stderr.isatty():
            sys.stderr.write("\r%d/%d (%d failed) %.0fs " % (done, opts.count, failed, time.time() - t0))
    if pool:
        pool.close()
        pool.join()
    if not opts.quiet and sys.stderr.isatty():
        sys.stderr.write("\n")
    if failures:
        if "rs" not in _state:
            init(opts)
        rs = _state["rs"]
        for n, (index, as_of, problems, line) in enumerate(failures):
            print("DISAGREE #%d (descriptor %d, seed %d, as of %s):" % (n + 1, index, opts.seed, as_of))
            for _, text in problems[:6]:
                print("  " + text)
            if len(problems) > 6:
                print("  ... and %d more" % (len(problems) - 6))
            print("  descriptor: " + line)
            if n < opts.minimise and problems[0][0] != "cli":
                small = shrink(opts.cli, rs, line, as_of, problems)
                print("  minimal (same kind '%s'): %s" % (problems[0][0], small))
    for index, as_of, msg in schema_errors[:opts.show]:
        print("SCHEMA descriptor %d as of %s: the report does not validate: %s" % (index, as_of, msg))
    if kinds:
        print("disagreements by kind (descriptors): " + ", ".join("%s %d" % kv for kv in sorted(kinds.items(), key=lambda kv: -kv[1])))
    if opts.report_schema:
        print("report schema: %d reports checked, %d invalid" % (checked, len(schema_errors)))
    print("differential: %d passed, %d failed" % (passed, failed))
    return 1 if failed or schema_errors else 0


if __name__ == "__main__":
    sys.exit(main())
