/* The report as GitHub-flavoured markdown, e.g. for a pull-request comment,
 * in the order a reader acts on it: the gaps in force, then the duties still
 * to come by date, then what is unknown as the questions that would settle
 * it, then readiness and penalty exposure; met and undecided rules folded
 * into <details>. A whole rendering stays under AG_MD_LIMIT characters (a
 * GitHub comment holds 65,536) for any one descriptor, portfolios included:
 * rows past the budget are left out and counted ("N rows folded"), and a
 * system past it is summarised in one line. */
#include <string.h>
#include "report/exposure_summary.h"
#include "report/readiness.h"
#include "render/render.h"
#include "render/soa.h"
#include "util/date.h"
#include "util/text.h"

#define AG_MD_LIMIT 60000
/* What rows may fill: the rest is kept for the closing lines of the part,
 * later systems' one-line summaries and the verdict. */
#define ROW_BUDGET (AG_MD_LIMIT - 12000)
/* Past this a system gets its one-line summary only. */
#define PART_BUDGET (AG_MD_LIMIT - 4000)

/* Table cells and list items: rule and descriptor text, escaped so that
 * nothing in it breaks the row or turns into markup. */
static void cell(ag_buf *b, const char *s) { ag_buf_md_inline(b, s); }

static const char *status_badge(int s)
{
    switch (s) {
    case AIGOV_STATUS_MET: return "met";
    case AIGOV_STATUS_GAP: return "**gap**";
    default: return "unknown";
    }
}

typedef struct md {
    ag_buf *b;
    const aigov_report *rep;
    uint32_t folded; /* rows left out for the budget */
} md;

/* One table row; left out (and counted) when it would pass the budget. */
static void row(md *m, int32_t ri)
{
    ag_buf *b = m->b;
    const aigov_table *t = m->rep->t;
    const ag_result *r = m->rep->r;
    size_t at = b->len;
    const ag_rule *ru = &t->rules[ri];
    char d[11];
    ag_date_format(d, r->rule_date[ri]);
    ag_buf_lit(b, "| ");
    ag_buf_puts(b, status_badge(r->status[ri]));
    ag_buf_lit(b, " | ");
    ag_buf_puts(b, d);
    if (r->date_uncertain[ri] & AG_DATE_AT_PLACING)
        ag_buf_lit(b, " (due at placing)");
    ag_buf_lit(b, " | ");
    cell(b, ru->citation);
    ag_buf_puts(b, " | ");
    ag_buf_puts(b, ag_finding_prefix(ru, r->status[ri], r->rule_val[ri]));
    cell(b, ru->title);
    ag_buf_lit(b, " (`");
    ag_buf_puts(b, ru->id);
    ag_buf_lit(b, "`)");
    ag_crosswalk_line(b, m->rep, ri, "<br>", "");
    ag_buf_puts(b, " |\n");
    if (b->len > ROW_BUDGET && !b->oom) {
        b->len = at;
        m->folded++;
    }
}

static void table_head(ag_buf *b, const char *date_col)
{
    ag_buf_printf(b, "| Status | %s | Citation | Obligation |\n|---|---|---|---|\n", date_col);
}

static void folded_note(md *m, uint32_t before)
{
    if (m->folded > before)
        ag_buf_printf(m->b, "\n_%u more rows folded to keep this report under %d characters: "
                            "`aigov eval --format=json` lists them all._\n",
                      m->folded - before, AG_MD_LIMIT);
}

/* The listed rules (rep->shown) of one kind, in table order or by date. */
enum { SEL_GAP_IN_FORCE, SEL_UPCOMING, SEL_UNKNOWN_IN_FORCE, SEL_MET_IN_FORCE, SEL_AIMS };

