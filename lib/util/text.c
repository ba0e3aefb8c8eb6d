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

/* What a byte can start, for the escapers' runs: a table, so that a run costs one test a
 * byte (and one comparison a byte in the fuzzing builds' comparison tracing, not seven).
 *   STOP_TEXT: the NUL, or a byte ag_text_unsafe_at may find something at: a C0 control,
 *              DEL, or the lead byte of a C1 control (0xC2), U+061C (0xD8) or a separator
 *              or bidi control (0xE2);
 *   MARKUP:    an ASCII character markdown escapes: links and images ([ ] !), emphasis and
 *              code (* _ ` ~), HTML and autolinks (< > & : @ .), tables (|), headings (#),
 *              escapes themselves;
 *   STOP_MD:   either. */
enum { STOP_TEXT = 1, MARKUP = 2, STOP_MD = 4 };
#define MD_BIT(c) (1ull << ((unsigned)(c) & 63))
#define MD_LO                                                                                       \
    (MD_BIT('*') | MD_BIT('<') | MD_BIT('>') | MD_BIT('#') | MD_BIT('!') | MD_BIT('&') | MD_BIT(':') | \
     MD_BIT('.'))
#define MD_HI                                                                                        \
    (MD_BIT('\\') | MD_BIT('`') | MD_BIT('_') | MD_BIT('{') | MD_BIT('}') | MD_BIT('[') | MD_BIT(']') | \
     MD_BIT('|') | MD_BIT('~') | MD_BIT('@'))
/* (the shifts masked: clang checks the branches a constant ternary does not take) */
#define IS_MARKUP(c) \
    ((c) < 0x40 ? (MD_LO >> ((c)&63)) & 1 : (c) < 0x80 ? (MD_HI >> (((c)-0x40) & 63)) & 1 : 0)
#define IS_STOP(c) ((c) < 0x20 || (c) == 0x7F || (c) == 0xC2 || (c) == 0xD8 || (c) == 0xE2)
#define CLASS(c) ((IS_STOP(c) ? STOP_TEXT | STOP_MD : 0) | (IS_MARKUP(c) ? MARKUP | STOP_MD : 0))
#define C4(c) CLASS(c), CLASS((c) + 1), CLASS((c) + 2), CLASS((c) + 3)
#define C16(c) C4(c), C4((c) + 4), C4((c) + 8), C4((c) + 12)
#define C64(c) C16(c), C16((c) + 16), C16((c) + 32), C16((c) + 48)
static const uint8_t byte_class[256] = {C64(0u), C64(64u), C64(128u), C64(192u)};

/* The length of the run at p with no NUL and nothing unsafe. */
static size_t safe_run(const unsigned char *p)
{
    size_t n = 0;
    for (;;) {
        while (!(byte_class[p[n]] & STOP_TEXT))
            n++;
        if (!p[n] || ag_text_unsafe_at(p + n))
            return n;
        n++; /* a lead byte of something safe (U+00A0, an accented letter) */
    }
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

void ag_buf_md_inline(ag_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        /* a run that needs nothing: copied in one piece */
        size_t n = 0;
        while (!(byte_class[p[n]] & STOP_MD))
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
        if (byte_class[*p] & MARKUP)
            ag_buf_putc(b, '\\');
        ag_buf_putc(b, (char)*p);
        p++;
    }
}
