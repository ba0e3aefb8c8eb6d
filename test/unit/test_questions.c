/* Questions in full (aigov_report_question_info, aigov_report_question_rule):
 * type, allowed values, provision, rank class and what each can decide, on a
 * small rule set where each rank has one fact, and on the builtin table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

static const char *body =
    "{\"format\":\"aigov-rules/1\","
    "\"facts\":["
    "{\"id\":\"s.a\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\",\"source\":\"Art. 6(2)\"},"
    "{\"id\":\"s.d\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"d?\",\"source\":\"Art. 3(4)\"},"
    "{\"id\":\"s.k\",\"type\":\"enum\",\"values\":[\"x\",\"y\"],\"description\":\"d\",\"ask\":\"k?\",\"source\":\"Art. 111(2)\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}],"
    "\"rules\":["
    "{\"id\":\"c.hr\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 6\",\"title\":\"t\",\"classifies\":\"high_risk\",\"when\":{\"fact\":\"s.a\",\"is\":true}},"
    "{\"id\":\"r.dep\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 3(4)\",\"title\":\"t\",\"confers_role\":\"deployer\",\"when\":{\"fact\":\"s.d\",\"is\":true}},"
    "{\"id\":\"o.one\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 26(1)\",\"title\":\"t\",\"holder\":[\"deployer\"],"
    "\"applies_from\":[{\"if\":{\"fact\":\"s.k\",\"eq\":\"x\"},\"date\":\"2027-12-02\"},{\"date\":\"2028-08-02\"}],"
    "\"when\":{\"all\":[{\"rule\":\"r.dep\"},{\"rule\":\"c.hr\"}]},\"evidence\":[\"doc\"]}"
    "]}";

static aigov_table *table;
static aigov_ctx *ctx;

static void setup(void)
{
    aigov_error err;
    int rc;
    table = unit_compile(body, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s (%s)", err.message, err.path, err.rule_id);
    ctx = NULL;
}

static void teardown(void)
{
    aigov_ctx_free(ctx);
    aigov_table_free(table);
}

static const aigov_report *ev(const aigov_table *t, const char *json, const char *as_of)
{
    aigov_error err;
    int rc;
    const aigov_report *r = unit_eval(&ctx, t, json, as_of, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    return r;
}

static aigov_question_info info(const aigov_report *r, size_t i)
{
    aigov_question_info q;
    memset(&q, 0, sizeof q);
    q.size = sizeof q;
    ck_assert_int_eq(aigov_report_question_info(&q, r, i), 0);
    return q;
}

START_TEST(each_rank_class_in_order)
{
    /* tier open: the tier fact first, then the role, then the date */
    const aigov_report *r = ev(table, "{}", "2028-01-01");
    ck_assert_uint_eq(aigov_report_question_count(r), 3);
    aigov_question_info q = info(r, 0);
    ck_assert_str_eq(q.fact, "s.a");
    ck_assert_int_eq(q.rank, AIGOV_RANK_TIER);
    ck_assert_int_eq(q.type, AIGOV_FACT_BOOL);
    ck_assert_str_eq(q.source, "Art. 6(2)");
    ck_assert_str_eq(q.ask, "a?");
    ck_assert(q.affects_tier);
    q = info(r, 1);
    ck_assert_str_eq(q.fact, "s.d");
    ck_assert_int_eq(q.rank, AIGOV_RANK_ROLE);
    ck_assert(!q.affects_tier && !q.affects_gpai);
    ck_assert_uint_eq(q.affected_rules, 1);
    q = info(r, 2);
    ck_assert_str_eq(q.fact, "s.k");
    ck_assert_int_eq(q.rank, AIGOV_RANK_DATE);
    ck_assert_int_eq(q.type, AIGOV_FACT_ENUM);
    ck_assert_uint_eq(q.n_values, 2);
    ck_assert_str_eq(q.values[0], "x");
    ck_assert_str_eq(q.values[1], "y");
    /* the duty applies: its date and its evidence are open */
    r = ev(table, "{\"s\":{\"a\":true,\"d\":true}}", "2028-01-01");
    ck_assert_uint_eq(aigov_report_question_count(r), 2);
    q = info(r, 0);
    ck_assert_str_eq(q.fact, "s.k");
    ck_assert_int_eq(q.rank, AIGOV_RANK_DATE);
    q = info(r, 1);
    ck_assert_str_eq(q.fact, "evidence.doc");
    ck_assert_int_eq(q.rank, AIGOV_RANK_DUTY);
    ck_assert_int_eq(q.type, AIGOV_FACT_EVIDENCE);
    ck_assert_uint_eq(q.n_values, 4);
    ck_assert_str_eq(q.values[0], "implemented");
    ck_assert_uint_eq(q.affected_rules, 1);
    ck_assert_uint_eq(q.affected_in_force, 1); /* earliest possible date 2027-12-02 */
    const char *id = NULL;
    ck_assert_int_eq(aigov_report_question_rule(&id, r, 1, 0), 0);
    ck_assert_str_eq(id, "o.one");
    ck_assert_int_eq(aigov_report_question_rule(&id, r, 1, 1), AIGOV_ENOTFOUND);
    ck_assert_ptr_null(id);
    /* before the earliest date nothing it decides is in force */
    r = ev(table, "{\"s\":{\"a\":true,\"d\":true}}", "2027-01-01");
    q = info(r, 1);
    ck_assert_str_eq(q.fact, "evidence.doc");
    ck_assert_uint_eq(q.affected_in_force, 0);
}
END_TEST

