"""aigov-py eval --ndjson: one descriptor per line in, one line out per input
line, in order; what `aigov eval --ndjson` does (examples/cli/ndjson.c), byte
for byte: a report (json or oscal) per line, or an error object
{"error":{"code","message","path","line"}} in its place. The exit status is
the worst a line would have given alone: 2 if any line is an error, else 1 if
any line fails the --fail-on policy, else 0. Pass/fail is the library's
verdict (Evaluator.verdict); nothing here decides it.
"""
from __future__ import annotations

import concurrent.futures
import threading
from typing import BinaryIO, Iterator, List, Optional, Tuple

from . import DEFAULT_MAX_INPUT, AigovError, Evaluator, Table

# Lines evaluated at once: bounded memory for a stream of any length.
BATCH = 64


class _LineError(Exception):
    """A line that reading already failed, worded as the C CLI words it."""

    def __init__(self, name: str, message: str, path: str = ""):
        super().__init__(message)
        self.name, self.message, self.path = name, message, path


def lines(f: BinaryIO, limit: int) -> Iterator[object]:
    """Each line without its '\\n' and trailing '\\r's; a last line without
    '\\n' counts; a line over `limit` bytes is skipped without being held
    whole and yields a _LineError instead."""
    while True:
        chunk = f.readline(limit + 1)
        if not chunk:
            return
        if chunk.endswith(b"\n") or len(chunk) <= limit:
            yield chunk.rstrip(b"\n").rstrip(b"\r")
            continue
        total = len(chunk)
        while True:
            more = f.readline(1 << 16)
            if not more:
                break
            if more.endswith(b"\n"):
                total += len(more) - 1
                break
            total += len(more)
        yield _LineError("AIGOV_ELIMIT", "line is %d bytes; the limit is %d (skipped, not read whole)"
                         % (total, limit), "$")


def _unsafe(cp: int) -> bool:
    """The code points the C CLI escapes (controls, bidi and zero-width marks)."""
    return (cp < 0x20 or 0x7F <= cp <= 0x9F or cp == 0x061C or 0x200B <= cp <= 0x200F
            or 0x2028 <= cp <= 0x202E or 0x2066 <= cp <= 0x2069 or cp == 0xFEFF)


def json_str(s: str) -> str:
    """A JSON string as cli_json_str writes it (UTF-8 kept, unsafe as \\u%04x)."""
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif cp == 0xFFFD or 0xD800 <= cp <= 0xDFFF:
            out.append("\\ufffd")
        elif _unsafe(cp):
            out.append("\\u%04x" % cp)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def error_line(name: str, message: str, path: str, lineno: int) -> bytes:
    return ('{"error":{"code":"%s","message":%s,"path":%s,"line":%d}}\n'
            % (name, json_str(message), json_str(path), lineno)).encode("utf-8", "surrogateescape")


def run(table: Table, f: BinaryIO, out: BinaryIO, as_of: str, fail_on: str, fmt: str, jobs: int = 1) -> int:
    """Evaluates every line of f, writes one line each to out; returns the exit status."""
    local = threading.local()
    evaluators: List[Evaluator] = []
    lock = threading.Lock()

    def evaluate(item: object) -> Tuple[Optional[bytes], Optional[object], bool]:
        if isinstance(item, _LineError):
            return None, item, False
        ev = getattr(local, "ev", None)
        if ev is None:
            ev = local.ev = Evaluator(table)
            with lock:
                evaluators.append(ev)
        try:
            v = ev.verdict(item, as_of, fail_on, fmt)
        except AigovError as e:
            return None, e, False
        return v.rendered or b"", None, v.exit_status == 1

    worst, lineno = 0, 0
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs))
    try:
        it = lines(f, DEFAULT_MAX_INPUT)
        while True:
            batch = [x for _, x in zip(range(BATCH), it)]
            if not batch:
                break
            for rendered, err, failing in pool.map(evaluate, batch):
                lineno += 1
                if err is not None:
                    out.write(error_line(err.name, err.message, err.path, lineno))
                    worst = 2
                    continue
                out.write(rendered + b"\n")
                if failing and worst < 1:
                    worst = 1
    finally:
        pool.shutdown()
        for ev in evaluators:
            ev.close()
    out.flush()
    return worst
