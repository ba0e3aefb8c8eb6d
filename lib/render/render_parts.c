/* The formats written in three steps, so that a descriptor of several
 * systems is one document: a head, one part per system and one for the
 * organisation's own rules, and a tail. A single-system report is a head,
 * one part (count 0) and a tail. */
#include <stdio.h>
#include "render/render.h"
#include "render/soa.h"
#include "util/date.h"

int ag_render_parted(int format)
{
    return format == AIGOV_FORMAT_SARIF || format == AIGOV_FORMAT_JUNIT || format == AIGOV_FORMAT_HTML ||
           format == AIGOV_FORMAT_SOA_CSV;
}

void ag_render_head(ag_buf *b, const aigov_report *rep, int format)
{
    switch (format) {
    case AIGOV_FORMAT_SARIF: ag_render_sarif_head(b, rep); break;
    case AIGOV_FORMAT_JUNIT: ag_render_junit_head(b, rep); break;
    case AIGOV_FORMAT_SOA_CSV: ag_soa_csv_head(b, rep); break;
    default: ag_render_html_head(b, rep); break;
    }
}

void ag_render_part(ag_buf *b, const aigov_report *rep, int format, uint32_t index, uint32_t count,
                    const char *name)
{
    if (!count) /* a single system is named by its descriptor, if at all */
        name = ag_system_name(rep);
    switch (format) {
    case AIGOV_FORMAT_SARIF: ag_render_sarif_part(b, rep, index, count, name); break;
    case AIGOV_FORMAT_JUNIT: ag_render_junit_part(b, rep, index, count, name); break;
    case AIGOV_FORMAT_SOA_CSV: { /* the SoA is each system's: the organisation's part has none */
        char label[32];
        if (!count || index < count)
            ag_soa_csv_rows(b, rep, ag_part_label(label, sizeof label, index, count, name));
        break;
    }
    default: ag_render_html_part(b, rep, index, count, name); break;
    }
}

void ag_render_tail(ag_buf *b, const aigov_report *rep, const aigov_verdict *v, int format)
{
    switch (format) {
    case AIGOV_FORMAT_SARIF: ag_render_sarif_tail(b, rep); break;
    case AIGOV_FORMAT_JUNIT: ag_render_junit_tail(b, rep); break;
    case AIGOV_FORMAT_SOA_CSV: break; /* rows only */
    default: ag_render_html_tail(b, rep, v); break;
    }
}

const char *ag_part_label(char *out, size_t cap, uint32_t index, uint32_t count, const char *name)
{
    if (count && index == count)
        return "organisation";
    if (name && *name)
        return name;
    if (!count)
        return "system";
    snprintf(out, cap, "system %u", index + 1);
    return out;
}

void ag_render_readiness_rest(ag_buf *b, const ag_readiness_t *rd)
{
    if (rd->has_controls)
        ag_buf_printf(b, ": clauses %u of %u, included controls %u of %u", rd->requirements_met, rd->requirements,
                      rd->controls_implemented, rd->controls_included);
    ag_buf_printf(b, "%s; %u in force", rd->ready ? ", ready" : "", rd->in_force);
    if (rd->findings_open)
        ag_buf_printf(b, "; %u open finding%s", rd->findings_open, rd->findings_open == 1 ? "" : "s");
    for (size_t u = 0; u < rd->n_upcoming; u++) {
        char d[11];
        ag_date_format(d, rd->upcoming[u].date);
        ag_buf_printf(b, "%s%u from %s", u ? ", " : "; upcoming: ", rd->upcoming[u].count, d);
    }
    if (rd->undecided)
        ag_buf_printf(b, "; %u undecided", rd->undecided);
}
