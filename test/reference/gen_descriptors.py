#!/usr/bin/env python3
"""Random VALID system descriptors for the differential test, built from the
fact catalogue in rules/ (so they follow rules/descriptor.schema.json as the
rules grow). Deterministic for a seed: descriptor i of seed s is the same on
every run and platform (it has its own random.Random seeded from (s, i)).

    gen_descriptors.py [--count N] [--seed S] [--start I] [--rules DIR] > out.ndjson

One compact descriptor per line. What varies:
  - how much is known: per descriptor an absence rate from 0 (everything
    given) to 1 (empty descriptor); an absent fact is left out, or given as
    null (the schema: null means unknown);
  - bools with a per-descriptor bias, so that long conjunctions happen;
  - enums: any value; sets: distinct values in random order, [] and the
    full set included;
  - numbers: min, max, every constant a rule compares the fact with and the
    doubles right next to it (1e25 and its neighbours for training compute),
    integers, random values; written in several textual forms (1e+25, 1E25,
    10e24, 10000000000000000000000000, 1.0e25 ...) since the C parser reads
    the text;
  - dates: every date constant of the rules and the day before and after,
    leap days, random days;
  - strings: ASCII, escapes and non-ASCII (UTF-8 byte length within
    max_length), up to exactly max_length;
  - evidence: each item absent, null, or {state, optional ref};
  - key order shuffled; sometimes "descriptor_version": 1 and "$schema";
  - with --portfolios P, a share P of descriptors hold one organisation and
    several systems (`systems`), each with some evidence of its own.
"""
import argparse
import datetime
import decimal
import json
import math
import os
import random
import sys

STATES = ["implemented", "partial", "planned", "absent"]
WORDS = ("credit scoring model applicant review human oversight data quality bias deployment "
         "monitoring incident log audit policy supplier customer training Übersicht données "
         "naïve café 数据 ключ \"quoted\" back\\slash tab\there line\nbreak €100 emoji\U0001F600").split(" ")


def rule_sources(rules_dir):
    found = []
    for root, _dirs, files in os.walk(rules_dir):
        for name in files:
            if name.endswith(".json") and not name.endswith(".schema.json"):
                path = os.path.join(root, name)
                found.append((os.path.relpath(path, rules_dir).replace(os.sep, "/").encode(), path))
    return [p for _, p in sorted(found)]


class Catalogue:
    """The facts and evidence items, plus the constants rules compare them with."""

    def __init__(self, rules_dir):
        self.facts, self.evidence, rules, named = [], [], [], []
        self.rules = rules
        for path in rule_sources(rules_dir):
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            self.facts += doc.get("facts", [])
            self.evidence += doc.get("evidence", [])
            rules += doc.get("rules", [])
            named += doc.get("dates", [])
        self.constants = {f["id"]: set() for f in self.facts}
        self.as_of_dates = set()
        # the date cases: a rule's own, and the named ones (a source's "dates") rules name
        cases = [c for d in named for c in d["cases"]]
        for r in rules:
            self._walk(r["when"])
            af = r.get("applies_from")
            if isinstance(af, str) and "-" in af:   # a date, not the name of a date case
                self.as_of_dates.add(af)
            elif isinstance(af, list):
                cases += af
        for case in cases:
            if "date" in case:   # not a {"use": name}
                self.as_of_dates.add(case["date"])
            if "if" in case:
                self._walk(case["if"])
        for f in self.facts:
            if f["type"] == "number":
                extra = set()
                for c in self.constants[f["id"]] | {f["min"], f["max"]}:
                    extra |= {c, math.nextafter(c, math.inf), math.nextafter(c, -math.inf)}
                self.constants[f["id"]] = sorted(x for x in extra if f["min"] <= x <= f["max"])
            elif f["type"] == "date":
                extra = set()
                for c in self.constants[f["id"]] | self.as_of_dates:
                    d = datetime.date.fromisoformat(c)
                    extra |= {(d + datetime.timedelta(days=k)).isoformat() for k in (-1, 0, 1)}
                self.constants[f["id"]] = sorted(extra)
        self.finish()

    def finish(self):
        self.by_id = {r["id"]: r for r in self.rules}
        self.fact = {f["id"]: f for f in self.facts}
        for e in self.evidence:
            self.fact["evidence." + e["id"]] = {"id": "evidence." + e["id"], "type": "evidence", "values": STATES}
        self.reported = [r for r in self.rules if r["kind"] != "definition"] or self.rules

    def _walk(self, c):
        if isinstance(c, bool):
            return
        for k, v in c.items():
            if k in ("all", "any"):
                for x in v:
                    self._walk(x)
            elif k == "not":
                self._walk(v)
            elif k == "as_of":
                self.as_of_dates.update(v.values())
            elif k == "fact":
                for op, arg in c.items():
                    if op in ("eq", "gt", "gte", "lt", "lte") and c["fact"] in self.constants:
                        self.constants[c["fact"]].add(arg)


