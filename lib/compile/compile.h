/* The rule compiler: rule sources (JSON) -> an immutable aigov_table on the
 * heap. The build runs it through aigov-rulec and emits the result as C; the
 * API runs it at run time. One code path, so both validate alike. */
#ifndef AIGOV_COMPILE_H
#define AIGOV_COMPILE_H
#include "aigov.h"
#include "table/table.h"

/* The sources into *out (the caller has cleared err, checked out and set *out to NULL, and
 * passes sources unless n is 0: api/table.c or aigov-rulec). */
int ag_compile(aigov_table **out, const aigov_source *sources, size_t n,
               const aigov_allocator *alloc, aigov_error *err);
#endif
