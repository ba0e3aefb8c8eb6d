/* aigov eval --ndjson: one descriptor per line in, one report (or error)
 * per line out, in input order, with N threads sharing one table. Lines are
 * read in batches so a stream of any length runs in bounded memory.
 * Every input line yields exactly one output line: a line over the limit, one
 * that could not be held in memory and one cut by a read error each get an
 * error object in their place. The exit status is the worst a line would
 * have given alone (aigov.1, EXIT STATUS). */
#include <errno.h>
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"

/* Lines per batch: enough to keep every thread busy, few enough that the
 * rendered reports (100-300 KB each) of two batches stay well inside one of
 * glibc's 64 MB thread heaps. At 256 lines they did not: each batch mapped
 * and unmapped fresh heaps, and page faults ate the second thread's gain
 * (1.4x instead of 1.9x from 1 to 2 jobs, and 3x the resident memory). */
#define BATCH 64

typedef struct line {
    char *text;    /* NULL when reading already failed the line (rc set) */
    size_t len;
    char *out;     /* rendered report, or NULL */
    size_t out_len;
    aigov_error err;
    int rc;
    int failing;   /* the --fail-on policy fails this line */
} line;

typedef struct batch {
    line *lines;
    size_t n;
    atomic_size_t next;
    const aigov_table *table;
    const aigov_eval_options *opts;
    int format, fail_on;
} batch;

typedef struct worker {
    batch *b;
    aigov_ctx *ctx;
    pthread_t th;
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    batch *b = w->b;
    for (;;) {
        size_t i = atomic_fetch_add(&b->next, 1);
        if (i >= b->n)
            break;
        line *l = &b->lines[i];
        if (!l->text)
            continue;
        aigov_verdict v; /* the one verdict `aigov eval FILE` gives too */
        l->rc = aigov_eval_verdict(&v, &l->out, &l->out_len, w->ctx, l->text, l->len, b->opts,
                                   b->format, b->fail_on, &l->err);
        l->failing = v.failing;
    }
    return NULL;
}

/* A line that reading already failed: no text, and an error as the library
 * would report it (the caller words the message). */
static char *read_failed(line *l, int code)
{
    l->text = NULL;
    l->rc = code;
    memset(&l->err, 0, sizeof l->err);
    l->err.code = code;
    if (code == AIGOV_ELIMIT) /* as the library's own "descriptor is N bytes" */
        strcpy(l->err.path, "$");
    return l->err.message;
}

/* Reads up to BATCH lines; stops early at the end or at a read error. */
static size_t read_batch(cli_lines *in, line *lines)
{
    size_t n = 0, cap = sizeof lines[0].err.message;
    while (n < BATCH) {
        line *l = &lines[n];
        int rc = cli_line_next(in, &l->text, &l->len);
        l->out = NULL;
        l->rc = 0;
        l->failing = 0;
        if (rc == CLI_READ_EOF)
            break;
        if (rc == CLI_READ_LIMIT) {
            snprintf(read_failed(l, AIGOV_ELIMIT), cap,
                     "line is %zu bytes; the limit is %zu (skipped, not read whole)", l->len, in->limit);
        } else if (rc == CLI_READ_NOMEM) {
            snprintf(read_failed(l, AIGOV_ENOMEM), cap, "out of memory holding a line of %zu bytes",
                     l->len);
        } else if (rc == CLI_READ_ERROR) {
            if (l->len == 0) /* between lines: no line was cut */
                break;
            snprintf(read_failed(l, CLI_EREAD), cap, "read error after %zu bytes of this line: %s",
                     l->len, strerror(in->err_no));
            n++;
            break;
        }
        n++;
    }
    return n;
}

static void print_error(FILE *out, const line *l, size_t lineno)
{
    fprintf(out, "{\"error\":{\"code\":\"%s\",\"message\":", cli_code_name(l->rc));
    cli_json_str(out, l->err.message);
    fputs(",\"path\":", out);
    cli_json_str(out, l->err.path);
    fprintf(out, ",\"line\":%zu}}\n", lineno);
}

