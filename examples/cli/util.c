/* What the CLI writes besides reports: status names and strings made safe.
 * File names and library messages can carry any byte a descriptor or a shell
 * holds; none may move the cursor, clear a terminal, reorder text with a
 * bidirectional override or split an NDJSON line. */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* The library's names (aigov_error_name), and the CLI's own read error. */
const char *cli_code_name(int code)
{
    if (code == CLI_EREAD)
        return "AIGOV_EREAD";
    const char *name = aigov_error_name(code);
    return strcmp(name, "?") == 0 ? "AIGOV_UNKNOWN" : name;
}

/* Length (1-4) of the well-formed UTF-8 sequence at s and its code point, or
 * 0 for a byte that does not start one (overlong, surrogate, cut, > U+10FFFF). */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (n == 0 || c > 0xF4)
        return 0;
    uint32_t v = c & (0x3Fu >> (n - 1));
    for (size_t k = 1; k < n; k++) {
        if ((s[k] & 0xC0) != 0x80) /* also stops at the NUL */
            return 0;
        v = v << 6 | (s[k] & 0x3Fu);
    }
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (v < min[n] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return n;
}

/* Characters never written as they are: C0 and C1 controls, DEL, zero-width
 * and direction marks, line and paragraph separators, bidi embeddings,
 * overrides and isolates, the BOM. */
static int unsafe(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}

void cli_json_str(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    fputc('"', out);
    while (*p) {
        uint32_t cp;
        size_t n = utf8_next(p, &cp);
        if (n == 0) {
            fputs("\\ufffd", out); /* JSON text must be UTF-8 */
            p++;
            continue;
        }
        if (cp == '"' || cp == '\\')
            fprintf(out, "\\%c", (int)cp);
        else if (unsafe(cp))
            fprintf(out, "\\u%04x", (unsigned)cp);
        else
            fwrite(p, 1, n, out);
        p += n;
    }
    fputc('"', out);
}

void cli_put_safe(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t cp;
        size_t n = utf8_next(p, &cp);
        if (n == 0) {
            fprintf(out, "\\x%02x", *p++);
            continue;
        }
        if (cp == '\n')
            fputs("\\n", out);
        else if (cp == '\t')
            fputs("\\t", out);
        else if (cp < 0x80 && unsafe(cp))
            fprintf(out, "\\x%02x", (unsigned)cp);
        else if (unsafe(cp))
            fprintf(out, "\\u{%04x}", (unsigned)cp);
        else
            fwrite(p, 1, n, out);
        p += n;
    }
}

const char *cli_name(const char *path)
{
    if (!*path) /* "cannot open : ..." would name nothing */
        return "''";
    return strcmp(path, "-") == 0 ? "standard input" : path;
}

void cli_warn(const char *fmt, ...)
{
    char msg[4608]; /* a PATH_MAX file name and a library message; longer is cut */
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fputs("aigov: ", stderr);
    cli_put_safe(stderr, msg);
    fputc('\n', stderr);
}
