#include "util/text.h"
#include <string.h>

/* Length of a Unicode White_Space or zero-width character at s, or 0. */
static size_t blank_at(const unsigned char *s, size_t n)
{
    if (s[0] == ' ' || (s[0] >= 0x09 && s[0] <= 0x0D))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
        return 2;
    if (n < 3)
        return 0;
    if (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80) /* U+1680 */
        return 3;
    if (s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] <= 0x8D || s[2] == 0xA8 || s[2] == 0xA9 || s[2] == 0xAF)) /* U+2000..U+200D, 2028, 2029, 202F */
        return s[2] >= 0x80 ? 3 : 0;
    if (s[0] == 0xE2 && s[1] == 0x81 && (s[2] == 0x9F || s[2] == 0xA0)) /* U+205F, U+2060 */
        return 3;
    if (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80) /* U+3000 */
        return 3;
    if (s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) /* U+FEFF */
        return 3;
    return 0;
}

int ag_text_blank(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t k = blank_at(p + i, n - i);
        if (!k)
            return 0;
        i += k;
    }
    return 1;
}

size_t ag_text_unsafe_at(const unsigned char *s)
{
    if (s[0] < 0x20 || s[0] == 0x7F)
        return 1;
    if (s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F)
        return 2;
    if (s[0] == 0xD8 && s[1] == 0x9C) /* U+061C arabic letter mark */
        return 2;
    if (s[0] == 0xE2 && s[1] == 0x80 &&
        (s[2] == 0x8E || s[2] == 0x8F || (s[2] >= 0xA8 && s[2] <= 0xAE))) /* 200E/F, 2028..202E */
        return 3;
    if (s[0] == 0xE2 && s[1] == 0x81 && s[2] >= 0xA6 && s[2] <= 0xA9) /* U+2066..U+2069 */
        return 3;
    return 0;
}

void ag_text_sanitize(char *s)
{
    unsigned char *r = (unsigned char *)s, *w = r;
    while (*r) {
        size_t k = ag_text_unsafe_at(r);
        if (k) {
            *w++ = '?';
            for (size_t j = 0; j < k && *r; j++) /* (a cut sequence stops at the NUL) */
                r++;
        } else {
            *w++ = *r++;
        }
    }
    *w = '\0';
}

void ag_buf_text(ag_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = 0;
        while (p[n] && !ag_text_unsafe_at(p + n))
            n++;
        ag_buf_put(b, (const char *)p, n);
        p += n;
        if (*p) {
            size_t k = ag_text_unsafe_at(p);
            ag_buf_putc(b, '?');
            for (size_t j = 0; j < k && *p; j++)
                p++;
        }
    }
}

void ag_buf_md_inline(ag_buf *b, const char *s)
{
    /* links and images ([ ] !), emphasis and code (* _ ` ~), HTML and autolinks (< > & : @ .),
     * tables (|), headings (#), escapes themselves */
    static const char markup[] = "\\`*_{}[]<>#!|~&:@.";
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t k = ag_text_unsafe_at(p);
        if (k) {
            ag_buf_putc(b, ' ');
            for (size_t j = 0; j < k && *p; j++)
                p++;
            continue;
        }
        if (*p < 0x80 && strchr(markup, *p))
            ag_buf_putc(b, '\\');
        ag_buf_putc(b, (char)*p);
        p++;
    }
}
