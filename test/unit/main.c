#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

static const char *manifest =
    "{\"format\":\"aigov-rules/1\",\"manifest\":{\"revision\":\"t1\",\"frameworks\":"
    "[{\"id\":\"eu_ai_act\",\"name\":\"AI Act\"},{\"id\":\"iso42001\",\"name\":\"ISO\"}]}}";

char *unit_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
    long n = ftell(f);
    ck_assert_int_ge(n, 0);
    ck_assert_int_eq(fseek(f, 0, SEEK_SET), 0);
    char *s = malloc((size_t)n + 1);
    ck_assert(s != NULL);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = 0;
    fclose(f);
    return s;
}

aigov_table *unit_compile(const char *body, aigov_error *err, int *rc)
{
    aigov_source src[2] = {{"manifest.json", manifest, strlen(manifest)},
                           {"body.json", body, strlen(body)}};
    aigov_table *t = NULL;
    *rc = aigov_table_compile(&t, src, 2, NULL, err);
    return t;
}

const aigov_report *unit_eval(aigov_ctx **ctx, const aigov_table *t, const char *json,
                              const char *as_of, aigov_error *err, int *rc)
{
    if (!*ctx)
        ck_assert_int_eq(aigov_ctx_new(ctx, t, NULL, err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    const aigov_report *r = NULL;
    *rc = aigov_eval(&r, *ctx, json, strlen(json), &o, err);
    return r;
}

int unit_status(const aigov_report *r, const char *id)
{
    for (size_t i = 0; i < aigov_report_obligation_count(r); i++) {
        aigov_obligation o = {.size = sizeof(aigov_obligation)};
        aigov_report_obligation(&o, r, i);
        if (strcmp(o.id, id) == 0)
            return o.status;
    }
    return -1;
}

int main(void)
{
    SRunner *sr = srunner_create(util_suite());
    srunner_add_suite(sr, descriptor_suite());
    srunner_add_suite(sr, compile_suite());
    srunner_add_suite(sr, eval_suite());
    srunner_add_suite(sr, api_suite());
    srunner_add_suite(sr, compile_errors_suite());
    srunner_add_suite(sr, render_edges_suite());
    srunner_add_suite(sr, core_edges_suite());
    srunner_add_suite(sr, emit_suite());
    srunner_add_suite(sr, issue19_suite());
    srunner_add_suite(sr, questions_suite());
    srunner_add_suite(sr, scan_suite());
    srunner_add_suite(sr, scan_portable_suite());
    srunner_add_suite(sr, reader_runs_suite());
    srunner_add_suite(sr, names_suite());
    srunner_add_suite(sr, eval_less_suite());
    srunner_add_suite(sr, text_classes_suite());
    srunner_add_suite(sr, report_filters_suite());
    srunner_add_suite(sr, accessors_suite());
    srunner_add_suite(sr, bulk_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
