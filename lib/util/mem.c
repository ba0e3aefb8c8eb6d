#include "util/mem.h"
#include <stdlib.h>
#include <string.h>

static void *libc_malloc(void *ud, size_t n) { (void)ud; return malloc(n); }
static void *libc_realloc(void *ud, void *p, size_t n) { (void)ud; return realloc(p, n); }
static void libc_free(void *ud, void *p) { (void)ud; free(p); }

int ag_mem_init(ag_mem *m, const aigov_allocator *alloc)
{
    if (!alloc) {
        m->a.malloc_fn = libc_malloc;
        m->a.realloc_fn = libc_realloc;
        m->a.free_fn = libc_free;
        m->a.ud = NULL;
        return 0;
    }
    if (!alloc->malloc_fn || !alloc->realloc_fn || !alloc->free_fn)
        return AIGOV_EINVAL;
    m->a = *alloc;
    return 0;
}

void *ag_malloc(const ag_mem *m, size_t n) { return m->a.malloc_fn(m->a.ud, n ? n : 1); }

void *ag_calloc(const ag_mem *m, size_t count, size_t size)
{
    if (size && count > (size_t)-1 / size)
        return NULL;
    void *p = ag_malloc(m, count * size);
    if (p)
        memset(p, 0, count * size > 0 ? count * size : 1);
    return p;
}

void *ag_realloc(const ag_mem *m, void *p, size_t n) { return m->a.realloc_fn(m->a.ud, p, n ? n : 1); }

void ag_mfree(const ag_mem *m, void *p)
{
    if (p)
        m->a.free_fn(m->a.ud, p);
}

/* 16-byte aligned header so the user pointer keeps malloc's alignment. */
typedef union user_hdr {
    aigov_allocator a;
    max_align_t align;
    char pad[48];
} user_hdr;

char *ag_user_alloc(const ag_mem *m, size_t n)
{
    if (n > (size_t)-1 - sizeof(user_hdr))
        return NULL;
    user_hdr *h = ag_malloc(m, sizeof(user_hdr) + n);
    if (!h)
        return NULL;
    h->a = m->a;
    return (char *)(h + 1);
}

char *ag_user_realloc(char *p, size_t n)
{
    user_hdr *h = (user_hdr *)p - 1;
    aigov_allocator a = h->a;
    if (n > (size_t)-1 - sizeof(user_hdr))
        return NULL;
    user_hdr *nh = a.realloc_fn(a.ud, h, sizeof(user_hdr) + n);
    if (!nh)
        return NULL;
    return (char *)(nh + 1);
}

void ag_user_free(void *p)
{
    if (!p)
        return;
    user_hdr *h = (user_hdr *)p - 1;
    aigov_allocator a = h->a;
    a.free_fn(a.ud, h);
}
