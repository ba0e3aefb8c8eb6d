#!/usr/bin/env python3
"""Evaluate a model registry on a Dask cluster: libaigov as the map step.

    aigov_dask.py --as-of 2028-01-01 [--scheduler tcp://host:8786 | --local-workers 2]
                  [--partition-size 1000] [--out results.ndjson] [--aggregate aggregate.json]
                  [--ship] [--progress] INPUT...

INPUT is an NDJSON file (one descriptor per line, as `aigov eval --ndjson`
reads it) or a directory of descriptor files (*.json, searched recursively).
The inputs are cut into partitions (line ranges of a file, or lists of
files); each partition is one Dask task that a worker evaluates through the
Python binding, with one aigov.Evaluator per worker process, created on the
process's first task and reused by every later one.

Output: one summary line per descriptor, in input order --
    {"id": "registry.ndjson:17", "tier": "high_risk", "gpai": "none", "in_force_gaps": 3,
     "rules_revision": "2026.12.1", "rules_hash": "sha256:..."}
a descriptor of several systems gives "systems" (index, name, tier, gpai,
in_force_gaps each) and "organisation" (in_force_gaps) instead of the tier
fields; a descriptor that fails gives {"id": ..., "error": {"code", "path",
"message"}} and never fails the job. The id is where the descriptor came
from: FILE:LINE for NDJSON (lines counted from 1, as the CLI's error objects
count them), the file's path (under the directory as given) otherwise.

The aggregate (--aggregate FILE, and a digest on stderr): counts by tier and
GPAI class, the ids with in-force gaps, the failures with their error code
and JSON path, and the ids-in/ids-out check: a partition lost with a dead
worker is recomputed by Dask, results are kept once per partition, and the
job fails (exit 3) unless every input id comes back exactly once.

Everything legal comes from libaigov: this file only moves bytes and counts.
Needs python3-distributed (Debian) or `pip install distributed`, and the
aigov binding (the wheel, or AIGOV_LIBRARY + PYTHONPATH in a built tree) on
the client and on every worker.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import sys
import threading
import time
import uuid
import warnings
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

# ---- worker side -------------------------------------------------------------------------

_STATE_LOCK = threading.Lock()
_EVALUATOR = None       # one per worker process
_EVALUATORS_CREATED = 0  # reported with each partition: 1 per process, whatever the task count


def _evaluator() -> Any:
    global _EVALUATOR, _EVALUATORS_CREATED
    ev = _EVALUATOR
    if ev is None:
        with _STATE_LOCK:
            if _EVALUATOR is None:
                import aigov
                _EVALUATOR = aigov.Evaluator()
                _EVALUATORS_CREATED += 1
            ev = _EVALUATOR
    return ev


def summarize(ev: Any, ident: str, data: bytes, as_of: str) -> Dict[str, Any]:
    """One descriptor's summary line: everything read from the binding.
    classify() is the binding's no-JSON path (C accessors for tier, GPAI
    class and counts); a descriptor that may hold several systems goes
    through evaluate() and the report's accessors, which say whether it is
    one (is_portfolio) and give each system's summary."""
    import aigov
    table = ev.table
    out: Dict[str, Any] = {"id": ident}
    try:
        if b'"systems"' in data:
            report = ev.evaluate(data, as_of=as_of)
            if report.is_portfolio:
                systems = []
                for s in report.systems:
                    systems.append({"index": s.index, "name": s.name, "tier": s.tier, "gpai": s.gpai,
                                    "in_force_gaps": s.summary.in_force_gaps})
                out["systems"] = systems
                org = report.organisation
                out["organisation"] = {"in_force_gaps": org.summary.in_force_gaps if org else 0}
            else:
                s = report.summary
                out.update(tier=s.tier, gpai=s.gpai, in_force_gaps=s.in_force_gaps)
            engine = report.engine
            out["rules_revision"] = engine.get("rules_revision")
            out["rules_hash"] = engine.get("rules_hash")
            return out
        s = ev.classify(data, as_of=as_of)
        out.update(tier=s.tier, gpai=s.gpai, in_force_gaps=s.in_force_gaps,
                   rules_revision=table.revision, rules_hash=table.hash)
    except aigov.AigovError as e:
        out["error"] = {"code": e.name, "path": e.path or "", "message": e.message}
    except Exception as e:  # a descriptor never fails the job
        out["error"] = {"code": type(e).__name__, "path": "", "message": str(e)}
    return out


