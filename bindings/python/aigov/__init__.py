"""libaigov for Python: which EU AI Act and ISO/IEC 42001 obligations apply to
an AI system, and where it stands on each.

A thin ctypes layer over the C library: every answer comes from libaigov, and
the JSON is byte-identical to `aigov eval --format json`.

    import datetime, aigov
    with aigov.Evaluator() as ev:
        report = ev.evaluate("system.json", as_of=datetime.date(2028, 1, 1))
        print(report.tier, [o.id for o in report.obligations if o.status == "gap"])

Thread safety: a Table is immutable and shared; an Evaluator keeps one C
context per thread, and the C call releases the GIL, so threads evaluate in
parallel.
"""
from __future__ import annotations

import ctypes
import datetime as _dt
import json as _json
import os
import threading
import weakref
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

from . import _lib

__all__ = [
    "AigovError", "InvalidArgumentError", "OutOfMemoryError", "JSONSyntaxError", "InputError",
    "LimitError", "RulesError", "NotFoundError", "Table", "Evaluator", "Report", "Obligation",
    "Question", "Summary", "library_version", "library_path", "evaluate",
]

_LIB, _PATH = _lib.load(os.environ.get("AIGOV_LIBRARY"))

FORMATS = {"json": 0, "text": 1, "markdown": 2, "oscal": 3}
_CODES = {0: "AIGOV_OK", -1: "AIGOV_EINVAL", -2: "AIGOV_ENOMEM", -3: "AIGOV_ESYNTAX",
          -4: "AIGOV_EINPUT", -5: "AIGOV_ELIMIT", -6: "AIGOV_ERULES", -7: "AIGOV_ENOTFOUND"}


class AigovError(Exception):
    """An error from libaigov, with its code, message and the JSON path at fault."""

    def __init__(self, code: int, message: str, path: str = "", source: str = "", rule_id: str = ""):
        self.code = code
        self.name = _CODES.get(code, "AIGOV_UNKNOWN")
        self.message = message
        self.path = path
        self.source = source
        self.rule_id = rule_id
        super().__init__("%s: %s%s" % (self.name, message, " at " + path if path else ""))


class InvalidArgumentError(AigovError, ValueError):
    pass


class OutOfMemoryError(AigovError, MemoryError):
    pass


class JSONSyntaxError(AigovError, ValueError):
    pass


class InputError(AigovError, ValueError):
    pass


class LimitError(AigovError, ValueError):
    pass


class RulesError(AigovError, ValueError):
    pass


class NotFoundError(AigovError, LookupError):
    pass


_CLASSES = {-1: InvalidArgumentError, -2: OutOfMemoryError, -3: JSONSyntaxError, -4: InputError,
            -5: LimitError, -6: RulesError, -7: NotFoundError}


def _raise(rc: int, err: _lib.Error) -> None:
    cls = _CLASSES.get(rc, AigovError)
    raise cls(rc, err.message.decode("utf-8", "replace"), err.path.decode("utf-8", "replace"),
              err.source.decode("utf-8", "replace"), err.rule_id.decode("utf-8", "replace"))


def _take(ptr: Any, size: int) -> bytes:
    """Copies a buffer the library allocated and frees it."""
    try:
        return ctypes.string_at(ptr, size)
    finally:
        _LIB.aigov_free(ptr)


def library_version() -> str:
    return _LIB.aigov_version().decode()


def library_path() -> str:
    return _PATH


@dataclass(frozen=True)
class Obligation:
    id: str
    framework: str
    kind: str
    citation: str
    title: str
    holder: List[str]
    applies_from: str
    in_force: bool
    status: str
    reasons: List[Dict[str, Any]]
    evidence: List[Dict[str, Any]]
    penalty: Optional[Dict[str, Any]] = None
    crosswalk: Optional[Dict[str, Any]] = None


@dataclass(frozen=True)
class Question:
    fact: str
    ask: str
    affects_tier: bool
    affects_gpai: bool
    affects: List[str]


@dataclass(frozen=True)
class Summary:
    """Tier, GPAI class and counts, read from the C report without JSON."""
    tier: str
    gpai: str
    total: int
    met: int
    gap: int
    unknown: int
    not_applicable: int
    in_force_gaps: int
    questions: int


