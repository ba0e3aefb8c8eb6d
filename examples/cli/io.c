/* Reading input for the CLI: whole files and lines, each with its limit
 * applied while reading, so a 3 GB file, /dev/zero or a FIFO that never ends
 * costs at most the limit in memory. Every read(2) and every allocation that
 * holds input goes through cli_io_table (a test build replaces it). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static int open_file(const char *path, int flags) { return open(path, flags); }

cli_io cli_io_table = {.read_fn = read,
                       .malloc_fn = malloc,
                       .realloc_fn = realloc,
                       .open_fn = open_file,
                       .stat_fn = stat,
                       .scandir_fn = scandir,
                       .fopen_fn = fopen,
                       .rename_fn = rename,
                       .remove_fn = remove,
                       .isatty_fn = isatty};

int cli_open(const char *path)
{
    if (strcmp(path, "-") == 0)
        return STDIN_FILENO;
    int fd;
    do /* opening a FIFO waits for its writer, and a signal may interrupt that */
        fd = cli_io_table.open_fn(path, O_RDONLY | O_CLOEXEC);
    while (fd < 0 && errno == EINTR);
    return fd;
}

/* One read: > 0 bytes, 0 at the end, -1 with errno. EINTR is retried, and a
 * non-blocking descriptor (a shell may hand one over as stdin) is waited on
 * rather than mistaken for an error or the end. */
static ssize_t read_some(int fd, void *buf, size_t n)
{
    for (;;) {
        ssize_t r = cli_io_table.read_fn(fd, buf, n);
        if (r >= 0)
            return r;
        if (errno == EINTR)
            continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
            struct pollfd p = {fd, POLLIN, 0};
            if (poll(&p, 1, -1) >= 0 || errno == EINTR)
                continue;
        }
        return -1;
    }
}

int cli_read_all(int fd, size_t limit, char **out, size_t *len, int *err_no)
{
    /* start small (most descriptors are a few KB), never hold more than limit + 1 */
    size_t cap = limit < 65536 ? limit + 1 : 65536, n = 0;
    char *buf = cli_io_table.malloc_fn(cap + 1);
    *out = NULL;
    *len = 0;
    if (!buf)
        return CLI_READ_NOMEM;
    for (;;) {
        if (n == cap) {
            if (cap > limit) { /* limit + 1 bytes arrived: do not read on */
                free(buf);
                return CLI_READ_LIMIT;
            }
            size_t ncap = cap * 2 > limit + 1 ? limit + 1 : cap * 2;
            char *nb = cli_io_table.realloc_fn(buf, ncap + 1);
            if (!nb) {
                free(buf);
                return CLI_READ_NOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read_some(fd, buf + n, cap - n);
        if (r < 0) {
            *err_no = errno;
            free(buf);
            return CLI_READ_ERROR;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return CLI_READ_OK;
}

void cli_lines_init(cli_lines *r, int fd, size_t limit)
{
    r->fd = fd;
    r->limit = limit;
    r->pos = r->end = 0;
    r->eof = 0;
    r->err_no = 0;
}

/* Refills buf: 1, 0 at the end, -1 on a read error (kept in err_no). */
static int fill(cli_lines *r)
{
    if (r->err_no)
        return -1;
    if (r->eof)
        return 0;
    ssize_t n = read_some(r->fd, r->buf, sizeof r->buf);
    if (n < 0) {
        r->err_no = errno ? errno : EIO;
        return -1;
    }
    if (n == 0) {
        r->eof = 1;
        return 0;
    }
    r->pos = 0;
    r->end = (size_t)n;
    return 1;
}

/* Appends k bytes to the line being kept, which never holds more than the
 * limit: bytes past it may only be '\r's (the line's end strips them), any
 * other byte there makes the line too long. On failure drops the line
 * (*state says why). */
static void keep(char **line, size_t *cap, size_t have, const char *s, size_t k, size_t limit,
                 int *state)
{
    if (*state != CLI_READ_OK)
        return;
    size_t take = have < limit ? limit - have : 0;
    if (take > k)
        take = k;
    for (size_t i = take; i < k; i++)
        if (s[i] != '\r') {
            *state = CLI_READ_LIMIT;
            break;
        }
    if (*state == CLI_READ_OK && take > 0 && have + take + 1 > *cap) {
        size_t ncap = *cap ? *cap : 1024;
        while (ncap < have + take + 1)
            ncap *= 2;
        if (ncap > limit + 1)
            ncap = limit + 1;
        char *nl = *line ? cli_io_table.realloc_fn(*line, ncap) : cli_io_table.malloc_fn(ncap);
        if (nl) {
            *line = nl;
            *cap = ncap;
        } else {
            *state = CLI_READ_NOMEM;
        }
    }
    if (*state != CLI_READ_OK) {
        free(*line);
        *line = NULL;
        return;
    }
    if (take > 0)
        memcpy(*line + have, s, take);
}

int cli_line_next(cli_lines *r, char **text, size_t *len)
{
    char *line = NULL;
    size_t cap = 0, total = 0; /* total: the line's bytes so far, kept or not */
    int state = CLI_READ_OK, started = 0;
    *text = NULL;
    *len = 0;
    for (;;) {
        if (r->pos == r->end) {
            int f = fill(r);
            if (f < 0) {
                free(line);
                *len = total; /* 0 unless the error cut a line */
                return CLI_READ_ERROR;
            }
            if (f == 0) {
                if (!started) {
                    free(line);
                    return CLI_READ_EOF;
                }
                break; /* a last line without '\n' */
            }
        }
        started = 1;
        const char *s = r->buf + r->pos;
        size_t avail = r->end - r->pos;
        const char *nl = memchr(s, '\n', avail);
        size_t k = nl ? (size_t)(nl - s) : avail;
        keep(&line, &cap, total, s, k, r->limit, &state);
        total += k;
        r->pos += k + (nl != NULL);
        if (nl)
            break;
    }
    size_t full = total;
    if (state == CLI_READ_OK) { /* what is past the limit is all '\r' (keep saw to it) */
        if (total > r->limit)
            total = r->limit;
        while (total > 0 && line[total - 1] == '\r')
            total--;
    }
    *len = total;
    if (state != CLI_READ_OK)
        return state;
    if (!line) { /* an empty line still needs a string */
        line = cli_io_table.malloc_fn(1);
        if (!line) {
            *len = full;
            return CLI_READ_NOMEM;
        }
    }
    line[total] = '\0';
    *text = line;
    return CLI_READ_OK;
}
