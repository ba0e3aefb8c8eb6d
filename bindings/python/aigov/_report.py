"""Typed views of a report. Everything here is read from what the library
produced (its report accessors, _report_build; or its JSON for a Report made
from raw JSON); nothing is computed."""
from __future__ import annotations

import json as _json
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterator, List, Mapping, Optional, Tuple


def _pick(d: Mapping[str, Any], known: Tuple[str, ...], known_set: frozenset) -> Dict[str, Any]:
    """The fields of `known` from d (None when absent), and under "extra" the keys it does not
    know, in d's order. A copy and a subset test in C: the common case (only known keys, as the
    report builder writes them) runs no Python loop, which a report's ~170 obligations and their
    evidence otherwise pay per key."""
    kw = dict(d)
    if known_set.issuperset(kw):
        extra: Dict[str, Any] = {}
    else:
        extra = {k: v for k, v in d.items() if k not in known_set}
        for k in extra:
            del kw[k]
    if len(kw) != len(known):
        for k in known:
            kw.setdefault(k, None)
    kw["extra"] = extra
    return kw


def _made(cls: Any, kw: Dict[str, Any]) -> Any:
    """cls(**kw) for a frozen dataclass given every field: the fields set at once, not one
    object.__setattr__ each, which frozen dataclasses pay per field (a report lists ~170
    obligations, each with its evidence)."""
    o = object.__new__(cls)
    o.__dict__.update(kw)
    return o


@dataclass(frozen=True)
class Evidence:
    """One evidence item an obligation needs, and its state in the descriptor."""
    item: str
    title: str
    state: str  # implemented | partial | planned | absent | unknown
    ref: Optional[str]
    extra: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    _KEYS = ("item", "title", "state", "ref")

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Evidence":
        return _made(cls, _pick(d, cls._KEYS, _EVIDENCE_KEYS))


@dataclass(frozen=True)
class Obligation:
    """One reported rule (obligation, prohibition or finding) and its status."""
    id: str
    framework: str
    kind: str                    # obligation | prohibition | finding
    citation: str
    title: str
    holder: List[str]
    applies_from: Optional[str]  # "YYYY-MM-DD"
    in_force: bool
    status: str                  # met | gap | unknown | not_applicable
    reasons: List[Dict[str, Any]]
    evidence: List[Evidence]
    penalty: Optional[Dict[str, Any]] = None
    crosswalk: Optional[Dict[str, Any]] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    _KEYS = ("id", "framework", "kind", "citation", "title", "holder", "applies_from", "in_force",
             "status", "reasons", "evidence", "penalty", "crosswalk")

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Obligation":
        kw = _pick(d, cls._KEYS, _OBLIGATION_KEYS)
        kw["holder"] = list(kw["holder"] or [])
        kw["reasons"] = list(kw["reasons"] or [])
        kw["evidence"] = [Evidence.from_json(e) for e in kw["evidence"] or []]
        return _made(cls, kw)

    @property
    def is_gap_in_force(self) -> bool:
        return self.status == "gap" and bool(self.in_force)


@dataclass(frozen=True)
class Question:
    """A fact still missing, in the order it should be asked."""
    fact: str
    ask: str
    affects_tier: bool
    affects_gpai: bool
    affects: List[str]
    extra: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    _KEYS = ("fact", "ask", "affects_tier", "affects_gpai", "affects")

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> "Question":
        kw = _pick(d, cls._KEYS, _QUESTION_KEYS)
        kw["affects"] = list(kw["affects"] or [])
        return cls(**kw)


_EVIDENCE_KEYS = frozenset(Evidence._KEYS)
_OBLIGATION_KEYS = frozenset(Obligation._KEYS)
_QUESTION_KEYS = frozenset(Question._KEYS)


@dataclass(frozen=True)
class QuestionInfo:
    """One open question in full, as aigov_report_question_info gives it: what
    to ask, how the answer is written (type, values, min/max, max_length),
    the provision it comes from and what it can decide (rank: tier, gpai,
    role, date or duty; the reported rules it bears on)."""
    fact: str
    ask: str
    description: str
    source: str
    type: str  # bool | enum | set | number | date | string | evidence
    rank: str  # tier | gpai | role | date | duty
    values: Tuple[str, ...]
    min: float
    max: float
    max_length: int
    affects_tier: bool
    affects_gpai: bool
    affects: Tuple[str, ...]
    affected_in_force: int


