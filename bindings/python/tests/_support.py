"""Shared helpers of the binding's tests: where the repository, the C CLI and
the golden cases are. `make test-python` sets AIGOV_ROOT, AIGOV_CLI and
AIGOV_LIBRARY; run by hand, the defaults assume a built tree."""
import glob
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.environ.get("AIGOV_ROOT") or os.path.abspath(os.path.join(HERE, "..", "..", ".."))
CLI = os.environ.get("AIGOV_CLI") or os.path.join(ROOT, "build", "aigov")
PY_DIR = os.path.join(ROOT, "bindings", "python")

if "AIGOV_LIBRARY" not in os.environ and os.path.exists(os.path.join(ROOT, "build", "libaigov.so")):
    os.environ["AIGOV_LIBRARY"] = os.path.join(ROOT, "build", "libaigov.so")
if PY_DIR not in sys.path:
    sys.path.insert(0, PY_DIR)


def golden_cases(full=False):
    """(name, case, descriptor bytes) of every golden case (test/golden/*.json,
    or test/golden/full/*.json with full=True)."""
    pattern = os.path.join(ROOT, "test", "golden", "full" if full else "", "*.json")
    for path in sorted(glob.glob(pattern)):
        if path.endswith(".report.json"):
            continue
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
        if "organisation_status" in (case.get("expect") or {}):
            continue   # a descriptor of several systems: the C runner checks its organisation's part
        desc = json.dumps(case["descriptor"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        yield os.path.basename(path), case, desc, path


def example_descriptors():
    return sorted(glob.glob(os.path.join(ROOT, "examples", "descriptors", "*.json")) +
                  glob.glob(os.path.join(ROOT, "examples", "portfolio", "*.json")))


def cli(*args, input=None):
    """Runs the C CLI; returns (exit code, stdout bytes, stderr text)."""
    r = subprocess.run([CLI] + list(args), input=input, capture_output=True)
    return r.returncode, r.stdout, r.stderr.decode("utf-8", "replace")


def cli_json(path, as_of):
    """`aigov eval FILE --as-of D --format json --full` (Report.raw_json's form) without its
    trailing newline."""
    code, out, err = cli("eval", path, "--as-of", as_of, "--format", "json", "--full", "--fail-on", "none")
    if code != 0:
        raise AssertionError("aigov eval %s failed (%d): %s" % (path, code, err))
    assert out.endswith(b"\n")
    return out[:-1]
