/* The descriptor parser: every malformed shape gets the right code and the
 * JSON path of the offending value. */
#include <string.h>
#include "unit.h"

typedef struct bad {
    const char *json;
    int code;
    const char *path;
} bad;

static const bad cases[] = {
    {"", AIGOV_ESYNTAX, "$"},
    {"   ", AIGOV_ESYNTAX, "$"},
    {"\xEF\xBB\xBF{}", AIGOV_ESYNTAX, "$"},
    {"[]", AIGOV_EINPUT, "$"},
    {"{} x", AIGOV_ESYNTAX, "$"},
    {"{}{}", AIGOV_ESYNTAX, "$"},
    {"{\"organisation\":{\"name\":\"a\"", AIGOV_ESYNTAX, "$.organisation"},
    {"{\"Organisation\":{}}", AIGOV_EINPUT, "$.Organisation"},
    {"{\"organisation\":{\"nme\":\"x\"}}", AIGOV_EINPUT, "$.organisation.nme"},
    {"{\"organisation\":{},\"organisation\":{}}", AIGOV_EINPUT, "$.organisation"},
    {"{\"organisation\":{\"name\":\"a\",\"name\":\"b\"}}", AIGOV_EINPUT, "$.organisation.name"},
    {"{\"organisation\":{\"public_authority\":\"yes\"}}", AIGOV_EINPUT, "$.organisation.public_authority"},
    {"{\"organisation\":{\"public_authority\":1}}", AIGOV_EINPUT, "$.organisation.public_authority"},
    {"{\"organisation\":{\"size\":\"huge\"}}", AIGOV_EINPUT, "$.organisation.size"},
    {"{\"operator\":{\"roles\":\"provider\"}}", AIGOV_EINPUT, "$.operator.roles"},
    {"{\"operator\":{\"roles\":[\"provider\",\"provider\"]}}", AIGOV_EINPUT, "$.operator.roles[1]"},
    {"{\"operator\":{\"roles\":[\"provider\",3]}}", AIGOV_EINPUT, "$.operator.roles[1]"},
    {"{\"operator\":{\"roles\":[[[[\"provider\"]]]]}}", AIGOV_EINPUT, "$.operator.roles[0]"},
    {"{\"gpai\":{\"training_compute_flops\":\"1e25\"}}", AIGOV_EINPUT, "$.gpai.training_compute_flops"},
    {"{\"gpai\":{\"training_compute_flops\":-1}}", AIGOV_EINPUT, "$.gpai.training_compute_flops"},
    {"{\"gpai\":{\"training_compute_flops\":-0}}", AIGOV_EINPUT, "$.gpai.training_compute_flops"},
    {"{\"gpai\":{\"training_compute_flops\":1e400}}", AIGOV_EINPUT, "$.gpai.training_compute_flops"},
    {"{\"gpai\":{\"training_compute_flops\":NaN}}", AIGOV_ESYNTAX, "$.gpai.training_compute_flops"},
    {"{\"gpai\":{\"training_compute_flops\":Infinity}}", AIGOV_ESYNTAX, "$.gpai.training_compute_flops"},
    {"{\"gpai\":{\"training_compute_flops\":01}}", AIGOV_ESYNTAX, "$.gpai.training_compute_flops"},
    {"{\"gpai\":{\"training_compute_flops\":1.}}", AIGOV_ESYNTAX, "$.gpai.training_compute_flops"},
    {"{\"gpai\":{\"placed_on_market_date\":\"2025-02-30\"}}", AIGOV_EINPUT, "$.gpai.placed_on_market_date"},
    {"{\"organisation\":{\"name\":\"a\\u0000b\"}}", AIGOV_EINPUT, "$.organisation.name"},
    {"{\"organisation\":{\"name\":\"a\x01\"}}", AIGOV_ESYNTAX, "$.organisation.name"},
    {"{\"organisation\":{\"name\":\"\xC3\x28\"}}", AIGOV_ESYNTAX, "$.organisation.name"},
    {"{\"organisation\":{\"name\":\"\xC0\xAF\"}}", AIGOV_ESYNTAX, "$.organisation.name"},
    {"{\"organisation\":{\"name\":\"\xED\xA0\x80\"}}", AIGOV_ESYNTAX, "$.organisation.name"},
    {"{\"organisation\":{\"name\":\"\\ud800\"}}", AIGOV_ESYNTAX, "$.organisation.name"},
    {"{\"organisation\":{\"name\":\"\\udc00x\"}}", AIGOV_ESYNTAX, "$.organisation.name"},
    {"{\"organisation\":{\"name\":\"\\q\"}}", AIGOV_ESYNTAX, "$.organisation.name"},
    {"{\"evidence\":{\"fria\":{\"ref\":\"x\"}}}", AIGOV_EINPUT, "$.evidence.fria"},
    {"{\"evidence\":{\"fria\":{\"state\":\"done\"}}}", AIGOV_EINPUT, "$.evidence.fria.state"},
    {"{\"evidence\":{\"fria\":{\"state\":\"absent\",\"owner\":\"x\"}}}", AIGOV_EINPUT, "$.evidence.fria.owner"},
    {"{\"evidence\":{\"fria\":\"implemented\"}}", AIGOV_EINPUT, "$.evidence.fria"},
    {"{\"evidence\":{\"no_such_item\":{\"state\":\"absent\"}}}", AIGOV_EINPUT, "$.evidence.no_such_item"},
    {"{\"descriptor_version\":2}", AIGOV_EINPUT, "$.descriptor_version"},
    {"{\"system\":{\"art5\":{\"social_scoring\":true,}}}", AIGOV_ESYNTAX, "$.system.art5"},
    {"{\"system\":5}", AIGOV_EINPUT, "$.system"},
};

