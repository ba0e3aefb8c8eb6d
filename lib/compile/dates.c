/* applies_from: date cases, the blocks of them that several rules share, and named date
 * cases (a source's "dates"), which rules name instead of repeating the cases. */
#include "compile/compiler.h"

/* The date cases of rule r are compiled once for every rule that has the same ones
 * (about a hundred high-risk duties share one Art. 111/113 block): r then points at
 * the first rule's cases, and the evaluator, which remembers a block's outcome for one
 * evaluation, works them out once for all of them. The copy's conditions stay among
 * r's own expressions (unused), so the rule's range of expressions is unchanged. */
static void share_dates(cc *c, ag_rule *r)
{
    struct sidx *x = &c->date_idx;
    uint32_t h = ag_cc_dates_hash(c, r) & x->mask;
    for (;; h = (h + 1) & x->mask) { /* the table holds at most one slot per rule: never full */
        int32_t k = x->slot[h];
        if (k < 0)
            break;
        const ag_rule *o = &c->rules_out[k];
        if (o->dates_n != r->dates_n)
            continue;
        uint32_t i = 0;
        for (; i < r->dates_n; i++) {
            const ag_date_case *a = &c->dates[o->dates_first + i], *b = &c->dates[r->dates_first + i];
            if (a->date != b->date || a->not_before != b->not_before || (a->cond < 0) != (b->cond < 0) ||
                (a->cond >= 0 && !ag_cc_expr_equal(c, a->cond, b->cond)))
                break;
        }
        if (i == r->dates_n) {
            c->n_dates = r->dates_first; /* r's copy was the last compiled: given back */
            r->dates_first = o->dates_first;
            return;
        }
    }
    x->slot[h] = (int32_t)(r - c->rules_out);
}

/* ---- named date cases ------------------------------------------------------------ */

static const char *db_name(const cc *c, int32_t i) { return c->db[i].id; }

/* A name, not a date: a date "YYYY-MM-DD" has dashes, which no name has. */
static int is_name(const cJSON *v) { return cJSON_IsString(v) && ag_cc_valid_dotted(v->valuestring, 2); }

static int find_named(const cc *c, const cJSON *v)
{
    return is_name(v) ? ag_cc_sidx_find(c, &c->db_idx, db_name, v->valuestring) : -1;
}

/* The names and citations of the named date cases, before anything is counted: rules and
 * other date cases look them up by name. */
int ag_cc_date_names(cc *c)
{
    static const char *const keys[] = {"id", "citation", "description", "cases", NULL};
    int rc;
    c->db = ag_cc_alloc_n(c, c->n_dsrc + 1, sizeof(dblock));
    if (!c->db)
        return ag_cc_oom(c);
    memset(c->db, 0, (c->n_dsrc + 1) * sizeof(dblock));
    if ((rc = ag_cc_sidx_init(c, &c->db_idx, c->n_dsrc)))
        return rc;
    for (size_t i = 0; i < c->n_dsrc; i++) {
        const origin *o = &c->dsrc[i];
        dblock *b = &c->db[i];
        b->o = *o;
        ag_cc_set_origin(c, o);
        c->rule_id = NULL;
        if (!cJSON_IsObject(o->j))
            return ag_cc_fail(c, AIGOV_ERULES, "a named date case is an object {\"id\", \"citation\", \"cases\"}");
        if ((rc = ag_cc_check_keys(c, o->j, keys)))
            return rc;
        const char *id = ag_cc_get_str(c, o->j, "id", 1, 120, &rc);
        if (rc)
            return rc;
        c->rule_id = id; /* errors below name it */
        if (!ag_cc_valid_dotted(id, 2))
            return ag_cc_fail(c, AIGOV_ERULES, "date case name '%s' must match ^[a-z0-9]+(\\.[a-z0-9_]+)+$", id);
        int dup = ag_cc_sidx_find(c, &c->db_idx, db_name, id);
        if (dup >= 0)
            return ag_cc_fail(c, AIGOV_ERULES, "duplicate date case name '%s' (the first is in %s)", id,
                              c->db[dup].o.src);
        if (!(b->id = ag_cc_dup_str(c, id)))
            return ag_cc_oom(c);
        (void)ag_cc_get_str(c, o->j, "citation", 1, 200, &rc);
        if (rc)
            return rc;
        (void)ag_cc_get_str(c, o->j, "description", 0, 4000, &rc);
        if (rc)
            return rc;
        const cJSON *cases = ag_json_get(o->j, "cases");
        if (!cJSON_IsArray(cases) || cJSON_GetArraySize(cases) < 1) {
            ag_path_key(&c->path, "cases");
            return ag_cc_fail(c, AIGOV_ERULES, "'cases' is a non-empty array of date cases");
        }
        ag_cc_sidx_add(c, &c->db_idx, db_name, (int32_t)i);
    }
    return 0;
}

