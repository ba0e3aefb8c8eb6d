/* Issue 19 (library part): one verdict for a portfolio, the same numbers in
 * every format, blank strings as absent, exact numbers at thresholds, a
 * bounded report, escaped descriptor and rule text, linear rule
 * compilation. Each test names what failed before the fix. */
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "unit.h"
#include "util/num.h"
#include "../common/slurp.h"

/* JSON written with single quotes (none of the texts here holds one). */
static char *q(const char *s)
{
    char *o = strdup(s);
    ck_assert_ptr_nonnull(o);
    for (char *p = o; *p; p++)
        if (*p == '\'')
            *p = '"';
    return o;
}

#define HAS(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, "missing: %s", (needle))
#define HASNT(hay, needle) ck_assert_msg(strstr((hay), (needle)) == NULL, "unexpected: %s", (needle))

#define RULE(id, kind, fw, holder, extra)                                                                \
    "{'id':'" id "','kind':'" kind "','framework':'" fw "','citation':'Art. " id "','title':'T " id "'," \
    "'holder':['" holder "'],'applies_from':'2023-12-18'," extra "}"
/* findings: gap when the comparison holds, met when it does not */
#define NUM_RULE(op) RULE("n." op, "finding", "eu_ai_act", "provider", "'when':{'fact':'system.n','" op "':1e25}")

static const char *body_src =
    "{'format':'aigov-rules/1','facts':["
    "{'id':'organisation.x','type':'bool','description':'d','ask':'x?'},"
    "{'id':'organisation.decision','type':'enum','values':['included','excluded'],'description':'d','ask':'dec?'},"
    "{'id':'organisation.why','type':'string','max_length':300,'description':'d','ask':'why?'},"
    "{'id':'system.name','type':'string','max_length':300,'description':'d','ask':'name?'},"
    "{'id':'system.c','type':'bool','description':'d','ask':'c?'},"
    "{'id':'system.n','type':'number','min':0,'max':1e30,'description':'d','ask':'n?'}],"
    "'evidence':[{'id':'pol','title':'Policy','description':'d'},{'id':'doc','title':'Doc','description':'d'}],"
    "'rules':["
    RULE("o.org", "obligation", "iso42001", "organisation", "'when':{'fact':'organisation.x','is':true},'evidence':['pol']") ","
    RULE("o.sys", "obligation", "eu_ai_act", "provider", "'when':{'fact':'system.c','is':true},'evidence':['doc','pol']") ","
    RULE("f.why", "finding", "iso42001", "organisation",
         "'within':{'fact':'organisation.x','is':true},"
         "'when':{'all':[{'fact':'organisation.decision','eq':'excluded'},{'unknown':'organisation.why'}]}") ","
    NUM_RULE("gt") "," NUM_RULE("gte") "," NUM_RULE("eq") "," NUM_RULE("lt") "," NUM_RULE("lte")
    "]}";

static aigov_table *table;
static aigov_ctx *ctx;

static void setup(void)
{
    aigov_error err;
    int rc;
    char *body = q(body_src);
    table = unit_compile(body, &err, &rc);
    free(body);
    ck_assert_msg(rc == 0, "%s at %s (%s)", err.message, err.path, err.rule_id);
    ck_assert_int_eq(aigov_ctx_new(&ctx, table, NULL, &err), 0);
}

static void teardown(void)
{
    aigov_ctx_free(ctx);
    aigov_table_free(table);
}

static aigov_eval_options opts(void)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    return o;
}

static int eval_q(const aigov_report **r, aigov_ctx *c, const char *desc, aigov_error *err)
{
    char *json = q(desc);
    aigov_eval_options o = opts();
    int rc = aigov_eval(r, c, json, strlen(json), &o, err);
    free(json);
    return rc;
}

static char *render(aigov_ctx *c, const char *json, size_t len, int format, aigov_verdict *v)
{
    aigov_eval_options o = opts();
    aigov_error err;
    char *out = NULL;
    int rc = aigov_eval_verdict(v, &out, NULL, c, json, len, &o, format, AIGOV_FAIL_ON_GAP, &err);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    return out;
}

static char *slurp_or_fail(const char *path, size_t *len)
{
    char *s = slurp(path, len);
    ck_assert_msg(s != NULL, "cannot read %s", path);
    return s;
}

/* ---- 1. one verdict for a portfolio ---------------------------------------------------------- */

/* The organisation's policy is absent at the top; each system says implemented. Before: the
 * rendered report showed the organisation's in-force gap while every per-system summary
 * (aigov_eval_system, what the CLI's exit code, classify_all and the gate read) said 0: the
 * CLI exited 0 with a gap on screen. */
static const char *split_src =
    "{'organisation':{'x':true},'evidence':{'pol':{'state':'absent'},'doc':{'state':'implemented'}},"
    "'systems':[{'system':{'name':'A','c':true},'evidence':{'pol':{'state':'implemented'}}},"
    "{'system':{'name':'B','c':false},'evidence':{'pol':{'state':'implemented'}}}]}";

static void sum_json_part(const cJSON *part, aigov_summary *s, size_t *gap_rows)
{
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(part, "summary");
    s->total += (size_t)cJSON_GetObjectItemCaseSensitive(sum, "total")->valuedouble;
    s->met += (size_t)cJSON_GetObjectItemCaseSensitive(sum, "met")->valuedouble;
    s->gap += (size_t)cJSON_GetObjectItemCaseSensitive(sum, "gap")->valuedouble;
    s->unknown += (size_t)cJSON_GetObjectItemCaseSensitive(sum, "unknown")->valuedouble;
    s->not_applicable += (size_t)cJSON_GetObjectItemCaseSensitive(sum, "not_applicable")->valuedouble;
    s->in_force_gaps += (size_t)cJSON_GetObjectItemCaseSensitive(sum, "in_force_gaps")->valuedouble;
    const cJSON *o;
    cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(part, "obligations"))
        *gap_rows += strcmp(cJSON_GetObjectItemCaseSensitive(o, "status")->valuestring, "gap") == 0 &&
                     cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, "in_force"));
}

