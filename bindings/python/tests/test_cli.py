"""Byte-identity with the C command-line tool, and the Python CLI mirroring it."""
import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr

import _support
import aigov
from aigov import cli as pycli

DATES = ("2026-08-02", "2028-01-01")


class ByteIdenticalToTheCli(unittest.TestCase):
    """Report.raw_json == `aigov eval FILE --as-of D --format json` minus its newline."""

    def test_golden_descriptors(self):
        with aigov.Evaluator() as ev, tempfile.TemporaryDirectory() as d:
            n = 0
            for name, case, desc, _ in list(_support.golden_cases()) + list(_support.golden_cases(full=True)):
                if case["expect"].get("error"):
                    continue
                path = os.path.join(d, name)
                with open(path, "wb") as f:
                    f.write(desc)
                with self.subTest(case=name):
                    want = _support.cli_json(path, case["as_of"])
                    self.assertEqual(ev.evaluate_file(path, case["as_of"]).raw_json, want)
                    self.assertEqual(ev.evaluate(desc, case["as_of"]).raw_json, want)
                n += 1
            self.assertGreater(n, 100)

    def test_example_descriptors(self):
        files = _support.example_descriptors()
        self.assertGreaterEqual(len(files), 10)
        with aigov.Evaluator() as ev:
            for path in files:
                for as_of in DATES:
                    with self.subTest(path=os.path.basename(path), as_of=as_of):
                        self.assertEqual(ev.evaluate_file(path, as_of).raw_json, _support.cli_json(path, as_of))

    def test_other_formats(self):
        with aigov.Evaluator() as ev:
            for path in _support.example_descriptors():
                for fmt in ("text", "markdown", "oscal"):
                    with self.subTest(path=os.path.basename(path), format=fmt):
                        code, out, _ = _support.cli("eval", path, "--as-of", "2028-01-01", "--format", fmt,
                                                    "--fail-on", "none")
                        self.assertEqual(code, 0)
                        want = out[:-1] if fmt == "oscal" else out
                        self.assertEqual(ev.render(ev.read_file(path), "2028-01-01", fmt), want)
                        self.assertEqual(ev.evaluate_file(path, "2028-01-01", fmt).rendered, want)

    def test_ci_and_reader_formats(self):
        """SARIF, JUnit and HTML reach Python as the library renders them."""
        import xml.dom.minidom
        with aigov.Evaluator() as ev:
            doc = ev.read_file(_support.example_descriptors()[0])
            sarif = json.loads(ev.render(doc, "2028-01-01", "sarif"))
            self.assertEqual(sarif["version"], "2.1.0")
            self.assertEqual(len(sarif["runs"]), 1)
            junit = ev.render(doc, "2028-01-01", "junit")
            self.assertEqual(xml.dom.minidom.parseString(junit).documentElement.tagName, "testsuites")
            page = ev.render(doc, "2028-01-01", "html").decode()
            self.assertTrue(page.lower().startswith("<!doctype html>"))
            self.assertNotIn("<script", page)
            self.assertEqual(ev.render(doc, "2028-01-01", "html"), ev.render(doc, "2028-01-01", "html"))

    def test_soa_csv(self):
        """The Statement of Applicability as CSV reaches Python as the library renders it: the ten
        columns, CRLF rows, a formula-looking owner neutralised, an overdue review an observation."""
        import csv
        doc = {"organisation": {"established_in_eu": True, "aims": {"operated": True, "soa": {
                   "a_2_2": {"decision": "included", "justification": "RT-1, line 2", "owner": "=cmd",
                             "review_date": "2027-01-01"}}}},
               "operator": {"roles": ["deployer"]}, "system": {"is_ai_system": True},
               "evidence": {"ai_policy": {"state": "implemented", "ref": "POL-1"}}}
        with aigov.Evaluator() as ev:
            out = ev.render(doc, "2028-01-01", "soa-csv").decode()
            self.assertEqual(out, ev.render(doc, "2028-01-01", "soa-csv").decode())
        self.assertNotIn("\n", out.replace("\r\n", ""))
        rows = list(csv.reader(io.StringIO(out, newline="")))
        self.assertEqual(rows[0], ["control", "title", "decision", "justification", "implementation status",
                                   "owner", "review date", "grade", "evidence reference", "open findings"])
        self.assertEqual(len(rows), 39)
        self.assertEqual(rows[1], ["A.2.2", "AI policy", "included", "RT-1, line 2", "met", "'=cmd", "2027-01-01",
                                   "observation", "POL-1", ""])
        code, _, _ = run_py("eval", "-", "--as-of", "2028-01-01", "--format", "soa-csv",
                            stdin=json.dumps(doc).encode())
        self.assertIn(code, (0, 1))


def run_py(*args, stdin=b""):
    out = io.BytesIO()
    err = io.StringIO()
    with redirect_stderr(err):
        try:
            code = pycli.main(list(args), stdout=out, stdin=io.BytesIO(stdin))
        except SystemExit as e:  # argparse usage errors
            code = e.code
    return code, out.getvalue(), err.getvalue()


