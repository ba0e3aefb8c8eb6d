/* Evaluating less (issue 21): date cases that several rules share are compiled once
 * and worked out once per evaluation, and a rule that does not apply gets its date only
 * when something shows it. Both must give the dates a full evaluation gives, for every
 * rule, evaluation after evaluation in one context. */
#include <stdio.h>
#include <string.h>
#include "table/table.h"
#include "unit.h"

#define OBL(id, when, dates)                                                                         \
    "{\"id\":\"" id "\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\","      \
    "\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":" dates ",\"when\":" when           \
    ",\"evidence\":[\"doc\"]}"
#define SHARED "[{\"if\":{\"not\":{\"rule\":\"d.route\"}},\"date\":\"2028-08-02\"},{\"date\":\"2027-12-02\"}]"
#define OTHER "[{\"if\":{\"rule\":\"d.route\"},\"date\":\"2029-01-01\"},{\"date\":\"2026-01-01\"}]"

static const char *body =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"s.flag\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.route\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"b?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}],"
    "\"rules\":["
    "{\"id\":\"d.route\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"when\":{\"fact\":\"s.route\",\"is\":true}},"
    OBL("a.one", "{\"fact\":\"s.flag\",\"is\":true}", SHARED) ","
    OBL("a.two", "{\"fact\":\"s.flag\",\"is\":false}", SHARED) ","
    OBL("a.three", "{\"fact\":\"s.flag\",\"is\":true}", OTHER) "]}";

static const aigov_obligation *find(const aigov_report *r, const char *id, aigov_obligation *o)
{
    for (size_t i = 0; i < aigov_report_obligation_count(r); i++) {
        ck_assert_int_eq(aigov_report_obligation(o, r, i), 0);
        if (strcmp(o->id, id) == 0)
            return o;
    }
    ck_abort_msg("no obligation %s", id);
    return NULL;
}

START_TEST(identical_date_cases_compiled_once)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(body, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    size_t one, two, three;
    ck_assert_int_eq(aigov_table_find_rule(&one, t, "a.one"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&two, t, "a.two"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&three, t, "a.three"), 0);
    ck_assert_uint_eq(t->rules[one].dates_first, t->rules[two].dates_first);
    ck_assert_uint_ne(t->rules[one].dates_first, t->rules[three].dates_first);
    ck_assert_uint_eq(t->n_dates, 4); /* two cases each for two blocks, not six */
    aigov_table_free(t);
}
END_TEST

START_TEST(shared_and_deferred_dates_are_the_full_ones)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(body, &err, &rc);
    ck_assert_int_eq(rc, 0);
    aigov_ctx *ctx = NULL;
    /* each descriptor in turn in one context: a remembered block never outlives its evaluation */
    static const struct {
        const char *json, *one, *two, *three;
        int one_status, two_status;
    } cases[] = {
        {"{\"s\":{\"flag\":true,\"route\":false},\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}", "2028-08-02", "2028-08-02", "2026-01-01",
         AIGOV_STATUS_MET, AIGOV_STATUS_NOT_APPLICABLE},
        {"{\"s\":{\"flag\":false,\"route\":true},\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}", "2027-12-02", "2027-12-02", "2029-01-01",
         AIGOV_STATUS_NOT_APPLICABLE, AIGOV_STATUS_MET},
        {"{\"s\":{\"flag\":true},\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}", "2027-12-02", "2027-12-02", "2026-01-01", AIGOV_STATUS_MET,
         AIGOV_STATUS_NOT_APPLICABLE}, /* route unknown: the earliest date still possible */
        {"{\"s\":{\"flag\":true,\"route\":false},\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}", "2028-08-02", "2028-08-02", "2026-01-01",
         AIGOV_STATUS_MET, AIGOV_STATUS_NOT_APPLICABLE},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const aigov_report *r = unit_eval(&ctx, t, cases[k].json, "2028-01-01", &err, &rc);
        ck_assert_int_eq(rc, 0);
        aigov_obligation o = {.size = sizeof(aigov_obligation)};
        ck_assert_str_eq(find(r, "a.two", &o)->applies_from, cases[k].two); /* the deferred one first */
        ck_assert_int_eq(o.status, cases[k].two_status);
        ck_assert_str_eq(find(r, "a.one", &o)->applies_from, cases[k].one);
        ck_assert_int_eq(o.status, cases[k].one_status);
        ck_assert_str_eq(find(r, "a.three", &o)->applies_from, cases[k].three);
        /* and the rendering says the same */
        char *out = NULL;
        size_t len;
        ck_assert_int_eq(aigov_report_render(&out, &len, r, AIGOV_FORMAT_JSON, &err), 0);
        char want[96];
        snprintf(want, sizeof want, "\"id\":\"a.two\"");
        const char *at = strstr(out, want);
        ck_assert_ptr_nonnull(at);
        snprintf(want, sizeof want, "\"applies_from\":\"%s\"", cases[k].two);
        ck_assert_ptr_nonnull(strstr(at, want));
        aigov_free(out);
    }
    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

