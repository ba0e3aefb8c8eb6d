/* Penalty tiers (Art. 99-101) and the facts they read. */
#include "compile/compiler.h"

/* ---- penalty tiers and the facts they read ----------------------------------- */

static int higher_lower(cc *c, const cJSON *j, const char *key, uint8_t *lower)
{
    const cJSON *v = ag_json_get(j, key);
    if (!v)
        return ag_cc_fail(c, AIGOV_ERULES, "missing required key '%s' (higher or lower)", key);
    if (!cJSON_IsString(v) || (strcmp(v->valuestring, "higher") && strcmp(v->valuestring, "lower")))
        return ag_cc_fail(c, AIGOV_ERULES, "'%s' must be \"higher\" or \"lower\"", key);
    *lower = v->valuestring[0] == 'l';
    return 0;
}

static int size_values(cc *c, const cJSON *pf, const char *key, const ag_fact *size, uint64_t *mask)
{
    const cJSON *a = ag_json_get(pf, key);
    size_t mark = ag_path_key(&c->path, key);
    if (!cJSON_IsArray(a))
        return ag_cc_fail(c, AIGOV_ERULES, "'%s' lists values of the size fact", key);
    for (const cJSON *v = a->child; v; v = v->next) {
        int k = cJSON_IsString(v) ? ag_cc_find_value(size, v->valuestring) : -1;
        if (k < 0)
            return ag_cc_fail(c, AIGOV_ERULES, "'%s' names a value the size fact does not have", key);
        *mask |= 1ull << k;
    }
    ag_path_pop(&c->path, mark);
    return 0;
}

int ag_cc_compile_penalties(cc *c)
{
    aigov_table *t = c->t;
    int rc;
    t->penalty_facts = (ag_penalty_facts){-1, -1, -1, -1, 0, 0};
    c->pens_out = ag_cc_alloc_n(c, c->n_pens + 1, sizeof(ag_penalty));
    if (!c->pens_out)
        return ag_cc_oom(c);
    for (size_t i = 0; i < c->n_pens; i++) {
        static const char *const keys[] = {"id", "citation", "title", "fixed_eur", "turnover_percent",
                                           "undertaking", "sme", "small_mid_cap", "eu_institution_eur",
                                           "national", "applies_from", "public_authority_national", NULL};
        const origin *o = &c->pens[i];
        ag_penalty *p = &c->pens_out[i];
        ag_cc_set_origin(c, o);
        c->rule_id = NULL;
        if (!cJSON_IsObject(o->j))
            return ag_cc_fail(c, AIGOV_ERULES, "a penalty tier is an object");
        if ((rc = ag_cc_check_keys(c, o->j, keys)))
            return rc;
        const char *id = ag_cc_get_str(c, o->j, "id", 1, 40, &rc);
        if (rc)
            return rc;
        if (!ag_cc_valid_dotted(id, 1) || strchr(id, '.'))
            return ag_cc_fail(c, AIGOV_ERULES, "penalty id '%s' must match ^[a-z0-9_]+$", id);
        c->rule_id = id;
        for (size_t k = 0; k < i; k++)
            if (strcmp(c->pens_out[k].id, id) == 0)
                return ag_cc_fail(c, AIGOV_ERULES, "duplicate penalty id '%s'", id);
        const char *cit = ag_cc_get_str(c, o->j, "citation", 1, 100, &rc);
        if (rc)
            return rc;
        const char *title = ag_cc_get_str(c, o->j, "title", 1, 300, &rc);
        if (rc)
            return rc;
        if (!(p->id = ag_cc_dup_str(c, id)) || !(p->citation = ag_cc_dup_str(c, cit)) || !(p->title = ag_cc_dup_str(c, title)))
            return ag_cc_oom(c);
        p->applies_from = AG_DATE_NONE;
        const cJSON *af = ag_json_get(o->j, "applies_from");
        if (af) {
            size_t m2 = ag_path_key(&c->path, "applies_from");
            if ((rc = ag_cc_parse_date_json(c, af, &p->applies_from)))
                return rc;
            ag_path_pop(&c->path, m2);
        }
        const cJSON *pan = ag_json_get(o->j, "public_authority_national");
        if (pan && !cJSON_IsBool(pan))
            return ag_cc_fail(c, AIGOV_ERULES, "'public_authority_national' is true or false");
        p->public_authority_national = cJSON_IsTrue(pan);
        const cJSON *nat = ag_json_get(o->j, "national");
        p->national = cJSON_IsTrue(nat);
        if (nat && !cJSON_IsBool(nat))
            return ag_cc_fail(c, AIGOV_ERULES, "'national' is true or false");
        if (p->national)
            continue;
        const cJSON *fx = ag_json_get(o->j, "fixed_eur"), *pc = ag_json_get(o->j, "turnover_percent");
        const cJSON *ei = ag_json_get(o->j, "eu_institution_eur");
        if (!cJSON_IsNumber(fx) || fx->valuedouble <= 0 || !cJSON_IsNumber(pc) ||
            pc->valuedouble < 0 || pc->valuedouble > 100 || (ei && (!cJSON_IsNumber(ei) || ei->valuedouble < 0)))
            return ag_cc_fail(c, AIGOV_ERULES, "a tier needs fixed_eur > 0 and turnover_percent 0..100 (and eu_institution_eur >= 0)");
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
            return ag_cc_fail(c, AIGOV_ERULES, "penalty_facts is an object");
        if ((rc = ag_cc_check_keys(c, pf, keys)))
            return rc;
        static const char *const fkeys[] = {"size", "turnover", "eu_institution"};
        static const uint8_t ftypes[] = {AG_T_ENUM, AG_T_NUMBER, AG_T_BOOL};
        int32_t *slots[] = {&t->penalty_facts.size, &t->penalty_facts.turnover, &t->penalty_facts.eu_institution};
        for (int k = 0; k < 3; k++) {
            const cJSON *v = ag_json_get(pf, fkeys[k]);
            int fi = cJSON_IsString(v) ? ag_cc_find_fact(c, v->valuestring) : -1;
            if (fi < 0 || c->facts_out[fi].type != ftypes[k])
                return ag_cc_fail(c, AIGOV_ERULES, "penalty_facts.%s must name a fact of type %s", fkeys[k],
                            ag_fact_type_names[ftypes[k]]);
            *slots[k] = fi;
        }
        const cJSON *pa = ag_json_get(pf, "public_authority");
        if (pa) {
            int fi = cJSON_IsString(pa) ? ag_cc_find_fact(c, pa->valuestring) : -1;
            if (fi < 0 || c->facts_out[fi].type != AG_T_BOOL)
                return ag_cc_fail(c, AIGOV_ERULES, "penalty_facts.public_authority must name a bool fact");
            t->penalty_facts.public_authority = fi;
        }
        const ag_fact *size = &c->facts_out[t->penalty_facts.size];
        if ((rc = size_values(c, pf, "sme", size, &t->penalty_facts.sme_mask)) ||
            (rc = size_values(c, pf, "small_mid_cap", size, &t->penalty_facts.smc_mask)))
            return rc;
    }
    return 0;
}
