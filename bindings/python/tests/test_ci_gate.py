"""examples/ci-gate/aigov_gate.py: markdown for a pull request, exit status."""
import importlib.util
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import unittest

import _support
import aigov

GATE = os.path.join(_support.ROOT, "examples", "ci-gate", "aigov_gate.py")
EXAMPLES = os.path.join(_support.ROOT, "examples", "descriptors")
AS_OF = "2028-01-01"


def load_gate():
    spec = importlib.util.spec_from_file_location("aigov_gate", GATE)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class CiGate(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.gate = load_gate()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = cls.tmp.name

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def gate_md(self, *args):
        out = os.path.join(self.dir, "gate.md")
        code = self.gate.main(list(args) + ["--as-of", AS_OF, "--output", out])
        with open(out, encoding="utf-8") as f:
            return code, f.read()

    def test_examples_fail_with_gaps_and_a_prohibited_system(self):
        code, md = self.gate_md(os.path.join(EXAMPLES, "*.json"))
        self.assertEqual(code, 1)
        self.assertIn("## AI governance gate", md)
        self.assertIn("**Failing**", md)
        self.assertIn("| | Descriptor | System | Tier | GPAI | Gaps in force | Unknown | Open questions |", md)
        self.assertIn(":no_entry: prohibited", md)
        with aigov.Evaluator() as ev:  # every figure comes from the library's report
            for name in ("credit-scoring-bank.json", "spam-filter.json", "emotion-recognition-workplace.json"):
                path = os.path.join(EXAMPLES, name)
                s = ev.classify(pathlib.Path(path), AS_OF)
                row = [l for l in md.splitlines() if l.startswith("|") and name in l][0]
                self.assertIn("| %d | %d | %d |" % (s.in_force_gaps, s.unknown, s.questions), row)
                self.assertIn(s.tier, row)
            r = ev.evaluate_file(os.path.join(EXAMPLES, "credit-scoring-bank.json"), AS_OF)
            for o in r.obligations:
                if o.status == "gap" and o.in_force:
                    self.assertIn("`%s`" % o.id, md)

    def test_fail_on_levels(self):
        bank = os.path.join(EXAMPLES, "credit-scoring-bank.json")
        emotion = os.path.join(EXAMPLES, "emotion-recognition-workplace.json")
        spam = os.path.join(EXAMPLES, "spam-filter.json")
        self.assertEqual(self.gate_md(spam)[0], 0)
        self.assertEqual(self.gate_md(bank)[0], 1)
        self.assertEqual(self.gate_md(bank, "--fail-on", "prohibited")[0], 0)
        self.assertEqual(self.gate_md(emotion, "--fail-on", "prohibited")[0], 1)
        self.assertEqual(self.gate_md(emotion, "--fail-on", "none")[0], 0)
        code, md = self.gate_md(spam)
        self.assertIn("**Passing**", md)
        self.assertIn(":white_check_mark: pass", md)

    def test_same_verdict_as_the_cli(self):
        for name in sorted(os.listdir(EXAMPLES)):
            path = os.path.join(EXAMPLES, name)
            for fail_on in ("gap", "prohibited", "none"):
                with self.subTest(name=name, fail_on=fail_on):
                    c_code, _, _ = _support.cli("eval", path, "--as-of", AS_OF, "--format", "json",
                                                "--fail-on", fail_on)
                    self.assertEqual(self.gate_md(path, "--fail-on", fail_on)[0], c_code)

    def test_portfolio_rows_per_system(self):
        path = os.path.join(_support.ROOT, "examples", "portfolio", "fintech-three-systems.json")
        code, md = self.gate_md(path)
        with aigov.Evaluator() as ev:
            r = ev.evaluate_file(path, AS_OF)
            for part in r.systems:
                self.assertIn("| %s |" % part.name, md)
            self.assertEqual(code, 1 if any(s.failing for s in ev.classify_all(pathlib.Path(path), AS_OF)) or
                             r.organisation.summary.in_force_gaps else 0)

    def test_invalid_descriptor_names_the_path(self):
        bad = os.path.join(self.dir, "bad.json")
        with open(bad, "w") as f:
            json.dump({"system": {"annex_iii": {"points": 5}}}, f)
        code, md = self.gate_md(bad, os.path.join(EXAMPLES, "spam-filter.json"))
        self.assertEqual(code, 2)
        self.assertIn(":boom: invalid", md)
        self.assertIn("`$.system.annex_iii.points`", md)
        self.assertIn("AIGOV_EINPUT", md)

    def test_no_match(self):
        nothing = os.path.join(self.dir, "none", "*.json")
        code, md = self.gate_md(nothing)
        self.assertEqual(code, 2)
        self.assertIn("No descriptor matches", md)
        self.assertEqual(self.gate_md(nothing, "--allow-empty")[0], 0)

    def test_packaged_as_aigov_gate(self):
        """Issue 22 point 9: the gate ships in the package (aigov.gate, the
        wheel's `aigov-gate` console script) as the very file of the example."""
        import aigov.gate
        self.assertTrue(os.path.samefile(aigov.gate.__file__, GATE))
        desc = _support.example_descriptors()[0]
        with tempfile.TemporaryDirectory() as d:
            md = os.path.join(d, "gate.md")
            code = aigov.gate.main([desc, "--as-of", "2028-01-01", "--fail-on", "none", "--output", md])
            self.assertEqual(code, 0)
            with open(md, encoding="utf-8") as f:
                self.assertIn(os.path.basename(desc), f.read())

    def test_command_line_and_stdout(self):
        env = dict(os.environ, PYTHONPATH=_support.PY_DIR)
        r = subprocess.run([sys.executable, GATE, os.path.join(EXAMPLES, "spam-filter.json"), "--as-of", AS_OF],
                           capture_output=True, env=env, cwd=self.dir)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn(b"## AI governance gate", r.stdout)
        r = subprocess.run([sys.executable, GATE, "--as-of", "not-a-date"], capture_output=True, env=env, cwd=self.dir)
        self.assertEqual(r.returncode, 2)
        # default pattern: ai-systems/*.json under the working directory
        os.makedirs(os.path.join(self.dir, "ai-systems"), exist_ok=True)
        with open(os.path.join(EXAMPLES, "credit-scoring-bank.json"), "rb") as f, \
                open(os.path.join(self.dir, "ai-systems", "bank.json"), "wb") as g:
            g.write(f.read())
        r = subprocess.run([sys.executable, GATE, "--as-of", AS_OF], capture_output=True, env=env, cwd=self.dir)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn(b"ai-systems/bank.json", r.stdout)

    def fresh_dir(self):
        d = tempfile.mkdtemp(dir=self.dir)
        with open(os.path.join(EXAMPLES, "spam-filter.json"), "rb") as f, \
                open(os.path.join(d, "good.json"), "wb") as g:
            g.write(f.read())
        return d

    def test_every_matched_path_is_evaluated_or_fails_the_gate(self):
        # Before: each of these was skipped silently and the gate passed (0)
        # on good.json alone.
        makers = {
            "dangling.json": lambda p: os.symlink("nowhere.json", p),
            "loop.json": lambda p: os.symlink("loop.json", p),
            "fifo.json": os.mkfifo,
            "dir.json": os.mkdir,
            "device.json": lambda p: os.symlink("/dev/null", p),
        }
        for name, make in makers.items():
            with self.subTest(path=name):
                d = self.fresh_dir()
                make(os.path.join(d, name))
                code, md = self.gate_md(os.path.join(d, "*.json"))
                self.assertEqual(code, 2, md)
                row = [l for l in md.splitlines() if name in l and l.startswith("|")]
                self.assertEqual(len(row), 1, md)
                self.assertIn(":boom:", row[0])
                self.assertIn("**Invalid descriptors**", md)

    def test_over_the_limit_is_invalid(self):
        d = self.fresh_dir()
        with open(os.path.join(d, "huge.json"), "wb") as f:
            f.truncate((1 << 20) + 1)
        code, md = self.gate_md(os.path.join(d, "*.json"))
        self.assertEqual(code, 2)
        self.assertIn("AIGOV_ELIMIT", md)

    def test_a_file_named_like_json_is_read(self):
        # Before: the relative name, starting with '{', was parsed as the
        # descriptor (not prohibited: pass); the file holds a prohibited system.
        d = tempfile.mkdtemp(dir=self.dir)
        with open(os.path.join(EXAMPLES, "emotion-recognition-workplace.json"), "rb") as f, \
                open(os.path.join(d, '{"system":{"is_ai_system":false}}'), "wb") as g:
            g.write(f.read())
        env = dict(os.environ, PYTHONPATH=_support.PY_DIR)
        r = subprocess.run([sys.executable, GATE, "{*", "--as-of", AS_OF], capture_output=True, env=env, cwd=d)
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn(b":no_entry: prohibited", r.stdout)

    def test_file_names_cannot_break_the_comment(self):
        # Before: a backtick ended the code span, a newline (as a space) and
        # '<' went raw into the <summary> HTML.
        d = tempfile.mkdtemp(dir=self.dir)
        name = "a`b|c\nd<i>\u202e``.json"
        with open(os.path.join(EXAMPLES, "credit-scoring-bank.json"), "rb") as f, \
                open(os.path.join(d, name), "wb") as g:
            g.write(f.read())
        code, md = self.gate_md(os.path.join(d, "*.json"))
        self.assertEqual(code, 1)
        self.assertNotIn("\u202e", md)
        rows = [l for l in md.splitlines() if l.startswith("| :")]
        self.assertEqual(len(rows), 1, md)
        self.assertIn("```%s/a`b\\|c\\x0ad<i>\\u202e``.json```" % d, rows[0])
        self.assertEqual(rows[0].count("|") - rows[0].count("\\|"), 9)  # 8 cells, pipes inside escaped
        summary = [l for l in md.splitlines() if l.startswith("<details>")]
        self.assertEqual(len(summary), 1)
        self.assertIn("d&lt;i&gt;\\u202e", summary[0])
        self.assertNotIn("<i>", summary[0])
        self.assertEqual(self.gate._cell("![x](javascript:alert(1)) <b>"),
                         "\\!\\[x\\]\\(javascript:alert\\(1\\)\\) \\<b\\>")

    def test_a_crash_is_exit_2(self):
        saved = self.gate.run
        try:
            self.gate.run = lambda *a: 1 / 0
            self.assertEqual(self.gate.main([os.path.join(EXAMPLES, "spam-filter.json"), "--as-of", AS_OF]), 2)
        finally:
            self.gate.run = saved

    def test_long_output_stays_under_the_comment_limit(self):
        saved = self.gate.MAX_COMMENT
        try:
            self.gate.MAX_COMMENT = 3000
            code, md = self.gate_md(os.path.join(EXAMPLES, "*.json"))
            self.assertEqual(code, 1)
            self.assertIn("Details omitted", md)
            self.assertNotIn("<details>", md)
        finally:
            self.gate.MAX_COMMENT = saved


if __name__ == "__main__":
    unittest.main()
