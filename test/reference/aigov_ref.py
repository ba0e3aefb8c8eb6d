#!/usr/bin/env python3
"""aigov_ref: an independent, deliberately simple evaluator of the rule
sources in rules/ (the JSON, never the compiled table), written from
rules/README.md alone. Python standard library only; no speed tricks beyond
memoising rule values. The differential test (differential.py) runs it
beside the C engine: any disagreement is a bug in one of them.

    python3 test/reference/aigov_ref.py DESCRIPTOR.json [--as-of D] [--rules DIR]

prints the parts of the report the differential compares.

Readings of rules/README.md (where it is silent or could be read two ways;
the C engine should agree, or the README should say otherwise):

R1  Rule sources: every *.json under rules/ except *.schema.json, in byte
    order of their paths relative to rules/; order inside a file is kept.
R2  Fact catalogue order: the `facts` of every file in file order, then the
    evidence items (`evidence.<id>`) of every file in file order.
R3  A fact is unknown when its path is absent or null (the descriptor
    schema: "null means the same"), and a string fact when it is blank
    (white space or zero-width characters only); an evidence item is unknown when it is
    absent or null. Numbers are IEEE doubles (a JSON integer is read as the
    nearest double, as a C parser does); dates compare as calendar days.
R4  `{"fact": F, "empty": b}` is true when (F is empty) == b.
R5  Classes: each class is the Kleene OR of the rules that classify into it;
    a prohibition counts only while in force at as_of (its applies_from, as
    reported, <= as_of); a definition counts always. possible_tiers lists, in
    chain order, every class that is unknown up to and including the first
    true one, then `minimal` when no class is true; the tier is the only
    possible one, else `undetermined`. GPAI likewise over gpai_systemic, gpai
    (fallback none).
R6  applies_from cases: walk the cases in order; a true case ends the walk
    (the last case has no `if` and is true); the date is the earliest date of
    the unknown cases passed and of that true case; false cases are skipped.
    A case's `not_before` date fact, when known and later, replaces its date.
    in_force = as_of >= that date. A named date case (a source's "dates") is
    its cases: a rule's applies_from that names one, and a case {"use": name}
    inside cases, stand for those cases, in place (expand_dates).
R7  Status: README table. A finding: not_applicable when its `within` is
    false, unknown while `within` is unknown, else when true -> gap, false ->
    met, unknown -> unknown. Status does not depend on in_force. A rule's
    value (for {"rule": id}) is its `when` alone, also for findings.
R8  Roles: the confers_role of every definition that is true, in the order
    provider, deployer, importer, distributor, authorised_representative,
    product_manufacturer. The README's "the operator holds this role too"
    could also be read as the declared operator.roles plus the conferred
    ones; the golden cases (art02-10-personal-non-professional-use-no-
    deployer-duties: declared deployer, personal use, roles []) settle it
    for the conferred roles only. AIGOV_REF_ROLES=declared selects the other
    reading.
R9  Questions: a fact is asked when it is unknown and reachable through the
    unknown parts of an unknown condition (all/any: the unknown children;
    not: its operand; rule: the referenced rule's unknown facts, for an SoA
    control (R11) its `within`, then while the decision is not recorded the
    decision fact and its `when`):
      - the unknown facts of a reported rule whose value is unknown, and the
        `within` of a rule, unless the rule is outside its `within` (it
        affects that rule);
      - the unknown `if` conditions of the applies_from cases that made a
        reported rule's date uncertain (R6), unless its value is false or it
        is outside its `within` (it affects that rule);
      - the evidence items not given (R12) of an obligation whose value is
        true and whose status is unknown (it affects that rule);
      - the unknown facts of an open classifying rule: unknown, a prohibition
        only while in force, in a class that is still possible while the tier /
        GPAI class is undetermined: affects_tier / affects_gpai;
      - a rule of a framework not assessed (R13) asks only its `within`.
    Order (issue 24): by class, tier facts that also affect the GPAI class,
    tier, GPAI, role (the unknown facts of an unknown rule with confers_role),
    date (the date facts above), duty; then the number of open classifying
    rules that read the fact, most first; then the number of reported rules
    it affects, most first; then fact catalogue order (R2). `affects` lists
    the reported rules in table order, those of a framework not assessed too.
R15 A finding with `observation` whose condition holds is met (an auditor's
    observation, e.g. Annex B guidance not considered), never a gap.
R14 Results kept per system (rules/README.md, `per_system`): in a portfolio, the
    organisation's status of such a rule that applies combines the statuses the
    rule has in each system whose in-scope condition is not false: a gap when
    one is a gap, met when all are met, unknown otherwise; with none in scope
    the organisation's own status stays.
R10 One organisation, several systems (README.md): system i is evaluated as
    the single descriptor {organisation, its operator/system/gpai, evidence:
    the shared items overridden item by item by its own (an own item given
    as null is not given, so the shared one counts)} and reports the rules
    that are not the organisation's own; the organisation's own rules (those
    reading only organisation.* facts, through `when`, `within`, date cases
    and referenced rules) are reported once, evaluated on {organisation,
    shared evidence}. A system's questions are those of its single descriptor
    (so they may name organisation rules in `affects`). A descriptor with one
    system gets the single report of that system's descriptor.
R11 Annex A controls (rules with `soa`): the value (also for {"rule": id}) is
    false when `within` is false; with the decision recorded, `within` when
    included, false when excluded; while the SoA is silent, false when `when`
    (typical applicability) is false, else unknown. A rule with
    `soa_statement` that applies is a gap when any SoA check (a finding with
    `soa_control`) is a gap, else unknown when it is met and a check is
    unknown.
R12 Evidence `implied_by`: an item not implemented counts as implemented
    when the item it is implied by is implemented (never the reverse); an
    item not given is asked unless so implied. Conditions on `evidence.<id>`
    read the item's own state.
R13 A framework is not assessed while the `within` of its first SoA control
    (table order) is unknown (the organisation has not said whether it runs an
    AIMS): its rules are not reported (list and summary) and ask only their
    `within`; they still count in `affects`.
"""
import hashlib
import json
import os
import sys