def _lines(data: bytes) -> List[bytes]:
    """Lines as the CLI's batch mode reads them: split at '\\n', trailing
    '\\r'/'\\n' removed, no empty line after a final newline."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return [l.rstrip(b"\r\n") for l in lines]


def evaluate_partition(part: Dict[str, Any], as_of: str) -> Dict[str, Any]:
    """The map step: one partition in, its summary lines out (in input order)."""
    ev = _evaluator()
    t0 = time.perf_counter()
    results = []
    if part["kind"] == "lines":
        data = part.get("data")
        if data is None:
            with open(part["path"], "rb") as f:
                f.seek(part["start"])
                data = f.read(part["end"] - part["start"])
        lines = _lines(data)
        if len(lines) != part["n"]:
            raise RuntimeError("partition %d: %d lines read, %d expected" % (part["index"], len(lines), part["n"]))
        label, first = part["label"], part["first_line"]
        for k, line in enumerate(lines):
            results.append(summarize(ev, "%s:%d" % (label, first + k), line, as_of))
    else:
        blobs = part.get("data")
        for k, (ident, path) in enumerate(part["files"]):
            if blobs is not None:
                data = blobs[k]
            else:
                try:
                    with open(path, "rb") as f:
                        data = f.read()
                except OSError as e:  # gone or unreadable since the scan: this descriptor fails, not the job
                    results.append({"id": ident, "error": {"code": type(e).__name__, "path": "",
                                                           "message": str(e)}})
                    continue
            results.append(summarize(ev, ident, data, as_of))
    return {"index": part["index"], "results": results, "pid": os.getpid(),
            "evaluators_created": _EVALUATORS_CREATED, "seconds": time.perf_counter() - t0}


# ---- client side: partitions ---------------------------------------------------------------

def ndjson_partitions(path: str, size: int, label: Optional[str] = None) -> Iterator[Dict[str, Any]]:
    """Line ranges of an NDJSON file, `size` lines each, as byte offsets.
    The ids name the file as given (label); workers read its absolute path."""
    label = path if label is None else label
    path = os.path.abspath(path)
    start = offset = 0
    first = line = 1
    n = 0
    with open(path, "rb") as f:
        for raw in f:
            offset += len(raw)
            n += 1
            line += 1
            if n == size:
                yield {"kind": "lines", "path": path, "label": label, "start": start, "end": offset,
                       "first_line": first, "n": n}
                start, first, n = offset, line, 0
    if n:
        yield {"kind": "lines", "path": path, "label": label, "start": start, "end": offset,
               "first_line": first, "n": n}


def dir_partitions(root: str, size: int) -> Iterator[Dict[str, Any]]:
    """Descriptor files (*.json) under a directory in byte order of their
    paths, `size` per partition; the ids are the paths as the directory was
    given (workers read the absolute paths)."""
    files = []
    given, root = root, os.path.abspath(root)
    for d, _, names in os.walk(root):
        for name in names:
            if name.endswith(".json"):
                p = os.path.join(d, name)
                files.append((os.path.join(given, os.path.relpath(p, root)), p))
    files.sort(key=lambda f: f[0].encode())
    for i in range(0, len(files), size):
        chunk = files[i:i + size]
        yield {"kind": "files", "files": chunk, "n": len(chunk)}


def partitions(inputs: Sequence[str], size: int) -> List[Dict[str, Any]]:
    parts: List[Dict[str, Any]] = []
    for inp in inputs:
        parts.extend(dir_partitions(inp, size) if os.path.isdir(inp) else ndjson_partitions(inp, size))
    for i, p in enumerate(parts):
        p["index"] = i
    return parts


def input_ids(part: Dict[str, Any]) -> List[str]:
    if part["kind"] == "lines":
        return ["%s:%d" % (part["label"], part["first_line"] + k) for k in range(part["n"])]
    return [ident for ident, _ in part["files"]]


def ship(part: Dict[str, Any]) -> Dict[str, Any]:
    """The partition with its bytes, for workers that cannot read the client's files."""
    part = dict(part)
    if part["kind"] == "lines":
        with open(part["path"], "rb") as f:
            f.seek(part["start"])
            part["data"] = f.read(part["end"] - part["start"])
    else:
        blobs = []
        for _, path in part["files"]:
            with open(path, "rb") as f:
                blobs.append(f.read())
        part["data"] = blobs
    return part


# ---- client side: the job ------------------------------------------------------------------------

