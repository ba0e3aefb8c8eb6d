#!/usr/bin/env python3
"""Checks `aigov eval --format sarif` and `--format junit` (issue 22 point 4)
against the published schemas pinned beside this script (SARIF 2.1.0 JSON
schema with python3-jsonschema; the Ant JUnit XSD with xmllint), after
checking that each schema is the pinned file and can say no; and what the
schemas cannot check: the SARIF results are exactly the gaps and unknowns of
the JSON report, each with its rule id, citation and the descriptor file as
location, and the JUnit failures are exactly what the default gate fails on.
Several inputs make one document; hostile names stay text.

usage: validate_ci.py CLI AS_OF DESCRIPTOR...
"""
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

import jsonschema

HERE = os.path.dirname(os.path.abspath(__file__))
SARIF_SCHEMA = os.path.join(HERE, "sarif-schema-2.1.0.json")
SARIF_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
JUNIT_XSD = os.path.join(HERE, "JUnit.xsd")
JUNIT_SHA256 = "147ff89ef34a82f9a1b2951e7cad251b98c9a7a48a0e0c8e44937141791f57a8"
URI_REF = re.compile(r"^([A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$")
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:600]))
    if not cond:
        failures.append(name)


def pinned(path, digest):
    with open(path, "rb") as f:
        raw = f.read()
    got = hashlib.sha256(raw).hexdigest()
    if got != digest:
        sys.exit("ci formats: %s is not the pinned file (sha256 %s)" % (path, got))
    return raw


def run(cli, args, data=None):
    return subprocess.run([cli, "eval"] + args, input=data, capture_output=True, timeout=120)


def xsd_valid(xml_bytes, tmp):
    p = os.path.join(tmp, "doc.xml")
    with open(p, "wb") as f:
        f.write(xml_bytes)
    r = subprocess.run(["xmllint", "--noout", "--schema", JUNIT_XSD, p], capture_output=True)
    return r.returncode == 0, r.stderr.decode(errors="replace")


def flat(runs):
    """The compact form's runs of obligations undone: one entry per rule (the run's members, id)."""
    return [dict({k: v for k, v in run.items() if k != "rules"}, **m) for run in runs for m in run["rules"]]


def parts(report):
    if "systems" in report:
        return [(s["classification"]["tier"], flat(s["obligations"])) for s in report["systems"]] + \
               [(None, flat(report["organisation"]["obligations"]))]
    return [(report["classification"]["tier"], flat(report["obligations"]))]


def main():
    cli, as_of, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
    schema = json.loads(pinned(SARIF_SCHEMA, SARIF_SHA256))
    pinned(JUNIT_XSD, JUNIT_SHA256)
    jsonschema.Draft4Validator.check_schema(schema)
    sarif = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
    with tempfile.TemporaryDirectory(prefix="aigov-ci-") as tmp:
        checks(cli, as_of, docs, sarif, tmp)
    print("ci formats: %s" % ("%d failed" % len(failures) if failures else "ok"))
    return 1 if failures else 0


