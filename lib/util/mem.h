/* Allocation through the caller's aigov_allocator (or libc), and buffers
 * handed to the caller that aigov_free can release whatever allocator made them. */
#ifndef AIGOV_UTIL_MEM_H
#define AIGOV_UTIL_MEM_H
#include <stddef.h>
#include "aigov.h"

typedef struct ag_mem {
    aigov_allocator a;
} ag_mem;

/* Fills m from alloc or the libc defaults. Returns 0, or AIGOV_EINVAL when a
 * function pointer is missing. */
int ag_mem_init(ag_mem *m, const aigov_allocator *alloc);
void *ag_malloc(const ag_mem *m, size_t n);
void *ag_calloc(const ag_mem *m, size_t count, size_t size);
void *ag_realloc(const ag_mem *m, void *p, size_t n);
void ag_mfree(const ag_mem *m, void *p);

/* A buffer for the caller: a header remembering the allocator sits before it. */
char *ag_user_alloc(const ag_mem *m, size_t n);
char *ag_user_realloc(char *p, size_t n);
/* Frees a buffer from ag_user_alloc (also the body of aigov_free). */
void ag_user_free(void *p);

#endif
