#include "descriptor/parse.h"
#include "util/scan.h"
#include <stdio.h>
#include <string.h>
#include "util/date.h"
#include "util/error.h"
#include "util/num.h"
#include "util/suggest.h"
#include "util/text.h"

#define MAX_KEY 128
#define PATH_CAP 64

typedef struct ps {
    const char *s;
    size_t n, i;
    unsigned depth, max_depth;
    const aigov_table *t;
    ag_facts *f;
    const ag_mem *mem;
    aigov_error *err;
    /* path of the value being read: node keys and array indices */
    const char *path_key[PATH_CAP];
    long path_idx[PATH_CAP];
    int path_len;
    int top;       /* reading the document's root object */
    int in_system; /* reading one element of "systems" */
    size_t str_tail; /* bytes after a character's first in the string read last (UTF-8 continuations) */
    int saw_systems, saw_system_keys;
    int saw_schema, saw_version; /* "$schema" and "descriptor_version" of this object */
    char skipped_key[PATH_CAP][40]; /* keys inside skipped values, for the error path */
} ps;

static void push_key(ps *p, const char *key)
{
    if (p->path_len < PATH_CAP) {
        p->path_key[p->path_len] = key;
        p->path_idx[p->path_len] = -1;
    }
    p->path_len++;
}

static void push_index(ps *p, long i)
{
    if (p->path_len < PATH_CAP) {
        p->path_key[p->path_len] = NULL;
        p->path_idx[p->path_len] = i;
    }
    p->path_len++;
}

static void pop(ps *p) { p->path_len--; }

static int fail(ps *p, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Appends one key to a JSON path: .key for a plain name, ["key"] otherwise, so that
 * {"a.b": 1} and {"a": {"b": 1}} never share a path. In the quoted form '"' and '\\' are
 * escaped as in JSON, every character ag_text_unsafe_at refuses (controls, separators,
 * bidi controls) becomes a \u escape with its four hex digits, and a byte of a UTF-8
 * sequence cut short (a key cut to its buffer) becomes \uFFFD. Returns the bytes
 * written, cap or more when they did not fit. */
static size_t path_key(char *o, size_t cap, const char *key)
{
    const unsigned char *k = (const unsigned char *)key;
    int plain = *k != '\0'; /* printable ASCII without the path's own punctuation ($schema stays plain) */
    for (const unsigned char *c = k; *c && plain; c++)
        plain = *c > ' ' && *c < 0x7F && !strchr(".[]\"\\'", *c);
    if (plain)
        return (size_t)snprintf(o, cap, ".%s", key);
    size_t len = (size_t)snprintf(o, cap, "[\"");
    while (*k && len < cap) {
        size_t n = ag_text_unsafe_at(k), want = *k >= 0xF0 ? 4 : *k >= 0xE0 ? 3 : *k >= 0xC0 ? 2 : 1;
        size_t whole = 1;
        while (whole < want && (k[whole] & 0xC0) == 0x80)
            whole++;
        if (n) { /* one to three bytes: U+0000..U+FFFF */
            unsigned cp = n == 1 ? *k : n == 2 ? (*k & 0x1Fu) << 6 | (k[1] & 0x3Fu)
                                               : (*k & 0x0Fu) << 12 | (k[1] & 0x3Fu) << 6 | (k[2] & 0x3Fu);
            len += (size_t)snprintf(o + len, cap - len, "\\u%04X", cp);
        } else if (*k == '"' || *k == '\\') {
            len += (size_t)snprintf(o + len, cap - len, "\\%c", *k);
            n = 1;
        } else if ((*k >= 0x80 && *k < 0xC0) || whole < want) {
            len += (size_t)snprintf(o + len, cap - len, "\\uFFFD");
            n = 1;
        } else {
            len += (size_t)snprintf(o + len, cap - len, "%.*s", (int)want, (const char *)k);
            n = want;
        }
        k += n;
    }
    if (len < cap)
        len += (size_t)snprintf(o + len, cap - len, "\"]");
    return len;
}

/* Line and column (1-based, in bytes, as the rule compiler counts them) of offset `at`. */
static void line_col(const char *s, size_t at, size_t *line, size_t *col)
{
    *line = *col = 1;
    for (size_t i = 0; i < at; i++) {
        *col = s[i] == '\n' ? 1 : *col + 1;
        *line += s[i] == '\n';
    }
}

#include <stdarg.h>
static int vfail(ps *p, int code, const char *fmt, va_list ap)
{
    aigov_error *e = p->err;
    if (!e)
        return code;
    e->code = code;
    size_t at = p->i < p->n ? p->i : p->n, m = 0;
    if (code == AIGOV_ESYNTAX) { /* broken JSON: where, as an editor shows it */
        size_t line, col;
        line_col(p->s, at, &line, &col);
        int w = snprintf(e->message, sizeof e->message, "malformed JSON at line %zu, column %zu (byte %zu): ",
                         line, col, at);
        m = w > 0 ? (size_t)w : 0;
    }
    vsnprintf(e->message + m, sizeof e->message - m, fmt, ap);
    char *o = e->path;
    size_t cap = sizeof e->path, len = 1;
    o[0] = '$';
    o[1] = '\0';
    for (int k = 0; k < p->path_len && k < PATH_CAP; k++) {
        size_t w = p->path_key[k] ? path_key(o + len, cap - len, p->path_key[k])
                                  : (size_t)snprintf(o + len, cap - len, "[%ld]", p->path_idx[k]);
        if (w >= cap - len) /* cut: the buffer holds what fitted */
            break;
        len += w;
    }
    /* keys and values quoted from the descriptor: no control or bidi character reaches a terminal */
    ag_text_sanitize(e->message);
    ag_text_sanitize(e->path);
    ag_strlcpy(e->source, "descriptor", sizeof e->source);
    e->rule_id[0] = '\0';
    e->offset = p->i;
    return code;
}

static int fail(ps *p, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(p, code, fmt, ap);
    va_end(ap);
    return code;
}

static int skip_value(ps *p);

/* A value of the wrong type, or an unknown or repeated key. If the value there is not even
 * well-formed JSON (an invalid token, the end of the input, a truncated array), that syntax
 * error is the one reported: a host must be able to tell broken JSON from a schema mistake. */
static int mismatch(ps *p, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int mismatch(ps *p, const char *fmt, ...)
{
    size_t at = p->i;
    unsigned depth = p->depth;
    int path_len = p->path_len;
    if (skip_value(p) == AIGOV_ESYNTAX)
        return AIGOV_ESYNTAX; /* (nesting past the limit is no excuse for a wrong type) */
    p->i = at;
    p->depth = depth;
    p->path_len = path_len;
    va_list ap;
    va_start(ap, fmt);
    vfail(p, AIGOV_EINPUT, fmt, ap);
    va_end(ap);
    return AIGOV_EINPUT;
}

static void ws(ps *p) { p->i = ag_scan_ws(p->s, p->i, p->n); }

static const char *what_is_here(ps *p)
{
    if (p->i >= p->n)
        return "end of input";
    switch (p->s[p->i]) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    default:
        if (p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9'))
            return "a number";
        return "an invalid token";
    }
}

static int literal(ps *p, const char *word)
{
    size_t k = strlen(word);
    if (p->n - p->i < k || memcmp(p->s + p->i, word, k) != 0)
        return fail(p, AIGOV_ESYNTAX, "invalid literal; expected %s", word);
    p->i += k;
    return 0;
}

static int hex4(const char *s, unsigned *out)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++) {
        char c = s[k];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (unsigned)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (unsigned)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (unsigned)(c - 'A' + 10);
        else
            return -1;
    }
    *out = v;
    return 0;
}

