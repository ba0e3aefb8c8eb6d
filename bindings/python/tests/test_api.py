"""The Python API: descriptor forms, reports, errors, tables, compilation, lifetimes."""
import datetime
import gc
import glob
import json
import os
import pathlib
import pickle
import sys
import unittest

import _support
import aigov

SPAM = pathlib.Path(_support.ROOT, "examples", "descriptors", "spam-filter.json")
BANK = pathlib.Path(_support.ROOT, "examples", "descriptors", "credit-scoring-bank.json")
PORTFOLIO = pathlib.Path(_support.ROOT, "examples", "portfolio", "fintech-three-systems.json")
D = datetime.date(2028, 1, 1)

TINY_MANIFEST = {"format": "aigov-rules/1",
                 "manifest": {"revision": "tiny.1", "frameworks": [{"id": "eu_ai_act", "name": "Tiny"}]}}
TINY_RULES = {
    "format": "aigov-rules/1",
    "facts": [{"id": "system.uses_widgets", "type": "bool", "description": "Whether it uses widgets.",
               "ask": "Does the system use widgets?"}],
    "evidence": [{"id": "widget_register", "title": "Widget register", "description": "A register of widgets."}],
    "rules": [
        {"id": "tiny.hr", "kind": "definition", "framework": "eu_ai_act", "citation": "T. 1",
         "title": "Widget systems are high-risk", "classifies": "high_risk",
         "when": {"fact": "system.uses_widgets", "is": True}},
        {"id": "tiny.register", "kind": "obligation", "framework": "eu_ai_act", "citation": "T. 2",
         "title": "Keep a widget register", "holder": ["provider"], "applies_from": "2027-01-01",
         "when": {"rule": "tiny.hr"}, "evidence": ["widget_register"]},
    ],
}


def tiny_sources():
    return {"tiny/manifest.json": json.dumps(TINY_MANIFEST), "tiny/rules.json": json.dumps(TINY_RULES).encode()}


def builtin_sources():
    """rules/ as the build reads it: the list the build used (build/gen/rule-sources.txt)
    when there is one, else every source file, in byte order of the paths."""
    listed = os.path.join(os.path.dirname(os.path.realpath(aigov.library_path())), "gen", "rule-sources.txt")
    if os.path.exists(listed):
        with open(listed, encoding="utf-8") as f:
            names = f.read().split()
    else:
        names = [os.path.relpath(p, _support.ROOT)
                 for p in glob.glob(os.path.join(_support.ROOT, "rules", "**", "*.json"), recursive=True)
                 if not p.endswith(".schema.json")]
    out = {}
    for name in sorted(names, key=lambda n: n.encode()):
        with open(os.path.join(_support.ROOT, name), "rb") as f:
            out[name] = f.read()
    return out


