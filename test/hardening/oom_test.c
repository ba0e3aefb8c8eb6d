/* Allocation failure on every public entry point: an allocator that fails
 * the Nth allocation, for every N from 1 until the call succeeds. Each
 * failure must return AIGOV_ENOMEM with the error set, leak nothing, and
 * leave the table and context usable (a later call gives the reference
 * output).   oom_test RULES_FILE... -- DESCRIPTOR.json */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aigov.h"

typedef struct counter {
    long live, allocs, fail_at;
} counter;

static void *c_malloc(void *ud, size_t n)
{
    counter *c = ud;
    if (++c->allocs == c->fail_at)
        return NULL;
    void *p = malloc(n);
    if (p)
        c->live++;
    return p;
}

static void *c_realloc(void *ud, void *p, size_t n)
{
    counter *c = ud;
    if (++c->allocs == c->fail_at)
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

static aigov_source *sources;
static size_t n_sources;
static char *doc;
static size_t doc_len;
static long sites, failures;

enum { T_COMPILE, T_CTX, T_EVAL_COLD, T_EVAL_WARM, T_RENDER_JSON, T_RENDER_TEXT, T_RENDER_MD,
       T_EVAL_RENDER, T_RULES, T_EXPLAIN, T_SCHEMA, T_COUNT };
static const char *names[] = {"table_compile", "ctx_new", "eval (cold ctx)", "eval (warm ctx)",
                              "render json", "render text", "render markdown", "eval_render",
                              "render_rules", "explain", "descriptor_schema"};

/* Runs entry point `which` with allocator `a`; returns its status. Objects
 * it needs but does not test are made with the same allocator beforehand,
 * with failures off. */
static int run(int which, counter *c, const aigov_allocator *a, char **out_text)
{
    aigov_error err;
    int rc = 0;
    long fail_at = c->fail_at;
    c->fail_at = 0;
    aigov_table *t = NULL;
    aigov_ctx *ctx = NULL;
    const aigov_report *rep = NULL;
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    char *out = NULL;
    if (which != T_COMPILE && aigov_table_compile(&t, sources, n_sources, a, &err))
        return -100;
    if (which > T_CTX && aigov_ctx_new(&ctx, t, a, &err))
        return -101;
    if (which == T_EVAL_WARM || (which >= T_RENDER_JSON && which <= T_RENDER_MD))
        if (aigov_eval(&rep, ctx, doc, doc_len, &o, &err))
            return -102;
    c->allocs = 0; /* count, and fail, from the tested call on */
    c->fail_at = fail_at;
    switch (which) {
    case T_COMPILE: {
        aigov_table *tt = NULL;
        rc = aigov_table_compile(&tt, sources, n_sources, a, &err);
        if (!rc && out_text)
            *out_text = strdup(aigov_table_hash(tt));
        aigov_table_free(tt);
        break;
    }
    case T_CTX: {
        aigov_ctx *cc = NULL;
        rc = aigov_ctx_new(&cc, t, a, &err);
        aigov_ctx_free(cc);
        break;
    }
    case T_EVAL_COLD:
    case T_EVAL_WARM:
        rc = aigov_eval(&rep, ctx, doc, doc_len, &o, &err);
        break;
    case T_RENDER_JSON:
    case T_RENDER_TEXT:
    case T_RENDER_MD:
        rc = aigov_report_render(&out, NULL, rep, which - T_RENDER_JSON, &err);
        break;
    case T_EVAL_RENDER: rc = aigov_eval_render(&out, NULL, ctx, doc, doc_len, &o, AIGOV_FORMAT_JSON, &err); break;
    case T_RULES: rc = aigov_table_render_rules(&out, NULL, t, AIGOV_FORMAT_JSON, &err); break;
    case T_EXPLAIN: rc = aigov_table_explain(&out, NULL, t, "eu.art27.1.fria", &err); break;
    case T_SCHEMA: rc = aigov_table_descriptor_schema(&out, NULL, t, &err); break;
    }
    if (rc && rc != AIGOV_ENOMEM)
        fprintf(stderr, "oom: %s returned %d (%s), not AIGOV_ENOMEM\n", names[which], rc, err.message);
    if (rc == AIGOV_ENOMEM && err.code != AIGOV_ENOMEM)
        fprintf(stderr, "oom: %s: error struct not set\n", names[which]), rc = -200;
    c->fail_at = 0;
    /* still usable: the same call without failures succeeds */
    if (rc == AIGOV_ENOMEM && ctx && which >= T_EVAL_COLD && which <= T_EVAL_RENDER) {
        char *again = NULL;
        if (aigov_eval_render(&again, NULL, ctx, doc, doc_len, &o, AIGOV_FORMAT_JSON, &err) != 0)
            rc = -300;
        aigov_free(again);
    }
    if (!rc && out_text && !*out_text && out)
        *out_text = strdup(out);
    aigov_free(out);
    aigov_ctx_free(ctx);
    aigov_table_free(t);
    return rc;
}

int main(int argc, char **argv)
{
    int i = 1;
    sources = calloc((size_t)argc, sizeof *sources);
    for (; i < argc && strcmp(argv[i], "--") != 0; i++) {
        sources[n_sources].name = argv[i];
        sources[n_sources].data = slurp(argv[i], &sources[n_sources].len);
        n_sources++;
    }
    if (i + 1 >= argc || !(doc = slurp(argv[i + 1], &doc_len)))
        return 2;
    int bad = 0;
    for (int which = 0; which < T_COUNT; which++) {
        counter ref = {0, 0, 0};
        aigov_allocator a = {c_malloc, c_realloc, c_free, &ref};
        char *reference = NULL;
        if (run(which, &ref, &a, &reference) != 0) {
            fprintf(stderr, "oom: %s fails without injected failures\n", names[which]);
            return 1;
        }
        long n;
        for (n = 1;; n++) {
            counter c = {0, 0, n};
            aigov_allocator ca = {c_malloc, c_realloc, c_free, &c};
            char *got = NULL;
            int rc = run(which, &c, &ca, &got);
            if (c.live != 0) {
                fprintf(stderr, "oom: %s failing allocation %ld leaks %ld blocks\n", names[which], n, c.live);
                bad = 1;
            }
            if (rc == 0) {
                if (reference && got && strcmp(reference, got) != 0) {
                    fprintf(stderr, "oom: %s output differs after recovery\n", names[which]);
                    bad = 1;
                }
                free(got);
                break;
            }
            if (rc != AIGOV_ENOMEM)
                bad = 1;
            failures++;
            free(got);
            if (n > 100000)
                break;
        }
        sites += n - 1;
        printf("oom: %-18s %ld allocation points failed one by one\n", names[which], n - 1);
        free(reference);
    }
    printf("oom: %ld allocation failures injected across %d entry points; %s\n", failures, T_COUNT,
           bad ? "FAILED" : "all returned AIGOV_ENOMEM, leaked nothing and recovered");
    for (size_t k = 0; k < n_sources; k++)
        free((void *)sources[k].data);
    free(sources);
    free(doc);
    return bad;
}
