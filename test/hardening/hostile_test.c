/*
 * Hostile descriptors (Check). Every malformed shape, at every place the
 * descriptor has one, must give the right negative status with err->code
 * set, err->path naming the JSON path of the offending value, a message
 * saying what was expected, no report, no crash, and a context that still
 * evaluates the next descriptor.
 *
 * The places are generated from the table's own descriptor schema
 * (aigov_table_descriptor_schema), so every fact of the rule set is covered:
 * wrong types, duplicate keys, case variants and unknown keys at every depth,
 * invalid UTF-8, NUL characters and lone surrogates in every string fact,
 * NaN / Infinity / 1e400 / -0 / huge integers in every number fact, limits on
 * nesting, document size, string length and the number of systems, BOMs,
 * empty input and trailing garbage. Two sweeps then truncate and corrupt the
 * example descriptors byte by byte.
 *
 *   hostile_test DESCRIPTOR.json...      (examples for the sweeps)
 *   HOSTILE_SWEEP=0 skips the byte sweeps (e.g. under valgrind)
 */
#include <check.h>
#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "aigov.h"
#include "../common/slurp.h"

#define AS_OF "2028-01-01"

/* ---- a string builder --------------------------------------------------- */

typedef struct sb {
    char *s;
    size_t len, cap;
} sb;

static void sb_put(sb *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 256;
        while (cap < b->len + n + 1)
            cap *= 2;
        b->s = realloc(b->s, cap);
        ck_assert_ptr_nonnull(b->s);
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void sb_puts(sb *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_printf(sb *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(sb *b, const char *fmt, ...)
{
    char tmp[4096];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    ck_assert(n >= 0 && (size_t)n < sizeof tmp);
    sb_put(b, tmp, (size_t)n);
}

static void sb_repeat(sb *b, const char *s, size_t times)
{
    for (size_t i = 0; i < times; i++)
        sb_puts(b, s);
}

/* ---- the descriptor's shape, from the table's schema --------------------- */

enum { K_OBJECT, K_BOOL, K_ENUM, K_SET, K_STRING, K_DATE, K_NUMBER, K_EVIDENCE };
static const char *const kind_names[] = {"object", "bool", "enum", "set", "string", "date", "number", "evidence"};

#define MAX_KEYS 8
typedef struct node {
    const char *keys[MAX_KEYS];
    int depth; /* number of keys */
    int kind;
    double min, max;
    int max_length;
    const char *value; /* a valid enum / set value */
    char path[256];    /* "$.system.annex_iii.points" */
} node;

static node nodes[2048];
static int n_nodes;
static cJSON *schema;
static const aigov_table *T;
static aigov_ctx *CTX;
static char **example_docs;
static size_t *example_lens;
static int n_examples;

static int type_has(const cJSON *v, const char *name)
{
    const cJSON *t = cJSON_GetObjectItemCaseSensitive(v, "type");
    if (cJSON_IsString(t))
        return strcmp(t->valuestring, name) == 0;
    const cJSON *e;
    cJSON_ArrayForEach(e, t) if (cJSON_IsString(e) && strcmp(e->valuestring, name) == 0) return 1;
    return 0;
}

static void die(const char *why)
{
    fprintf(stderr, "hostile: %s\n", why);
    exit(2);
}

static void walk(const cJSON *obj, const node *parent)
{
    const cJSON *props = cJSON_GetObjectItemCaseSensitive(obj, "properties"), *p;
    cJSON_ArrayForEach(p, props)
    {
        if (!parent && (strcmp(p->string, "$schema") == 0 || strcmp(p->string, "descriptor_version") == 0 ||
                        strcmp(p->string, "systems") == 0))
            continue;
        if (n_nodes >= (int)(sizeof nodes / sizeof *nodes))
            die("more schema nodes than this test holds");
        node *n = &nodes[n_nodes++];
        memset(n, 0, sizeof *n);
        if (parent) {
            memcpy(n->keys, parent->keys, sizeof n->keys);
            n->depth = parent->depth;
        }
        if (n->depth >= MAX_KEYS)
            die("schema nested deeper than this test holds");
        n->keys[n->depth++] = p->string;
        strcpy(n->path, "$");
        for (int k = 0; k < n->depth; k++) {
            strcat(n->path, ".");
            strcat(n->path, n->keys[k]);
        }
        const cJSON *en = cJSON_GetObjectItemCaseSensitive(p, "enum");
        if (type_has(p, "object") && !type_has(p, "null")) {
            n->kind = K_OBJECT;
            walk(p, n);
        } else if (type_has(p, "object")) {
            n->kind = K_EVIDENCE;
        } else if (type_has(p, "boolean")) {
            n->kind = K_BOOL;
        } else if (type_has(p, "array")) {
            n->kind = K_SET;
            const cJSON *items = cJSON_GetObjectItemCaseSensitive(p, "items");
            n->value = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(items, "enum"), 0)->valuestring;
        } else if (type_has(p, "number")) {
            n->kind = K_NUMBER;
            n->min = cJSON_GetObjectItemCaseSensitive(p, "minimum")->valuedouble;
            n->max = cJSON_GetObjectItemCaseSensitive(p, "maximum")->valuedouble;
        } else if (type_has(p, "string") && cJSON_GetObjectItemCaseSensitive(p, "format")) {
            n->kind = K_DATE;
        } else if (type_has(p, "string")) {
            n->kind = K_STRING;
            n->max_length = cJSON_GetObjectItemCaseSensitive(p, "maxLength")->valueint;
        } else if (en) {
            n->kind = K_ENUM;
            n->value = cJSON_GetArrayItem(en, 0)->valuestring;
        } else {
            die("a schema node has a shape this test does not know");
        }
    }
}

/* {"k0":{"k1":...{"kN-1": inner}}} for the first `upto` keys of n. */
static void nest_open(sb *b, const node *n, int upto)
{
    for (int k = 0; k < upto; k++)
        sb_printf(b, "{\"%s\":", n->keys[k]);
}

static void nest_close(sb *b, int upto)
{
    for (int k = 0; k < upto; k++)
        sb_puts(b, "}");
}

static char *with_value(const node *n, const char *value)
{
    sb b = {0};
    nest_open(&b, n, n->depth);
    sb_puts(&b, value);
    nest_close(&b, n->depth);
    return b.s;
}

/* Path of n's parent object ("$" for a top-level key). */
static void parent_path(char *out, const node *n)
{
    strcpy(out, n->path);
    *strrchr(out, '.') = '\0';
}

static int count_kind(int kind)
{
    int c = 0;
    for (int i = 0; i < n_nodes; i++)
        c += nodes[i].kind == kind;
    return c;
}

/* ---- expectations -------------------------------------------------------- */

static void show(char *out, size_t cap, const char *s, size_t len)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 8 < cap; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f)
            out[o++] = (char)c;
        else
            o += (size_t)snprintf(out + o, cap - o, "\\x%02x", c);
    }
    if (o + 8 >= cap)
        strcpy(out + o, "...");
    else
        out[o] = '\0';
}

static const char *code_name(int code)
{
    switch (code) {
    case 0: return "AIGOV_OK";
    case AIGOV_EINVAL: return "AIGOV_EINVAL";
    case AIGOV_ENOMEM: return "AIGOV_ENOMEM";
    case AIGOV_ESYNTAX: return "AIGOV_ESYNTAX";
    case AIGOV_EINPUT: return "AIGOV_EINPUT";
    case AIGOV_ELIMIT: return "AIGOV_ELIMIT";
    case AIGOV_ERULES: return "AIGOV_ERULES";
    case AIGOV_ENOTFOUND: return "AIGOV_ENOTFOUND";
    default: return "?";
    }
}

static aigov_eval_options opts(void)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = AS_OF;
    return o;
}

/* Failed expectations are collected, not fatal: a test reports every case
 * that fails (the first MAX_SHOWN of them in full), then fails once. */
static int MAX_SHOWN = 12; /* HOSTILE_SHOW=N to see more */
static int n_failed;

static void note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void note(const char *fmt, ...)
{
    if (n_failed++ < MAX_SHOWN) {
        va_list ap;
        va_start(ap, fmt);
        fputs("  FAIL ", stderr);
        vfprintf(stderr, fmt, ap);
        fputc('\n', stderr);
        va_end(ap);
    }
}

#define CHECK(cond, ...)                                                                              \
    do {                                                                                              \
        if (!(cond)) {                                                                                \
            note(__VA_ARGS__);                                                                        \
            return 0;                                                                                 \
        }                                                                                             \
    } while (0)

/* Call at the end of every test. */
#define DONE()                                                                                        \
    do {                                                                                              \
        int f_ = n_failed;                                                                            \
        n_failed = 0;                                                                                 \
        ck_assert_msg(f_ == 0, "%d expectation(s) failed (the first %d are printed above)", f_,        \
                      f_ < MAX_SHOWN ? f_ : MAX_SHOWN);                                               \
    } while (0)

/* The error struct is well-formed: NUL-terminated fields, code set, a path
 * that is a JSON path ("" for a bad argument). */
