/* The report as GitHub-flavoured markdown, e.g. for a pull-request comment. */
#include <string.h>
#include "report/readiness.h"
#include "render/render.h"
#include "render/soa.h"
#include "util/date.h"
#include "util/text.h"

/* Table cells and list items: rule and descriptor text, escaped so that
 * nothing in it breaks the row or turns into markup. */
static void cell(ag_buf *b, const char *s) { ag_buf_md_inline(b, s); }

/* Rules that do not apply are not listed: met, gap or unknown. */
static const char *status_badge(int s)
{
    switch (s) {
    case AIGOV_STATUS_MET: return "met";
    case AIGOV_STATUS_GAP: return "**gap**";
    default: return "unknown";
    }
}

void ag_render_markdown(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    char d[11];
    ag_date_format(d, r->as_of);
    ag_buf_printf(b, "### AI governance report: tier `%s`, GPAI `%s`\n\n", aigov_tier_name(r->tier),
                  aigov_gpai_name(r->gpai));
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
    ag_buf_printf(b, "**Summary:** %zu gap (%zu in force), %zu met, %zu unknown, %zu not applicable\n\n",
                  c->gap, rep->tally.in_force_gaps, c->met, c->unknown, c->not_applicable);
    ag_buf_puts(b, "| Status | In force | From | Citation | Obligation |\n|---|---|---|---|---|\n");
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        int32_t ri = rep->shown[k];
        if (r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE || ag_row_in_soa(rep, ri))
            continue; /* an Annex A control or SoA check: listed in the SoA section */
        const ag_rule *ru = &t->rules[ri];
        ag_date_format(d, r->rule_date[ri]);
        ag_buf_printf(b, "| %s | %s | %s%s | ", status_badge(r->status[ri]),
                      ag_in_force(r, ri) ? "yes" : "no", d,
                      (r->date_uncertain[ri] & AG_DATE_AT_PLACING) ? " (due at placing)" : "");
        cell(b, ru->citation);
        ag_buf_puts(b, " | ");
        ag_buf_puts(b, ag_finding_prefix(ru, r->status[ri]));
        cell(b, ru->title);
        ag_buf_printf(b, " (`%s`) |\n", ru->id);
    }
    for (uint32_t k = 0; k < t->n_frameworks; k++) {
        ag_readiness_t rd;
        ag_readiness(rep, k, &rd);
        if (!rd.assessed) /* one line instead of a block of unknown rows */
            ag_buf_printf(b, "\n**%s** not assessed: say whether you operate an AI management system\n",
                          t->framework_ids[k]);
    }
    if (rep->part != AG_PART_ORGANISATION)
        ag_soa_markdown(b, rep);
    ag_action acts[AG_MAX_ACTIONS];
    size_t na = ag_next_actions(rep, acts, AG_MAX_ACTIONS);
    if (na) {
        ag_buf_puts(b, "\n**Next actions** (evidence that would close the most open obligations)\n\n");
        for (size_t a = 0; a < na; a++) {
            ag_buf_printf(b, "%zu. ", a + 1);
            cell(b, t->evidence[acts[a].evidence].title);
            ag_buf_printf(b, " (`%s`): closes %u\n", t->evidence[acts[a].evidence].id, acts[a].closes);
        }
    }
    /* questions are asked per system, never of the organisation's part (as in text and JSON) */
    uint32_t nq = rep->part == AG_PART_ORGANISATION ? 0 : r->n_questions;
    if (nq) {
        ag_buf_printf(b, "\n**Open questions (%u)**\n\n", nq);
        for (uint32_t q = 0; q < nq; q++) {
            int32_t fi = r->questions[q];
            ag_buf_printf(b, "%u. %s`%s`: ", q + 1, r->f_tier[fi] ? "**[tier]** " : "",
                          t->facts[fi].id);
            cell(b, t->facts[fi].ask);
            ag_buf_putc(b, '\n');
        }
    }
}
