/* A report: a read-only view over one evaluation's facts and results. */
#ifndef AIGOV_REPORT_H
#define AIGOV_REPORT_H
#include "eval/result.h"

struct aigov_report {
    const aigov_table *t;
    const ag_facts *f;
    const ag_result *r;
    const ag_mem *mem; /* for rendered buffers */
};

static inline int ag_in_force(const ag_result *r, int32_t rule)
{
    return r->as_of >= r->rule_date[rule];
}
#endif
