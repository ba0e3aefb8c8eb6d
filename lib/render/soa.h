/* The Statement of Applicability (ISO/IEC 42001 6.1.3) as report sections: the entries and
 * counts are the report stage's (report/soa.h); these only write them out. */
#ifndef AIGOV_RENDER_SOA_H
#define AIGOV_RENDER_SOA_H
#include "render/render.h"
#include "report/soa.h"

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

/* The organisation's part of several systems: each system's status of a per-system rule
 * (ISO/IEC 42001 8.2-8.4), after the rule's row; nothing for another rule or part.
 * JSON: `,"systems":[{"index":0,"in_scope":true,"status":"gap"},...]`; text: one line. */
void ag_per_system_json(ag_buf *b, const aigov_report *rep, int32_t ri);
void ag_per_system_text(ag_buf *b, const aigov_report *rep, int32_t ri, const char *indent);
#endif
