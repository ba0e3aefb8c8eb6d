/* Shared helpers of the Check unit tests. */
#ifndef AIGOV_UNIT_H
#define AIGOV_UNIT_H
#include <check.h>
#include "aigov.h"

Suite *util_suite(void);
Suite *descriptor_suite(void);
Suite *compile_suite(void);
Suite *eval_suite(void);
Suite *api_suite(void);
/* Branch-coverage suites: each pins the error and edge paths of one part of lib/. */
Suite *compile_errors_suite(void);
Suite *render_edges_suite(void);
Suite *core_edges_suite(void);
Suite *emit_suite(void);
/* Issue 19: portfolio verdict, formats, blank strings, exact numbers, bounds, escaping. */
Suite *issue19_suite(void);
/* Issue 24: questions in full for a questionnaire. */
Suite *questions_suite(void);
/* Issue 21: the reader's 8/16-byte run scanners (both builds) and long strings through them. */
Suite *scan_suite(void);
Suite *scan_portable_suite(void);
Suite *reader_runs_suite(void);
/* Issue 21: enum name tables, their *_COUNT values and aigov_error_name. */
Suite *names_suite(void);
/* Issue 21: shared date cases compiled once, dates of rules that do not apply deferred. */
Suite *eval_less_suite(void);
/* Character classes of util/text.c, and the report filters and verdict edges. */
Suite *text_classes_suite(void);
Suite *report_filters_suite(void);
/* Issue 21 point 1: every accessor against the full JSON report, and their argument errors. */
Suite *accessors_suite(void);
/* Issue 21 point 3: the bulk lists against the per-item accessors. */
Suite *bulk_suite(void);

/* A small rule set: the manifest plus one source of facts/evidence/rules. */
aigov_table *unit_compile(const char *body, aigov_error *err, int *rc);
/* Evaluates json against t at as_of; returns the report (owned by *ctx). */
const aigov_report *unit_eval(aigov_ctx **ctx, const aigov_table *t, const char *json,
                              const char *as_of, aigov_error *err, int *rc);
/* The whole file at path, NUL-terminated (the caller frees it); fails the test when it
 * cannot be read. */
char *unit_slurp(const char *path);
/* Status of reported rule id, or -1. */
int unit_status(const aigov_report *r, const char *id);
#endif