@dataclass(frozen=True)
class Summary:
    """Tier, GPAI class and counts of reported rules by status.

    Evaluator.classify() fills it from the C accessors without rendering or
    parsing JSON (by_framework is then None); Report.summary fills it from the
    JSON. Both give equal objects (by_framework is not compared). Also
    readable as a mapping: summary["in_force_gaps"]."""
    tier: Optional[str]
    gpai: Optional[str]
    total: int
    met: int
    gap: int
    unknown: int
    not_applicable: int
    in_force_gaps: int
    questions: int
    by_framework: Optional[Dict[str, Dict[str, int]]] = field(default=None, compare=False)
    # Of in_force_gaps, those the default gate counts (ISO/IEC 42001 gaps only when asked);
    # from the JSON report; None from the C accessors.
    legal_in_force_gaps: Optional[int] = field(default=None, compare=False)

    _COUNTS = ("total", "met", "gap", "unknown", "not_applicable", "in_force_gaps", "questions")

    @classmethod
    def from_json(cls, summary: Mapping[str, Any], tier: Optional[str] = None,
                  gpai: Optional[str] = None) -> "Summary":
        legal = summary.get("legal_in_force_gaps")
        return cls(tier, gpai, *(int(summary.get(k, 0)) for k in cls._COUNTS),
                   by_framework=summary.get("by_framework"),
                   legal_in_force_gaps=None if legal is None else int(legal))

    def __getitem__(self, key: str) -> Any:
        if key in self.__dataclass_fields__:
            return getattr(self, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default) if key in self.__dataclass_fields__ else default

    def keys(self) -> Iterator[str]:
        return iter(self.__dataclass_fields__)

    @property
    def failing(self) -> bool:
        """Prohibited, or a gap in an obligation in force (what `aigov eval` exits 1 on; an
        ISO/IEC 42001 gap only under --fail-on gap+iso42001)."""
        gaps = self.in_force_gaps if self.legal_in_force_gaps is None else self.legal_in_force_gaps
        return self.tier == "prohibited" or gaps > 0


@dataclass(frozen=True)
class RuleInfo:
    """Catalogue entry of one rule (aigov_rule_info)."""
    id: str
    framework: str
    citation: str
    title: str
    applies_from: str  # "" for definitions
    kind: str          # definition | obligation | prohibition | finding


