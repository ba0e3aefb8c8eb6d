"""Issue 19, points 5, 8 and 11 (binding side): what the binding accepts.

- a str is always JSON text, a path is os.PathLike or goes to evaluate_file();
- files are read up to the input limit and no further (LimitError, never a
  MemoryError, even for a 3 GB file or /dev/zero);
- integers that do not fit the C argument (system index, format, limits) and
  an as_of with a NUL are rejected instead of wrapping silently.
"""
import os
import pathlib
import subprocess
import sys
import tempfile
import textwrap
import unittest

import _support
import aigov

D = "2028-01-01"
SPAM = pathlib.Path(_support.ROOT, "examples", "descriptors", "spam-filter.json")
EMOTION = pathlib.Path(_support.ROOT, "examples", "descriptors", "emotion-recognition-workplace.json")
PORTFOLIO = pathlib.Path(_support.ROOT, "examples", "portfolio", "fintech-three-systems.json")
NOT_AI = '{"system":{"is_ai_system":false}}'


class StrIsJsonText(unittest.TestCase):
    def setUp(self):
        self.ev = aigov.Evaluator()
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.ev.close()
        self.tmp.cleanup()

    def test_a_file_named_like_json_is_read_not_parsed(self):
        # Before: evaluate(name) parsed the relative *name* (it starts with
        # '{') instead of reading the file, which holds a prohibited system.
        with open(os.path.join(self.tmp.name, NOT_AI), "wb") as f:
            f.write(EMOTION.read_bytes())
        cwd = os.getcwd()
        os.chdir(self.tmp.name)
        try:
            self.assertEqual(self.ev.evaluate_file(NOT_AI, D).tier, "prohibited")
            self.assertEqual(self.ev.evaluate(pathlib.Path(NOT_AI), D).tier, "prohibited")
            self.assertNotEqual(self.ev.evaluate(NOT_AI, D).tier, "prohibited")  # a str is the JSON itself
        finally:
            os.chdir(cwd)

    def test_a_str_path_is_json_text_and_the_error_says_so(self):
        with self.assertRaises(aigov.JSONSyntaxError) as cm:
            self.ev.evaluate(str(SPAM), D)
        self.assertIn("evaluate_file()", cm.exception.message)
        self.assertEqual(self.ev.evaluate_file(str(SPAM), D).raw_json, self.ev.evaluate(SPAM, D).raw_json)
        self.assertEqual(aigov.evaluate_file(SPAM, D).tier, "minimal")


class ReadmeSnippet(unittest.TestCase):
    def test_the_readme_python_example_runs(self):
        # README.md's "From Python" block is the API as users first see it.
        import re
        with open(os.path.join(_support.ROOT, "README.md"), encoding="utf-8") as f:
            code = re.search(r"## From Python.*?```python\n(.*?)```", f.read(), re.S).group(1)
        env = dict(os.environ, PYTHONPATH=_support.PY_DIR)
        r = subprocess.run([sys.executable, "-c", code], cwd=_support.ROOT, env=env, capture_output=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr.decode()[-2000:])
        self.assertIn(b"high_risk", r.stdout)


