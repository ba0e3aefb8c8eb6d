/* Locale-independent JSON number parsing and printing (strtod and printf
 * follow LC_NUMERIC, which a host may change at any time). */
#ifndef AIGOV_UTIL_NUM_H
#define AIGOV_UTIL_NUM_H
#include <stddef.h>

/* Parses the JSON number at s[0..n) (grammar checked by the caller), correctly
 * rounded (round to nearest, ties to even) for any length and exponent, in
 * any locale, thread-safe. Returns 0 and *out, or -1 when it overflows a
 * double. */
int ag_num_parse(const char *s, size_t n, double *out);
/* Exact order (-1, 0, 1) of the JSON number text[0..n), whose ag_num_parse
 * value is x, against a rule constant k (a double written with at most 15
 * significant digits, as the rule compiler requires): different doubles
 * decide by themselves; equal ones are compared digit by digit. n == 0
 * compares the doubles alone. */
int ag_num_cmp(const char *text, size_t n, double x, double k);
/* Exact order of two JSON numbers given as text (any length, any exponent). */
int ag_num_text_cmp(const char *a, size_t an, const char *b, size_t bn);
/* Writes the shortest decimal form that parses back to v (JSON syntax, '.'). */
void ag_num_format(char buf[40], double v);
#endif