class Library(unittest.TestCase):
    def test_version_and_path(self):
        self.assertEqual(aigov.library_version().split(".")[:2], ["0", "1"])
        self.assertTrue(os.path.exists(aigov.library_path()), aigov.library_path())

    def test_every_header_function_is_declared(self):
        with open(os.path.join(_support.ROOT, "include", "aigov.h"), encoding="utf-8") as f:
            header = f.read()
        import re
        names = set(re.findall(r"AIGOV_API\s+[^;(]*?\b(aigov_\w+)\s*\(", header))
        self.assertGreater(len(names), 25)
        self.assertEqual(names - set(aigov._lib.PROTOTYPES) - set(aigov._lib.OPTIONAL), set(),
                         "functions of aigov.h the binding lacks")

    def test_binding_expects_the_header_version(self):
        import re
        with open(os.path.join(_support.ROOT, "include", "aigov.h"), encoding="utf-8") as f:
            header = f.read()
        major = int(re.search(r"#define AIGOV_VERSION_MAJOR (\d+)", header).group(1))
        minor = int(re.search(r"#define AIGOV_VERSION_MINOR (\d+)", header).group(1))
        self.assertEqual((aigov._lib.EXPECTED_MAJOR, aigov._lib.EXPECTED_MINOR), (major, minor))
        number = aigov._LIBRARY.version_number
        self.assertEqual(aigov._lib.split_version(number)[:2], (major, minor))
        with open(os.path.join(_support.PY_DIR, "pyproject.toml"), encoding="utf-8") as f:
            self.assertIn('version = "%d.%d.' % (major, minor), f.read())

    def test_error_struct_layout(self):
        e = aigov._lib.Error
        self.assertEqual(e.message.size, 256)
        self.assertEqual(e.path.size, 256)
        self.assertEqual(e.source.size, 128)
        self.assertEqual(e.rule_id.size, 128)
        self.assertEqual(e.offset.offset, 4 + 256 + 256 + 128 + 128 + 4)  # int, 4 char arrays, padding
        self.assertEqual(aigov._lib.RuleInfo.applies_from.size, 11)
        self.assertEqual(aigov._lib.Obligation.applies_from.size, 11)

    def test_version_check(self):
        aigov._lib.check_version(100, "0.1.0", "x")
        aigov._lib.check_version(199, "0.1.99", "x")
        with self.assertRaises(ImportError) as cm:
            aigov._lib.check_version(200, "0.2.0", "/opt/lib/libaigov.so.0")
        msg = str(cm.exception)
        self.assertIn("0.2.0", msg)
        self.assertIn("/opt/lib/libaigov.so.0", msg)
        self.assertIn("expects 0.1.x", msg)
        with self.assertRaises(ImportError):
            aigov._lib.check_version(10100, "1.1.0", "x")

    def test_wrong_version_is_refused_at_load(self):
        import shutil
        import subprocess
        import tempfile
        cc = shutil.which("cc") or shutil.which("gcc")
        if not cc:
            self.skipTest("no C compiler for the stub library")
        with tempfile.TemporaryDirectory() as d:
            src = os.path.join(d, "stub.c")
            with open(src, "w") as f:
                f.write('const char *aigov_version(void) { return "0.2.3"; }\n'
                        'unsigned aigov_version_number(void) { return 203; }\n')
            lib = os.path.join(d, "libaigov.so.0")
            subprocess.run([cc, "-shared", "-fPIC", "-o", lib, src], check=True)
            with self.assertRaises(ImportError) as cm:
                aigov._lib.load(lib)
            msg = str(cm.exception)
            self.assertIn("0.2.3", msg)
            self.assertIn(lib, msg)
            self.assertIn("expects 0.1.x", msg)
            # ... and at import, through AIGOV_LIBRARY
            env = dict(os.environ, AIGOV_LIBRARY=lib, PYTHONPATH=_support.PY_DIR)
            r = subprocess.run([sys.executable, "-c", "import aigov"], capture_output=True, env=env)
            self.assertNotEqual(r.returncode, 0)
            self.assertIn(b"ImportError", r.stderr)
            self.assertIn(b"expects 0.1.x", r.stderr)

    def test_import_without_any_library(self):
        import subprocess
        env = {k: v for k, v in os.environ.items() if k not in ("AIGOV_LIBRARY", "PKG_CONFIG_PATH", "LD_LIBRARY_PATH")}
        env["PYTHONPATH"] = _support.PY_DIR
        r = subprocess.run([sys.executable, "-c", "import aigov; print(aigov.library_path())"],
                           capture_output=True, env=env)
        if r.returncode == 0:
            self.skipTest("a system libaigov is installed: %s" % r.stdout.decode().strip())
        self.assertIn(b"ImportError: libaigov 0.1 not found", r.stderr)
        self.assertIn(b"bundled copy", r.stderr)

    def test_missing_library(self):
        with self.assertRaises(ImportError) as cm:
            aigov._lib.load("/nonexistent/libaigov.so.0")
        self.assertIn("/nonexistent/libaigov.so.0", str(cm.exception))
        self.assertIn("AIGOV_LIBRARY", str(cm.exception))

    def test_not_libaigov(self):
        import ctypes.util
        libm = ctypes.util.find_library("m")
        if not libm:
            self.skipTest("no libm to try")
        with self.assertRaises(ImportError) as cm:
            aigov._lib.load(libm)
        self.assertIn("not libaigov", str(cm.exception))

    def test_lookup_order(self):
        saved = os.environ.get("AIGOV_LIBRARY")
        try:
            os.environ["AIGOV_LIBRARY"] = "/from/env.so"
            self.assertEqual(list(aigov._lib.candidates("/explicit.so")), [("explicit path", "/explicit.so")])
            self.assertEqual(list(aigov._lib.candidates()), [("AIGOV_LIBRARY", "/from/env.so")])
            del os.environ["AIGOV_LIBRARY"]
            hows = [how for how, _ in aigov._lib.candidates()]
            self.assertEqual(hows[0], "bundled copy")
            self.assertTrue(set(hows[1:]) <= {"ctypes.util.find_library", "pkg-config libdir"})
        finally:
            if saved is not None:
                os.environ["AIGOV_LIBRARY"] = saved

    def test_load_library_explicitly(self):
        path = aigov.library_path()
        self.assertEqual(aigov.load_library(path), path)
        with aigov.Evaluator() as ev:
            self.assertEqual(ev.classify(SPAM, D).tier, "minimal")


