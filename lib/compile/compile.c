#include "compile/compile.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile/json_in.h"
#include "util/date.h"
#include "util/error.h"
#include "util/sha256.h"

/* Where an item came from, for error messages. */
typedef struct origin {
    const cJSON *j;
    const char *src;
    const char *section; /* "facts", "evidence", "rules" */
    size_t index;
} origin;

typedef struct cc {
    aigov_table *t;
    ag_arena *ar;
    aigov_error *err;
    ag_path path;
    const char *src;
    const char *rule_id;
    origin *facts, *evs, *rules, *pens;
    size_t n_facts_src, n_evs, n_rules, n_pens;
    const cJSON *penalty_facts;
    /* mutable views of the table's arrays */
    ag_fact *facts_out;
    ag_node *nodes;
    ag_evidence *ev_out;
    ag_expr *exprs;
    int32_t *kids;
    ag_date_case *dates;
    int32_t *rule_ev;
    ag_rule *rules_out;
    uint32_t n_exprs, n_kids, n_dates, n_rule_ev, n_nodes, n_xw;
    ag_penalty *pens_out;
    int32_t *xw;
    /* hash indices of ids: every lookup is O(1), so compiling stays linear in the rule set */
    struct sidx { int32_t *slot; uint32_t mask; } fact_idx, rule_idx, soa_idx;
} cc;

const char *const ag_role_names[AG_N_ROLES] = {"provider",    "deployer",
                                               "importer",    "distributor",
                                               "authorised_representative",
                                               "product_manufacturer", "organisation"};
const char *const ag_class_names[AG_C_COUNT] = {"out_of_scope", "prohibited", "high_risk",
                                                "limited",      "gpai",       "gpai_systemic"};
static const char *const ev_states[] = {"implemented", "partial", "planned", "absent"};

static int fail(cc *c, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int fail(cc *c, int code, const char *fmt, ...)
{
    if (c->err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err->message, sizeof c->err->message, fmt, ap);
        va_end(ap);
        c->err->code = code;
        ag_err_path(c->err, c->path.s);
        ag_err_source(c->err, c->src, c->rule_id);
    }
    return code;
}

static int check_keys(cc *c, const cJSON *obj, const char *const *allowed)
{
    int rc = ag_json_check_keys(obj, allowed, &c->path, c->err);
    if (rc)
        ag_err_source(c->err, c->src, c->rule_id);
    return rc;
}

static int oom(cc *c) { return fail(c, AIGOV_ENOMEM, "out of memory compiling the rule table"); }

static void *alloc_n(cc *c, size_t count, size_t size) /* size: a sizeof, never 0 */
{
    if (count > ((size_t)1 << 30) / size)
        return NULL;
    return ag_arena_alloc(c->ar, count * size);
}

static char *dup_str(cc *c, const char *s) { return ag_arena_strdup(c->ar, s); }

static int is_ident_char(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; }

/* Dotted lowercase identifier; min_segments >= 1. Every caller passes a string get_str has
 * checked to be non-empty and at most 120 bytes (an empty one fails below anyway: its only
 * segment is empty). */
static int valid_dotted(const char *s, int min_segments)
{
    int segs = 0;
    size_t seglen = 0;
    for (const char *p = s;; p++) {
        if (*p == '.' || *p == '\0') {
            if (seglen == 0)
                return 0;
            segs++;
            seglen = 0;
            if (*p == '\0')
                break;
        } else if (is_ident_char(*p)) {
            seglen++;
        } else {
            return 0;
        }
    }
    return segs >= min_segments;
}

static const char *get_str(cc *c, const cJSON *obj, const char *key, int required, size_t maxlen,
                           int *rc)
{
    const cJSON *v = ag_json_get(obj, key);
    *rc = 0;
    if (!v) {
        if (required) {
            *rc = fail(c, AIGOV_ERULES, "missing required key '%s'", key);
        }
        return NULL;
    }
    size_t mark = ag_path_key(&c->path, key);
    if (!cJSON_IsString(v)) { /* a parsed string always has its valuestring */
        *rc = fail(c, AIGOV_ERULES, "'%s' must be a string", key);
    } else if (strlen(v->valuestring) == 0 || strlen(v->valuestring) > maxlen) {
        *rc = fail(c, AIGOV_ERULES, "'%s' must be a non-empty string of at most %zu bytes", key,
                   maxlen);
    }
    ag_path_pop(&c->path, mark);
    return *rc ? NULL : v->valuestring;
}

static int parse_date_json(cc *c, const cJSON *v, int32_t *out)
{
    if (!cJSON_IsString(v) || ag_date_parse(v->valuestring, strlen(v->valuestring), out) != 0)
        return fail(c, AIGOV_ERULES, "expected a date \"YYYY-MM-DD\" (a real calendar day)");
    return 0;
}

/* ---- id indices: open addressing over indices into facts_out / rules_out ---------- */

typedef const char *(*sidx_name)(const cc *c, int32_t i);
static const char *fact_name(const cc *c, int32_t i) { return c->facts_out[i].id; }
static const char *rule_name(const cc *c, int32_t i) { return c->rules_out[i].id; }
static const char *soa_name(const cc *c, int32_t i) { return c->rules_out[i].soa_control; }
static const char *ev_name(const cc *c, int32_t i) { return c->ev_out[i].id; }

static int sidx_init(cc *c, struct sidx *x, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2)
        cap *= 2;
    if (!(x->slot = alloc_n(c, cap, sizeof(int32_t))))
        return oom(c);
    memset(x->slot, 0xff, cap * sizeof(int32_t)); /* -1: empty */
    x->mask = (uint32_t)(cap - 1);
    return 0;
}

static uint32_t sidx_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot holding id, or the empty slot where it would go. */
static uint32_t sidx_slot(const cc *c, const struct sidx *x, sidx_name name, const char *id)
{
    uint32_t h = sidx_hash(id) & x->mask;
    while (x->slot[h] >= 0 && strcmp(name(c, x->slot[h]), id) != 0)
        h = (h + 1) & x->mask;
    return h;
}

static int sidx_find(const cc *c, const struct sidx *x, sidx_name name, const char *id)
{
    return x->slot ? x->slot[sidx_slot(c, x, name, id)] : -1;
}

/* Adds entry i (its id already set); an id already there keeps its first entry. */
static void sidx_add(const cc *c, struct sidx *x, sidx_name name, int32_t i)
{
    uint32_t h = sidx_slot(c, x, name, name(c, i));
    if (x->slot[h] < 0)
        x->slot[h] = i;
}

static int find_fact(const cc *c, const char *id) { return sidx_find(c, &c->fact_idx, fact_name, id); }
static int find_rule(const cc *c, const char *id) { return sidx_find(c, &c->rule_idx, rule_name, id); }

static int find_value(const ag_fact *f, const char *v)
{
    for (unsigned i = 0; i < f->n_values; i++)
        if (strcmp(f->values[i], v) == 0)
            return (int)i;
    return -1;
}

/* ---- manifest ------------------------------------------------------------- */

static int compile_manifest(cc *c, const cJSON *m)
{
    static const char *const keys[] = {"revision", "frameworks", "penalty_facts", NULL};
    size_t mark = ag_path_key(&c->path, "manifest");
    int rc = 0;
    if (!cJSON_IsObject(m)) {
        rc = fail(c, AIGOV_ERULES, "manifest must be an object");
        goto out;
    }
    if ((rc = check_keys(c, m, keys)))
        goto out;
    const char *rev = get_str(c, m, "revision", 1, 64, &rc);
    if (rc)
        goto out;
    const cJSON *fw = ag_json_get(m, "frameworks");
    size_t m2 = ag_path_key(&c->path, "frameworks");
    if (!cJSON_IsArray(fw) || cJSON_GetArraySize(fw) < 1 || cJSON_GetArraySize(fw) > 16) {
        rc = fail(c, AIGOV_ERULES, "frameworks must be an array of 1 to 16 frameworks");
        goto out;
    }
    uint32_t n = (uint32_t)cJSON_GetArraySize(fw);
    const char **ids = alloc_n(c, n, sizeof *ids), **names = alloc_n(c, n, sizeof *names);
    if (!ids || !names) {
        rc = oom(c);
        goto out;
    }
    uint32_t i = 0;
    for (const cJSON *f = fw->child; f; f = f->next, i++) {
        static const char *const fkeys[] = {"id", "name", NULL};
        size_t m3 = ag_path_index(&c->path, i);
        if (!cJSON_IsObject(f)) {
            rc = fail(c, AIGOV_ERULES, "a framework must be an object {id, name}");
            goto out;
        }
        if ((rc = check_keys(c, f, fkeys)))
            goto out;
        const char *id = get_str(c, f, "id", 1, 32, &rc);
        if (rc)
            goto out;
        const char *name = get_str(c, f, "name", 1, 200, &rc);
        if (rc)
            goto out;
        if (!valid_dotted(id, 1) || strchr(id, '.')) {
            rc = fail(c, AIGOV_ERULES, "framework id '%s' must match ^[a-z0-9_]+$", id);
            goto out;
        }
        for (uint32_t k = 0; k < i; k++)
            if (strcmp(ids[k], id) == 0) {
                rc = fail(c, AIGOV_ERULES, "duplicate framework id '%s'", id);
                goto out;
            }
        if (!(ids[i] = dup_str(c, id)) || !(names[i] = dup_str(c, name))) {
            rc = oom(c);
            goto out;
        }
        ag_path_pop(&c->path, m3);
    }
    ag_path_pop(&c->path, m2);
    if (!(c->t->revision = dup_str(c, rev))) {
        rc = oom(c);
        goto out;
    }
    c->t->framework_ids = ids;
    c->t->framework_names = names;
    c->t->n_frameworks = n;
    c->penalty_facts = ag_json_get(m, "penalty_facts");
out:
    if (!rc)
        ag_path_pop(&c->path, mark);
    return rc;
}

