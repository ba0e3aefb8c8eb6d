"""The typed report is read through the library's report accessors
(aigov_report_overview, _obligation, _obligation_reason, ...), never by
parsing JSON; the JSON-built report (Report(raw JSON of the full form)) is
the oracle. For every golden case (test/golden, test/golden/full, the
several-systems ones included) and every bundled example, the two are equal
field by field: the whole data, then each typed view."""
import glob
import json
import os
import threading
import unittest

import _support  # noqa: F401  (sets the library path)
import aigov
from aigov import _report


def all_descriptors():
    """(name, descriptor bytes, as_of) of every golden case and bundled example."""
    for full in (False, True):
        pattern = os.path.join(_support.ROOT, "test", "golden", "full" if full else "", "*.json")
        for path in sorted(glob.glob(pattern)):
            if path.endswith(".report.json"):
                continue
            with open(path, encoding="utf-8") as f:
                case = json.load(f)
            if (case.get("expect") or {}).get("error"):
                continue
            desc = json.dumps(case["descriptor"], ensure_ascii=False, separators=(",", ":")).encode("utf-8")
            yield os.path.relpath(path, _support.ROOT), desc, case["as_of"]
    for path in _support.example_descriptors():
        with open(path, "rb") as f:
            yield os.path.relpath(path, _support.ROOT), f.read(), "2028-01-01"


class TypedFromAccessors(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.ev = aigov.Evaluator()

    @classmethod
    def tearDownClass(cls):
        cls.ev.close()

    def assert_same_part(self, got, want, where):
        """Every typed view of one report part (a whole report, a system's, the organisation's),
        then the whole data (the views first: they read the sections one by one)."""
        for name in ("tier", "gpai", "possible_tiers", "possible_gpai", "roles", "classification", "as_of",
                     "engine", "readiness", "next_actions", "statement_of_applicability", "index", "name"):
            self.assertEqual(getattr(got, name), getattr(want, name), "%s: %s" % (where, name))
        go, wo = got.obligations, want.obligations
        self.assertEqual(len(go), len(wo), where + ": obligations")
        for a, b in zip(go, wo):
            self.assertEqual(a, b, "%s: obligation %s" % (where, b.id))
            self.assertEqual(a.extra, b.extra, "%s: obligation %s (keys past the typed fields)" % (where, b.id))
            self.assertEqual([e.extra for e in a.evidence], [e.extra for e in b.evidence], b.id)
        self.assertEqual(got.questions, want.questions, where + ": questions")
        self.assertEqual([q.extra for q in got.questions], [q.extra for q in want.questions], where)
        gs, ws = got.summary, want.summary
        self.assertEqual(gs, ws, where + ": summary")
        self.assertEqual((gs.by_framework, gs.legal_in_force_gaps), (ws.by_framework, ws.legal_in_force_gaps),
                         where + ": summary by framework")
        self.assertEqual(got.json(), want.json(), where + ": the data")

    def test_every_golden_case_and_example(self):
        n = portfolios = 0
        for name, desc, as_of in all_descriptors():
            with self.subTest(case=name):
                # one case in two: the sections come from the context's report still there;
                # the other: rendering the oracle ran in between, so from a new evaluation
                if n % 2:
                    oracle = aigov.Report(self.ev.render(desc, as_of, "json-full"))
                    got = self.ev.evaluate(desc, as_of)
                else:
                    got = self.ev.evaluate(desc, as_of)
                    oracle = aigov.Report(self.ev.render(desc, as_of, "json-full"))
                self.assertEqual(got.is_portfolio, oracle.is_portfolio)
                if got.is_portfolio:
                    portfolios += 1
                    gsys, wsys = got.systems, oracle.systems
                    self.assertEqual(len(gsys), len(wsys))
                    for k, (a, b) in enumerate(zip(gsys, wsys)):
                        self.assert_same_part(a, b, "%s system %d" % (name, k))
                    self.assert_same_part(got.organisation, oracle.organisation, name + " organisation")
                self.assert_same_part(got, oracle, name)
                # raw_json, rendered on first use, is the oracle's bytes
                self.assertEqual(got.raw_json, oracle.raw_json)
            n += 1
        self.assertGreater(n, 300, "the golden suite went missing")
        self.assertGreater(portfolios, 3, "no descriptor of several systems was compared")

    def test_evaluate_neither_renders_nor_parses(self):
        """evaluate() and every typed view work with the JSON renderer and parser disabled:
        the typed report cannot come from JSON."""
        path = os.path.join(_support.ROOT, "examples", "portfolio", "fintech-three-systems.json")
        with open(path, "rb") as f:
            portfolio = f.read()
        with open(os.path.join(_support.ROOT, "examples", "descriptors", "credit-scoring-bank.json"), "rb") as f:
            single = f.read()
        c = self.ev._lib.c
        saved = (c.aigov_eval_render, c.aigov_report_render, _report._json.loads)

        def refuse(*a, **k):
            raise AssertionError("the typed report rendered or parsed JSON")
        c.aigov_eval_render = c.aigov_report_render = refuse
        _report._json.loads = refuse
        try:
            for desc in (single, portfolio):
                r = self.ev.evaluate(desc, "2028-01-01")
                parts = (r.systems + [r.organisation]) if r.is_portfolio else [r]
                for p in parts:
                    self.assertTrue(p.obligations)
                    p.questions, p.summary, p.readiness, p.next_actions, p.statement_of_applicability
                self.assertGreater(sum(len(p.obligations) for p in parts), 50)
        finally:
            c.aigov_eval_render, c.aigov_report_render, _report._json.loads = saved
        self.assertEqual(r.raw_json, self.ev.render(portfolio, "2028-01-01", "json-full"))

    def test_raw_json_and_sections_after_the_evaluator_is_closed(self):
        """raw_json and the sections are read on first use: after close(), on a context of
        their own; in another thread, on that thread's context."""
        path = os.path.join(_support.ROOT, "examples", "descriptors", "credit-scoring-bank.json")
        want = aigov.Report(_support.cli_json(path, "2028-01-01"))
        with aigov.Evaluator() as ev:
            r = ev.evaluate_file(path, "2028-01-01")
            other = ev.evaluate_file(path, "2028-01-01")
            got = []
            t = threading.Thread(target=lambda: got.append((other.obligations, other.questions)))
            t.start()
            t.join()
            self.assertEqual(got, [(want.obligations, want.questions)])
        self.assertTrue(ev.closed)
        self.assertEqual(r.obligations, want.obligations)
        self.assertEqual(r.json(), want.json())
        self.assertEqual(r.raw_json, want.raw_json)


if __name__ == "__main__":
    unittest.main()
