"""libaigov for Python: which EU AI Act and ISO/IEC 42001 obligations apply to
an AI system, and where it stands on each. Not legal advice.

A thin ctypes layer over the C library (standard library only): every answer
comes from libaigov. The typed report is read through the library's report
accessors (never by parsing JSON), and Report.raw_json is byte-identical to
`aigov eval --format json --full`.

    import datetime, aigov

    with aigov.Evaluator() as ev:                       # builtin rules
        report = ev.evaluate_file("system.json", as_of=datetime.date(2028, 1, 1))
        print(report.tier, report.summary.in_force_gaps)
        for o in report.obligations:
            if o.status == "gap" and o.in_force:
                print(o.citation, o.title)
        print(ev.classify({"system": {"is_ai_system": False}}, "2028-01-01"))  # no JSON at all

Threads: a Table is immutable and may be shared by any number of threads. An
Evaluator may be shared too: it keeps one C context (aigov_ctx) per thread,
created on the thread's first call and freed when the thread ends or the
evaluator is closed. The library is opened with ctypes.CDLL, which releases
the GIL for the duration of each evaluation or rendering, so threads evaluate
in parallel (constant-time report reads keep it: see _lib.HOLD_GIL).
Close an Evaluator (or a Table) only when no other thread is inside one of
its calls still to come; a call in progress when close() runs finishes
safely and its context is freed afterwards, and later calls raise ValueError.

The library is found in this order: the path given to load_library() or the
AIGOV_LIBRARY environment variable, the copy bundled in this package (wheel),
then the system's (ctypes.util.find_library, pkg-config's libdir). Importing
checks that its major.minor version is the one this binding expects.
"""
from __future__ import annotations

import ctypes
import datetime as _dt
import errno
import json as _json
import operator
import os
import threading
import weakref
from typing import Any, BinaryIO, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from . import _lib
from ._errors import (AigovError, InvalidArgumentError, OutOfMemoryError, JSONSyntaxError, InputError,
                      LimitError, RulesError, NotFoundError, CODE_NAMES)
from ._errors import make as _make_error
from ._errors import fill_code_names as _fill_code_names


def _names(name_fn: Any) -> Tuple[str, ...]:
    """name_fn(0), name_fn(1), ... up to the first "?" (a value past the enum's last)."""
    out: List[str] = []
    while len(out) < 64:
        name = name_fn(len(out)).decode()
        if name == "?":
            break
        out.append(name)
    return tuple(out)
from ._report import Evidence, Obligation, Question, QuestionInfo, Report, RuleInfo, Summary
from . import _report_build
from ._verdict import FAIL_ON, TIER_SEVERITY, Verdict, verdict_from_report

__version__ = "0.1.0"

__all__ = [
    "AigovError", "InvalidArgumentError", "OutOfMemoryError", "JSONSyntaxError", "InputError",
    "LimitError", "RulesError", "NotFoundError", "CODE_NAMES",
    "Table", "Evaluator", "Report", "Obligation", "Evidence", "Question", "QuestionInfo", "Summary", "RuleInfo", "Verdict",
    "FAIL_ON",
    "FORMATS", "library_version", "library_path", "load_library", "evaluate", "evaluate_file", "classify",
    "questions",
    "read_descriptor", "DEFAULT_MAX_INPUT", "MAX_INPUT_CAP", "MAX_DEPTH_CAP",
]

# aigov_format
# "json" is the compact report (rules by id; Table.rules() has their metadata);
# "json-full" (AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL) repeats every rule's metadata.
RENDER_FULL = 0x100
FORMATS: Dict[str, int] = {"json": 0, "json-full": RENDER_FULL, "text": 1, "markdown": 2, "md": 2, "oscal": 3,
                           "sarif": 4, "junit": 5, "html": 6, "soa-csv": 7}
_KINDS = ("definition", "obligation", "prohibition", "finding")

Descriptor = Union[Mapping[str, Any], str, bytes, bytearray, memoryview, "os.PathLike[str]"]
AsOf = Union[_dt.date, str]


class _Library:
    """One loaded libaigov with its static name tables."""

    __slots__ = ("c", "path", "version", "version_number", "tiers", "gpai", "statuses", "names")

    def __init__(self, c: ctypes.CDLL, path: str):
        self.c = c
        self.path = path
        self.version = c.aigov_version().decode()
        self.version_number = c.aigov_version_number()
        # the name tables, as the library has them (each name function answers "?" past its last)
        self.tiers = _names(c.aigov_tier_name)
        self.gpai = _names(c.aigov_gpai_name)
        self.statuses = _names(c.aigov_status_name)
        self.names = _report_build.Names(c)  # every name table the typed report reads
        _fill_code_names(c.aigov_error_name)

    def error(self, rc: int, err: Optional[_lib.Error]) -> AigovError:
        if err is None or not err.message:
            return _make_error(rc, self.c.aigov_strerror(rc).decode("utf-8", "replace"))
        d = lambda b: b.decode("utf-8", "replace")  # noqa: E731
        return _make_error(rc, d(err.message), d(err.path), d(err.source), d(err.rule_id), err.offset)

    def take(self, buf: Any, size: int) -> bytes:
        """Copies a buffer the library allocated, then frees it."""
        try:
            return ctypes.string_at(buf, size)
        finally:
            self.c.aigov_free(buf)


_LIBRARY = _Library(*_lib.load())


