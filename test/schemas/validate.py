#!/usr/bin/env python3
"""Checks that the schemas describe what the code accepts and produces:
every rule source against rules/rules.schema.json, every example and golden
descriptor against rules/descriptor.schema.json, and the JSON report of each
of them (at several dates) against rules/report.schema.json, in both forms,
and that the compact form says what the full form says less the rules'
metadata (compact_from_full): the full form is pinned byte for byte by
test/golden/full, the compact form by this."""
import glob
import json
import subprocess
import sys

import jsonschema

CLI = sys.argv[1] if len(sys.argv) > 1 else "build/aigov"


def validator(path):
    with open(path, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _strip(d, keys):
    return {k: v for k, v in d.items() if k not in keys}


def _compact_part(full, compact, conditions):
    """The compact rendering of one report part (a report, a system or the organisation),
    its reasons resolved through its conditions."""
    out = {}
    evidence, penalties = {}, {}
    obligations = []
    for o in full["obligations"]:
        c = _strip(o, ("framework", "kind", "citation", "title", "holder", "evidence", "penalty"))
        if "crosswalk" in c:
            c["crosswalk"] = _strip(c["crosswalk"], ("iso", "links", "beyond"))
        obligations.append(c)
        for e in o.get("evidence", []):
            evidence[e["item"]] = _strip(e, ("item", "title") + (("ref",) if e["ref"] is None else ()))
        if "penalty" in o:
            penalties[o["penalty"]["tier"]] = _strip(o["penalty"], ("tier",))
    for k, v in full.items():
        if k == "classification":
            v = dict(v, reasons=[_strip(r, ("citation",)) for r in v["reasons"]])
        elif k == "obligations":
            out[k] = obligations
            out["conditions"] = conditions
            out["evidence"] = {e: evidence[e] for e in compact.get("evidence", {}) if e in evidence}
            out["penalties"] = {p: penalties[p] for p in compact.get("penalties", {}) if p in penalties}
            continue
        elif k == "questions":
            v = [dict(_strip(q, ("ask", "affects")), affects_count=len(q["affects"])) for q in v]
        elif k == "next_actions":
            v = [_strip(a, ("title",)) for a in v]
        elif k == "statement_of_applicability":
            v = dict(v, controls=[_strip(c, ("control", "title")) for c in v["controls"]])
        elif k == "as_of":
            out[k] = v
            if "engine" in full:
                out["form"] = "compact"
            continue
        out[k] = v
    return out


def _flatten(part):
    """The compact part with its runs undone: one obligation per rule (the run's shared
    members, its id and reasons) and one question per fact; or why the runs are wrong."""
    obs, prev = [], None
    for run in part.get("obligations", []):
        shared = _strip(run, ("rules",))
        if shared == prev:
            return None, "two consecutive runs of obligations that could be one"
        prev = shared
        for m in run["rules"]:
            obs.append(dict(shared, id=m["id"], reasons=m["reasons"]))
    qs, prev = [], None
    for run in part.get("questions", []):
        shared = _strip(run, ("facts",))
        if shared == prev:
            return None, "two consecutive runs of questions that could be one"
        prev = shared
        qs.extend(dict(shared, fact=f) for f in run["facts"])
    flat = dict(part, obligations=obs)
    if "questions" in part:
        flat["questions"] = qs
    return flat, None


def compact_differs(full, compact):
    """Why the compact report is not the full one less the rules' metadata, or None."""
    def resolve(part):
        part, why = _flatten(part)
        if why:
            return None, why
        conds = part.get("conditions", [])
        if len({json.dumps(c, sort_keys=True) for c in conds}) != len(conds):
            return None, "a condition listed twice"
        used = set()
        for o in part["obligations"]:
            if any(not isinstance(i, int) or i >= len(conds) for i in o["reasons"]):
                return None, "a reason index past the conditions"
            used.update(o["reasons"])
        if used != set(range(len(conds))):
            return None, "a condition no reason points at"
        return part, None

    def one(f, c, what):
        c, why = resolve(c)
        if why:
            return what + ": " + why
        # compare with the compact part's reasons resolved to conditions in full
        want = _compact_part(f, c, c["conditions"])
        got = dict(c)
        got["obligations"] = [dict(o, reasons=[c["conditions"][i] for i in o["reasons"]])
                              for o in c["obligations"]]
        if [o["reasons"] for o in got["obligations"]] != [o["reasons"] for o in f["obligations"]]:
            return what + ": the reasons differ"
        got["obligations"] = [dict(o, reasons=None) for o in got["obligations"]]
        want["obligations"] = [dict(o, reasons=None) for o in want["obligations"]]
        if list(got) != list(want):
            return "%s: keys %s, expected %s" % (what, list(got), list(want))
        for k in want:
            if got[k] != want[k]:
                return "%s: %s differs" % (what, k)
        return None

    if "systems" in full:
        for fs, cs in zip(full["systems"], compact["systems"]):
            why = one(fs, cs, "system %d" % fs["index"])
            if why:
                return why
        return one(full["organisation"], compact["organisation"], "organisation")
    return one(full, compact, "report")


def catalogue_differs(full, cat):
    """Why the catalogue (`aigov rules --format=json`) does not hold the metadata the full
    report repeats and the compact one leaves to it, or None."""
    rules = {r["id"]: r for r in cat["rules"]}
    ev_titles = {e["id"]: e["title"] for e in cat["evidence"]}
    pen = {p["id"]: p["citation"] for p in cat["penalties"]}
    asks = {f["id"]: f["ask"] for f in cat["facts"]}
    parts = full["systems"] + [full["organisation"]] if "systems" in full else [full]
    for part in parts:
        for o in part["obligations"]:
            r = rules[o["id"]]
            for k in ("framework", "kind", "citation", "title", "holder"):
                if o[k] != r[k]:
                    return "%s: %s differs" % (o["id"], k)
            if "evidence" in o and ([e["item"] for e in o["evidence"]] != r["evidence"]
                                    or any(e["title"] != ev_titles[e["item"]] for e in o["evidence"])):
                return "%s: evidence differs" % o["id"]
            if "penalty" in o and (o["penalty"]["tier"] != r["penalty"]
                                   or o["penalty"]["citation"] != pen[r["penalty"]]):
                return "%s: penalty differs" % o["id"]
            if "crosswalk" in o and (o["crosswalk"]["iso"] != r["crosswalk"]["iso"]
                                     or o["crosswalk"]["links"] != r["crosswalk"]["links"]
                                     or o["crosswalk"]["beyond"] != r["crosswalk"]["beyond"]):
                return "%s: crosswalk differs" % o["id"]
        for q in part.get("questions", []):
            if q["ask"] != asks[q["fact"]]:
                return "question %s: ask differs" % q["fact"]
        for c in part.get("statement_of_applicability", {}).get("controls", []):
            if c["control"] != rules[c["rule"]]["control"] or c["title"] != rules[c["rule"]]["title"]:
                return "control %s differs" % c["rule"]
    return None


def main():
    failures = 0
    checked = 0

    def check(v, doc, what):
        nonlocal failures, checked
        checked += 1
        errs = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
        if errs:
            failures += 1
            e = errs[0]
            print("FAIL %s: %s at %s" % (what, e.message[:300], "/".join(map(str, e.path))))

    rules_v = validator("rules/rules.schema.json")
    desc_v = validator("rules/descriptor.schema.json")
    report_v = validator("rules/report.schema.json")
    for f in sorted(glob.glob("rules/**/*.json", recursive=True)):
        if not f.endswith(".schema.json"):
            with open(f, encoding="utf-8") as fh:
                check(rules_v, json.load(fh), f)
    descriptors = []
    for f in sorted(glob.glob("examples/descriptors/*.json") + glob.glob("examples/portfolio/*.json")):
        with open(f, encoding="utf-8") as fh:
            descriptors.append((f, fh.read()))
    for f in sorted(glob.glob("test/golden/*.json") + glob.glob("test/golden/full/*.json")):
        if f.endswith(".report.json"):
            continue
        with open(f, encoding="utf-8") as fh:
            case = json.load(fh)
        if isinstance(case.get("descriptor"), dict) and not case.get("expect", {}).get("error"):
            descriptors.append((f, json.dumps(case["descriptor"])))
    cat = json.loads(subprocess.run([CLI, "rules", "--format=json"], capture_output=True, check=True).stdout)
    for name, text in descriptors:
        check(desc_v, json.loads(text), name + " (descriptor)")
        for as_of in ("2026-11-22", "2028-01-01"):
            docs = []
            for form in ([], ["--full"]):
                out = subprocess.run([CLI, "eval", "-", "--as-of", as_of, "--format", "json", "--fail-on", "none"]
                                     + form, input=text.encode(), capture_output=True)
                if out.returncode != 0:
                    failures += 1
                    print("FAIL %s: the CLI rejected it: %s" % (name, out.stderr.decode()[:300]))
                    break
                docs.append(json.loads(out.stdout))
                check(report_v, docs[-1], "%s (%s report as of %s)" % (name, form and "full" or "compact", as_of))
            if len(docs) == 2:
                checked += 1
                why = compact_differs(docs[1], docs[0]) or catalogue_differs(docs[1], cat)
                if why:
                    failures += 1
                    print("FAIL %s (as of %s): the compact report is not the full one less metadata: %s"
                          % (name, as_of, why))
    print("schemas: %d passed, %d failed" % (checked - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
