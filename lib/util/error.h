/* Filling the caller's aigov_error. */
#ifndef AIGOV_UTIL_ERROR_H
#define AIGOV_UTIL_ERROR_H
#include "aigov.h"

/* Resets err (when not NULL) to "no error". */
void ag_err_clear(aigov_error *err);
/* Sets code and a printf-style message; returns code. */
int ag_err(aigov_error *err, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;
void ag_err_path(aigov_error *err, const char *path);
void ag_err_source(aigov_error *err, const char *source, const char *rule_id);
/* Copies at most cap-1 bytes and always terminates. */
void ag_strlcpy(char *dst, const char *src, size_t cap);
#endif
