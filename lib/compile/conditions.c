/* Conditions: rule-source JSON to expressions, and their structural equality and hash
 * (which lets identical date cases be compiled once). */
#include "compile/compiler.h"

/* ---- conditions ------------------------------------------------------------ */

int ag_cc_count_expr(const cJSON *j, int depth, uint32_t *exprs, uint32_t *kids)
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
            if (ag_cc_count_expr(k, depth + 1, exprs, kids))
                return -1;
        }
    }
    const cJSON *n = ag_json_get(j, "not");
    if (n && ag_cc_count_expr(n, depth + 1, exprs, kids))
        return -1;
    return 0;
}

static const char *const cmp_keys[] = {"eq", "gt", "gte", "lt", "lte"};

int ag_cc_cexpr(cc *c, const cJSON *j, int depth, int32_t *out);

static int c_list(cc *c, const cJSON *list, const char *key, int depth, ag_expr *e)
{
    size_t mark = ag_path_key(&c->path, key);
    int n = cJSON_GetArraySize(list);
    if (!cJSON_IsArray(list) || n < 1)
        return ag_cc_fail(c, AIGOV_ERULES, "'%s' takes a non-empty array of conditions", key);
    e->op = strcmp(key, "all") == 0 ? AG_OP_ALL : AG_OP_ANY;
    e->a = (int32_t)c->n_kids;
    e->b = n;
    uint32_t first = c->n_kids;
    c->n_kids += (uint32_t)n;
    int i = 0;
    for (const cJSON *k = list->child; k; k = k->next, i++) {
        size_t m2 = ag_path_index(&c->path, (size_t)i);
        int32_t idx = -1; /* set by ag_cc_cexpr on success; -1 keeps -O3 from warning */
        int rc = ag_cc_cexpr(c, k, depth + 1, &idx);
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
        return ag_cc_fail(c, AIGOV_ERULES, "expected a string value of fact '%s'", f->id);
    int k = ag_cc_find_value(f, v->valuestring);
    if (k < 0)
        return ag_cc_fail(c, AIGOV_ERULES, "'%s' is not a value of fact '%s'", v->valuestring, f->id);
    *mask |= 1ull << k;
    return 0;
}

static int c_fact_test(cc *c, const cJSON *j, ag_expr *e)
{
    const cJSON *fj = ag_json_get(j, "fact");
    if (!cJSON_IsString(fj))
        return ag_cc_fail(c, AIGOV_ERULES, "'fact' must be a fact id string");
    int fi = ag_cc_find_fact(c, fj->valuestring);
    if (fi < 0)
        return ag_cc_fail(c, AIGOV_ERULES, "unknown fact '%s'", fj->valuestring);
    const ag_fact *f = &c->facts_out[fi];
    if (cJSON_GetArraySize(j) != 2)
        return ag_cc_fail(c, AIGOV_ERULES, "a fact test has 'fact' and exactly one operator");
    const cJSON *opj = fj == j->child ? j->child->next : j->child;
    const char *op = opj->string;
    size_t mark = ag_path_key(&c->path, op);
    e->a = fi;
    int t = f->type;
    int rc = 0;
    if (strcmp(op, "is") == 0) {
        if (t != AG_T_BOOL)
            return ag_cc_fail(c, AIGOV_ERULES, "'is' tests bool facts; '%s' is not bool", f->id);
        if (!cJSON_IsBool(opj))
            return ag_cc_fail(c, AIGOV_ERULES, "'is' takes true or false");
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
                return ag_cc_fail(c, AIGOV_ERULES, "'in' takes a non-empty array of values");
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
                return ag_cc_fail(c, AIGOV_ERULES, "'%s' takes a non-empty array of values", op);
            for (const cJSON *v = opj->child; v && !rc; v = v->next)
                rc = value_bit(c, f, v, &e->mask);
        }
    } else if (strcmp(op, "empty") == 0 && t == AG_T_SET) {
        if (!cJSON_IsBool(opj))
            return ag_cc_fail(c, AIGOV_ERULES, "'empty' takes true or false");
        e->op = AG_OP_EMPTY;
        e->src_op = AG_SRC_EMPTY;
        e->num = cJSON_IsTrue(opj) ? 1 : 0;
    } else {
        int ci = -1;
        for (int k = 0; k < 5; k++)
            if (strcmp(op, cmp_keys[k]) == 0)
                ci = k;
        if (ci < 0 || (t != AG_T_NUMBER && t != AG_T_DATE))
            return ag_cc_fail(c, AIGOV_ERULES,
                        "operator '%s' does not fit fact '%s' of type %s (bool: is; enum: eq, in; "
                        "set: has, has_any, has_all, empty; number/date: eq, gt, gte, lt, lte)",
                        op, f->id, t == AG_T_EVIDENCE ? "evidence" : ag_fact_type_names[t]);
        e->op = AG_OP_CMP;
        e->src_op = AG_SRC_CMP;
        e->cmp = (uint8_t)ci;
        if (t == AG_T_NUMBER) {
            if (!cJSON_IsNumber(opj))
                return ag_cc_fail(c, AIGOV_ERULES, "'%s' on a number fact takes a number", op);
            e->num = opj->valuedouble;
        } else {
            int32_t d;
            if ((rc = ag_cc_parse_date_json(c, opj, &d)))
                return rc;
            e->num = d;
        }
    }
    if (!rc)
        ag_path_pop(&c->path, mark);
    return rc;
}