class Evaluating(unittest.TestCase):
    def setUp(self):
        self.ev = aigov.Evaluator()

    def tearDown(self):
        self.ev.close()

    def test_descriptor_forms_give_the_same_bytes(self):
        with open(SPAM, "rb") as f:
            raw = f.read()
        want = self.ev.evaluate(raw, D).raw_json
        self.assertEqual(self.ev.evaluate(SPAM, D).raw_json, want)
        self.assertEqual(self.ev.evaluate(pathlib.Path(SPAM), D).raw_json, want)
        self.assertEqual(self.ev.evaluate_file(str(SPAM), D).raw_json, want)
        with open(SPAM, "rb") as f:
            self.assertEqual(self.ev.evaluate_file(f, D).raw_json, want)
        self.assertEqual(self.ev.evaluate(raw.decode(), D).raw_json, want)
        self.assertEqual(self.ev.evaluate(bytearray(raw), D).raw_json, want)
        self.assertEqual(self.ev.evaluate(json.loads(raw), D).json(), json.loads(want))
        self.assertEqual(self.ev.evaluate(raw, "2028-01-01").raw_json, want)
        self.assertEqual(self.ev.evaluate(raw, datetime.datetime(2028, 1, 1, 12, 30)).raw_json, want)
        with self.assertRaises(TypeError):
            self.ev.evaluate(42, D)
        with self.assertRaises(TypeError):
            self.ev.evaluate(raw, 20280101)
        with self.assertRaises(ValueError):
            self.ev.evaluate(raw, D, format="yaml")

    def test_typed_report(self):
        r = self.ev.evaluate(BANK, D)
        data = json.loads(r.raw_json)
        self.assertEqual(r.json(), data)
        self.assertEqual(r.tier, data["classification"]["tier"])
        self.assertEqual(r.gpai, data["classification"]["gpai"])
        self.assertEqual(r.roles, data["classification"]["roles"])
        self.assertEqual(r.as_of, "2028-01-01")
        self.assertEqual(r.engine["rules_hash"], aigov.Table.builtin().hash)
        self.assertEqual(len(r.obligations), len(data["obligations"]))
        o = r.obligations[0]
        self.assertIsInstance(o, aigov.Obligation)
        self.assertEqual((o.id, o.status, o.in_force), (data["obligations"][0]["id"], data["obligations"][0]["status"],
                                                        data["obligations"][0]["in_force"]))
        self.assertTrue(all(isinstance(e, aigov.Evidence) for x in r.obligations for e in x.evidence))
        self.assertEqual([q.fact for q in r.questions], [q["fact"] for q in data["questions"]])
        s = r.summary
        self.assertIsInstance(s, aigov.Summary)
        self.assertEqual(s.in_force_gaps, data["summary"]["in_force_gaps"])
        self.assertEqual(s["in_force_gaps"], data["summary"]["in_force_gaps"])  # mapping access
        self.assertEqual(s.by_framework, data["summary"]["by_framework"])
        self.assertEqual(r.readiness, data["readiness"])
        self.assertEqual(r.next_actions, data["next_actions"])
        self.assertEqual(sum(1 for x in r.obligations if x.status == "gap" and x.in_force), s.in_force_gaps)
        self.assertIn("tier=high_risk", repr(r))

    def test_classify_reads_without_json(self):
        r = self.ev.evaluate(BANK, D)
        s = self.ev.classify(BANK, D)
        self.assertIsNone(s.by_framework)
        self.assertEqual(s, r.summary)
        self.assertEqual((s.tier, s.gpai), (r.tier, r.gpai))
        self.assertTrue(s.failing)
        self.assertEqual(aigov.classify(BANK, D), s)

    def test_formats(self):
        r = self.ev.evaluate(SPAM, D, format="markdown")
        self.assertEqual(r.rendered, self.ev.render(SPAM, D, "markdown"))
        self.assertEqual(r.raw_json, self.ev.render(SPAM, D, "json-full"))
        compact = json.loads(self.ev.render(SPAM, D))  # the default: rules by id
        self.assertEqual(compact["form"], "compact")
        # the compact form's obligations are runs of rules sharing date, status and crosswalk
        runs = compact["obligations"]
        self.assertNotIn("title", runs[0])
        self.assertEqual([m["id"] for run in runs for m in run["rules"]], [o.id for o in r.obligations])
        self.assertEqual([run["status"] for run in runs for m in run["rules"]], [o.status for o in r.obligations])
        self.assertEqual(r.tier, "minimal")
        self.assertTrue(r.text.startswith("#"), r.text[:40])
        self.assertIn(b"minimal", self.ev.render(SPAM, D, "text"))
        oscal = json.loads(self.ev.render(SPAM, D, "oscal"))
        self.assertIn("assessment-results", oscal)
        self.assertEqual(self.ev.render(SPAM, D, "oscal"), self.ev.render(SPAM, D, "oscal"))  # deterministic

    def test_portfolio(self):
        r = self.ev.evaluate(PORTFOLIO, D)
        self.assertTrue(r.is_portfolio)
        self.assertIsNone(r.tier)
        systems = r.systems
        self.assertEqual([s.index for s in systems], [0, 1, 2])
        self.assertTrue(all(s.name for s in systems))
        self.assertIsNone(systems[0].raw_json)
        self.assertIsNotNone(r.organisation)
        all_ = self.ev.classify_all(PORTFOLIO, D)
        self.assertEqual([s.tier for s in all_], [s.tier for s in systems])
        self.assertEqual([s.in_force_gaps for s in all_], [s.summary.in_force_gaps for s in systems])
        self.assertEqual(self.ev.system_count(PORTFOLIO, D), 3)
        self.assertEqual(self.ev.system_count(SPAM, D), 1)
        self.assertEqual(self.ev.classify(PORTFOLIO, D, 2), all_[2])
        with self.assertRaises(aigov.NotFoundError):
            self.ev.classify(PORTFOLIO, D, 3)
        self.assertIn("portfolio of 3", repr(r))


