/*
 * Allocation failure on every public entry point that allocates.
 *
 * A counting allocator (aigov_allocator) fails the Nth allocation of the
 * call under test, for every N from 1 until the call no longer allocates
 * that many times, in two modes: only the Nth allocation fails, and the Nth
 * and every later one fail. Each failure must
 *   - return AIGOV_ENOMEM with err->code set and a message, no output;
 *   - leak nothing (live blocks of the allocator back to where they were);
 *   - leave the table and context usable: the same call, without failures,
 *     on the same objects, gives the reference output byte for byte.
 * A call that survives an injected failure must still give the reference
 * output. The number of distinct allocation call stacks reached is printed.
 *
 * With --cjson the rule compiler's JSON parser (cJSON, whose allocations go
 * through cJSON's global hooks, not the caller's allocator) is failed too,
 * at a sample of its allocations.
 *
 *   oom_test [--cjson] [-v] RULE_FILE... -- DESCRIPTOR.json PORTFOLIO.json
 * RULE_FILEs in the build's order (sorted paths), so that the compiled
 * table's hash equals the builtin one.
 */
#include <cJSON.h>
#include <execinfo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aigov.h"
#include "../common/slurp.h"

#define AS_OF "2028-01-01"

/* ---- the counting allocator -------------------------------------------- */

typedef struct counter {
    long live;     /* blocks allocated and not freed */
    long calls;    /* allocation calls while armed */
    long fail_at;  /* 0: never */
    int sticky;    /* fail every call from fail_at on */
    int armed;
    long injected; /* failures injected while armed */
} counter;

/* Distinct call stacks at which a failure was injected. */
#define SITE_CAP (1u << 16)
static uint64_t sites[SITE_CAP];
static long n_sites;
static int verbose;

static void record_site(void)
{
    void *frames[12];
    int n = backtrace(frames, 12);
    uint64_t h = 1469598103934665603ull;
    /* frames[0..1]: record_site and the hook; the rest is the library's */
    for (int k = 2; k < n && k < 10; k++) {
        h ^= (uint64_t)(uintptr_t)frames[k];
        h *= 1099511628211ull;
    }
    if (!h)
        h = 1;
    for (uint32_t i = (uint32_t)h & (SITE_CAP - 1);; i = (i + 1) & (SITE_CAP - 1)) {
        if (sites[i] == h)
            return;
        if (!sites[i]) {
            sites[i] = h;
            n_sites++;
            if (verbose) {
                fprintf(stderr, "oom: new allocation site %ld:\n", n_sites);
                backtrace_symbols_fd(frames + 2, n - 2, 2);
            }
            return;
        }
    }
}

static int should_fail(counter *c)
{
    if (!c->armed)
        return 0;
    c->calls++;
    if (!c->fail_at || c->calls < c->fail_at || (c->calls > c->fail_at && !c->sticky))
        return 0;
    c->injected++;
    if (c->calls == c->fail_at)
        record_site();
    return 1;
}

static void *c_malloc(void *ud, size_t n)
{
    counter *c = ud;
    if (should_fail(c))
        return NULL;
    void *p = malloc(n);
    if (p)
        c->live++;
    return p;
}

static void *c_realloc(void *ud, void *p, size_t n)
{
    counter *c = ud;
    if (should_fail(c))
        return NULL;
    void *q = realloc(p, n);
    if (q && !p)
        c->live++;
    return q;
}

static void c_free(void *ud, void *p)
{
    counter *c = ud;
    if (p)
        c->live--;
    free(p);
}

/* cJSON's global hooks, for --cjson */
static counter cj;
static void *cj_malloc(size_t n) { return c_malloc(&cj, n); }
static void cj_free(void *p) { c_free(&cj, p); }

static void arm(counter *c, long fail_at, int sticky)
{
    c->calls = 0;
    c->fail_at = fail_at;
    c->sticky = sticky;
    c->armed = 1;
}

static void disarm(counter *c)
{
    c->armed = 0;
    c->fail_at = 0;
}

/* ---- inputs --------------------------------------------------------------- */

static aigov_source *sources;
static size_t n_sources;
static char *doc, *portfolio, *big;
static size_t doc_len, portfolio_len, big_len;