static int check_err_struct(const aigov_error *err, int rc, size_t len, const char *where)
{
    CHECK(memchr(err->message, 0, sizeof err->message) && memchr(err->path, 0, sizeof err->path) &&
              memchr(err->source, 0, sizeof err->source) && memchr(err->rule_id, 0, sizeof err->rule_id),
          "%s: an error field is not NUL-terminated", where);
    CHECK(err->code == rc, "%s: err->code %d, returned %d", where, err->code, rc);
    CHECK(strlen(err->message) >= 10, "%s: message too short: '%s'", where, err->message);
    CHECK(err->offset <= len, "%s: offset %zu past the input (%zu bytes)", where, err->offset, len);
    if (rc == AIGOV_EINVAL)
        CHECK(err->path[0] == '\0', "%s: EINVAL with path '%s'", where, err->path);
    else
        CHECK(err->path[0] == '$', "%s: path '%s' does not start with $", where, err->path);
    return 1;
}

/*
 * Evaluates doc and checks the outcome. code 0 = must be accepted. path NULL
 * = any JSON path; msg NULL = any message of 10+ characters. Returns 1 when
 * every check passed.
 */
static int expect_full(const char *doc, size_t len, const aigov_eval_options *o, int code, const char *path,
                       const char *msg, const char *file, int line)
{
    char where[600];
    char shown[300];
    show(shown, sizeof shown, doc ? doc : "(NULL)", doc ? len : 6);
    snprintf(where, sizeof where, "%s:%d [%s]", file, line, shown);

    aigov_error err;
    memset(&err, 0x5a, sizeof err); /* garbage: the library must set what it reports */
    const aigov_report *rep = (const aigov_report *)&err;
    int rc = aigov_eval(&rep, CTX, doc, len, o, &err);
    if (code == 0) {
        CHECK(rc == 0, "%s: rejected with %s at %s: %s", where, code_name(rc), err.path, err.message);
        CHECK(rep != NULL, "%s: accepted without a report", where);
    } else {
        CHECK(rc == code, "%s: returned %s (%s%s%s), expected %s%s%s", where, code_name(rc),
              rc ? err.message : "accepted", rc ? " at " : "", rc ? err.path : "", code_name(code),
              path ? " at " : "", path ? path : "");
        CHECK(rep == NULL, "%s: *out not NULL on failure", where);
        if (!check_err_struct(&err, rc, len, where))
            return 0;
        /* a path ending in '*' is a prefix: errors deep inside a value name the exact place */
        size_t plen = path ? strlen(path) : 0;
        if (path && plen && path[plen - 1] == '*')
            CHECK(strncmp(err.path, path, plen - 1) == 0, "%s: %s at path '%s', expected '%s' (%s)", where,
                  code_name(rc), err.path, path, err.message);
        else if (path)
            CHECK(strcmp(err.path, path) == 0, "%s: %s at path '%s', expected '%s' (%s)", where, code_name(rc),
                  err.path, path, err.message);
        if (msg)
            CHECK(strstr(err.message, msg) != NULL, "%s: message '%s' does not say '%s'", where, err.message, msg);
        if (code != AIGOV_EINVAL)
            CHECK(strcmp(err.source, "descriptor") == 0, "%s: err->source '%s'", where, err.source);
    }
    /* the same without an error struct */
    int rc2 = aigov_eval(&rep, CTX, doc, len, o, NULL);
    CHECK(rc2 == rc, "%s: %s with err, %s without", where, code_name(rc), code_name(rc2));
    /* the binding path agrees */
    char *out = (char *)&err;
    size_t out_len = 7;
    aigov_error err3;
    memset(&err3, 0x5a, sizeof err3);
    int rc3 = aigov_eval_render(&out, &out_len, CTX, doc, len, o, AIGOV_FORMAT_JSON, &err3);
    if (rc3 == 0)
        aigov_free(out);
    CHECK(rc3 == rc, "%s: aigov_eval %s, aigov_eval_render %s", where, code_name(rc), code_name(rc3));
    if (rc3) {
        CHECK(out == NULL && out_len == 0, "%s: eval_render left output on failure", where);
        if (!check_err_struct(&err3, rc3, len, where))
            return 0;
        CHECK(strcmp(err3.path, err.path) == 0, "%s: path %s vs %s", where, err.path, err3.path);
    } else {
        CHECK(out_len > 100, "%s: eval_render output of %zu bytes", where, out_len);
    }
    /* and the context still works */
    aigov_eval_options ok = opts();
    CHECK(aigov_eval(&rep, CTX, "{}", 2, &ok, NULL) == 0, "%s: context unusable afterwards", where);
    return 1;
}

#define EXPECT_N(doc, len, code, path, msg)                                                           \
    do {                                                                                              \
        aigov_eval_options o_ = opts();                                                               \
        (void)expect_full((doc), (len), &o_, (code), (path), (msg), __FILE__, __LINE__);              \
    } while (0)
#define EXPECT(doc, code, path, msg) EXPECT_N((doc), strlen(doc), (code), (path), (msg))
#define EXPECT_OK(doc) EXPECT((doc), 0, NULL, NULL)
#define EXPECT_O(o, doc, code, path, msg) (void)expect_full((doc), strlen(doc), (o), (code), (path), (msg), __FILE__, __LINE__)

/* Evaluates n's value `value` (a JSON text), checking code at n's path. */
#define EXPECT_AT(n, value, code, msg)                                                                \
    do {                                                                                              \
        char *d_ = with_value((n), (value));                                                          \
        EXPECT(d_, (code), (code) ? (n)->path : NULL, (msg));                                         \
        free(d_);                                                                                     \
    } while (0)

/* A value valid for n (used to build documents around it). */
static const char *valid_value(const node *n, char *buf, size_t cap)
{
    switch (n->kind) {
    case K_OBJECT: return "{}";
    case K_BOOL: return "true";
    case K_ENUM: snprintf(buf, cap, "\"%s\"", n->value); return buf;
    case K_SET: snprintf(buf, cap, "[\"%s\"]", n->value); return buf;
    case K_STRING: return "\"x\"";
    case K_DATE: return "\"2025-06-30\"";
    case K_NUMBER: snprintf(buf, cap, "%.17g", n->min); return buf;
    default: return "{\"state\":\"absent\",\"ref\":\"DOC-1\"}";
    }
}

static int check_long_value(const node *n, size_t len);
static int check_long_key(const char *doc, size_t len, int head);

/* ---- setup -------------------------------------------------------------------- */

static void setup(void)
{
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&CTX, T, NULL, &err), 0);
}

static void teardown(void)
{
    aigov_ctx_free(CTX);
    CTX = NULL;
}

/* ---- tests -------------------------------------------------------------------- */

START_TEST(schema_is_covered)
{
    /* the walk found every kind of fact the rules use */
    ck_assert_int_gt(n_nodes, 100);
    for (int k = K_OBJECT; k <= K_EVIDENCE; k++)
        ck_assert_msg(count_kind(k) > 0, "no %s fact in the schema", kind_names[k]);
    /* every node accepts a valid value and null (leaves) */
    char buf[256];
    for (int i = 0; i < n_nodes; i++) {
        EXPECT_AT(&nodes[i], valid_value(&nodes[i], buf, sizeof buf), 0, NULL);
        if (nodes[i].kind != K_OBJECT)
            EXPECT_AT(&nodes[i], "null", 0, NULL);
    }
    DONE();
}
END_TEST

START_TEST(empty_input)
{
    EXPECT_N("", 0, AIGOV_ESYNTAX, "$", "empty");
    EXPECT_N(NULL, 0, AIGOV_ESYNTAX, "$", "empty");
    EXPECT(" ", AIGOV_ESYNTAX, "$", "empty");
    EXPECT(" \t\r\n  \n", AIGOV_ESYNTAX, "$", "empty");
    EXPECT_N("\0", 1, AIGOV_ESYNTAX, "$", NULL);
    EXPECT_N("{}", 0, AIGOV_ESYNTAX, "$", "empty"); /* len counts, not the NUL */
    DONE();
}
END_TEST

START_TEST(byte_order_mark)
{
    EXPECT("\xEF\xBB\xBF{}", AIGOV_ESYNTAX, "$", "byte-order mark");
    EXPECT("\xEF\xBB\xBF", AIGOV_ESYNTAX, "$", NULL);
    EXPECT("\xEF\xBB\xBF{\"organisation\":{}}", AIGOV_ESYNTAX, "$", "byte-order mark");
    EXPECT("\xFE\xFF{}", AIGOV_ESYNTAX, "$", NULL);             /* UTF-16 BE BOM */
    EXPECT("\xFF\xFE{\0}\0", AIGOV_ESYNTAX, "$", NULL);         /* UTF-16 LE BOM */
    EXPECT(" \xEF\xBB\xBF{}", AIGOV_ESYNTAX, "$", NULL);        /* after whitespace */
    EXPECT("{\xEF\xBB\xBF}", AIGOV_ESYNTAX, "$", NULL);         /* inside the object */
    /* U+FEFF inside a string is just a character */
    EXPECT_OK("{\"organisation\":{\"name\":\"\xEF\xBB\xBFNordhafen\"}}");
    DONE();
}
END_TEST

START_TEST(trailing_garbage)
{
    static const char *const tails[] = {" x", "{}", "]", "}", ",", "\"", "0", "null", " // c", "/* c */",
                                        "\xFF", "\xEF\xBB\xBF", "\x01"};
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++) {
        sb b = {0};
        sb_printf(&b, "{\"organisation\":{\"name\":\"a\"}}%s", tails[i]);
        EXPECT(b.s, AIGOV_ESYNTAX, "$", "trailing");
        free(b.s);
    }
    EXPECT_N("{}\0", 3, AIGOV_ESYNTAX, "$", "trailing");
    EXPECT_N("{}\0{}", 5, AIGOV_ESYNTAX, "$", "trailing");
    EXPECT_OK("{}  \r\n\t ");
    DONE();
}
END_TEST

