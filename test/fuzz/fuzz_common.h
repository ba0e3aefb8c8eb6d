/* Invariants shared by the libFuzzer harnesses. A violated invariant traps,
 * so libFuzzer saves the input as a crash like any sanitizer finding. */
#ifndef AIGOV_FUZZ_COMMON_H
#define AIGOV_FUZZ_COMMON_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "aigov.h"
#include "util/text.h"

/* The checkers below walk every byte of every rendering (hundreds of KB an
 * execution): their comparisons are on the library's output, not the input,
 * so they are left out of the coverage and comparison tracing that guides
 * the fuzzer (which made them a third of fuzz_render's time). Never inlined:
 * clang drops the attribute of a function inlined into an instrumented one
 * (perf found 86 trace calls in fuzz_render's render_one, a fifth of its time). */
#if defined(__clang__)
#define FUZZ_CHECKER __attribute__((no_sanitize("coverage"), noinline))
#else
#define FUZZ_CHECKER
#endif

#define FUZZ_REQUIRE(cond, what)                                                                      \
    do {                                                                                              \
        if (!(cond)) {                                                                                \
            fprintf(stderr, "fuzz invariant violated: %s (%s:%d)\n", what, __FILE__, __LINE__);        \
            abort();                                                                                  \
        }                                                                                             \
    } while (0)

/* An error struct as the header promises it after a failure. */
static inline void fuzz_check_error(const aigov_error *err, int rc, size_t input_len, int json_path)
{
    FUZZ_REQUIRE(rc < 0 && rc >= AIGOV_ENOTFOUND, "status is one of the aigov_error_code codes");
    FUZZ_REQUIRE(err->code == rc, "err->code is the returned status");
    FUZZ_REQUIRE(memchr(err->message, 0, sizeof err->message) && memchr(err->path, 0, sizeof err->path) &&
                     memchr(err->source, 0, sizeof err->source) && memchr(err->rule_id, 0, sizeof err->rule_id),
                 "error fields are NUL-terminated");
    FUZZ_REQUIRE(strlen(err->message) >= 10, "the message says something");
    if (json_path)
        FUZZ_REQUIRE(err->path[0] == '$', "the path is a JSON path");
    FUZZ_REQUIRE(err->offset <= input_len, "the offset is inside the input");
}

