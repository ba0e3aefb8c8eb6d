/* One report rendered in one format (render_report.c), behind api/render.c. */
#ifndef AIGOV_RENDER_RENDER_REPORT_H
#define AIGOV_RENDER_RENDER_REPORT_H
#include "report/report.h"

/* format and full as ag_format_split gives them from a valid format; out and rep are not
 * NULL, *out is NULL and *out_len (when asked for) 0. */
int ag_report_render(char **out, size_t *out_len, const aigov_report *rep, int format, int full,
                     aigov_error *err);
#endif
