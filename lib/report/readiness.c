/* Readiness per framework and the next actions: which evidence item, once
 * in place, would close the most open obligations (both frameworks). */
#include <string.h>
#include "report/readiness.h"
#include "util/date.h"

static int is_open(const ag_result *r, int32_t ri)
{
    return r->rule_val[ri] == AG_T &&
           (r->status[ri] == AIGOV_STATUS_GAP || r->status[ri] == AIGOV_STATUS_UNKNOWN);
}

/* Whether evidence item e is in place (implemented): it closes nothing more. */
static int in_place(const aigov_report *rep, uint32_t e)
{
    const ag_value *v = ag_evidence_value(rep->t, rep->f, (int32_t)e);
    return v->known && v->v.mask == (1u << AG_EV_IMPLEMENTED);
}

#define BLOCK 256 /* evidence items counted per pass over the rules (a stack array) */

/* How severe a penalty tier is, for ordering next actions (ag_action.severity). */
static double tier_severity(const ag_penalty *p)
{
    return p->national ? 1.0 : 2.0 + p->fixed_eur + p->turnover_percent;
}

/* The most severe penalty tier of rule ri if it is a legal duty (not the voluntary
 * standard) with a gap in force and a penalty, else 0. */
static double gap_severity(const aigov_report *rep, int32_t ri)
{
    const aigov_table *t = rep->t;
    const ag_rule *ru = &t->rules[ri];
    if (ru->penalty < 0 || rep->r->status[ri] != AIGOV_STATUS_GAP || !ag_in_force(rep->r, ri) ||
        ag_is_standard(rep, ru->framework))
        return 0;
    return tier_severity(&t->penalties[ru->penalty]);
}

/* Whether action a goes before b: the more severe penalty first, then more closed. */
static int before(const ag_action *a, const ag_action *b)
{
    return a->severity != b->severity ? a->severity > b->severity : a->closes > b->closes;
}

/* For each evidence item not yet implemented, how many open obligations list it and the
 * most severe penalty among the legal gaps in force it would close; items closing gaps
 * under the most severe penalty first, then those closing the most (ties in catalogue
 * order). One pass over the rules per 256 items, not one per item. */
size_t ag_next_actions(const aigov_report *rep, ag_action *out, size_t max)
{
    const aigov_table *t = rep->t;
    size_t n = 0;
    for (uint32_t base = 0; base < t->n_evidence; base += BLOCK) {
        uint32_t count[BLOCK] = {0};
        double severity[BLOCK] = {0};
        for (uint32_t k = 0; k < t->n_reported; k++) {
            int32_t ri = t->reported[k];
            const ag_rule *ru = &t->rules[ri];
            if (ru->kind != AG_K_OBLIGATION || !is_open(rep->r, ri) || !ag_rule_shown(rep, ri))
                continue;
            double sev = -1; /* worked out once per rule, when it lists an item of this block */
            for (uint32_t x = 0; x < ru->ev_n; x++) {
                uint32_t e = (uint32_t)t->rule_evidence[ru->ev_first + x];
                int again = 0; /* an item listed twice by one rule closes it once */
                for (uint32_t y = 0; y < x && !again; y++)
                    again = (uint32_t)t->rule_evidence[ru->ev_first + y] == e;
                if (e >= base && e - base < BLOCK && !again) {
                    count[e - base]++;
                    if (sev < 0)
                        sev = gap_severity(rep, ri);
                    if (sev > severity[e - base])
                        severity[e - base] = sev;
                }
            }
        }
        for (uint32_t i = 0; i < BLOCK && base + i < t->n_evidence; i++) {
            uint32_t e = base + i, c = count[i];
            if (!c || in_place(rep, e))
                continue;
            ag_action a = {(int32_t)e, c, severity[i]};
            size_t pos = n < max ? n : max;
            while (pos > 0 && before(&a, &out[pos - 1]))
                pos--;
            if (pos >= max)
                continue;
            size_t last = n < max ? n : max - 1;
            memmove(out + pos + 1, out + pos, (last - pos) * sizeof *out);
            out[pos] = a;
            if (n < max)
                n++;
        }
    }
    return n;
}

int ag_action_closes(const aigov_report *rep, const ag_action *a, int32_t ri)
{
    const aigov_table *t = rep->t;
    const ag_rule *ru = &t->rules[ri];
    if (ru->kind != AG_K_OBLIGATION || !is_open(rep->r, ri) || !ag_rule_shown(rep, ri))
        return 0;
    for (uint32_t x = 0; x < ru->ev_n; x++)
        if (t->rule_evidence[ru->ev_first + x] == a->evidence)
            return 1;
    return 0;
}

void ag_readiness(const aigov_report *rep, uint32_t fw, ag_readiness_t *out)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    memset(out, 0, sizeof *out);
    out->assessed = fw >= 16 || r->fw_assessed[fw];
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        out->has_controls |= t->rules[ri].framework == fw && t->rules[ri].soa_decision >= 0;
        if (t->rules[ri].framework != fw || r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE ||
            !ag_rule_shown(rep, ri))
            continue;
        const ag_rule *ru = &t->rules[ri];
        /* A finding checks something else (an SoA entry, an assumption): it is an open
         * issue to count, never a requirement met that raises the score. */
        if (ru->kind == AG_K_FINDING) {
            out->findings_open += r->status[ri] == AIGOV_STATUS_GAP;
            continue;
        }
        if (r->rule_val[ri] == AG_U) { /* applicability itself still open */
            out->undecided++;
            continue;
        }
        /* An Annex A control applies only when the SoA includes it (evaluate.c), so what
         * counts is the included controls implemented out of those included. */
        if (ru->soa_decision >= 0) {
            out->controls_included++;
            out->controls_implemented += r->status[ri] == AIGOV_STATUS_MET;
        } else {
            out->requirements++;
            out->requirements_met += r->status[ri] == AIGOV_STATUS_MET;
        }
        out->applicable++;
        out->met += r->status[ri] == AIGOV_STATUS_MET;
        if (ag_in_force(r, ri)) {
            out->in_force++;
        } else {
            size_t d = 0;
            while (d < out->n_upcoming && out->upcoming[d].date != r->rule_date[ri])
                d++;
            if (d == out->n_upcoming) {
                /* a new date: kept while there is room, else in place of the
                 * latest kept one when earlier, so the earliest dates are the
                 * ones listed (a date once passed over is later than every
                 * date kept from then on, so each kept date counts fully) */
                if (d < AG_MAX_UPCOMING) {
                    out->n_upcoming++;
                } else {
                    size_t latest = 0;
                    for (size_t j = 1; j < out->n_upcoming; j++)
                        if (out->upcoming[j].date > out->upcoming[latest].date)
                            latest = j;
                    if (r->rule_date[ri] < out->upcoming[latest].date)
                        d = latest;
                }
                if (d < out->n_upcoming) {
                    out->upcoming[d].date = r->rule_date[ri];
                    out->upcoming[d].count = 0;
                }
            }
            if (d < out->n_upcoming)
                out->upcoming[d].count++;
        }
    }
    /* dates in order */
    for (size_t a = 1; a < out->n_upcoming; a++)
        for (size_t b = a; b > 0 && out->upcoming[b - 1].date > out->upcoming[b].date; b--) {
            ag_upcoming tmp = out->upcoming[b];
            out->upcoming[b] = out->upcoming[b - 1];
            out->upcoming[b - 1] = tmp;
        }
    out->ready = out->applicable > 0 && out->met == out->applicable && out->undecided == 0 &&
                 out->findings_open == 0;
}
