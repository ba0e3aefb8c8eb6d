/* Re-indents compact JSON (2 spaces), for files people read and review. */
#include "render/pretty.h"

static void indent(ag_buf *b, int depth)
{
    ag_buf_putc(b, '\n');
    for (int k = 0; k < depth; k++)
        ag_buf_puts(b, "  ");
}

void ag_json_pretty(ag_buf *b, const char *s)
{
    int depth = 0, in_str = 0;
    for (; *s; s++) {
        char c = *s;
        if (in_str) {
            ag_buf_putc(b, c);
            if (c == '\\' && s[1]) {
                ag_buf_putc(b, *++s);
            } else if (c == '"') {
                in_str = 0;
            }
            continue;
        }
        switch (c) {
        case '"': in_str = 1; ag_buf_putc(b, c); break;
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
        case ':': ag_buf_puts(b, ": "); break;
        default: ag_buf_putc(b, c);
        }
    }
    ag_buf_putc(b, '\n');
}
