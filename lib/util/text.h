/* Text from descriptors and rule tables on its way into reports and
 * messages: blank tests and the escaping each context needs. */
#ifndef AIGOV_UTIL_TEXT_H
#define AIGOV_UTIL_TEXT_H
#include <stddef.h>
#include "util/buf.h"

/* 1 when s[0..n) (valid UTF-8) holds nothing a reader could see: empty,
 * white space only (Unicode White_Space) or zero-width characters only
 * (U+200B..U+200D, U+2060, U+FEFF). A blank string is no evidence. */
int ag_text_blank(const char *s, size_t n);

/* Length of the character at s if it must never reach a report or message
 * as it is, else 0: C0 controls, DEL, C1 controls (U+0080..U+009F), the
 * line and paragraph separators U+2028/U+2029, and the bidirectional
 * controls (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069).
 * s[0] is not the terminating NUL. */
size_t ag_text_unsafe_at(const unsigned char *s);

/* In place: every unsafe character becomes '?' (the string only shrinks). */
void ag_text_sanitize(char *s);

/* Appends text for a terminal or a plain-text report: unsafe characters
 * become '?', so a name cannot forge lines or reorder what follows. */
void ag_buf_text(ag_buf *b, const char *s);

/* Appends text as inline markdown (a heading, a table cell, a list item):
 * unsafe characters become a space and every ASCII punctuation character
 * that markdown or GFM can read as markup (links, images, emphasis, code,
 * HTML, tables, autolinks) is backslash-escaped. */
void ag_buf_md_inline(ag_buf *b, const char *s);
#endif