def load_library(path: Optional[str] = None) -> str:
    """Loads libaigov from `path` (or by the usual lookup when None) and makes
    it the library of tables created from now on; existing tables keep theirs.
    Raises ImportError when it is missing or of another version. Returns the
    path of the library loaded."""
    global _LIBRARY
    _LIBRARY = _Library(*_lib.load(path))
    return _LIBRARY.path


def library_version() -> str:
    """Version string of the loaded library, e.g. "0.1.0"."""
    return _LIBRARY.version


def library_path() -> str:
    """Where the loaded library was found."""
    return _LIBRARY.path


# ---- arguments --------------------------------------------------------------------

# include/aigov.h: max_input is at most 64 MiB, max_depth at most 256 (0: the defaults).
DEFAULT_MAX_INPUT = 1 << 20
MAX_INPUT_CAP = 64 << 20
MAX_DEPTH_CAP = 256
_SIZE_MAX = (1 << (8 * ctypes.sizeof(ctypes.c_size_t))) - 1
_PATH_HINT = " (a str is always JSON text: pass a pathlib.Path or call evaluate_file() for a file)"


def _int_arg(name: str, value: Any, lo: int, hi: int) -> int:
    """An integer argument checked against the range its C type and the
    library accept: ctypes would silently wrap 2**64 to 0 (system 0, the
    default limits), and bool is an int that no caller means."""
    if isinstance(value, bool):
        raise TypeError("%s is an int, not bool" % name)
    try:
        value = operator.index(value)
    except TypeError:
        raise TypeError("%s is an int, not %s" % (name, type(value).__name__)) from None
    if not lo <= value <= hi:
        raise _make_error(-1, "%s %d is out of range: expected %d to %d" % (name, value, lo, hi))
    return value


def _read_limited(f: Any, limit: int, name: str) -> bytes:
    """Reads at most limit + 1 bytes of a binary file object: one byte past
    the limit is enough to know it is over, and a 3 GB file never reaches
    memory (LimitError, not MemoryError)."""
    chunks: List[bytes] = []
    n = 0
    while n <= limit:
        b = f.read(min(limit + 1 - n, 1 << 20))
        if b is None:
            raise BlockingIOError(errno.EAGAIN, "no data ready (non-blocking file)", name)
        if not b:
            break
        chunks.append(bytes(b))
        n += len(b)
    if n > limit:
        raise _make_error(-5, "%s is larger than the input limit of %d bytes (max_input)" % (name, limit))
    return b"".join(chunks)


def read_descriptor(file: Union["os.PathLike[str]", str, bytes, BinaryIO], max_input: int = 0) -> bytes:
    """The bytes of a descriptor file, read up to the input limit (max_input,
    0: 1 MiB) and no further: LimitError past it. `file` is a path (str,
    bytes or os.PathLike) or a binary file object open for reading."""
    limit = _int_arg("max_input", max_input, 0, MAX_INPUT_CAP) or DEFAULT_MAX_INPUT
    if hasattr(file, "read"):
        return _read_limited(file, limit, str(getattr(file, "name", "the file")))
    if not isinstance(file, (str, bytes, os.PathLike)):
        raise TypeError("a descriptor file is a path or a binary file object, not %s" % type(file).__name__)
    with open(file, "rb") as f:
        return _read_limited(f, limit, os.fsdecode(file))


def _descriptor_bytes(desc: Descriptor, limit: int) -> bytes:
    """A descriptor as JSON bytes: a dict (serialised compactly), JSON text as
    str or bytes, or a file as os.PathLike (read up to the input limit). A
    str is never taken for a path: a file named '{...' or a JSON text that
    happens to name a file would otherwise change what is evaluated."""
    if isinstance(desc, bytes):
        return desc
    if isinstance(desc, (bytearray, memoryview)):
        return bytes(desc)
    if isinstance(desc, str):
        return desc.encode("utf-8")
    if isinstance(desc, os.PathLike):
        return read_descriptor(desc, limit)
    if isinstance(desc, Mapping):
        return _json.dumps(desc, ensure_ascii=False, allow_nan=False,
                           separators=(",", ":")).encode("utf-8")
    raise TypeError("a descriptor is a dict, JSON text (str or bytes) or an os.PathLike path, not %s"
                    % type(desc).__name__)


def _as_of_bytes(value: AsOf) -> bytes:
    if isinstance(value, _dt.datetime):
        value = value.date()
    if isinstance(value, _dt.date):
        return value.isoformat().encode()
    if isinstance(value, str):
        if "\0" in value:  # C would read only the part before it
            raise _make_error(-1, "as_of %r contains a NUL character: expected YYYY-MM-DD" % value)
        return value.encode()
    raise TypeError("as_of is a datetime.date or a 'YYYY-MM-DD' string, not %s" % type(value).__name__)


_FORMAT_CODES = frozenset(FORMATS.values())


def _format_code(format: Union[str, int]) -> int:
    if isinstance(format, str):
        try:
            return FORMATS[format]
        except KeyError:
            raise ValueError("format is one of %s, not %r" % (", ".join(sorted(FORMATS)), format)) from None
    code = _int_arg("format", format, 0, _SIZE_MAX)
    if code not in _FORMAT_CODES:
        raise _make_error(-1, "format %d is not one of %s" % (code, sorted(_FORMAT_CODES)))
    return code


def _fail_on_code(fail_on: Union[str, int]) -> int:
    if isinstance(fail_on, str):
        try:
            return FAIL_ON[fail_on]
        except KeyError:
            raise ValueError("fail_on is one of %s, not %r" % (", ".join(FAIL_ON), fail_on)) from None
    return _int_arg("fail_on", fail_on, 0, 3)


