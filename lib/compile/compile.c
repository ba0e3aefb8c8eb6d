/* The rule compiler's driver: rule sources (JSON) collected, storage counted, the
 * stages run in order (compiler.h lists them), the table finished and hashed. */
#include "compile/compiler.h"
#include "table/describe.h"
#include "util/sha256.h"

/* ---- driver ------------------------------------------------------------------ */

static int collect(cc *c, const cJSON *root, const char *name, const cJSON **manifest,
                   const char **manifest_src, size_t pass)
{
    static const char *const keys[] = {"format", "manifest", "facts", "evidence", "rules", "penalties", "dates", "$schema", NULL};
    int rc;
    c->src = name;
    c->rule_id = NULL;
    ag_path_root(&c->path);
    if (!cJSON_IsObject(root))
        return ag_cc_fail(c, AIGOV_ERULES, "a rule source is a JSON object");
    if (pass == 0) {
        if ((rc = ag_json_check_duplicates(root, &c->path, c->err))) {
            ag_err_source(c->err, name, NULL);
            return rc;
        }
        if ((rc = ag_cc_check_keys(c, root, keys))) {
            ag_err_source(c->err, name, NULL);
            return rc;
        }
        const cJSON *fmt = ag_json_get(root, "format");
        if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "aigov-rules/1") != 0) {
            ag_path_key(&c->path, "format");
            return ag_cc_fail(c, AIGOV_ERULES, "format must be \"aigov-rules/1\"");
        }
        const cJSON *m = ag_json_get(root, "manifest");
        if (m) {
            if (*manifest) {
                ag_path_key(&c->path, "manifest");
                return ag_cc_fail(c, AIGOV_ERULES, "a second manifest (the first is in %s)", *manifest_src);
            }
            *manifest = m;
            *manifest_src = name;
        }
    }
    static const char *const sections[] = {"facts", "evidence", "rules", "penalties", "dates"};
    for (int s = 0; s < 5; s++) {
        const cJSON *arr = ag_json_get(root, sections[s]);
        if (!arr)
            continue;
        if (!cJSON_IsArray(arr)) {
            ag_path_key(&c->path, sections[s]);
            return ag_cc_fail(c, AIGOV_ERULES, "'%s' must be an array", sections[s]);
        }
        size_t i = 0;
        for (const cJSON *it = arr->child; it; it = it->next, i++) {
            origin o = {it, name, sections[s], i};
            size_t *cnt = s == 0 ? &c->n_facts_src : s == 1 ? &c->n_evs : s == 2 ? &c->n_rules
                          : s == 3 ? &c->n_pens : &c->n_dsrc;
            if (pass == 0) {
                (*cnt)++;
            } else {
                origin *dst = s == 0 ? c->facts : s == 1 ? c->evs : s == 2 ? c->rules : s == 3 ? c->pens : c->dsrc;
                dst[(*cnt)++] = o;
            }
        }
    }
    return 0;
}

static int count_rule_storage(cc *c, uint32_t *exprs, uint32_t *kids, uint32_t *dates,
                              uint32_t *evs)
{
    for (size_t i = 0; i < c->n_rules; i++) {
        const cJSON *j = c->rules[i].j;
        if (!cJSON_IsObject(j))
            continue;
        const cJSON *w = ag_json_get(j, "when"), *wi = ag_json_get(j, "within"), *ps = ag_json_get(j, "per_system");
        ag_cc_set_origin(c, &c->rules[i]);
        c->rule_id = NULL; /* not yet read; else the last fact, evidence or tier compiled is named */
        if ((w && ag_cc_count_expr(w, 1, exprs, kids)) || (wi && ag_cc_count_expr(wi, 1, exprs, kids)) ||
            (ps && ag_cc_count_expr(ps, 1, exprs, kids)))
            return ag_cc_fail(c, AIGOV_ERULES, "condition nested deeper than %d", AG_MAX_EXPR_DEPTH);
        int rc = ag_cc_count_dates(c, ag_json_get(j, "applies_from"), dates, exprs, kids);
        if (rc)
            return rc;
        const cJSON *ev = ag_json_get(j, "evidence");
        if (cJSON_IsArray(ev))
            *evs += (uint32_t)cJSON_GetArraySize(ev);
        const cJSON *xw = ag_json_get(j, "crosswalk");
        const cJSON *iso = cJSON_IsObject(xw) ? ag_json_get(xw, "iso") : NULL;
        if (cJSON_IsArray(iso))
            c->n_xw += (uint32_t)cJSON_GetArraySize(iso);
    }
    return 0;
}

/* Whether expression e reads organisation facts only (and rules that do); deep: its parts
 * too (nesting is at most AG_MAX_EXPR_DEPTH), else e alone (a range of a rule's expressions). */
