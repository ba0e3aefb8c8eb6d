/* Contexts (per-thread scratch) and the evaluations they run, behind api/contexts.c and
 * api/eval.c (which checked the arguments): the descriptor read, evaluated, reported on and,
 * when asked, rendered. */
#include <stdio.h>
#include <string.h>
#include "context/context.h"
#include "descriptor/parse.h"
#include "render/render.h"
#include "report/reasons.h"
#include "util/date.h"
#include "util/error.h"
#include "util/text.h"

int ag_ctx_new(aigov_ctx **out, const aigov_table *t, const aigov_allocator *alloc, aigov_error *err)
{
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
    c->shown = ag_calloc(&c->mem, t->n_reported + 1, sizeof *c->shown);
    c->caps = ag_calloc(&c->mem, t->n_penalties + 1, sizeof *c->caps);
    c->caps_done = ag_calloc(&c->mem, t->n_penalties + 1, 1);
    size_t keys = (size_t)t->n_exprs + t->n_facts;
    c->json_scratch = ag_malloc(&c->mem, keys * 2 * sizeof(int32_t) + t->n_evidence + t->n_penalties + 1);
    if (c->json_scratch)
        memset(c->json_scratch, 0xff, keys * sizeof(int32_t));
    c->bulk_keys = ag_calloc(&c->mem, (size_t)t->n_reported * AG_REASON_KEYS + 1, sizeof *c->bulk_keys);
    c->bulk_n = ag_calloc(&c->mem, t->n_reported + 1, 1);
    if (!c->shown || !c->caps || !c->caps_done || !c->json_scratch || !c->bulk_keys || !c->bulk_n ||
        ag_report_index_init(&c->index, t, &c->mem) ||
        ag_per_system_init(&c->per_system, t, &c->mem)) {
        ag_report_index_free(&c->index, &c->mem);
        ag_mfree(&c->mem, c->json_scratch);
        ag_mfree(&c->mem, c->bulk_keys);
        ag_mfree(&c->mem, c->bulk_n);
        ag_mfree(&c->mem, c->caps_done);
        ag_mfree(&c->mem, c->caps);
        ag_mfree(&c->mem, c->shown);
        ag_result_free(&c->res, &c->mem);
        ag_facts_free(&c->facts, &c->mem);
        ag_mfree(&mem, c);
        return ag_err(err, AIGOV_ENOMEM, "out of memory creating a context");
    }
    c->report = (aigov_report){.t = t, .f = &c->facts, .r = &c->res, .mem = &c->mem, .ix = &c->index,
                               .render_hint = &c->render_hint, .part = AG_PART_ALL, .shown = c->shown,
                               .framework = -1, .per_system = &c->per_system,
                               .caps = c->caps, .caps_done = c->caps_done, .json_scratch = c->json_scratch,
                               .bulk_keys = c->bulk_keys, .bulk_n = c->bulk_n};
    *out = c;
    return 0;
}

void ag_ctx_free(aigov_ctx *c)
{
    ag_mem mem = c->mem;
    ag_facts_free(&c->facts, &mem);
    ag_result_free(&c->res, &mem);
    ag_per_system_free(&c->per_system, &mem);
    ag_report_index_free(&c->index, &mem);
    ag_mfree(&mem, c->shown);
    ag_mfree(&mem, c->caps);
    ag_mfree(&mem, c->caps_done);
    ag_mfree(&mem, c->json_scratch);
    ag_mfree(&mem, c->bulk_keys);
    ag_mfree(&mem, c->bulk_n);
    ag_mfree(&mem, c);
}

/* The version-2 fields of the options: the report keeps them (a version-1
 * caller's struct ends before them and gets the defaults). */
static int check_report_options(aigov_report *rep, const aigov_table *t, const aigov_eval_options *opts,
                                aigov_error *err)
{
    rep->source = NULL;
    rep->framework = -1;
    rep->only = AIGOV_ONLY_ALL;
    if (opts->version < 2)
        return 0;
    if (opts->only < AIGOV_ONLY_ALL || opts->only > AIGOV_ONLY_IN_FORCE)
        return ag_err(err, AIGOV_EINVAL, "only %d is not an aigov_only", opts->only);
    if (opts->framework) {
        for (uint32_t k = 0; k < t->n_frameworks; k++)
            if (strcmp(opts->framework, t->framework_ids[k]) == 0)
                rep->framework = (int)k;
        if (rep->framework < 0) {
            char known[160] = "";
            size_t n = 0;
            for (uint32_t k = 0; k < t->n_frameworks && n < sizeof known; k++) {
                int w = snprintf(known + n, sizeof known - n, "%s%s", k ? ", " : "", t->framework_ids[k]);
                n += w > 0 ? (size_t)w : 0;
            }
            return ag_err(err, AIGOV_EINVAL, "framework \"%.40s\" is not one of the table's (%s)", opts->framework,
                          known);
        }
    }
    rep->source = opts->source_name;
    rep->only = opts->only;
    return 0;
}