@dataclass(frozen=True)
class Report:
    """One evaluation. `raw_json` is exactly what the library rendered. A
    descriptor of several systems gives `systems` (one Report each) and the
    organisation's own rules in `organisation`."""
    raw_json: bytes
    data: Dict[str, Any] = field(repr=False)

    @classmethod
    def from_json(cls, raw: bytes) -> "Report":
        return cls(raw, _json.loads(raw))

    def json(self) -> Dict[str, Any]:
        return self.data

    @property
    def is_portfolio(self) -> bool:
        return "systems" in self.data

    @property
    def systems(self) -> List["Report"]:
        return [Report(b"", s) for s in self.data.get("systems", [])]

    @property
    def organisation(self) -> Optional[Dict[str, Any]]:
        return self.data.get("organisation")

    @property
    def tier(self) -> Optional[str]:
        return self.data.get("classification", {}).get("tier")

    @property
    def gpai(self) -> Optional[str]:
        return self.data.get("classification", {}).get("gpai")

    @property
    def roles(self) -> List[str]:
        return list(self.data.get("classification", {}).get("roles", []))

    @property
    def obligations(self) -> List[Obligation]:
        return [Obligation(**o) for o in self.data.get("obligations", [])]

    @property
    def questions(self) -> List[Question]:
        return [Question(**q) for q in self.data.get("questions", [])]

    @property
    def summary(self) -> Dict[str, Any]:
        return self.data.get("summary", {})


Descriptor = Union[Mapping[str, Any], str, bytes, "os.PathLike[str]"]


