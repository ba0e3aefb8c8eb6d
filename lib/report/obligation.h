/* What a reported rule's row says beyond its status, worked out once by the report stage for
 * every front end: the state of its evidence items and what its crosswalk still needs. */
#ifndef AIGOV_REPORT_OBLIGATION_H
#define AIGOV_REPORT_OBLIGATION_H
#include "report/report.h"

/* Evidence item ei as the report shows it: the value that decides it (its own, or that of
 * the AI Act item implying it), via (that item, or -1) and the fact whose value names the
 * state. */
typedef struct ag_ev_state {
    const ag_value *v;
    int32_t via;
    int32_t state_fact;
} ag_ev_state;

void ag_evidence_state(ag_ev_state *out, const aigov_report *rep, int32_t ei);
/* The state's name: "implemented", "partial", "planned", "absent", or "unknown". */
const char *ag_evidence_state_name(const aigov_report *rep, const ag_ev_state *s);
/* Its reference, or NULL. */
static inline const char *ag_evidence_ref(const aigov_report *rep, const ag_ev_state *s)
{
    return s->v->known && s->v->str_len ? ag_facts_str(rep->f, s->v) : NULL;
}

/* Whether crosswalked ISO rule x is still needed by a duty it supports: assessed, and
 * neither met nor not applicable (no AIMS, an excluded control). */
static inline int ag_crosswalk_still_needed(const aigov_report *rep, int32_t x)
{
    uint8_t st = rep->r->status[x];
    return st != AIGOV_STATUS_MET && st != AIGOV_STATUS_NOT_APPLICABLE &&
           rep->r->fw_assessed[rep->t->rules[x].framework];
}
#endif