static int check_options(const aigov_eval_options *opts, int32_t *as_of, size_t *max_input,
                         unsigned *max_depth, aigov_error *err)
{
    if (opts->version != 1 && opts->version != AIGOV_EVAL_OPTIONS_VERSION)
        return ag_err(err, AIGOV_EINVAL, "options version %u; this library knows 1 and %u (use AIGOV_EVAL_OPTIONS_INIT)",
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
    if (!rc)
        rc = check_report_options(&c->report, c->t, opts, err);
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

/* Evaluates the system load() read. */
static int evaluate_loaded(const aigov_report **out, aigov_ctx *c, int32_t as_of, aigov_error *err)
{
    int rc = ag_evaluate(&c->res, c->t, &c->facts, as_of, &c->mem);
    if (rc)
        return ag_err(err, rc, "out of memory evaluating");
    /* one system of several: its own rules; the organisation's are reported once (eval_all) */
    ag_report_set_part(&c->report, c->facts.n_systems ? AG_PART_SYSTEM : AG_PART_ALL);
    *out = &c->report;
    return 0;
}

int ag_eval_system(const aigov_report **out, size_t *out_systems, aigov_ctx *c, const char *json, size_t len,
                   size_t index, const aigov_eval_options *opts, aigov_error *err)
{
    int32_t as_of;
    size_t systems = 0;
    int rc = load(c, json, len, opts, index, &systems, &as_of, err);
    if (out_systems)
        *out_systems = systems;
    if (rc)
        return rc;
    return evaluate_loaded(out, c, as_of, err);
}

int ag_eval(const aigov_report **out, aigov_ctx *c, const char *json, size_t len, const aigov_eval_options *opts,
            aigov_error *err)
{
    size_t systems = 0;
    int rc = ag_eval_system(out, &systems, c, json, len, 0, opts, err);
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

/* The one path that evaluates a whole descriptor: every system (its own
 * rules), then the organisation's own rules once; the verdict sums the
 * tallies the rendering shows (b NULL: no rendering). Single-system
 * descriptors are one report of every rule. */
static int eval_all(aigov_verdict *v, ag_gate *g, ag_buf *b, aigov_ctx *c, const char *json, size_t len,
                    const aigov_eval_options *opts, int format, int keep_organisation, aigov_error *err)
{
    const aigov_report *one;
    size_t systems = 0;
    int32_t as_of;
    int rc = load(c, json, len, opts, 0, &systems, &as_of, err);
    if (!rc && b && systems > 1) {
        /* a portfolio to render: every system is read before any is evaluated or rendered,
         * so that a descriptor the last system makes invalid fails before the others are
         * rendered (rendered and thrown away, they cost an invalid portfolio tens of times
         * what reading it does); then system 0 again */
        size_t max_input;
        unsigned max_depth;
        check_options(opts, &as_of, &max_input, &max_depth, err); /* checked by load */
        for (size_t i = 1; i < systems && !rc; i++)
            rc = ag_descriptor_system(&c->facts, c->t, &c->mem, json, (uint32_t)i, max_depth, err);
        if (!rc)
            rc = ag_descriptor_system(&c->facts, c->t, &c->mem, json, 0, max_depth, err);
    }
    if (!rc)
        rc = evaluate_loaded(&one, c, as_of, err);
    if (rc)
        return rc;
    aigov_report *rep = &c->report;
    ag_verdict_init(v, g);
    int full; /* checked by aigov_eval_verdict */
    format = ag_format_split(format, &full);
    int parted = ag_render_parted(format); /* SARIF, JUnit, HTML: head, parts, tail */
    if (c->facts.n_systems == 0) { /* one system: one report of every rule */
        ag_verdict_add(v, g, rep);
        if (b && parted) {
            ag_report_questions(rep);
            ag_render_head(b, rep, format);
            ag_render_part(b, rep, format, 0, 0, NULL);
            ag_render_tail(b, rep, NULL, format);
        } else if (b) {
            ag_report_questions(rep);
            switch (format) {
            case AIGOV_FORMAT_JSON: ag_render_json(b, rep, full); break;
            case AIGOV_FORMAT_TEXT: ag_render_text(b, rep); break;
            case AIGOV_FORMAT_MARKDOWN: ag_render_markdown(b, rep); break;
            default: ag_render_oscal(b, rep); break;
            }
        }
        return 0;
    }
    size_t max_input;
    unsigned max_depth;
    check_options(opts, &as_of, &max_input, &max_depth, err); /* checked by load */
    size_t limit = AIGOV_RENDER_LIMIT(len);
    ag_per_system_reset(&c->per_system);
    for (size_t i = 0; i < systems; i++) {
        if (i) { /* system 0 was evaluated above */
            rc = ag_descriptor_system(&c->facts, c->t, &c->mem, json, (uint32_t)i, max_depth, err);
            if (!rc && ag_evaluate(&c->res, c->t, &c->facts, as_of, &c->mem))
                rc = ag_err(err, AIGOV_ENOMEM, "out of memory evaluating");
            if (rc)
                return rc;
            ag_report_set_part(rep, AG_PART_SYSTEM);
        }
        if (ag_per_system_add(&c->per_system, c->t, &c->facts, &c->res, &c->mem))
            return ag_err(err, AIGOV_ENOMEM, "out of memory evaluating");
        ag_verdict_add(v, g, rep);
        if (!b)
            continue;
        ag_report_questions(rep);
        const char *name = ag_system_name(rep);
        if (parted) {
            if (i == 0)
                ag_render_head(b, rep, format);
            ag_render_part(b, rep, format, (uint32_t)i, (uint32_t)systems, name);
        } else switch (format) {
        case AIGOV_FORMAT_JSON:
            if (i == 0)
                ag_render_json_portfolio_head(b, rep, full);
            ag_render_json_system(b, rep, (uint32_t)i, name, full);
            break;
        case AIGOV_FORMAT_OSCAL:
            if (i == 0)
                ag_render_oscal_portfolio_head(b, rep);
            ag_render_oscal_system(b, rep, (uint32_t)i, name);
            break;
        case AIGOV_FORMAT_TEXT:
            ag_buf_printf(b, "=== System %zu of %zu: ", i + 1, systems);
            ag_buf_text(b, name ? name : "(unnamed)");
            ag_buf_puts(b, " ===\n");
            ag_render_text(b, rep);
            ag_buf_putc(b, '\n');
            break;
        default: ag_render_markdown_part(b, rep, (uint32_t)i, (uint32_t)systems, name); break;
        }
        if (b->len > limit)
            return ag_err(err, AIGOV_ELIMIT,
                          "the report on %zu systems passes %zu bytes, the limit for a %zu-byte descriptor "
                          "(AIGOV_RENDER_LIMIT)",
                          systems, limit, len);
    }
    /* the organisation's own rules read the organisation and the shared evidence only, never
     * what a system added */
    ag_descriptor_organisation(&c->facts, c->t);
    if (ag_evaluate(&c->res, c->t, &c->facts, as_of, &c->mem))
        return ag_err(err, AIGOV_ENOMEM, "out of memory evaluating");
    /* clause 8.2-8.4 results belong to each system in scope */
    ag_per_system_apply(&c->per_system, &c->res);
    ag_report_set_part(rep, AG_PART_ORGANISATION);
    ag_verdict_add(v, g, rep);
    if (b) {
        ag_report_questions(rep);
        if (parted) {
            ag_render_part(b, rep, format, (uint32_t)systems, (uint32_t)systems, NULL);
            ag_render_tail(b, rep, v, format);
        } else if (format == AIGOV_FORMAT_JSON) {
            ag_render_json_organisation(b, rep, full);
        } else if (format == AIGOV_FORMAT_OSCAL) {
            ag_render_oscal_organisation(b, rep);
        } else if (format == AIGOV_FORMAT_TEXT) {
            ag_buf_puts(b, "=== The organisation (AI management system, once for all systems) ===\n");
            ag_render_text(b, rep);
        } else {
            ag_render_markdown_part(b, rep, (uint32_t)systems, (uint32_t)systems, NULL);
        }
        ag_render_verdict(b, v, format);
        if (b->len > limit)
            return ag_err(err, AIGOV_ELIMIT,
                          "the report on %zu systems passes %zu bytes, the limit for a %zu-byte descriptor "
                          "(AIGOV_RENDER_LIMIT)",
                          systems, limit, len);
    }
    if (keep_organisation) /* aigov_eval_organisation: the part itself, with the systems' results */
        return 0;
    /* the context's report is left showing every rule of the organisation's facts */
    ag_per_system_reset(&c->per_system);
    ag_report_set_part(rep, AG_PART_ALL);
    return 0;
}

int ag_eval_verdict(aigov_verdict *v, char **out, size_t *out_len, aigov_ctx *c, const char *json, size_t len,
                    const aigov_eval_options *opts, int format, int fail_on, aigov_error *err)
{
    ag_gate g;
    ag_verdict_init(v, &g);
    v->failing = 1; /* fails closed until the verdict is complete */
    ag_buf b;
    ag_buf_init(&b, &c->mem);
    if (out && c->render_hint)
        ag_buf_reserve(&b, c->render_hint + c->render_hint / 4);
    int rc = eval_all(v, &g, out ? &b : NULL, c, json, len, opts, format, 0, err);
    if (rc) {
        ag_buf_free(&b);
        ag_verdict_init(v, NULL);
        v->failing = 1;
        return rc;
    }
    if (out) {
        if (!b.oom && b.len > c->render_hint && !c->facts.n_systems)
            c->render_hint = b.len;
        if (ag_buf_finish(&b, out, out_len)) {
            ag_verdict_init(v, NULL);
            v->failing = 1;
            return ag_err(err, AIGOV_ENOMEM, "out of memory rendering the report");
        }
    }
    ag_verdict_finish(v, &g, fail_on);
    return 0;
}

int ag_eval_organisation(const aigov_report **out, aigov_ctx *c, const char *json, size_t len,
                         const aigov_eval_options *opts, aigov_error *err)
{
    aigov_verdict v;
    ag_gate g;
    int rc = eval_all(&v, &g, NULL, c, json, len, opts, AIGOV_FORMAT_JSON, 1, err);
    if (rc)
        return rc;
    *out = &c->report;
    return 0;
}
