/* Penalty exposure as the human-readable reports summarise it: the highest
 * cap any gap in force exposes the operator to (Arts. 99-101). */
#ifndef AIGOV_RENDER_EXPOSURE_SUMMARY_H
#define AIGOV_RENDER_EXPOSURE_SUMMARY_H
#include "eval/exposure.h"
#include "report/report.h"

typedef struct ag_exposure {
    uint32_t gaps_with_penalty; /* gaps in force whose rule names a penalty tier */
    int32_t rule;               /* the rule with the highest known cap, or -1 */
    ag_cap cap;                 /* its cap */
} ag_exposure;

/* Over the rules of the report's part and framework (not only the listed ones). */
void ag_exposure_summary(ag_exposure *out, const aigov_report *rep);
#endif
