/* Evaluation semantics on a small rule set: Kleene logic, the
 * classification chain, date cases, statuses and the order of questions. */
#include <string.h>
#include "unit.h"

static const char *rules_body =
    "{\"format\":\"aigov-rules/1\","
    "\"facts\":["
    "{\"id\":\"s.a\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.b\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"b?\"},"
    "{\"id\":\"s.c\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"c?\"},"
    "{\"id\":\"s.n\",\"type\":\"number\",\"min\":0,\"max\":1e30,\"description\":\"d\",\"ask\":\"n?\"},"
    "{\"id\":\"s.k\",\"type\":\"enum\",\"values\":[\"x\",\"y\"],\"description\":\"d\",\"ask\":\"k?\"},"
    "{\"id\":\"s.set\",\"type\":\"set\",\"values\":[\"p\",\"q\",\"r\"],\"description\":\"d\",\"ask\":\"set?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"},"
    "{\"id\":\"doc2\",\"title\":\"Doc 2\",\"description\":\"d\"}],"
    "\"rules\":["
    "{\"id\":\"c.oos\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 2\",\"title\":\"t\",\"classifies\":\"out_of_scope\",\"when\":{\"fact\":\"s.a\",\"is\":true}},"
    "{\"id\":\"c.pro\",\"kind\":\"prohibition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 5\",\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-12-02\",\"when\":{\"fact\":\"s.b\",\"is\":true}},"
    "{\"id\":\"c.hr\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 6\",\"title\":\"t\",\"classifies\":\"high_risk\",\"when\":{\"all\":[{\"fact\":\"s.c\",\"is\":true},{\"not\":{\"rule\":\"c.oos\"}}]}},"
    "{\"id\":\"c.lim\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 50\",\"title\":\"t\",\"classifies\":\"limited\",\"when\":{\"fact\":\"s.set\",\"has\":\"p\"}},"
    "{\"id\":\"c.gpai\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 51\",\"title\":\"t\",\"classifies\":\"gpai\",\"confers_role\":\"provider\",\"when\":{\"fact\":\"s.n\",\"gte\":1}},"
    "{\"id\":\"c.sys\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 51(2)\",\"title\":\"t\",\"classifies\":\"gpai_systemic\",\"when\":{\"fact\":\"s.n\",\"gt\":1e25}},"
    "{\"id\":\"o.one\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 9\",\"title\":\"t\",\"holder\":[\"provider\"],"
    "\"applies_from\":[{\"if\":{\"fact\":\"s.k\",\"eq\":\"x\"},\"date\":\"2027-12-02\"},{\"date\":\"2028-08-02\"}],"
    "\"when\":{\"rule\":\"c.hr\"},\"evidence\":[\"doc\",\"doc2\"]},"
    "{\"id\":\"o.two\",\"kind\":\"obligation\",\"framework\":\"iso42001\",\"citation\":\"6.1\",\"title\":\"t\",\"holder\":[\"organisation\"],\"applies_from\":\"2023-12-18\","
    "\"when\":{\"any\":[{\"fact\":\"s.set\",\"has_any\":[\"q\",\"r\"]},{\"fact\":\"s.c\",\"is\":true}]},\"evidence\":[\"doc\"]}"
    "]}";

static aigov_table *table;
static aigov_ctx *ctx;

