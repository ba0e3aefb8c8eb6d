/* Bulk reading (aigov_report_obligation_lists, aigov_report_question_lists): every row says
 * what the per-item accessors say of the same evaluation (those are checked against the full
 * JSON report by test_accessors.c); then the argument errors and the capacity protocol. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

#define AS(type) {.size = sizeof(type)}

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Both lists read with the two-call protocol: counts first, then arrays of that size. */
typedef struct lists {
    aigov_obligation_lists o;
    aigov_question_lists q;
} lists;

static void read_lists(lists *l, const aigov_report *r)
{
    memset(l, 0, sizeof *l);
    l->o.size = sizeof l->o;
    int rc = aigov_report_obligation_lists(&l->o, r);
    ck_assert(rc == 0 || rc == AIGOV_ELIMIT);
    if (rc == AIGOV_ELIMIT) {
        l->o.obligations = calloc(l->o.n_obligations, sizeof *l->o.obligations);
        l->o.obligations_cap = l->o.n_obligations;
        l->o.reasons = calloc(l->o.n_reasons + 1, sizeof *l->o.reasons);
        l->o.reasons_cap = l->o.n_reasons;
        l->o.evidence = calloc(l->o.n_evidence + 1, sizeof *l->o.evidence);
        l->o.evidence_cap = l->o.n_evidence;
        l->o.links = calloc(l->o.n_links + 1, sizeof *l->o.links);
        l->o.links_cap = l->o.n_links;
        ck_assert_int_eq(aigov_report_obligation_lists(&l->o, r), 0);
    }
    l->q.size = sizeof l->q;
    rc = aigov_report_question_lists(&l->q, r);
    ck_assert(rc == 0 || rc == AIGOV_ELIMIT);
    if (rc == AIGOV_ELIMIT) {
        l->q.questions = calloc(l->q.n_questions + 1, sizeof *l->q.questions);
        l->q.questions_cap = l->q.n_questions;
        l->q.rules = calloc(l->q.n_rules + 1, sizeof *l->q.rules);
        l->q.rules_cap = l->q.n_rules;
        ck_assert_int_eq(aigov_report_question_lists(&l->q, r), 0);
    }
}

static void free_lists(lists *l)
{
    free(l->o.obligations);
    free(l->o.reasons);
    free(l->o.evidence);
    free(l->o.links);
    free(l->q.questions);
    free(l->q.rules);
}

static void obligation_rows_eq(const aigov_obligation_lists *o, const aigov_report *r)
{
    ck_assert_uint_eq(o->n_obligations, aigov_report_obligation_count(r));
    size_t reasons = 0, evidence = 0, links = 0;
    for (size_t i = 0; i < o->n_obligations; i++) {
        const aigov_obligation_row *row = &o->obligations[i];
        aigov_obligation ob = AS(aigov_obligation);
        ck_assert_int_eq(aigov_report_obligation(&ob, r, i), 0);
        aigov_rule_info info;
        ck_assert_int_eq(aigov_table_rule(&info, aigov_table_builtin(), row->rule), 0);
        ck_assert_str_eq(info.id, ob.id);
        ck_assert_int_eq(row->status, ob.status);
        ck_assert_str_eq(row->applies_from, ob.applies_from);
        ck_assert_int_eq(row->in_force, ob.in_force);
        ck_assert_int_eq(row->due_at_placing, ob.due_at_placing);
        ck_assert_int_eq(row->observation, ob.observation);
        ck_assert_int_eq(row->coverage, ob.coverage);
        ck_assert(same_str(row->penalty_tier, ob.penalty_tier));
        ck_assert(same_str(row->beyond, ob.beyond));
        ck_assert_uint_eq(row->systems, ob.systems);
        ck_assert_uint_eq(row->reasons, ob.reasons);
        ck_assert_uint_eq(row->evidence, ob.evidence);
        ck_assert_uint_eq(row->links, ob.links);
        /* each list follows the previous rule's rows */
        ck_assert_uint_eq(row->reasons_first, reasons);
        ck_assert_uint_eq(row->evidence_first, evidence);
        ck_assert_uint_eq(row->links_first, links);
        for (size_t k = 0; k < row->reasons; k++) {
            const aigov_reason_row *rr = &o->reasons[row->reasons_first + k];
            aigov_condition c = AS(aigov_condition);
            ck_assert_int_eq(aigov_report_obligation_reason(&c, r, i, k), 0);
            ck_assert_int_eq(rr->kind, c.kind);
            ck_assert_int_eq(rr->result, c.result);
            ck_assert(same_str(rr->rule, c.rule));
            ck_assert(same_str(rr->fact, c.fact));
        }
        for (size_t k = 0; k < row->evidence; k++) {
            const aigov_evidence_row *er = &o->evidence[row->evidence_first + k];
            aigov_evidence_state e = AS(aigov_evidence_state);
            ck_assert_int_eq(aigov_report_obligation_evidence(&e, r, i, k), 0);
            ck_assert(same_str(er->item, e.item) && same_str(er->title, e.title) && same_str(er->state, e.state));
            ck_assert(same_str(er->ref, e.ref) && same_str(er->implied_by, e.implied_by));
        }
        for (size_t k = 0; k < row->links; k++) {
            const aigov_link_row *lr = &o->links[row->links_first + k];
            aigov_crosswalk_link lk = AS(aigov_crosswalk_link);
            ck_assert_int_eq(aigov_report_obligation_link(&lk, r, i, k), 0);
            ck_assert(same_str(lr->rule, lk.rule) && same_str(lr->link, lk.link));
            ck_assert_int_eq(lr->status, lk.status);
            ck_assert_int_eq(lr->still_needed, lk.still_needed);
        }
        reasons += row->reasons;
        evidence += row->evidence;
        links += row->links;
    }
    ck_assert_uint_eq(reasons, o->n_reasons);
    ck_assert_uint_eq(evidence, o->n_evidence);
    ck_assert_uint_eq(links, o->n_links);
}