/* Rules share a block only when every case is the same: date, not_before, condition
 * (structurally, through all/any/not) and the presence of a condition. */
#define X "{\"fact\":\"s.flag\",\"is\":true}"
#define Y "{\"rule\":\"d.route\"}"
#define CASES(c1, d1, extra) "[{\"if\":" c1 ",\"date\":\"" d1 "\"" extra "},{\"date\":\"2027-12-02\"}]"
static const char *variants =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"s.flag\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.route\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"b?\"},"
    "{\"id\":\"s.day\",\"type\":\"date\",\"description\":\"d\",\"ask\":\"c?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}],"
    "\"rules\":["
    "{\"id\":\"d.route\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"when\":{\"fact\":\"s.route\",\"is\":true}},"
    OBL("v.base", X, CASES("{\"all\":[" X ",{\"not\":" Y "}]}", "2028-08-02", "")) ","
    OBL("v.same", X, CASES("{\"all\":[" X ",{\"not\":" Y "}]}", "2028-08-02", "")) ","
    OBL("v.date", X, CASES("{\"all\":[" X ",{\"not\":" Y "}]}", "2028-08-03", "")) ","
    OBL("v.notnot", X, CASES("{\"all\":[" X "," Y "]}", "2028-08-02", "")) ","
    OBL("v.any", X, CASES("{\"any\":[" X ",{\"not\":" Y "}]}", "2028-08-02", "")) ","
    OBL("v.short", X, CASES("{\"all\":[" X "]}", "2028-08-02", "")) ","
    OBL("v.placing", X, CASES("{\"all\":[" X ",{\"not\":" Y "}]}", "2028-08-02", ",\"not_before\":\"s.day\"")) ","
    OBL("v.one", X, "\"2027-12-02\"") ","
    OBL("v.one_list", X, "[{\"date\":\"2027-12-02\"}]") ","
    OBL("v.two_plain", X, "[{\"if\":" X ",\"date\":\"2027-12-02\"},{\"date\":\"2027-12-02\"}]") "]}";

START_TEST(only_identical_cases_share_a_block)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(variants, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    static const struct {
        const char *id;
        int shares_base;
    } want[] = {{"v.same", 1},  {"v.date", 0},  {"v.notnot", 0}, {"v.any", 0},
                {"v.short", 0}, {"v.placing", 0}};
    size_t base;
    ck_assert_int_eq(aigov_table_find_rule(&base, t, "v.base"), 0);
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        size_t i;
        ck_assert_int_eq(aigov_table_find_rule(&i, t, want[k].id), 0);
        ck_assert_msg((t->rules[i].dates_first == t->rules[base].dates_first) == want[k].shares_base, "%s",
                      want[k].id);
    }
    size_t one, one_list, two_plain;
    ck_assert_int_eq(aigov_table_find_rule(&one, t, "v.one"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&one_list, t, "v.one_list"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&two_plain, t, "v.two_plain"), 0);
    /* a date string and a one-case list are the same single unconditional case */
    ck_assert_uint_eq(t->rules[one].dates_first, t->rules[one_list].dates_first);
    ck_assert_uint_ne(t->rules[one].dates_first, t->rules[two_plain].dates_first);
    aigov_table_free(t);
}
END_TEST

Suite *eval_less_suite(void)
{
    Suite *s = suite_create("eval less");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, identical_date_cases_compiled_once);
    tcase_add_test(tc, shared_and_deferred_dates_are_the_full_ones);
    tcase_add_test(tc, only_identical_cases_share_a_block);
    suite_add_tcase(s, tc);
    return s;
}
