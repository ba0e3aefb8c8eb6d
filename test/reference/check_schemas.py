#!/usr/bin/env python3
"""Schema and golden checks for `make test-reference` (needs jsonschema):

  1. rules/rules.schema.json and rules/report.schema.json are valid draft
     2020-12 schemas; every rule source (rules/**/*.json but the schemas)
     validates against rules.schema.json;
  2. the schema is strict: mutations of a real rule that the compiler
     rejects (unknown keys, a missing required key, a test with two
     operators, a non-existent calendar day, two default date cases, ...)
     fail it;
  3. every example descriptor (examples/descriptors, examples/portfolio) and
     every golden descriptor that is not expected to fail validates against
     rules/descriptor.schema.json (formats checked);
  4. the CLI's report of each of them (examples as of several dates, golden
     cases as of their own date) validates against rules/report.schema.json, and so
     does every committed full golden report (test/golden/full/*.report.json);
     (the differential validates a sample of the reports of random descriptors);
     mutations of a report (an extra key, a wrong enum) fail it;
  5. the reference evaluator agrees with the expectations of every golden
     case (tier, gpai, roles, statuses, in_force, rule values, questions) and
     with every full golden report.

    check_schemas.py [--cli build/aigov]

Last line: `schemas: N checked, M failed`; exit 1 on any failure.
"""
import argparse
import copy
import glob
import json
import os
import subprocess
import sys

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import aigov_ref  # noqa: E402
import differential  # noqa: E402

DATES = ["2025-06-01", "2026-11-22", "2027-12-02", "2028-08-02", "2031-01-01"]


class Checker:
    def __init__(self):
        self.checked = 0
        self.failed = 0

    def ok(self, cond, what):
        self.checked += 1
        if not cond:
            self.failed += 1
            print("FAIL " + what)

    def valid(self, validator, doc, what):
        e = jsonschema.exceptions.best_match(validator.iter_errors(doc))
        detail = ""
        if e is not None:
            detail = ": %s at /%s" % (e.message[:300], "/".join(map(str, e.absolute_path)))
        self.ok(e is None, what + detail)

    def invalid(self, validator, doc, what):
        self.ok(not validator.is_valid(doc), what + ": the schema accepts it")


def load_validator(path, formats=False):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    if formats:
        return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    return jsonschema.Draft202012Validator(schema)


