/* The Statement of Applicability through the public accessors: the section's counts and
 * each control's entry (report/soa.c), as the JSON report's "statement_of_applicability"
 * gives them. */
#include "report/access.h"
#include "report/soa.h"

/* The section's counts as the report shows them: none in the organisation's part. */
static void counts(ag_soa_counts *c, const aigov_report *rep)
{
    if (rep->part == AG_PART_ORGANISATION)
        memset(c, 0, sizeof *c);
    else
        ag_soa_count(rep, c);
}

int ag_report_soa(aigov_soa *out, const aigov_report *rep)
{
    ag_soa_counts c;
    counts(&c, rep);
    aigov_soa v = {sizeof v, c.controls, c.included, c.excluded, c.not_recorded, c.findings_gap,
                   c.findings_unknown, c.controls ? ag_soa_complete(&c) : 0, c.findings_applicable > 0};
    ag_fill(out, &v, sizeof v);
    return 0;
}

/* How many controls the report's SoA section lists: every control, or none in the
 * organisation's part or while a control's framework is not assessed (as ag_soa_count). */
static uint32_t section_controls(const aigov_report *rep)
{
    if (rep->part == AG_PART_ORGANISATION)
        return 0;
    for (uint32_t fws = rep->ix->soa_frameworks; fws; fws &= fws - 1)
        if (!rep->r->fw_assessed[__builtin_ctz(fws)])
            return 0;
    return rep->ix->n_soa_controls;
}

/* The rule of control `index` (table order) when the report has an SoA section, or -1. */
static int32_t control_rule(const aigov_report *rep, size_t index)
{
    return index < section_controls(rep) ? rep->ix->soa_controls[index] : -1;
}

/* The k-th evidence reference of control ri, or NULL; *n receives how many it has. */
static const char *evidence_ref(const aigov_report *rep, int32_t ri, size_t k, size_t *n)
{
    const aigov_table *t = rep->t;
    const ag_rule *ru = &t->rules[ri];
    const char *found = NULL;
    *n = 0;
    for (uint32_t e = 0; e < ru->ev_n; e++) {
        const char *ref = ag_soa_evidence_ref(rep, t->rule_evidence[ru->ev_first + e]);
        if (ref && (*n)++ == k)
            found = ref;
    }
    return found;
}

/* The findings of control `index` (reported rules with soa_of its rule, table order). */
static const int32_t *findings(const aigov_report *rep, size_t index, size_t *n)
{
    const uint32_t *first = rep->ix->soa_findings_first;
    *n = first[index + 1] - first[index];
    return rep->ix->soa_findings + first[index];
}

int ag_report_soa_control(aigov_soa_control *out, const aigov_report *rep, size_t index)
{
    int32_t ri = control_rule(rep, index);
    if (ri < 0)
        return ag_not_found(out, sizeof *out);
    ag_soa_entry e;
    ag_soa_entry_of(&e, rep, ri);
    aigov_soa_control v;
    memset(&v, 0, sizeof v);
    v.control = e.ru->soa_control;
    v.title = e.ru->title;
    v.rule = e.ru->id;
    v.decision = e.decision;
    v.justification = e.justification;
    v.typically_applicable = e.applicable;
    v.implementation = e.status;
    v.owner = e.owner;
    memcpy(v.review_date, e.review, sizeof v.review_date);
    v.grade = e.grade.grade;
    v.grade_basis = e.grade.basis;
    evidence_ref(rep, ri, (size_t)-1, &v.evidence_refs);
    findings(rep, index, &v.findings);
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_soa_evidence_ref(const char **out_ref, const aigov_report *rep, size_t index, size_t k)
{
    int32_t ri = control_rule(rep, index);
    size_t n;
    if (ri < 0 || !(*out_ref = evidence_ref(rep, ri, k, &n)))
        return AIGOV_ENOTFOUND;
    return 0;
}

int ag_report_soa_finding(const char **out_rule_id, int *out_status, const aigov_report *rep, size_t index,
                          size_t k)
{
    size_t n = 0;
    const int32_t *found = control_rule(rep, index) < 0 ? NULL : findings(rep, index, &n);
    if (k >= n)
        return AIGOV_ENOTFOUND;
    int32_t fi = found[k];
    *out_rule_id = rep->t->rules[fi].id;
    *out_status = rep->r->status[fi];
    return 0;
}
