/* Public entry points on the library itself: its version, and freeing what it returned.
 * Nothing to check (aigov_free takes NULL, as free does). */
#include "util/mem.h"

const char *aigov_version(void) { return AIGOV_VERSION_STRING; }
unsigned aigov_version_number(void) { return AIGOV_VERSION_NUMBER; }
void aigov_free(void *ptr) { ag_user_free(ptr); }
