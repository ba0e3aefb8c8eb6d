/* Facts and evidence items, the descriptor tree their ids make, and the hash indexes
 * the reader probes. */
#include "compile/compiler.h"

/* ---- facts and evidence ------------------------------------------------- */


void ag_cc_set_origin(cc *c, const origin *o)
{
    c->src = o->src;
    ag_path_root(&c->path);
    ag_path_key(&c->path, o->section);
    ag_path_index(&c->path, o->index);
}

int ag_cc_compile_fact(cc *c, const origin *o, ag_fact *f)
{
    static const char *const keys[] = {"id",  "type", "values", "min",    "max", "max_length",
                                       "description", "ask", "source", NULL};
    const cJSON *j = o->j;
    int rc;
    ag_cc_set_origin(c, o);
    c->rule_id = NULL;
    if (!cJSON_IsObject(j))
        return ag_cc_fail(c, AIGOV_ERULES, "a fact must be an object");
    if ((rc = ag_cc_check_keys(c, j, keys)))
        return rc;
    const char *id = ag_cc_get_str(c, j, "id", 1, 120, &rc);
    if (rc)
        return rc;
    if (!ag_cc_valid_dotted(id, 1) || strncmp(id, "evidence.", 9) == 0 ||
        strcmp(id, "descriptor_version") == 0)
        return ag_cc_fail(c, AIGOV_ERULES,
                    "fact id '%s' must be dotted lowercase segments [a-z0-9_] (not under "
                    "'evidence.', which evidence items own)",
                    id);
    c->rule_id = id;
    const char *type = ag_cc_get_str(c, j, "type", 1, 16, &rc);
    if (rc)
        return rc;
    int ti = -1;
    for (int k = 0; k < AG_T_EVIDENCE; k++)
        if (strcmp(ag_fact_type_names[k], type) == 0)
            ti = k;
    if (ti < 0)
        return ag_cc_fail(c, AIGOV_ERULES, "unknown fact type '%s'; expected bool, enum, set, number, "
                                     "date or string",
                    type);
    f->type = (uint8_t)ti;
    f->evidence = -1;
    const char *desc = ag_cc_get_str(c, j, "description", 1, 2000, &rc);
    if (rc)
        return rc;
    const char *ask = ag_cc_get_str(c, j, "ask", 1, 500, &rc);
    if (rc)
        return rc;
    const char *source = ag_cc_get_str(c, j, "source", 0, 300, &rc);
    if (rc)
        return rc;
    const cJSON *values = ag_json_get(j, "values");
    int wants_values = f->type == AG_T_ENUM || f->type == AG_T_SET;
    if (wants_values != (values != NULL))
        return ag_cc_fail(c, AIGOV_ERULES, wants_values ? "enum and set facts need 'values'"
                                                  : "only enum and set facts take 'values'");
    if (values) {
        size_t mark = ag_path_key(&c->path, "values");
        int n = cJSON_GetArraySize(values);
        if (!cJSON_IsArray(values) || n < 1 || n > AG_MAX_VALUES)
            return ag_cc_fail(c, AIGOV_ERULES, "values must be an array of 1 to %d strings", AG_MAX_VALUES);
        const char **vals = ag_cc_alloc_n(c, (size_t)n, sizeof *vals);
        if (!vals)
            return ag_cc_oom(c);
        int i = 0;
        for (const cJSON *v = values->child; v; v = v->next, i++) {
            size_t m2 = ag_path_index(&c->path, (size_t)i);
            if (!cJSON_IsString(v) || !*v->valuestring || strlen(v->valuestring) > 64)
                return ag_cc_fail(c, AIGOV_ERULES, "a value must be a non-empty string of at most 64 bytes");
            for (int k = 0; k < i; k++)
                if (strcmp(vals[k], v->valuestring) == 0)
                    return ag_cc_fail(c, AIGOV_ERULES, "duplicate value '%s'", v->valuestring);
            if (!(vals[i] = ag_cc_dup_str(c, v->valuestring)))
                return ag_cc_oom(c);
            ag_path_pop(&c->path, m2);
        }
        f->values = vals;
        f->n_values = (uint8_t)n;
        ag_path_pop(&c->path, mark);
    }
    const cJSON *mn = ag_json_get(j, "min"), *mx = ag_json_get(j, "max");
    if (f->type == AG_T_NUMBER) {
        if (!cJSON_IsNumber(mn) || !cJSON_IsNumber(mx) || mn->valuedouble > mx->valuedouble)
            return ag_cc_fail(c, AIGOV_ERULES, "number facts need numeric 'min' <= 'max'");
        f->min = mn->valuedouble;
        f->max = mx->valuedouble;
    } else if (mn || mx) {
        return ag_cc_fail(c, AIGOV_ERULES, "only number facts take 'min' and 'max'");
    }
    const cJSON *ml = ag_json_get(j, "max_length");
    if (f->type == AG_T_STRING) {
        if (!cJSON_IsNumber(ml) || ml->valuedouble < 1 || ml->valuedouble > 4096 ||
            ml->valuedouble != (double)(int)ml->valuedouble)
            return ag_cc_fail(c, AIGOV_ERULES, "string facts need an integer 'max_length' from 1 to 4096");
        f->max_length = (uint32_t)ml->valuedouble;
    } else if (ml) {
        return ag_cc_fail(c, AIGOV_ERULES, "only string facts take 'max_length'");
    }
    if (!(f->id = ag_cc_dup_str(c, id)) || !(f->description = ag_cc_dup_str(c, desc)) ||
        !(f->ask = ag_cc_dup_str(c, ask)) || !(f->source = ag_cc_dup_str(c, source ? source : "")))
        return ag_cc_oom(c);
    return 0;
}

