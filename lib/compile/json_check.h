/* Strict JSON well-formedness check of a rule source (RFC 8259, UTF-8), run
 * before cJSON parses it: exact error positions, and a clean line between a
 * malformed file and an allocation failure inside cJSON. No allocation. */
#ifndef AIGOV_COMPILE_JSON_CHECK_H
#define AIGOV_COMPILE_JSON_CHECK_H
#include <stddef.h>
#include "aigov.h"

/* 0 when data[0..len) is one well-formed JSON value; otherwise AIGOV_ESYNTAX
 * (or AIGOV_ELIMIT for nesting or number length), with the byte offset and a
 * static reason in *err_off and *why. */
int ag_json_check(const char *data, size_t len, size_t *err_off, const char **why);
#endif
