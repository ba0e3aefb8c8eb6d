/*
 * libFuzzer: the aigov command line, in-process (cli_main, examples/cli).
 * The input is a command line and a standard input: the bytes before the
 * first "\n--8<--\n" are the arguments, split at NUL bytes (argv[0] is
 * "aigov"; at most 64 of them), the bytes after it are standard input.
 * Every command runs for real, its option parsing and dispatch included;
 * its file-system calls go through cli_io_table to the committed fixtures in
 * test/fuzz/fixtures/cli (read-only: a relative path without "..", resolved
 * under that directory; anything else does not exist), files it writes go to
 * /dev/null, and standard input, stdout and stderr are in memory. So nothing
 * outside is read or written whatever the arguments name, and no device or
 * FIFO can block a run.
 * Checked (what aigov.1 promises):
 *   - the exit status is 0, 1 or 2;
 *   - anything on stderr is an error, and an error exits 2: never 0 (a
 *     pass) nor 1; an exit 2 always says why (on stderr, or for a batch as
 *     an error line on stdout);
 *   - an error message names what it is about: one of the arguments (the
 *     option, its value, the file), or says which operand is missing;
 *   - neither stdout nor stderr holds a raw control character (but '\n'
 *     and '\t'), a line or paragraph separator or a bidi control, and both
 *     are valid UTF-8;
 *   - no file descriptor leaks, standard input is not closed, and (the
 *     sanitizers) no crash, leak or UB.
 */
#define _GNU_SOURCE /* scandirat */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../examples/cli/cli.h"
#include "fuzz_common.h"

#ifndef FUZZ_CLI_FIXTURES
#error "FUZZ_CLI_FIXTURES: the directory of the fixtures (test/fuzz/fixtures/cli), set by fuzz.mk"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ARGS 64

static int fixtures = -1; /* the fixture directory, opened once */
static struct {
    const uint8_t *s;
    size_t n, pos;
} in; /* standard input */

/* Only a relative path without a ".." component names a fixture. */
static int fixture_path(const char *path)
{
    if (!*path || *path == '/')
        return 0;
    for (const char *p = path; *p; p = *p ? p + 1 : p) {
        if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
            return 0;
        p += strcspn(p, "/");
    }
    return 1;
}

static ssize_t fx_read(int fd, void *buf, size_t n)
{
    if (fd != STDIN_FILENO)
        return read(fd, buf, n);
    size_t left = in.n - in.pos;
    if (n > left)
        n = left;
    memcpy(buf, in.s + in.pos, n);
    in.pos += n;
    return (ssize_t)n;
}

static int fx_open(const char *path, int flags)
{
    if (!fixture_path(path)) {
        errno = ENOENT;
        return -1;
    }
    return openat(fixtures, path, (flags & ~(O_WRONLY | O_RDWR | O_CREAT | O_TRUNC)) | O_NOFOLLOW | O_NONBLOCK);
}

static int fx_stat(const char *path, struct stat *st)
{
    if (!fixture_path(path)) {
        errno = ENOENT;
        return -1;
    }
    return fstatat(fixtures, path, st, AT_SYMLINK_NOFOLLOW);
}

static int fx_scandir(const char *dir, struct dirent ***list, int (*keep)(const struct dirent *),
                      int (*order)(const struct dirent **, const struct dirent **))
{
    if (!fixture_path(dir)) {
        errno = ENOENT;
        return -1;
    }
    return scandirat(fixtures, dir, list, keep, order);
}

/* What the CLI writes (ask's descriptor and report) is thrown away. */
static FILE *fx_fopen(const char *path, const char *mode)
{
    if (!fixture_path(path) || mode[0] != 'w') {
        errno = EACCES;
        return NULL;
    }
    return fopen("/dev/null", "w");
}

static int fx_rename(const char *from, const char *to)
{
    if (!fixture_path(from) || !fixture_path(to)) {
        errno = EACCES;
        return -1;
    }
    return 0;
}

static int fx_remove(const char *path)
{
    (void)path;
    return 0;
}

static int fx_isatty(int fd)
{
    (void)fd;
    return 0;
}

/* What a stream of the run wrote. The three streams (stdout, stderr and the
 * one escaped() writes to) are made once and emptied before each use:
 * opening memory streams for every run and every argument (open_memstream
 * callocs its buffer) was a tenth of an execution. */
typedef struct {
    char *s;
    size_t n, cap;
} sink;

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
    sink *k = cookie;
    if (k->n + n + 1 > k->cap) {
        size_t cap = k->cap ? k->cap : 4096;
        while (cap < k->n + n + 1)
            cap *= 2;
        char *p = realloc(k->s, cap);
        FUZZ_REQUIRE(p != NULL, "realloc");
        k->s = p;
        k->cap = cap;
    }
    memcpy(k->s + k->n, buf, n);
    k->n += n;
    k->s[k->n] = '\0';
    return (ssize_t)n;
}

