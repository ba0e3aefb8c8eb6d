/*
 * Threads: 8 threads share the builtin table, each with its own context,
 * and evaluate different descriptors (the examples and every golden case's
 * descriptor at its as-of date) ROUNDS times each. Every rendered report is
 * compared byte for byte with the single-threaded reference, and so are the
 * summaries read through the accessors. While they evaluate, the threads
 * also read the shared table (catalogue, explain, schema, find_rule).
 * A second phase hands each context to another thread (a context belongs to
 * one thread at a time, not to one thread forever).
 *
 * Built twice by `make test-threads`: under ThreadSanitizer (library sources
 * compiled with -fsanitize=thread) and as a plain optimised build.
 *
 *   threads_test [-r ROUNDS] FILE...
 * FILE: a descriptor (examples/descriptors/NAME.json, examples/portfolio/NAME.json)
 * or a golden case (test/golden/NAME.json: its "descriptor" at its "as_of").
 */
#include <cJSON.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aigov.h"
#include "../common/slurp.h"

#define THREADS 8
#define DEFAULT_ROUNDS 500

typedef struct item {
    const char *name;
    char *json;
    size_t len;
    const char *as_of;
    /* single-threaded reference */
    char *want[4];     /* rendered in each format, or the error */
    int rc;            /* aigov_eval_render's status */
    aigov_summary sum; /* for single-system descriptors */
    int tier, gpai;
    int single;
    int own_as_of;
} item;

static item *items;
static size_t n_items;
static int rounds = DEFAULT_ROUNDS;
static char *rules_ref, *schema_ref, *explain_ref;
static const char *explain_id = "eu.art27.1.fria";
static pthread_barrier_t barrier;
static aigov_ctx *handoff[THREADS];

/* The rendering, or for a failing descriptor "ERROR path: message". */
static char *render(aigov_ctx *ctx, const item *it, int format, int *rc)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = it->as_of;
    char *out = NULL;
    aigov_error err;
    *rc = aigov_eval_render(&out, NULL, ctx, it->json, it->len, &o, format, &err);
    if (*rc) {
        out = malloc(600);
        snprintf(out, 600, "ERROR %d %s: %s", err.code, err.path, err.message);
        return out;
    }
    return out;
}

static void free_render(char *s, int rc)
{
    if (rc)
        free(s);
    else
        aigov_free(s);
}

static int summarise(aigov_ctx *ctx, const item *it, aigov_summary *s, int *tier, int *gpai)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = it->as_of;
    const aigov_report *rep;
    int rc = aigov_eval(&rep, ctx, it->json, it->len, &o, NULL);
    if (rc)
        return rc;
    memset(s, 0, sizeof *s);
    aigov_report_summary(s, rep);
    *tier = aigov_report_tier(rep);
    *gpai = aigov_report_gpai(rep);
    /* walk the accessors too */
    for (size_t i = 0; i < aigov_report_obligation_count(rep); i++) {
        aigov_obligation ob = {.size = sizeof(aigov_obligation)};
        if (aigov_report_obligation(&ob, rep, i) || !ob.id)
            return -100;
    }
    for (size_t i = 0; i < aigov_report_question_count(rep); i++) {
        aigov_question q;
        if (aigov_report_question(&q, rep, i) || !q.fact)
            return -100;
    }
    return 0;
}

typedef struct result {
    long evals, mismatches;
} result;

static void mismatch(result *r, size_t t, const item *it, const char *what)
{
    if (r->mismatches++ < 5)
        fprintf(stderr, "threads: thread %zu, %s at %s: %s differs from the single-threaded result\n", t,
                it->name, it->as_of, what);
}

/* One round of thread t on item i with its context. */
static void round_on(aigov_ctx *ctx, size_t t, size_t i, int r, result *res)
{
    const item *it = &items[i];
    int rc;
    char *got = render(ctx, it, AIGOV_FORMAT_JSON, &rc);
    res->evals++;
    if (rc != it->rc || strcmp(got, it->want[0]) != 0)
        mismatch(res, t, it, rc ? "the error" : "the JSON report");
    free_render(got, rc);
    if (r % 4 == 1) {
        int format = 1 + (r / 4) % 3;
        got = render(ctx, it, format, &rc);
        res->evals++;
        if (rc != it->rc || strcmp(got, it->want[format]) != 0)
            mismatch(res, t, it, format == 1 ? "the text report" : format == 2 ? "the markdown report" : "OSCAL");
        free_render(got, rc);
    }
    if (it->single && r % 3 == 2) {
        aigov_summary s;
        int tier, gpai;
        res->evals++;
        if (summarise(ctx, it, &s, &tier, &gpai) != 0 || memcmp(&s, &it->sum, sizeof s) != 0 || tier != it->tier ||
            gpai != it->gpai)
            mismatch(res, t, it, "the summary");
    }
    if (r % 50 == (int)t) {
        /* the shared table, read concurrently */
        const aigov_table *tab = aigov_table_builtin();
        char *out = NULL;
        if (aigov_table_render_rules(&out, NULL, tab, AIGOV_FORMAT_JSON, NULL) || strcmp(out, rules_ref) != 0)
            mismatch(res, t, it, "the rule catalogue");
        aigov_free(out);
        out = NULL;
        if (aigov_table_explain(&out, NULL, tab, explain_id, NULL) || strcmp(out, explain_ref) != 0)
            mismatch(res, t, it, "explain");
        aigov_free(out);
        out = NULL;
        if (aigov_table_descriptor_schema(&out, NULL, tab, NULL) || strcmp(out, schema_ref) != 0)
            mismatch(res, t, it, "the descriptor schema");
        aigov_free(out);
        size_t idx;
        aigov_rule_info info;
        if (aigov_table_find_rule(&idx, tab, explain_id) || aigov_table_rule(&info, tab, idx) ||
            strcmp(info.id, explain_id) != 0)
            mismatch(res, t, it, "find_rule");
    }
}