def rule_mutations(sources):
    """(what, document) pairs the compiler rejects, made from real sources."""
    out = []
    by_kind = {}
    for path, doc in sources:
        for i, r in enumerate(doc.get("rules", [])):
            by_kind.setdefault(r["kind"], (path, doc, i))
    fact_src = next((p, d) for p, d in sources if d.get("facts"))

    def rule_variant(kind, change, what):
        if kind not in by_kind:
            return
        path, doc, i = by_kind[kind]
        d = copy.deepcopy(doc)
        change(d["rules"][i])
        out.append(("%s (%s rule %s)" % (what, kind, d["rules"][i]["id"]), d))

    rule_variant("obligation", lambda r: r.pop("evidence"), "an obligation without evidence")
    rule_variant("obligation", lambda r: r.pop("applies_from"), "an obligation without applies_from")
    rule_variant("obligation", lambda r: r.__setitem__("classifies", "high_risk"), "an obligation that classifies")
    rule_variant("obligation", lambda r: r.__setitem__("evidence", []), "an empty evidence list")
    rule_variant("obligation", lambda r: r.__setitem__("holder", ["provider", "provider"]), "a duplicate holder")
    rule_variant("obligation", lambda r: r.__setitem__("holder", ["vendor"]), "an unknown holder")
    rule_variant("obligation", lambda r: r.__setitem__("applies_from", "2027-02-29"), "a day that does not exist")
    rule_variant("obligation", lambda r: r.__setitem__("applies_from", "2027-13-01"), "month 13")
    rule_variant("obligation", lambda r: r.__setitem__("applies_from", [{"date": "2027-12-02"}, {"date": "2028-08-02"}]),
                 "two default date cases")
    rule_variant("obligation", lambda r: r.__setitem__("applies_from", [{"if": True, "date": "2027-12-02"}]),
                 "no default date case")
    rule_variant("obligation", lambda r: r.__setitem__("applies_from", []), "no date case at all")
    rule_variant("obligation", lambda r: r.__setitem__("within", True), "an obligation with within")
    rule_variant("obligation", lambda r: r.__setitem__("severity", "high"), "an unknown rule key")
    rule_variant("obligation", lambda r: r.__setitem__("id", "Eu.Bad"), "an id with capitals")
    rule_variant("obligation", lambda r: r.__setitem__("id", "single"), "an id with one segment")
    rule_variant("obligation", lambda r: r.__setitem__("when", {"all": []}), "an empty all")
    rule_variant("obligation", lambda r: r.__setitem__("when", {"any": [True], "all": [True]}), "two operators in one condition")
    rule_variant("obligation", lambda r: r.__setitem__("when", {"fact": "system.is_ai_system", "is": True, "eq": "x"}),
                 "a fact test with two operators")
    rule_variant("obligation", lambda r: r.__setitem__("when", {"fact": "system.is_ai_system"}), "a fact test without operator")
    rule_variant("obligation", lambda r: r.__setitem__("when", {"fact": "system.is_ai_system", "is": "yes"}), "is with a string")
    rule_variant("obligation", lambda r: r.__setitem__("when", {"as_of": {"gte": "2026-12-02", "lt": "2030-01-01"}}),
                 "as_of with two comparisons")
    rule_variant("obligation", lambda r: r.__setitem__("when", {"as_of": {"gte": "2026-2-2"}}), "a malformed as_of date")
    rule_variant("obligation", lambda r: r.__setitem__("when", {"rule": "nodots"}), "a malformed rule reference")
    rule_variant("obligation", lambda r: r.__setitem__("when", "true"), "a condition that is a string")
    rule_variant("obligation", lambda r: r.__setitem__("crosswalk", {"beyond": "x"}), "a crosswalk without iso")
    rule_variant("definition", lambda r: r.__setitem__("holder", ["provider"]), "a definition with a holder")
    rule_variant("definition", lambda r: r.__setitem__("applies_from", "2027-12-02"), "a definition with applies_from")
    rule_variant("definition", lambda r: r.__setitem__("confers_role", "organisation"), "conferring the organisation role")
    rule_variant("definition", lambda r: r.__setitem__("classifies", "minimal"), "classifying minimal")
    rule_variant("prohibition", lambda r: r.__setitem__("classifies", "high_risk"), "a prohibition classifying high_risk")
    rule_variant("prohibition", lambda r: r.__setitem__("evidence", ["fria"]), "a prohibition with evidence")
    rule_variant("finding", lambda r: r.__setitem__("penalty", "art99_4"), "a finding with a penalty")
    rule_variant("finding", lambda r: r.pop("holder"), "a finding without holder")

    path, doc = fact_src

    def fact_variant(pred, change, what):
        d = copy.deepcopy(doc)
        for f in d["facts"]:
            if pred(f):
                change(f)
                out.append(("%s (fact %s)" % (what, f["id"]), d))
                return

    fact_variant(lambda f: f["type"] == "enum", lambda f: f.pop("values"), "an enum fact without values")
    fact_variant(lambda f: f["type"] == "bool", lambda f: f.__setitem__("values", ["a"]), "a bool fact with values")
    fact_variant(lambda f: f["type"] == "number", lambda f: f.pop("max"), "a number fact without max")
    fact_variant(lambda f: f["type"] == "string", lambda f: f.pop("max_length"), "a string fact without max_length")
    fact_variant(lambda f: f["type"] == "string", lambda f: f.__setitem__("max_length", 5000), "max_length over 4096")
    fact_variant(lambda f: f["type"] == "bool", lambda f: f.__setitem__("type", "boolean"), "an unknown fact type")
    fact_variant(lambda f: f["type"] == "bool", lambda f: f.pop("ask"), "a fact without ask")
    fact_variant(lambda f: f["type"] == "bool", lambda f: f.__setitem__("id", "evidence.x"), "a fact under evidence.")
    fact_variant(lambda f: f["type"] == "enum", lambda f: f.__setitem__("values", f["values"] + f["values"][:1]),
                 "duplicate values")
    out.append(("a file without format", {k: v for k, v in doc.items() if k != "format"}))
    out.append(("another format version", dict(doc, format="aigov-rules/2")))
    out.append(("an unknown top-level key", dict(doc, extra=[])))
    named = next((d for p, d in sources if d.get("dates")), None)
    if named:   # named date cases (the compiler's own checks: test/unit/test_compile_errors.c)
        def date_variant(change, what):
            d = copy.deepcopy(named)
            change(d["dates"][0])
            out.append(("%s (date case %s)" % (what, named["dates"][0]["id"]), d))
        date_variant(lambda b: b.pop("citation"), "a named date case without citation")
        date_variant(lambda b: b.__setitem__("cases", []), "a named date case without cases")
        date_variant(lambda b: b.__setitem__("id", "2027-12-02"), "a named date case named like a date")
        date_variant(lambda b: b["cases"].append({"use": "eu.dates.x", "date": "2027-12-02"}),
                     "a case that uses a named date case and has a date")
    man = next((d for p, d in sources if "manifest" in d), None)
    if man:
        d = copy.deepcopy(man)
        d["manifest"]["frameworks"] = []
        out.append(("a manifest without frameworks", d))
    return out


