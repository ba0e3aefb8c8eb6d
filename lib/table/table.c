/* Public access to rule tables: freeing one and reading its catalogue. Building one
 * is the compiler's (aigov_table_compile in compile/); the table knows nothing of it. */
#include "table/table.h"
#include <string.h>
#include "util/date.h"
#include "util/error.h"

void aigov_table_free(aigov_table *t)
{
    if (!t || t->is_static)
        return;
    ag_mem mem = t->mem;
    ag_arena_free(&t->arena);
    ag_mfree(&mem, t);
}

const char *aigov_table_revision(const aigov_table *t) { return t ? t->revision : ""; }
const char *aigov_table_hash(const aigov_table *t) { return t ? t->hash : ""; }
size_t aigov_table_rule_count(const aigov_table *t) { return t ? t->n_rules : 0; }

int aigov_table_rule(aigov_rule_info *out, const aigov_table *t, size_t index)
{
    if (!out || !t)
        return AIGOV_EINVAL;
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

int aigov_table_find_rule(size_t *out_index, const aigov_table *t, const char *id)
{
    if (!out_index || !t || !id)
        return AIGOV_EINVAL;
    for (uint32_t i = 0; i < t->n_rules; i++)
        if (strcmp(t->rules[i].id, id) == 0) {
            *out_index = i;
            return 0;
        }
    return AIGOV_ENOTFOUND;
}