/* A descriptor whose strings outgrow a new context's string space. */
static char *make_big(size_t *len)
{
    size_t cap = 16384, n = 0;
    char *b = malloc(cap);
    n += (size_t)snprintf(b + n, cap - n, "{\"organisation\":{\"name\":\"");
    for (int k = 0; k < 300; k++)
        b[n++] = 'O';
    n += (size_t)snprintf(b + n, cap - n, "\",\"aims\":{\"scope\":\"");
    for (int k = 0; k < 2000; k++)
        b[n++] = (char)('a' + k % 26);
    n += (size_t)snprintf(b + n, cap - n, "\"}},\"system\":{\"name\":\"\\u00e9");
    for (int k = 0; k < 298; k++)
        b[n++] = 'S';
    n += (size_t)snprintf(b + n, cap - n, "\",\"is_ai_system\":true,\"intended_purpose\":\"");
    for (int k = 0; k < 4000; k++)
        b[n++] = (char)('A' + k % 26);
    n += (size_t)snprintf(b + n, cap - n, "\"}}");
    *len = n;
    return b;
}

/* The shared table, compiled once with its own counting allocator: its
 * renderers allocate through it. */
static counter tc;
static aigov_allocator ta = {c_malloc, c_realloc, c_free, &tc};
static aigov_table *table;
static char *explain_ids[4];

/* ---- one entry point ------------------------------------------------------- */

typedef struct env {
    counter c; /* the context's allocator */
    aigov_allocator a;
    aigov_ctx *ctx;
    const aigov_report *rep;
} env;

enum { SET_NONE, SET_CTX, SET_WARM_SMALL, SET_WARM_SAME, SET_REPORT, SET_SYSTEM_REPORT };

typedef struct ocase {
    const char *name;
    int setup;
    counter *(*target)(env *e); /* the allocator the call allocates with */
    /* Runs the call, disarms the target, and sets *text (malloc'd) to the
     * output to compare. Returns the call's status. */
    int (*call)(env *e, int arg, char **text, aigov_error *err);
    int arg;
} ocase;

static counter *ctx_alloc(env *e) { return &e->c; }
static counter *table_alloc(env *e) { (void)e; return &tc; }
static counter *cjson_alloc(env *e) { (void)e; return &cj; }

static aigov_eval_options opts(void)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = AS_OF;
    return o;
}

/* text := copy of a library buffer, which is then freed */
static char *take(char *lib_buf)
{
    char *s = lib_buf ? strdup(lib_buf) : NULL;
    aigov_free(lib_buf);
    return s;
}

static char *render_json(const aigov_report *rep)
{
    char *out = NULL;
    if (aigov_report_render(&out, NULL, rep, AIGOV_FORMAT_JSON, NULL) != 0)
        return strdup("(render failed)");
    return take(out);
}

/* Output checks on failure: *out NULL and *out_len 0. */
static int no_output(int rc, const void *out, size_t out_len)
{
    return rc == 0 || (out == NULL && out_len == 0);
}

static int call_compile(env *e, int arg, char **text, aigov_error *err)
{
    aigov_table *t = (aigov_table *)&t;
    counter *c = arg ? &cj : &e->c;
    aigov_allocator a = {c_malloc, c_realloc, c_free, &e->c};
    int rc = aigov_table_compile(&t, sources, n_sources, &a, err);
    disarm(c);
    if (!no_output(rc, t, 0))
        return -1000;
    if (rc == 0) {
        char *rules = NULL;
        if (aigov_table_render_rules(&rules, NULL, t, AIGOV_FORMAT_JSON, NULL) == 0) {
            size_t n = strlen(rules) + strlen(aigov_table_hash(t)) + 2;
            *text = malloc(n);
            snprintf(*text, n, "%s\n%s", aigov_table_hash(t), rules);
        }
        aigov_free(rules);
        aigov_table_free(t);
    }
    return rc;
}

