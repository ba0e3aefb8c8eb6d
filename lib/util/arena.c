#include "util/arena.h"
#include <string.h>

struct ag_arena_chunk {
    ag_arena_chunk *next;
    size_t used, cap;
    /* data follows, max-aligned */
};

#define HDR ((sizeof(ag_arena_chunk) + 15) & ~(size_t)15)

void ag_arena_init(ag_arena *a, const ag_mem *mem)
{
    a->mem = mem;
    a->head = NULL;
}

void *ag_arena_alloc(ag_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (n == 0)
        n = 8;
    ag_arena_chunk *c = a->head;
    if (!c || c->cap - c->used < n) {
        size_t cap = n > 65536 ? n : 65536;
        c = ag_malloc(a->mem, HDR + cap);
        if (!c)
            return NULL;
        c->next = a->head;
        c->used = 0;
        c->cap = cap;
        a->head = c;
    }
    char *p = (char *)c + HDR + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *ag_arena_strdup(ag_arena *a, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = ag_arena_alloc(a, n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void ag_arena_free(ag_arena *a)
{
    ag_arena_chunk *c = a->head;
    while (c) {
        ag_arena_chunk *next = c->next;
        ag_mfree(a->mem, c);
        c = next;
    }
    a->head = NULL;
}
