/* Public entry points evaluating a descriptor: one system, a descriptor of one system, the
 * organisation's part, and every system to a verdict or a rendering. The error is cleared and
 * the arguments checked here (handles, out-params, fail_on, format); context/ reads the
 * options and does the work. */
#include "context/context.h"
#include "render/render.h"
#include "util/error.h"

/* json may be NULL only when empty. */
static int check_input(const char *json, size_t len, const aigov_eval_options *opts, aigov_error *err)
{
    if ((!json && len) || !opts)
        return ag_err(err, AIGOV_EINVAL, "ctx, json and opts are required");
    return 0;
}

/* What the three report entry points check first: the error cleared, *out NULL until
 * a report is made, then the context (no_ctx: what its message says) and the input. */
static int start_report(const aigov_report **out, const aigov_ctx *c, const char *json, size_t len,
                        const aigov_eval_options *opts, const char *no_ctx, aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!c)
        return ag_err(err, AIGOV_EINVAL, "%s", no_ctx);
    return check_input(json, len, opts, err);
}

int aigov_eval_system(const aigov_report **out, size_t *out_systems, aigov_ctx *c, const char *json,
                      size_t len, size_t index, const aigov_eval_options *opts, aigov_error *err)
{
    int rc = start_report(out, c, json, len, opts, "ctx, json and opts are required", err);
    return rc ? rc : ag_eval_system(out, out_systems, c, json, len, index, opts, err);
}

int aigov_eval(const aigov_report **out, aigov_ctx *c, const char *json, size_t len,
               const aigov_eval_options *opts, aigov_error *err)
{
    int rc = start_report(out, c, json, len, opts, "ctx, json and opts are required", err);
    return rc ? rc : ag_eval(out, c, json, len, opts, err);
}

int aigov_eval_organisation(const aigov_report **out, aigov_ctx *c, const char *json, size_t len,
                            const aigov_eval_options *opts, aigov_error *err)
{
    int rc = start_report(out, c, json, len, opts, "ctx is NULL", err);
    return rc ? rc : ag_eval_organisation(out, c, json, len, opts, err);
}

/* aigov_eval_verdict and aigov_eval_render: the verdict fails closed until it is complete. */
static int eval_verdict(aigov_verdict *v, char **out, size_t *out_len, aigov_ctx *c, const char *json,
                        size_t len, const aigov_eval_options *opts, int format, int fail_on, aigov_error *err)
{
    aigov_verdict scratch;
    if (!v)
        v = &scratch;
    ag_verdict_init(v, NULL);
    v->failing = 1;
    if (out)
        *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!ag_fail_on_valid(fail_on))
        return ag_err(err, AIGOV_EINVAL, "fail_on %d is not an aigov_fail_on", fail_on);
    int full;
    if (out && ag_format_split(format, &full) < 0)
        return ag_err(err, AIGOV_EINVAL, ag_format_split(format & ~AIGOV_RENDER_FULL, &full) >= 0 ? "format %d: AIGOV_RENDER_FULL goes with AIGOV_FORMAT_JSON only"
                                                                      : "unknown format %d",
                      format);
    if (!c)
        return ag_err(err, AIGOV_EINVAL, "ctx is NULL");
    int rc = check_input(json, len, opts, err);
    return rc ? rc : ag_eval_verdict(v, out, out_len, c, json, len, opts, format, fail_on, err);
}

int aigov_eval_verdict(aigov_verdict *v, char **out, size_t *out_len, aigov_ctx *c, const char *json,
                       size_t len, const aigov_eval_options *opts, int format, int fail_on,
                       aigov_error *err)
{
    ag_err_clear(err);
    return eval_verdict(v, out, out_len, c, json, len, opts, format, fail_on, err);
}

int aigov_eval_render(char **out, size_t *out_len, aigov_ctx *c, const char *json, size_t len,
                      const aigov_eval_options *opts, int format, aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    return eval_verdict(NULL, out, out_len, c, json, len, opts, format, AIGOV_FAIL_ON_NONE, err);
}
