/* Issue 21 point 1: everything the JSON report says is reachable through the C accessors.
 * For golden descriptors (test/golden/full and portfolio cases), every accessor's value is
 * compared with the full JSON report (AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL) of the same
 * evaluation; then the argument errors: NULL, an index past the end, a size below the first
 * version, each failing closed. */
#include <cjson/cJSON.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

#define AS(type) {.size = sizeof(type)}

static const cJSON *get(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    ck_assert_msg(v != NULL, "JSON member %s missing", key);
    return v;
}

static void str_eq(const char *got, const cJSON *want, const char *what)
{
    if (cJSON_IsNull(want)) {
        ck_assert_msg(got == NULL, "%s: accessor %s, JSON null", what, got ? got : "NULL");
        return;
    }
    ck_assert_msg(cJSON_IsString(want), "%s: JSON not a string", what);
    ck_assert_msg(got != NULL && strcmp(got, want->valuestring) == 0, "%s: accessor \"%s\", JSON \"%s\"", what,
                  got ? got : "NULL", want->valuestring);
}

static void num_eq(double got, const cJSON *want, const char *what)
{
    ck_assert_msg(cJSON_IsNumber(want), "%s: JSON not a number", what);
    ck_assert_msg(got == want->valuedouble, "%s: accessor %g, JSON %g", what, got, want->valuedouble);
}

static void bool_eq(int got, const cJSON *want, const char *what)
{
    ck_assert_msg(cJSON_IsBool(want), "%s: JSON not a boolean", what);
    ck_assert_msg(!!got == cJSON_IsTrue(want), "%s: accessor %d, JSON %s", what, got,
                  cJSON_IsTrue(want) ? "true" : "false");
}

/* A mask of names (bit k for name(k)) equals a JSON array of the names. */
static void mask_eq(unsigned mask, const cJSON *arr, const char *(*name)(int), int n, const char *what)
{
    unsigned want = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, arr) {
        int k = 0;
        while (k < n && strcmp(name(k), it->valuestring) != 0)
            k++;
        ck_assert_msg(k < n, "%s: unknown name %s", what, it->valuestring);
        want |= 1u << k;
    }
    ck_assert_msg(mask == want, "%s: accessor mask %#x, JSON %#x", what, mask, want);
}

/* A fact's typed value equals the JSON "value" of a condition. */
static void fact_value_eq(const aigov_report *r, const char *fact, const cJSON *want)
{
    aigov_fact_value v = AS(aigov_fact_value);
    ck_assert_int_eq(aigov_report_fact_value(&v, r, fact), 0);
    ck_assert_str_eq(v.fact, fact);
    if (!v.known) {
        ck_assert_msg(cJSON_IsNull(want), "fact %s: unknown but JSON has a value", fact);
        return;
    }
    switch (v.type) {
    case AIGOV_FACT_BOOL: bool_eq(v.boolean, want, fact); break;
    case AIGOV_FACT_ENUM:
    case AIGOV_FACT_EVIDENCE: str_eq(v.text, want, fact); break;
    case AIGOV_FACT_SET: {
        ck_assert(cJSON_IsArray(want));
        unsigned long long m = 0;
        const cJSON *it;
        cJSON_ArrayForEach(it, want) {
            size_t k = 0;
            while (k < v.n_values && strcmp(v.values[k], it->valuestring) != 0)
                k++;
            ck_assert(k < v.n_values);
            m |= 1ull << k;
        }
        ck_assert_msg(m == v.mask, "fact %s: set differs", fact);
        break;
    }
    case AIGOV_FACT_NUMBER:
        num_eq(v.number, want, fact);
        ck_assert_msg(strtod(v.number_text, NULL) == want->valuedouble, "fact %s: number_text %s", fact,
                      v.number_text);
        break;
    case AIGOV_FACT_DATE: str_eq(v.date, want, fact); break;
    default:
        str_eq(v.text, want, fact);
        ck_assert_uint_eq(v.text_len, strlen(want->valuestring));
        break;
    }
}

static void reasons_eq(const aigov_report *r, size_t i, const aigov_obligation *o, const cJSON *arr)
{
    ck_assert_uint_eq(o->reasons, (size_t)cJSON_GetArraySize(arr));
    size_t k = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, arr) {
        aigov_condition v = AS(aigov_condition);
        ck_assert_int_eq(aigov_report_obligation_reason(&v, r, i, k), 0);
        str_eq(aigov_truth_name(v.result), get(c, "result"), "reason result");
        if (cJSON_GetObjectItemCaseSensitive(c, "rule")) {
            ck_assert_int_eq(v.kind, AIGOV_CONDITION_RULE);
            str_eq(v.rule, get(c, "rule"), "reason rule");
        } else if (cJSON_GetObjectItemCaseSensitive(c, "as_of")) {
            ck_assert_int_eq(v.kind, AIGOV_CONDITION_AS_OF);
            str_eq(v.test, get(c, "as_of"), "reason as_of");
        } else if (cJSON_GetObjectItemCaseSensitive(c, "fact")) {
            ck_assert_int_eq(v.kind, AIGOV_CONDITION_FACT);
            str_eq(v.fact, get(c, "fact"), "reason fact");
            str_eq(v.test, get(c, "test"), "reason test");
            fact_value_eq(r, v.fact, get(c, "value"));
        } else {
            ck_assert_int_eq(v.kind, AIGOV_CONDITION_TEST);
            str_eq(v.test, get(c, "test"), "reason test");
        }
        k++;
    }
    aigov_condition past = AS(aigov_condition);
    ck_assert_int_eq(aigov_report_obligation_reason(&past, r, i, k), AIGOV_ENOTFOUND);
}