START_TEST(malformed_descriptors_name_the_path)
{
    const aigov_table *t = aigov_table_builtin();
    aigov_ctx *ctx = NULL;
    aigov_error err;
    int rc;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const aigov_report *r = unit_eval(&ctx, t, cases[i].json, "2027-01-01", &err, &rc);
        ck_assert_msg(rc == cases[i].code, "case %zu (%s): rc %d, want %d (%s)", i, cases[i].json,
                      rc, cases[i].code, err.message);
        ck_assert_ptr_null(r);
        ck_assert_int_eq(err.code, rc);
        ck_assert_msg(strcmp(err.path, cases[i].path) == 0, "case %zu: path %s, want %s", i,
                      err.path, cases[i].path);
        ck_assert(strlen(err.message) > 10);
    }
    /* the context is still usable after every error */
    const aigov_report *r = unit_eval(&ctx, t, "{\"$schema\":\"x\",\"descriptor_version\":1}",
                                      "2027-01-01", &err, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_ptr_nonnull(r);
    aigov_ctx_free(ctx);
}
END_TEST

START_TEST(limits_on_size_and_depth)
{
    const aigov_table *t = aigov_table_builtin();
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, t, NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2027-01-01";
    o.max_input = 10;
    const aigov_report *r;
    const char *doc = "{\"organisation\":{}}";
    ck_assert_int_eq(aigov_eval(&r, ctx, doc, strlen(doc), &o, &err), AIGOV_ELIMIT);
    o.max_input = 0;
    o.max_depth = 1;
    ck_assert_int_eq(aigov_eval(&r, ctx, doc, strlen(doc), &o, &err), AIGOV_ELIMIT);
    ck_assert_str_eq(err.path, "$.organisation");
    o.max_depth = 0;
    o.as_of = "2027-02-30";
    ck_assert_int_eq(aigov_eval(&r, ctx, doc, strlen(doc), &o, &err), AIGOV_EINVAL);
    o.as_of = NULL;
    ck_assert_int_eq(aigov_eval(&r, ctx, doc, strlen(doc), &o, &err), AIGOV_EINVAL);
    o.as_of = "2027-01-01";
    o.version = 99;
    ck_assert_int_eq(aigov_eval(&r, ctx, doc, strlen(doc), &o, &err), AIGOV_EINVAL);
    o.version = AIGOV_EVAL_OPTIONS_VERSION;
    /* embedded NUL byte outside a string */
    const char nul[] = "{\"organisation\":{}}\0";
    ck_assert_int_eq(aigov_eval(&r, ctx, nul, sizeof nul - 1, &o, &err), AIGOV_ESYNTAX);
    ck_assert_int_eq(aigov_eval(&r, ctx, doc, strlen(doc), &o, &err), 0);
    aigov_ctx_free(ctx);
}
END_TEST

START_TEST(absent_and_null_facts_are_unknown_and_values_are_read)
{
    const aigov_table *t = aigov_table_builtin();
    aigov_ctx *ctx = NULL;
    aigov_error err;
    int rc;
    const char *doc = "{\"organisation\":{\"name\":\"Caf\\u00e9 \\ud83d\\ude00 AG\",\"public_authority\":null},"
                      "\"operator\":{\"roles\":[]},\"gpai\":{\"training_compute_flops\":1.0e25},"
                      "\"evidence\":{\"fria\":{\"state\":\"implemented\",\"ref\":\"https://x/\\\"q\\\"\"}}}";
    const aigov_report *r = unit_eval(&ctx, t, doc, "2027-01-01", &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    char *json = NULL;
    ck_assert_int_eq(aigov_report_render(&json, NULL, r, AIGOV_FORMAT_JSON, &err), 0);
    ck_assert_ptr_nonnull(strstr(json, "\"as_of\":\"2027-01-01\""));
    aigov_free(json);
    /* unknown facts are asked */
    int asked = 0;
    for (size_t i = 0; i < aigov_report_question_count(r); i++) {
        aigov_question q;
        aigov_report_question(&q, r, i);
        if (strcmp(q.fact, "system.is_ai_system") == 0)
            asked = 1;
    }
    ck_assert(asked);
    aigov_ctx_free(ctx);
}
END_TEST

Suite *descriptor_suite(void)
{
    Suite *s = suite_create("descriptor");
    TCase *tc = tcase_create("descriptor");
    tcase_add_test(tc, malformed_descriptors_name_the_path);
    tcase_add_test(tc, limits_on_size_and_depth);
    tcase_add_test(tc, absent_and_null_facts_are_unknown_and_values_are_read);
    suite_add_tcase(s, tc);
    return s;
}
