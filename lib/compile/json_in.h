/* Reading rule sources with cJSON: strict, case-sensitive, duplicate keys
 * rejected, every error with the JSON path. Never uses cJSON's global error
 * pointer (not thread-safe) or its case-insensitive getters. */
#ifndef AIGOV_COMPILE_JSON_IN_H
#define AIGOV_COMPILE_JSON_IN_H
#include <cjson/cJSON.h>
#include "aigov.h"

/* A JSON path being built while walking, e.g. "$.rules[3].when.all[1]". */
typedef struct ag_path {
    char s[AIGOV_ERROR_PATH_MAX];
    size_t len;
} ag_path;

void ag_path_root(ag_path *p);
/* Push returns the previous length, to pass to ag_path_pop. */
size_t ag_path_key(ag_path *p, const char *key);
size_t ag_path_index(ag_path *p, size_t i);
void ag_path_pop(ag_path *p, size_t mark);

/* Parses one source; on failure fills err (ESYNTAX / ELIMIT) and returns NULL. */
cJSON *ag_json_parse_source(const char *data, size_t len, const char *name, aigov_error *err);
/* Rejects duplicate keys anywhere in the tree; returns 0 or fills err. */
int ag_json_check_duplicates(const cJSON *node, ag_path *path, aigov_error *err);
/* Rejects keys of obj that are not in allowed (NULL-terminated). */
int ag_json_check_keys(const cJSON *obj, const char *const *allowed, ag_path *path,
                       aigov_error *err);
/* Case-sensitive member lookup. */
const cJSON *ag_json_get(const cJSON *obj, const char *key);
#endif
