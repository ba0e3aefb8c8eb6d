"""The typed report's data, read from the library's report accessors
(aigov_report_overview, _obligation, _obligation_reason, ... in
include/aigov.h), never by parsing the rendered JSON.

build() returns the report as the full JSON report (`json-full`) would parse:
the same keys, the same values, so Report's typed views read it unchanged and
the test suite checks build() == json.loads(full JSON) for every golden case
(tests/test_report_accessors.py). Nothing is computed here: every number,
name and sentence comes from an accessor; this file only arranges them.
"""
from __future__ import annotations

import ctypes
import json as _json
from typing import Any, Callable, Dict, List, Optional

from . import _lib, _report_bulk

# enum values of include/aigov.h
_PART_ORGANISATION = 2
_FACT_BOOL, _FACT_ENUM, _FACT_SET, _FACT_NUMBER, _FACT_DATE, _FACT_STRING, _FACT_EVIDENCE = range(7)
_TIER_UNDETERMINED = 5  # possible_tiers / possible_gpai list the decided classes only
_GPAI_UNDETERMINED = 3
_TRUTH_FALSE, _TRUTH_TRUE = 0, 1


def _name_table(fn: Callable[[int], bytes]) -> List[str]:
    out: List[str] = []
    while len(out) < 64:
        name = fn(len(out))
        if name is None or name == b"?":
            break
        out.append(name.decode())
    return out


# The table's strings and constant report parts, decoded once per table (one per Table).
Strings = _report_bulk.TableCache


class Names:
    """The library's name tables (statuses, tiers, roles, ...), read once."""

    def __init__(self, c: Any):
        self.tiers = _name_table(c.aigov_tier_name)
        self.gpai = _name_table(c.aigov_gpai_name)
        self.statuses = _name_table(c.aigov_status_name)
        self.roles = _name_table(c.aigov_role_name)
        self.truths = _name_table(c.aigov_truth_name)
        self.coverages = _name_table(c.aigov_coverage_name)
        self.grades = _name_table(c.aigov_grade_name)


def _failed(what: str, rc: Optional[int] = None) -> RuntimeError:
    """An accessor refusing a report the library just produced: a bug, never input."""
    return RuntimeError("%s failed%s on a report the library just produced"
                        % (what, "" if rc is None else " (%d)" % rc))


def _masked(names: List[str], mask: int, n: int) -> List[str]:
    return [names[k] for k in range(min(n, len(names))) if mask & (1 << k)]


