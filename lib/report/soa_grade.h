/* An Annex A control graded as an auditor grades it (ISO/IEC 17021-1 practice for
 * certification audits), apart from its implementation status: a major nonconformity (a
 * control found necessary whose evidence is planned or absent, or left out although required), a minor one
 * (implemented in part, or an SoA entry without its justification), an observation (a review
 * overdue), an opportunity for improvement (no owner or review date recorded), conforming,
 * or not graded (the SoA or the evidence does not say enough yet). */
#ifndef AIGOV_REPORT_SOA_GRADE_H
#define AIGOV_REPORT_SOA_GRADE_H
#include "report/report.h"

enum ag_grade {
    AG_GRADE_MAJOR_NC = 0,
    AG_GRADE_MINOR_NC,
    AG_GRADE_OBSERVATION,
    AG_GRADE_OFI,
    AG_GRADE_CONFORMING,
    AG_GRADE_NOT_GRADED,
    AG_GRADE_NOT_APPLICABLE, /* outside the AI management system */
    AG_GRADE_COUNT
};

typedef struct ag_soa_grade {
    int grade;         /* enum ag_grade */
    const char *basis; /* why, in a few words (static text) */
    int32_t evidence;  /* the evidence item the basis names, or -1 */
} ag_soa_grade;

/* "major_nonconformity", "minor_nonconformity", "observation", "opportunity_for_improvement",
 * "conforming", "not_graded", "not_applicable". */
const char *ag_grade_name(int grade);
/* Grades the control of rule ri (a rule with `soa`), from the evaluation only. */
void ag_soa_grade_of(ag_soa_grade *out, const aigov_report *rep, int32_t ri);
/* Whether finding fi checks its control's justification (reads the justification fact). */
int ag_soa_checks_justification(const aigov_table *t, int32_t fi);
#endif