/* ---- facts and evidence ------------------------------------------------- */

static const char *const type_names[] = {"bool", "enum", "set", "number", "date", "string", NULL};

static void set_origin(cc *c, const origin *o)
{
    c->src = o->src;
    ag_path_root(&c->path);
    ag_path_key(&c->path, o->section);
    ag_path_index(&c->path, o->index);
}

static int compile_fact(cc *c, const origin *o, ag_fact *f)
{
    static const char *const keys[] = {"id",  "type", "values", "min",    "max", "max_length",
                                       "description", "ask", "source", NULL};
    const cJSON *j = o->j;
    int rc;
    set_origin(c, o);
    c->rule_id = NULL;
    if (!cJSON_IsObject(j))
        return fail(c, AIGOV_ERULES, "a fact must be an object");
    if ((rc = check_keys(c, j, keys)))
        return rc;
    const char *id = get_str(c, j, "id", 1, 120, &rc);
    if (rc)
        return rc;
    if (!valid_dotted(id, 1) || strncmp(id, "evidence.", 9) == 0 ||
        strcmp(id, "descriptor_version") == 0)
        return fail(c, AIGOV_ERULES,
                    "fact id '%s' must be dotted lowercase segments [a-z0-9_] (not under "
                    "'evidence.', which evidence items own)",
                    id);
    c->rule_id = id;
    const char *type = get_str(c, j, "type", 1, 16, &rc);
    if (rc)
        return rc;
    int ti = -1;
    for (int k = 0; type_names[k]; k++)
        if (strcmp(type_names[k], type) == 0)
            ti = k;
    if (ti < 0)
        return fail(c, AIGOV_ERULES, "unknown fact type '%s'; expected bool, enum, set, number, "
                                     "date or string",
                    type);
    f->type = (uint8_t)ti;
    f->evidence = -1;
    const char *desc = get_str(c, j, "description", 1, 2000, &rc);
    if (rc)
        return rc;
    const char *ask = get_str(c, j, "ask", 1, 500, &rc);
    if (rc)
        return rc;
    const char *source = get_str(c, j, "source", 0, 300, &rc);
    if (rc)
        return rc;
    const cJSON *values = ag_json_get(j, "values");
    int wants_values = f->type == AG_T_ENUM || f->type == AG_T_SET;
    if (wants_values != (values != NULL))
        return fail(c, AIGOV_ERULES, wants_values ? "enum and set facts need 'values'"
                                                  : "only enum and set facts take 'values'");
    if (values) {
        size_t mark = ag_path_key(&c->path, "values");
        int n = cJSON_GetArraySize(values);
        if (!cJSON_IsArray(values) || n < 1 || n > AG_MAX_VALUES)
            return fail(c, AIGOV_ERULES, "values must be an array of 1 to %d strings", AG_MAX_VALUES);
        const char **vals = alloc_n(c, (size_t)n, sizeof *vals);
        if (!vals)
            return oom(c);
        int i = 0;
        for (const cJSON *v = values->child; v; v = v->next, i++) {
            size_t m2 = ag_path_index(&c->path, (size_t)i);
            if (!cJSON_IsString(v) || !*v->valuestring || strlen(v->valuestring) > 64)
                return fail(c, AIGOV_ERULES, "a value must be a non-empty string of at most 64 bytes");
            for (int k = 0; k < i; k++)
                if (strcmp(vals[k], v->valuestring) == 0)
                    return fail(c, AIGOV_ERULES, "duplicate value '%s'", v->valuestring);
            if (!(vals[i] = dup_str(c, v->valuestring)))
                return oom(c);
            ag_path_pop(&c->path, m2);
        }
        f->values = vals;
        f->n_values = (uint8_t)n;
        ag_path_pop(&c->path, mark);
    }
    const cJSON *mn = ag_json_get(j, "min"), *mx = ag_json_get(j, "max");
    if (f->type == AG_T_NUMBER) {
        if (!cJSON_IsNumber(mn) || !cJSON_IsNumber(mx) || mn->valuedouble > mx->valuedouble)
            return fail(c, AIGOV_ERULES, "number facts need numeric 'min' <= 'max'");
        f->min = mn->valuedouble;
        f->max = mx->valuedouble;
    } else if (mn || mx) {
        return fail(c, AIGOV_ERULES, "only number facts take 'min' and 'max'");
    }
    const cJSON *ml = ag_json_get(j, "max_length");
    if (f->type == AG_T_STRING) {
        if (!cJSON_IsNumber(ml) || ml->valuedouble < 1 || ml->valuedouble > 4096 ||
            ml->valuedouble != (double)(int)ml->valuedouble)
            return fail(c, AIGOV_ERULES, "string facts need an integer 'max_length' from 1 to 4096");
        f->max_length = (uint32_t)ml->valuedouble;
    } else if (ml) {
        return fail(c, AIGOV_ERULES, "only string facts take 'max_length'");
    }
    if (!(f->id = dup_str(c, id)) || !(f->description = dup_str(c, desc)) ||
        !(f->ask = dup_str(c, ask)) || !(f->source = dup_str(c, source ? source : "")))
        return oom(c);
    return 0;
}

static int compile_evidence(cc *c, const origin *o, ag_evidence *e, ag_fact *f)
{
    static const char *const keys[] = {"id", "title", "description", "iso", "implied_by", NULL};
    const cJSON *j = o->j;
    int rc;
    set_origin(c, o);
    c->rule_id = NULL;
    if (!cJSON_IsObject(j))
        return fail(c, AIGOV_ERULES, "an evidence item must be an object");
    if ((rc = check_keys(c, j, keys)))
        return rc;
    const char *id = get_str(c, j, "id", 1, 100, &rc);
    if (rc)
        return rc;
    if (!valid_dotted(id, 1) || strchr(id, '.'))
        return fail(c, AIGOV_ERULES, "evidence id '%s' must match ^[a-z0-9_]+$", id);
    c->rule_id = id;
    const char *title = get_str(c, j, "title", 1, 200, &rc);
    if (rc)
        return rc;
    const char *desc = get_str(c, j, "description", 1, 2000, &rc);
    if (rc)
        return rc;
    const cJSON *iso = ag_json_get(j, "iso");
    if (iso) {
        size_t mark = ag_path_key(&c->path, "iso");
        int n = cJSON_GetArraySize(iso);
        if (!cJSON_IsArray(iso) || n > 64)
            return fail(c, AIGOV_ERULES, "iso must be an array of clause or control numbers");
        const char **v = alloc_n(c, (size_t)n, sizeof *v);
        if (!v)
            return oom(c);
        int i = 0;
        for (const cJSON *x = iso->child; x; x = x->next, i++)
            if (!cJSON_IsString(x) || !*x->valuestring || !(v[i] = dup_str(c, x->valuestring)))
                return cJSON_IsString(x) && *x->valuestring
                           ? oom(c)
                           : fail(c, AIGOV_ERULES, "iso entries must be non-empty strings");
        e->iso = v;
        e->n_iso = (uint32_t)n;
        ag_path_pop(&c->path, mark);
    }
    char fid[128];
    snprintf(fid, sizeof fid, "evidence.%s", id);
    /* The question carries what the item requires (its description, with the
     * text's qualifiers), not only its title. */
    int n = snprintf(NULL, 0,
                     "What is the state of the evidence '%s' (implemented, partial, planned or "
                     "absent)? Required: %s",
                     title, desc);
    char *ask = n > 0 ? alloc_n(c, (size_t)n + 1, 1) : NULL;
    if (!ask)
        return oom(c);
    snprintf(ask, (size_t)n + 1,
             "What is the state of the evidence '%s' (implemented, partial, planned or "
             "absent)? Required: %s",
             title, desc);
    f->ask = ask;
    if (!(e->id = dup_str(c, id)) || !(e->title = dup_str(c, title)) ||
        !(e->description = dup_str(c, desc)) || !(f->id = dup_str(c, fid)))
        return oom(c);
    f->type = AG_T_EVIDENCE;
    f->values = ev_states;
    f->n_values = 4;
    f->description = e->description;
    f->source = "";
    return 0;
}

/* Builds the descriptor tree from the fact ids; rejects a fact that is also
 * the prefix of another (it would have to be both a value and an object). */
