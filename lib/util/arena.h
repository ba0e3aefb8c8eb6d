/* Bump allocator in chunks from an ag_mem; freed all at once. Used for
 * run-time compiled tables, whose lifetime is the table's. */
#ifndef AIGOV_UTIL_ARENA_H
#define AIGOV_UTIL_ARENA_H
#include <stddef.h>
#include "util/mem.h"

typedef struct ag_arena_chunk ag_arena_chunk;
typedef struct ag_arena {
    const ag_mem *mem;
    ag_arena_chunk *head;
} ag_arena;

void ag_arena_init(ag_arena *a, const ag_mem *mem);
/* 8-byte aligned, zeroed; NULL on allocation failure. */
void *ag_arena_alloc(ag_arena *a, size_t n);
char *ag_arena_strdup(ag_arena *a, const char *s);
void ag_arena_free(ag_arena *a);
#endif
