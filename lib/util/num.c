#include "util/num.h"
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const double pow10_exact[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

static double scale10(double m, int e)
{
    /* Multiply by exact powers of ten; each step rounds once. */
    while (e > 22) {
        m *= 1e22;
        e -= 22;
        if (isinf(m))
            return m;
    }
    while (e < -22) {
        m /= 1e22;
        e += 22;
        if (m == 0)
            return m;
    }
    return e >= 0 ? m * pow10_exact[e] : m / pow10_exact[-e];
}

int ag_num_parse(const char *s, size_t n, double *out)
{
    size_t i = 0;
    int neg = 0;
    if (i < n && s[i] == '-') {
        neg = 1;
        i++;
    }
    uint64_t mant = 0;
    int digits = 0, exp10 = 0;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
        if (digits < 19) {
            mant = mant * 10 + (uint64_t)(s[i] - '0');
            if (mant)
                digits++;
        } else {
            exp10++;
        }
    }
    if (i < n && s[i] == '.') {
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
            if (digits < 19) {
                mant = mant * 10 + (uint64_t)(s[i] - '0');
                if (mant)
                    digits++;
                exp10--;
            }
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        int eneg = 0;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            eneg = s[i++] == '-';
        long e = 0;
        for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
        exp10 += (int)(eneg ? -e : e);
    }
    /* Clinger's fast path, extended: trailing zeros go to the exponent and
     * large exponents into the mantissa while it stays exact, so that any
     * value written with few significant digits (1e25, 2.15e25,
     * 10000000000000000000000000) is rounded exactly once. */
    while (mant && mant % 10 == 0) {
        mant /= 10;
        exp10++;
    }
    while (exp10 > 22 && mant && mant <= (1ull << 53) / 10) {
        mant *= 10;
        exp10--;
    }
    /* mant is exact up to 2^53; above that the conversion rounds once more. */
    double v = mant == 0 ? 0.0 : scale10((double)mant, exp10);
    if (isinf(v))
        return -1;
    *out = neg ? -v : v;
    return 0;
}

void ag_num_format(char buf[40], double v)
{
    if (v == 0) {
        strcpy(buf, "0");
        return;
    }
    if (v == floor(v) && fabs(v) < 1e15) {
        snprintf(buf, 40, "%lld", (long long)v);
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
    /* JSON wants no '+' in exponents? It allows e+25; keep as printed. */
}