static int reads_org_only(const cc *c, int32_t e, int deep)
{
    const ag_expr *x = &c->exprs[e];
    if (x->op == AG_OP_RULE)
        return c->rules_out[x->a].org_level;
    if (x->op >= AG_OP_IS && x->op <= AG_OP_UNKNOWN)
        return strncmp(c->facts_out[x->a].id, "organisation.", 13) == 0;
    if (!deep)
        return 1;
    if (x->op == AG_OP_NOT)
        return reads_org_only(c, x->a, 1);
    if (x->op == AG_OP_ALL || x->op == AG_OP_ANY)
        for (int32_t k = 0; k < x->b; k++)
            if (!reads_org_only(c, c->kids[x->a + k], 1))
                return 0;
    return 1;
}

static void hash_sources(const aigov_source *s, size_t n, char out[72])
{
    ag_sha256 h;
    ag_sha256_init(&h);
    for (size_t i = 0; i < n; i++) {
        char lenbuf[32];
        const char *name = s[i].name ? s[i].name : "";
        ag_sha256_update(&h, name, strlen(name) + 1);
        int k = snprintf(lenbuf, sizeof lenbuf, "%zu", s[i].len);
        ag_sha256_update(&h, lenbuf, (size_t)k + 1);
        ag_sha256_update(&h, s[i].data, s[i].len);
    }
    memcpy(out, "sha256:", 7);
    ag_sha256_hex(&h, out + 7);
}

