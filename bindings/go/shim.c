/* shim.c - see shim.h. */
#include "shim.h"

#include <stdlib.h>
#include <string.h>

aigovgo_slot *aigovgo_slot_new(const aigov_table *table, aigov_error *err)
{
    aigovgo_slot *s = calloc(1, sizeof *s);
    if (!s) {
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = AIGOV_ENOMEM;
            strcpy(err->message, "out of memory allocating a Go binding slot");
        }
        return NULL;
    }
    aigov_eval_options init = AIGOV_EVAL_OPTIONS_INIT;
    s->opts = init;
    if (aigov_ctx_new(&s->ctx, table, NULL, err) != AIGOV_OK) {
        free(s);
        return NULL;
    }
    return s;
}

void aigovgo_slot_clear(aigovgo_slot *s)
{
    for (int i = 0; i < 2; i++) {
        aigov_free(s->out[i]);
        s->out[i] = NULL;
        s->out_len[i] = 0;
    }
}

void aigovgo_slot_free(aigovgo_slot *s)
{
    if (!s)
        return;
    aigovgo_slot_clear(s);
    aigov_ctx_free(s->ctx);
    free(s->sys);
    free(s->ol.obligations);
    free(s->ol.reasons);
    free(s->ol.evidence);
    free(s->ol.links);
    free(s->facts);
    free(s->fvals);
    free(s->ql.questions);
    free(s->ql.rules);
    free(s);
}

static void prepare(aigovgo_slot *s)
{
    s->opts.version = AIGOV_EVAL_OPTIONS_VERSION;
    s->opts.as_of = s->as_of[0] ? s->as_of : NULL;
}

int aigovgo_eval_summary(aigovgo_slot *s, const char *json, size_t len)
{
    const aigov_report *r = NULL;
    if (!json)
        json = ""; /* an empty Go slice: let the parser report it */
    prepare(s);
    int rc = aigov_eval(&r, s->ctx, json, len, &s->opts, &s->err);
    if (rc != AIGOV_OK)
        return rc;
    s->tier = aigov_report_tier(r);
    s->gpai = aigov_report_gpai(r);
    return aigov_report_summary(&s->sum, r);
}

int aigovgo_eval_system(aigovgo_slot *s, const char *json, size_t len, size_t index, size_t *systems)
{
    const aigov_report *r = NULL;
    if (!json)
        json = "";
    prepare(s);
    int rc = aigov_eval_system(&r, systems, s->ctx, json, len, index, &s->opts, &s->err);
    if (rc != AIGOV_OK)
        return rc;
    s->tier = aigov_report_tier(r);
    s->gpai = aigov_report_gpai(r);
    return aigov_report_summary(&s->sum, r);
}

int aigovgo_eval_report(aigovgo_slot *s, const char *json, size_t len, size_t index,
                        const aigov_report **report)
{
    *report = NULL;
    if (!json)
        json = "";
    prepare(s);
    return aigov_eval_system(report, NULL, s->ctx, json, len, index, &s->opts, &s->err);
}

int aigovgo_eval_part(aigovgo_slot *s, const char *json, size_t len, size_t index, size_t *systems,
                      const aigov_report **report)
{
    *report = NULL;
    if (!json)
        json = "";
    prepare(s);
    return aigov_eval_system(report, systems, s->ctx, json, len, index, &s->opts, &s->err);
}

int aigovgo_eval_organisation(aigovgo_slot *s, const char *json, size_t len, const aigov_report **report)
{
    *report = NULL;
    if (!json)
        json = "";
    prepare(s);
    return aigov_eval_organisation(report, s->ctx, json, len, &s->opts, &s->err);
}

/* aigov_eval_render, not aigov_eval + aigov_report_render: it is the one
 * call that renders a descriptor of several systems (every system, then the
 * organisation), so a portfolio gets the same report as from the CLI. A
 * second format costs a second evaluation. */
int aigovgo_eval_render(aigovgo_slot *s, const char *json, size_t len, int fmt0, int fmt1)
{
    aigovgo_slot_clear(s);
    if (!json)
        json = "";
    prepare(s);
    int rc = aigov_eval_render(&s->out[0], &s->out_len[0], s->ctx, json, len, &s->opts, fmt0, &s->err);
    if (rc == AIGOV_OK && fmt1 >= 0)
        rc = aigov_eval_render(&s->out[1], &s->out_len[1], s->ctx, json, len, &s->opts, fmt1, &s->err);
    if (rc != AIGOV_OK)
        aigovgo_slot_clear(s);
    return rc;
}

