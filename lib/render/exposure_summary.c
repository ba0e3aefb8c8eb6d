/* See exposure_summary.h. The caps are the evaluation's (ag_penalty_cap);
 * this only picks the highest. */
#include "render/exposure_summary.h"

void ag_exposure_summary(ag_exposure *out, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    out->gaps_with_penalty = 0;
    out->rule = -1;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        if (!ag_rule_shown(rep, ri) || (rep->framework >= 0 && t->rules[ri].framework != rep->framework) ||
            r->status[ri] != AIGOV_STATUS_GAP || !ag_in_force(r, ri))
            continue;
        ag_cap cap;
        ag_penalty_cap(&cap, t, rep->f, ri, r->as_of);
        if (!cap.tier)
            continue;
        out->gaps_with_penalty++;
        if (cap.cap_known && (out->rule < 0 || !out->cap.cap_known || cap.cap_eur > out->cap.cap_eur)) {
            out->rule = ri;
            out->cap = cap;
        } else if (out->rule < 0) {
            out->rule = ri;
            out->cap = cap;
        }
    }
}