/* Reads the string at p->i (which is '"'). Validates escapes and UTF-8.
 * Decodes into dst (capacity cap, NUL-terminated) when dst is not NULL;
 * *out_len receives the decoded length (or the raw length bound if dst is
 * NULL). Returns 0, ESYNTAX, or EINPUT for a NUL character. */
static int read_string(ps *p, char *dst, size_t cap, size_t *out_len, int *truncated)
{
    size_t o = 0, w = 0; /* bytes decoded, bytes written to dst (w < cap) */
    *truncated = 0;
    p->str_tail = 0;
    p->i++; /* opening quote */
    for (;;) {
        /* fast path: a run of plain printable ASCII, 16 or 8 bytes a step (scan.h) */
        size_t run = ag_scan_string(p->s, p->i, p->n);
        if (run > p->i) {
            size_t k = run - p->i;
            if (dst && !*truncated) {
                /* copy what fits: the key may still be named in an error message */
                size_t room = cap - 1 - w, c = k < room ? k : room;
                memcpy(dst + w, p->s + p->i, c);
                w += c;
                if (c < k)
                    *truncated = 1;
            }
            o += k;
            p->i = run;
        }
        if (p->i >= p->n)
            return fail(p, AIGOV_ESYNTAX, "unterminated string");
        unsigned char c = (unsigned char)p->s[p->i];
        unsigned char tmp[4];
        size_t tn = 0;
        if (c == '"') {
            p->i++;
            break;
        }
        if (c < 0x20)
            return fail(p, AIGOV_ESYNTAX, "control character 0x%02x in a string (escape it)", c);
        if (c == '\\') {
            if (p->i + 1 >= p->n)
                return fail(p, AIGOV_ESYNTAX, "unterminated escape");
            char e = p->s[p->i + 1];
            p->i += 2;
            unsigned cp;
            switch (e) {
            case '"': tmp[0] = '"'; tn = 1; break;
            case '\\': tmp[0] = '\\'; tn = 1; break;
            case '/': tmp[0] = '/'; tn = 1; break;
            case 'b': tmp[0] = '\b'; tn = 1; break;
            case 'f': tmp[0] = '\f'; tn = 1; break;
            case 'n': tmp[0] = '\n'; tn = 1; break;
            case 'r': tmp[0] = '\r'; tn = 1; break;
            case 't': tmp[0] = '\t'; tn = 1; break;
            case 'u':
                if (p->n - p->i < 4 || hex4(p->s + p->i, &cp))
                    return fail(p, AIGOV_ESYNTAX, "\\u needs four hex digits");
                p->i += 4;
                if (cp >= 0xDC00 && cp <= 0xDFFF)
                    return fail(p, AIGOV_ESYNTAX, "lone low surrogate \\u%04X", cp);
                if (cp >= 0xD800 && cp <= 0xDBFF) {
                    unsigned lo;
                    if (p->n - p->i < 6 || p->s[p->i] != '\\' || p->s[p->i + 1] != 'u' ||
                        hex4(p->s + p->i + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return fail(p, AIGOV_ESYNTAX, "lone high surrogate \\u%04X", cp);
                    p->i += 6;
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                }
                if (cp == 0)
                    return fail(p, AIGOV_EINPUT, "NUL character (\\u0000) is not allowed in strings");
                if (cp < 0x80) {
                    tmp[0] = (unsigned char)cp;
                    tn = 1;
                } else if (cp < 0x800) {
                    tmp[0] = (unsigned char)(0xC0 | (cp >> 6));
                    tmp[1] = (unsigned char)(0x80 | (cp & 0x3F));
                    tn = 2;
                } else if (cp < 0x10000) {
                    tmp[0] = (unsigned char)(0xE0 | (cp >> 12));
                    tmp[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                    tmp[2] = (unsigned char)(0x80 | (cp & 0x3F));
                    tn = 3;
                } else {
                    tmp[0] = (unsigned char)(0xF0 | (cp >> 18));
                    tmp[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
                    tmp[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
                    tmp[3] = (unsigned char)(0x80 | (cp & 0x3F));
                    tn = 4;
                }
                break;
            default:
                p->i--;
                return fail(p, AIGOV_ESYNTAX, "invalid escape '\\%c'", e);
            }
        } else {
            /* c >= 0x80: every byte below is plain (the fast path), '"', '\\' or a control
             * character. UTF-8: reject overlong forms, surrogates and code points past U+10FFFF */
            size_t need;
            unsigned cp, min;
            if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; min = 0x80; }
            else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; min = 0x800; }
            else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; min = 0x10000; }
            else
                return fail(p, AIGOV_ESYNTAX, "invalid UTF-8 byte 0x%02x", c);
            if (p->n - p->i <= need)
                return fail(p, AIGOV_ESYNTAX, "truncated UTF-8 sequence");
            tmp[0] = c;
            for (size_t k = 1; k <= need; k++) {
                unsigned char cc = (unsigned char)p->s[p->i + k];
                if ((cc & 0xC0) != 0x80)
                    return fail(p, AIGOV_ESYNTAX, "invalid UTF-8 continuation byte 0x%02x", cc);
                cp = (cp << 6) | (cc & 0x3F);
                tmp[k] = cc;
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return fail(p, AIGOV_ESYNTAX, "invalid UTF-8 sequence (overlong, surrogate or out of range)");
            tn = need + 1;
            p->i += tn;
        }
        p->str_tail += tn - 1; /* one character of tn bytes */
        if (dst && !*truncated) {
            if (w + tn < cap) {
                memcpy(dst + w, tmp, tn);
                w += tn;
            } else {
                *truncated = 1;
            }
        }
        o += tn;
    }
    if (dst)
        dst[w] = '\0';
    *out_len = o;
    return 0;
}

/* Decodes a string value into the facts' string buffer, in one pass: the buffer is first
 * given room for the rest of the input, which a decoded string never outgrows (an escape
 * decodes to fewer bytes than it takes, and the NUL takes a quote's place). So the buffer
 * grows to at most the input's size, once for the largest descriptor a context reads. */
static int read_string_value(ps *p, uint32_t *off, uint32_t *len)
{
    ag_facts *f = p->f;
    size_t need = f->strs_len + (p->n - p->i) + 1;
    if (need > f->strs_cap) {
        size_t cap = f->strs_cap;
        while (cap < need)
            cap *= 2;
        char *ns = ag_realloc(p->mem, f->strs, cap);
        if (!ns)
            return fail(p, AIGOV_ENOMEM, "out of memory reading a string");
        f->strs = ns;
        f->strs_cap = cap;
    }
    size_t n;
    int trunc, rc;
    if ((rc = read_string(p, f->strs + f->strs_len, f->strs_cap - f->strs_len, &n, &trunc)))
        return rc;
    *off = (uint32_t)f->strs_len;
    *len = (uint32_t)n;
    f->strs_len += n + 1;
    return 0;
}

/* Copies the number just read (s[start..i)) into the facts' string buffer. */
static int keep_number_text(ps *p, size_t start, uint32_t *off, uint32_t *len)
{
    ag_facts *f = p->f;
    size_t n = p->i - start;
    if (f->strs_len + n + 1 > f->strs_cap) {
        size_t cap = f->strs_cap;
        while (cap < f->strs_len + n + 1)
            cap *= 2;
        char *ns = ag_realloc(p->mem, f->strs, cap);
        if (!ns)
            return fail(p, AIGOV_ENOMEM, "out of memory reading a number");
        f->strs = ns;
        f->strs_cap = cap;
    }
    memcpy(f->strs + f->strs_len, p->s + start, n);
    f->strs[f->strs_len + n] = '\0';
    *off = (uint32_t)f->strs_len;
    *len = (uint32_t)n;
    f->strs_len += n + 1;
    return 0;
}

static int read_number(ps *p, double *out, int *negative)
{
    size_t start = p->i;
    *negative = 0;
    if (p->s[p->i] == '-') { /* callers stand on '-' or a digit */
        *negative = 1;
        p->i++;
    }
    if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
        return fail(p, AIGOV_ESYNTAX, "invalid number");
    if (p->s[p->i] == '0') {
        p->i++;
        if (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            return fail(p, AIGOV_ESYNTAX, "invalid number: leading zeros are not allowed");
    } else {
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
    }
    if (p->i < p->n && p->s[p->i] == '.') {
        p->i++;
        if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
            return fail(p, AIGOV_ESYNTAX, "invalid number: digits expected after '.'");
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
    }
    if (p->i < p->n && (p->s[p->i] == 'e' || p->s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->n && (p->s[p->i] == '+' || p->s[p->i] == '-'))
            p->i++;
        if (p->i >= p->n || p->s[p->i] < '0' || p->s[p->i] > '9')
            return fail(p, AIGOV_ESYNTAX, "invalid number: digits expected in the exponent");
        while (p->i < p->n && p->s[p->i] >= '0' && p->s[p->i] <= '9')
            p->i++;
    }
    if (ag_num_parse(p->s + start, p->i - start, out) != 0)
        return fail(p, AIGOV_EINPUT, "number out of the range of a double");
    return 0;
}

static int expect_char(ps *p, char c, const char *what)
{
    ws(p);
    if (p->i >= p->n || p->s[p->i] != c)
        return fail(p, AIGOV_ESYNTAX, "expected %s, found %s", what, what_is_here(p));
    p->i++;
    return 0;
}

/* The containers' three steps, shared by every object and array loop:
 * closes_empty: at '[' or '{' just consumed, 1 (and the bracket consumed) if the
 *   container is empty;
 * read_key: a member's key (cut to cap - 1 bytes, *trunc set) and the ':' after it;
 * next_element: after an element, 1 if ',' brings another, 0 at the closing
 *   bracket (consumed), or an error. A ',' before the bracket is an error. */
static int closes_empty(ps *p, char close)
{
    ws(p);
    if (p->i < p->n && p->s[p->i] == close) {
        p->i++;
        return 1;
    }
    return 0;
}

static int read_key(ps *p, char *key, size_t cap, size_t *len, int *trunc)
{
    int rc;
    ws(p);
    if (p->i >= p->n || p->s[p->i] != '"')
        return fail(p, AIGOV_ESYNTAX, "expected a key string, found %s", what_is_here(p));
    if ((rc = read_string(p, key, cap, len, trunc)))
        return rc;
    return expect_char(p, ':', "':' after the key");
}

static int next_element(ps *p, char close)
{
    ws(p);
    if (p->i < p->n && p->s[p->i] == ',') {
        p->i++;
        return 1;
    }
    return expect_char(p, close, close == '}' ? "',' or '}'" : "',' or ']'");
}

static int enter(ps *p)
{
    if (++p->depth > p->max_depth)
        return fail(p, AIGOV_ELIMIT, "nesting deeper than %u levels", p->max_depth);
    return 0;
}

static void list_values(char *buf, size_t cap, const ag_fact *f)
{
    size_t len = 0;
    buf[0] = '\0';
    for (unsigned k = 0; k < f->n_values; k++) {
        int w = snprintf(buf + len, cap - len, "%s%s", k ? ", " : "", f->values[k]);
        if ((size_t)w >= cap - len) { /* (w < 0 converts to a huge size too) */
            strcpy(buf + cap - 5, "..."); /* callers' buffers hold 160 or 180 bytes */
            return;
        }
        len += (size_t)w;
    }
}

/* The "state" of an evidence item: an enum that is not a fact of the table. */
static const ag_fact evidence_state = {"state", AG_T_ENUM, 4,
                                       ag_evidence_state_names,
                                       0, 0, 0, "", "", "", -1};

/* Reads a string naming one of f's values (f is a fact of p->t, or evidence_state). */
static int enum_value(ps *p, const ag_fact *f, int *out)
{
    char key[MAX_KEY + 1];
    size_t n;
    int trunc, rc;
    ws(p);
    if (p->i >= p->n || p->s[p->i] != '"')
        return 1; /* not a string: the caller says what was expected */
    if ((rc = read_string(p, key, sizeof key, &n, &trunc)))
        return rc;
    const aigov_table *t = p->t;
    if (!trunc && f != &evidence_state) { /* a table fact: its values are in the hash index */
        int32_t fi = (int32_t)(f - t->facts);
        for (uint32_t h = ag_key_hash(fi, key, n) & t->value_index_mask;; h = (h + 1) & t->value_index_mask) {
            int32_t slot = t->value_index[h];
            if (slot < 0)
                break;
            if ((slot >> 8) == fi && strcmp(f->values[slot & 0xff], key) == 0) {
                *out = slot & 0xff;
                return 0;
            }
        }
    } else {
        for (unsigned k = 0; !trunc && k < f->n_values; k++)
            if (strcmp(f->values[k], key) == 0) {
                *out = (int)k;
                return 0;
            }
    }
    ag_suggest sg;
    ag_suggest_init(&sg, key);
    for (unsigned k = 0; !trunc && k < f->n_values; k++)
        ag_suggest_offer(&sg, f->values[k]);
    const char *best = ag_suggest_best(&sg);
    if (best)
        return fail(p, AIGOV_EINPUT, "'%.40s' is not a valid value; did you mean '%s'?", key, best);
    char list[180];
    list_values(list, sizeof list, f);
    return fail(p, AIGOV_EINPUT, "'%.40s%s' is not a valid value; expected one of: %s", key,
                trunc ? "..." : "", list);
}

/* One value of an enum or set fact, or the mismatch naming the values it may take. */
static int fact_value(ps *p, const ag_fact *f, int *out)
{
    int rc = enum_value(p, f, out);
    if (rc == 1) {
        char list[180];
        list_values(list, sizeof list, f);
        return mismatch(p, "expected a string, one of: %s; found %s", list, what_is_here(p));
    }
    return rc;
}

static int parse_evidence(ps *p, ag_value *v)
{
    int rc;
    p->i++; /* the '{', where the caller stands */
    if ((rc = enter(p)))
        return rc;
    int have_state = 0, have_ref = 0;
    for (int more = !closes_empty(p, '}'); more;) {
        char key[MAX_KEY + 1];
        size_t kn;
        int trunc;
        if ((rc = read_key(p, key, sizeof key, &kn, &trunc)))
            return rc;
        if (!trunc && strcmp(key, "state") == 0) {
            push_key(p, "state");
            if (have_state)
                return mismatch(p, "duplicate key 'state'");
            int k = 0;
            rc = enum_value(p, &evidence_state, &k);
            if (rc == 1)
                return mismatch(p, "expected a string (implemented, partial, planned or absent), found %s", what_is_here(p));
            if (rc)
                return rc;
            v->v.mask = 1ull << k;
            have_state = 1;
            pop(p);
        } else if (!trunc && strcmp(key, "ref") == 0) {
            push_key(p, "ref");
            if (have_ref)
                return mismatch(p, "duplicate key 'ref'");
            ws(p);
            if (p->i >= p->n || p->s[p->i] != '"')
                return mismatch(p, "expected a string (a URL or document id), found %s", what_is_here(p));
            if ((rc = read_string_value(p, &v->str_off, &v->str_len)))
                return rc;
            if (v->str_len > 2000)
                return fail(p, AIGOV_ELIMIT, "reference longer than 2000 bytes");
            if (ag_text_blank(p->f->strs + v->str_off, v->str_len))
                v->str_off = v->str_len = 0; /* a blank reference is no reference */
            have_ref = 1;
            pop(p);
        } else {
            push_key(p, key);
            return mismatch(p, "unknown key '%.60s'; expected 'state' or 'ref'", key);
        }
        if ((more = next_element(p, '}')) < 0)
            return more;
    }
    p->depth--;
    if (!have_state)
        return fail(p, AIGOV_EINPUT, "evidence needs 'state' (implemented, partial, planned or absent)");
    v->known = 1;
    return 0;
}

static int parse_leaf(ps *p, const ag_fact *f, ag_value *v)
{
    int rc;
    ws(p);
    if (p->i < p->n && p->s[p->i] == 'n') {
        /* null: explicitly unknown, same as absent */
        return literal(p, "null");
    }
    const ag_value prev = *v; /* a blank string leaves it, as null does */
    memset(v, 0, sizeof *v);
    switch (f->type) {
    case AG_T_BOOL:
        if (p->i < p->n && p->s[p->i] == 't') {
            if ((rc = literal(p, "true")))
                return rc;
            v->v.mask = 1;
        } else if (p->i < p->n && p->s[p->i] == 'f') {
            if ((rc = literal(p, "false")))
                return rc;
            v->v.mask = 0;
        } else {
            return mismatch(p, "expected true, false or null, found %s", what_is_here(p));
        }
        break;
    case AG_T_ENUM: {
        int k = 0;
        if ((rc = fact_value(p, f, &k)))
            return rc;
        v->v.mask = 1ull << k;
        break;
    }
    case AG_T_SET: {
        if (p->i >= p->n || p->s[p->i] != '[') {
            char list[160];
            list_values(list, sizeof list, f);
            return mismatch(p, "expected an array of distinct strings from: %s; found %s", list, what_is_here(p));
        }
        p->i++;
        if ((rc = enter(p)))
            return rc;
        int more = !closes_empty(p, ']');
        for (long idx = 0; more; idx++) {
            push_index(p, idx);
            int k = 0;
            if ((rc = fact_value(p, f, &k)))
                return rc;
            if (v->v.mask & (1ull << k))
                return fail(p, AIGOV_EINPUT, "'%s' is listed twice", f->values[k]);
            v->v.mask |= 1ull << k;
            pop(p);
            if ((more = next_element(p, ']')) < 0)
                return more;
        }
        p->depth--;
        break;
    }
    case AG_T_NUMBER: {
        if (p->i >= p->n || !(p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9')))
            return mismatch(p, "expected a number from %g to %g, found %s", f->min, f->max, what_is_here(p));
        int neg;
        size_t at = p->i;
        if ((rc = read_number(p, &v->v.num, &neg)))
            return rc;
        /* the decimal text stays with the value: thresholds compare with it exactly */
        if ((rc = keep_number_text(p, at, &v->str_off, &v->str_len)))
            return rc;
        const char *text = p->f->strs + v->str_off;
        if ((neg && f->min >= 0) || ag_num_cmp(text, v->str_len, v->v.num, f->min) < 0 ||
            ag_num_cmp(text, v->str_len, v->v.num, f->max) > 0)
            return fail(p, AIGOV_EINPUT, "expected a number from %g to %g", f->min, f->max);
        break;
    }
    case AG_T_DATE: {
        if (p->i >= p->n || p->s[p->i] != '"')
            return mismatch(p, "expected a date string \"YYYY-MM-DD\", found %s", what_is_here(p));
        char buf[16];
        size_t n;
        int trunc;
        if ((rc = read_string(p, buf, sizeof buf, &n, &trunc)))
            return rc;
        if (trunc || ag_date_parse(buf, n, &v->v.date) != 0)
            return fail(p, AIGOV_EINPUT, "expected a date \"YYYY-MM-DD\" (a real calendar day from 1900)");
        break;
    }
    case AG_T_STRING:
        if (p->i >= p->n || p->s[p->i] != '"')
            return mismatch(p, "expected a string, found %s", what_is_here(p));
        if ((rc = read_string_value(p, &v->str_off, &v->str_len)))
            return rc;
        /* characters, as the schema's maxLength counts them: bytes less UTF-8 continuations */
        if (v->str_len - p->str_tail > f->max_length)
            return fail(p, AIGOV_ELIMIT, "string longer than %u characters", f->max_length);
        if (ag_text_blank(p->f->strs + v->str_off, v->str_len)) {
            *v = prev; /* "", white space or zero-width only: no value, as if left out */
            return 0;
        }
        break;
    case AG_T_EVIDENCE:
        if (p->i >= p->n || p->s[p->i] != '{')
            return mismatch(p, "expected an object {\"state\": \"implemented|partial|planned|absent\", \"ref\": \"...\"}, found %s", what_is_here(p));
        return parse_evidence(p, v);
    }
    v->known = 1;
    return 0;
}

static int parse_object(ps *p, int32_t node);

/* Validates and skips any JSON value (used for the elements of "systems",
 * read again one by one later). */
static int skip_value(ps *p)
{
    int rc;
    ws(p);
    if (p->i >= p->n)
        return fail(p, AIGOV_ESYNTAX, "expected a value, found end of input");
    char c = p->s[p->i];
    if (c == '"') {
        size_t n;
        int tr;
        return read_string(p, NULL, 0, &n, &tr);
    }
    if (c == 't')
        return literal(p, "true");
    if (c == 'f')
        return literal(p, "false");
    if (c == 'n')
        return literal(p, "null");
    if (c == '-' || (c >= '0' && c <= '9')) {
        double v;
        int neg;
        return read_number(p, &v, &neg);
    }
    if (c != '{' && c != '[')
        return fail(p, AIGOV_ESYNTAX, "expected a JSON value, found an invalid token");
    char close = c == '{' ? '}' : ']';
    p->i++;
    if ((rc = enter(p)))
        return rc;
    int more = !closes_empty(p, close);
    for (long idx = 0; more; idx++) {
        if (close == '}') {
            size_t n;
            int tr;
            int slot = p->path_len < PATH_CAP ? p->path_len : PATH_CAP - 1;
            char *key = p->skipped_key[slot];
            if ((rc = read_key(p, key, sizeof p->skipped_key[0], &n, &tr)))
                return rc;
            push_key(p, key);
        } else {
            push_index(p, idx);
        }
        if ((rc = skip_value(p)))
            return rc;
        pop(p);
        if ((more = next_element(p, close)) < 0)
            return more;
    }
    p->depth--;
    return 0;
}

/* "systems": [ {operator, system, gpai, evidence}, ... ] at the root. */
static int parse_systems(ps *p)
{
    int rc;
    push_key(p, "systems");
    if (p->saw_systems)
        return mismatch(p, "duplicate key 'systems'");
    p->saw_systems = 1;
    ws(p);
    if (p->i >= p->n || p->s[p->i] != '[')
        return mismatch(p, "expected an array of system descriptors, found %s", what_is_here(p));
    p->i++;
    if ((rc = enter(p)))
        return rc;
    ws(p);
    if (p->i < p->n && p->s[p->i] == ']')
        return fail(p, AIGOV_EINPUT, "'systems' needs at least one system");
    for (long idx = 0;; idx++) {
        push_index(p, idx);
        ws(p);
        if (p->i >= p->n || p->s[p->i] != '{')
            return mismatch(p, "expected a system descriptor object, found %s", what_is_here(p));
        if (p->f->n_systems >= AG_MAX_SYSTEMS)
            return fail(p, AIGOV_ELIMIT, "more than %d systems in one descriptor", AG_MAX_SYSTEMS);
        size_t start = p->i;
        if ((rc = skip_value(p)))
            return rc;
        p->f->sys_off[p->f->n_systems] = start;
        p->f->sys_len[p->f->n_systems] = p->i - start;
        p->f->n_systems++;
        pop(p);
        if ((rc = next_element(p, ']')) < 0)
            return rc;
        if (!rc)
            break;
    }
    p->depth--;
    pop(p);
    return 0;
}

static int parse_member(ps *p, int32_t node, const char *key, size_t key_len, int trunc)
{
    const aigov_table *t = p->t;
    int rc;
    if (node == 0 && !trunc && strcmp(key, "$schema") == 0) {
        push_key(p, "$schema");
        if (p->saw_schema++)
            return mismatch(p, "duplicate key '$schema'");
        ws(p);
        size_t n;
        int tr;
        if (p->i >= p->n || p->s[p->i] != '"')
            return mismatch(p, "expected a string (the schema URI), found %s", what_is_here(p));
        if ((rc = read_string(p, NULL, 0, &n, &tr)))
            return rc;
        pop(p);
        return 0;
    }
    if (node == 0 && !trunc && strcmp(key, "descriptor_version") == 0) {
        push_key(p, "descriptor_version");
        if (p->saw_version++)
            return mismatch(p, "duplicate key 'descriptor_version'");
        ws(p);
        double v;
        int neg;
        if (p->i >= p->n || !(p->s[p->i] == '-' || (p->s[p->i] >= '0' && p->s[p->i] <= '9')))
            return mismatch(p, "expected the number 1, found %s", what_is_here(p));
        size_t at = p->i;
        if ((rc = read_number(p, &v, &neg)))
            return rc;
        /* exactly 1 (1, 1.0, 10e-1), never a number a double merely rounds to 1 */
        if (ag_num_text_cmp(p->s + at, p->i - at, "1", 1) != 0)
            return fail(p, AIGOV_EINPUT, "unsupported descriptor_version; this library reads version 1");
        pop(p);
        return 0;
    }
    if (node == 0 && p->top && !trunc && strcmp(key, "systems") == 0)
        return parse_systems(p);
    if (node == 0 && !trunc && strcmp(key, "organisation") != 0 && strcmp(key, "evidence") != 0) {
        if (p->in_system && strcmp(key, "systems") == 0) {
            push_key(p, key);
            return fail(p, AIGOV_EINPUT, "systems do not nest");
        }
        p->saw_system_keys = 1;
    }
    if (node == 0 && p->in_system && !trunc && strcmp(key, "organisation") == 0) {
        push_key(p, key);
        return fail(p, AIGOV_EINPUT, "'organisation' belongs at the top level, once for all systems");
    }
    int32_t child = -1;
    if (!trunc)
        for (uint32_t h = ag_key_hash(node, key, key_len) & t->node_index_mask;;
             h = (h + 1) & t->node_index_mask) {
            int32_t k = t->node_index[h];
            if (k < 0)
                break;
            if (t->nodes[k].parent == node && strcmp(t->nodes[k].key, key) == 0) {
                child = k;
                break;
            }
        }
    if (child < 0) {
        push_key(p, key);
        ag_suggest sg;
        ag_suggest_init(&sg, key);
        for (int32_t k = t->nodes[node].first_child; !trunc && k >= 0; k = t->nodes[k].next_sibling)
            ag_suggest_offer(&sg, t->nodes[k].key);
        const char *best = ag_suggest_best(&sg);
        if (best) /* a typo: name the key meant, not a list cut short */
            return mismatch(p, "unknown key '%.60s' (keys are case-sensitive); did you mean '%s'?", key, best);
        char list[160];
        size_t len = 0;
        list[0] = '\0';
        for (int32_t k = t->nodes[node].first_child; k >= 0; k = t->nodes[k].next_sibling) {
            int w = snprintf(list + len, sizeof list - len, "%s%s", len ? ", " : "", t->nodes[k].key);
            if ((size_t)w >= sizeof list - len) { /* (w < 0 converts to a huge size too) */
                strcpy(list + sizeof list - 5, "...");
                break;
            }
            len += (size_t)w;
        }
        return mismatch(p, "unknown key '%.60s%s' (keys are case-sensitive); expected one of: %s",
                    key, trunc ? "..." : "", list);
    }
    push_key(p, t->nodes[child].key);
    if (p->f->seen[child] == p->f->epoch)
        return mismatch(p, "duplicate key '%s'", t->nodes[child].key);
    p->f->seen[child] = p->f->epoch;
    if (t->nodes[child].fact >= 0) {
        int32_t fi = t->nodes[child].fact;
        rc = parse_leaf(p, &t->facts[fi], &p->f->vals[fi]);
    } else {
        ws(p);
        if (p->i >= p->n || p->s[p->i] != '{')
            return mismatch(p, "expected an object, found %s", what_is_here(p));
        rc = parse_object(p, child);
    }
    if (rc)
        return rc;
    pop(p);
    return 0;
}

static int parse_object(ps *p, int32_t node)
{
    int rc;
    p->i++; /* the '{', where every caller stands */
    if ((rc = enter(p)))
        return rc;
    for (int more = !closes_empty(p, '}'); more;) {
        char key[MAX_KEY + 1];
        size_t kn;
        int trunc;
        if ((rc = read_key(p, key, sizeof key, &kn, &trunc)))
            return rc;
        if ((rc = parse_member(p, node, key, kn, trunc)))
            return rc;
        if ((more = next_element(p, '}')) < 0)
            return more;
    }
    p->depth--;
    return 0;
}

int ag_descriptor_parse(ag_facts *f, const aigov_table *t, const ag_mem *mem, const char *json,
                        size_t len, size_t max_input, unsigned max_depth, aigov_error *err)
{
    ps p;
    memset(&p, 0, sizeof p);
    p.s = json;
    p.n = len;
    p.t = t;
    p.f = f;
    p.mem = mem;
    p.err = err;
    p.max_depth = max_depth;
    for (uint32_t k = 0; k < t->n_facts; k++)
        f->vals[k].known = 0;
    f->strs_len = 1; /* offset 0 is the empty string */
    f->strs[0] = '\0';
    if (++f->epoch == 0) {
        memset(f->seen, 0, (t->n_nodes + 1) * sizeof *f->seen);
        f->epoch = 1;
    }
    if (len > max_input)
        return fail(&p, AIGOV_ELIMIT, "descriptor is %zu bytes; the limit is %zu", len, max_input);
    if (len >= 3 && (unsigned char)json[0] == 0xEF && (unsigned char)json[1] == 0xBB &&
        (unsigned char)json[2] == 0xBF)
        return fail(&p, AIGOV_ESYNTAX, "byte-order mark at the start; send UTF-8 without a BOM");
    ws(&p);
    if (p.i >= p.n)
        return fail(&p, AIGOV_ESYNTAX, "empty document; expected a JSON object");
    if (p.s[p.i] != '{') {
        /* Judged by the whole document, not its first byte: "not json" is broken JSON, not
         * null, and a 10,000-deep array is over the depth limit before it is the wrong type. */
        const char *what = what_is_here(&p);
        size_t at = p.i;
        int rc = skip_value(&p);
        if (rc)
            return rc;
        ws(&p);
        if (p.i < p.n)
            return fail(&p, AIGOV_ESYNTAX, "trailing content after the JSON document");
        p.i = at;
        return fail(&p, AIGOV_EINPUT, "the descriptor must be a JSON object, found %s", what);
    }
    p.top = 1;
    f->n_systems = 0;
    int rc = parse_object(&p, 0);
    if (rc)
        return rc;
    ws(&p);
    if (p.i < p.n)
        return fail(&p, AIGOV_ESYNTAX, "trailing content after the JSON document");
    if (p.saw_systems && p.saw_system_keys) {
        push_key(&p, "systems");
        return fail(&p, AIGOV_EINPUT, "with 'systems', the top level holds only organisation and "
                                      "evidence shared by every system; move operator, system and "
                                      "gpai into each system");
    }
    if (f->n_systems) {
        memcpy(f->org_vals, f->vals, t->n_facts * sizeof *f->vals);
        f->org_strs_len = f->strs_len;
    }
    return 0;
}

int ag_descriptor_system(ag_facts *f, const aigov_table *t, const ag_mem *mem, const char *json,
                         uint32_t i, unsigned max_depth, aigov_error *err)
{
    ps p;
    memset(&p, 0, sizeof p);
    p.s = json;
    p.n = f->sys_off[i] + f->sys_len[i];
    p.i = f->sys_off[i];
    p.t = t;
    p.f = f;
    p.mem = mem;
    p.err = err;
    p.max_depth = max_depth;
    p.in_system = 1;
    p.depth = 2; /* inside the root object and the systems array */
    push_key(&p, "systems");
    push_index(&p, (long)i);
    memcpy(f->vals, f->org_vals, t->n_facts * sizeof *f->vals);
    f->strs_len = f->org_strs_len;
    if (++f->epoch == 0) {
        memset(f->seen, 0, (t->n_nodes + 1) * sizeof *f->seen);
        f->epoch = 1;
    }
    return parse_object(&p, 0);
}

void ag_descriptor_organisation(ag_facts *f, const aigov_table *t)
{
    memcpy(f->vals, f->org_vals, t->n_facts * sizeof *f->vals);
    f->strs_len = f->org_strs_len;
}