START_TEST(portfolio_has_one_verdict)
{
    char *json = q(split_src);
    size_t len = strlen(json);
    aigov_eval_options o = opts();
    aigov_error err;
    aigov_verdict v;
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, json, len, &o, AIGOV_FORMAT_JSON, AIGOV_FAIL_ON_GAP, &err), 0);
    ck_assert_uint_eq(v.systems, 2);
    ck_assert_uint_eq(v.summary.in_force_gaps, 1);
    ck_assert_uint_eq(v.organisation_in_force_gaps, 1); /* decided on the organisation's evidence */
    /* that gap is the voluntary ISO/IEC 42001's: the legal gate passes unless it is selected */
    ck_assert_int_eq(v.failing, 0);
    ck_assert_int_eq(v.tier, AIGOV_TIER_MINIMAL);
    ck_assert_uint_eq(v.tiers, 1u << AIGOV_TIER_MINIMAL);
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, json, len, &o, AIGOV_FORMAT_JSON,
                                        AIGOV_FAIL_ON_GAP | AIGOV_FAIL_ON_ISO42001, &err), 0);
    ck_assert_int_eq(v.failing, 1);
    ck_assert_int_eq(v.fail_on, AIGOV_FAIL_ON_GAP | AIGOV_FAIL_ON_ISO42001);
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, json, len, &o, 0, AIGOV_FAIL_ON_ISO42001 | 7, &err),
                     AIGOV_EINVAL);
    /* the policy decides the exit */
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, json, len, &o, 0, AIGOV_FAIL_ON_PROHIBITED, &err), 0);
    ck_assert_int_eq(v.failing, 0);
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, json, len, &o, 0, AIGOV_FAIL_ON_UNKNOWN, &err), 0);
    ck_assert_int_eq(v.failing, 1);
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, json, len, &o, 0, 7, &err), AIGOV_EINVAL);
    ck_assert_int_eq(v.failing, 1); /* an error fails closed */

    /* each system's own report: its own rules only, and its numbers add up to the verdict */
    size_t n = 0, gaps = 0;
    const aigov_report *r;
    for (size_t i = 0; i < 2; i++) {
        ck_assert_int_eq(aigov_eval_system(&r, &n, ctx, json, len, i, &o, &err), 0);
        ck_assert_int_eq(unit_status(r, "o.org"), -1);
        aigov_summary s;
        aigov_report_summary(&s, r);
        ck_assert_uint_eq(s.total, aigov_report_obligation_count(r));
        gaps += s.in_force_gaps;
        aigov_verdict one;
        ck_assert_int_eq(aigov_report_verdict(&one, r, AIGOV_FAIL_ON_GAP), 0);
        ck_assert_uint_eq(one.summary.in_force_gaps, s.in_force_gaps);
    }
    ck_assert_int_eq(unit_status(r, "o.sys"), AIGOV_STATUS_NOT_APPLICABLE);
    ck_assert_uint_eq(gaps + v.organisation_in_force_gaps, v.summary.in_force_gaps);

    /* the rendering and the verdict come from one evaluation: the same numbers */
    char *out = render(ctx, json, len, AIGOV_FORMAT_JSON, &v);
    cJSON *doc = cJSON_Parse(out);
    ck_assert_ptr_nonnull(doc);
    aigov_summary sum = {0, 0, 0, 0, 0, 0, 0};
    size_t rows = 0;
    const cJSON *sys;
    cJSON_ArrayForEach(sys, cJSON_GetObjectItemCaseSensitive(doc, "systems"))
        sum_json_part(sys, &sum, &rows);
    sum_json_part(cJSON_GetObjectItemCaseSensitive(doc, "organisation"), &sum, &rows);
    ck_assert_uint_eq(sum.total, v.summary.total);
    ck_assert_uint_eq(sum.met, v.summary.met);
    ck_assert_uint_eq(sum.gap, v.summary.gap);
    ck_assert_uint_eq(sum.unknown, v.summary.unknown);
    ck_assert_uint_eq(sum.not_applicable, v.summary.not_applicable);
    ck_assert_uint_eq(sum.in_force_gaps, v.summary.in_force_gaps);
    ck_assert_uint_eq(rows, v.summary.in_force_gaps);
    cJSON_Delete(doc);
    aigov_free(out);
    char *plain = NULL;
    ck_assert_int_eq(aigov_eval_render(&plain, NULL, ctx, json, len, &o, AIGOV_FORMAT_JSON, &err), 0);
    out = render(ctx, json, len, AIGOV_FORMAT_JSON, NULL);
    ck_assert_str_eq(plain, out); /* aigov_eval_render is the same rendering */
    aigov_free(plain);
    aigov_free(out);
    free(json);

    /* a single system: the verdict of its one report */
    const char *single = "{\"organisation\":{\"x\":true},\"system\":{\"c\":true},\"evidence\":{\"pol\":{\"state\":\"absent\"}}}";
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, ctx, single, strlen(single), &o, 0, AIGOV_FAIL_ON_GAP, &err), 0);
    ck_assert_uint_eq(v.systems, 1);
    ck_assert_uint_eq(v.summary.in_force_gaps, 2); /* o.org and o.sys */
    ck_assert_uint_eq(v.organisation_in_force_gaps, 0);
    ck_assert_int_eq(aigov_eval(&r, ctx, single, strlen(single), &o, &err), 0);
    aigov_verdict one;
    ck_assert_int_eq(aigov_report_verdict(&one, r, AIGOV_FAIL_ON_GAP), 0);
    ck_assert_mem_eq(&one, &v, sizeof v);
    ck_assert_int_eq(aigov_report_verdict(&one, NULL, AIGOV_FAIL_ON_GAP), AIGOV_EINVAL);
    ck_assert_int_eq(one.failing, 1);
}
END_TEST

