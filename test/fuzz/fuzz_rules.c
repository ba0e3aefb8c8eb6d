/*
 * libFuzzer: the rule compiler (aigov_table_compile) on mutated rule sources.
 * The input is split into rule source documents at each "\n--8<--\n"; when
 * none of them holds the manifest, a fixed manifest is added first. So a
 * seed can be one rule file, or a manifest, the facts, the evidence and a
 * rule file together (which compiles, and mutations of which reach the
 * compiler's deeper checks). A table that compiles is then used: contexts,
 * evaluation at several dates, every renderer, the catalogue, explain for
 * every rule, the descriptor schema (which must be JSON).
 */
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTS 64

static const char *const descriptors[] = {
    "{}",
    "{\"organisation\":{\"name\":\"x\"},\"operator\":{\"roles\":[\"provider\",\"deployer\"]},"
    "\"system\":{\"is_ai_system\":true}}",
};

static void use_table(const aigov_table *t)
{
    aigov_error err;
    FUZZ_REQUIRE(strncmp(aigov_table_hash(t), "sha256:", 7) == 0, "hash");
    aigov_ctx *ctx;
    FUZZ_REQUIRE(aigov_ctx_new(&ctx, t, NULL, &err) == 0, "a context for a compiled table");
    static const char *const dates[] = {"2024-01-01", "2027-12-02", "2031-01-01"};
    for (size_t d = 0; d < 3; d++)
        for (size_t k = 0; k < sizeof descriptors / sizeof *descriptors; k++) {
            aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
            o.as_of = dates[d];
            for (int format = AIGOV_FORMAT_JSON; format <= AIGOV_FORMAT_SOA_CSV; format++) {
                char *out = NULL;
                size_t len;
                int rc = aigov_eval_render(&out, &len, ctx, descriptors[k], strlen(descriptors[k]), &o, format, &err);
                if (rc) {
                    /* the descriptor may not fit the fuzzed facts */
                    fuzz_check_error(&err, rc, strlen(descriptors[k]), 1);
                    FUZZ_REQUIRE(rc == AIGOV_EINPUT || rc == AIGOV_ELIMIT, "a descriptor error");
                    break;
                }
                fuzz_check_output(out, len);
                if (format == AIGOV_FORMAT_JSON || format == AIGOV_FORMAT_OSCAL || format == AIGOV_FORMAT_SARIF) {
                    cJSON *j = cJSON_ParseWithLength(out, len);
                    FUZZ_REQUIRE(j != NULL, "rendered JSON parses");
                    cJSON_Delete(j);
                    if (format != AIGOV_FORMAT_JSON)
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
        }
    aigov_ctx_free(ctx);
    for (int format = AIGOV_FORMAT_JSON; format <= AIGOV_FORMAT_OSCAL; format++) {
        char *out = NULL;
        size_t len;
        FUZZ_REQUIRE(aigov_table_render_rules(&out, &len, t, format, &err) == 0, "the catalogue renders");
        fuzz_check_output(out, len);
        if (format == AIGOV_FORMAT_OSCAL)
            fuzz_check_hrefs(out);
        else if (format != AIGOV_FORMAT_JSON)
            fuzz_check_plain(out);
        aigov_free(out);
    }
    size_t n = aigov_table_rule_count(t);
    for (size_t i = 0; i < n && i < 64; i++) {
        aigov_rule_info info;
        FUZZ_REQUIRE(aigov_table_rule(&info, t, i) == 0 && info.id, "rule info");
        size_t at;
        FUZZ_REQUIRE(aigov_table_find_rule(&at, t, info.id) == 0 && at == i, "find_rule finds it");
        char *out = NULL;
        size_t len;
        FUZZ_REQUIRE(aigov_table_explain(&out, &len, t, info.id, &err) == 0, "explain every rule");
        fuzz_check_output(out, len);
        aigov_free(out);
    }
    char *schema = NULL;
    size_t len;
    FUZZ_REQUIRE(aigov_table_descriptor_schema(&schema, &len, t, &err) == 0, "the schema renders");
    fuzz_check_output(schema, len);
    cJSON *j = cJSON_ParseWithLength(schema, len);
    FUZZ_REQUIRE(j != NULL, "the descriptor schema is JSON");
    cJSON_Delete(j);
    aigov_free(schema);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    aigov_source src[MAX_PARTS + 1];
    int has_manifest;
    size_t n = fuzz_split_sources(src, MAX_PARTS + 1, data, size, &has_manifest);
    const aigov_source *first = has_manifest ? src + 1 : src;
    size_t count = has_manifest ? n - 1 : n;
    aigov_table *t = (aigov_table *)&n;
    aigov_error err;
    memset(&err, 0x5a, sizeof err);
    int rc = aigov_table_compile(&t, first, count, NULL, &err);
    if (rc) {
        FUZZ_REQUIRE(t == NULL, "no table on failure");
        FUZZ_REQUIRE(rc == AIGOV_ERULES || rc == AIGOV_ESYNTAX || rc == AIGOV_ELIMIT, "a rule-source error");
        fuzz_check_error(&err, rc, size, 0);
        FUZZ_REQUIRE(err.path[0] == '\0' || err.path[0] == '$', "the path is empty or a JSON path");
        return 0;
    }
    use_table(t);
    aigov_table_free(t);
    return 0;
}