static void obligation_eq(const aigov_report *r, size_t i, const cJSON *j)
{
    aigov_obligation o = AS(aigov_obligation);
    ck_assert_int_eq(aigov_report_obligation(&o, r, i), 0);
    str_eq(o.id, get(j, "id"), "id");
    str_eq(o.framework, get(j, "framework"), "framework");
    static const char *const kinds[] = {"definition", "obligation", "prohibition", "finding"};
    str_eq(kinds[o.kind], get(j, "kind"), "kind");
    str_eq(o.citation, get(j, "citation"), "citation");
    str_eq(o.title, get(j, "title"), "title");
    mask_eq(o.holders, get(j, "holder"), aigov_role_name, AIGOV_ROLE_COUNT, "holder");
    str_eq(o.applies_from, get(j, "applies_from"), "applies_from");
    bool_eq(o.in_force, get(j, "in_force"), "in_force");
    str_eq(aigov_status_name(o.status), get(j, "status"), "status");
    const cJSON *dp = cJSON_GetObjectItemCaseSensitive(j, "due_at_placing");
    ck_assert_int_eq(o.due_at_placing, dp ? 1 : 0);
    const cJSON *ob = cJSON_GetObjectItemCaseSensitive(j, "observation");
    ck_assert_int_eq(o.observation, ob ? 1 : 0);
    reasons_eq(r, i, &o, get(j, "reasons"));

    const cJSON *ev = cJSON_GetObjectItemCaseSensitive(j, "evidence");
    ck_assert_uint_eq(o.evidence, ev ? (size_t)cJSON_GetArraySize(ev) : 0);
    size_t k = 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, ev) {
        aigov_evidence_state s = AS(aigov_evidence_state);
        ck_assert_int_eq(aigov_report_obligation_evidence(&s, r, i, k++), 0);
        str_eq(s.item, get(e, "item"), "evidence item");
        str_eq(s.title, get(e, "title"), "evidence title");
        str_eq(s.state, get(e, "state"), "evidence state");
        str_eq(s.ref, get(e, "ref"), "evidence ref");
        const cJSON *via = cJSON_GetObjectItemCaseSensitive(e, "implied_by");
        if (via)
            str_eq(s.implied_by, via, "implied_by");
        else
            ck_assert_ptr_null(s.implied_by);
    }
    aigov_evidence_state s_past = AS(aigov_evidence_state);
    ck_assert_int_eq(aigov_report_obligation_evidence(&s_past, r, i, k), AIGOV_ENOTFOUND);

    const cJSON *pen = cJSON_GetObjectItemCaseSensitive(j, "penalty");
    aigov_penalty p = AS(aigov_penalty);
    if (pen) {
        ck_assert_int_eq(aigov_report_obligation_penalty(&p, r, i), 0);
        str_eq(o.penalty_tier, get(pen, "tier"), "penalty tier");
        str_eq(p.tier, get(pen, "tier"), "penalty tier");
        str_eq(p.citation, get(pen, "citation"), "penalty citation");
        str_eq(p.basis, get(pen, "basis"), "penalty basis");
        const cJSON *cap = get(pen, "cap_eur");
        ck_assert_int_eq(p.cap_known, !cJSON_IsNull(cap));
        if (p.cap_known)
            num_eq(p.cap_eur, cap, "cap_eur");
    } else {
        ck_assert_int_eq(aigov_report_obligation_penalty(&p, r, i), AIGOV_ENOTFOUND);
        ck_assert_ptr_null(p.tier);
    }

    const cJSON *xw = cJSON_GetObjectItemCaseSensitive(j, "crosswalk");
    if (!xw) {
        ck_assert_int_eq(o.coverage, AIGOV_COVERAGE_NONE);
        ck_assert_uint_eq(o.links, 0);
        /* no crosswalk shown (none mapped, or the rule does not apply): no link either */
        aigov_crosswalk_link none = AS(aigov_crosswalk_link);
        ck_assert_int_eq(aigov_report_obligation_link(&none, r, i, 0), AIGOV_ENOTFOUND);
        ck_assert_ptr_null(none.rule);
    } else {
        str_eq(aigov_coverage_name(o.coverage), get(xw, "coverage"), "coverage");
        str_eq(o.beyond, get(xw, "beyond"), "beyond");
        const cJSON *links = get(xw, "links");
        ck_assert_uint_eq(o.links, (size_t)cJSON_GetArraySize(links));
        const cJSON *needed = get(xw, "still_needed");
        size_t n_needed = 0;
        k = 0;
        const cJSON *l;
        cJSON_ArrayForEach(l, links) {
            aigov_crosswalk_link x = AS(aigov_crosswalk_link);
            ck_assert_int_eq(aigov_report_obligation_link(&x, r, i, k), 0);
            str_eq(x.rule, get(l, "rule"), "link rule");
            str_eq(x.rule, cJSON_GetArrayItem(get(xw, "iso"), (int)k), "iso");
            str_eq(x.link, get(l, "link"), "link");
            if (x.still_needed)
                str_eq(x.rule, cJSON_GetArrayItem(needed, (int)n_needed++), "still_needed");
            k++;
        }
        ck_assert_uint_eq(n_needed, (size_t)cJSON_GetArraySize(needed));
        aigov_crosswalk_link past = AS(aigov_crosswalk_link);
        ck_assert_int_eq(aigov_report_obligation_link(&past, r, i, o.links), AIGOV_ENOTFOUND);
        ck_assert_ptr_null(past.rule);
    }

    const cJSON *sys = cJSON_GetObjectItemCaseSensitive(j, "systems");
    ck_assert_uint_eq(o.systems, sys ? (size_t)cJSON_GetArraySize(sys) : 0);
    k = 0;
    cJSON_ArrayForEach(e, sys) {
        aigov_system_result sr = AS(aigov_system_result);
        ck_assert_int_eq(aigov_report_obligation_system(&sr, r, i, k), 0);
        num_eq((double)sr.index, get(e, "index"), "system index");
        bool_eq(sr.in_scope, get(e, "in_scope"), "in_scope");
        str_eq(aigov_status_name(sr.status), get(e, "status"), "system status");
        k++;
    }
    aigov_system_result sr_past = AS(aigov_system_result);
    ck_assert_int_eq(aigov_report_obligation_system(&sr_past, r, i, k), AIGOV_ENOTFOUND);
}

static const char *tier_name(int k) { return aigov_tier_name(k); }
static const char *gpai_name(int k) { return aigov_gpai_name(k); }

static void counts_eq(size_t total, size_t met, size_t gap, size_t unknown, size_t na, const cJSON *j)
{
    num_eq((double)total, get(j, "total"), "total");
    num_eq((double)met, get(j, "met"), "met");
    num_eq((double)gap, get(j, "gap"), "gap");
    num_eq((double)unknown, get(j, "unknown"), "unknown");
    num_eq((double)na, get(j, "not_applicable"), "not_applicable");
}

