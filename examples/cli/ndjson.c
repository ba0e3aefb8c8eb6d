/* aigov eval --ndjson: one descriptor per line in, one report (or error)
 * per line out, in input order, with N threads sharing one table. Lines are
 * read in batches so a stream of any length runs in bounded memory. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"

#define BATCH 2048

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
    worker *ws = calloc((size_t)jobs, sizeof *ws);
    batch b;
    memset(&b, 0, sizeof b);
    b.lines = calloc(BATCH, sizeof *b.lines);
    b.table = table;
    b.opts = opts;
    b.format = format;
    int rc = 0;
    if (!ws || !b.lines) {
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
    size_t lineno = 0;
    for (;;) {
        b.n = 0;
        while (b.n < BATCH && read_line(in, &b.lines[b.n].text, &b.lines[b.n].len))
            b.n++;
        if (b.n == 0)
            break;
        atomic_store(&b.next, 0);
        if (jobs == 1) {
            work(&ws[0]);
        } else {
            for (int k = 0; k < jobs; k++)
                if (pthread_create(&ws[k].th, NULL, work, &ws[k]) != 0) {
                    fprintf(stderr, "aigov: cannot start a thread\n");
                    rc = 2;
                    goto done;
                }
            for (int k = 0; k < jobs; k++)
                pthread_join(ws[k].th, NULL);
        }
        for (size_t i = 0; i < b.n; i++) {
            line *l = &b.lines[i];
            lineno++;
            if (l->rc == 0) {
                fwrite(l->out, 1, l->out_len, stdout);
                if (format == AIGOV_FORMAT_JSON)
                    fputc('\n', stdout);
            } else {
                print_error(stdout, l, lineno);
            }
            aigov_free(l->out);
            free(l->text);
            l->out = l->text = NULL;
        }
    }
done:
    if (ws)
        for (int k = 0; k < jobs; k++)
            aigov_ctx_free(ws[k].ctx);
    free(ws);
    free(b.lines);
    if (in != stdin)
        fclose(in);
    if (fflush(stdout) != 0)
        rc = 2;
    return rc;
}
