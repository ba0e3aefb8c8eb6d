#!/usr/bin/env python3
"""Every EU AI Act rule quotes what it implements: a `quote` of 3 to 30 words,
verbatim from the consolidated text (CELEX 02024R1689-20260727), with no
paraphrase markers. ISO/IEC 42001 rules carry none (its text is copyrighted).
Ends with 'quotes: N passed, M failed'."""
import glob, json, os, re, sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
passed = failed = 0
for f in sorted(glob.glob(os.path.join(ROOT, "rules", "**", "*.json"), recursive=True)):
    if f.endswith(".schema.json"):
        continue
    for r in json.load(open(f)).get("rules", []):
        q = r.get("quote")
        why = None
        if r["framework"] == "eu_ai_act":
            if not isinstance(q, str):
                why = "no quote"
            elif not 3 <= len(q.split()) <= 30:
                why = f"quote of {len(q.split())} words (3-30)"
            elif q != q.strip() or re.search(r"\.\.\.|…|\[|\]", q):
                why = "quote trimmed or marked as edited: quote a contiguous phrase"
        elif q is not None:
            why = "ISO/IEC 42001 rules carry no quote (copyrighted text)"
        if why:
            failed += 1
            print(f"FAIL {r['id']} ({os.path.relpath(f, ROOT)}): {why}")
        else:
            passed += 1
print(f"quotes: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
