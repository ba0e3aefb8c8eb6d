/* applies_from: date cases, and the blocks of them that several rules share. */
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

int ag_cc_compile_dates(cc *c, const cJSON *af, ag_rule *r)
{
    size_t mark = ag_path_key(&c->path, "applies_from");
    int rc;
    r->dates_first = c->n_dates;
    r->earliest = INT32_MAX;
    if (cJSON_IsString(af)) {
        ag_date_case *dc = &c->dates[c->n_dates++];
        dc->cond = -1;
        dc->not_before = 0;
        if ((rc = ag_cc_parse_date_json(c, af, &dc->date)))
            return rc;
        r->earliest = dc->date;
    } else if (cJSON_IsArray(af) && cJSON_GetArraySize(af) >= 1) {
        int i = 0, n = cJSON_GetArraySize(af);
        for (const cJSON *k = af->child; k; k = k->next, i++) {
            static const char *const keys[] = {"if", "date", "not_before", NULL};
            size_t m2 = ag_path_index(&c->path, (size_t)i);
            if (!cJSON_IsObject(k))
                return ag_cc_fail(c, AIGOV_ERULES, "a date case is {\"if\": condition, \"date\": date}");
            if ((rc = ag_cc_check_keys(c, k, keys)))
                return rc;
            ag_date_case *dc = &c->dates[c->n_dates++];
            const cJSON *cond = ag_json_get(k, "if"), *d = ag_json_get(k, "date");
            if (!d)
                return ag_cc_fail(c, AIGOV_ERULES, "a date case needs 'date'");
            size_t m3 = ag_path_key(&c->path, "date");
            if ((rc = ag_cc_parse_date_json(c, d, &dc->date)))
                return rc;
            ag_path_pop(&c->path, m3);
            dc->not_before = 0;
            const cJSON *nb = ag_json_get(k, "not_before");
            if (nb) {
                int fi = cJSON_IsString(nb) ? ag_cc_find_fact(c, nb->valuestring) : -1;
                if (fi < 0 || c->facts_out[fi].type != AG_T_DATE)
                    return ag_cc_fail(c, AIGOV_ERULES, "'not_before' names a date fact");
                dc->not_before = fi + 1;
            }
            if ((i == n - 1) != (cond == NULL))
                return ag_cc_fail(c, AIGOV_ERULES, "every date case but the last has 'if'; the last has none");
            dc->cond = -1;
            if (cond) {
                m3 = ag_path_key(&c->path, "if");
                if ((rc = ag_cc_cexpr(c, cond, 1, &dc->cond)))
                    return rc;
                ag_path_pop(&c->path, m3);
            }
            if (dc->date < r->earliest)
                r->earliest = dc->date;
            ag_path_pop(&c->path, m2);
        }
    } else {
        return ag_cc_fail(c, AIGOV_ERULES, "applies_from is a date or a non-empty array of date cases");
    }
    r->dates_n = c->n_dates - r->dates_first;
    share_dates(c, r);
    ag_path_pop(&c->path, mark);
    return 0;
}