/* ---- 2. every format renders the report model's numbers ----------------------------------- */

/* "**Summary:** G gap (I in force), M met, U unknown, N not applicable" of each part. */
static size_t md_summaries(const char *md, size_t out[][5], size_t max)
{
    size_t n = 0;
    for (const char *p = md; n < max && (p = strstr(p, "\n**Summary:** ")); p++) {
        size_t g, i, m, u, na;
        if (sscanf(p, "\n**Summary:** %zu gap (%zu in force), %zu met, %zu unknown, %zu not applicable", &g, &i,
                   &m, &u, &na) == 5) {
            out[n][0] = g, out[n][1] = i, out[n][2] = m, out[n][3] = u, out[n][4] = na;
            n++;
        }
    }
    return n;
}

/* Gap rows of the markdown table in each part (parts start at "### AI governance report"). */
static size_t md_gap_rows(const char *md, size_t *out, size_t max)
{
    size_t n = 0;
    const char *p = strstr(md, "### AI governance report");
    while (p && n < max) {
        const char *next = strstr(p + 1, "### AI governance report");
        size_t rows = 0;
        for (const char *x = p; (x = strstr(x, "\n| **gap** |")) && (!next || x < next); x++)
            rows++;
        out[n++] = rows;
        p = next;
    }
    return n;
}

static void formats_agree(aigov_ctx *c, const char *json, size_t len)
{
    aigov_verdict v;
    char *js = render(c, json, len, AIGOV_FORMAT_JSON, &v);
    cJSON *doc = cJSON_Parse(js);
    ck_assert_ptr_nonnull(doc);
    const cJSON *parts[300];
    size_t np = 0;
    const cJSON *sys;
    cJSON_ArrayForEach(sys, cJSON_GetObjectItemCaseSensitive(doc, "systems"))
        parts[np++] = sys;
    parts[np++] = cJSON_GetObjectItemCaseSensitive(doc, "organisation");

    char *md = render(c, json, len, AIGOV_FORMAT_MARKDOWN, NULL);
    static size_t sums[300][5], rows[300];
    ck_assert_uint_eq(md_summaries(md, sums, 300), np + 1); /* each part, then the verdict */
    ck_assert_uint_eq(md_gap_rows(md, rows, 300), np);
    char *txt = render(c, json, len, AIGOV_FORMAT_TEXT, NULL);
    const char *tp = txt;
    for (size_t k = 0; k < np; k++) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(parts[k], "summary");
        size_t total = (size_t)cJSON_GetObjectItemCaseSensitive(s, "total")->valuedouble;
        size_t met = (size_t)cJSON_GetObjectItemCaseSensitive(s, "met")->valuedouble;
        size_t gap = (size_t)cJSON_GetObjectItemCaseSensitive(s, "gap")->valuedouble;
        size_t unk = (size_t)cJSON_GetObjectItemCaseSensitive(s, "unknown")->valuedouble;
        size_t na = (size_t)cJSON_GetObjectItemCaseSensitive(s, "not_applicable")->valuedouble;
        size_t ifg = (size_t)cJSON_GetObjectItemCaseSensitive(s, "in_force_gaps")->valuedouble;
        ck_assert_msg(sums[k][0] == gap && sums[k][1] == ifg && sums[k][2] == met && sums[k][3] == unk &&
                          sums[k][4] == na,
                      "markdown part %zu: %zu gap (%zu in force), %zu met, %zu unknown, %zu n/a; JSON: %zu "
                      "gap (%zu), %zu met, %zu unknown, %zu n/a",
                      k, sums[k][0], sums[k][1], sums[k][2], sums[k][3], sums[k][4], gap, ifg, met, unk, na);
        ck_assert_uint_eq(rows[k], gap);
        tp = strstr(tp, "\nSummary: ");
        ck_assert_ptr_nonnull(tp);
        size_t t2, m2, g2, u2, n2, i2;
        ck_assert_int_eq(sscanf(tp, "\nSummary: %zu rules: %zu met, %zu gap, %zu unknown, %zu not applicable; "
                                    "%zu gaps in force",
                                &t2, &m2, &g2, &u2, &n2, &i2),
                         6);
        ck_assert(t2 == total && m2 == met && g2 == gap && u2 == unk && n2 == na && i2 == ifg);
        tp++;
    }
    /* the closing verdict of markdown is the library's */
    ck_assert_uint_eq(sums[np][0], v.summary.gap);
    ck_assert_uint_eq(sums[np][1], v.summary.in_force_gaps);
    ck_assert_uint_eq(sums[np][2], v.summary.met);
    ck_assert_uint_eq(sums[np][3], v.summary.unknown);
    ck_assert_uint_eq(sums[np][4], v.summary.not_applicable);
    char *os = render(c, json, len, AIGOV_FORMAT_OSCAL, NULL);
    for (size_t k = 0; k < np; k++) {
        const cJSON *s = cJSON_GetObjectItemCaseSensitive(parts[k], "summary");
        char want[200];
        snprintf(want, sizeof want, ". %zu rules assessed: %zu met, %zu gaps (%zu in force), %zu unknown",
                 (size_t)cJSON_GetObjectItemCaseSensitive(s, "total")->valuedouble,
                 (size_t)cJSON_GetObjectItemCaseSensitive(s, "met")->valuedouble,
                 (size_t)cJSON_GetObjectItemCaseSensitive(s, "gap")->valuedouble,
                 (size_t)cJSON_GetObjectItemCaseSensitive(s, "in_force_gaps")->valuedouble,
                 (size_t)cJSON_GetObjectItemCaseSensitive(s, "unknown")->valuedouble);
        HAS(os, want);
    }
    aigov_free(os);
    aigov_free(txt);
    aigov_free(md);
    aigov_free(js);
    cJSON_Delete(doc);
}