class BoundedReads(unittest.TestCase):
    def test_reads_stop_at_the_limit(self):
        with tempfile.TemporaryDirectory() as d:
            big = os.path.join(d, "big.json")
            with open(big, "wb") as f:
                f.truncate(3 << 30)  # 3 GB, sparse: reading it whole would need 3 GB of memory
            with aigov.Evaluator(max_input=4096) as ev:
                for call in (lambda: ev.evaluate_file(big, D), lambda: ev.evaluate(pathlib.Path(big), D),
                             lambda: ev.classify(pathlib.Path(big), D), lambda: ev.read_file(big)):
                    with self.assertRaises(aigov.LimitError) as cm:
                        call()
                    self.assertIn("4096", cm.exception.message)
            with self.assertRaises(aigov.LimitError):
                aigov.read_descriptor("/dev/zero")  # endless
            with open(big, "rb") as f, self.assertRaises(aigov.LimitError):
                aigov.read_descriptor(f, 10)
        exact = SPAM.read_bytes()
        self.assertEqual(aigov.read_descriptor(SPAM, len(exact)), exact)  # exactly the limit is fine
        with self.assertRaises(aigov.LimitError):
            aigov.read_descriptor(SPAM, len(exact) - 1)

    def test_a_3gb_file_is_exit_2_in_bounded_memory(self):
        # Before: f.read() of the whole file: MemoryError traceback, exit 1
        # ("failing"), under a 1 GB address-space limit.
        with tempfile.TemporaryDirectory() as d:
            big = os.path.join(d, "big.json")
            with open(big, "wb") as f:
                f.truncate(3 << 30)
            gate = os.path.join(_support.ROOT, "examples", "ci-gate", "aigov_gate.py")
            limit = textwrap.dedent("""
                import resource, runpy, sys
                resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
                sys.argv = sys.argv[1:]
                runpy.run_path(sys.argv[0], run_name="__main__") if sys.argv[0].endswith(".py") \\
                    else runpy.run_module("aigov", run_name="__main__")
            """)
            env = dict(os.environ, PYTHONPATH=_support.PY_DIR)
            for argv in (["aigov", "eval", big, "--as-of", D], [gate, big, "--as-of", D]):
                with self.subTest(argv=argv[0]):
                    r = subprocess.run([sys.executable, "-c", limit] + argv, capture_output=True, env=env,
                                       cwd=d, timeout=120)
                    self.assertEqual(r.returncode, 2, r.stderr.decode()[-2000:])
                    self.assertNotIn(b"MemoryError", r.stderr + r.stdout)


class RangeChecks(unittest.TestCase):
    """Before: system=2**64 evaluated system 0, format=2**32 rendered JSON,
    max_input=2**64 meant the default, max_depth=2**32 too, and
    as_of="2028-01-01\\0junk" was taken as 2028-01-01."""

    def setUp(self):
        self.ev = aigov.Evaluator()

    def tearDown(self):
        self.ev.close()

    def test_system_index(self):
        for bad in (2 ** 64, 2 ** 64 + 1, -1, -(2 ** 64)):
            with self.subTest(system=bad), self.assertRaises(aigov.InvalidArgumentError):
                self.ev.classify(PORTFOLIO, D, system=bad)
        for bad in (True, 1.0, "1"):
            with self.subTest(system=bad), self.assertRaises(TypeError):
                self.ev.classify(PORTFOLIO, D, system=bad)
        with self.assertRaises(aigov.NotFoundError):
            self.ev.classify(PORTFOLIO, D, system=3)
        self.assertEqual(self.ev.classify(PORTFOLIO, D, system=2), self.ev.classify_all(PORTFOLIO, D)[2])

    def test_format(self):
        for bad in (2 ** 32, 2 ** 64, 8, -1):
            with self.subTest(format=bad), self.assertRaises(aigov.InvalidArgumentError):
                self.ev.render(SPAM, D, bad)
        with self.assertRaises(TypeError):
            self.ev.render(SPAM, D, True)
        with self.assertRaises(aigov.InvalidArgumentError):
            aigov.Table.builtin().render_rules(2 ** 32)
        self.assertEqual(self.ev.render(SPAM, D, 1), self.ev.render(SPAM, D, "text"))

    def test_limits(self):
        for kw in ({"max_input": 2 ** 64}, {"max_input": -1}, {"max_input": (64 << 20) + 1},
                   {"max_depth": 2 ** 32}, {"max_depth": 257}, {"max_depth": -1}):
            with self.subTest(**kw), self.assertRaises(aigov.InvalidArgumentError):
                aigov.Evaluator(**kw)
        with self.assertRaises(TypeError):
            aigov.Evaluator(max_depth=True)
        with aigov.Evaluator(max_input=64 << 20, max_depth=256) as ev:
            self.assertEqual(ev.classify(SPAM, D).tier, "minimal")
        with self.assertRaises(aigov.InvalidArgumentError):
            aigov.read_descriptor(SPAM, 2 ** 64)

    def test_as_of_with_nul(self):
        for bad in ("2028-01-01\0junk", "\x002028-01-01"):
            with self.subTest(as_of=bad), self.assertRaises(aigov.InvalidArgumentError):
                self.ev.classify(SPAM, bad)


if __name__ == "__main__":
    unittest.main()
