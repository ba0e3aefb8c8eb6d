/* The portable (SWAR) scanner, whatever the build's default. */
#define AG_SCAN_PORTABLE 1
#define SCAN_SUITE scan_portable_suite
#define SCAN_SUITE_NAME "scan (portable SWAR)"
#include "scan_cases.h"
