/* Writes a compiled table as C source defining ag_builtin_table. */
#ifndef AIGOV_COMPILE_EMIT_C_H
#define AIGOV_COMPILE_EMIT_C_H
#include <stdio.h>
#include "table/table.h"

int ag_emit_c(FILE *out, const aigov_table *t);
#endif
