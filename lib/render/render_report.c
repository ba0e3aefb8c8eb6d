/* ag_report_render (aigov_report_render's work): picks the renderer for a format. */
#include "render/render.h"
#include "render/render_report.h"
#include "util/error.h"

int ag_report_render(char **out, size_t *out_len, const aigov_report *rep, int format, int full,
                     aigov_error *err)
{
    ag_report_questions(rep);
    ag_buf b;
    ag_buf_init(&b, rep->mem);
    /* every report is its context's, and render_hint points into the context */
    if (*rep->render_hint)
        ag_buf_reserve(&b, *rep->render_hint + *rep->render_hint / 4);
    switch (format) {
    case AIGOV_FORMAT_JSON:
        if (rep->part == AG_PART_ORGANISATION) /* no classification: the organisation is not a system */
            ag_render_json_organisation_part(&b, rep, full);
        else
            ag_render_json(&b, rep, full);
        break;
    case AIGOV_FORMAT_TEXT: ag_render_text(&b, rep); break;
    case AIGOV_FORMAT_MARKDOWN: ag_render_markdown(&b, rep); break;
    case AIGOV_FORMAT_OSCAL: ag_render_oscal(&b, rep); break;
    default: /* SARIF, JUnit, HTML, SoA CSV: api/render.c checked the range */
        ag_render_head(&b, rep, format);
        ag_render_part(&b, rep, format, 0, 0, NULL);
        ag_render_tail(&b, rep, NULL, format);
        break;
    }
    if (!b.oom && b.len > *rep->render_hint)
        *rep->render_hint = b.len;
    if (ag_buf_finish(&b, out, out_len))
        return ag_err(err, AIGOV_ENOMEM, "out of memory rendering the report");
    return 0;
}

/* The closing verdict of a text or markdown rendering of several systems
 * (JSON and OSCAL readers have aigov_eval_verdict). */
void ag_render_verdict(ag_buf *b, const aigov_verdict *v, int format)
{
    if (format == AIGOV_FORMAT_TEXT) {
        ag_buf_puts(b, "\n=== Verdict over every system and the organisation ===\n");
        ag_buf_printf(b, "  %zu systems; most severe tier %s; prohibited %zu, undetermined %zu\n", v->systems,
                      ag_tier_name(v->tier), v->prohibited, v->undetermined);
        ag_buf_printf(b, "  %zu rules: %zu met, %zu gap, %zu unknown, %zu not applicable; %zu gaps in force "
                         "(%zu of the organisation)\n",
                      v->summary.total, v->summary.met, v->summary.gap, v->summary.unknown,
                      v->summary.not_applicable, v->summary.in_force_gaps, v->organisation_in_force_gaps);
    } else if (format == AIGOV_FORMAT_MARKDOWN) {
        ag_buf_puts(b, "\n## Verdict over every system and the organisation\n\n");
        ag_buf_printf(b, "**Systems:** %zu; most severe tier `%s`; prohibited %zu, undetermined %zu\n\n",
                      v->systems, ag_tier_name(v->tier), v->prohibited, v->undetermined);
        ag_buf_printf(b, "**Summary:** %zu gap (%zu in force), %zu met, %zu unknown, %zu not applicable; "
                         "%zu of the gaps in force are the organisation's\n",
                      v->summary.gap, v->summary.in_force_gaps, v->summary.met, v->summary.unknown,
                      v->summary.not_applicable, v->organisation_in_force_gaps);
    }
}