class Aggregate:
    """Counts by tier and GPAI class, in-force gaps, failures; ids in and out."""

    def __init__(self) -> None:
        self.ids_in = 0
        self.ids_out = 0
        self.seen: set = set()
        self.duplicates = 0
        self.mismatched: List[int] = []          # partitions whose ids out are not their ids in
        self.failed_partitions: List[Dict[str, Any]] = []
        self.by_tier: Dict[str, int] = collections.Counter()
        self.by_gpai: Dict[str, int] = collections.Counter()
        self.gaps: List[str] = []
        self.failures: List[Dict[str, Any]] = []
        self.pids: Dict[int, int] = {}
        self.rules: Dict[Tuple[str, str], int] = collections.Counter()

    def add(self, expected: List[str], out: Dict[str, Any]) -> None:
        results = out["results"]
        self.pids[out["pid"]] = max(self.pids.get(out["pid"], 0), out["evaluators_created"])
        if [r["id"] for r in results] != expected:
            self.mismatched.append(out["index"])
        for r in results:
            self.ids_out += 1
            if r["id"] in self.seen:
                self.duplicates += 1
            self.seen.add(r["id"])
            if "error" in r:
                e = r["error"]
                self.failures.append({"id": r["id"], "code": e["code"], "path": e["path"], "message": e["message"]})
                continue
            self.rules[(r["rules_revision"], r["rules_hash"])] += 1
            systems = r.get("systems")
            if systems is None:
                self.by_tier[r["tier"]] += 1
                self.by_gpai[r["gpai"]] += 1
                if r["in_force_gaps"]:
                    self.gaps.append(r["id"])
            else:
                for s in systems:
                    self.by_tier[s["tier"]] += 1
                    self.by_gpai[s["gpai"]] += 1
                    if s["in_force_gaps"]:
                        self.gaps.append("%s#%d" % (r["id"], s["index"]))
                if r["organisation"]["in_force_gaps"]:
                    self.gaps.append("%s#organisation" % r["id"])

    @property
    def exactly_once(self) -> bool:
        return (self.ids_in == self.ids_out == len(self.seen) and not self.duplicates and not self.mismatched
                and not self.failed_partitions)

    def as_dict(self, **extra: Any) -> Dict[str, Any]:
        d = {
            "ids_in": self.ids_in, "ids_out": self.ids_out, "unique_ids_out": len(self.seen),
            "exactly_once": self.exactly_once, "duplicates": self.duplicates,
            "missing": self.ids_in - len(self.seen), "mismatched_partitions": self.mismatched,
            "failed_partitions": self.failed_partitions,
            "evaluated": self.ids_out - len(self.failures), "failed": len(self.failures),
            "rules": [{"rules_revision": k[0], "rules_hash": k[1], "descriptors": v} for k, v in self.rules.items()],
            "by_tier": dict(sorted(self.by_tier.items())), "by_gpai": dict(sorted(self.by_gpai.items())),
            "in_force_gaps": {"count": len(self.gaps), "ids": self.gaps},
            "failures": self.failures,
            "worker_processes": {str(k): {"evaluators_created": v} for k, v in sorted(self.pids.items())},
        }
        d.update(extra)
        return d