class Errors(unittest.TestCase):
    def setUp(self):
        self.ev = aigov.Evaluator()

    def tearDown(self):
        self.ev.close()

    def assertError(self, cls, code, name, desc, as_of="2028-01-01", path=None, ev=None):
        ev = ev or self.ev
        for call in (ev.evaluate, ev.classify, ev.render):
            with self.assertRaises(cls) as cm:
                call(desc, as_of)
            e = cm.exception
            self.assertIsInstance(e, aigov.AigovError)
            self.assertEqual((e.code, e.name), (code, name))
            self.assertTrue(e.message)
            if path is not None:
                self.assertEqual(e.path, path)
        return e

    def test_input_error_carries_code_path_and_offset(self):
        e = self.assertError(aigov.InputError, -4, "AIGOV_EINPUT", {"system": {"annex_iii": {"points": 5}}},
                             path="$.system.annex_iii.points")
        self.assertEqual(e.source, "descriptor")
        self.assertGreater(e.offset, 0)
        self.assertIn("$.system.annex_iii.points", str(e))
        self.assertIsInstance(e, ValueError)
        e = self.assertError(aigov.InputError, -4, "AIGOV_EINPUT", b'{"nope": 1}', path="$.nope")
        self.assertIn("nope", e.message)

    def test_syntax_limit_and_argument_errors(self):
        self.assertError(aigov.JSONSyntaxError, -3, "AIGOV_ESYNTAX", b"{")
        self.assertError(aigov.JSONSyntaxError, -3, "AIGOV_ESYNTAX", b"{} trailing")
        self.assertError(aigov.JSONSyntaxError, -3, "AIGOV_ESYNTAX", b"")
        self.assertError(aigov.InvalidArgumentError, -1, "AIGOV_EINVAL", b"{}", as_of="2028-02-30")
        self.assertError(aigov.InvalidArgumentError, -1, "AIGOV_EINVAL", b"{}", as_of="tomorrow")
        with aigov.Evaluator(max_depth=3) as ev:
            self.assertError(aigov.LimitError, -5, "AIGOV_ELIMIT", b'{"system":{"annex_iii":{"points":[[[]]]}}}', ev=ev)
        with aigov.Evaluator(max_input=16) as ev:
            self.assertError(aigov.LimitError, -5, "AIGOV_ELIMIT", b'{"system": {"name": "x"}}', ev=ev)
            self.assertEqual(ev.classify(b"{}", D).tier, "undetermined")

    def test_context_stays_usable_after_errors(self):
        want = self.ev.evaluate(SPAM, D).raw_json
        for bad in (b"{", b'{"nope":1}', b"[]"):
            with self.assertRaises(aigov.AigovError):
                self.ev.evaluate(bad, D)
            self.assertEqual(self.ev.evaluate(SPAM, D).raw_json, want)

    def test_errors_pickle(self):
        try:
            self.ev.evaluate(b'{"nope": 1}', D)
        except aigov.InputError as e:
            e2 = pickle.loads(pickle.dumps(e))
            self.assertEqual((type(e2), e2.code, e2.name, e2.message, e2.path, e2.offset),
                             (type(e), e.code, e.name, e.message, e.path, e.offset))
            self.assertEqual(str(e2), str(e))


