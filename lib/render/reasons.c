/* Which parts of a condition decided its value: the false part of a false
 * `all`, the true part of a true `any`, every part of a true `all` or false
 * `any`, and every unknown part of an unknown one. */
#include <stdio.h>
#include <string.h>
#include "render/render.h"
#include "util/date.h"
#include "util/num.h"

typedef struct rs {
    const aigov_table *t;
    const ag_result *r;
    ag_leaf_fn fn;
    void *ud;
    int left;
} rs;

static void decide(rs *s, int32_t ei)
{
    if (s->left <= 0)
        return;
    const ag_expr *e = &s->t->exprs[ei];
    uint8_t v = ag_expr_value(s->r, s->t, ei);
    if (e->op == AG_OP_ALL || e->op == AG_OP_ANY) {
        uint8_t short_val = e->op == AG_OP_ALL ? AG_F : AG_T;
        for (int32_t k = 0; k < e->b; k++) {
            int32_t kid = s->t->kids[e->a + k];
            uint8_t kv = ag_expr_value(s->r, s->t, kid);
            if (v == short_val) {
                if (kv == short_val) {
                    decide(s, kid);
                    return;
                }
            } else if (v == AG_U) {
                if (kv == AG_U)
                    decide(s, kid);
            } else {
                decide(s, kid);
            }
        }
        return;
    }
    if (e->op == AG_OP_NOT) {
        decide(s, e->a);
        return;
    }
    s->left--;
    s->fn(s->ud, ei);
}

void ag_reasons(const aigov_table *t, const ag_result *r, int32_t ei, ag_leaf_fn fn, void *ud,
                int max)
{
    rs s = {t, r, fn, ud, max};
    decide(&s, ei);
}

const char *ag_kleene_name(uint8_t v)
{
    return v == AG_T ? "true" : v == AG_F ? "false" : "unknown";
}

static const char *const cmp_names[] = {"eq", "gt", "gte", "lt", "lte"};

static void append(char *out, size_t cap, size_t *len, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > cap)
        n = cap - *len - 1;
    memcpy(out + *len, s, n);
    *len += n;
    out[*len] = '\0';
}

static void mask_list(char *out, size_t cap, size_t *len, const ag_fact *f, uint64_t mask,
                      int brackets)
{
    int first = 1;
    if (brackets)
        append(out, cap, len, "[");
    for (unsigned k = 0; k < f->n_values; k++)
        if (mask & (1ull << k)) {
            if (!first)
                append(out, cap, len, ", ");
            append(out, cap, len, "\"");
            append(out, cap, len, f->values[k]);
            append(out, cap, len, "\"");
            first = 0;
        }
    if (brackets)
        append(out, cap, len, "]");
}

void ag_describe_test(char *out, size_t cap, const aigov_table *t, const ag_expr *e)
{
    size_t len = 0;
    out[0] = '\0';
    char num[40];
    const ag_fact *f = e->op >= AG_OP_IS && e->op <= AG_OP_UNKNOWN ? &t->facts[e->a] : NULL;
    switch (e->op) {
    case AG_OP_TRUE: append(out, cap, &len, "always"); return;
    case AG_OP_FALSE: append(out, cap, &len, "never"); return;
    case AG_OP_KNOWN: append(out, cap, &len, "known"); return;
    case AG_OP_UNKNOWN: append(out, cap, &len, "unknown"); return;
    case AG_OP_IS: append(out, cap, &len, e->num != 0 ? "is true" : "is false"); return;
    case AG_OP_EMPTY: append(out, cap, &len, e->num != 0 ? "is empty" : "is not empty"); return;
    case AG_OP_MASK_ANY:
    case AG_OP_MASK_ALL: {
        const char *name = e->src_op == AG_SRC_EQ ? "eq" : e->src_op == AG_SRC_IN ? "in"
                           : e->src_op == AG_SRC_HAS ? "has" : e->src_op == AG_SRC_HAS_ANY ? "has_any"
                                                                                           : "has_all";
        append(out, cap, &len, name);
        append(out, cap, &len, " ");
        int single = e->src_op == AG_SRC_EQ || e->src_op == AG_SRC_HAS;
        mask_list(out, cap, &len, f, e->mask, !single);
        return;
    }
    case AG_OP_CMP:
    case AG_OP_AS_OF:
        append(out, cap, &len, cmp_names[e->cmp]);
        append(out, cap, &len, " ");
        if (e->op == AG_OP_AS_OF || f->type == AG_T_DATE) {
            char d[11];
            ag_date_format(d, (int32_t)e->num);
            append(out, cap, &len, d);
        } else {
            ag_num_format(num, e->num);
            append(out, cap, &len, num);
        }
        return;
    default: return;
    }
}

void ag_put_number_value(ag_buf *b, const ag_facts *f, const ag_value *v)
{
    char tmp[40];
    ag_num_format(tmp, v->v.num);
    /* the descriptor's own decimal when its double is not exactly it (a threshold was decided on
     * the decimal), as long as it is short: a long one would be repeated in every reason */
    if (v->str_len && v->str_len <= 40 &&
        ag_num_text_cmp(ag_facts_str(f, v), v->str_len, tmp, strlen(tmp)) != 0)
        ag_buf_put(b, ag_facts_str(f, v), v->str_len);
    else
        ag_buf_puts(b, tmp);
}

void ag_json_fact_value(ag_buf *b, const aigov_table *t, const ag_facts *f, int32_t fi)
{
    const ag_fact *fa = &t->facts[fi];
    const ag_value *v = &f->vals[fi];
    if (!v->known) {
        ag_buf_puts(b, "null");
        return;
    }
    switch (fa->type) {
    case AG_T_BOOL: ag_buf_puts(b, v->v.mask ? "true" : "false"); return;
    case AG_T_ENUM:
    case AG_T_EVIDENCE:
        for (unsigned k = 0; k < fa->n_values; k++)
            if (v->v.mask & (1ull << k))
                ag_buf_json_str(b, fa->values[k]);
        return;
    case AG_T_SET: {
        ag_buf_putc(b, '[');
        int first = 1;
        for (unsigned k = 0; k < fa->n_values; k++)
            if (v->v.mask & (1ull << k)) {
                if (!first)
                    ag_buf_putc(b, ',');
                ag_buf_json_str(b, fa->values[k]);
                first = 0;
            }
        ag_buf_putc(b, ']');
        return;
    }
    case AG_T_NUMBER: ag_put_number_value(b, f, v); return;
    case AG_T_DATE: {
        char d[11];
        ag_date_format(d, v->v.date);
        ag_buf_json_str(b, d);
        return;
    }
    default: ag_buf_json_str(b, ag_facts_str(f, v)); return;
    }
}
