#include "render/soa.h"
#include <string.h>
#include "eval/exposure.h"
#include "report/soa.h"
#include "util/date.h"
#include "util/text.h"

/* A Kleene value (AG_F, AG_T, AG_U) in words, and as the JSON key and value that
 * lead into the implementation status: indexed by the value, not chained tests. */
static const char *const yes_no_words[] = {[AG_F] = "no", [AG_T] = "yes", [AG_U] = "unknown"};
static const char *const typically_json[] = {
    [AG_F] = ",\"typically_applicable\":false,\"implementation\":",
    [AG_T] = ",\"typically_applicable\":true,\"implementation\":",
    [AG_U] = ",\"typically_applicable\":null,\"implementation\":",
};

static const char *yes_no(uint8_t v) { return yes_no_words[v <= AG_U ? v : AG_U]; }

/* ---- JSON ------------------------------------------------------------------ */

void ag_soa_json(ag_buf *b, const aigov_report *rep, int full)
{
    const aigov_table *t = rep->t;
    ag_soa_counts c;
    ag_soa_count(rep, &c);
    if (!c.controls)
        return;
    /* the summary's counts, in the schema's order */
    static const char *const keys[] = {
        ",\"statement_of_applicability\":{\"summary\":{\"controls\":",
        ",\"included\":", ",\"excluded\":", ",\"not_recorded\":", ",\"findings_gap\":",
        ",\"findings_unknown\":",
    };
    const uint32_t counts[] = {c.controls, c.included, c.excluded, c.not_recorded, c.findings_gap,
                               c.findings_unknown};
    for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) {
        ag_buf_puts(b, keys[k]);
        ag_buf_put_uint(b, counts[k]);
    }
    if (ag_soa_complete(&c))
        ag_buf_lit(b, ",\"complete\":true},\"controls\":[");
    else
        ag_buf_lit(b, ",\"complete\":false},\"controls\":[");
    /* the SoA checks among the reported rules, in order, so that each control looks through
     * them and not through every reported rule (all of them when there are more) */
    int32_t few[256];
    const int32_t *checks = few;
    uint32_t n_checks = 0;
    for (uint32_t k = 0; k < t->n_reported && checks == few; k++) {
        if (t->rules[t->reported[k]].soa_of < 0)
            continue;
        if (n_checks == sizeof few / sizeof *few)
            checks = t->reported;
        else
            few[n_checks++] = t->reported[k];
    }
    if (checks != few)
        n_checks = t->n_reported;
    int first = 1;
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        if (!ag_soa_is_control(&t->rules[ri]))
            continue;
        ag_soa_entry e;
        ag_soa_entry_of(&e, rep, (int32_t)ri);
        ag_buf_puts(b, first ? "{" : ",{");
        first = 0;
        if (full) { /* the control's number and title: the catalogue's in the compact form */
            ag_buf_lit(b, "\"control\":");
            ag_buf_json_str(b, e.ru->soa_control);
            ag_buf_lit(b, ",\"title\":");
            ag_buf_json_str(b, e.ru->title);
            ag_buf_putc(b, ',');
        }
        ag_buf_lit(b, "\"rule\":");
        ag_buf_json_id(b, e.ru->id);
        ag_buf_lit(b, ",\"decision\":");
        if (e.decision)
            ag_buf_json_str(b, e.decision);
        else
            ag_buf_lit(b, "null");
        ag_buf_lit(b, ",\"justification\":");
        if (e.justification)
            ag_buf_json_str(b, e.justification);
        else
            ag_buf_lit(b, "null");
        ag_buf_puts(b, typically_json[e.applicable <= AG_U ? e.applicable : AG_U]);
        ag_buf_json_id(b, ag_status_name(e.status));
        ag_buf_lit(b, ",\"owner\":");
        if (e.owner)
            ag_buf_json_str(b, e.owner);
        else
            ag_buf_puts(b, "null");
        ag_buf_puts(b, ",\"review_date\":");
        if (e.review[0])
            ag_buf_json_id(b, e.review); /* a YYYY-MM-DD date */
        else
            ag_buf_puts(b, "null");
        ag_buf_lit(b, ",\"grade\":");
        ag_buf_json_id(b, ag_grade_name(e.grade.grade));
        ag_buf_lit(b, ",\"grade_basis\":");
        ag_buf_json_str(b, e.grade.basis);
        ag_buf_puts(b, ",\"evidence_refs\":[");
        int fe = 1;
        for (uint32_t k = 0; k < e.ru->ev_n; k++) {
            const char *ref = ag_soa_evidence_ref(rep, t->rule_evidence[e.ru->ev_first + k]);
            if (!ref)
                continue;
            if (!fe)
                ag_buf_putc(b, ',');
            ag_buf_json_str(b, ref);
            fe = 0;
        }
        ag_buf_puts(b, "],\"findings\":[");
        int ff = 1;
        for (uint32_t k = 0; k < n_checks; k++) {
            int32_t fi = checks[k];
            if (t->rules[fi].soa_of != (int32_t)ri)
                continue;
            ag_buf_puts(b, ff ? "{\"id\":" : ",{\"id\":");
            ff = 0;
            ag_buf_json_id(b, t->rules[fi].id);
            ag_buf_lit(b, ",\"status\":");
            ag_buf_json_id(b, ag_status_name(rep->r->status[fi]));
            ag_buf_putc(b, '}');
        }
        ag_buf_lit(b, "]}");
    }
    ag_buf_lit(b, "]}");
}

