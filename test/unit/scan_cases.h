/* The reader's run scanners (lib/util/scan.h), checked against the byte-at-a-time
 * loops they replace: every start offset of random buffers drawn from the bytes that end
 * a run (quote, backslash, controls, NUL, 0x7F, UTF-8 lead and continuation bytes, each
 * white space). Included twice: test_scan.c with the build's scanner (SSE2 on x86-64)
 * and test_scan_portable.c with AG_SCAN_PORTABLE (the 8-byte SWAR one). The buffers are
 * allocated at their exact length, so a load past the end is an ASan error. */
#include <stdlib.h>
#include <string.h>
#include "util/scan.h"
#include "unit.h"

static size_t ref_string(const char *s, size_t i, size_t n)
{
    while (i < n && ag_scan_plain_byte((unsigned char)s[i]))
        i++;
    return i;
}

static size_t ref_unescaped(const char *s, size_t i, size_t n)
{
    while (i < n && ag_scan_unescaped_byte((unsigned char)s[i]))
        i++;
    return i;
}

static size_t ref_ws(const char *s, size_t i, size_t n)
{
    while (i < n && ag_scan_ws_byte((unsigned char)s[i]))
        i++;
    return i;
}

START_TEST(scan_matches_bytewise)
{
    static const unsigned char palette[] = {'a', 'Z', ' ', '~', '"', '\\', 0x00, 0x01, 0x1F, 0x20, 0x21,
                                            0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xFF, '\n', '\r', '\t', '{', ':'};
    unsigned seed = 12345;
    for (int round = 0; round < 3000; round++) {
        size_t n = (size_t)(round % 70);
        char *s = malloc(n ? n : 1);
        /* mostly one run-continuing byte (plain for strings, space for white space), so
         * that runs cross the 8- and 16-byte steps, with a stop byte now and then */
        int plain = round & 1;
        for (size_t k = 0; k < n; k++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = (seed >> 16) & 0x7FFF;
            s[k] = (char)(r % 8 ? (plain ? 'a' + (char)(r % 26) : " \n\r\t"[r % 4]) : palette[r % sizeof palette]);
        }
        for (size_t i = 0; i <= n; i++) /* (plain tests: a Check assertion each would take seconds) */
            if (ag_scan_unescaped(s, i, n) != ref_unescaped(s, i, n))
                ck_abort_msg("round %d, length %zu, start %zu: unescaped run %zu (want %zu)", round, n, i,
                             ag_scan_unescaped(s, i, n), ref_unescaped(s, i, n));
            else if (ag_scan_string(s, i, n) != ref_string(s, i, n) || ag_scan_ws(s, i, n) != ref_ws(s, i, n))
                ck_abort_msg("round %d, length %zu, start %zu: string run %zu (want %zu), white space %zu (want %zu)",
                             round, n, i, ag_scan_string(s, i, n), ref_string(s, i, n), ag_scan_ws(s, i, n),
                             ref_ws(s, i, n));
        free(s);
    }
}
END_TEST

/* Each stop byte alone at each position of a long run: found exactly there. */
START_TEST(scan_finds_each_stop_byte)
{
    char s[48];
    for (unsigned c = 0; c < 256; c++)
        for (size_t at = 0; at < sizeof s; at++) {
            memset(s, 'x', sizeof s);
            s[at] = (char)c;
            size_t want = ag_scan_plain_byte((unsigned char)c) ? sizeof s : at;
            if (ag_scan_string(s, 0, sizeof s) != want)
                ck_abort_msg("byte 0x%02x at %zu: string run %zu, want %zu", c, at, ag_scan_string(s, 0, sizeof s), want);
            want = ag_scan_unescaped_byte((unsigned char)c) ? sizeof s : at;
            if (ag_scan_unescaped(s, 0, sizeof s) != want)
                ck_abort_msg("byte 0x%02x at %zu: unescaped run %zu, want %zu", c, at, ag_scan_unescaped(s, 0, sizeof s), want);
            memset(s, ' ', sizeof s);
            s[at] = (char)c;
            want = ag_scan_ws_byte((unsigned char)c) ? sizeof s : at;
            if (ag_scan_ws(s, 0, sizeof s) != want)
                ck_abort_msg("byte 0x%02x at %zu: white space run %zu, want %zu", c, at, ag_scan_ws(s, 0, sizeof s), want);
        }
}
END_TEST

Suite *SCAN_SUITE(void)
{
    Suite *s = suite_create(SCAN_SUITE_NAME);
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, scan_matches_bytewise);
    tcase_add_test(tc, scan_finds_each_stop_byte);
    suite_add_tcase(s, tc);
    return s;
}
