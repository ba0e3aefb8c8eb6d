/* Re-indents compact JSON (2 spaces), for files people read and review.
 * Strings and scalars are copied as whole runs, not byte by byte: the
 * descriptor schema and the rule catalogue are hundreds of KB, and a call
 * per byte was most of `aigov schema`'s time. */
#include "render/pretty.h"

static void indent(ag_buf *b, int depth)
{
    static const char spaces[] = "                                ";
    ag_buf_putc(b, '\n');
    for (size_t n = 2 * (size_t)(depth > 0 ? depth : 0); n;) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        ag_buf_put(b, spaces, k);
        n -= k;
    }
}

void ag_json_pretty(ag_buf *b, const char *s)
{
    int depth = 0;
    ag_buf_reserve(b, 2 * strlen(s)); /* the indentation about doubles it: one allocation, no copies */
    while (*s) {
        const char *run = s;
        char c = *s;
        switch (c) {
        case '"': /* a string, to its closing quote (an escaped quote does not close it) */
            for (s++; *s && *s != '"'; s++)
                if (*s == '\\' && s[1])
                    s++;
            if (*s)
                s++;
            ag_buf_put(b, run, (size_t)(s - run));
            continue;
        case '{':
        case '[':
            ag_buf_putc(b, c);
            if (s[1] == (c == '{' ? '}' : ']')) {
                ag_buf_putc(b, *++s);
            } else {
                indent(b, ++depth);
            }
            break;
        case '}':
        case ']':
            indent(b, --depth);
            ag_buf_putc(b, c);
            break;
        case ',': ag_buf_putc(b, c); indent(b, depth); break;
        case ':': ag_buf_lit(b, ": "); break;
        default: /* a number or a literal, up to the next punctuation */
            s += strcspn(s, "\"{}[],:");
            ag_buf_put(b, run, (size_t)(s - run));
            continue;
        }
        s++;
    }
    ag_buf_putc(b, '\n');
}
