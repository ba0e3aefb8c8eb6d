/* Locale-independent JSON number parsing and printing (strtod and printf
 * follow LC_NUMERIC, which a host may change at any time). */
#ifndef AIGOV_UTIL_NUM_H
#define AIGOV_UTIL_NUM_H
#include <stddef.h>

/* Parses the JSON number at s[0..n) (grammar checked by the caller).
 * Returns 0 and *out, or -1 when it overflows a double. Exact for up to 19
 * significant digits with exponents that keep the value within 1e-22..1e308
 * times an exactly representable mantissa (one rounding). */
int ag_num_parse(const char *s, size_t n, double *out);
/* Writes the shortest decimal form that parses back to v (JSON syntax, '.'). */
void ag_num_format(char buf[40], double v);
#endif
