"""Finding and declaring the C library (ctypes, standard library only).

Lookup order: an explicit path (argument or AIGOV_LIBRARY), the copy bundled
in this package, then the system's (pkg-config's libdir, then
ctypes.util.find_library). Every prototype mirrors include/aigov.h."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
from ctypes import POINTER, Structure, c_char, c_char_p, c_int, c_size_t, c_uint, c_void_p

EXPECTED_MAJOR = 0
EXPECTED_MINOR = 1


class Error(Structure):
    _fields_ = [
        ("code", c_int),
        ("message", c_char * 256),
        ("path", c_char * 256),
        ("source", c_char * 128),
        ("rule_id", c_char * 128),
        ("offset", c_size_t),
    ]


class EvalOptions(Structure):
    _fields_ = [("version", c_uint), ("as_of", c_char_p), ("max_input", c_size_t), ("max_depth", c_uint)]


class Summary(Structure):
    _fields_ = [(name, c_size_t) for name in
                ("total", "met", "gap", "unknown", "not_applicable", "in_force_gaps", "questions")]


class Source(Structure):
    _fields_ = [("name", c_char_p), ("data", c_char_p), ("len", c_size_t)]


def _candidates(explicit: str | None):
    if explicit:
        yield explicit
        return
    env = os.environ.get("AIGOV_LIBRARY")
    if env:
        yield env
        return
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, "libaigov.so.0")
    try:
        libdir = subprocess.run(["pkg-config", "--variable=libdir", "aigov"], capture_output=True,
                                text=True, timeout=10).stdout.strip()
        if libdir:
            yield os.path.join(libdir, "libaigov.so.0")
    except (OSError, subprocess.SubprocessError):
        pass
    found = ctypes.util.find_library("aigov")
    if found:
        yield found


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    P = POINTER
    sig = {
        "aigov_version": (c_char_p, []),
        "aigov_version_number": (c_uint, []),
        "aigov_strerror": (c_char_p, [c_int]),
        "aigov_free": (None, [c_void_p]),
        "aigov_table_builtin": (c_void_p, []),
        "aigov_table_compile": (c_int, [P(c_void_p), P(Source), c_size_t, c_void_p, P(Error)]),
        "aigov_table_free": (None, [c_void_p]),
        "aigov_table_revision": (c_char_p, [c_void_p]),
        "aigov_table_hash": (c_char_p, [c_void_p]),
        "aigov_table_rule_count": (c_size_t, [c_void_p]),
        "aigov_table_render_rules": (c_int, [P(P(c_char)), P(c_size_t), c_void_p, c_int, P(Error)]),
        "aigov_table_explain": (c_int, [P(P(c_char)), P(c_size_t), c_void_p, c_char_p, P(Error)]),
        "aigov_table_descriptor_schema": (c_int, [P(P(c_char)), P(c_size_t), c_void_p, P(Error)]),
        "aigov_ctx_new": (c_int, [P(c_void_p), c_void_p, c_void_p, P(Error)]),
        "aigov_ctx_free": (None, [c_void_p]),
        "aigov_eval": (c_int, [P(c_void_p), c_void_p, c_char_p, c_size_t, P(EvalOptions), P(Error)]),
        "aigov_eval_system": (c_int, [P(c_void_p), P(c_size_t), c_void_p, c_char_p, c_size_t, c_size_t,
                                      P(EvalOptions), P(Error)]),
        "aigov_eval_render": (c_int, [P(P(c_char)), P(c_size_t), c_void_p, c_char_p, c_size_t,
                                      P(EvalOptions), c_int, P(Error)]),
        "aigov_report_tier": (c_int, [c_void_p]),
        "aigov_report_gpai": (c_int, [c_void_p]),
        "aigov_report_summary": (c_int, [P(Summary), c_void_p]),
        "aigov_tier_name": (c_char_p, [c_int]),
        "aigov_gpai_name": (c_char_p, [c_int]),
    }
    for name, (res, args) in sig.items():
        fn = getattr(lib, name)
        fn.restype = res
        fn.argtypes = args
    return lib


def load(path: str | None = None) -> tuple[ctypes.CDLL, str]:
    """Loads and checks the library; raises ImportError saying what was found."""
    tried = []
    for cand in _candidates(path):
        if os.path.sep in cand and not os.path.exists(cand):
            tried.append(cand + " (missing)")
            continue
        try:
            lib = ctypes.CDLL(cand)  # CDLL releases the GIL around every call
        except OSError as e:
            tried.append("%s (%s)" % (cand, e))
            continue
        try:
            lib = _declare(lib)
        except AttributeError as e:
            raise ImportError("%s is not a compatible libaigov: %s" % (cand, e)) from None
        number = lib.aigov_version_number()
        major, minor = number // 10000, number // 100 % 100
        if (major, minor) != (EXPECTED_MAJOR, EXPECTED_MINOR):
            raise ImportError("libaigov at %s is version %s; this binding expects %d.%d.x"
                              % (cand, lib.aigov_version().decode(), EXPECTED_MAJOR, EXPECTED_MINOR))
        return lib, cand
    raise ImportError("libaigov not found; tried: %s. Set AIGOV_LIBRARY to the path of libaigov.so.0"
                      % ("; ".join(tried) or "nothing"))