def _hint_path(e: AigovError, descriptor: Any) -> AigovError:
    """A str that fails to parse at its first byte was most likely meant as a
    path (the binding once guessed): say how to pass one."""
    if isinstance(descriptor, str) and e.code == -3 and e.offset == 0 and not e.message.endswith(_PATH_HINT):
        e.message += _PATH_HINT
        e.args = (e.code, e.name, e.message) + e.args[3:]
    return e


# ---- tables -------------------------------------------------------------------------

class _TableHandle:
    """Owns one aigov_table *. Freed when the last reference goes: the Table
    and every Evaluator context set created from it hold one, so a table is
    never freed before the contexts that use it."""

    __slots__ = ("lib", "ptr", "strings", "engine", "__weakref__")

    def __init__(self, lib: _Library, ptr: int, owned: bool):
        self.lib = lib
        self.ptr = ptr
        self.strings = _report_build.Strings()  # the table's strings, decoded once
        self.engine = {"version": lib.version, "rules_revision": lib.c.aigov_table_revision(ptr).decode(),
                       "rules_hash": lib.c.aigov_table_hash(ptr).decode()}
        if owned:
            weakref.finalize(self, lib.c.aigov_table_free, ptr).atexit = False


_BUILTIN: Dict[int, "Table"] = {}


class Table:
    """An immutable rule table: the one built into the library
    (Table.builtin()) or one compiled at run time (Table.compile()). Safe to
    share between threads. Use as a context manager or call close(); a
    finalizer frees it otherwise. Closing the builtin table does nothing."""

    _lib: _Library
    _h: Optional[_TableHandle]
    _owned: bool
    _evaluators: "weakref.WeakSet[Evaluator]"

    def __init__(self) -> None:
        raise TypeError("use Table.builtin() or Table.compile(sources)")

    @classmethod
    def _wrap(cls, lib: _Library, ptr: int, owned: bool) -> "Table":
        t = cls.__new__(cls)
        t._lib = lib
        t._h = _TableHandle(lib, ptr, owned)
        t._owned = owned
        t._evaluators = weakref.WeakSet()
        return t

    @classmethod
    def builtin(cls) -> "Table":
        """The rule table compiled into the library from rules/ (static; shared)."""
        lib = _LIBRARY
        t = _BUILTIN.get(id(lib))
        if t is None or t._lib is not lib:
            t = _BUILTIN[id(lib)] = cls._wrap(lib, lib.c.aigov_table_builtin(), False)
        return t

    @classmethod
    def compile(cls, sources: Union[Mapping[str, Union[str, bytes]], Iterable[Union[str, "os.PathLike[str]"]]]
                ) -> "Table":
        """Compiles a rule set, with the same validation as the build.

        sources: a mapping {name: JSON text (str or bytes)}, or an iterable of
        file paths (the path as given is the source's name). Sources are read
        in the order given; exactly one holds the "manifest". The build reads
        rules/ in byte order of the paths: pass them in that order, named
        relative to the repository ("rules/manifest.json" ...), to get the
        builtin table's hash. Raises RulesError (with source, rule_id and
        JSON path), JSONSyntaxError or LimitError."""
        items: List[Tuple[bytes, bytes]] = []
        if isinstance(sources, Mapping):
            for name, data in sources.items():
                items.append((os.fsencode(name), data.encode("utf-8") if isinstance(data, str) else bytes(data)))
        elif isinstance(sources, (str, bytes, os.PathLike)):
            raise TypeError("sources is a mapping {name: JSON} or a list of paths, not one path")
        else:
            for p in sources:  # bounded like descriptors: a rule source past 64 MiB is not one
                items.append((os.fsencode(p), read_descriptor(p, MAX_INPUT_CAP)))
        lib = _LIBRARY
        arr = (_lib.Source * max(1, len(items)))()
        for i, (name, data) in enumerate(items):
            arr[i].name = name      # the array keeps these bytes alive
            arr[i].data = data
            arr[i].len = len(data)
        out = ctypes.c_void_p()
        err = _lib.Error()
        rc = lib.c.aigov_table_compile(ctypes.byref(out), arr, len(items), None, ctypes.byref(err))
        if rc:
            raise lib.error(rc, err)
        return cls._wrap(lib, out.value, True)

    # -- state ---------------------------------------------------------------------------
    @property
    def handle(self) -> int:
        """The aigov_table * as an int (for other ctypes code)."""
        h = self._h
        if h is None:
            raise ValueError("the table is closed")
        return h.ptr

    @property
    def closed(self) -> bool:
        return self._h is None

    @property
    def is_builtin(self) -> bool:
        return not self._owned

    def close(self) -> None:
        """Closes every Evaluator of this table, then releases the table. Idempotent.
        The builtin table is static: closing it does nothing."""
        if not self._owned:
            return
        for ev in list(self._evaluators):
            ev.close()
        self._h = None  # the handle frees the C table once no context needs it

    def __enter__(self) -> "Table":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        if self._h is None:
            return "<aigov.Table closed>"
        return "<aigov.Table %s revision=%s rules=%d %s>" % (
            "builtin" if self.is_builtin else "compiled", self.revision, len(self), self.hash)

    # -- catalogue -------------------------------------------------------------------------
    @property
    def revision(self) -> str:
        """The rule set's revision (manifest), e.g. "2026.11.1"."""
        return self._lib.c.aigov_table_revision(self.handle).decode()

    @property
    def hash(self) -> str:
        """"sha256:<hex>" over the rule sources (names and contents)."""
        return self._lib.c.aigov_table_hash(self.handle).decode()

    def __len__(self) -> int:
        return self._lib.c.aigov_table_rule_count(self.handle)

    def _rule_at(self, index: int) -> RuleInfo:
        info = _lib.RuleInfo()
        rc = self._lib.c.aigov_table_rule(ctypes.byref(info), self.handle, index)
        if rc:
            raise self._lib.error(rc, None)
        kind = _KINDS[info.kind] if 0 <= info.kind < len(_KINDS) else str(info.kind)
        return RuleInfo(info.id.decode(), info.framework.decode(), info.citation.decode(),
                        info.title.decode(), info.applies_from.decode(), kind)

    def __iter__(self) -> Iterator[RuleInfo]:
        """Every rule (all kinds) in table order, from the C catalogue accessors."""
        for i in range(len(self)):
            yield self._rule_at(i)

    def rule(self, rule_id: str) -> RuleInfo:
        """The catalogue entry of one rule; NotFoundError when absent."""
        index = ctypes.c_size_t()
        rc = self._lib.c.aigov_table_find_rule(ctypes.byref(index), self.handle, rule_id.encode())
        if rc:
            e = self._lib.error(rc, None)
            if rc == -7:
                e = _make_error(rc, "no rule %r in this table" % rule_id)
            raise e
        return self._rule_at(index.value)

    def __contains__(self, rule_id: object) -> bool:
        if not isinstance(rule_id, str):
            return False
        index = ctypes.c_size_t()
        return self._lib.c.aigov_table_find_rule(ctypes.byref(index), self.handle, rule_id.encode()) == 0

    def _buffer(self, fn: Any, *args: Any) -> bytes:
        out = ctypes.POINTER(ctypes.c_char)()
        size = ctypes.c_size_t()
        err = _lib.Error()
        rc = fn(ctypes.byref(out), ctypes.byref(size), self.handle, *args, ctypes.byref(err))
        if rc:
            raise self._lib.error(rc, err)
        return self._lib.take(out, size.value)

    def render_rules(self, format: Union[str, int] = "json") -> bytes:
        """The rule catalogue as the library renders it (json, text or markdown)."""
        return self._buffer(self._lib.c.aigov_table_render_rules, _format_code(format))

    def rules(self) -> List[Dict[str, Any]]:
        """The catalogue: every rule with id, framework, kind, citation, title,
        applies_from, holder, classifies, evidence (the "rules" list of
        render_rules("json"))."""
        return _json.loads(self.render_rules("json"))["rules"]

    def render_descriptor_schema(self) -> bytes:
        """The descriptor's JSON Schema as the library writes it (bytes)."""
        return self._buffer(self._lib.c.aigov_table_descriptor_schema)

    def descriptor_schema(self) -> Dict[str, Any]:
        """JSON Schema (2020-12) of the descriptor this table accepts, generated
        from its fact catalogue."""
        return _json.loads(self.render_descriptor_schema())

    def explain(self, rule_id: str) -> str:
        """One rule in readable form: citation, title, dates, condition, facts, evidence."""
        return self._buffer(self._lib.c.aigov_table_explain, rule_id.encode()).decode("utf-8")