/* Writes a batch in order; *worst becomes the exit status so far. */
static void write_batch(line *lines, size_t n, size_t *lineno, int format, int *worst)
{
    for (size_t i = 0; i < n; i++) {
        line *l = &lines[i];
        ++*lineno;
        if (l->rc == 0) {
            fwrite(l->out, 1, l->out_len, stdout);
            int base = format & ~AIGOV_RENDER_FULL;
            if (base == AIGOV_FORMAT_JSON || base == AIGOV_FORMAT_OSCAL)
                fputc('\n', stdout);
            if (l->failing && *worst < 1)
                *worst = 1;
        } else {
            print_error(stdout, l, *lineno);
            *worst = 2;
        }
        aigov_free(l->out);
        free(l->text);
        l->out = l->text = NULL;
    }
}

static int start(worker *ws, int jobs)
{
    for (int k = 0; k < jobs; k++)
        if (pthread_create(&ws[k].th, NULL, work, &ws[k]) != 0) {
            for (int j = 0; j < k; j++)
                pthread_join(ws[j].th, NULL);
            return -1;
        }
    return 0;
}

static void join(worker *ws, int jobs)
{
    for (int k = 0; k < jobs; k++)
        pthread_join(ws[k].th, NULL);
}

/* Double-buffered: while the workers evaluate one batch, this thread writes
 * the previous batch's reports and reads the next batch's lines. */
int cli_ndjson(const aigov_table *table, const char *path, const aigov_eval_options *opts,
               int jobs, int format, int fail_on)
{
    int fd = cli_open(path);
    if (fd < 0) {
        cli_warn("cannot open %s: %s", cli_name(path), strerror(errno));
        return 2;
    }
    if (jobs < 1)
        jobs = 1;
#ifdef __GLIBC__
    /* Reports of ~100 KB would each be an mmap/munmap pair with page faults
     * under glibc's defaults; keep them on the heap and the heap untrimmed. */
    mallopt(M_MMAP_THRESHOLD, 16 << 20);
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
#endif
    worker *ws = calloc((size_t)jobs, sizeof *ws);
    line *bufs[2] = {calloc(BATCH, sizeof(line)), calloc(BATCH, sizeof(line))};
    cli_lines *in = malloc(sizeof *in);
    batch b;
    memset(&b, 0, sizeof b);
    b.table = table;
    b.opts = opts;
    b.format = format;
    b.fail_on = fail_on;
    int worst = 0;
    if (!ws || !bufs[0] || !bufs[1] || !in) {
        cli_warn("out of memory");
        worst = 2;
        goto done;
    }
    cli_lines_init(in, fd, opts->max_input ? opts->max_input : AIGOV_DEFAULT_MAX_INPUT);
    for (int k = 0; k < jobs; k++) {
        aigov_error err;
        ws[k].b = &b;
        if (aigov_ctx_new(&ws[k].ctx, table, NULL, &err)) {
            cli_warn("%s", err.message);
            worst = 2;
            goto done;
        }
    }
    size_t lineno = 0, n_cur = read_batch(in, bufs[0]), n_prev = 0;
    int cur = 0;
    while (n_cur > 0) {
        b.lines = bufs[cur];
        b.n = n_cur;
        atomic_store(&b.next, 0);
        int threaded = jobs > 1 && start(ws, jobs) == 0;
        if (!threaded)
            work(&ws[0]);
        write_batch(bufs[1 - cur], n_prev, &lineno, format, &worst);
        size_t n_next = read_batch(in, bufs[1 - cur]);
        if (threaded)
            join(ws, jobs);
        /* the batch just evaluated is written next round */
        n_prev = n_cur;
        n_cur = n_next;
        cur = 1 - cur;
        if (n_cur == 0) {
            write_batch(bufs[1 - cur], n_prev, &lineno, format, &worst);
            n_prev = 0;
        }
    }
    if (in->err_no) {
        cli_warn("cannot read %s: %s (after %zu lines)", cli_name(path), strerror(in->err_no), lineno);
        worst = 2;
    }
done:
    if (ws)
        for (int k = 0; k < jobs; k++)
            aigov_ctx_free(ws[k].ctx);
    free(ws);
    free(bufs[0]);
    free(bufs[1]);
    free(in);
    if (fd != STDIN_FILENO)
        close(fd);
    return worst;
}
