/* The build's scanner (SSE2 on x86-64), and the reader around it: long strings, escapes
 * and UTF-8 at every offset of the 8- and 16-byte steps. */
#define SCAN_SUITE scan_suite
#define SCAN_SUITE_NAME "scan"
#include "scan_cases.h"
