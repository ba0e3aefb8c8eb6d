/* Dates, numbers, SHA-256, JSON pretty-printing. */
#include <string.h>
#include "unit.h"
#include "render/pretty.h"
#include "util/date.h"
#include "util/num.h"
#include "util/sha256.h"
#include "util/suggest.h"

START_TEST(dates_round_trip_and_reject_invalid)
{
    int32_t d;
    char out[11];
    ck_assert_int_eq(ag_date_parse("2026-12-02", 10, &d), 0);
    ag_date_format(out, d);
    ck_assert_str_eq(out, "2026-12-02");
    ck_assert_int_eq(ag_date_parse("1970-01-01", 10, &d), 0);
    ck_assert_int_eq(d, 0);
    ck_assert_int_eq(ag_date_parse("2028-02-29", 10, &d), 0);
    ck_assert_int_eq(ag_date_parse("2027-02-29", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("2100-02-29", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("2000-02-29", 10, &d), 0);
    ck_assert_int_eq(ag_date_parse("2026-13-01", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("2026-1-01", 9, &d), -1);
    ck_assert_int_eq(ag_date_parse("2026/01/01", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("1899-12-31", 10, &d), -1);
    int32_t a, b;
    ag_date_parse("2027-12-02", 10, &a);
    ag_date_parse("2028-08-02", 10, &b);
    ck_assert_int_lt(a, b);
}
END_TEST

START_TEST(numbers_parse_exactly_at_the_systemic_threshold)
{
    double v;
    ck_assert_int_eq(ag_num_parse("1e25", 4, &v), 0);
    ck_assert(v == 1e25);
    ck_assert_int_eq(ag_num_parse("1.0e25", 6, &v), 0);
    ck_assert(v == 1e25);
    ck_assert_int_eq(ag_num_parse("10000000000000000000000000", 26, &v), 0);
    ck_assert(v == 1e25);
    ck_assert_int_eq(ag_num_parse("1.0000001e25", 12, &v), 0);
    ck_assert(v > 1e25);
    ck_assert_int_eq(ag_num_parse("0.5", 3, &v), 0);
    ck_assert(v == 0.5);
    ck_assert_int_eq(ag_num_parse("-12.25", 6, &v), 0);
    ck_assert(v == -12.25);
    ck_assert_int_eq(ag_num_parse("1e400", 5, &v), -1);
    ck_assert_int_eq(ag_num_parse("1e-400", 6, &v), 0);
    ck_assert(v == 0);
    char buf[40];
    ag_num_format(buf, 1e25);
    ck_assert_str_eq(buf, "1e+25");
    ag_num_format(buf, 0.1);
    ck_assert_str_eq(buf, "0.1");
    ag_num_format(buf, 42);
    ck_assert_str_eq(buf, "42");
}
END_TEST

START_TEST(sha256_matches_the_fips_vector)
{
    ag_sha256 s;
    char hex[65];
    ag_sha256_init(&s);
    ag_sha256_update(&s, "abc", 3);
    ag_sha256_hex(&s, hex);
    ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ag_sha256_init(&s);
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    ag_sha256_update(&s, m, strlen(m));
    ag_sha256_hex(&s, hex);
    ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

/* The SHA extensions' path (where the processor has them) and the portable one give the
 * same digests: every length from 0 to 300 bytes (across the padding's one- and
 * two-block cases), fed whole and in uneven pieces. */
START_TEST(sha256_paths_agree)
{
    unsigned char data[300];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof data; i++) {
        x = x * 1103515245u + 12345u;
        data[i] = (unsigned char)(x >> 16);
    }
    for (size_t n = 0; n <= sizeof data; n++) {
        ag_sha256 a, b;
        char ha[65], hb[65];
        ag_sha256_init(&a);
        ag_sha256_update(&a, data, n);
        ag_sha256_hex(&a, ha);
        ag_sha256_init_portable(&b);
        for (size_t at = 0, step = 1; at < n; at += step, step = step % 70 + 7)
            ag_sha256_update(&b, data + at, at + step <= n ? step : n - at);
        ag_sha256_hex(&b, hb);
        ck_assert_msg(strcmp(ha, hb) == 0, "length %zu: %s and %s", n, ha, hb);
    }
    /* the FIPS vector of 1,000,000 'a' */
    ag_sha256 s;
    char hex[65];
    memset(data, 'a', sizeof data);
    ag_sha256_init(&s);
    for (int k = 0; k < 1000000 / 200; k++)
        ag_sha256_update(&s, data, 200);
    ag_sha256_hex(&s, hex);
    ck_assert_str_eq(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}
END_TEST

START_TEST(pretty_printing_keeps_strings_intact)
{
    ag_mem mem;
    ag_mem_init(&mem, NULL);
    ag_buf b;
    ag_buf_init(&b, &mem);
    ag_json_pretty(&b, "{\"a\":[1,{\"b\":\"x,{y}:\\\"\"}],\"c\":[]}");
    ck_assert_str_eq(b.data, "{\n  \"a\": [\n    1,\n    {\n      \"b\": \"x,{y}:\\\"\"\n    }\n  ],\n  \"c\": []\n}\n");
    ag_buf_free(&b);
}
END_TEST

/* ag_suggest_offer passes over names whose length alone rules out a typo:
 * what it picks must be what the full distance picks, at every length
 * (the cap at 64 bytes included). */
START_TEST(suggestions_skip_only_what_the_distance_would_refuse)
{
    static char names[40][80];
    const char *list[40];
    unsigned seed = 12345;
    for (size_t k = 0; k < 40; k++) {
        /* short random names, then prefixes 60..69 bytes long of one name (around the cap) */
        size_t len = k < 30 ? 1 + k % 12 : 60 + (k - 30);
        for (size_t i = 0; i < len; i++) {
            seed = seed * 1103515245u + 12345u;
            names[k][i] = k < 30 ? (char)('a' + (seed >> 16) % 3) : (char)('a' + (i * 7) % 5);
        }
        names[k][len] = '\0';
        list[k] = names[k];
    }
    for (size_t t = 0; t < 40; t++) {
        ag_suggest sg;
        ag_suggest_init(&sg, list[t]);
        const char *best = NULL;
        unsigned bd = ~0u;
        int tied = 0;
        for (size_t k = 0; k < 40; k++) {
            if (k == t)
                continue;
            ag_suggest_offer(&sg, list[k]);
            unsigned d = ag_edit_distance(list[t], list[k]); /* the reference: no shortcut */
            if (ag_suggestible(list[t], d) && d <= bd) {
                tied = d == bd;
                best = list[k];
                bd = d;
            }
        }
        ck_assert_ptr_eq(ag_suggest_best(&sg), tied ? NULL : best);
    }
}
END_TEST

Suite *util_suite(void)
{
    Suite *s = suite_create("util");
    TCase *tc = tcase_create("util");
    tcase_add_test(tc, dates_round_trip_and_reject_invalid);
    tcase_add_test(tc, numbers_parse_exactly_at_the_systemic_threshold);
    tcase_add_test(tc, sha256_matches_the_fips_vector);
    tcase_add_test(tc, sha256_paths_agree);
    tcase_add_test(tc, pretty_printing_keeps_strings_intact);
    tcase_add_test(tc, suggestions_skip_only_what_the_distance_would_refuse);
    suite_add_tcase(s, tc);
    return s;
}