/* Before: markdown printed the counts of every rule for each part ("15 met, 128 unknown" where
 * JSON said 13 met, 38 unknown; the organisation part "243 unknown" for 90 rows). */
START_TEST(formats_render_the_same_numbers)
{
    char *json = q(split_src);
    formats_agree(ctx, json, strlen(json));
    free(json);
    aigov_ctx *b;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&b, aigov_table_builtin(), NULL, &err), 0);
    size_t len;
    char *pf = slurp_or_fail("examples/portfolio/fintech-three-systems.json", &len);
    formats_agree(b, pf, len);
    free(pf);
    aigov_ctx_free(b);
}
END_TEST

/* ---- 3. blank strings are no evidence ------------------------------------------------------------ */

/* Before: "" and white space counted as a justification: the exclusion finding was met. */
START_TEST(blank_strings_count_as_absent)
{
    static const char *const blank[] = {"", "   ", "\\t\\n", "\\u200b\\u200c\\u200d\\u2060\\ufeff",
                                        "\\u00a0\\u3000\\u2028 \\u200b"};
    aigov_error err;
    const aigov_report *r;
    char doc[300];
    for (size_t k = 0; k < sizeof blank / sizeof *blank; k++) {
        snprintf(doc, sizeof doc, "{'organisation':{'x':true,'decision':'excluded','why':'%s'}}", blank[k]);
        ck_assert_int_eq(eval_q(&r, ctx, doc, &err), 0);
        ck_assert_msg(unit_status(r, "f.why") == AIGOV_STATUS_GAP, "justification '%s' counted", blank[k]);
    }
    ck_assert_int_eq(eval_q(&r, ctx, "{'organisation':{'x':true,'decision':'excluded','why':' a '}}", &err), 0);
    ck_assert_int_eq(unit_status(r, "f.why"), AIGOV_STATUS_MET);
    ck_assert_int_eq(eval_q(&r, ctx, "{'organisation':{'x':true,'decision':'excluded','why':'\\u200bx'}}", &err), 0);
    ck_assert_int_eq(unit_status(r, "f.why"), AIGOV_STATUS_MET);
    /* a blank evidence reference is no reference; a blank name no name */
    char *json = q("{'organisation':{'x':true},'system':{'c':true,'name':' \\u200b '},'evidence':{"
                   "'pol':{'state':'implemented','ref':' \\ufeff '},'doc':{'state':'implemented','ref':'D-1'}}}");
    aigov_eval_options o = opts();
    char *out = NULL;
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, json, strlen(json), &o, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL, &err), 0);
    HAS(out, "\"item\":\"pol\",\"title\":\"Policy\",\"state\":\"implemented\",\"ref\":null}");
    HAS(out, "\"ref\":\"D-1\"");
    aigov_free(out);
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, json, strlen(json), &o, AIGOV_FORMAT_OSCAL, &err), 0);
    HAS(out, "unnamed AI system");
    aigov_free(out);
    free(json);
}
END_TEST

/* ---- 6. numbers at thresholds ---------------------------------------------------------------------- */

static void expect_n(const char *n, int gt, int gte, int eq, int lt, int lte)
{
    char doc[200];
    snprintf(doc, sizeof doc, "{'system':{'n':%s}}", n);
    aigov_error err;
    const aigov_report *r;
    ck_assert_msg(eval_q(&r, ctx, doc, &err) == 0, "%s: %s", n, err.message);
    const char *ids[] = {"n.gt", "n.gte", "n.eq", "n.lt", "n.lte"};
    int want[] = {gt, gte, eq, lt, lte};
    for (int k = 0; k < 5; k++)
        ck_assert_msg(unit_status(r, ids[k]) == (want[k] ? AIGOV_STATUS_GAP : AIGOV_STATUS_MET),
                      "%s %s 1e25: want %s", n, ids[k] + 2, want[k] ? "true" : "false");
}

/* Before: 10000000000000001000000000 was not > 1e25 (the same double), and 1e30 plus a fraction
 * passed a maximum of 1e30. */