/* How many cases named date case i stands for, those it uses spliced in. A cycle counts
 * nothing here: compiling reports it. */
static uint64_t named_size(cc *c, size_t i)
{
    dblock *b = &c->db[i];
    if (b->counted)
        return b->counted == 2 ? b->size : 0;
    b->counted = 1;
    uint64_t n = 0;
    for (const cJSON *k = ag_json_get(b->o.j, "cases")->child; k; k = k->next) {
        int u = cJSON_IsObject(k) && ag_json_get(k, "use") ? find_named(c, ag_json_get(k, "use")) : -2;
        n += u == -2 ? 1 : u >= 0 ? named_size(c, (size_t)u) : 0;
        if (n > (1u << 24))
            n = 1u << 24; /* more than any table may hold: refused below */
    }
    b->counted = 2;
    b->size = (uint32_t)n;
    return n;
}

static int count_cases(cc *c, const cJSON *arr, uint64_t *dates, uint32_t *exprs, uint32_t *kids)
{
    for (const cJSON *k = arr->child; k; k = k->next) {
        const cJSON *u = cJSON_IsObject(k) ? ag_json_get(k, "use") : NULL;
        if (u) {
            int b = find_named(c, u);
            *dates += b >= 0 ? named_size(c, (size_t)b) : 0;
            continue;
        }
        (*dates)++;
        const cJSON *cond = cJSON_IsObject(k) ? ag_json_get(k, "if") : NULL;
        if (cond && ag_cc_count_expr(cond, 1, exprs, kids))
            return ag_cc_fail(c, AIGOV_ERULES, "condition nested deeper than %d", AG_MAX_EXPR_DEPTH);
    }
    return 0;
}

static int too_many(cc *c, uint64_t dates, uint32_t *out)
{
    if (dates + *out > (1u << 24))
        return ag_cc_fail(c, AIGOV_ELIMIT, "more than %u date cases once named ones are spliced in", 1u << 24);
    *out += (uint32_t)dates;
    return 0;
}

/* Storage for a rule's applies_from: a name takes none (the rule points at the named cases). */
int ag_cc_count_dates(cc *c, const cJSON *af, uint32_t *dates, uint32_t *exprs, uint32_t *kids)
{
    uint64_t n = 0;
    int rc;
    if (cJSON_IsArray(af)) {
        if ((rc = count_cases(c, af, &n, exprs, kids)))
            return rc;
    } else if (!is_name(af)) {
        n = 1;
    }
    return too_many(c, n, dates);
}

int ag_cc_count_named_dates(cc *c, uint32_t *dates, uint32_t *exprs, uint32_t *kids)
{
    for (size_t i = 0; i < c->n_dsrc; i++) {
        uint64_t n = 0;
        int rc;
        ag_cc_set_origin(c, &c->dsrc[i]);
        c->rule_id = c->db[i].id;
        /* its own cases' conditions, compiled once; what it uses is counted with that */
        if ((rc = count_cases(c, ag_json_get(c->db[i].o.j, "cases"), &n, exprs, kids)) ||
            (rc = too_many(c, named_size(c, i), dates)))
            return rc;
    }
    return 0;
}

/* ---- cases ------------------------------------------------------------------------ */