static int build_nodes(cc *c, uint32_t max_nodes)
{
    ag_node *nodes = c->nodes;
    nodes[0] = (ag_node){"$", -1, -1, -1, -1};
    uint32_t n = 1;
    for (uint32_t fi = 0; fi < c->t->n_facts; fi++) {
        const char *id = c->facts_out[fi].id;
        int32_t cur = 0;
        const char *p = id;
        while (*p) {
            const char *dot = strchr(p, '.');
            size_t len = dot ? (size_t)(dot - p) : strlen(p);
            int32_t found = -1, last = -1;
            for (int32_t k = nodes[cur].first_child; k >= 0; k = nodes[k].next_sibling) {
                if (strlen(nodes[k].key) == len && memcmp(nodes[k].key, p, len) == 0)
                    found = k;
                last = k;
            }
            int is_leaf = dot == NULL;
            if (found >= 0) {
                if (is_leaf || nodes[found].fact >= 0) {
                    ag_path_root(&c->path);
                    c->src = "(fact catalogue)";
                    c->rule_id = id;
                    return fail(c, AIGOV_ERULES,
                                "fact '%s' collides with another fact: a path cannot be both a "
                                "value and an object",
                                id);
                }
                cur = found;
            } else {
                if (n >= max_nodes)
                    return oom(c);
                char *key = ag_arena_alloc(c->ar, len + 1);
                if (!key)
                    return oom(c);
                memcpy(key, p, len);
                nodes[n] = (ag_node){key, cur, -1, -1, is_leaf ? (int32_t)fi : -1};
                if (last >= 0)
                    nodes[last].next_sibling = (int32_t)n;
                else
                    nodes[cur].first_child = (int32_t)n;
                cur = (int32_t)n++;
            }
            p = dot ? dot + 1 : p + len;
        }
    }
    c->n_nodes = n;
    return 0;
}

static uint32_t pow2_at_least(uint32_t n)
{
    uint32_t p = 16;
    while (p < n)
        p *= 2;
    return p;
}

/* Hash indexes over descriptor keys and enum values (see table.h). */
static int build_indexes(cc *c)
{
    aigov_table *t = c->t;
    uint32_t nsize = pow2_at_least(c->n_nodes * 2);
    int32_t *ni = alloc_n(c, nsize, sizeof *ni);
    uint32_t n_values = 0;
    for (uint32_t f = 0; f < t->n_facts; f++)
        if (c->facts_out[f].type == AG_T_ENUM || c->facts_out[f].type == AG_T_SET)
            n_values += c->facts_out[f].n_values;
    uint32_t vsize = pow2_at_least(n_values * 2);
    int32_t *vi = alloc_n(c, vsize, sizeof *vi);
    if (!ni || !vi)
        return oom(c);
    memset(ni, 0xff, nsize * sizeof *ni);
    memset(vi, 0xff, vsize * sizeof *vi);
    for (uint32_t k = 1; k < c->n_nodes; k++) {
        const ag_node *n = &c->nodes[k];
        uint32_t h = ag_key_hash(n->parent, n->key, strlen(n->key)) & (nsize - 1);
        while (ni[h] >= 0)
            h = (h + 1) & (nsize - 1);
        ni[h] = (int32_t)k;
    }
    for (uint32_t f = 0; f < t->n_facts; f++) {
        const ag_fact *fa = &c->facts_out[f];
        if (fa->type != AG_T_ENUM && fa->type != AG_T_SET)
            continue;
        for (uint32_t v = 0; v < fa->n_values; v++) {
            uint32_t h = ag_key_hash((int32_t)f, fa->values[v], strlen(fa->values[v])) & (vsize - 1);
            while (vi[h] >= 0)
                h = (h + 1) & (vsize - 1);
            vi[h] = (int32_t)(f << 8 | v);
        }
    }
    t->node_index = ni;
    t->node_index_mask = nsize - 1;
    t->value_index = vi;
    t->value_index_mask = vsize - 1;
    return 0;
}

/* ---- penalty tiers and the facts they read ----------------------------------- */

static int higher_lower(cc *c, const cJSON *j, const char *key, uint8_t *lower)
{
    const cJSON *v = ag_json_get(j, key);
    if (!v)
        return fail(c, AIGOV_ERULES, "missing required key '%s' (higher or lower)", key);
    if (!cJSON_IsString(v) || (strcmp(v->valuestring, "higher") && strcmp(v->valuestring, "lower")))
        return fail(c, AIGOV_ERULES, "'%s' must be \"higher\" or \"lower\"", key);
    *lower = v->valuestring[0] == 'l';
    return 0;
}

static int size_values(cc *c, const cJSON *pf, const char *key, const ag_fact *size, uint64_t *mask)
{
    const cJSON *a = ag_json_get(pf, key);
    size_t mark = ag_path_key(&c->path, key);
    if (!cJSON_IsArray(a))
        return fail(c, AIGOV_ERULES, "'%s' lists values of the size fact", key);
    for (const cJSON *v = a->child; v; v = v->next) {
        int k = cJSON_IsString(v) ? find_value(size, v->valuestring) : -1;
        if (k < 0)
            return fail(c, AIGOV_ERULES, "'%s' names a value the size fact does not have", key);
        *mask |= 1ull << k;
    }
    ag_path_pop(&c->path, mark);
    return 0;
}

static int compile_penalties(cc *c)
{
    aigov_table *t = c->t;
    int rc;
    t->penalty_facts = (ag_penalty_facts){-1, -1, -1, -1, 0, 0};
    c->pens_out = alloc_n(c, c->n_pens + 1, sizeof(ag_penalty));
    if (!c->pens_out)
        return oom(c);
    for (size_t i = 0; i < c->n_pens; i++) {
        static const char *const keys[] = {"id", "citation", "title", "fixed_eur", "turnover_percent",
                                           "undertaking", "sme", "small_mid_cap", "eu_institution_eur",
                                           "national", "applies_from", "public_authority_national", NULL};
        const origin *o = &c->pens[i];
        ag_penalty *p = &c->pens_out[i];
        set_origin(c, o);
        c->rule_id = NULL;
        if (!cJSON_IsObject(o->j))
            return fail(c, AIGOV_ERULES, "a penalty tier is an object");
        if ((rc = check_keys(c, o->j, keys)))
            return rc;
        const char *id = get_str(c, o->j, "id", 1, 40, &rc);
        if (rc)
            return rc;
        if (!valid_dotted(id, 1) || strchr(id, '.'))
            return fail(c, AIGOV_ERULES, "penalty id '%s' must match ^[a-z0-9_]+$", id);
        c->rule_id = id;
        for (size_t k = 0; k < i; k++)
            if (strcmp(c->pens_out[k].id, id) == 0)
                return fail(c, AIGOV_ERULES, "duplicate penalty id '%s'", id);
        const char *cit = get_str(c, o->j, "citation", 1, 100, &rc);
        if (rc)
            return rc;
        const char *title = get_str(c, o->j, "title", 1, 300, &rc);
        if (rc)
            return rc;
        if (!(p->id = dup_str(c, id)) || !(p->citation = dup_str(c, cit)) || !(p->title = dup_str(c, title)))
            return oom(c);
        p->applies_from = AG_DATE_NONE;
        const cJSON *af = ag_json_get(o->j, "applies_from");
        if (af) {
            size_t m2 = ag_path_key(&c->path, "applies_from");
            if ((rc = parse_date_json(c, af, &p->applies_from)))
                return rc;
            ag_path_pop(&c->path, m2);
        }
        const cJSON *pan = ag_json_get(o->j, "public_authority_national");
        if (pan && !cJSON_IsBool(pan))
            return fail(c, AIGOV_ERULES, "'public_authority_national' is true or false");
        p->public_authority_national = cJSON_IsTrue(pan);
        const cJSON *nat = ag_json_get(o->j, "national");
        p->national = cJSON_IsTrue(nat);
        if (nat && !cJSON_IsBool(nat))
            return fail(c, AIGOV_ERULES, "'national' is true or false");
        if (p->national)
            continue;
        const cJSON *fx = ag_json_get(o->j, "fixed_eur"), *pc = ag_json_get(o->j, "turnover_percent");
        const cJSON *ei = ag_json_get(o->j, "eu_institution_eur");
        if (!cJSON_IsNumber(fx) || fx->valuedouble <= 0 || !cJSON_IsNumber(pc) ||
            pc->valuedouble < 0 || pc->valuedouble > 100 || (ei && (!cJSON_IsNumber(ei) || ei->valuedouble < 0)))
            return fail(c, AIGOV_ERULES, "a tier needs fixed_eur > 0 and turnover_percent 0..100 (and eu_institution_eur >= 0)");
        p->fixed_eur = fx->valuedouble;
        p->turnover_percent = pc->valuedouble;
        p->eu_institution_eur = ei ? ei->valuedouble : 0;
        if ((rc = higher_lower(c, o->j, "undertaking", &p->undertaking_lower)) ||
            (rc = higher_lower(c, o->j, "sme", &p->sme_lower)) ||
            (rc = higher_lower(c, o->j, "small_mid_cap", &p->smc_lower)))
            return rc;
    }
    t->penalties = c->pens_out;
    t->n_penalties = (uint32_t)c->n_pens;
    if (c->penalty_facts) {
        static const char *const keys[] = {"size", "sme", "small_mid_cap", "turnover", "eu_institution",
                                           "public_authority", NULL};
        const cJSON *pf = c->penalty_facts;
        ag_path_root(&c->path);
        ag_path_key(&c->path, "manifest");
        ag_path_key(&c->path, "penalty_facts");
        c->rule_id = NULL;
        if (!cJSON_IsObject(pf))
            return fail(c, AIGOV_ERULES, "penalty_facts is an object");
        if ((rc = check_keys(c, pf, keys)))
            return rc;
        static const char *const fkeys[] = {"size", "turnover", "eu_institution"};
        static const uint8_t ftypes[] = {AG_T_ENUM, AG_T_NUMBER, AG_T_BOOL};
        int32_t *slots[] = {&t->penalty_facts.size, &t->penalty_facts.turnover, &t->penalty_facts.eu_institution};
        for (int k = 0; k < 3; k++) {
            const cJSON *v = ag_json_get(pf, fkeys[k]);
            int fi = cJSON_IsString(v) ? find_fact(c, v->valuestring) : -1;
            if (fi < 0 || c->facts_out[fi].type != ftypes[k])
                return fail(c, AIGOV_ERULES, "penalty_facts.%s must name a fact of type %s", fkeys[k],
                            type_names[ftypes[k]]);
            *slots[k] = fi;
        }
        const cJSON *pa = ag_json_get(pf, "public_authority");
        if (pa) {
            int fi = cJSON_IsString(pa) ? find_fact(c, pa->valuestring) : -1;
            if (fi < 0 || c->facts_out[fi].type != AG_T_BOOL)
                return fail(c, AIGOV_ERULES, "penalty_facts.public_authority must name a bool fact");
            t->penalty_facts.public_authority = fi;
        }
        const ag_fact *size = &c->facts_out[t->penalty_facts.size];
        if ((rc = size_values(c, pf, "sme", size, &t->penalty_facts.sme_mask)) ||
            (rc = size_values(c, pf, "small_mid_cap", size, &t->penalty_facts.smc_mask)))
            return rc;
    }
    return 0;
}

