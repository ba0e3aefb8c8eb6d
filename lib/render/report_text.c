/* The report as plain text for people: applicable rules first, not
 * applicable ones counted but not listed. */
#include <string.h>
#include "report/exposure_summary.h"
#include "report/readiness.h"
#include "render/render.h"
#include "render/soa.h"
#include "util/date.h"

static void roles_text(ag_buf *b, uint32_t roles)
{
    int first = 1;
    for (int k = 0; k < AG_N_ROLES; k++)
        if (roles & (1u << k)) {
            ag_buf_printf(b, "%s%s", first ? "" : ", ", ag_role_names[k]);
            first = 0;
        }
    if (first)
        ag_buf_puts(b, "(none established)");
}

static void classification_text(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    ag_buf_printf(b, "Classification\n  Tier:   %s\n", ag_tier_name(r->tier));
    if (r->tier == AIGOV_TIER_UNDETERMINED) {
        ag_buf_puts(b, "          still possible:");
        for (int k = 0; k < AIGOV_TIER_UNDETERMINED; k++)
            if (r->possible_tiers & (1u << k))
                ag_buf_printf(b, " %s", ag_tier_name(k));
        ag_buf_putc(b, '\n');
    }
    ag_buf_printf(b, "  GPAI:   %s\n  Roles:  ", ag_gpai_name(r->gpai));
    roles_text(b, r->roles);
    ag_buf_puts(b, "\n  Why:\n");
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        const ag_rule *ru = &t->rules[ri];
        if (!ag_class_reason_shown(rep, (int32_t)ri))
            continue;
        ag_buf_lit(b, "    ");
        ag_buf_pad(b, ag_kleene_name(r->rule_val[ri]), 8);
        ag_buf_putc(b, ' ');
        ag_buf_puts(b, ru->id);
        ag_buf_lit(b, " (");
        ag_buf_puts(b, ru->citation);
        ag_buf_lit(b, "): ");
        ag_buf_puts(b, ru->title);
        ag_buf_putc(b, '\n');
    }
}

/* One row of an obligation list. */
static void row_text(ag_buf *b, const aigov_report *rep, int32_t ri)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    const ag_rule *ru = &t->rules[ri];
    char d[11];
    ag_date_format(d, r->rule_date[ri]);
    /* "  %-8s %-9s %-11s %s: %s%s [%s]%s\n", written piece by piece (a report has hundreds
     * of rows) */
    ag_buf_lit(b, "  ");
    ag_buf_pad(b, ag_status_name(r->status[ri]), 8);
    ag_buf_putc(b, ' ');
    ag_buf_pad(b, ag_in_force(r, ri) ? "yes" : "no", 9);
    ag_buf_putc(b, ' ');
    ag_buf_pad(b, d, 11);
    ag_buf_putc(b, ' ');
    ag_buf_puts(b, ru->citation);
    ag_buf_lit(b, ": ");
    ag_buf_puts(b, ag_finding_prefix(ru, r->status[ri], r->rule_val[ri]));
    ag_buf_puts(b, ru->title);
    ag_buf_lit(b, " [");
    ag_buf_puts(b, ru->id);
    ag_buf_putc(b, ']');
    if (r->date_uncertain[ri] & AG_DATE_AT_PLACING)
        ag_buf_lit(b, " (due at placing)");
    ag_buf_putc(b, '\n');
    ag_per_system_text(b, rep, ri, "                                 ");
    ag_crosswalk_line(b, rep, ri, "                                 ", "\n");
    if (r->status[ri] == AIGOV_STATUS_GAP) {
        const ag_cap *cap = ag_report_cap(rep, ri);
        if (cap->tier) {
            ag_buf_spaces(b, 2 + 30);
            ag_buf_lit(b, " exposure ");
            ag_buf_puts(b, cap->tier->citation);
            ag_buf_lit(b, ": ");
            ag_buf_puts(b, cap->basis);
            ag_buf_putc(b, '\n');
        }
    }
}

