/* The public API's contracts: versions, names, allocators, reuse without
 * allocation, determinism, rendering. */
#include <stdlib.h>
#include <string.h>
#include "unit.h"

typedef struct counter {
    size_t allocs, frees, fail_after;
} counter;

static void *c_malloc(void *ud, size_t n)
{
    counter *c = ud;
    if (c->fail_after && c->allocs + 1 >= c->fail_after)
        return NULL;
    c->allocs++;
    return malloc(n);
}

static void *c_realloc(void *ud, void *p, size_t n)
{
    counter *c = ud;
    if (c->fail_after && c->allocs + 1 >= c->fail_after)
        return NULL;
    c->allocs++;
    if (p)
        c->frees++;
    return realloc(p, n);
}

static void c_free(void *ud, void *p)
{
    counter *c = ud;
    if (p)
        c->frees++;
    free(p);
}

static const char *credit =
    "{\"organisation\":{\"name\":\"Bank\",\"established_in_eu\":true,\"public_authority\":false},"
    "\"operator\":{\"roles\":[\"deployer\"]},\"system\":{\"is_ai_system\":true,"
    "\"annex_iii\":{\"points\":[\"5b\"]}},\"evidence\":{\"fria\":{\"state\":\"absent\",\"ref\":\"R-1\"}}}";

START_TEST(versions_and_names)
{
    ck_assert_str_eq(aigov_version(), AIGOV_VERSION_STRING);
    ck_assert_uint_eq(aigov_version_number(), AIGOV_VERSION_NUMBER);
    ck_assert_str_eq(aigov_strerror(AIGOV_EINPUT), "descriptor does not match the schema");
    ck_assert_str_eq(aigov_strerror(-99), "unknown error code");
    ck_assert_str_eq(aigov_tier_name(AIGOV_TIER_HIGH_RISK), "high_risk");
    ck_assert_str_eq(aigov_tier_name(42), "?");
    ck_assert_str_eq(aigov_gpai_name(AIGOV_GPAI_SYSTEMIC), "gpai_systemic");
    ck_assert_str_eq(aigov_status_name(AIGOV_STATUS_NOT_APPLICABLE), "not_applicable");
    aigov_free(NULL);
}
END_TEST

START_TEST(a_warm_context_evaluates_without_allocating)
{
    counter c = {0, 0, 0};
    aigov_allocator a = {c_malloc, c_realloc, c_free, &c};
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), &a, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    const aigov_report *r;
    ck_assert_int_eq(aigov_eval(&r, ctx, credit, strlen(credit), &o, &err), 0);
    size_t warm = c.allocs;
    for (int i = 0; i < 50; i++)
        ck_assert_int_eq(aigov_eval(&r, ctx, credit, strlen(credit), &o, &err), 0);
    ck_assert_uint_eq(c.allocs, warm);
    /* rendering allocates only its output, freed by aigov_free through the same allocator */
    char *out;
    ck_assert_int_eq(aigov_report_render(&out, NULL, r, AIGOV_FORMAT_JSON, &err), 0);
    ck_assert(c.allocs > warm);
    aigov_free(out);
    aigov_ctx_free(ctx);
    ck_assert_uint_eq(c.allocs, c.frees);
}
END_TEST

/* The JSON report is compact unless AIGOV_RENDER_FULL asks for the full form, which only
 * JSON has; the compact form's scratch failing to allocate fails the rendering, never
 * changes it. */