class Tables(unittest.TestCase):
    def test_builtin_catalogue(self):
        t = aigov.Table.builtin()
        self.assertIs(t, aigov.Table.builtin())
        self.assertTrue(t.is_builtin)
        self.assertTrue(t.hash.startswith("sha256:") and len(t.hash) == 71)
        self.assertTrue(t.revision)
        rules = t.rules()
        self.assertEqual(len(rules), len(t))
        infos = list(t)
        self.assertEqual([r.id for r in infos], [r["id"] for r in rules])
        self.assertEqual([r.kind for r in infos], [r["kind"] for r in rules])
        self.assertEqual([r.citation for r in infos], [r["citation"] for r in rules])
        fria = t.rule("eu.art27.1.fria")
        self.assertEqual((fria.citation, fria.kind, fria.framework), ("Art. 27(1)", "obligation", "eu_ai_act"))
        self.assertRegex(fria.applies_from, r"^\d{4}-\d{2}-\d{2}$")
        self.assertIn("eu.art27.1.fria", t)
        self.assertNotIn("eu.nothing", t)
        with self.assertRaises(aigov.NotFoundError) as cm:
            t.rule("eu.nothing")
        self.assertEqual(cm.exception.code, -7)
        self.assertIn("Art. 27(1)", t.explain("eu.art27.1.fria"))
        with self.assertRaises(aigov.NotFoundError):
            t.explain("eu.nothing")
        schema = t.descriptor_schema()
        self.assertIn("$schema", schema)
        self.assertIn("system", schema["properties"])
        self.assertIn(b"eu.art27.1.fria", t.render_rules("markdown"))
        t.close()  # the builtin table is static: closing it does nothing
        t.close()
        self.assertFalse(t.closed)
        self.assertEqual(len(t), len(rules))

    def test_compile_tiny_rule_set(self):
        with aigov.Table.compile(tiny_sources()) as t:
            self.assertFalse(t.is_builtin)
            self.assertEqual(t.revision, "tiny.1")
            self.assertEqual([(r.id, r.kind) for r in t], [("tiny.hr", "definition"), ("tiny.register", "obligation")])
            self.assertEqual(t.hash, aigov.Table.compile(tiny_sources()).hash)
            self.assertNotEqual(t.hash, aigov.Table.builtin().hash)
            self.assertEqual(set(t.descriptor_schema()["properties"]) >= {"system", "evidence"}, True)
            with aigov.Evaluator(t) as ev:
                r = ev.evaluate({}, D)
                self.assertEqual(r.tier, "undetermined")
                self.assertEqual([q.fact for q in r.questions], ["system.uses_widgets"])
                self.assertTrue(r.questions[0].affects_tier)
                r = ev.evaluate({"system": {"uses_widgets": True}, "evidence": {"widget_register": {"state": "absent"}}}, D)
                self.assertEqual(r.tier, "high_risk")
                self.assertEqual([(o.id, o.status, o.in_force) for o in r.obligations], [("tiny.register", "gap", True)])
                self.assertEqual(r.summary.in_force_gaps, 1)
                self.assertEqual(ev.classify({"system": {"uses_widgets": True}, "evidence": {"widget_register": {"state": "absent"}}},
                                             "2026-06-01").in_force_gaps, 0)  # not yet in force
                s = ev.classify({"system": {"uses_widgets": True},
                                 "evidence": {"widget_register": {"state": "implemented", "ref": "REG-1"}}}, D)
                self.assertEqual((s.tier, s.met, s.gap), ("high_risk", 1, 0))
                self.assertEqual(ev.classify({"system": {"uses_widgets": False}}, D).tier, "minimal")
                with self.assertRaises(aigov.InputError) as cm:
                    ev.evaluate({"system": {"annex_iii": {"points": []}}}, D)  # not a fact of this table
                self.assertTrue(cm.exception.path.startswith("$.system"))

    def test_compile_from_paths(self):
        import tempfile
        with tempfile.TemporaryDirectory() as d:
            paths = []
            for name, data in tiny_sources().items():
                p = os.path.join(d, os.path.basename(name))
                with open(p, "wb") as f:
                    f.write(data.encode() if isinstance(data, str) else data)
                paths.append(p)
            with aigov.Table.compile(paths) as t:
                self.assertEqual(t.revision, "tiny.1")
        with self.assertRaises(TypeError):
            aigov.Table.compile("rules/manifest.json")

    def test_compile_builtin_sources_gives_the_builtin_table(self):
        builtin = aigov.Table.builtin()
        with aigov.Table.compile(builtin_sources()) as t:
            self.assertEqual(t.hash, builtin.hash)
            self.assertEqual(len(t), len(builtin))
            with aigov.Evaluator(t) as ev, aigov.Evaluator(builtin) as ev0:
                for path in _support.example_descriptors()[:4]:
                    self.assertEqual(ev.render(pathlib.Path(path), D), ev0.render(pathlib.Path(path), D))

    def test_compile_errors_name_source_rule_and_path(self):
        bad = json.loads(json.dumps(TINY_RULES))
        bad["rules"][1]["when"] = {"fact": "system.no_such_fact", "is": True}
        srcs = tiny_sources()
        srcs["tiny/rules.json"] = json.dumps(bad)
        with self.assertRaises(aigov.RulesError) as cm:
            aigov.Table.compile(srcs)
        e = cm.exception
        self.assertEqual((e.code, e.name), (-6, "AIGOV_ERULES"))
        self.assertEqual(e.source, "tiny/rules.json")
        self.assertEqual(e.rule_id, "tiny.register")
        self.assertTrue(e.path.startswith("$.rules[1]"), e.path)
        self.assertIn("system.no_such_fact", e.message)
        with self.assertRaises(aigov.RulesError) as cm:
            aigov.Table.compile({"only.json": json.dumps(TINY_RULES)})
        self.assertIn("manifest", cm.exception.message)
        with self.assertRaises(aigov.JSONSyntaxError) as cm:
            aigov.Table.compile({"tiny/manifest.json": json.dumps(TINY_MANIFEST), "broken.json": "{"})
        self.assertEqual(cm.exception.source, "broken.json")