# ---- evaluation ------------------------------------------------------------------------

class _ThreadState:
    """A thread's C context and the out-parameters reused by every call on it."""

    __slots__ = ("ctx", "busy", "rep", "rep_ref", "err", "err_ref", "summary", "summary_ref",
                 "buf", "buf_ref", "size", "size_ref", "nsys", "nsys_ref", "builder", "gen", "__weakref__")

    def __init__(self, ctx: int, builder: _report_build.Builder):
        self.ctx = ctx
        self.busy = False
        self.builder = builder
        self.gen = 0  # calls on ctx so far: a report read at gen g is still there while gen == g
        self.rep = ctypes.c_void_p()
        self.rep_ref = ctypes.byref(self.rep)
        self.err = _lib.Error()
        self.err_ref = ctypes.byref(self.err)
        self.summary = _lib.Summary()
        self.summary_ref = ctypes.byref(self.summary)
        self.buf = ctypes.POINTER(ctypes.c_char)()
        self.buf_ref = ctypes.byref(self.buf)
        self.size = ctypes.c_size_t()
        self.size_ref = ctypes.byref(self.size)
        self.nsys = ctypes.c_size_t()
        self.nsys_ref = ctypes.byref(self.nsys)


class _Contexts:
    """The C contexts of one Evaluator (one per thread) and the table handle
    they need. Holds no reference to the Evaluator or to the thread states,
    so finalizers can use it. The lock is reentrant: a thread state may be
    collected (and its finalizer run) while the lock is held."""

    def __init__(self, handle: _TableHandle):
        self.lock = threading.RLock()
        self.handle: Optional[_TableHandle] = handle
        self.lib = handle.lib
        self.live: Dict[int, "weakref.ref[_ThreadState]"] = {}
        self.closed = False

    def add(self, state: _ThreadState) -> None:
        with self.lock:
            if self.closed:
                self.lib.c.aigov_ctx_free(state.ctx)
                raise ValueError("the evaluator is closed")
            self.live[state.ctx] = weakref.ref(state)
        weakref.finalize(state, self.release, state.ctx).atexit = False

    def release(self, ctx: int) -> None:
        """Frees one context (its thread ended, or the evaluator closed while it was busy)."""
        with self.lock:
            if self.live.pop(ctx, None) is not None:
                self.lib.c.aigov_ctx_free(ctx)
            if self.closed and not self.live:
                self.handle = None

    def close(self) -> None:
        with self.lock:
            self.closed = True
            for ctx in list(self.live):
                ref = self.live.get(ctx)
                state = ref() if ref is not None else None
                if state is not None and state.busy:
                    continue  # its thread frees it when the call returns
                if self.live.pop(ctx, None) is not None:
                    self.lib.c.aigov_ctx_free(ctx)
                del state
            if not self.live:
                self.handle = None

    def count(self) -> int:
        with self.lock:
            return len(self.live)


