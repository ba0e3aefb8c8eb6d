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
/* A status code's description and its name ("AIGOV_EINVAL"); a code the library does not
 * define gets a fixed fallback text (api/error.c gives them out as aigov_strerror and
 * aigov_error_name). */
const char *ag_strerror(int code);
const char *ag_error_name(int code);
/* Copies at most cap-1 bytes and always terminates. */
void ag_strlcpy(char *dst, const char *src, size_t cap);
#endif