def _descriptor_bytes(desc: Descriptor) -> bytes:
    if isinstance(desc, bytes):
        return desc
    if isinstance(desc, os.PathLike):
        with open(desc, "rb") as f:
            return f.read()
    if isinstance(desc, str):
        s = desc.lstrip()
        if s.startswith("{"):
            return desc.encode("utf-8")
        with open(desc, "rb") as f:  # a path
            return f.read()
    if isinstance(desc, Mapping):
        return _json.dumps(desc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    raise TypeError("a descriptor is a dict, a JSON str or bytes, or a path")


def _as_of(value: Union[_dt.date, str]) -> bytes:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat().encode()
    if isinstance(value, str):
        return value.encode()
    raise TypeError("as_of is a datetime.date or 'YYYY-MM-DD'")


class Table:
    """An immutable rule table: the builtin one, or one compiled at run time."""

    def __init__(self, handle: int, owned: bool):
        self._handle = handle
        self._owned = owned
        self._finalizer = weakref.finalize(self, _LIB.aigov_table_free, handle) if owned else None

    @classmethod
    def builtin(cls) -> "Table":
        return cls(_LIB.aigov_table_builtin(), False)

    @classmethod
    def compile(cls, sources: Union[Mapping[str, Union[str, bytes]], Iterable[Union[str, os.PathLike]]]) -> "Table":
        """Compiles rule sources: a {name: JSON} mapping, or paths (read in the
        order given; the build sorts rules/ by path)."""
        items = []
        if isinstance(sources, Mapping):
            for name, data in sources.items():
                items.append((name, data.encode() if isinstance(data, str) else data))
        else:
            for p in sources:
                with open(p, "rb") as f:
                    items.append((os.fspath(p), f.read()))
        arr = (_lib.Source * max(1, len(items)))()
        keep = []
        for i, (name, data) in enumerate(items):
            n = name.encode()
            keep += [n, data]
            arr[i] = _lib.Source(n, data, len(data))
        out = ctypes.c_void_p()
        err = _lib.Error()
        rc = _LIB.aigov_table_compile(ctypes.byref(out), arr, len(items), None, ctypes.byref(err))
        if rc:
            _raise(rc, err)
        return cls(out.value, True)

    @property
    def handle(self) -> int:
        if self._handle is None:
            raise ValueError("the table is closed")
        return self._handle

    @property
    def revision(self) -> str:
        return _LIB.aigov_table_revision(self.handle).decode()

    @property
    def hash(self) -> str:
        return _LIB.aigov_table_hash(self.handle).decode()

    def __len__(self) -> int:
        return _LIB.aigov_table_rule_count(self.handle)

    def _buffer(self, fn, *args) -> bytes:
        out = ctypes.POINTER(ctypes.c_char)()
        size = ctypes.c_size_t()
        err = _lib.Error()
        rc = fn(ctypes.byref(out), ctypes.byref(size), self.handle, *args, ctypes.byref(err))
        if rc:
            _raise(rc, err)
        return _take(out, size.value)

    def rules(self) -> List[Dict[str, Any]]:
        """The catalogue: every rule with id, citation, title, applies-from."""
        return _json.loads(self._buffer(_LIB.aigov_table_render_rules, FORMATS["json"]))["rules"]

    def descriptor_schema(self) -> Dict[str, Any]:
        return _json.loads(self._buffer(_LIB.aigov_table_descriptor_schema))

    def explain(self, rule_id: str) -> str:
        return self._buffer(_LIB.aigov_table_explain, rule_id.encode()).decode()

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer()
        self._handle = None

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Evaluator:
    """Evaluates descriptors against a table, with one reusable C context per
    thread (contexts are not shared between threads)."""

    def __init__(self, table: Optional[Table] = None):
        self.table = table or Table.builtin()
        self._local = threading.local()
        self._lock = threading.Lock()
        self._contexts: List[int] = []
        self._finalizer = weakref.finalize(self, Evaluator._free_all, self._contexts)

    @staticmethod
    def _free_all(contexts: List[int]) -> None:
        while contexts:
            _LIB.aigov_ctx_free(contexts.pop())

    def _ctx(self) -> int:
        ctx = getattr(self._local, "ctx", None)
        if ctx is None:
            out = ctypes.c_void_p()
            err = _lib.Error()
            rc = _LIB.aigov_ctx_new(ctypes.byref(out), self.table.handle, None, ctypes.byref(err))
            if rc:
                _raise(rc, err)
            ctx = out.value
            with self._lock:
                if not self._finalizer.alive:
                    _LIB.aigov_ctx_free(ctx)
                    raise ValueError("the evaluator is closed")
                self._contexts.append(ctx)
            self._local.ctx = ctx
        return ctx

    def render(self, descriptor: Descriptor, as_of: Union[_dt.date, str], format: str = "json") -> bytes:
        """The report rendered by the library (json, text or markdown), as bytes."""
        data = _descriptor_bytes(descriptor)
        opts = _lib.EvalOptions(1, _as_of(as_of), 0, 0)
        out = ctypes.POINTER(ctypes.c_char)()
        size = ctypes.c_size_t()
        err = _lib.Error()
        rc = _LIB.aigov_eval_render(ctypes.byref(out), ctypes.byref(size), self._ctx(), data, len(data),
                                    ctypes.byref(opts), FORMATS[format], ctypes.byref(err))
        if rc:
            _raise(rc, err)
        return _take(out, size.value)

    def evaluate(self, descriptor: Descriptor, as_of: Union[_dt.date, str]) -> Report:
        return Report.from_json(self.render(descriptor, as_of, "json"))

    def classify(self, descriptor: Descriptor, as_of: Union[_dt.date, str], system: int = 0) -> Summary:
        """Tier, GPAI class and counts without rendering or parsing JSON."""
        data = _descriptor_bytes(descriptor)
        opts = _lib.EvalOptions(1, _as_of(as_of), 0, 0)
        rep = ctypes.c_void_p()
        n = ctypes.c_size_t()
        err = _lib.Error()
        rc = _LIB.aigov_eval_system(ctypes.byref(rep), ctypes.byref(n), self._ctx(), data, len(data), system,
                                    ctypes.byref(opts), ctypes.byref(err))
        if rc:
            _raise(rc, err)
        s = _lib.Summary()
        _LIB.aigov_report_summary(ctypes.byref(s), rep)
        return Summary(_LIB.aigov_tier_name(_LIB.aigov_report_tier(rep)).decode(),
                       _LIB.aigov_gpai_name(_LIB.aigov_report_gpai(rep)).decode(),
                       s.total, s.met, s.gap, s.unknown, s.not_applicable, s.in_force_gaps, s.questions)

    def close(self) -> None:
        """Frees every thread's context. Idempotent."""
        with self._lock:
            self._finalizer()

    def __enter__(self) -> "Evaluator":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_default: Optional[Evaluator] = None


def evaluate(descriptor: Descriptor, as_of: Union[_dt.date, str]) -> Report:
    """Evaluates with the builtin rules and a shared default evaluator."""
    global _default
    if _default is None:
        _default = Evaluator()
    return _default.evaluate(descriptor, as_of)
