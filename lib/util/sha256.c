#include "util/sha256.h"
#include <string.h>

static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

#define ROR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void block_portable(uint32_t st[8], const unsigned char *p)
{
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = ROR(w[i - 15], 7) ^ ROR(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ROR(w[i - 2], 17) ^ ROR(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
    uint32_t e = st[4], f = st[5], g = st[6], h = st[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (ROR(e, 6) ^ ROR(e, 11) ^ ROR(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (ROR(a, 2) ^ ROR(a, 13) ^ ROR(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1;
        d = c; c = b; b = a; a = t1 + t2;
    }
    st[0] += a; st[1] += b; st[2] += c; st[3] += d;
    st[4] += e; st[5] += f; st[6] += g; st[7] += h;
}

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define AG_SHA_NI 1

/* Whether the processor has the SHA extensions and the SSSE3 and SSE4.1 shuffles the
 * block function uses. */
static int have_sha_ni(void)
{
    unsigned a, b, c1 = 0, c, d, b7 = 0; /* a leaf the processor lacks leaves them 0 */
    __get_cpuid(1, &a, &b, &c1, &d);
    __get_cpuid_count(7, 0, &a, &b7, &c, &d);
    return (int)((c1 >> 9) & (c1 >> 19) & (b7 >> 29) & 1u);
}

/* One block through the SHA extensions. sha256rnds2 keeps the state as two registers,
 * the words A, B, E, F and C, D, G, H (each highest first), and does two rounds with the
 * sums of two message words and their constants; sha256msg1 and sha256msg2 extend the
 * message schedule four words at a time. */
__attribute__((target("sha,sse4.1,ssse3"))) static void block_ni(uint32_t st[8], const unsigned char *p)
{
    const __m128i be = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL); /* each word's bytes */
    __m128i dcba = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[0]), 0xB1); /* B A D C */
    __m128i hgfe = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[4]), 0x1B); /* H G F E */
    __m128i abef = _mm_alignr_epi8(dcba, hgfe, 8);                                    /* F E B A */
    __m128i cdgh = _mm_blend_epi16(hgfe, dcba, 0xF0);                                 /* H G D C */
    __m128i abef0 = abef, cdgh0 = cdgh;
    __m128i m[4];
    for (int i = 0; i < 4; i++)
        m[i] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * i)), be);
    for (int i = 0; i < 16; i++) { /* rounds 4i .. 4i + 3 */
        if (i >= 4) {                /* W[4i ..] from W[4i - 16 ..] */
            __m128i w7 = _mm_alignr_epi8(m[(i + 3) & 3], m[(i + 2) & 3], 4); /* W[4i - 7 .. 4i - 4] */
            __m128i x = _mm_add_epi32(_mm_sha256msg1_epu32(m[i & 3], m[(i + 1) & 3]), w7);
            m[i & 3] = _mm_sha256msg2_epu32(x, m[(i + 3) & 3]);
        }
        __m128i wk = _mm_add_epi32(m[i & 3], _mm_loadu_si128((const __m128i *)&K[4 * i]));
        /* two rounds: cdgh receives the new A B E F, the old ones being the new C D G H;
         * two more the other way round, so the names are right again */
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));
    }
    abef = _mm_add_epi32(abef, abef0);
    cdgh = _mm_add_epi32(cdgh, cdgh0);
    __m128i feba = _mm_shuffle_epi32(abef, 0x1B); /* A B E F, lowest first */
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1); /* G H C D, lowest first */
    _mm_storeu_si128((__m128i *)&st[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&st[4], _mm_alignr_epi8(dchg, feba, 8));
}
#endif

static void block(ag_sha256 *s, const unsigned char *p)
{
#ifdef AG_SHA_NI
    if (s->ni) {
        block_ni(s->h, p);
        return;
    }
#endif
    block_portable(s->h, p);
}

void ag_sha256_init_portable(ag_sha256 *s)
{
    static const uint32_t iv[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(s->h, iv, sizeof iv);
    s->len = 0;
    s->fill = 0;
    s->ni = 0;
}

void ag_sha256_init(ag_sha256 *s)
{
    ag_sha256_init_portable(s);
#ifdef AG_SHA_NI
    s->ni = have_sha_ni(); /* asked per hash, not kept in a global: cpuid costs less than a block */
#endif
}

void ag_sha256_update(ag_sha256 *s, const void *data, size_t n)
{
    const unsigned char *p = data;
    s->len += n;
    for (; !s->fill && n >= 64; p += 64, n -= 64) /* whole blocks straight from the input */
        block(s, p);
    while (n) {
        size_t take = 64 - s->fill;
        if (take > n)
            take = n;
        memcpy(s->buf + s->fill, p, take);
        s->fill += take;
        p += take;
        n -= take;
        if (s->fill == 64) {
            block(s, s->buf);
            s->fill = 0;
        }
    }
}

void ag_sha256_hex(ag_sha256 *s, char out[65])
{
    /* the padding written into the last block(s) directly: a 0x80 byte, zeros, the
     * length in bits (big-endian) in the last 8 bytes */
    uint64_t bits = s->len * 8;
    s->buf[s->fill++] = 0x80;
    if (s->fill > 56) {
        memset(s->buf + s->fill, 0, 64 - s->fill);
        block(s, s->buf);
        s->fill = 0;
    }
    memset(s->buf + s->fill, 0, 56 - s->fill);
    for (int i = 0; i < 8; i++)
        s->buf[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
    block(s, s->buf);
    s->fill = 0;
    static const char hex[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++)
        for (int j = 0; j < 4; j++) {
            unsigned char byte = (unsigned char)(s->h[i] >> (24 - 8 * j));
            out[8 * i + 2 * j] = hex[byte >> 4];
            out[8 * i + 2 * j + 1] = hex[byte & 15];
        }
    out[64] = '\0';
}
