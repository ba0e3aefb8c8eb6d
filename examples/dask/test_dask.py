"""The Dask host on a real distributed.LocalCluster (2 worker processes):
its summary lines equal the CLI's batch mode line for line, and a worker
killed mid-run loses and duplicates nothing.

    DASK_CORPUS=build/dask/corpus.ndjson AIGOV_CLI=build/aigov AIGOV_LIBRARY=... PYTHONPATH=bindings/python \\
        python3 -m unittest discover -s examples/dask -p 'test_*.py'
"""
from __future__ import annotations

import io
import json
import logging
import os
import signal
import sys
import tempfile
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import aigov_dask  # noqa: E402
import reference  # noqa: E402

ROOT = os.environ.get("AIGOV_ROOT", os.path.join(HERE, "..", ".."))
CLI = os.environ.get("AIGOV_CLI", os.path.join(ROOT, "build", "aigov"))
CORPUS = os.environ.get("DASK_CORPUS", os.path.join(ROOT, "build", "dask", "corpus.ndjson"))
AS_OF = "2028-01-01"
WORKERS = 2

# Lines that fail, in every way the batch mode reports, and descriptors of
# several systems: spliced into the generated corpus.
def _compact(path: str) -> bytes:
    with open(path, "rb") as f:
        return json.dumps(json.load(f), ensure_ascii=False, separators=(",", ":")).encode()


def _specials() -> list:
    portfolio = _compact(os.path.join(ROOT, "examples", "portfolio", "fintech-three-systems.json"))
    return [
        b'{"bogus":1}',
        b"",
        b'{"system":',
        b'{"system":{"annex_iii":{"points":["99z"]}}}',
        b'{"system":{"is_ai_system":"yes"}}',
        b"[]",
        b"not json",
        portfolio,
        b'{"system":{"is_ai_system":false}}\r',
        _compact(os.path.join(ROOT, "examples", "descriptors", "credit-scoring-bank.json")),
    ]


state: dict = {}


