/* The test a leaf expression makes, in words ("has \"5b\"", "gte 2027-12-02", "is true",
 * "always"), and the same as a JSON string: the reports' conditions and the accessors say
 * it. Only the table is read, so the JSON texts are written once per table (the build's rule
 * compiler emits them for the built-in table, aigov_table_compile fills them for its own). */
#include "table/describe.h"
#include <string.h>
#include "util/buf.h"
#include "util/date.h"
#include "util/num.h"

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

const ag_jtext *ag_describe_tests_json(ag_arena *ar, const aigov_table *t)
{
    ag_jtext *out = ag_arena_alloc(ar, ((size_t)t->n_exprs + 1) * sizeof *out);
    ag_buf b;
    ag_buf_init(&b, ar->mem);
    for (uint32_t i = 0; out && i < t->n_exprs; i++) {
        char test[256];
        ag_describe_test(test, sizeof test, t, &t->exprs[i]);
        b.len = 0;
        ag_buf_json_str(&b, test);
        char *s = b.oom ? NULL : ag_arena_alloc(ar, b.len + 1);
        if (!s)
            out = NULL;
        else {
            memcpy(s, b.data, b.len + 1);
            out[i].s = s;
            out[i].n = (uint32_t)b.len;
        }
    }
    ag_buf_free(&b);
    return out;
}