static int selected(const aigov_report *rep, int32_t ri, int sel)
{
    const ag_result *r = rep->r;
    if (ag_row_in_soa(rep, ri)) /* an Annex A control or SoA check: listed in the SoA section */
        return 0;
    int st = r->status[ri], in = ag_in_force(r, ri);
    /* with an AI management system, clauses 4-10 are one block of their own */
    if (ag_row_in_aims_block(rep, ri))
        return sel == SEL_AIMS && st != AIGOV_STATUS_NOT_APPLICABLE;
    if (sel == SEL_AIMS)
        return 0;
    switch (sel) {
    case SEL_GAP_IN_FORCE: return st == AIGOV_STATUS_GAP && in;
    case SEL_UPCOMING: return st != AIGOV_STATUS_NOT_APPLICABLE && !in;
    case SEL_UNKNOWN_IN_FORCE: return st == AIGOV_STATUS_UNKNOWN && in;
    default: return st == AIGOV_STATUS_MET && in;
    }
}

static uint32_t count_sel(const aigov_report *rep, int sel)
{
    uint32_t n = 0;
    for (uint32_t k = 0; k < rep->n_shown; k++)
        n += selected(rep, rep->shown[k], sel);
    return n;
}

static void rows_of(md *m, int sel)
{
    const aigov_report *rep = m->rep;
    if (sel != SEL_UPCOMING) {
        for (uint32_t k = 0; k < rep->n_shown; k++)
            if (selected(rep, rep->shown[k], sel))
                row(m, rep->shown[k]);
        return;
    }
    /* by date: each distinct date in turn, smallest first (dates are few) */
    int32_t last = INT32_MIN;
    for (;;) {
        int32_t next = INT32_MAX;
        for (uint32_t k = 0; k < rep->n_shown; k++) {
            int32_t ri = rep->shown[k];
            if (selected(rep, ri, sel) && rep->r->rule_date[ri] > last && rep->r->rule_date[ri] < next)
                next = rep->r->rule_date[ri];
        }
        if (next == INT32_MAX)
            return;
        for (uint32_t k = 0; k < rep->n_shown; k++) {
            int32_t ri = rep->shown[k];
            if (selected(rep, ri, sel) && rep->r->rule_date[ri] == next)
                row(m, ri);
        }
        last = next;
    }
}

static void header(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    char d[11];
    ag_date_format(d, r->as_of);
    ag_buf_printf(b, "### AI governance report: tier `%s`, GPAI `%s`\n\n", ag_tier_name(r->tier),
                  ag_gpai_name(r->gpai));
    ag_buf_printf(b, "_libaigov %s, rules %s, as of %s. Not legal advice._\n\n", AIGOV_VERSION_STRING,
                  t->revision, d);
    ag_buf_puts(b, "**Roles:** ");
    int first = 1;
    for (int k = 0; k < AG_N_ROLES; k++)
        if (r->roles & (1u << k)) {
            ag_buf_printf(b, "%s%s", first ? "" : ", ", ag_role_names[k]);
            first = 0;
        }
    ag_buf_puts(b, first ? "none established\n\n" : "\n\n");
    const ag_counts *c = &rep->tally.all;
    ag_buf_printf(b, "**Summary:** %zu gap (%zu in force), %zu met, %zu unknown, %zu not applicable\n",
                  c->gap, rep->tally.in_force_gaps, c->met, c->unknown, c->not_applicable);
}

