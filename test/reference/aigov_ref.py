#!/usr/bin/env python3
"""An independent, deliberately simple evaluator of the rule sources in
rules/ (not the compiled table), written from rules/README.md: Kleene logic,
the classification chain, dates, statuses, roles and questions. The
differential test compares it with the C engine; a disagreement is a bug in
one of them."""
import glob
import json
import os

T, F, U = "true", "false", "unknown"
ROLES = ["provider", "deployer", "importer", "distributor", "authorised_representative",
         "product_manufacturer", "organisation"]
EV_STATES = ["implemented", "partial", "planned", "absent"]


class RuleSet:
    def __init__(self, rules_dir="rules"):
        paths = sorted(p for p in glob.glob(os.path.join(rules_dir, "**", "*.json"), recursive=True)
                       if not p.endswith(".schema.json"))
        facts, evidence, rules = [], [], []
        for p in sorted(paths, key=lambda x: x.encode()):
            with open(p, encoding="utf-8") as f:
                doc = json.load(f)
            facts += doc.get("facts", [])
            evidence += doc.get("evidence", [])
            rules += doc.get("rules", [])
        self.facts = {f["id"]: f for f in facts}
        self.fact_order = [f["id"] for f in facts] + ["evidence." + e["id"] for e in evidence]
        for e in evidence:
            self.facts["evidence." + e["id"]] = {"id": "evidence." + e["id"], "type": "evidence", "values": EV_STATES}
        self.rules = rules
        self.by_id = {r["id"]: r for r in rules}
        self.reported = [r for r in rules if r["kind"] != "definition"]


def lookup(doc, fid):
    cur = doc
    for part in fid.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return None
        cur = cur[part]
    return cur


def days(d):
    y, m, dd = (int(x) for x in d.split("-"))
    import datetime
    return datetime.date(y, m, dd).toordinal()