/* A report without SoA entries: no control, evidence ref or finding at index 0. */
static void expect_no_soa_entries(const aigov_report *r)
{
    aigov_soa_control c = AS(aigov_soa_control);
    const char *ref = "x";
    int st = -1;
    ck_assert_int_eq(aigov_report_soa_control(&c, r, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_soa_evidence_ref(&ref, r, 0, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_soa_finding(&ref, &st, r, 0, 0), AIGOV_ENOTFOUND);
}

static void soa_eq(const aigov_report *r, const aigov_overview *ov, const cJSON *soa)
{
    aigov_soa s = AS(aigov_soa);
    ck_assert_int_eq(aigov_report_soa(&s, r), 0);
    ck_assert_uint_eq(s.controls, ov->soa_controls);
    if (!soa) { /* no section (ISO/IEC 42001 not assessed, or the organisation's part): no entry */
        ck_assert_uint_eq(s.controls, 0);
        expect_no_soa_entries(r);
        return;
    }
    const cJSON *sm = get(soa, "summary");
    num_eq((double)s.controls, get(sm, "controls"), "controls");
    num_eq((double)s.included, get(sm, "included"), "included");
    num_eq((double)s.excluded, get(sm, "excluded"), "excluded");
    num_eq((double)s.not_recorded, get(sm, "not_recorded"), "not_recorded");
    num_eq((double)s.findings_gap, get(sm, "findings_gap"), "findings_gap");
    num_eq((double)s.findings_unknown, get(sm, "findings_unknown"), "findings_unknown");
    bool_eq(s.complete, get(sm, "complete"), "complete");
    const cJSON *controls = get(soa, "controls");
    ck_assert_uint_eq(s.controls, (size_t)cJSON_GetArraySize(controls));
    size_t i = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, controls) {
        aigov_soa_control v = AS(aigov_soa_control);
        ck_assert_int_eq(aigov_report_soa_control(&v, r, i), 0);
        str_eq(v.control, get(c, "control"), "control");
        str_eq(v.title, get(c, "title"), "control title");
        str_eq(v.rule, get(c, "rule"), "control rule");
        str_eq(v.decision, get(c, "decision"), "decision");
        str_eq(v.justification, get(c, "justification"), "justification");
        const cJSON *ta = get(c, "typically_applicable");
        if (cJSON_IsNull(ta))
            ck_assert_int_eq(v.typically_applicable, AIGOV_TRUTH_UNKNOWN);
        else
            bool_eq(v.typically_applicable == AIGOV_TRUTH_TRUE, ta, "typically_applicable");
        str_eq(aigov_status_name(v.implementation), get(c, "implementation"), "implementation");
        str_eq(v.owner, get(c, "owner"), "owner");
        str_eq(v.review_date[0] ? v.review_date : NULL, get(c, "review_date"), "review_date");
        str_eq(aigov_grade_name(v.grade), get(c, "grade"), "grade");
        str_eq(v.grade_basis, get(c, "grade_basis"), "grade_basis");
        const cJSON *refs = get(c, "evidence_refs");
        ck_assert_uint_eq(v.evidence_refs, (size_t)cJSON_GetArraySize(refs));
        for (size_t k = 0; k < v.evidence_refs; k++) {
            const char *ref = NULL;
            ck_assert_int_eq(aigov_report_soa_evidence_ref(&ref, r, i, k), 0);
            str_eq(ref, cJSON_GetArrayItem(refs, (int)k), "evidence_ref");
        }
        const char *ref = "x";
        ck_assert_int_eq(aigov_report_soa_evidence_ref(&ref, r, i, v.evidence_refs), AIGOV_ENOTFOUND);
        ck_assert_ptr_null(ref);
        const cJSON *fs = get(c, "findings");
        ck_assert_uint_eq(v.findings, (size_t)cJSON_GetArraySize(fs));
        for (size_t k = 0; k < v.findings; k++) {
            const char *id = NULL;
            int st = -1;
            ck_assert_int_eq(aigov_report_soa_finding(&id, &st, r, i, k), 0);
            str_eq(id, get(cJSON_GetArrayItem(fs, (int)k), "id"), "finding id");
            str_eq(aigov_status_name(st), get(cJSON_GetArrayItem(fs, (int)k), "status"), "finding status");
        }
        i++;
    }
    aigov_soa_control past = AS(aigov_soa_control);
    ck_assert_int_eq(aigov_report_soa_control(&past, r, i), AIGOV_ENOTFOUND);
}

/* The highest penalty exposure: of the gaps in force with a penalty (every rule is listed in
 * these reports), the highest known cap, else the first. */
static void exposure_eq(const aigov_report *r, const cJSON *obligations)
{
    size_t gaps = 0;
    const cJSON *best = NULL;
    const cJSON *o;
    cJSON_ArrayForEach(o, obligations) {
        const cJSON *pen = cJSON_GetObjectItemCaseSensitive(o, "penalty");
        if (!pen || strcmp(get(o, "status")->valuestring, "gap") != 0 || !cJSON_IsTrue(get(o, "in_force")))
            continue;
        gaps++;
        const cJSON *cap = get(pen, "cap_eur"), *bcap = best ? get(get(best, "penalty"), "cap_eur") : NULL;
        if (!best || (cJSON_IsNumber(cap) && (cJSON_IsNull(bcap) || cap->valuedouble > bcap->valuedouble)))
            best = o;
    }
    aigov_exposure x = {.size = sizeof x, .penalty = AS(aigov_penalty)};
    ck_assert_int_eq(aigov_report_exposure(&x, r), 0);
    ck_assert_uint_eq(x.gaps_with_penalty, gaps);
    if (!best) {
        ck_assert_ptr_null(x.rule);
        ck_assert_ptr_null(x.penalty.tier);
        ck_assert_uint_eq(x.penalty.size, sizeof x.penalty);
        return;
    }
    const cJSON *bcap = get(get(best, "penalty"), "cap_eur");
    if (cJSON_IsNumber(bcap)) { /* ties on an unknown cap may pick another rule of the same tier */
        ck_assert_int_eq(x.penalty.cap_known, 1);
        num_eq(x.penalty.cap_eur, bcap, "exposure cap");
    } else {
        str_eq(x.rule, get(best, "id"), "exposure rule");
    }
    ck_assert_ptr_nonnull(x.penalty.basis);
}

/* One report part against its JSON object ("classification" absent in the organisation's part). */
static void part_eq(const aigov_report *r, const cJSON *j, const char *as_of)
{
    aigov_overview ov = AS(aigov_overview);
    ck_assert_int_eq(aigov_report_overview(&ov, r), 0);
    ck_assert_str_eq(ov.as_of, as_of);
    ck_assert_str_eq(aigov_tier_name(ov.tier), aigov_tier_name(aigov_report_tier(r)));
    const cJSON *cl = cJSON_GetObjectItemCaseSensitive(j, "classification");
    if (cl) {
        str_eq(aigov_tier_name(ov.tier), get(cl, "tier"), "tier");
        str_eq(aigov_gpai_name(ov.gpai), get(cl, "gpai"), "gpai");
        mask_eq(ov.possible_tiers, get(cl, "possible_tiers"), tier_name, AIGOV_TIER_COUNT, "possible_tiers");
        mask_eq(ov.possible_gpai, get(cl, "possible_gpai"), gpai_name, AIGOV_GPAI_COUNT, "possible_gpai");
        mask_eq(ov.roles, get(cl, "roles"), aigov_role_name, AIGOV_ROLE_COUNT, "roles");
        const cJSON *reasons = get(cl, "reasons");
        ck_assert_uint_eq(ov.classification_reasons, (size_t)cJSON_GetArraySize(reasons));
        size_t k = 0;
        const cJSON *c;
        cJSON_ArrayForEach(c, reasons) {
            aigov_class_reason v = AS(aigov_class_reason);
            ck_assert_int_eq(aigov_report_classification_reason(&v, r, k++), 0);
            str_eq(v.rule, get(c, "rule"), "class rule");
            str_eq(v.citation, get(c, "citation"), "class citation");
            str_eq(v.classifies, get(c, "classifies"), "classifies");
            str_eq(aigov_truth_name(v.value), get(c, "value"), "class value");
        }
        aigov_class_reason past = AS(aigov_class_reason);
        ck_assert_int_eq(aigov_report_classification_reason(&past, r, k), AIGOV_ENOTFOUND);
    } else {
        ck_assert_int_eq(ov.part, AIGOV_PART_ORGANISATION);
    }

    const cJSON *obls = get(j, "obligations");
    ck_assert_uint_eq(aigov_report_obligation_count(r), (size_t)cJSON_GetArraySize(obls));
    size_t i = 0;
    const cJSON *o;
    cJSON_ArrayForEach(o, obls)
        obligation_eq(r, i++, o);
    if (ov.part == AIGOV_PART_ALL)
        exposure_eq(r, obls);

    const cJSON *sm = get(j, "summary");
    counts_eq(ov.summary.total, ov.summary.met, ov.summary.gap, ov.summary.unknown, ov.summary.not_applicable, sm);
    num_eq((double)ov.summary.in_force_gaps, get(sm, "in_force_gaps"), "in_force_gaps");
    num_eq((double)ov.legal_in_force_gaps, get(sm, "legal_in_force_gaps"), "legal_in_force_gaps");
    const cJSON *bf = get(sm, "by_framework");
    ck_assert_uint_eq(ov.frameworks, (size_t)cJSON_GetArraySize(bf));
    const cJSON *rd = get(j, "readiness");
    for (size_t f = 0; f < ov.frameworks; f++) {
        aigov_framework_summary fs = AS(aigov_framework_summary);
        ck_assert_int_eq(aigov_report_framework_summary(&fs, r, f), 0);
        counts_eq(fs.total, fs.met, fs.gap, fs.unknown, fs.not_applicable, get(bf, fs.framework));
        aigov_readiness v = AS(aigov_readiness);
        ck_assert_int_eq(aigov_report_readiness(&v, r, f), 0);
        ck_assert_str_eq(v.framework, fs.framework);
        const cJSON *jr = get(rd, v.framework);
        bool_eq(v.assessed, get(jr, "assessed"), "assessed");
        num_eq((double)v.applicable, get(jr, "applicable"), "applicable");
        num_eq((double)v.undecided, get(jr, "undecided"), "undecided");
        num_eq((double)v.met, get(jr, "met"), "readiness met");
        num_eq(v.percent_met, get(jr, "percent_met"), "percent_met");
        bool_eq(v.ready, get(jr, "ready"), "ready");
        num_eq((double)v.in_force, get(jr, "in_force"), "readiness in_force");
        num_eq((double)v.requirements, get(jr, "requirements"), "requirements");
        num_eq((double)v.requirements_met, get(jr, "requirements_met"), "requirements_met");
        num_eq((double)v.controls_included, get(jr, "controls_included"), "controls_included");
        num_eq((double)v.controls_implemented, get(jr, "controls_implemented"), "controls_implemented");
        num_eq((double)v.findings_open, get(jr, "findings_open"), "findings_open");
        const cJSON *up = get(jr, "upcoming");
        ck_assert_uint_eq(v.upcoming, (size_t)cJSON_GetArraySize(up));
        for (size_t k = 0; k < v.upcoming; k++) {
            aigov_upcoming u = AS(aigov_upcoming);
            ck_assert_int_eq(aigov_report_readiness_upcoming(&u, r, f, k), 0);
            str_eq(u.applies_from, get(cJSON_GetArrayItem(up, (int)k), "applies_from"), "upcoming date");
            num_eq((double)u.obligations, get(cJSON_GetArrayItem(up, (int)k), "obligations"), "upcoming count");
        }
        aigov_upcoming u_past = AS(aigov_upcoming);
        ck_assert_int_eq(aigov_report_readiness_upcoming(&u_past, r, f, v.upcoming), AIGOV_ENOTFOUND);
    }
    aigov_readiness rd_past = AS(aigov_readiness);
    ck_assert_int_eq(aigov_report_readiness(&rd_past, r, ov.frameworks), AIGOV_ENOTFOUND);

    const cJSON *na = get(j, "next_actions");
    ck_assert_uint_eq(ov.next_actions, (size_t)cJSON_GetArraySize(na));
    i = 0;
    cJSON_ArrayForEach(o, na) {
        aigov_action a = AS(aigov_action);
        ck_assert_int_eq(aigov_report_next_action(&a, r, i), 0);
        str_eq(a.evidence, get(o, "evidence"), "action evidence");
        str_eq(a.title, get(o, "title"), "action title");
        num_eq((double)a.closes, get(o, "closes"), "action closes");
        const cJSON *rules = get(o, "rules");
        ck_assert_uint_eq(a.rules, (size_t)cJSON_GetArraySize(rules));
        for (size_t k = 0; k < a.rules; k++) {
            const char *id = NULL;
            ck_assert_int_eq(aigov_report_next_action_rule(&id, r, i, k), 0);
            str_eq(id, cJSON_GetArrayItem(rules, (int)k), "action rule");
        }
        const char *id = "x";
        ck_assert_int_eq(aigov_report_next_action_rule(&id, r, i, a.rules), AIGOV_ENOTFOUND);
        ck_assert_ptr_null(id);
        i++;
    }
    aigov_action a_past = AS(aigov_action);
    ck_assert_int_eq(aigov_report_next_action(&a_past, r, i), AIGOV_ENOTFOUND);

    if (ov.part != AIGOV_PART_ORGANISATION) {
        soa_eq(r, &ov, cJSON_GetObjectItemCaseSensitive(j, "statement_of_applicability"));
        const cJSON *qs = get(j, "questions");
        ck_assert_uint_eq(aigov_report_question_count(r), (size_t)cJSON_GetArraySize(qs));
        size_t q = 0;
        const cJSON *qj;
        cJSON_ArrayForEach(qj, qs) {
            aigov_question_info qi = AS(aigov_question_info);
            ck_assert_int_eq(aigov_report_question_info(&qi, r, q), 0);
            str_eq(qi.fact, get(qj, "fact"), "question fact");
            str_eq(qi.ask, get(qj, "ask"), "question ask");
            bool_eq(qi.affects_tier, get(qj, "affects_tier"), "affects_tier");
            bool_eq(qi.affects_gpai, get(qj, "affects_gpai"), "affects_gpai");
            const cJSON *aff = get(qj, "affects");
            ck_assert_uint_eq(qi.affected_rules, (size_t)cJSON_GetArraySize(aff));
            for (size_t k = 0; k < qi.affected_rules; k++) {
                const char *id = NULL;
                ck_assert_int_eq(aigov_report_question_rule(&id, r, q, k), 0);
                str_eq(id, cJSON_GetArrayItem(aff, (int)k), "question rule");
            }
            q++;
        }
        num_eq((double)ov.summary.questions, get(sm, "questions"), "questions");
    }
}

/* Evaluates the case's descriptor, renders the full JSON from the same evaluation and
 * compares every accessor with it; a descriptor of several systems: each system and the
 * organisation's part. */
static void check_case(const char *path)
{
    char *text = unit_slurp(path);
    cJSON *c = cJSON_Parse(text);
    ck_assert_msg(c != NULL, "%s is not JSON", path);
    const char *as_of = get(c, "as_of")->valuestring;
    char *desc = cJSON_PrintUnformatted(get(c, "descriptor"));
    size_t len = strlen(desc);
    aigov_ctx *ctx = NULL;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    char *out = NULL;
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, desc, len, &o, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL, &err),
                     0);
    cJSON *rep = cJSON_Parse(out);
    ck_assert(rep != NULL);
    const aigov_report *r = NULL;
    const cJSON *systems = cJSON_GetObjectItemCaseSensitive(rep, "systems");
    if (!systems) {
        ck_assert_int_eq(aigov_eval(&r, ctx, desc, len, &o, &err), 0);
        part_eq(r, rep, as_of);
    } else {
        size_t n = 0;
        const cJSON *s;
        cJSON_ArrayForEach(s, systems) {
            ck_assert_int_eq(aigov_eval_system(&r, NULL, ctx, desc, len, n, &o, &err), 0);
            aigov_overview ov = AS(aigov_overview);
            ck_assert_int_eq(aigov_report_overview(&ov, r), 0);
            ck_assert_int_eq(ov.part, AIGOV_PART_SYSTEM);
            str_eq(ov.system_name, get(s, "name"), "system name");
            part_eq(r, s, as_of);
            n++;
        }
        ck_assert_int_eq(aigov_eval_organisation(&r, ctx, desc, len, &o, &err), 0);
        part_eq(r, get(rep, "organisation"), as_of);
        /* rendered on its own, the part is the portfolio's "organisation" member */
        char *alone = NULL;
        ck_assert_int_eq(aigov_report_render(&alone, NULL, r, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL, &err), 0);
        cJSON *a = cJSON_Parse(alone);
        ck_assert(a != NULL);
        ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(a, "classification"));
        cJSON *org = cJSON_Duplicate(get(rep, "organisation"), 1);
        cJSON_DeleteItemFromObjectCaseSensitive(a, "engine");
        cJSON_DeleteItemFromObjectCaseSensitive(a, "as_of");
        ck_assert_msg(cJSON_Compare(a, org, 1), "the organisation's part rendered alone differs");
        cJSON_Delete(org);
        cJSON_Delete(a);
        aigov_free(alone);
    }
    aigov_free(out);
    cJSON_Delete(rep);
    aigov_ctx_free(ctx);
    free(desc);
    cJSON_Delete(c);
    free(text);
}