/* ---- conditions ------------------------------------------------------------ */

static int count_expr(const cJSON *j, int depth, uint32_t *exprs, uint32_t *kids)
{
    if (depth > AG_MAX_EXPR_DEPTH)
        return -1;
    (*exprs)++;
    if (!cJSON_IsObject(j))
        return 0;
    const cJSON *list = ag_json_get(j, "all");
    if (!list)
        list = ag_json_get(j, "any");
    if (cJSON_IsArray(list)) {
        for (const cJSON *k = list->child; k; k = k->next) {
            (*kids)++;
            if (count_expr(k, depth + 1, exprs, kids))
                return -1;
        }
    }
    const cJSON *n = ag_json_get(j, "not");
    if (n && count_expr(n, depth + 1, exprs, kids))
        return -1;
    return 0;
}

static const char *const cmp_keys[] = {"eq", "gt", "gte", "lt", "lte"};

static int cexpr(cc *c, const cJSON *j, int depth, int32_t *out);

static int c_list(cc *c, const cJSON *list, const char *key, int depth, ag_expr *e)
{
    size_t mark = ag_path_key(&c->path, key);
    int n = cJSON_GetArraySize(list);
    if (!cJSON_IsArray(list) || n < 1)
        return fail(c, AIGOV_ERULES, "'%s' takes a non-empty array of conditions", key);
    e->op = strcmp(key, "all") == 0 ? AG_OP_ALL : AG_OP_ANY;
    e->a = (int32_t)c->n_kids;
    e->b = n;
    uint32_t first = c->n_kids;
    c->n_kids += (uint32_t)n;
    int i = 0;
    for (const cJSON *k = list->child; k; k = k->next, i++) {
        size_t m2 = ag_path_index(&c->path, (size_t)i);
        int32_t idx = -1; /* set by cexpr on success; -1 keeps -O3 from warning */
        int rc = cexpr(c, k, depth + 1, &idx);
        if (rc)
            return rc;
        c->kids[first + (uint32_t)i] = idx;
        ag_path_pop(&c->path, m2);
    }
    ag_path_pop(&c->path, mark);
    return 0;
}

static int value_bit(cc *c, const ag_fact *f, const cJSON *v, uint64_t *mask)
{
    if (!cJSON_IsString(v))
        return fail(c, AIGOV_ERULES, "expected a string value of fact '%s'", f->id);
    int k = find_value(f, v->valuestring);
    if (k < 0)
        return fail(c, AIGOV_ERULES, "'%s' is not a value of fact '%s'", v->valuestring, f->id);
    *mask |= 1ull << k;
    return 0;
}

static int c_fact_test(cc *c, const cJSON *j, ag_expr *e)
{
    const cJSON *fj = ag_json_get(j, "fact");
    if (!cJSON_IsString(fj))
        return fail(c, AIGOV_ERULES, "'fact' must be a fact id string");
    int fi = find_fact(c, fj->valuestring);
    if (fi < 0)
        return fail(c, AIGOV_ERULES, "unknown fact '%s'", fj->valuestring);
    const ag_fact *f = &c->facts_out[fi];
    if (cJSON_GetArraySize(j) != 2)
        return fail(c, AIGOV_ERULES, "a fact test has 'fact' and exactly one operator");
    const cJSON *opj = fj == j->child ? j->child->next : j->child;
    const char *op = opj->string;
    size_t mark = ag_path_key(&c->path, op);
    e->a = fi;
    int t = f->type;
    int rc = 0;
    if (strcmp(op, "is") == 0) {
        if (t != AG_T_BOOL)
            return fail(c, AIGOV_ERULES, "'is' tests bool facts; '%s' is not bool", f->id);
        if (!cJSON_IsBool(opj))
            return fail(c, AIGOV_ERULES, "'is' takes true or false");
        e->op = AG_OP_IS;
        e->src_op = AG_SRC_IS;
        e->num = cJSON_IsTrue(opj) ? 1 : 0;
    } else if ((strcmp(op, "eq") == 0 || strcmp(op, "in") == 0) &&
               (t == AG_T_ENUM || t == AG_T_EVIDENCE)) {
        e->op = AG_OP_MASK_ANY;
        if (op[0] == 'e') {
            e->src_op = AG_SRC_EQ;
            rc = value_bit(c, f, opj, &e->mask);
        } else {
            e->src_op = AG_SRC_IN;
            if (!cJSON_IsArray(opj) || cJSON_GetArraySize(opj) < 1)
                return fail(c, AIGOV_ERULES, "'in' takes a non-empty array of values");
            for (const cJSON *v = opj->child; v && !rc; v = v->next)
                rc = value_bit(c, f, v, &e->mask);
        }
    } else if ((strcmp(op, "has") == 0 || strcmp(op, "has_any") == 0 ||
                strcmp(op, "has_all") == 0) && t == AG_T_SET) {
        e->op = strcmp(op, "has_all") == 0 ? AG_OP_MASK_ALL : AG_OP_MASK_ANY;
        if (strcmp(op, "has") == 0) {
            e->src_op = AG_SRC_HAS;
            rc = value_bit(c, f, opj, &e->mask);
        } else {
            e->src_op = e->op == AG_OP_MASK_ALL ? AG_SRC_HAS_ALL : AG_SRC_HAS_ANY;
            if (!cJSON_IsArray(opj) || cJSON_GetArraySize(opj) < 1)
                return fail(c, AIGOV_ERULES, "'%s' takes a non-empty array of values", op);
            for (const cJSON *v = opj->child; v && !rc; v = v->next)
                rc = value_bit(c, f, v, &e->mask);
        }
    } else if (strcmp(op, "empty") == 0 && t == AG_T_SET) {
        if (!cJSON_IsBool(opj))
            return fail(c, AIGOV_ERULES, "'empty' takes true or false");
        e->op = AG_OP_EMPTY;
        e->src_op = AG_SRC_EMPTY;
        e->num = cJSON_IsTrue(opj) ? 1 : 0;
    } else {
        int ci = -1;
        for (int k = 0; k < 5; k++)
            if (strcmp(op, cmp_keys[k]) == 0)
                ci = k;
        if (ci < 0 || (t != AG_T_NUMBER && t != AG_T_DATE))
            return fail(c, AIGOV_ERULES,
                        "operator '%s' does not fit fact '%s' of type %s (bool: is; enum: eq, in; "
                        "set: has, has_any, has_all, empty; number/date: eq, gt, gte, lt, lte)",
                        op, f->id, t == AG_T_EVIDENCE ? "evidence" : type_names[t]);
        e->op = AG_OP_CMP;
        e->src_op = AG_SRC_CMP;
        e->cmp = (uint8_t)ci;
        if (t == AG_T_NUMBER) {
            if (!cJSON_IsNumber(opj))
                return fail(c, AIGOV_ERULES, "'%s' on a number fact takes a number", op);
            e->num = opj->valuedouble;
        } else {
            int32_t d;
            if ((rc = parse_date_json(c, opj, &d)))
                return rc;
            e->num = d;
        }
    }
    if (!rc)
        ag_path_pop(&c->path, mark);
    return rc;
}

/* No depth check here: count_rule_storage has already walked every condition this reaches
 * (when, within, the date cases' if) with count_expr, through the same all/any/not, and
 * refused any deeper than AG_MAX_EXPR_DEPTH; depth only names the level. */
