/* Grading an Annex A control as an auditor does (see soa_grade.h). The order is the
 * auditor's: the most serious known problem decides; an overdue review is noted even
 * while the evidence is not stated; what is not known yet is not graded. */
#include "report/soa_grade.h"

const char *ag_grade_name(int grade)
{
    static const char *const names[AG_GRADE_COUNT] = {
        "major_nonconformity", "minor_nonconformity", "observation",   "opportunity_for_improvement",
        "conforming",          "not_graded",          "not_applicable"};
    return grade >= 0 && grade < AG_GRADE_COUNT ? names[grade] : "?";
}

int ag_soa_checks_justification(const aigov_table *t, int32_t fi)
{
    const ag_rule *fr = &t->rules[fi];
    if (fr->soa_of < 0)
        return 0;
    int32_t jf = t->rules[fr->soa_of].soa_justification;
    for (uint32_t e = fr->expr_first; e < fr->expr_first + fr->expr_n; e++) {
        const ag_expr *x = &t->exprs[e];
        if ((x->op == AG_OP_KNOWN || x->op == AG_OP_UNKNOWN) && x->a == jf)
            return 1;
    }
    return 0;
}

static void set(ag_soa_grade *g, int grade, const char *basis, int32_t ev)
{
    g->grade = grade;
    g->basis = basis;
    g->evidence = ev;
}

void ag_soa_grade_of(ag_soa_grade *g, const aigov_report *rep, int32_t ri)
{
    const aigov_table *t = rep->t;
    const ag_facts *f = rep->f;
    const ag_result *r = rep->r;
    const ag_rule *ru = &t->rules[ri];
    set(g, AG_GRADE_NOT_GRADED, "decision not recorded in the Statement of Applicability", -1);
    if (ru->within >= 0 && ag_expr_value(r, t, ru->within) == AG_F) {
        set(g, AG_GRADE_NOT_APPLICABLE, "no AI management system in scope", -1);
        return;
    }
    const ag_value *dv = &f->vals[ru->soa_decision];
    if (!dv->known)
        return;
    int included = strcmp(t->facts[ru->soa_decision].values[__builtin_ctzll(dv->v.mask)], "included") == 0;
    /* the SoA checks of this entry: a required control left out, the justification missing */
    int unjustified = 0, finding_unknown = 0;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t fi = t->reported[k];
        if (t->rules[fi].soa_of != ri)
            continue;
        uint8_t st = r->status[fi];
        int just = ag_soa_checks_justification(t, fi);
        if (st == AIGOV_STATUS_GAP && !just) {
            set(g, AG_GRADE_MAJOR_NC, "excluded although the AI Act requires it for this system", -1);
            return;
        }
        unjustified |= st == AIGOV_STATUS_GAP && just;
        finding_unknown |= st == AIGOV_STATUS_UNKNOWN;
    }
    /* an included control: its evidence, worst state first */
    int32_t partial = -1, missing_ev = -1, unstated = 0;
    if (included)
        for (uint32_t k = 0; k < ru->ev_n; k++) {
            int32_t e = t->rule_evidence[ru->ev_first + k];
            const ag_value *v = ag_evidence_value(t, f, e);
            if (!v->known)
                unstated = 1;
            else if (v->v.mask & ((1u << AG_EV_PLANNED) | (1u << AG_EV_ABSENT)))
                missing_ev = missing_ev < 0 ? e : missing_ev;
            else if (v->v.mask & (1u << AG_EV_PARTIAL))
                partial = partial < 0 ? e : partial;
        }
    if (missing_ev >= 0) {
        set(g, AG_GRADE_MAJOR_NC, "included, but its evidence is planned or absent", missing_ev);
        return;
    }
    if (partial >= 0) {
        set(g, AG_GRADE_MINOR_NC, "included and implemented in part (evidence partial)", partial);
        return;
    }
    if (unjustified) {
        set(g, AG_GRADE_MINOR_NC, "no justification recorded for the decision (6.1.3 d)", -1);
        return;
    }
    const ag_value *rv = ru->soa_review >= 0 ? &f->vals[ru->soa_review] : NULL;
    if (rv && rv->known && rv->v.date < r->as_of) {
        set(g, AG_GRADE_OBSERVATION, "review date passed", -1);
        return;
    }
    if (unstated || finding_unknown) {
        set(g, AG_GRADE_NOT_GRADED, unstated ? "implementation evidence not stated" : "an SoA check is still open",
            -1);
        return;
    }
    const ag_value *ov = ru->soa_owner >= 0 ? &f->vals[ru->soa_owner] : NULL;
    if (included && ru->soa_owner >= 0 && !ov->known) {
        set(g, AG_GRADE_OFI, "no owner recorded", -1);
        return;
    }
    if (included && rv && !rv->known) {
        set(g, AG_GRADE_OFI, "no review date recorded", -1);
        return;
    }
    set(g, AG_GRADE_CONFORMING, included ? "included and implemented" : "excluded with a justification", -1);
}