/* No depth check here: count_rule_storage has already walked every condition this reaches
 * (when, within, the date cases' if) with ag_cc_count_expr, through the same all/any/not, and
 * refused any deeper than AG_MAX_EXPR_DEPTH; depth only names the level. */
int ag_cc_cexpr(cc *c, const cJSON *j, int depth, int32_t *out)
{
    int32_t idx = (int32_t)c->n_exprs++;
    ag_expr *e = &c->exprs[idx];
    *out = idx;
    if (cJSON_IsBool(j)) {
        e->op = cJSON_IsTrue(j) ? AG_OP_TRUE : AG_OP_FALSE;
        return 0;
    }
    if (!cJSON_IsObject(j) || !j->child)
        return ag_cc_fail(c, AIGOV_ERULES, "a condition is true, false or an object such as {\"all\": "
                                     "[...]}, {\"fact\": ..., \"is\": true}, {\"rule\": ...}");
    const char *k = j->child->string;
    if (ag_json_get(j, "fact"))
        return c_fact_test(c, j, e);
    if (cJSON_GetArraySize(j) != 1)
        return ag_cc_fail(c, AIGOV_ERULES, "a condition object has exactly one operator key");
    const cJSON *v = j->child;
    if (strcmp(k, "all") == 0 || strcmp(k, "any") == 0)
        return c_list(c, v, k, depth, e);
    size_t mark = ag_path_key(&c->path, k);
    int rc = 0;
    if (strcmp(k, "not") == 0) {
        e->op = AG_OP_NOT;
        rc = ag_cc_cexpr(c, v, depth + 1, &e->a);
        e = &c->exprs[idx];
    } else if (strcmp(k, "known") == 0 || strcmp(k, "unknown") == 0) {
        e->op = k[0] == 'k' ? AG_OP_KNOWN : AG_OP_UNKNOWN;
        if (!cJSON_IsString(v) || (e->a = ag_cc_find_fact(c, v->valuestring)) < 0)
            rc = ag_cc_fail(c, AIGOV_ERULES, "'%s' takes a known fact id", k);
    } else if (strcmp(k, "rule") == 0) {
        e->op = AG_OP_RULE;
        if (!cJSON_IsString(v))
            rc = ag_cc_fail(c, AIGOV_ERULES, "'rule' takes a rule id");
        else if ((e->a = ag_cc_find_rule(c, v->valuestring)) < 0)
            rc = ag_cc_fail(c, AIGOV_ERULES, "reference to unknown rule '%s'", v->valuestring);
    } else if (strcmp(k, "as_of") == 0) {
        e->op = AG_OP_AS_OF;
        int ci = -1;
        if (cJSON_IsObject(v) && cJSON_GetArraySize(v) == 1)
            for (int q = 0; q < 5; q++)
                if (strcmp(v->child->string, cmp_keys[q]) == 0)
                    ci = q;
        if (ci < 0)
            return ag_cc_fail(c, AIGOV_ERULES, "'as_of' takes one of {\"gte\"|\"gt\"|\"lte\"|\"lt\"|\"eq\": date}");
        e->cmp = (uint8_t)ci;
        int32_t d;
        size_t m2 = ag_path_key(&c->path, v->child->string);
        if ((rc = ag_cc_parse_date_json(c, v->child, &d)))
            return rc;
        ag_path_pop(&c->path, m2);
        e->num = d;
    } else {
        rc = ag_cc_fail(c, AIGOV_ERULES, "unknown condition operator '%s'", k);
    }
    if (!rc)
        ag_path_pop(&c->path, mark);
    return rc;
}

/* Whether expressions x and y test the same thing (structurally: same operators,
 * facts, rules, values and parts). */
int ag_cc_expr_equal(const cc *c, int32_t x, int32_t y)
{
    if (x == y)
        return 1;
    const ag_expr *a = &c->exprs[x], *b = &c->exprs[y];
    if (a->op != b->op || a->cmp != b->cmp || a->src_op != b->src_op || a->mask != b->mask ||
        memcmp(&a->num, &b->num, sizeof a->num) != 0)
        return 0;
    switch (a->op) {
    case AG_OP_ALL:
    case AG_OP_ANY:
        if (a->b != b->b)
            return 0;
        for (int32_t k = 0; k < a->b; k++)
            if (!ag_cc_expr_equal(c, c->kids[a->a + k], c->kids[b->a + k]))
                return 0;
        return 1;
    case AG_OP_NOT: return ag_cc_expr_equal(c, a->a, b->a);
    default: return a->a == b->a && a->b == b->b;
    }
}