START_TEST(not_an_object)
{
    /* well-formed JSON that is not an object: EINPUT */
    static const char *const wrong[] = {"[]", "[{}]", "1", "-0", "\"{}\"", "null", "true", "false"};
    for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++)
        EXPECT(wrong[i], AIGOV_EINPUT, "$", "object");
    /* not JSON at all: ESYNTAX */
    static const char *const junk[] = {"x", "NaN", "Infinity", "undefined", "'a'", "\xFF", "<xml/>", "{a:1}",
                                       "{'a':1}", "{\"organisation\"}", "{\"organisation\" {}}", "{,}", "{"};
    for (size_t i = 0; i < sizeof junk / sizeof *junk; i++)
        EXPECT(junk[i], AIGOV_ESYNTAX, NULL, NULL);
    DONE();
}
END_TEST

/* Invalid UTF-8: in every string-valued fact, in keys, in evidence refs,
 * in enum values and outside strings. */
static const char *const bad_utf8[] = {
    "\x80",             /* lone continuation byte */
    "\xBF",             /* lone continuation byte */
    "\xC0\xAF",         /* overlong '/' */
    "\xC1\xBF",         /* overlong */
    "\xE0\x80\xAF",     /* overlong, 3 bytes */
    "\xF0\x80\x80\xAF", /* overlong, 4 bytes */
    "\xC3\x28",         /* bad continuation */
    "\xE2\x28\xA1",     /* bad continuation */
    "\xE2\x82",         /* truncated sequence before the quote */
    "\xED\xA0\x80",     /* UTF-16 surrogate D800 encoded */
    "\xED\xBF\xBF",     /* surrogate DFFF */
    "\xF4\x90\x80\x80", /* past U+10FFFF */
    "\xF5\x80\x80\x80", /* invalid lead */
    "\xF8\x88\x80\x80\x80",
    "\xFE",
    "\xFF",
};

START_TEST(invalid_utf8)
{
    for (size_t u = 0; u < sizeof bad_utf8 / sizeof *bad_utf8; u++) {
        char v[64];
        for (int i = 0; i < n_nodes; i++) {
            const node *n = &nodes[i];
            if (n->kind == K_STRING || n->kind == K_DATE || n->kind == K_ENUM) {
                snprintf(v, sizeof v, "\"ab%scd\"", bad_utf8[u]);
                EXPECT_AT(n, v, AIGOV_ESYNTAX, "UTF-8");
            }
            if (n->kind == K_SET) {
                char *d;
                snprintf(v, sizeof v, "[\"%s\",\"x%s\"]", n->value, bad_utf8[u]);
                d = with_value(n, v);
                char path[300];
                snprintf(path, sizeof path, "%s[1]", n->path);
                EXPECT(d, AIGOV_ESYNTAX, path, "UTF-8");
                free(d);
            }
            if (n->kind == K_EVIDENCE) {
                snprintf(v, sizeof v, "{\"state\":\"absent\",\"ref\":\"%s\"}", bad_utf8[u]);
                char *d = with_value(n, v);
                char path[300];
                snprintf(path, sizeof path, "%s.ref", n->path);
                EXPECT(d, AIGOV_ESYNTAX, path, "UTF-8");
                free(d);
            }
            /* in the key itself: the path is the object being read */
            sb b = {0};
            nest_open(&b, n, n->depth - 1);
            sb_printf(&b, "{\"%s%s\":null}", n->keys[n->depth - 1], bad_utf8[u]);
            nest_close(&b, n->depth - 1);
            char pp[256];
            parent_path(pp, n);
            EXPECT(b.s, AIGOV_ESYNTAX, pp, "UTF-8");
            free(b.s);
        }
        /* raw, outside any string */
        char d[64];
        snprintf(d, sizeof d, "{%s}", bad_utf8[u]);
        EXPECT(d, AIGOV_ESYNTAX, "$", NULL);
        snprintf(d, sizeof d, "{\"system\":%s}", bad_utf8[u]);
        EXPECT(d, AIGOV_ESYNTAX, "$.system", NULL);
    }
    /* valid multi-byte UTF-8 is accepted, up to U+10FFFF */
    EXPECT_OK("{\"organisation\":{\"name\":\"Caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xF4\x8F\xBF\xBF\"}}");
    EXPECT_OK("{\"system\":{\"name\":\"\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xEF\xBF\xBF\xF0\x90\x80\x80\"}}");
    DONE();
}
END_TEST

START_TEST(nul_characters)
{
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        if (n->kind == K_STRING || n->kind == K_DATE || n->kind == K_ENUM) {
            EXPECT_AT(n, "\"a\\u0000b\"", AIGOV_EINPUT, "NUL");
            EXPECT_AT(n, "\"\\u0000\"", AIGOV_EINPUT, "NUL");
            /* a raw NUL byte in a string is an unescaped control character */
            char *d = with_value(n, "\"a#b\"");
            size_t len = strlen(d);
            *strchr(d, '#') = '\0';
            EXPECT_N(d, len, AIGOV_ESYNTAX, n->path, "control character");
            free(d);
        }
        if (n->kind == K_EVIDENCE) {
            char *d = with_value(n, "{\"state\":\"absent\",\"ref\":\"x\\u0000\"}");
            char path[300];
            snprintf(path, sizeof path, "%s.ref", n->path);
            EXPECT(d, AIGOV_EINPUT, path, "NUL");
            free(d);
            d = with_value(n, "{\"state\":\"absent\\u0000\"}");
            snprintf(path, sizeof path, "%s.state", n->path);
            EXPECT(d, AIGOV_EINPUT, path, "NUL");
            free(d);
        }
        /* in a key (escaped: the object being read is named) */
        sb b = {0};
        nest_open(&b, n, n->depth - 1);
        sb_printf(&b, "{\"%s\\u0000\":null}", n->keys[n->depth - 1]);
        nest_close(&b, n->depth - 1);
        char pp[256];
        parent_path(pp, n);
        EXPECT(b.s, AIGOV_EINPUT, pp, "NUL");
        free(b.s);
    }
    /* raw NUL bytes between tokens */
    EXPECT_N("{\0}", 3, AIGOV_ESYNTAX, "$", NULL);
    EXPECT_N("{\"system\":\0{}}", 14, AIGOV_ESYNTAX, "$.system", NULL); /* an invalid token where a value goes */
    EXPECT_N("{\"system\"\0:{}}", 14, AIGOV_ESYNTAX, "$", NULL);
    /* other control characters, raw and escaped */
    EXPECT("{\"organisation\":{\"name\":\"a\x01\"}}", AIGOV_ESYNTAX, "$.organisation.name", "control character");
    EXPECT("{\"organisation\":{\"name\":\"a\x1f\"}}", AIGOV_ESYNTAX, "$.organisation.name", "control character");
    EXPECT("{\"organisation\":{\"name\":\"a\nb\"}}", AIGOV_ESYNTAX, "$.organisation.name", "control character");
    EXPECT_OK("{\"organisation\":{\"name\":\"a\\u0001\\n\\t\\u001f\x7f\"}}");
    DONE();
}
END_TEST

START_TEST(lone_surrogates)
{
    static const char *const bad[] = {
        "\\ud800",          "\\uD800x",        "\\ud800\\u0041", "\\udbff\\udbff", "\\udc00",
        "\\uDFFF",          "\\udc00\\ud800",  "\\ud800\\",      "\\ud800\\u",     "\\ud800\\udc0",
        "\\ud83d\\n",       "x\\ude00",
    };
    char v[64];
    for (size_t s = 0; s < sizeof bad / sizeof *bad; s++)
        for (int i = 0; i < n_nodes; i++) {
            const node *n = &nodes[i];
            if (n->kind != K_STRING && n->kind != K_ENUM && n->kind != K_DATE)
                continue;
            snprintf(v, sizeof v, "\"%s\"", bad[s]);
            EXPECT_AT(n, v, AIGOV_ESYNTAX, NULL);
        }
    EXPECT("{\"organisation\":{\"name\":\"\\ud800\"}}", AIGOV_ESYNTAX, "$.organisation.name", "surrogate");
    EXPECT("{\"organisation\":{\"name\":\"\\udc00\"}}", AIGOV_ESYNTAX, "$.organisation.name", "surrogate");
    EXPECT("{\"organisation\":{\"\\ud800name\":\"x\"}}", AIGOV_ESYNTAX, "$.organisation", "surrogate");
    EXPECT("{\"evidence\":{\"fria\":{\"state\":\"absent\",\"ref\":\"\\udfff\"}}}", AIGOV_ESYNTAX,
           "$.evidence.fria.ref", "surrogate");
    /* other bad escapes */
    EXPECT("{\"organisation\":{\"name\":\"\\u12\"}}", AIGOV_ESYNTAX, "$.organisation.name", "hex");
    EXPECT("{\"organisation\":{\"name\":\"\\uZZZZ\"}}", AIGOV_ESYNTAX, "$.organisation.name", "hex");
    EXPECT("{\"organisation\":{\"name\":\"\\x41\"}}", AIGOV_ESYNTAX, "$.organisation.name", "escape");
    EXPECT("{\"organisation\":{\"name\":\"\\'\"}}", AIGOV_ESYNTAX, "$.organisation.name", "escape");
    EXPECT("{\"organisation\":{\"name\":\"\\", AIGOV_ESYNTAX, "$.organisation.name", NULL);
    /* valid pairs and escapes are accepted */
    EXPECT_OK("{\"organisation\":{\"name\":\"\\ud83d\\ude00 \\uDBFF\\uDFFF \\u00e9\\/\\\"\\\\\\b\\f\\n\\r\\t\"}}");
    EXPECT_OK("{\"\\u006frganisation\":{\"n\\u0061me\":\"x\"}}"); /* escaped keys are keys */
    DONE();
}
END_TEST