class Report:
    """One evaluation.

    raw_json   the exact bytes the library rendered, the full form
               (byte-identical to `aigov eval --format json --full` without
               its trailing newline; Evaluator.render() gives the compact form);
               rendered on first use for a report of Evaluator.evaluate() (the
               typed views never need it); None for a system's part of a
               several-systems report
    rendered   the report in the format asked for (== raw_json for "json" and "json-full")
    json()     the report as data, shaped as the full JSON report: read through
               the library's report accessors by Evaluator.evaluate() (no JSON
               is rendered or parsed), parsed from raw_json for Report(raw_json)

    A descriptor of one organisation with several systems gives a report with
    is_portfolio True: `systems` holds one Report per system and
    `organisation` the organisation's own rules; tier/gpai/obligations/...
    are then those of the organisation part (tier and gpai None)."""

    __slots__ = ("_raw", "_raw_source", "format", "_rendered", "_data", "_loader", "_has_soa")

    # The sections of a one-system report from Evaluator.evaluate() that are read
    # from the library on first use (the rest is read at once).
    _LAZY = ("obligations", "questions", "next_actions", "statement_of_applicability")

    def __init__(self, raw_json: Optional[bytes], format: str = "json",
                 rendered: Optional[bytes] = None, data: Optional[Dict[str, Any]] = None):
        self._raw = raw_json
        self._raw_source: Optional[Callable[[], bytes]] = None
        self.format = format
        self._rendered = rendered
        self._data = data
        self._loader: Optional[Callable[[str], Any]] = None
        self._has_soa = False

    @classmethod
    def _typed(cls, data: Dict[str, Any], raw_source: Callable[[], bytes], format: str = "json",
               rendered: Optional[bytes] = None, loader: Optional[Callable[[str], Any]] = None,
               has_soa: bool = False) -> "Report":
        """A report whose data came from the accessors; raw_json from raw_source() on first
        use; with loader, the _LAZY sections from loader(key) on first use."""
        r = cls(None, format, rendered, data)
        r._raw_source = raw_source
        r._loader = loader
        r._has_soa = has_soa
        return r

    def _doc(self) -> Dict[str, Any]:
        """The data as far as it is read (the _LAZY sections may be missing)."""
        if self._data is None:
            self._data = _json.loads(self.raw_json) if self.raw_json is not None else {}
        return self._data

    def _section(self, key: str) -> Any:
        d = self._doc()
        if key in d or self._loader is None:
            return d.get(key)
        if key == "statement_of_applicability" and not self._has_soa:
            return None
        value = d[key] = self._loader(key)
        return value

    @property
    def raw_json(self) -> Optional[bytes]:
        if self._raw is None and self._raw_source is not None:
            self._raw = self._raw_source()
            self._raw_source = None
        return self._raw

    @property
    def rendered(self) -> Optional[bytes]:
        return self.raw_json if self._rendered is None else self._rendered

    def __repr__(self) -> str:
        if self.is_portfolio:
            return "<aigov.Report portfolio of %d systems>" % len(self._doc().get("systems", []))
        s = self.summary
        return "<aigov.Report tier=%s gpai=%s in_force_gaps=%d questions=%d>" % (
            self.tier, self.gpai, s.in_force_gaps, s.questions)

    def json(self) -> Dict[str, Any]:
        """The whole report as data (every section read)."""
        if self._loader is not None:
            for key in self._LAZY:
                self._section(key)
            self._loader = None
        return self._doc()

    @property
    def text(self) -> str:
        """The rendered report as str (text, markdown, or JSON)."""
        return (self.rendered or b"").decode("utf-8")

    # -- several systems -------------------------------------------------------
    @property
    def is_portfolio(self) -> bool:
        return "systems" in self._doc()

    @property
    def systems(self) -> List["Report"]:
        return [Report(None, data=s) for s in self._doc().get("systems", [])]

    @property
    def organisation(self) -> Optional["Report"]:
        org = self._doc().get("organisation")
        return None if org is None else Report(None, data=org)

    @property
    def index(self) -> Optional[int]:
        return self._doc().get("index")

    @property
    def name(self) -> Optional[str]:
        return self._doc().get("name")

    # -- report sections -----------------------------------------------------------
    @property
    def engine(self) -> Dict[str, Any]:
        return self._doc().get("engine", {})

    @property
    def as_of(self) -> Optional[str]:
        return self._doc().get("as_of")

    @property
    def classification(self) -> Dict[str, Any]:
        return self._doc().get("classification", {})

    @property
    def tier(self) -> Optional[str]:
        return self.classification.get("tier")

    @property
    def gpai(self) -> Optional[str]:
        return self.classification.get("gpai")

    @property
    def possible_tiers(self) -> List[str]:
        return list(self.classification.get("possible_tiers", []))

    @property
    def possible_gpai(self) -> List[str]:
        return list(self.classification.get("possible_gpai", []))

    @property
    def roles(self) -> List[str]:
        return list(self.classification.get("roles", []))

    @property
    def obligations(self) -> List[Obligation]:
        return [Obligation.from_json(o) for o in self._section("obligations") or []]

    @property
    def questions(self) -> List[Question]:
        return [Question.from_json(q) for q in self._section("questions") or []]

    @property
    def summary(self) -> Summary:
        return Summary.from_json(self._doc().get("summary", {}), self.tier, self.gpai)

    @property
    def readiness(self) -> Dict[str, Any]:
        return self._doc().get("readiness", {})

    @property
    def next_actions(self) -> List[Dict[str, Any]]:
        return list(self._section("next_actions") or [])

    @property
    def statement_of_applicability(self) -> Optional[Dict[str, Any]]:
        """The Statement of Applicability (ISO/IEC 42001 6.1.3): ``summary``
        and one entry per Annex A control (decision, justification,
        typically_applicable, implementation, owner, review_date, grade, grade_basis, evidence_refs,
        findings); None when the rule
        set declares no control."""
        return self._section("statement_of_applicability")