/* ---- text ------------------------------------------------------------------ */

void ag_soa_text(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    ag_soa_counts c;
    ag_soa_count(rep, &c);
    if (!c.controls)
        return;
    if (!c.findings_applicable) {
        ag_buf_puts(b, "\nStatement of Applicability (ISO/IEC 42001 6.1.3): not applicable (no AI "
                       "management system in scope)\n");
        return;
    }
    ag_buf_printf(b,
                  "\nStatement of Applicability (ISO/IEC 42001 6.1.3): %u controls, %u included, "
                  "%u excluded, %u not recorded; %s\n",
                  c.controls, c.included, c.excluded, c.not_recorded,
                  ag_soa_complete(&c) ? "complete" : "incomplete");
    ag_buf_printf(b, "  %-9s %-13s %-11s %-14s %-27s %s\n", "CONTROL", "DECISION", "APPLICABLE", "IMPLEMENTATION",
                  "GRADE", "TITLE");
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        if (!ag_soa_is_control(&t->rules[ri]))
            continue;
        ag_soa_entry e;
        ag_soa_entry_of(&e, rep, (int32_t)ri);
        ag_buf_lit(b, "  "); /* "  %-9s %-13s %-11s %-14s %-27s %s\n" */
        ag_buf_pad(b, e.ru->soa_control, 9);
        ag_buf_putc(b, ' ');
        ag_buf_pad(b, e.decision ? e.decision : "not recorded", 13);
        ag_buf_putc(b, ' ');
        ag_buf_pad(b, yes_no(e.applicable), 11);
        ag_buf_putc(b, ' ');
        ag_buf_pad(b, ag_status_name(e.status), 14);
        ag_buf_putc(b, ' ');
        ag_buf_pad(b, ag_grade_name(e.grade.grade), 27);
        ag_buf_putc(b, ' ');
        ag_buf_puts(b, e.ru->title);
        ag_buf_putc(b, '\n');
        if (e.justification) {
            ag_buf_printf(b, "  %-9s justification: ", "");
            ag_buf_text(b, e.justification);
            ag_buf_putc(b, '\n');
        }
        if (e.owner || e.review[0]) {
            ag_buf_printf(b, "  %-9s owner: ", "");
            ag_buf_text(b, e.owner ? e.owner : "not recorded");
            ag_buf_printf(b, "; review date: %s\n", e.review[0] ? e.review : "not recorded");
        }
        if (e.grade.grade <= AG_GRADE_OFI)
            ag_buf_printf(b, "  %-9s grade: %s\n", "", e.grade.basis);
        for (uint32_t k = 0; k < t->n_reported; k++) {
            int32_t fi = t->reported[k];
            uint8_t st = rep->r->status[fi];
            if (t->rules[fi].soa_of != (int32_t)ri || !ag_soa_open_finding(st, &e))
                continue;
            ag_buf_spaces(b, 2 + 9 + 1); /* "  %-9s " with "" */
            ag_buf_puts(b, ag_status_name(st));
            ag_buf_lit(b, ": ");
            ag_buf_puts(b, t->rules[fi].title);
            ag_buf_lit(b, " [");
            ag_buf_puts(b, t->rules[fi].id);
            ag_buf_lit(b, "]\n");
        }
    }
}

/* ---- markdown -------------------------------------------------------------- */

/* Text from the descriptor in a table cell: nothing in it may break the row or
 * turn into markup (links, emphasis, HTML). */
static void user_cell(ag_buf *b, const char *s) { ag_buf_md_inline(b, s); }