/* A hash of what ag_cc_expr_equal compares. */
static uint32_t expr_hash(const cc *c, int32_t x)
{
    const ag_expr *a = &c->exprs[x];
    uint64_t num;
    memcpy(&num, &a->num, sizeof num);
    uint64_t h = (uint64_t)a->op * 0x9E3779B97F4A7C15ull ^ (uint64_t)a->cmp << 8 ^ (uint64_t)a->src_op << 16 ^
                 a->mask * 0xC2B2AE3D27D4EB4Full ^ num;
    if (a->op == AG_OP_ALL || a->op == AG_OP_ANY)
        for (int32_t k = 0; k < a->b; k++)
            h = (h ^ expr_hash(c, c->kids[a->a + k])) * 0x100000001B3ull;
    else if (a->op == AG_OP_NOT)
        h = (h ^ expr_hash(c, a->a)) * 0x100000001B3ull;
    else
        h = (h ^ (uint64_t)(uint32_t)a->a << 32 ^ (uint32_t)a->b) * 0x100000001B3ull;
    return (uint32_t)(h ^ (h >> 29));
}

uint32_t ag_cc_dates_hash(const cc *c, const ag_rule *r)
{
    uint32_t h = r->dates_n * 0x9E3779B1u;
    for (uint32_t k = 0; k < r->dates_n; k++) {
        const ag_date_case *d = &c->dates[r->dates_first + k];
        h = (h ^ (uint32_t)d->date) * 16777619u;
        h = (h ^ (uint32_t)d->not_before) * 16777619u;
        h = (h ^ (d->cond < 0 ? 0u : expr_hash(c, d->cond))) * 16777619u;
    }
    return h ^ (h >> 15);
}

/* ---- interning ------------------------------------------------------------------
 * Identical subtrees share one value slot (ag_expr.same), so an evaluation works each
 * out once: `not eu.hr.annex_iii_route` stands in many rules and date cases. Parts have
 * higher indices than the expressions holding them (ag_cc_cexpr numbers a node before its
 * parts), so walking down from the last index interns every part before its holder, and
 * two holders are equal when their operators, values and interned parts are. */

static int same_node(const cc *c, const ag_expr *a, const ag_expr *b)
{
    if (a->op != b->op || a->cmp != b->cmp || a->src_op != b->src_op || a->mask != b->mask ||
        memcmp(&a->num, &b->num, sizeof a->num) != 0)
        return 0;
    switch (a->op) {
    case AG_OP_ALL:
    case AG_OP_ANY:
        if (a->b != b->b)
            return 0;
        for (int32_t k = 0; k < a->b; k++)
            if (c->exprs[c->kids[a->a + k]].same != c->exprs[c->kids[b->a + k]].same)
                return 0;
        return 1;
    case AG_OP_NOT: return c->exprs[a->a].same == c->exprs[b->a].same;
    default: return a->a == b->a && a->b == b->b;
    }
}

static uint32_t node_hash(const cc *c, const ag_expr *a)
{
    uint64_t num;
    memcpy(&num, &a->num, sizeof num);
    uint64_t h = (uint64_t)a->op * 0x9E3779B97F4A7C15ull ^ (uint64_t)a->cmp << 8 ^ (uint64_t)a->src_op << 16 ^
                 a->mask * 0xC2B2AE3D27D4EB4Full ^ num;
    if (a->op == AG_OP_ALL || a->op == AG_OP_ANY)
        for (int32_t k = 0; k < a->b; k++)
            h = (h ^ (uint32_t)c->exprs[c->kids[a->a + k]].same) * 0x100000001B3ull;
    else if (a->op == AG_OP_NOT)
        h = (h ^ (uint32_t)c->exprs[a->a].same) * 0x100000001B3ull;
    else
        h = (h ^ (uint64_t)(uint32_t)a->a << 32 ^ (uint32_t)a->b) * 0x100000001B3ull;
    h ^= h >> 29;
    return (uint32_t)(h ^ (h >> 32));
}

int ag_cc_intern_exprs(cc *c)
{
    uint32_t cap = 2;
    while (cap < 2 * c->n_exprs)
        cap *= 2;
    int32_t *slot = ag_cc_alloc_n(c, cap, sizeof(int32_t));
    if (!slot)
        return ag_cc_oom(c);
    memset(slot, 0xff, cap * sizeof(int32_t));
    for (uint32_t i = c->n_exprs; i-- > 0;) {
        ag_expr *e = &c->exprs[i];
        e->same = (int32_t)i;
        e->shared = 0;
        for (uint32_t h = node_hash(c, e) & (cap - 1);; h = (h + 1) & (cap - 1)) {
            int32_t k = slot[h];
            if (k < 0) {
                slot[h] = (int32_t)i;
                break;
            }
            if (same_node(c, e, &c->exprs[k])) {
                e->same = k;
                e->shared = c->exprs[k].shared = 1;
                break;
            }
        }
    }
    return 0;
}
