/* aigov eval --ndjson: one descriptor per line in, one report (or error)
 * per line out, in input order, with N threads sharing one table. Lines are
 * read in batches so a stream of any length runs in bounded memory. */
#include <pthread.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

/* Lines per batch: enough to keep every thread busy, few enough that the
 * rendered reports (100-300 KB each) of two batches stay well inside one of
 * glibc's 64 MB thread heaps. At 256 lines they did not: each batch mapped
 * and unmapped fresh heaps, and page faults ate the second thread's gain
 * (1.4x instead of 1.9x from 1 to 2 jobs, and 3x the resident memory). */
#define BATCH 64

typedef struct line {
    char *text;
    size_t len;
    char *out;     /* rendered report, or NULL */
    size_t out_len;
    aigov_error err;
    int rc;
} line;

typedef struct batch {
    line *lines;
    size_t n;
    atomic_size_t next;
    const aigov_table *table;
    const aigov_eval_options *opts;
    int format;
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
        l->out = NULL;
        l->rc = aigov_eval_render(&l->out, &l->out_len, w->ctx, l->text, l->len, b->opts,
                                  b->format, &l->err);
    }
    return NULL;
}

static int read_line(FILE *f, char **text, size_t *len)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t n = getline(&buf, &cap, f);
    if (n < 0) {
        free(buf);
        return 0;
    }
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    *text = buf;
    *len = (size_t)n;
    return 1;
}

static void print_error(FILE *out, const line *l, size_t lineno)
{
    fprintf(out, "{\"error\":{\"code\":\"%s\",\"message\":", cli_code_name(l->rc));
    cli_json_str(out, l->err.message);
    fputs(",\"path\":", out);
    cli_json_str(out, l->err.path);
    fprintf(out, ",\"line\":%zu}}\n", lineno);
}

static size_t read_batch(FILE *in, line *lines)
{
    size_t n = 0;
    while (n < BATCH && read_line(in, &lines[n].text, &lines[n].len))
        n++;
    return n;
}

static void write_batch(line *lines, size_t n, size_t *lineno, int format)
{
    for (size_t i = 0; i < n; i++) {
        line *l = &lines[i];
        ++*lineno;
        if (l->rc == 0) {
            fwrite(l->out, 1, l->out_len, stdout);
            if (format == AIGOV_FORMAT_JSON || format == AIGOV_FORMAT_OSCAL)
                fputc('\n', stdout);
        } else {
            print_error(stdout, l, *lineno);
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
               int jobs, int format)
{
    FILE *in = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!in) {
        fprintf(stderr, "aigov: cannot open %s\n", path);
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
    batch b;
    memset(&b, 0, sizeof b);
    b.table = table;
    b.opts = opts;
    b.format = format;
    int rc = 0;
    if (!ws || !bufs[0] || !bufs[1]) {
        fprintf(stderr, "aigov: out of memory\n");
        rc = 2;
        goto done;
    }
    for (int k = 0; k < jobs; k++) {
        aigov_error err;
        ws[k].b = &b;
        if (aigov_ctx_new(&ws[k].ctx, table, NULL, &err)) {
            fprintf(stderr, "aigov: %s\n", err.message);
            rc = 2;
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
        write_batch(bufs[1 - cur], n_prev, &lineno, format);
        size_t n_next = read_batch(in, bufs[1 - cur]);
        if (threaded)
            join(ws, jobs);
        /* the batch just evaluated is written next round */
        n_prev = n_cur;
        n_cur = n_next;
        cur = 1 - cur;
        if (n_cur == 0) {
            write_batch(bufs[1 - cur], n_prev, &lineno, format);
            n_prev = 0;
        }
    }
done:
    if (ws)
        for (int k = 0; k < jobs; k++)
            aigov_ctx_free(ws[k].ctx);
    free(ws);
    free(bufs[0]);
    free(bufs[1]);
    if (in != stdin)
        fclose(in);
    if (fflush(stdout) != 0)
        rc = 2;
    return rc;
}