T, F, U = "true", "false", "unknown"
OPERATOR_ROLES = ["provider", "deployer", "importer", "distributor", "authorised_representative",
                  "product_manufacturer"]
TIER_CHAIN = ["out_of_scope", "prohibited", "high_risk", "limited"]
GPAI_CHAIN = ["gpai_systemic", "gpai"]
ROLE_READING = os.environ.get("AIGOV_REF_ROLES", "conferred")  # R8: "conferred" or "declared"


def rule_sources(rules_dir):
    """R1: the rule source files, in byte order of their relative paths."""
    found = []
    for root, _dirs, files in os.walk(rules_dir):
        for name in files:
            if name.endswith(".json") and not name.endswith(".schema.json"):
                path = os.path.join(root, name)
                found.append((os.path.relpath(path, rules_dir).replace(os.sep, "/").encode(), path))
    return [p for _, p in sorted(found)]


def expand_dates(cases, named):
    """R6: cases with every {"use": name} replaced by that named date case's cases."""
    out = []
    for case in cases:
        out += expand_dates(named[case["use"]]["cases"], named) if "use" in case else [case]
    return out


def resolve_applies_from(rules, named):
    """R6: a rule's applies_from as a date or its cases, named date cases spliced in."""
    for r in rules:
        af = r.get("applies_from")
        if isinstance(af, str) and af in named:
            r["applies_from"] = expand_dates(named[af]["cases"], named)
        elif isinstance(af, list):
            r["applies_from"] = expand_dates(af, named)


class RuleSet:
    def __init__(self, rules_dir="rules"):
        self.facts = {}      # fact id -> fact (evidence items as type "evidence")
        self.order = []      # R2
        self.rules = []
        self.manifest = None
        evidence, named = [], {}
        h = hashlib.sha256()
        for path in rule_sources(rules_dir):
            with open(path, "rb") as f:
                data = f.read()
            # the table's rules_hash: per source its name as the build passes it, NUL, its length
            # in decimal, NUL, its bytes (lib/compile/compile.c, hash_sources)
            name = "rules/" + os.path.relpath(path, rules_dir).replace(os.sep, "/")
            h.update(name.encode() + b"\0" + str(len(data)).encode() + b"\0" + data)
            doc = json.loads(data.decode("utf-8"))
            if "manifest" in doc:
                self.manifest = doc["manifest"]
            for fact in doc.get("facts", []):
                self.facts[fact["id"]] = fact
                self.order.append(fact["id"])
            evidence += doc.get("evidence", [])
            self.rules += doc.get("rules", [])
            named.update({d["id"]: d for d in doc.get("dates", [])})
        resolve_applies_from(self.rules, named)
        self.evidence = {}
        for e in evidence:
            fid = "evidence." + e["id"]
            self.evidence[e["id"]] = e
            self.facts[fid] = {"id": fid, "type": "evidence"}
            self.order.append(fid)
        self.rank = {fid: i for i, fid in enumerate(self.order)}
        self.hash = "sha256:" + h.hexdigest()
        self.by_id = {r["id"]: r for r in self.rules}
        self.reported = [r for r in self.rules if r["kind"] != "definition"]


