/*
 * libFuzzer: arbitrary bytes as a descriptor, evaluated on the builtin table
 * (the descriptor reader, several-systems descriptors, evaluation and the
 * report accessors). Besides the sanitizers, it checks what the header
 * promises: an error is one of the documented codes with a well-formed
 * error struct and no report; a report's counts add up; evaluating twice
 * gives the same result.
 */
#include <stddef.h>
#include <stdint.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const dates[] = {"2024-08-01", "2025-08-02", "2026-12-02", "2027-12-02", "2028-08-02", "2031-01-01"};

static void check_report(const aigov_report *rep)
{
    aigov_summary s;
    FUZZ_REQUIRE(aigov_report_summary(&s, rep) == 0, "summary of a report");
    FUZZ_REQUIRE(s.met + s.gap + s.unknown + s.not_applicable == s.total, "statuses add up to the total");
    FUZZ_REQUIRE(s.in_force_gaps <= s.gap, "in-force gaps are gaps");
    FUZZ_REQUIRE(aigov_report_obligation_count(rep) == s.total, "one reported rule per obligation");
    int tier = aigov_report_tier(rep), gpai = aigov_report_gpai(rep);
    FUZZ_REQUIRE(tier >= AIGOV_TIER_OUT_OF_SCOPE && tier <= AIGOV_TIER_UNDETERMINED, "tier in range");
    FUZZ_REQUIRE(gpai >= AIGOV_GPAI_NONE && gpai <= AIGOV_GPAI_UNDETERMINED, "gpai in range");
    size_t gaps = 0;
    for (size_t i = 0; i < s.total; i++) {
        aigov_obligation o = {.size = sizeof(aigov_obligation)};
        FUZZ_REQUIRE(aigov_report_obligation(&o, rep, i) == 0 && o.id && o.citation && o.title, "obligation");
        FUZZ_REQUIRE(o.status >= AIGOV_STATUS_MET && o.status <= AIGOV_STATUS_NOT_APPLICABLE, "status in range");
        gaps += o.status == AIGOV_STATUS_GAP;
    }
    FUZZ_REQUIRE(gaps == s.gap, "gap count");
    aigov_obligation o = {.size = sizeof(aigov_obligation)};
    FUZZ_REQUIRE(aigov_report_obligation(&o, rep, s.total) == AIGOV_ENOTFOUND, "past the end");
    size_t nq = aigov_report_question_count(rep);
    FUZZ_REQUIRE(nq == s.questions, "question count");
    for (size_t i = 0; i < nq; i++) {
        aigov_question q;
        FUZZ_REQUIRE(aigov_report_question(&q, rep, i) == 0 && q.fact && q.ask, "question");
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static aigov_ctx *ctx;
    aigov_error err;
    if (!ctx && aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err))
        abort();
    const char *json = (const char *)data;
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = dates[size % (sizeof dates / sizeof *dates)];
    /* a small depth limit now and then, to reach the limit everywhere */
    o.max_depth = size % 7 == 3 ? 3 : 0;

    const aigov_report *rep = (const aigov_report *)&err;
    size_t systems = 0;
    memset(&err, 0x5a, sizeof err);
    int rc = aigov_eval_system(&rep, &systems, ctx, json, size, 0, &o, &err);
    if (rc) {
        FUZZ_REQUIRE(rep == NULL, "no report on failure");
        FUZZ_REQUIRE(rc == AIGOV_ESYNTAX || rc == AIGOV_EINPUT || rc == AIGOV_ELIMIT, "a descriptor error");
        fuzz_check_error(&err, rc, size, 1);
        FUZZ_REQUIRE(strcmp(err.source, "descriptor") == 0, "err->source is descriptor");
        /* aigov_eval agrees, with or without an error struct */
        FUZZ_REQUIRE(aigov_eval(&rep, ctx, json, size, &o, NULL) == rc, "aigov_eval agrees");
        return 0;
    }
    FUZZ_REQUIRE(systems >= 1 && systems <= 256, "systems counted");
    aigov_summary first;
    aigov_report_summary(&first, rep);
    check_report(rep);
    /* the other systems of a portfolio (a few of them) */
    for (size_t i = 1; i < systems && i < 4; i++) {
        rc = aigov_eval_system(&rep, NULL, ctx, json, size, i, &o, &err);
        if (rc) {
            fuzz_check_error(&err, rc, size, 1);
            FUZZ_REQUIRE(rc == AIGOV_ESYNTAX || rc == AIGOV_EINPUT || rc == AIGOV_ELIMIT, "a system's error");
        } else {
            check_report(rep);
        }
    }
    FUZZ_REQUIRE(aigov_eval_system(&rep, NULL, ctx, json, size, systems, &o, &err) == AIGOV_ENOTFOUND,
                 "index past the systems");
    /* aigov_eval: the same as system 0 for one system, refused for several */
    rc = aigov_eval(&rep, ctx, json, size, &o, &err);
    if (systems > 1) {
        FUZZ_REQUIRE(rc == AIGOV_EINPUT && strcmp(err.path, "$.systems") == 0, "several systems refused");
    } else {
        FUZZ_REQUIRE(rc == 0, "aigov_eval accepts what aigov_eval_system accepted");
        aigov_summary again;
        aigov_report_summary(&again, rep);
        FUZZ_REQUIRE(memcmp(&first, &again, sizeof first) == 0, "evaluation is deterministic");
    }
    return 0;
}
