/* Growable text buffer; the first allocation failure sticks (oom flag) so
 * writers can append freely and check once at the end. */
#ifndef AIGOV_UTIL_BUF_H
#define AIGOV_UTIL_BUF_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "util/mem.h"

typedef struct ag_buf {
    const ag_mem *mem;
    char *data; /* allocated with ag_user_alloc: can be handed to the caller */
    size_t len, cap;
    int oom;
} ag_buf;

void ag_buf_init(ag_buf *b, const ag_mem *mem);
void ag_buf_free(ag_buf *b);
/* Makes room for n more bytes at once (a failure sets oom). */
void ag_buf_reserve(ag_buf *b, size_t n);
/* Makes room for n more bytes and the NUL; 0 when out of memory (then oom is set). */
int ag_buf_grow(ag_buf *b, size_t n);
/* Room for n more bytes written in place, then ag_buf_commit with the end: a writer that
 * knows its most bytes checks once, not per piece. NULL when out of memory (oom set).
 * The inline writers below are all built on this pair. */
static inline char *ag_buf_room(ag_buf *b, size_t n)
{
    if (b->len + n + 1 > b->cap && !ag_buf_grow(b, n))
        return NULL;
    return b->data + b->len;
}
static inline void ag_buf_commit(ag_buf *b, char *end)
{
    b->len = (size_t)(end - b->data);
    *end = '\0';
}
/* Copies n bytes at d, returns the end. */
static inline char *ag_put_mem(char *d, const char *s, size_t n)
{
    memcpy(d, s, n);
    return d + n;
}
/* Writes n in decimal at d (at most 20 bytes), returns the end. */
static inline char *ag_put_u64(char *d, uint64_t n)
{
    char tmp[20];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    return ag_put_mem(d, tmp + i, sizeof tmp - i);
}
/* Writes n in decimal at d (at most 10 bytes), returns the end; below 100 (condition
 * numbers, most counts) without a loop. */
static inline char *ag_put_u32(char *d, uint32_t n)
{
    if (n < 10) {
        *d = (char)('0' + n);
        return d + 1;
    }
    if (n < 100) {
        d[0] = (char)('0' + n / 10);
        d[1] = (char)('0' + n % 10);
        return d + 2;
    }
    return ag_put_u64(d, n);
}
/* The writers the renderers call most, inline: a copy when there is room. */
static inline void ag_buf_put(ag_buf *b, const char *s, size_t n)
{
    /* the room check and the copy written out: the hottest writer, a few instructions
     * shorter than through ag_buf_room and ag_buf_commit */
    if (b->len + n + 1 > b->cap && !ag_buf_grow(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void ag_buf_puts(ag_buf *b, const char *s) { ag_buf_put(b, s, strlen(s)); }
static inline void ag_buf_putc(ag_buf *b, char c) { ag_buf_put(b, &c, 1); }
/* A string literal, its length known at compile time (no strlen). */
#define ag_buf_lit(b, lit) ag_buf_put((b), "" lit, sizeof(lit) - 1)
/* A JSON string that needs no escaping, copied between quotes without a scan: an id of
 * the table (the compiler admits only [a-z0-9_.] in rule, fact, evidence, penalty and
 * framework ids: compile/rules.c, facts.c, penalties.c, manifest.c), one of the library's
 * own names (tiers, statuses, kinds, roles) or a YYYY-MM-DD date. */
static inline void ag_buf_json_id(ag_buf *b, const char *id)
{
    size_t n = strlen(id);
    char *d = ag_buf_room(b, n + 2);
    if (!d)
        return;
    *d++ = '"';
    d = ag_put_mem(d, id, n);
    *d++ = '"';
    ag_buf_commit(b, d);
}
#define ag_put_lit(d, lit) ag_put_mem((d), "" lit, sizeof(lit) - 1)
/* s, then spaces up to width bytes (what "%-Ns" writes; a longer s is not cut): the
 * text renderers' columns without a printf per row. */
void ag_buf_pad(ag_buf *b, const char *s, size_t width);
/* n spaces. */
void ag_buf_spaces(ag_buf *b, size_t n);
void ag_buf_printf(ag_buf *b, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Appends n in decimal (no snprintf: the JSON renderer writes many). */
static inline void ag_buf_put_uint(ag_buf *b, uint64_t n)
{
    char *d = ag_buf_room(b, 20);
    if (d)
        ag_buf_commit(b, n <= UINT32_MAX ? ag_put_u32(d, (uint32_t)n) : ag_put_u64(d, n));
}
/* Appends text from a descriptor for people to read: control characters
 * (terminal escapes, carriage returns, newlines) become '?', so a name cannot
 * forge lines of a text or markdown report. */
void ag_buf_put_plain(ag_buf *b, const char *s);
/* Appends s[0..n) escaped for the inside of a JSON string (no quotes), so a
 * writer can build one string from pieces. */
void ag_buf_json_chars(ag_buf *b, const char *s, size_t n);
/* Appends s as a JSON string literal (quotes and escapes). */
void ag_buf_json_str(ag_buf *b, const char *s);
/* Appends a double as JSON (shortest form that round-trips). */
void ag_buf_json_num(ag_buf *b, double v);
/* Hands the NUL-terminated data to the caller; returns AIGOV_ENOMEM on a
 * failed append (then frees everything). */
int ag_buf_finish(ag_buf *b, char **out, size_t *out_len);
#endif
