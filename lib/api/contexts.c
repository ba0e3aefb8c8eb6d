/* Public entry points creating and freeing a context. Arguments are checked here; context/
 * does the work. */
#include "context/context.h"
#include "util/error.h"

int aigov_ctx_new(aigov_ctx **out, const aigov_table *t, const aigov_allocator *alloc,
                  aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!t)
        return ag_err(err, AIGOV_EINVAL, "table is NULL");
    return ag_ctx_new(out, t, alloc, err);
}

void aigov_ctx_free(aigov_ctx *c)
{
    if (c)
        ag_ctx_free(c);
}
