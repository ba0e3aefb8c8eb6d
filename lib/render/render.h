/* Renderers: report -> JSON / text / markdown, and the table's catalogue,
 * explanations and descriptor schema. They only read what earlier stages
 * produced. */
#ifndef AIGOV_RENDER_H
#define AIGOV_RENDER_H
#include "report/readiness.h"
#include "report/reasons.h"
#include "report/sections.h"
#include "report/names.h"
#include "report/report.h"
#include "util/buf.h"

/* Appends a known number fact's value: its shortest double, or the descriptor's decimal
 * (up to 40 characters) when the double is not exactly it. Valid JSON either way. */
void ag_put_number_value(ag_buf *b, const ag_facts *f, const ag_value *v);
/* Appends the fact's value as JSON (null when unknown). */
void ag_json_fact_value(ag_buf *b, const aigov_table *t, const ag_facts *f, int32_t fi);

/* Splits a caller's format into the format and *full (AIGOV_RENDER_FULL); -1 for an unknown
 * format or the flag on a format other than JSON. */
static inline int ag_format_split(int format, int *full)
{
    *full = (format & AIGOV_RENDER_FULL) != 0;
    format &= ~AIGOV_RENDER_FULL;
    if (format < AIGOV_FORMAT_JSON || format > AIGOV_FORMAT_SOA_CSV || (*full && format != AIGOV_FORMAT_JSON))
        return -1;
    return format;
}
/* full: the report with the rules' metadata (AIGOV_RENDER_FULL); 0: the compact form that
 * refers to rules by id (report_json.c). */
void ag_render_json(ag_buf *b, const aigov_report *rep, int full);
/* "iso":[...],"links":[...] of rule ru's crosswalk (its static part): the full report's and the
 * catalogue's (report_json.c). */
void ag_json_crosswalk_members(ag_buf *b, const aigov_table *t, const ag_rule *ru);
/* A descriptor of several systems: {engine, as_of, systems: [...], organisation: {...}}. */
void ag_render_json_portfolio_head(ag_buf *b, const aigov_report *rep, int full);
void ag_render_json_system(ag_buf *b, const aigov_report *rep, uint32_t index, const char *name,
                           int full);
void ag_render_json_organisation(ag_buf *b, const aigov_report *rep, int full);
/* The organisation's part rendered on its own (a report of aigov_eval_organisation). */
void ag_render_json_organisation_part(ag_buf *b, const aigov_report *rep, int full);
void ag_render_text(ag_buf *b, const aigov_report *rep);
void ag_render_markdown(ag_buf *b, const aigov_report *rep);
/* One part of a descriptor of several systems (index == count: the
 * organisation's), with its heading; past the character budget a system is
 * only counted, and the organisation's part says how many were folded. */
void ag_render_markdown_part(ag_buf *b, aigov_report *rep, uint32_t index, uint32_t count, const char *name);
/* NIST OSCAL 1.1 assessment results (report_oscal.c); several systems: the
 * head, one result per system, then the organisation's result and the end. */
void ag_render_oscal(ag_buf *b, const aigov_report *rep);
void ag_render_oscal_portfolio_head(ag_buf *b, const aigov_report *rep);
void ag_render_oscal_system(ag_buf *b, const aigov_report *rep, uint32_t index, const char *name);
void ag_render_oscal_organisation(ag_buf *b, const aigov_report *rep);
/* The closing verdict of a text or markdown rendering of several systems (nothing for the
 * other formats: JSON and OSCAL readers have aigov_eval_verdict). */
void ag_render_verdict(ag_buf *b, const aigov_verdict *v, int format);
/* The readiness figures after a framework's "met of applicable" (clauses and controls, ready,
 * in force, open findings, upcoming dates, undecided): text and markdown print the same line. */
void ag_render_readiness_rest(ag_buf *b, const ag_readiness_t *rd);

/* SARIF 2.1.0, JUnit XML and HTML are written in three steps (render_parts.c):
 * a head, one part per system (index < count) and one for the organisation's
 * own rules (index == count), and a tail; a single-system report is one part
 * with count 0. The tail's verdict is NULL for a single report. */
int ag_render_parted(int format);
void ag_render_head(ag_buf *b, const aigov_report *rep, int format);
void ag_render_part(ag_buf *b, const aigov_report *rep, int format, uint32_t index, uint32_t count,
                    const char *name);
void ag_render_tail(ag_buf *b, const aigov_report *rep, const aigov_verdict *v, int format);
/* How a part is named: the system's name, "system N", "system" or "organisation". */
const char *ag_part_label(char *out, size_t cap, uint32_t index, uint32_t count, const char *name);
void ag_render_sarif_head(ag_buf *b, const aigov_report *rep);
void ag_render_sarif_part(ag_buf *b, const aigov_report *rep, uint32_t index, uint32_t count, const char *name);
void ag_render_sarif_tail(ag_buf *b, const aigov_report *rep);
void ag_render_junit_head(ag_buf *b, const aigov_report *rep);
void ag_render_junit_part(ag_buf *b, const aigov_report *rep, uint32_t index, uint32_t count, const char *name);
void ag_render_junit_tail(ag_buf *b, const aigov_report *rep);
void ag_render_html_head(ag_buf *b, const aigov_report *rep);
void ag_render_html_part(ag_buf *b, const aigov_report *rep, uint32_t index, uint32_t count, const char *name);
void ag_render_html_tail(ag_buf *b, const aigov_report *rep, const aigov_verdict *v);
/* A finding's title describes the problem; a row says what the check found, so a met
 * finding never reads as an accusation. "" for other kinds. */
static inline const char *ag_finding_prefix(const ag_rule *ru, uint8_t status, uint8_t holds)
{
    if (ru->kind != AG_K_FINDING)
        return "";
    if (ru->observation && status == AIGOV_STATUS_MET && holds == AG_T)
        return "Observation (not a nonconformity): ";
    return status == AIGOV_STATUS_MET ? "Checked, no finding: "
           : status == AIGOV_STATUS_GAP ? "Finding: " : "Open check: ";
}
/* Condition written out for people, e.g. "all of (fact x is true, rule y)". */
void ag_render_condition(ag_buf *b, const aigov_table *t, int32_t ei, int depth);
#endif
