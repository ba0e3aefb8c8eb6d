/* Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian). */
#ifndef AIGOV_UTIL_DATE_H
#define AIGOV_UTIL_DATE_H
#include <stddef.h>
#include <stdint.h>

#define AG_DATE_NONE INT32_MIN

/* Parses exactly "YYYY-MM-DD" (years 1900-9999, a real calendar day).
 * Returns 0 and *out, or -1. */
int ag_date_parse(const char *s, size_t n, int32_t *out);
/* Writes "YYYY-MM-DD" (11 bytes with the NUL). */
void ag_date_format(char out[11], int32_t days);
#endif