def checks(cli, as_of, docs, sarif, tmp):
    total_results = 0
    for d in docs:
        name = os.path.relpath(d)
        report = json.loads(run(cli, [d, "--as-of", as_of, "--format", "json", "--fail-on", "none"]).stdout)
        gate = run(cli, [d, "--as-of", as_of]).returncode
        # ---- SARIF --------------------------------------------------------------
        r = run(cli, [d, "--as-of", as_of, "--format", "sarif"])
        check("%s: sarif exits as the default gate (%d)" % (name, gate), r.returncode == gate, r.stderr)
        doc = json.loads(r.stdout)
        errs = list(sarif.iter_errors(doc))
        check("%s: SARIF 2.1.0 schema" % name, not errs, [e.message for e in errs[:3]])
        run0 = doc["runs"][0]
        rules = run0["tool"]["driver"]["rules"]
        want = sorted((o["id"], o["status"]) for _, obl in parts(report) for o in obl
                      if o["status"] in ("gap", "unknown"))
        got = sorted((x["ruleId"], x["properties"]["status"]) for x in run0["results"])
        check("%s: a result per gap and unknown of the JSON report (%d)" % (name, len(want)), want == got,
              set(want) ^ set(got))
        total_results += len(got)
        ok = all(rules[x["ruleIndex"]]["id"] == x["ruleId"] and x["properties"]["citation"] and
                 x["properties"]["citation"] in x["message"]["text"] and
                 x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == d
                 for x in run0["results"])
        check("%s: each result names its rule, citation and the descriptor file" % name, ok)
        levels = {(x["properties"]["status"], x["properties"]["in_force"], x["level"]) for x in run0["results"]}
        check("%s: level error only for gaps in force" % name,
              all((lv == "error") == (st == "gap" and f) for st, f, lv in levels), levels)
        # ---- JUnit --------------------------------------------------------------
        r = run(cli, [d, "--as-of", as_of, "--format", "junit"])
        valid, why = xsd_valid(r.stdout, tmp)
        check("%s: JUnit XML valid against the Ant XSD" % name, valid, why)
        root = ET.fromstring(r.stdout)
        fails = sum(int(s.get("failures")) for s in root.iter("testsuite"))
        want_fails = sum(1 for t, _ in parts(report) if t == "prohibited") + \
            sum(1 for _, obl in parts(report) for o in obl if o["status"] == "gap" and o["in_force"])
        check("%s: failures are the prohibited systems and gaps in force (%d)" % (name, want_fails),
              fails == want_fails == len(list(root.iter("failure"))), fails)
        cases = len(list(root.iter("testcase")))
        want_cases = sum(1 for t, _ in parts(report) if t) + \
            sum(1 for _, obl in parts(report) for o in obl if o["status"] != "not_applicable")
        check("%s: a test case per system and per applicable rule (%d)" % (name, want_cases), cases == want_cases,
              cases)
        props = {p.get("name"): p.get("value") for p in root.iter("property")}
        check("%s: the suite names the descriptor file" % name, props.get("source") == d, props.get("source"))

    # ---- several inputs: one document each format ---------------------------------
    r = run(cli, docs + ["--as-of", as_of, "--format", "sarif"])
    doc = json.loads(r.stdout)
    errs = list(sarif.iter_errors(doc))
    check("all inputs in one SARIF run: valid, every result kept (%d)" % total_results,
          not errs and len(doc["runs"]) == 1 and len(doc["runs"][0]["results"]) == total_results,
          [e.message for e in errs[:3]] or len(doc["runs"][0]["results"]))
    check("all inputs: the worst exit status", r.returncode == max(run(cli, [d, "--as-of", as_of]).returncode
                                                                   for d in docs))
    r = run(cli, docs + ["--as-of", as_of, "--format", "junit"])
    valid, why = xsd_valid(r.stdout, tmp)
    check("all inputs in one JUnit document: valid", valid and r.stdout.count(b"<testsuites>") == 1, why)

    # ---- hostile names stay text; the schemas can say no -------------------------------
    hostile = {"system": {"name": "<script>alert(1)</script> & \" ' \u0001 \uffff \u202e"}}
    path = os.path.join(tmp, "we ird <name>.json")
    with open(path, "w") as f:
        json.dump(hostile, f)
    r = run(cli, [path, "--as-of", as_of, "--format", "junit", "--fail-on", "none"])
    valid, why = xsd_valid(r.stdout, tmp)
    check("a hostile system name and file name: JUnit still valid, no markup",
          valid and b"<script>" not in r.stdout and b"\x01" not in r.stdout, why)
    r = run(cli, [path, "--as-of", as_of, "--format", "sarif", "--fail-on", "none"])
    doc = json.loads(r.stdout)
    uris = [x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for x in doc["runs"][0]["results"]]
    check("a file name with spaces and brackets: a URI reference in SARIF",
          uris and all(URI_REF.match(u) and "we%20ird%20%3Cname%3E.json" in u for u in uris), uris[:1])
    broken = json.loads(r.stdout)
    del broken["version"]
    check("the SARIF schema rejects a document without its version", list(sarif.iter_errors(broken)))
    broken = json.loads(r.stdout)
    broken["runs"][0]["results"][0]["level"] = "fatal"
    check("the SARIF schema rejects an unknown level", list(sarif.iter_errors(broken)))
    valid, _ = xsd_valid(b'<?xml version="1.0"?><testsuites><testsuite package="a" id="0" name="s" '
                         b'timestamp="2028-01-01T00:00:00" hostname="h" tests="1" failures="0" errors="0" time="0">'
                         b'<properties/><testcase name="n" time="0"/><system-out/><system-err/></testsuite>'
                         b'</testsuites>', tmp)
    check("the JUnit XSD rejects a test case without classname", not valid)


if __name__ == "__main__":
    sys.exit(main())
