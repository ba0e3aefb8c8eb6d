/* Public entry points on rule tables: compiling one, the builtin one, freeing, reading its
 * catalogue. Arguments are checked here; table/ and compile/ do the work. */
#include "compile/compile.h"
#include "table/table.h"
#include "util/error.h"

int aigov_table_compile(aigov_table **out, const aigov_source *sources, size_t n,
                        const aigov_allocator *alloc, aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!sources && n)
        return ag_err(err, AIGOV_EINVAL, "sources is NULL");
    return ag_compile(out, sources, n, alloc, err);
}

const aigov_table *aigov_table_builtin(void) { return &ag_builtin_table; }

void aigov_table_free(aigov_table *t)
{
    if (t)
        ag_table_free(t);
}

const char *aigov_table_revision(const aigov_table *t) { return t ? t->revision : ""; }
const char *aigov_table_hash(const aigov_table *t) { return t ? t->hash : ""; }
size_t aigov_table_rule_count(const aigov_table *t) { return t ? t->n_rules : 0; }

int aigov_table_rule(aigov_rule_info *out, const aigov_table *t, size_t index)
{
    if (!out || !t)
        return AIGOV_EINVAL;
    return ag_table_rule(out, t, index);
}

int aigov_table_find_rule(size_t *out_index, const aigov_table *t, const char *id)
{
    if (!out_index || !t || !id)
        return AIGOV_EINVAL;
    return ag_table_find_rule(out_index, t, id);
}