class Raw:
    """A number written exactly as given (the differential feeds the text to both engines)."""

    def __init__(self, text):
        self.text = text


def number_text(rng, x):
    """One of several JSON spellings of the double x, all the same decimal value
    as its shortest round-trip form (so all parse to x)."""
    x = float(x)
    if x == 0:
        return Raw(rng.choice(["0", "0.0", "0e0", "0.0E+5", "0e-3"]))
    sign, digits, exp = decimal.Decimal(repr(x)).normalize().as_tuple()
    ds = "".join(map(str, digits))
    neg = "-" if sign else ""
    choices = [repr(x), "%s%se%d" % (neg, ds, exp), "%s%s0E%+d" % (neg, ds, exp - 1),
               "%s0.%se%d" % (neg, ds, exp + len(ds)), "%s%s.%se%d" % (neg, ds[0], ds[1:] or "0", exp + len(ds) - 1)]
    if 0 <= exp and len(ds) + exp <= 40:
        choices.append(neg + ds + "0" * exp)                                   # an integer literal
    if -20 <= exp < 0:
        whole = ds[:exp] if len(ds) > -exp else "0"
        frac = ("0" * (-exp - len(ds)) + ds) if len(ds) <= -exp else ds[exp:]
        choices.append("%s%s.%s" % (neg, whole, frac))
    if exp >= 0 and len(ds) + exp <= 30:
        choices.append("%s%s%s.0" % (neg, ds, "0" * exp))
    text = rng.choice(choices)
    assert float(text) == x, (text, x)
    return Raw(text)


