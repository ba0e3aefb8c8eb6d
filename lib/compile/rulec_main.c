/* aigov-rulec: the build-time rule compiler. Reads rule sources, validates
 * them exactly as aigov_table_compile does (ag_compile), and writes the table as C.
 *   aigov-rulec -o build/gen/builtin_table.c rules/manifest.json rules/...json */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile/compile.h"
#include "compile/emit_c.h"
#include "util/error.h"

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (n < cap)
            break;
        char *nb = realloc(buf, cap *= 2);
        if (!nb) {
            free(buf);
            buf = NULL;
        } else {
            buf = nb;
        }
    }
    fclose(f);
    *len = n;
    return buf;
}

int main(int argc, char **argv)
{
    const char *out_path = NULL;
    int first = 1;
    if (argc > 2 && strcmp(argv[1], "-o") == 0) {
        out_path = argv[2];
        first = 3;
    }
    if (!out_path || first >= argc) {
        fprintf(stderr, "usage: aigov-rulec -o OUT.c SOURCE.json...\n");
        return 2;
    }
    size_t n = (size_t)(argc - first);
    aigov_source *src = calloc(n, sizeof *src);
    for (size_t i = 0; src && i < n; i++) {
        src[i].name = argv[first + (int)i];
        src[i].data = slurp(src[i].name, &src[i].len);
        if (!src[i].data) {
            fprintf(stderr, "aigov-rulec: cannot read %s\n", src[i].name);
            return 2;
        }
    }
    aigov_table *t = NULL;
    aigov_error err;
    ag_err_clear(&err);
    int rc = ag_compile(&t, src, n, NULL, &err);
    if (rc) {
        fprintf(stderr, "%s: error: %s%s%s%s%s\n", err.source[0] ? err.source : "rules",
                err.rule_id[0] ? "rule " : "", err.rule_id, err.rule_id[0] ? ": " : "", err.message,
                "");
        if (err.path[0])
            fprintf(stderr, "  at %s\n", err.path);
        return 1;
    }
    FILE *o = fopen(out_path, "w");
    if (!o || ag_emit_c(o, t) != 0 || fclose(o) != 0) {
        fprintf(stderr, "aigov-rulec: cannot write %s\n", out_path);
        return 2;
    }
    fprintf(stderr, "aigov-rulec: %u rules, %u facts, %u evidence items -> %s\n", t->n_rules,
            t->n_facts, t->n_evidence, out_path);
    for (size_t i = 0; i < n; i++)
        free((void *)src[i].data);
    free(src);
    ag_table_free(t);
    return 0;
}
