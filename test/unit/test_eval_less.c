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
        const char *at = strstr(out, "{\"id\":\"a.two\"");
        ck_assert_ptr_nonnull(at);
        /* the compact form: the date of the run of rules a.two is in, which opens before it */
        const char *run = NULL;
        for (const char *p = out; (p = strstr(p, "{\"applies_from\":")) && p < at; p++)
            run = p;
        ck_assert_ptr_nonnull(run);
        snprintf(want, sizeof want, "{\"applies_from\":\"%s\"", cases[k].two);
        ck_assert_int_eq(strncmp(run, want, strlen(want)), 0);
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

/* Named date cases (a source's "dates"): rules that name one share its cases, compiled once,
 * and get the dates the same cases written inline give; {"use": name} splices one in. */
#define LEGACY "{\"if\":{\"fact\":\"s.old\",\"is\":true},\"date\":\"2030-08-02\"}"
#define HR_TAIL "{\"if\":{\"not\":{\"rule\":\"d.route\"}},\"date\":\"2028-08-02\"},{\"date\":\"2027-12-02\"}"
static const char *named =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"s.flag\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.route\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"b?\"},"
    "{\"id\":\"s.old\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"c?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}],"
    "\"dates\":["
    "{\"id\":\"d.hr\",\"citation\":\"Art. 113(c)\",\"cases\":[{\"use\":\"d.legacy\"}," HR_TAIL "]},"
    "{\"id\":\"d.legacy\",\"citation\":\"Art. 111(2)\",\"cases\":[" LEGACY "]}],"
    "\"rules\":["
    "{\"id\":\"d.route\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"when\":{\"fact\":\"s.route\",\"is\":true}},"
    OBL("n.one", X, "\"d.hr\"") ","
    OBL("n.two", X, "\"d.hr\"") ","
    OBL("n.inline", X, "[" LEGACY "," HR_TAIL "]") ","
    OBL("n.splice", X, "[{\"use\":\"d.legacy\"},{\"date\":\"2026-01-01\"}]") "]}";

START_TEST(named_date_cases_are_the_inline_ones)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(named, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    size_t one, two, splice;
    ck_assert_int_eq(aigov_table_find_rule(&one, t, "n.one"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&two, t, "n.two"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&splice, t, "n.splice"), 0);
    ck_assert_uint_eq(t->rules[one].dates_first, t->rules[two].dates_first);
    ck_assert_uint_eq(t->rules[one].dates_n, 3); /* d.legacy's case spliced in */
    ck_assert_uint_eq(t->rules[splice].dates_n, 2);
    /* the catalogue lists the facts a named date case reads (outside the rule's own conditions) */
    char *text = NULL;
    size_t len;
    ck_assert_int_eq(aigov_table_explain(&text, &len, t, "n.one", &err), 0);
    ck_assert_msg(strstr(text, "s.old: c?") && strstr(text, "s.flag: a?"), "%s", text);
    aigov_free(text);
    aigov_ctx *ctx = NULL;
    static const struct {
        const char *json, *hr, *splice;
    } cases[] = {
        {"{\"s\":{\"flag\":true,\"old\":true,\"route\":false}}", "2030-08-02", "2030-08-02"},
        {"{\"s\":{\"flag\":true,\"old\":false,\"route\":false}}", "2028-08-02", "2026-01-01"},
        {"{\"s\":{\"flag\":true,\"old\":false,\"route\":true}}", "2027-12-02", "2026-01-01"},
        {"{\"s\":{\"flag\":true,\"route\":true}}", "2027-12-02", "2026-01-01"}, /* old unknown: the earliest */
        {"{\"s\":{\"flag\":true,\"old\":false}}", "2027-12-02", "2026-01-01"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const aigov_report *r = unit_eval(&ctx, t, cases[k].json, "2028-01-01", &err, &rc);
        ck_assert_msg(rc == 0, "%s", err.message);
        aigov_obligation o = {.size = sizeof(aigov_obligation)};
        ck_assert_str_eq(find(r, "n.one", &o)->applies_from, cases[k].hr);
        ck_assert_str_eq(find(r, "n.two", &o)->applies_from, cases[k].hr);
        ck_assert_str_eq(find(r, "n.inline", &o)->applies_from, cases[k].hr);
        ck_assert_str_eq(find(r, "n.splice", &o)->applies_from, cases[k].splice);
    }
    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

/* Identical subtrees are interned: one value slot for `not d.route` wherever it stands (a
 * rule's condition, a date case), worked out once per evaluation; every rule's reasons still
 * read the values of this evaluation, descriptor after descriptor in one context. */
#define NOT_ROUTE "{\"not\":{\"rule\":\"d.route\"}}"
static const char *interned =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"s.flag\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.route\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"b?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}],"
    "\"rules\":["
    "{\"id\":\"d.route\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"when\":{\"fact\":\"s.route\",\"is\":true}},"
    OBL("i.one", "{\"all\":[" X "," NOT_ROUTE "]}", "[{\"if\":" NOT_ROUTE ",\"date\":\"2028-08-02\"},{\"date\":\"2027-12-02\"}]") ","
    OBL("i.two", "{\"all\":[" X "," NOT_ROUTE "]}", "\"2026-01-01\"") ","
    OBL("i.other", "{\"any\":[" X "," NOT_ROUTE "]}", "\"2026-01-01\"") "]}";

