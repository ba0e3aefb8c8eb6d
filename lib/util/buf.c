#include "util/buf.h"
#include "util/scan.h"
#include "util/num.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ag_buf_init(ag_buf *b, const ag_mem *mem)
{
    b->mem = mem;
    b->data = NULL;
    b->len = b->cap = 0;
    b->oom = 0;
}

void ag_buf_free(ag_buf *b)
{
    ag_user_free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int ag_buf_grow(ag_buf *b, size_t extra)
{
    if (b->oom)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) {
        if (cap > ((size_t)-1) / 2) {
            b->oom = 1;
            return 0;
        }
        cap *= 2;
    }
    char *p = b->data ? ag_user_realloc(b->data, cap) : ag_user_alloc(b->mem, cap);
    if (!p) {
        b->oom = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void ag_buf_reserve(ag_buf *b, size_t n) { ag_buf_grow(b, n); }

void ag_buf_pad(ag_buf *b, const char *s, size_t width)
{
    size_t n = strlen(s), pad = n < width ? width - n : 0;
    char *d = ag_buf_room(b, n + pad);
    if (!d)
        return;
    d = ag_put_mem(d, s, n);
    memset(d, ' ', pad);
    ag_buf_commit(b, d + pad);
}

void ag_buf_spaces(ag_buf *b, size_t n) { ag_buf_pad(b, "", n); }

void ag_buf_printf(ag_buf *b, const char *fmt, ...)
{
    char tmp[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof tmp) {
        ag_buf_put(b, tmp, (size_t)n);
        return;
    }
    if (!ag_buf_grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void ag_buf_put_plain(ag_buf *b, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        ag_buf_putc(b, c < 0x20 || c == 0x7f ? '?' : (char)c);
    }
}

void ag_buf_json_chars(ag_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t run = 0;
    /* runs that need no escape found 16 or 8 bytes a step (util/scan.h): most rule text has none */
    for (size_t i = ag_scan_unescaped(s, 0, n); i < n; i = ag_scan_unescaped(s, i + 1, n)) {
        unsigned char c = (unsigned char)s[i];
        ag_buf_put(b, s + run, i - run);
        run = i + 1;
        switch (c) {
        case '"': ag_buf_puts(b, "\\\""); break;
        case '\\': ag_buf_puts(b, "\\\\"); break;
        case '\n': ag_buf_puts(b, "\\n"); break;
        case '\r': ag_buf_puts(b, "\\r"); break;
        case '\t': ag_buf_puts(b, "\\t"); break;
        default: {
            char e[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            ag_buf_put(b, e, 6);
        }
        }
    }
    ag_buf_put(b, s + run, n - run);
}

void ag_buf_json_str(ag_buf *b, const char *s)
{
    ag_buf_putc(b, '"');
    ag_buf_json_chars(b, s, strlen(s));
    ag_buf_putc(b, '"');
}

void ag_buf_json_num(ag_buf *b, double v)
{
    char tmp[40];
    ag_num_format(tmp, v);
    ag_buf_puts(b, tmp);
}

int ag_buf_finish(ag_buf *b, char **out, size_t *out_len)
{
    if (!b->data)
        ag_buf_put(b, "", 0); /* nothing appended: still hand out "" (a failure sets oom) */
    if (b->oom) {
        ag_buf_free(b);
        *out = NULL;
        if (out_len)
            *out_len = 0;
        return AIGOV_ENOMEM;
    }
    *out = b->data;
    if (out_len)
        *out_len = b->len;
    b->data = NULL;
    return 0;
}
