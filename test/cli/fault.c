/* Fault injection for the CLI's reading (built only into the test binary, with
 * -DAIGOV_CLI_TEST_HOOKS), as SQLite tests its VFS: $AIGOV_CLI_FAULT lists,
 * comma-separated,
 *   short     every read returns at most one byte;
 *   eintr     every other read fails with EINTR before reading anything;
 *   eagain    every other read fails with EAGAIN (a non-blocking stdin);
 *   eio=N     once N bytes have been delivered, every read fails with EIO;
 *   enomem=N  the Nth allocation holding input fails (1-based), the others succeed.
 * Only the main thread reads, so plain counters are enough. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

static int f_short, f_eintr, f_eagain;
static long f_eio = -1, f_enomem = -1;
static long delivered, allocations, calls;

static ssize_t fault_read(int fd, void *buf, size_t n)
{
    calls++;
    if ((f_eintr || f_eagain) && calls % 2 == 1) {
        errno = f_eintr ? EINTR : EAGAIN;
        return -1;
    }
    if (f_eio >= 0 && delivered >= f_eio) {
        errno = EIO;
        return -1;
    }
    if (f_eio >= 0 && (long)n > f_eio - delivered) /* stop exactly at byte N */
        n = (size_t)(f_eio - delivered);
    if (f_short && n > 1)
        n = 1;
    ssize_t r = read(fd, buf, n);
    if (r > 0)
        delivered += r;
    return r;
}

static int fail_now(void) { return ++allocations == f_enomem; }

static void *fault_malloc(size_t n) { return fail_now() ? NULL : malloc(n); }

static void *fault_realloc(void *p, size_t n) { return fail_now() ? NULL : realloc(p, n); }

void cli_test_hooks_install(void)
{
    const char *spec = getenv("AIGOV_CLI_FAULT");
    if (!spec)
        return;
    f_short = strstr(spec, "short") != NULL;
    f_eintr = strstr(spec, "eintr") != NULL;
    f_eagain = strstr(spec, "eagain") != NULL;
    const char *v;
    if ((v = strstr(spec, "eio=")))
        f_eio = strtol(v + 4, NULL, 10);
    if ((v = strstr(spec, "enomem=")))
        f_enomem = strtol(v + 7, NULL, 10);
    cli_io_table.read_fn = fault_read;
    cli_io_table.malloc_fn = fault_malloc;
    cli_io_table.realloc_fn = fault_realloc;
}