# Characters that make a string blank (README: "a blank string counts as absent"):
# Unicode white space and the zero-width characters U+200B-U+200D, U+2060, U+FEFF.
BLANK = set(" \t\n\v\f\r\u0085\u00a0\u1680\u2028\u2029\u202f\u205f\u2060\u3000\ufeff") | \
    {chr(c) for c in range(0x2000, 0x200E)}


def read_facts(rs, descriptor):
    """R3: fact id -> value, for the facts the descriptor gives."""
    vals = {}
    for fid, fact in rs.facts.items():
        cur = descriptor
        for part in fid.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
            if cur is None:
                break
        if cur is None:
            continue
        if fact["type"] == "evidence":
            cur = cur.get("state")
            if cur is None:
                continue
        elif fact["type"] == "number":
            cur = float(cur)
        elif fact["type"] == "string" and all(ch in BLANK for ch in cur):
            continue  # R3: a blank string (whitespace or zero-width only) is absent
        vals[fid] = cur
    return vals


def compare(op, a, b):
    return {"eq": a == b, "gt": a > b, "gte": a >= b, "lt": a < b, "lte": a <= b}[op]


def k_and(values):
    return F if F in values else U if U in values else T


def k_or(values):
    return T if T in values else U if U in values else F


def k_not(v):
    return {T: F, F: T, U: U}[v]