static void setup(void)
{
    aigov_error err;
    int rc;
    table = unit_compile(rules_body, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s (%s)", err.message, err.path, err.rule_id);
    ctx = NULL;
}

static void teardown(void)
{
    aigov_ctx_free(ctx);
    aigov_table_free(table);
}

static const aigov_report *ev(const char *json, const char *as_of)
{
    aigov_error err;
    int rc;
    const aigov_report *r = unit_eval(&ctx, table, json, as_of, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    return r;
}

START_TEST(known_facts_classify_and_evidence_decides_status)
{
    const aigov_report *r = ev("{\"s\":{\"a\":false,\"b\":false,\"c\":true,\"k\":\"x\",\"n\":0,\"set\":[]},"
                               "\"evidence\":{\"doc\":{\"state\":\"implemented\"},\"doc2\":{\"state\":\"partial\"}}}",
                               "2028-01-01");
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_HIGH_RISK);
    ck_assert_int_eq(aigov_report_gpai(r), AIGOV_GPAI_NONE);
    ck_assert_int_eq(unit_status(r, "o.one"), AIGOV_STATUS_GAP);
    ck_assert_int_eq(unit_status(r, "o.two"), AIGOV_STATUS_MET);
    ck_assert_int_eq(unit_status(r, "c.pro"), AIGOV_STATUS_NOT_APPLICABLE);
    aigov_obligation o = {.size = sizeof(aigov_obligation)};
    ck_assert_int_eq(aigov_report_obligation(&o, r, 1), 0);
    ck_assert_str_eq(o.id, "o.one");
    ck_assert_str_eq(o.applies_from, "2027-12-02");
    ck_assert_int_eq(o.in_force, 1);
    aigov_summary s;
    aigov_report_summary(&s, r);
    ck_assert_int_eq(s.total, 3);
    ck_assert_int_eq(s.gap, 1);
    ck_assert_int_eq(s.in_force_gaps, 1);
    ck_assert_int_eq(s.questions, 0);
}
END_TEST

START_TEST(an_unknown_gate_never_lowers_the_tier)
{
    const aigov_report *r = ev("{\"s\":{\"b\":false,\"c\":true,\"n\":0,\"set\":[]}}", "2028-01-01");
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_UNDETERMINED);
    aigov_question q;
    ck_assert_int_eq(aigov_report_question(&q, r, 0), 0);
    ck_assert_str_eq(q.fact, "s.a");
    ck_assert_int_eq(q.affects_tier, 1);
    char *json;
    aigov_error err;
    ck_assert_int_eq(aigov_report_render(&json, NULL, r, AIGOV_FORMAT_JSON, &err), 0);
    ck_assert_ptr_nonnull(strstr(json, "\"possible_tiers\":[\"out_of_scope\",\"high_risk\",\"minimal\"]"));
    aigov_free(json);
    /* everything false: minimal; set p: limited */
    r = ev("{\"s\":{\"a\":false,\"b\":false,\"c\":false,\"n\":0,\"set\":[]}}", "2028-01-01");
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_MINIMAL);
    r = ev("{\"s\":{\"a\":false,\"b\":false,\"c\":false,\"n\":0,\"set\":[\"p\"]}}", "2028-01-01");
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_LIMITED);
    /* a true out-of-scope gate decides even when other facts are unknown */
    r = ev("{\"s\":{\"a\":true}}", "2028-01-01");
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_OUT_OF_SCOPE);
}
END_TEST

START_TEST(prohibitions_count_only_from_their_date)
{
    const char *doc = "{\"s\":{\"a\":false,\"b\":true,\"c\":true,\"n\":0,\"set\":[]}}";
    const aigov_report *r = ev(doc, "2026-12-01");
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_HIGH_RISK);
    ck_assert_int_eq(unit_status(r, "c.pro"), AIGOV_STATUS_GAP);
    r = ev(doc, "2026-12-02");
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_PROHIBITED);
}
END_TEST