class PythonCliMirrorsTheCli(unittest.TestCase):
    def assertSame(self, *args, stdin=None):
        c_code, c_out, _ = _support.cli(*args, input=stdin)
        p_code, p_out, p_err = run_py(*args, stdin=stdin or b"")
        self.assertEqual(p_out, c_out, args)
        self.assertEqual(p_code, c_code, (args, p_err))

    def test_eval_every_example_format_and_fail_on(self):
        for path in _support.example_descriptors():
            for fail_on in ("gap", "prohibited", "unknown", "none"):
                with self.subTest(path=os.path.basename(path), fail_on=fail_on):
                    self.assertSame("eval", path, "--as-of", "2028-01-01", "--format", "json", "--fail-on", fail_on)
            self.assertSame("eval", path, "--as-of", "2028-01-01", "--format", "json", "--full")
            for fmt in ("text", "markdown", "md"):
                with self.subTest(path=os.path.basename(path), format=fmt):
                    self.assertSame("eval", path, "--as-of", "2027-06-01", "--format", fmt)

    def test_stdin_rules_schema_explain(self):
        with open(_support.example_descriptors()[0], "rb") as f:
            desc = f.read()
        self.assertSame("eval", "-", "--as-of", "2028-01-01", "--format", "json", stdin=desc)
        for fmt in ("text", "json", "markdown"):
            self.assertSame("rules", "--format", fmt)
        self.assertSame("schema")
        self.assertSame("explain", "eu.art27.1.fria")

    def test_errors_exit_2(self):
        self.assertSame("explain", "no.such.rule")
        self.assertSame("eval", "/nonexistent/descriptor.json", "--as-of", "2028-01-01")
        self.assertSame("eval", "-", "--as-of", "2028-01-01", stdin=b'{"system": {"annex_iii": {"points": 5}}}')
        self.assertSame("eval", "-", "--as-of", "2028-02-30", stdin=b"{}")
        self.assertSame("eval", "-", "--as-of", "2028-01-01", stdin=b"{")
        code, _, err = run_py("eval", "-", "--as-of", "2028-01-01", stdin=b'{"system": {"annex_iii": {"points": 5}}}')
        self.assertEqual(code, 2)
        self.assertIn("AIGOV_EINPUT", err)
        self.assertIn("$.system.annex_iii.points", err)
        code, _, _ = run_py("eval", "x.json", "--format", "yaml")
        self.assertEqual(code, 2)

    def test_ndjson_batch(self):
        """Issue 22 point 9: `aigov-py eval --ndjson` is `aigov eval --ndjson`, byte for byte,
        with an error object in place of each bad line and the worst line's exit status."""
        lines = []
        for path in _support.example_descriptors():
            with open(path, "rb") as f:
                lines.append(f.read().replace(b"\n", b""))
        ok = b"\n".join(lines) + b"\n"
        bad = ok + b'{"bogus":1}\r\nnot json\n\n{"system":{"is_ai_system":"x\xe2\x80\xae"}}'
        for data in (ok, bad):
            for extra in ((), ("--jobs", "2"), ("--format", "oscal"), ("--fail-on", "none")):
                with self.subTest(bad=data is bad, extra=extra):
                    self.assertSame("eval", "--ndjson", "-", "--as-of", "2028-01-01", *extra, stdin=data)
        with tempfile.NamedTemporaryFile(suffix=".ndjson") as f:
            f.write(b"{}\n" + b" " * (aigov.DEFAULT_MAX_INPUT + 10) + b"\n{}")
            f.flush()
            self.assertSame("eval", "--ndjson", f.name, "--as-of", "2028-01-01")
        code, out, _ = run_py("eval", "--ndjson", "-", "--as-of", "2028-01-01", stdin=bad)
        self.assertEqual(code, 2)
        self.assertEqual(out.count(b"\n"), len(lines) + 4)
        code, _, err = run_py("eval", "--ndjson", "-", "--format", "text", stdin=ok)
        self.assertEqual(code, 2)
        self.assertIn("json or oscal", err)

    def test_version(self):
        code, out, _ = run_py("--version")
        self.assertEqual(code, 0)
        c_code, c_out, _ = _support.cli("--version")
        self.assertTrue(out.startswith(c_out.rstrip(b"\n")), (out, c_out))

    def test_module_entry_point(self):
        import subprocess
        path = _support.example_descriptors()[0]
        r = subprocess.run([sys.executable, "-m", "aigov", "eval", path, "--as-of", "2028-01-01", "--format",
                            "json", "--full", "--fail-on", "none"], capture_output=True,
                           env=dict(os.environ, PYTHONPATH=_support.PY_DIR))
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout[:-1], _support.cli_json(path, "2028-01-01"))


if __name__ == "__main__":
    unittest.main()
