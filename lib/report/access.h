/* Shared by the report's public accessors (access_*.c): the size-versioned result structs.
 * Every such struct starts with `size_t size`, set by the caller; its first version is the
 * layout in aigov.h today, so a smaller size is an error and a larger one (a newer header)
 * gets the fields this library knows, the rest left as they were. */
#ifndef AIGOV_REPORT_ACCESS_H
#define AIGOV_REPORT_ACCESS_H
#include <string.h>
#include "report/report.h"

/* Whether the caller's struct is at least the first version of `type`. */
#define AG_SIZED(out, type) ((out) != NULL && (out)->size >= sizeof(type))

/* Copies a filled struct (full_size bytes) into the caller's, keeping the caller's size and
 * writing no more than it allows. */
static inline void ag_fill(void *out, const void *full, size_t full_size)
{
    size_t want;
    memcpy(&want, out, sizeof want);
    size_t n = want < full_size ? want : full_size;
    memcpy((char *)out + sizeof(size_t), (const char *)full + sizeof(size_t), n - sizeof(size_t));
}

/* Clears the caller's struct (but its size) before reporting AIGOV_ENOTFOUND: a caller that
 * ignores the status reads empty fields, never the previous row's. */
static inline int ag_not_found(void *out, size_t full_size)
{
    size_t want;
    memcpy(&want, out, sizeof want);
    size_t n = want < full_size ? want : full_size;
    memset((char *)out + sizeof(size_t), 0, n - sizeof(size_t));
    return AIGOV_ENOTFOUND;
}
/* The report's accessors behind api/ (api/report.c, api/obligation.c, api/soa.c): the caller
 * checked the arguments (out sized for the first version of its struct, rep and the other
 * pointers not NULL, string out-params set to NULL); indices past the end are the accessors'
 * own (AIGOV_ENOTFOUND, the struct cleared). */
/* report.c */
int ag_report_summary(aigov_summary *out, const aigov_report *rep);
int ag_report_question(aigov_question *out, const aigov_report *rep, size_t index);
/* fail_on is valid (ag_fail_on_valid) */
int ag_report_verdict(aigov_verdict *out, const aigov_report *rep, int fail_on);
/* questions.c: out->size at least the first version of aigov_question_info */
int ag_report_question_info(aigov_question_info *out, const aigov_report *rep, size_t index);
int ag_report_question_rule(const char **out_rule_id, const aigov_report *rep, size_t index, size_t k);
/* The questions with, per question fact fi, the row r->q_rule_bits + fi * r->q_rule_words:
 * one bit per position in t->reported of the rules answering fi could change (built on
 * first use after an evaluation, in the context's scratch; no allocation). */
const ag_result *ag_report_question_rules(const aigov_report *rep);
/* access_report.c */
int ag_report_overview(aigov_overview *out, const aigov_report *rep);
int ag_report_classification_reason(aigov_class_reason *out, const aigov_report *rep, size_t index);
int ag_report_framework_summary(aigov_framework_summary *out, const aigov_report *rep, size_t framework);
int ag_report_readiness(aigov_readiness *out, const aigov_report *rep, size_t framework);
int ag_report_readiness_upcoming(aigov_upcoming *out, const aigov_report *rep, size_t framework, size_t k);
int ag_report_next_action(aigov_action *out, const aigov_report *rep, size_t index);
int ag_report_next_action_rule(const char **out_rule_id, const aigov_report *rep, size_t index, size_t k);
int ag_report_exposure(aigov_exposure *out, const aigov_report *rep);
/* access_obligation.c */
int ag_report_obligation(aigov_obligation *out, const aigov_report *rep, size_t index);
int ag_report_obligation_reason(aigov_condition *out, const aigov_report *rep, size_t index, size_t k);
int ag_report_fact_value(aigov_fact_value *out, const aigov_report *rep, const char *fact);
int ag_report_obligation_evidence(aigov_evidence_state *out, const aigov_report *rep, size_t index, size_t k);
int ag_report_obligation_penalty(aigov_penalty *out, const aigov_report *rep, size_t index);
int ag_report_obligation_link(aigov_crosswalk_link *out, const aigov_report *rep, size_t index, size_t k);
int ag_report_obligation_system(aigov_system_result *out, const aigov_report *rep, size_t index, size_t system);
/* access_soa.c */
int ag_report_soa(aigov_soa *out, const aigov_report *rep);
int ag_report_soa_control(aigov_soa_control *out, const aigov_report *rep, size_t index);
int ag_report_soa_evidence_ref(const char **out_ref, const aigov_report *rep, size_t index, size_t k);
int ag_report_soa_finding(const char **out_rule_id, int *out_status, const aigov_report *rep, size_t index, size_t k);

/* Reported rule ri's penalty tier cap into *out (AIGOV_ENOTFOUND when it names none or does
 * not apply); access_report.c. */
int ag_access_penalty(aigov_penalty *out, const aigov_report *rep, int32_t ri);
#endif
