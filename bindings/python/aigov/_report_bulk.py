"""The report's long lists (obligations with their reasons, evidence and
crosswalk links; questions with the rules each can decide) read in one call
each (aigov_report_obligation_lists, aigov_report_question_lists) instead of
one ctypes call per row: a report of ~170 rules has ~1,500 rows, and a ctypes
call costs about a microsecond.

The rows arrive as raw arrays of fixed-size C structs, unpacked with
struct.iter_unpack (tuples built in C). Strings are addresses: the table's
never move, so TableCache keeps each one decoded once per table, and with it
what a table rule, condition key, evidence row or crosswalk link says that
does not change from one evaluation to the next (as ready-made dicts that
each report copies). Everything still comes from the library: a first sight
of a rule or condition key is read through the per-item accessor.
"""
from __future__ import annotations

import ctypes
import struct
from bisect import bisect_right
from typing import Any, Callable, Dict, List, Optional, Tuple

from . import _lib

_ELIMIT = -5  # AIGOV_ELIMIT: an array too small; the counts are set
_NOT_APPLICABLE = 3
_COVERAGE_NONE = -1
_COND_RULE, _COND_AS_OF, _COND_TEST, _COND_FACT = 0, 1, 2, 3
_KINDS = ("definition", "obligation", "prohibition", "finding")
# Entries kept per table of the caches keyed by what a descriptor decides (rows, rule lists):
# the working set of a corpus fits, and a stream of unlike descriptors cannot grow them forever.
_CACHE_MAX = 1 << 14

_OB = struct.Struct(_lib.OBLIGATION_ROW_FMT)
_RS = struct.Struct(_lib.REASON_ROW_FMT)
_EV = struct.Struct(_lib.EVIDENCE_ROW_FMT)
_LK = struct.Struct(_lib.LINK_ROW_FMT)
_QU = struct.Struct(_lib.QUESTION_ROW_FMT)
_PTR = ctypes.sizeof(ctypes.c_void_p)
for _c, _s in ((_lib.ObligationRow, _OB), (_lib.ReasonRow, _RS), (_lib.EvidenceRow, _EV),
               (_lib.LinkRow, _LK), (_lib.QuestionRow, _QU)):
    assert ctypes.sizeof(_c) == _s.size, "row format of %s out of step with its struct" % _c.__name__


class TableCache:
    """What one table's reports share: its strings by address, and per table rule,
    condition key, evidence row and link the parts of the report that depend on
    nothing else. One per table (Table.strings)."""

    __slots__ = ("cache", "rules", "rows", "keys", "evidence", "affects")

    def __init__(self) -> None:
        self.cache: Dict[int, str] = {}
        self.rules: Dict[int, Tuple[Any, ...]] = {}          # rule index -> metadata, crosswalk
        self.rows: Dict[Tuple[Any, ...], Dict[str, Any]] = {}  # obligation row but offsets -> entry
        self.keys: Dict[Tuple[int, int], Dict[str, Any]] = {}  # (key, result) -> reason (no value)
        self.evidence: Dict[Tuple[int, ...], Dict[str, Any]] = {}  # row without a ref -> evidence entry
        self.affects: Dict[bytes, List[str]] = {}  # a question's rule addresses -> their ids

    def get(self, addr: Optional[int]) -> Optional[str]:
        if not addr:
            return None
        s = self.cache.get(addr)
        if s is None:
            s = self.cache[addr] = ctypes.string_at(addr).decode("utf-8")
        return s

    def getter(self) -> Callable[[Optional[int]], Optional[str]]:
        """get() for hot loops: a dict lookup, get() only on a miss."""
        cache_get, slow = self.cache.get, self.get

        def lookup(addr: Optional[int]) -> Optional[str]:
            s = cache_get(addr)  # type: ignore[arg-type]
            return s if s is not None else slow(addr)
        return lookup

    def many(self, addrs: List[int]) -> List[str]:
        cache = self.cache
        try:
            return [cache[a] for a in addrs]
        except KeyError:
            return [self.get(a) for a in addrs]  # type: ignore[misc]


class _Array:
    """A growable raw array handed to the library: a bytearray and its address."""

    __slots__ = ("row", "cap", "buf", "addr", "_ct")

    def __init__(self, row: int):
        self.row, self.cap, self.buf, self.addr, self._ct = row, 0, bytearray(), None, None

    def fit(self, n: int) -> None:
        if n > self.cap:
            self.cap = max(n, 2 * self.cap, 64)
            self.buf = bytearray(self.cap * self.row)
            self._ct = (ctypes.c_char * len(self.buf)).from_buffer(self.buf)
            self.addr = ctypes.addressof(self._ct)

    def rows(self, fmt: struct.Struct, n: int) -> Any:
        return fmt.iter_unpack(memoryview(self.buf)[: n * self.row])