START_TEST(compact_report_by_default_full_on_request)
{
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    const aigov_report *r;
    ck_assert_int_eq(aigov_eval(&r, ctx, credit, strlen(credit), &o, &err), 0);
    char *compact, *full, *out = (char *)1;
    size_t clen, flen;
    ck_assert_int_eq(aigov_report_render(&compact, &clen, r, AIGOV_FORMAT_JSON, &err), 0);
    ck_assert_int_eq(aigov_report_render(&full, &flen, r, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL, &err), 0);
    ck_assert_ptr_nonnull(strstr(compact, ",\"form\":\"compact\","));
    ck_assert_ptr_nonnull(strstr(compact, "\"conditions\":[{"));
    ck_assert_ptr_null(strstr(compact, "\"title\":"));
    ck_assert_ptr_null(strstr(full, "\"form\":"));
    ck_assert_ptr_nonnull(strstr(full, "\"title\":\"Fundamental rights impact assessment"));
    ck_assert_uint_lt(3 * clen, flen);
    /* the FRIA's evidence state once, with its reference; an item without one has no ref */
    ck_assert_ptr_nonnull(strstr(compact, "\"fria\":{\"state\":\"absent\",\"ref\":\"R-1\"}"));
    ck_assert_ptr_nonnull(strstr(compact, "{\"state\":\"unknown\"}"));
    ck_assert_ptr_null(strstr(compact, "\"ref\":null"));
    ck_assert_ptr_nonnull(strstr(full, "\"ref\":null"));
    /* rules in runs that share date, status and crosswalk, each by id with its reasons: the
     * first two AI Act duties of Art. 25 share all that */
    ck_assert_ptr_nonnull(strstr(compact, "\"obligations\":[{\"applies_from\":\"2027-12-02\",\"in_force\":true,"
                                          "\"status\":\"unknown\",\"crosswalk\":{\"coverage\":\"not_supported\","
                                          "\"still_needed\":[]},\"rules\":[{\"id\":\"eu.art25.2.original_provider_cooperation\","
                                          "\"reasons\":[0,"));
    ck_assert_ptr_nonnull(strstr(compact, "]},{\"id\":\"eu.art25.4.third_party_agreement\",\"reasons\":["));
    /* questions in runs: what they change and how many rules each affects, then the facts */
    ck_assert_ptr_nonnull(strstr(compact, "\"questions\":[{\"affects_tier\":true,\"affects_gpai\":true,"
                                          "\"affects_count\":"));
    ck_assert_ptr_nonnull(strstr(compact, ",\"facts\":[\"system.scope.scientific_rd_only\","));
    /* a test that many rules make is one condition */
    const char *cond = "{\"fact\":\"system.market.placed_on_eu_market\",\"value\":null,\"test\":\"is true\","
                       "\"result\":\"unknown\"}";
    const char *at = strstr(compact, cond);
    ck_assert_ptr_nonnull(at);
    ck_assert_ptr_null(strstr(at + 1, cond));
    at = strstr(full, cond);
    ck_assert_ptr_nonnull(at);
    ck_assert_ptr_nonnull(strstr(at + 1, cond));
    ck_assert_int_eq(aigov_report_render(&out, NULL, r, AIGOV_FORMAT_TEXT | AIGOV_RENDER_FULL, &err),
                     AIGOV_EINVAL);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, credit, strlen(credit), &o,
                                       AIGOV_FORMAT_MARKDOWN | AIGOV_RENDER_FULL, &err),
                     AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, credit, strlen(credit), &o, 0x200, &err), AIGOV_EINVAL);
    aigov_ctx_free(ctx);
    for (size_t n = 1; n < 8; n++) {
        counter c = {0, 0, 0};
        aigov_allocator a = {c_malloc, c_realloc, c_free, &c};
        ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), &a, &err), 0);
        ck_assert_int_eq(aigov_eval(&r, ctx, credit, strlen(credit), &o, &err), 0);
        c.fail_after = c.allocs + n;
        int rc = aigov_report_render(&out, NULL, r, AIGOV_FORMAT_JSON, &err);
        ck_assert(rc == 0 || rc == AIGOV_ENOMEM);
        if (rc == 0)
            ck_assert_str_eq(out, compact);
        aigov_free(out);
        aigov_ctx_free(ctx);
        ck_assert_uint_eq(c.allocs, c.frees);
    }
    aigov_free(compact);
    aigov_free(full);
}
END_TEST

START_TEST(allocation_failure_is_reported_and_leaves_nothing)
{
    for (size_t n = 1; n < 40; n++) {
        counter c = {0, 0, n};
        aigov_allocator a = {c_malloc, c_realloc, c_free, &c};
        aigov_ctx *ctx = NULL;
        aigov_error err;
        int rc = aigov_ctx_new(&ctx, aigov_table_builtin(), &a, &err);
        if (rc == 0) {
            aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
            o.as_of = "2028-01-01";
            const aigov_report *r;
            rc = aigov_eval(&r, ctx, credit, strlen(credit), &o, &err);
            ck_assert(rc == 0 || rc == AIGOV_ENOMEM);
            if (rc == 0) {
                char *out = NULL;
                rc = aigov_report_render(&out, NULL, r, AIGOV_FORMAT_TEXT, &err);
                ck_assert(rc == 0 || rc == AIGOV_ENOMEM);
                aigov_free(out);
            }
            aigov_ctx_free(ctx);
        } else {
            ck_assert_int_eq(rc, AIGOV_ENOMEM);
            ck_assert_int_eq(err.code, AIGOV_ENOMEM);
            ck_assert_ptr_null(ctx);
        }
        ck_assert_uint_eq(c.allocs, c.frees);
    }
}
END_TEST

