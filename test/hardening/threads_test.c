/* 8 threads share one table, each with its own context, evaluating
 * different descriptors; every result must equal the single-threaded one.
 * Built and run under ThreadSanitizer by `make test-threads`.
 *   threads_test DESCRIPTOR.json... */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aigov.h"

#define THREADS 8
#define ROUNDS 60

static char **docs, **want;
static size_t *lens, n_docs;
static const char *as_of[] = {"2026-11-22", "2027-12-02", "2028-08-02"};

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (b && fread(b, 1, (size_t)n, f) != (size_t)n) {
        free(b);
        b = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return b;
}

static char *render(aigov_ctx *ctx, size_t i, size_t d, int format)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of[d];
    char *out = NULL;
    aigov_error err;
    if (aigov_eval_render(&out, NULL, ctx, docs[i], lens[i], &o, format, &err) != 0)
        return NULL;
    return out;
}

static void *worker(void *arg)
{
    size_t id = (size_t)arg, bad = 0;
    aigov_ctx *ctx;
    aigov_error err;
    if (aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err))
        return (void *)1;
    for (size_t r = 0; r < ROUNDS; r++) {
        size_t i = (id * 7 + r) % n_docs, d = r % 3;
        char *got = render(ctx, i, d, AIGOV_FORMAT_JSON);
        if (!got || strcmp(got, want[i * 3 + d]) != 0)
            bad++;
        aigov_free(got);
        aigov_summary s;
        const aigov_report *rep;
        aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
        o.as_of = as_of[d];
        if (aigov_eval(&rep, ctx, docs[i], lens[i], &o, &err) == 0)
            aigov_report_summary(&s, rep);
    }
    aigov_ctx_free(ctx);
    return (void *)bad;
}

int main(int argc, char **argv)
{
    n_docs = (size_t)argc - 1;
    if (n_docs == 0)
        return 2;
    docs = calloc(n_docs, sizeof *docs);
    lens = calloc(n_docs, sizeof *lens);
    want = calloc(n_docs * 3, sizeof *want);
    aigov_ctx *ctx;
    aigov_error err;
    if (aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err))
        return 2;
    for (size_t i = 0; i < n_docs; i++) {
        docs[i] = slurp(argv[i + 1], &lens[i]);
        for (size_t d = 0; d < 3; d++)
            if (!docs[i] || !(want[i * 3 + d] = render(ctx, i, d, AIGOV_FORMAT_JSON))) {
                fprintf(stderr, "threads: %s does not evaluate\n", argv[i + 1]);
                return 2;
            }
    }
    aigov_ctx_free(ctx);
    pthread_t th[THREADS];
    for (size_t t = 0; t < THREADS; t++)
        pthread_create(&th[t], NULL, worker, (void *)t);
    size_t bad = 0;
    for (size_t t = 0; t < THREADS; t++) {
        void *r;
        pthread_join(th[t], &r);
        bad += (size_t)r;
    }
    for (size_t i = 0; i < n_docs; i++) {
        free(docs[i]);
        for (size_t d = 0; d < 3; d++)
            aigov_free(want[i * 3 + d]);
    }
    printf("threads: %d threads x %d evaluations, %zu differ from the single-threaded result\n", THREADS,
           ROUNDS, bad);
    free(docs);
    free(lens);
    free(want);
    return bad ? 1 : 0;
}