static sink out_sink, err_sink, esc_sink;
static FILE *out_f, *err_f, *esc_f;

static FILE *sink_open(sink *k)
{
    FILE *f = fopencookie(k, "w", (cookie_io_functions_t){.write = sink_write});
    FUZZ_REQUIRE(f != NULL, "fopencookie");
    sink_write(k, "", 0); /* s is never NULL */
    return f;
}

static void sink_empty(sink *k, FILE *f)
{
    FUZZ_REQUIRE(fflush(f) == 0, "fflush");
    clearerr(f);
    k->n = 0;
    k->s[0] = '\0';
}

static void setup(void)
{
    /* standard input open, whatever the caller left there: a command that closes it
     * ("--answers -" once did) is then caught by the descriptor check below, which
     * compares the lowest free descriptor before and after each run */
    if (fcntl(STDIN_FILENO, F_GETFD) < 0) {
        int fd = open("/dev/null", O_RDONLY);
        if (fd != STDIN_FILENO) {
            fprintf(stderr, "fuzz_cli: cannot open /dev/null as standard input\n");
            abort();
        }
    }
    fixtures = open(FUZZ_CLI_FIXTURES, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fixtures < 0) {
        fprintf(stderr, "fuzz_cli: cannot open the fixtures %s\n", FUZZ_CLI_FIXTURES);
        abort();
    }
    cli_io_table.read_fn = fx_read;
    cli_io_table.open_fn = fx_open;
    cli_io_table.stat_fn = fx_stat;
    cli_io_table.scandir_fn = fx_scandir;
    cli_io_table.fopen_fn = fx_fopen;
    cli_io_table.rename_fn = fx_rename;
    cli_io_table.remove_fn = fx_remove;
    cli_io_table.isatty_fn = fx_isatty;
    out_f = sink_open(&out_sink);
    err_f = sink_open(&err_sink);
    esc_f = sink_open(&esc_sink);
}

/* s as cli_put_safe writes it (how a message quotes an argument); valid
 * until the next call. */
static const char *escaped(const char *s)
{
    sink_empty(&esc_sink, esc_f);
    cli_put_safe(esc_f, s);
    FUZZ_REQUIRE(fflush(esc_f) == 0, "fflush");
    return esc_sink.s;
}

static int contains(const char *hay, const char *needle, size_t n)
{
    if (n == 0)
        return 0;
    for (const char *p = hay; (p = strchr(p, needle[0])); p++)
        if (strncmp(p, needle, n) == 0)
            return 1;
    return 0;
}

/* The message names one of the arguments: the whole argument, its option
 * name (before '='), its value (after '=') or, for a short option with its
 * value attached (-fxml), the value. Long arguments may be cut in the
 * message: their first 64 characters are enough. */
static int names_an_argument(const char *msg, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-") == 0 && strstr(msg, "standard input"))
            return 1; /* how messages name "-" (cli_name) */
        const char *e = escaped(argv[i]);
        size_t n = strlen(e), eq = strcspn(e, "=");
        if ((!argv[i][0] || (eq < n && !e[eq + 1])) && strstr(msg, "''"))
            return 1; /* an empty argument or option value ("--answers="), quoted */
        size_t cut = n < 64 ? n : 64;
        int hit = contains(msg, e, cut) || (eq < n && contains(msg, e, eq < 64 ? eq : 64)) ||
                  (eq < n && contains(msg, e + eq + 1, n - eq - 1 < 64 ? n - eq - 1 : 64)) ||
                  (e[0] == '-' && e[1] != '-' && n > 2 && contains(msg, e + 2, cut - 2 < 64 ? cut - 2 : 64)) ||
                  (e[0] == '-' && n >= 2 && contains(msg, e, 2) && e[1] != '-');
        if (hit)
            return 1;
    }
    return 0;
}

/* Errors about an operand that is not there, or not about the arguments. */
static const char *const unnamed_errors[] = {
    "aigov: eval: no descriptor given",
    "aigov: explain: one rule id expected",
    "aigov: rules: no operand expected",
    "aigov: schema: no operand expected",
    "aigov: explain: no operand expected",
    "aigov: ask: a FILE to resume from or -o OUT",
    "aigov: ask: one FILE at most",
    "aigov: out of memory",
};

static int unnamed_ok(const char *msg)
{
    for (size_t k = 0; k < sizeof unnamed_errors / sizeof *unnamed_errors; k++)
        if (strncmp(msg, unnamed_errors[k], strlen(unnamed_errors[k])) == 0)
            return 1;
    return 0;
}

/* Whether all 8 bytes of x are printable ASCII (0x20-0x7E): none below 0x20, none above
 * 0x7E (the usual SWAR tests; the outputs are mostly such runs). Inlined into its one
 * caller, a checker, so it is left out of the tracing with it (FUZZ_CHECKER would make
 * it a call per 8 bytes). */
