/* The rule catalogue, one rule explained and the descriptor schema (catalogue.c), behind
 * api/catalogue.c: out and t are not NULL, *out is NULL, and err has been cleared. */
#ifndef AIGOV_RENDER_CATALOGUE_H
#define AIGOV_RENDER_CATALOGUE_H
#include "aigov.h"

/* format: AIGOV_FORMAT_JSON, _TEXT, _MARKDOWN or _OSCAL (checked by the caller). */
int ag_table_render_rules(char **out, size_t *out_len, const aigov_table *t, int format, aigov_error *err);
/* rule_id is not NULL; AIGOV_ENOTFOUND when the table has no such rule. */
int ag_table_explain(char **out, size_t *out_len, const aigov_table *t, const char *rule_id, aigov_error *err);
/* *out_len (when asked for) has been set to 0. */
int ag_table_descriptor_schema(char **out, size_t *out_len, const aigov_table *t, aigov_error *err);
#endif
