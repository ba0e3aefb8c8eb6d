/* The JSON hot loops, 8 or 16 bytes a step: for the reader, the run of bytes a JSON string
 * holds as they are and a run of white space; for the writer, the run of bytes a JSON
 * string may carry unescaped. Each returns the index of the first byte in
 * s[i..n) that ends the run (n when none does), exactly what a byte-at-a-time loop
 * returns; the caller handles that byte.
 *
 * With SSE2 (every x86-64) a step compares 16 bytes at once; elsewhere, or built with
 * -DAG_SCAN_PORTABLE, a step tests 8 bytes held in a uint64_t (SWAR: bit tricks that
 * set a byte's high bit when it is a stop byte). The last few bytes, fewer than a step,
 * go one at a time. The loads are unaligned (memcpy or loadu) and never past s + n. */
#ifndef AIGOV_UTIL_SCAN_H
#define AIGOV_UTIL_SCAN_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__SSE2__) && defined(__GNUC__) && !defined(AG_SCAN_PORTABLE)
#include <emmintrin.h>
#define AG_SCAN_SSE2 1
#endif

/* Plain: printable ASCII other than '"' and '\\' (0x20-0x7E less those two, and 0x7F,
 * which JSON lets a string hold as it is). Everything else stops the run: the closing
 * quote, an escape, a control character (an error) or a UTF-8 lead byte (validated
 * by the caller). */
static inline int ag_scan_plain_byte(unsigned char c)
{
    return c >= 0x20 && c < 0x80 && c != '"' && c != '\\';
}

/* What the writer escapes: '"', '\\' and control characters; UTF-8 passes as it is. */
static inline int ag_scan_unescaped_byte(unsigned char c)
{
    return c >= 0x20 && c != '"' && c != '\\';
}

static inline int ag_scan_ws_byte(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

#ifndef AG_SCAN_SSE2
#define AG_ONES 0x0101010101010101ull
#define AG_HIGHS 0x8080808080808080ull

static inline uint64_t ag_scan_load8(const char *s)
{
    uint64_t x;
    memcpy(&x, s, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    x = __builtin_bswap64(x); /* byte 0 in the low bits, as on little-endian machines */
#endif
    return x;
}

/* Index (0-7) of the lowest byte whose high bit is set in m (m != 0). */
static inline unsigned ag_scan_first(uint64_t m)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(m) >> 3;
#else
    unsigned k = 0;
    while (!(m & 0x80))
        m >>= 8, k++;
    return k;
#endif
}

/* High bit set in each byte of x that stops a string run. A subtraction's borrow can
 * only start at a byte that is itself a stop byte, so every bit below the lowest stop
 * byte is exact (bits above it may be spurious; only the lowest is used). */
static inline uint64_t ag_scan_stops8(uint64_t x)
{
    uint64_t ctrl = x - 0x20 * AG_ONES;                  /* byte < 0x20 */
    uint64_t quote = (x ^ ('"' * AG_ONES)) - AG_ONES;    /* byte == '"' */
    uint64_t bslash = (x ^ ('\\' * AG_ONES)) - AG_ONES;  /* byte == '\\' */
    return (ctrl | quote | bslash | x) & AG_HIGHS;      /* (| x: byte >= 0x80) */
}

/* High bit set in each byte of x that a JSON writer escapes. Each term is exact up to its
 * lowest set bit (a borrow starts only at a byte that is itself a hit), so the lowest bit
 * of their union is exact too. */
static inline uint64_t ag_scan_escapes8(uint64_t x)
{
    uint64_t q = x ^ ('"' * AG_ONES), b = x ^ ('\\' * AG_ONES);
    uint64_t ctrl = (x - 0x20 * AG_ONES) & ~x;  /* byte < 0x20 */
    uint64_t quote = (q - AG_ONES) & ~q;         /* byte == '"' */
    uint64_t bslash = (b - AG_ONES) & ~b;        /* byte == '\\' */
    return (ctrl | quote | bslash) & AG_HIGHS;
}

/* High bit set in each byte of v that is not zero, exactly: (v & 0x7F) + 0x7F carries
 * into the high bit of its own byte only, never into the next. */
static inline uint64_t ag_scan_nonzero8(uint64_t v)
{
    return (((v & ~AG_HIGHS) + ~AG_HIGHS) | v) & AG_HIGHS;
}

/* High bit set in each byte of x that is not white space. */
static inline uint64_t ag_scan_nonws8(uint64_t x)
{
    return ag_scan_nonzero8(x ^ (' ' * AG_ONES)) & ag_scan_nonzero8(x ^ ('\n' * AG_ONES)) &
           ag_scan_nonzero8(x ^ ('\r' * AG_ONES)) & ag_scan_nonzero8(x ^ ('\t' * AG_ONES));
}
#endif

static inline size_t ag_scan_string(const char *s, size_t i, size_t n)
{
#ifdef AG_SCAN_SSE2
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), space = _mm_set1_epi8(0x20);
    while (n - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* signed compare: bytes >= 0x80 are negative, so "< 0x20" catches them too */
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                    _mm_cmplt_epi8(x, space));
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        if (m)
            return i + (unsigned)__builtin_ctz(m);
        i += 16;
    }
