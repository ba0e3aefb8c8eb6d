/* SHA-256 (FIPS 180-4), for the content hash of rule sources. */
#ifndef AIGOV_UTIL_SHA256_H
#define AIGOV_UTIL_SHA256_H
#include <stddef.h>
#include <stdint.h>

typedef struct ag_sha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t fill;
} ag_sha256;

void ag_sha256_init(ag_sha256 *s);
void ag_sha256_update(ag_sha256 *s, const void *data, size_t n);
/* Writes 64 lowercase hex digits and a NUL. */
void ag_sha256_hex(ag_sha256 *s, char out[65]);
#endif
