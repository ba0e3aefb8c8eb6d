/* Rules: their heads, bodies and dependency order. */
#include "compile/compiler.h"

/* ---- rules ------------------------------------------------------------------- */

static int role_index(const char *s)
{
    for (int i = 0; i < AG_N_ROLES; i++)
        if (strcmp(ag_role_names[i], s) == 0)
            return i;
    return -1;
}

int ag_cc_compile_rule_head(cc *c, const origin *o, ag_rule *r)
{
    static const char *const keys[] = {"id",       "kind",         "framework", "citation",
                                       "title",    "description",  "note",      "when",
                                       "applies_from", "evidence", "holder",    "classifies",
                                       "confers_role", "penalty", "crosswalk", "within", "soa",
                                       "soa_control", "soa_statement", "per_system", "observation",
                                       "quote", NULL};
    int rc;
    ag_cc_set_origin(c, o);
    c->rule_id = NULL;
    if (!cJSON_IsObject(o->j))
        return ag_cc_fail(c, AIGOV_ERULES, "a rule must be an object");
    if ((rc = ag_cc_check_keys(c, o->j, keys)))
        return rc;
    const char *id = ag_cc_get_str(c, o->j, "id", 1, 120, &rc);
    if (rc)
        return rc;
    if (!ag_cc_valid_dotted(id, 2))
        return ag_cc_fail(c, AIGOV_ERULES, "rule id '%s' must match ^[a-z0-9]+(\\.[a-z0-9_]+)+$", id);
    if (ag_cc_find_rule(c, id) >= 0)
        return ag_cc_fail(c, AIGOV_ERULES, "duplicate rule id '%s'", id);
    if (!(r->id = ag_cc_dup_str(c, id)))
        return ag_cc_oom(c);
    ag_cc_sidx_add(c, &c->rule_idx, ag_cc_rule_name, (int32_t)(r - c->rules_out));
    return 0;
}