void ag_soa_markdown(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    ag_soa_counts c;
    ag_soa_count(rep, &c);
    if (!c.controls)
        return;
    if (!c.findings_applicable) {
        ag_buf_puts(b, "\n**Statement of Applicability** (ISO/IEC 42001 6.1.3): not applicable (no AI "
                       "management system in scope)\n");
        return;
    }
    ag_buf_printf(b,
                  "\n**Statement of Applicability** (ISO/IEC 42001 6.1.3): %u controls, %u included, "
                  "%u excluded, %u not recorded; %s\n\n",
                  c.controls, c.included, c.excluded, c.not_recorded,
                  ag_soa_complete(&c) ? "complete" : "**incomplete**");
    ag_buf_puts(b, "| Control | Decision | Justification | Typically applicable | Implementation | Owner | Review date "
                   "| Grade | Open findings |\n"
                   "|---|---|---|---|---|---|---|---|---|\n");
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        if (!ag_soa_is_control(&t->rules[ri]))
            continue;
        ag_soa_entry e;
        ag_soa_entry_of(&e, rep, (int32_t)ri);
        ag_buf_lit(b, "| ");
        user_cell(b, e.ru->soa_control);
        ag_buf_putc(b, ' ');
        user_cell(b, e.ru->title);
        ag_buf_lit(b, " | ");
        if (e.decision)
            user_cell(b, e.decision);
        else
            ag_buf_lit(b, "_not recorded_");
        ag_buf_lit(b, " | ");
        if (e.justification)
            user_cell(b, e.justification);
        ag_buf_lit(b, " | ");
        ag_buf_puts(b, yes_no(e.applicable));
        ag_buf_lit(b, " | ");
        ag_buf_puts(b, ag_status_name(e.status));
        ag_buf_lit(b, " | ");
        if (e.owner)
            user_cell(b, e.owner);
        ag_buf_printf(b, " | %s | %s%s%s | ", e.review, e.grade.grade <= AG_GRADE_MINOR_NC ? "**" : "",
                      ag_grade_name(e.grade.grade), e.grade.grade <= AG_GRADE_MINOR_NC ? "**" : "");
        int ff = 1;
        for (uint32_t k = 0; k < t->n_reported; k++) {
            int32_t fi = t->reported[k];
            uint8_t st = rep->r->status[fi];
            if (t->rules[fi].soa_of != (int32_t)ri || !ag_soa_open_finding(st, &e))
                continue;
            if (!ff)
                ag_buf_lit(b, "; ");
            if (st == AIGOV_STATUS_GAP)
                ag_buf_lit(b, "**gap** `");
            else
                ag_buf_lit(b, "unknown `");
            ag_buf_puts(b, t->rules[fi].id);
            ag_buf_putc(b, '`');
            ff = 0;
        }
        ag_buf_lit(b, " |\n");
    }
}

/* ---- CSV export (RFC 4180) ------------------------------------------------- */

/* One cell: quoted when it holds a comma, quote, CR or LF (quotes doubled); other control,
 * separator and bidi characters become '?'; a cell a
 * spreadsheet would read as a formula or a control (= + - @ TAB CR first) starts with a quote
 * character instead, so an SoA opened in a spreadsheet never runs descriptor text. */
static void csv_cell(ag_buf *b, const char *s, int first)
{
    if (!first)
        ag_buf_putc(b, ',');
    if (!s || !*s)
        return;
    int formula = strchr("=+-@\t\r", s[0]) != NULL;
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        ag_buf_putc(b, '"');
    if (formula)
        ag_buf_putc(b, '\'');
    for (const char *p = s; *p;) {
        /* a quoted cell may hold line breaks and tabs; any other control, separator or
         * bidi character becomes '?' (a spreadsheet or terminal must not act on it) */
        size_t unsafe = *p == '\r' || *p == '\n' || *p == '\t' ? 0 : ag_text_unsafe_at((const unsigned char *)p);
        if (unsafe) {
            ag_buf_putc(b, '?');
            p += unsafe;
            continue;
        }
        if (*p == '"')
            ag_buf_putc(b, '"');
        ag_buf_putc(b, *p++);
    }
    if (quote)
        ag_buf_putc(b, '"');
}

void ag_soa_csv_head(ag_buf *b, const aigov_report *rep)
{
    if (rep->f->n_systems)
        ag_buf_puts(b, "system,");
    ag_buf_puts(b, "control,title,decision,justification,implementation status,owner,review date,grade,"
                   "evidence reference,open findings\r\n");
}