static inline int printable8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t below = (x - ones * 0x20) & ~x & highs;
    uint64_t above = ((x + ones * (127 - 0x7E)) | x) & highs;
    return !(below | above);
}

/* Printable: no control character but '\n' and '\t', no separator, no bidi; NUL only
 * at s[n]; valid UTF-8. One pass, 8 bytes at a time over printable ASCII (the checks ran
 * a sixth of an execution when each was its own walk). */
static FUZZ_CHECKER void check_printable(const char *s, size_t n, const char *what)
{
    FUZZ_REQUIRE(s[n] == '\0', what);
    int non_ascii = 0;
    for (size_t i = 0; i < n;) {
        uint64_t x;
        if (n - i >= 8 && (memcpy(&x, s + i, 8), printable8(x))) {
            i += 8;
            continue;
        }
        unsigned char c = (unsigned char)s[i];
        FUZZ_REQUIRE(c != 0, what); /* a NUL before s[n]: strlen(s) != n */
        if (c != '\n' && c != '\t' && (c < 0x20 || c >= 0x7F)) /* printable ASCII is never unsafe */
            FUZZ_REQUIRE(!ag_text_unsafe_at((const unsigned char *)s + i), what);
        non_ascii |= c >= 0x80;
        i++;
    }
    if (non_ascii)
        FUZZ_REQUIRE(fuzz_valid_utf8(s, n), what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (fixtures < 0)
        setup();
    /* the command line, then standard input */
    const uint8_t *sep = (const uint8_t *)fuzz_find((const char *)data, (const char *)data + size, FUZZ_SEP,
                                                    sizeof FUZZ_SEP - 1);
    size_t args_len = sep ? (size_t)(sep - data) : size;
    in.s = sep ? sep + sizeof FUZZ_SEP - 1 : data + size;
    in.n = (size_t)(data + size - in.s);
    in.pos = 0;

    char *args = malloc(args_len + 1);
    FUZZ_REQUIRE(args != NULL, "malloc");
    memcpy(args, data, args_len);
    args[args_len] = '\0';
    char *argv[MAX_ARGS + 2], *copy[MAX_ARGS + 2];
    int argc = 0;
    argv[argc++] = (char *)"aigov";
    if (args_len)
        for (char *p = args; p <= args + args_len && argc <= MAX_ARGS; p += strlen(p) + 1)
            argv[argc++] = p;
    argv[argc] = NULL;
    memcpy(copy, argv, sizeof argv); /* getopt_long permutes argv */

    FILE *real_out = stdout, *real_err = stderr;
    int fd_mark = dup(STDIN_FILENO);
    close(fd_mark);
    sink_empty(&out_sink, out_f);
    sink_empty(&err_sink, err_f);
    stdout = out_f;
    stderr = err_f;
    int rc = cli_main(argc, argv);
    stdout = real_out;
    stderr = real_err;
    FUZZ_REQUIRE(fflush(out_f) == 0 && fflush(err_f) == 0, "fflush");
    char *out = out_sink.s, *err = err_sink.s;
    size_t out_len = out_sink.n, err_len = err_sink.n;
    int fd_after = dup(STDIN_FILENO);
    close(fd_after);

    if (getenv("FUZZ_CLI_SHOW")) /* to see what a run did: the exit status and both streams */
        fprintf(stderr, "fuzz_cli: exit %d\n--- stdout (%zu bytes)\n%.2000s\n--- stderr\n%s---\n", rc, out_len,
                out, err);
    FUZZ_REQUIRE(fcntl(STDIN_FILENO, F_GETFD) >= 0, "standard input left open");
    FUZZ_REQUIRE(fd_after == fd_mark, "no file descriptor left open");
    FUZZ_REQUIRE(rc == 0 || rc == 1 || rc == 2, "the exit status is 0, 1 or 2");
    check_printable(out, out_len, "stdout: valid UTF-8, no control, separator or bidi character");
    check_printable(err, err_len, "stderr: valid UTF-8, no control, separator or bidi character");
    if (err_len)
        FUZZ_REQUIRE(rc == 2, "an error (on stderr) exits 2, never 0 or 1");
    if (rc == 2)
        FUZZ_REQUIRE(err_len || strstr(out, "{\"error\":{\"code\":\"AIGOV_"), "an exit 2 says why");
    /* every message names what it is about */
    for (char *line = err; line && *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        if (strncmp(line, "aigov: ", 7) == 0)
            if (!unnamed_ok(line) && !names_an_argument(line, argc, copy)) {
                fprintf(stderr, "fuzz_cli: the message does not name an argument: %s\n", line);
                FUZZ_REQUIRE(0, "an error message names the offending argument");
            }
        line = nl ? nl + 1 : NULL;
    }
    free(args);
    return 0;
}
