/* A fact's value as the JSON report writes it (the "value" of a reason). */
#include <string.h>
#include "render/render.h"
#include "util/date.h"
#include "util/num.h"

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
