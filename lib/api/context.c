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
    c->report = (aigov_report){t, &c->facts, &c->res, &c->mem, &c->render_hint, AG_PART_ALL};
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

static int check_options(const aigov_eval_options *opts, int32_t *as_of, size_t *max_input,
                         unsigned *max_depth, aigov_error *err)
{
    if (opts->version != AIGOV_EVAL_OPTIONS_VERSION)
        return ag_err(err, AIGOV_EINVAL, "options version %u; this library knows %u (use AIGOV_EVAL_OPTIONS_INIT)",
                      opts->version, AIGOV_EVAL_OPTIONS_VERSION);
    if (!opts->as_of || ag_date_parse(opts->as_of, strlen(opts->as_of), as_of) != 0)
        return ag_err(err, AIGOV_EINVAL, "as_of must be a date \"YYYY-MM-DD\" (the library never reads the clock)");
    *max_input = opts->max_input ? opts->max_input : AIGOV_DEFAULT_MAX_INPUT;
    *max_depth = opts->max_depth ? opts->max_depth : AIGOV_DEFAULT_MAX_DEPTH;
    if (*max_input > (64u << 20) || *max_depth > 256)
        return ag_err(err, AIGOV_EINVAL, "max_input is at most 64 MiB and max_depth at most 256");
    return 0;
}

/* Parses the descriptor; for one with "systems", the facts of system
 * `index`. *systems receives how many systems it describes (1 without). */
static int load(aigov_ctx *c, const char *json, size_t len, const aigov_eval_options *opts,
                size_t index, size_t *systems, int32_t *as_of, aigov_error *err)
{
    size_t max_input;
    unsigned max_depth;
    int rc = check_options(opts, as_of, &max_input, &max_depth, err);
    if (rc)
        return rc;
    rc = ag_descriptor_parse(&c->facts, c->t, &c->mem, json ? json : "", len, max_input, max_depth, err);
    if (rc)
        return rc;
    *systems = c->facts.n_systems ? c->facts.n_systems : 1;
    if (index >= *systems)
        return ag_err(err, AIGOV_ENOTFOUND, "system %zu requested; the descriptor describes %zu", index,
                      *systems);
    if (c->facts.n_systems)
        return ag_descriptor_system(&c->facts, c->t, &c->mem, json, (uint32_t)index, max_depth, err);
    return 0;
}

int aigov_eval_system(const aigov_report **out, size_t *out_systems, aigov_ctx *c, const char *json,
                      size_t len, size_t index, const aigov_eval_options *opts, aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!c || (!json && len) || !opts)
        return ag_err(err, AIGOV_EINVAL, "ctx, json and opts are required");
    int32_t as_of;
    size_t systems = 0;
    int rc = load(c, json, len, opts, index, &systems, &as_of, err);
    if (out_systems)
        *out_systems = systems;
    if (rc)
        return rc;
    rc = ag_evaluate(&c->res, c->t, &c->facts, as_of, &c->mem);
    if (rc)
        return ag_err(err, rc, "out of memory evaluating");
    c->report.part = AG_PART_ALL;
    *out = &c->report;
    return 0;
}

int aigov_eval(const aigov_report **out, aigov_ctx *c, const char *json, size_t len,
               const aigov_eval_options *opts, aigov_error *err)
{
    size_t systems = 0;
    int rc = aigov_eval_system(out, &systems, c, json, len, 0, opts, err);
    if (rc == 0 && systems > 1) {
        *out = NULL;
        ag_err(err, AIGOV_EINPUT,
               "the descriptor describes %zu systems: evaluate each with aigov_eval_system, or render "
               "them all with aigov_eval_render",
               systems);
        ag_err_path(err, "$.systems");
        return AIGOV_EINPUT;
    }
    return rc;
}

