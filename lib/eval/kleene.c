/* Three-valued (Kleene) evaluation of one condition expression. */
#include "eval/result.h"

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

uint8_t ag_eval_expr(const aigov_table *t, const ag_facts *f, const ag_result *r, int32_t ei)
{
    const ag_expr *e = &t->exprs[ei];
    switch (e->op) {
    case AG_OP_TRUE: return AG_T;
    case AG_OP_FALSE: return AG_F;
    case AG_OP_ALL: {
        uint8_t acc = AG_T;
        for (int32_t k = 0; k < e->b; k++) {
            uint8_t v = r->expr_val[t->kids[e->a + k]];
            if (v == AG_F)
                return AG_F;
            if (v == AG_U)
                acc = AG_U;
        }
        return acc;
    }
    case AG_OP_ANY: {
        uint8_t acc = AG_F;
        for (int32_t k = 0; k < e->b; k++) {
            uint8_t v = r->expr_val[t->kids[e->a + k]];
            if (v == AG_T)
                return AG_T;
            if (v == AG_U)
                acc = AG_U;
        }
        return acc;
    }
    case AG_OP_NOT: {
        uint8_t v = r->expr_val[e->a];
        return v == AG_U ? AG_U : (uint8_t)(v == AG_F);
    }
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
        return t->facts[e->a].type == AG_T_DATE ? cmp_num(e->cmp, v->v.date, e->num)
                                                : cmp_num(e->cmp, v->v.num, e->num);
    default: return AG_U;
    }
}
