/* See obligation.h. */
#include "report/obligation.h"

void ag_evidence_state(ag_ev_state *out, const aigov_report *rep, int32_t ei)
{
    const aigov_table *t = rep->t;
    const ag_evidence *ev = &t->evidence[ei];
    out->v = ag_evidence_value(t, rep->f, ei);
    out->via = out->v != &rep->f->vals[ev->fact] ? ev->implied_by : -1;
    out->state_fact = out->via >= 0 ? t->evidence[out->via].fact : ev->fact;
}

const char *ag_evidence_state_name(const aigov_report *rep, const ag_ev_state *s)
{
    if (!s->v->known)
        return "unknown";
    const ag_fact *fa = &rep->t->facts[s->state_fact];
    uint64_t m = rep->f->vals[s->state_fact].v.mask;
    /* a known evidence fact holds exactly one state, as the bit 1 << state index */
    return m ? fa->values[__builtin_ctzll(m)] : "unknown";
}
