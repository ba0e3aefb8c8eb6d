/* Rule tables: freeing one and reading its catalogue, behind the public entry points of
 * api/table.c (which checked the arguments). Building one is the compiler's (ag_compile in
 * compile/); the table knows nothing of it. */
#include "table/table.h"
#include <string.h>
#include "util/date.h"
#include "util/error.h"

void ag_table_free(aigov_table *t)
{
    if (t->is_static)
        return;
    ag_mem mem = t->mem;
    ag_arena_free(&t->arena);
    ag_mfree(&mem, t);
}


int ag_table_rule(aigov_rule_info *out, const aigov_table *t, size_t index)
{
    if (index >= t->n_rules)
        return AIGOV_ENOTFOUND;
    const ag_rule *r = &t->rules[index];
    out->id = r->id;
    out->framework = t->framework_ids[r->framework];
    out->citation = r->citation;
    out->title = r->title;
    out->kind = r->kind;
    if (r->earliest == AG_DATE_NONE)
        out->applies_from[0] = '\0';
    else
        ag_date_format(out->applies_from, r->earliest);
    return 0;
}

int ag_table_find_rule(size_t *out_index, const aigov_table *t, const char *id)
{
    for (uint32_t i = 0; i < t->n_rules; i++)
        if (strcmp(t->rules[i].id, id) == 0) {
            *out_index = i;
            return 0;
        }
    return AIGOV_ENOTFOUND;
}