#else
    while (n - i >= 8) {
        uint64_t m = ag_scan_stops8(ag_scan_load8(s + i));
        if (m)
            return i + ag_scan_first(m);
        i += 8;
    }
#endif
    while (i < n && ag_scan_plain_byte((unsigned char)s[i]))
        i++;
    return i;
}

/* The writer's run: bytes it copies as they are, up to the first it must escape. */
static inline size_t ag_scan_unescaped(const char *s, size_t i, size_t n)
{
#ifdef AG_SCAN_SSE2
    const __m128i quote = _mm_set1_epi8('"'), bslash = _mm_set1_epi8('\\'), ctl = _mm_set1_epi8(0x1F);
    while (n - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        /* unsigned x <= 0x1F: max(x, 0x1F) is 0x1F */
        __m128i stop = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, quote), _mm_cmpeq_epi8(x, bslash)),
                                    _mm_cmpeq_epi8(_mm_max_epu8(x, ctl), ctl));
        unsigned m = (unsigned)_mm_movemask_epi8(stop);
        if (m)
            return i + (unsigned)__builtin_ctz(m);
        i += 16;
    }
#else
    while (n - i >= 8) {
        uint64_t m = ag_scan_escapes8(ag_scan_load8(s + i));
        if (m)
            return i + ag_scan_first(m);
        i += 8;
    }
#endif
    while (i < n && ag_scan_unescaped_byte((unsigned char)s[i]))
        i++;
    return i;
}

static inline size_t ag_scan_ws(const char *s, size_t i, size_t n)
{
    /* compact JSON has no white space between tokens: one test settles it */
    if (i >= n || !ag_scan_ws_byte((unsigned char)s[i]))
        return i;
#ifdef AG_SCAN_SSE2
    const __m128i sp = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r'),
                  tab = _mm_set1_epi8('\t');
    while (n - i >= 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i ws = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, sp), _mm_cmpeq_epi8(x, nl)),
                                  _mm_or_si128(_mm_cmpeq_epi8(x, cr), _mm_cmpeq_epi8(x, tab)));
        unsigned m = ~(unsigned)_mm_movemask_epi8(ws) & 0xFFFFu;
        if (m)
            return i + (unsigned)__builtin_ctz(m);
        i += 16;
    }
#else
    while (n - i >= 8) {
        uint64_t m = ag_scan_nonws8(ag_scan_load8(s + i));
        if (m)
            return i + ag_scan_first(m);
        i += 8;
    }
#endif
    while (i < n && ag_scan_ws_byte((unsigned char)s[i]))
        i++;
    return i;
}

#endif
