/* libFuzzer: the rule compiler on mutated rule sources (a fixed manifest
 * plus the input as a second source). */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "aigov.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char manifest[] =
        "{\"format\":\"aigov-rules/1\",\"manifest\":{\"revision\":\"f\",\"frameworks\":"
        "[{\"id\":\"eu_ai_act\",\"name\":\"AI Act\"},{\"id\":\"iso42001\",\"name\":\"ISO\"}]}}";
    aigov_source src[2] = {{"manifest.json", manifest, sizeof manifest - 1},
                           {"fuzz.json", (const char *)data, size}};
    aigov_table *t = NULL;
    aigov_error err;
    if (aigov_table_compile(&t, src, 2, NULL, &err) == 0) {
        aigov_ctx *ctx;
        if (aigov_ctx_new(&ctx, t, NULL, &err) == 0) {
            aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
            o.as_of = "2028-01-01";
            char *out = NULL;
            aigov_eval_render(&out, NULL, ctx, "{}", 2, &o, AIGOV_FORMAT_JSON, &err);
            aigov_free(out);
            aigov_ctx_free(ctx);
        }
        char *s = NULL;
        aigov_table_descriptor_schema(&s, NULL, t, &err);
        aigov_free(s);
        aigov_table_free(t);
    }
    return 0;
}