static int compile_all(cc *c, const aigov_source *sources, size_t n, cJSON **roots)
{
    int rc;
    const cJSON *manifest = NULL;
    const char *manifest_src = NULL;
    for (size_t i = 0; i < n; i++) {
        const char *name = sources[i].name ? sources[i].name : "(unnamed)";
        if (!sources[i].data && sources[i].len)
            return ag_err(c->err, AIGOV_EINVAL, "source %zu has no data", i);
        roots[i] = ag_json_parse_source(sources[i].data ? sources[i].data : "", sources[i].len,
                                        name, c->err);
        if (!roots[i])
            return c->err ? c->err->code : AIGOV_ESYNTAX;
        if ((rc = collect(c, roots[i], name, &manifest, &manifest_src, 0)))
            return rc;
    }
    if (!manifest) {
        c->src = "(rule set)";
        ag_path_root(&c->path);
        return ag_cc_fail(c, AIGOV_ERULES, "no source has a 'manifest'");
    }
    if (c->n_rules > 100000 || c->n_facts_src + c->n_evs > 100000)
        return ag_cc_fail(c, AIGOV_ELIMIT, "too many facts, evidence items or rules");
    if (c->n_dsrc > 100000)
        return ag_cc_fail(c, AIGOV_ELIMIT, "too many named date cases");
    c->facts = ag_cc_alloc_n(c, c->n_facts_src + 1, sizeof(origin));
    c->evs = ag_cc_alloc_n(c, c->n_evs + 1, sizeof(origin));
    c->rules = ag_cc_alloc_n(c, c->n_rules + 1, sizeof(origin));
    c->pens = ag_cc_alloc_n(c, c->n_pens + 1, sizeof(origin));
    c->dsrc = ag_cc_alloc_n(c, c->n_dsrc + 1, sizeof(origin));
    if (!c->facts || !c->evs || !c->rules || !c->pens || !c->dsrc)
        return ag_cc_oom(c);
    c->n_facts_src = c->n_evs = c->n_rules = c->n_pens = c->n_dsrc = 0;
    for (size_t i = 0; i < n; i++)
        collect(c, roots[i], sources[i].name ? sources[i].name : "(unnamed)", &manifest,
                &manifest_src, 1);

    c->src = manifest_src;
    ag_path_root(&c->path);
    if ((rc = ag_cc_compile_manifest(c, manifest)))
        return rc;

    aigov_table *t = c->t;
    uint32_t n_facts = (uint32_t)(c->n_facts_src + c->n_evs);
    c->facts_out = ag_cc_alloc_n(c, n_facts + 1, sizeof(ag_fact));
    c->ev_out = ag_cc_alloc_n(c, c->n_evs + 1, sizeof(ag_evidence));
    if (!c->facts_out || !c->ev_out)
        return ag_cc_oom(c);
    t->n_facts = 0;
    struct sidx ev_idx = {NULL, 0};
    if ((rc = ag_cc_sidx_init(c, &c->fact_idx, n_facts)) || (rc = ag_cc_sidx_init(c, &ev_idx, c->n_evs)))
        return rc;
    for (size_t i = 0; i < c->n_facts_src; i++) {
        if ((rc = ag_cc_compile_fact(c, &c->facts[i], &c->facts_out[i])))
            return rc;
        if (ag_cc_find_fact(c, c->facts_out[i].id) >= 0)
            return ag_cc_fail(c, AIGOV_ERULES, "duplicate fact id '%s'", c->facts_out[i].id);
        ag_cc_sidx_add(c, &c->fact_idx, ag_cc_fact_name, (int32_t)t->n_facts);
        t->n_facts++;
    }
    for (size_t i = 0; i < c->n_evs; i++) {
        ag_fact *f = &c->facts_out[t->n_facts];
        if ((rc = ag_cc_compile_evidence(c, &c->evs[i], &c->ev_out[i], f)))
            return rc;
        int dup = ag_cc_sidx_find(c, &ev_idx, ag_cc_ev_name, c->ev_out[i].id);
        if (dup >= 0)
            return ag_cc_fail(c, AIGOV_ERULES, "duplicate evidence id '%s'", c->ev_out[i].id);
        ag_cc_sidx_add(c, &ev_idx, ag_cc_ev_name, (int32_t)i);
        f->evidence = (int32_t)i;
        c->ev_out[i].fact = (int32_t)t->n_facts;
        ag_cc_sidx_add(c, &c->fact_idx, ag_cc_fact_name, (int32_t)t->n_facts);
        t->n_facts++;
    }
    t->n_evidence = (uint32_t)c->n_evs;
    /* implied_by: another item, itself implied by none (one step, no chains or cycles) */
    for (size_t i = 0; i < c->n_evs; i++) {
        c->ev_out[i].implied_by = -1;
        const cJSON *ib = ag_json_get(c->evs[i].j, "implied_by");
        if (!ib)
            continue;
        ag_cc_set_origin(c, &c->evs[i]);
        c->rule_id = c->ev_out[i].id;
        size_t mark = ag_path_key(&c->path, "implied_by");
        int k = cJSON_IsString(ib) ? ag_cc_sidx_find(c, &ev_idx, ag_cc_ev_name, ib->valuestring) : -1;
        if (k < 0 || (size_t)k == i || ag_json_get(c->evs[k].j, "implied_by"))
            return ag_cc_fail(c, AIGOV_ERULES, "implied_by names another evidence item, itself implied by none");
        c->ev_out[i].implied_by = k;
        ag_path_pop(&c->path, mark);
    }

    uint32_t max_nodes = 1;
    for (uint32_t i = 0; i < t->n_facts; i++)
        for (const char *p = c->facts_out[i].id; *p; p++)
            max_nodes += *p == '.';
    max_nodes += t->n_facts;
    if (!(c->nodes = ag_cc_alloc_n(c, max_nodes, sizeof(ag_node))))
        return ag_cc_oom(c);
    if ((rc = ag_cc_build_nodes(c, max_nodes)))
        return rc;

    if ((rc = ag_cc_build_indexes(c)))
        return rc;
    if ((rc = ag_cc_compile_penalties(c)))
        return rc;

    uint32_t n_exprs = 0, n_kids = 0, n_dates = 0, n_ev = 0;
    if ((rc = ag_cc_date_names(c)) || (rc = ag_cc_count_named_dates(c, &n_dates, &n_exprs, &n_kids)) ||
        (rc = count_rule_storage(c, &n_exprs, &n_kids, &n_dates, &n_ev)))
        return rc;
    c->exprs = ag_cc_alloc_n(c, n_exprs + 1, sizeof(ag_expr));
    c->kids = ag_cc_alloc_n(c, n_kids + 1, sizeof(int32_t));
    c->dates = ag_cc_alloc_n(c, n_dates + 1, sizeof(ag_date_case));
    c->rule_ev = ag_cc_alloc_n(c, n_ev + 1, sizeof(int32_t));
    c->rules_out = ag_cc_alloc_n(c, c->n_rules + 1, sizeof(ag_rule));
    c->xw = ag_cc_alloc_n(c, c->n_xw + 1, sizeof(int32_t));
    c->xw_link = ag_cc_alloc_n(c, c->n_xw + 1, sizeof(uint8_t));
    uint32_t xw_cap = c->n_xw;
    c->n_xw = 0;
    (void)xw_cap;
    if (!c->exprs || !c->kids || !c->dates || !c->rule_ev || !c->rules_out || !c->xw || !c->xw_link)
        return ag_cc_oom(c);
    if ((rc = ag_cc_sidx_init(c, &c->rule_idx, c->n_rules)) || (rc = ag_cc_sidx_init(c, &c->soa_idx, c->n_rules)) ||
        (rc = ag_cc_sidx_init(c, &c->date_idx, c->n_rules)))
        return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = ag_cc_compile_rule_head(c, &c->rules[i], &c->rules_out[i])))
            return rc;
    if ((rc = ag_cc_compile_named_dates(c)))
        return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = ag_cc_compile_rule(c, &c->rules[i], &c->rules_out[i])))
            return rc;
    if ((rc = ag_cc_check_named_dates_used(c)))
        return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = ag_cc_compile_crosswalk(c, &c->rules[i], &c->rules_out[i])))
            return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = ag_cc_compile_soa(c, &c->rules[i], &c->rules_out[i])))
            return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = ag_cc_compile_soa_finding(c, &c->rules[i], &c->rules_out[i])))
            return rc;

    int32_t *order = ag_cc_alloc_n(c, c->n_rules + 1, sizeof(int32_t));
    int32_t *reported = ag_cc_alloc_n(c, c->n_rules + 1, sizeof(int32_t));
    if (!order || !reported)
        return ag_cc_oom(c);
    uint32_t n_order = 0, n_rep = 0;
    if ((rc = ag_cc_order_rules(c, order, &n_order)))
        return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if (c->rules_out[i].kind != AG_K_DEFINITION)
            reported[n_rep++] = (int32_t)i;

    /* in dependency order, so referenced rules are classified first */
    for (uint32_t k = 0; k < n_order; k++) {
        ag_rule *r = &c->rules_out[order[k]];
        r->org_level = 1;
        for (uint32_t e = r->expr_first; e < r->expr_first + r->expr_n && r->org_level; e++)
            r->org_level = reads_org_only(c, (int32_t)e, 0);
        /* a named date case's conditions lie outside the rule's range */
        for (uint32_t d = 0; d < r->dates_n && r->org_level; d++)
            if (c->dates[r->dates_first + d].cond >= 0)
                r->org_level = reads_org_only(c, c->dates[r->dates_first + d].cond, 1);
    }
    /* results per system are combined into the organisation's row: only an organisation's rule */
    for (size_t i = 0; i < c->n_rules; i++)
        if (c->rules_out[i].per_system >= 0 && !c->rules_out[i].org_level) {
            c->rule_id = c->rules_out[i].id;
            return ag_cc_fail(c, AIGOV_ERULES,
                              "'per_system' is for an obligation that reads only organisation facts; this "
                              "one reads a system's");
        }

    if ((rc = ag_cc_intern_exprs(c)))
        return rc;
    char hash[72];
    hash_sources(sources, n, hash);
    if (!(t->hash = ag_cc_dup_str(c, hash)))
        return ag_cc_oom(c);
    t->facts = c->facts_out;
    t->nodes = c->nodes;
    t->n_nodes = c->n_nodes;
    t->evidence = c->ev_out;
    t->exprs = c->exprs;
    t->n_exprs = c->n_exprs;
    t->kids = c->kids;
    t->n_kids = c->n_kids;
    t->dates = c->dates;
    t->n_dates = c->n_dates;
    t->rule_evidence = c->rule_ev;
    t->n_rule_evidence = c->n_rule_ev;
    t->rules = c->rules_out;
    t->n_rules = (uint32_t)c->n_rules;
    t->order = order;
    t->reported = reported;
    t->n_reported = n_rep;
    t->crosswalk = c->xw;
    t->crosswalk_link = c->xw_link;
    t->n_crosswalk = c->n_xw;
    if (!(t->expr_test = ag_describe_tests_json(c->ar, t)))
        return ag_cc_oom(c);
    return 0;
}