START_TEST(thresholds_compare_exactly)
{
    expect_n("10000000000000001000000000", 1, 1, 0, 0, 0);
    expect_n("10000000000000000000000000.000000000000000000001", 1, 1, 0, 0, 0);
    expect_n("1.0000000000000000000000001e25", 1, 1, 0, 0, 0);
    expect_n("1e25", 0, 1, 1, 0, 1);
    expect_n("1E+25", 0, 1, 1, 0, 1);
    expect_n("10000000000000000000000000", 0, 1, 1, 0, 1);
    expect_n("10000000000000000000000000.000", 0, 1, 1, 0, 1);
    expect_n("100000000000000000000000000e-1", 0, 1, 1, 0, 1);
    expect_n("0.00000000000000000000000001e51", 0, 1, 1, 0, 1);
    expect_n("9999999999999999999999999.9999999999", 0, 0, 0, 1, 1);
    expect_n("9999999999999999000000000", 0, 0, 0, 1, 1);
    expect_n("0", 0, 0, 0, 1, 1);
    expect_n("1e24", 0, 0, 0, 1, 1);
    aigov_error err;
    const aigov_report *r;
    /* the report shows the decimal that decided, not a double that says 1e+25 */
    char *out = NULL, *json = q("{'system':{'n':10000000000000001000000000}}");
    aigov_eval_options o = opts();
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, json, strlen(json), &o, AIGOV_FORMAT_JSON, &err), 0);
    HAS(out, "{\"fact\":\"system.n\",\"value\":10000000000000001000000000,\"test\":\"gt 1e+25\",\"result\":\"true\"}");
    aigov_free(out);
    free(json);
    json = q("{'system':{'n':1E+25}}");
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, json, strlen(json), &o, AIGOV_FORMAT_JSON, &err), 0);
    HAS(out, "{\"fact\":\"system.n\",\"value\":1e+25,"); /* exactly its double: the usual form */
    aigov_free(out);
    free(json);
    ck_assert_int_eq(eval_q(&r, ctx, "{'system':{'n':1e30}}", &err), 0);
    ck_assert_int_eq(eval_q(&r, ctx, "{'system':{'n':1000000000000000000000000000000.5}}", &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.system.n");
    ck_assert_int_eq(eval_q(&r, ctx, "{'system':{'n':1.0000000000000000000000000001e30}}", &err), AIGOV_EINPUT);
    ck_assert_int_eq(eval_q(&r, ctx, "{'system':{'n':-0.0000000000000000000000001}}", &err), AIGOV_EINPUT);
}
END_TEST

/* Before: 0.99999999999999999999 rounded to 1 and was accepted as version 1. */
START_TEST(descriptor_version_is_exactly_one)
{
    aigov_ctx *b;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&b, aigov_table_builtin(), NULL, &err), 0);
    static const char *const ok[] = {"1", "1.0", "1e0", "0.1e1", "10E-1", "1.00000000000000000000"};
    static const char *const bad[] = {"0.99999999999999999999", "1.00000000000000000001", "1.0000000000000002",
                                      "0.9999999999999999", "2", "-1", "0"};
    const aigov_report *r;
    char doc[100];
    for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) {
        snprintf(doc, sizeof doc, "{'descriptor_version':%s}", ok[k]);
        ck_assert_msg(eval_q(&r, b, doc, &err) == 0, "%s refused", ok[k]);
    }
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        snprintf(doc, sizeof doc, "{'descriptor_version':%s}", bad[k]);
        ck_assert_msg(eval_q(&r, b, doc, &err) == AIGOV_EINPUT, "%s accepted", bad[k]);
        ck_assert_str_eq(err.path, "$.descriptor_version");
    }
    aigov_ctx_free(b);
}
END_TEST

/* A threshold must be exactly its double: more digits than a double keeps would silently mean
 * another number. */
START_TEST(rule_numbers_must_be_exact)
{
    static const char *const bad[] = {"10000000000000001", "0.30000000000000001", "1.00000000000000000001e25"};
    static const char *const ok[] = {"0.1", "1e+25", "0.3333333333333333", "123456789012345"};
    char src[600], *body;
    aigov_error err;
    int rc;
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < (pass ? sizeof ok / sizeof *ok : sizeof bad / sizeof *bad); k++) {
            snprintf(src, sizeof src,
                     "{'format':'aigov-rules/1','facts':[{'id':'s.n','type':'number','min':0,'max':1e30,"
                     "'description':'d','ask':'n?'}],'rules':[{'id':'a.b','kind':'definition','framework':"
                     "'eu_ai_act','citation':'c','title':'t','when':{'fact':'s.n','gt':%s}}]}",
                     pass ? ok[k] : bad[k]);
            body = q(src);
            aigov_table *t = unit_compile(body, &err, &rc);
            free(body);
            if (pass) {
                ck_assert_msg(rc == 0, "%s: %s", ok[k], err.message);
            } else {
                ck_assert_msg(rc == AIGOV_ERULES, "%s accepted", bad[k]);
                HAS(err.message, "more significant digits than a double keeps");
            }
            aigov_table_free(t);
        }
}
END_TEST

/* xorshift64* */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

/* A random JSON number: random digits and exponents, a double printed with a random
 * precision, or a value next to the midpoint between two doubles (the hard cases). */
static size_t random_number(char *buf, size_t cap)
{
    int kind = (int)(rnd() % 4);
    size_t n = 0;
    if (kind == 0) {
        if (rnd() % 2)
            buf[n++] = '-';
        int ndig = 1 + (int)(rnd() % 40);
        buf[n++] = (char)('1' + rnd() % 9);
        for (int k = 1; k < ndig; k++)
            buf[n++] = (char)('0' + rnd() % 10);
        if (rnd() % 2) {
            buf[n++] = '.';
            int nf = 1 + (int)(rnd() % 30);
            for (int k = 0; k < nf; k++)
                buf[n++] = (char)('0' + rnd() % 10);
        }
        if (rnd() % 3)
            n += (size_t)snprintf(buf + n, cap - n, "e%d", (int)(rnd() % 700) - 350);
        buf[n] = '\0';
        return n;
    }
    double d;
    do {
        uint64_t bits = rnd();
        memcpy(&d, &bits, sizeof d);
    } while (!isfinite(d));
    if (kind == 1)
        return (size_t)snprintf(buf, cap, "%.*e", (int)(rnd() % 25), d);
    if (kind == 2)
        return (size_t)snprintf(buf, cap, "%.17g", d);
    /* the exact midpoint to the next double (a long double holds it: 54 bits), printed with
     * every digit, then nudged by one unit in a random last place, or not */
    long double mid = ((long double)d + (long double)nextafter(d, INFINITY)) / 2;
    int prec = (int)(rnd() % 3) == 0 ? 60 : 800;
    n = (size_t)snprintf(buf, cap, "%.*Le", prec, mid);
    if (rnd() % 2) {
        char *e = strchr(buf, 'e');
        char *p = e - 1;
        if (*p < '9')
            (*p)++;
    }
    return n;
}

/* Before: hundreds of thousands of mismatches in a million (ag_num_parse kept 19 digits and
 * rounded more than once). AIGOV_NUM_CASES sets the count (1000000 for the full run). */