void ag_soa_csv_rows(ag_buf *b, const aigov_report *rep, const char *system)
{
    const aigov_table *t = rep->t;
    ag_soa_counts c;
    ag_soa_count(rep, &c);
    if (!c.controls || !c.findings_applicable) /* not assessed, or no AIMS: no SoA */
        return;
    ag_buf list;
    ag_buf_init(&list, rep->mem);
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        if (!ag_soa_is_control(&t->rules[ri]))
            continue;
        ag_soa_entry e;
        ag_soa_entry_of(&e, rep, (int32_t)ri);
        if (rep->f->n_systems)
            csv_cell(b, system, 1);
        csv_cell(b, e.ru->soa_control, !rep->f->n_systems);
        csv_cell(b, e.ru->title, 0);
        csv_cell(b, e.decision, 0);
        csv_cell(b, e.justification, 0);
        csv_cell(b, ag_status_name(e.status), 0);
        csv_cell(b, e.owner, 0);
        csv_cell(b, e.review, 0);
        csv_cell(b, ag_grade_name(e.grade.grade), 0);
        list.len = 0;
        for (uint32_t k = 0; k < e.ru->ev_n; k++) {
            const char *ref = ag_soa_evidence_ref(rep, t->rule_evidence[e.ru->ev_first + k]);
            if (ref) {
                if (list.len)
                    ag_buf_puts(&list, "; ");
                ag_buf_puts(&list, ref);
            }
        }
        ag_buf_putc(&list, 0);
        csv_cell(b, list.oom ? NULL : list.data, 0);
        list.len = 0;
        for (uint32_t k = 0; k < t->n_reported; k++) {
            int32_t fi = t->reported[k];
            uint8_t st = rep->r->status[fi];
            if (t->rules[fi].soa_of != (int32_t)ri || !ag_soa_open_finding(st, &e))
                continue;
            if (list.len)
                ag_buf_puts(&list, "; ");
            ag_buf_printf(&list, "%s (%s)", t->rules[fi].id, ag_status_name(st));
        }
        ag_buf_putc(&list, 0);
        csv_cell(b, list.oom ? NULL : list.data, 0);
        if (list.oom)
            b->oom = 1;
        ag_buf_puts(b, "\r\n");
    }
    ag_buf_free(&list);
}

void ag_per_system_json(ag_buf *b, const aigov_report *rep, int32_t ri)
{
    const ag_per_system *ps = rep->per_system;
    if (rep->part != AG_PART_ORGANISATION || !ps || ag_per_system_entry(ps, ri, 0) < 0)
        return;
    ag_buf_puts(b, ",\"systems\":[");
    for (uint32_t s = 0; s < ps->n_systems; s++) {
        int e = ag_per_system_entry(ps, ri, s);
        ag_buf_printf(b, "%s{\"index\":%u,\"in_scope\":%s,\"status\":", s ? "," : "", s,
                      e == AG_PS_OUT_OF_SCOPE ? "false" : "true");
        ag_buf_json_str(b, e == AG_PS_OUT_OF_SCOPE ? "not_applicable" : ag_status_name(e));
        ag_buf_putc(b, '}');
    }
    ag_buf_putc(b, ']');
}

void ag_per_system_text(ag_buf *b, const aigov_report *rep, int32_t ri, const char *indent)
{
    const ag_per_system *ps = rep->per_system;
    if (rep->part != AG_PART_ORGANISATION || !ps || ag_per_system_entry(ps, ri, 0) < 0)
        return;
    ag_buf_printf(b, "%sper system in the AIMS scope:", indent);
    for (uint32_t s = 0; s < ps->n_systems; s++) {
        int e = ag_per_system_entry(ps, ri, s);
        ag_buf_printf(b, "%s system %u %s", s ? ";" : "", s + 1,
                      e == AG_PS_OUT_OF_SCOPE ? "out of scope" : ag_status_name(e));
    }
    ag_buf_putc(b, '\n');
}

/* ---- the crosswalk on an AI Act row ------------------------------------------ */

/* A short name for an ISO rule: its control ("A.6.2.8") or its clause ("9.1"). */
static const char *iso_label(const ag_rule *x)
{
    static const char prefix[] = "ISO/IEC 42001:2023 ";
    if (x->soa_control)
        return x->soa_control;
    return strncmp(x->citation, prefix, sizeof prefix - 1) == 0 ? x->citation + sizeof prefix - 1 : x->citation;
}

void ag_crosswalk_line(ag_buf *b, const aigov_report *rep, int32_t ri, const char *lead, const char *end)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    const ag_rule *ru = &t->rules[ri];
    if (ru->xw_n <= 0 || r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE ||
        !r->fw_assessed[t->rules[t->crosswalk[ru->xw_first]].framework])
        return; /* shown where an AI management system is assessed: its artefacts are what is reused */
    static const char *const cov_names[] = {"supported", "partly supported", "not supported"};
    int32_t met;
    int cov = ag_crosswalk_coverage(t, r, ri, &met);
    ag_buf_printf(b, "%sISO/IEC 42001 (%s, never discharged):", lead, cov_names[cov]);
    for (int32_t k = 0; k < ru->xw_n; k++) {
        int32_t x = t->crosswalk[ru->xw_first + k];
        ag_buf_printf(b, "%s %s %s %s", k ? ";" : "", iso_label(&t->rules[x]),
                      ag_link_names[t->crosswalk_link[ru->xw_first + k]], ag_status_name(r->status[x]));
    }
    ag_buf_puts(b, end);
}
