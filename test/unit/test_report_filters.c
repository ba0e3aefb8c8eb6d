/* The report's filters and verdict through the public API: a filtered report
 * (only gaps, only rules in force, one framework) lists exactly the rows of
 * the full report that pass the filter, while its summary and verdict still
 * count every rule of the framework (aigov.h, aigov_eval_options). The CLI's
 * --only/--framework tests cover the same from outside; these pin it where
 * the library computes it. */
#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "../common/slurp.h"

/* A deployer with an AIMS excluding A.6.2.6, which Art. 26(5) needs: gaps in
 * force and not yet in force, in both frameworks, at as_of 2027-01-01. */
#define CASE "test/golden/iso-a6-2-6-deployer-excluding-conflicts-with-art26-5.json"
#define AS_OF "2027-01-01"

static char *descriptor_of(const char *path)
{
    size_t len;
    char *text = slurp(path, &len);
    ck_assert_msg(text != NULL, "cannot read %s", path);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    ck_assert_ptr_nonnull(doc);
    char *d = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(doc, "descriptor"));
    cJSON_Delete(doc);
    ck_assert_ptr_nonnull(d);
    return d;
}

struct row {
    char id[96];
    int status, in_force;
    char framework[24];
};

struct rows {
    struct row *v;
    size_t n;
    aigov_summary summary;
    aigov_verdict verdict;
};

static void eval_rows(struct rows *out, const char *json, const char *framework, int only, int fail_on)
{
    aigov_ctx *ctx = NULL;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = AS_OF;
    o.framework = framework;
    o.only = only;
    const aigov_report *r = NULL;
    int rc = aigov_eval(&r, ctx, json, strlen(json), &o, &err);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    out->n = aigov_report_obligation_count(r);
    out->v = calloc(out->n + 1, sizeof *out->v);
    ck_assert_ptr_nonnull(out->v);
    for (size_t i = 0; i < out->n; i++) {
        aigov_obligation ob = {.size = sizeof(aigov_obligation)};
        ck_assert_int_eq(aigov_report_obligation(&ob, r, i), 0);
        ck_assert(strlen(ob.id) < sizeof out->v[i].id && strlen(ob.framework) < sizeof out->v[i].framework);
        strcpy(out->v[i].id, ob.id);
        strcpy(out->v[i].framework, ob.framework);
        out->v[i].status = ob.status;
        out->v[i].in_force = ob.in_force;
    }
    ck_assert_int_eq(aigov_report_summary(&out->summary, r), 0);
    ck_assert_int_eq(aigov_report_verdict(&out->verdict, r, fail_on), 0);
    aigov_ctx_free(ctx);
}

static int passes(const struct row *w, const char *framework, int only)
{
    if (framework && strcmp(w->framework, framework) != 0)
        return 0;
    return only == AIGOV_ONLY_ALL || (only == AIGOV_ONLY_GAPS && w->status == AIGOV_STATUS_GAP) ||
           (only == AIGOV_ONLY_IN_FORCE && w->in_force);
}