class Evaluator:
    """Evaluates descriptors against a table (the builtin one by default).

    Share one Evaluator between threads freely: it keeps one C context per
    thread. max_input (bytes, 0 = 1 MiB) and max_depth (JSON nesting, 0 = 32)
    are the library's input limits (over them: LimitError); they are
    checked here (InvalidArgumentError past 64 MiB or 256) because a value
    that does not fit the C type would wrap. Files are read up to max_input
    and no further."""

    def __init__(self, table: Optional[Table] = None, *, max_input: int = 0, max_depth: int = 0):
        max_input = _int_arg("max_input", max_input, 0, MAX_INPUT_CAP)
        max_depth = _int_arg("max_depth", max_depth, 0, MAX_DEPTH_CAP)
        self.table = table if table is not None else Table.builtin()
        handle = self.table._h
        if handle is None:
            raise ValueError("the table is closed")
        self._lib = handle.lib
        self._max_input = max_input
        self._max_depth = max_depth
        self._contexts = _Contexts(handle)
        self._local = threading.local()
        self._options: Dict[Any, Any] = {}
        self._finalizer = weakref.finalize(self, self._contexts.close)
        self._finalizer.atexit = False
        self.table._evaluators.add(self)

    # -- lifetime --------------------------------------------------------------------------
    def close(self) -> None:
        """Frees every thread's context. Idempotent. Later calls raise ValueError."""
        self._finalizer()

    @property
    def closed(self) -> bool:
        return self._contexts.closed

    def __enter__(self) -> "Evaluator":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return "<aigov.Evaluator %s contexts=%d%s>" % (
            "builtin" if self.table.is_builtin else "compiled", self._contexts.count(),
            " closed" if self.closed else "")

    # -- per-thread state ------------------------------------------------------------------
    def _enter(self) -> _ThreadState:
        st = getattr(self._local, "state", None)
        if st is None:
            st = self._new_state()
        st.busy = True
        st.gen += 1
        if self._contexts.closed:
            st.busy = False
            self._contexts.release(st.ctx)
            raise ValueError("the evaluator is closed")
        return st

    def _leave(self, st: _ThreadState) -> None:
        st.busy = False
        if self._contexts.closed:
            self._contexts.release(st.ctx)

    def _new_state(self) -> _ThreadState:
        contexts = self._contexts
        if contexts.closed:
            raise ValueError("the evaluator is closed")
        handle = contexts.handle
        if handle is None:
            raise ValueError("the evaluator is closed")
        out = ctypes.c_void_p()
        err = _lib.Error()
        rc = self._lib.c.aigov_ctx_new(ctypes.byref(out), handle.ptr, None, ctypes.byref(err))
        if rc:
            raise self._lib.error(rc, err)
        st = _ThreadState(out.value, _report_build.Builder(self._lib.c, self._lib.names, handle.strings,
                                                           handle.engine))
        contexts.add(st)
        self._local.state = st
        return st

    def _opts(self, as_of: AsOf) -> Any:
        key = as_of if isinstance(as_of, (str, _dt.date)) else None
        ref = self._options.get(key)
        if ref is None:
            opts = _lib.EvalOptions(_lib.EVAL_OPTIONS_VERSION, _as_of_bytes(as_of),
                                    self._max_input, self._max_depth)
            ref = ctypes.byref(opts)
            if len(self._options) > 256:
                self._options.clear()
            self._options[key] = ref  # the byref keeps opts (and its as_of bytes) alive
        return ref

    # -- evaluation -------------------------------------------------------------------------
    @property
    def max_input(self) -> int:
        """The input limit in bytes in force (max_input, or the 1 MiB default)."""
        return self._max_input or DEFAULT_MAX_INPUT

    def read_file(self, file: Union["os.PathLike[str]", str, bytes, BinaryIO]) -> bytes:
        """read_descriptor() with this evaluator's input limit."""
        return read_descriptor(file, self._max_input)

    def _data(self, descriptor: Descriptor) -> bytes:
        return _descriptor_bytes(descriptor, self._max_input)

    def render(self, descriptor: Descriptor, as_of: AsOf, format: Union[str, int] = "json") -> bytes:
        """Evaluates and returns the report as the library renders it (json:
        the compact form; json-full, text, markdown, oscal, sarif, junit,
        html), as bytes (no trailing newline for JSON)."""
        data = self._data(descriptor)
        opts, fmt = self._opts(as_of), _format_code(format)
        try:
            return self._render(data, opts, fmt)
        except AigovError as e:
            raise _hint_path(e, descriptor) from None

    def _render(self, data: bytes, opts: Any, fmt: int) -> bytes:
        c = self._lib.c
        st = self._enter()
        try:
            rc = c.aigov_eval_render(st.buf_ref, st.size_ref, st.ctx, data, len(data), opts, fmt, st.err_ref)
            if rc:
                raise self._lib.error(rc, st.err)
            return self._lib.take(st.buf, st.size.value)
        finally:
            self._leave(st)

    def evaluate(self, descriptor: Descriptor, as_of: AsOf, format: Union[str, int] = "json") -> Report:
        """Evaluates a descriptor at `as_of`: a dict, JSON text (str or
        bytes; a str is never taken for a path) or an os.PathLike path (see
        evaluate_file()).

        Returns a Report with typed attributes and raw_json, the library's
        exact bytes. With format text/markdown/oscal, report.rendered (and
        report.text) holds that rendering too (the descriptor is evaluated a
        second time for it). Raises InputError, JSONSyntaxError, LimitError
        (with .path) or InvalidArgumentError (bad as_of)."""
        data = self._data(descriptor)
        opts = self._opts(as_of)
        fmt = _format_code(format)
        try:  # the typed report is read through the C accessors: no rendering, no JSON parsing
            typed, sections = self._typed(data, opts)
        except AigovError as e:
            raise _hint_path(e, descriptor) from None
        raw = _FullRender(weakref.ref(self), self._contexts.handle, data, opts)
        has_soa = bool(typed.pop("_soa", False))
        rendered = None
        name = "json"
        if fmt not in (0, RENDER_FULL):
            name = format if isinstance(format, str) else str(format)
            rendered = self._render(data, opts, fmt)
        return Report._typed(typed, raw, name, rendered, sections, has_soa)

    def _typed(self, data: bytes, opts: Any) -> Tuple[Dict[str, Any], Optional["_Sections"]]:
        """The report's data from the accessors (_report_build): the shape of the full JSON
        report. One system: the head now, its sections from the _Sections on first use.
        Several systems: each system's part, then the organisation's, all at once."""
        lib = self._lib
        c = lib.c
        st = self._enter()
        try:
            rc = c.aigov_eval_system(st.rep_ref, st.nsys_ref, st.ctx, data, len(data), 0, opts, st.err_ref)
            if rc:
                raise lib.error(rc, st.err)
            b = st.builder
            # the questions are computed on first use: here, with the GIL released
            c.aigov_report_summary(st.summary_ref, st.rep)
            if b.part(st.rep.value) == 0:  # AIGOV_PART_ALL: a descriptor of one system
                return b.head(st.rep.value), _Sections(weakref.ref(self), self._contexts.handle, data, opts,
                                                       weakref.ref(st), st.gen)
            n = st.nsys.value
            out: Dict[str, Any] = {"engine": dict(b.engine), "as_of": b.as_of(st.rep.value),
                                   "systems": [b.system(st.rep.value, 0)]}
            for i in range(1, n):
                rc = c.aigov_eval_system(st.rep_ref, None, st.ctx, data, len(data), i, opts, st.err_ref)
                if rc:
                    raise lib.error(rc, st.err)
                out["systems"].append(b.system(st.rep.value, i))
            rc = c.aigov_eval_organisation(st.rep_ref, st.ctx, data, len(data), opts, st.err_ref)
            if rc:
                raise lib.error(rc, st.err)
            out["organisation"] = b.organisation(st.rep.value)
            return out, None
        finally:
            self._leave(st)

    def _section(self, data: bytes, opts: Any, key: str, state: "weakref.ref[_ThreadState]",
                 gen: int) -> Tuple[Any, "weakref.ref[_ThreadState]", int]:
        """Section `key` of the one-system report of data: read from the context's
        report when no call has used this thread's context since it was made (state, gen),
        else from a new evaluation of the same descriptor (deterministic: the same
        report). Returns the section and where its report now is."""
        lib = self._lib
        c = lib.c
        current = getattr(self._local, "state", None)
        fresh = current is not None and state() is current and current.gen == gen
        st = self._enter()
        try:
            if fresh:
                st.gen = gen  # nothing ran on the context since: its report is this one
            else:
                rc = c.aigov_eval_system(st.rep_ref, None, st.ctx, data, len(data), 0, opts, st.err_ref)
                if rc:
                    raise lib.error(rc, st.err)
                c.aigov_report_summary(st.summary_ref, st.rep)  # the questions, with the GIL released
            return st.builder.section(st.rep.value, key), weakref.ref(st), st.gen
        finally:
            self._leave(st)

    def evaluate_file(self, file: Union["os.PathLike[str]", str, bytes, BinaryIO], as_of: AsOf,
                      format: Union[str, int] = "json") -> Report:
        """evaluate() of a file: `file` is a path (str, bytes or os.PathLike)
        or a binary file object, read up to the input limit and no further
        (LimitError past it, OSError when it cannot be read)."""
        return self.evaluate(self.read_file(file), as_of, format)

    def verdict(self, descriptor: Descriptor, as_of: AsOf, fail_on: Union[str, int] = "gap",
                format: Optional[Union[str, int]] = None) -> Verdict:
        """The library's one verdict on a whole descriptor (every system and
        the organisation's rules), under fail_on (none, prohibited, gap,
        unknown: what `aigov eval --fail-on` means). With `format`, the
        report rendered from the same evaluation is in .rendered. Use it for
        pass/fail: summing classify_all() misses the organisation's rules."""
        data = self._data(descriptor)
        opts, fo = self._opts(as_of), _fail_on_code(fail_on)
        fmt = None if format is None else _format_code(format)
        c = self._lib.c
        try:
            if c.aigov_eval_verdict is None:  # an older library: the same computation over its JSON
                raw = self._render(data, opts, 0)
                return verdict_from_report(raw, fo, None if fmt is None else
                                           raw if fmt == 0 else self._render(data, opts, fmt))
            return self._verdict(data, opts, fo, fmt)
        except AigovError as e:
            raise _hint_path(e, descriptor) from None

    def _verdict(self, data: bytes, opts: Any, fail_on: int, fmt: Optional[int]) -> Verdict:
        lib = self._lib
        st = self._enter()
        try:
            v = _lib.Verdict()
            rc = lib.c.aigov_eval_verdict(ctypes.byref(v), st.buf_ref if fmt is not None else None,
                                          st.size_ref if fmt is not None else None, st.ctx, data, len(data),
                                          opts, fmt or 0, fail_on, st.err_ref)
            if rc:
                raise lib.error(rc, st.err)
            rendered = lib.take(st.buf, st.size.value) if fmt is not None else None
        finally:
            self._leave(st)
        name = lambda names, i: names[i] if 0 <= i < len(names) else "?"  # noqa: E731
        tiers = tuple(t for t in TIER_SEVERITY if v.tiers & (1 << lib.tiers.index(t)))
        s = v.summary
        summary = Summary(name(lib.tiers, v.tier), name(lib.gpai, v.gpai), s.total, s.met, s.gap, s.unknown,
                          s.not_applicable, s.in_force_gaps, s.questions)
        return Verdict(v.systems, summary.tier or "?", tiers, summary.gpai or "?", v.prohibited, v.undetermined,
                       summary, v.organisation_in_force_gaps, _verdict_name(v.fail_on), bool(v.failing), rendered)

    def classify(self, descriptor: Descriptor, as_of: AsOf, system: int = 0) -> Summary:
        """Tier, GPAI class and status counts, read through the C accessors
        (aigov_eval_system, aigov_report_tier/gpai/summary): no rendering, no
        JSON parsing; the fast path for gates. `system` picks one system of a
        several-systems descriptor (NotFoundError past the end)."""
        system = _int_arg("system", system, 0, _SIZE_MAX)
        return self._classify(self._data(descriptor), self._opts(as_of), system, False)[0]

    def classify_all(self, descriptor: Descriptor, as_of: AsOf) -> List[Summary]:
        """classify() of every system of a descriptor (one item for a single system)."""
        data = self._data(descriptor)
        opts = self._opts(as_of)
        first, n = self._classify(data, opts, 0, True)
        return [first] + [self._classify(data, opts, i, False)[0] for i in range(1, n)]

    def system_count(self, descriptor: Descriptor, as_of: AsOf) -> int:
        """Number of systems a descriptor describes (1 for a single-system one)."""
        return self._classify(self._data(descriptor), self._opts(as_of), 0, True)[1]

    def _classify(self, data: bytes, opts: Any, system: int, count: bool) -> Tuple[Summary, int]:
        lib = self._lib
        c = lib.c
        st = self._enter()
        try:
            rc = c.aigov_eval_system(st.rep_ref, st.nsys_ref if count else None, st.ctx, data, len(data),
                                     system, opts, st.err_ref)
            if rc:
                raise lib.error(rc, st.err)
            rep = st.rep
            c.aigov_report_summary(st.summary_ref, rep)
            s = st.summary
            tier = c.aigov_report_tier(rep)
            gpai = c.aigov_report_gpai(rep)
            return (Summary(lib.tiers[tier] if 0 <= tier < len(lib.tiers) else "?",
                            lib.gpai[gpai] if 0 <= gpai < len(lib.gpai) else "?",
                            s.total, s.met, s.gap, s.unknown, s.not_applicable, s.in_force_gaps, s.questions),
                    max(1, st.nsys.value) if count else 1)
        finally:
            self._leave(st)

    def questions(self, descriptor: Descriptor, as_of: AsOf, system: int = 0) -> List[QuestionInfo]:
        """The open questions of a descriptor in the library's asking order
        (tier-deciding first, then GPAI, role, date, duty), each in full
        (aigov_report_question_info): what a questionnaire needs to ask it and
        to write the answer into the descriptor. `system` picks one system of
        a several-systems descriptor. NotFoundError from a library without the
        accessor."""
        system = _int_arg("system", system, 0, _SIZE_MAX)
        data, opts = self._data(descriptor), self._opts(as_of)
        lib = self._lib
        c = lib.c
        if c.aigov_report_question_info is None:
            raise _make_error(-7, "this libaigov has no aigov_report_question_info")
        st = self._enter()
        try:
            rc = c.aigov_eval_system(st.rep_ref, None, st.ctx, data, len(data), system, opts, st.err_ref)
            if rc:
                raise _hint_path(lib.error(rc, st.err), descriptor)
            rep = st.rep
            out: List[QuestionInfo] = []
            q = _lib.QuestionInfo()
            rule = ctypes.c_void_p()
            text = lambda b: b.decode("utf-8") if b is not None else ""  # noqa: E731
            for i in range(c.aigov_report_question_count(rep)):
                q.size = ctypes.sizeof(q)
                if c.aigov_report_question_info(ctypes.byref(q), rep, i):
                    break
                rules = []
                while c.aigov_report_question_rule(ctypes.byref(rule), rep, i, len(rules)) == 0:
                    rules.append(ctypes.string_at(rule.value).decode("utf-8"))
                out.append(QuestionInfo(
                    text(q.fact), text(q.ask), text(q.description), text(q.source),
                    text(c.aigov_fact_type_name(q.type)), text(c.aigov_question_rank_name(q.rank)),
                    tuple(text(q.values[k]) for k in range(q.n_values)), q.min, q.max, q.max_length,
                    bool(q.affects_tier), bool(q.affects_gpai), tuple(rules), q.affected_in_force))
            return out
        finally:
            self._leave(st)


