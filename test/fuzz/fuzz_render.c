/*
 * libFuzzer: evaluation and rendering in every format, descriptors of
 * several systems included (aigov_eval_render), at several as-of dates.
 * Checks: every rendering is NUL-terminated at *out_len and valid UTF-8; the
 * JSON and OSCAL renderings parse as JSON; text and markdown hold no control
 * character but the newline (a descriptor's strings must not smuggle
 * terminal escapes or carriage returns into a report); JSON is
 * deterministic and the same through aigov_report_render and
 * aigov_eval_render; a failure leaves no output and the same error in every
 * format (but AIGOV_ELIMIT from the output bound of several systems, which
 * the larger formats reach first).
 */
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const dates[] = {"2025-01-01", "2026-12-02", "2027-12-02", "2028-08-02", "2031-01-01"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static aigov_ctx *ctx;
    aigov_error err;
    if (!ctx && aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err))
        abort();
    const char *json = (const char *)data;
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = dates[size % (sizeof dates / sizeof *dates)];
    char *first_json = NULL;
    int first_rc = 1;
    char first_path[AIGOV_ERROR_PATH_MAX] = "";
    for (int format = AIGOV_FORMAT_JSON; format <= AIGOV_FORMAT_SOA_CSV; format++) {
        char *out = (char *)&err;
        size_t len = 7;
        memset(&err, 0x5a, sizeof err);
        int rc = aigov_eval_render(&out, &len, ctx, json, size, &o, format, &err);
        if (rc == AIGOV_ELIMIT && strstr(err.message, "AIGOV_RENDER_LIMIT")) {
            /* the output bound of several systems is on bytes: OSCAL passes it before text */
            FUZZ_REQUIRE(out == NULL && len == 0, "no output past the bound");
            fuzz_check_error(&err, rc, size, 0);
            continue;
        }
        if (first_rc == 1) {
            first_rc = rc;
            if (rc)
                memcpy(first_path, err.path, sizeof first_path);
        }
        FUZZ_REQUIRE(rc == first_rc, "the same status in every format");
        if (rc) {
            FUZZ_REQUIRE(out == NULL && len == 0, "no output on failure");
            fuzz_check_error(&err, rc, size, 1);
            FUZZ_REQUIRE(strcmp(err.path, first_path) == 0, "the same error path in every format");
            continue;
        }
        fuzz_check_output(out, len);
        if (format == AIGOV_FORMAT_TEXT || format == AIGOV_FORMAT_MARKDOWN)
            fuzz_check_plain(out);
        if (format == AIGOV_FORMAT_SOA_CSV)
            fuzz_check_csv(out);
        if (format == AIGOV_FORMAT_OSCAL || format == AIGOV_FORMAT_SARIF)
            fuzz_check_hrefs(out);
        if (format == AIGOV_FORMAT_JUNIT || format == AIGOV_FORMAT_HTML)
            fuzz_check_xml_chars(out, len);
        if (format == AIGOV_FORMAT_JSON || format == AIGOV_FORMAT_OSCAL || format == AIGOV_FORMAT_SARIF) {
            cJSON *doc = cJSON_ParseWithLength(out, len);
            FUZZ_REQUIRE(doc != NULL, "JSON, OSCAL and SARIF renderings are JSON");
            cJSON_Delete(doc);
        }
        if (format == AIGOV_FORMAT_JSON)
            first_json = out;
        else
            aigov_free(out);
    }
    if (first_json) {
        /* deterministic, and the same through aigov_report_render */
        const aigov_report *rep;
        size_t systems = 0;
        /* a {"systems":[...]} document renders as a portfolio even with one system:
         * only a single-system descriptor renders as its one report does */
        cJSON *doc = cJSON_Parse(first_json);
        int portfolio = cJSON_GetObjectItemCaseSensitive(doc, "systems") != NULL;
        cJSON_Delete(doc);
        if (!portfolio && aigov_eval_system(&rep, &systems, ctx, json, size, 0, &o, &err) == 0 && systems == 1) {
            char *again = NULL;
            size_t len;
            FUZZ_REQUIRE(aigov_report_render(&again, &len, rep, AIGOV_FORMAT_JSON, &err) == 0, "render again");
            FUZZ_REQUIRE(strcmp(again, first_json) == 0, "JSON rendering is deterministic");
            aigov_free(again);
        }
        aigov_free(first_json);
    }
    return 0;
}