/* One key, one condition: the per-item accessor's test text is the same for every row of a
 * key (what lets a host keep it per key). */
static void reason_keys_name_one_text(const aigov_obligation_lists *o, const aigov_report *r)
{
    enum { MAX_KEYS = 1 << 16 };
    char **texts = calloc(MAX_KEYS, sizeof *texts);
    ck_assert(texts != NULL);
    for (size_t i = 0; i < o->n_obligations; i++) {
        const aigov_obligation_row *row = &o->obligations[i];
        for (size_t k = 0; k < row->reasons; k++) {
            unsigned key = o->reasons[row->reasons_first + k].key;
            ck_assert_uint_lt(key, MAX_KEYS);
            aigov_condition c = AS(aigov_condition);
            ck_assert_int_eq(aigov_report_obligation_reason(&c, r, i, k), 0);
            if (!texts[key])
                texts[key] = strdup(c.test);
            else
                ck_assert_str_eq(texts[key], c.test);
        }
    }
    for (size_t k = 0; k < MAX_KEYS; k++)
        free(texts[k]);
    free(texts);
}

static void question_rows_eq(const aigov_question_lists *q, const aigov_report *r)
{
    ck_assert_uint_eq(q->n_questions, aigov_report_question_count(r));
    size_t rules = 0;
    for (size_t i = 0; i < q->n_questions; i++) {
        const aigov_question_row *row = &q->questions[i];
        aigov_question want;
        ck_assert_int_eq(aigov_report_question(&want, r, i), 0);
        ck_assert_str_eq(row->fact, want.fact);
        ck_assert_str_eq(row->ask, want.ask);
        ck_assert_int_eq(row->affects_tier, want.affects_tier);
        ck_assert_int_eq(row->affects_gpai, want.affects_gpai);
        ck_assert_uint_eq(row->affected_rules, want.affected_rules);
        ck_assert_uint_eq(row->rules_first, rules);
        for (size_t k = 0; k < row->affected_rules; k++) {
            const char *id = NULL;
            ck_assert_int_eq(aigov_report_question_rule(&id, r, i, k), 0);
            ck_assert_str_eq(q->rules[row->rules_first + k], id);
        }
        rules += row->affected_rules;
    }
    ck_assert_uint_eq(rules, q->n_rules);
}

static void part_eq(const aigov_report *r)
{
    lists l;
    read_lists(&l, r);
    obligation_rows_eq(&l.o, r);
    reason_keys_name_one_text(&l.o, r);
    question_rows_eq(&l.q, r);
    free_lists(&l);
}

static char *case_descriptor(const char *path, char *as_of)
{
    char *s = unit_slurp(path);
    /* a golden case: {"as_of": "YYYY-MM-DD", "descriptor": {...}, ...} */
    const char *a = strstr(s, "\"as_of\"");
    ck_assert(a != NULL);
    a = strchr(a + 7, '"');
    ck_assert(a != NULL);
    memcpy(as_of, a + 1, 10);
    as_of[10] = 0;
    return s;
}

