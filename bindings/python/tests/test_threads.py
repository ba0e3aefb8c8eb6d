"""Concurrency: one Evaluator shared by many threads, one C context each."""
import ctypes
import threading
import unittest

import _support
import aigov

THREADS = 8
EVALS = 200
AS_OF = "2028-01-01"


def descriptors():
    out = [d for _, c, d, _ in _support.golden_cases() if not c["expect"].get("error")]
    for path in _support.example_descriptors():
        with open(path, "rb") as f:
            out.append(f.read())
    return out


def run_threads(n, target):
    errors = []

    def wrap(k):
        try:
            target(k)
        except BaseException as e:  # noqa: BLE001 - collected and reported by the test
            errors.append("thread %d: %r" % (k, e))

    ts = [threading.Thread(target=wrap, args=(k,)) for k in range(n)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return errors


class Threads(unittest.TestCase):
    def test_the_gil_is_released(self):
        # ctypes.CDLL (not PyDLL) drops the GIL around every foreign call.
        lib = aigov._LIBRARY.c
        self.assertIsInstance(lib, ctypes.CDLL)
        self.assertNotIsInstance(lib, ctypes.PyDLL)
        self.assertFalse(lib._func_flags_ & ctypes._FUNCFLAG_PYTHONAPI)

    def test_threads_give_the_sequential_answers(self):
        docs = descriptors()
        with aigov.Evaluator() as ev:
            want_json = [ev.render(d, AS_OF) for d in docs]
            want_sum = [ev.classify(d, AS_OF) for d in docs]
            mismatches = []

            def work(k):
                for i in range(EVALS):
                    j = (k * 37 + i * 11) % len(docs)
                    if i % 2:
                        if ev.render(docs[j], AS_OF) != want_json[j]:
                            mismatches.append((k, i, j, "json"))
                    elif ev.classify(docs[j], AS_OF) != want_sum[j]:
                        mismatches.append((k, i, j, "summary"))

            errors = run_threads(THREADS, work)
            self.assertEqual(errors, [])
            self.assertEqual(mismatches, [])
            self.assertEqual(ev._contexts.count(), 1, "contexts of finished threads are freed")

    def test_errors_in_threads_do_not_disturb_others(self):
        with aigov.Evaluator() as ev:
            good = descriptors()[0]
            want = ev.render(good, AS_OF)
            bad = {"system": {"annex_iii": {"points": 5}}}

            def work(k):
                for i in range(100):
                    if (i + k) % 3 == 0:
                        try:
                            ev.classify(bad, AS_OF)
                        except aigov.InputError as e:
                            assert e.path == "$.system.annex_iii.points", e.path
                        else:
                            raise AssertionError("no error")
                    else:
                        assert ev.render(good, AS_OF) == want

            self.assertEqual(run_threads(THREADS, work), [])

    def test_thread_churn_frees_contexts(self):
        with aigov.Evaluator() as ev:
            for _ in range(5):
                self.assertEqual(run_threads(10, lambda k: ev.classify({}, AS_OF)), [])
            self.assertEqual(ev._contexts.count(), 0)

    def test_close_while_other_threads_evaluate(self):
        ev = aigov.Evaluator()
        doc = descriptors()[0]
        started = threading.Barrier(THREADS + 1)
        outcomes = []

        def work(k):
            started.wait()
            try:
                for _ in range(2000):
                    ev.render(doc, AS_OF)
                outcomes.append("finished")
            except ValueError:
                outcomes.append("closed")

        ts = [threading.Thread(target=work, args=(k,)) for k in range(THREADS)]
        for t in ts:
            t.start()
        started.wait()
        ev.close()  # in-flight calls finish; later ones raise ValueError; no crash
        for t in ts:
            t.join()
        self.assertEqual(len(outcomes), THREADS)
        self.assertEqual(ev._contexts.count(), 0)

    def test_module_level_helpers_are_thread_safe(self):
        doc = descriptors()[0]
        want = aigov.classify(doc, AS_OF)

        def work(k):
            for _ in range(50):
                assert aigov.classify(doc, AS_OF) == want
                assert aigov.evaluate(doc, AS_OF).summary == want

        self.assertEqual(run_threads(4, work), [])


if __name__ == "__main__":
    unittest.main()
