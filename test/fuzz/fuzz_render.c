/* libFuzzer: evaluation and rendering in every format, incl. descriptors of
 * several systems (aigov_eval_render). */
#include <stddef.h>
#include <stdint.h>
#include "aigov.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static aigov_ctx *ctx;
    aigov_error err;
    if (!ctx && aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err))
        return 0;
    static const char *dates[] = {"2025-01-01", "2026-12-02", "2028-08-02", "2031-01-01"};
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = dates[size % 4];
    for (int format = 0; format < 4; format++) {
        char *out = NULL;
        size_t len;
        aigov_eval_render(&out, &len, ctx, (const char *)data, size, &o, format, &err);
        aigov_free(out);
    }
    return 0;
}
