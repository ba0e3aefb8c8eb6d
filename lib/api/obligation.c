/* Public entry points on a report's obligations (the reported rules): each row, its reasons,
 * evidence, penalty, crosswalk links and per-system results, and the facts the reasons read.
 * Arguments are checked here; report/access_obligation.c reads the report. */
#include "report/access.h"

int aigov_report_obligation(aigov_obligation *out, const aigov_report *rep, size_t index)
{
    if (!AG_SIZED(out, aigov_obligation) || !rep)
        return AIGOV_EINVAL;
    return ag_report_obligation(out, rep, index);
}

int aigov_report_obligation_reason(aigov_condition *out, const aigov_report *rep, size_t index, size_t k)
{
    if (!AG_SIZED(out, aigov_condition) || !rep)
        return AIGOV_EINVAL;
    return ag_report_obligation_reason(out, rep, index, k);
}

int aigov_report_fact_value(aigov_fact_value *out, const aigov_report *rep, const char *fact)
{
    if (!AG_SIZED(out, aigov_fact_value) || !rep || !fact)
        return AIGOV_EINVAL;
    return ag_report_fact_value(out, rep, fact);
}

int aigov_report_obligation_evidence(aigov_evidence_state *out, const aigov_report *rep, size_t index, size_t k)
{
    if (!AG_SIZED(out, aigov_evidence_state) || !rep)
        return AIGOV_EINVAL;
    return ag_report_obligation_evidence(out, rep, index, k);
}

int aigov_report_obligation_penalty(aigov_penalty *out, const aigov_report *rep, size_t index)
{
    if (!AG_SIZED(out, aigov_penalty) || !rep)
        return AIGOV_EINVAL;
    return ag_report_obligation_penalty(out, rep, index);
}

int aigov_report_obligation_link(aigov_crosswalk_link *out, const aigov_report *rep, size_t index, size_t k)
{
    if (!AG_SIZED(out, aigov_crosswalk_link) || !rep)
        return AIGOV_EINVAL;
    return ag_report_obligation_link(out, rep, index, k);
}

int aigov_report_obligation_system(aigov_system_result *out, const aigov_report *rep, size_t index,
                                   size_t system)
{
    if (!AG_SIZED(out, aigov_system_result) || !rep)
        return AIGOV_EINVAL;
    return ag_report_obligation_system(out, rep, index, system);
}
