/* Why a rule came out as it did: the deciding leaves of its condition, worked out by the
 * report stage for every front end (the JSON report's "reasons", OSCAL's remarks, the
 * accessors aigov_report_obligation_reason). Renderers only write them out. */
#ifndef AIGOV_REPORT_REASONS_H
#define AIGOV_REPORT_REASONS_H
#include "report/report.h"
#include "table/describe.h" /* ag_describe_test */

/* Leaves per walk of a condition: a report shows at most this many reasons of one walk. */
#define AG_MAX_REASONS 24
/* Keys an obligation's reasons can take: an SoA control walks its scope and its typical
 * applicability (AG_MAX_REASONS each) around its decision. */
#define AG_REASON_KEYS (2 * AG_MAX_REASONS + 1)

/* A deciding part of a condition. */
typedef void (*ag_leaf_fn)(void *ud, int32_t expr);
/* Calls fn for each leaf that decided expression ei, at most `max` of them. */
void ag_reasons(const aigov_table *t, const ag_result *r, int32_t ei, ag_leaf_fn fn, void *ud,
                int max);
/* The reasons of reported rule ri, in the order the JSON report lists them, into keys
 * (AG_REASON_KEYS slots); returns how many. A key below t->n_exprs is a leaf expression;
 * n_exprs + f is the Statement of Applicability decision of fact f (an Annex A control). */
int ag_obligation_reasons(const aigov_report *rep, int32_t ri, int32_t *keys);
/* The decision of an SoA entry as a condition: whether the control is included (AG_U when
 * not recorded). */
uint8_t ag_soa_decision_result(const aigov_report *rep, int32_t fact);
/* "true" / "false" / "unknown". */
const char *ag_kleene_name(uint8_t v);

/* A classifying rule the classification's reasons list: it holds or may hold (a prohibition
 * only once in force). */
static inline int ag_class_reason_shown(const aigov_report *rep, int32_t ri)
{
    const ag_rule *ru = &rep->t->rules[ri];
    if (ru->classifies < 0 || rep->r->rule_val[ri] == AG_F)
        return 0;
    return ru->kind != AG_K_PROHIBITION || ag_in_force(rep->r, ri);
}
#endif
