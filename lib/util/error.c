#include "util/error.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ag_strlcpy(char *dst, const char *src, size_t cap)
{
    size_t n = strlen(src);
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, src, n);
    dst[n] = '\0';
}

void ag_err_clear(aigov_error *err)
{
    if (!err)
        return;
    err->code = 0;
    err->message[0] = err->path[0] = err->source[0] = err->rule_id[0] = '\0';
    err->offset = 0;
}

int ag_err(aigov_error *err, int code, const char *fmt, ...)
{
    if (err) {
        err->code = code;
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
    }
    return code;
}

void ag_err_path(aigov_error *err, const char *path)
{
    if (err)
        ag_strlcpy(err->path, path, sizeof err->path);
}

void ag_err_source(aigov_error *err, const char *source, const char *rule_id)
{
    if (!err)
        return;
    ag_strlcpy(err->source, source ? source : "", sizeof err->source);
    ag_strlcpy(err->rule_id, rule_id ? rule_id : "", sizeof err->rule_id);
}

const char *ag_strerror(int code)
{
    switch (code) {
    case AIGOV_OK: return "ok";
    case AIGOV_EINVAL: return "invalid argument";
    case AIGOV_ENOMEM: return "out of memory";
    case AIGOV_ESYNTAX: return "malformed JSON";
    case AIGOV_EINPUT: return "descriptor does not match the schema";
    case AIGOV_ELIMIT: return "input over a limit";
    case AIGOV_ERULES: return "rule source does not compile";
    case AIGOV_ENOTFOUND: return "not found";
    default: return "unknown error code";
    }
}

const char *ag_error_name(int code)
{
    switch (code) {
    case AIGOV_OK: return "AIGOV_OK";
    case AIGOV_EINVAL: return "AIGOV_EINVAL";
    case AIGOV_ENOMEM: return "AIGOV_ENOMEM";
    case AIGOV_ESYNTAX: return "AIGOV_ESYNTAX";
    case AIGOV_EINPUT: return "AIGOV_EINPUT";
    case AIGOV_ELIMIT: return "AIGOV_ELIMIT";
    case AIGOV_ERULES: return "AIGOV_ERULES";
    case AIGOV_ENOTFOUND: return "AIGOV_ENOTFOUND";
    default: return "?";
    }
}
