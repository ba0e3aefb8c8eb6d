#!/usr/bin/env python3
"""Installs the wheel with pip into a fresh virtual environment and checks it
works with no libaigov anywhere on the loader's path: the bundled copy (and
its bundled libcjson) is the one loaded, the import-time version check
passes, and the report is byte-identical to the C CLI's, through the API and
through the `aigov-py` console script.

    check_wheel.py WHEEL CLI DESCRIPTOR AS_OF
"""
import os
import subprocess
import sys
import tempfile

PROBE = r"""
import sys, aigov
site = sys.argv[1]
path = aigov.library_path()
assert path.startswith(site), "loaded %s, not the bundled copy under %s" % (path, site)
with open("/proc/self/maps") as f:
    maps = f.read()
libs = sorted({l.split()[-1] for l in maps.splitlines() if ".so" in l.split()[-1]})
aig = [l for l in libs if "libaigov" in l]
cj = [l for l in libs if "libcjson" in l]
assert aig and all(l.startswith(site) for l in aig), aig
assert all(l.startswith(site) for l in cj), "libcjson not the bundled one: %s" % cj
with open(sys.argv[2], "rb") as f:
    desc = f.read()
sys.stdout.buffer.write(aigov.evaluate(desc, sys.argv[3]).raw_json)
"""


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, **kw)


def main():
    wheel, cli, desc, as_of = sys.argv[1:5]
    wheel, cli, desc = (os.path.abspath(p) for p in (wheel, cli, desc))
    check_notices(wheel)
    # the full form: raw_json of a typed report is the full report (the compact one is the
    # CLI's default and render()'s)
    want = run([cli, "eval", desc, "--as-of", as_of, "--format", "json", "--full", "--fail-on", "none"],
               check=True).stdout.rstrip(b"\n")
    env = {k: v for k, v in os.environ.items()
           if k not in ("AIGOV_LIBRARY", "PYTHONPATH", "LD_LIBRARY_PATH", "PKG_CONFIG_PATH",
                        "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    with tempfile.TemporaryDirectory() as d:
        venv = os.path.join(d, "venv")
        r = run([sys.executable, "-m", "venv", venv], env=env)
        if r.returncode != 0:
            return check_unpacked(wheel, d, env, desc, as_of, want,
                                  "no venv with pip here (install python3-venv for the full check)")
        py = os.path.join(venv, "bin", "python")
        r = run([py, "-m", "pip", "install", "--no-index", "--no-deps", "--disable-pip-version-check",
                 "-q", wheel], env=env)
        if r.returncode != 0:
            sys.exit("check_wheel: pip install %s failed:\n%s" % (wheel, r.stderr.decode(errors="replace")))
        site = run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['platlib'])"],
                   env=env, check=True).stdout.decode().strip()
        probe(py, site, env, d, desc, as_of, want)
        r = run([os.path.join(venv, "bin", "aigov-py"), "eval", desc, "--as-of", as_of, "--format", "json",
                 "--full", "--fail-on", "none"], env=env, cwd=d)
        if r.returncode != 0 or r.stdout.rstrip(b"\n") != want:
            sys.exit("check_wheel: aigov-py differs from the C CLI (exit %d): %s"
                     % (r.returncode, r.stderr.decode(errors="replace")))
        check_console_scripts(os.path.join(venv, "bin"), env, d, cli, desc, as_of)
    print("python wheel: pip install ok in a fresh venv; bundled libaigov and libcjson loaded; "
          "report byte-identical to the C CLI (API and aigov-py); LICENSE and the cJSON notice shipped; aigov-py --ndjson and aigov-gate")


def check_console_scripts(bindir, env, d, cli, desc, as_of):
    """aigov-py --ndjson gives the C CLI's batch output; aigov-gate (the CI
    gate, examples/ci-gate) runs from the wheel and fails on gaps in force."""
    with open(desc, "rb") as f:
        line = f.read().replace(b"\n", b"")
    batch = line + b"\n" + b'{"bogus":1}\n' + line + b"\n"
    args = ["eval", "--ndjson", "-", "--as-of", as_of, "--jobs", "2"]
    want = run([cli] + args, input=batch)
    got = run([os.path.join(bindir, "aigov-py")] + args, input=batch, env=env, cwd=d)
    if (got.returncode, got.stdout) != (want.returncode, want.stdout):
        sys.exit("check_wheel: aigov-py --ndjson differs from aigov --ndjson (exit %d, want %d): %s"
                 % (got.returncode, want.returncode, got.stderr.decode(errors="replace")))
    md = os.path.join(d, "gate.md")
    r = run([os.path.join(bindir, "aigov-gate"), desc, "--as-of", as_of, "--output", md], env=env, cwd=d)
    if r.returncode != 1 or not os.path.exists(md) or "Failing" not in open(md, encoding="utf-8").read():
        sys.exit("check_wheel: aigov-gate on %s exited %d (want 1, failing: gaps in force): %s"
                 % (desc, r.returncode, r.stderr.decode(errors="replace")))


def check_notices(wheel):
    """The wheel carries the licence, and the MIT notice of each bundled libcjson."""
    import zipfile
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        info = [n for n in names if n.endswith(".dist-info/NOTICE")]
        lic = [n for n in names if n.endswith(".dist-info/LICENSE")]
        if not info or not lic:
            sys.exit("check_wheel: the wheel has no dist-info/LICENSE or NOTICE")
        notice = z.read(info[0]).decode()
        if b"Apache License" not in z.read(lic[0]):
            sys.exit("check_wheel: dist-info/LICENSE is not the Apache-2.0 text")
        for n in names:
            if "/_libs/libcjson" in n and ("cJSON" not in notice or "Permission is hereby granted" not in notice):
                sys.exit("check_wheel: the wheel bundles %s without cJSON's MIT notice" % n)
        meta = z.read([n for n in names if n.endswith(".dist-info/METADATA")][0]).decode()
        if "License: Apache-2.0" not in meta:
            sys.exit("check_wheel: METADATA names no licence")


def probe(py, site, env, cwd, desc, as_of, want):
    r = run([py, "-c", PROBE, site, desc, as_of], env=env, cwd=cwd)
    if r.returncode != 0:
        sys.exit("check_wheel: the installed wheel fails:\n%s" % r.stderr.decode(errors="replace"))
    if r.stdout != want:
        sys.exit("check_wheel: the installed wheel's report differs from the C CLI's")


def check_unpacked(wheel, d, env, desc, as_of, want, why):
    """Without pip: unpack the wheel as pip would lay it out (a platlib wheel
    is its archive tree) and run the same probe on it."""
    import zipfile
    site = os.path.join(d, "site")
    with zipfile.ZipFile(wheel) as z:
        z.extractall(site)
        for info in z.infolist():  # zipfile drops the mode bits
            os.chmod(os.path.join(site, info.filename), (info.external_attr >> 16) or 0o644)
    probe(sys.executable, site, dict(env, PYTHONPATH=site), d, desc, as_of, want)
    print("python wheel: %s; unpacked instead of pip-installed: bundled libaigov and libcjson loaded; "
          "report byte-identical to the C CLI" % why)

if __name__ == "__main__":
    main()
