#include "compile/json_in.h"
#include <stdio.h>
#include <string.h>
#include "compile/json_check.h"
#include "util/error.h"

#define AG_MAX_SOURCE (16u << 20)

void ag_path_root(ag_path *p)
{
    p->s[0] = '$';
    p->s[1] = '\0';
    p->len = 1;
}

static size_t path_advance(ag_path *p, int n)
{
    size_t mark = p->len;
    if (n > 0)
        p->len += (size_t)n < sizeof p->s - p->len ? (size_t)n : sizeof p->s - p->len - 1;
    return mark;
}

size_t ag_path_key(ag_path *p, const char *key)
{
    return path_advance(p, snprintf(p->s + p->len, sizeof p->s - p->len, ".%s", key));
}

size_t ag_path_index(ag_path *p, size_t i)
{
    return path_advance(p, snprintf(p->s + p->len, sizeof p->s - p->len, "[%zu]", i));
}

void ag_path_pop(ag_path *p, size_t mark)
{
    p->len = mark;
    p->s[mark] = '\0';
}

cJSON *ag_json_parse_source(const char *data, size_t len, const char *name, aigov_error *err)
{
    if (len > AG_MAX_SOURCE) {
        ag_err(err, AIGOV_ELIMIT, "rule source is %zu bytes; at most %u accepted", len,
               AG_MAX_SOURCE);
        ag_err_source(err, name, NULL);
        return NULL;
    }
    size_t off = 0;
    const char *why = NULL;
    int code = ag_json_check(data, len, &off, &why);
    if (code) {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < off; i++) { /* ag_json_check never reports past len */
            col = data[i] == '\n' ? 1 : col + 1;
            line += data[i] == '\n';
        }
        ag_err(err, code, "malformed JSON at line %zu, column %zu (byte %zu): %s", line, col, off,
               why);
        ag_err_source(err, name, NULL);
        if (err)
            err->offset = off;
        return NULL;
    }
    /* well-formed, so a NULL from cJSON can only mean its allocator failed */
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, NULL, 0);
    if (!root) {
        ag_err(err, AIGOV_ENOMEM, "out of memory parsing the rule source");
        ag_err_source(err, name, NULL);
    }
    return root;
}

int ag_json_check_duplicates(const cJSON *node, ag_path *path, aigov_error *err)
{
    size_t i = 0;
    for (const cJSON *c = node->child; c; c = c->next, i++) { /* node: a parsed root or its child */
        size_t mark;
        if (cJSON_IsObject(node)) {
            for (const cJSON *d = node->child; d != c; d = d->next)
                if (strcmp(d->string, c->string) == 0) {
                    mark = ag_path_key(path, c->string);
                    ag_err_path(err, path->s);
                    ag_path_pop(path, mark);
                    return ag_err(err, AIGOV_ERULES, "duplicate key '%s'", c->string);
                }
            mark = ag_path_key(path, c->string);
        } else {
            mark = ag_path_index(path, i);
        }
        int rc = ag_json_check_duplicates(c, path, err);
        ag_path_pop(path, mark);
        if (rc)
            return rc;
    }
    return 0;
}

int ag_json_check_keys(const cJSON *obj, const char *const *allowed, ag_path *path,
                       aigov_error *err)
{
    for (const cJSON *c = obj->child; c; c = c->next) {
        int ok = 0;
        for (const char *const *a = allowed; *a; a++)
            if (strcmp(*a, c->string) == 0)
                ok = 1;
        if (!ok) {
            size_t mark = ag_path_key(path, c->string);
            ag_err_path(err, path->s);
            ag_path_pop(path, mark);
            char list[160] = "";
            for (const char *const *a = allowed; *a; a++) {
                if (strlen(list) + strlen(*a) + 3 >= sizeof list)
                    break;
                if (a != allowed)
                    strcat(list, ", ");
                strcat(list, *a);
            }
            return ag_err(err, AIGOV_ERULES, "unknown key '%s'; expected one of: %s", c->string,
                          list);
        }
    }
    return 0;
}

const cJSON *ag_json_get(const cJSON *obj, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(obj, key);
}
