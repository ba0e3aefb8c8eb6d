/* Public entry point rendering a report. Arguments are checked here (the format with
 * ag_format_split); render/render_report.c picks the renderer. */
#include "render/render.h"
#include "render/render_report.h"
#include "util/error.h"

int aigov_report_render(char **out, size_t *out_len, const aigov_report *rep, int format,
                        aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!rep)
        return ag_err(err, AIGOV_EINVAL, "report is NULL");
    int full;
    int fmt = ag_format_split(format, &full);
    if (fmt < 0)
        return ag_err(err, AIGOV_EINVAL, ag_format_split(format & ~AIGOV_RENDER_FULL, &full) >= 0 ? "format %d: AIGOV_RENDER_FULL goes with AIGOV_FORMAT_JSON only"
                                                                      : "unknown format %d",
                      format);
    return ag_report_render(out, out_len, rep, fmt, full, err);
}
