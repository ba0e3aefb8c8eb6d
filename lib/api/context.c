/* Contexts (per-thread scratch) and the evaluation entry points. */
#include <string.h>
#include "descriptor/parse.h"
#include "render/render.h"
#include "report/report.h"
#include "util/date.h"
#include "util/error.h"

struct aigov_ctx {
    ag_mem mem;
    const aigov_table *t;
    ag_facts facts;
    ag_result res;
    aigov_report report;
    size_t render_hint;
};

const char *aigov_version(void) { return AIGOV_VERSION_STRING; }
unsigned aigov_version_number(void) { return AIGOV_VERSION_NUMBER; }
void aigov_free(void *ptr) { ag_user_free(ptr); }

int aigov_ctx_new(aigov_ctx **out, const aigov_table *t, const aigov_allocator *alloc,
                  aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!t)
        return ag_err(err, AIGOV_EINVAL, "table is NULL");
    ag_mem mem;
    if (ag_mem_init(&mem, alloc))
        return ag_err(err, AIGOV_EINVAL, "allocator is missing a function");
    aigov_ctx *c = ag_calloc(&mem, 1, sizeof *c);
    if (!c)
        return ag_err(err, AIGOV_ENOMEM, "out of memory creating a context");
    c->mem = mem;
    c->t = t;
    if (ag_facts_init(&c->facts, t, &c->mem)) {
        ag_mfree(&mem, c);
        return ag_err(err, AIGOV_ENOMEM, "out of memory creating a context");
    }
    if (ag_result_init(&c->res, t, &c->mem)) {
        ag_facts_free(&c->facts, &c->mem);
        ag_mfree(&mem, c);
        return ag_err(err, AIGOV_ENOMEM, "out of memory creating a context");
    }
    c->report = (aigov_report){t, &c->facts, &c->res, &c->mem, &c->render_hint};
    *out = c;
    return 0;
}

void aigov_ctx_free(aigov_ctx *c)
{
    if (!c)
        return;
    ag_mem mem = c->mem;
    ag_facts_free(&c->facts, &mem);
    ag_result_free(&c->res, &mem);
    ag_mfree(&mem, c);
}

int aigov_eval(const aigov_report **out, aigov_ctx *c, const char *json, size_t len,
               const aigov_eval_options *opts, aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!c || (!json && len) || !opts)
        return ag_err(err, AIGOV_EINVAL, "ctx, json and opts are required");
    if (opts->version != AIGOV_EVAL_OPTIONS_VERSION)
        return ag_err(err, AIGOV_EINVAL, "options version %u; this library knows %u (use AIGOV_EVAL_OPTIONS_INIT)",
                      opts->version, AIGOV_EVAL_OPTIONS_VERSION);
    int32_t as_of;
    if (!opts->as_of || ag_date_parse(opts->as_of, strlen(opts->as_of), &as_of) != 0)
        return ag_err(err, AIGOV_EINVAL, "as_of must be a date \"YYYY-MM-DD\" (the library never reads the clock)");
    size_t max_input = opts->max_input ? opts->max_input : AIGOV_DEFAULT_MAX_INPUT;
    unsigned max_depth = opts->max_depth ? opts->max_depth : AIGOV_DEFAULT_MAX_DEPTH;
    if (max_input > (64u << 20) || max_depth > 256)
        return ag_err(err, AIGOV_EINVAL, "max_input is at most 64 MiB and max_depth at most 256");
    int rc = ag_descriptor_parse(&c->facts, c->t, &c->mem, json ? json : "", len, max_input,
                                 max_depth, err);
    if (rc)
        return rc;
    rc = ag_evaluate(&c->res, c->t, &c->facts, as_of, &c->mem);
    if (rc)
        return ag_err(err, rc, "out of memory evaluating");
    *out = &c->report;
    return 0;
}

int aigov_eval_render(char **out, size_t *out_len, aigov_ctx *c, const char *json, size_t len,
                      const aigov_eval_options *opts, int format, aigov_error *err)
{
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    const aigov_report *rep;
    int rc = aigov_eval(&rep, c, json, len, opts, err);
    if (rc)
        return rc;
    return aigov_report_render(out, out_len, rep, format, err);
}
