/* Reads a whole file for a test program: a NUL-terminated buffer to free()
 * and its length, or NULL when the file cannot be opened, sized or read
 * (a directory, a FIFO, a short read). Shared by the golden runner, the unit
 * tests and the hardening programs, which all load descriptors and rules. */
#ifndef AIGOV_TEST_SLURP_H
#define AIGOV_TEST_SLURP_H
#include <stdio.h>
#include <stdlib.h>

static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    long n = -1;
    if (fseek(f, 0, SEEK_END) == 0)
        n = ftell(f);
    char *buf = NULL;
    if (n >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n + 1)) != NULL &&
        fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    if (!buf)
        return NULL;
    buf[n] = '\0';
    *len = (size_t)n;
    return buf;
}
#endif
