#include "util/num.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* A JSON number taken apart: its significant digits (no leading or trailing
 * zeros) at s[first..] (skipping the '.'), how many there are, and the
 * decimal exponent of the first one: value = 0.d1d2d3... * 10^point. The
 * exponent saturates far beyond any double, so absurd exponents still
 * compare and convert the right way. */
typedef struct dec {
    int neg;
    size_t first, end; /* the digits lie in s[first..end), '.' possibly among them */
    size_t ndig;       /* significant digits (0: the value is zero) */
    int64_t point;
} dec;

#define EXP_CAP 4000000000000000000LL

static void dec_split(const char *s, size_t n, dec *d)
{
    size_t i = 0;
    memset(d, 0, sizeof *d);
    if (i < n && s[i] == '-') {
        d->neg = 1;
        i++;
    }
    int64_t intdigits = 0; /* digits before the '.', leading zeros excluded */
    int seen = 0;          /* a nonzero digit seen */
    int64_t lead_frac_zeros = 0;
    size_t last_nz = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (!seen && s[i] == '0')
            continue;
        if (!seen) {
            seen = 1;
            d->first = i;
        }
        intdigits++;
        if (s[i] != '0')
            last_nz = i;
    }
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (!seen && s[i] == '0') {
                lead_frac_zeros++;
                continue;
            }
            if (!seen) {
                seen = 1;
                d->first = i;
            }
            if (s[i] != '0')
                last_nz = i;
        }
    }
    int64_t e = 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (e < EXP_CAP / 10)
                e = e * 10 + (s[i] - '0');
        e = eneg ? -e : e;
    }
    if (!seen) {
        d->ndig = 0;
        return;
    }
    d->end = last_nz + 1;
    /* count the digits in [first, end), a '.' excluded */
    size_t nd = 0;
    for (size_t k = d->first; k < d->end; k++)
        nd += s[k] != '.';
    d->ndig = nd;
    d->point = (intdigits ? intdigits : -lead_frac_zeros) + e;
}

/* The k-th significant digit (0-based), '0' past the end. */
static char dec_digit(const char *s, const dec *d, size_t *pos, size_t *k_at, size_t k)
{
    /* sequential access: *pos is where digit *k_at lies */
    while (*k_at < k && *pos < d->end) {
        (*pos)++;
        if (*pos < d->end && s[*pos] == '.')
            (*pos)++;
        (*k_at)++;
    }
    return *k_at == k && *pos < d->end ? s[*pos] : '0';
}

int ag_num_parse(const char *s, size_t n, double *out)
{
    dec d;
    dec_split(s, n, &d);
    if (d.ndig == 0) {
        *out = d.neg ? -0.0 : 0.0;
        return 0;
    }
    if (d.point > 310) /* at least 10^309: past DBL_MAX */
        return -1;
    if (d.point < -330) { /* below 10^-331: rounds to zero */
        *out = d.neg ? -0.0 : 0.0;
        return 0;
    }
    /* Exact fast path (Clinger): at most 19 digits making an integer below 2^53 and a power
     * of ten that is exact, so the result is rounded once, correctly. */
    if (d.ndig <= 19) {
        uint64_t mant = 0;
        size_t pos = d.first, k_at = 0;
        for (size_t k = 0; k < d.ndig; k++)
            mant = mant * 10 + (uint64_t)(dec_digit(s, &d, &pos, &k_at, k) - '0');
        int64_t e10 = d.point - (int64_t)d.ndig; /* value = mant * 10^e10 */
        while (e10 > 22 && mant <= (1ull << 53) / 10) {
            mant *= 10;
            e10--;
        }
        if (mant <= (1ull << 53) && e10 >= -22 && e10 <= 22) {
            double v = e10 >= 0 ? (double)mant * pow10_exact[e10] : (double)mant / pow10_exact[-e10];
            *out = d.neg ? -v : v;
            return 0;
        }
    }
    /* Otherwise the C library's correctly rounded strtod, on the digits written without a
     * decimal point ("ddd...e-NNN"), which no locale reads differently. 800 significant
     * digits decide the rounding of any double (at most 767 can matter); past them one
     * sticky '1' stands for any nonzero digit cut. */
    char buf[840];
    size_t w = 0, keep = d.ndig > 800 ? 800 : d.ndig;
    size_t pos = d.first, k_at = 0;
    for (size_t k = 0; k < keep; k++)
        buf[w++] = dec_digit(s, &d, &pos, &k_at, k);
    int64_t e10 = d.point - (int64_t)keep;
    if (keep < d.ndig) { /* the last digit cut is nonzero (digits end at the last nonzero one) */
        buf[w++] = '1';
        e10--;
    }
    snprintf(buf + w, sizeof buf - w, "e%lld", (long long)e10);
    double v = strtod(buf, NULL);
    if (isinf(v))
        return -1;
    *out = d.neg ? -v : v;
    return 0;
}

int ag_num_text_cmp(const char *a, size_t an, const char *b, size_t bn)
{
    dec x, y;
    dec_split(a, an, &x);
    dec_split(b, bn, &y);
    int xs = x.ndig == 0 ? 0 : x.neg ? -1 : 1, ys = y.ndig == 0 ? 0 : y.neg ? -1 : 1;
    if (xs != ys)
        return xs < ys ? -1 : 1;
    if (xs == 0)
        return 0;
    int mag; /* order of |x| and |y| */
    if (x.point != y.point) {
        mag = x.point < y.point ? -1 : 1;
    } else {
        mag = 0;
        size_t n = x.ndig > y.ndig ? x.ndig : y.ndig;
        size_t xp = x.first, xk = 0, yp = y.first, yk = 0;
        for (size_t k = 0; k < n && !mag; k++) {
            char cx = dec_digit(a, &x, &xp, &xk, k), cy = dec_digit(b, &y, &yp, &yk, k);
            if (cx != cy)
                mag = cx < cy ? -1 : 1;
        }
    }
    return xs > 0 ? mag : -mag;
}

int ag_num_cmp(const char *text, size_t n, double x, double k)
{
    if (x != k || !n) /* a correctly rounded conversion keeps the order of different doubles */
        return x < k ? -1 : x > k ? 1 : 0;
    char kt[40];
    ag_num_format(kt, k); /* a rule constant has at most 15 significant digits: this is it, exactly */
    return ag_num_text_cmp(text, n, kt, strlen(kt));
}

void ag_num_format(char buf[40], double v)
{
    if (v == 0) {
        strcpy(buf, "0");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) { /* a whole number (counts, caps in EUR): no snprintf */
        long long n = (long long)v;
        unsigned long long u = n < 0 ? 0ull - (unsigned long long)n : (unsigned long long)n;
        char tmp[24];
        size_t i = sizeof tmp;
        tmp[--i] = '\0';
        do {
            tmp[--i] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        if (n < 0)
            tmp[--i] = '-';
        memcpy(buf, tmp + i, sizeof tmp - i);
        return;
    }
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, 40, "%.*g", prec, v);
        for (char *p = buf; *p; p++)
            if (*p == ',')
                *p = '.';
        double back;
        if (ag_num_parse(buf, strlen(buf), &back) == 0 && back == v)
            break;
    }
    /* JSON allows exponents written e+25; they stay as printed. */
}
