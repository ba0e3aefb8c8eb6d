/* aigov-bench: throughput and allocations on a generated corpus.
 *   aigov-bench CORPUS.ndjson [CLI]      run, print figures, save the summary line
 *   aigov-bench --summary-line CORPUS    print the saved summary line again (last)
 * parse_only is cJSON parsing alone of the same documents (the baseline the
 * issue fixes); ratio = parse_eval / parse_only. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "descriptor/parse.h"
#include "eval/result.h"

typedef struct doc {
    char *text;
    size_t len;
} doc;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static size_t allocs;
static void *count_malloc(void *ud, size_t n) { (void)ud; allocs++; return malloc(n); }
static void *count_realloc(void *ud, void *p, size_t n) { (void)ud; allocs++; return realloc(p, n); }
static void count_free(void *ud, void *p) { (void)ud; free(p); }

static doc *load(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1024;
    doc *d = malloc(cap * sizeof *d);
    char *line = NULL;
    size_t lcap = 0;
    ssize_t len;
    *n = 0;
    while ((len = getline(&line, &lcap, f)) > 0) {
        while (len && (line[len - 1] == '\n'))
            line[--len] = '\0';
        if (*n == cap)
            d = realloc(d, (cap *= 2) * sizeof *d);
        d[*n].text = strdup(line);
        d[*n].len = (size_t)len;
        (*n)++;
    }
    free(line);
    fclose(f);
    return d;
}

/* Runs fn over the corpus, pass after pass, until at least min_seconds
 * passed; returns the docs/s of the fastest pass. The best pass, not the
 * mean, because this machine is a VM whose neighbours steal time in bursts:
 * the figures compared in a ratio must not depend on which one a burst hit. */
#define MEASURE(min_seconds, body)                                                                 \
    ({                                                                                             \
        double t0 = now(), best = 0;                                                               \
        do {                                                                                       \
            double p0 = now();                                                                     \
            for (size_t i = 0; i < n; i++) {                                                       \
                body;                                                                              \
            }                                                                                      \
            double rate = (double)n / (now() - p0);                                                \
            if (rate > best)                                                                       \
                best = rate;                                                                       \
        } while (now() - t0 < (min_seconds));                                                      \
        best;                                                                                      \
    })

/* Descriptors per second of one run of the CLI's batch mode with `jobs` threads. */
static double cli_run(const char *cli, const char *corpus, int jobs, size_t n)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s eval --ndjson %s --as-of 2028-01-01 --fail-on none --jobs %d > /dev/null", cli,
             corpus, jobs);
    double t0 = now();
    if (system(cmd) != 0)
        return 0;
    return (double)n / (now() - t0);
}

/* The batch mode at 1 and 2 jobs, runs alternated (1, 2, 1, 2, ...) so that
 * both see the same spells of the VM's stolen time; the fastest run of each. */
static void cli_throughput(const char *cli, const char *corpus, size_t n, double *j1, double *j2)
{
    *j1 = *j2 = 0;
    for (int rep = 0; rep < 4; rep++) {
        double r1 = cli_run(cli, corpus, 1, n), r2 = cli_run(cli, corpus, 2, n);
        if (r1 == 0 || r2 == 0) {
            *j1 = *j2 = 0;
            return;
        }
        if (r1 > *j1)
            *j1 = r1;
        if (r2 > *j2)
            *j2 = r2;
    }
}