START_TEST(rendering_is_deterministic_and_complete)
{
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    char *a = NULL, *b = NULL, *md = NULL, *txt = NULL;
    size_t alen, blen;
    ck_assert_int_eq(aigov_eval_render(&a, &alen, ctx, credit, strlen(credit), &o, AIGOV_FORMAT_JSON, &err), 0);
    const char *other = "{\"system\":{\"is_ai_system\":false}}";
    ck_assert_int_eq(aigov_eval_render(&b, &blen, ctx, other, strlen(other), &o, AIGOV_FORMAT_JSON, &err), 0);
    aigov_free(b);
    ck_assert_int_eq(aigov_eval_render(&b, &blen, ctx, credit, strlen(credit), &o, AIGOV_FORMAT_JSON, &err), 0);
    ck_assert_uint_eq(alen, blen);
    ck_assert_int_eq(memcmp(a, b, alen), 0);
    ck_assert_uint_eq(strlen(a), alen);
    const char *keys[] = {"{\"engine\":{\"version\":\"" AIGOV_VERSION_STRING "\",\"rules_revision\":",
                          "\"as_of\":\"2028-01-01\"", "\"classification\":{\"tier\":\"undetermined\"",
                          "\"obligations\":[", "\"questions\":[", "\"summary\":{", "\"ref\":\"R-1\""};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        ck_assert_msg(strstr(a, keys[i]) != NULL, "missing %s", keys[i]);
    ck_assert_int_eq(aigov_eval_render(&md, NULL, ctx, credit, strlen(credit), &o, AIGOV_FORMAT_MARKDOWN, &err), 0);
    ck_assert_ptr_nonnull(strstr(md, "| Status |"));
    ck_assert_int_eq(aigov_eval_render(&txt, NULL, ctx, credit, strlen(credit), &o, AIGOV_FORMAT_TEXT, &err), 0);
    char *oscal = NULL;
    ck_assert_int_eq(aigov_eval_render(&oscal, NULL, ctx, credit, strlen(credit), &o, AIGOV_FORMAT_OSCAL, &err), 0);
    ck_assert_ptr_nonnull(strstr(oscal, "\"assessment-results\""));
    aigov_free(oscal);
    ck_assert_ptr_nonnull(strstr(txt, "Tier:   undetermined"));
    char *bad = NULL;
    const aigov_report *r;
    ck_assert_int_eq(aigov_eval(&r, ctx, credit, strlen(credit), &o, &err), 0);
    ck_assert_int_eq(aigov_report_render(&bad, NULL, r, 99, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(bad);
    aigov_free(a);
    aigov_free(b);
    aigov_free(md);
    aigov_free(txt);
    aigov_ctx_free(ctx);
}
END_TEST

START_TEST(catalogue_explain_and_schema)
{
    const aigov_table *t = aigov_table_builtin();
    aigov_error err;
    char *out;
    for (int f = 0; f < 3; f++) {
        ck_assert_int_eq(aigov_table_render_rules(&out, NULL, t, f, &err), 0);
        ck_assert_ptr_nonnull(strstr(out, "eu.art27.1.fria"));
        aigov_free(out);
    }
    ck_assert_int_eq(aigov_table_explain(&out, NULL, t, "eu.art27.1.fria", &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "Art. 27(1)"));
    aigov_free(out);
    ck_assert_int_eq(aigov_table_explain(&out, NULL, t, "eu.no.such", &err), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_table_descriptor_schema(&out, NULL, t, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"additionalProperties\": false"));
    aigov_free(out);
    ck_assert_int_eq(aigov_ctx_new(NULL, t, NULL, &err), AIGOV_EINVAL);
    aigov_ctx *ctx;
    ck_assert_int_eq(aigov_ctx_new(&ctx, NULL, NULL, &err), AIGOV_EINVAL);
    aigov_ctx_free(NULL);
}
END_TEST

/* Fills err as an earlier failure would have left it. */
static aigov_error *stale(aigov_error *err)
{
    err->code = AIGOV_EINPUT;
    strcpy(err->message, "stale");
    strcpy(err->path, "$.stale");
    strcpy(err->source, "stale.json");
    strcpy(err->rule_id, "stale.rule");
    err->offset = 7;
    return err;
}

static void assert_cleared(const aigov_error *err)
{
    ck_assert_int_eq(err->code, 0);
    ck_assert_str_eq(err->message, "");
    ck_assert_str_eq(err->path, "");
    ck_assert_str_eq(err->source, "");
    ck_assert_str_eq(err->rule_id, "");
    ck_assert_uint_eq(err->offset, 0);
}

/* The api/ layer clears the caller's error on entry to every function that takes one: on
 * success nothing stale is left, on failure only what this call says. */
START_TEST(every_entry_point_clears_the_error)
{
    const aigov_table *t = aigov_table_builtin();
    aigov_error err;
    char *out;
    aigov_source src = {"empty.json", "{}", 2};
    aigov_table *compiled = NULL;
    aigov_table_compile(&compiled, &src, 1, NULL, stale(&err));
    ck_assert_str_ne(err.source, "stale.json");
    aigov_table_free(compiled);
    aigov_ctx *ctx;
    ck_assert_int_eq(aigov_ctx_new(&ctx, t, NULL, stale(&err)), 0);
    assert_cleared(&err);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2026-08-02";
    const aigov_report *r;
    ck_assert_int_eq(aigov_eval(&r, ctx, credit, strlen(credit), &o, stale(&err)), 0);
    assert_cleared(&err);
    ck_assert_int_eq(aigov_report_render(&out, NULL, r, AIGOV_FORMAT_TEXT, stale(&err)), 0);
    assert_cleared(&err);
    aigov_free(out);
    ck_assert_int_eq(aigov_eval_system(&r, NULL, ctx, credit, strlen(credit), 0, &o, stale(&err)), 0);
    assert_cleared(&err);
    ck_assert_int_eq(aigov_eval_organisation(&r, ctx, credit, strlen(credit), &o, stale(&err)), 0);
    assert_cleared(&err);
    aigov_verdict v;
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, credit, strlen(credit), &o, 0, AIGOV_FAIL_ON_GAP,
                                        stale(&err)),
                     0);
    assert_cleared(&err);
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, credit, strlen(credit), &o, AIGOV_FORMAT_JSON, stale(&err)), 0);
    assert_cleared(&err);
    aigov_free(out);
    ck_assert_int_eq(aigov_eval_render(NULL, NULL, ctx, credit, strlen(credit), &o, AIGOV_FORMAT_JSON, stale(&err)),
                     AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "out is NULL");
    ck_assert_str_eq(err.path, "");
    ck_assert_int_eq(aigov_table_render_rules(&out, NULL, t, AIGOV_FORMAT_TEXT, stale(&err)), 0);
    assert_cleared(&err);
    aigov_free(out);
    ck_assert_int_eq(aigov_table_render_rules(&out, NULL, t, 99, stale(&err)), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "unknown format 99");
    ck_assert_ptr_null(out);
    ck_assert_int_eq(aigov_table_explain(&out, NULL, t, "eu.art27.1.fria", stale(&err)), 0);
    assert_cleared(&err);
    aigov_free(out);
    ck_assert_int_eq(aigov_table_descriptor_schema(&out, NULL, t, stale(&err)), 0);
    assert_cleared(&err);
    aigov_free(out);
    aigov_ctx_free(ctx);
}
END_TEST

