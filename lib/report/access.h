/* Shared by the report's public accessors (access_*.c): the size-versioned result structs.
 * Every such struct starts with `size_t size`, set by the caller; its first version is the
 * layout in aigov.h today, so a smaller size is an error and a larger one (a newer header)
 * gets the fields this library knows, the rest left as they were. */
#ifndef AIGOV_REPORT_ACCESS_H
#define AIGOV_REPORT_ACCESS_H
#include <string.h>
#include "report/report.h"

/* Whether the caller's struct is at least the first version of `type`. */
#define AG_SIZED(out, type) ((out) != NULL && (out)->size >= sizeof(type))

/* Copies a filled struct (full_size bytes) into the caller's, keeping the caller's size and
 * writing no more than it allows. */
static inline void ag_fill(void *out, const void *full, size_t full_size)
{
    size_t want;
    memcpy(&want, out, sizeof want);
    size_t n = want < full_size ? want : full_size;
    memcpy((char *)out + sizeof(size_t), (const char *)full + sizeof(size_t), n - sizeof(size_t));
}

/* Clears the caller's struct (but its size) before reporting AIGOV_ENOTFOUND: a caller that
 * ignores the status reads empty fields, never the previous row's. */
static inline int ag_not_found(void *out, size_t full_size)
{
    size_t want;
    memcpy(&want, out, sizeof want);
    size_t n = want < full_size ? want : full_size;
    memset((char *)out + sizeof(size_t), 0, n - sizeof(size_t));
    return AIGOV_ENOTFOUND;
}
/* Reported rule ri's penalty tier cap into *out (AIGOV_ENOTFOUND when it names none or does
 * not apply); access_report.c. */
int ag_access_penalty(aigov_penalty *out, const aigov_report *rep, int32_t ri);
#endif