/* Full scenarios of every kind: high-risk deployer, prohibited, GPAI, SoA with findings,
 * crosswalk support, implied evidence, due at placing; and portfolios with per-system rows. */
static const char *const cases[] = {
    "test/golden/full/art27-credit-scoring-bank-deployer-2027-12-02.json",
    "test/golden/full/art05-1-f-call-centre-emotion-recognition-workers.json",
    "test/golden/full/art06-2-cv-screening-saas-provider-also-deployer.json",
    "test/golden/full/art11-sme-edtech-essay-scoring-provider.json",
    "test/golden/full/art02-8-emergency-triage-prototype-pre-market-rd.json",
    "test/golden/iso-soa-excluding-act-required-controls-credit-scoring.json",
    "test/golden/iso-crosswalk-act-evidence-implies-iso-records-one-way.json",
    "test/golden/iso-9-3-a2-2-review-date-passed-observation.json",
    "test/golden/iso-annex-b-not-considered-observation-not-gap.json",
    "test/golden/iso-6-1-3-d-a2-2-included-without-justification-minor-nonconformity.json",
    "test/golden/art11-1-planned-launch-technical-documentation-due-at-placing.json",
    "test/golden/art51-2-training-compute-above-1e25-presumed-systemic.json",
    "test/golden/iso-8.2-8.4-portfolio-system-outside-aims-scope-left-out.json",
    "test/golden/iso-8.3-portfolio-gap-in-one-system-wins-over-unknown.json",
    "test/golden/art02-empty-descriptor-everything-undetermined.json",
};

START_TEST(accessors_equal_full_json)
{
    check_case(cases[_i]);
}
END_TEST

/* The cases above reach what the accessors must show: a test that compares nothing proves
 * nothing. */