def report_mutations(rep):
    out = []
    d = copy.deepcopy(rep)
    d["extra"] = 1
    out.append(("an extra top-level key", d))
    d = copy.deepcopy(rep)
    d["classification"]["tier"] = "very_high"
    out.append(("an unknown tier", d))
    d = copy.deepcopy(rep)
    if d.get("obligations"):
        d["obligations"][0]["status"] = "done"
        out.append(("an unknown status", d))
        d = copy.deepcopy(rep)
        del d["obligations"][0]["in_force"]
        out.append(("an obligation without in_force", d))
        d = copy.deepcopy(rep)
        d["obligations"][0]["applies_from"] = "2027-02-30"
        out.append(("a day that does not exist", d))
    d = copy.deepcopy(rep)
    d["engine"]["rules_hash"] = "md5:00"
    out.append(("a malformed rules_hash", d))
    d = copy.deepcopy(rep)
    d["classification"]["possible_tiers"] = ["high_risk", "minimal"]
    d["classification"]["tier"] = "high_risk"
    out.append(("a decided tier with two possible tiers", d))
    return out


def run_ndjson(cli, texts, as_of):
    payload = "".join(json.dumps(json.loads(t), separators=(",", ":")) + "\n" for t in texts).encode()
    out = subprocess.run([cli, "eval", "--ndjson", "-", "--as-of", as_of, "--jobs", "2"], input=payload,
                         capture_output=True)
    lines = out.stdout.decode("utf-8").splitlines()
    if len(lines) != len(texts):
        raise RuntimeError("the CLI returned %d lines for %d descriptors: %s" % (len(lines), len(texts),
                                                                                 out.stderr.decode()[:300]))
    return [json.loads(x) for x in lines]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=os.path.join(ROOT, "build", "aigov"))
    ap.add_argument("--root", default=ROOT)
    a = ap.parse_args()
    os.chdir(a.root)
    ck = Checker()
    rules_v = load_validator("rules/rules.schema.json")
    report_v = load_validator("rules/report.schema.json")
    desc_v = load_validator("rules/descriptor.schema.json", formats=True)

    # 1, 2: rule sources
    sources = []
    for path in aigov_ref.rule_sources("rules"):
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        sources.append((path, doc))
        ck.valid(rules_v, doc, "%s against rules.schema.json" % path)
    for what, doc in rule_mutations(sources):
        ck.invalid(rules_v, doc, "rules.schema.json strictness: " + what)

    # 3: descriptors
    descriptors = []  # (name, text, own as_of)
    for f in sorted(glob.glob("examples/descriptors/*.json") + glob.glob("examples/portfolio/*.json")):
        with open(f, encoding="utf-8") as fh:
            descriptors.append((f, fh.read(), None))
    golden = []
    for f in sorted(glob.glob("test/golden/*.json") + glob.glob("test/golden/full/*.json")):
        if f.endswith(".report.json"):
            continue
        with open(f, encoding="utf-8") as fh:
            case = json.load(fh)
        if not isinstance(case.get("descriptor"), dict) or (case.get("expect") or {}).get("error"):
            continue
        golden.append((f, case))
        descriptors.append((f, json.dumps(case["descriptor"]), case.get("as_of")))
    for name, text, _ in descriptors:
        ck.valid(desc_v, json.loads(text), "%s against descriptor.schema.json" % name)

    # 4: reports: the examples at several dates, the golden descriptors at their own
    sample = None
    examples = [(n, t, d) for n, t, d in descriptors if not d]
    for as_of in DATES:
        for (name, _, _), rep in zip(examples, run_ndjson(a.cli, [t for _, t, _ in examples], as_of)):
            ck.valid(report_v, rep, "report of %s as of %s against report.schema.json" % (name, as_of))
            if sample is None and "classification" in rep:
                sample = rep
    own = [(n, t, d) for n, t, d in descriptors if d]
    for d in sorted({d for _, _, d in own}):
        batch = [(n, t) for n, t, dd in own if dd == d]
        for (name, _), rep in zip(batch, run_ndjson(a.cli, [t for _, t in batch], d)):
            ck.valid(report_v, rep, "report of %s as of %s against report.schema.json" % (name, d))
    for f in sorted(glob.glob("test/golden/full/*.report.json")):
        with open(f, encoding="utf-8") as fh:
            ck.valid(report_v, json.load(fh), "%s against report.schema.json" % f)
    if sample:
        for what, doc in report_mutations(sample):
            ck.invalid(report_v, doc, "report.schema.json strictness: " + what)

    # 5: the reference against the golden expectations
    rs = aigov_ref.RuleSet("rules")
    for f, case in golden:
        desc = case["descriptor"]
        if "systems" in desc:
            continue
        e = case.get("expect") or {}
        ev = aigov_ref.Evaluation(rs, desc, case["as_of"])
        r = ev.report()
        probs = []
        for k in ("tier", "gpai"):
            if k in e and e[k] != r[k]:
                probs.append("%s: expected %s, reference %s" % (k, e[k], r[k]))
        if "roles" in e and sorted(e["roles"]) != sorted(r["roles"]):
            probs.append("roles: expected %s, reference %s" % (e["roles"], r["roles"]))
        for rid, st in (e.get("status") or {}).items():
            got = r["obligations"].get(rid, {}).get("status")
            if got != st:
                probs.append("%s status: expected %s, reference %s" % (rid, st, got))
        for rid, v in (e.get("in_force") or {}).items():
            got = r["obligations"].get(rid, {}).get("in_force")
            if got != v:
                probs.append("%s in_force: expected %s, reference %s" % (rid, v, got))
        for rid, v in (e.get("values") or {}).items():
            got = ev.rule(rid) if rid in rs.by_id else None
            if got != v:
                probs.append("%s value: expected %s, reference %s" % (rid, v, got))
        asked = [q["fact"] for q in r["questions"]]
        probs += ["question %s expected, the reference does not ask it" % q
                  for q in e.get("questions_include") or [] if q not in asked]
        probs += ["question %s not expected, the reference asks it" % q
                  for q in e.get("questions_exclude") or [] if q in asked]
        full = f[:-5] + ".report.json"
        if os.path.exists(full):
            with open(full, encoding="utf-8") as fh:
                probs += [text for _, text in differential.diff(json.load(fh), r)]
        ck.ok(not probs, "reference vs golden %s: %s" % (f, "; ".join(probs[:4])))

    print("schemas: %d checked, %d failed" % (ck.checked, ck.failed))
    return 1 if ck.failed else 0


if __name__ == "__main__":
    sys.exit(main())