class _Sections:
    """The sections of a one-system Report (obligations, questions, next actions,
    SoA), read through the accessors on first use: from the evaluator's context
    while its report is still there, else from a new evaluation of the same
    descriptor on the evaluator (or, once it is closed, on a context of its own)."""

    __slots__ = ("ev", "handle", "data", "opts", "state", "gen")

    def __init__(self, ev: "weakref.ref[Evaluator]", handle: Optional[_TableHandle], data: bytes, opts: Any,
                 state: "weakref.ref[_ThreadState]", gen: int):
        self.ev, self.handle, self.data, self.opts, self.state, self.gen = ev, handle, data, opts, state, gen

    def __call__(self, key: str) -> Any:
        ev = self.ev()
        if ev is not None and not ev.closed:
            try:
                value, self.state, self.gen = ev._section(self.data, self.opts, key, self.state, self.gen)
                return value
            except ValueError:  # closed in between
                pass
        h = self.handle
        if h is None:
            raise ValueError("the table of this report is closed")
        lib = h.lib
        ctx, rep = ctypes.c_void_p(), ctypes.c_void_p()
        err = _lib.Error()
        rc = lib.c.aigov_ctx_new(ctypes.byref(ctx), h.ptr, None, ctypes.byref(err))
        if rc:
            raise lib.error(rc, err)
        try:
            rc = lib.c.aigov_eval_system(ctypes.byref(rep), None, ctx, self.data, len(self.data), 0, self.opts,
                                         ctypes.byref(err))
            if rc:
                raise lib.error(rc, err)
            return _report_build.Builder(lib.c, lib.names, h.strings, h.engine).section(rep.value, key)
        finally:
            lib.c.aigov_ctx_free(ctx)