/* Several systems: each system's report, then the organisation's own rules once. */
static int render_portfolio(char **out, size_t *out_len, aigov_ctx *c, const char *json,
                            size_t systems, const aigov_eval_options *opts, int format,
                            aigov_error *err)
{
    int32_t as_of;
    size_t max_input;
    unsigned max_depth;
    check_options(opts, &as_of, &max_input, &max_depth, err);
    ag_buf b;
    ag_buf_init(&b, &c->mem);
    aigov_report *rep = &c->report;
    for (size_t i = 0; i < systems; i++) {
        int rc = ag_descriptor_system(&c->facts, c->t, &c->mem, json, (uint32_t)i, max_depth, err);
        if (!rc && ag_evaluate(&c->res, c->t, &c->facts, as_of, &c->mem))
            rc = ag_err(err, AIGOV_ENOMEM, "out of memory evaluating");
        if (rc) {
            ag_buf_free(&b);
            return rc;
        }
        ag_report_questions(rep);
        rep->part = AG_PART_SYSTEM;
        const char *name = ag_system_name(rep);
        switch (format) {
        case AIGOV_FORMAT_JSON:
            if (i == 0)
                ag_render_json_portfolio_head(&b, rep);
            ag_render_json_system(&b, rep, (uint32_t)i, name);
            break;
        case AIGOV_FORMAT_OSCAL:
            if (i == 0)
                ag_render_oscal_portfolio_head(&b, rep);
            ag_render_oscal_system(&b, rep, (uint32_t)i, name);
            break;
        case AIGOV_FORMAT_TEXT:
            ag_buf_printf(&b, "=== System %zu of %zu: ", i + 1, systems);
            ag_buf_put_plain(&b, name ? name : "(unnamed)");
            ag_buf_puts(&b, " ===\n");
            ag_render_text(&b, rep);
            ag_buf_putc(&b, '\n');
            break;
        default:
            ag_buf_printf(&b, "## System %zu of %zu: ", i + 1, systems);
            ag_buf_put_plain(&b, name ? name : "(unnamed)");
            ag_buf_puts(&b, "\n\n");
            ag_render_markdown(&b, rep);
            ag_buf_putc(&b, '\n');
        }
    }
    /* the organisation's own rules read the organisation and the shared evidence only, never
     * what the last system happened to add */
    ag_descriptor_organisation(&c->facts, c->t);
    if (ag_evaluate(&c->res, c->t, &c->facts, as_of, &c->mem)) {
        ag_buf_free(&b);
        return ag_err(err, AIGOV_ENOMEM, "out of memory evaluating");
    }
    ag_report_questions(rep);
    rep->part = AG_PART_ORGANISATION;
    if (format == AIGOV_FORMAT_JSON) {
        ag_render_json_organisation(&b, rep);
    } else if (format == AIGOV_FORMAT_OSCAL) {
        ag_render_oscal_organisation(&b, rep);
    } else if (format == AIGOV_FORMAT_TEXT) {
        ag_buf_puts(&b, "=== The organisation (AI management system, once for all systems) ===\n");
        ag_render_text(&b, rep);
    } else {
        ag_buf_puts(&b, "## The organisation (AI management system)\n\n");
        ag_render_markdown(&b, rep);
    }
    rep->part = AG_PART_ALL;
    if (ag_buf_finish(&b, out, out_len))
        return ag_err(err, AIGOV_ENOMEM, "out of memory rendering the report");
    return 0;
}

int aigov_eval_render(char **out, size_t *out_len, aigov_ctx *c, const char *json, size_t len,
                      const aigov_eval_options *opts, int format, aigov_error *err)
{
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (out_len)
        *out_len = 0;
    const aigov_report *rep;
    size_t systems = 0;
    int rc = aigov_eval_system(&rep, &systems, c, json, len, 0, opts, err);
    if (rc)
        return rc;
    if (systems > 1) {
        if (format != AIGOV_FORMAT_JSON && format != AIGOV_FORMAT_TEXT && format != AIGOV_FORMAT_MARKDOWN &&
            format != AIGOV_FORMAT_OSCAL)
            return ag_err(err, AIGOV_EINVAL, "format %d has no form for several systems", format);
        return render_portfolio(out, out_len, c, json, systems, opts, format, err);
    }
    return aigov_report_render(out, out_len, rep, format, err);
}