/* The descriptor member of a golden case, as its own document (the member's text, found by
 * matching braces outside strings). */
static char *member(const char *doc, const char *key)
{
    const char *p = strstr(doc, key);
    ck_assert(p != NULL);
    p = strchr(p + strlen(key), '{');
    ck_assert(p != NULL);
    int depth = 0, in_str = 0;
    const char *q = p;
    for (; *q; q++) {
        if (in_str) {
            if (*q == '\\')
                q++;
            else if (*q == '"')
                in_str = 0;
        } else if (*q == '"') {
            in_str = 1;
        } else if (*q == '{') {
            depth++;
        } else if (*q == '}' && --depth == 0) {
            break;
        }
    }
    ck_assert(*q == '}');
    size_t n = (size_t)(q - p) + 1;
    char *out = malloc(n + 1);
    ck_assert(out != NULL);
    memcpy(out, p, n);
    out[n] = 0;
    return out;
}

/* A golden case's descriptor evaluated and read both ways: one system, or each system of a
 * portfolio and the organisation's part. Cases whose descriptor is refused are skipped. */
static void check_case(const char *path)
{
    char as_of[11];
    char *doc = case_descriptor(path, as_of);
    char *desc = member(doc, "\"descriptor\"");
    size_t len = strlen(desc);
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    const aigov_report *r = NULL;
    size_t systems = 0;
    if (aigov_eval(&r, ctx, desc, len, &o, NULL) == 0) {
        part_eq(r);
    } else if (aigov_eval_system(&r, &systems, ctx, desc, len, 0, &o, NULL) == 0) {
        for (size_t s = 0; s < systems; s++) {
            ck_assert_int_eq(aigov_eval_system(&r, NULL, ctx, desc, len, s, &o, NULL), 0);
            part_eq(r);
        }
        ck_assert_int_eq(aigov_eval_organisation(&r, ctx, desc, len, &o, NULL), 0);
        part_eq(r);
    }
    aigov_ctx_free(ctx);
    free(desc);
    free(doc);
}

/* Every full golden case (all kinds of rule, condition, evidence, crosswalk and portfolio),
 * and the cases of test_accessors.c outside that directory. */
START_TEST(bulk_rows_equal_per_item_accessors)
{
    DIR *d = opendir("test/golden/full");
    ck_assert(d != NULL);
    struct dirent *e;
    char path[512];
    size_t n = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len < 6 || strcmp(e->d_name + len - 5, ".json") != 0 ||
            (len > 12 && strcmp(e->d_name + len - 12, ".report.json") == 0)) /* the expected reports */
            continue;
        snprintf(path, sizeof path, "test/golden/full/%s", e->d_name);
        check_case(path);
        n++;
    }
    closedir(d);
    ck_assert_uint_gt(n, 10);
    static const char *const more[] = {
        "test/golden/iso-soa-excluding-act-required-controls-credit-scoring.json",
        "test/golden/iso-crosswalk-act-evidence-implies-iso-records-one-way.json",
        "test/golden/iso-9-3-a2-2-review-date-passed-observation.json",
        "test/golden/art11-1-planned-launch-technical-documentation-due-at-placing.json",
        "test/golden/iso-8.2-8.4-portfolio-system-outside-aims-scope-left-out.json",
        "test/golden/iso-8.3-portfolio-gap-in-one-system-wins-over-unknown.json",
        "test/golden/art02-empty-descriptor-everything-undetermined.json",
    };
    for (size_t i = 0; i < sizeof more / sizeof *more; i++)
        check_case(more[i]);
}
END_TEST