START_TEST(number_parser_is_correctly_rounded)
{
    const char *env = getenv("AIGOV_NUM_CASES");
    long cases = env ? atol(env) : 100000;
    char buf[1000];
    long bad = 0;
    for (long i = 0; i < cases; i++) {
        size_t n = random_number(buf, sizeof buf);
        double want = strtod(buf, NULL), got = 0;
        int rc = ag_num_parse(buf, n, &got);
        int same = isinf(want) ? rc == -1 : rc == 0 && memcmp(&want, &got, sizeof got) == 0;
        if (!same && bad++ < 5)
            fprintf(stderr, "ag_num_parse(%s) = %.17g, strtod %.17g\n", buf, got, want);
    }
    ck_assert_msg(bad == 0, "%ld of %ld numbers differ from strtod", bad, cases);
    /* and the exact order of decimals */
    ck_assert_int_eq(ag_num_text_cmp("1e25", 4, "10000000000000000000000000", 26), 0);
    ck_assert_int_eq(ag_num_text_cmp("-1e-999999999999", 16, "0", 1), -1);
    ck_assert_int_eq(ag_num_text_cmp("1e999999999999999999999", 23, "1e999999999999999999998", 23), 0); /* saturates */
    ck_assert_int_eq(ag_num_text_cmp("0.000", 5, "-0", 2), 0);
    ck_assert_int_eq(ag_num_text_cmp("-2", 2, "-10", 3), 1);
    ck_assert_int_eq(ag_num_text_cmp("123.4500", 8, "1234.5e-1", 9), 0);
}
END_TEST

/* ---- 8. the report is bounded by its input ------------------------------------------------------ */

/* Before: 256 empty systems (1 KB) rendered 112 MB of JSON and 137 MB of OSCAL; now each
 * format stops near 17 MB. */
START_TEST(portfolio_rendering_is_bounded)
{
    char json[1200];
    size_t n = (size_t)snprintf(json, sizeof json, "{\"systems\":[{}");
    for (int k = 1; k < 256; k++)
        n += (size_t)snprintf(json + n, sizeof json - n, ",{}");
    n += (size_t)snprintf(json + n, sizeof json - n, "]}");
    aigov_ctx *b;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&b, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = opts();
    char *out = (char *)1;
    aigov_verdict v;
    for (int f = AIGOV_FORMAT_JSON; f <= AIGOV_FORMAT_OSCAL; f++) {
        size_t outlen = 0;
        int rc = aigov_eval_verdict(&v, &out, &outlen, b, json, n, &o, f, AIGOV_FAIL_ON_NONE, &err);
        if (f == AIGOV_FORMAT_OSCAL) { /* 137 MB unbounded */
            ck_assert_int_eq(rc, AIGOV_ELIMIT);
            ck_assert_ptr_null(out);
            ck_assert_int_eq(v.failing, 1);
            HAS(err.message, "AIGOV_RENDER_LIMIT");
        } else { /* compact JSON, text and markdown are smaller: inside the bound, or refused */
            if (rc == 0) {
                ck_assert_uint_le(outlen, AIGOV_RENDER_LIMIT(n));
                aigov_free(out);
            } else {
                ck_assert_int_eq(rc, AIGOV_ELIMIT);
                ck_assert_ptr_null(out);
                ck_assert_int_eq(v.failing, 1);
            }
        }
    }
    /* the full JSON form (112 MB unbounded) is refused as OSCAL is; the compact one fits */
    ck_assert_int_eq(aigov_eval_verdict(&v, &out, NULL, b, json, n, &o, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL,
                                        AIGOV_FAIL_ON_NONE, &err),
                     AIGOV_ELIMIT);
    ck_assert_ptr_null(out);
    /* the verdict alone needs no rendering, so no bound */
    ck_assert_int_eq(aigov_eval_verdict(&v, NULL, NULL, b, json, n, &o, 0, AIGOV_FAIL_ON_GAP, &err), 0);
    ck_assert_uint_eq(v.systems, 256);
    ck_assert_uint_eq(v.undetermined, 256);
    /* a real portfolio stays far inside */
    size_t len;
    char *pf = slurp_or_fail("examples/portfolio/fintech-three-systems.json", &len);
    for (int f = AIGOV_FORMAT_JSON; f <= AIGOV_FORMAT_OSCAL; f++) {
        size_t outlen = 0;
        ck_assert_int_eq(aigov_eval_verdict(&v, &out, &outlen, b, pf, len, &o, f, AIGOV_FAIL_ON_NONE, &err), 0);
        ck_assert_uint_lt(outlen, AIGOV_RENDER_LIMIT(len) / 8);
        aigov_free(out);
    }
    free(pf);
    ck_assert_uint_eq(AIGOV_RENDER_LIMIT(0), (size_t)16 << 20);
    ck_assert_uint_eq(AIGOV_RENDER_LIMIT((size_t)1 << 30), (size_t)256 << 20);
    aigov_ctx_free(b);
}
END_TEST

/* ---- 9. descriptor and rule text is escaped where it lands ------------------------------------- */

#define EVIL "![i](http://e.example/x.png) [l](javascript:alert(1)) <img src=x> *b* `c` \\u202e rtl \\u2066 \\u0085 \\u2028 ls\\n## Fake"

/* Before: the markdown heading carried the image, the link, the HTML, the bidi override and a
 * second heading; text carried the bidi override. */
