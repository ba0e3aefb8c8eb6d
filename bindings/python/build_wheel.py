#!/usr/bin/env python3
"""Builds the aigov wheel with the shared library bundled, using only the
standard library (no setuptools/wheel needed, deterministic output).

    build_wheel.py --lib build/libaigov.so --out build/dist

The wheel holds the package sources, aigov/libaigov.so.0 (the very library
file given, not a relink) and, in aigov/_libs/, each shared library it needs
that is not part of the C runtime (libcjson.so.1), found with ldd and stored
under its SONAME. aigov/_lib.py loads those first, so `pip install
aigov-*.whl` works on a machine with no libaigov or libcjson installed. The
platform tag is linux_<machine>: the library is built against this machine's
glibc, so the wheel is for machines like it (not a manylinux wheel).
"""
import argparse
import base64
import hashlib
import os
import platform
import re
import subprocess
import sys
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))

# Provided by every Linux system with a C runtime; never bundled (the manylinux
# policy list, roughly).
SYSTEM_LIBS = re.compile(r"^(linux-vdso|linux-gate|ld-linux|ld64|libc|libm|libdl|libpthread|librt|"
                         r"libutil|libresolv|libnsl|libcrypt|libgcc_s|libstdc\+\+)[.-]")


def project_version():
    with open(os.path.join(HERE, "pyproject.toml"), encoding="utf-8") as f:
        m = re.search(r'^version\s*=\s*"([^"]+)"', f.read(), re.M)
    return m.group(1)


def soname(path):
    """DT_SONAME of an ELF file via objdump/readelf when available, else the file name."""
    for tool in (["readelf", "-d"], ["objdump", "-p"]):
        try:
            out = subprocess.run(tool + [path], capture_output=True, text=True).stdout
        except OSError:
            continue
        m = re.search(r"SONAME\s+(?:Library soname: \[)?([^\]\s]+)", out)
        if m:
            return m.group(1)
    return os.path.basename(path)


def bundled_dependencies(lib):
    """(soname, resolved path) of every non-system library `lib` needs."""
    out = subprocess.run(["ldd", lib], capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("build_wheel: ldd %s failed: %s" % (lib, out.stderr.strip()))
    deps = []
    for line in out.stdout.splitlines():
        m = re.match(r"\s*(\S+)\s+=>\s+(\S+)", line)
        if not m:
            continue
        name, path = m.groups()
        if path == "not":
            sys.exit("build_wheel: %s needs %s, which is not found" % (lib, name))
        if not SYSTEM_LIBS.match(name):
            deps.append((name, os.path.realpath(path)))
    return deps


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lib", required=True, help="the shared library to bundle (libaigov.so*)")
    ap.add_argument("--out", required=True, help="output directory")
    a = ap.parse_args()
    version = project_version()
    lib = os.path.realpath(a.lib)
    tag = "py3-none-linux_%s" % platform.machine()
    dist = "aigov-%s.dist-info" % version
    files = {}
    pkg = os.path.join(HERE, "aigov")
    for name in sorted(os.listdir(pkg)):
        if name.endswith(".py") or name == "py.typed":
            with open(os.path.join(pkg, name), "rb") as f:
                files["aigov/" + name] = f.read()
    with open(lib, "rb") as f:
        files["aigov/libaigov.so.0"] = f.read()
    deps = bundled_dependencies(lib)
    for name, path in deps:
        with open(path, "rb") as f:
            files["aigov/_libs/" + soname(path)] = f.read()
    with open(os.path.join(HERE, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    # The licence and the notices of what the wheel bundles (libcjson's MIT
    # notice must travel with every copy of libcjson.so.1).
    top = os.path.dirname(os.path.dirname(HERE))
    for name in ("LICENSE", "NOTICE"):
        with open(os.path.join(top, name), "rb") as f:
            files[dist + "/" + name] = f.read()
    if any(n.startswith("libcjson") for n, _ in deps) and b"cJSON" not in files[dist + "/NOTICE"]:
        sys.exit("build_wheel: the wheel bundles libcjson but NOTICE carries no cJSON notice")
    files[dist + "/METADATA"] = (
        "Metadata-Version: 2.1\nName: aigov\nVersion: %s\n"
        "Summary: Python binding of libaigov: which EU AI Act and ISO/IEC 42001 obligations apply to an AI system\n"
        "License: Apache-2.0\nRequires-Python: >=3.8\nClassifier: Programming Language :: Python :: 3\n"
        "Classifier: Operating System :: POSIX :: Linux\nClassifier: Typing :: Typed\n"
        "Description-Content-Type: text/markdown\n\n%s" % (version, readme)).encode()
    files[dist + "/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: libaigov build_wheel.py\n"
                              "Root-Is-Purelib: false\nTag: %s\n" % tag).encode()
    # aigov-gate: the CI gate (examples/ci-gate/aigov_gate.py, aigov/gate.py links to it).
    files[dist + "/entry_points.txt"] = b"[console_scripts]\naigov-py = aigov.cli:main\naigov-gate = aigov.gate:main\n"
    files[dist + "/top_level.txt"] = b"aigov\n"
    records = [record_line(n, d) for n, d in files.items()] + [dist + "/RECORD,,"]
    files[dist + "/RECORD"] = ("\n".join(records) + "\n").encode()
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "aigov-%s-%s.whl" % (version, tag))
    tmp = path + ".tmp"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files.items():
            info = zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0))
            binary = n.startswith("aigov/_libs/") or n.endswith(".so.0")
            info.external_attr = (0o755 if binary else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, d)
    os.replace(tmp, path)
    print("%s (bundles libaigov.so.0%s)" % (path, "".join(", _libs/" + soname(p) for _, p in deps)))


if __name__ == "__main__":
    main()
