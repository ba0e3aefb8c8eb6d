/* Shared pieces of the aigov command-line host. The CLI holds no legal
 * logic: it reads files, calls the library and prints what it renders. */
#ifndef AIGOV_CLI_H
#define AIGOV_CLI_H
#include <stddef.h>
#include <stdio.h>
#include "aigov.h"

/* Reads a whole file ("-" = stdin). Returns a malloc'd buffer or NULL. */
char *cli_slurp(const char *path, size_t *len);
/* Name of a status code, e.g. "AIGOV_EINPUT". */
const char *cli_code_name(int code);
/* Writes s as a JSON string literal. */
void cli_json_str(FILE *out, const char *s);
/* aigov eval --ndjson: returns the process exit code. */
int cli_ndjson(const aigov_table *table, const char *path, const aigov_eval_options *opts,
               int jobs, int format);
#endif
