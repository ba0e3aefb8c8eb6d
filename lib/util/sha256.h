/* SHA-256 (FIPS 180-4): the content hash of rule sources and the OSCAL renderings'
 * name-based UUIDs (a report's hundreds of UUIDs made SHA-256 half of an OSCAL
 * rendering). Where the processor has the SHA extensions (x86 SHA-NI), the blocks go
 * through them; elsewhere, and under valgrind (which does not offer them), through the
 * portable code. Both give the same digest (test_util.c compares them). */
#ifndef AIGOV_UTIL_SHA256_H
#define AIGOV_UTIL_SHA256_H
#include <stddef.h>
#include <stdint.h>

typedef struct ag_sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t fill;
    int ni; /* the blocks go through the SHA extensions (set by ag_sha256_init) */
} ag_sha256;

void ag_sha256_init(ag_sha256 *s);
/* As ag_sha256_init, on the portable code whatever the processor offers (for tests). */
void ag_sha256_init_portable(ag_sha256 *s);
void ag_sha256_update(ag_sha256 *s, const void *data, size_t n);
/* Writes 64 lowercase hex digits and a NUL. */
void ag_sha256_hex(ag_sha256 *s, char out[65]);
#endif
