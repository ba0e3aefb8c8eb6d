/* libFuzzer: arbitrary bytes as a descriptor (the reader and evaluation). */
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
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2027-12-02";
    const aigov_report *rep;
    if (aigov_eval(&rep, ctx, (const char *)data, size, &o, &err) == 0) {
        aigov_summary s;
        aigov_report_summary(&s, rep);
        for (size_t i = 0; i < aigov_report_question_count(rep); i++) {
            aigov_question q;
            aigov_report_question(&q, rep, i);
        }
    }
    return 0;
}
