/*
 * libFuzzer: the CLI's NDJSON line reader (examples/cli/io.c, cli_line_next),
 * the only code between `aigov eval --ndjson` and a stream of any bytes. The
 * first four input bytes choose the line limit, the sizes of the reads, the
 * faults (EINTR and EAGAIN between reads, a read error at some offset, failed
 * allocations) and where they strike; the rest is the stream.
 * A reference model splits the stream as aigov.1 documents it: a line ends at
 * '\n' (a last line may lack it), the '\r's before its end are not part of it,
 * a line longer than the limit is skipped with its full length, and every
 * input line yields exactly one result in order. Checked against the model:
 * each result's code, text and length; nothing is lost or duplicated after a
 * skipped line or a failed allocation; a read error ends the stream with the
 * bytes of the cut line; memory held never exceeds the limit (ASan checks the
 * rest).
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "../../examples/cli/cli.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct {
    const uint8_t *s;
    size_t n, pos;
    unsigned chunk_seed;
    int faults;          /* bit 0: EINTR, bit 1: EAGAIN before some reads */
    size_t error_at;     /* offset of a read error, or SIZE_MAX */
    unsigned fail_alloc; /* the nth allocation fails (0: none) */
    unsigned allocs;
    unsigned calls;
    size_t limit;
} fx;

static ssize_t fake_read(int fd, void *buf, size_t n)
{
    (void)fd;
    fx.calls++;
    if ((fx.faults & 1) && fx.calls % 3 == 0) {
        errno = EINTR;
        return -1;
    }
    if ((fx.faults & 2) && fx.calls % 5 == 0) {
        errno = EAGAIN; /* read_some polls the fd (/dev/null: ready at once) and reads again */
        return -1;
    }
    size_t stop = fx.error_at < fx.n ? fx.error_at : fx.n;
    if (fx.pos >= stop) {
        if (fx.error_at <= fx.n) {
            errno = EIO;
            return -1;
        }
        return 0;
    }
    size_t want = 1 + (fx.chunk_seed * (fx.calls + 7)) % 97; /* short, uneven reads */
    if (fx.chunk_seed & 0x80)
        want = n; /* or whole buffers */
    if (want > n)
        want = n;
    if (want > stop - fx.pos)
        want = stop - fx.pos;
    memcpy(buf, fx.s + fx.pos, want);
    fx.pos += want;
    return (ssize_t)want;
}

static int alloc_fails(void)
{
    return fx.fail_alloc && ++fx.allocs == fx.fail_alloc;
}

static void *fake_malloc(size_t n)
{
    FUZZ_REQUIRE(n <= fx.limit + 2, "a line never holds more than the limit");
    return alloc_fails() ? NULL : malloc(n);
}

static void *fake_realloc(void *p, size_t n)
{
    FUZZ_REQUIRE(n <= fx.limit + 2, "a line never holds more than the limit");
    return alloc_fails() ? NULL : realloc(p, n);
}

/* The next line by the documented contract, from s[*at]; returns the code
 * cli_line_next must give (CLI_READ_NOMEM is accepted in place of OK or LIMIT
 * only when an allocation was made to fail). */
static int model_next(const uint8_t *s, size_t n, size_t *at, size_t *start, size_t *len, size_t *full_len)
{
    size_t stop = fx.error_at < n ? fx.error_at : n;
    if (*at >= stop)
        return fx.error_at <= n ? CLI_READ_ERROR : CLI_READ_EOF;
    const uint8_t *nl = memchr(s + *at, '\n', stop - *at);
    *start = *at;
    if (!nl) { /* the stream ends (or breaks) inside this line */
        *len = stop - *at;
        *at = stop;
        if (fx.error_at <= n)
            return CLI_READ_ERROR;
    } else {
        *len = (size_t)(nl - (s + *at));
        *at += *len + 1;
    }
    size_t full = *full_len = *len;
    while (*len > 0 && s[*start + *len - 1] == '\r')
        (*len)--;
    if (*len > fx.limit) {
        *len = full;
        return CLI_READ_LIMIT;
    }
    return CLI_READ_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    memset(&fx, 0, sizeof fx);
    fx.limit = (size_t)(data[0] % 64) * (data[0] & 0x40 ? 37 : 1); /* 0-63 or up to ~2.3 KB */
    fx.chunk_seed = data[1];
    fx.faults = data[2] & 3;
    fx.error_at = (data[2] & 4) ? (size_t)data[3] * 3 : SIZE_MAX;
    fx.fail_alloc = (data[2] & 8) ? (unsigned)(data[3] % 16) + 1 : 0;
    fx.s = data + 4;
    fx.n = size - 4;
    if (fx.error_at != SIZE_MAX && fx.error_at > fx.n)
        fx.error_at = fx.n; /* the error comes instead of the end */

    cli_io saved = cli_io_table;
    cli_io_table = (cli_io){fake_read, fake_malloc, fake_realloc};
    static cli_lines r; /* 64 KB buffer: not on the stack */
    static int null_fd = -1; /* only polled, never read: the reads are fake_read's */
    if (null_fd < 0)
        null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
    FUZZ_REQUIRE(null_fd >= 0, "/dev/null opens");
    cli_lines_init(&r, null_fd, fx.limit);
    size_t at = 0, lines = 0;
    for (;;) {
        size_t start = 0, want_len = 0, full_len = 0;
        unsigned allocs_before = fx.allocs;
        int want = model_next(fx.s, fx.n, &at, &start, &want_len, &full_len);
        char *text;
        size_t len;
        int got = cli_line_next(&r, &text, &len);
        int nomem_allowed = fx.fail_alloc && allocs_before < fx.fail_alloc && fx.allocs >= fx.fail_alloc;
        if (got == CLI_READ_NOMEM) {
            FUZZ_REQUIRE(nomem_allowed && (want == CLI_READ_OK || want == CLI_READ_LIMIT),
                         "an allocation failure only where one was injected, on a line that reads");
            FUZZ_REQUIRE(text == NULL && len == full_len, "no text on a failed allocation, and the line's full length");
        } else {
            FUZZ_REQUIRE(got == want, "the reader's result is the documented one");
            if (got == CLI_READ_OK) {
                FUZZ_REQUIRE(text != NULL && len == want_len && text[len] == '\0' &&
                                 memcmp(text, fx.s + start, len) == 0,
                             "the line's text is the input's, without '\\n' and trailing '\\r's");
            } else {
                FUZZ_REQUIRE(text == NULL, "no text unless the line was read");
            }
        }
        free(text);
        if (got == CLI_READ_EOF)
            break;
        if (got == CLI_READ_ERROR) {
            FUZZ_REQUIRE(len == want_len, "a read error reports the bytes of the cut line");
            char *t2;
            size_t l2;
            FUZZ_REQUIRE(cli_line_next(&r, &t2, &l2) == CLI_READ_ERROR && t2 == NULL && l2 == 0,
                         "after a read error, reading stays failed");
            break;
        }
        if (got == CLI_READ_LIMIT)
            FUZZ_REQUIRE(len == want_len, "a skipped line reports its full length");
        FUZZ_REQUIRE(++lines <= fx.n + 1, "the reader ends");
    }
    cli_io_table = saved;
    return 0;
}