int ag_compile(aigov_table **out, const aigov_source *sources, size_t n,
               const aigov_allocator *alloc, aigov_error *err)
{
    ag_mem mem;
    if (ag_mem_init(&mem, alloc))
        return ag_err(err, AIGOV_EINVAL, "allocator is missing a function");
    if (n > 10000)
        return ag_err(err, AIGOV_ELIMIT, "at most 10000 rule sources");
    cJSON **roots = ag_calloc(&mem, n + 1, sizeof *roots);
    aigov_table *t = ag_calloc(&mem, 1, sizeof *t);
    if (!roots || !t) {
        ag_mfree(&mem, roots);
        ag_mfree(&mem, t);
        return ag_err(err, AIGOV_ENOMEM, "out of memory compiling the rule table");
    }
    t->mem = mem;
    ag_arena_init(&t->arena, &t->mem);
    cc c;
    memset(&c, 0, sizeof c);
    c.t = t;
    c.ar = &t->arena;
    c.err = err;
    int rc = compile_all(&c, sources, n, roots);
    for (size_t i = 0; i < n; i++)
        cJSON_Delete(roots[i]);
    ag_mfree(&mem, roots);
    if (rc) {
        ag_arena_free(&t->arena);
        ag_mfree(&mem, t);
        return rc;
    }
    *out = t;
    return 0;
}