class _FullRender:
    """Report.raw_json on first use: the full JSON report of the same descriptor,
    as-of date and table, rendered by the library (an evaluation is
    deterministic, so the bytes are those the same call would have rendered at
    once). Uses the evaluator while it is open, else a context of its own."""

    __slots__ = ("ev", "handle", "data", "opts")

    def __init__(self, ev: "weakref.ref[Evaluator]", handle: Optional[_TableHandle], data: bytes, opts: Any):
        self.ev, self.handle, self.data, self.opts = ev, handle, data, opts

    def __call__(self) -> bytes:
        ev = self.ev()
        if ev is not None and not ev.closed:
            try:
                return ev._render(self.data, self.opts, RENDER_FULL)
            except ValueError:  # closed in between
                pass
        h = self.handle
        if h is None:
            raise ValueError("the table of this report is closed")
        lib = h.lib
        ctx = ctypes.c_void_p()
        err = _lib.Error()
        rc = lib.c.aigov_ctx_new(ctypes.byref(ctx), h.ptr, None, ctypes.byref(err))
        if rc:
            raise lib.error(rc, err)
        try:
            buf = ctypes.POINTER(ctypes.c_char)()
            size = ctypes.c_size_t()
            rc = lib.c.aigov_eval_render(ctypes.byref(buf), ctypes.byref(size), ctx, self.data, len(self.data),
                                         self.opts, RENDER_FULL, ctypes.byref(err))
            if rc:
                raise lib.error(rc, err)
            return lib.take(buf, size.value)
        finally:
            lib.c.aigov_ctx_free(ctx)