/* One case {"if": cond, "date": d, "not_before": F, "citation": "..."} (the path at it). */
static int compile_case(cc *c, const cJSON *k, ag_date_case *dc)
{
    static const char *const keys[] = {"if", "date", "not_before", "citation", NULL};
    int rc;
    if (!cJSON_IsObject(k))
        return ag_cc_fail(c, AIGOV_ERULES, "a date case is {\"if\": condition, \"date\": date} or {\"use\": name}");
    if ((rc = ag_cc_check_keys(c, k, keys)))
        return rc;
    const cJSON *cond = ag_json_get(k, "if"), *d = ag_json_get(k, "date");
    if (!d)
        return ag_cc_fail(c, AIGOV_ERULES, "a date case needs 'date'");
    size_t m = ag_path_key(&c->path, "date");
    if ((rc = ag_cc_parse_date_json(c, d, &dc->date)))
        return rc;
    ag_path_pop(&c->path, m);
    /* the provision a case stands for, for the reviewer: checked for shape, not kept */
    (void)ag_cc_get_str(c, k, "citation", 0, 200, &rc);
    if (rc)
        return rc;
    dc->not_before = 0;
    const cJSON *nb = ag_json_get(k, "not_before");
    if (nb) {
        int fi = cJSON_IsString(nb) ? ag_cc_find_fact(c, nb->valuestring) : -1;
        if (fi < 0 || c->facts_out[fi].type != AG_T_DATE)
            return ag_cc_fail(c, AIGOV_ERULES, "'not_before' names a date fact");
        dc->not_before = fi + 1;
    }
    dc->cond = -1;
    if (cond) {
        m = ag_path_key(&c->path, "if");
        if ((rc = ag_cc_cexpr(c, cond, 1, &dc->cond)))
            return rc;
        ag_path_pop(&c->path, m);
    }
    return 0;
}

static int compile_named(cc *c, size_t i);

/* The named date case that {"use": name} names (the path at the case), compiled. */
static int resolve_use(cc *c, const cJSON *k, int *out)
{
    const cJSON *u = ag_json_get(k, "use");
    size_t m = ag_path_key(&c->path, "use");
    if (cJSON_GetArraySize(k) != 1)
        return ag_cc_fail(c, AIGOV_ERULES, "a case that uses a named date case has no other key");
    int b = find_named(c, u);
    if (b < 0)
        return ag_cc_fail(c, AIGOV_ERULES, "unknown date case %s%s%s (named date cases are defined under \"dates\")",
                          cJSON_IsString(u) ? "'" : "", cJSON_IsString(u) ? u->valuestring : "(expected a name)",
                          cJSON_IsString(u) ? "'" : "");
    if (c->db[b].state == 1)
        return ag_cc_fail(c, AIGOV_ERULES, "date case '%s' uses itself through named date cases", c->db[b].id);
    c->db[b].used = 1;
    const char *src = c->src, *rid = c->rule_id;
    ag_path saved = c->path;
    int rc = compile_named(c, (size_t)b);
    if (rc)
        return rc;
    c->src = src;
    c->rule_id = rid;
    c->path = saved;
    ag_path_pop(&c->path, m);
    *out = b;
    return 0;
}

/* The cases of array arr (the path at it), named ones spliced in, appended to c->dates.
 * A case without 'if' ends the cases; `complete`: the last one has none (a rule's). */
static int compile_cases(cc *c, const cJSON *arr, int complete, uint32_t *first, uint32_t *n)
{
    static const char *const last_msg = "every date case but the last has 'if'; the last has none";
    int rc, i = 0, cnt = cJSON_GetArraySize(arr);
    /* first what the cases use, so these cases stay contiguous */
    for (const cJSON *k = arr->child; k; k = k->next, i++) {
        if (!cJSON_IsObject(k) || !ag_json_get(k, "use"))
            continue;
        size_t m = ag_path_index(&c->path, (size_t)i);
        int b;
        if ((rc = resolve_use(c, k, &b)))
            return rc;
        ag_path_pop(&c->path, m);
    }
    *first = c->n_dates;
    int closed = 0;
    i = 0;
    for (const cJSON *k = arr->child; k; k = k->next, i++) {
        size_t m = ag_path_index(&c->path, (size_t)i);
        if (cJSON_IsObject(k) && ag_json_get(k, "use")) {
            const dblock *b = &c->db[find_named(c, ag_json_get(k, "use"))];
            if (closed)
                return ag_cc_fail(c, AIGOV_ERULES, "%s", last_msg);
            memcpy(&c->dates[c->n_dates], &c->dates[b->first], b->n * sizeof(ag_date_case));
            c->n_dates += b->n;
            closed = c->dates[c->n_dates - 1].cond < 0;
            if (closed && i < cnt - 1)
                return ag_cc_fail(c, AIGOV_ERULES,
                                  "date case '%s' ends with a case without 'if': no case after it applies", b->id);
            if (!closed && complete && i == cnt - 1)
                return ag_cc_fail(c, AIGOV_ERULES,
                                  "date case '%s' ends with a case that has 'if': the rule's last case has none",
                                  b->id);
        } else {
            ag_date_case *dc = &c->dates[c->n_dates];
            if ((rc = compile_case(c, k, dc)))
                return rc;
            c->n_dates++;
            closed = dc->cond < 0;
            if ((closed && i < cnt - 1) || (!closed && complete && i == cnt - 1))
                return ag_cc_fail(c, AIGOV_ERULES, "%s", last_msg);
        }
        ag_path_pop(&c->path, m);
    }
    *n = c->n_dates - *first;
    return 0;
}

