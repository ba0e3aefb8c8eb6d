/* The test a leaf expression makes, in words, and the same as a JSON string written once
 * per table (see describe.c). */
#ifndef AIGOV_TABLE_DESCRIBE_H
#define AIGOV_TABLE_DESCRIBE_H
#include "table/table.h"

/* "has \"5b\"", "gte 2027-12-02", "is true", "always" ... for a leaf expression ("" for
 * all / any / not), cut to cap - 1 bytes. */
void ag_describe_test(char *out, size_t cap, const aigov_table *t, const ag_expr *e);
/* Every expression's test as a JSON string (quotes and escapes, what ag_buf_json_str writes
 * of ag_describe_test's words in 256 bytes), in the arena: n_exprs texts, or NULL when out
 * of memory. */
const ag_jtext *ag_describe_tests_json(ag_arena *ar, const aigov_table *t);
#endif