START_TEST(names_are_escaped_for_their_context)
{
    char *json = q("{'systems':[{'system':{'name':'" EVIL "'}},{'system':{'name':'B'}}]}");
    size_t len = strlen(json);
    char *md = render(ctx, json, len, AIGOV_FORMAT_MARKDOWN, NULL);
    const char *h = strstr(md, "## System 1 of 2: ");
    ck_assert_ptr_nonnull(h);
    const char *eol = strchr(h, '\n');
    char line[400];
    snprintf(line, sizeof line, "%.*s", (int)(eol - h), h);
    HASNT(md, "\n## Fake");
    HASNT(line, "![");
    HASNT(line, "l](");
    HAS(line, "\\[l\\](javascript\\:");
    HASNT(line, " <img");
    HASNT(line, "\xe2\x80\xae");
    HASNT(line, "\xe2\x81\xa6");
    HASNT(line, "\xc2\x85");
    HASNT(line, "\xe2\x80\xa8");
    HAS(line, "\\!\\[i\\]");
    HAS(line, "\\<img src=x\\>");
    ck_assert_str_eq(eol, strstr(h, "\n")); /* one line */
    char *txt = render(ctx, json, len, AIGOV_FORMAT_TEXT, NULL);
    h = strstr(txt, "=== System 1 of 2: ");
    ck_assert_ptr_nonnull(h);
    eol = strchr(h, '\n');
    snprintf(line, sizeof line, "%.*s", (int)(eol - h), h);
    HAS(line, " ===");
    HASNT(line, "\xe2\x80\xae");
    HASNT(txt, "\n## Fake");
    aigov_free(txt);
    aigov_free(md);
    free(json);
}
END_TEST

/* Before: every reference became an href, javascript: included. */
START_TEST(oscal_hrefs_take_safe_schemes_only)
{
    static const struct {
        const char *ref;
        int href;
    } cases[] = {{"javascript:alert(1)", 0}, {"JaVaScRiPt:alert(1)", 0}, {" javascript:alert(1)", 0},
                 {"\\tjavascript:x", 0},     {"data:text/html,x", 0},     {"vbscript:x", 0},
                 {"file:///etc/passwd", 0},  {"https://ok.example/x", 1}, {"HTTP://ok.example/y", 1},
                 {"urn:uuid:1", 1},          {"POL-AI-01", 1},            {"docs/policy.pdf#p2", 1}};
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char src[400];
        snprintf(src, sizeof src,
                 "{'organisation':{'x':true},'system':{'c':true},'evidence':{'pol':{'state':'implemented','ref':'%s'},"
                 "'doc':{'state':'implemented'}}}",
                 cases[k].ref);
        char *json = q(src);
        char *os = render(ctx, json, strlen(json), AIGOV_FORMAT_OSCAL, NULL);
        if (cases[k].href)
            ck_assert_msg(strstr(os, "\"relevant-evidence\":[{\"href\":") != NULL, "%s: no href", cases[k].ref);
        else
            ck_assert_msg(strstr(os, "\"relevant-evidence\":[{\"href\":") == NULL, "%s: an href", cases[k].ref);
        HAS(os, "\"relevant-evidence\":[{");
        aigov_free(os);
        free(json);
    }
}
END_TEST

/* Before: a custom table's ESC sequences and bidi overrides reached every text and markdown
 * report, and a descriptor key's reached the error message. A tab too: fuzz_ruleset found a
 * citation's tab in the text report, where it is a control character on the reader's terminal. */
START_TEST(control_characters_never_reach_output)
{
    static const char *const bad[] = {"\\u001b[2Jred", "a\\nb", "\\r", "\\u202eevil", "\\u2028", "\\u0085",
                                      "\xe2\x80\xae raw", "\xe2\x81\xa9 raw", "\xc2\x9b raw",
                                      "\x7f raw DEL", "\\u007f", "tab\\there", "\\u0009"};
    char src[400], *body;
    aigov_error err;
    int rc;
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        snprintf(src, sizeof src,
                 "{'format':'aigov-rules/1','rules':[{'id':'a.b','kind':'definition','framework':'eu_ai_act',"
                 "'citation':'c','title':'%s','when':true}]}",
                 bad[k]);
        body = q(src);
        aigov_table *t = unit_compile(body, &err, &rc);
        free(body);
        ck_assert_msg(rc == AIGOV_ERULES, "title %s accepted", bad[k]);
        HAS(err.message, "control character");
        aigov_table_free(t);
    }
    /* a descriptor's key in an error message and path */
    const aigov_report *r;
    ck_assert_int_eq(eval_q(&r, ctx, "{'system':{'\\u001b[2J\\u202ex\\u2028':1}}", &err), AIGOV_EINPUT);
    HASNT(err.message, "\x1b");
    HASNT(err.message, "\xe2\x80\xae");
    HASNT(err.message, "\xe2\x80\xa8");
    HASNT(err.path, "\x1b");
    HASNT(err.path, "\xe2\x80\xae");
    HAS(err.message, "?[2J?x?");
}
END_TEST

/* ---- 12. rule compilation is linear --------------------------------------------------------- */

static char *chain_source(size_t n, int cycle)
{
    size_t cap = n * 160 + 100, len = 0;
    char *s = malloc(cap);
    ck_assert_ptr_nonnull(s);
    len += (size_t)snprintf(s + len, cap - len, "{\"format\":\"aigov-rules/1\",\"rules\":[");
    for (size_t i = 0; i < n; i++) {
        char when[40];
        if (i + 1 < n || cycle)
            snprintf(when, sizeof when, "{\"rule\":\"c.r%zu\"}", (i + 1) % n);
        else
            snprintf(when, sizeof when, "true");
        len += (size_t)snprintf(s + len, cap - len,
                                "%s{\"id\":\"c.r%zu\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\","
                                "\"citation\":\"c\",\"title\":\"t\",\"when\":%s}",
                                i ? "," : "", i, when);
    }
    snprintf(s + len, cap - len, "]}");
    return s;
}