START_TEST(numbers)
{
    /* not JSON numbers: a syntax error, whatever the fact */
    static const char *const syntax[] = {"NaN", "nan", "-NaN", "Infinity", "-Infinity", "inf", "+1", ".5",
                                         "01", "-01", "1.", "1.e5", "1e", "1e+", "-", "--1", "0x10", "1_000",
                                         "1,5", "\xEF\xBC\x91"};
    /* well-formed numbers the fact cannot take */
    static const char *const range[] = {"1e400", "-1e400", "1e99999999999999999999", "-1", "-0", "-0.0",
                                        "-0e0", "-1e-400", "-1e400"};
    static const char *const ok[] = {"0", "0.0", "0e0", "1E2", "1e-400", "0.000000000000000000000000000001",
                                     "123456789012345678901234567890e-30", "1.5", "12345678901234567890"};
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        if (n->kind != K_NUMBER)
            continue;
        for (size_t k = 0; k < sizeof syntax / sizeof *syntax; k++) {
            /* at the value, or just after it ("0x10": the 'x') in the object holding it */
            char *d = with_value(n, syntax[k]);
            EXPECT(d, AIGOV_ESYNTAX, NULL, NULL);
            free(d);
        }
        EXPECT_AT(n, "NaN", AIGOV_ESYNTAX, NULL);
        EXPECT_AT(n, "Infinity", AIGOV_ESYNTAX, NULL);
        EXPECT_AT(n, "-Infinity", AIGOV_ESYNTAX, NULL);
        EXPECT_AT(n, "01", AIGOV_ESYNTAX, "leading zeros");
        for (size_t k = 0; k < sizeof range / sizeof *range; k++)
            EXPECT_AT(n, range[k], AIGOV_EINPUT, NULL);
        for (size_t k = 0; k < sizeof ok / sizeof *ok; k++)
            if (strtod(ok[k], NULL) <= n->max)
                EXPECT_AT(n, ok[k], 0, NULL);
        /* huge integers: 400 digits is past a double */
        sb b = {0};
        sb_puts(&b, "1");
        sb_repeat(&b, "0", 400);
        EXPECT_AT(n, b.s, AIGOV_EINPUT, "range");
        free(b.s);
        /* a 100,000-digit zero-valued fraction is fine */
        b = (sb){0};
        sb_puts(&b, "0.");
        sb_repeat(&b, "0", 100000);
        sb_puts(&b, "1");
        EXPECT_AT(n, b.s, 0, NULL);
        free(b.s);
        /* just past the maximum; the maximum itself */
        char v[64];
        snprintf(v, sizeof v, "%.17g", n->max * 1.0000001);
        EXPECT_AT(n, v, AIGOV_EINPUT, "expected a number");
        snprintf(v, sizeof v, "%.17g", n->max);
        EXPECT_AT(n, v, 0, NULL);
        /* as a string, a bool, an array */
        EXPECT_AT(n, "\"1e25\"", AIGOV_EINPUT, "expected a number");
        EXPECT_AT(n, "\"1\"", AIGOV_EINPUT, "expected a number");
        EXPECT_AT(n, "true", AIGOV_EINPUT, "expected a number");
        EXPECT_AT(n, "[1]", AIGOV_EINPUT, "expected a number");
    }
    EXPECT("{\"gpai\":{\"training_compute_flops\":\"1e25\"}}", AIGOV_EINPUT, "$.gpai.training_compute_flops",
           "expected a number");
    EXPECT("{\"gpai\":{\"training_compute_flops\":1e400}}", AIGOV_EINPUT, "$.gpai.training_compute_flops", NULL);
    EXPECT("{\"gpai\":{\"training_compute_flops\":-0}}", AIGOV_EINPUT, "$.gpai.training_compute_flops", NULL);
    EXPECT("{\"gpai\":{\"training_compute_flops\":NaN}}", AIGOV_ESYNTAX, "$.gpai.training_compute_flops", NULL);
    EXPECT_OK("{\"gpai\":{\"training_compute_flops\":10000000000000000000000000}}");
    /* descriptor_version */
    EXPECT_OK("{\"descriptor_version\":1}");
    EXPECT_OK("{\"descriptor_version\":1.0}");
    EXPECT_OK("{\"descriptor_version\":1e0}");
    static const char *const versions[] = {"2", "0", "-1", "1.5", "\"1\"", "true", "null", "[1]", "1e400"};
    for (size_t k = 0; k < sizeof versions / sizeof *versions; k++) {
        sb b = {0};
        sb_printf(&b, "{\"descriptor_version\":%s}", versions[k]);
        EXPECT(b.s, AIGOV_EINPUT, "$.descriptor_version", NULL);
        free(b.s);
    }
    EXPECT("{\"descriptor_version\":NaN}", AIGOV_ESYNTAX, "$.descriptor_version", NULL);
    DONE();
}
END_TEST

/* Every leaf rejects every JSON type it does not take, with a message saying
 * what it expected; every object node rejects non-objects. */
START_TEST(wrong_types)
{
    static const char *const values[] = {"true", "false", "0", "1.5", "-1", "\"x\"", "\"\"",
                                         "[]", "[true]", "{}", "{\"a\":1}"};
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        for (size_t k = 0; k < sizeof values / sizeof *values; k++) {
            const char *v = values[k];
            int fits = 0;
            switch (n->kind) {
            case K_BOOL: fits = v[0] == 't' || v[0] == 'f'; break;
            case K_NUMBER: fits = (v[0] == '0' || v[0] == '1'); break;
            case K_STRING: fits = v[0] == '"'; break;
            case K_SET: fits = strcmp(v, "[]") == 0; break;
            case K_OBJECT: fits = strcmp(v, "{}") == 0; break;
            default: fits = 0;
            }
            if (fits)
                continue;
            char *d = with_value(n, v);
            char path[300];
            snprintf(path, sizeof path, "%s", n->path);
            if (n->kind == K_SET && v[0] == '[')
                snprintf(path, sizeof path, "%s[0]", n->path); /* the element is wrong */
            if (n->kind == K_OBJECT && v[0] == '{')
                snprintf(path, sizeof path, "%s.a", n->path); /* an unknown key */
            if (n->kind == K_EVIDENCE && strcmp(v, "{\"a\":1}") == 0)
                snprintf(path, sizeof path, "%s.a", n->path);
            EXPECT(d, AIGOV_EINPUT, path,
                   n->kind == K_EVIDENCE && strcmp(v, "{}") == 0 ? "state" : "expect");
            free(d);
        }
        if (n->kind == K_OBJECT)
            EXPECT_AT(n, "null", AIGOV_EINPUT, "expected an object");
    }
    DONE();
}
END_TEST

START_TEST(enum_and_set_values)
{
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        if (n->kind != K_ENUM && n->kind != K_SET)
            continue;
        char upper[128], v[300], path[300];
        snprintf(upper, sizeof upper, "%s", n->value);
        upper[0] = (char)(upper[0] >= 'a' && upper[0] <= 'z' ? upper[0] - 32 : upper[0]);
        const char *variants[] = {upper, "", "none_of_these", " ", NULL};
        char spaced[140];
        snprintf(spaced, sizeof spaced, "%s ", n->value);
        variants[3] = spaced;
        for (int k = 0; variants[k]; k++) {
            if (strcmp(variants[k], n->value) == 0)
                continue;
            if (n->kind == K_ENUM) {
                snprintf(v, sizeof v, "\"%s\"", variants[k]);
                EXPECT_AT(n, v, AIGOV_EINPUT, "not a valid value");
            } else {
                snprintf(v, sizeof v, "[\"%s\"]", variants[k]);
                char *d = with_value(n, v);
                snprintf(path, sizeof path, "%s[0]", n->path);
                EXPECT(d, AIGOV_EINPUT, path, "not a valid value");
                free(d);
            }
        }
        if (n->kind == K_SET) {
            /* listed twice: the second one is named */
            snprintf(v, sizeof v, "[\"%s\",\"%s\"]", n->value, n->value);
            char *d = with_value(n, v);
            snprintf(path, sizeof path, "%s[1]", n->path);
            EXPECT(d, AIGOV_EINPUT, path, "twice");
            free(d);
            /* null inside the array */
            snprintf(v, sizeof v, "[\"%s\",null]", n->value);
            d = with_value(n, v);
            EXPECT(d, AIGOV_EINPUT, path, "expected a string");
            free(d);
            /* syntax inside the array */
            snprintf(v, sizeof v, "[\"%s\",]", n->value);
            d = with_value(n, v);
            EXPECT(d, AIGOV_ESYNTAX, path, NULL);
            free(d);
            snprintf(v, sizeof v, "[\"%s\" \"%s\"]", n->value, n->value);
            d = with_value(n, v);
            snprintf(path, sizeof path, "%s", n->path);
            EXPECT(d, AIGOV_ESYNTAX, path, "expected");
            free(d);
        }
        /* a long value is reported, not overflowed */
        sb b = {0};
        sb_puts(&b, n->kind == K_SET ? "[\"" : "\"");
        sb_repeat(&b, "x", 5000);
        sb_puts(&b, n->kind == K_SET ? "\"]" : "\"");
        char *d = with_value(n, b.s);
        if (n->kind == K_SET)
            snprintf(path, sizeof path, "%s[0]", n->path);
        else
            snprintf(path, sizeof path, "%s", n->path);
        EXPECT(d, AIGOV_EINPUT, path, "not a valid value");
        free(d);
        free(b.s);
        if (n->kind == K_ENUM)
            for (size_t len = 100; len < 300; len += 7)
                (void)check_long_value(n, len);
    }
    DONE();
}
END_TEST

