#include "compile/json_check.h"
#include <string.h>
#include "util/num.h"
#include "util/text.h"

/* A strict RFC 8259 validator, run on a rule source before cJSON sees it. It says precisely
 * what is wrong and where, and it is what lets ag_json_parse_source tell a broken file from
 * cJSON running out of memory (cJSON reports both as NULL, and its error pointer is a global
 * we never read). It accepts nothing cJSON would refuse: no BOM, UTF-8 only, no lone
 * surrogates or \u0000, numbers short enough for cJSON's 64-byte buffer, nesting well inside
 * cJSON's limit of 1000. */

#define CHECK_MAX_DEPTH 256
#define CHECK_MAX_NUMBER 63
/* Rule text reaches reports, terminals and error messages as it is. */
#define UNSAFE_CHAR "control character, line separator or bidirectional control in a " \
                    "rule source string (rule text reaches reports and terminals as it is)"

typedef struct {
    const unsigned char *s;
    size_t n, i;
    unsigned depth;
    const char *why;
    int code;
} ck;

static int bad(ck *c, int code, const char *why)
{
    c->code = code;
    c->why = why;
    return -1;
}

static void skip_ws(ck *c)
{
    while (c->i < c->n && (c->s[c->i] == ' ' || c->s[c->i] == '\n' || c->s[c->i] == '\r' ||
                           c->s[c->i] == '\t'))
        c->i++;
}

static int hexval(unsigned char h)
{
    if (h >= '0' && h <= '9')
        return h - '0';
    if (h >= 'a' && h <= 'f')
        return h - 'a' + 10;
    if (h >= 'A' && h <= 'F')
        return h - 'A' + 10;
    return -1;
}

static int hex4(ck *c, unsigned *out)
{
    if (c->n - c->i < 4)
        return bad(c, AIGOV_ESYNTAX, "\\u needs four hex digits");
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        int h = hexval(c->s[c->i + (size_t)k]);
        if (h < 0)
            return bad(c, AIGOV_ESYNTAX, "\\u needs four hex digits");
        v = v << 4 | (unsigned)h;
    }
    c->i += 4;
    *out = v;
    return 0;
}

static int utf8_char(ck *c)
{
    unsigned char b = c->s[c->i];
    size_t need;
    unsigned cp, min;
    if (b >= 0xC2 && b <= 0xDF) { need = 1; cp = b & 0x1Fu; min = 0x80; }
    else if (b >= 0xE0 && b <= 0xEF) { need = 2; cp = b & 0x0Fu; min = 0x800; }
    else if (b >= 0xF0 && b <= 0xF4) { need = 3; cp = b & 0x07u; min = 0x10000; }
    else
        return bad(c, AIGOV_ESYNTAX, "not UTF-8 (invalid lead byte)");
    if (c->n - c->i <= need)
        return bad(c, AIGOV_ESYNTAX, "not UTF-8 (truncated sequence)");
    for (size_t k = 1; k <= need; k++) {
        unsigned char cc = c->s[c->i + k];
        if ((cc & 0xC0) != 0x80)
            return bad(c, AIGOV_ESYNTAX, "not UTF-8 (invalid continuation byte)");
        cp = cp << 6 | (cc & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return bad(c, AIGOV_ESYNTAX, "not UTF-8 (overlong form, surrogate or past U+10FFFF)");
    c->i += need + 1;
    return 0;
}

static int string(ck *c)
{
    c->i++; /* the opening quote */
    for (;;) {
        if (c->i >= c->n)
            return bad(c, AIGOV_ESYNTAX, "unterminated string");
        unsigned char b = c->s[c->i];
        if (b == '"') {
            c->i++;
            return 0;
        }
        if (b < 0x20)
            return bad(c, AIGOV_ESYNTAX, "control character in a string (escape it)");
        if (b == 0x7F) /* JSON lets DEL through unescaped; rendered text must not carry it */
            return bad(c, AIGOV_ERULES, UNSAFE_CHAR);
        if (b >= 0x80) {
            size_t at = c->i;
            if (utf8_char(c))
                return -1;
            if (ag_text_unsafe_at(c->s + at)) { /* a whole, valid character: its bytes are there */
                c->i = at;
                return bad(c, AIGOV_ERULES, UNSAFE_CHAR);
            }
            continue;
        }
        if (b != '\\') {
            c->i++;
            continue;
        }
        if (c->i + 1 >= c->n)
            return bad(c, AIGOV_ESYNTAX, "unterminated escape");
        unsigned char e = c->s[c->i + 1];
        c->i += 2;
        if (e == '"' || e == '\\' || e == '/')
            continue;
        /* A tab too: the text report prints citations and titles in columns as they are, and a
         * tab there is a control character on the reader's terminal (found by fuzz_ruleset). */
        if (e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            c->i -= 2;
            return bad(c, AIGOV_ERULES, UNSAFE_CHAR);
        }
        if (e != 'u') {
            c->i -= 2;
            return bad(c, AIGOV_ESYNTAX, "invalid escape");
        }
        unsigned cp;
        if (hex4(c, &cp))
            return -1;
        if (cp == 0)
            return bad(c, AIGOV_ESYNTAX, "\\u0000 is not allowed in a string");
        unsigned char enc[3] = {(unsigned char)(0xE0 | (cp >> 12)), (unsigned char)(0x80 | ((cp >> 6) & 0x3F)),
                                (unsigned char)(0x80 | (cp & 0x3F))};
        if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x800 && ag_text_unsafe_at(enc)) || cp == 0x61C) {
            c->i -= 6;
            return bad(c, AIGOV_ERULES, UNSAFE_CHAR);
        }
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            return bad(c, AIGOV_ESYNTAX, "lone low surrogate");
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned lo;
            if (c->n - c->i < 2 || c->s[c->i] != '\\' || c->s[c->i + 1] != 'u')
                return bad(c, AIGOV_ESYNTAX, "lone high surrogate");
            c->i += 2;
            if (hex4(c, &lo))
                return -1;
            if (lo < 0xDC00 || lo > 0xDFFF)
                return bad(c, AIGOV_ESYNTAX, "lone high surrogate");
        }
    }
}

