/* Public entry points on a report's Statement of Applicability (ISO/IEC 42001 6.1.3): the
 * section's counts and each control's entry. Arguments are checked here;
 * report/access_soa.c reads the report. */
#include "report/access.h"

int aigov_report_soa(aigov_soa *out, const aigov_report *rep)
{
    if (!AG_SIZED(out, aigov_soa) || !rep)
        return AIGOV_EINVAL;
    return ag_report_soa(out, rep);
}

int aigov_report_soa_control(aigov_soa_control *out, const aigov_report *rep, size_t index)
{
    if (!AG_SIZED(out, aigov_soa_control) || !rep)
        return AIGOV_EINVAL;
    return ag_report_soa_control(out, rep, index);
}

int aigov_report_soa_evidence_ref(const char **out_ref, const aigov_report *rep, size_t index, size_t k)
{
    if (!out_ref)
        return AIGOV_EINVAL;
    *out_ref = NULL;
    if (!rep)
        return AIGOV_EINVAL;
    return ag_report_soa_evidence_ref(out_ref, rep, index, k);
}

int aigov_report_soa_finding(const char **out_rule_id, int *out_status, const aigov_report *rep, size_t index,
                             size_t k)
{
    if (!out_rule_id || !out_status)
        return AIGOV_EINVAL;
    *out_rule_id = NULL;
    *out_status = AIGOV_STATUS_UNKNOWN;
    if (!rep)
        return AIGOV_EINVAL;
    return ag_report_soa_finding(out_rule_id, out_status, rep, index, k);
}