def _verdict_name(code: int) -> str:
    return {v: k for k, v in FAIL_ON.items()}.get(code, str(code))


# ---- module-level conveniences -------------------------------------------------------

_default: Optional[Evaluator] = None
_default_lock = threading.Lock()


def _default_evaluator() -> Evaluator:
    global _default
    ev = _default
    if ev is None or ev.closed or ev._lib is not _LIBRARY:
        with _default_lock:
            if _default is None or _default.closed or _default._lib is not _LIBRARY:
                _default = Evaluator()
            ev = _default
    return ev


def evaluate(descriptor: Descriptor, as_of: AsOf, format: Union[str, int] = "json") -> Report:
    """Evaluator.evaluate with the builtin rules and a shared evaluator."""
    return _default_evaluator().evaluate(descriptor, as_of, format)


def evaluate_file(file: Union["os.PathLike[str]", str, bytes, BinaryIO], as_of: AsOf,
                  format: Union[str, int] = "json") -> Report:
    """Evaluator.evaluate_file with the builtin rules and a shared evaluator."""
    return _default_evaluator().evaluate_file(file, as_of, format)


def classify(descriptor: Descriptor, as_of: AsOf, system: int = 0) -> Summary:
    """Evaluator.classify with the builtin rules and a shared evaluator."""
    return _default_evaluator().classify(descriptor, as_of, system)


def questions(descriptor: Descriptor, as_of: AsOf, system: int = 0) -> List[QuestionInfo]:
    """Evaluator.questions with the builtin rules and a shared evaluator."""
    return _default_evaluator().questions(descriptor, as_of, system)