static const aigov_report *eval_one(aigov_ctx **ctx)
{
    static const char desc[] = "{}"; /* everything undetermined: reasons and questions */
    ck_assert_int_eq(aigov_ctx_new(ctx, aigov_table_builtin(), NULL, NULL), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2027-01-01";
    const aigov_report *r = NULL;
    ck_assert_int_eq(aigov_eval(&r, *ctx, desc, strlen(desc), &o, NULL), 0);
    return r;
}

START_TEST(bulk_argument_errors_and_capacity)
{
    aigov_ctx *ctx = NULL;
    const aigov_report *r = eval_one(&ctx);
    aigov_obligation_lists o;
    memset(&o, 0, sizeof o);
    o.size = sizeof o;
    ck_assert_int_eq(aigov_report_obligation_lists(NULL, r), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_obligation_lists(&o, NULL), AIGOV_EINVAL);
    o.size = sizeof o - 1;
    ck_assert_int_eq(aigov_report_obligation_lists(&o, r), AIGOV_EINVAL);
    o.size = sizeof o;
    /* counts only: no arrays */
    ck_assert_int_eq(aigov_report_obligation_lists(&o, r), AIGOV_ELIMIT);
    ck_assert_uint_gt(o.n_obligations, 0);
    ck_assert_uint_gt(o.n_reasons, 0);
    aigov_obligation_lists want = o;
    /* room for every list but one, each in turn: AIGOV_ELIMIT, the counts set, no row */
    aigov_obligation_row *obl = calloc(want.n_obligations, sizeof *obl);
    aigov_reason_row *rea = calloc(want.n_reasons, sizeof *rea);
    aigov_evidence_row *evi = calloc(want.n_evidence + 1, sizeof *evi);
    aigov_link_row *lnk = calloc(want.n_links + 1, sizeof *lnk);
    for (int short_one = 0; short_one < 8; short_one++) {
        memset(&o, 0, sizeof o);
        o.size = sizeof o;
        o.obligations = short_one == 4 ? NULL : obl;
        o.obligations_cap = want.n_obligations - (short_one == 0);
        o.reasons = short_one == 5 ? NULL : rea;
        o.reasons_cap = want.n_reasons - (short_one == 1);
        o.evidence = short_one == 6 && want.n_evidence ? NULL : evi;
        o.evidence_cap = want.n_evidence + 1 - 2 * (short_one == 2 && want.n_evidence);
        o.links = short_one == 7 && want.n_links ? NULL : lnk;
        o.links_cap = want.n_links + 1 - 2 * (short_one == 3 && want.n_links);
        int expect = (short_one == 2 && !want.n_evidence) || (short_one == 3 && !want.n_links) ||
                             (short_one == 6 && !want.n_evidence) || (short_one == 7 && !want.n_links)
                         ? 0
                         : AIGOV_ELIMIT;
        obl[0].rule = 12345u;
        ck_assert_int_eq(aigov_report_obligation_lists(&o, r), expect);
        ck_assert_uint_eq(o.n_obligations, want.n_obligations);
        ck_assert_uint_eq(o.n_reasons, want.n_reasons);
        if (expect)
            ck_assert_uint_eq(obl[0].rule, 12345u); /* no row filled */
    }
    free(obl);
    free(rea);
    free(evi);
    free(lnk);

    aigov_question_lists q;
    memset(&q, 0, sizeof q);
    q.size = sizeof q;
    ck_assert_int_eq(aigov_report_question_lists(NULL, r), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_question_lists(&q, NULL), AIGOV_EINVAL);
    q.size = sizeof q - 1;
    ck_assert_int_eq(aigov_report_question_lists(&q, r), AIGOV_EINVAL);
    q.size = sizeof q;
    ck_assert_int_eq(aigov_report_question_lists(&q, r), AIGOV_ELIMIT);
    ck_assert_uint_gt(q.n_questions, 0);
    ck_assert_uint_gt(q.n_rules, 0);
    aigov_question_lists qwant = q;
    aigov_question_row *qr = calloc(qwant.n_questions, sizeof *qr);
    const char **rules = calloc(qwant.n_rules, sizeof *rules);
    for (int short_one = 0; short_one < 4; short_one++) {
        q.questions = short_one == 2 ? NULL : qr;
        q.questions_cap = qwant.n_questions - (short_one == 0);
        q.rules = short_one == 3 ? NULL : rules;
        q.rules_cap = qwant.n_rules - (short_one == 1);
        ck_assert_int_eq(aigov_report_question_lists(&q, r), AIGOV_ELIMIT);
        ck_assert_uint_eq(q.n_questions, qwant.n_questions);
    }
    q.questions = qr;
    q.questions_cap = qwant.n_questions;
    q.rules = rules;
    q.rules_cap = qwant.n_rules;
    ck_assert_int_eq(aigov_report_question_lists(&q, r), 0);
    free(qr);
    free(rules);
    aigov_ctx_free(ctx);
}
END_TEST

Suite *bulk_suite(void)
{
    Suite *s = suite_create("bulk");
    TCase *tc = tcase_create("bulk");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, bulk_rows_equal_per_item_accessors);
    tcase_add_test(tc, bulk_argument_errors_and_capacity);
    suite_add_tcase(s, tc);
    return s;
}
