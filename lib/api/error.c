/* Public entry points on status codes: their description and their name. Every code is a
 * valid argument (a code the library does not define gets a fixed fallback text), so
 * there is nothing to check. */
#include "util/error.h"

const char *aigov_strerror(int code) { return ag_strerror(code); }
const char *aigov_error_name(int code) { return ag_error_name(code); }