START_TEST(filtered_rows_are_the_full_rows_that_pass)
{
    char *json = descriptor_of(CASE);
    struct rows all;
    eval_rows(&all, json, NULL, AIGOV_ONLY_ALL, AIGOV_FAIL_ON_GAP);
    /* the case must exercise every filter: gaps, rules not yet in force, both frameworks */
    size_t gaps = 0, later = 0, iso = 0;
    for (size_t i = 0; i < all.n; i++) {
        gaps += all.v[i].status == AIGOV_STATUS_GAP;
        later += !all.v[i].in_force;
        iso += strcmp(all.v[i].framework, "iso42001") == 0;
    }
    ck_assert(gaps > 0 && later > 0 && iso > 0 && iso < all.n);
    static const char *const frameworks[] = {NULL, "eu_ai_act", "iso42001"};
    for (int f = 0; f < 3; f++) {
        struct rows fw_all;
        eval_rows(&fw_all, json, frameworks[f], AIGOV_ONLY_ALL, AIGOV_FAIL_ON_GAP);
        for (int only = AIGOV_ONLY_ALL; only <= AIGOV_ONLY_IN_FORCE; only++) {
            struct rows got;
            eval_rows(&got, json, frameworks[f], only, AIGOV_FAIL_ON_GAP);
            size_t k = 0;
            for (size_t i = 0; i < all.n; i++) {
                if (!passes(&all.v[i], frameworks[f], only))
                    continue;
                ck_assert_msg(k < got.n, "framework %d only %d: %s missing", f, only, all.v[i].id);
                ck_assert_str_eq(got.v[k].id, all.v[i].id);
                ck_assert_int_eq(got.v[k].status, all.v[i].status);
                ck_assert_int_eq(got.v[k].in_force, all.v[i].in_force);
                k++;
            }
            ck_assert_msg(k == got.n, "framework %d only %d: %zu rows, %zu expected", f, only, got.n, k);
            /* the filter chooses rows, never what is counted or judged */
            ck_assert_uint_eq(got.summary.total, fw_all.summary.total);
            ck_assert_uint_eq(got.summary.gap, fw_all.summary.gap);
            ck_assert_uint_eq(got.summary.in_force_gaps, fw_all.summary.in_force_gaps);
            ck_assert_int_eq(got.verdict.failing, fw_all.verdict.failing);
            free(got.v);
        }
        free(fw_all.v);
    }
    free(all.v);
    free(json);
}
END_TEST

/* The legal gate ignores the voluntary standard unless asked (issue 20 point 8). */
START_TEST(standard_gaps_fail_the_gate_only_when_asked)
{
    char *json = descriptor_of(CASE);
    struct rows iso, eu, legal, asked, prohibited;
    eval_rows(&iso, json, "iso42001", AIGOV_ONLY_ALL, AIGOV_FAIL_ON_GAP);
    eval_rows(&eu, json, "eu_ai_act", AIGOV_ONLY_ALL, AIGOV_FAIL_ON_GAP);
    ck_assert_uint_gt(iso.summary.in_force_gaps, 0);
    ck_assert_int_eq(iso.verdict.failing, 1); /* a report of one framework judges that framework */
    eval_rows(&legal, json, NULL, AIGOV_ONLY_ALL, AIGOV_FAIL_ON_GAP);
    ck_assert_uint_eq(legal.summary.in_force_gaps, eu.summary.in_force_gaps + iso.summary.in_force_gaps);
    ck_assert_int_eq(legal.verdict.failing, eu.summary.in_force_gaps > 0);
    eval_rows(&asked, json, NULL, AIGOV_ONLY_ALL, AIGOV_FAIL_ON_GAP | AIGOV_FAIL_ON_ISO42001);
    ck_assert_int_eq(asked.verdict.failing, 1);
    eval_rows(&prohibited, json, NULL, AIGOV_ONLY_ALL, AIGOV_FAIL_ON_PROHIBITED | AIGOV_FAIL_ON_ISO42001);
    ck_assert_int_eq(prohibited.verdict.failing, prohibited.verdict.prohibited > 0);
    free(iso.v);
    free(eu.v);
    free(legal.v);
    free(asked.v);
    free(prohibited.v);
    free(json);
}
END_TEST

START_TEST(verdict_arguments_fail_closed)
{
    aigov_verdict v;
    ck_assert_int_eq(aigov_report_verdict(NULL, NULL, AIGOV_FAIL_ON_GAP), AIGOV_EINVAL);
    memset(&v, 0, sizeof v);
    ck_assert_int_eq(aigov_report_verdict(&v, NULL, AIGOV_FAIL_ON_GAP), AIGOV_EINVAL);
    ck_assert_int_eq(v.failing, 1);
    /* an undetermined tier fails --fail-on=unknown, whatever the gaps */
    const char *incomplete = "{\"descriptor_version\":1}";
    struct rows r;
    eval_rows(&r, incomplete, NULL, AIGOV_ONLY_ALL, AIGOV_FAIL_ON_UNKNOWN);
    ck_assert_int_eq(r.verdict.tier, AIGOV_TIER_UNDETERMINED);
    ck_assert_int_eq(r.verdict.failing, 1);
    free(r.v);
    /* a policy the library does not know is refused, and fails */
    aigov_ctx *ctx = NULL;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = AS_OF;
    const aigov_report *rep = NULL;
    ck_assert_int_eq(aigov_eval(&rep, ctx, incomplete, strlen(incomplete), &o, &err), 0);
    memset(&v, 0, sizeof v);
    ck_assert_int_eq(aigov_report_verdict(&v, rep, 0x7f00), AIGOV_EINVAL);
    ck_assert_int_eq(v.failing, 1);
    aigov_ctx_free(ctx);
}
END_TEST

