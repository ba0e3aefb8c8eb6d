#include "util/text.h"
#include <stdint.h>
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

/* Whether ag_text_unsafe_at can find anything at a byte starting with c: a C0 control,
 * DEL, or the lead byte of a C1 control (0xC2), U+061C (0xD8) or a separator or bidi
 * control (0xE2). Runs of other bytes are copied whole. */
static inline int unsafe_lead(unsigned char c)
{
    return c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE2;
}

/* The length of the run at p with no NUL and nothing unsafe. */
static size_t safe_run(const unsigned char *p)
{
    size_t n = 0;
    while (p[n] && !(unsafe_lead(p[n]) && ag_text_unsafe_at(p + n)))
        n++;
    return n;
}

void ag_buf_text(ag_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t n = safe_run(p);
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

/* The ASCII characters markdown escapes: links and images ([ ] !), emphasis and code
 * (* _ ` ~), HTML and autolinks (< > & : @ .), tables (|), headings (#), escapes themselves;
 * as two 64-bit sets, 0x00-0x3F and 0x40-0x7F. */
#define MD_BIT(c) (1ull << ((unsigned)(c) & 63))
static const uint64_t md_markup_lo = MD_BIT('*') | MD_BIT('<') | MD_BIT('>') | MD_BIT('#') | MD_BIT('!') |
                                     MD_BIT('&') | MD_BIT(':') | MD_BIT('.');
static const uint64_t md_markup_hi = MD_BIT('\\') | MD_BIT('`') | MD_BIT('_') | MD_BIT('{') | MD_BIT('}') |
                                     MD_BIT('[') | MD_BIT(']') | MD_BIT('|') | MD_BIT('~') | MD_BIT('@');

static inline int md_markup(unsigned char c)
{
    return c < 0x40 ? (int)(md_markup_lo >> c & 1) : c < 0x80 ? (int)(md_markup_hi >> (c - 0x40) & 1) : 0;
}

void ag_buf_md_inline(ag_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        /* a run that needs nothing: copied in one piece */
        size_t n = 0;
        while (p[n] && !unsafe_lead(p[n]) && !md_markup(p[n]))
            n++;
        ag_buf_put(b, (const char *)p, n);
        p += n;
        if (!*p)
            break;
        size_t k = ag_text_unsafe_at(p);
        if (k) {
            ag_buf_putc(b, ' ');
            for (size_t j = 0; j < k && *p; j++)
                p++;
            continue;
        }
        if (md_markup(*p))
            ag_buf_putc(b, '\\');
        ag_buf_putc(b, (char)*p);
        p++;
    }
}
