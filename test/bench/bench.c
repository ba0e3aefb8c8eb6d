/* aigov-bench: throughput and allocations on a generated corpus.
 *   aigov-bench CORPUS.ndjson [CLI]      run, print figures, save the summary line
 *   aigov-bench --label NAME CORPUS      the same figures for a second corpus, no summary line
 *   aigov-bench --summary-line CORPUS    print the saved summary line again (last)
 *   aigov-bench --ir PHASE CORPUS N      run PHASE (parse, eval, render, fast) over the first N
 *                                        documents with callgrind collecting only that phase
 *                                        (the bench runs itself so under valgrind)
 * Two yardsticks parse the same documents: cJSON (parse_only, ratio = parse_eval /
 * parse_only) and simdjson's DOM parser (fast_parse, ratio_fast = parse_eval / fast_parse). */
#include <cjson/cJSON.h>
#include <valgrind/callgrind.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "descriptor/parse.h"
#include "eval/result.h"
#include "util/date.h"

/* test/bench/fast_parse.cpp: simdjson's DOM parse of one document (text padded as it needs) */
int bench_fast_parse(const char *text, size_t len);
size_t bench_fast_padding(void);

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
        /* zeroed padding past the end: simdjson reads up to bench_fast_padding() bytes there */
        d[*n].text = calloc((size_t)len + bench_fast_padding() + 1, 1);
        memcpy(d[*n].text, line, (size_t)len);
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

/* The share of the table's facts the corpus answers (facts known after parsing). */
static double answered_share(const aigov_table *t, const doc *docs, size_t n)
{
    ag_mem mem;
    ag_mem_init(&mem, NULL);
    ag_facts facts;
    ag_facts_init(&facts, t, &mem);
    aigov_error err;
    size_t known = 0;
    for (size_t i = 0; i < n; i++) {
        ag_descriptor_parse(&facts, t, &mem, docs[i].text, docs[i].len, AIGOV_DEFAULT_MAX_INPUT,
                            AIGOV_DEFAULT_MAX_DEPTH, &err);
        for (uint32_t k = 0; k < t->n_facts; k++)
            known += facts.vals[k].known;
    }
    ag_facts_free(&facts, &mem);
    return (double)known / ((double)n * t->n_facts);
}

/* Evaluation alone, at the date parse + evaluate uses, from facts in cache: the corpus
 * is parsed BLOCK documents at a time (untimed) and the block's facts, a few tens of KB,
 * are then evaluated (timed). Returns evaluations/s of the fastest pass, as MEASURE. */
#define BLOCK 32
static double eval_only_rate(const aigov_table *t, const doc *docs, size_t n, int32_t as_of,
                             int questions, double min_seconds)
{
    ag_mem mem;
    ag_mem_init(&mem, NULL);
    ag_facts facts;
    ag_facts_init(&facts, t, &mem);
    ag_result res;
    ag_result_init(&res, t, &mem);
    ag_value *store = malloc(BLOCK * t->n_facts * sizeof *store), *saved = facts.vals;
    aigov_error err;
    volatile size_t sink = 0;
    double t0 = now(), best = 0;
    do {
        double timed = 0;
        for (size_t b = 0; b < n; b += BLOCK) {
            size_t m = n - b < BLOCK ? n - b : BLOCK;
            facts.vals = saved;
            for (size_t i = 0; i < m; i++) {
                ag_descriptor_parse(&facts, t, &mem, docs[b + i].text, docs[b + i].len,
                                    AIGOV_DEFAULT_MAX_INPUT, AIGOV_DEFAULT_MAX_DEPTH, &err);
                memcpy(store + i * t->n_facts, facts.vals, t->n_facts * sizeof *store);
            }
            double p0 = now();
            for (size_t i = 0; i < m; i++) {
                facts.vals = store + i * t->n_facts;
                /* (strings of the block's last document only: no rule reads string text) */
                sink += ag_evaluate(&res, t, &facts, as_of, &mem) == 0;
                if (questions) {
                    ag_questions(&res, t, &facts);
                    sink += res.n_questions;
                }
            }
            timed += now() - p0;
        }
        double rate = (double)n / timed;
        if (rate > best)
            best = rate;
    } while (now() - t0 < min_seconds);
    (void)sink;
    facts.vals = saved;
    free(store);
    ag_result_free(&res, &mem);
    ag_facts_free(&facts, &mem);
    return best;
}