/* The argument checks of api/eval.c: each entry point's own, with the messages of the
 * single checks they replaced. */
START_TEST(evaluations_check_their_arguments)
{
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2026-08-02";
    size_t len = strlen(credit);
    const aigov_report *r = (const aigov_report *)&err;
    size_t n = 9;
    ck_assert_int_eq(aigov_eval_system(NULL, &n, ctx, credit, len, 0, &o, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "out is NULL");
    ck_assert_int_eq(aigov_eval_system(&r, &n, NULL, credit, len, 0, &o, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "ctx, json and opts are required");
    ck_assert_ptr_null(r);
    ck_assert_int_eq(aigov_eval_system(&r, &n, ctx, NULL, len, 0, &o, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "ctx, json and opts are required");
    ck_assert_int_eq(aigov_eval_system(&r, &n, ctx, credit, len, 0, NULL, &err), AIGOV_EINVAL);
    ck_assert_uint_eq(n, 9); /* untouched when the arguments are refused */
    ck_assert_int_eq(aigov_eval_organisation(&r, ctx, credit, len, NULL, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "ctx, json and opts are required");
    ck_assert_ptr_null(r);
    aigov_verdict v;
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, NULL, len, &o, 0, AIGOV_FAIL_ON_GAP, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "ctx, json and opts are required");
    ck_assert_int_eq(v.failing, 1);
    ck_assert_uint_eq(v.systems, 0);
    char *out = (char *)credit;
    ck_assert_int_eq(aigov_eval_render(&out, &n, ctx, credit, len, NULL, AIGOV_FORMAT_JSON, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(n, 0);
    /* empty input with no text is a descriptor that does not parse, not a NULL argument */
    ck_assert_int_ne(aigov_eval_system(&r, NULL, ctx, NULL, 0, 0, &o, &err), AIGOV_EINVAL);
    aigov_ctx_free(ctx);
}
END_TEST

START_TEST(one_organisation_several_systems)
{
    const char *doc = "{\"organisation\":{\"name\":\"Org\",\"aims\":{\"operated\":true}},"
                      "\"evidence\":{\"ai_policy\":{\"state\":\"implemented\"}},"
                      "\"systems\":[{\"system\":{\"name\":\"A\",\"is_ai_system\":false},\"gpai\":{\"is_gpai_model\":false}},"
                      "{\"system\":{\"name\":\"B\"},\"evidence\":{\"ai_policy\":{\"state\":\"absent\"}}}]}";
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    const aigov_report *r;
    ck_assert_int_eq(aigov_eval(&r, ctx, doc, strlen(doc), &o, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.systems");
    size_t n = 0;
    ck_assert_int_eq(aigov_eval_system(&r, &n, ctx, doc, strlen(doc), 0, &o, &err), 0);
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_OUT_OF_SCOPE);
    /* a system's report holds its own rules: the organisation's are reported once (issue 19) */
    ck_assert_int_eq(unit_status(r, "iso.5.2.ai_policy"), -1);
    ck_assert_int_eq(aigov_eval_system(&r, &n, ctx, doc, strlen(doc), 1, &o, &err), 0);
    ck_assert_int_eq(unit_status(r, "iso.5.2.ai_policy"), -1);
    /* and are decided on the organisation's own facts and shared evidence: implemented, although
     * system B says absent for its own rules */
    aigov_verdict v;
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, doc, strlen(doc), &o, AIGOV_FORMAT_JSON,
                                        AIGOV_FAIL_ON_GAP, &err), 0);
    ck_assert_uint_eq(v.systems, 2);
    ck_assert_int_eq(aigov_eval_system(&r, &n, ctx, doc, strlen(doc), 2, &o, &err), AIGOV_ENOTFOUND);
    char *out = NULL;
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, doc, strlen(doc), &o, AIGOV_FORMAT_JSON, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"systems\":[{\"index\":0,\"name\":\"A\""));
    ck_assert_ptr_nonnull(strstr(out, "{\"index\":1,\"name\":\"B\""));
    ck_assert_ptr_nonnull(strstr(out, "],\"organisation\":{\"obligations\":[{\"applies_from\":"));
    ck_assert_ptr_nonnull(strstr(out, ",\"rules\":[{\"id\":\"iso.4.1"));
    aigov_free(out);
    const char *bad = "{\"systems\":[{\"organisation\":{}}]}";
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, bad, strlen(bad), &o, AIGOV_FORMAT_TEXT, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.systems[0].organisation");
    const char *mixed = "{\"system\":{},\"systems\":[{}]}";
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, mixed, strlen(mixed), &o, AIGOV_FORMAT_JSON, &err), AIGOV_EINPUT);
    const char *empty = "{\"systems\":[]}";
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, empty, strlen(empty), &o, AIGOV_FORMAT_JSON, &err), AIGOV_EINPUT);
    aigov_ctx_free(ctx);
}
END_TEST

Suite *api_suite(void)
{
    Suite *s = suite_create("api");
    TCase *tc = tcase_create("api");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, versions_and_names);
    tcase_add_test(tc, a_warm_context_evaluates_without_allocating);
    tcase_add_test(tc, allocation_failure_is_reported_and_leaves_nothing);
    tcase_add_test(tc, compact_report_by_default_full_on_request);
    tcase_add_test(tc, rendering_is_deterministic_and_complete);
    tcase_add_test(tc, catalogue_explain_and_schema);
    tcase_add_test(tc, every_entry_point_clears_the_error);
    tcase_add_test(tc, evaluations_check_their_arguments);
    tcase_add_test(tc, one_organisation_several_systems);
    suite_add_tcase(s, tc);
    return s;
}
