/* Escaping for the XML and HTML renderings (see markup.h). */
#include "render/markup.h"
#include <string.h>

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when it is not one. */
static size_t utf8_len(const unsigned char *s)
{
    if (s[0] < 0x80)
        return 1;
    size_t n = s[0] >= 0xF0 && s[0] <= 0xF4 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 && s[0] < 0xE0 ? 2 : 0;
    for (size_t k = 1; k < n; k++)
        if ((s[k] & 0xC0) != 0x80)
            return 0;
    if (n == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0)))
        return 0; /* overlong, surrogate */
    if (n == 4 && ((s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90)))
        return 0; /* overlong, past U+10FFFF */
    return n;
}

void ag_buf_xml(ag_buf *b, const char *str)
{
    const unsigned char *s = (const unsigned char *)str;
    while (*s) {
        unsigned char c = *s;
        switch (c) {
        case '&': ag_buf_puts(b, "&amp;"); s++; continue;
        case '<': ag_buf_puts(b, "&lt;"); s++; continue;
        case '>': ag_buf_puts(b, "&gt;"); s++; continue;
        case '"': ag_buf_puts(b, "&quot;"); s++; continue;
        case '\'': ag_buf_puts(b, "&#39;"); s++; continue;
        default: break;
        }
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            ag_buf_puts(b, "\xEF\xBF\xBD");
            s++;
            continue;
        }
        size_t n = utf8_len(s);
        if (n == 0 || (n == 3 && s[0] == 0xEF && s[1] == 0xBF && (s[2] == 0xBE || s[2] == 0xBF))) {
            ag_buf_puts(b, "\xEF\xBF\xBD");
            s += n ? n : 1;
            continue;
        }
        ag_buf_put(b, (const char *)s, n);
        s += n;
    }
}

void ag_buf_uri(ag_buf *b, const char *str)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *s = (const unsigned char *)str; *s; s++) {
        unsigned char c = *s;
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-._~/", c)) {
            ag_buf_putc(b, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            ag_buf_put(b, e, 3);
        }
    }
}
