/* The lookups a host's accessor calls make by position, built once per context from
 * the table: a binding that walks a report's Statement of Applicability control by
 * control (aigov_report_soa_control, _evidence_ref, _finding) pays an array read per
 * call, not a walk over every rule and every control's entry (that walk was a third of
 * a typed report's accessor time). */
#ifndef AIGOV_REPORT_INDEX_H
#define AIGOV_REPORT_INDEX_H
#include "table/table.h"
#include "util/mem.h"

typedef struct ag_report_index {
    int32_t *soa_controls; /* the rules that declare an SoA control, in table order */
    uint32_t n_soa_controls;
    uint32_t soa_frameworks; /* bit f: a control belongs to framework f */
    /* control k's findings (reported rules whose soa_of is it, in table order) are
     * soa_findings[soa_findings_first[k] .. soa_findings_first[k + 1]) */
    uint32_t *soa_findings_first;
    int32_t *soa_findings;
    /* the framework "iso42001", the voluntary standard beside the law (the legal gate and
     * the next actions leave it out; text, markdown and HTML give its clauses a block of
     * their own), or -1: one comparison per rule where a string comparison was */
    int standard_framework;
} ag_report_index;

/* 0, or AIGOV_ENOMEM with nothing left allocated. */
int ag_report_index_init(ag_report_index *ix, const aigov_table *t, const ag_mem *mem);
void ag_report_index_free(ag_report_index *ix, const ag_mem *mem);
#endif