static int call_ctx_new(env *e, int arg, char **text, aigov_error *err)
{
    (void)arg;
    aigov_ctx *c = (aigov_ctx *)&c;
    int rc = aigov_ctx_new(&c, table, &e->a, err);
    disarm(&e->c);
    if (!no_output(rc, c, 0))
        return -1000;
    if (rc == 0) {
        aigov_eval_options o = opts();
        char *out = NULL;
        if (aigov_eval_render(&out, NULL, c, doc, doc_len, &o, AIGOV_FORMAT_JSON, NULL) == 0)
            *text = take(out);
        aigov_ctx_free(c);
    }
    return rc;
}

static int call_eval(env *e, int arg, char **text, aigov_error *err)
{
    (void)arg;
    aigov_eval_options o = opts();
    const aigov_report *rep = (const aigov_report *)&rep;
    int rc = aigov_eval(&rep, e->ctx, doc, doc_len, &o, err);
    disarm(&e->c);
    if (!no_output(rc, rep, 0))
        return -1000;
    if (rc == 0)
        *text = render_json(rep);
    return rc;
}

static int call_eval_big(env *e, int arg, char **text, aigov_error *err)
{
    aigov_eval_options o = opts();
    const aigov_report *rep = (const aigov_report *)&rep;
    int rc = aigov_eval(&rep, e->ctx, big, big_len, &o, err);
    disarm(&e->c);
    if (!no_output(rc, rep, 0))
        return -1000;
    if (rc == 0) {
        char *out = NULL;
        if (aigov_report_render(&out, NULL, rep, arg, NULL) == 0)
            *text = take(out);
    }
    return rc;
}

static int call_eval_system(env *e, int arg, char **text, aigov_error *err)
{
    aigov_eval_options o = opts();
    const aigov_report *rep = (const aigov_report *)&rep;
    size_t systems = 0;
    int rc = aigov_eval_system(&rep, &systems, e->ctx, portfolio, portfolio_len, (size_t)arg, &o, err);
    disarm(&e->c);
    if (!no_output(rc, rep, 0))
        return -1000;
    if (rc == 0)
        *text = render_json(rep);
    return rc;
}

/* The organisation's part of the portfolio (every system evaluated, then the organisation's
 * rules with each system's per-system results): its JSON is the reference output. */
static int call_eval_organisation(env *e, int arg, char **text, aigov_error *err)
{
    (void)arg;
    aigov_eval_options o = opts();
    const aigov_report *rep = (const aigov_report *)&rep;
    int rc = aigov_eval_organisation(&rep, e->ctx, portfolio, portfolio_len, &o, err);
    disarm(&e->c);
    if (!no_output(rc, rep, 0))
        return -1000;
    if (rc == 0)
        *text = render_json(rep);
    return rc;
}

static int call_report_render(env *e, int format, char **text, aigov_error *err)
{
    char *out = (char *)&out;
    size_t len = 1;
    int rc = aigov_report_render(&out, &len, e->rep, format, err);
    disarm(&e->c);
    if (!no_output(rc, out, len))
        return -1000;
    if (rc == 0)
        *text = take(out);
    return rc;
}

static int eval_render(env *e, const char *json, size_t json_len, int format, char **text, aigov_error *err)
{
    aigov_eval_options o = opts();
    char *out = (char *)&out;
    size_t len = 1;
    int rc = aigov_eval_render(&out, &len, e->ctx, json, json_len, &o, format, err);
    disarm(&e->c);
    if (!no_output(rc, out, len))
        return -1000;
    if (rc == 0)
        *text = take(out);
    return rc;
}

static int call_eval_render(env *e, int format, char **text, aigov_error *err)
{
    return eval_render(e, doc, doc_len, format, text, err);
}

static int call_eval_render_portfolio(env *e, int format, char **text, aigov_error *err)
{
    return eval_render(e, portfolio, portfolio_len, format, text, err);
}

static int call_render_rules(env *e, int format, char **text, aigov_error *err)
{
    (void)e;
    char *out = (char *)&out;
    size_t len = 1;
    int rc = aigov_table_render_rules(&out, &len, table, format, err);
    disarm(&tc);
    if (!no_output(rc, out, len))
        return -1000;
    if (rc == 0)
        *text = take(out);
    return rc;
}