static void *worker(void *arg)
{
    size_t t = (size_t)arg;
    result *res = calloc(1, sizeof *res);
    aigov_ctx *ctx;
    if (aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL)) {
        res->mismatches = 1;
        return res;
    }
    /* each thread walks the items from its own place, in its own stride */
    size_t stride = 2 * t + 1;
    while (n_items % stride == 0 && stride > 1)
        stride += 2;
    for (int r = 0; r < rounds; r++)
        round_on(ctx, t, (t * n_items / THREADS + (size_t)r * stride) % n_items, r, res);
    /* phase 2: hand the context to the next thread */
    handoff[(t + 1) % THREADS] = ctx;
    pthread_barrier_wait(&barrier);
    ctx = handoff[t];
    for (int r = 0; r < rounds / 10 + 1; r++)
        round_on(ctx, t, (t + (size_t)r * 3) % n_items, r, res);
    pthread_barrier_wait(&barrier);
    aigov_ctx_free(ctx);
    return res;
}

/* A golden case: {"as_of": ..., "descriptor": {...}}; anything else is a
 * descriptor evaluated at 2028-01-01. */
static int load(item *it, const char *path)
{
    size_t len;
    char *text = slurp(path, &len);
    if (!text)
        return -1;
    it->name = path;
    it->as_of = "2028-01-01";
    cJSON *root = cJSON_ParseWithLength(text, len);
    const cJSON *d = cJSON_GetObjectItemCaseSensitive(root, "descriptor");
    const cJSON *a = cJSON_GetObjectItemCaseSensitive(root, "as_of");
    if (cJSON_IsObject(d)) {
        it->json = cJSON_PrintUnformatted(d);
        it->len = strlen(it->json);
        if (cJSON_IsString(a)) {
            it->as_of = strdup(a->valuestring);
            it->own_as_of = 1;
        }
        free(text);
    } else {
        it->json = text;
        it->len = len;
    }
    cJSON_Delete(root);
    return 0;
}

int main(int argc, char **argv)
{
    int a = 1;
    if (a + 1 < argc && strcmp(argv[a], "-r") == 0) {
        rounds = atoi(argv[a + 1]);
        a += 2;
    }
    static const char *const hostile[] = {
        "{\"Organisation\":{}}",
        "{\"operator\":{\"roles\":[\"provider\",\"provider\"]}}",
        "{\"systems\":[{}],\"system\":{}}",
        "{\"gpai\":{\"training_compute_flops\":1e400}}",
        "{\"organisation\":{\"name\":\"\\ud800\"}}",
        "{\"system\":{\"annex_iii\":{\"points\":[\"5b\"]}",
    };
    const size_t n_hostile = sizeof hostile / sizeof *hostile;
    n_items = (size_t)(argc - a);
    if (n_items == 0) {
        fprintf(stderr, "usage: threads_test [-r ROUNDS] DESCRIPTOR_OR_GOLDEN.json...\n");
        return 2;
    }
    items = calloc(n_items + n_hostile, sizeof *items);
    n_items += n_hostile;
    aigov_ctx *ctx;
    if (aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL))
        return 2;
    size_t failing = 0;
    for (size_t i = 0; i < n_items; i++) {
        item *it = &items[i];
        if (i >= n_items - n_hostile) {
            it->name = "a hostile descriptor";
            it->json = strdup(hostile[i - (n_items - n_hostile)]);
            it->len = strlen(it->json);
            it->as_of = "2027-06-30";
        } else if (load(it, argv[a + (int)i])) {
            fprintf(stderr, "threads: cannot read %s\n", argv[a + (int)i]);
            return 2;
        }
        for (int f = 0; f < 4; f++) {
            int rc;
            it->want[f] = render(ctx, it, f, &rc);
            if (f == 0)
                it->rc = rc;
            else if (rc != it->rc)
                return 2;
        }
        failing += it->rc != 0;
        it->single = summarise(ctx, it, &it->sum, &it->tier, &it->gpai) == 0;
    }
    aigov_ctx_free(ctx);
    const aigov_table *tab = aigov_table_builtin();
    if (aigov_table_render_rules(&rules_ref, NULL, tab, AIGOV_FORMAT_JSON, NULL) ||
        aigov_table_descriptor_schema(&schema_ref, NULL, tab, NULL) ||
        aigov_table_explain(&explain_ref, NULL, tab, explain_id, NULL))
        return 2;

    pthread_barrier_init(&barrier, NULL, THREADS);
    pthread_t th[THREADS];
    for (size_t t = 0; t < THREADS; t++)
        if (pthread_create(&th[t], NULL, worker, (void *)t) != 0)
            return 2;
    long evals = 0, bad = 0;
    for (size_t t = 0; t < THREADS; t++) {
        void *r;
        pthread_join(th[t], &r);
        result *res = r;
        evals += res->evals;
        bad += res->mismatches;
        free(res);
    }
    pthread_barrier_destroy(&barrier);
    printf("threads: %d threads x %d rounds over %zu descriptors (%zu of them rejected: errors compared): "
           "%ld evaluations, %ld differ from the single-threaded result\n",
           THREADS, rounds, n_items, failing, evals, bad);
    for (size_t i = 0; i < n_items; i++) {
        for (int f = 0; f < 4; f++)
            free_render(items[i].want[f], items[i].rc);
        if (items[i].own_as_of)
            free((char *)items[i].as_of);
        free(items[i].json);
    }
    free(items);
    aigov_free(rules_ref);
    aigov_free(schema_ref);
    aigov_free(explain_ref);
    return bad ? 1 : 0;
}
