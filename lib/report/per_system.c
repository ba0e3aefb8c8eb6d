/* Per-system results of an organisation's rule (see per_system.h). */
#include "report/per_system.h"
#include <string.h>
#include "aigov.h"

int ag_per_system_init(ag_per_system *ps, const aigov_table *t, const ag_mem *mem)
{
    memset(ps, 0, sizeof *ps);
    for (uint32_t ri = 0; ri < t->n_rules; ri++)
        ps->n_rules += t->rules[ri].per_system >= 0;
    if (!ps->n_rules)
        return 0;
    ps->rules = ag_calloc(mem, ps->n_rules, sizeof *ps->rules);
    if (!ps->rules)
        return AIGOV_ENOMEM;
    uint32_t n = 0;
    for (uint32_t ri = 0; ri < t->n_rules; ri++)
        if (t->rules[ri].per_system >= 0)
            ps->rules[n++] = (int32_t)ri;
    return 0;
}

void ag_per_system_free(ag_per_system *ps, const ag_mem *mem)
{
    ag_mfree(mem, ps->rules);
    ag_mfree(mem, ps->status);
    memset(ps, 0, sizeof *ps);
}

int ag_per_system_add(ag_per_system *ps, const aigov_table *t, const ag_facts *f, ag_result *r,
                      const ag_mem *mem)
{
    if (!ps->n_rules)
        return 0;
    size_t need = ((size_t)ps->n_systems + 1) * ps->n_rules;
    if (need > ps->cap) {
        size_t cap = ps->cap ? ps->cap * 2 : ps->n_rules * 8;
        while (cap < need)
            cap *= 2;
        uint8_t *p = ag_realloc(mem, ps->status, cap);
        if (!p)
            return AIGOV_ENOMEM;
        ps->status = p;
        ps->cap = cap;
    }
    uint8_t *row = ps->status + (size_t)ps->n_systems * ps->n_rules;
    for (uint32_t k = 0; k < ps->n_rules; k++) {
        int32_t ri = ps->rules[k];
        /* only a system the organisation says is outside the scope is left out: while that is
         * unknown the system's results are still required (an unknown never hides a gap) */
        uint8_t in = ag_eval_expr(t, f, r, t->rules[ri].per_system);
        row[k] = in == AG_F ? AG_PS_OUT_OF_SCOPE : r->status[ri];
    }
    ps->n_systems++;
    return 0;
}

void ag_per_system_apply(const ag_per_system *ps, ag_result *r)
{
    for (uint32_t k = 0; k < ps->n_rules; k++) {
        uint8_t *st = &r->status[ps->rules[k]];
        if (*st == AIGOV_STATUS_NOT_APPLICABLE)
            continue; /* the rule's condition reads organisation facts only: the same in every system */
        int in_scope = 0, gap = 0, met = 1;
        for (uint32_t s = 0; s < ps->n_systems; s++) {
            uint8_t e = ps->status[(size_t)s * ps->n_rules + k];
            if (e == AG_PS_OUT_OF_SCOPE || e == AIGOV_STATUS_NOT_APPLICABLE)
                continue;
            in_scope = 1;
            gap |= e == AIGOV_STATUS_GAP;
            met &= e == AIGOV_STATUS_MET;
        }
        if (in_scope)
            *st = gap ? AIGOV_STATUS_GAP : met ? AIGOV_STATUS_MET : AIGOV_STATUS_UNKNOWN;
    }
}

int ag_per_system_entry(const ag_per_system *ps, int32_t ri, uint32_t s)
{
    for (uint32_t k = 0; k < ps->n_rules; k++)
        if (ps->rules[k] == ri)
            return s < ps->n_systems ? ps->status[(size_t)s * ps->n_rules + k] : -1;
    return -1;
}