static int cexpr(cc *c, const cJSON *j, int depth, int32_t *out)
{
    int32_t idx = (int32_t)c->n_exprs++;
    ag_expr *e = &c->exprs[idx];
    *out = idx;
    if (cJSON_IsBool(j)) {
        e->op = cJSON_IsTrue(j) ? AG_OP_TRUE : AG_OP_FALSE;
        return 0;
    }
    if (!cJSON_IsObject(j) || !j->child)
        return fail(c, AIGOV_ERULES, "a condition is true, false or an object such as {\"all\": "
                                     "[...]}, {\"fact\": ..., \"is\": true}, {\"rule\": ...}");
    const char *k = j->child->string;
    if (ag_json_get(j, "fact"))
        return c_fact_test(c, j, e);
    if (cJSON_GetArraySize(j) != 1)
        return fail(c, AIGOV_ERULES, "a condition object has exactly one operator key");
    const cJSON *v = j->child;
    if (strcmp(k, "all") == 0 || strcmp(k, "any") == 0)
        return c_list(c, v, k, depth, e);
    size_t mark = ag_path_key(&c->path, k);
    int rc = 0;
    if (strcmp(k, "not") == 0) {
        e->op = AG_OP_NOT;
        rc = cexpr(c, v, depth + 1, &e->a);
        e = &c->exprs[idx];
    } else if (strcmp(k, "known") == 0 || strcmp(k, "unknown") == 0) {
        e->op = k[0] == 'k' ? AG_OP_KNOWN : AG_OP_UNKNOWN;
        if (!cJSON_IsString(v) || (e->a = find_fact(c, v->valuestring)) < 0)
            rc = fail(c, AIGOV_ERULES, "'%s' takes a known fact id", k);
    } else if (strcmp(k, "rule") == 0) {
        e->op = AG_OP_RULE;
        if (!cJSON_IsString(v))
            rc = fail(c, AIGOV_ERULES, "'rule' takes a rule id");
        else if ((e->a = find_rule(c, v->valuestring)) < 0)
            rc = fail(c, AIGOV_ERULES, "reference to unknown rule '%s'", v->valuestring);
    } else if (strcmp(k, "as_of") == 0) {
        e->op = AG_OP_AS_OF;
        int ci = -1;
        if (cJSON_IsObject(v) && cJSON_GetArraySize(v) == 1)
            for (int q = 0; q < 5; q++)
                if (strcmp(v->child->string, cmp_keys[q]) == 0)
                    ci = q;
        if (ci < 0)
            return fail(c, AIGOV_ERULES, "'as_of' takes one of {\"gte\"|\"gt\"|\"lte\"|\"lt\"|\"eq\": date}");
        e->cmp = (uint8_t)ci;
        int32_t d;
        size_t m2 = ag_path_key(&c->path, v->child->string);
        if ((rc = parse_date_json(c, v->child, &d)))
            return rc;
        ag_path_pop(&c->path, m2);
        e->num = d;
    } else {
        rc = fail(c, AIGOV_ERULES, "unknown condition operator '%s'", k);
    }
    if (!rc)
        ag_path_pop(&c->path, mark);
    return rc;
}

/* ---- rules ------------------------------------------------------------------- */

static int role_index(const char *s)
{
    for (int i = 0; i < AG_N_ROLES; i++)
        if (strcmp(ag_role_names[i], s) == 0)
            return i;
    return -1;
}

static int compile_dates(cc *c, const cJSON *af, ag_rule *r)
{
    size_t mark = ag_path_key(&c->path, "applies_from");
    int rc;
    r->dates_first = c->n_dates;
    r->earliest = INT32_MAX;
    if (cJSON_IsString(af)) {
        ag_date_case *dc = &c->dates[c->n_dates++];
        dc->cond = -1;
        dc->not_before = 0;
        if ((rc = parse_date_json(c, af, &dc->date)))
            return rc;
        r->earliest = dc->date;
    } else if (cJSON_IsArray(af) && cJSON_GetArraySize(af) >= 1) {
        int i = 0, n = cJSON_GetArraySize(af);
        for (const cJSON *k = af->child; k; k = k->next, i++) {
            static const char *const keys[] = {"if", "date", "not_before", NULL};
            size_t m2 = ag_path_index(&c->path, (size_t)i);
            if (!cJSON_IsObject(k))
                return fail(c, AIGOV_ERULES, "a date case is {\"if\": condition, \"date\": date}");
            if ((rc = check_keys(c, k, keys)))
                return rc;
            ag_date_case *dc = &c->dates[c->n_dates++];
            const cJSON *cond = ag_json_get(k, "if"), *d = ag_json_get(k, "date");
            if (!d)
                return fail(c, AIGOV_ERULES, "a date case needs 'date'");
            size_t m3 = ag_path_key(&c->path, "date");
            if ((rc = parse_date_json(c, d, &dc->date)))
                return rc;
            ag_path_pop(&c->path, m3);
            dc->not_before = 0;
            const cJSON *nb = ag_json_get(k, "not_before");
            if (nb) {
                int fi = cJSON_IsString(nb) ? find_fact(c, nb->valuestring) : -1;
                if (fi < 0 || c->facts_out[fi].type != AG_T_DATE)
                    return fail(c, AIGOV_ERULES, "'not_before' names a date fact");
                dc->not_before = fi + 1;
            }
            if ((i == n - 1) != (cond == NULL))
                return fail(c, AIGOV_ERULES, "every date case but the last has 'if'; the last has none");
            dc->cond = -1;
            if (cond) {
                m3 = ag_path_key(&c->path, "if");
                if ((rc = cexpr(c, cond, 1, &dc->cond)))
                    return rc;
                ag_path_pop(&c->path, m3);
            }
            if (dc->date < r->earliest)
                r->earliest = dc->date;
            ag_path_pop(&c->path, m2);
        }
    } else {
        return fail(c, AIGOV_ERULES, "applies_from is a date or a non-empty array of date cases");
    }
    r->dates_n = c->n_dates - r->dates_first;
    ag_path_pop(&c->path, mark);
    return 0;
}

static int compile_rule_head(cc *c, const origin *o, ag_rule *r)
{
    static const char *const keys[] = {"id",       "kind",         "framework", "citation",
                                       "title",    "description",  "note",      "when",
                                       "applies_from", "evidence", "holder",    "classifies",
                                       "confers_role", "penalty", "crosswalk", "within", "soa",
                                       "soa_control", "soa_statement", "quote", NULL};
    int rc;
    set_origin(c, o);
    c->rule_id = NULL;
    if (!cJSON_IsObject(o->j))
        return fail(c, AIGOV_ERULES, "a rule must be an object");
    if ((rc = check_keys(c, o->j, keys)))
        return rc;
    const char *id = get_str(c, o->j, "id", 1, 120, &rc);
    if (rc)
        return rc;
    if (!valid_dotted(id, 2))
        return fail(c, AIGOV_ERULES, "rule id '%s' must match ^[a-z0-9]+(\\.[a-z0-9_]+)+$", id);
    if (find_rule(c, id) >= 0)
        return fail(c, AIGOV_ERULES, "duplicate rule id '%s'", id);
    if (!(r->id = dup_str(c, id)))
        return oom(c);
    sidx_add(c, &c->rule_idx, rule_name, (int32_t)(r - c->rules_out));
    return 0;
}