class Lifetimes(unittest.TestCase):
    def test_close_is_idempotent_and_final(self):
        t = aigov.Table.compile(tiny_sources())
        ev = aigov.Evaluator(t)
        self.assertEqual(ev.classify({}, D).tier, "undetermined")
        ev.close()
        ev.close()
        self.assertTrue(ev.closed)
        with self.assertRaises(ValueError):
            ev.classify({}, D)
        with self.assertRaises(ValueError):
            ev.evaluate({}, D)
        t.close()
        t.close()
        self.assertTrue(t.closed)
        with self.assertRaises(ValueError):
            t.hash
        with self.assertRaises(ValueError):
            aigov.Evaluator(t)

    def test_closing_a_table_closes_its_evaluators(self):
        t = aigov.Table.compile(tiny_sources())
        ev = aigov.Evaluator(t)
        ev.classify({}, D)
        t.close()
        self.assertTrue(ev.closed)
        with self.assertRaises(ValueError):
            ev.classify({}, D)

    def test_context_managers(self):
        with aigov.Table.compile(tiny_sources()) as t, aigov.Evaluator(t) as ev:
            ev.classify({}, D)
        self.assertTrue(ev.closed and t.closed)

    def test_finalizers_free_without_close(self):
        # Dropped without close(): the finalizers free the contexts, then the table.
        import weakref
        t = aigov.Table.compile(tiny_sources())
        handle = weakref.ref(t._h)
        ev = aigov.Evaluator(t)
        ev.classify({}, D)
        contexts = ev._contexts
        del ev
        gc.collect()
        self.assertEqual(contexts.count(), 0)
        self.assertIsNotNone(handle())  # still owned by the Table
        del t
        gc.collect()
        self.assertIsNone(handle())

    def test_table_outlives_its_evaluator(self):
        # An evaluator keeps the table's C object alive even if the Table wrapper goes.
        ev = aigov.Evaluator(aigov.Table.compile(tiny_sources()))
        gc.collect()
        self.assertEqual(ev.classify({"system": {"uses_widgets": True}}, D).tier, "high_risk")
        ev.close()


if __name__ == "__main__":
    unittest.main()