static int call_explain(env *e, int which, char **text, aigov_error *err)
{
    (void)e;
    char *out = (char *)&out;
    size_t len = 1;
    int rc = aigov_table_explain(&out, &len, table, explain_ids[which], err);
    disarm(&tc);
    if (!no_output(rc, out, len))
        return -1000;
    if (rc == 0)
        *text = take(out);
    return rc;
}

static int call_schema(env *e, int arg, char **text, aigov_error *err)
{
    (void)e;
    (void)arg;
    char *out = (char *)&out;
    size_t len = 1;
    int rc = aigov_table_descriptor_schema(&out, &len, table, err);
    disarm(&tc);
    if (!no_output(rc, out, len))
        return -1000;
    if (rc == 0)
        *text = take(out);
    return rc;
}

static const ocase cases[] = {
    {"table_compile", SET_NONE, ctx_alloc, call_compile, 0},
    {"ctx_new", SET_NONE, ctx_alloc, call_ctx_new, 0},
    {"eval (first, fresh ctx)", SET_CTX, ctx_alloc, call_eval, 0},
    {"eval (warm, larger doc)", SET_WARM_SMALL, ctx_alloc, call_eval, 0},
    {"eval (long strings, fresh ctx)", SET_CTX, ctx_alloc, call_eval_big, AIGOV_FORMAT_JSON},
    {"eval (long strings, warm ctx)", SET_WARM_SMALL, ctx_alloc, call_eval_big, AIGOV_FORMAT_TEXT},
    {"eval (warm, same doc)", SET_WARM_SAME, ctx_alloc, call_eval, 0},
    {"eval_system 0 (fresh ctx)", SET_CTX, ctx_alloc, call_eval_system, 0},
    {"eval_system 2 (fresh ctx)", SET_CTX, ctx_alloc, call_eval_system, 2},
    {"eval_organisation (fresh ctx)", SET_CTX, ctx_alloc, call_eval_organisation, 0},
    {"report_render json", SET_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_JSON},
    {"report_render text", SET_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_TEXT},
    {"report_render markdown", SET_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_MARKDOWN},
    {"report_render oscal", SET_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_OSCAL},
    {"report_render sarif", SET_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_SARIF},
    {"report_render junit", SET_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_JUNIT},
    {"report_render html", SET_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_HTML},
    {"report_render soa-csv", SET_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_SOA_CSV},
    {"report_render json (system)", SET_SYSTEM_REPORT, ctx_alloc, call_report_render, AIGOV_FORMAT_JSON},
    {"eval_render json", SET_CTX, ctx_alloc, call_eval_render, AIGOV_FORMAT_JSON},
    {"eval_render text", SET_CTX, ctx_alloc, call_eval_render, AIGOV_FORMAT_TEXT},
    {"eval_render markdown", SET_CTX, ctx_alloc, call_eval_render, AIGOV_FORMAT_MARKDOWN},
    {"eval_render oscal", SET_CTX, ctx_alloc, call_eval_render, AIGOV_FORMAT_OSCAL},
    {"eval_render json (warm)", SET_WARM_SAME, ctx_alloc, call_eval_render, AIGOV_FORMAT_JSON},
    {"eval_render portfolio json", SET_CTX, ctx_alloc, call_eval_render_portfolio, AIGOV_FORMAT_JSON},
    {"eval_render portfolio text", SET_CTX, ctx_alloc, call_eval_render_portfolio, AIGOV_FORMAT_TEXT},
    {"eval_render portfolio markdown", SET_CTX, ctx_alloc, call_eval_render_portfolio, AIGOV_FORMAT_MARKDOWN},
    {"eval_render portfolio oscal", SET_CTX, ctx_alloc, call_eval_render_portfolio, AIGOV_FORMAT_OSCAL},
    {"eval_render portfolio sarif", SET_CTX, ctx_alloc, call_eval_render_portfolio, AIGOV_FORMAT_SARIF},
    {"eval_render portfolio junit", SET_CTX, ctx_alloc, call_eval_render_portfolio, AIGOV_FORMAT_JUNIT},
    {"eval_render portfolio html", SET_CTX, ctx_alloc, call_eval_render_portfolio, AIGOV_FORMAT_HTML},
    {"eval_render portfolio soa-csv", SET_CTX, ctx_alloc, call_eval_render_portfolio, AIGOV_FORMAT_SOA_CSV},
    {"table_render_rules json", SET_NONE, table_alloc, call_render_rules, AIGOV_FORMAT_JSON},
    {"table_render_rules text", SET_NONE, table_alloc, call_render_rules, AIGOV_FORMAT_TEXT},
    {"table_render_rules markdown", SET_NONE, table_alloc, call_render_rules, AIGOV_FORMAT_MARKDOWN},
    {"table_render_rules oscal catalog", SET_NONE, table_alloc, call_render_rules, AIGOV_FORMAT_OSCAL},
    {"table_explain obligation", SET_NONE, table_alloc, call_explain, 0},
    {"table_explain prohibition", SET_NONE, table_alloc, call_explain, 1},
    {"table_explain definition", SET_NONE, table_alloc, call_explain, 2},
    {"table_explain finding", SET_NONE, table_alloc, call_explain, 3},
    {"table_descriptor_schema", SET_NONE, table_alloc, call_schema, 0},
};

