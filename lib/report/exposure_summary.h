/* Penalty exposure (Arts. 99-101), worked out by the report stage: each penalty tier's cap
 * for this descriptor, its sentence built once per evaluation, and the summary the
 * human-readable reports give, the highest cap any gap in force exposes the operator to. */
#ifndef AIGOV_REPORT_EXPOSURE_SUMMARY_H
#define AIGOV_REPORT_EXPOSURE_SUMMARY_H
#include "eval/exposure.h"
#include "report/report.h"

/* The cap of penalty tier p (an index in t->penalties) for the report's facts and as_of:
 * computed on first use after an evaluation, then shared by every rendering and accessor. */
const ag_cap *ag_report_tier_cap(const aigov_report *rep, int32_t p);
/* The cap of rule ri's tier (tier NULL when the rule names none). */
const ag_cap *ag_report_cap(const aigov_report *rep, int32_t ri);

typedef struct ag_exposure {
    uint32_t gaps_with_penalty; /* gaps in force whose rule names a penalty tier */
    int32_t rule;               /* the rule with the highest known cap, or -1 */
    const ag_cap *cap;          /* its cap (NULL with rule -1) */
} ag_exposure;

/* Over the rules of the report's part and framework (not only the listed ones). */
void ag_exposure_summary(ag_exposure *out, const aigov_report *rep);
#endif
