#!/usr/bin/env python3
"""A duty is met only on every evidence item the text requires.

test/rules/evidence_table.json, written from the consolidated text (CELEX
02024R1689-20260727) and its Annexes, lists for each EU AI Act obligation
the evidence items the text requires. This check fails when:
  - an obligation of rules/ is not in the table (a new duty needs its row);
  - a row names a rule that is not an obligation, or an unknown evidence item;
  - a rule's evidence list differs from its row: missing items mean the duty
    could be `met` without evidence the text requires, extra items mean it
    could be a `gap` where the text asks nothing;
  - an umbrella does not list the evidence of every point it covers (its
    `conditional` points, reported by their own rules, excepted and named);
  - a link of the conformity chain (`chain`) is missing from its rule.
Ends with 'evidence table: N passed, M failed'."""
import glob, json, os, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
rules, evidence = {}, set()
for f in sorted(glob.glob(os.path.join(ROOT, "rules", "**", "*.json"), recursive=True)):
    if f.endswith(".schema.json"):
        continue
    d = json.load(open(f))
    evidence.update(e["id"] for e in d.get("evidence", []))
    for r in d.get("rules", []):
        rules[r["id"]] = r
table = json.load(open(os.path.join(ROOT, "test", "rules", "evidence_table.json")))
rows = table["rules"]
fails = []
passed = 0

def fail(msg):
    fails.append(msg)

for rid, r in rules.items():
    if r["framework"] == "eu_ai_act" and r["kind"] == "obligation" and rid not in rows:
        fail(f"{rid}: obligation without a row in evidence_table.json (write what the text requires)")
for rid, row in rows.items():
    r = rules.get(rid)
    if not r or r["kind"] != "obligation":
        fail(f"{rid}: row for a rule that is not an obligation")
        continue
    bad = [e for e in row["requires"] if e not in evidence]
    if bad:
        fail(f"{rid}: unknown evidence {bad}")
        continue
    have, need = set(r["evidence"]), set(row["requires"])
    ok = True
    if need - have:
        fail(f"{rid}: could be met without {sorted(need - have)} ({row['text']})")
        ok = False
    if have - need:
        fail(f"{rid}: asks for {sorted(have - need)}, which the table (the text) does not require")
        ok = False
    passed += ok
for uid, u in table["umbrellas"].items():
    if uid not in rules:
        fail(f"umbrella {uid}: no such rule")
        continue
    have = set(rules[uid]["evidence"])
    for pid in u["covers"]:
        if pid not in rules:
            fail(f"umbrella {uid}: covered rule {pid} does not exist")
            continue
        missing = set(rules[pid]["evidence"]) - have
        if missing:
            fail(f"umbrella {uid}: could be met while {pid} is a gap (missing {sorted(missing)})")
    for pid in u.get("conditional", {}):
        if pid not in rules:
            fail(f"umbrella {uid}: conditional rule {pid} does not exist")
    passed += 1
for rid, links in table["chain"].items():
    missing = set(links) - set(rules.get(rid, {}).get("evidence", []))
    if missing:
        fail(f"chain {rid}: missing link {sorted(missing)}")
    else:
        passed += 1
for m in fails:
    print("FAIL " + m)
print(f"evidence table: {passed} passed, {len(fails)} failed")
sys.exit(1 if fails else 0)