static const ocase cjson_case = {"table_compile (cJSON hooks)", SET_NONE, cjson_alloc, call_compile, 1};

/* Makes the objects a case needs, with failures off. */
static int setup(env *e, int how)
{
    memset(e, 0, sizeof *e);
    e->a = (aigov_allocator){c_malloc, c_realloc, c_free, &e->c};
    if (how == SET_NONE)
        return 0;
    if (aigov_ctx_new(&e->ctx, table, &e->a, NULL))
        return -1;
    aigov_eval_options o = opts();
    const aigov_report *rep;
    if (how == SET_WARM_SMALL && aigov_eval(&rep, e->ctx, "{}", 2, &o, NULL))
        return -1;
    if ((how == SET_WARM_SAME || how == SET_REPORT) && aigov_eval(&e->rep, e->ctx, doc, doc_len, &o, NULL))
        return -1;
    if (how == SET_WARM_SAME) {
        /* warm every path: render too */
        char *out = NULL;
        if (aigov_eval_render(&out, NULL, e->ctx, doc, doc_len, &o, AIGOV_FORMAT_JSON, NULL))
            return -1;
        aigov_free(out);
    }
    if (how == SET_SYSTEM_REPORT && aigov_eval_system(&e->rep, NULL, e->ctx, portfolio, portfolio_len, 1, &o, NULL))
        return -1;
    return 0;
}

static void teardown(env *e)
{
    aigov_ctx_free(e->ctx);
    e->ctx = NULL;
}

static long bad, points, cjson_points, injected_total;

static long case_problems;

static void problem(const ocase *k, long n, int sticky, const char *detail)
{
    if (case_problems++ < 6)
        fprintf(stderr, "oom: FAIL %s, allocation %ld%s: %s\n", k->name, n, sticky ? " and later" : "", detail);
    bad++;
}

/* One run of case k with allocation n failing (0: none). Checks the
 * outcome against the reference; returns the number of allocations made. */