START_TEST(dates)
{
    static const char *const bad[] = {"2025-02-29", "2025-02-30", "2025-13-01", "2025-00-10", "2025-01-00",
                                      "2025-01-32", "2025-04-31", "2025-1-01",  "25-01-01",   "2025/01/01",
                                      "2025-01-01T00:00:00Z",     "2025-01-01 ", " 2025-01-01", "",
                                      "1899-12-31", "10000-01-01", "-2025-01-01", "2025-01-1x", "1e3",
                                      "2100-02-29"};
    static const char *const good[] = {"2024-02-29", "2000-02-29", "1900-01-01", "2031-12-31", "9999-12-31"};
    char v[64];
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        if (n->kind != K_DATE)
            continue;
        for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
            snprintf(v, sizeof v, "\"%s\"", bad[k]);
            EXPECT_AT(n, v, AIGOV_EINPUT, "date");
        }
        for (size_t k = 0; k < sizeof good / sizeof *good; k++) {
            snprintf(v, sizeof v, "\"%s\"", good[k]);
            EXPECT_AT(n, v, 0, NULL);
        }
        EXPECT_AT(n, "20250101", AIGOV_EINPUT, "date");
    }
    DONE();
}
END_TEST

START_TEST(evidence_items)
{
    char path[300];
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        if (n->kind != K_EVIDENCE)
            continue;
        EXPECT_AT(n, "{}", AIGOV_EINPUT, "state");
        EXPECT_AT(n, "{\"ref\":\"x\"}", AIGOV_EINPUT, "state");
        EXPECT_AT(n, "\"implemented\"", AIGOV_EINPUT, "expected an object");
        EXPECT_AT(n, "[{\"state\":\"absent\"}]", AIGOV_EINPUT, "expected an object");
        static const char *const states[] = {"\"done\"", "\"Implemented\"", "\"\"", "true", "null", "1", "[]"};
        for (size_t k = 0; k < sizeof states / sizeof *states; k++) {
            char v[100];
            snprintf(v, sizeof v, "{\"state\":%s}", states[k]);
            char *d = with_value(n, v);
            snprintf(path, sizeof path, "%s.state", n->path);
            EXPECT(d, AIGOV_EINPUT, path, NULL);
            free(d);
        }
        static const char *const refs[] = {"1", "true", "null", "[]", "{}"};
        for (size_t k = 0; k < sizeof refs / sizeof *refs; k++) {
            char v[100];
            snprintf(v, sizeof v, "{\"state\":\"absent\",\"ref\":%s}", refs[k]);
            char *d = with_value(n, v);
            snprintf(path, sizeof path, "%s.ref", n->path);
            EXPECT(d, AIGOV_EINPUT, path, "expected a string");
            free(d);
        }
        char *d = with_value(n, "{\"state\":\"absent\",\"owner\":\"x\"}");
        snprintf(path, sizeof path, "%s.owner", n->path);
        EXPECT(d, AIGOV_EINPUT, path, "unknown key");
        free(d);
        d = with_value(n, "{\"State\":\"absent\"}");
        snprintf(path, sizeof path, "%s.State", n->path);
        EXPECT(d, AIGOV_EINPUT, path, "unknown key");
        free(d);
        /* ref at its limit and past it */
        sb b = {0};
        sb_puts(&b, "{\"state\":\"partial\",\"ref\":\"");
        sb_repeat(&b, "r", 2000);
        sb_puts(&b, "\"}");
        d = with_value(n, b.s);
        EXPECT(d, 0, NULL, NULL);
        free(d);
        b.len -= 2;
        sb_puts(&b, "r\"}");
        d = with_value(n, b.s);
        snprintf(path, sizeof path, "%s.ref", n->path);
        EXPECT(d, AIGOV_ELIMIT, path, "2000");
        free(d);
        free(b.s);
    }
    EXPECT("{\"evidence\":{\"no_such_item\":{\"state\":\"absent\"}}}", AIGOV_EINPUT, "$.evidence.no_such_item",
           "unknown key");
    EXPECT("{\"evidence\":[]}", AIGOV_EINPUT, "$.evidence", "expected an object");
    DONE();
}
END_TEST

/* The same key twice in one object, at every depth and for every key. */
START_TEST(duplicate_keys)
{
    char buf[256], path[300];
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        const char *v = valid_value(n, buf, sizeof buf);
        const char *key = n->keys[n->depth - 1];
        /* the same valid value twice */
        {
            sb b = {0};
            nest_open(&b, n, n->depth - 1);
            sb_printf(&b, "{\"%s\":%s,\"%s\":%s}", key, v, key, v);
            nest_close(&b, n->depth - 1);
            EXPECT(b.s, AIGOV_EINPUT, n->path, "duplicate");
            free(b.s);
        }
        /* apart, with a valid sibling between */
        for (int j = 0; j < n_nodes; j++) {
            const node *sib = &nodes[j];
            if (sib == n || sib->depth != n->depth || (n->depth > 1 && sib->keys[n->depth - 2] != n->keys[n->depth - 2]))
                continue;
            char sbuf[256];
            sb b = {0};
            nest_open(&b, n, n->depth - 1);
            sb_printf(&b, "{\"%s\":%s,", key, v);
            sb_printf(&b, "\"%s\":%s,", sib->keys[sib->depth - 1], valid_value(sib, sbuf, sizeof sbuf));
            sb_printf(&b, "\"%s\":%s}", key, v);
            nest_close(&b, n->depth - 1);
            EXPECT(b.s, AIGOV_EINPUT, n->path, "duplicate");
            free(b.s);
            break;
        }
        if (n->kind != K_OBJECT) {
            sb b = {0};
            nest_open(&b, n, n->depth - 1);
            sb_printf(&b, "{\"%s\":null,\"%s\":%s}", key, key, v);
            nest_close(&b, n->depth - 1);
            EXPECT(b.s, AIGOV_EINPUT, n->path, "duplicate");
            free(b.s);
        }
        /* inside evidence items */
        if (n->kind == K_EVIDENCE) {
            char *d = with_value(n, "{\"state\":\"absent\",\"state\":\"absent\"}");
            snprintf(path, sizeof path, "%s.state", n->path);
            EXPECT(d, AIGOV_EINPUT, path, "duplicate");
            free(d);
            d = with_value(n, "{\"state\":\"absent\",\"ref\":\"a\",\"ref\":\"a\"}");
            snprintf(path, sizeof path, "%s.ref", n->path);
            EXPECT(d, AIGOV_EINPUT, path, "duplicate");
            free(d);
        }
        /* inside one system of a portfolio */
        if (strcmp(n->keys[0], "organisation") != 0) {
            sb b = {0};
            sb_puts(&b, "{\"systems\":[");
            nest_open(&b, n, n->depth - 1);
            sb_printf(&b, "{\"%s\":%s,\"%s\":%s}", key, v, key, v);
            nest_close(&b, n->depth - 1);
            sb_puts(&b, "]}");
            snprintf(path, sizeof path, "$.systems[0]%s", n->path + 1);
            EXPECT(b.s, AIGOV_EINPUT, path, "duplicate");
            free(b.s);
        }
    }
    /* the keys of the root that are not facts */
    EXPECT("{\"$schema\":\"a\",\"$schema\":\"a\"}", AIGOV_EINPUT, "$.$schema", "duplicate");
    EXPECT("{\"descriptor_version\":1,\"descriptor_version\":1}", AIGOV_EINPUT, "$.descriptor_version",
           "duplicate");
    EXPECT("{\"systems\":[{}],\"systems\":[{}]}", AIGOV_EINPUT, "$.systems", "duplicate");
    EXPECT("{\"systems\":[{\"$schema\":\"a\",\"$schema\":\"a\"}]}", AIGOV_EINPUT, "$.systems[0].$schema",
           "duplicate");
    /* the same fact spelled with an escape is the same key */
    EXPECT("{\"organisation\":{\"name\":\"a\",\"n\\u0061me\":\"b\"}}", AIGOV_EINPUT, "$.organisation.name",
           "duplicate");
    DONE();
}
END_TEST

/* The error for a long unknown key: the path and the message hold the
 * key's first bytes, then only 'k's (the key is truncated, never padded
 * with whatever was in memory). */