/* Strings the library returns are UTF-8 (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF) without NUL bytes inside. */
static inline FUZZ_CHECKER int fuzz_valid_utf8(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned c = p[i];
        if (c == 0)
            return 0;
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t need;
        unsigned cp, min;
        if (c >= 0xC2 && c <= 0xDF) { need = 1; cp = c & 0x1F; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { need = 2; cp = c & 0x0F; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { need = 3; cp = c & 0x07; min = 0x10000; }
        else return 0;
        if (i + need >= n)
            return 0;
        for (size_t k = 1; k <= need; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return 0;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return 0;
        i += need + 1;
    }
    return 1;
}

/* A rendered buffer: NUL-terminated at out_len, valid UTF-8. */
static inline FUZZ_CHECKER void fuzz_check_output(const char *out, size_t out_len)
{
    FUZZ_REQUIRE(out != NULL, "output on success");
    FUZZ_REQUIRE(strlen(out) == out_len, "out_len is the length up to the terminating NUL");
    FUZZ_REQUIRE(fuzz_valid_utf8(out, out_len), "output is valid UTF-8");
}
/* Text and markdown: no control character but '\n', no line or paragraph
 * separator, no bidirectional control, whatever the table or descriptor says. */
static inline FUZZ_CHECKER void fuzz_check_plain(const char *out)
{
    for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
        if (*p == '\n' || (*p >= 0x20 && *p < 0x7F)) /* printable ASCII is never unsafe: skip the call */
            continue;
        FUZZ_REQUIRE(!ag_text_unsafe_at(p), "no control, separator or bidi character in text or markdown");
    }
}

/* The SoA as CSV: line breaks and tabs only inside quoted cells, no other unsafe character,
 * and no cell a spreadsheet would run as a formula (the first byte of a row or after a comma
 * is never = + - @ outside quotes). */
static inline FUZZ_CHECKER void fuzz_check_csv(const char *out)
{
    int quoted = 0, cell_start = 1;
    for (const unsigned char *p = (const unsigned char *)out; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (!quoted && cell_start)
            FUZZ_REQUIRE(*p != '=' && *p != '+' && *p != '-' && *p != '@' && *p != '\t',
                         "no CSV cell starts like a formula");
        cell_start = !quoted && (*p == ',' || *p == '\n');
        if (*p == '\n' || *p == '\r' || *p == '\t')
            continue;
        FUZZ_REQUIRE(!ag_text_unsafe_at(p), "no control, separator or bidi character in the SoA CSV");
    }
    FUZZ_REQUIRE(!quoted, "every CSV quote closed");
}

/* JUnit XML and HTML: XML 1.0 forbids the other control characters even escaped. */
static inline FUZZ_CHECKER void fuzz_check_xml_chars(const char *out, size_t len)
{
    for (size_t i = 0; i < len; i++)
        FUZZ_REQUIRE((unsigned char)out[i] >= 0x20 || out[i] == '\n' || out[i] == '\t' || out[i] == '\r',
                     "no control characters in JUnit XML and HTML");
}

/* OSCAL: an href never has a scheme other than http, https or urn. */
static inline FUZZ_CHECKER void fuzz_check_hrefs(const char *out)
{
    for (const char *p = out; (p = strstr(p, "\"href\":\"")); p++) {
        const char *h = p + 8;
        size_t n = strcspn(h, ":/?#\"");
        if (h[n] != ':')
            continue;
        FUZZ_REQUIRE((n == 5 && strncasecmp(h, "https", 5) == 0) || (n == 4 && strncasecmp(h, "http", 4) == 0) ||
                         (n == 3 && strncasecmp(h, "urn", 3) == 0) || h[0] == '#',
                     "an href with a safe scheme");
    }
}

/* The first occurrence of needle[0..n) in [p, end), or NULL. Byte by byte,
 * not memcmp at every offset: each memcmp call goes through the sanitizer's
 * interceptor and libFuzzer's comparison hook, which made splitting a 100 KB
 * input a third of fuzz_rules' time. */
static inline FUZZ_CHECKER const char *fuzz_find(const char *p, const char *end, const char *needle, size_t n)
{
    for (; (size_t)(end - p) >= n; p++) {
        size_t k = 0;
        while (k < n && p[k] == needle[k])
            k++;
        if (k == n)
            return p;
    }
    return NULL;
}

/* Rule sources from a fuzz input: the input split at each "\n--8<--\n"
 * into at most max - 1 documents after a fixed manifest in src[0]. A part
 * that holds a manifest replaces the fixed one: *first and *count say which
 * sources to compile. Returns the number of parts in src (manifest included). */
#define FUZZ_SEP "\n--8<--\n"
static const char fuzz_manifest[] =
    "{\"format\":\"aigov-rules/1\",\"manifest\":{\"revision\":\"fuzz\",\"frameworks\":"
    "[{\"id\":\"eu_ai_act\",\"name\":\"AI Act\"},{\"id\":\"iso42001\",\"name\":\"ISO/IEC 42001\"}]}}";

static inline size_t fuzz_split_sources(aigov_source *src, size_t max, const uint8_t *data, size_t size,
                                        int *has_manifest)
{
    static const char *const names[] = {"a.json", "b.json", "c.json", "d.json", "e.json", "f.json", "g.json"};
    size_t n = 0;
    const char *p = (const char *)data, *end = p + size;
    *has_manifest = 0;
    src[n++] = (aigov_source){"manifest.json", fuzz_manifest, sizeof fuzz_manifest - 1};
    while (n < max) {
        const char *cut = fuzz_find(p, end, FUZZ_SEP, sizeof FUZZ_SEP - 1);
        const char *stop = cut ? cut : end;
        src[n] = (aigov_source){names[(n - 1) % 7], p, (size_t)(stop - p)};
        /* (a key "manifest" followed by at least one byte) */
        if (stop - p >= 11 && fuzz_find(p, stop - 1, "\"manifest\"", 10))
            *has_manifest = 1;
        n++;
        if (!cut)
            break;
        p = cut + sizeof FUZZ_SEP - 1;
    }
    return n;
}
#endif
