/* Which parts of a condition decided its value: the false part of a false
 * `all`, the true part of a true `any`, every part of a true `all` or false
 * `any`, and every unknown part of an unknown one. */
#include <stdio.h>
#include <string.h>
#include "report/reasons.h"
#include "util/date.h"
#include "util/num.h"

typedef struct rs {
    const aigov_table *t;
    const ag_result *r;
    ag_leaf_fn fn;
    void *ud;
    int left;
} rs;

static void decide(rs *s, int32_t ei);

/* A part that decided: a leaf taken here (most parts are), anything else walked. */
static inline void take(rs *s, int32_t kid)
{
    if (s->t->exprs[kid].op < AG_OP_FIRST_LEAF) {
        decide(s, kid);
    } else if (s->left > 0) {
        s->left--;
        s->fn(s->ud, kid);
    }
}

static void decide(rs *s, int32_t ei)
{
    const ag_expr *e = &s->t->exprs[ei];
    while (e->op == AG_OP_NOT) { /* a negation's reason is its part's */
        ei = e->a;
        e = &s->t->exprs[ei];
    }
    if (s->left <= 0)
        return;
    if (e->op != AG_OP_ALL && e->op != AG_OP_ANY) {
        s->left--;
        s->fn(s->ud, ei);
        return;
    }
    uint8_t v = ag_expr_value(s->r, s->t, ei);
    uint8_t short_val = e->op == AG_OP_ALL ? AG_F : AG_T;
    for (int32_t k = 0; k < e->b; k++) {
        int32_t kid = s->t->kids[e->a + k];
        uint8_t kv = ag_expr_value(s->r, s->t, kid);
        if (v == short_val) {
            if (kv == short_val) {
                take(s, kid);
                return;
            }
        } else if (v == AG_U) {
            if (kv == AG_U)
                take(s, kid);
        } else {
            take(s, kid);
        }
    }
}

void ag_reasons(const aigov_table *t, const ag_result *r, int32_t ei, ag_leaf_fn fn, void *ud,
                int max)
{
    rs s = {t, r, fn, ud, max};
    decide(&s, ei);
}

typedef struct collect {
    int32_t *keys;
    int n, max;
} collect;

static void collect_leaf(void *ud, int32_t ei)
{
    collect *c = ud;
    if (c->n < c->max)
        c->keys[c->n++] = ei;
}

/* An Annex A control's applicability is its Statement of Applicability decision within the
 * management system (evaluate.c, soa_applicability): the reasons say so in that order, the
 * scope when it does not hold, the decision, and the typical applicability (`when`) only
 * while the decision is not recorded. Each walk stops at `max` leaves, so the whole list
 * can hold up to three times `max` (as the JSON report has always shown it). */
int ag_obligation_reasons(const aigov_report *rep, int32_t ri, int32_t *keys)
{
    const int max = AG_MAX_REASONS;
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    const ag_rule *ru = &t->rules[ri];
    collect c = {keys, 0, AG_REASON_KEYS};
    if (ru->soa_decision < 0) {
        c.max = max;
        ag_reasons(t, r, ru->when, collect_leaf, &c, max);
        return c.n;
    }
    uint8_t in = ru->within >= 0 ? ag_expr_value(r, rep->t, ru->within) : AG_T;
    if (in != AG_T)
        ag_reasons(t, r, ru->within, collect_leaf, &c, max);
    if (in == AG_F)
        return c.n;
    if (c.n < c.max)
        c.keys[c.n++] = (int32_t)t->n_exprs + ru->soa_decision;
    if (!rep->f->vals[ru->soa_decision].known)
        ag_reasons(t, r, ru->when, collect_leaf, &c, max);
    return c.n;
}

uint8_t ag_soa_decision_result(const aigov_report *rep, int32_t fact)
{
    const ag_value *dv = &rep->f->vals[fact];
    if (!dv->known)
        return AG_U;
    const char *d = rep->t->facts[fact].values[__builtin_ctzll(dv->v.mask)];
    return strcmp(d, "included") == 0 ? AG_T : AG_F;
}

const char *ag_kleene_name(uint8_t v)
{
    return v == AG_T ? "true" : v == AG_F ? "false" : "unknown";
}