class Evaluation:
    def __init__(self, rs, descriptor, as_of):
        self.rs = rs
        self.as_of = as_of            # "YYYY-MM-DD": string order is date order
        self.vals = read_facts(rs, descriptor)
        self.memo = {}
        self.cond_memo = {}    # id(condition) -> value (the rule sources outlive the evaluation)
        self.unknown_memo = {}

    # ---- conditions (Kleene) ---------------------------------------------------------
    def cond(self, c):
        if c is True:
            return T
        if c is False:
            return F
        v = self.cond_memo.get(id(c))
        if v is None:
            v = self.cond_memo[id(c)] = self._cond(c)
        return v

    def _cond(self, c):
        if "all" in c:
            return k_and([self.cond(x) for x in c["all"]])
        if "any" in c:
            return k_or([self.cond(x) for x in c["any"]])
        if "not" in c:
            return k_not(self.cond(c["not"]))
        if "known" in c:
            return T if c["known"] in self.vals else F
        if "unknown" in c:
            return F if c["unknown"] in self.vals else T
        if "rule" in c:
            return self.rule(c["rule"])
        if "as_of" in c:
            (op, date), = c["as_of"].items()
            return T if compare(op, self.as_of, date) else F
        fid = c["fact"]
        if fid not in self.vals:
            return U
        v = self.vals[fid]
        (op, arg), = [(k, x) for k, x in c.items() if k != "fact"]
        if op == "is":
            ok = v == arg
        elif op == "in":
            ok = v in arg
        elif op == "has":
            ok = arg in v
        elif op == "has_any":
            ok = any(a in v for a in arg)
        elif op == "has_all":
            ok = all(a in v for a in arg)
        elif op == "empty":                       # R4
            ok = (len(v) == 0) == arg
        elif self.rs.facts[fid]["type"] == "number":
            ok = compare(op, v, float(arg))
        else:                                     # enum / evidence eq, date comparisons
            ok = compare(op, v, arg)
        return T if ok else F

    def rule(self, rid):
        if rid not in self.memo:
            r = self.rs.by_id[rid]
            v = self.cond(r["when"])
            if "soa" in r:
                v = self.soa_applicability(r, v)
            self.memo[rid] = v
        return self.memo[rid]

    def soa_applicability(self, r, typical):
        """R11: an Annex A control's applicability is its SoA decision within `within`;
        while the SoA is silent, `when` (typical applicability) only keeps it out or open."""
        within = self.cond(r["within"]) if "within" in r else T
        if within == F:
            return F
        decision = self.vals.get(r["soa"]["decision"])
        if decision is not None:
            return within if decision == "included" else F
        return F if typical == F else U

    def rule_facts(self, rid):
        """R9: the unknown facts of an unknown rule (an SoA control: its scope, then, while
        the decision is not recorded, the decision and its typical applicability)."""
        if rid not in self.unknown_memo:
            r = self.rs.by_id[rid]
            if self.rule(rid) != U:
                out = set()
            elif "soa" not in r:
                out = self.unknown_facts(r["when"])
            else:
                out = self.unknown_facts(r["within"]) if "within" in r else set()
                if r["soa"]["decision"] not in self.vals:
                    out = out | {r["soa"]["decision"]} | self.unknown_facts(r["when"])
            self.unknown_memo[rid] = out
        return self.unknown_memo[rid]

    def evidence_state(self, e):
        """R12: an item implied by another counts as implemented when that one is."""
        s = self.vals.get("evidence." + e)
        imp = self.rs.evidence[e].get("implied_by")
        if imp is None or s == "implemented":
            return s
        return "implemented" if self.vals.get("evidence." + imp) == "implemented" else s

    def unknown_facts(self, c):
        """R9: unknown facts reachable through the unknown parts of c."""
        if isinstance(c, bool) or self.cond(c) != U:
            return set()
        if "all" in c or "any" in c:
            out = set()
            for x in c.get("all") or c.get("any"):
                out |= self.unknown_facts(x)
            return out
        if "not" in c:
            return self.unknown_facts(c["not"])
        if "rule" in c:
            return self.rule_facts(c["rule"])
        return {c["fact"]}

    # ---- dates, status -------------------------------------------------------------------
    def applies_from(self, r):
        """R6: (date, unknown case conditions that made it uncertain)."""
        af = r["applies_from"]
        if isinstance(af, str):
            return af, []
        dates, open_conds = [], []
        for case in af:
            v = self.cond(case["if"]) if "if" in case else T
            if v == F:
                continue
            date = case["date"]
            nb = self.vals.get(case["not_before"]) if "not_before" in case else None
            if isinstance(nb, str) and nb > date:   # due no earlier than that date fact, once known
                date = nb
            dates.append(date)
            if v == T:
                break
            open_conds.append(case["if"])
        return min(dates), open_conds

    def status(self, r):
        v = self.rule(r["id"])
        if r["kind"] == "finding":
            within = self.cond(r["within"]) if "within" in r else T
            if within == F:
                return "not_applicable"
            if within == U:
                return "unknown"
            if v == T and r.get("observation"):   # R15: an observation is noted, never a gap
                return "met"
            return {T: "gap", F: "met", U: "unknown"}[v]
        if v == F:
            return "not_applicable"
        if v == U:
            return "unknown"
        if r["kind"] == "prohibition":
            return "gap"
        states = [self.evidence_state(e) for e in r["evidence"]]
        if any(s is not None and s != "implemented" for s in states):
            return "gap"
        return "unknown" if None in states else "met"

    # ---- the report ----------------------------------------------------------------------------
    def report(self):
        rs = self.rs
        obligations = {}
        for r in rs.reported:
            date, open_conds = self.applies_from(r)
            obligations[r["id"]] = {"status": self.status(r), "applies_from": date, "in_force": self.as_of >= date,
                                    "kind": r["kind"], "open_conds": open_conds}
        # R11: the clause requiring the SoA (6.1.3) beside the SoA checks
        checks = [obligations[r["id"]]["status"] for r in rs.reported if "soa_control" in r]
        for r in rs.reported:
            o = obligations[r["id"]]
            if not r.get("soa_statement") or o["status"] == "not_applicable":
                continue
            if "gap" in checks:
                o["status"] = "gap"
            elif "unknown" in checks and o["status"] == "met":
                o["status"] = "unknown"
        # R13: a framework is assessed unless the scope (`within`) of its first SoA control is unknown
        assessed = {}
        for r in rs.rules:
            if "soa" in r and "within" in r and r["framework"] not in assessed:
                assessed[r["framework"]] = self.cond(r["within"]) != U

        order = []
        ask = {}  # fact -> the reported rules it affects, in table order
        date_facts = set()
        for r in rs.reported:
            o = obligations[r["id"]]
            open_conds = o.pop("open_conds")
            value = self.rule(r["id"])
            outside = "within" in r and self.cond(r["within"]) == F
            if not outside and value != F:
                for c in open_conds:
                    date_facts |= self.unknown_facts(c)
            if assessed.get(r["framework"], True):
                order.append(r["id"])
            facts = set()
            if outside:
                pass                                   # a rule outside its scope asks nothing
            elif not assessed.get(r["framework"], True):
                facts = self.unknown_facts(r["within"]) if "within" in r else set()
            else:
                if value == U:
                    facts |= self.rule_facts(r["id"])
                if "within" in r:
                    facts |= self.unknown_facts(r["within"])
                if value != F:
                    for c in open_conds:
                        facts |= self.unknown_facts(c)
                if r["kind"] == "obligation" and value == T and o["status"] == "unknown":
                    facts |= {"evidence." + e for e in r["evidence"] if self.evidence_state(e) is None}
            for f in facts:
                ask.setdefault(f, []).append(r["id"])      # rules come in table order
        obligations = {rid: obligations[rid] for rid in order}

        # classification (R5)
        members = {}
        for r in rs.rules:
            cls = "prohibited" if r["kind"] == "prohibition" else r.get("classifies")
            if not cls:
                continue
            if r["kind"] == "prohibition" and self.as_of < self.applies_from(r)[0]:
                continue
            members.setdefault(cls, []).append(r)
        value = {cls: k_or([self.rule(r["id"]) for r in members.get(cls, [])]) for cls in TIER_CHAIN + GPAI_CHAIN}

        def chain(classes, fallback):
            possible = []
            for cls in classes:
                if value[cls] == U:
                    possible.append(cls)
                elif value[cls] == T:
                    possible.append(cls)
                    return possible
            return possible + [fallback]

        tiers = chain(TIER_CHAIN, "minimal")
        gpais = chain(GPAI_CHAIN, "none")
        tier = tiers[0] if len(tiers) == 1 else "undetermined"
        gpai = gpais[0] if len(gpais) == 1 else "undetermined"

        # R9: the open classifying rules (unknown, in a class that could still win while the
        # tier / GPAI class is undetermined); how many of them read a fact orders the questions
        tier_facts, gpai_facts, gates = set(), set(), {}
        for cls, rules in members.items():
            is_gpai = cls in GPAI_CHAIN
            if (gpai if is_gpai else tier) != "undetermined" or cls not in (gpais if is_gpai else tiers):
                continue
            for r in rules:
                if self.rule(r["id"]) != U:
                    continue
                fs = self.rule_facts(r["id"])
                (gpai_facts if is_gpai else tier_facts).update(fs)
                for f in fs:
                    gates[f] = gates.get(f, 0) + 1
        role_facts = set()
        for r in rs.rules:
            if r.get("confers_role") and self.rule(r["id"]) == U:
                role_facts |= self.rule_facts(r["id"])

        # roles (R8)
        roles = set()
        if ROLE_READING == "declared":
            roles |= set(self.vals.get("operator.roles") or [])
        for r in rs.rules:
            if r.get("confers_role") and self.rule(r["id"]) == T:
                roles.add(r["confers_role"])

        def question_class(f):
            """R9 order: tier facts that decide the GPAI class too, tier, GPAI, role, date, duty."""
            if f in tier_facts:
                return 0 if f in gpai_facts else 1
            return 2 if f in gpai_facts else 3 if f in role_facts else 4 if f in date_facts else 5

        facts = tier_facts | gpai_facts | set(ask)
        questions = sorted(facts, key=lambda f: (question_class(f), -min(gates.get(f, 0), 0xFF),
                                                 -min(len(ask.get(f, ())), 0xFFFF), rs.rank[f]))
        return {
            "tier": tier, "gpai": gpai, "possible_tiers": tiers, "possible_gpai": gpais,
            "roles": [x for x in OPERATOR_ROLES if x in roles],
            "order": order,
            "obligations": obligations,
            "questions": [{"fact": f, "affects_tier": f in tier_facts, "affects_gpai": f in gpai_facts,
                           "affects": ask.get(f, [])} for f in questions],
            "values": dict(self.memo),
        }