class Lists:
    """The two bulk calls and their arrays, reused from report to report (one per
    Builder, so one thread at a time)."""

    def __init__(self, c: Any):
        self.c = c
        self.ol = _lib.ObligationLists()
        self.ol.size = ctypes.sizeof(self.ol)
        self.ol_ref = ctypes.byref(self.ol)
        self.ob, self.rs, self.ev, self.lk = _Array(_OB.size), _Array(_RS.size), _Array(_EV.size), _Array(_LK.size)
        self.ql = _lib.QuestionLists()
        self.ql.size = ctypes.sizeof(self.ql)
        self.ql_ref = ctypes.byref(self.ql)
        self.qu, self.qr = _Array(_QU.size), _Array(_PTR)

    def obligations(self, rep: int) -> Any:
        ol = self.ol
        while True:
            rc = self.c.aigov_report_obligation_lists(self.ol_ref, rep)
            if rc == 0:
                return ol
            if rc != _ELIMIT:
                raise RuntimeError("aigov_report_obligation_lists failed (%d) on a report the library "
                                   "just produced" % rc)
            for arr, name in ((self.ob, "obligations"), (self.rs, "reasons"), (self.ev, "evidence"),
                              (self.lk, "links")):
                arr.fit(getattr(ol, "n_" + name))
                setattr(ol, name, arr.addr)
                setattr(ol, name + "_cap", arr.cap)

    def questions(self, rep: int) -> Any:
        ql = self.ql
        while True:
            rc = self.c.aigov_report_question_lists(self.ql_ref, rep)
            if rc == 0:
                return ql
            if rc != _ELIMIT:
                raise RuntimeError("aigov_report_question_lists failed (%d) on a report the library "
                                   "just produced" % rc)
            for arr, name in ((self.qu, "questions"), (self.qr, "rules")):
                arr.fit(getattr(ql, "n_" + name))
                setattr(ql, name, arr.addr)
                setattr(ql, name + "_cap", arr.cap)


def obligations(b: Any, rep: int) -> List[Dict[str, Any]]:
    """The "obligations" section of the full JSON report, as data (b: the Builder)."""
    lists: Lists = b.lists
    tc: TableCache = b.s
    ol = lists.obligations(rep)
    rows = list(lists.ob.rows(_OB, ol.n_obligations))
    reasons = _reasons(b, rep, rows, list(lists.rs.rows(_RS, ol.n_reasons)))
    evidence = _evidence(tc, lists.ev.rows(_EV, ol.n_evidence))
    links = list(lists.lk.rows(_LK, ol.n_links))
    coverages, s = b.n.coverages, tc.getter()
    rows_cache, rules = tc.rows, tc.rules
    penalties: Dict[int, Any] = {}
    out = []
    append = out.append
    for i, row in enumerate(rows):
        # the row but its offsets into the other lists: the same in many reports of the table
        key = row[:9]
        tpl = rows_cache.get(key)
        if tpl is None:
            tpl = _row_template(b, rep, i, row)
        o = tpl.copy()
        rule, status, _af, _in_force, _due, _obs, coverage, pen, beyond, rf, rn, ef, en, lf, ln, systems = row
        o["holder"] = list(tpl["holder"])
        o["reasons"] = reasons[rf:rf + rn]
        if status != _NOT_APPLICABLE:
            o["evidence"] = evidence[ef:ef + en]
            if pen:
                p = penalties.get(pen)
                if p is None:
                    p = penalties[pen] = b._penalty(rep, i)
                o["penalty"] = dict(p)
            if systems:
                o["systems"] = b._systems(rep, i, systems)
            if coverage != _COVERAGE_NONE:
                iso, link_dicts = rules[rule][1]
                o["crosswalk"] = {"iso": list(iso), "links": [d.copy() for d in link_dicts],
                                  "coverage": coverages[coverage],
                                  "still_needed": [name for name, lk in zip(iso, links[lf:lf + ln]) if lk[3]],
                                  "beyond": s(beyond)}
                if len(iso) != ln:  # a table's crosswalk never changes; a bug otherwise
                    raise RuntimeError("crosswalk of %s changed between reports" % o["id"])
        append(o)
    return out


def _row_template(b: Any, rep: int, i: int, row: Tuple[Any, ...]) -> Dict[str, Any]:
    """Reported rule i's entry but its lists, in the JSON's key order, for rows like `row` (kept
    per table); the rule's metadata and crosswalk read once per table rule."""
    tc: TableCache = b.s
    rule, status, af, in_force, due, observation = row[:6]
    meta = tc.rules.get(rule)
    if meta is None:
        meta = _rule_meta(b, rep, i, row)
    o: Dict[str, Any] = dict(meta[0])
    o["applies_from"] = af.split(b"\0", 1)[0].decode()
    if due:
        o["due_at_placing"] = True
    o["in_force"] = in_force != 0
    o["status"] = b.n.statuses[status]
    if observation:
        o["observation"] = True
    o["reasons"] = None  # placeholders keep the key order
    if status != _NOT_APPLICABLE:
        o["evidence"] = None
    if len(tc.rows) >= _CACHE_MAX:
        tc.rows.clear()
    tc.rows[row[:9]] = o
    return o


