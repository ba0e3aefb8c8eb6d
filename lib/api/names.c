/* Public entry points naming the values of the API's enumerations. The value is checked here
 * (out of range: "?"); report/ and table/ hold the names, which the reports print too. */
#include "report/names.h"
#include "report/reasons.h"
#include "report/soa_grade.h"
#include "table/table.h"

const char *aigov_tier_name(int tier) { return tier >= 0 && tier < AIGOV_TIER_COUNT ? ag_tier_name(tier) : "?"; }
const char *aigov_gpai_name(int gpai) { return gpai >= 0 && gpai < AIGOV_GPAI_COUNT ? ag_gpai_name(gpai) : "?"; }

const char *aigov_status_name(int status)
{
    return status >= 0 && status < AIGOV_STATUS_COUNT ? ag_status_name(status) : "?";
}

const char *aigov_role_name(int role) { return role >= 0 && role < AIGOV_ROLE_COUNT ? ag_role_names[role] : "?"; }

const char *aigov_truth_name(int truth)
{
    return truth >= 0 && truth < AIGOV_TRUTH_COUNT ? ag_kleene_name((uint8_t)truth) : "?";
}

const char *aigov_coverage_name(int coverage)
{
    return coverage >= 0 && coverage < AIGOV_COVERAGE_COUNT ? ag_coverage_name(coverage) : "?";
}

const char *aigov_grade_name(int grade) { return grade >= 0 && grade < AIGOV_GRADE_COUNT ? ag_grade_name(grade) : "?"; }

const char *aigov_condition_kind_name(int kind)
{
    return kind >= 0 && kind < AIGOV_CONDITION_KIND_COUNT ? ag_condition_kind_name(kind) : "?";
}

const char *aigov_part_name(int part) { return part >= 0 && part < AIGOV_PART_COUNT ? ag_part_name(part) : "?"; }

const char *aigov_fact_type_name(int type)
{
    return type >= AIGOV_FACT_BOOL && type <= AIGOV_FACT_EVIDENCE ? ag_fact_type_name(type) : "?";
}

const char *aigov_question_rank_name(int rank)
{
    return rank >= AIGOV_RANK_TIER && rank <= AIGOV_RANK_DUTY ? ag_question_rank_name(rank) : "?";
}
