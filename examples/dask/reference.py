"""The reference for the Dask host's tests and benchmark: `aigov eval --ndjson`
(the CLI's batch mode) on the same input, reduced to the host's summary lines.

A report line is ~300 KB; parsing 20,000 of them whole takes minutes in
Python, so the fields are read where the library writes them (the engine
object first, classification next, the report's own summary after the
questions) with json's raw_decode on those objects only. Every `check_every`-th
line, every error and every several-systems report is also parsed whole and
must give the same summary."""
from __future__ import annotations

import json
import subprocess
from typing import Any, Dict, Iterator, List, Optional

_DEC = json.JSONDecoder()


def _object_at(line: bytes, key: bytes, start: int = 0, window: int = 1 << 16) -> Any:
    i = line.find(key, start)
    if i < 0:
        raise ValueError("no %r in the report" % key)
    j = i + len(key) - key.endswith(b"{")   # a key given with its '{' starts the object there
    text = line[j:j + window].decode("utf-8", "ignore")
    try:
        return _DEC.raw_decode(text)[0]
    except ValueError:
        return _DEC.raw_decode(line[j:].decode("utf-8"))[0]


def _from_parsed(ident: str, d: Dict[str, Any]) -> Dict[str, Any]:
    if "error" in d:
        e = d["error"]
        return {"id": ident, "error": {"code": e["code"], "path": e["path"], "message": e["message"]}}
    out: Dict[str, Any] = {"id": ident}
    if "systems" in d:
        out["systems"] = [{"index": s.get("index"), "name": s.get("name"), "tier": s["classification"]["tier"],
                           "gpai": s["classification"]["gpai"], "in_force_gaps": s["summary"]["in_force_gaps"]}
                          for s in d["systems"]]
        out["organisation"] = {"in_force_gaps": d.get("organisation", {}).get("summary", {}).get("in_force_gaps", 0)}
    else:
        out.update(tier=d["classification"]["tier"], gpai=d["classification"]["gpai"],
                   in_force_gaps=d["summary"]["in_force_gaps"])
    out["rules_revision"] = d["engine"]["rules_revision"]
    out["rules_hash"] = d["engine"]["rules_hash"]
    return out


def summary_of_line(ident: str, line: bytes, full: bool = False) -> Dict[str, Any]:
    """The summary line of one line of `aigov eval --ndjson` output."""
    if full or line.startswith(b'{"error":') or b'"systems":[' in line[:1024]:
        return _from_parsed(ident, json.loads(line))
    engine = _object_at(line, b'{"engine":')
    cls = _object_at(line, b',"classification":')
    summary = _object_at(line, b',"summary":{', line.find(b',"questions":['))  # the report's, not the SoA's
    return {"id": ident, "tier": cls["tier"], "gpai": cls["gpai"], "in_force_gaps": summary["in_force_gaps"],
            "rules_revision": engine["rules_revision"], "rules_hash": engine["rules_hash"]}


def cli_summaries(cli: str, path: str, as_of: str, label: Optional[str] = None, jobs: int = 2,
                  check_every: int = 97) -> List[Dict[str, Any]]:
    """The CLI's batch output on `path`, as summary lines (ids FILE:LINE with
    FILE = label or path). Raises AssertionError if the read-in-place fields
    ever differ from a whole parse of the same line."""
    label = path if label is None else label
    out = []
    with subprocess.Popen([cli, "eval", "--ndjson", path, "--as-of", as_of, "--jobs", str(jobs)],
                          stdout=subprocess.PIPE, bufsize=1 << 20) as proc:
        assert proc.stdout is not None
        for n, line in enumerate(proc.stdout, 1):
            ident = "%s:%d" % (label, n)
            s = summary_of_line(ident, line)
            if n % check_every == 0 and "error" not in s:
                full = summary_of_line(ident, line, full=True)
                assert s == full, "read in place %r != parsed %r" % (s, full)
            out.append(s)
        rc = proc.wait()
    if rc not in (0, 1, 2):
        raise RuntimeError("%s eval --ndjson exited %d" % (cli, rc))
    return out


def batch_seconds(cli: str, path: str, as_of: str, jobs: int) -> float:
    """Wall time of the plain batch mode on `path`, output discarded."""
    import time
    t0 = time.perf_counter()
    subprocess.run([cli, "eval", "--ndjson", path, "--as-of", as_of, "--jobs", str(jobs)],
                   stdout=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t0


def read_summaries(data: bytes) -> Iterator[Dict[str, Any]]:
    for line in data.splitlines():
        yield json.loads(line)
