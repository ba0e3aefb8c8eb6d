"""Evaluator.verdict: the library's one verdict (issue 19, point 1), what
python -m aigov and the CI gate fail on."""
import json
import pathlib
import unittest

import _support
import aigov
from aigov import _verdict

D = "2028-01-01"
EX = pathlib.Path(_support.ROOT, "examples")
FILES = sorted(EX.glob("descriptors/*.json")) + sorted(EX.glob("portfolio/*.json"))


class Verdicts(unittest.TestCase):
    def setUp(self):
        self.ev = aigov.Evaluator()

    def tearDown(self):
        self.ev.close()

    def test_same_as_the_cli_under_every_policy(self):
        for path in FILES:
            for fail_on in ("gap", "prohibited", "unknown", "none"):
                with self.subTest(path=path.name, fail_on=fail_on):
                    code = _support.cli("eval", str(path), "--as-of", D, "--format", "json", "--fail-on", fail_on)[0]
                    self.assertEqual(self.ev.verdict(path, D, fail_on).exit_status, code)

    def test_rendered_from_the_same_evaluation(self):
        for path in FILES:
            v = self.ev.verdict(path, D, "gap", "json")
            self.assertEqual(v.rendered, self.ev.render(path, D))
            want = _verdict.verdict_from_report(v.rendered, aigov.FAIL_ON["gap"])
            self.assertEqual(v, want, path.name)  # the JSON report states the same verdict
            self.assertIsNone(self.ev.verdict(path, D).rendered)

    def test_without_the_library_function_the_same_answer(self):
        # An older libaigov has no aigov_eval_verdict: the binding computes it from the JSON.
        c = aigov._LIBRARY.c
        saved = c.aigov_eval_verdict
        if saved is None:
            self.skipTest("this libaigov has no aigov_eval_verdict")
        try:
            native = [self.ev.verdict(p, D, "unknown", "markdown") for p in FILES]
            c.aigov_eval_verdict = None
            fallback = [self.ev.verdict(p, D, "unknown", "markdown") for p in FILES]
        finally:
            c.aigov_eval_verdict = saved
        self.assertEqual(native, fallback)
        self.assertEqual([v.rendered for v in native], [v.rendered for v in fallback])

    def test_arguments(self):
        with self.assertRaises(ValueError):
            self.ev.verdict({}, D, "sometimes")
        for bad in (4, -1, 2 ** 64):
            with self.subTest(fail_on=bad), self.assertRaises(aigov.InvalidArgumentError):
                self.ev.verdict({}, D, bad)
        with self.assertRaises(aigov.JSONSyntaxError):
            self.ev.verdict("not json", D)
        folio = self.ev.verdict(EX / "portfolio" / "fintech-three-systems.json", D)
        self.assertEqual(folio.systems, 3)
        self.assertEqual(folio.tiers, ("high_risk", "limited", "minimal"))
        self.assertEqual(folio.tier, "high_risk")
        self.assertEqual(json.loads(self.ev.render(EX / "portfolio" / "fintech-three-systems.json", D))
                         ["organisation"]["summary"]["in_force_gaps"], folio.organisation_in_force_gaps)


if __name__ == "__main__":
    unittest.main()
