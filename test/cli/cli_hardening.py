#!/usr/bin/env python3
"""The CLI fails closed (issue 19, points 4, 8 and 10, and read-fault injection).

usage: cli_hardening.py AIGOV [AIGOV_FAULTS]

AIGOV is the CLI (the sanitizer build in `make test-cli-hardening`);
AIGOV_FAULTS the same CLI built with -DAIGOV_CLI_TEST_HOOKS and
test/cli/fault.c, whose reads and input allocations fail as $AIGOV_CLI_FAULT
says. Without it the injection checks are skipped (so that the script can be
pointed at an older CLI to see what it gets wrong). Every check runs and is
reported; the exit status is 1 if any failed.
"""
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading

AS_OF = "2028-01-01"
POLICIES = ("gap", "prohibited", "unknown", "none")
LIMIT = 1 << 20
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DOCS = sorted(glob.glob(os.path.join(ROOT, "examples/descriptors/*.json"))) + sorted(
    glob.glob(os.path.join(ROOT, "examples/portfolio/*.json")))

failures = []


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + str(detail)[:600]))
    if not cond:
        failures.append(name)


def run(argv, data=None, env=None, timeout=120, **kw):
    """A timeout is a failed check (status None), not the end of the run."""
    e = dict(os.environ)
    e.update(env or {})
    try:
        return subprocess.run(argv, input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              env=e, timeout=timeout, **kw)
    except subprocess.TimeoutExpired as x:
        return subprocess.CompletedProcess(argv, None, x.stdout or b"", b"timed out after %ds" % timeout)


def line_of(path):
    with open(path, "rb") as f:
        return f.read().replace(b"\n", b"").replace(b"\r", b"")


def error_lines(out):
    """The parsed output lines (every one must be JSON)."""
    return [json.loads(l) for l in out.decode("utf-8").split("\n")[:-1]]


