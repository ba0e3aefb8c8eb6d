/* The Statement of Applicability (ISO/IEC 42001 6.1.3) as the report stage works it out:
 * for each control a rule declares with `soa`, the organisation's decision and
 * justification (descriptor facts), whether the control is typically applicable to this
 * system (the rule's condition), its implementation status (the rule's status), its grade
 * and the findings that check the entry. Read only from the evaluation; the legal logic
 * stays in the rules. */
#ifndef AIGOV_REPORT_SOA_H
#define AIGOV_REPORT_SOA_H
#include "report/report.h"
#include "report/soa_grade.h"

/* One control's entry, read from the evaluation. */
typedef struct ag_soa_entry {
    const ag_rule *ru;
    int32_t rule;
    const char *decision;      /* "included" / "excluded", NULL when not recorded */
    const char *justification; /* NULL when not recorded */
    uint8_t applicable;        /* the control rule's `when`: typically applicable here */
    uint8_t status;            /* the control rule's status: its implementation */
    const char *owner;         /* NULL when not recorded */
    char review[11];           /* the next review date, "" when not recorded */
    ag_soa_grade grade;        /* as an auditor grades it, apart from the status */
} ag_soa_entry;

typedef struct ag_soa_counts {
    uint32_t controls, included, excluded, not_recorded;
    uint32_t findings_gap, findings_unknown; /* of the findings linked to a control */
    uint32_t findings_applicable;            /* linked findings not `not_applicable`: 0 when
                                                no AI management system is in scope */
} ag_soa_counts;

static inline int ag_soa_is_control(const ag_rule *ru) { return ru->soa_decision >= 0; }
/* The entry of control rule ri. */
void ag_soa_entry_of(ag_soa_entry *e, const aigov_report *rep, int32_t ri);
/* Counts over the table's controls; controls == 0 when the rule set has none or ISO/IEC
 * 42001 is not assessed (no SoA section). */
void ag_soa_count(const aigov_report *rep, ag_soa_counts *c);
/* Complete: every control decided and no linked finding open (gap or unknown).
 * Asked only of a rule set with controls (the sections are empty without). */
static inline int ag_soa_complete(const ag_soa_counts *c)
{
    return !c->not_recorded && !c->findings_gap && !c->findings_unknown;
}
/* Worth a line in text, markdown and CSV: a gap, or an unknown once the decision is recorded
 * (before, every check of the entry is unknown for the same reason, already shown as "not
 * recorded"). */
static inline int ag_soa_open_finding(uint8_t st, const ag_soa_entry *e)
{
    return st == AIGOV_STATUS_GAP || (st == AIGOV_STATUS_UNKNOWN && e->decision);
}
/* The reference of evidence item e as the report shows it (the item's own, or that of the
 * AI Act item implying it), or NULL. */
const char *ag_soa_evidence_ref(const aigov_report *rep, int32_t e);
#endif