/* --ir: one phase over the first n documents, callgrind collecting that phase alone. */
static int ir_phase(const char *phase, const doc *docs, size_t n)
{
    const aigov_table *t = aigov_table_builtin();
    aigov_ctx *ctx;
    aigov_error err;
    if (aigov_ctx_new(&ctx, t, NULL, &err))
        return 2;
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    int32_t as_of;
    ag_date_parse(o.as_of, 10, &as_of);
    ag_mem mem;
    ag_mem_init(&mem, NULL);
    ag_facts facts;
    ag_facts_init(&facts, t, &mem);
    ag_result res;
    ag_result_init(&res, t, &mem);
    const aigov_report *rep;
    volatile size_t sink = 0;
    for (size_t i = 0; i < n; i++) { /* warm: buffers grown, first-use work done */
        ag_descriptor_parse(&facts, t, &mem, docs[i].text, docs[i].len, AIGOV_DEFAULT_MAX_INPUT,
                            AIGOV_DEFAULT_MAX_DEPTH, &err);
        ag_evaluate(&res, t, &facts, as_of, &mem);
        sink += (size_t)bench_fast_parse(docs[i].text, docs[i].len);
    }
    for (size_t i = 0; i < n; i++) {
        if (strcmp(phase, "parse") == 0) {
            CALLGRIND_TOGGLE_COLLECT;
            sink += ag_descriptor_parse(&facts, t, &mem, docs[i].text, docs[i].len,
                                        AIGOV_DEFAULT_MAX_INPUT, AIGOV_DEFAULT_MAX_DEPTH, &err) == 0;
            CALLGRIND_TOGGLE_COLLECT;
        } else if (strcmp(phase, "eval") == 0) {
            ag_descriptor_parse(&facts, t, &mem, docs[i].text, docs[i].len, AIGOV_DEFAULT_MAX_INPUT,
                                AIGOV_DEFAULT_MAX_DEPTH, &err);
            CALLGRIND_TOGGLE_COLLECT;
            sink += ag_evaluate(&res, t, &facts, as_of, &mem) == 0;
            CALLGRIND_TOGGLE_COLLECT;
        } else if (strcmp(phase, "render") == 0) {
            char *out = NULL;
            size_t len;
            if (aigov_eval(&rep, ctx, docs[i].text, docs[i].len, &o, &err))
                return 1;
            CALLGRIND_TOGGLE_COLLECT;
            sink += aigov_report_render(&out, &len, rep, AIGOV_FORMAT_JSON, &err) == 0;
            CALLGRIND_TOGGLE_COLLECT;
            aigov_free(out);
        } else if (strcmp(phase, "fast") == 0) {
            CALLGRIND_TOGGLE_COLLECT;
            sink += (size_t)bench_fast_parse(docs[i].text, docs[i].len);
            CALLGRIND_TOGGLE_COLLECT;
        } else {
            return 2;
        }
    }
    (void)sink;
    ag_result_free(&res, &mem);
    ag_facts_free(&facts, &mem);
    aigov_ctx_free(ctx);
    return 0;
}

/* Instructions per document of one phase: this program run again under callgrind. */
static double ir_count(const char *self, const char *phase, const char *corpus, size_t n)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file=/dev/null "
             "%s --ir %s %s %zu 2>&1 | sed -n 's/.*Collected : *\\([0-9]*\\).*/\\1/p'",
             self, phase, corpus, n);
    FILE *f = popen(cmd, "r");
    if (!f)
        return 0;
    unsigned long long ir = 0;
    if (fscanf(f, "%llu", &ir) != 1)
        ir = 0;
    pclose(f);
    return (double)ir / (double)n;
}

#define IR_SAMPLE 20 /* documents: callgrind runs 50-100x slower than the machine */