int aigovgo_eval_verdict(aigovgo_slot *s, const char *json, size_t len, int fail_on, aigovgo_verdict *v)
{
    memset(v, 0, sizeof *v);
    v->failing = 1; /* fail closed until the library says otherwise */
    if (!json)
        json = "";
    prepare(s);
#ifdef AIGOV_RENDER_LIMIT /* defined by the aigov.h that declares aigov_eval_verdict */
    aigov_verdict out;
    int rc = aigov_eval_verdict(&out, NULL, NULL, s->ctx, json, len, &s->opts, AIGOV_FORMAT_JSON, fail_on, &s->err);
    if (rc != AIGOV_OK)
        return rc;
    v->systems = out.systems;
    v->tier = out.tier;
    v->tiers = out.tiers;
    v->gpai = out.gpai;
    v->prohibited = out.prohibited;
    v->undetermined = out.undetermined;
    v->sum = out.summary;
    v->organisation_in_force_gaps = out.organisation_in_force_gaps;
    v->failing = out.failing;
    return AIGOV_OK;
#else
    (void)len;
    (void)fail_on;
    memset(&s->err, 0, sizeof s->err);
    s->err.code = AIGOV_EINVAL;
    strcpy(s->err.message, "this libaigov has no aigov_eval_verdict");
    return AIGOV_EINVAL;
#endif
}

int aigovgo_compile(aigov_table **out, const char *const *names, const char *const *datas,
                    const size_t *lens, size_t n, aigov_error *err)
{
    aigov_source *src = calloc(n ? n : 1, sizeof *src);
    if (!src) {
        *out = NULL;
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = AIGOV_ENOMEM;
            strcpy(err->message, "out of memory");
        }
        return AIGOV_ENOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        src[i].name = names[i];
        src[i].data = datas[i];
        src[i].len = lens[i];
    }
    int rc = aigov_table_compile(out, src, n, NULL, err);
    free(src);
    return rc;
}

/* Makes *arr hold at least n elements of size `size` (capacity in *cap). */
static int reserve(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n <= *cap)
        return AIGOV_OK;
    size_t want = n < 16 ? 16 : n;
    void *p = realloc(*arr, want * size);
    if (!p)
        return AIGOV_ENOMEM;
    *arr = p;
    *cap = want;
    return AIGOV_OK;
}

/* Grows *arr to hold n rows (with room to spare, so that the next reports
 * rarely ask again); *cap is the capacity in rows. */
static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
    return reserve(arr, cap, n < *cap ? *cap : n + n / 2, size);
}

int aigovgo_obligation_lists(aigovgo_slot *s, const aigov_report *rep)
{
    aigov_obligation_lists *l = &s->ol;
    l->size = sizeof *l;
    int rc = aigov_report_obligation_lists(l, rep);
    if (rc != AIGOV_ELIMIT)
        return rc;
    if (grow((void **)&l->obligations, &l->obligations_cap, l->n_obligations, sizeof *l->obligations) ||
        grow((void **)&l->reasons, &l->reasons_cap, l->n_reasons, sizeof *l->reasons) ||
        grow((void **)&l->evidence, &l->evidence_cap, l->n_evidence, sizeof *l->evidence) ||
        grow((void **)&l->links, &l->links_cap, l->n_links, sizeof *l->links))
        return AIGOV_ENOMEM;
    return aigov_report_obligation_lists(l, rep);
}

int aigovgo_question_lists(aigovgo_slot *s, const aigov_report *rep)
{
    aigov_question_lists *l = &s->ql;
    l->size = sizeof *l;
    int rc = aigov_report_question_lists(l, rep);
    if (rc != AIGOV_ELIMIT)
        return rc;
    if (grow((void **)&l->questions, &l->questions_cap, l->n_questions, sizeof *l->questions) ||
        grow((void **)&l->rules, &l->rules_cap, l->n_rules, sizeof *l->rules))
        return AIGOV_ENOMEM;
    return aigov_report_question_lists(l, rep);
}

int aigovgo_reserve_facts(aigovgo_slot *s, size_t n)
{
    if (n <= s->fact_cap)
        return AIGOV_OK;
    size_t cap = s->fact_cap, cap2 = s->fact_cap;
    if (grow((void **)&s->facts, &cap, n, sizeof *s->facts) || grow((void **)&s->fvals, &cap2, n, sizeof *s->fvals))
        return AIGOV_ENOMEM;
    s->fact_cap = cap < cap2 ? cap : cap2;
    return AIGOV_OK;
}

int aigovgo_fact_values(aigovgo_slot *s, const aigov_report *rep, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        s->fvals[k].size = sizeof s->fvals[k];
        int rc = aigov_report_fact_value(&s->fvals[k], rep, s->facts[k]);
        if (rc != AIGOV_OK)
            return rc;
    }
    return AIGOV_OK;
}

int aigovgo_systems(aigovgo_slot *s, const aigov_report *rep, size_t index, size_t n)
{
    if (reserve((void **)&s->sys, &s->sys_cap, n, sizeof *s->sys))
        return AIGOV_ENOMEM;
    for (size_t k = 0; k < n; k++) {
        s->sys[k].size = sizeof s->sys[k];
        int rc = aigov_report_obligation_system(&s->sys[k], rep, index, k);
        if (rc != AIGOV_OK)
            return rc;
    }
    return AIGOV_OK;
}
