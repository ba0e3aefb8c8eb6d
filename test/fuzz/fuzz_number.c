/*
 * libFuzzer: the descriptor's number conversion (util/num.c) against a
 * correctly rounded reference, the C library's strtod, and the exact decimal
 * order used at legal thresholds. The input is one or two JSON numbers
 * separated by '|'; an input that is not a JSON number is turned into one
 * (its digits kept, its first '.', 'e' and signs where the grammar allows
 * them), so every execution converts something.
 * Invariants: ag_num_parse is bit-for-bit strtod (and fails exactly when
 * strtod overflows); the order of two decimals is antisymmetric, agrees
 * with the order of their doubles whenever those differ, and is 0 against
 * itself; ag_num_cmp against a rule constant (the shortest decimal of a
 * double) agrees with that order; ag_num_format round-trips.
 */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include "fuzz_common.h"
#include "util/num.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Makes s[0..n) a JSON number in out (at most cap - 1 bytes); returns its length. */
static size_t to_number(const uint8_t *s, size_t n, char *out, size_t cap)
{
    size_t w = 0, i = 0;
    if (i < n && s[i] == '-')
        out[w++] = s[i++];
    size_t int_start = w;
    for (; i < n && w + 8 < cap && s[i] >= '0' && s[i] <= '9'; i++)
        if (!(w == int_start + 1 && out[int_start] == '0')) /* no leading zeros */
            out[w++] = (char)s[i];
    if (w == int_start)
        out[w++] = '0';
    if (i < n && s[i] == '.') {
        size_t at = w;
        out[w++] = '.';
        for (i++; i < n && w + 8 < cap && s[i] >= '0' && s[i] <= '9'; i++)
            out[w++] = (char)s[i];
        if (w == at + 1)
            w = at;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t at = w;
        out[w++] = (char)s[i++];
        if (i < n && (s[i] == '+' || s[i] == '-'))
            out[w++] = (char)s[i++];
        size_t digits = w;
        for (; i < n && w + 1 < cap && s[i] >= '0' && s[i] <= '9'; i++)
            out[w++] = (char)s[i];
        if (w == digits)
            w = at;
    }
    out[w] = '\0';
    return w;
}

static int sign(int v) { return (v > 0) - (v < 0); }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *bar = memchr(data, '|', size);
    size_t an = bar ? (size_t)(bar - data) : size;
    static char a[2048], b[2048];
    size_t la = to_number(data, an, a, sizeof a);
    size_t lb = bar ? to_number(bar + 1, size - an - 1, b, sizeof b) : 0;
    if (!bar) {
        memcpy(b, "1e25", 5);
        lb = 4;
    }
    double da = 0, db = 0, ref;
    int ra = ag_num_parse(a, la, &da), rb = ag_num_parse(b, lb, &db);
    ref = strtod(a, NULL);
    if (isinf(ref)) {
        FUZZ_REQUIRE(ra == -1, "overflow exactly when strtod overflows");
    } else {
        FUZZ_REQUIRE(ra == 0, "converts what strtod converts");
        FUZZ_REQUIRE(memcmp(&da, &ref, sizeof ref) == 0, "bit for bit the correctly rounded strtod");
    }
    int ab = ag_num_text_cmp(a, la, b, lb), ba = ag_num_text_cmp(b, lb, a, la);
    FUZZ_REQUIRE(sign(ab) == -sign(ba), "the order is antisymmetric");
    FUZZ_REQUIRE(ag_num_text_cmp(a, la, a, la) == 0, "a number equals itself");
    if (ra == 0 && rb == 0 && da != db)
        FUZZ_REQUIRE(sign(ab) == (da < db ? -1 : 1), "different doubles: the same order as the decimals");
    if (ra == 0 && isfinite(db) && rb == 0) {
        /* b's double as a rule constant: its shortest decimal is the threshold */
        char k[40];
        ag_num_format(k, db);
        double back;
        FUZZ_REQUIRE(ag_num_parse(k, strlen(k), &back) == 0 && back == db, "the shortest form round-trips");
        FUZZ_REQUIRE(sign(ag_num_cmp(a, la, da, db)) == sign(ag_num_text_cmp(a, la, k, strlen(k))),
                     "the threshold comparison is the exact decimal order");
    }
    return 0;
}