START_TEST(size_field_and_errors)
{
    const aigov_report *r = ev(table, "{}", "2028-01-01");
    aigov_question_info q;
    memset(&q, 0, sizeof q);
    ck_assert_int_eq(aigov_report_question_info(&q, r, 0), AIGOV_EINVAL); /* size 0 */
    q.size = sizeof q - 1;
    ck_assert_int_eq(aigov_report_question_info(&q, r, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_question_info(NULL, r, 0), AIGOV_EINVAL);
    q.size = sizeof q;
    ck_assert_int_eq(aigov_report_question_info(&q, NULL, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_question_info(&q, r, 3), AIGOV_ENOTFOUND);
    /* a newer caller's larger struct: its extra bytes are left alone */
    struct { aigov_question_info q; unsigned char extra[16]; } big;
    memset(&big, 0xAB, sizeof big);
    big.q.size = sizeof big;
    ck_assert_int_eq(aigov_report_question_info(&big.q, r, 0), 0);
    ck_assert_str_eq(big.q.fact, "s.a");
    ck_assert_uint_eq(big.q.size, sizeof big);
    for (size_t k = 0; k < sizeof big.extra; k++)
        ck_assert_uint_eq(big.extra[k], 0xAB);
    const char *id;
    ck_assert_int_eq(aigov_report_question_rule(NULL, r, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_question_rule(&id, NULL, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_question_rule(&id, r, 9, 0), AIGOV_ENOTFOUND);
    ck_assert_str_eq(aigov_fact_type_name(AIGOV_FACT_EVIDENCE), "evidence");
    ck_assert_str_eq(aigov_fact_type_name(99), "?");
    ck_assert_str_eq(aigov_fact_type_name(-1), "?");
    ck_assert_str_eq(aigov_question_rank_name(99), "?");
    ck_assert_str_eq(aigov_question_rank_name(AIGOV_RANK_DATE), "date");
    ck_assert_str_eq(aigov_question_rank_name(-1), "?");
}
END_TEST

START_TEST(builtin_ranks_never_go_back_and_agree_with_the_short_form)
{
    aigov_table_free(table); /* the builtin table for this test */
    table = NULL;
    const aigov_report *r = ev(aigov_table_builtin(), "{}", "2028-01-01");
    size_t n = aigov_report_question_count(r);
    ck_assert(n > 20);
    int last = AIGOV_RANK_TIER, seen_type[7] = {0};
    for (size_t i = 0; i < n; i++) {
        aigov_question_info q = info(r, i);
        aigov_question s;
        ck_assert_int_eq(aigov_report_question(&s, r, i), 0);
        ck_assert_str_eq(q.fact, s.fact);
        ck_assert_int_eq(q.affects_tier, s.affects_tier);
        ck_assert_uint_eq(q.affected_rules, s.affected_rules);
        ck_assert_msg(q.rank >= last, "%s (%d) after rank %d", q.fact, q.rank, last);
        last = q.rank;
        ck_assert(q.affected_in_force <= q.affected_rules);
        ck_assert(q.type >= AIGOV_FACT_BOOL && q.type <= AIGOV_FACT_EVIDENCE);
        seen_type[q.type] = 1;
        size_t listed = 0;
        const char *id;
        while (aigov_report_question_rule(&id, r, i, listed) == 0) {
            size_t ri;
            ck_assert_int_eq(aigov_table_find_rule(&ri, aigov_table_builtin(), id), 0);
            listed++;
        }
        ck_assert_uint_eq(listed, q.affected_rules);
    }
    ck_assert_int_eq(info(r, 0).rank, AIGOV_RANK_TIER);
    for (int ty = AIGOV_FACT_BOOL; ty <= AIGOV_FACT_NUMBER; ty++)
        ck_assert_msg(seen_type[ty], "no question of type %s", aigov_fact_type_name(ty));
}
END_TEST

/* A number's range comes with the question. (A string fact is never a
 * question: conditions only test whether it is known, which is two-valued.) */
START_TEST(number_range)
{
    static const char *nbody =
        "{\"format\":\"aigov-rules/1\","
        "\"facts\":["
        "{\"id\":\"s.n\",\"type\":\"number\",\"min\":0,\"max\":1e30,\"description\":\"d\",\"ask\":\"n?\"}],"
        "\"rules\":["
        "{\"id\":\"c.hr\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. 6\",\"title\":\"t\",\"classifies\":\"high_risk\","
        "\"when\":{\"fact\":\"s.n\",\"gt\":5}}]}";
    aigov_error err;
    int rc;
    aigov_table *nt = unit_compile(nbody, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    aigov_ctx *c2 = NULL;
    const aigov_report *r = unit_eval(&c2, nt, "{}", "2028-01-01", &err, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_uint_eq(aigov_report_question_count(r), 1);
    aigov_question_info q;
    memset(&q, 0, sizeof q);
    q.size = sizeof q;
    ck_assert_int_eq(aigov_report_question_info(&q, r, 0), 0);
    ck_assert_str_eq(q.fact, "s.n");
    ck_assert_int_eq(q.type, AIGOV_FACT_NUMBER);
    ck_assert(q.min == 0 && q.max == 1e30);
    ck_assert_ptr_null(q.values);
    ck_assert_uint_eq(q.max_length, 0);
    ck_assert_str_eq(q.source, ""); /* no source given */
    ck_assert_int_eq(q.rank, AIGOV_RANK_TIER);
    ck_assert_uint_eq(q.affected_rules, 0); /* a definition is not reported */
    aigov_ctx_free(c2);
    aigov_table_free(nt);
}
END_TEST

/* A table of more than 4,032 facts has two summary words per fact set (questions.c takes
 * a path of its own for one): the same rules behind 4,100 facts no rule reads ask the same
 * questions in the same order, and every report is the same but the table hash. */
static char *rendered(aigov_ctx *c, const char *doc, const char *as_of)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    char *out = NULL;
    size_t len = 0;
    aigov_error err;
    int rc = aigov_eval_render(&out, &len, c, doc, strlen(doc), &o, AIGOV_FORMAT_JSON, &err);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    return out;
}

START_TEST(two_summary_words_ask_the_same)
{
    const char *facts = strstr(body, "\"facts\":[") + strlen("\"facts\":[");
    size_t cap = strlen(body) + 4100 * 96, n = 0;
    char *big = malloc(cap);
    ck_assert_ptr_nonnull(big);
    n += (size_t)snprintf(big + n, cap - n, "%.*s", (int)(facts - body), body);
    for (int i = 0; i < 4100; i++)
        n += (size_t)snprintf(big + n, cap - n,
                              "{\"id\":\"p.f%d\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"p?\"},", i);
    snprintf(big + n, cap - n, "%s", facts);
    aigov_error err;
    int rc;
    aigov_table *padded = unit_compile(big, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s (%s)", err.message, err.path, err.rule_id);
    aigov_ctx *c1 = NULL, *c2 = NULL;
    ck_assert_int_eq(aigov_ctx_new(&c1, table, NULL, &err), 0);
    ck_assert_int_eq(aigov_ctx_new(&c2, padded, NULL, &err), 0);
    static const char *const docs[] = {"{}", "{\"s\":{\"a\":true,\"d\":true}}", "{\"s\":{\"d\":true}}",
                                       "{\"s\":{\"a\":true,\"d\":true,\"k\":\"y\"}}",
                                       "{\"s\":{\"a\":false,\"d\":true},\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}"};
    static const char *const dates[] = {"2027-01-01", "2028-01-01"};
    size_t asked = 0;
    for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
        for (size_t d = 0; d < 2; d++) {
            char *a = rendered(c1, docs[i], dates[d]), *b = rendered(c2, docs[i], dates[d]);
            /* the same but the tables' hashes */
            const char *ra = strstr(a, "\"as_of\""), *rb = strstr(b, "\"as_of\"");
            ck_assert(ra && rb);
            ck_assert_msg(strcmp(ra, rb) == 0, "%s at %s:\n%s\n%s", docs[i], dates[d], a, b);
            aigov_free(a);
            aigov_free(b);
            const aigov_report *r = ev(padded, docs[i], dates[d]);
            asked += aigov_report_question_count(r);
            for (size_t q = 0; q < aigov_report_question_count(r); q++) {
                const char *id = NULL;
                ck_assert_str_ne(info(r, q).fact, "p.f0");
                for (size_t k = 0; aigov_report_question_rule(&id, r, q, k) == 0; k++)
                    ck_assert_ptr_nonnull(id);
            }
        }
    ck_assert_uint_gt(asked, 5);
    aigov_ctx_free(c1);
    aigov_ctx_free(c2);
    aigov_table_free(padded);
    free(big);
}
END_TEST

Suite *questions_suite(void)
{
    Suite *s = suite_create("questions");
    TCase *tc = tcase_create("questions");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, each_rank_class_in_order);
    tcase_add_test(tc, size_field_and_errors);
    tcase_add_test(tc, builtin_ranks_never_go_back_and_agree_with_the_short_form);
    tcase_add_test(tc, number_range);
    tcase_add_test(tc, two_summary_words_ask_the_same);
    suite_add_tcase(s, tc);
    return s;
}
