#ifndef AIGOV_RENDER_PRETTY_H
#define AIGOV_RENDER_PRETTY_H
#include "util/buf.h"
/* Appends compact JSON s re-indented with two spaces and a final newline. */
void ag_json_pretty(ag_buf *b, const char *s);
#endif