int ag_cc_compile_evidence(cc *c, const origin *o, ag_evidence *e, ag_fact *f)
{
    static const char *const keys[] = {"id", "title", "description", "iso", "implied_by", NULL};
    const cJSON *j = o->j;
    int rc;
    ag_cc_set_origin(c, o);
    c->rule_id = NULL;
    if (!cJSON_IsObject(j))
        return ag_cc_fail(c, AIGOV_ERULES, "an evidence item must be an object");
    if ((rc = ag_cc_check_keys(c, j, keys)))
        return rc;
    const char *id = ag_cc_get_str(c, j, "id", 1, 100, &rc);
    if (rc)
        return rc;
    if (!ag_cc_valid_dotted(id, 1) || strchr(id, '.'))
        return ag_cc_fail(c, AIGOV_ERULES, "evidence id '%s' must match ^[a-z0-9_]+$", id);
    c->rule_id = id;
    const char *title = ag_cc_get_str(c, j, "title", 1, 200, &rc);
    if (rc)
        return rc;
    const char *desc = ag_cc_get_str(c, j, "description", 1, 2000, &rc);
    if (rc)
        return rc;
    const cJSON *iso = ag_json_get(j, "iso");
    if (iso) {
        size_t mark = ag_path_key(&c->path, "iso");
        int n = cJSON_GetArraySize(iso);
        if (!cJSON_IsArray(iso) || n > 64)
            return ag_cc_fail(c, AIGOV_ERULES, "iso must be an array of clause or control numbers");
        const char **v = ag_cc_alloc_n(c, (size_t)n, sizeof *v);
        if (!v)
            return ag_cc_oom(c);
        int i = 0;
        for (const cJSON *x = iso->child; x; x = x->next, i++)
            if (!cJSON_IsString(x) || !*x->valuestring || !(v[i] = ag_cc_dup_str(c, x->valuestring)))
                return cJSON_IsString(x) && *x->valuestring
                           ? ag_cc_oom(c)
                           : ag_cc_fail(c, AIGOV_ERULES, "iso entries must be non-empty strings");
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
    char *ask = n > 0 ? ag_cc_alloc_n(c, (size_t)n + 1, 1) : NULL;
    if (!ask)
        return ag_cc_oom(c);
    snprintf(ask, (size_t)n + 1,
             "What is the state of the evidence '%s' (implemented, partial, planned or "
             "absent)? Required: %s",
             title, desc);
    f->ask = ask;
    if (!(e->id = ag_cc_dup_str(c, id)) || !(e->title = ag_cc_dup_str(c, title)) ||
        !(e->description = ag_cc_dup_str(c, desc)) || !(f->id = ag_cc_dup_str(c, fid)))
        return ag_cc_oom(c);
    f->type = AG_T_EVIDENCE;
    f->values = ag_evidence_state_names;
    f->n_values = 4;
    f->description = e->description;
    f->source = "";
    return 0;
}

/* Builds the descriptor tree from the fact ids; rejects a fact that is also
 * the prefix of another (it would have to be both a value and an object). */
int ag_cc_build_nodes(cc *c, uint32_t max_nodes)
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
                    return ag_cc_fail(c, AIGOV_ERULES,
                                "fact '%s' collides with another fact: a path cannot be both a "
                                "value and an object",
                                id);
                }
                cur = found;
            } else {
                if (n >= max_nodes)
                    return ag_cc_oom(c);
                char *key = ag_arena_alloc(c->ar, len + 1);
                if (!key)
                    return ag_cc_oom(c);
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
int ag_cc_build_indexes(cc *c)
{
    aigov_table *t = c->t;
    uint32_t nsize = pow2_at_least(c->n_nodes * 2);
    int32_t *ni = ag_cc_alloc_n(c, nsize, sizeof *ni);
    uint32_t n_values = 0;
    for (uint32_t f = 0; f < t->n_facts; f++)
        if (c->facts_out[f].type == AG_T_ENUM || c->facts_out[f].type == AG_T_SET)
            n_values += c->facts_out[f].n_values;
    uint32_t vsize = pow2_at_least(n_values * 2);
    int32_t *vi = ag_cc_alloc_n(c, vsize, sizeof *vi);
    if (!ni || !vi)
        return ag_cc_oom(c);
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