static long run(const ocase *k, long n, int sticky, const char *reference, char **out_text)
{
    env e;
    long tc_base = tc.live, cj_base = cj.live;
    if (setup(&e, k->setup)) {
        problem(k, n, sticky, "setup fails without injected failures");
        teardown(&e);
        return 0;
    }
    counter *c = k->target(&e);
    aigov_error err;
    memset(&err, 0x5a, sizeof err);
    char *text = NULL;
    arm(c, n, sticky);
    int rc = k->call(&e, k->arg, &text, &err);
    long calls = c->calls;
    disarm(c);
    injected_total += c->injected;
    int hit = n > 0 && n <= calls;
    char msg[1024];
    if (rc == -1000) {
        problem(k, n, sticky, "output pointer not NULL (or length not 0) on failure");
    } else if (rc != 0 && rc != AIGOV_ENOMEM) {
        snprintf(msg, sizeof msg, "returned %d (%s: %s at '%s'), not AIGOV_ENOMEM", rc, aigov_strerror(rc),
                 err.message, err.path);
        problem(k, n, sticky, msg);
    } else if (rc == AIGOV_ENOMEM && !hit) {
        problem(k, n, sticky, "AIGOV_ENOMEM without an injected failure");
    } else if (rc == AIGOV_ENOMEM && (err.code != AIGOV_ENOMEM || !memchr(err.message, 0, sizeof err.message) ||
                                      strlen(err.message) < 10)) {
        problem(k, n, sticky, "error struct not set (code, message)");
    } else if (rc == 0 && reference && (!text || strcmp(text, reference) != 0)) {
        problem(k, n, sticky, "succeeded despite the failure, with different output");
    }
    if (rc != 0 && rc != -1000) {
        /* still usable: the same call on the same objects, without failures */
        char *again = NULL;
        aigov_error err2;
        int rc2 = k->call(&e, k->arg, &again, &err2);
        if (rc2 != 0) {
            snprintf(msg, sizeof msg, "retry without failures returned %d (%s)", rc2, err2.message);
            problem(k, n, sticky, msg);
        } else if (reference && (!again || strcmp(again, reference) != 0)) {
            problem(k, n, sticky, "retry without failures gives different output");
        }
        free(again);
    }
    teardown(&e);
    if (e.c.live != 0) {
        snprintf(msg, sizeof msg, "%ld context blocks leaked", e.c.live);
        problem(k, n, sticky, msg);
    }
    if (tc.live != tc_base) {
        snprintf(msg, sizeof msg, "%ld table-allocator blocks leaked", tc.live - tc_base);
        problem(k, n, sticky, msg);
        tc.live = tc_base;
    }
    if (cj.live != cj_base) {
        snprintf(msg, sizeof msg, "%ld cJSON blocks leaked", cj.live - cj_base);
        problem(k, n, sticky, msg);
        cj.live = cj_base;
    }
    if (out_text)
        *out_text = text;
    else
        free(text);
    return calls;
}

/* N values to try for a call making `total` allocations: all of them, or
 * for very many (cJSON) the first 100 and an even sample of the rest. */
static long next_n(long n, long total)
{
    if (total <= 400 || n < 50)
        return n + 1;
    long step = (total - 50) / 100 + 1;
    return n + step > total && n < total ? total : n + step;
}

static void exercise(const ocase *k)
{
    char *reference = NULL;
    long bad_before = bad, sites_before = n_sites;
    case_problems = 0;
    long total = run(k, 0, 0, NULL, &reference);
    if (bad != bad_before || !reference) {
        fprintf(stderr, "oom: FAIL %s does not succeed without injected failures\n", k->name);
        bad++;
        free(reference);
        return;
    }
    long tried = 0;
    for (int sticky = 0; sticky <= 1; sticky++)
        for (long n = 1; n <= total; n = next_n(n, total)) {
            run(k, n, sticky, reference, NULL);
            tried++;
        }
    /* one past the end succeeds with the same output */
    run(k, total + 1, 0, reference, NULL);
    if (k->target == cjson_alloc)
        cjson_points += total;
    else
        points += total;
    char failed[64] = "";
    if (bad != bad_before)
        snprintf(failed, sizeof failed, "  FAILED %ld times", bad - bad_before);
    printf("oom: %-32s %5ld allocation%s, %4ld runs, %3ld new call stacks%s\n", k->name, total,
           total == 1 ? " " : "s", tried, n_sites - sites_before, failed);
    free(reference);
}