static int check_long_key(const char *doc, size_t len, int head)
{
    aigov_error err;
    memset(&err, 0x5a, sizeof err);
    const aigov_report *rep;
    aigov_eval_options o = opts();
    int rc = aigov_eval(&rep, CTX, doc, len, &o, &err);
    CHECK(rc == AIGOV_EINPUT, "long key (%zu bytes): %s", len, code_name(rc));
    /* a key with non-ASCII bytes is quoted in paths: $["...."] (issue 19 point 10) */
    const char *keyhead = head == 0 ? "k" : head == 1 ? "\xC3\xA9k" : "a\xC3\xA9k";
    char want[16];
    snprintf(want, sizeof want, "%s%s", head == 0 ? "$." : "$[\"", keyhead);
    CHECK(strncmp(err.path, want, strlen(want)) == 0, "long key (%zu bytes): path starts '%.12s', expected '%s'",
          len, err.path, want);
    for (const char *c = err.path + strlen(want); *c; c++)
        CHECK(*c == 'k' || *c == '.' || (head && (*c == '"' || *c == ']')),
              "long key (%zu bytes): path holds bytes that are not the key's (0x%02x)", len, (unsigned char)*c);
    const char *q = strchr(err.message, '\'');
    CHECK(q != NULL, "long key: the message quotes the key: %s", err.message);
    CHECK(strncmp(q + 1, keyhead, strlen(keyhead)) == 0, "long key (%zu bytes): message quotes '%.12s'", len, q + 1);
    for (const char *c = q + 1 + strlen(keyhead); *c && *c != '\''; c++)
        CHECK(*c == 'k' || *c == '.', "long key (%zu bytes): message holds bytes that are not the key's (0x%02x)",
              len, (unsigned char)*c);
    return 1;
}

/* A long invalid enum value: the message quotes its first bytes, nothing else. */
static int check_long_value(const node *n, size_t len)
{
    sb b = {0};
    sb_puts(&b, "\"");
    sb_repeat(&b, "v", len);
    sb_puts(&b, "\"");
    char *d = with_value(n, b.s);
    free(b.s);
    aigov_error err;
    memset(&err, 0x5a, sizeof err);
    const aigov_report *rep;
    aigov_eval_options o = opts();
    int rc = aigov_eval(&rep, CTX, d, strlen(d), &o, &err);
    free(d);
    CHECK(rc == AIGOV_EINPUT, "%s: long value (%zu bytes): %s", n->path, len, code_name(rc));
    const char *q = strchr(err.message, '\'');
    CHECK(q && q[1] == 'v', "%s: long value (%zu bytes): message '%.60s' does not quote it", n->path, len,
          err.message);
    for (const char *c = q + 1; *c && *c != '\''; c++)
        CHECK(*c == 'v' || *c == '.', "%s: long value (%zu bytes): message holds bytes not from the value (0x%02x)",
              n->path, len, (unsigned char)*c);
    return 1;
}

/* Keys are case-sensitive and exact, at every depth. */
START_TEST(case_variants_and_unknown_keys)
{
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        const char *key = n->keys[n->depth - 1];
        char variants[6][160];
        size_t kl = strlen(key);
        snprintf(variants[0], sizeof variants[0], "%c%s", key[0] >= 'a' && key[0] <= 'z' ? key[0] - 32 : key[0], key + 1);
        for (size_t k = 0; k <= kl; k++)
            variants[1][k] = (char)(key[k] >= 'a' && key[k] <= 'z' ? key[k] - 32 : key[k]);
        snprintf(variants[2], sizeof variants[2], "%s ", key);
        snprintf(variants[3], sizeof variants[3], " %s", key);
        snprintf(variants[4], sizeof variants[4], "%.*s", (int)(kl - 1), key);
        snprintf(variants[5], sizeof variants[5], "%s_", key);
        for (int v = 0; v < 6; v++) {
            if (strcmp(variants[v], key) == 0)
                continue;
            sb b = {0};
            nest_open(&b, n, n->depth - 1);
            sb_printf(&b, "{\"%s\":null}", variants[v]);
            nest_close(&b, n->depth - 1);
            char path[1024];
            parent_path(path, n);
            /* a key with a space (or '.', '[', '"') is quoted in paths, so that the path
             * names one key unambiguously (issue 19 point 10) */
            if (strpbrk(variants[v], " .[\""))
                snprintf(path + strlen(path), sizeof path - strlen(path), "[\"%s\"]", variants[v]);
            else
                snprintf(path + strlen(path), sizeof path - strlen(path), ".%s", variants[v]);
            /* a truncated key may be another fact's name */
            int exists = 0;
            for (int j = 0; j < n_nodes; j++)
                if (nodes[j].depth == n->depth && strcmp(nodes[j].keys[n->depth - 1], variants[v]) == 0 &&
                    (n->depth == 1 || nodes[j].keys[n->depth - 2] == n->keys[n->depth - 2]))
                    exists = 1;
            if (!exists)
                EXPECT(b.s, AIGOV_EINPUT, path, "unknown key");
            free(b.s);
        }
        /* an unknown key inside every object */
        if (n->kind == K_OBJECT) {
            char *d = with_value(n, "{\"x_unknown\":1}");
            char path[400];
            snprintf(path, sizeof path, "%s.x_unknown", n->path);
            EXPECT(d, AIGOV_EINPUT, path, "expected one of");
            free(d);
        }
    }
    EXPECT("{\"Organisation\":{}}", AIGOV_EINPUT, "$.Organisation", "unknown key");
    EXPECT("{\"ORGANISATION\":{}}", AIGOV_EINPUT, "$.ORGANISATION", "unknown key");
    EXPECT("{\"organization\":{}}", AIGOV_EINPUT, "$.organization", "unknown key");
    /* Cyrillic 'o' (U+043E) for Latin 'o' */
    EXPECT("{\"\xD0\xBErganisation\":{}}", AIGOV_EINPUT, "$[\"\xD0\xBErganisation\"]", "unknown key");
    EXPECT("{\"\":{}}", AIGOV_EINPUT, "$[\"\"]", "unknown key");
    /* a long key is reported (truncated), not overflowed, and the report
     * shows the key's own bytes (nothing else from memory) */
    static const char *const heads[] = {"", "\xC3\xA9", "a\\u00e9"};
    for (int h = 0; h < 3; h++)
        for (size_t len = 120; len <= 100000; len = len < 200 ? len + 4 : len * 10) {
            sb b = {0};
            sb_printf(&b, "{\"%s", heads[h]);
            sb_repeat(&b, "k", len);
            sb_puts(&b, "\":1}");
            EXPECT(b.s, AIGOV_EINPUT, NULL, "unknown key");
            (void)check_long_key(b.s, b.len, h);
            free(b.s);
        }
    DONE();
}
END_TEST

/* Nesting: the depth limit at every object of the schema, and far past it. */
START_TEST(nesting_limits)
{
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        if (n->kind != K_OBJECT && n->kind != K_SET && n->kind != K_EVIDENCE)
            continue;
        /* the root object is level 1, each object or array inside one more */
        unsigned level = (unsigned)n->depth + 1;
        char buf[256];
        char *d = with_value(n, valid_value(n, buf, sizeof buf));
        aigov_eval_options o = opts();
        o.max_depth = level;
        EXPECT_O(&o, d, 0, NULL, NULL);
        o.max_depth = level - 1;
        EXPECT_O(&o, d, AIGOV_ELIMIT, n->path, "nesting");
        free(d);
    }
    /* far past the default limit (32), under "systems" where any JSON is read */
    static const size_t depths[] = {33, 257, 100000, 2000000};
    aigov_eval_options big = opts();
    big.max_input = 64u << 20;
    for (size_t k = 0; k < sizeof depths / sizeof *depths; k++) {
        sb b = {0};
        sb_puts(&b, "{\"systems\":[{\"x\":");
        sb_repeat(&b, "[", depths[k]);
        sb_repeat(&b, "]", depths[k]);
        sb_puts(&b, "}]}");
        EXPECT_O(&big, b.s, AIGOV_ELIMIT, "$.systems[0].x[0][0]*", "nesting");
        b.len = 0;
        sb_puts(&b, "{\"systems\":[{\"x\":");
        sb_repeat(&b, "{\"a\":", depths[k]); /* unterminated as well */
        EXPECT_O(&big, b.s, AIGOV_ELIMIT, "$.systems[0].x.a.a*", "nesting");
        b.len = 0;
        sb_repeat(&b, "[", depths[k]); /* judged by the whole value: too deep, not "not an object" */
        EXPECT_O(&big, b.s, AIGOV_ELIMIT, "$[0][0]*", "nesting");
        b.len = 0;
        sb_puts(&b, "{\"operator\":{\"roles\":");
        sb_repeat(&b, "[", depths[k]);
        EXPECT_O(&big, b.s, AIGOV_EINPUT, "$.operator.roles[0]", "expected a string");
        free(b.s);
    }
    /* the largest allowed limit still stops a deep document */
    sb b = {0};
    sb_puts(&b, "{\"systems\":[{\"x\":");
    sb_repeat(&b, "[", 300);
    sb_repeat(&b, "]", 300);
    sb_puts(&b, "}]}");
    aigov_eval_options o = opts();
    o.max_depth = 256;
    EXPECT_O(&o, b.s, AIGOV_ELIMIT, "$.systems[0].x[0]*", "nesting");
    free(b.s);
    o.max_depth = 257;
    EXPECT_O(&o, "{}", AIGOV_EINVAL, NULL, "max_depth");
    DONE();
}
END_TEST