static void readiness_and_exposure(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    ag_buf_puts(b, "\n#### Readiness and penalty exposure\n\n");
    for (uint32_t k = 0; k < t->n_frameworks; k++) {
        if (rep->framework >= 0 && (uint32_t)rep->framework != k)
            continue;
        ag_readiness_t rd;
        ag_readiness(rep, k, &rd);
        if (!rd.assessed) { /* one line instead of a block of unknown rows */
            ag_buf_printf(b, "- `%s` not assessed: say whether you operate an AI management system\n",
                          t->framework_ids[k]);
            continue;
        }
        ag_buf_printf(b, "- `%s`: %u of %u applicable met (%.0f%%)", t->framework_ids[k], rd.met, rd.applicable,
                      rd.applicable ? 100.0 * rd.met / rd.applicable : 0.0);
        ag_render_readiness_rest(b, &rd);
        ag_buf_putc(b, '\n');
    }
    ag_exposure x;
    ag_exposure_summary(&x, rep);
    if (x.rule < 0) {
        ag_buf_puts(b, "- Penalty exposure: no gap in force names a penalty tier\n");
        return;
    }
    ag_buf_printf(b, "- Penalty exposure: %u gap%s in force under a penalty tier; the highest, ", x.gaps_with_penalty,
                  x.gaps_with_penalty == 1 ? "" : "s");
    cell(b, x.cap->tier->citation);
    if (x.cap->cap_known)
        ag_buf_printf(b, ", up to EUR %.0f", x.cap->cap_eur);
    ag_buf_puts(b, " (");
    cell(b, x.cap->basis);
    ag_buf_puts(b, "), for ");
    cell(b, t->rules[x.rule].citation);
    ag_buf_putc(b, '\n');
}

static void questions(md *m)
{
    ag_buf *b = m->b;
    const aigov_report *rep = m->rep;
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    /* questions are asked per system, never of the organisation's part (as in text and JSON) */
    uint32_t nq = rep->part == AG_PART_ORGANISATION ? 0 : r->n_questions;
    uint32_t unknown = count_sel(rep, SEL_UNKNOWN_IN_FORCE);
    if (!nq && !unknown)
        return;
    ag_buf_printf(b, "\n#### Unknowns: %u rule%s in force undecided; open questions (%u)\n\n", unknown,
                  unknown == 1 ? "" : "s", nq);
    uint32_t before = m->folded;
    for (uint32_t q = 0; q < nq; q++) {
        int32_t fi = r->questions[q];
        size_t at = b->len;
        ag_buf_put_uint(b, q + 1);
        ag_buf_lit(b, ". ");
        if (r->f_tier[fi])
            ag_buf_lit(b, "**[tier]** ");
        ag_buf_putc(b, '`');
        ag_buf_puts(b, t->facts[fi].id);
        ag_buf_lit(b, "`: ");
        cell(b, t->facts[fi].ask);
        ag_buf_putc(b, '\n');
        if (b->len > ROW_BUDGET && !b->oom) {
            b->len = at;
            m->folded++;
        }
    }
    if (unknown) {
        ag_buf_printf(b, "\n<details><summary>The %u undecided rules in force</summary>\n\n", unknown);
        table_head(b, "In force since");
        rows_of(m, SEL_UNKNOWN_IN_FORCE);
        ag_buf_puts(b, "\n</details>\n");
    }
    folded_note(m, before);
}

/* Past the budget a part is its heading and summary line only (the same
 * lines a full part starts with, so a reader of the counts finds them). */
static void one_line(ag_buf *b, const aigov_report *rep)
{
    const ag_counts *c = &rep->tally.all;
    ag_buf_printf(b, "### AI governance report: tier `%s`, GPAI `%s`\n\n", ag_tier_name(rep->r->tier),
                  ag_gpai_name(rep->r->gpai));
    ag_buf_printf(b, "**Summary:** %zu gap (%zu in force), %zu met, %zu unknown, %zu not applicable\n\n",
                  c->gap, rep->tally.in_force_gaps, c->met, c->unknown, c->not_applicable);
    ag_buf_printf(b, "_Rows folded: this report would pass %d characters; `aigov eval --format=json` has them._\n",
                  AG_MD_LIMIT);
}

/* A section that may be long and is not made of rows (the SoA block): kept
 * whole or left out with a note. */
static void whole_or_note(ag_buf *b, const aigov_report *rep, void (*fn)(ag_buf *, const aigov_report *),
                          const char *what)
{
    size_t at = b->len;
    fn(b, rep);
    if (b->len > PART_BUDGET && !b->oom) {
        b->len = at;
        ag_buf_printf(b, "\n_%s folded to keep this report under %d characters: `aigov eval --format=json` has it._\n",
                      what, AG_MD_LIMIT);
    }
}

