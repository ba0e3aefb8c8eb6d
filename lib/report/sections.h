/* Which section of a report a listed rule belongs to, decided once by the report stage for
 * every human-readable rendering (text, markdown, HTML): the obligation list, the ISO/IEC
 * 42001 clauses block or the Statement of Applicability. */
#ifndef AIGOV_REPORT_SECTIONS_H
#define AIGOV_REPORT_SECTIONS_H
#include "report/report.h"

/* Whether a row belongs to the Statement of Applicability section instead of the obligation
 * list (an Annex A control or a check of an SoA entry, in a report that shows that section):
 * the controls are listed once, in the SoA, not repeated as obligation rows. */
static inline int ag_row_in_soa(const aigov_report *rep, int32_t ri)
{
    const ag_rule *ru = &rep->t->rules[ri];
    return rep->part == AG_PART_ALL && (ru->soa_decision >= 0 || ru->soa_of >= 0) &&
           rep->r->fw_assessed[ru->framework];
}
/* Whether a row belongs to the ISO/IEC 42001 clauses block (clauses 4-10 as one block, the
 * Statement of Applicability as the next): a reported rule of the standard, not an Annex A
 * control or SoA check, in a report of one system where the standard is assessed. */
static inline int ag_row_in_aims_block(const aigov_report *rep, int32_t ri)
{
    const ag_rule *ru = &rep->t->rules[ri];
    return rep->part == AG_PART_ALL && ru->soa_decision < 0 && ru->soa_of < 0 &&
           rep->r->fw_assessed[ru->framework] && ag_is_standard(rep, ru->framework);
}
#endif
