/* Results an organisation keeps per AI system (ISO/IEC 42001 8.2-8.4: the risk assessment,
 * risk treatment and impact assessment results of each system in the AIMS scope). In a
 * portfolio, the organisation's row of such a rule combines the systems' rows: met only when
 * every in-scope system's is met, a gap when one is a gap, unknown otherwise. */
#ifndef AIGOV_REPORT_PER_SYSTEM_H
#define AIGOV_REPORT_PER_SYSTEM_H
#include "eval/result.h"

#define AG_PS_OUT_OF_SCOPE 4 /* a system's entry: its in-scope condition is false */

typedef struct ag_per_system {
    int32_t *rules;      /* the table's rules with `per_system`, in table order */
    uint32_t n_rules;
    uint8_t *status;     /* n_systems x n_rules: aigov_obligation_status or AG_PS_OUT_OF_SCOPE */
    size_t cap;          /* entries allocated in status */
    uint32_t n_systems;  /* systems recorded since the last reset */
} ag_per_system;

/* Finds the table's per-system rules. Returns 0 or AIGOV_ENOMEM. */
int ag_per_system_init(ag_per_system *ps, const aigov_table *t, const ag_mem *mem);
void ag_per_system_free(ag_per_system *ps, const ag_mem *mem);
static inline void ag_per_system_reset(ag_per_system *ps) { ps->n_systems = 0; }
/* Records one system's evaluation (r over that system's facts). Returns 0 or AIGOV_ENOMEM. */
int ag_per_system_add(ag_per_system *ps, const aigov_table *t, const ag_facts *f, ag_result *r,
                      const ag_mem *mem);
/* After the organisation's evaluation: each per-system rule that applies takes the combined
 * result of the in-scope systems recorded (none in scope: the organisation's own stays). */
void ag_per_system_apply(const ag_per_system *ps, ag_result *r);
/* The entry of system s for rule ri, or -1 when ri is not a per-system rule. */
int ag_per_system_entry(const ag_per_system *ps, int32_t ri, uint32_t s);
#endif