static int digits(ck *c)
{
    if (c->i >= c->n || c->s[c->i] < '0' || c->s[c->i] > '9')
        return bad(c, AIGOV_ESYNTAX, "invalid number");
    while (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
        c->i++;
    return 0;
}

static int number(ck *c)
{
    size_t start = c->i;
    if (c->s[c->i] == '-')
        c->i++;
    if (c->i < c->n && c->s[c->i] == '0') {
        c->i++;
        if (c->i < c->n && c->s[c->i] >= '0' && c->s[c->i] <= '9')
            return bad(c, AIGOV_ESYNTAX, "invalid number: leading zeros are not allowed");
    } else if (digits(c)) {
        return -1;
    }
    if (c->i < c->n && c->s[c->i] == '.') {
        c->i++;
        if (digits(c))
            return bad(c, AIGOV_ESYNTAX, "invalid number: digits expected after '.'");
    }
    if (c->i < c->n && (c->s[c->i] == 'e' || c->s[c->i] == 'E')) {
        c->i++;
        if (c->i < c->n && (c->s[c->i] == '+' || c->s[c->i] == '-'))
            c->i++;
        if (digits(c))
            return bad(c, AIGOV_ESYNTAX, "invalid number: digits expected in the exponent");
    }
    if (c->i - start > CHECK_MAX_NUMBER) {
        c->i = start;
        return bad(c, AIGOV_ELIMIT, "number longer than 63 characters");
    }
    /* cJSON turns a number past DBL_MAX into infinity, which no rule can mean and which
     * rendered as invalid JSON (the fuzzer found one in a fact's "max"): refuse it here with
     * the descriptor parser's own locale-free conversion, which fails exactly on overflow. */
    double v;
    if (ag_num_parse((const char *)c->s + start, c->i - start, &v) != 0) {
        c->i = start;
        return bad(c, AIGOV_ELIMIT, "number out of range: beyond the largest double (about 1.8e308)");
    }
    /* A threshold is compared exactly with descriptor numbers as the shortest decimal of its
     * double: a number with digits a double does not keep would silently mean another one. */
    char shortest[40];
    ag_num_format(shortest, v);
    if (ag_num_text_cmp((const char *)c->s + start, c->i - start, shortest, strlen(shortest)) != 0) {
        c->i = start;
        return bad(c, AIGOV_ERULES, "number with more significant digits than a double keeps; write at "
                                    "most 15 (a threshold must compare exactly)");
    }
    return 0;
}

static int word(ck *c, const char *w, size_t len)
{
    if (c->n - c->i < len)
        return bad(c, AIGOV_ESYNTAX, "invalid literal");
    for (size_t k = 0; k < len; k++)
        if (c->s[c->i + k] != (unsigned char)w[k])
            return bad(c, AIGOV_ESYNTAX, "invalid literal");
    c->i += len;
    return 0;
}

static int value(ck *c)
{
    skip_ws(c);
    if (c->i >= c->n)
        return bad(c, AIGOV_ESYNTAX, "expected a value, found the end of the file");
    unsigned char b = c->s[c->i];
    switch (b) {
    case '"': return string(c);
    case 't': return word(c, "true", 4);
    case 'f': return word(c, "false", 5);
    case 'n': return word(c, "null", 4);
    case '{':
    case '[': break;
    default:
        if (b == '-' || (b >= '0' && b <= '9'))
            return number(c);
        return bad(c, AIGOV_ESYNTAX, "expected a value, found an invalid token");
    }
    if (++c->depth > CHECK_MAX_DEPTH)
        return bad(c, AIGOV_ELIMIT, "nesting deeper than 256 levels");
    unsigned char close = b == '{' ? '}' : ']';
    c->i++;
    skip_ws(c);
    if (c->i < c->n && c->s[c->i] == close) {
        c->i++;
        c->depth--;
        return 0;
    }
    for (;;) {
        if (close == '}') {
            skip_ws(c);
            if (c->i >= c->n || c->s[c->i] != '"')
                return bad(c, AIGOV_ESYNTAX, "expected a key string");
            if (string(c))
                return -1;
            skip_ws(c);
            if (c->i >= c->n || c->s[c->i] != ':')
                return bad(c, AIGOV_ESYNTAX, "expected ':' after the key");
            c->i++;
        }
        if (value(c))
            return -1;
        skip_ws(c);
        if (c->i < c->n && c->s[c->i] == ',') {
            c->i++;
            continue;
        }
        if (c->i < c->n && c->s[c->i] == close) {
            c->i++;
            c->depth--;
            return 0;
        }
        return bad(c, AIGOV_ESYNTAX, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

int ag_json_check(const char *data, size_t len, size_t *err_off, const char **why)
{
    ck c = {(const unsigned char *)data, len, 0, 0, NULL, 0};
    if (len >= 3 && c.s[0] == 0xEF && c.s[1] == 0xBB && c.s[2] == 0xBF) {
        *err_off = 0;
        *why = "byte-order mark at the start; save the file as UTF-8 without a BOM";
        return AIGOV_ESYNTAX;
    }
    if (value(&c) == 0) {
        skip_ws(&c);
        if (c.i == c.n)
            return 0;
        bad(&c, AIGOV_ESYNTAX, "trailing content after the JSON document");
    }
    *err_off = c.i;
    *why = c.why;
    return c.code;
}