def main():
    tmp = tempfile.mkdtemp(prefix="aigov-cli-")
    try:
        return checks(sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else None, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def checks(cli, faults, tmp):

    def path(name, data):
        p = os.path.join(tmp, name)
        with open(p, "wb") as f:
            f.write(data)
        return p

    # ---- point 4: a batch exits as its lines would alone --------------------------------
    single = {}
    for d in DOCS:
        for pol in POLICIES:
            single[d, pol] = run([cli, "eval", d, "--as-of", AS_OF, "--fail-on", pol]).returncode
    check("fixtures: some descriptor fails the default policy and none is an error",
          any(single[d, "gap"] == 1 for d in DOCS) and all(v in (0, 1) for v in single.values()), single)
    batch = b"".join(line_of(d) + b"\n" for d in DOCS)
    for pol in POLICIES:
        want = max(single[d, pol] for d in DOCS)
        r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF, "--jobs", "2", "--fail-on", pol], batch)
        check("batch of every example exits as the worst line alone, --fail-on " + pol,
              r.returncode == want, (r.returncode, want, r.stderr))
    for d in DOCS:
        for pol in ("gap", "prohibited"):
            r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF, "--fail-on", pol], line_of(d) + b"\n")
            check("one-line batch exits as the file alone: %s --fail-on %s" % (os.path.basename(d), pol),
                  r.returncode == single[d, pol], (r.returncode, single[d, pol]))
    # the same bytes as the file evaluated alone, line by line
    r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF, "--jobs", "2", "--format", "json"], batch)
    outs = r.stdout.split(b"\n")[:-1]
    alone = [run([cli, "eval", d, "--as-of", AS_OF, "--format", "json", "--fail-on", "none"]).stdout.rstrip(b"\n")
             for d in DOCS]
    check("each batch line is the report of the file alone", outs == alone, len(outs))
    r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF, "--fail-on", "none"], batch + b"{\"bogus\":1}\n")
    check("a batch with one error line exits 2 even under --fail-on none", r.returncode == 2, r.returncode)
    # issue 20 point 8: ISO/IEC 42001 gaps fail the gate only when asked (WHAT+iso42001)
    with open(os.path.join(ROOT, "test/golden/iso-a6-2-8-included-without-evidence-gap.json")) as fh:
        iso_only = json.dumps(json.load(fh)["descriptor"]).encode()
    for pol, want in (("gap", 0), ("gap+iso42001", 1), ("unknown+iso42001", 1), ("none+iso42001", 0),
                      ("gap+iso", 2), ("+iso42001", 2)):
        r = run([cli, "eval", "-", "--as-of", AS_OF, "--fail-on", pol], iso_only)
        check("a deployer with only ISO/IEC 42001 gaps exits %d under --fail-on %s" % (want, pol),
              r.returncode == want, r.returncode)
    r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF], b"x\ny\n")
    check("a batch of errors exits 2", r.returncode == 2 and len(error_lines(r.stdout)) == 2, r.returncode)
    r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF], b"")
    check("an empty batch exits 0", r.returncode == 0 and r.stdout == b"", r)
    for bad in ("bogus", "2028-02-30", "2028-1-1", ""):
        r = run([cli, "eval", "--ndjson", "-", "--as-of", bad], batch)
        check("batch refuses --as-of %r with exit 2 and no output" % bad,
              r.returncode == 2 and r.stdout == b"" and b"--as-of" in r.stderr, (r.returncode, r.stderr))
        r = run([cli, "eval", DOCS[0], "--as-of", bad])
        check("eval refuses --as-of %r with exit 2" % bad, r.returncode == 2 and r.stdout == b"", r.returncode)

    for fmt in ("text", "markdown"):
        r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF, "--format", fmt], batch)
        check("batch refuses --format %s (several lines per report) with exit 2" % fmt,
              r.returncode == 2 and r.stdout == b"", (r.returncode, r.stdout[:100]))
    for jobs in ("2x", "0", "99999999999999999999"):
        r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF, "--jobs", jobs], batch)
        check("batch refuses --jobs %s with exit 2" % jobs, r.returncode == 2 and r.stdout == b"", r.returncode)

    # ---- point 4: read errors are errors, naming the file and the reason ---------------------
    for mode in (["--ndjson"], []):
        what = "batch" if mode else "eval"
        r = run([cli, "eval"] + mode + [tmp, "--as-of", AS_OF])
        # a batch reads one file; eval reads a directory's *.json files (issue 22), and this
        # one holds none: still exit 2 with the reason, never a pass
        why = b"Is a directory" if mode else b"no *.json file"
        check(what + " of a directory: exit 2, names it and says why",
              r.returncode == 2 and tmp.encode() in r.stderr and why in r.stderr, r.stderr)
        r = run(["sh", "-c", 'exec "$0" eval "$@" - --as-of ' + AS_OF + " <&-", cli] + mode)
        check(what + " of a closed standard input: exit 2 and why",
              r.returncode == 2 and b"standard input" in r.stderr and b"Bad file descriptor" in r.stderr,
              (r.returncode, r.stderr))
        r = run([cli, "eval"] + mode + [os.path.join(tmp, "missing.json"), "--as-of", AS_OF])
        check(what + " of a missing file says why",
              r.returncode == 2 and b"No such file or directory" in r.stderr, r.stderr)
        r = run(["sh", "-c", 'exec "$0" eval "$@" > /dev/full', cli] + mode + [DOCS[0], "--as-of", AS_OF, "--format", "json"])
        check(what + " into a full disk: exit 2 and why", r.returncode == 2 and b"No space left" in r.stderr,
              (r.returncode, r.stderr))

    # ---- point 4: every input line gives one output line, in order ---------------------------
    good = [line_of(d) for d in DOCS]
    lines, kinds = [], []
    for i in range(150):  # more than two batches of 64
        k = i % 7
        if k == 0:
            lines.append(b""); kinds.append("error")
        elif k == 1:
            lines.append(b"not json"); kinds.append("error")
        elif k == 2:
            lines.append(good[i % len(good)] + b"\r"); kinds.append("report")  # CRLF
        elif k == 3 and i == 3:
            lines.append(b" " * (LIMIT + 10)); kinds.append("limit")
        else:
            lines.append(good[i % len(good)]); kinds.append("report")
    data = b"\n".join(lines)  # the last line has no newline and still counts
    src = path("mixed.ndjson", data)
    outs = {}
    for jobs in ("1", "2"):
        r = run([cli, "eval", "--ndjson", src, "--as-of", AS_OF, "--jobs", jobs, "--fail-on", "none"])
        outs[jobs] = r.stdout
        got = error_lines(r.stdout)
        ok = len(got) == len(lines) and r.returncode == 2
        for n, (o, k) in enumerate(zip(got, kinds), 1):
            if k == "report":
                ok = ok and "error" not in o
            else:
                ok = ok and o.get("error", {}).get("line") == n
                ok = ok and (k != "limit" or o["error"]["code"] == "AIGOV_ELIMIT")
        check("150 mixed lines, --jobs %s: one output line each, errors numbered, exit 2" % jobs, ok,
              (len(got), len(lines), r.returncode))
    check("--jobs 1 and --jobs 2 write the same bytes", outs["1"] == outs["2"])

    # ---- point 4 and 8: the limit applies while reading ------------------------------------
    def rss_of(argv, feed):
        """Runs argv with `feed` (chunks) on stdin: status, stdout, peak RSS in KB (None when
        /usr/bin/time is missing). time(1) forks the CLI from its own small process: a child
        forked from this script would start its high-water mark at this script's size."""
        timed = os.path.exists("/usr/bin/time")
        if timed:
            argv = ["/usr/bin/time", "-f", "%M"] + argv
        p = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        out, err = [], []
        ts = [threading.Thread(target=lambda: out.append(p.stdout.read())),
              threading.Thread(target=lambda: err.append(p.stderr.read()))]
        for t in ts:
            t.start()
        try:
            for chunk in feed:
                p.stdin.write(chunk)
            p.stdin.close()
        except BrokenPipeError:
            pass
        rc = p.wait()
        for t in ts:
            t.join()
        rss = int(err[0].split()[-1]) if timed else None
        return rc, out[0], rss

    def big_line():
        yield good[0] + b"\n"
        for _ in range(50):
            yield b"x" * 1000000  # 50 MB without a newline
        yield b"\n" + good[1] + b"\n"

    base_rc, _, base_rss = rss_of([cli, "eval", "--ndjson", "-", "--as-of", AS_OF],
                                  iter([good[0] + b"\n", good[1] + b"\n"]))
    rc, out, rss = rss_of([cli, "eval", "--ndjson", "-", "--as-of", AS_OF], big_line())
    got = error_lines(out)
    check("a 50 MB line: one ELIMIT line in its place, the next line still evaluated, exit 2",
          len(got) == 3 and got[1].get("error", {}).get("code") == "AIGOV_ELIMIT"
          and got[1]["error"]["line"] == 2 and "error" not in got[2] and rc == 2, (rc, len(got), got[1:2]))
    if rss is not None:
        check("a 50 MB line is never held whole (peak RSS %d KB, %d KB without it)" % (rss, base_rss),
              rss < base_rss + 20000, (rss, base_rss))
    r = run([cli, "eval", "/dev/zero", "--as-of", AS_OF], timeout=60)
    check("eval /dev/zero stops at the limit: exit 2 naming it",
          r.returncode == 2 and b"1048576" in r.stderr and b"/dev/zero" in r.stderr, (r.returncode, r.stderr))
    rc, _, rss = rss_of([cli, "eval", "-", "--as-of", AS_OF], (b" " * 1000000 for _ in range(100)))
    check("eval - of 100 MB stops at the limit (peak RSS %s KB)" % rss,
          rc == 2 and (rss is None or rss < base_rss + 20000), (rc, rss))
    r = run([cli, "eval", "/dev/null", "--as-of", AS_OF])
    check("eval /dev/null (a character device) is an empty document", r.returncode == 2
          and b"empty document" in r.stderr, r.stderr)
    r = run([cli, "eval", path("exact.json", b" " * (LIMIT - 2) + b"{}"), "--as-of", AS_OF, "--fail-on", "none"])
    check("a descriptor of exactly the limit is read", r.returncode == 0, (r.returncode, r.stderr))
    r = run([cli, "eval", path("over.json", b" " * (LIMIT - 1) + b"{}"), "--as-of", AS_OF, "--fail-on", "none"])
    check("one byte over the limit is refused", r.returncode == 2 and b"1048576" in r.stderr, r.stderr)
    fifo = os.path.join(tmp, "fifo.json")
    for body, want in ((open(DOCS[0], "rb").read(), single[DOCS[0], "gap"]), (None, 2)):
        os.mkfifo(fifo)

        def writer():
            try:
                with open(fifo, "wb") as w:
                    if body is not None:
                        w.write(body)
                    else:
                        for _ in range(64):  # 64 MB, far past the limit
                            w.write(b" " * 1000000)
            except BrokenPipeError:
                pass
        t = threading.Thread(target=writer)
        t.start()
        r = run([cli, "eval", fifo, "--as-of", AS_OF], timeout=60)
        t.join()
        os.unlink(fifo)
        check("eval of a FIFO %s: exit %d" % ("with a descriptor" if body else "that goes on", want),
              r.returncode == want and (body or b"1048576" in r.stderr), (r.returncode, r.stderr))

    # ---- point 10: errors that say what is wrong --------------------------------------------
    def err_of(data):
        r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF], data + b"\n")
        return error_lines(r.stdout)[0].get("error", {})

    e = err_of(b"not json")
    check("'not json' is a syntax error at line 1, column 1", e.get("code") == "AIGOV_ESYNTAX"
          and "line 1, column 1" in e.get("message", ""), e)
    e = err_of(b"tru")
    check("'tru' is a syntax error, not a boolean", e.get("code") == "AIGOV_ESYNTAX", e)
    e = err_of(b"[" * 10000 + b"]" * 10000)
    check("a 10,000-deep array is over the depth limit", e.get("code") == "AIGOV_ELIMIT", e)
    e = err_of(b"[1]")
    check("a well-formed array is still the wrong type", e.get("code") == "AIGOV_EINPUT", e)
    e = err_of(b"null x")
    check("trailing content after a non-object is a syntax error", e.get("code") == "AIGOV_ESYNTAX", e)
    r = run([cli, "eval", "-", "--as-of", AS_OF], b'{\n  "organisation": {\n    "name": "x",\n  }\n}')
    check("a syntax error names its line and column", r.returncode == 2
          and b"line 4, column 3" in r.stderr and b"AIGOV_ESYNTAX" in r.stderr, r.stderr)
    pa, pb = err_of(b'{"a.b": 1}').get("path"), err_of(b'{"a": {"b": 1}}').get("path")
    check("a key with '.' has its own path", pa == '$["a.b"]' and pb == "$.a", (pa, pb))
    pc = err_of(b'{"x[0]": 1}').get("path")
    check("a key with '[' is quoted", pc == '$["x[0]"]', pc)
    pd = err_of(b'{"q\\"\\u001b\\u202e": 1}').get("path")
    check("a quoted key escapes quotes and control characters", pd == '$["q\\"\\u001B\\u202E"]', pd)

    # ---- point 10: control characters never reach the terminal --------------------------------
    nasty = "bad\x1b[2J\u202e\nname.json"
    r = run([cli, "eval", os.path.join(tmp, nasty), "--as-of", AS_OF])
    check("a file name's control characters are escaped on stderr", r.returncode == 2
          and b"\x1b" not in r.stderr and "\u202e".encode() not in r.stderr and r.stderr.count(b"\n") == 1,
          r.stderr)
    # found by fuzz_cli (corpus/cli/regress-ask-file-name-raw): ask echoed its file names raw
    ask_name = os.path.join(tmp, "ask\x1b[2J\u202e\xa6.json").encode("utf-8", "surrogateescape")
    ask_name = ask_name.replace("\xa6".encode(), b"\xa6")  # a byte that is not UTF-8
    r = run([cli, "ask", ask_name, "--as-of", AS_OF], b"q\n")
    check("ask escapes the file names it echoes on stdout", r.returncode == 0
          and b"\x1b" not in r.stdout and "\u202e".encode() not in r.stdout and b"\xa6" not in r.stdout
          and b"Starting " in r.stdout and b"Descriptor written to " in r.stdout, (r.returncode, r.stdout[-400:]))
    # found by fuzz_cli (corpus/cli/regress-ask-bad-as-of): ask's refusal of the date named no option
    r = run([cli, "ask", "-o", os.path.join(tmp, "asked.json"), "--as-of", "2026-02-30"], b"q\n")
    check("ask names a bad --as-of and its value, exit 2", r.returncode == 2
          and b"--as-of 2026-02-30: " in r.stderr and r.stdout == b"", (r.returncode, r.stderr))
    # found by fuzz_cli (corpus/cli/regress-empty-file-name): "cannot open : ..." named nothing
    for argv in (["eval", ""], ["eval", "--ndjson", ""], ["ask", "-o", "x.json", "--answers", ""]):
        r = run([cli] + argv + ["--as-of", AS_OF], b"")
        check("an empty file name is named '' in the error (%s)" % " ".join(argv[:-1]),
              r.returncode == 2 and b"cannot open '': " in r.stderr, (r.returncode, r.stderr))
    r = run([cli, "eval", "-", "--as-of", AS_OF], '{"k\\u001b[31m\\u2028\\u202e": 1}'.encode())
    check("a key's control characters are escaped on stderr", r.returncode == 2
          and b"\x1b" not in r.stderr and "\u2028".encode() not in r.stderr
          and "\u202e".encode() not in r.stderr, r.stderr)
    r = run([cli, "eval", "--ndjson", "-", "--as-of", AS_OF],
            '{"k\\u2028\\u202e\\u0085": 1}\n{"%s\u00e9": 1}\n'.encode() % (b"a" * 59))
    ok = r.returncode == 2
    try:
        text = r.stdout.decode("utf-8")
        got = error_lines(r.stdout)
        ok = ok and len(got) == 2 and "\u2028" not in text and "\u202e" not in text and "\u0085" not in text
    except (UnicodeDecodeError, ValueError) as x:
        ok = False
        text = str(x)
    check("error lines are valid UTF-8 JSON with separators and overrides escaped", ok, text)

    # ---- fault injection in the host's reads (test build only) --------------------------------
    if not faults:
        print("skip fault injection: no AIGOV_FAULTS binary given")
    else:
        batch_file = path("batch.ndjson", batch)
        ref_batch = run([cli, "eval", "--ndjson", batch_file, "--as-of", AS_OF, "--fail-on", "none"])
        ref_one = run([cli, "eval", DOCS[0], "--as-of", AS_OF, "--format", "json", "--fail-on", "none"])
        for fault in ("short", "eintr", "eagain", "short,eintr"):
            env = {"AIGOV_CLI_FAULT": fault}
            r = run([faults, "eval", "--ndjson", batch_file, "--as-of", AS_OF, "--fail-on", "none"], env=env)
            check("batch under %s reads: the same output and status" % fault,
                  (r.returncode, r.stdout) == (ref_batch.returncode, ref_batch.stdout), (r.returncode, r.stderr))
            r = run([faults, "eval", DOCS[0], "--as-of", AS_OF, "--format", "json", "--fail-on", "none"], env=env)
            check("eval under %s reads: the same output and status" % fault,
                  (r.returncode, r.stdout) == (ref_one.returncode, ref_one.stdout), (r.returncode, r.stderr))
        three = path("three.ndjson", good[0] + b"\n" + good[1] + b"\n" + good[2] + b"\n")
        cut = len(good[0]) + 1 + len(good[1]) // 2
        r = run([faults, "eval", "--ndjson", three, "--as-of", AS_OF, "--fail-on", "none"],
                env={"AIGOV_CLI_FAULT": "eio=%d" % cut})
        got = error_lines(r.stdout)
        check("EIO inside line 2: line 1 written, line 2 AIGOV_EREAD, the error on stderr, exit 2",
              r.returncode == 2 and len(got) == 2 and "error" not in got[0]
              and got[1].get("error", {}).get("code") == "AIGOV_EREAD" and got[1]["error"]["line"] == 2
              and b"Input/output error" in r.stderr and three.encode() in r.stderr, (r.returncode, r.stderr))
        r = run([faults, "eval", "--ndjson", three, "--as-of", AS_OF, "--fail-on", "none"],
                env={"AIGOV_CLI_FAULT": "eio=%d" % (len(good[0]) + 1)})
        check("EIO between lines: line 1 written, no invented line, exit 2",
              r.returncode == 2 and len(error_lines(r.stdout)) == 1 and b"Input/output error" in r.stderr,
              (r.returncode, r.stderr))
        r = run([faults, "eval", three, "--as-of", AS_OF], env={"AIGOV_CLI_FAULT": "eio=100"})
        check("EIO in eval: exit 2, cannot read FILE: Input/output error",
              r.returncode == 2 and r.stdout == b"" and b"cannot read " + three.encode() + b": Input/output error"
              in r.stderr, r.stderr)
        small = path("small.ndjson", b"{}\n{}\n{}\n")
        r = run([faults, "eval", "--ndjson", small, "--as-of", AS_OF, "--fail-on", "none"],
                env={"AIGOV_CLI_FAULT": "enomem=2"})
        got = error_lines(r.stdout)
        check("ENOMEM holding line 2: an AIGOV_ENOMEM line in its place, lines 1 and 3 evaluated, exit 2",
              r.returncode == 2 and len(got) == 3 and "error" not in got[0] and "error" not in got[2]
              and got[1].get("error", {}).get("code") == "AIGOV_ENOMEM" and got[1]["error"]["line"] == 2,
              (r.returncode, got))
        padded = path("padded.json", b" " * 70000 + open(DOCS[0], "rb").read())  # grows its buffer once
        for n in (1, 2):
            r = run([faults, "eval", padded, "--as-of", AS_OF], env={"AIGOV_CLI_FAULT": "enomem=%d" % n})
            check("ENOMEM at allocation %d in eval: exit 2, cannot read FILE: out of memory" % n,
                  r.returncode == 2 and b"out of memory" in r.stderr, (r.returncode, r.stderr))

    print("cli hardening: %d failed" % len(failures) if failures else "cli hardening: ok")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