START_TEST(size_limits)
{
    /* exactly the default limit is accepted, one byte more is not */
    size_t lim = AIGOV_DEFAULT_MAX_INPUT;
    char *d = malloc(lim + 2);
    memset(d, ' ', lim + 2);
    memcpy(d, "{\"organisation\":{}}", 19);
    EXPECT_N(d, lim, 0, NULL, NULL);
    EXPECT_N(d, lim + 1, AIGOV_ELIMIT, "$", "limit");
    free(d);
    /* a caller's smaller limit */
    aigov_eval_options o = opts();
    o.max_input = 19;
    EXPECT_O(&o, "{\"organisation\":{}}", 0, NULL, NULL);
    EXPECT_O(&o, "{\"organisation\":{}} ", AIGOV_ELIMIT, "$", "limit");
    o.max_input = 1;
    EXPECT_O(&o, "{}", AIGOV_ELIMIT, "$", "limit");
    o.max_input = (64u << 20) + 1;
    EXPECT_O(&o, "{}", AIGOV_EINVAL, NULL, "64 MiB");
    o.max_input = 64u << 20;
    EXPECT_O(&o, "{}", 0, NULL, NULL);
    /* a large document under a raised limit: many systems of long strings */
    /* strings: max_length exactly, and one past */
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        if (n->kind != K_STRING)
            continue;
        sb b = {0};
        sb_puts(&b, "\"");
        sb_repeat(&b, "s", (size_t)n->max_length);
        sb_puts(&b, "\"");
        EXPECT_AT(n, b.s, 0, NULL);
        b.len--;
        sb_puts(&b, "s\"");
        EXPECT_AT(n, b.s, AIGOV_ELIMIT, "longer than");
        /* the schema's maxLength counts characters: max_length two-byte
         * characters are valid by the published schema */
        b.len = 0;
        sb_puts(&b, "\"");
        sb_repeat(&b, "\xC3\xA9", (size_t)n->max_length);
        sb_puts(&b, "\"");
        EXPECT_AT(n, b.s, 0, NULL);
        b.len = 0;
        sb_puts(&b, "\"");
        sb_repeat(&b, "\\u00e9", (size_t)n->max_length + 1);
        sb_puts(&b, "\"");
        EXPECT_AT(n, b.s, AIGOV_ELIMIT, "longer than");
        free(b.s);
    }
    /* systems: 256 accepted, 257 not */
    sb b = {0};
    sb_puts(&b, "{\"systems\":[{}");
    sb_repeat(&b, ",{}", 255);
    sb_puts(&b, "]}");
    const aigov_report *rep;
    size_t systems = 0;
    aigov_error err;
    o = opts();
    ck_assert_int_eq(aigov_eval_system(&rep, &systems, CTX, b.s, b.len, 255, &o, &err), 0);
    ck_assert_uint_eq(systems, 256);
    b.len -= 2;
    sb_puts(&b, ",{}]}");
    EXPECT(b.s, AIGOV_ELIMIT, "$.systems[256]", "256");
    free(b.s);
    DONE();
}
END_TEST

/* A syntax error, in the object holding the key (pp) or in its value (np). */
static int check_syntax(const char *doc, size_t len, const char *pp, const char *np)
{
    aigov_error err;
    const aigov_report *rep;
    aigov_eval_options o = opts();
    int rc = aigov_eval(&rep, CTX, doc, len, &o, &err);
    CHECK(rc == AIGOV_ESYNTAX, "[%s]: %s (%s at %s), expected AIGOV_ESYNTAX", doc, code_name(rc),
          rc ? err.message : "accepted", err.path);
    (void)pp;
    CHECK(strncmp(err.path, np, strlen(err.path)) == 0 && (np[strlen(err.path)] == '\0' || np[strlen(err.path)] == '.'),
          "[%s]: path %s, expected %s or an object holding it", doc, err.path, np);
    return check_err_struct(&err, rc, len, doc);
}

/* Syntax errors at every depth name the object being read. */
START_TEST(syntax_at_every_depth)
{
    /* text before the key, and after it around a valid value (%) */
    static const char *const inners[][2] = {
        {"{\"", "\""},         /* end of input after the key */
        {"{\"", "\":"},        /* after the colon */
        {"{\"", "\" %}"},      /* missing colon */
        {"{\"", "\":%,}"},     /* trailing comma */
        {"{\"", "\":%"},       /* unterminated object */
        {"{'", "':%}"},        /* single quotes */
        {"{", ":%}"},          /* unquoted key */
        {"{\"", "\":%;}"},     /* wrong separator */
        {"{\"", "\":%%}"},     /* two values */
        {"{\"", ""},           /* unterminated key */
    };
    for (int i = 0; i < n_nodes; i++) {
        const node *n = &nodes[i];
        char pp[256];
        parent_path(pp, n);
        for (size_t k = 0; k < sizeof inners / sizeof *inners; k++) {
            sb b = {0};
            nest_open(&b, n, n->depth - 1);
            sb_printf(&b, "%s%s", inners[k][0], n->keys[n->depth - 1]);
            char vbuf[256];
            for (const char *c = inners[k][1]; *c; c++)
                if (*c == '%')
                    sb_puts(&b, valid_value(n, vbuf, sizeof vbuf));
                else
                    sb_put(&b, c, 1);
            nest_close(&b, n->depth - 1);
            (void)check_syntax(b.s, b.len, pp, n->path);
            free(b.s);
        }
    }
    DONE();
}
END_TEST