class Builder:
    """Reads one evaluated report (owned by a context) into plain data. Holds
    its out-structs, so one Builder serves one thread at a time."""

    def __init__(self, c: Any, names: Names, strings: Strings, engine: Dict[str, str]):
        self.c = c
        self.n = names
        self.s = strings
        self.str = strings.getter()
        self.engine = engine
        self.ov = _lib.Overview()
        self.ob = _lib.Obligation()
        self.cond = _lib.Condition()
        self.fv = _lib.FactValue()
        self.pen = _lib.Penalty()
        self.sysr = _lib.SystemResult()
        self.lists = _report_bulk.Lists(c)
        self.link = _lib.CrosswalkLink()
        self.vp = ctypes.c_void_p()
        self.cp = ctypes.c_char_p()
        self.ip = ctypes.c_int()

    # -- whole reports ---------------------------------------------------------------------
    def single(self, rep: int) -> Dict[str, Any]:
        """The report of a descriptor of one system: {"engine", "as_of", ...}."""
        ov = self._overview(rep)
        d: Dict[str, Any] = {"engine": dict(self.engine), "as_of": ov.as_of.decode()}
        self._part(d, rep, ov)
        return d

    # The sections a one-system report reads on first use (Report._section), and
    # the head it reads at once: engine, as_of, classification, summary, readiness.
    SECTIONS = ("obligations", "questions", "next_actions", "statement_of_applicability")

    def head(self, rep: int) -> Dict[str, Any]:
        """The report of a descriptor of one system without SECTIONS; "_soa" says whether
        it has a statement_of_applicability."""
        ov = self._overview(rep)
        counts = ov.summary
        summary: Dict[str, Any] = {"total": counts.total, "met": counts.met, "gap": counts.gap,
                                   "unknown": counts.unknown, "not_applicable": counts.not_applicable,
                                   "in_force_gaps": counts.in_force_gaps,
                                   "legal_in_force_gaps": ov.legal_in_force_gaps, "questions": counts.questions}
        d: Dict[str, Any] = {"engine": dict(self.engine), "as_of": ov.as_of.decode(),
                             "classification": self._classification(rep, ov), "summary": summary}
        frameworks, soa = ov.frameworks, ov.soa_controls
        summary["by_framework"] = self._by_framework(rep, frameworks)
        d["readiness"] = self._readiness(rep, frameworks)
        d["_soa"] = bool(soa)
        return d

    def section(self, rep: int, key: str) -> Any:
        """One of SECTIONS of a one-system report (None: the report has no SoA)."""
        if key == "obligations":
            return self._obligations(rep, False)
        if key == "questions":
            return self._questions(rep)
        ov = self._overview(rep)
        if key == "next_actions":
            return self._next_actions(rep, ov.next_actions)
        return self._soa(rep) if ov.soa_controls else None

    def system(self, rep: int, index: int) -> Dict[str, Any]:
        """One system's part of a descriptor of several: {"index", "name", ...}."""
        ov = self._overview(rep)
        name = ov.system_name
        d: Dict[str, Any] = {"index": index, "name": None if name is None else name.decode("utf-8")}
        self._part(d, rep, ov)
        return d

    def organisation(self, rep: int) -> Dict[str, Any]:
        """The organisation's own rules of a descriptor of several systems."""
        d: Dict[str, Any] = {}
        self._part(d, rep, self._overview(rep))
        return d

    def as_of(self, rep: int) -> str:
        return self._overview(rep).as_of.decode()

    def part(self, rep: int) -> int:
        """aigov_part: 0 every rule of a one-system descriptor, 1 a system of several, 2 the organisation."""
        return int(self._overview(rep).part)

    def _overview(self, rep: int) -> Any:
        ov = self.ov
        ov.size = ctypes.sizeof(ov)
        self._check(self.c.aigov_report_overview(ctypes.byref(ov), rep), "aigov_report_overview")
        return ov

    @staticmethod
    def _check(rc: int, what: str) -> None:
        if rc:
            raise _failed(what, rc)

    def _part(self, d: Dict[str, Any], rep: int, ov: Any) -> None:
        org = ov.part == _PART_ORGANISATION
        # copy what the overview says before other calls reuse nothing of it
        counts = ov.summary
        summary: Dict[str, Any] = {"total": counts.total, "met": counts.met, "gap": counts.gap,
                                   "unknown": counts.unknown, "not_applicable": counts.not_applicable,
                                   "in_force_gaps": counts.in_force_gaps,
                                   "legal_in_force_gaps": ov.legal_in_force_gaps}
        if not org:
            summary["questions"] = counts.questions
            d["classification"] = self._classification(rep, ov)
        frameworks, actions, controls = ov.frameworks, ov.next_actions, ov.soa_controls
        d["obligations"] = self._obligations(rep, org)
        if not org:
            d["questions"] = self._questions(rep)
        summary["by_framework"] = self._by_framework(rep, frameworks)
        d["summary"] = summary
        d["readiness"] = self._readiness(rep, frameworks)
        d["next_actions"] = self._next_actions(rep, actions)
        if not org and controls:
            d["statement_of_applicability"] = self._soa(rep)

    # -- sections ----------------------------------------------------------------------------
    def _classification(self, rep: int, ov: Any) -> Dict[str, Any]:
        n, s = self.n, self.str
        cr = _lib.ClassReason()
        reasons = []
        for i in range(ov.classification_reasons):
            cr.size = ctypes.sizeof(cr)
            self._check(self.c.aigov_report_classification_reason(ctypes.byref(cr), rep, i),
                        "aigov_report_classification_reason")
            reasons.append({"rule": s(cr.rule), "citation": s(cr.citation), "classifies": s(cr.classifies),
                            "value": n.truths[cr.value]})
        return {"tier": n.tiers[ov.tier], "gpai": n.gpai[ov.gpai],
                "possible_tiers": _masked(n.tiers, ov.possible_tiers, _TIER_UNDETERMINED),
                "possible_gpai": _masked(n.gpai, ov.possible_gpai, _GPAI_UNDETERMINED),
                "roles": _masked(n.roles, ov.roles, len(n.roles)), "reasons": reasons}

    def _obligations(self, rep: int, org: bool) -> List[Dict[str, Any]]:
        return _report_bulk.obligations(self, rep)

    def _fact_value(self, rep: int, fact: int) -> Any:
        """A fact's value as the JSON report writes it (null, bool, number, string, list)."""
        fv = self.fv
        fv.size = ctypes.sizeof(fv)
        self._check(self.c.aigov_report_fact_value(ctypes.byref(fv), rep, fact), "aigov_report_fact_value")
        if not fv.known:
            return None
        t = fv.type
        if t == _FACT_BOOL:
            return bool(fv.boolean)
        if t == _FACT_NUMBER:
            return _json.loads(fv.number_text)  # the JSON report's own text of it
        if t == _FACT_DATE:
            return fv.date.decode()
        if t == _FACT_SET:
            return [self.s.get(fv.values[k]) for k in range(fv.n_values) if fv.mask >> k & 1]
        if t in (_FACT_ENUM, _FACT_EVIDENCE):
            return self.s.get(fv.text)
        return ctypes.string_at(fv.text, fv.text_len).decode("utf-8")  # a string: the context's

    def _penalty(self, rep: int, i: int) -> Dict[str, Any]:
        p = self.pen
        p.size = ctypes.sizeof(p)
        self._check(self.c.aigov_report_obligation_penalty(ctypes.byref(p), rep, i),
                    "aigov_report_obligation_penalty")
        cap: Any = None
        if p.cap_known:
            cap = p.cap_eur
            if cap.is_integer():
                cap = int(cap)  # as json.loads reads the report's integral caps
        return {"tier": self.s.get(p.tier), "citation": self.s.get(p.citation), "cap_eur": cap,
                "basis": p.basis.decode("utf-8")}

    def _systems(self, rep: int, i: int, count: int) -> List[Dict[str, Any]]:
        r, statuses = self.sysr, self.n.statuses
        out = []
        for k in range(count):
            r.size = ctypes.sizeof(r)
            self._check(self.c.aigov_report_obligation_system(ctypes.byref(r), rep, i, k),
                        "aigov_report_obligation_system")
            out.append({"index": r.index, "in_scope": bool(r.in_scope), "status": statuses[r.status]})
        return out

    def _rule_list(self, fn: Any, rep: int, i: int, count: int) -> List[str]:
        vp, ref, s = self.vp, ctypes.byref(self.vp), self.str
        out = [""] * count
        for k in range(count):
            if fn(ref, rep, i, k):
                raise _failed("a rule list accessor")
            out[k] = s(vp.value)  # type: ignore[call-overload]
        return out

    def _questions(self, rep: int) -> List[Dict[str, Any]]:
        return _report_bulk.questions(self, rep)

    def _by_framework(self, rep: int, frameworks: int) -> Dict[str, Dict[str, int]]:
        fs = _lib.FrameworkSummary()
        out = {}
        for k in range(frameworks):
            fs.size = ctypes.sizeof(fs)
            self._check(self.c.aigov_report_framework_summary(ctypes.byref(fs), rep, k),
                        "aigov_report_framework_summary")
            out[self.s.get(fs.framework)] = {"total": fs.total, "met": fs.met, "gap": fs.gap,
                                             "unknown": fs.unknown, "not_applicable": fs.not_applicable}
        return out

    def _readiness(self, rep: int, frameworks: int) -> Dict[str, Dict[str, Any]]:
        rd, up = _lib.Readiness(), _lib.Upcoming()
        out = {}
        for k in range(frameworks):
            rd.size = ctypes.sizeof(rd)
            self._check(self.c.aigov_report_readiness(ctypes.byref(rd), rep, k), "aigov_report_readiness")
            upcoming = []
            for u in range(rd.upcoming):
                up.size = ctypes.sizeof(up)
                self._check(self.c.aigov_report_readiness_upcoming(ctypes.byref(up), rep, k, u),
                            "aigov_report_readiness_upcoming")
                upcoming.append({"applies_from": up.applies_from.decode(), "obligations": up.obligations})
            pct = rd.percent_met
            out[self.s.get(rd.framework)] = {
                "assessed": bool(rd.assessed), "applicable": rd.applicable, "undecided": rd.undecided,
                "met": rd.met, "percent_met": int(pct) if pct.is_integer() else pct, "ready": bool(rd.ready),
                "in_force": rd.in_force, "requirements": rd.requirements,
                "requirements_met": rd.requirements_met, "controls_included": rd.controls_included,
                "controls_implemented": rd.controls_implemented, "findings_open": rd.findings_open,
                "upcoming": upcoming}
        return out

    def _next_actions(self, rep: int, count: int) -> List[Dict[str, Any]]:
        a = _lib.Action()
        out = []
        for i in range(count):
            a.size = ctypes.sizeof(a)
            self._check(self.c.aigov_report_next_action(ctypes.byref(a), rep, i), "aigov_report_next_action")
            out.append({"evidence": self.s.get(a.evidence), "title": self.s.get(a.title), "closes": a.closes,
                        "rules": self._rule_list(self.c.aigov_report_next_action_rule, rep, i, a.rules)})
        return out

    def _soa(self, rep: int) -> Dict[str, Any]:
        c, s, statuses = self.c, self.str, self.n.statuses
        soa, ctl = _lib.SoA(), _lib.SoAControl()
        soa.size = ctypes.sizeof(soa)
        self._check(c.aigov_report_soa(ctypes.byref(soa), rep), "aigov_report_soa")
        summary = {"controls": soa.controls, "included": soa.included, "excluded": soa.excluded,
                   "not_recorded": soa.not_recorded, "findings_gap": soa.findings_gap,
                   "findings_unknown": soa.findings_unknown, "complete": bool(soa.complete)}
        text = lambda b: None if b is None else b.decode("utf-8")  # noqa: E731
        controls = []
        for i in range(soa.controls):
            ctl.size = ctypes.sizeof(ctl)
            self._check(c.aigov_report_soa_control(ctypes.byref(ctl), rep, i), "aigov_report_soa_control")
            refs = []
            for k in range(ctl.evidence_refs):
                self._check(c.aigov_report_soa_evidence_ref(ctypes.byref(self.cp), rep, i, k),
                            "aigov_report_soa_evidence_ref")
                refs.append(text(self.cp.value))
            findings = []
            for k in range(ctl.findings):
                self._check(c.aigov_report_soa_finding(ctypes.byref(self.vp), ctypes.byref(self.ip), rep, i, k),
                            "aigov_report_soa_finding")
                findings.append({"id": s(self.vp.value), "status": statuses[self.ip.value]})
            ta = ctl.typically_applicable
            review = ctl.review_date.decode()
            controls.append({
                "control": s(ctl.control), "title": s(ctl.title), "rule": s(ctl.rule),
                "decision": text(ctl.decision), "justification": text(ctl.justification),
                "typically_applicable": True if ta == _TRUTH_TRUE else False if ta == _TRUTH_FALSE else None,
                "implementation": statuses[ctl.implementation], "owner": text(ctl.owner) or None,
                "review_date": review or None, "grade": self.n.grades[ctl.grade],
                "grade_basis": text(ctl.grade_basis), "evidence_refs": refs, "findings": findings})
        return {"summary": summary, "controls": controls}