static double compile_seconds(size_t n, int cycle, int *rc, aigov_error *err)
{
    char *src = chain_source(n, cycle);
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    aigov_table *t = unit_compile(src, err, rc);
    clock_gettime(CLOCK_MONOTONIC, &b);
    aigov_table_free(t);
    free(src);
    return (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
}

/* Before: a 20,000-rule cycle took 6 s (every reference a linear search), and a chain of
 * 100,000 definitions overflowed the stack (one recursion per link). */
START_TEST(rule_compilation_is_linear)
{
    int rc;
    aigov_error err;
    double t10 = compile_seconds(10000, 0, &rc, &err);
    ck_assert_int_eq(rc, 0);
    double t40 = compile_seconds(40000, 0, &rc, &err);
    ck_assert_int_eq(rc, 0);
    double tc = compile_seconds(40000, 1, &rc, &err);
    ck_assert_int_eq(rc, AIGOV_ERULES);
    HAS(err.message, "depends on itself");
    /* four times the rules, at most about four times the time (quadratic was sixteen) */
    ck_assert_msg(t40 < 8 * t10 + 0.5 && tc < 8 * t10 + 0.5, "10k: %.2f s, 40k: %.2f s, 40k cycle: %.2f s", t10,
                  t40, tc);
    compile_seconds(100000, 0, &rc, &err);
    ck_assert_int_eq(rc, 0);
}
END_TEST

/* Fail before rendering: a portfolio whose last system is invalid is refused before any
 * system is rendered (the systems are all read first), so its error costs reading, not
 * tens of renderings thrown away. The allocator sees the largest block requested: a
 * rendering of 39 systems needs one of megabytes. */
static size_t largest_block;
static void *largest_malloc(void *ud, size_t n)
{
    (void)ud;
    largest_block = n > largest_block ? n : largest_block;
    return malloc(n);
}
static void *largest_realloc(void *ud, void *p, size_t n)
{
    (void)ud;
    largest_block = n > largest_block ? n : largest_block;
    return realloc(p, n);
}
static void largest_free(void *ud, void *p)
{
    (void)ud;
    free(p);
}

static char *portfolio_of(int systems, const char *last)
{
    size_t cap = 64 + (size_t)systems * 64, n = 0;
    char *s = malloc(cap);
    ck_assert(s != NULL);
    n += (size_t)snprintf(s + n, cap - n, "{\"systems\":[");
    for (int i = 0; i < systems; i++)
        n += (size_t)snprintf(s + n, cap - n, "%s{\"system\":{\"%s\":\"s%d\"}}", i ? "," : "",
                              i == systems - 1 ? last : "name", i);
    n += (size_t)snprintf(s + n, cap - n, "]}");
    ck_assert_uint_lt(n, cap);
    return s;
}

START_TEST(invalid_portfolio_fails_before_rendering_any_system)
{
    aigov_allocator a = {largest_malloc, largest_realloc, largest_free, NULL};
    /* (markdown folds a portfolio's rows to a budget, so its blocks do not show how many
     * systems were rendered) */
    static const int formats[] = {AIGOV_FORMAT_JSON,  AIGOV_FORMAT_TEXT,  AIGOV_FORMAT_OSCAL,
                                  AIGOV_FORMAT_SARIF, AIGOV_FORMAT_JUNIT, AIGOV_FORMAT_HTML};
    for (size_t f = 0; f < sizeof formats / sizeof *formats; f++) {
        size_t rendered = 0; /* the largest block of the valid portfolio's rendering */
        for (int valid = 1; valid >= 0; valid--) {
            aigov_ctx *c = NULL;
            ck_assert_int_eq(aigov_ctx_new(&c, aigov_table_builtin(), &a, NULL), 0);
            char *doc = portfolio_of(20, valid ? "name" : "naml");
            aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
            o.as_of = "2027-12-02";
            aigov_error err;
            char *out = NULL;
            size_t len = 0;
            largest_block = 0;
            int rc = aigov_eval_render(&out, &len, c, doc, strlen(doc), &o, formats[f], &err);
            if (valid) { /* the same portfolio rendered: the test sees a rendering's blocks */
                ck_assert_msg(rc == 0, "format %d: %d (%s)", formats[f], rc, err.message);
                rendered = largest_block;
                ck_assert_msg(rendered > 100u << 10, "format %d: %zu bytes rendered", formats[f], rendered);
            } else {
                ck_assert_int_eq(rc, AIGOV_EINPUT);
                ck_assert_str_eq(err.path, "$.systems[19].system.naml");
                ck_assert_ptr_null(out);
                ck_assert_msg(largest_block * 8 < rendered, "format %d: a block of %zu bytes before the error (%zu rendered)",
                              formats[f], largest_block, rendered);
            }
            aigov_free(out);
            free(doc);
            aigov_ctx_free(c);
        }
    }
}
END_TEST

Suite *issue19_suite(void)
{
    Suite *s = suite_create("issue19");
    TCase *tc = tcase_create("issue19");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, invalid_portfolio_fails_before_rendering_any_system);
    tcase_add_test(tc, portfolio_has_one_verdict);
    tcase_add_test(tc, formats_render_the_same_numbers);
    tcase_add_test(tc, blank_strings_count_as_absent);
    tcase_add_test(tc, thresholds_compare_exactly);
    tcase_add_test(tc, descriptor_version_is_exactly_one);
    tcase_add_test(tc, rule_numbers_must_be_exact);
    tcase_add_test(tc, number_parser_is_correctly_rounded);
    tcase_add_test(tc, portfolio_rendering_is_bounded);
    tcase_add_test(tc, names_are_escaped_for_their_context);
    tcase_add_test(tc, oscal_hrefs_take_safe_schemes_only);
    tcase_add_test(tc, control_characters_never_reach_output);
    tcase_add_test(tc, rule_compilation_is_linear);
    suite_add_tcase(s, tc);
    return s;
}
