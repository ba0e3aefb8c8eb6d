/* The Statement of Applicability (ISO/IEC 42001 6.1.3) as a report section:
 * for each control a rule declares with `soa`, the organisation's decision
 * and justification (descriptor facts), whether the control is typically
 * applicable to this system (the rule's condition), its implementation
 * status (the rule's status) and the findings that check the entry. Read
 * only from the evaluation; the legal logic stays in the rules. */
#ifndef AIGOV_RENDER_SOA_H
#define AIGOV_RENDER_SOA_H
#include "render/render.h"

typedef struct ag_soa_counts {
    uint32_t controls, included, excluded, not_recorded;
    uint32_t findings_gap, findings_unknown; /* of the findings linked to a control */
    uint32_t findings_applicable;            /* linked findings not `not_applicable`: 0 when
                                                no AI management system is in scope */
} ag_soa_counts;

/* Counts over the table's controls; controls == 0 when the rule set has none. */
void ag_soa_count(const aigov_report *rep, ag_soa_counts *c);
/* Complete: every control decided and no linked finding open (gap or unknown).
 * Asked only of a rule set with controls (the sections are empty without). */
static inline int ag_soa_complete(const ag_soa_counts *c)
{
    return !c->not_recorded && !c->findings_gap && !c->findings_unknown;
}

/* The sections; each appends nothing when the rule set declares no control.
 * JSON: `,"statement_of_applicability":{...}` (with its leading comma). */
void ag_soa_json(ag_buf *b, const aigov_report *rep, int full);
void ag_soa_text(ag_buf *b, const aigov_report *rep);
void ag_soa_markdown(ag_buf *b, const aigov_report *rep);

/* The SoA as CSV (RFC 4180, CRLF): the header row (a first column "system" when the
 * descriptor holds several systems), then one row per control of a system's report (none
 * while ISO/IEC 42001 is not assessed or no AIMS is in scope). */
void ag_soa_csv_head(ag_buf *b, const aigov_report *rep);
void ag_soa_csv_rows(ag_buf *b, const aigov_report *rep, const char *system);

/* An AI Act row's crosswalk in one line: lead, "ISO/IEC 42001 (partly supported, never
 * discharged): A.6.2.8 intersect met; 9.1 supports gap", end. Nothing when the rule has no
 * ISO link, does not apply, or ISO/IEC 42001 is not assessed. */
void ag_crosswalk_line(ag_buf *b, const aigov_report *rep, int32_t ri, const char *lead, const char *end);

/* The reference of evidence item e as the report shows it (the item's own, or that of the
 * AI Act item implying it), or NULL. */
const char *ag_soa_evidence_ref(const aigov_report *rep, int32_t e);

/* The organisation's part of several systems: each system's status of a per-system rule
 * (ISO/IEC 42001 8.2-8.4), after the rule's row; nothing for another rule or part.
 * JSON: `,"systems":[{"index":0,"in_scope":true,"status":"gap"},...]`; text: one line. */
void ag_per_system_json(ag_buf *b, const aigov_report *rep, int32_t ri);
void ag_per_system_text(ag_buf *b, const aigov_report *rep, int32_t ri, const char *indent);
#endif