/* Prints the instruction counts per document (and per byte for the readers). */
static void print_ir(const char *pfx, const char *self, const char *corpus, const doc *docs, size_t n)
{
    size_t m = n < IR_SAMPLE ? n : IR_SAMPLE, bytes = 0;
    for (size_t i = 0; i < m; i++)
        bytes += docs[i].len;
    double per = (double)bytes / (double)m;
    double parse = ir_count(self, "parse", corpus, m), eval = ir_count(self, "eval", corpus, m),
           render = ir_count(self, "render", corpus, m), fast = ir_count(self, "fast", corpus, m);
    if (parse == 0) {
        printf("%s: instructions: callgrind did not run (is valgrind installed?)\n", pfx);
        return;
    }
    printf("%s: instructions per descriptor (callgrind, first %zu, mean %.0f bytes): parse %.0f "
           "(%.2f/byte), evaluate %.0f, JSON render %.0f; simdjson parse %.0f (%.2f/byte)\n",
           pfx, m, per, parse, parse / per, eval, render, fast, fast / per);
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
    if (argc == 5 && strcmp(argv[1], "--ir") == 0) {
        size_t n;
        doc *docs = load(argv[3], &n);
        size_t m = strtoul(argv[4], NULL, 10);
        return docs && m <= n ? ir_phase(argv[2], docs, m) : 2;
    }
    const char *label = NULL, *self = argv[0];
    if (argc == 4 && strcmp(argv[1], "--label") == 0) {
        label = argv[2];
        argv += 2;
        argc -= 2;
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
    /* the yardsticks and parse + evaluate interleaved, twice, so that all see the same
     * spells of the VM's stolen time; the best pass of each */
    double parse_only = 0, fast_parse = 0, parse_eval = 0;
    for (int rep_ = 0; rep_ < 2; rep_++) {
    double r = MEASURE(0.5, {
        cJSON *j = cJSON_ParseWithLength(docs[i].text, docs[i].len);
        sink += j != NULL;
        cJSON_Delete(j);
    });
    parse_only = r > parse_only ? r : parse_only;
    r = MEASURE(0.5, { sink += (size_t)bench_fast_parse(docs[i].text, docs[i].len); });
    fast_parse = r > fast_parse ? r : fast_parse;
    r = MEASURE(0.5, {
        sink += aigov_eval(&rep, ctx, docs[i].text, docs[i].len, &o, &err) == 0;
    });
    parse_eval = r > parse_eval ? r : parse_eval;
    }
    /* what a deployment gate does: tier and counts, no rendering */
    double parse_eval_summary = MEASURE(1.0, {
        aigov_summary s;
        if (aigov_eval(&rep, ctx, docs[i].text, docs[i].len, &o, &err) == 0 &&
            aigov_report_summary(&s, rep) == 0)
            sink += s.gap + (size_t)aigov_report_tier(rep);
    });
    int32_t as_of;
    ag_date_parse(o.as_of, strlen(o.as_of), &as_of);
    double eval_only = eval_only_rate(t, docs, n, as_of, 0, 1.0);
    double eval_questions = eval_only_rate(t, docs, n, as_of, 1, 0.5);
    size_t report_bytes = 0;
    for (size_t i = 0; i < n; i++) {
        char *out = NULL;
        size_t len = 0;
        if (aigov_eval_render(&out, &len, ctx, docs[i].text, docs[i].len, &o, AIGOV_FORMAT_JSON, &err) == 0)
            report_bytes += len;
        aigov_free(out);
    }
    double report_json = MEASURE(1.0, {
        char *out = NULL;
        size_t len;
        sink += aigov_eval_render(&out, &len, ctx, docs[i].text, docs[i].len, &o,
                                  AIGOV_FORMAT_JSON, &err) == 0;
        aigov_free(out);
    });
    (void)sink;
    const char *pfx = label ? label : "bench";
    printf("%s: corpus %zu descriptors, mean %zu bytes, %.0f%% of the facts answered; table %zu rules, %u facts\n",
           pfx, n, bytes / n, 100 * answered_share(t, docs, n), aigov_table_rule_count(t), t->n_facts);
    printf("%s: parse only (cJSON)      %10.0f descriptors/s (parse_eval %.2f of it)\n", pfx, parse_only,
           parse_eval / parse_only);
    printf("%s: parse only (simdjson DOM) %8.0f descriptors/s (parse_eval %.2f of it)\n", pfx, fast_parse,
           parse_eval / fast_parse);
    printf("%s: parse + evaluate        %10.0f descriptors/s (%.2f us each)\n", pfx, parse_eval,
           1e6 / parse_eval);
    printf("%s: parse + evaluate + summary %7.0f descriptors/s (%.2f us each; what bindings' summary path does)\n", pfx,
           parse_eval_summary, 1e6 / parse_eval_summary);
    printf("%s: evaluate only           %10.0f descriptors/s (%.2f us each; same date, facts in cache)\n", pfx, eval_only,
           1e6 / eval_only);
    printf("%s: evaluate + questions    %10.0f descriptors/s (%.2f us each; questions are computed on first use)\n", pfx,
           eval_questions, 1e6 / eval_questions);
    printf("%s: evaluate + JSON report  %10.0f descriptors/s, mean report %zu bytes\n", pfx, report_json,
           report_bytes / n);
    print_ir(pfx, self, argv[1], docs, n);
    if (argc > 2) {
        double j1, j2;
        cli_throughput(argv[2], argv[1], n, &j1, &j2);
        printf("bench: batch (aigov eval --ndjson) jobs=1 %.0f/s jobs=2 %.0f/s speedup=%.2f\n", j1,
               j2, j1 > 0 ? j2 / j1 : 0);
    }
    char line[640];
    snprintf(line, sizeof line,
             "bench: rules=%zu descriptors=%zu parse_only_per_s=%.0f parse_eval_per_s=%.0f "
             "eval_only_per_s=%.0f report_json_per_s=%.0f ratio=%.2f allocs_per_eval=%g "
             "report_bytes=%zu fast_parse_per_s=%.0f ratio_fast=%.2f\n",
             aigov_table_rule_count(t), n, parse_only, parse_eval, eval_only, report_json,
             parse_eval / parse_only, allocs_per_eval, report_bytes / n, fast_parse, parse_eval / fast_parse);
    if (!label)
        fputs(line, stdout);
    snprintf(summary_path, sizeof summary_path, "%s.summary", argv[1]);
    FILE *f = label ? NULL : fopen(summary_path, "w");
    if (f) {
        fputs(line, f);
        /* the bindings' summary path does this same work: their ratio to it */
        fprintf(f, "bench-paths: parse_eval_summary_per_s=%.0f\n", parse_eval_summary);
        fclose(f);
    }
    for (size_t i = 0; i < n; i++)
        free(docs[i].text);
    free(docs);
    aigov_ctx_free(ctx);
    return 0;
}