START_TEST(kleene_any_all_not)
{
    /* any(true, unknown) = true */
    const aigov_report *r = ev("{\"s\":{\"set\":[\"q\"]},\"evidence\":{\"doc\":{\"state\":\"absent\"}}}", "2028-01-01");
    ck_assert_int_eq(unit_status(r, "o.two"), AIGOV_STATUS_GAP);
    /* any(false, unknown) = unknown */
    r = ev("{\"s\":{\"set\":[\"p\"]}}", "2028-01-01");
    ck_assert_int_eq(unit_status(r, "o.two"), AIGOV_STATUS_UNKNOWN);
    /* all(false, unknown) = false; not(unknown) stays unknown */
    r = ev("{\"s\":{\"c\":false}}", "2028-01-01");
    ck_assert_int_eq(unit_status(r, "o.one"), AIGOV_STATUS_NOT_APPLICABLE);
    r = ev("{\"s\":{\"c\":true}}", "2028-01-01");
    ck_assert_int_eq(unit_status(r, "o.one"), AIGOV_STATUS_UNKNOWN);
    /* applicable with evidence not given: unknown, and the evidence is asked */
    r = ev("{\"s\":{\"a\":false,\"c\":true}}", "2028-01-01");
    ck_assert_int_eq(unit_status(r, "o.one"), AIGOV_STATUS_UNKNOWN);
    int asked = 0;
    for (size_t i = 0; i < aigov_report_question_count(r); i++) {
        aigov_question q;
        aigov_report_question(&q, r, i);
        asked |= strcmp(q.fact, "evidence.doc2") == 0;
    }
    ck_assert(asked);
}
END_TEST

START_TEST(date_cases_take_the_earliest_possible_date)
{
    aigov_obligation o = {.size = sizeof(aigov_obligation)};
    const aigov_report *r = ev("{\"s\":{\"a\":false,\"c\":true}}", "2028-01-01");
    aigov_report_obligation(&o, r, 1);
    ck_assert_str_eq(o.applies_from, "2027-12-02");
    r = ev("{\"s\":{\"a\":false,\"c\":true,\"k\":\"y\"}}", "2028-01-01");
    aigov_report_obligation(&o, r, 1);
    ck_assert_str_eq(o.applies_from, "2028-08-02");
    ck_assert_int_eq(o.in_force, 0);
}
END_TEST

START_TEST(gpai_threshold_is_strictly_above_1e25)
{
    const aigov_report *r = ev("{\"s\":{\"n\":1e25}}", "2028-01-01");
    ck_assert_int_eq(aigov_report_gpai(r), AIGOV_GPAI_MODEL);
    r = ev("{\"s\":{\"n\":1.0000001e25}}", "2028-01-01");
    ck_assert_int_eq(aigov_report_gpai(r), AIGOV_GPAI_SYSTEMIC);
    r = ev("{\"s\":{\"n\":10000000000000000000000000}}", "2028-01-01");
    ck_assert_int_eq(aigov_report_gpai(r), AIGOV_GPAI_MODEL);
    r = ev("{}", "2028-01-01");
    ck_assert_int_eq(aigov_report_gpai(r), AIGOV_GPAI_UNDETERMINED);
    aigov_question q;
    int found = 0;
    for (size_t i = 0; i < aigov_report_question_count(r); i++) {
        aigov_report_question(&q, r, i);
        if (strcmp(q.fact, "s.n") == 0)
            found = q.affects_gpai;
    }
    ck_assert(found);
}
END_TEST

START_TEST(questions_put_tier_facts_first)
{
    const aigov_report *r = ev("{}", "2028-01-01");
    size_t n = aigov_report_question_count(r);
    ck_assert(n >= 5);
    int seen_non_tier = 0;
    for (size_t i = 0; i < n; i++) {
        aigov_question q;
        aigov_report_question(&q, r, i);
        if (!q.affects_tier)
            seen_non_tier = 1;
        else
            ck_assert_msg(!seen_non_tier, "tier question %s after a non-tier one", q.fact);
    }
}
END_TEST

Suite *eval_suite(void)
{
    Suite *s = suite_create("eval");
    TCase *tc = tcase_create("eval");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, known_facts_classify_and_evidence_decides_status);
    tcase_add_test(tc, an_unknown_gate_never_lowers_the_tier);
    tcase_add_test(tc, prohibitions_count_only_from_their_date);
    tcase_add_test(tc, kleene_any_all_not);
    tcase_add_test(tc, date_cases_take_the_earliest_possible_date);
    tcase_add_test(tc, gpai_threshold_is_strictly_above_1e25);
    tcase_add_test(tc, questions_put_tier_facts_first);
    suite_add_tcase(s, tc);
    return s;
}