int main(int argc, char **argv)
{
    char summary_path[1024];
    if (argc == 3 && strcmp(argv[1], "--summary-line") == 0) {
        snprintf(summary_path, sizeof summary_path, "%s.summary", argv[2]);
        FILE *f = fopen(summary_path, "r");
        char line[1024];
        if (!f || !fgets(line, sizeof line, f))
            return 1;
        fputs(line, stdout);
        fclose(f);
        return 0;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: aigov-bench CORPUS.ndjson [CLI]\n");
        return 2;
    }
    size_t n;
    doc *docs = load(argv[1], &n);
    if (!docs || n == 0) {
        fprintf(stderr, "aigov-bench: empty corpus %s\n", argv[1]);
        return 2;
    }
    const aigov_table *t = aigov_table_builtin();
    aigov_allocator counting = {count_malloc, count_realloc, count_free, NULL};
    aigov_ctx *ctx;
    aigov_error err;
    if (aigov_ctx_new(&ctx, t, &counting, &err))
        return 2;
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    size_t failed = 0, bytes = 0;
    const aigov_report *rep;
    for (size_t i = 0; i < n; i++) {
        bytes += docs[i].len;
        if (aigov_eval(&rep, ctx, docs[i].text, docs[i].len, &o, &err))
            failed++;
    }
    if (failed) {
        fprintf(stderr, "aigov-bench: %zu descriptors of the corpus failed (%s at %s)\n", failed,
                err.message, err.path);
        return 1;
    }
    /* allocations of a full pass with the warm context */
    allocs = 0;
    for (size_t i = 0; i < n; i++)
        aigov_eval(&rep, ctx, docs[i].text, docs[i].len, &o, &err);
    double allocs_per_eval = (double)allocs / (double)n;

    volatile size_t sink = 0;
    double parse_only = MEASURE(1.0, {
        cJSON *j = cJSON_ParseWithLength(docs[i].text, docs[i].len);
        sink += j != NULL;
        cJSON_Delete(j);
    });
    double parse_eval = MEASURE(1.0, {
        sink += aigov_eval(&rep, ctx, docs[i].text, docs[i].len, &o, &err) == 0;
    });
    /* what a deployment gate does: tier and counts, no rendering */
    double parse_eval_summary = MEASURE(1.0, {
        aigov_summary s;
        if (aigov_eval(&rep, ctx, docs[i].text, docs[i].len, &o, &err) == 0 &&
            aigov_report_summary(&s, rep) == 0)
            sink += s.gap + (size_t)aigov_report_tier(rep);
    });
    /* evaluation alone: facts parsed once per document, then evaluated */
    ag_mem mem;
    ag_mem_init(&mem, NULL);
    ag_value *store = malloc(n * t->n_facts * sizeof *store);
    ag_facts facts;
    ag_facts_init(&facts, t, &mem);
    for (size_t i = 0; i < n; i++) {
        ag_descriptor_parse(&facts, t, &mem, docs[i].text, docs[i].len, AIGOV_DEFAULT_MAX_INPUT,
                            AIGOV_DEFAULT_MAX_DEPTH, &err);
        memcpy(store + i * t->n_facts, facts.vals, t->n_facts * sizeof *store);
    }
    ag_result res;
    ag_result_init(&res, t, &mem);
    ag_value *saved = facts.vals;
    double eval_only = MEASURE(1.0, {
        facts.vals = store + i * t->n_facts;
        sink += ag_evaluate(&res, t, &facts, 22000, &mem) == 0;
    });
    double eval_questions = MEASURE(0.5, {
        facts.vals = store + i * t->n_facts;
        ag_evaluate(&res, t, &facts, 22000, &mem);
        ag_questions(&res, t, &facts);
        sink += res.n_questions;
    });
    facts.vals = saved;
    double report_json = MEASURE(1.0, {
        char *out = NULL;
        size_t len;
        sink += aigov_eval_render(&out, &len, ctx, docs[i].text, docs[i].len, &o,
                                  AIGOV_FORMAT_JSON, &err) == 0;
        aigov_free(out);
    });
    (void)sink;
    printf("bench: corpus %zu descriptors, mean %zu bytes; table %zu rules, %u facts\n", n,
           bytes / n, aigov_table_rule_count(t), t->n_facts);
    printf("bench: parse only (cJSON)      %10.0f descriptors/s\n", parse_only);
    printf("bench: parse + evaluate        %10.0f descriptors/s (%.2f us each)\n", parse_eval,
           1e6 / parse_eval);
    printf("bench: parse + evaluate + summary %7.0f descriptors/s (%.2f us each; what bindings' summary path does)\n",
           parse_eval_summary, 1e6 / parse_eval_summary);
    printf("bench: evaluate only           %10.0f descriptors/s (%.2f us each)\n", eval_only,
           1e6 / eval_only);
    printf("bench: evaluate + questions    %10.0f descriptors/s (%.2f us each; questions are computed on first use)\n",
           eval_questions, 1e6 / eval_questions);
    printf("bench: evaluate + JSON report  %10.0f descriptors/s\n", report_json);
    if (argc > 2) {
        double j1, j2;
        cli_throughput(argv[2], argv[1], n, &j1, &j2);
        printf("bench: batch (aigov eval --ndjson) jobs=1 %.0f/s jobs=2 %.0f/s speedup=%.2f\n", j1,
               j2, j1 > 0 ? j2 / j1 : 0);
    }
    char line[512];
    snprintf(line, sizeof line,
             "bench: rules=%zu descriptors=%zu parse_only_per_s=%.0f parse_eval_per_s=%.0f "
             "eval_only_per_s=%.0f report_json_per_s=%.0f ratio=%.2f allocs_per_eval=%g\n",
             aigov_table_rule_count(t), n, parse_only, parse_eval, eval_only, report_json,
             parse_eval / parse_only, allocs_per_eval);
    fputs(line, stdout);
    snprintf(summary_path, sizeof summary_path, "%s.summary", argv[1]);
    FILE *f = fopen(summary_path, "w");
    if (f) {
        fputs(line, f);
        /* the bindings' summary path does this same work: their ratio to it */
        fprintf(f, "bench-paths: parse_eval_summary_per_s=%.0f\n", parse_eval_summary);
        fclose(f);
    }
    ag_result_free(&res, &mem);
    ag_facts_free(&facts, &mem);
    free(store);
    for (size_t i = 0; i < n; i++)
        free(docs[i].text);
    free(docs);
    aigov_ctx_free(ctx);
    return 0;
}
