/* The table generated from rules/ at build time (kept apart so that the
 * rule compiler itself links without it). */
#include "table/table.h"

const aigov_table *aigov_table_builtin(void) { return &ag_builtin_table; }
