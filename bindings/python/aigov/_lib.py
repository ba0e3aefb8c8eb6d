"""Finding, loading and declaring the C library (ctypes, standard library only).

Every structure and prototype here mirrors include/aigov.h; keep them in step
with it (tests/test_api.py checks the version and that every exported
function is declared).

Lookup order (first hit wins):
  1. an explicit path: the argument of load() / aigov.load_library(), or the
     environment variable AIGOV_LIBRARY;
  2. the copy bundled in this package (aigov/libaigov.so.0, as a wheel built
     by `make python-wheel` ships it; its non-system dependencies such as
     libcjson sit in aigov/_libs/ and are loaded first);
  3. the system's: ctypes.util.find_library("aigov"), then the libdir that
     `pkg-config --variable=libdir aigov` names.

The library is opened with ctypes.CDLL (not PyDLL): ctypes releases the GIL
for the duration of every call into it, so threads evaluate in parallel. The
few accessors that read a field of a finished report (HOLD_GIL) are bound
through ctypes.PyDLL instead, which keeps the GIL: releasing it around a call
of a few nanoseconds hands it to another thread mid-classify and costs a
wake-up across cores to get it back (two threads classifying ran at 0.54x of
one with every call releasing it).
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double, c_int, c_size_t, c_uint,
                    c_void_p)
from typing import Iterator, List, Optional, Tuple

# The API version this binding was written against (include/aigov.h).
EXPECTED_MAJOR = 0
EXPECTED_MINOR = 1

ERROR_MESSAGE_MAX = 256
ERROR_PATH_MAX = 256
EVAL_OPTIONS_VERSION = 1

if sys.platform == "darwin":  # pragma: no cover - the project builds on Linux
    SONAME = "libaigov.0.dylib"
elif sys.platform == "win32":  # pragma: no cover
    SONAME = "aigov.dll"
else:
    SONAME = "libaigov.so.0"

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
BUNDLED = os.path.join(PACKAGE_DIR, SONAME)
BUNDLED_DEPS_DIR = os.path.join(PACKAGE_DIR, "_libs")


# ---- structures (exactly as in include/aigov.h) ------------------------------

class Error(Structure):
    """struct aigov_error"""
    _fields_ = [
        ("code", c_int),
        ("message", c_char * ERROR_MESSAGE_MAX),
        ("path", c_char * ERROR_PATH_MAX),
        ("source", c_char * 128),
        ("rule_id", c_char * 128),
        ("offset", c_size_t),
    ]


MallocFn = CFUNCTYPE(c_void_p, c_void_p, c_size_t)
ReallocFn = CFUNCTYPE(c_void_p, c_void_p, c_void_p, c_size_t)
FreeFn = CFUNCTYPE(None, c_void_p, c_void_p)


class Allocator(Structure):
    """struct aigov_allocator (declared for completeness; the binding passes NULL)"""
    _fields_ = [("malloc_fn", MallocFn), ("realloc_fn", ReallocFn), ("free_fn", FreeFn),
                ("ud", c_void_p)]


class Source(Structure):
    """struct aigov_source"""
    _fields_ = [("name", c_char_p), ("data", c_char_p), ("len", c_size_t)]


class RuleInfo(Structure):
    """struct aigov_rule_info"""
    _fields_ = [("id", c_char_p), ("framework", c_char_p), ("citation", c_char_p),
                ("title", c_char_p), ("applies_from", c_char * 11), ("kind", c_int)]


class EvalOptions(Structure):
    """struct aigov_eval_options"""
    _fields_ = [("version", c_uint), ("as_of", c_char_p), ("max_input", c_size_t),
                ("max_depth", c_uint)]


class Summary(Structure):
    """struct aigov_summary"""
    _fields_ = [(name, c_size_t) for name in
                ("total", "met", "gap", "unknown", "not_applicable", "in_force_gaps", "questions")]


class Verdict(Structure):
    """struct aigov_verdict"""
    _fields_ = [("systems", c_size_t), ("tier", c_int), ("tiers", c_uint), ("gpai", c_int), ("gpais", c_uint),
                ("prohibited", c_size_t), ("undetermined", c_size_t), ("summary", Summary),
                ("organisation_in_force_gaps", c_size_t), ("fail_on", c_int), ("failing", c_int)]


# The report's result structs (size-versioned: `size` is set to sizeof before each call).
# Strings the table owns (rule metadata, names) are declared c_void_p: the typed
# report decodes each address once per table (_report_build.Strings); strings the
# context owns (descriptor values, computed sentences) are c_char_p, read every time.
_TS = c_void_p  # a table-owned string


class Obligation(Structure):
    """struct aigov_obligation"""
    _fields_ = [("size", c_size_t), ("id", _TS), ("framework", _TS), ("citation", _TS),
                ("title", _TS), ("applies_from", c_char * 11), ("in_force", c_int),
                ("status", c_int), ("kind", c_int), ("holders", c_uint), ("due_at_placing", c_int),
                ("observation", c_int), ("reasons", c_size_t), ("evidence", c_size_t),
                ("penalty_tier", _TS), ("coverage", c_int), ("links", c_size_t), ("beyond", _TS),
                ("systems", c_size_t)]


class Overview(Structure):
    """struct aigov_overview"""
    _fields_ = [("size", c_size_t), ("as_of", c_char * 11), ("part", c_int), ("system_name", c_char_p),
                ("tier", c_int), ("gpai", c_int), ("possible_tiers", c_uint), ("possible_gpai", c_uint),
                ("roles", c_uint), ("classification_reasons", c_size_t), ("summary", Summary),
                ("legal_in_force_gaps", c_size_t), ("frameworks", c_size_t), ("next_actions", c_size_t),
                ("soa_controls", c_size_t)]


class ClassReason(Structure):
    """struct aigov_class_reason"""
    _fields_ = [("size", c_size_t), ("rule", _TS), ("citation", _TS), ("classifies", _TS), ("value", c_int)]


class FrameworkSummary(Structure):
    """struct aigov_framework_summary"""
    _fields_ = [("size", c_size_t), ("framework", _TS)] + [
        (name, c_size_t) for name in ("total", "met", "gap", "unknown", "not_applicable")]


class Readiness(Structure):
    """struct aigov_readiness"""
    _fields_ = [("size", c_size_t), ("framework", _TS), ("assessed", c_int), ("applicable", c_size_t),
                ("undecided", c_size_t), ("met", c_size_t), ("percent_met", c_double), ("ready", c_int),
                ("in_force", c_size_t), ("requirements", c_size_t), ("requirements_met", c_size_t),
                ("controls_included", c_size_t), ("controls_implemented", c_size_t),
                ("findings_open", c_size_t), ("upcoming", c_size_t)]


class Upcoming(Structure):
    """struct aigov_upcoming"""
    _fields_ = [("size", c_size_t), ("applies_from", c_char * 11), ("obligations", c_size_t)]


class Condition(Structure):
    """struct aigov_condition"""
    _fields_ = [("size", c_size_t), ("kind", c_int), ("rule", _TS), ("fact", _TS), ("test", c_char * 256),
                ("result", c_int)]


class FactValue(Structure):
    """struct aigov_fact_value"""
    _fields_ = [("size", c_size_t), ("fact", _TS), ("type", c_int), ("known", c_int), ("boolean", c_int),
                ("number", c_double), ("number_text", c_char * 48), ("date", c_char * 11),
                ("text", c_void_p), ("text_len", c_size_t), ("mask", ctypes.c_ulonglong),
                ("values", POINTER(c_void_p)), ("n_values", c_size_t)]


class EvidenceState(Structure):
    """struct aigov_evidence_state"""
    _fields_ = [("size", c_size_t), ("item", _TS), ("title", _TS), ("state", _TS), ("ref", c_char_p),
                ("implied_by", _TS)]


class Penalty(Structure):
    """struct aigov_penalty"""
    _fields_ = [("size", c_size_t), ("tier", _TS), ("citation", _TS), ("cap_known", c_int),
                ("cap_eur", c_double), ("basis", c_char_p)]


class Exposure(Structure):
    """struct aigov_exposure (penalty.size is set too)"""
    _fields_ = [("size", c_size_t), ("gaps_with_penalty", c_size_t), ("rule", _TS), ("penalty", Penalty)]


class CrosswalkLink(Structure):
    """struct aigov_crosswalk_link"""
    _fields_ = [("size", c_size_t), ("rule", _TS), ("link", _TS), ("status", c_int), ("still_needed", c_int)]


class SystemResult(Structure):
    """struct aigov_system_result"""
    _fields_ = [("size", c_size_t), ("index", c_size_t), ("in_scope", c_int), ("status", c_int)]


class Action(Structure):
    """struct aigov_action"""
    _fields_ = [("size", c_size_t), ("evidence", _TS), ("title", _TS), ("closes", c_size_t), ("rules", c_size_t)]


class SoA(Structure):
    """struct aigov_soa"""
    _fields_ = [("size", c_size_t)] + [(name, c_size_t) for name in (
        "controls", "included", "excluded", "not_recorded", "findings_gap", "findings_unknown")] + [
        ("complete", c_int), ("applicable", c_int)]


class SoAControl(Structure):
    """struct aigov_soa_control"""
    _fields_ = [("size", c_size_t), ("control", _TS), ("title", _TS), ("rule", _TS), ("decision", c_char_p),
                ("justification", c_char_p), ("typically_applicable", c_int), ("implementation", c_int),
                ("owner", c_char_p), ("review_date", c_char * 11), ("grade", c_int), ("grade_basis", c_char_p),
                ("evidence_refs", c_size_t), ("findings", c_size_t)]


class Question(Structure):
    """struct aigov_question"""
    _fields_ = [("fact", _TS), ("ask", _TS), ("affects_tier", c_int),
                ("affects_gpai", c_int), ("affected_rules", c_size_t)]


_P_CHARP = POINTER(c_char_p)


class QuestionInfo(Structure):
    """struct aigov_question_info (size set by the caller: the library fills no more)"""
    _fields_ = [("size", c_size_t), ("fact", c_char_p), ("ask", c_char_p), ("description", c_char_p),
                ("source", c_char_p), ("type", c_int), ("rank", c_int), ("values", _P_CHARP),
                ("n_values", c_size_t), ("min", c_double), ("max", c_double), ("max_length", c_size_t),
                ("affects_tier", c_int), ("affects_gpai", c_int), ("affected_rules", c_size_t),
                ("affected_in_force", c_size_t)]


# Bulk reading: whole lists in one call (aigov_report_obligation_lists, _question_lists).
# The rows are read by _report_build with struct.iter_unpack over the raw arrays, in the
# formats below (native alignment, as the C compiler lays them out; checked at import).
class ObligationRow(Structure):
    """struct aigov_obligation_row"""
    _fields_ = [("rule", c_uint), ("status", c_int), ("applies_from", c_char * 12), ("in_force", c_int),
                ("due_at_placing", c_int), ("observation", c_int), ("coverage", c_int),
                ("penalty_tier", c_void_p), ("beyond", c_void_p)] + [
        (name, c_size_t) for name in ("reasons_first", "reasons", "evidence_first", "evidence", "links_first",
                                      "links", "systems")]


class ReasonRow(Structure):
    """struct aigov_reason_row"""
    _fields_ = [("kind", c_int), ("result", c_int), ("key", c_uint), ("rule", c_void_p), ("fact", c_void_p)]


class EvidenceRow(Structure):
    """struct aigov_evidence_row"""
    _fields_ = [(name, c_void_p) for name in ("item", "title", "state", "ref", "implied_by")]


class LinkRow(Structure):
    """struct aigov_link_row"""
    _fields_ = [("rule", c_void_p), ("link", c_void_p), ("status", c_int), ("still_needed", c_int)]


class QuestionRow(Structure):
    """struct aigov_question_row"""
    _fields_ = [("fact", c_void_p), ("ask", c_void_p), ("affects_tier", c_int), ("affects_gpai", c_int),
                ("rules_first", c_size_t), ("affected_rules", c_size_t)]


def _list_fields(*lists: str) -> List[Tuple[str, object]]:
    out: List[Tuple[str, object]] = [("size", c_size_t)]
    for name in lists:
        out += [(name, c_void_p), (name + "_cap", c_size_t), ("n_" + name, c_size_t)]
    return out


class ObligationLists(Structure):
    """struct aigov_obligation_lists (arrays as raw addresses: the rows are unpacked with struct)"""
    _fields_ = _list_fields("obligations", "reasons", "evidence", "links")


class QuestionLists(Structure):
    """struct aigov_question_lists"""
    _fields_ = _list_fields("questions", "rules")


# struct formats of the rows, as iter_unpack reads them (native sizes and alignment)
OBLIGATION_ROW_FMT = "@Ii12s4iPP7N"
REASON_ROW_FMT = "@iiIPP"
EVIDENCE_ROW_FMT = "@5P"
LINK_ROW_FMT = "@PPii"
QUESTION_ROW_FMT = "@PPiiNN"


# ---- prototypes -----------------------------------------------------------------

_P = POINTER
_BUF = _P(_P(c_char))  # char **out: a buffer to free with aigov_free (not c_char_p: we need the pointer)

# Opaque handles (aigov_table *, aigov_ctx *, const aigov_report *) travel as c_void_p.
PROTOTYPES = {
    "aigov_version": (c_char_p, []),
    "aigov_version_number": (c_uint, []),
    "aigov_strerror": (c_char_p, [c_int]),
    "aigov_free": (None, [c_void_p]),
    "aigov_table_builtin": (c_void_p, []),
    "aigov_table_compile": (c_int, [_P(c_void_p), _P(Source), c_size_t, _P(Allocator), _P(Error)]),
    "aigov_table_free": (None, [c_void_p]),
    "aigov_table_revision": (c_char_p, [c_void_p]),
    "aigov_table_hash": (c_char_p, [c_void_p]),
    "aigov_table_rule_count": (c_size_t, [c_void_p]),
    "aigov_table_rule": (c_int, [_P(RuleInfo), c_void_p, c_size_t]),
    "aigov_table_find_rule": (c_int, [_P(c_size_t), c_void_p, c_char_p]),
    "aigov_table_render_rules": (c_int, [_BUF, _P(c_size_t), c_void_p, c_int, _P(Error)]),
    "aigov_table_explain": (c_int, [_BUF, _P(c_size_t), c_void_p, c_char_p, _P(Error)]),
    "aigov_table_descriptor_schema": (c_int, [_BUF, _P(c_size_t), c_void_p, _P(Error)]),
    "aigov_ctx_new": (c_int, [_P(c_void_p), c_void_p, _P(Allocator), _P(Error)]),
    "aigov_ctx_free": (None, [c_void_p]),
    "aigov_eval": (c_int, [_P(c_void_p), c_void_p, c_char_p, c_size_t, _P(EvalOptions), _P(Error)]),
    "aigov_eval_system": (c_int, [_P(c_void_p), _P(c_size_t), c_void_p, c_char_p, c_size_t, c_size_t,
                                  _P(EvalOptions), _P(Error)]),
    "aigov_eval_render": (c_int, [_BUF, _P(c_size_t), c_void_p, c_char_p, c_size_t, _P(EvalOptions),
                                  c_int, _P(Error)]),
    "aigov_error_name": (c_char_p, [c_int]),
    "aigov_tier_name": (c_char_p, [c_int]),
    "aigov_gpai_name": (c_char_p, [c_int]),
    "aigov_status_name": (c_char_p, [c_int]),
    "aigov_report_tier": (c_int, [c_void_p]),
    "aigov_report_gpai": (c_int, [c_void_p]),
    "aigov_report_summary": (c_int, [_P(Summary), c_void_p]),
    "aigov_report_obligation_count": (c_size_t, [c_void_p]),
    "aigov_report_obligation": (c_int, [_P(Obligation), c_void_p, c_size_t]),
    "aigov_report_question_count": (c_size_t, [c_void_p]),
    "aigov_report_question": (c_int, [_P(Question), c_void_p, c_size_t]),
    "aigov_report_render": (c_int, [_BUF, _P(c_size_t), c_void_p, c_int, _P(Error)]),
    # the report in full (the typed report is built from these, never from JSON)
    "aigov_eval_organisation": (c_int, [_P(c_void_p), c_void_p, c_char_p, c_size_t, _P(EvalOptions), _P(Error)]),
    "aigov_role_name": (c_char_p, [c_int]),
    "aigov_truth_name": (c_char_p, [c_int]),
    "aigov_coverage_name": (c_char_p, [c_int]),
    "aigov_grade_name": (c_char_p, [c_int]),
    "aigov_condition_kind_name": (c_char_p, [c_int]),
    "aigov_part_name": (c_char_p, [c_int]),
    "aigov_report_exposure": (c_int, [_P(Exposure), c_void_p]),
    "aigov_report_overview": (c_int, [_P(Overview), c_void_p]),
    "aigov_report_classification_reason": (c_int, [_P(ClassReason), c_void_p, c_size_t]),
    "aigov_report_framework_summary": (c_int, [_P(FrameworkSummary), c_void_p, c_size_t]),
    "aigov_report_readiness": (c_int, [_P(Readiness), c_void_p, c_size_t]),
    "aigov_report_readiness_upcoming": (c_int, [_P(Upcoming), c_void_p, c_size_t, c_size_t]),
    "aigov_report_obligation_reason": (c_int, [_P(Condition), c_void_p, c_size_t, c_size_t]),
    "aigov_report_fact_value": (c_int, [_P(FactValue), c_void_p, c_void_p]),
    "aigov_report_obligation_evidence": (c_int, [_P(EvidenceState), c_void_p, c_size_t, c_size_t]),
    "aigov_report_obligation_penalty": (c_int, [_P(Penalty), c_void_p, c_size_t]),
    "aigov_report_obligation_link": (c_int, [_P(CrosswalkLink), c_void_p, c_size_t, c_size_t]),
    "aigov_report_obligation_system": (c_int, [_P(SystemResult), c_void_p, c_size_t, c_size_t]),
    "aigov_report_next_action": (c_int, [_P(Action), c_void_p, c_size_t]),
    "aigov_report_next_action_rule": (c_int, [_P(c_void_p), c_void_p, c_size_t, c_size_t]),
    "aigov_report_soa": (c_int, [_P(SoA), c_void_p]),
    "aigov_report_soa_control": (c_int, [_P(SoAControl), c_void_p, c_size_t]),
    "aigov_report_soa_evidence_ref": (c_int, [_P(c_char_p), c_void_p, c_size_t, c_size_t]),
    "aigov_report_soa_finding": (c_int, [_P(c_void_p), _P(c_int), c_void_p, c_size_t, c_size_t]),
    # bulk reading: the long lists in one call each (GIL released: a call reads a whole report)
    "aigov_report_obligation_lists": (c_int, [_P(ObligationLists), c_void_p]),
    "aigov_report_question_lists": (c_int, [_P(QuestionLists), c_void_p]),
}


# Declared when the library has them (newer than the binding's baseline):
# the binding falls back to an equivalent of its own without them.
OPTIONAL = {
    "aigov_eval_verdict": (c_int, [_P(Verdict), _BUF, _P(c_size_t), c_void_p, c_char_p, c_size_t,
                                   _P(EvalOptions), c_int, c_int, _P(Error)]),
    "aigov_report_verdict": (c_int, [_P(Verdict), c_void_p, c_int]),
    "aigov_report_question_info": (c_int, [_P(QuestionInfo), c_void_p, c_size_t]),
    "aigov_report_question_rule": (c_int, [_P(c_void_p), c_void_p, c_size_t, c_size_t]),
    "aigov_fact_type_name": (c_char_p, [c_int]),
    "aigov_question_rank_name": (c_char_p, [c_int]),
}


# Field reads of a finished report (report.c): called with the GIL held.
# (aigov_report_summary is not one: it computes the questions on first use.)
# The typed report's accessors too: a report of ~170 rules takes ~5000 of these calls,
# and releasing the GIL around each one cost 5.8 us a call against 1.0 us holding it.
HOLD_GIL = ("aigov_report_tier", "aigov_report_gpai", "aigov_tier_name", "aigov_gpai_name",
            "aigov_status_name", "aigov_error_name", "aigov_report_obligation_count",
            "aigov_report_obligation", "aigov_report_question_count", "aigov_report_question",
            "aigov_report_question_rule", "aigov_report_overview", "aigov_report_classification_reason",
            "aigov_report_framework_summary", "aigov_report_readiness", "aigov_report_readiness_upcoming",
            "aigov_report_obligation_reason", "aigov_report_fact_value", "aigov_report_obligation_evidence",
            "aigov_report_obligation_penalty", "aigov_report_obligation_link", "aigov_report_obligation_system",
            "aigov_report_next_action", "aigov_report_next_action_rule", "aigov_report_soa",
            "aigov_report_soa_control", "aigov_report_soa_evidence_ref", "aigov_report_soa_finding")


def declare(lib: ctypes.CDLL, held: Optional[ctypes.PyDLL] = None) -> ctypes.CDLL:
    """Sets restype/argtypes of every function of the header on `lib`; with
    `held` (the same library opened as PyDLL), the HOLD_GIL functions of lib
    are bound through it."""
    for name, (res, args) in PROTOTYPES.items():
        fn = getattr(held if held is not None and name in HOLD_GIL else lib, name)  # AttributeError when missing
        fn.restype = res
        fn.argtypes = args
        setattr(lib, name, fn)
    for name, (res, args) in OPTIONAL.items():
        fn = getattr(lib, name, None)
        if fn is not None:
            fn.restype = res
            fn.argtypes = args
        setattr(lib, name, fn)  # None when absent
    return lib


def split_version(number: int) -> Tuple[int, int, int]:
    return number // 10000, number // 100 % 100, number % 100


def check_version(number: int, version: str, where: str) -> None:
    """Raises ImportError unless major.minor of the library is the expected one."""
    major, minor, _ = split_version(number)
    if (major, minor) != (EXPECTED_MAJOR, EXPECTED_MINOR):
        raise ImportError("libaigov at %s is version %s (aigov_version_number() = %d); this binding "
                          "expects %d.%d.x. Install a matching libaigov or point AIGOV_LIBRARY at one."
                          % (where, version, number, EXPECTED_MAJOR, EXPECTED_MINOR))


def _pkg_config_libdir() -> Optional[str]:
    try:
        out = subprocess.run(["pkg-config", "--variable=libdir", "aigov"], capture_output=True,
                             text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    libdir = out.stdout.strip()
    return libdir if out.returncode == 0 and libdir else None


def candidates(explicit: Optional[str] = None) -> Iterator[Tuple[str, str]]:
    """Yields (how, path-or-name) in lookup order. An explicit path or
    AIGOV_LIBRARY is the only candidate when given: asking for a library and
    silently getting another would be worse than failing."""
    if explicit:
        yield "explicit path", os.fspath(explicit)
        return
    env = os.environ.get("AIGOV_LIBRARY")
    if env:
        yield "AIGOV_LIBRARY", env
        return
    yield "bundled copy", BUNDLED
    found = ctypes.util.find_library("aigov")
    if found:
        yield "ctypes.util.find_library", found
    libdir = _pkg_config_libdir()
    if libdir:
        yield "pkg-config libdir", os.path.join(libdir, SONAME)


def _preload_bundled_deps() -> List[ctypes.CDLL]:
    """Loads the dependencies shipped beside the bundled library (aigov/_libs/)
    so that the dynamic loader finds them by SONAME when it opens
    libaigov.so.0 (no rpath or LD_LIBRARY_PATH needed)."""
    if not os.path.isdir(BUNDLED_DEPS_DIR):
        return []
    pending = sorted(os.path.join(BUNDLED_DEPS_DIR, f) for f in os.listdir(BUNDLED_DEPS_DIR))
    loaded: List[ctypes.CDLL] = []
    while pending:  # dependencies among them: retry until no progress
        failed = []
        for path in pending:
            try:
                loaded.append(ctypes.CDLL(path))
            except OSError:
                failed.append(path)
        if len(failed) == len(pending):
            break
        pending = failed
    return loaded


_KEEP: List[ctypes.CDLL] = []  # preloaded dependencies stay loaded


def load(path: Optional[str] = None) -> Tuple[ctypes.CDLL, str]:
    """Finds, opens, declares and version-checks libaigov. Returns (lib, where).
    Raises ImportError naming every candidate tried and why it failed."""
    tried = []
    for how, cand in candidates(path):
        if os.path.sep in cand and not os.path.exists(cand):
            tried.append("%s %s (no such file)" % (how, cand))
            continue
        if cand == BUNDLED:
            _KEEP.extend(_preload_bundled_deps())
        try:
            lib = ctypes.CDLL(cand)  # CDLL: the GIL is released around every call
        except OSError as e:
            tried.append("%s %s (%s)" % (how, cand, e))
            continue
        try:
            number = lib.aigov_version_number
            number.restype, number.argtypes = c_uint, []
            version = lib.aigov_version
            version.restype, version.argtypes = c_char_p, []
        except AttributeError:
            raise ImportError("%s (%s) is not libaigov: it has no aigov_version_number()"
                              % (cand, how)) from None
        where = _resolved_path(lib, cand)
        check_version(number(), version().decode("ascii", "replace"), where)
        try:
            declare(lib, ctypes.PyDLL(where if os.path.sep in where else cand))
        except AttributeError as e:
            raise ImportError("libaigov at %s (version %s) lacks a function this binding needs: %s"
                              % (where, version().decode("ascii", "replace"), e)) from None
        return lib, where
    raise ImportError("libaigov %d.%d not found; tried: %s. Install the wheel from `make python-wheel`, "
                      "or set AIGOV_LIBRARY to the path of %s."
                      % (EXPECTED_MAJOR, EXPECTED_MINOR, "; ".join(tried) or "nothing", SONAME))


def _resolved_path(lib: ctypes.CDLL, fallback: str) -> str:
    """The file the loader actually opened: the path itself when one was
    given, else what dladdr() says for one of the library's functions."""
    if os.path.sep in fallback:
        return os.path.abspath(fallback)
    try:
        class DlInfo(Structure):
            _fields_ = [("dli_fname", c_char_p), ("dli_fbase", c_void_p), ("dli_sname", c_char_p),
                        ("dli_saddr", c_void_p)]
        libdl = ctypes.CDLL(None)
        dladdr = libdl.dladdr
        dladdr.argtypes = [c_void_p, _P(DlInfo)]
        dladdr.restype = c_int
        info = DlInfo()
        addr = ctypes.cast(lib.aigov_version_number, c_void_p).value
        if dladdr(addr, ctypes.byref(info)) and info.dli_fname:
            return os.fsdecode(info.dli_fname)
    except (AttributeError, OSError):
        pass
    return fallback