def setUpModule() -> None:
    from distributed import Client, LocalCluster
    if not os.path.exists(CORPUS):
        raise unittest.SkipTest("no corpus at %s (make builds it)" % CORPUS)
    tmp = tempfile.mkdtemp(prefix="aigov-dask-")
    with open(CORPUS, "rb") as f:
        corpus = f.read().splitlines()
    assert len(corpus) >= 20000, "the corpus has %d descriptors, 20,000 wanted" % len(corpus)
    specials = _specials()
    lines = []
    for i, line in enumerate(corpus):
        if i % 1000 == 500:
            lines.append(specials[(i // 1000) % len(specials)])
        lines.append(line)
    path = os.path.join(tmp, "registry.ndjson")
    with open(path, "wb") as f:
        f.write(b"\n".join(lines) + b"\n")
    os.chdir(tmp)  # ids are FILE:LINE with FILE as given on the command line
    t0 = time.perf_counter()
    ref = reference.cli_summaries(CLI, path, AS_OF, label="registry.ndjson", jobs=WORKERS)
    sys.stderr.write("\n[dask test] CLI batch reference: %d lines in %.1fs\n" % (len(ref), time.perf_counter() - t0))
    t0 = time.perf_counter()
    cluster = LocalCluster(n_workers=WORKERS, threads_per_worker=1, processes=True, dashboard_address=None,
                           silence_logs=logging.CRITICAL)
    client = Client(cluster)
    client.wait_for_workers(WORKERS)
    sys.stderr.write("[dask test] LocalCluster of %d worker processes up in %.1fs\n"
                     % (WORKERS, time.perf_counter() - t0))
    state.update(tmp=tmp, path=path, lines=lines, ref=ref, cluster=cluster, client=client)


def tearDownModule() -> None:
    if "client" in state:
        state["client"].close()
        state["cluster"].close()
    if "tmp" in state:
        import shutil
        shutil.rmtree(state["tmp"], ignore_errors=True)


def _run(inputs, **kw):
    out = io.BytesIO()
    agg = aigov_dask.run(state["client"], inputs, AS_OF, out, **kw)
    return agg, list(reference.read_summaries(out.getvalue()))


class DaskHost(unittest.TestCase):
    maxDiff = 4000

    def assertSameAsBatch(self, got, ref):
        self.assertEqual(len(got), len(ref))
        for g, r in zip(got, ref):
            if g != r:
                self.fail("first difference from the batch mode at %s:\n dask: %s\n  cli: %s" % (r["id"], g, r))

    def test_a_equals_cli_batch(self):
        t0 = time.perf_counter()
        agg, got = _run(["registry.ndjson"], partition_size=1000)
        secs = time.perf_counter() - t0
        ref = state["ref"]
        sys.stderr.write("[dask test] %d descriptors on %d workers in %.1fs (%.0f/s)\n"
                         % (len(got), WORKERS, secs, len(got) / secs))
        self.assertGreaterEqual(len(ref), 20000)
        self.assertSameAsBatch(got, ref)
        self.assertTrue(agg["exactly_once"])
        self.assertEqual(agg["ids_in"], len(state["lines"]))
        # failures are counted, with their code and path, and did not fail the job
        errors = [r for r in ref if "error" in r]
        self.assertGreater(len(errors), 5)
        self.assertEqual(agg["failed"], len(errors))
        self.assertEqual([(f["id"], f["code"], f["path"]) for f in agg["failures"]],
                         [(r["id"], r["error"]["code"], r["error"]["path"]) for r in errors])
        self.assertTrue(any("systems" in r for r in got))
        # both worker processes took part, each with one evaluator for all its tasks
        self.assertEqual(len(agg["worker_processes"]), WORKERS)
        for pid, w in agg["worker_processes"].items():
            self.assertEqual(w["evaluators_created"], 1, pid)
        gaps = [r["id"] for r in ref if r.get("in_force_gaps")]
        self.assertEqual([g for g in agg["in_force_gaps"]["ids"] if "#" not in g], gaps)

    def test_b_directory_and_shipped_bytes(self):
        # A directory of descriptor files, and bytes sent with the tasks, give the same lines.
        d = os.path.join(state["tmp"], "dir")
        os.makedirs(d, exist_ok=True)
        picked = list(range(490, 530))  # around the first special line
        for k in picked:
            with open(os.path.join(d, "d%05d.json" % k), "wb") as f:
                f.write(state["lines"][k].rstrip(b"\r"))
        agg, got = _run([d], partition_size=7)
        self.assertTrue(agg["exactly_once"])
        ref = state["ref"]
        want = [dict(ref[k], id=os.path.join(d, "d%05d.json" % k)) for k in picked]
        self.assertSameAsBatch(got, want)
        agg, got = _run(["registry.ndjson"], partition_size=3000, send_data=True)
        self.assertTrue(agg["exactly_once"])
        self.assertSameAsBatch(got, ref)

    def test_z_worker_killed_mid_run(self):
        client = state["client"]
        pids = client.run(os.getpid)  # worker address -> process id
        killed = {}

        def progress(done, parts, ids_done, ids):
            if killed or done < 8:
                return
            # the victim: a worker with a partition in flight
            for addr, keys in sorted(client.processing().items()):
                if keys and addr in pids:
                    os.kill(pids[addr], signal.SIGKILL)
                    killed.update(at=done, parts=parts, pid=pids[addr], in_flight=list(keys))
                    return

        agg, got = _run(["registry.ndjson"], partition_size=100, progress=progress)
        self.assertTrue(killed, "the worker was never killed")
        self.assertLess(killed["at"], killed["parts"] // 2, "not killed mid-run")
        self.assertTrue(killed["in_flight"])
        # every id in comes out exactly once, and the lines are those of the batch mode
        ids_in = [i for p in aigov_dask.partitions(["registry.ndjson"], 100) for i in aigov_dask.input_ids(p)]
        ids_out = [r["id"] for r in got]
        self.assertEqual(len(ids_out), len(ids_in))
        self.assertEqual(len(set(ids_out)), len(ids_out))
        self.assertEqual(ids_out, ids_in)
        self.assertTrue(agg["exactly_once"])
        self.assertSameAsBatch(got, state["ref"])
        # the victim is gone; the nanny started a new worker process
        client.wait_for_workers(WORKERS, timeout=60)
        after = client.run(os.getpid)
        self.assertNotIn(killed["pid"], after.values())
        sys.stderr.write("[dask test] killed worker pid %d after %d/%d partitions with %s in flight; "
                         "%d ids in, %d out, each once; results from pids %s\n"
                         % (killed["pid"], killed["at"], killed["parts"], ", ".join(killed["in_flight"]),
                            len(ids_in), len(ids_out), sorted(agg["worker_processes"])))


if __name__ == "__main__":
    unittest.main()
