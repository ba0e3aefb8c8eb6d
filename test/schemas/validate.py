#!/usr/bin/env python3
"""Checks that the schemas describe what the code accepts and produces:
every rule source against rules/rules.schema.json, every example and golden
descriptor against rules/descriptor.schema.json, and the JSON report of each
of them (at several dates) against rules/report.schema.json."""
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
    for name, text in descriptors:
        check(desc_v, json.loads(text), name + " (descriptor)")
        for as_of in ("2026-11-22", "2028-01-01"):
            out = subprocess.run([CLI, "eval", "-", "--as-of", as_of, "--format", "json", "--fail-on", "none"],
                                 input=text.encode(), capture_output=True)
            if out.returncode != 0:
                failures += 1
                print("FAIL %s: the CLI rejected it: %s" % (name, out.stderr.decode()[:300]))
                continue
            check(report_v, json.loads(out.stdout), "%s (report as of %s)" % (name, as_of))
    print("schemas: %d passed, %d failed" % (checked - failures, failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