def _rule_meta(b: Any, rep: int, i: int, row: Tuple[Any, ...]) -> Tuple[Any, ...]:
    """What reported rule i says whatever the descriptor, read once per table rule: its
    metadata, and its crosswalk's ISO rules and links (when this row shows them)."""
    ob = b.ob
    ob.size = ctypes.sizeof(ob)
    b._check(b.c.aigov_report_obligation(ctypes.byref(ob), rep, i), "aigov_report_obligation")
    roles, s = b.n.roles, b.s.get
    head = {"id": s(ob.id), "framework": s(ob.framework), "kind": _KINDS[ob.kind], "citation": s(ob.citation),
            "title": s(ob.title), "holder": [roles[k] for k in range(len(roles)) if ob.holders & (1 << k)]}
    lk = b.link
    iso, link_dicts = [], []
    for k in range(ob.links):
        lk.size = ctypes.sizeof(lk)
        b._check(b.c.aigov_report_obligation_link(ctypes.byref(lk), rep, i, k), "aigov_report_obligation_link")
        iso.append(s(lk.rule))
        link_dicts.append({"rule": s(lk.rule), "link": s(lk.link)})
    meta = (head, (tuple(iso), tuple(link_dicts)))
    # a rule that does not apply shows no crosswalk: it is read when the rule first applies
    if row[1] != _NOT_APPLICABLE:
        b.s.rules[row[0]] = meta
    return meta


def _reasons(b: Any, rep: int, obs: List[Tuple[Any, ...]], rows: List[Tuple[Any, ...]]) -> List[Dict[str, Any]]:
    """Every reason row as the JSON writes it: the key's constant part (once per table) and, for a
    fact, its value in this descriptor (once per report)."""
    keys = b.s.keys
    values: Dict[int, Any] = {}
    firsts: Optional[List[int]] = None
    out = []
    append = out.append
    for idx, (kind, result, key, _rule, fact) in enumerate(rows):
        tpl = keys.get((key, result))
        if tpl is None:
            if firsts is None:
                firsts = [row[9] for row in obs]
            i = bisect_right(firsts, idx) - 1  # the last rule whose rows start at or before idx
            tpl = _key_meta(b, rep, i, idx - obs[i][9], key, result)
        r = tpl.copy()
        if kind == _COND_FACT:
            value = values.get(fact, values)
            if value is values:
                value = values[fact] = b._fact_value(rep, fact)
            r["value"] = value
        append(r)
    return out


def _key_meta(b: Any, rep: int, i: int, k: int, key: int, result: int) -> Dict[str, Any]:
    """Reason k of reported rule i, without a fact's value: constant for (key, result)."""
    cond = b.cond
    cond.size = ctypes.sizeof(cond)
    b._check(b.c.aigov_report_obligation_reason(ctypes.byref(cond), rep, i, k), "aigov_report_obligation_reason")
    s, kind = b.s.get, cond.kind
    if kind == _COND_RULE:
        r: Dict[str, Any] = {"rule": s(cond.rule)}
    elif kind == _COND_FACT:
        r = {"fact": s(cond.fact), "value": None, "test": cond.test.decode("utf-8")}
    elif kind == _COND_AS_OF:
        r = {"as_of": cond.test.decode("utf-8")}
    else:
        r = {"test": cond.test.decode("utf-8")}
    r["result"] = b.n.truths[result]
    b.s.keys[(key, result)] = r
    return r


def _evidence(tc: TableCache, rows: Any) -> List[Dict[str, Any]]:
    """Every evidence row: an entry without a reference is the same for every report of the table."""
    cache = tc.evidence
    out = []
    append = out.append
    for row in rows:
        ref = row[3]
        if ref:
            e = _evidence_entry(tc, row)
            e["ref"] = ctypes.string_at(ref).decode("utf-8")
            append(e)
            continue
        tpl = cache.get(row)
        if tpl is None:
            tpl = cache[row] = _evidence_entry(tc, row)
        append(tpl.copy())
    return out


def _evidence_entry(tc: TableCache, row: Tuple[int, ...]) -> Dict[str, Any]:
    s = tc.get
    e: Dict[str, Any] = {"item": s(row[0]), "title": s(row[1]), "state": s(row[2]), "ref": None}
    if row[4]:
        e["implied_by"] = s(row[4])
    return e


def questions(b: Any, rep: int) -> List[Dict[str, Any]]:
    """The "questions" section of the full JSON report, as data."""
    lists: Lists = b.lists
    tc: TableCache = b.s
    ql = lists.questions(rep)
    raw = memoryview(lists.qr.buf)
    affects = tc.affects  # a question's rule list, by its addresses' bytes: the same in many reports
    s = tc.getter()
    out = []
    for fact, ask, tier, gpai, rf, rn in lists.qu.rows(_QU, ql.n_questions):
        key = raw[rf * _PTR:(rf + rn) * _PTR].tobytes()
        names = affects.get(key)
        if names is None:
            if len(affects) >= _CACHE_MAX:
                affects.clear()
            names = affects[key] = tc.many(memoryview(key).cast("P").tolist())
        out.append({"fact": s(fact), "ask": s(ask), "affects_tier": tier != 0, "affects_gpai": gpai != 0,
                    "affects": list(names)})
    return out