void ag_render_markdown_part(ag_buf *b, aigov_report *rep, uint32_t index, uint32_t count, const char *name)
{
    if (index == 0)
        rep->md_folded_parts = 0;
    int org = index == count;
    if (b->len > AG_MD_LIMIT - 3000 && !org) { /* nothing but the count: the verdict must fit */
        rep->md_folded_parts++;
        return;
    }
    if (org) {
        if (rep->md_folded_parts)
            ag_buf_printf(b, "_%u more systems folded to keep this report under %d characters: "
                             "`aigov eval --format=json` has them all._\n\n",
                          rep->md_folded_parts, AG_MD_LIMIT);
        ag_buf_puts(b, "## The organisation (AI management system)\n\n");
    } else {
        ag_buf_printf(b, "## System %u of %u: ", index + 1, count);
        ag_buf_md_inline(b, name ? name : "(unnamed)");
        ag_buf_puts(b, "\n\n");
    }
    ag_render_markdown(b, rep);
    if (!org)
        ag_buf_putc(b, '\n');
}

void ag_render_markdown(ag_buf *b, const aigov_report *rep)
{
    if (b->len > PART_BUDGET) {
        one_line(b, rep);
        return;
    }
    md m = {b, rep, 0};
    header(b, rep);
    uint32_t n = count_sel(rep, SEL_GAP_IN_FORCE), before = m.folded;
    ag_buf_printf(b, "\n#### Gaps in force (%u)\n\n", n);
    if (n) {
        table_head(b, "In force since");
        rows_of(&m, SEL_GAP_IN_FORCE);
    } else {
        ag_buf_puts(b, "None.\n");
    }
    folded_note(&m, before);
    n = count_sel(rep, SEL_UPCOMING);
    before = m.folded;
    if (n) {
        ag_buf_printf(b, "\n#### Upcoming duties by date (%u)\n\n", n);
        table_head(b, "Applies from");
        rows_of(&m, SEL_UPCOMING);
        folded_note(&m, before);
    }
    n = count_sel(rep, SEL_AIMS);
    before = m.folded;
    if (n) { /* an AI management system: clauses 4-10 as one block, the SoA as the next */
        ag_buf_printf(b, "\n#### ISO/IEC 42001 clauses 4-10: the AI management system (%u)\n\n", n);
        table_head(b, "Applies from");
        rows_of(&m, SEL_AIMS);
        folded_note(&m, before);
        whole_or_note(b, rep, ag_soa_markdown, "The Statement of Applicability");
    }
    questions(&m);
    whole_or_note(b, rep, readiness_and_exposure, "Readiness");
    if (rep->part != AG_PART_ORGANISATION && !n)
        whole_or_note(b, rep, ag_soa_markdown, "The Statement of Applicability");
    n = count_sel(rep, SEL_MET_IN_FORCE);
    before = m.folded;
    if (n) {
        ag_buf_printf(b, "\n<details><summary>Met in force (%u)</summary>\n\n", n);
        table_head(b, "In force since");
        rows_of(&m, SEL_MET_IN_FORCE);
        ag_buf_puts(b, "\n</details>\n");
        folded_note(&m, before);
    }
    const aigov_table *t = rep->t;
    ag_action acts[AG_MAX_ACTIONS];
    size_t na = ag_next_actions(rep, acts, AG_MAX_ACTIONS);
    if (na) {
        ag_buf_puts(b, "\n**Next actions** (penalised legal gaps in force first, by penalty tier; then the evidence closing the most open obligations)\n\n");
        for (size_t a = 0; a < na; a++) {
            ag_buf_printf(b, "%zu. ", a + 1);
            cell(b, t->evidence[acts[a].evidence].title);
            ag_buf_printf(b, " (`%s`): closes %u\n", t->evidence[acts[a].evidence].id, acts[a].closes);
        }
    }
}
