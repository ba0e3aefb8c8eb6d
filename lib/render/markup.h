/* Text for XML and HTML: what JUnit and the HTML page write of rule text and
 * descriptor strings, which may hold anything a JSON string can. */
#ifndef AIGOV_RENDER_MARKUP_H
#define AIGOV_RENDER_MARKUP_H
#include "util/buf.h"
/* Appends s escaped for XML 1.0 / HTML text and attribute values (&, <, >,
 * ", '): a character XML 1.0 forbids even escaped (C0 controls other than
 * tab, line feed and carriage return; U+FFFE, U+FFFF) and any invalid UTF-8
 * byte become U+FFFD, so hostile input can neither add markup nor make the
 * document unreadable. */
void ag_buf_xml(ag_buf *b, const char *s);
/* Appends s as a URI reference (RFC 3986): unreserved characters and '/'
 * kept, every other byte percent-encoded. */
void ag_buf_uri(ag_buf *b, const char *s);
#endif