START_TEST(identical_subtrees_share_one_value)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(interned, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    size_t one, two, other;
    ck_assert_int_eq(aigov_table_find_rule(&one, t, "i.one"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&two, t, "i.two"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&other, t, "i.other"), 0);
    const ag_expr *w1 = &t->exprs[t->rules[one].when], *w2 = &t->exprs[t->rules[two].when],
                  *wo = &t->exprs[t->rules[other].when];
    /* the two `all`s are one class, the `any` is not; `not d.route` is one class in all three
     * conditions and in i.one's date case; the tree keeps its own nodes */
    ck_assert_int_ne(t->rules[one].when, t->rules[two].when);
    ck_assert_int_eq(w1->same, w2->same);
    ck_assert(w1->shared && w2->shared);
    ck_assert_int_ne(w1->same, wo->same);
    int32_t not1 = t->kids[w1->a + 1], not2 = t->kids[w2->a + 1], noto = t->kids[wo->a + 1];
    int32_t not_date = t->dates[t->rules[one].dates_first].cond;
    ck_assert_int_eq(t->exprs[not1].op, AG_OP_NOT);
    ck_assert_int_eq(t->exprs[not1].same, t->exprs[not2].same);
    ck_assert_int_eq(t->exprs[not1].same, t->exprs[noto].same);
    ck_assert_int_eq(t->exprs[not1].same, t->exprs[not_date].same);
    aigov_ctx *ctx = NULL;
    static const struct {
        const char *json, *route_value, *not_value, *one_date;
        int one_status;
    } cases[] = {
        {"{\"s\":{\"flag\":true,\"route\":false}}", "false", "true", "2028-08-02", AIGOV_STATUS_UNKNOWN},
        {"{\"s\":{\"flag\":true,\"route\":true}}", "true", "false", "2027-12-02", AIGOV_STATUS_NOT_APPLICABLE},
        {"{\"s\":{\"flag\":true}}", "unknown", "unknown", "2027-12-02", AIGOV_STATUS_UNKNOWN},
        {"{\"s\":{\"flag\":true,\"route\":false}}", "false", "true", "2028-08-02", AIGOV_STATUS_UNKNOWN},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        const aigov_report *r = unit_eval(&ctx, t, cases[k].json, "2028-01-01", &err, &rc);
        ck_assert_msg(rc == 0, "%s", err.message);
        aigov_obligation o = {.size = sizeof(aigov_obligation)};
        ck_assert_int_eq(find(r, "i.one", &o)->status, cases[k].one_status);
        ck_assert_str_eq(o.applies_from, cases[k].one_date);
        ck_assert_int_eq(find(r, "i.two", &o)->status, cases[k].one_status);
        /* i.two's reasons read the shared slots i.one's evaluation filled: this evaluation's */
        char *out = NULL;
        size_t len;
        ck_assert_int_eq(aigov_report_render(&out, &len, r, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL, &err), 0);
        const char *at = strstr(out, "\"id\":\"i.two\"");
        ck_assert_ptr_nonnull(at);
        const char *reasons = strstr(at, "\"reasons\":");
        ck_assert_ptr_nonnull(reasons);
        if (cases[k].one_status != AIGOV_STATUS_NOT_APPLICABLE || strcmp(cases[k].route_value, "true") == 0) {
            char want[96];
            snprintf(want, sizeof want, "{\"rule\":\"d.route\",\"result\":\"%s\"}", cases[k].route_value);
            const char *found = strstr(reasons, want);
            ck_assert_msg(found != NULL && found < strstr(reasons, "]"), "case %zu: %s in %.300s", k, want, reasons);
        }
        aigov_free(out);
    }
    aigov_ctx_free(ctx);
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
    tcase_add_test(tc, named_date_cases_are_the_inline_ones);
    tcase_add_test(tc, identical_subtrees_share_one_value);
    suite_add_tcase(s, tc);
    return s;
}
