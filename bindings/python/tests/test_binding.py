"""The Python binding against the shared golden suite and the C CLI."""
import datetime
import glob
import json
import os
import subprocess
import threading
import unittest

import aigov

ROOT = os.environ.get("AIGOV_ROOT", os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..")))
CLI = os.environ.get("AIGOV_CLI", os.path.join(ROOT, "build", "aigov"))


def cases():
    for path in sorted(glob.glob(os.path.join(ROOT, "test", "golden", "*.json"))):
        with open(path, encoding="utf-8") as f:
            case = json.load(f)
        if "descriptor" in case:
            desc = json.dumps(case["descriptor"], separators=(",", ":")).encode()
        elif "descriptor_file" in case:
            with open(os.path.join(ROOT, case["descriptor_file"]), "rb") as f:
                desc = f.read()
        else:
            desc = case["descriptor_raw"].encode()
        yield os.path.basename(path), case, desc


def cli_json(desc: bytes, as_of: str) -> bytes:
    out = subprocess.run([CLI, "eval", "-", "--as-of", as_of, "--format", "json", "--fail-on", "none"],
                         input=desc, capture_output=True, check=True)
    return out.stdout.rstrip(b"\n")


class GoldenSuite(unittest.TestCase):
    def test_golden_cases_through_the_binding(self):
        with aigov.Evaluator() as ev:
            n = 0
            for name, case, desc in cases():
                exp = case["expect"]
                with self.subTest(case=name):
                    if exp.get("error"):
                        with self.assertRaises(aigov.AigovError) as cm:
                            ev.evaluate(desc, case["as_of"])
                        self.assertEqual(cm.exception.name, exp["error"])
                        if "error_path" in exp:
                            self.assertEqual(cm.exception.path, exp["error_path"])
                        continue
                    r = ev.evaluate(desc, case["as_of"])
                    if "tier" in exp:
                        self.assertEqual(r.tier, exp["tier"])
                    if "gpai" in exp:
                        self.assertEqual(r.gpai, exp["gpai"])
                    if "roles" in exp:
                        self.assertEqual(sorted(r.roles), sorted(exp["roles"]))
                    status = {o.id: o for o in r.obligations}
                    for rid, st in exp.get("status", {}).items():
                        self.assertEqual(status[rid].status, st, rid)
                    for rid, f in exp.get("in_force", {}).items():
                        self.assertEqual(status[rid].in_force, f, rid)
                    asked = {q.fact for q in r.questions}
                    for fact in exp.get("questions_include", []):
                        self.assertIn(fact, asked)
                    for fact in exp.get("questions_exclude", []):
                        self.assertNotIn(fact, asked)
                    s = ev.classify(desc, case["as_of"])
                    self.assertEqual((s.tier, s.gpai), (r.tier, r.gpai))
                    self.assertEqual(s.in_force_gaps, r.summary["in_force_gaps"])
                    n += 1
            self.assertGreater(n, 100)

    def test_byte_identical_to_the_cli(self):
        descs = [d for _, c, d in cases() if not c["expect"].get("error")]
        for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*", "*.json"))):
            with open(path, "rb") as f:
                descs.append(f.read())
        with aigov.Evaluator() as ev:
            for i, desc in enumerate(descs):
                for as_of in ("2026-11-22", "2028-01-01"):
                    with self.subTest(i=i, as_of=as_of):
                        self.assertEqual(ev.render(desc, as_of), cli_json(desc, as_of))


class Api(unittest.TestCase):
    def test_descriptor_forms_and_dates(self):
        path = os.path.join(ROOT, "examples", "descriptors", "spam-filter.json")
        with open(path, "rb") as f:
            raw = f.read()
        with aigov.Evaluator() as ev:
            a = ev.evaluate(path, datetime.date(2028, 1, 1)).raw_json
            self.assertEqual(a, ev.evaluate(raw, "2028-01-01").raw_json)
            self.assertEqual(a, ev.evaluate(raw.decode(), "2028-01-01").raw_json)
            self.assertEqual(ev.evaluate(json.loads(raw), "2028-01-01").data, json.loads(a))
            self.assertIn(b"Tier:", ev.render(raw, "2028-01-01", "text"))
            self.assertIn(b"| Status |", ev.render(raw, "2028-01-01", "markdown"))

    def test_errors_carry_code_and_path(self):
        with aigov.Evaluator() as ev:
            with self.assertRaises(aigov.InputError) as cm:
                ev.evaluate({"system": {"annex_iii": {"points": ["9z"]}}}, "2028-01-01")
            self.assertEqual(cm.exception.path, "$.system.annex_iii.points[0]")
            self.assertEqual(cm.exception.code, -4)
            with self.assertRaises(aigov.JSONSyntaxError):
                ev.evaluate(b"{", "2028-01-01")
            with self.assertRaises(aigov.InvalidArgumentError):
                ev.evaluate(b"{}", "2028-02-30")

    def test_table_catalogue_and_compile(self):
        t = aigov.Table.builtin()
        self.assertGreater(len(t), 100)
        self.assertTrue(t.hash.startswith("sha256:"))
        self.assertTrue(any(r["id"] == "eu.art27.1.fria" for r in t.rules()))
        self.assertIn("Art. 27(1)", t.explain("eu.art27.1.fria"))
        self.assertEqual(t.descriptor_schema()["type"], "object")
        with self.assertRaises(aigov.NotFoundError):
            t.explain("eu.nothing")
        srcs = sorted(p for p in glob.glob(os.path.join(ROOT, "rules", "**", "*.json"), recursive=True)
                      if not p.endswith(".schema.json"))
        mine = {os.path.relpath(p, ROOT): open(p, "rb").read() for p in srcs}
        with aigov.Table.compile(mine) as c:
            self.assertEqual(c.hash, t.hash)
            with aigov.Evaluator(c) as ev:
                self.assertEqual(ev.evaluate(b"{}", "2028-01-01").raw_json,
                                 aigov.Evaluator(t).evaluate(b"{}", "2028-01-01").raw_json)
        with self.assertRaises(aigov.RulesError) as cm:
            aigov.Table.compile({"x.json": '{"format":"aigov-rules/1"}'})
        self.assertIn("manifest", cm.exception.message)
        c = aigov.Table.compile(mine)
        c.close()
        c.close()  # idempotent

    def test_portfolio(self):
        path = os.path.join(ROOT, "examples", "portfolio", "fintech-three-systems.json")
        with aigov.Evaluator() as ev:
            r = ev.evaluate(path, "2028-01-01")
            self.assertTrue(r.is_portfolio)
            self.assertEqual([s.tier for s in r.systems], ["high_risk", "limited", "minimal"])
            self.assertEqual(ev.classify(path, "2028-01-01", 2).tier, "minimal")

    def test_threads_give_the_sequential_answers(self):
        descs = [d for _, c, d in cases() if not c["expect"].get("error")][:40]
        with aigov.Evaluator() as ev:
            want = [ev.render(d, "2028-01-01") for d in descs]
            errors = []

            def run():
                try:
                    for _ in range(5):
                        for d, w in zip(descs, want):
                            if ev.render(d, "2028-01-01") != w:
                                errors.append("mismatch")
                except Exception as e:  # noqa: BLE001 - report any failure
                    errors.append(repr(e))

            ts = [threading.Thread(target=run) for _ in range(8)]
            for t in ts:
                t.start()
            for t in ts:
                t.join()
            self.assertEqual(errors, [])
        ev.close()  # idempotent


if __name__ == "__main__":
    unittest.main()


class CiGate(unittest.TestCase):
    def test_gate_fails_on_gaps_and_writes_markdown(self):
        import importlib.util
        import tempfile
        spec = importlib.util.spec_from_file_location("aigov_gate", os.path.join(ROOT, "examples", "ci-gate", "aigov_gate.py"))
        gate = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(gate)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "gate.md")
            rc = gate.main([os.path.join(ROOT, "examples", "descriptors", "*.json"), "--as-of", "2028-01-01", "--output", out])
            with open(out, encoding="utf-8") as f:
                md = f.read()
            self.assertEqual(rc, 1)
            self.assertIn("| Descriptor | System | Tier |", md)
            self.assertIn("**prohibited**", md)
            rc = gate.main([os.path.join(ROOT, "examples", "descriptors", "spam-filter.json"), "--as-of", "2028-01-01", "--output", out])
            self.assertEqual(rc, 0)
            bad = os.path.join(d, "bad.json")
            with open(bad, "w") as f:
                f.write('{"system": {"annex_iii": {"points": 5}}}')
            self.assertEqual(gate.main([bad, "--as-of", "2028-01-01", "--output", out]), 2)
            with open(out, encoding="utf-8") as f:
                self.assertIn("$.system.annex_iii.points", f.read())