def evaluate(rs, descriptor, as_of):
    return Evaluation(rs, descriptor, as_of).report()


def organisation_rules(rs):
    """R10: the reported rules that read only organisation.* facts (through their
    `when`, `within`, date cases and the rules they reference)."""
    if getattr(rs, "_org", None) is None:
        memo = {}

        def facts(c, out):
            if isinstance(c, bool):
                return
            for k, v in c.items():
                if k in ("all", "any"):
                    for x in v:
                        facts(x, out)
                elif k == "not":
                    facts(v, out)
                elif k == "rule":
                    out |= rule_facts(v)
                elif k in ("known", "unknown", "fact"):
                    out.add(v)

        def rule_facts(rid):
            if rid not in memo:
                r, out = rs.by_id[rid], set()
                facts(r["when"], out)
                if "within" in r:
                    facts(r["within"], out)
                if isinstance(r.get("applies_from"), list):
                    for case in r["applies_from"]:
                        if "if" in case:
                            facts(case["if"], out)
                memo[rid] = out
            return memo[rid]

        rs._org = {r["id"] for r in rs.reported
                   if all(f.startswith("organisation.") for f in rule_facts(r["id"]))}
    return rs._org


def evaluate_portfolio(rs, descriptor, as_of):
    """R10: one organisation, several systems. System i is evaluated as the single
    descriptor {organisation, its operator/system/gpai, evidence: the shared items
    overridden by its own}, and reports the rules that are not the organisation's
    own; the organisation's own rules are evaluated once on {organisation, shared
    evidence}. A system's questions are those of its single descriptor."""
    org = organisation_rules(rs)
    shared = descriptor.get("evidence") or {}
    systems = []
    single = None
    per_system = [r for r in rs.reported if "per_system" in r]
    per_status = {r["id"]: [] for r in per_system}
    for item in descriptor["systems"]:
        one = {k: v for k, v in item.items() if k != "evidence"}
        if "organisation" in descriptor:
            one["organisation"] = descriptor["organisation"]
        own = {k: v for k, v in (item.get("evidence") or {}).items() if v is not None}   # null = not given
        one["evidence"] = dict(shared, **own)
        ev = Evaluation(rs, one, as_of)
        rep = ev.report()
        for r in per_system:   # R14: only a false in-scope condition leaves the system out
            o = rep["obligations"].get(r["id"])    # absent: ISO/IEC 42001 not assessed (R13)
            if o is not None and ev.cond(r["per_system"]) != F:
                per_status[r["id"]].append(o["status"])
        single = dict(rep)
        rep["order"] = [rid for rid in rep["order"] if rid not in org]
        rep["obligations"] = {rid: rep["obligations"][rid] for rid in rep["order"]}
        systems.append(rep)
    rep = evaluate(rs, {k: descriptor[k] for k in ("organisation", "evidence") if k in descriptor}, as_of)
    rep["order"] = [rid for rid in rep["order"] if rid in org]
    rep["obligations"] = {rid: rep["obligations"][rid] for rid in rep["order"]}
    for rid, sts in per_status.items():
        o = rep["obligations"].get(rid)
        sts = [st for st in sts if st != "not_applicable"]
        if o is None or o["status"] == "not_applicable" or not sts:
            continue
        o["status"] = "gap" if "gap" in sts else "met" if all(st == "met" for st in sts) else "unknown"
    return {"systems": systems, "organisation": rep, "single": single}


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="The reference evaluator's view of one descriptor (JSON).")
    ap.add_argument("descriptor", help="a descriptor file, or - for stdin")
    ap.add_argument("--as-of", default="2028-01-01")
    ap.add_argument("--rules", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules"))
    ap.add_argument("--values", action="store_true", help="also print every rule's value")
    a = ap.parse_args(argv)
    if a.descriptor == "-":
        doc = json.load(sys.stdin)
    else:
        with open(a.descriptor, encoding="utf-8") as f:
            doc = json.load(f)
    rs = RuleSet(a.rules)

    def view(rep):
        if not a.values:
            rep.pop("values", None)
        rep.pop("order", None)
        return rep

    if "systems" in doc:
        rep = evaluate_portfolio(rs, doc, a.as_of)
        out = {"systems": [view(x) for x in rep["systems"]], "organisation": view(rep["organisation"])}
        for k in ("classification", "tier", "gpai", "possible_tiers", "possible_gpai", "roles", "questions"):
            out["organisation"].pop(k, None)
    else:
        out = view(evaluate(rs, doc, a.as_of))
    out = {"rules_hash": rs.hash, "as_of": a.as_of, **out}
    json.dump(out, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
