/* Embedding libaigov in C: classify one descriptor and walk the report
 * without parsing JSON.   cc embed.c $(pkg-config --cflags --libs aigov) */
#include <aigov.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: embed DESCRIPTOR.json\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f)
        return 2;
    static char json[1 << 20];
    size_t len = fread(json, 1, sizeof json, f);
    fclose(f);

    /* The builtin table is immutable and shared; one context per thread. */
    const aigov_table *table = aigov_table_builtin();
    aigov_ctx *ctx;
    aigov_error err;
    if (aigov_ctx_new(&ctx, table, NULL, &err) != AIGOV_OK) {
        fprintf(stderr, "%s\n", err.message);
        return 2;
    }
    aigov_eval_options opts = AIGOV_EVAL_OPTIONS_INIT;
    opts.as_of = "2028-01-01";
    const aigov_report *report;
    if (aigov_eval(&report, ctx, json, len, &opts, &err) != AIGOV_OK) {
        fprintf(stderr, "%s at %s\n", err.message, err.path);
        aigov_ctx_free(ctx);
        return 2;
    }
    printf("libaigov %s: tier %s, GPAI %s\n", aigov_version(),
           aigov_tier_name(aigov_report_tier(report)), aigov_gpai_name(aigov_report_gpai(report)));
    for (size_t i = 0; i < aigov_report_obligation_count(report); i++) {
        aigov_obligation o = {.size = sizeof(aigov_obligation)};
        aigov_report_obligation(&o, report, i);
        if (o.status != AIGOV_STATUS_NOT_APPLICABLE)
            printf("  %-8s %-12s %-22s %s\n", aigov_status_name(o.status), o.applies_from,
                   o.citation, o.title);
    }
    for (size_t i = 0; i < aigov_report_question_count(report); i++) {
        aigov_question q;
        aigov_report_question(&q, report, i);
        printf("  ? %s\n", q.ask);
    }
    aigov_ctx_free(ctx);
    return 0;
}