START_TEST(portfolios)
{
    EXPECT("{\"systems\":[]}", AIGOV_EINPUT, "$.systems", "at least one");
    EXPECT("{\"systems\":{}}", AIGOV_EINPUT, "$.systems", "expected an array");
    EXPECT("{\"systems\":null}", AIGOV_EINPUT, "$.systems", "expected an array");
    EXPECT("{\"systems\":[1]}", AIGOV_EINPUT, "$.systems[0]", "expected a system");
    EXPECT("{\"systems\":[{},null]}", AIGOV_EINPUT, "$.systems[1]", "expected a system");
    EXPECT("{\"systems\":[{}],\"system\":{}}", AIGOV_EINPUT, "$.systems", "top level");
    EXPECT("{\"operator\":{},\"systems\":[{}]}", AIGOV_EINPUT, "$.systems", "top level");
    EXPECT("{\"systems\":[{\"systems\":[{}]}]}", AIGOV_EINPUT, "$.systems[0].systems", "nest");
    EXPECT("{\"systems\":[{\"organisation\":{}}]}", AIGOV_EINPUT, "$.systems[0].organisation", "top level");
    EXPECT("{\"systems\":[{\"system\":{\"name\":1}}]}", AIGOV_EINPUT, "$.systems[0].system.name", "expected a string");
    /* malformed JSON inside a system is found while the array is read, before the system's
     * keys are checked: the path still names the exact place */
    EXPECT("{\"systems\":[{\"system\":{\"name\":\"\\ud800\"}}]}", AIGOV_ESYNTAX, "$.systems[0].system.name", "surrogate");
    EXPECT("{\"systems\":[{\"x\":NaN}]}", AIGOV_ESYNTAX, "$.systems[0].x", NULL);
    EXPECT("{\"systems\":[{\"a\" 1}]}", AIGOV_ESYNTAX, "$.systems[0]", NULL);
    EXPECT("{\"systems\":[{}", AIGOV_ESYNTAX, "$.systems", NULL);
    /* two systems: aigov_eval refuses, eval_system reads each */
    const char *two = "{\"organisation\":{\"name\":\"o\"},\"systems\":[{\"system\":{\"name\":\"a\"}},"
                      "{\"system\":{\"name\":7}}]}";
    aigov_eval_options o = opts();
    const aigov_report *rep;
    aigov_error err;
    size_t systems = 0;
    ck_assert_int_eq(aigov_eval(&rep, CTX, two, strlen(two), &o, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.systems");
    ck_assert_ptr_null(rep);
    ck_assert_int_eq(aigov_eval_system(&rep, &systems, CTX, two, strlen(two), 0, &o, &err), 0);
    ck_assert_uint_eq(systems, 2);
    ck_assert_int_eq(aigov_eval_system(&rep, &systems, CTX, two, strlen(two), 1, &o, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.systems[1].system.name");
    ck_assert_int_eq(err.code, AIGOV_EINPUT);
    ck_assert_ptr_null(rep);
    ck_assert_int_eq(aigov_eval_system(&rep, &systems, CTX, two, strlen(two), 2, &o, &err), AIGOV_ENOTFOUND);
    ck_assert_int_eq(err.code, AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_eval_system(&rep, &systems, CTX, two, strlen(two), (size_t)-1, &o, &err),
                     AIGOV_ENOTFOUND);
    /* the whole portfolio fails to render because of system 1 */
    char *out = NULL;
    for (int f = AIGOV_FORMAT_JSON; f <= AIGOV_FORMAT_SOA_CSV; f++) {
        ck_assert_int_eq(aigov_eval_render(&out, NULL, CTX, two, strlen(two), &o, f, &err), AIGOV_EINPUT);
        ck_assert_str_eq(err.path, "$.systems[1].system.name");
        ck_assert_ptr_null(out);
    }
    ck_assert_int_eq(aigov_eval_render(&out, NULL, CTX, two, strlen(two), &o, 99, &err), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval(&rep, CTX, "{}", 2, &o, &err), 0);
    DONE();
}
END_TEST

START_TEST(bad_arguments)
{
    aigov_eval_options o = opts();
    const aigov_report *rep;
    aigov_error err;
    static const char *const as_of[] = {"", "2027-02-29", "2028-02-30", "2028-1-1", "2028-01-01x", "28-01-01",
                                        "2028-01-01T00:00:00Z", "today", "1899-12-31"};
    for (size_t k = 0; k < sizeof as_of / sizeof *as_of; k++) {
        o.as_of = as_of[k];
        EXPECT_O(&o, "{}", AIGOV_EINVAL, NULL, "as_of");
    }
    o.as_of = NULL;
    EXPECT_O(&o, "{}", AIGOV_EINVAL, NULL, "as_of");
    o = opts();
    o.version = 0;
    EXPECT_O(&o, "{}", AIGOV_EINVAL, NULL, "version");
    o.version = AIGOV_EVAL_OPTIONS_VERSION + 1;
    EXPECT_O(&o, "{}", AIGOV_EINVAL, NULL, "version");
    /* the version-2 fields are checked: an unknown framework or aigov_only is refused */
    o = opts();
    o.framework = "nist";
    EXPECT_O(&o, "{}", AIGOV_EINVAL, NULL, "framework");
    o = opts();
    o.only = 3;
    EXPECT_O(&o, "{}", AIGOV_EINVAL, NULL, "aigov_only");
    o = opts();
    ck_assert_int_eq(aigov_eval(NULL, CTX, "{}", 2, &o, &err), AIGOV_EINVAL);
    ck_assert_int_eq(err.code, AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval(&rep, NULL, "{}", 2, &o, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(rep);
    ck_assert_int_eq(aigov_eval(&rep, CTX, "{}", 2, NULL, &err), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval(&rep, CTX, NULL, 5, &o, &err), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval(&rep, CTX, NULL, 5, &o, NULL), AIGOV_EINVAL);
    char *out = (char *)&err;
    ck_assert_int_eq(aigov_eval_render(&out, NULL, NULL, "{}", 2, &o, 0, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(aigov_eval_render(NULL, NULL, CTX, "{}", 2, &o, 0, &err), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval_render(&out, NULL, CTX, "{}", 2, &o, AIGOV_FORMAT_SOA_CSV + 1, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(aigov_eval_render(&out, NULL, CTX, "{}", 2, &o, -1, &err), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_render(&out, NULL, NULL, 0, &err), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_eval(&rep, CTX, "{}", 2, &o, &err), 0);
    ck_assert_int_eq(aigov_report_render(&out, NULL, rep, 17, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(out);
    /* an allocator missing a function */
    aigov_allocator half = {NULL, NULL, NULL, NULL};
    aigov_ctx *c = (aigov_ctx *)&err;
    ck_assert_int_eq(aigov_ctx_new(&c, T, &half, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(c);
    ck_assert_int_eq(aigov_ctx_new(&c, NULL, NULL, &err), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_ctx_new(NULL, T, NULL, &err), AIGOV_EINVAL);
    DONE();
}
END_TEST

static int in_set(int rc) { return rc == 0 || rc == AIGOV_ESYNTAX || rc == AIGOV_EINPUT || rc == AIGOV_ELIMIT; }

static int sweep_enabled(void)
{
    const char *e = getenv("HOSTILE_SWEEP");
    return !e || strcmp(e, "0") != 0;
}

static int check_truncated(const char *doc, size_t cut, int e, const aigov_eval_options *o)
{
    aigov_error err;
    const aigov_report *rep;
    char where[100];
    snprintf(where, sizeof where, "example %d cut at %zu", e, cut);
    int rc = aigov_eval_system(&rep, NULL, CTX, doc, cut, 0, o, &err);
    char tail[100];
    show(tail, sizeof tail, doc + (cut > 20 ? cut - 20 : 0), cut > 20 ? 20 : cut);
    CHECK(rc == AIGOV_ESYNTAX, "%s [...%s]: %s (%s at %s), expected AIGOV_ESYNTAX", where, tail, code_name(rc),
          rc ? err.message : "accepted", err.path);
    return check_err_struct(&err, rc, cut, where);
}

/* Every proper prefix of a valid descriptor is malformed JSON. */
START_TEST(truncation_sweep)
{
    if (!sweep_enabled() || n_examples == 0)
        return;
    aigov_eval_options o = opts();
    long cases = 0;
    for (int e = 0; e < n_examples; e++) {
        const char *doc = example_docs[e];
        size_t len = example_lens[e], end = len;
        while (end && (doc[end - 1] == ' ' || doc[end - 1] == '\n' || doc[end - 1] == '\r' || doc[end - 1] == '\t'))
            end--;
        for (size_t cut = 0; cut < end; cut++) {
            (void)check_truncated(doc, cut, e, &o);
            cases++;
        }
        const aigov_report *rep;
        ck_assert_int_eq(aigov_eval_system(&rep, NULL, CTX, doc, len, 0, &o, NULL), 0);
    }
    printf("hostile: %ld truncated descriptors rejected\n", cases);
    DONE();
}
END_TEST

/* 2 when accepted and rendered, 1 for a well-formed error, 0 otherwise. */
static int check_corrupted(const char *doc, size_t len, int e, size_t at, const aigov_eval_options *o, int render)
{
    aigov_error err;
    const aigov_report *rep;
    size_t systems = 0;
    char where[100];
    snprintf(where, sizeof where, "example %d byte %zu = 0x%02x", e, at, (unsigned char)doc[at]);
    int rc = aigov_eval_system(&rep, &systems, CTX, doc, len, 0, o, &err);
    CHECK(in_set(rc), "%s: status %s", where, code_name(rc));
    if (rc)
        return check_err_struct(&err, rc, len, where);
    if (!render)
        return 2;
    char *out = NULL;
    rc = aigov_report_render(&out, NULL, rep, AIGOV_FORMAT_JSON, &err);
    aigov_free(out);
    CHECK(rc == 0, "%s: accepted, but does not render: %s", where, err.message);
    return 2;
}

/* Every byte of every example replaced by hostile bytes: never a crash, and
 * any error is well-formed. */
START_TEST(corruption_sweep)
{
    if (!sweep_enabled() || n_examples == 0)
        return;
    static const unsigned char subs[] = {0x00, 0xFF, 0x80, '"', '\\', '{', '[', ']', ',', '-', 'x', '}', ':', '0'};
    const size_t n_subs = sizeof subs;
    /* HOSTILE_SWEEP=full: every substitute at every byte; by default three
     * per byte, rotating, so every substitute meets every position class */
    size_t per_byte = getenv("HOSTILE_SWEEP") && strcmp(getenv("HOSTILE_SWEEP"), "full") == 0 ? n_subs : 3;
    aigov_eval_options o = opts();
    long cases = 0, accepted = 0;
    for (int e = 0; e < n_examples; e++) {
        size_t len = example_lens[e];
        char *doc = malloc(len);
        memcpy(doc, example_docs[e], len);
        for (size_t at = 0; at < len; at++) {
            char keep = doc[at];
            for (size_t k = 0; k < per_byte; k++) {
                unsigned char sub = subs[(at * per_byte + k) % n_subs];
                if ((unsigned char)keep == sub)
                    continue;
                doc[at] = (char)sub;
                accepted += check_corrupted(doc, len, e, at, &o, accepted % 32 == 0) == 2;
                cases++;
            }
            doc[at] = keep;
        }
        free(doc);
    }
    printf("hostile: %ld corrupted descriptors (%ld still valid, e.g. a changed name)\n", cases, accepted);
    DONE();
}
END_TEST

int main(int argc, char **argv)
{
    T = aigov_table_builtin();
    char *text = NULL;
    aigov_error err;
    if (aigov_table_descriptor_schema(&text, NULL, T, &err) != 0 || !(schema = cJSON_Parse(text))) {
        fprintf(stderr, "hostile: no descriptor schema: %s\n", err.message);
        return 2;
    }
    aigov_free(text);
    walk(schema, NULL);
    example_docs = calloc((size_t)argc, sizeof *example_docs);
    example_lens = calloc((size_t)argc, sizeof *example_lens);
    for (int i = 1; i < argc; i++) {
        if (!(example_docs[n_examples] = slurp(argv[i], &example_lens[n_examples]))) {
            fprintf(stderr, "hostile: cannot read %s\n", argv[i]);
            return 2;
        }
        n_examples++;
    }
    printf("hostile: %d descriptor places from the schema (%d objects, %d bool, %d enum, %d set, %d string, "
           "%d date, %d number, %d evidence), %d example descriptors\n",
           n_nodes, count_kind(K_OBJECT), count_kind(K_BOOL), count_kind(K_ENUM), count_kind(K_SET),
           count_kind(K_STRING), count_kind(K_DATE), count_kind(K_NUMBER), count_kind(K_EVIDENCE), n_examples);

    if (getenv("HOSTILE_SHOW"))
        MAX_SHOWN = atoi(getenv("HOSTILE_SHOW"));
    Suite *s = suite_create("hostile");
    /* one case per test: CK_RUN_CASE=numbers runs one of them */
#define ADD(fn)                                                                                       \
    do {                                                                                              \
        TCase *tc = tcase_create(#fn);                                                                \
        tcase_add_checked_fixture(tc, setup, teardown);                                               \
        tcase_set_timeout(tc, 900);                                                                   \
        tcase_add_test(tc, fn);                                                                       \
        suite_add_tcase(s, tc);                                                                       \
    } while (0)
    ADD(schema_is_covered);
    ADD(empty_input);
    ADD(byte_order_mark);
    ADD(trailing_garbage);
    ADD(not_an_object);
    ADD(invalid_utf8);
    ADD(nul_characters);
    ADD(lone_surrogates);
    ADD(numbers);
    ADD(wrong_types);
    ADD(enum_and_set_values);
    ADD(dates);
    ADD(evidence_items);
    ADD(duplicate_keys);
    ADD(case_variants_and_unknown_keys);
    ADD(nesting_limits);
    ADD(size_limits);
    ADD(syntax_at_every_depth);
    ADD(portfolios);
    ADD(bad_arguments);
    ADD(truncation_sweep);
    ADD(corruption_sweep);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    cJSON_Delete(schema);
    for (int i = 0; i < n_examples; i++)
        free(example_docs[i]);
    free(example_docs);
    free(example_lens);
    return failed ? 1 : 0;
}
