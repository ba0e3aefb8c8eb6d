"""make bench-dask: the Dask host's throughput with 1 and 2 worker processes
(one thread each) on a distributed.LocalCluster, against the CLI's batch mode
on the same input. Last line:

    dask: descriptors=N w1_per_s=X w2_per_s=Y speedup=Z batch_per_s=W

The batch-mode rate is taken on the first --batch-count descriptors (it
renders every full report, ~300 KB each, so it is the slow side). Each
cluster is warmed up first (worker processes started, the binding
imported and one evaluator created per worker), so the rates are those of a
running cluster. Rates are descriptors per second of wall time for the whole
job: partitioning, the map step, gathering, writing the summary lines."""
from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import aigov_dask  # noqa: E402
import reference  # noqa: E402


def dask_rate(path: str, workers: int, as_of: str, partition_size: int, warm: str, repeat: int) -> tuple:
    """Best of `repeat` runs (the machine may be shared), with the CPU the
    worker processes and the client spent: their per-core rate."""
    from distributed import Client, LocalCluster
    best = None
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        client.wait_for_workers(workers)
        aigov_dask.run(client, [warm], as_of, None, max(1, 200 // workers))  # every worker warms up
        for _ in range(repeat):
            cpu0 = client.run(time.process_time)
            c0 = time.process_time()
            with open(os.devnull, "wb") as out:
                t0 = time.perf_counter()
                agg = aigov_dask.run(client, [path], as_of, out, partition_size)
                secs = time.perf_counter() - t0
            client_cpu = time.process_time() - c0
            cpu1 = client.run(time.process_time)
            worker_cpu = sum(cpu1[k] - cpu0[k] for k in cpu1 if k in cpu0)
            if not agg["exactly_once"]:
                raise SystemExit("bench-dask: ids in %d, out %d" % (agg["ids_in"], agg["ids_out"]))
            n = agg["ids_out"]
            print("dask %d worker%s: %d descriptors in %.2fs = %.0f/s; worker CPU %.2fs (%.0f per core-second), "
                  "client CPU %.2fs; %d partitions of %d, load average %.1f"
                  % (workers, "" if workers == 1 else "s", n, secs, n / secs, worker_cpu, n / worker_cpu,
                     client_cpu, agg["partitions"], partition_size, os.getloadavg()[0]))
            if best is None or n / secs > best[0]:
                best = (n / secs, n / (worker_cpu + client_cpu))
    return best


def direct_rate(lines: list, as_of: str) -> tuple:
    """The same summaries in this process, without Dask: the host's floor.
    Returns (per wall second, per CPU second)."""
    import aigov
    ev = aigov.Evaluator()
    aigov_dask.summarize(ev, "warm", lines[0], as_of)
    c0 = time.process_time()
    t0 = time.perf_counter()
    for i, line in enumerate(lines):
        aigov_dask.summarize(ev, "x:%d" % i, line, as_of)
    return len(lines) / (time.perf_counter() - t0), len(lines) / (time.process_time() - c0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", required=True, help="NDJSON of generated descriptors")
    ap.add_argument("--cli", required=True)
    ap.add_argument("--count", type=int, default=40000, help="descriptors (the corpus repeated as needed)")
    ap.add_argument("--partition-size", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=2, help="runs per worker count; the best counts")
    ap.add_argument("--batch-count", type=int, default=10000, help="descriptors for the batch-mode rate")
    ap.add_argument("--as-of", default="2028-01-01")
    a = ap.parse_args()
    with open(a.corpus, "rb") as f:
        corpus = f.read().splitlines()
    lines = [corpus[i % len(corpus)] for i in range(a.count)]
    with tempfile.TemporaryDirectory(prefix="aigov-bench-dask-") as tmp:
        path = os.path.join(tmp, "bench.ndjson")
        warm = os.path.join(tmp, "warm.ndjson")
        with open(path, "wb") as f:
            f.write(b"\n".join(lines) + b"\n")
        with open(warm, "wb") as f:
            f.write(b"\n".join(lines[:200]) + b"\n")
        print("bench-dask: %d descriptors (%d distinct), %d cores, load average %.2f"
              % (len(lines), len(set(lines)), os.cpu_count() or 0, os.getloadavg()[0]))
        direct, direct_cpu = direct_rate(lines[:min(len(lines), 5000)], a.as_of)
        print("in-process, no Dask (1 core): %.0f/s, %.0f per CPU-second" % (direct, direct_cpu))
        w1, w1_cpu = dask_rate(path, 1, a.as_of, a.partition_size, warm, a.repeat)
        w2, w2_cpu = dask_rate(path, 2, a.as_of, a.partition_size, warm, a.repeat)
        nb = min(len(lines), a.batch_count)
        bpath = os.path.join(tmp, "batch.ndjson")
        with open(bpath, "wb") as f:
            f.write(b"\n".join(lines[:nb]) + b"\n")
        secs = reference.batch_seconds(a.cli, bpath, a.as_of, jobs=2)
        batch = nb / secs
        print("aigov eval --ndjson --jobs 2 (renders full JSON reports): %d descriptors in %.2fs = %.0f/s"
              % (nb, secs, batch))
        print("dask overhead against in-process, in CPU (workers + client): %.0f%% with 1 worker, %.0f%% with 2; "
              "2 workers against batch --jobs 2: %.2fx" % (100.0 * (1 - w1_cpu / direct_cpu),
                                                        100.0 * (1 - w2_cpu / direct_cpu), w2 / batch))
        print("dask: descriptors=%d w1_per_s=%.0f w2_per_s=%.0f speedup=%.2f batch_per_s=%.0f"
              % (len(lines), w1, w2, w2 / w1, batch))


if __name__ == "__main__":
    main()
