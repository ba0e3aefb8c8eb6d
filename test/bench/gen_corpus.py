#!/usr/bin/env python3
"""Generates the benchmark corpus: N varied, valid descriptors of 1-4 KB,
built from the fact catalogue in rules/ (so it follows the schema as the
rules grow). Deterministic for a seed. Writes NDJSON and, with --dir, one
file per descriptor for the binding benchmarks.

--answered makes the second corpus: descriptors that answer most facts (80-100%
of them, as a filled-in questionnaire does) with free-text answers of real
length (most of them near their 2,000-character limit, some non-ASCII and escaped
characters), so documents of 60-100 KB: the size the reader's cost per byte is
judged on."""
import argparse
import json
import os
import random

WORDS = ("model risk credit applicant scoring review human oversight data quality bias "
         "deployment monitoring incident log audit policy supplier customer training").split()


def load_facts(rules_dir):
    facts, evidence = [], []
    for root, _, files in sorted(os.walk(rules_dir)):
        for name in sorted(files):
            if not name.endswith(".json") or name.endswith(".schema.json"):
                continue
            with open(os.path.join(root, name), encoding="utf-8") as f:
                doc = json.load(f)
            facts += doc.get("facts", [])
            evidence += doc.get("evidence", [])
    return facts, evidence


def text(rng, n, rich):
    words = [rng.choice(WORDS) for _ in range(n)]
    if rich:  # what real answers hold: accents, dashes, quotes, line breaks
        for k in range(0, n, 17):
            words[k] = rng.choice(("données", "Qualität", "risk—based", '"quoted"', "line\nbreak", "5 %"))
    return " ".join(words)


def value(rng, fact, answered=False):
    t = fact["type"]
    if t == "bool":
        return rng.random() < 0.5
    if t == "enum":
        return rng.choice(fact["values"])
    if t == "set":
        k = rng.choice([0, 0, 1, 1, 2])
        return rng.sample(fact["values"], min(k, len(fact["values"])))
    if t == "number":
        v = rng.choice([fact["min"], 1e23, 1e25, 3.2e25, 5e6, rng.uniform(fact["min"], min(fact["max"], 1e26))])
        return min(max(v, fact["min"]), fact["max"])
    if t == "date":
        return "%04d-%02d-%02d" % (rng.randint(2023, 2029), rng.randint(1, 12), rng.randint(1, 28))
    if t == "string":
        limit = fact.get("max_length", 200)
        if answered:
            n = rng.randint(limit // 2, limit) // 5  # most answers near the limit
            return text(rng, n, True)[:limit]
        n = rng.randint(3, min(limit, 60))
        return " ".join(rng.choice(WORDS) for _ in range(n))[:limit]
    raise ValueError(t)


def put(doc, path, v):
    parts = path.split(".")
    for p in parts[:-1]:
        doc = doc.setdefault(p, {})
    doc[parts[-1]] = v


def descriptor(rng, facts, evidence, answered=False):
    doc = {}
    # The share of facts a descriptor answers, scaled to the catalogue so
    # that most drafts land in the 1-4 KB window instead of being rejected
    # (a 300-fact catalogue answered in full is ~12 KB).
    if answered:
        p_known = rng.uniform(0.8, 1.0)
    else:
        p_known = rng.uniform(0.25, 1.0) * min(1.0, 90.0 / max(1, len(facts)))
    for f in facts:
        if rng.random() < p_known:
            put(doc, f["id"], value(rng, f, answered))
    for e in evidence:
        if rng.random() < p_known * 0.7:
            item = {"state": rng.choice(["implemented", "partial", "planned", "absent"])}
            if rng.random() < 0.5:
                item["ref"] = "DOC-%d" % rng.randint(1, 99999)
            doc.setdefault("evidence", {})[e["id"]] = item
    return doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", default="rules")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True)
    ap.add_argument("--dir")
    ap.add_argument("--answered", action="store_true", help="most facts answered, free text at length")
    a = ap.parse_args()
    lo, hi = (1024, 4096) if not a.answered else (1024, 1 << 20)
    rng = random.Random(a.seed)
    facts, evidence = load_facts(a.rules)
    if a.dir:
        os.makedirs(a.dir, exist_ok=True)
    sizes = []
    with open(a.out, "w", encoding="utf-8") as out:
        n = 0
        while n < a.count:
            doc = descriptor(rng, facts, evidence, a.answered)
            text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
            if not lo <= len(text.encode()) <= hi:
                continue
            out.write(text + "\n")
            if a.dir:
                with open(os.path.join(a.dir, "d%05d.json" % n), "w", encoding="utf-8") as f:
                    f.write(text)
            sizes.append(len(text))
            n += 1
    print("corpus: %d descriptors, %d-%d bytes, mean %d" % (len(sizes), min(sizes), max(sizes), sum(sizes) // len(sizes)))


if __name__ == "__main__":
    main()
