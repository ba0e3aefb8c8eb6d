/*
 * libFuzzer: custom rule tables evaluated against hostile descriptors. The
 * input is split at each "\n--8<--\n": every part but the last is a rule
 * source (a fixed manifest is added when none has one), the last part is
 * the descriptor (one system or a portfolio). When the table compiles, the
 * descriptor is evaluated with aigov_eval_verdict in every format.
 * Invariants: errors are documented codes; the verdict is the same in every
 * format and fails closed on error; the rendered JSON's summaries add up to
 * the verdict's (every system's and the organisation's part); text and
 * markdown hold no control character but '\n', and no line or paragraph
 * separator or bidirectional control, whatever the table or descriptor says;
 * an OSCAL href never has a scheme other than http, https or urn.
 */
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTS 8

static size_t num(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    FUZZ_REQUIRE(cJSON_IsNumber(v), "a summary count");
    return (size_t)v->valuedouble;
}

static void add_part(aigov_summary *s, size_t *legal, const cJSON *part)
{
    const cJSON *sum = cJSON_GetObjectItemCaseSensitive(part, "summary");
    *legal += num(sum, "legal_in_force_gaps");
    s->total += num(sum, "total");
    s->met += num(sum, "met");
    s->gap += num(sum, "gap");
    s->unknown += num(sum, "unknown");
    s->not_applicable += num(sum, "not_applicable");
    s->in_force_gaps += num(sum, "in_force_gaps");
}

static void check_json(const char *out, size_t len, const aigov_verdict *v)
{
    cJSON *j = cJSON_ParseWithLength(out, len);
    FUZZ_REQUIRE(j != NULL, "rendered JSON parses");
    aigov_summary s;
    size_t legal = 0; /* in-force gaps outside ISO/IEC 42001: what the default gate counts */
    memset(&s, 0, sizeof s);
    const cJSON *systems = cJSON_GetObjectItemCaseSensitive(j, "systems");
    if (systems) {
        const cJSON *sys;
        cJSON_ArrayForEach(sys, systems)
            add_part(&s, &legal, sys);
        add_part(&s, &legal, cJSON_GetObjectItemCaseSensitive(j, "organisation"));
        FUZZ_REQUIRE((size_t)cJSON_GetArraySize(systems) == v->systems, "one JSON part per system");
    } else {
        add_part(&s, &legal, j);
        FUZZ_REQUIRE(v->systems == 1, "one system");
    }
    FUZZ_REQUIRE(s.total == v->summary.total && s.met == v->summary.met && s.gap == v->summary.gap &&
                     s.unknown == v->summary.unknown && s.not_applicable == v->summary.not_applicable &&
                     s.in_force_gaps == v->summary.in_force_gaps,
                 "the JSON summaries add up to the verdict");
    FUZZ_REQUIRE(legal <= s.in_force_gaps, "the legal gate's gaps are some of the gaps in force");
    FUZZ_REQUIRE(v->failing == (v->prohibited > 0 || legal > 0), "fail-on gap: prohibited or a legal gap in force");
    cJSON_Delete(j);
}

static void use_table(const aigov_table *t, const char *desc, size_t dlen)
{
    aigov_ctx *ctx;
    aigov_error err;
    FUZZ_REQUIRE(aigov_ctx_new(&ctx, t, NULL, &err) == 0, "a context for a compiled table");
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = "2028-01-01";
    o.max_depth = 16;
    aigov_verdict first;
    int first_rc = 1;
    for (int format = AIGOV_FORMAT_JSON; format <= AIGOV_FORMAT_SOA_CSV; format++) {
        aigov_verdict v;
        char *out = (char *)&v;
        size_t len = 7;
        int rc = aigov_eval_verdict(&v, &out, &len, ctx, desc, dlen, &o, format, AIGOV_FAIL_ON_GAP, &err);
        if (rc) {
            fuzz_check_error(&err, rc, dlen, 0);
            FUZZ_REQUIRE(out == NULL && len == 0 && v.failing == 1, "an error renders nothing and fails closed");
            if (first_rc == 1)
                first_rc = rc;
            continue;
        }
        fuzz_check_output(out, len);
        if (first_rc == 1) {
            first = v;
            first_rc = 0;
        } else if (first_rc == 0) {
            FUZZ_REQUIRE(memcmp(&first, &v, sizeof v) == 0, "the same verdict in every format");
        }
        FUZZ_REQUIRE(!v.failing || v.prohibited > 0 || v.summary.in_force_gaps > 0, "fail-on gap fails on something");
        if (format == AIGOV_FORMAT_JSON) {
            check_json(out, len, &v);
        } else if (format == AIGOV_FORMAT_OSCAL || format == AIGOV_FORMAT_SARIF) {
            cJSON *doc = cJSON_ParseWithLength(out, len);
            FUZZ_REQUIRE(doc != NULL, "OSCAL and SARIF renderings are JSON");
            cJSON_Delete(doc);
            fuzz_check_hrefs(out);
        } else if (format == AIGOV_FORMAT_JUNIT || format == AIGOV_FORMAT_HTML) {
            fuzz_check_xml_chars(out, len);
        } else if (format == AIGOV_FORMAT_SOA_CSV) {
            fuzz_check_csv(out);
        } else {
            fuzz_check_plain(out);
        }
        aigov_free(out);
    }
    aigov_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    aigov_source src[MAX_PARTS + 1];
    int has_manifest;
    size_t n = fuzz_split_sources(src, MAX_PARTS + 1, data, size, &has_manifest);
    if (n < 3)
        return 0; /* a rule source and a descriptor at least */
    /* the last part is the descriptor */
    const char *desc = src[n - 1].data;
    size_t dlen = src[n - 1].len;
    n--;
    const aigov_source *first = has_manifest ? src + 1 : src;
    size_t count = has_manifest ? n - 1 : n;
    aigov_table *t = NULL;
    aigov_error err;
    int rc = aigov_table_compile(&t, first, count, NULL, &err);
    if (rc) {
        FUZZ_REQUIRE(t == NULL, "no table on failure");
        fuzz_check_error(&err, rc, size, 0);
        return 0;
    }
    use_table(t, desc, dlen);
    aigov_table_free(t);
    return 0;
}
