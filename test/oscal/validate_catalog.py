#!/usr/bin/env python3
"""Checks `aigov rules --format oscal` (issue 22 point 6) against NIST's
published OSCAL 1.1.2 catalog JSON schema (vendored beside this script, see
README.md), and what the schema cannot check: the same bytes on every run,
one control per reported rule with its citation as label, unique ids; and
that the assessment results of every descriptor given refer to that catalog:
import-ap points ("#uuid") to a back-matter resource naming the catalog's
UUID and linking its file, no urn: placeholder is left, and every finding's
target-id is a control of the catalog.

usage: validate_catalog.py CLI AS_OF DESCRIPTOR...
"""
import hashlib
import json
import os
import subprocess
import sys

import jsonschema
from jsonschema import validators

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from validate_oscal import _pattern  # noqa: E402  (the \p{L}-aware pattern check)

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "oscal_catalog_schema.json")
SCHEMA_SHA256 = "5b069afa4f4ecc38d59914dab56098566d4247d3578a2123c030c80d36fc5104"
failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:600]))
    if not cond:
        failures.append(name)


def load_validator():
    with open(SCHEMA, "rb") as f:
        raw = f.read()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != SCHEMA_SHA256:
        sys.exit("oscal catalog: %s is not the vendored release file (sha256 %s)" % (SCHEMA, digest))
    schema = json.loads(raw)
    cls = validators.extend(jsonschema.Draft7Validator, {"pattern": _pattern})
    return cls(schema, format_checker=jsonschema.FormatChecker())


def out(cli, *argv):
    r = subprocess.run([cli] + list(argv), capture_output=True, timeout=120)
    if r.returncode not in (0, 1):
        raise RuntimeError("%s: %s" % (" ".join(argv), r.stderr.decode(errors="replace")))
    return r.stdout


def main():
    cli, as_of, docs = sys.argv[1], sys.argv[2], sys.argv[3:]
    val = load_validator()
    raw = out(cli, "rules", "--format=oscal")
    cat = json.loads(raw)
    errs = list(val.iter_errors(cat))
    check("the catalog validates against the OSCAL 1.1.2 catalog schema", not errs,
          [e.message[:200] for e in errs[:3]])
    check("the catalog is the same bytes on every run", raw == out(cli, "rules", "--format=oscal"))
    controls = [c for g in cat["catalog"]["groups"] for c in g["controls"]]
    ids = [c["id"] for c in controls]
    check("control ids are unique", len(ids) == len(set(ids)))
    rules = json.loads(out(cli, "rules", "--format=json"))["rules"]
    reported = {r["id"]: r for r in rules if r["kind"] != "definition"}
    label = {c["id"]: [p["value"] for p in c["props"] if p["name"] == "label"] for c in controls}
    check("one control per obligation, prohibition and finding (%d)" % len(reported),
          set(ids) == set(reported) and all(label[i] == [" ".join(reported[i]["citation"].split())] for i in ids),
          set(ids) ^ set(reported))
    catalog_uuid = cat["catalog"]["uuid"]
    for d in docs:
        name = os.path.basename(d)
        text = out(cli, "eval", d, "--as-of", as_of, "--format=oscal", "--fail-on=none")
        ar = json.loads(text)["assessment-results"]
        href = ar["import-ap"]["href"]
        res = {r["uuid"]: r for r in ar.get("back-matter", {}).get("resources", [])}
        target = res.get(href[1:]) if href.startswith("#") else None
        props = {p["name"]: p["value"] for p in (target or {}).get("props", [])}
        check("%s: import-ap points to the catalog's back-matter resource" % name,
              target is not None and props.get("catalog-uuid") == catalog_uuid and
              [l["href"] for l in target.get("rlinks", [])] == ["aigov-rules-catalog.json"], href)
        check("%s: no urn: placeholder for the plan" % name, b"urn:libaigov:assessment-plan" not in text)
        targets = [f["target"]["target-id"] for r in ar["results"] for f in r.get("findings", [])]
        check("%s: every finding targets a control of the catalog (%d)" % (name, len(targets)),
              targets and set(targets) <= set(ids), set(targets) - set(ids))
    broken = json.loads(raw)
    del broken["catalog"]["groups"][0]["controls"][0]["title"]
    check("the schema rejects a control without a title", list(val.iter_errors(broken)))
    print("oscal catalog: %s" % ("%d failed" % len(failures) if failures else "ok"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
