#!/usr/bin/env python3
"""Writes the libFuzzer dictionary of descriptor keys and enum values from rules/."""
import glob
import json
import sys

keys, values = set(), set()
for f in glob.glob("rules/**/*.json", recursive=True):
    if f.endswith(".schema.json"):
        continue
    doc = json.load(open(f, encoding="utf-8"))
    for fact in doc.get("facts", []):
        keys.update(fact["id"].split("."))
        values.update(fact.get("values", []))
    for ev in doc.get("evidence", []):
        keys.add(ev["id"])
keys.update(["evidence", "state", "ref", "systems", "descriptor_version", "$schema"])
values.update(["implemented", "partial", "planned", "absent"])
with open(sys.argv[1], "w", encoding="utf-8") as out:
    for k in sorted(keys):
        out.write('"\\"%s\\":"\n' % k)
    for v in sorted(values):
        out.write('"\\"%s\\""\n' % v)
    for lit in ("true", "false", "null", "1e25", "-0", "1e400", "[]", "{}", "\\\\u0000", "2027-12-02"):
        out.write('"%s"\n' % lit)
