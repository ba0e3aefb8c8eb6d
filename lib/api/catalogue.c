/* Public entry points on a table's catalogue: every rule, one rule explained, and the
 * descriptor schema. Arguments are checked here; render/catalogue.c does the writing. */
#include "render/catalogue.h"
#include "util/error.h"

int aigov_table_render_rules(char **out, size_t *out_len, const aigov_table *t, int format,
                             aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!t)
        return ag_err(err, AIGOV_EINVAL, "table is NULL");
    if (format != AIGOV_FORMAT_JSON && format != AIGOV_FORMAT_TEXT && format != AIGOV_FORMAT_MARKDOWN &&
        format != AIGOV_FORMAT_OSCAL)
        return ag_err(err, AIGOV_EINVAL, "unknown format %d", format);
    return ag_table_render_rules(out, out_len, t, format, err);
}

int aigov_table_explain(char **out, size_t *out_len, const aigov_table *t, const char *rule_id,
                        aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (!t || !rule_id)
        return ag_err(err, AIGOV_EINVAL, "table and rule_id are required");
    return ag_table_explain(out, out_len, t, rule_id, err);
}

int aigov_table_descriptor_schema(char **out, size_t *out_len, const aigov_table *t,
                                  aigov_error *err)
{
    ag_err_clear(err);
    if (!out)
        return ag_err(err, AIGOV_EINVAL, "out is NULL");
    *out = NULL;
    if (out_len)
        *out_len = 0;
    if (!t)
        return ag_err(err, AIGOV_EINVAL, "table is NULL");
    return ag_table_descriptor_schema(out, out_len, t, err);
}