static int compile_rule(cc *c, const origin *o, ag_rule *r)
{
    const cJSON *j = o->j;
    int rc;
    set_origin(c, o);
    c->rule_id = r->id;
    static const char *const kinds[] = {"definition", "obligation", "prohibition", "finding", NULL};
    const char *kind = get_str(c, j, "kind", 1, 20, &rc);
    if (rc)
        return rc;
    int ki = -1;
    for (int k = 0; kinds[k]; k++)
        if (strcmp(kinds[k], kind) == 0)
            ki = k;
    if (ki < 0)
        return fail(c, AIGOV_ERULES, "kind must be definition, obligation, prohibition or finding");
    r->kind = (uint8_t)ki;
    const char *fw = get_str(c, j, "framework", 1, 32, &rc);
    if (rc)
        return rc;
    int fi = -1;
    for (uint32_t k = 0; k < c->t->n_frameworks; k++)
        if (strcmp(c->t->framework_ids[k], fw) == 0)
            fi = (int)k;
    if (fi < 0)
        return fail(c, AIGOV_ERULES, "framework '%s' is not in the manifest", fw);
    r->framework = (uint8_t)fi;
    const char *cit = get_str(c, j, "citation", 1, 200, &rc);
    if (rc)
        return rc;
    const char *title = get_str(c, j, "title", 1, 300, &rc);
    if (rc)
        return rc;
    const char *desc = get_str(c, j, "description", 0, 4000, &rc);
    if (rc)
        return rc;
    const char *note = get_str(c, j, "note", 0, 4000, &rc);
    if (rc)
        return rc;
    /* A verbatim phrase of the provision the rule encodes, for the reviewer of the
     * source: checked for shape here, not kept in the table (nothing reads it at run time). */
    (void)get_str(c, j, "quote", 0, 400, &rc);
    if (rc)
        return rc;
    if (!(r->citation = dup_str(c, cit)) || !(r->title = dup_str(c, title)) ||
        !(r->description = dup_str(c, desc ? desc : "")) || !(r->note = dup_str(c, note ? note : "")))
        return oom(c);

    const cJSON *when = ag_json_get(j, "when");
    if (!when)
        return fail(c, AIGOV_ERULES, "missing required key 'when' (the applicability condition)");
    size_t mark = ag_path_key(&c->path, "when");
    r->expr_first = c->n_exprs;
    if ((rc = cexpr(c, when, 1, &r->when)))
        return rc;
    ag_path_pop(&c->path, mark);
    r->within = -1;
    const cJSON *within = ag_json_get(j, "within");
    if (within) {
        /* a finding: where the check applies; an SoA control: the management system that
         * makes the Statement of Applicability bind (its decision then decides applicability) */
        if (r->kind != AG_K_FINDING && !(r->kind == AG_K_OBLIGATION && ag_json_get(j, "soa")))
            return fail(c, AIGOV_ERULES, "only findings and SoA controls (obligations with 'soa') take 'within'");
        mark = ag_path_key(&c->path, "within");
        if ((rc = cexpr(c, within, 1, &r->within)))
            return rc;
        ag_path_pop(&c->path, mark);
    }

    r->soa_statement = 0;
    const cJSON *ss = ag_json_get(j, "soa_statement");
    if (ss) {
        mark = ag_path_key(&c->path, "soa_statement");
        if (r->kind != AG_K_OBLIGATION)
            return fail(c, AIGOV_ERULES, "only an obligation (the clause requiring the Statement of Applicability) takes 'soa_statement'");
        if (!cJSON_IsTrue(ss))
            return fail(c, AIGOV_ERULES, "soa_statement is true or absent");
        r->soa_statement = 1;
        ag_path_pop(&c->path, mark);
    }

    const cJSON *af = ag_json_get(j, "applies_from");
    r->dates_n = 0;
    r->earliest = AG_DATE_NONE;
    if (r->kind == AG_K_DEFINITION) {
        if (af || ag_json_get(j, "evidence") || ag_json_get(j, "holder"))
            return fail(c, AIGOV_ERULES,
                        "a definition has no applies_from, evidence or holder (it is not reported)");
    } else {
        if (!af)
            return fail(c, AIGOV_ERULES, "missing required key 'applies_from'");
        if ((rc = compile_dates(c, af, r)))
            return rc;
    }
    r->expr_n = c->n_exprs - r->expr_first;

    const cJSON *hold = ag_json_get(j, "holder");
    if (r->kind != AG_K_DEFINITION) {
        mark = ag_path_key(&c->path, "holder");
        if (!cJSON_IsArray(hold) || cJSON_GetArraySize(hold) < 1)
            return fail(c, AIGOV_ERULES, "holder must be a non-empty array of roles");
        int i = 0;
        for (const cJSON *h = hold->child; h; h = h->next, i++) {
            int ri = cJSON_IsString(h) ? role_index(h->valuestring) : -1;
            size_t m2 = ag_path_index(&c->path, (size_t)i);
            if (ri < 0)
                return fail(c, AIGOV_ERULES, "unknown holder; expected provider, deployer, importer, "
                                             "distributor, authorised_representative, "
                                             "product_manufacturer or organisation");
            if (r->holders & (1u << ri))
                return fail(c, AIGOV_ERULES, "duplicate holder '%s'", h->valuestring);
            r->holders |= 1u << ri;
            ag_path_pop(&c->path, m2);
        }
        ag_path_pop(&c->path, mark);
    }

    const cJSON *ev = ag_json_get(j, "evidence");
    r->ev_first = c->n_rule_ev;
    if (r->kind == AG_K_OBLIGATION) {
        mark = ag_path_key(&c->path, "evidence");
        if (!cJSON_IsArray(ev) || cJSON_GetArraySize(ev) < 1)
            return fail(c, AIGOV_ERULES, "an obligation needs a non-empty 'evidence' array of "
                                         "evidence ids");
        int i = 0;
        for (const cJSON *e = ev->child; e; e = e->next, i++) {
            size_t m2 = ag_path_index(&c->path, (size_t)i);
            int found = -1;
            if (cJSON_IsString(e))
                for (uint32_t k = 0; k < c->t->n_evidence; k++)
                    if (strcmp(c->ev_out[k].id, e->valuestring) == 0)
                        found = (int)k;
            if (found < 0)
                return fail(c, AIGOV_ERULES, "unknown evidence item %s%s%s",
                            cJSON_IsString(e) ? "'" : "", cJSON_IsString(e) ? e->valuestring : "",
                            cJSON_IsString(e) ? "'" : "(expected an evidence id string)");
            for (uint32_t k = r->ev_first; k < c->n_rule_ev; k++)
                if (c->rule_ev[k] == found)
                    return fail(c, AIGOV_ERULES, "evidence '%s' listed twice", e->valuestring);
            c->rule_ev[c->n_rule_ev++] = found;
            ag_path_pop(&c->path, m2);
        }
        ag_path_pop(&c->path, mark);
    } else if (ev) {
        return fail(c, AIGOV_ERULES, "only obligations take 'evidence'");
    }
    r->ev_n = c->n_rule_ev - r->ev_first;

    r->classifies = AG_C_NONE;
    const char *cls = get_str(c, j, "classifies", 0, 32, &rc);
    if (rc)
        return rc;
    if (cls) {
        for (int k = 0; k < AG_C_COUNT; k++)
            if (strcmp(ag_class_names[k], cls) == 0)
                r->classifies = (int8_t)k;
        if (r->classifies == AG_C_NONE)
            return fail(c, AIGOV_ERULES, "classifies must be out_of_scope, prohibited, high_risk, "
                                         "limited, gpai or gpai_systemic");
        if (r->kind == AG_K_OBLIGATION || r->kind == AG_K_FINDING)
            return fail(c, AIGOV_ERULES, "obligations and findings do not classify; use a definition");
        if (r->kind == AG_K_PROHIBITION && r->classifies != AG_C_PROHIBITED)
            return fail(c, AIGOV_ERULES, "a prohibition classifies 'prohibited' only");
    }
    if (r->kind == AG_K_PROHIBITION)
        r->classifies = AG_C_PROHIBITED;
    r->confers_role = -1;
    const char *cr = get_str(c, j, "confers_role", 0, 40, &rc);
    if (rc)
        return rc;
    if (cr) {
        int ri = role_index(cr);
        if (ri < 0 || ri == AG_N_ROLES - 1)
            return fail(c, AIGOV_ERULES, "confers_role must be an operator role");
        if (r->kind != AG_K_DEFINITION)
            return fail(c, AIGOV_ERULES, "only definitions confer roles");
        r->confers_role = (int8_t)ri;
    }
    r->penalty = -1;
    const char *pen = get_str(c, j, "penalty", 0, 40, &rc);
    if (rc)
        return rc;
    if (pen) {
        if (r->kind != AG_K_OBLIGATION && r->kind != AG_K_PROHIBITION)
            return fail(c, AIGOV_ERULES, "only obligations and prohibitions carry a penalty");
        for (uint32_t k = 0; k < c->t->n_penalties; k++)
            if (strcmp(c->pens_out[k].id, pen) == 0)
                r->penalty = (int32_t)k;
        if (r->penalty < 0) {
            size_t mark2 = ag_path_key(&c->path, "penalty");
            (void)mark2;
            return fail(c, AIGOV_ERULES, "unknown penalty tier '%s'", pen);
        }
    }
    return 0;
}

/* crosswalk: ISO rules whose evidence an obligation reuses, checked once
 * every rule's kind and framework is known. */
static int compile_crosswalk(cc *c, const origin *o, ag_rule *r)
{
    const cJSON *xw = ag_json_get(o->j, "crosswalk");
    r->xw_first = (int32_t)c->n_xw;
    r->xw_n = -1;
    r->beyond = "";
    if (!xw)
        return 0;
    set_origin(c, o);
    c->rule_id = r->id;
    size_t mark = ag_path_key(&c->path, "crosswalk");
    static const char *const keys[] = {"iso", "beyond", NULL};
    int rc;
    if (r->kind != AG_K_OBLIGATION)
        return fail(c, AIGOV_ERULES, "only obligations carry a crosswalk");
    if (!cJSON_IsObject(xw))
        return fail(c, AIGOV_ERULES, "crosswalk is {\"iso\": [rule ids], \"beyond\": text}");
    if ((rc = check_keys(c, xw, keys)))
        return rc;
    const cJSON *iso = ag_json_get(xw, "iso");
    if (!cJSON_IsArray(iso))
        return fail(c, AIGOV_ERULES, "crosswalk needs 'iso', an array of ISO rule ids (may be empty)");
    const char *beyond = get_str(c, xw, "beyond", 0, 2000, &rc);
    if (rc)
        return rc;
    if (beyond && !(r->beyond = dup_str(c, beyond)))
        return oom(c);
    size_t m2 = ag_path_key(&c->path, "iso");
    size_t mark_iso = m2;
    int i = 0;
    for (const cJSON *x = iso->child; x; x = x->next, i++) {
        size_t m3 = ag_path_index(&c->path, (size_t)i);
        int ri = cJSON_IsString(x) ? find_rule(c, x->valuestring) : -1;
        if (ri < 0)
            return fail(c, AIGOV_ERULES, "crosswalk names an unknown rule");
        const ag_rule *target = &c->rules_out[ri];
        if (target->kind == AG_K_DEFINITION || target->framework == r->framework)
            return fail(c, AIGOV_ERULES, "crosswalk must name reported rules of another framework ('%s')", target->id);
        for (int32_t k = r->xw_first; k < (int32_t)c->n_xw; k++)
            if (c->xw[k] == ri)
                return fail(c, AIGOV_ERULES, "crosswalk names '%s' twice", target->id);
        c->xw[c->n_xw++] = ri;
        ag_path_pop(&c->path, m3);
    }
    ag_path_pop(&c->path, mark_iso);
    /* An ISO control supplies evidence toward a legal duty, never discharges it: a link
     * says what the Act asks beyond the ISO artefacts. */
    if (i > 0 && !*r->beyond)
        return fail(c, AIGOV_ERULES, "a crosswalk naming ISO rules needs 'beyond' (what the Act requires beyond them)");
    ag_path_pop(&c->path, mark);
    r->xw_n = (int32_t)c->n_xw - r->xw_first;
    return 0;
}

