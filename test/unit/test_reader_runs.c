/* The reader's string runs (scanned 8 or 16 bytes a step) as a host sees them: long
 * strings with an escape, a UTF-8 character or a control character at every offset of
 * the steps, decoded or refused exactly as a byte-at-a-time reader does; maxLength
 * counted in characters, not bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "descriptor/facts.h"
#include "descriptor/parse.h"
#include "unit.h"

typedef struct reader {
    const aigov_table *t;
    ag_mem mem;
    ag_facts f;
    int32_t name; /* organisation.name: a string of at most 300 characters */
} reader;

static void reader_open(reader *r)
{
    r->t = aigov_table_builtin();
    ag_mem_init(&r->mem, NULL);
    ck_assert_int_eq(ag_facts_init(&r->f, r->t, &r->mem), 0);
    r->name = -1;
    for (uint32_t k = 0; k < r->t->n_facts; k++)
        if (strcmp(r->t->facts[k].id, "organisation.name") == 0)
            r->name = (int32_t)k;
    ck_assert_int_ge(r->name, 0);
    ck_assert_uint_eq(r->t->facts[r->name].max_length, 300);
}

/* Parses {"organisation":{"name":"<raw>"}}; returns the status, err filled. */
static int reader_name(reader *r, const char *raw, aigov_error *err)
{
    size_t cap = strlen(raw) + 64;
    char *doc = malloc(cap);
    int n = snprintf(doc, cap, "{\"organisation\":{\"name\":\"%s\"}}", raw);
    memset(err, 0, sizeof *err);
    int rc = ag_descriptor_parse(&r->f, r->t, &r->mem, doc, (size_t)n, AIGOV_DEFAULT_MAX_INPUT,
                                 AIGOV_DEFAULT_MAX_DEPTH, err);
    free(doc);
    return rc;
}

static const char *decoded(reader *r) { return ag_facts_str(&r->f, &r->f.vals[r->name]); }

START_TEST(escape_and_utf8_at_every_offset)
{
    reader r;
    reader_open(&r);
    aigov_error err;
    static const struct {
        const char *raw, *out;
    } inserts[] = {{"\\\"", "\""}, {"\\\\", "\\"}, {"\\n", "\n"}, {"\\u00e9", "\xc3\xa9"},
                   {"\xc3\xa9", "\xc3\xa9"}, {"\xe2\x80\x94", "\xe2\x80\x94"}, {"\\ud83d\\ude00", "\xf0\x9f\x98\x80"},
                   {"\x7f", "\x7f"}};
    for (size_t k = 0; k < sizeof inserts / sizeof *inserts; k++)
        for (size_t at = 0; at < 40; at++) {
            char raw[128], want[128];
            memset(raw, 'a', at);
            snprintf(raw + at, sizeof raw - at, "%s%s", inserts[k].raw, "bcdefghijklmnopqrstuvwxyz");
            memset(want, 'a', at);
            snprintf(want + at, sizeof want - at, "%s%s", inserts[k].out, "bcdefghijklmnopqrstuvwxyz");
            ck_assert_int_eq(reader_name(&r, raw, &err), 0);
            ck_assert_str_eq(decoded(&r), want);
        }
    ag_facts_free(&r.f, &r.mem);
}
END_TEST

START_TEST(stop_bytes_refused_at_every_offset)
{
    reader r;
    reader_open(&r);
    aigov_error err;
    static const char *bad[] = {"\x01", "\x1f", "\t", "\xff", "\xc3(", "\xed\xa0\x80", "\\x"};
    const size_t prefix = strlen("{\"organisation\":{\"name\":\"");
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++)
        for (size_t at = 0; at < 40; at++) {
            char raw[128];
            memset(raw, 'a', at);
            snprintf(raw + at, sizeof raw - at, "%sbcdefghijklmnopqrstuvwxyz", bad[k]);
            ck_assert_int_eq(reader_name(&r, raw, &err), AIGOV_ESYNTAX);
            /* the offset names the offending byte, as the byte-at-a-time reader did (the
             * letter after the backslash of an invalid escape) */
            ck_assert_uint_eq(err.offset, prefix + at + (bad[k][0] == '\\'));
            ck_assert_str_eq(err.path, "$.organisation.name");
        }
    ag_facts_free(&r.f, &r.mem);
}
END_TEST

/* maxLength counts characters: 300 two-byte characters (600 bytes) fit, 301 do not, and
 * \u escapes count as the character they stand for. */
START_TEST(max_length_counts_characters)
{
    reader r;
    reader_open(&r);
    aigov_error err;
    char raw[6 * 301 + 1];
    for (int esc = 0; esc < 2; esc++) {
        const char *one = esc ? "\\u00e9" : "\xc3\xa9";
        size_t w = strlen(one);
        for (size_t k = 0; k < 300; k++)
            memcpy(raw + k * w, one, w);
        raw[300 * w] = '\0';
        ck_assert_int_eq(reader_name(&r, raw, &err), 0);
        ck_assert_uint_eq(strlen(decoded(&r)), 600);
        memcpy(raw + 300 * w, one, w);
        raw[301 * w] = '\0';
        ck_assert_int_eq(reader_name(&r, raw, &err), AIGOV_ELIMIT);
        ck_assert(strstr(err.message, "longer than 300 characters") != NULL);
    }
    /* 300 ASCII characters and one three-byte one: 301 characters */
    memset(raw, 'a', 300);
    strcpy(raw + 300, "\xe2\x80\x94");
    ck_assert_int_eq(reader_name(&r, raw, &err), AIGOV_ELIMIT);
    ag_facts_free(&r.f, &r.mem);
}
END_TEST

Suite *reader_runs_suite(void)
{
    Suite *s = suite_create("reader runs");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, escape_and_utf8_at_every_offset);
    tcase_add_test(tc, stop_bytes_refused_at_every_offset);
    tcase_add_test(tc, max_length_counts_characters);
    suite_add_tcase(s, tc);
    return s;
}