static int compile_named(cc *c, size_t i)
{
    dblock *b = &c->db[i];
    if (b->state == 2)
        return 0;
    b->state = 1;
    ag_cc_set_origin(c, &b->o);
    c->rule_id = b->id;
    size_t m = ag_path_key(&c->path, "cases");
    int rc = compile_cases(c, ag_json_get(b->o.j, "cases"), 0, &b->first, &b->n);
    if (rc)
        return rc;
    ag_path_pop(&c->path, m);
    b->state = 2;
    return 0;
}

/* Every named date case, before the rules that name them. */
int ag_cc_compile_named_dates(cc *c)
{
    for (size_t i = 0; i < c->n_dsrc; i++) {
        int rc = compile_named(c, i);
        if (rc)
            return rc;
    }
    return 0;
}

/* A named date case nothing names is a mistake (a rule meant to name it names another). */
int ag_cc_check_named_dates_used(cc *c)
{
    for (size_t i = 0; i < c->n_dsrc; i++) {
        if (c->db[i].used)
            continue;
        ag_cc_set_origin(c, &c->dsrc[i]);
        c->rule_id = c->db[i].id;
        return ag_cc_fail(c, AIGOV_ERULES, "date case '%s' is named by no rule and no other date case",
                          c->db[i].id);
    }
    return 0;
}

/* ---- a rule's applies_from ------------------------------------------------------- */

int ag_cc_compile_dates(cc *c, const cJSON *af, ag_rule *r)
{
    size_t mark = ag_path_key(&c->path, "applies_from");
    int rc;
    r->dates_first = c->n_dates;
    if (is_name(af)) { /* a named date case: the rule points at its cases */
        int b = find_named(c, af);
        if (b < 0)
            return ag_cc_fail(c, AIGOV_ERULES, "unknown date case '%s' (named date cases are defined under \"dates\")",
                              af->valuestring);
        const dblock *d = &c->db[b];
        if (c->dates[d->first + d->n - 1].cond >= 0)
            return ag_cc_fail(c, AIGOV_ERULES,
                              "date case '%s' ends with a case that has 'if': the rule's last case has none", d->id);
        c->db[b].used = 1;
        r->dates_first = d->first;
        r->dates_n = d->n;
    } else if (cJSON_IsString(af)) {
        ag_date_case *dc = &c->dates[c->n_dates++];
        dc->cond = -1;
        dc->not_before = 0;
        if ((rc = ag_cc_parse_date_json(c, af, &dc->date)))
            return rc;
        r->dates_n = 1;
        share_dates(c, r);
    } else if (cJSON_IsArray(af) && cJSON_GetArraySize(af) >= 1) {
        ag_path saved = c->path;
        const char *src = c->src, *rid = c->rule_id;
        if ((rc = compile_cases(c, af, 1, &r->dates_first, &r->dates_n)))
            return rc;
        c->path = saved; /* resolve_use restores it too: kept simple here */
        c->src = src;
        c->rule_id = rid;
        share_dates(c, r);
    } else {
        return ag_cc_fail(c, AIGOV_ERULES,
                          "applies_from is a date, the name of a date case or a non-empty array of date cases");
    }
    r->earliest = INT32_MAX;
    for (uint32_t k = 0; k < r->dates_n; k++)
        if (c->dates[r->dates_first + k].date < r->earliest)
            r->earliest = c->dates[r->dates_first + k].date;
    ag_path_pop(&c->path, mark);
    return 0;
}