def run(client: Any, inputs: Sequence[str], as_of: str, out: Any = None, partition_size: int = 1000,
        send_data: bool = False, progress: Optional[Callable[[int, int, int, int], None]] = None) -> Dict[str, Any]:
    """Evaluates every descriptor of `inputs` on the cluster behind `client`.
    Writes the summary lines to `out` (a binary file, or None) in input
    order and returns the aggregate. progress(parts_done, parts, ids_done,
    ids) is called after each partition."""
    from distributed import as_completed

    t0 = time.perf_counter()
    parts = partitions(inputs, partition_size)
    agg = Aggregate()
    agg.ids_in = sum(p["n"] for p in parts)
    run_id = uuid.uuid4().hex[:12]
    with warnings.catch_warnings():
        # Shipped partitions are a few MB each and belong in the graph: the
        # scheduler can then run them again when a worker dies (scattered
        # data would die with it).
        warnings.filterwarnings("ignore", message="Large object", category=UserWarning)
        futures = [client.submit(evaluate_partition, ship(p) if send_data else p, as_of,
                                 key="aigov-%s-%d" % (run_id, p["index"])) for p in parts]
    index_of = {f.key: i for i, f in enumerate(futures)}
    completed = as_completed(futures, with_results=True, raise_errors=False)
    del futures  # each future lives until its result is written
    pending: Dict[int, Optional[Dict[str, Any]]] = {}
    next_out = done = ids_done = 0
    for fut, result in completed:
        i = index_of[fut.key]
        if i in pending or i < next_out:   # as_completed yields each future once; kept once regardless
            continue
        if fut.status == "error":
            # The task itself failed (e.g. Dask gave up on it after its
            # workers died allowed-failures times): its ids are missing.
            agg.failed_partitions.append({"index": i, "error": repr(result)})
            pending[i] = None
        else:
            pending[i] = result
            ids_done += len(result["results"])
        done += 1
        fut.release()
        while next_out in pending:
            r = pending.pop(next_out)
            if r is not None:
                agg.add(input_ids(parts[next_out]), r)
                if out is not None:
                    out.write(b"".join(json.dumps(x, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
                                       for x in r["results"]))
            next_out += 1
        if progress is not None:
            progress(done, len(parts), ids_done, agg.ids_in)
    elapsed = time.perf_counter() - t0
    return agg.as_dict(as_of=as_of, partitions=len(parts), seconds=round(elapsed, 3),
                       per_s=round(agg.ids_out / elapsed, 1) if elapsed > 0 else None)


def _progress_printer(stream: Any) -> Callable[[int, int, int, int], None]:
    t0 = time.perf_counter()
    last = [0.0]

    def show(done: int, parts: int, ids_done: int, ids: int) -> None:
        now = time.perf_counter()
        if done < parts and now - last[0] < 0.5:
            return
        last[0] = now
        rate = ids_done / (now - t0) if now > t0 else 0.0
        stream.write("\r[aigov-dask] %d/%d partitions  %d/%d descriptors  %.0f/s%s"
                     % (done, parts, ids_done, ids, rate, "\n" if done == parts else ""))
        stream.flush()
    return show


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(prog="aigov_dask.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+", help="NDJSON files or directories of descriptor files")
    ap.add_argument("--as-of", required=True, help="evaluation date, YYYY-MM-DD")
    ap.add_argument("--scheduler", help="address of a running dask-scheduler (tcp://host:8786)")
    ap.add_argument("--local-workers", type=int, default=os.cpu_count() or 1,
                    help="without --scheduler: worker processes of a LocalCluster (default: cores)")
    ap.add_argument("--partition-size", type=int, default=1000, help="descriptors per task (default 1000)")
    ap.add_argument("--out", default="-", help="summary lines (NDJSON; default stdout)")
    ap.add_argument("--aggregate", help="write the aggregate (JSON) here")
    ap.add_argument("--ship", action="store_true",
                    help="send the descriptors' bytes with the tasks (workers that do not see the input paths)")
    ap.add_argument("--progress", action="store_true", default=None, help="progress line on stderr (default: on a tty)")
    a = ap.parse_args(argv)
    if a.partition_size < 1:
        ap.error("--partition-size must be >= 1")

    from distributed import Client, LocalCluster

    cluster = None
    if a.scheduler:
        client = Client(a.scheduler)
        # The workers import this module by name: send it (the binding comes from the wheel).
        client.upload_file(os.path.abspath(__file__))
    else:
        cluster = LocalCluster(n_workers=a.local_workers, threads_per_worker=1, processes=True)
        client = Client(cluster)
    try:
        if client.dashboard_link:
            sys.stderr.write("[aigov-dask] dashboard: %s\n" % client.dashboard_link)
        show = _progress_printer(sys.stderr) if (a.progress or (a.progress is None and sys.stderr.isatty())) else None
        out = sys.stdout.buffer if a.out == "-" else open(a.out, "wb")
        try:
            agg = run(client, a.inputs, a.as_of, out, a.partition_size, a.ship, show)
        finally:
            if out is not sys.stdout.buffer:
                out.close()
            else:
                out.flush()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    if a.aggregate:
        with open(a.aggregate, "w", encoding="utf-8") as f:
            json.dump(agg, f, ensure_ascii=False, indent=1)
            f.write("\n")
    sys.stderr.write("[aigov-dask] descriptors in=%d out=%d unique=%d exactly_once=%s evaluated=%d failed=%d "
                     "in_force_gaps=%d %.1f/s\n[aigov-dask] by tier: %s\n"
                     % (agg["ids_in"], agg["ids_out"], agg["unique_ids_out"], agg["exactly_once"], agg["evaluated"],
                        agg["failed"], agg["in_force_gaps"]["count"], agg["per_s"] or 0,
                        ", ".join("%s=%d" % kv for kv in agg["by_tier"].items())))
    return 0 if agg["exactly_once"] else 3


if __name__ == "__main__":
    # Run through the importable module, so the tasks pickle by reference and
    # the worker-process evaluator lives in one module instance per process.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import aigov_dask
    sys.exit(aigov_dask.main())