/* "A.6.2.8": Annex A numbering, a letter, a dot and dot-separated numbers. */
static int valid_control(const char *s)
{
    if (s[0] < 'A' || s[0] > 'Z' || s[1] != '.')
        return 0;
    int parts = 0;
    for (const char *p = s + 1; *p; parts++) {
        if (*p++ != '.' || *p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return parts >= 2;
}

/* soa: the control an obligation implements, with the facts recording the Statement of
 * Applicability's decision (an enum of exactly included / excluded) and justification (a
 * string). Runs once every rule is known, before compile_soa_findings. */
static int compile_soa(cc *c, const origin *o, ag_rule *r)
{
    r->soa_control = NULL;
    r->soa_decision = r->soa_justification = r->soa_of = -1;
    const cJSON *soa = ag_json_get(o->j, "soa");
    if (!soa)
        return 0;
    set_origin(c, o);
    c->rule_id = r->id;
    size_t mark = ag_path_key(&c->path, "soa");
    static const char *const keys[] = {"control", "decision", "justification", NULL};
    int rc;
    if (r->kind != AG_K_OBLIGATION)
        return fail(c, AIGOV_ERULES, "only obligations (the controls) carry 'soa'; a finding names its control with 'soa_control'");
    if (!cJSON_IsObject(soa))
        return fail(c, AIGOV_ERULES, "soa is {\"control\": \"A.x.y\", \"decision\": fact, \"justification\": fact}");
    if ((rc = check_keys(c, soa, keys)))
        return rc;
    const char *ctl = get_str(c, soa, "control", 1, 16, &rc);
    if (rc)
        return rc;
    if (!valid_control(ctl))
        return fail(c, AIGOV_ERULES, "soa control '%s' must be numbered like A.6.2.8", ctl);
    int prev = sidx_find(c, &c->soa_idx, soa_name, ctl); /* a rule before r */
    if (prev >= 0)
        return fail(c, AIGOV_ERULES, "control %s already has its rule ('%s')", ctl, c->rules_out[prev].id);
    const char *dec = get_str(c, soa, "decision", 1, 120, &rc);
    if (rc)
        return rc;
    int fd = find_fact(c, dec);
    const ag_fact *fdec = fd >= 0 ? &c->facts_out[fd] : NULL;
    if (!fdec || fdec->type != AG_T_ENUM || fdec->n_values != 2 ||
        strcmp(fdec->values[0], "included") != 0 || strcmp(fdec->values[1], "excluded") != 0)
        return fail(c, AIGOV_ERULES, "soa decision '%s' must be an enum fact of values [included, excluded]", dec);
    const char *jus = get_str(c, soa, "justification", 1, 120, &rc);
    if (rc)
        return rc;
    int fj = find_fact(c, jus);
    if (fj < 0 || c->facts_out[fj].type != AG_T_STRING)
        return fail(c, AIGOV_ERULES, "soa justification '%s' must be a string fact", jus);
    if (!(r->soa_control = dup_str(c, ctl)))
        return oom(c);
    r->soa_decision = fd;
    r->soa_justification = fj;
    sidx_add(c, &c->soa_idx, soa_name, (int32_t)(r - c->rules_out));
    ag_path_pop(&c->path, mark);
    return 0;
}

/* soa_control: the control whose Statement of Applicability entry a finding checks. */
static int compile_soa_finding(cc *c, const origin *o, ag_rule *r)
{
    const cJSON *sc = ag_json_get(o->j, "soa_control");
    if (!sc)
        return 0;
    set_origin(c, o);
    c->rule_id = r->id;
    size_t mark = ag_path_key(&c->path, "soa_control");
    if (r->kind != AG_K_FINDING)
        return fail(c, AIGOV_ERULES, "only findings take 'soa_control'; a control's rule declares 'soa'");
    if (!cJSON_IsString(sc))
        return fail(c, AIGOV_ERULES, "soa_control is a control number such as \"A.6.2.8\"");
    int i = sidx_find(c, &c->soa_idx, soa_name, sc->valuestring); /* only controls' rules are there */
    if (i >= 0) {
        r->soa_control = c->rules_out[i].soa_control;
        r->soa_of = (int32_t)i;
        ag_path_pop(&c->path, mark);
        return 0;
    }
    return fail(c, AIGOV_ERULES, "soa_control '%.20s' names no control (no rule declares it with 'soa')", sc->valuestring);
}

/* Depth-first over rule references; emits rules after those they read. Each
 * rule's references are listed once (in the order its conditions name them:
 * when, within, then the date cases), then the walk keeps its own stack of
 * rules: linear in the rule set, and a chain of 100,000 definitions needs no
 * more machine stack than one. */
static void list_refs(const cc *c, int32_t ei, int32_t *refs, uint32_t *n)
{
    const ag_expr *e = &c->exprs[ei]; /* nesting is at most AG_MAX_EXPR_DEPTH: bounded recursion */
    switch (e->op) {
    case AG_OP_ALL:
    case AG_OP_ANY:
        for (int32_t k = 0; k < e->b; k++)
            list_refs(c, c->kids[e->a + k], refs, n);
        return;
    case AG_OP_NOT: list_refs(c, e->a, refs, n); return;
    case AG_OP_RULE: refs[(*n)++] = e->a; return;
    default: return;
    }
}

static int order_rules(cc *c, int32_t *order, uint32_t *n_order)
{
    size_t nr = c->n_rules;
    uint8_t *state = alloc_n(c, nr + 1, 1);
    uint32_t *first = alloc_n(c, nr + 2, sizeof(uint32_t));
    int32_t *refs = alloc_n(c, (size_t)c->n_exprs + 1, sizeof(int32_t));
    int32_t *stack = alloc_n(c, nr + 1, sizeof(int32_t));
    uint32_t *pos = alloc_n(c, nr + 1, sizeof(uint32_t));
    if (!state || !first || !refs || !stack || !pos)
        return oom(c);
    uint32_t n = 0;
    for (size_t ri = 0; ri < nr; ri++) {
        const ag_rule *r = &c->rules_out[ri];
        first[ri] = n;
        list_refs(c, r->when, refs, &n);
        if (r->within >= 0)
            list_refs(c, r->within, refs, &n);
        for (uint32_t k = 0; k < r->dates_n; k++)
            if (c->dates[r->dates_first + k].cond >= 0)
                list_refs(c, c->dates[r->dates_first + k].cond, refs, &n);
    }
    first[nr] = n;
    for (size_t root = 0; root < nr; root++) {
        if (state[root])
            continue;
        size_t top = 0;
        stack[top] = (int32_t)root;
        pos[top] = first[root];
        state[root] = 1;
        for (;;) {
            int32_t ri = stack[top];
            if (pos[top] < first[ri + 1]) {
                int32_t next = refs[pos[top]++];
                if (state[next] == 2)
                    continue;
                if (state[next] == 1) {
                    ag_path_root(&c->path);
                    c->src = "(rule graph)";
                    c->rule_id = c->rules_out[next].id;
                    return fail(c, AIGOV_ERULES, "rule '%s' depends on itself through rule references",
                                c->rules_out[next].id);
                }
                state[next] = 1;
                stack[++top] = next;
                pos[top] = first[next];
                continue;
            }
            state[ri] = 2;
            order[(*n_order)++] = ri;
            if (top == 0)
                break;
            top--;
        }
    }
    return 0;
}

/* ---- driver ------------------------------------------------------------------ */

static int collect(cc *c, const cJSON *root, const char *name, const cJSON **manifest,
                   const char **manifest_src, size_t pass)
{
    static const char *const keys[] = {"format", "manifest", "facts", "evidence", "rules", "penalties", "$schema", NULL};
    int rc;
    c->src = name;
    c->rule_id = NULL;
    ag_path_root(&c->path);
    if (!cJSON_IsObject(root))
        return fail(c, AIGOV_ERULES, "a rule source is a JSON object");
    if (pass == 0) {
        if ((rc = ag_json_check_duplicates(root, &c->path, c->err))) {
            ag_err_source(c->err, name, NULL);
            return rc;
        }
        if ((rc = check_keys(c, root, keys))) {
            ag_err_source(c->err, name, NULL);
            return rc;
        }
        const cJSON *fmt = ag_json_get(root, "format");
        if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, "aigov-rules/1") != 0) {
            ag_path_key(&c->path, "format");
            return fail(c, AIGOV_ERULES, "format must be \"aigov-rules/1\"");
        }
        const cJSON *m = ag_json_get(root, "manifest");
        if (m) {
            if (*manifest) {
                ag_path_key(&c->path, "manifest");
                return fail(c, AIGOV_ERULES, "a second manifest (the first is in %s)", *manifest_src);
            }
            *manifest = m;
            *manifest_src = name;
        }
    }
    static const char *const sections[] = {"facts", "evidence", "rules", "penalties"};
    for (int s = 0; s < 4; s++) {
        const cJSON *arr = ag_json_get(root, sections[s]);
        if (!arr)
            continue;
        if (!cJSON_IsArray(arr)) {
            ag_path_key(&c->path, sections[s]);
            return fail(c, AIGOV_ERULES, "'%s' must be an array", sections[s]);
        }
        size_t i = 0;
        for (const cJSON *it = arr->child; it; it = it->next, i++) {
            origin o = {it, name, sections[s], i};
            size_t *cnt = s == 0 ? &c->n_facts_src : s == 1 ? &c->n_evs : s == 2 ? &c->n_rules : &c->n_pens;
            if (pass == 0) {
                (*cnt)++;
            } else {
                origin *dst = s == 0 ? c->facts : s == 1 ? c->evs : s == 2 ? c->rules : c->pens;
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
        const cJSON *w = ag_json_get(j, "when"), *wi = ag_json_get(j, "within");
        set_origin(c, &c->rules[i]);
        c->rule_id = NULL; /* not yet read; else the last fact, evidence or tier compiled is named */
        if ((w && count_expr(w, 1, exprs, kids)) || (wi && count_expr(wi, 1, exprs, kids)))
            return fail(c, AIGOV_ERULES, "condition nested deeper than %d", AG_MAX_EXPR_DEPTH);
        const cJSON *af = ag_json_get(j, "applies_from");
        if (cJSON_IsArray(af)) {
            for (const cJSON *k = af->child; k; k = k->next) {
                (*dates)++;
                const cJSON *cond = cJSON_IsObject(k) ? ag_json_get(k, "if") : NULL;
                if (cond && count_expr(cond, 1, exprs, kids))
                    return fail(c, AIGOV_ERULES, "condition nested deeper than %d", AG_MAX_EXPR_DEPTH);
            }
        } else {
            (*dates)++;
        }
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
        return fail(c, AIGOV_ERULES, "no source has a 'manifest'");
    }
    if (c->n_rules > 100000 || c->n_facts_src + c->n_evs > 100000)
        return fail(c, AIGOV_ELIMIT, "too many facts, evidence items or rules");
    c->facts = alloc_n(c, c->n_facts_src + 1, sizeof(origin));
    c->evs = alloc_n(c, c->n_evs + 1, sizeof(origin));
    c->rules = alloc_n(c, c->n_rules + 1, sizeof(origin));
    c->pens = alloc_n(c, c->n_pens + 1, sizeof(origin));
    if (!c->facts || !c->evs || !c->rules || !c->pens)
        return oom(c);
    c->n_facts_src = c->n_evs = c->n_rules = c->n_pens = 0;
    for (size_t i = 0; i < n; i++)
        collect(c, roots[i], sources[i].name ? sources[i].name : "(unnamed)", &manifest,
                &manifest_src, 1);

    c->src = manifest_src;
    ag_path_root(&c->path);
    if ((rc = compile_manifest(c, manifest)))
        return rc;

    aigov_table *t = c->t;
    uint32_t n_facts = (uint32_t)(c->n_facts_src + c->n_evs);
    c->facts_out = alloc_n(c, n_facts + 1, sizeof(ag_fact));
    c->ev_out = alloc_n(c, c->n_evs + 1, sizeof(ag_evidence));
    if (!c->facts_out || !c->ev_out)
        return oom(c);
    t->n_facts = 0;
    struct sidx ev_idx = {NULL, 0};
    if ((rc = sidx_init(c, &c->fact_idx, n_facts)) || (rc = sidx_init(c, &ev_idx, c->n_evs)))
        return rc;
    for (size_t i = 0; i < c->n_facts_src; i++) {
        if ((rc = compile_fact(c, &c->facts[i], &c->facts_out[i])))
            return rc;
        if (find_fact(c, c->facts_out[i].id) >= 0)
            return fail(c, AIGOV_ERULES, "duplicate fact id '%s'", c->facts_out[i].id);
        sidx_add(c, &c->fact_idx, fact_name, (int32_t)t->n_facts);
        t->n_facts++;
    }
    for (size_t i = 0; i < c->n_evs; i++) {
        ag_fact *f = &c->facts_out[t->n_facts];
        if ((rc = compile_evidence(c, &c->evs[i], &c->ev_out[i], f)))
            return rc;
        int dup = sidx_find(c, &ev_idx, ev_name, c->ev_out[i].id);
        if (dup >= 0)
            return fail(c, AIGOV_ERULES, "duplicate evidence id '%s'", c->ev_out[i].id);
        sidx_add(c, &ev_idx, ev_name, (int32_t)i);
        f->evidence = (int32_t)i;
        c->ev_out[i].fact = (int32_t)t->n_facts;
        sidx_add(c, &c->fact_idx, fact_name, (int32_t)t->n_facts);
        t->n_facts++;
    }
    t->n_evidence = (uint32_t)c->n_evs;
    /* implied_by: another item, itself implied by none (one step, no chains or cycles) */
    for (size_t i = 0; i < c->n_evs; i++) {
        c->ev_out[i].implied_by = -1;
        const cJSON *ib = ag_json_get(c->evs[i].j, "implied_by");
        if (!ib)
            continue;
        set_origin(c, &c->evs[i]);
        c->rule_id = c->ev_out[i].id;
        size_t mark = ag_path_key(&c->path, "implied_by");
        int k = cJSON_IsString(ib) ? sidx_find(c, &ev_idx, ev_name, ib->valuestring) : -1;
        if (k < 0 || (size_t)k == i || ag_json_get(c->evs[k].j, "implied_by"))
            return fail(c, AIGOV_ERULES, "implied_by names another evidence item, itself implied by none");
        c->ev_out[i].implied_by = k;
        ag_path_pop(&c->path, mark);
    }

    uint32_t max_nodes = 1;
    for (uint32_t i = 0; i < t->n_facts; i++)
        for (const char *p = c->facts_out[i].id; *p; p++)
            max_nodes += *p == '.';
    max_nodes += t->n_facts;
    if (!(c->nodes = alloc_n(c, max_nodes, sizeof(ag_node))))
        return oom(c);
    if ((rc = build_nodes(c, max_nodes)))
        return rc;

    if ((rc = build_indexes(c)))
        return rc;
    if ((rc = compile_penalties(c)))
        return rc;

    uint32_t n_exprs = 0, n_kids = 0, n_dates = 0, n_ev = 0;
    if ((rc = count_rule_storage(c, &n_exprs, &n_kids, &n_dates, &n_ev)))
        return rc;
    c->exprs = alloc_n(c, n_exprs + 1, sizeof(ag_expr));
    c->kids = alloc_n(c, n_kids + 1, sizeof(int32_t));
    c->dates = alloc_n(c, n_dates + 1, sizeof(ag_date_case));
    c->rule_ev = alloc_n(c, n_ev + 1, sizeof(int32_t));
    c->rules_out = alloc_n(c, c->n_rules + 1, sizeof(ag_rule));
    c->xw = alloc_n(c, c->n_xw + 1, sizeof(int32_t));
    uint32_t xw_cap = c->n_xw;
    c->n_xw = 0;
    (void)xw_cap;
    if (!c->exprs || !c->kids || !c->dates || !c->rule_ev || !c->rules_out || !c->xw)
        return oom(c);
    if ((rc = sidx_init(c, &c->rule_idx, c->n_rules)) || (rc = sidx_init(c, &c->soa_idx, c->n_rules)))
        return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = compile_rule_head(c, &c->rules[i], &c->rules_out[i])))
            return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = compile_rule(c, &c->rules[i], &c->rules_out[i])))
            return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = compile_crosswalk(c, &c->rules[i], &c->rules_out[i])))
            return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = compile_soa(c, &c->rules[i], &c->rules_out[i])))
            return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if ((rc = compile_soa_finding(c, &c->rules[i], &c->rules_out[i])))
            return rc;

    int32_t *order = alloc_n(c, c->n_rules + 1, sizeof(int32_t));
    int32_t *reported = alloc_n(c, c->n_rules + 1, sizeof(int32_t));
    if (!order || !reported)
        return oom(c);
    uint32_t n_order = 0, n_rep = 0;
    if ((rc = order_rules(c, order, &n_order)))
        return rc;
    for (size_t i = 0; i < c->n_rules; i++)
        if (c->rules_out[i].kind != AG_K_DEFINITION)
            reported[n_rep++] = (int32_t)i;

    /* in dependency order, so referenced rules are classified first */
    for (uint32_t k = 0; k < n_order; k++) {
        ag_rule *r = &c->rules_out[order[k]];
        r->org_level = 1;
        for (uint32_t e = r->expr_first; e < r->expr_first + r->expr_n && r->org_level; e++) {
            const ag_expr *x = &c->exprs[e];
            if (x->op == AG_OP_RULE)
                r->org_level = c->rules_out[x->a].org_level;
            else if (x->op >= AG_OP_IS && x->op <= AG_OP_UNKNOWN)
                r->org_level = strncmp(c->facts_out[x->a].id, "organisation.", 13) == 0;
        }
    }

    char hash[72];
    hash_sources(sources, n, hash);
    if (!(t->hash = dup_str(c, hash)))
        return oom(c);
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
    t->n_crosswalk = c->n_xw;
    return 0;
}

int ag_compile(aigov_table **out, const aigov_source *sources, size_t n,
               const aigov_allocator *alloc, aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!sources && n)
        return ag_err(err, AIGOV_EINVAL, "sources is NULL");
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
