/* The inputs of `aigov eval`: files, directories (every *.json directly in
 * them, in name order) and '-'; and how the reports of several inputs make
 * one output (cli.h). */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"

static int push(cli_inputs *in, char *path)
{
    if (in->n == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 8;
        char **p = realloc(in->path, cap * sizeof *p);
        if (!p) {
            free(path);
            return -1;
        }
        in->path = p;
        in->cap = cap;
    }
    in->path[in->n++] = path;
    return 0;
}

static int json_name(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 5 && strcmp(e->d_name + n - 5, ".json") == 0;
}

int cli_inputs_expand(cli_inputs *in, char **args, size_t n)
{
    int worst = 0;
    memset(in, 0, sizeof *in);
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (strcmp(args[k], "-") == 0 || cli_io_table.stat_fn(args[k], &st) != 0 || !S_ISDIR(st.st_mode)) {
            char *p = strdup(args[k]); /* a file, or what will fail to open with its reason */
            if (!p || push(in, p)) {
                cli_warn("out of memory listing the inputs");
                return 2;
            }
            continue;
        }
        struct dirent **list;
        int m = cli_io_table.scandir_fn(args[k], &list, json_name, alphasort);
        if (m < 0) {
            cli_warn("cannot read directory %s: %s", args[k], strerror(errno));
            worst = 2;
            continue;
        }
        if (m == 0) { /* fail closed: an empty directory is not a pass */
            cli_warn("%s: no *.json file in the directory", args[k]);
            worst = 2;
        }
        size_t dl = strlen(args[k]);
        int slash = dl && args[k][dl - 1] == '/';
        for (int j = 0; j < m; j++) {
            size_t len = dl + 1 + strlen(list[j]->d_name) + 1;
            char *p = malloc(len);
            if (p)
                snprintf(p, len, "%s%s%s", args[k], slash ? "" : "/", list[j]->d_name);
            free(list[j]);
            if (!p || push(in, p)) {
                while (++j < m)
                    free(list[j]);
                free(list);
                cli_warn("out of memory listing the inputs");
                return 2;
            }
        }
        free(list);
    }
    return worst;
}

void cli_inputs_free(cli_inputs *in)
{
    for (size_t k = 0; k < in->n; k++)
        free(in->path[k]);
    free(in->path);
    memset(in, 0, sizeof *in);
}

/* The library's SARIF for one descriptor is {...,"results":[R]," columnKind"...}
 * and its JUnit <testsuites>S</testsuites>: several inputs share the first
 * document's frame and add their results and suites. The rules are the same
 * table's, so every result's ruleIndex stays right. */
static const char sarif_open[] = "\"results\":[";
static const char sarif_close[] = "],\"columnKind\"";
static const char junit_open[] = "<testsuites>\n";
static const char junit_close[] = "</testsuites>\n";

void cli_combine_init(cli_combine *c, int format, size_t inputs)
{
    memset(c, 0, sizeof *c);
    c->format = format;
    c->inputs = inputs;
}

void cli_combine_add(cli_combine *c, const char *name, const char *out)
{
    size_t k = c->added++;
    switch (c->format) {
    case AIGOV_FORMAT_JSON:
    case AIGOV_FORMAT_OSCAL: /* one document per line */
        fputs(out, stdout);
        fputc('\n', stdout);
        return;
    case AIGOV_FORMAT_SARIF:
    case AIGOV_FORMAT_JUNIT: {
        int sarif = c->format == AIGOV_FORMAT_SARIF;
        const char *open = strstr(out, sarif ? sarif_open : junit_open);
        const char *close = open ? strstr(open, sarif ? sarif_close : junit_close) : NULL;
        if (!open || !close) { /* not the library's frame: print it whole rather than drop it */
            fputs(out, stdout);
            return;
        }
        const char *body = open + strlen(sarif ? sarif_open : junit_open);
        if (!c->frame_open) {
            fwrite(out, 1, (size_t)(body - out), stdout);
            c->tail = strdup(close);
            c->frame_open = 1;
        }
        if (sarif && close > body && c->any)
            fputc(',', stdout);
        fwrite(body, 1, (size_t)(close - body), stdout);
        c->any |= close > body;
        return;
    }
    default: /* text, markdown: one report after the other, under the file's name */
        if (c->inputs > 1) {
            if (c->format == AIGOV_FORMAT_MARKDOWN) {
                printf("%s## ", k ? "\n" : "");
                cli_put_safe(stdout, name);
                fputs("\n\n", stdout);
            } else {
                printf("%s==> ", k ? "\n" : "");
                cli_put_safe(stdout, name);
                fputs(" <==\n", stdout);
            }
        }
        fputs(out, stdout);
    }
}

void cli_combine_end(cli_combine *c)
{
    if (c->frame_open) {
        fputs(c->tail ? c->tail : "", stdout);
        if (c->format == AIGOV_FORMAT_SARIF)
            fputc('\n', stdout);
    }
    free(c->tail);
    c->tail = NULL;
}