START_TEST(cases_cover_every_accessor)
{
    size_t reasons = 0, evidence = 0, implied = 0, penalties = 0, links = 0, systems = 0, controls = 0,
           actions = 0, upcoming = 0, class_reasons = 0, placing = 0, observations = 0, needed = 0;
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        char *text = unit_slurp(cases[c]);
        cJSON *j = cJSON_Parse(text);
        char *desc = cJSON_PrintUnformatted(get(j, "descriptor"));
        aigov_ctx *ctx = NULL;
        ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL), 0);
        aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
        o.as_of = get(j, "as_of")->valuestring;
        const aigov_report *r = NULL;
        ck_assert_int_eq(aigov_eval_organisation(&r, ctx, desc, strlen(desc), &o, NULL), 0);
        aigov_overview ov = AS(aigov_overview);
        ck_assert_int_eq(aigov_report_overview(&ov, r), 0);
        actions += ov.next_actions;
        controls += ov.soa_controls;
        class_reasons += ov.classification_reasons;
        for (size_t f = 0; f < ov.frameworks; f++) {
            aigov_readiness rd = AS(aigov_readiness);
            aigov_report_readiness(&rd, r, f);
            upcoming += rd.upcoming;
        }
        for (size_t i = 0; i < aigov_report_obligation_count(r); i++) {
            aigov_obligation ob = AS(aigov_obligation);
            ck_assert_int_eq(aigov_report_obligation(&ob, r, i), 0);
            reasons += ob.reasons;
            evidence += ob.evidence;
            penalties += ob.penalty_tier != NULL;
            links += ob.links;
            systems += ob.systems;
            placing += ob.due_at_placing;
            observations += ob.observation;
            for (size_t k = 0; k < ob.links; k++) {
                aigov_crosswalk_link l = AS(aigov_crosswalk_link);
                aigov_report_obligation_link(&l, r, i, k);
                needed += l.still_needed;
            }
            for (size_t k = 0; k < ob.evidence; k++) {
                aigov_evidence_state s = AS(aigov_evidence_state);
                aigov_report_obligation_evidence(&s, r, i, k);
                implied += s.implied_by != NULL;
            }
        }
        aigov_ctx_free(ctx);
        free(desc);
        cJSON_Delete(j);
        free(text);
    }
    ck_assert_uint_gt(reasons, 0);
    ck_assert_uint_gt(evidence, 0);
    ck_assert_uint_gt(implied, 0);
    ck_assert_uint_gt(penalties, 0);
    ck_assert_uint_gt(links, 0);
    ck_assert_uint_gt(systems, 0);
    ck_assert_uint_gt(controls, 0);
    ck_assert_uint_gt(actions, 0);
    ck_assert_uint_gt(upcoming, 0);
    ck_assert_uint_gt(class_reasons, 0);
    ck_assert_uint_gt(placing, 0);
    ck_assert_uint_gt(observations, 0);
    ck_assert_uint_gt(needed, 0);
}
END_TEST

