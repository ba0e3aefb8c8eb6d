"""Questions in full (issue 24): Evaluator.questions() reads
aigov_report_question_info and aigov_report_question_rule and agrees with the
report's own questions (same facts, same order, same rules affected)."""
import datetime
import json
import pathlib
import unittest

import _support
import aigov

BANK = pathlib.Path(_support.ROOT, "examples", "descriptors", "credit-scoring-bank.json")
D = datetime.date(2028, 1, 1)
RANKS = ("tier", "gpai", "role", "date", "duty")


class QuestionsTest(unittest.TestCase):
    def test_empty_descriptor_starts_with_tier_questions_in_rank_order(self):
        qs = aigov.questions({}, D)
        self.assertGreater(len(qs), 20)
        self.assertEqual(qs[0].rank, "tier")
        self.assertTrue(qs[0].affects_tier)
        ranks = [RANKS.index(q.rank) for q in qs]
        self.assertEqual(ranks, sorted(ranks))
        roles = next(q for q in qs if q.fact == "operator.roles")
        self.assertEqual(roles.type, "set")
        self.assertIn("deployer", roles.values)
        self.assertTrue(roles.source.startswith("Art. 3"))
        compute = next(q for q in qs if q.fact == "gpai.training_compute_flops")
        self.assertEqual(compute.type, "number")
        self.assertLess(compute.min, compute.max)

    def test_agrees_with_the_json_report(self):
        desc = json.loads(BANK.read_text(encoding="utf-8"))
        del desc["evidence"]["fria"]
        qs = aigov.questions(desc, D)
        report = aigov.evaluate(desc, D)
        self.assertEqual([q.fact for q in qs], [q.fact for q in report.questions])
        for mine, theirs in zip(qs, report.questions):
            self.assertEqual(list(mine.affects), theirs.affects)
            self.assertEqual(mine.affects_tier, theirs.affects_tier)
        fria = next(q for q in qs if q.fact == "evidence.fria")
        self.assertEqual(fria.type, "evidence")
        self.assertEqual(fria.values, ("implemented", "partial", "planned", "absent"))
        self.assertIn("eu.art27.1.fria", fria.affects)
        self.assertGreaterEqual(fria.affected_in_force, 1)

    def test_bad_descriptor_raises_with_path(self):
        with self.assertRaises(aigov.InputError) as cm:
            aigov.questions({"system": {"is_ai_system": "yes"}}, D)
        self.assertEqual(cm.exception.path, "$.system.is_ai_system")


if __name__ == "__main__":
    unittest.main()
