#!/usr/bin/env python3
"""Builds a wheel of the binding with the shared library bundled (and its
cJSON dependency, found next to it through its $ORIGIN rpath), using only the
standard library: `pip install aigov-*.whl` then works on a machine without
libaigov installed.   build_wheel.py LIBAIGOV LIBCJSON OUTDIR"""
import base64
import hashlib
import os
import platform
import sys
import zipfile

VERSION = "0.1.0"


def record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def main():
    libaigov, libcjson, outdir = sys.argv[1:4]
    here = os.path.dirname(os.path.abspath(__file__))
    tag = "py3-none-linux_%s" % platform.machine()
    dist = "aigov-%s.dist-info" % VERSION
    files = {}
    for name in ("__init__.py", "_lib.py", "cli.py", "__main__.py", "py.typed"):
        with open(os.path.join(here, "aigov", name), "rb") as f:
            files["aigov/" + name] = f.read()
    with open(libaigov, "rb") as f:
        files["aigov/libaigov.so.0"] = f.read()
    with open(libcjson, "rb") as f:
        files["aigov/libcjson.so.1"] = f.read()
    with open(os.path.join(here, "README.md"), "rb") as f:
        readme = f.read().decode()
    files[dist + "/METADATA"] = ("Metadata-Version: 2.1\nName: aigov\nVersion: %s\nSummary: EU AI Act and "
                                 "ISO/IEC 42001 obligations of an AI system (libaigov)\nRequires-Python: >=3.8\n"
                                 "Description-Content-Type: text/markdown\n\n%s" % (VERSION, readme)).encode()
    files[dist + "/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: libaigov build_wheel.py\nRoot-Is-Purelib: false\n"
                              "Tag: %s\n" % tag).encode()
    files[dist + "/entry_points.txt"] = b"[console_scripts]\naigov-py = aigov.cli:main\n"
    records = [record_line(n, d) for n, d in files.items()] + [dist + "/RECORD,,"]
    files[dist + "/RECORD"] = ("\n".join(records) + "\n").encode()
    os.makedirs(outdir, exist_ok=True)
    path = os.path.join(outdir, "aigov-%s-%s.whl" % (VERSION, tag))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files.items():
            info = zipfile.ZipInfo(n, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o755 if n.endswith(".so.0") or n.endswith(".so.1") else 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, d)
    print(path)


if __name__ == "__main__":
    main()