int main(int argc, char **argv)
{
    int i = 1, with_cjson = 0;
    for (; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--cjson") == 0)
            with_cjson = 1;
        else if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
    }
    sources = calloc((size_t)argc, sizeof *sources);
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        sources[n_sources].name = argv[i];
        if (!(sources[n_sources].data = slurp(argv[i], &sources[n_sources].len))) {
            fprintf(stderr, "oom: cannot read %s\n", argv[i]);
            return 2;
        }
        n_sources++;
    }
    if (i + 2 >= argc || !(doc = slurp(argv[i + 1], &doc_len)) || !(portfolio = slurp(argv[i + 2], &portfolio_len))) {
        fprintf(stderr, "usage: oom_test [--cjson] [-v] RULE_FILE... -- DESCRIPTOR.json PORTFOLIO.json\n");
        return 2;
    }
    big = make_big(&big_len);
    if (with_cjson) {
        cJSON_Hooks hooks = {cj_malloc, cj_free};
        cJSON_InitHooks(&hooks);
    }
    aigov_error err;
    if (aigov_table_compile(&table, sources, n_sources, &ta, &err) != 0) {
        fprintf(stderr, "oom: the rules do not compile: %s (%s %s)\n", err.message, err.source, err.path);
        return 2;
    }
    /* the run-time compiler gives the build's table */
    if (strcmp(aigov_table_hash(table), aigov_table_hash(aigov_table_builtin())) != 0) {
        fprintf(stderr, "oom: FAIL compiled table hash %s differs from the builtin %s (rule files in another order?)\n",
                aigov_table_hash(table), aigov_table_hash(aigov_table_builtin()));
        bad++;
    }
    /* a rule of each kind to explain */
    for (size_t r = 0; r < aigov_table_rule_count(table); r++) {
        aigov_rule_info info;
        aigov_table_rule(&info, table, r);
        int slot = info.kind == AIGOV_RULE_OBLIGATION ? 0 : info.kind == AIGOV_RULE_PROHIBITION ? 1
                 : info.kind == AIGOV_RULE_DEFINITION ? 2 : 3;
        if (!explain_ids[slot])
            explain_ids[slot] = strdup(info.id);
    }
    for (int s = 0; s < 4; s++)
        if (!explain_ids[s])
            explain_ids[s] = strdup(explain_ids[0]);
    /* same report from the builtin and the compiled table */
    {
        aigov_ctx *a = NULL, *b = NULL;
        char *ra = NULL, *rb = NULL;
        aigov_eval_options o = opts();
        aigov_ctx_new(&a, aigov_table_builtin(), NULL, NULL);
        aigov_ctx_new(&b, table, NULL, NULL);
        aigov_eval_render(&ra, NULL, a, doc, doc_len, &o, AIGOV_FORMAT_JSON, NULL);
        aigov_eval_render(&rb, NULL, b, doc, doc_len, &o, AIGOV_FORMAT_JSON, NULL);
        if (!ra || !rb || strcmp(ra, rb) != 0) {
            fprintf(stderr, "oom: FAIL the compiled table's report differs from the builtin table's\n");
            bad++;
        }
        aigov_free(ra);
        aigov_free(rb);
        aigov_ctx_free(a);
        aigov_ctx_free(b);
    }

    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
        exercise(&cases[k]);
    if (with_cjson)
        exercise(&cjson_case);

    /* the promise of the header: after warm-up, evaluation does not allocate */
    {
        env e;
        setup(&e, SET_WARM_SAME);
        aigov_eval_options o = opts();
        const aigov_report *rep;
        arm(&e.c, 0, 0);
        int rc = aigov_eval(&rep, e.ctx, doc, doc_len, &o, NULL);
        long calls = e.c.calls;
        disarm(&e.c);
        if (rc || calls) {
            fprintf(stderr, "oom: FAIL a warm evaluation of the same descriptor made %ld allocations\n", calls);
            bad++;
        }
        teardown(&e);
    }

    aigov_table_free(table);
    if (tc.live != 0) {
        fprintf(stderr, "oom: FAIL the table leaves %ld blocks\n", tc.live);
        bad++;
    }
    if (with_cjson)
        printf("oom: cJSON (rule compiler's parser): %ld allocations, a sample of them failed\n", cjson_points);
    printf("oom: %zu entry points, %ld allocation points of the aigov_allocator failed one at a time and from "
           "there on, %ld failures injected in all, %ld distinct allocation call stacks; %s\n",
           sizeof cases / sizeof *cases, points, injected_total, n_sites,
           bad ? "FAILED" : "every failure returned AIGOV_ENOMEM with the error set, leaked nothing, "
                            "and the next call gave the reference output");
    for (size_t k = 0; k < n_sources; k++)
        free((void *)sources[k].data);
    for (int s = 0; s < 4; s++)
        free(explain_ids[s]);
    free(sources);
    free(doc);
    free(portfolio);
    free(big);
    return bad ? 1 : 0;
}
