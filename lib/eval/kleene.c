/* Three-valued (Kleene) evaluation of one condition expression. */
#include "eval/result.h"
#include "util/num.h"

static uint8_t cmp_num(int cmp, double a, double b)
{
    switch (cmp) {
    case AG_CMP_EQ: return a == b;
    case AG_CMP_GT: return a > b;
    case AG_CMP_GTE: return a >= b;
    case AG_CMP_LT: return a < b;
    default: return a <= b;
    }
}

/* The same tests on an exact order (-1, 0, 1). */
static uint8_t cmp_exact(int cmp, int order)
{
    switch (cmp) {
    case AG_CMP_EQ: return order == 0;
    case AG_CMP_GT: return order > 0;
    case AG_CMP_GTE: return order >= 0;
    case AG_CMP_LT: return order < 0;
    default: return order <= 0;
    }
}

/* Forced inline: the leaf test is the inner loop of every evaluation. */
#if defined(__GNUC__)
#define AG_HOT_INLINE inline __attribute__((always_inline))
#else
#define AG_HOT_INLINE inline
#endif

static AG_HOT_INLINE uint8_t leaf(const aigov_table *t, const ag_facts *f, const ag_result *r,
                                  const ag_expr *e)
{
    switch (e->op) {
    case AG_OP_RULE: return r->rule_val[e->a];
    case AG_OP_AS_OF: return cmp_num(e->cmp, r->as_of, e->num);
    case AG_OP_KNOWN: return f->vals[e->a].known ? AG_T : AG_F;
    case AG_OP_UNKNOWN: return f->vals[e->a].known ? AG_F : AG_T;
    default: break;
    }
    const ag_value *v = &f->vals[e->a];
    if (!v->known)
        return AG_U;
    switch (e->op) {
    case AG_OP_IS: return (uint8_t)((v->v.mask != 0) == (e->num != 0));
    case AG_OP_MASK_ANY: return (uint8_t)((v->v.mask & e->mask) != 0);
    case AG_OP_MASK_ALL: return (uint8_t)((v->v.mask & e->mask) == e->mask);
    case AG_OP_EMPTY: return (uint8_t)((v->v.mask == 0) == (e->num != 0));
    case AG_OP_CMP:
        if (t->facts[e->a].type == AG_T_DATE)
            return cmp_num(e->cmp, v->v.date, e->num);
        if (v->v.num == e->num && v->str_len) /* at the threshold: the descriptor's decimal decides */
            return cmp_exact(e->cmp, ag_num_cmp(ag_facts_str(f, v), v->str_len, v->v.num, e->num));
        return cmp_num(e->cmp, v->v.num, e->num);
    default: return AG_U;
    }
}

/* Evaluates ei and its parts, short-circuiting: `all` stops at its first
 * false part, `any` at its first true one. Parts after that keep stale
 * values; readers (reasons, questions) only look past a part when the
 * value of its parent says every part was evaluated. Values live in the
 * slot of the expression's interned class (ag_expr.same): a class with
 * several members is worked out once per evaluation (epoch), its parts'
 * slots then hold what every member's parts would. */
uint8_t ag_eval_node(const aigov_table *t, const ag_facts *f, ag_result *r, int32_t ei)
{
    const ag_expr *e = &t->exprs[ei];
    int32_t slot = e->same;
    if (e->shared) /* not yet worked out in this evaluation: ag_eval_expr, the only caller, read it */
        r->expr_epoch[slot] = r->epoch;
    uint8_t v;
    switch (e->op) {
    case AG_OP_TRUE: v = AG_T; break;
    case AG_OP_FALSE: v = AG_F; break;
    case AG_OP_ALL:
    case AG_OP_ANY: {
        uint8_t stop = e->op == AG_OP_ALL ? AG_F : AG_T;
        v = e->op == AG_OP_ALL ? AG_T : AG_F;
        for (int32_t k = 0; k < e->b; k++) {
            /* leaves inline: most parts are fact tests and rule references */
            int32_t ki = t->kids[e->a + k];
            const ag_expr *ke = &t->exprs[ki];
            uint8_t kv;
            if (ke->op >= AG_OP_FIRST_LEAF) {
                kv = leaf(t, f, r, ke);
                r->expr_val[ke->same] = kv;
            } else {
                kv = ag_eval_expr(t, f, r, ki);
            }
            if (kv == stop) {
                v = stop;
                break;
            }
            if (kv == AG_U)
                v = AG_U;
        }
        break;
    }
    case AG_OP_NOT: {
        uint8_t c = ag_eval_expr(t, f, r, e->a);
        v = c == AG_U ? AG_U : (uint8_t)(c == AG_F);
        break;
    }
    default: v = leaf(t, f, r, e); break;
    }
    r->expr_val[slot] = v;
    return v;
}
