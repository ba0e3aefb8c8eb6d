"""The shared golden suite (test/golden/*.json) through the binding: tier,
GPAI class, roles, statuses, in-force flags and questions as the cases
expect. `values` (results of definitions) needs the library's internal API
and is checked by the C runner only."""
import json
import unittest

import _support  # noqa: F401  (sets the library path)
import aigov


class GoldenCases(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ev = aigov.Evaluator()

    @classmethod
    def tearDownClass(cls):
        cls.ev.close()

    def check(self, name, case, desc):
        exp = case["expect"]
        as_of = case["as_of"]
        if exp.get("error"):
            with self.assertRaises(aigov.AigovError) as cm:
                self.ev.evaluate(desc, as_of)
            self.assertEqual(cm.exception.name, exp["error"])
            if "error_path" in exp:
                self.assertEqual(cm.exception.path, exp["error_path"])
            with self.assertRaises(aigov.AigovError) as cm2:
                self.ev.classify(desc, as_of)
            self.assertEqual(cm2.exception.code, cm.exception.code)
            return
        r = self.ev.evaluate(desc, as_of)
        if "tier" in exp:
            self.assertEqual(r.tier, exp["tier"], "tier")
        if "gpai" in exp:
            self.assertEqual(r.gpai, exp["gpai"], "gpai")
        if "roles" in exp:
            self.assertEqual(sorted(r.roles), sorted(exp["roles"]), "roles")
        by_id = {o.id: o for o in r.obligations}
        for rid, status in exp.get("status", {}).items():
            self.assertIn(rid, by_id, "%s is not reported" % rid)
            self.assertEqual(by_id[rid].status, status, rid)
        for rid, in_force in exp.get("in_force", {}).items():
            self.assertEqual(by_id[rid].in_force, in_force, rid)
        asked = {q.fact for q in r.questions}
        for fact in exp.get("questions_include", []):
            self.assertIn(fact, asked)
        for fact in exp.get("questions_exclude", []):
            self.assertNotIn(fact, asked)
        # The fast path (C accessors, no JSON) agrees with the JSON report.
        self.assertEqual(self.ev.classify(desc, as_of), r.summary)
        # So do the typed views with the raw JSON.
        data = json.loads(r.raw_json)
        self.assertEqual(r.json(), data)
        self.assertEqual([o.status for o in r.obligations], [o["status"] for o in data["obligations"]])

    def test_every_golden_case(self):
        n = 0
        for name, case, desc, _ in _support.golden_cases():
            with self.subTest(case=name):
                self.check(name, case, desc)
            n += 1
        self.assertGreater(n, 100, "the golden suite went missing")

    def test_full_scenarios(self):
        """test/golden/full: the expectations of the end-to-end scenarios (their
        whole reports are compared byte for byte by the C runner, and the
        binding's bytes with the CLI's in test_cli)."""
        n = 0
        for name, case, desc, _ in _support.golden_cases(full=True):
            with self.subTest(case=name):
                self.check(name, case, desc)
            n += 1
        if n == 0:
            self.skipTest("no test/golden/full cases")

if __name__ == "__main__":
    unittest.main()
