/* See exposure_summary.h. The caps are the evaluation's (ag_penalty_tier_cap); this keeps
 * them per report and picks the highest. */
#include "report/exposure_summary.h"

const ag_cap *ag_report_tier_cap(const aigov_report *rep, int32_t p)
{
    static const ag_cap none = {0};
    if (p < 0) /* a rule without a penalty tier (caps are the context's, never NULL) */
        return &none;
    /* a report belongs to one context, used by one thread at a time: this lazy step needs no lock */
    if (!rep->caps_done[p]) {
        ag_penalty_tier_cap(&rep->caps[p], rep->t, rep->f, p, rep->r->as_of);
        rep->caps_done[p] = 1;
    }
    return &rep->caps[p];
}

const ag_cap *ag_report_cap(const aigov_report *rep, int32_t ri)
{
    return ag_report_tier_cap(rep, rep->t->rules[ri].penalty);
}

void ag_exposure_summary(ag_exposure *out, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    out->gaps_with_penalty = 0;
    out->rule = -1;
    out->cap = NULL;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        if (!ag_rule_shown(rep, ri) || (rep->framework >= 0 && t->rules[ri].framework != rep->framework) ||
            r->status[ri] != AIGOV_STATUS_GAP || !ag_in_force(r, ri))
            continue;
        const ag_cap *cap = ag_report_cap(rep, ri);
        if (!cap->tier)
            continue;
        out->gaps_with_penalty++;
        if (cap->cap_known && (out->rule < 0 || !out->cap->cap_known || cap->cap_eur > out->cap->cap_eur)) {
            out->rule = ri;
            out->cap = cap;
        } else if (out->rule < 0) {
            out->rule = ri;
            out->cap = cap;
        }
    }
}
