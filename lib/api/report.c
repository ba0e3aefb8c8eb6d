/* Public entry points on a report as a whole: tier, overview, summary, verdict, questions,
 * classification reasons, frameworks and readiness, next actions and penalty exposure.
 * Arguments are checked here (a result struct sized for at least its first version, no NULL
 * handle); report/ reads the report. */
#include <stddef.h>
#include "report/access.h"

/* The first published version of aigov_question_info ends with affected_in_force (as in
 * report/questions.c): a caller's struct must hold at least that much. */
#define QUESTION_INFO_V1_SIZE (offsetof(aigov_question_info, affected_in_force) + sizeof(size_t))

int aigov_report_tier(const aigov_report *rep) { return rep ? rep->r->tier : AIGOV_TIER_UNDETERMINED; }
int aigov_report_gpai(const aigov_report *rep) { return rep ? rep->r->gpai : AIGOV_GPAI_UNDETERMINED; }
size_t aigov_report_obligation_count(const aigov_report *rep) { return rep ? rep->n_shown : 0; }

int aigov_report_summary(aigov_summary *out, const aigov_report *rep)
{
    if (!out || !rep)
        return AIGOV_EINVAL;
    return ag_report_summary(out, rep);
}

int aigov_report_verdict(aigov_verdict *out, const aigov_report *rep, int fail_on)
{
    if (!out)
        return AIGOV_EINVAL;
    if (!rep || !ag_fail_on_valid(fail_on)) {
        ag_verdict_init(out, NULL);
        out->failing = 1; /* fails closed */
        return AIGOV_EINVAL;
    }
    return ag_report_verdict(out, rep, fail_on);
}

size_t aigov_report_question_count(const aigov_report *rep)
{
    return rep ? ag_report_questions(rep)->n_questions : 0;
}

int aigov_report_question(aigov_question *out, const aigov_report *rep, size_t index)
{
    if (!out || !rep)
        return AIGOV_EINVAL;
    return ag_report_question(out, rep, index);
}

int aigov_report_question_info(aigov_question_info *out, const aigov_report *rep, size_t index)
{
    if (!out || !rep || out->size < QUESTION_INFO_V1_SIZE)
        return AIGOV_EINVAL;
    return ag_report_question_info(out, rep, index);
}

int aigov_report_question_rule(const char **out_rule_id, const aigov_report *rep, size_t index,
                               size_t k)
{
    if (!out_rule_id || !rep)
        return AIGOV_EINVAL;
    *out_rule_id = NULL;
    return ag_report_question_rule(out_rule_id, rep, index, k);
}

int aigov_report_overview(aigov_overview *out, const aigov_report *rep)
{
    if (!AG_SIZED(out, aigov_overview) || !rep)
        return AIGOV_EINVAL;
    return ag_report_overview(out, rep);
}

int aigov_report_classification_reason(aigov_class_reason *out, const aigov_report *rep, size_t index)
{
    if (!AG_SIZED(out, aigov_class_reason) || !rep)
        return AIGOV_EINVAL;
    return ag_report_classification_reason(out, rep, index);
}

int aigov_report_framework_summary(aigov_framework_summary *out, const aigov_report *rep, size_t framework)
{
    if (!AG_SIZED(out, aigov_framework_summary) || !rep)
        return AIGOV_EINVAL;
    return ag_report_framework_summary(out, rep, framework);
}

int aigov_report_readiness(aigov_readiness *out, const aigov_report *rep, size_t framework)
{
    if (!AG_SIZED(out, aigov_readiness) || !rep)
        return AIGOV_EINVAL;
    return ag_report_readiness(out, rep, framework);
}

int aigov_report_readiness_upcoming(aigov_upcoming *out, const aigov_report *rep, size_t framework, size_t k)
{
    if (!AG_SIZED(out, aigov_upcoming) || !rep)
        return AIGOV_EINVAL;
    return ag_report_readiness_upcoming(out, rep, framework, k);
}

int aigov_report_next_action(aigov_action *out, const aigov_report *rep, size_t index)
{
    if (!AG_SIZED(out, aigov_action) || !rep)
        return AIGOV_EINVAL;
    return ag_report_next_action(out, rep, index);
}

int aigov_report_next_action_rule(const char **out_rule_id, const aigov_report *rep, size_t index, size_t k)
{
    if (!out_rule_id)
        return AIGOV_EINVAL;
    *out_rule_id = NULL;
    if (!rep)
        return AIGOV_EINVAL;
    return ag_report_next_action_rule(out_rule_id, rep, index, k);
}

int aigov_report_exposure(aigov_exposure *out, const aigov_report *rep)
{
    if (!AG_SIZED(out, aigov_exposure) || !AG_SIZED(&out->penalty, aigov_penalty) || !rep)
        return AIGOV_EINVAL;
    return ag_report_exposure(out, rep);
}
