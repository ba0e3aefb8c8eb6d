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

int32_t ag_table_find_fact(const aigov_table *t, const char *id)
{
    /* a fact is the leaf of the descriptor tree at its dotted id (compile/facts.c builds
     * the tree from the ids): a probe of the reader's key index per segment */
    int32_t node = 0;
    for (const char *p = id;;) {
        size_t len = strcspn(p, ".");
        int32_t child = -1;
        for (uint32_t h = ag_key_hash(node, p, len) & t->node_index_mask;; h = (h + 1) & t->node_index_mask) {
            int32_t k = t->node_index[h];
            if (k < 0)
                return -1;
            if (t->nodes[k].parent == node && strncmp(t->nodes[k].key, p, len) == 0 && !t->nodes[k].key[len]) {
                child = k;
                break;
            }
        }
        if (!p[len])
            return t->nodes[child].fact;
        node = child;
        p += len + 1;
    }
}
