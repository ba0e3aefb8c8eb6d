/* The names of the report's enumerations, as the reports and the public API give them. The
 * value must be in range: api/names.c checks a caller's (an unknown one is "?"); the
 * renderers pass the report's own. */
#ifndef AIGOV_REPORT_NAMES_H
#define AIGOV_REPORT_NAMES_H

/* report.c */
const char *ag_tier_name(int tier);     /* aigov_tier */
const char *ag_gpai_name(int gpai);     /* aigov_gpai */
const char *ag_status_name(int status); /* aigov_status */
/* questions.c */
const char *ag_fact_type_name(int type);     /* aigov_fact_type */
const char *ag_question_rank_name(int rank); /* aigov_question_rank */
/* access_report.c */
const char *ag_coverage_name(int coverage);   /* aigov_coverage */
const char *ag_condition_kind_name(int kind); /* aigov_condition_kind */
const char *ag_part_name(int part);           /* aigov_part */
#endif