/* --fail-on=unknown on a system whose tier is decided: what fails it is a rule in force whose
 * status is unknown (it may be a gap), never one not yet in force (it cannot change a verdict
 * on the duties in force). A spam filter (minimal risk) with Art. 4a(2) and Art. 99(5) open
 * fails; answered, it passes though Art. 25(4) (from 2027-12-02) is still unknown. */
START_TEST(fail_on_unknown_counts_unknowns_in_force_only)
{
    size_t len;
    char *text = slurp("examples/descriptors/spam-filter.json", &len);
    ck_assert_ptr_nonnull(text);
    cJSON *doc = cJSON_Parse(text);
    free(text);
    ck_assert_ptr_nonnull(doc);
    char *open = cJSON_PrintUnformatted(doc);
    struct rows r;
    eval_rows(&r, open, NULL, AIGOV_ONLY_ALL, AIGOV_FAIL_ON_UNKNOWN);
    ck_assert_int_eq(r.verdict.tier, AIGOV_TIER_MINIMAL);
    ck_assert_uint_eq(r.verdict.undetermined, 0);
    ck_assert_uint_eq(r.verdict.summary.in_force_gaps, 0);
    ck_assert_int_eq(r.verdict.failing, 1);
    free(r.v);
    eval_rows(&r, open, NULL, AIGOV_ONLY_ALL, AIGOV_FAIL_ON_GAP);
    ck_assert_int_eq(r.verdict.failing, 0);
    free(r.v);

    cJSON *sys = cJSON_GetObjectItemCaseSensitive(doc, "system");
    ck_assert_ptr_nonnull(cJSON_AddFalseToObject(sys, "special_category_data_for_bias"));
    cJSON *ev = cJSON_AddObjectToObject(cJSON_GetObjectItemCaseSensitive(doc, "evidence"),
                                        "accurate_information_to_authorities");
    ck_assert_ptr_nonnull(cJSON_AddStringToObject(ev, "state", "implemented"));
    ck_assert_ptr_nonnull(cJSON_AddStringToObject(ev, "ref", "REG-7"));
    char *answered = cJSON_PrintUnformatted(doc);
    eval_rows(&r, answered, NULL, AIGOV_ONLY_ALL, AIGOV_FAIL_ON_UNKNOWN);
    int later = 0;
    for (size_t i = 0; i < r.n; i++) {
        if (r.v[i].status == AIGOV_STATUS_UNKNOWN)
            ck_assert_msg(!r.v[i].in_force, "%s: unknown and in force", r.v[i].id);
        later += r.v[i].status == AIGOV_STATUS_UNKNOWN && strcmp(r.v[i].id, "eu.art25.4.supplier_agreement") == 0;
    }
    ck_assert_int_eq(later, 1);
    ck_assert_int_eq(r.verdict.failing, 0);
    free(r.v);
    free(open);
    free(answered);
    cJSON_Delete(doc);
}
END_TEST

Suite *report_filters_suite(void)
{
    Suite *s = suite_create("report_filters");
    TCase *tc = tcase_create("filters");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, filtered_rows_are_the_full_rows_that_pass);
    tcase_add_test(tc, standard_gaps_fail_the_gate_only_when_asked);
    tcase_add_test(tc, verdict_arguments_fail_closed);
    tcase_add_test(tc, fail_on_unknown_counts_unknowns_in_force_only);
    suite_add_tcase(s, tc);
    return s;
}
