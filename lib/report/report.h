/* A report: a read-only view over one evaluation's facts and results. */
#ifndef AIGOV_REPORT_H
#define AIGOV_REPORT_H
#include "eval/result.h"

struct aigov_report {
    const aigov_table *t;
    const ag_facts *f;
    const ag_result *r;
    const ag_mem *mem; /* for rendered buffers */
    size_t *render_hint; /* size of the last rendering: one allocation of the right size next time */
};

/* The report's questions, computed on first use. A report belongs to one
 * context, used by one thread at a time, so this lazy step needs no lock. */
static inline const ag_result *ag_report_questions(const aigov_report *rep)
{
    ag_questions((ag_result *)rep->r, rep->t, rep->f);
    return rep->r;
}

static inline int ag_in_force(const ag_result *r, int32_t rule)
{
    return r->as_of >= r->rule_date[rule];
}
#endif