def random_string(rng, max_length):
    """Words, escapes and non-ASCII characters; at most max_length bytes of UTF-8."""
    r = rng.random()
    target = max_length if r < 0.03 else rng.randint(0, max_length) if r < 0.1 else rng.randint(0, min(max_length, 60))
    pieces = rng.choices(WORDS, k=target // 5 + 1)
    for k in range(len(pieces)):
        if rng.random() < 0.2:
            pieces[k] = chr(rng.choice([rng.randint(0x20, 0x7e), rng.randint(0xa0, 0xd7ff), rng.randint(0xe100, 0xfffd)]))  # U+E000-E0FF: dumps() stand-ins
    data = " ".join(pieces).encode("utf-8")[:target]
    s = data.decode("utf-8", "ignore")          # a character cut in half is dropped
    if rng.random() < 0.5:
        s += "x" * (target - len(s.encode("utf-8")))
    return s


def random_date(rng, consts):
    r = rng.random()
    if consts and r < 0.6:
        return rng.choice(consts)
    if r < 0.65:
        return rng.choice(["2024-02-29", "2028-02-29", "2027-12-31", "2026-01-01", "1999-12-31", "2100-02-28"])
    d = datetime.date(2020, 1, 1) + datetime.timedelta(days=rng.randint(0, 13 * 366))
    return d.isoformat()


def random_number(rng, fact, consts):
    lo, hi = fact["min"], fact["max"]
    r = rng.random()
    if consts and r < 0.5:
        x = rng.choice(consts)
    elif r < 0.6:
        x = float(rng.randint(int(lo), int(min(hi, 1e9))))
    elif r < 0.8:
        x = rng.uniform(lo, hi)
    else:                                   # log-uniform over the range
        a = math.log10(max(lo, 1.0))
        b = math.log10(max(hi, 1.0))
        x = min(max(10 ** rng.uniform(a, b), lo), hi)
    return number_text(rng, x)


def value(rng, fact, cat, bias):
    t = fact["type"]
    consts = cat.constants.get(fact["id"], [])
    if t == "bool":
        return rng.random() < bias
    if t == "enum":
        return rng.choice(fact["values"])
    if t == "set":
        vals = fact["values"]
        r = rng.random()
        if r < 0.15:
            k = 0
        elif r < 0.2:
            k = len(vals)
        else:
            k = min(len(vals), rng.choice([1, 1, 1, 2, 2, 3]))
        return rng.sample(vals, k)
    if t == "number":
        return random_number(rng, fact, consts)
    if t == "date":
        return random_date(rng, consts)
    if t == "string":
        return random_string(rng, fact["max_length"])
    raise ValueError("fact type " + t)


class Steer:
    """Picks fact values that make a condition true (or false): all -> every
    part, any -> one part chosen at random, not -> the opposite, rule -> its
    condition. A fact already chosen is kept (a conflict just loses the aim)."""

    def __init__(self, rng, cat):
        self.rng, self.cat = rng, cat
        self.fixed = {}      # fact id -> value, or ABSENT
        self.depth = 0

    def want(self, c, target):
        """Aims c at target; False when a fact chosen earlier makes that impossible
        (the choices made on the way stay: the caller rolls back if it wants)."""
        if isinstance(c, bool):
            return c == target
        if self.depth > 60:
            return False
        self.depth += 1
        try:
            return self._want(c, target)
        finally:
            self.depth -= 1

    def _want(self, c, target):
        rng = self.rng
        if "all" in c or "any" in c:
            parts = list(c.get("all") or c.get("any"))
            if ("all" in c) == target:          # every part
                return all([self.want(x, target) for x in parts])
            rng.shuffle(parts)                  # one part will do: the first that fits
            for x in parts:
                saved = dict(self.fixed)
                if self.want(x, target):
                    return True
                self.fixed = saved
            return False
        if "not" in c:
            return self.want(c["not"], not target)
        if "rule" in c:
            return self.want(self.cat.by_id[c["rule"]]["when"], target)
        if "known" in c or "unknown" in c:
            fid = c.get("known") or c.get("unknown")
            present = target == ("known" in c)
            have = self.fixed.get(fid)
            if have is None:
                self.fixed[fid] = PRESENT if present else ABSENT
                return True
            return (have is not ABSENT) == present
        if "as_of" in c:
            return True                         # the differential picks the date
        fid = c["fact"]
        have = self.fixed.get(fid)
        if have is ABSENT:
            return False
        if have is not None and have is not PRESENT:
            if self.holds(c, have) == target:
                return True
            if isinstance(have, list) and not ("empty" in c):   # merge set memberships
                need = [c["has"]] if "has" in c else list(c.get("has_any") or c.get("has_all"))
                if target:
                    add = need if "has_any" not in c else [self.rng.choice(need)]
                    merged = have + [v for v in add if v not in have]
                else:
                    merged = [v for v in have if v not in need] if "has_all" not in c else \
                        [v for v in have if v != self.rng.choice(need)]
                self.fixed[fid] = merged
                return self.holds(c, merged) == target
            return False
        v = self.pick(c, target)
        if v is None:
            return False
        self.fixed[fid] = v
        return True

    def holds(self, c, v):
        (op, arg), = [(k, x) for k, x in c.items() if k != "fact"]
        if isinstance(v, Raw):
            v = float(v.text)
        if op == "is":
            return v == arg
        if op == "in":
            return v in arg
        if op == "has":
            return arg in v
        if op == "has_any":
            return any(a in v for a in arg)
        if op == "has_all":
            return all(a in v for a in arg)
        if op == "empty":
            return (len(v) == 0) == arg
        return cmp_value(op, v, arg)

    def pick(self, c, target):
        rng, fact = self.rng, self.cat.fact[c["fact"]]
        (op, arg), = [(k, x) for k, x in c.items() if k != "fact"]
        t = fact["type"]
        if op == "is":
            return arg == target
        if op in ("eq", "in") and t in ("enum", "evidence"):
            inside = [arg] if op == "eq" else list(arg)
            pool = inside if target else [v for v in fact["values"] if v not in inside]
            return rng.choice(pool) if pool else None
        if t == "set":
            vals = fact["values"]
            if op == "empty":
                if arg == target:
                    return []
                return rng.sample(vals, rng.randint(1, min(3, len(vals))))
            need = [arg] if op == "has" else list(arg)
            others = [v for v in vals if v not in need]
            base = rng.sample(others, rng.randint(0, min(2, len(others))))
            if target:
                add = need if op == "has_all" or op == "has" else [rng.choice(need)]
            elif op == "has_all" and len(need) > 1:
                add = rng.sample(need, rng.randint(0, len(need) - 1))
            else:
                add = []
            out = base + [v for v in add if v not in base]
            rng.shuffle(out)
            return out
        if t in ("number", "date"):
            consts = self.cat.constants.get(fact["id"]) or []
            ok = [x for x in consts if cmp_value(op, x, arg) == target]
            if ok:
                x = rng.choice(ok)
                return number_text(rng, x) if t == "number" else x
        return None


class _Mark:
    def __init__(self, name):
        self.name = name


ABSENT, PRESENT = _Mark("absent"), _Mark("present")


def cmp_value(op, a, b):
    return {"eq": a == b, "gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[op]


def put(doc, path, v):
    parts = path.split(".")
    for p in parts[:-1]:
        doc = doc.setdefault(p, {})
    doc[parts[-1]] = v


def descriptor(cat, seed, index):
    rng = random.Random("%d/%d" % (seed, index))
    absent = rng.choice([0.0, 0.02, 0.1, 0.25, 0.5, 0.75, 0.95, 1.0])
    null_rate = rng.choice([0.0, 0.0, 0.2])
    bias = rng.choice([0.2, 0.5, 0.5, 0.8])
    ev_absent = rng.choice([0.0, 0.3, 0.7, 1.0])
    fixed = {}
    if rng.random() < 0.7:                  # aim at one to three rules
        st = Steer(rng, cat)
        if rng.random() < 0.5:              # aim at a tier: the classes above it false, one rule of it true
            chain = ["out_of_scope", "prohibited", "high_risk", "limited", "minimal"]
            k = rng.randrange(len(chain))
            members = {}
            for r in cat.rules:
                cls = "prohibited" if r["kind"] == "prohibition" else r.get("classifies")
                members.setdefault(cls, []).append(r)
            for cls in chain[:k]:
                for r in members.get(cls, []):
                    st.want(r["when"], False)
            if members.get(chain[k]):
                st.want(rng.choice(members[chain[k]])["when"], True)
            if rng.random() < 0.5:
                for cls in ("gpai_systemic", "gpai"):
                    if members.get(cls):
                        st.want(rng.choice(members[cls])["when"], rng.random() < 0.5)
        for _ in range(rng.choice([1, 1, 2, 3])):
            st.want(rng.choice(cat.reported)["when"], rng.random() < 0.75)
        fixed = st.fixed
        absent = rng.choice([0.0, 0.0, 0.1, 0.5, 0.9, 1.0])   # for the facts the aim left open
        bias = rng.choice([0.05, 0.2, 0.5, 0.8])
    keep = rng.choice([1.0, 1.0, 0.97, 0.85])                 # chance an aimed-at fact is given
    doc = {}
    if rng.random() < 0.1:
        doc["descriptor_version"] = 1
    if rng.random() < 0.05:
        doc["$schema"] = "https://libaigov.example/schemas/descriptor.schema.json"
    facts = list(cat.facts)
    if rng.random() < 0.5:
        rng.shuffle(facts)
    for f in facts:
        v = fixed.get(f["id"])
        if v is not None and v is not PRESENT:
            if v is not ABSENT and rng.random() < keep:
                put(doc, f["id"], v)
            elif v is ABSENT and rng.random() < null_rate:
                put(doc, f["id"], None)
            continue
        if rng.random() < absent and v is not PRESENT:
            if rng.random() < null_rate:
                put(doc, f["id"], None)
            continue
        put(doc, f["id"], value(rng, f, cat, bias))
    items = list(cat.evidence)
    if rng.random() < 0.5:
        rng.shuffle(items)
    for e in items:
        v = fixed.get("evidence." + e["id"])
        if isinstance(v, str) and rng.random() < keep:
            item = {"state": v}
            doc.setdefault("evidence", {})[e["id"]] = item
            continue
        if rng.random() < ev_absent or v is ABSENT:
            if rng.random() < null_rate:
                doc.setdefault("evidence", {})[e["id"]] = None
            continue
        item = {"state": rng.choice(STATES)}
        if rng.random() < 0.4:
            item["ref"] = random_string(rng, 2000) if rng.random() < 0.02 else "DOC-%d" % rng.randint(1, 99999)
            if rng.random() < 0.5:
                item = {"ref": item["ref"], "state": item["state"]}
        doc.setdefault("evidence", {})[e["id"]] = item
    return doc


def dumps(doc):
    """Compact JSON; Raw numbers verbatim (stand-in strings replaced after json.dumps)."""
    raws = []

    def swap(x):
        if isinstance(x, Raw):
            raws.append(x.text)
            return "\ue000%d\ue001" % (len(raws) - 1)
        if isinstance(x, dict):
            return {k: swap(v) for k, v in x.items()}
        if isinstance(x, list):
            return [swap(v) for v in x]
        return x

    text = json.dumps(swap(doc), ensure_ascii=False, separators=(",", ":"))
    for i, raw in enumerate(raws):
        text = text.replace('"\ue000%d\ue001"' % i, raw, 1)
    return text


def portfolio(cat, seed, index):
    """Several systems of one organisation: organisation and shared evidence at the
    top, each system its operator, system and gpai facts and some evidence of its own."""
    rng = random.Random("%d/%d/portfolio" % (seed, index))
    base = descriptor(cat, seed, index)
    doc = {k: base[k] for k in ("descriptor_version", "$schema", "organisation", "evidence") if k in base}
    systems = []
    for j in range(rng.choice([1, 2, 2, 3, 4])):
        one = descriptor(cat, seed, index * 1000003 + j + 1)
        item = {k: one[k] for k in ("operator", "system", "gpai") if k in one}
        own = {e: v for e, v in (one.get("evidence") or {}).items() if rng.random() < 0.3}
        if own:
            item["evidence"] = own
        systems.append(item)
    doc["systems"] = systems
    return doc


def lines(cat, seed, start, count, portfolios=0.0):
    for i in range(start, start + count):
        if portfolios and random.Random("%d/%d/kind" % (seed, i)).random() < portfolios:
            yield dumps(portfolio(cat, seed, i))
        else:
            yield dumps(descriptor(cat, seed, i))


def main():
    ap = argparse.ArgumentParser(description="random valid descriptors, NDJSON")
    ap.add_argument("--rules", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules"))
    ap.add_argument("--count", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--portfolios", type=float, default=0.0, help="share of several-systems descriptors")
    a = ap.parse_args()
    cat = Catalogue(a.rules)
    out = sys.stdout
    for line in lines(cat, a.seed, a.start, a.count, a.portfolios):
        out.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