class Evaluation:
    def __init__(self, rs: RuleSet, descriptor: dict, as_of: str):
        self.rs = rs
        self.as_of = days(as_of)
        self.vals = {}
        for fid, fact in rs.facts.items():
            v = lookup(descriptor, fid)
            if v is not None:
                self.vals[fid] = v["state"] if fact["type"] == "evidence" else v
        self.memo = {}
        self.cmemo = {}

    # -- conditions ------------------------------------------------------------
    def cond(self, c):
        if isinstance(c, bool):
            return T if c else F
        key = id(c)
        v = self.cmemo.get(key)
        if v is None:
            v = self.cmemo[key] = self._cond(c)
        return v

    def _cond(self, c):
        if c is True:
            return T
        if c is False:
            return F
        if "all" in c:
            vs = [self.cond(x) for x in c["all"]]
            return F if F in vs else U if U in vs else T
        if "any" in c:
            vs = [self.cond(x) for x in c["any"]]
            return T if T in vs else U if U in vs else F
        if "not" in c:
            v = self.cond(c["not"])
            return U if v == U else (F if v == T else T)
        if "known" in c:
            return T if c["known"] in self.vals else F
        if "unknown" in c:
            return F if c["unknown"] in self.vals else T
        if "rule" in c:
            return self.rule(c["rule"])
        if "as_of" in c:
            (op, d), = c["as_of"].items()
            return T if cmp(op, self.as_of, days(d)) else F
        fid = c["fact"]
        if fid not in self.vals:
            return U
        v = self.vals[fid]
        (op, arg), = ((k, x) for k, x in c.items() if k != "fact")
        t = self.rs.facts[fid]["type"]
        if op == "is":
            r = v == arg
        elif op == "eq":
            r = days(v) == days(arg) if t == "date" else v == arg
        elif op == "in":
            r = v in arg
        elif op == "has":
            r = arg in v
        elif op == "has_any":
            r = any(a in v for a in arg)
        elif op == "has_all":
            r = all(a in v for a in arg)
        elif op == "empty":
            r = (len(v) == 0) == arg
        else:
            r = cmp(op, days(v), days(arg)) if t == "date" else cmp(op, v, arg)
        return T if r else F

    def rule(self, rid):
        if rid not in self.memo:
            self.memo[rid] = self.cond(self.rs.by_id[rid]["when"])
        return self.memo[rid]

    # -- unknown facts a condition depends on -----------------------------------
    def unknowns(self, c, out):
        if self.cond(c) != U:
            return
        if isinstance(c, bool):
            return
        if "all" in c or "any" in c:
            for x in c.get("all", c.get("any")):
                self.unknowns(x, out)
        elif "not" in c:
            self.unknowns(c["not"], out)
        elif "rule" in c:
            self.unknowns(self.rs.by_id[c["rule"]]["when"], out)
        elif "fact" in c:
            out.add(c["fact"])

    # -- the report ----------------------------------------------------------------
    def applies_from(self, r):
        af = r["applies_from"]
        if isinstance(af, str):
            return days(af), False, []
        best, uncertain, open_conds = None, False, []
        for case in af:
            v = self.cond(case["if"]) if "if" in case else T
            if v == F:
                continue
            d = days(case["date"])
            best = d if best is None else min(best, d)
            if v == T:
                break
            uncertain = True
            open_conds.append(case["if"])
        return best, uncertain, open_conds

    def status(self, r):
        v = self.rule(r["id"])
        if r["kind"] == "finding":
            return {T: "gap", F: "met", U: "unknown"}[v]
        if v == F:
            return "not_applicable"
        if v == U:
            return "unknown"
        if r["kind"] == "prohibition":
            return "gap"
        states = [self.vals.get("evidence." + e) for e in r["evidence"]]
        if any(s is not None and s != "implemented" for s in states):
            return "gap"
        return "unknown" if None in states else "met"

    def report(self):
        rs = self.rs
        out = {"obligations": {}}
        dates = {}
        for r in rs.reported:
            d, unc, conds = self.applies_from(r)
            dates[r["id"]] = (d, unc, conds)
            import datetime
            out["obligations"][r["id"]] = {
                "status": self.status(r),
                "applies_from": datetime.date.fromordinal(d).isoformat(),
                "in_force": self.as_of >= d}
        classes = {c: F for c in ("out_of_scope", "prohibited", "high_risk", "limited", "gpai", "gpai_systemic")}
        roles = set()
        for r in rs.rules:
            v = self.rule(r["id"])
            if r.get("confers_role") and v == T:
                roles.add(r["confers_role"])
            cls = "prohibited" if r["kind"] == "prohibition" else r.get("classifies")
            if not cls or v == F:
                continue
            if r["kind"] == "prohibition" and self.as_of < dates[r["id"]][0]:
                continue
            if v == T:
                classes[cls] = T
            elif classes[cls] == F:
                classes[cls] = U

        def chain(order, fallback):
            possible = []
            for cls, name in order:
                if classes[cls] == F:
                    continue
                possible.append(name)
                if classes[cls] == T:
                    return possible
            return possible + [fallback]

        tiers = chain([("out_of_scope", "out_of_scope"), ("prohibited", "prohibited"),
                       ("high_risk", "high_risk"), ("limited", "limited")], "minimal")
        gpais = chain([("gpai_systemic", "gpai_systemic"), ("gpai", "gpai")], "none")
        out["tier"] = tiers[0] if len(tiers) == 1 else "undetermined"
        out["gpai"] = gpais[0] if len(gpais) == 1 else "undetermined"
        out["roles"] = sorted(roles, key=ROLES.index)
        # questions
        tier_facts, gpai_facts, counts = set(), set(), {}
        for r in rs.rules:
            cls = "prohibited" if r["kind"] == "prohibition" else r.get("classifies")
            if not cls or self.rule(r["id"]) != U:
                continue
            if r["kind"] == "prohibition" and self.as_of < dates[r["id"]][0]:
                continue
            is_gpai = cls in ("gpai", "gpai_systemic")
            if is_gpai and out["gpai"] == "undetermined":
                self.unknowns(r["when"], gpai_facts)
            if not is_gpai and out["tier"] == "undetermined":
                self.unknowns(r["when"], tier_facts)
        for r in rs.reported:
            ask = set()
            v = self.rule(r["id"])
            if v == U:
                self.unknowns(r["when"], ask)
            d, unc, conds = dates[r["id"]]
            if unc and v != F:
                for c in conds:
                    self.unknowns(c, ask)
            if v == T and out["obligations"][r["id"]]["status"] == "unknown" and r["kind"] == "obligation":
                for e in r["evidence"]:
                    if "evidence." + e not in self.vals:
                        ask.add("evidence." + e)
            for f in ask:
                counts[f] = counts.get(f, 0) + 1
        facts = tier_facts | gpai_facts | set(counts)
        order = {f: i for i, f in enumerate(rs.fact_order)}
        out["questions"] = sorted(facts, key=lambda f: (f not in tier_facts, f not in gpai_facts,
                                                        -min(counts.get(f, 0), 0xFFFF), order[f]))
        return out


def cmp(op, a, b):
    return {"eq": a == b, "gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[op]
