/* Derived answers over an evaluation: the penalty cap a breach of a rule
 * would expose the operator to, and how far an ISO/IEC 42001 management
 * system already covers an AI Act obligation. */
#ifndef AIGOV_EVAL_EXPOSURE_H
#define AIGOV_EVAL_EXPOSURE_H
#include "eval/result.h"

typedef struct ag_cap {
    const ag_penalty *tier; /* NULL when the rule names none */
    int cap_known;          /* cap_eur is a number */
    double cap_eur;
    char basis[240];        /* how the cap is made up, in words */
} ag_cap;

/* The cap of penalty tier `tier` (an index in t->penalties, or -1 for none) for these facts at
 * as_of: a cap depends on the tier, the descriptor and as_of, not on the rule naming it, so the
 * report stage builds it once per tier and evaluation (report/exposure_summary.h). */
void ag_penalty_tier_cap(ag_cap *out, const aigov_table *t, const ag_facts *f, int32_t tier, int32_t as_of);

/* How far ISO/IEC 42001 evidence supports an AI Act obligation: never "covered" (an ISO
 * control supplies evidence toward a legal duty, it never discharges it). Supported: every
 * linked ISO rule that applies is met; partly: some are; not: none (or none applies). */
enum ag_coverage { AG_COV_NONE = -1, AG_COV_SUPPORTED = 0, AG_COV_PARTLY, AG_COV_NOT_SUPPORTED };

/* Support of obligation `rule` by its crosswalked ISO rules; *met receives how many of
 * them are met. Linked rules that do not apply (no AIMS, an excluded control) neither
 * support nor are still needed. AG_COV_NONE when the rule has no crosswalk. */
int ag_crosswalk_coverage(const aigov_table *t, const ag_result *r, int32_t rule, int32_t *met);
#endif