static const aigov_report *one_report(aigov_ctx **ctx)
{
    char *text = unit_slurp(cases[0]);
    cJSON *j = cJSON_Parse(text);
    char *desc = cJSON_PrintUnformatted(get(j, "descriptor"));
    ck_assert_int_eq(aigov_ctx_new(ctx, aigov_table_builtin(), NULL, NULL), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2027-12-02";
    const aigov_report *r = NULL;
    ck_assert_int_eq(aigov_eval(&r, *ctx, desc, strlen(desc), &o, NULL), 0);
    free(desc);
    cJSON_Delete(j);
    free(text);
    return r;
}

/* Each sized accessor: NULL out, NULL report, a size below the first version (0 and one byte
 * short) give AIGOV_EINVAL and write nothing; the size itself is never overwritten. */
#define SIZE_ERRORS(type, call_out, ...)                                                          \
    do {                                                                                          \
        type v_;                                                                                  \
        memset(&v_, 0x5a, sizeof v_);                                                             \
        v_.size = sizeof v_ - 1;                                                                  \
        ck_assert_int_eq(call_out(&v_, __VA_ARGS__), AIGOV_EINVAL);                               \
        ck_assert_uint_eq(v_.size, sizeof v_ - 1);                                                \
        ck_assert_uint_eq(((unsigned char *)&v_)[sizeof v_ - 1], 0x5a);                           \
        v_.size = 0;                                                                              \
        ck_assert_int_eq(call_out(&v_, __VA_ARGS__), AIGOV_EINVAL);                               \
        ck_assert_int_eq(call_out((type *)NULL, __VA_ARGS__), AIGOV_EINVAL);                      \
    } while (0)

START_TEST(argument_errors_fail_closed)
{
    aigov_ctx *ctx = NULL;
    const aigov_report *r = one_report(&ctx);
    SIZE_ERRORS(aigov_obligation, aigov_report_obligation, r, 0);
    SIZE_ERRORS(aigov_overview, aigov_report_overview, r);
    SIZE_ERRORS(aigov_class_reason, aigov_report_classification_reason, r, 0);
    SIZE_ERRORS(aigov_framework_summary, aigov_report_framework_summary, r, 0);
    SIZE_ERRORS(aigov_readiness, aigov_report_readiness, r, 0);
    SIZE_ERRORS(aigov_upcoming, aigov_report_readiness_upcoming, r, 0, 0);
    SIZE_ERRORS(aigov_condition, aigov_report_obligation_reason, r, 0, 0);
    SIZE_ERRORS(aigov_fact_value, aigov_report_fact_value, r, "system.name");
    SIZE_ERRORS(aigov_evidence_state, aigov_report_obligation_evidence, r, 0, 0);
    SIZE_ERRORS(aigov_penalty, aigov_report_obligation_penalty, r, 0);
    SIZE_ERRORS(aigov_crosswalk_link, aigov_report_obligation_link, r, 0, 0);
    SIZE_ERRORS(aigov_system_result, aigov_report_obligation_system, r, 0, 0);
    SIZE_ERRORS(aigov_action, aigov_report_next_action, r, 0);
    SIZE_ERRORS(aigov_soa, aigov_report_soa, r);
    SIZE_ERRORS(aigov_soa_control, aigov_report_soa_control, r, 0);

    /* the exposure checks its inner penalty's size too */
    aigov_exposure x = {.size = sizeof x, .penalty = {.size = sizeof(aigov_penalty) - 1}};
    ck_assert_int_eq(aigov_report_exposure(&x, r), AIGOV_EINVAL);
    x.penalty.size = sizeof x.penalty;
    ck_assert_int_eq(aigov_report_exposure(&x, NULL), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_exposure(&x, r), 0);

    /* a NULL report */
    aigov_obligation o = AS(aigov_obligation);
    ck_assert_int_eq(aigov_report_obligation(&o, NULL, 0), AIGOV_EINVAL);
    aigov_overview ov = AS(aigov_overview);
    ck_assert_int_eq(aigov_report_overview(&ov, NULL), AIGOV_EINVAL);
    aigov_fact_value fv = AS(aigov_fact_value);
    ck_assert_int_eq(aigov_report_fact_value(&fv, r, NULL), AIGOV_EINVAL);

    /* past the end: AIGOV_ENOTFOUND with the struct cleared (but its size), never stale */
    ck_assert_int_eq(aigov_report_obligation(&o, r, 0), 0);
    ck_assert_ptr_nonnull(o.id);
    size_t n = aigov_report_obligation_count(r);
    ck_assert_int_eq(aigov_report_obligation(&o, r, n), AIGOV_ENOTFOUND);
    ck_assert_ptr_null(o.id);
    ck_assert_uint_eq(o.size, sizeof o);
    ck_assert_int_eq(aigov_report_obligation(&o, r, (size_t)-1), AIGOV_ENOTFOUND);
    aigov_condition c = AS(aigov_condition);
    ck_assert_int_eq(aigov_report_obligation_reason(&c, r, n, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_fact_value(&fv, r, "no.such.fact"), AIGOV_ENOTFOUND);
    /* a fact is found by its whole id: not by an object on its path, a path past it, an
     * empty segment or a prefix */
    const char *not_facts[] = {"", "system", "system.", ".system.name", "system..name", "system.name.x",
                               "system.nam", "system.names", "System.name"};
    for (size_t k = 0; k < sizeof not_facts / sizeof *not_facts; k++)
        ck_assert_msg(aigov_report_fact_value(&fv, r, not_facts[k]) == AIGOV_ENOTFOUND, "'%s' is no fact",
                      not_facts[k]);
    ck_assert_int_eq(aigov_report_fact_value(&fv, r, "system.name"), 0);
    ck_assert_int_eq(fv.known, 1);
    ck_assert_int_eq(fv.type, AIGOV_FACT_STRING);
    aigov_framework_summary fs = AS(aigov_framework_summary);
    ck_assert_int_eq(aigov_report_framework_summary(&fs, r, ov.frameworks + 99), AIGOV_ENOTFOUND);
    aigov_soa_control sc = AS(aigov_soa_control);
    ck_assert_int_eq(aigov_report_soa_control(&sc, r, 100000), AIGOV_ENOTFOUND);

    /* the pointer-out iterators */
    const char *id = "x";
    int st = 7;
    ck_assert_int_eq(aigov_report_next_action_rule(NULL, r, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_next_action_rule(&id, NULL, 0, 0), AIGOV_EINVAL);
    ck_assert_ptr_null(id);
    ck_assert_int_eq(aigov_report_next_action_rule(&id, r, 1000, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_soa_evidence_ref(NULL, r, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_soa_finding(&id, NULL, r, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_soa_finding(&id, &st, NULL, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_soa_finding(&id, &st, r, 100000, 0), AIGOV_ENOTFOUND);
    ck_assert_ptr_null(id);

    /* a newer caller's larger struct: the library fills its own fields and leaves the rest */
    struct {
        aigov_obligation o;
        unsigned char tail[16];
    } big;
    memset(&big, 0x77, sizeof big);
    big.o.size = sizeof big;
    ck_assert_int_eq(aigov_report_obligation(&big.o, r, 0), 0);
    ck_assert_uint_eq(big.o.size, sizeof big);
    ck_assert_ptr_nonnull(big.o.id);
    ck_assert_uint_eq(big.tail[15], 0x77);

    /* aigov_eval_organisation */
    const aigov_report *org = NULL;
    aigov_eval_options opts = AIGOV_EVAL_OPTIONS_INIT;
    opts.as_of = "2027-12-02";
    ck_assert_int_eq(aigov_eval_organisation(NULL, ctx, "{}", 2, &opts, NULL), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval_organisation(&org, NULL, "{}", 2, &opts, NULL), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval_organisation(&org, ctx, "{", 1, &opts, NULL), AIGOV_ESYNTAX);
    ck_assert_ptr_null(org);
    aigov_ctx_free(ctx);
}
END_TEST

/* A penalty tier's sentence is built once per evaluation and shared by every rule of the
 * tier (one pointer), and built again after the next evaluation: a cap cached across
 * evaluations would show the previous descriptor's turnover. */
static const char *first_penalty(const aigov_report *r, aigov_penalty *p, size_t *index)
{
    for (size_t i = 0; i < aigov_report_obligation_count(r); i++) {
        p->size = sizeof *p;
        if (aigov_report_obligation_penalty(p, r, i) == 0) {
            *index = i;
            return p->basis;
        }
    }
    ck_abort_msg("no obligation with a penalty");
    return NULL;
}

START_TEST(penalty_sentence_built_once_per_evaluation)
{
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    const char *rich = "{\"organisation\":{\"size\":\"large\",\"annual_turnover_eur\":4200000000},"
                       "\"operator\":{\"roles\":[\"provider\"]},\"system\":{\"is_ai_system\":true}}";
    const char *poor = "{\"organisation\":{\"size\":\"large\",\"annual_turnover_eur\":1000000},"
                       "\"operator\":{\"roles\":[\"provider\"]},\"system\":{\"is_ai_system\":true}}";
    const aigov_report *r = NULL;
    ck_assert_int_eq(aigov_eval(&r, ctx, rich, strlen(rich), &o, NULL), 0);
    aigov_penalty p = AS(aigov_penalty), q = AS(aigov_penalty);
    size_t i;
    const char *basis = first_penalty(r, &p, &i);
    ck_assert_int_eq(p.cap_known, 1);
    double rich_cap = p.cap_eur;
    char rich_basis[256];
    snprintf(rich_basis, sizeof rich_basis, "%s", basis);
    /* another rule of the same tier shares the sentence */
    size_t shared = 0;
    for (size_t k = 0; k < aigov_report_obligation_count(r); k++) {
        q.size = sizeof q;
        if (k != i && aigov_report_obligation_penalty(&q, r, k) == 0 && strcmp(q.tier, p.tier) == 0) {
            ck_assert_ptr_eq(q.basis, basis);
            shared++;
        }
    }
    ck_assert_uint_gt(shared, 0);
    ck_assert_int_eq(aigov_eval(&r, ctx, poor, strlen(poor), &o, NULL), 0);
    first_penalty(r, &p, &i);
    ck_assert_int_eq(p.cap_known, 1);
    ck_assert(p.cap_eur < rich_cap);
    ck_assert_str_ne(p.basis, rich_basis);
    aigov_ctx_free(ctx);
}
END_TEST

static size_t allocations;
static void *count_malloc(void *ud, size_t n)
{
    (void)ud;
    allocations++;
    return malloc(n);
}
static void *count_realloc(void *ud, void *p, size_t n)
{
    (void)ud;
    allocations++;
    return realloc(p, n);
}
static void count_free(void *ud, void *p)
{
    (void)ud;
    free(p);
}

/* Reading a whole report through the accessors allocates nothing, and evaluating again on a
 * warm context neither (the penalty sentences live in the context, sized at its creation). */
START_TEST(accessors_do_not_allocate)
{
    char *text = unit_slurp(cases[5]);
    cJSON *j = cJSON_Parse(text);
    char *desc = cJSON_PrintUnformatted(get(j, "descriptor"));
    aigov_allocator counting = {count_malloc, count_realloc, count_free, NULL};
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), &counting, NULL), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = get(j, "as_of")->valuestring;
    const aigov_report *r = NULL;
    ck_assert_int_eq(aigov_eval(&r, ctx, desc, strlen(desc), &o, NULL), 0);
    allocations = 0;
    ck_assert_int_eq(aigov_eval(&r, ctx, desc, strlen(desc), &o, NULL), 0);
    size_t reads = 0;
    aigov_overview ov = AS(aigov_overview);
    ck_assert_int_eq(aigov_report_overview(&ov, r), 0);
    for (size_t i = 0; i < aigov_report_obligation_count(r); i++) {
        aigov_obligation ob = AS(aigov_obligation);
        ck_assert_int_eq(aigov_report_obligation(&ob, r, i), 0);
        for (size_t k = 0; k < ob.reasons; k++) {
            aigov_condition c = AS(aigov_condition);
            ck_assert_int_eq(aigov_report_obligation_reason(&c, r, i, k), 0);
            aigov_fact_value v = AS(aigov_fact_value);
            if (c.fact)
                ck_assert_int_eq(aigov_report_fact_value(&v, r, c.fact), 0);
            reads++;
        }
        for (size_t k = 0; k < ob.evidence; k++) {
            aigov_evidence_state e = AS(aigov_evidence_state);
            ck_assert_int_eq(aigov_report_obligation_evidence(&e, r, i, k), 0);
            reads++;
        }
        aigov_penalty p = AS(aigov_penalty);
        reads += aigov_report_obligation_penalty(&p, r, i) == 0;
        for (size_t k = 0; k < ob.links; k++) {
            aigov_crosswalk_link l = AS(aigov_crosswalk_link);
            ck_assert_int_eq(aigov_report_obligation_link(&l, r, i, k), 0);
            reads++;
        }
    }
    for (size_t k = 0; k < ov.soa_controls; k++) {
        aigov_soa_control c = AS(aigov_soa_control);
        ck_assert_int_eq(aigov_report_soa_control(&c, r, k), 0);
        reads++;
    }
    for (size_t k = 0; k < ov.next_actions; k++) {
        aigov_action a = AS(aigov_action);
        ck_assert_int_eq(aigov_report_next_action(&a, r, k), 0);
        reads++;
    }
    for (size_t f = 0; f < ov.frameworks; f++) {
        aigov_readiness rd = AS(aigov_readiness);
        ck_assert_int_eq(aigov_report_readiness(&rd, r, f), 0);
    }
    aigov_exposure x = {.size = sizeof x, .penalty = AS(aigov_penalty)};
    ck_assert_int_eq(aigov_report_exposure(&x, r), 0);
    ck_assert_uint_gt(reads, 100);
    ck_assert_uint_eq(allocations, 0);
    aigov_ctx_free(ctx);
    free(desc);
    cJSON_Delete(j);
    free(text);
}
END_TEST

/* A sized struct and no report: EINVAL, never a read through NULL. */
#define NO_REPORT(type, call_out, ...)                                                            \
    do {                                                                                          \
        type v_ = {.size = sizeof v_};                                                            \
        ck_assert_int_eq(call_out(&v_, NULL, __VA_ARGS__), AIGOV_EINVAL);                       \
    } while (0)

/* The organisation's part of a portfolio has no SoA section (each system's part has it, the
 * organisation running an AI management system): its counts are zero, it has no entry. */
START_TEST(organisation_part_has_no_soa_entries)
{
    char *desc = unit_slurp("test/fuzz/fixtures/cli/portfolio.json");
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2027-12-02";
    const aigov_report *r = NULL;
    size_t systems = 0;
    aigov_soa s = AS(aigov_soa);
    ck_assert_int_eq(aigov_eval_system(&r, &systems, ctx, desc, strlen(desc), 0, &o, NULL), 0);
    ck_assert_uint_gt(systems, 1);
    ck_assert_int_eq(aigov_report_soa(&s, r), 0);
    ck_assert_uint_gt(s.controls, 0); /* a system's part has the section */
    ck_assert_int_eq(aigov_eval_organisation(&r, ctx, desc, strlen(desc), &o, NULL), 0);
    ck_assert_int_eq(aigov_report_soa(&s, r), 0);
    ck_assert_uint_eq(s.controls, 0);
    ck_assert_uint_eq(s.included + s.excluded + s.not_recorded + s.findings_gap + s.findings_unknown, 0);
    expect_no_soa_entries(r);
    aigov_ctx_free(ctx);
    free(desc);
}
END_TEST

START_TEST(no_report_fails_closed)
{
    NO_REPORT(aigov_obligation, aigov_report_obligation, 0);
    aigov_overview ov = {.size = sizeof ov};
    ck_assert_int_eq(aigov_report_overview(&ov, NULL), AIGOV_EINVAL);
    NO_REPORT(aigov_class_reason, aigov_report_classification_reason, 0);
    NO_REPORT(aigov_framework_summary, aigov_report_framework_summary, 0);
    NO_REPORT(aigov_readiness, aigov_report_readiness, 0);
    NO_REPORT(aigov_upcoming, aigov_report_readiness_upcoming, 0, 0);
    NO_REPORT(aigov_condition, aigov_report_obligation_reason, 0, 0);
    NO_REPORT(aigov_fact_value, aigov_report_fact_value, "system.name");
    NO_REPORT(aigov_evidence_state, aigov_report_obligation_evidence, 0, 0);
    NO_REPORT(aigov_penalty, aigov_report_obligation_penalty, 0);
    NO_REPORT(aigov_crosswalk_link, aigov_report_obligation_link, 0, 0);
    NO_REPORT(aigov_system_result, aigov_report_obligation_system, 0, 0);
    NO_REPORT(aigov_action, aigov_report_next_action, 0);
    aigov_soa soa = {.size = sizeof soa};
    ck_assert_int_eq(aigov_report_soa(&soa, NULL), AIGOV_EINVAL);
    NO_REPORT(aigov_soa_control, aigov_report_soa_control, 0);
    const char *id = "x";
    int st = 7;
    ck_assert_int_eq(aigov_report_soa_evidence_ref(&id, NULL, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_soa_finding(&id, &st, NULL, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_next_action_rule(&id, NULL, 0, 0), AIGOV_EINVAL);

    /* an upcoming date of a framework the table does not have */
    aigov_ctx *ctx = NULL;
    const aigov_report *r = one_report(&ctx);
    aigov_upcoming u = {.size = sizeof u};
    ck_assert_int_eq(aigov_report_readiness_upcoming(&u, r, 1000, 0), AIGOV_ENOTFOUND);
    /* an obligation past the end, and a list entry past the end of obligation 0 */
    aigov_condition c = {.size = sizeof c};
    aigov_evidence_state e = {.size = sizeof e};
    aigov_penalty p = {.size = sizeof p};
    aigov_crosswalk_link l = {.size = sizeof l};
    aigov_system_result sy = {.size = sizeof sy};
    aigov_class_reason cr = {.size = sizeof cr};
    aigov_framework_summary fs = {.size = sizeof fs};
    aigov_readiness rd = {.size = sizeof rd};
    aigov_action a = {.size = sizeof a};
    aigov_soa_control sc = {.size = sizeof sc};
    size_t far = 100000;
    ck_assert_int_eq(aigov_report_obligation_reason(&c, r, far, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_obligation_reason(&c, r, 0, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_obligation_evidence(&e, r, far, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_obligation_evidence(&e, r, 0, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_obligation_penalty(&p, r, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_obligation_link(&l, r, far, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_obligation_link(&l, r, 0, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_obligation_system(&sy, r, far, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_obligation_system(&sy, r, 0, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_classification_reason(&cr, r, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_framework_summary(&fs, r, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_readiness(&rd, r, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_next_action(&a, r, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_soa_control(&sc, r, far), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_soa_evidence_ref(&id, r, far, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_next_action_rule(&id, r, far, 0), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_soa_finding(NULL, &st, r, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_soa_finding(&id, NULL, r, 0, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_exposure(NULL, r), AIGOV_EINVAL);
    ck_assert_str_eq(aigov_coverage_name(AIGOV_COVERAGE_COUNT), "?");
    aigov_fact_value fv = {.size = sizeof fv};
    ck_assert_int_eq(aigov_report_fact_value(&fv, r, NULL), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_fact_value(&fv, r, "no.such.fact"), AIGOV_ENOTFOUND);
    aigov_ctx_free(ctx);
}
END_TEST

START_TEST(enum_names)
{
    ck_assert_str_eq(aigov_role_name(AIGOV_ROLE_PROVIDER), "provider");
    ck_assert_str_eq(aigov_role_name(AIGOV_ROLE_ORGANISATION), "organisation");
    ck_assert_str_eq(aigov_role_name(AIGOV_ROLE_COUNT), "?");
    ck_assert_str_eq(aigov_role_name(-1), "?");
    ck_assert_str_eq(aigov_truth_name(AIGOV_TRUTH_UNKNOWN), "unknown");
    ck_assert_str_eq(aigov_truth_name(AIGOV_TRUTH_COUNT), "?");
    ck_assert_str_eq(aigov_coverage_name(AIGOV_COVERAGE_PARTLY_SUPPORTED), "partly_supported");
    ck_assert_str_eq(aigov_coverage_name(AIGOV_COVERAGE_NONE), "?");
    ck_assert_str_eq(aigov_grade_name(AIGOV_GRADE_OPPORTUNITY_FOR_IMPROVEMENT), "opportunity_for_improvement");
    ck_assert_str_eq(aigov_grade_name(AIGOV_GRADE_COUNT), "?");
    ck_assert_str_eq(aigov_condition_kind_name(AIGOV_CONDITION_AS_OF), "as_of");
    ck_assert_str_eq(aigov_condition_kind_name(AIGOV_CONDITION_KIND_COUNT), "?");
    ck_assert_str_eq(aigov_part_name(AIGOV_PART_ORGANISATION), "organisation");
    ck_assert_str_eq(aigov_part_name(AIGOV_PART_COUNT), "?");
    /* below the first value too: the names are array lookups guarded on both sides */
    ck_assert_str_eq(aigov_truth_name(-1), "?");
    ck_assert_str_eq(aigov_coverage_name(-1), "?");
    ck_assert_str_eq(aigov_grade_name(-1), "?");
    ck_assert_str_eq(aigov_condition_kind_name(-1), "?");
    ck_assert_str_eq(aigov_part_name(-1), "?");
}
END_TEST

/* A fact's typed value says what the descriptor said: a number as the descriptor wrote it
 * when the double is not exactly that decimal (the neighbour of a legal threshold must not
 * read as the threshold itself: 10^25 + 1 FLOPs is above Art. 51(2)'s 10^25), the double's
 * shortest text when the descriptor's is longer than number_text holds, a date as
 * YYYY-MM-DD, and an unanswered fact as unknown. */
START_TEST(fact_values_keep_the_descriptor_text)
{
    static const char desc[] =
        "{\"organisation\": {\"annual_turnover_eur\": 1000000.10000000000000001},"
        " \"gpai\": {\"is_gpai_model\": true, \"training_compute_flops\": 10000000000000000000000001,"
        " \"planned_training_compute_flops\": 1.00000000000000000000000000000000000000001e30,"
        " \"modification_compute_share\": 0.25},"
        " \"system\": {\"market\": {\"placed_on_market_date\": \"2027-03-15\"}}}";
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2026-12-07";
    const aigov_report *r = NULL;
    ck_assert_int_eq(aigov_eval(&r, ctx, desc, sizeof desc - 1, &o, NULL), 0);
    static const struct {
        const char *fact, *text;
        double number;
    } numbers[] = {
        {"gpai.training_compute_flops", "10000000000000000000000001", 1e25},
        {"organisation.annual_turnover_eur", "1000000.10000000000000001", 1000000.1},
        {"gpai.modification_compute_share", "0.25", 0.25},
        {"gpai.planned_training_compute_flops", "1e+30", 1e30},
    };
    for (size_t k = 0; k < sizeof numbers / sizeof *numbers; k++) {
        aigov_fact_value v = AS(aigov_fact_value);
        ck_assert_int_eq(aigov_report_fact_value(&v, r, numbers[k].fact), 0);
        ck_assert_int_eq(v.type, AIGOV_FACT_NUMBER);
        ck_assert_int_eq(v.known, 1);
        ck_assert_msg(v.number == numbers[k].number, "%s: %.17g", numbers[k].fact, v.number);
        ck_assert_str_eq(v.number_text, numbers[k].text);
    }
    aigov_fact_value v = AS(aigov_fact_value);
    ck_assert_int_eq(aigov_report_fact_value(&v, r, "system.market.placed_on_market_date"), 0);
    ck_assert_int_eq(v.type, AIGOV_FACT_DATE);
    ck_assert_int_eq(v.known, 1);
    ck_assert_str_eq(v.date, "2027-03-15");
    ck_assert_int_eq(aigov_report_fact_value(&v, r, "gpai.placed_on_market_date"), 0);
    ck_assert_int_eq(v.type, AIGOV_FACT_DATE);
    ck_assert_int_eq(v.known, 0);
    ck_assert_str_eq(v.date, "");
    aigov_ctx_free(ctx);
}
END_TEST

/* The penalty exposure of one report, worked out again from the obligation accessors; *rising
 * counts reports where a gap in force has a higher known cap than one listed before it. */
static void exposure_matches(aigov_ctx *ctx, const char *desc, const char *what, const char *as_of, size_t *rising)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    const aigov_report *r = NULL;
    aigov_error err;
    ck_assert_msg(aigov_eval(&r, ctx, desc, strlen(desc), &o, &err) == 0, "%s: %s", what, err.message);
    size_t gaps = 0, rises = 0;
    double best = -1;
    for (size_t i = 0; i < aigov_report_obligation_count(r); i++) {
        aigov_obligation ob = AS(aigov_obligation);
        ck_assert_int_eq(aigov_report_obligation(&ob, r, i), 0);
        aigov_penalty p = AS(aigov_penalty);
        if (ob.status != AIGOV_STATUS_GAP || !ob.in_force || aigov_report_obligation_penalty(&p, r, i) != 0)
            continue;
        gaps++;
        if (!p.cap_known)
            continue;
        rises += best >= 0 && p.cap_eur > best;
        if (p.cap_eur > best)
            best = p.cap_eur;
    }
    *rising += rises > 0;
    aigov_exposure x = AS(aigov_exposure);
    x.penalty.size = sizeof x.penalty;
    ck_assert_int_eq(aigov_report_exposure(&x, r), 0);
    ck_assert_msg(x.gaps_with_penalty == gaps, "%s at %s: %zu gaps with a penalty, the accessors %zu", what, as_of,
                  x.gaps_with_penalty, gaps);
    if (best >= 0) {
        ck_assert_ptr_nonnull(x.rule);
        ck_assert_int_eq(x.penalty.cap_known, 1);
        ck_assert_msg(x.penalty.cap_eur == best, "%s at %s: exposure %.0f, highest cap %.0f", what, as_of,
                      x.penalty.cap_eur, best);
    } else if (gaps == 0) {
        ck_assert_ptr_null(x.rule);
    }
}

/* The penalty exposure the text, markdown and HTML reports summarise is the in-force gaps
 * whose rule names a penalty tier and, of them, the one with the highest known cap (Art.
 * 99(3)-(6), 101(1)). Every bundled example at two dates, and each as a large undertaking
 * and as an SME with a turnover known and the Art. 99(5) information duty a gap, so that gaps
 * under several caps meet in one report, in both orders: an SME's Art. 50 gap at EUR 3M
 * (99(4) and (6): the lower of EUR 15M or 3%) listed before its GPAI duties at EUR 15M
 * (101(1): the higher, no SME rule), and its 99(4) before its 99(5) at a lower cap. */
START_TEST(exposure_is_the_highest_known_cap_of_the_gaps_in_force)
{
    glob_t g;
    ck_assert_int_eq(glob("examples/descriptors/*.json", 0, NULL, &g), 0);
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL), 0);
    const char *dates[] = {"2026-12-02", "2028-08-02"};
    size_t rising = 0;
    for (size_t f = 0; f < g.gl_pathc; f++) {
        char *desc = unit_slurp(g.gl_pathv[f]);
        for (int sme = 0; sme < 2; sme++) {
            cJSON *doc = cJSON_Parse(desc);
            ck_assert_ptr_nonnull(doc);
            cJSON *org = cJSON_GetObjectItemCaseSensitive(doc, "organisation");
            cJSON *ev = cJSON_GetObjectItemCaseSensitive(doc, "evidence");
            if (!ev)
                ev = cJSON_AddObjectToObject(doc, "evidence");
            if (org) {
                cJSON_DeleteItemFromObjectCaseSensitive(org, "annual_turnover_eur");
                ck_assert_ptr_nonnull(cJSON_AddNumberToObject(org, "annual_turnover_eur", sme ? 1e8 : 2e9));
                cJSON_DeleteItemFromObjectCaseSensitive(org, "size");
                ck_assert_ptr_nonnull(cJSON_AddStringToObject(org, "size", sme ? "small" : "large"));
            }
            cJSON_DeleteItemFromObjectCaseSensitive(ev, "accurate_information_to_authorities");
            cJSON *info = cJSON_AddObjectToObject(ev, "accurate_information_to_authorities");
            ck_assert_ptr_nonnull(cJSON_AddStringToObject(info, "state", "absent"));
            char *variant = cJSON_PrintUnformatted(doc);
            for (size_t d = 0; d < 2; d++) {
                if (!sme)
                    exposure_matches(ctx, desc, g.gl_pathv[f], dates[d], &rising);
                exposure_matches(ctx, variant, g.gl_pathv[f], dates[d], &rising);
            }
            free(variant);
            cJSON_Delete(doc);
        }
        free(desc);
    }
    ck_assert_msg(rising > 0, "no report lists a higher cap after a lower one: the test shows nothing");
    aigov_ctx_free(ctx);
    globfree(&g);
}
END_TEST

Suite *accessors_suite(void)
{
    Suite *s = suite_create("accessors");
    TCase *tc = tcase_create("accessors");
    tcase_set_timeout(tc, 120);
    tcase_add_loop_test(tc, accessors_equal_full_json, 0, (int)(sizeof cases / sizeof *cases));
    tcase_add_test(tc, cases_cover_every_accessor);
    tcase_add_test(tc, argument_errors_fail_closed);
    tcase_add_test(tc, enum_names);
    tcase_add_test(tc, fact_values_keep_the_descriptor_text);
    tcase_add_test(tc, exposure_is_the_highest_known_cap_of_the_gaps_in_force);
    tcase_add_test(tc, no_report_fails_closed);
    tcase_add_test(tc, organisation_part_has_no_soa_entries);
    tcase_add_test(tc, accessors_do_not_allocate);
    tcase_add_test(tc, penalty_sentence_built_once_per_evaluation);
    suite_add_tcase(s, tc);
    return s;
}