int ag_cc_compile_rule(cc *c, const origin *o, ag_rule *r)
{
    const cJSON *j = o->j;
    int rc;
    ag_cc_set_origin(c, o);
    c->rule_id = r->id;
    static const char *const kinds[] = {"definition", "obligation", "prohibition", "finding", NULL};
    const char *kind = ag_cc_get_str(c, j, "kind", 1, 20, &rc);
    if (rc)
        return rc;
    int ki = -1;
    for (int k = 0; kinds[k]; k++)
        if (strcmp(kinds[k], kind) == 0)
            ki = k;
    if (ki < 0)
        return ag_cc_fail(c, AIGOV_ERULES, "kind must be definition, obligation, prohibition or finding");
    r->kind = (uint8_t)ki;
    const char *fw = ag_cc_get_str(c, j, "framework", 1, 32, &rc);
    if (rc)
        return rc;
    int fi = -1;
    for (uint32_t k = 0; k < c->t->n_frameworks; k++)
        if (strcmp(c->t->framework_ids[k], fw) == 0)
            fi = (int)k;
    if (fi < 0)
        return ag_cc_fail(c, AIGOV_ERULES, "framework '%s' is not in the manifest", fw);
    r->framework = (uint8_t)fi;
    const char *cit = ag_cc_get_str(c, j, "citation", 1, 200, &rc);
    if (rc)
        return rc;
    const char *title = ag_cc_get_str(c, j, "title", 1, 300, &rc);
    if (rc)
        return rc;
    const char *desc = ag_cc_get_str(c, j, "description", 0, 4000, &rc);
    if (rc)
        return rc;
    const char *note = ag_cc_get_str(c, j, "note", 0, 4000, &rc);
    if (rc)
        return rc;
    /* A verbatim phrase of the provision the rule encodes, for the reviewer of the
     * source: checked for shape here, not kept in the table (nothing reads it at run time). */
    (void)ag_cc_get_str(c, j, "quote", 0, 400, &rc);
    if (rc)
        return rc;
    if (!(r->citation = ag_cc_dup_str(c, cit)) || !(r->title = ag_cc_dup_str(c, title)) ||
        !(r->description = ag_cc_dup_str(c, desc ? desc : "")) || !(r->note = ag_cc_dup_str(c, note ? note : "")))
        return ag_cc_oom(c);

    const cJSON *when = ag_json_get(j, "when");
    if (!when)
        return ag_cc_fail(c, AIGOV_ERULES, "missing required key 'when' (the applicability condition)");
    size_t mark = ag_path_key(&c->path, "when");
    r->expr_first = c->n_exprs;
    if ((rc = ag_cc_cexpr(c, when, 1, &r->when)))
        return rc;
    ag_path_pop(&c->path, mark);
    r->within = -1;
    const cJSON *within = ag_json_get(j, "within");
    if (within) {
        /* a finding: where the check applies; an SoA control: the management system that
         * makes the Statement of Applicability bind (its decision then decides applicability) */
        if (r->kind != AG_K_FINDING && !(r->kind == AG_K_OBLIGATION && ag_json_get(j, "soa")))
            return ag_cc_fail(c, AIGOV_ERULES, "only findings and SoA controls (obligations with 'soa') take 'within'");
        mark = ag_path_key(&c->path, "within");
        if ((rc = ag_cc_cexpr(c, within, 1, &r->within)))
            return rc;
        ag_path_pop(&c->path, mark);
    }

    r->soa_statement = 0;
    const cJSON *ss = ag_json_get(j, "soa_statement");
    if (ss) {
        mark = ag_path_key(&c->path, "soa_statement");
        if (r->kind != AG_K_OBLIGATION)
            return ag_cc_fail(c, AIGOV_ERULES, "only an obligation (the clause requiring the Statement of Applicability) takes 'soa_statement'");
        if (!cJSON_IsTrue(ss))
            return ag_cc_fail(c, AIGOV_ERULES, "soa_statement is true or absent");
        r->soa_statement = 1;
        ag_path_pop(&c->path, mark);
    }

    r->observation = 0;
    const cJSON *obs = ag_json_get(j, "observation");
    if (obs) {
        mark = ag_path_key(&c->path, "observation");
        if (r->kind != AG_K_FINDING)
            return ag_cc_fail(c, AIGOV_ERULES, "only a finding takes 'observation'");
        if (!cJSON_IsTrue(obs))
            return ag_cc_fail(c, AIGOV_ERULES, "observation is true or absent");
        r->observation = 1;
        ag_path_pop(&c->path, mark);
    }

    const cJSON *af = ag_json_get(j, "applies_from");
    r->dates_n = 0;
    r->earliest = AG_DATE_NONE;
    if (r->kind == AG_K_DEFINITION) {
        if (af || ag_json_get(j, "evidence") || ag_json_get(j, "holder"))
            return ag_cc_fail(c, AIGOV_ERULES,
                        "a definition has no applies_from, evidence or holder (it is not reported)");
    } else {
        if (!af)
            return ag_cc_fail(c, AIGOV_ERULES, "missing required key 'applies_from'");
        if ((rc = ag_cc_compile_dates(c, af, r)))
            return rc;
    }
    r->expr_n = c->n_exprs - r->expr_first;

    /* compiled after the rule's own expressions: what a system reads here never makes the
     * rule system-level (compile.c derives org_level from the rule's own range) */
    r->per_system = -1;
    const cJSON *ps = ag_json_get(j, "per_system");
    if (ps) {
        mark = ag_path_key(&c->path, "per_system");
        if (r->kind != AG_K_OBLIGATION)
            return ag_cc_fail(c, AIGOV_ERULES, "only an obligation takes 'per_system' (the condition that a system is in scope)");
        if ((rc = ag_cc_cexpr(c, ps, 1, &r->per_system)))
            return rc;
        ag_path_pop(&c->path, mark);
    }

    const cJSON *hold = ag_json_get(j, "holder");
    if (r->kind != AG_K_DEFINITION) {
        mark = ag_path_key(&c->path, "holder");
        if (!cJSON_IsArray(hold) || cJSON_GetArraySize(hold) < 1)
            return ag_cc_fail(c, AIGOV_ERULES, "holder must be a non-empty array of roles");
        int i = 0;
        for (const cJSON *h = hold->child; h; h = h->next, i++) {
            int ri = cJSON_IsString(h) ? role_index(h->valuestring) : -1;
            size_t m2 = ag_path_index(&c->path, (size_t)i);
            if (ri < 0)
                return ag_cc_fail(c, AIGOV_ERULES, "unknown holder; expected provider, deployer, importer, "
                                             "distributor, authorised_representative, "
                                             "product_manufacturer or organisation");
            if (r->holders & (1u << ri))
                return ag_cc_fail(c, AIGOV_ERULES, "duplicate holder '%s'", h->valuestring);
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
            return ag_cc_fail(c, AIGOV_ERULES, "an obligation needs a non-empty 'evidence' array of "
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
                return ag_cc_fail(c, AIGOV_ERULES, "unknown evidence item %s%s%s",
                            cJSON_IsString(e) ? "'" : "", cJSON_IsString(e) ? e->valuestring : "",
                            cJSON_IsString(e) ? "'" : "(expected an evidence id string)");
            for (uint32_t k = r->ev_first; k < c->n_rule_ev; k++)
                if (c->rule_ev[k] == found)
                    return ag_cc_fail(c, AIGOV_ERULES, "evidence '%s' listed twice", e->valuestring);
            c->rule_ev[c->n_rule_ev++] = found;
            ag_path_pop(&c->path, m2);
        }
        ag_path_pop(&c->path, mark);
    } else if (ev) {
        return ag_cc_fail(c, AIGOV_ERULES, "only obligations take 'evidence'");
    }
    r->ev_n = c->n_rule_ev - r->ev_first;

    r->classifies = AG_C_NONE;
    const char *cls = ag_cc_get_str(c, j, "classifies", 0, 32, &rc);
    if (rc)
        return rc;
    if (cls) {
        for (int k = 0; k < AG_C_COUNT; k++)
            if (strcmp(ag_class_names[k], cls) == 0)
                r->classifies = (int8_t)k;
        if (r->classifies == AG_C_NONE)
            return ag_cc_fail(c, AIGOV_ERULES, "classifies must be out_of_scope, prohibited, high_risk, "
                                         "limited, gpai or gpai_systemic");
        if (r->kind == AG_K_OBLIGATION || r->kind == AG_K_FINDING)
            return ag_cc_fail(c, AIGOV_ERULES, "obligations and findings do not classify; use a definition");
        if (r->kind == AG_K_PROHIBITION && r->classifies != AG_C_PROHIBITED)
            return ag_cc_fail(c, AIGOV_ERULES, "a prohibition classifies 'prohibited' only");
    }
    if (r->kind == AG_K_PROHIBITION)
        r->classifies = AG_C_PROHIBITED;
    r->confers_role = -1;
    const char *cr = ag_cc_get_str(c, j, "confers_role", 0, 40, &rc);
    if (rc)
        return rc;
    if (cr) {
        int ri = role_index(cr);
        if (ri < 0 || ri == AG_N_ROLES - 1)
            return ag_cc_fail(c, AIGOV_ERULES, "confers_role must be an operator role");
        if (r->kind != AG_K_DEFINITION)
            return ag_cc_fail(c, AIGOV_ERULES, "only definitions confer roles");
        r->confers_role = (int8_t)ri;
    }
    r->penalty = -1;
    const char *pen = ag_cc_get_str(c, j, "penalty", 0, 40, &rc);
    if (rc)
        return rc;
    if (pen) {
        if (r->kind != AG_K_OBLIGATION && r->kind != AG_K_PROHIBITION)
            return ag_cc_fail(c, AIGOV_ERULES, "only obligations and prohibitions carry a penalty");
        for (uint32_t k = 0; k < c->t->n_penalties; k++)
            if (strcmp(c->pens_out[k].id, pen) == 0)
                r->penalty = (int32_t)k;
        if (r->penalty < 0) {
            size_t mark2 = ag_path_key(&c->path, "penalty");
            (void)mark2;
            return ag_cc_fail(c, AIGOV_ERULES, "unknown penalty tier '%s'", pen);
        }
    }
    return 0;
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

int ag_cc_order_rules(cc *c, int32_t *order, uint32_t *n_order)
{
    size_t nr = c->n_rules;
    uint8_t *state = ag_cc_alloc_n(c, nr + 1, 1);
    uint32_t *first = ag_cc_alloc_n(c, nr + 2, sizeof(uint32_t));
    int32_t *refs = ag_cc_alloc_n(c, (size_t)c->n_exprs + 1, sizeof(int32_t));
    int32_t *stack = ag_cc_alloc_n(c, nr + 1, sizeof(int32_t));
    uint32_t *pos = ag_cc_alloc_n(c, nr + 1, sizeof(uint32_t));
    if (!state || !first || !refs || !stack || !pos)
        return ag_cc_oom(c);
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
                    return ag_cc_fail(c, AIGOV_ERULES, "rule '%s' depends on itself through rule references",
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