void ag_render_text(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    char d[11];
    ag_date_format(d, r->as_of);
    ag_buf_printf(b, "libaigov %s, rules %s (%.19s...), as of %s\n\n", AIGOV_VERSION_STRING,
                  t->revision, t->hash, d);
    if (rep->part != AG_PART_ORGANISATION)
        classification_text(b, rep);
    const ag_counts shown = rep->tally.all, *fw = rep->tally.by_framework;
    size_t in_force_gaps = rep->tally.in_force_gaps;
    size_t na = shown.not_applicable;
    /* --only may list fewer than the tally counts; with an AI management system the clauses
     * 4-10 are one block and the Annex A controls and SoA checks the SoA block after it */
    size_t listed = 0, in_soa = 0, in_aims = 0;
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        if (r->status[rep->shown[k]] == AIGOV_STATUS_NOT_APPLICABLE)
            continue;
        if (ag_row_in_soa(rep, rep->shown[k]))
            in_soa++;
        else if (ag_row_in_aims_block(rep, rep->shown[k]))
            in_aims++;
        else
            listed++;
    }
    if (in_soa || in_aims)
        ag_buf_printf(b, "\nObligations (%zu listed; %zu not applicable not shown; %zu ISO/IEC 42001 clauses "
                         "and %zu Annex A controls and SoA checks in the AI management system blocks below)\n",
                      listed, na, in_aims, in_soa);
    else
        ag_buf_printf(b, "\nObligations (%zu listed; %zu not applicable not shown)\n", listed, na);
    ag_buf_printf(b, "  %-8s %-9s %-11s %s\n", "STATUS", "IN FORCE", "FROM", "CITATION: OBLIGATION [ID]");
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        int32_t ri = rep->shown[k];
        if (r->status[ri] != AIGOV_STATUS_NOT_APPLICABLE && !ag_row_in_soa(rep, ri) && !ag_row_in_aims_block(rep, ri))
            row_text(b, rep, ri);
    }
    if (in_aims) { /* an AI management system: clauses 4-10 as one block, the SoA as the next */
        ag_buf_printf(b, "\nISO/IEC 42001 clauses 4-10 (the AI management system; %zu listed)\n", in_aims);
        ag_buf_printf(b, "  %-8s %-9s %-11s %s\n", "STATUS", "IN FORCE", "FROM", "CITATION: REQUIREMENT [ID]");
        for (uint32_t k = 0; k < rep->n_shown; k++) {
            int32_t ri = rep->shown[k];
            if (r->status[ri] != AIGOV_STATUS_NOT_APPLICABLE && ag_row_in_aims_block(rep, ri))
                row_text(b, rep, ri);
        }
        ag_soa_text(b, rep);
    }
    uint32_t nq = rep->part == AG_PART_ORGANISATION ? 0 : r->n_questions;
    if (nq)
        ag_buf_printf(b, "\nQuestions (%u)\n", nq);
    for (uint32_t q = 0; q < nq; q++) {
        int32_t fi = r->questions[q];
        ag_buf_lit(b, "  "); /* "  %2u. " */
        if (q + 1 < 10)
            ag_buf_putc(b, ' ');
        ag_buf_put_uint(b, q + 1);
        ag_buf_lit(b, ". ");
        if (r->f_tier[fi])
            ag_buf_lit(b, "[tier] ");
        if (r->f_gpai[fi])
            ag_buf_lit(b, "[gpai] ");
        ag_buf_puts(b, t->facts[fi].id);
        ag_buf_lit(b, "\n      ");
        ag_buf_puts(b, t->facts[fi].ask);
        ag_buf_putc(b, '\n');
    }
    ag_buf_printf(b,
                  "\nSummary: %zu rules: %zu met, %zu gap, %zu unknown, %zu not applicable; "
                  "%zu gaps in force\n",
                  shown.total, shown.met, shown.gap, shown.unknown, na, in_force_gaps);
    for (uint32_t k = 0; k < t->n_frameworks; k++)
        if (rep->r->fw_assessed[k]) /* a framework not assessed has its one line below */
            ag_buf_printf(b, "  %-10s %zu met, %zu gap, %zu unknown, %zu not applicable\n",
                      t->framework_ids[k], fw[k].met, fw[k].gap, fw[k].unknown, fw[k].not_applicable);
    ag_buf_puts(b, "\nReadiness\n");
    for (uint32_t k = 0; k < t->n_frameworks; k++) {
        ag_readiness_t rd;
        ag_readiness(rep, k, &rd);
        if (!rd.assessed) { /* one line, not a block of unknowns */
            ag_buf_printf(b, "  %-10s not assessed: say whether you operate an AI management system\n",
                          t->framework_ids[k]);
            continue;
        }
        ag_buf_printf(b, "  %-10s %u of %u applicable met (%.0f%%)", t->framework_ids[k], rd.met,
                      rd.applicable, rd.applicable ? 100.0 * rd.met / rd.applicable : 0.0);
        ag_render_readiness_rest(b, &rd);
        ag_buf_putc(b, '\n');
    }
    if (rep->part != AG_PART_ORGANISATION && !in_aims) /* else right after the clauses */
        ag_soa_text(b, rep);
    ag_action acts[AG_MAX_ACTIONS];
    size_t na_ = ag_next_actions(rep, acts, AG_MAX_ACTIONS);
    if (na_) {
        ag_buf_puts(b, "\nNext actions (penalised legal gaps in force first, by penalty tier; then the evidence closing the most open obligations)\n");
        for (size_t a = 0; a < na_; a++)
            ag_buf_printf(b, "  %2zu. %s [%s]: %u obligation%s\n", a + 1, t->evidence[acts[a].evidence].title,
                          t->evidence[acts[a].evidence].id, acts[a].closes, acts[a].closes == 1 ? "" : "s");
    }
    ag_buf_puts(b, "\nNot legal advice: a structured reading of the cited provisions.\n");
}
