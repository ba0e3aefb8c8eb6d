/* The C side of the Python binding's same-process comparison (bindings/python/bench.py
 * loads this as a shared object with ctypes): the loop aigov-bench times for "parse +
 * evaluate + summary", run in the Python process on the same descriptors, in windows
 * interleaved with the binding's, as the Go bench does with cgo (csame.go). Comparing
 * across processes would mix in whatever the VM's neighbours did in between. */
#include <stddef.h>
#include "aigov.h"

size_t bench_csame_loop(aigov_ctx *ctx, const char *const *docs, const size_t *lens, size_t n,
                        size_t start, size_t count, const char *as_of);

/* Evaluates docs[(start + k) % n] for k < count and reads the summary; returns the failures. */
size_t bench_csame_loop(aigov_ctx *ctx, const char *const *docs, const size_t *lens, size_t n,
                        size_t start, size_t count, const char *as_of)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    aigov_error err;
    size_t failed = 0;
    for (size_t k = 0; k < count; k++) {
        size_t i = (start + k) % n;
        const aigov_report *rep;
        aigov_summary s;
        if (aigov_eval(&rep, ctx, docs[i], lens[i], &o, &err) != 0 || aigov_report_summary(&s, rep) != 0)
            failed++;
    }
    return failed;
}
