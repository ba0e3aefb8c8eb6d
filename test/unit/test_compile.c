/* The rule compiler: what a reviewer would reject, rejected with the file,
 * rule id and JSON path. */
#include <stdio.h>
#include <string.h>
#include "unit.h"

#define FACTS                                                                                      \
    "\"facts\":[{\"id\":\"s.flag\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"      \
    "{\"id\":\"s.kind\",\"type\":\"enum\",\"values\":[\"x\",\"y\"],\"description\":\"d\",\"ask\":\"a?\"},"  \
    "{\"id\":\"s.n\",\"type\":\"number\",\"min\":0,\"max\":100,\"description\":\"d\",\"ask\":\"a?\"}," \
    "{\"id\":\"s.dec\",\"type\":\"enum\",\"values\":[\"included\",\"excluded\"],\"description\":\"d\",\"ask\":\"a?\"}," \
    "{\"id\":\"s.why\",\"type\":\"string\",\"max_length\":100,\"description\":\"d\",\"ask\":\"a?\"}]," \
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}]"

#define RULE(id, extra)                                                                            \
    "{\"id\":\"" id "\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"Art. "  \
    "1\",\"title\":\"t\"" extra "}"

#define OBLIGATION(id, extra)                                                                      \
    "{\"id\":\"" id "\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\","    \
    "\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,"        \
    "\"evidence\":[\"doc\"]" extra "}"
#define FINDING(id, extra)                                                                         \
    "{\"id\":\"" id "\",\"kind\":\"finding\",\"framework\":\"eu_ai_act\",\"citation\":\"c\","       \
    "\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true" extra "}"
#define SOA(ctl, dec, why) ",\"soa\":{\"control\":\"" ctl "\",\"decision\":\"" dec "\",\"justification\":\"" why "\"}"

typedef struct bad {
    const char *body;
    const char *rule_id;
    const char *path;
    const char *in_message;
} bad;

static const bad cases[] = {
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":{\"fact\":\"s.nope\",\"is\":true}") "]}",
     "a.b", "$.rules[0].when", "unknown fact"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":{\"fact\":\"s.kind\",\"is\":true}") "]}",
     "a.b", "$.rules[0].when.is", "bool"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":{\"fact\":\"s.kind\",\"eq\":\"z\"}") "]}",
     "a.b", "$.rules[0].when.eq", "not a value"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":{\"fact\":\"s.n\",\"gt\":\"1\"}") "]}",
     "a.b", "$.rules[0].when.gt", "number"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":true") "," RULE("a.b", ",\"when\":true") "]}",
     "", "$.rules[1]", "duplicate rule id"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":{\"rule\":\"a.c\"}") "]}",
     "a.b", "$.rules[0].when.rule", "unknown rule"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":{\"rule\":\"a.c\"}") "," RULE("a.c", ",\"when\":{\"not\":{\"rule\":\"a.b\"}}") "]}",
     "a.b", "$", "depends on itself"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[{\"id\":\"a.b\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-30\",\"when\":true,\"evidence\":[\"doc\"]}]}",
     "a.b", "$.rules[0].applies_from", "date"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[{\"id\":\"a.b\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true}]}",
     "a.b", "$.rules[0].evidence", "evidence"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[{\"id\":\"a.b\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,\"evidence\":[\"nodoc\"]}]}",
     "a.b", "$.rules[0].evidence[0]", "unknown evidence"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[{\"id\":\"a.b\",\"kind\":\"obligation\",\"framework\":\"us_law\",\"citation\":\"c\",\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,\"evidence\":[\"doc\"]}]}",
     "a.b", "$.rules[0]", "not in the manifest"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":{\"all\":[]}") "]}",
     "a.b", "$.rules[0].when.all", "non-empty"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":true,\"colour\":1") "]}",
     "", "$.rules[0].colour", "unknown key"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("A.B", ",\"when\":true") "]}",
     "", "$.rules[0]", "must match"},
    {"{\"format\":\"aigov-rules/1\",\"facts\":[{\"id\":\"s.a\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a\"},{\"id\":\"s.a.b\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a\"}]}",
     "s.a.b", "$", "collides"},
    {"{\"format\":\"aigov-rules/1\",\"facts\":[{\"id\":\"s.a\",\"type\":\"bool\",\"description\":\"d\"}]}",
     "s.a", "$.facts[0]", "ask"},
    {"{\"format\":\"aigov-rules/1\",\"rules\":[],\"rules\":[]}", "", "$.rules", "duplicate key"},
    {"{\"format\":\"aigov-rules/2\"}", "", "$.format", "aigov-rules/1"},
    /* Statement of Applicability links (ISO/IEC 42001 6.1.3) */
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" OBLIGATION("a.b", SOA("A.6.2.8", "s.kind", "s.why")) "]}",
     "a.b", "$.rules[0].soa", "[included, excluded]"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" OBLIGATION("a.b", SOA("A.6.2.8", "s.dec", "s.flag")) "]}",
     "a.b", "$.rules[0].soa", "string fact"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" OBLIGATION("a.b", SOA("6.2.8", "s.dec", "s.why")) "]}",
     "a.b", "$.rules[0].soa", "numbered like"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" OBLIGATION("a.b", SOA("A.6.2.8", "s.dec", "s.why")) ","
     OBLIGATION("a.c", SOA("A.6.2.8", "s.dec", "s.why")) "]}",
     "a.c", "$.rules[1].soa", "already has its rule"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" FINDING("a.b", SOA("A.6.2.8", "s.dec", "s.why")) "]}",
     "a.b", "$.rules[0].soa", "only obligations"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" OBLIGATION("a.b", SOA("A.6.2.8", "s.dec", "s.why")) ","
     FINDING("a.c", ",\"soa_control\":\"A.6.2.9\"") "]}",
     "a.c", "$.rules[1].soa_control", "names no control"},
    {"{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" OBLIGATION("a.b", SOA("A.6.2.8", "s.dec", "s.why")) ","
     OBLIGATION("a.c", ",\"soa_control\":\"A.6.2.8\"") "]}",
     "a.c", "$.rules[1].soa_control", "only findings"},
};

START_TEST(invalid_rule_sources_are_rejected_with_location)
{
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        aigov_error err;
        int rc;
        aigov_table *t = unit_compile(cases[i].body, &err, &rc);
        ck_assert_msg(rc == AIGOV_ERULES, "case %zu: rc %d (%s)", i, rc, err.message);
        ck_assert_ptr_null(t);
        ck_assert_msg(strcmp(err.rule_id, cases[i].rule_id) == 0, "case %zu: rule_id '%s' want '%s'",
                      i, err.rule_id, cases[i].rule_id);
        ck_assert_msg(strcmp(err.path, cases[i].path) == 0, "case %zu: path '%s' want '%s' (%s)", i,
                      err.path, cases[i].path, err.message);
        ck_assert_msg(strstr(err.message, cases[i].in_message) != NULL, "case %zu: message '%s'", i,
                      err.message);
        ck_assert(strlen(err.source) > 0);
    }
}
END_TEST

START_TEST(syntax_errors_and_missing_manifest)
{
    aigov_error err;
    aigov_table *t = NULL;
    const char *broken = "{\"format\":\"aigov-rules/1\",\n\"facts\":[}";
    aigov_source s1 = {"broken.json", broken, strlen(broken)};
    ck_assert_int_eq(aigov_table_compile(&t, &s1, 1, NULL, &err), AIGOV_ESYNTAX);
    ck_assert_str_eq(err.source, "broken.json");
    ck_assert_ptr_nonnull(strstr(err.message, "line 2"));
    /* a rule source must be UTF-8 (without a BOM): a reviewer reads it, cJSON would not check */
    const char *latin1 = "{\"format\":\"aigov-rules/1\",\"x\":\"caf\xe9\"}";
    aigov_source s3 = {"latin1.json", latin1, strlen(latin1)};
    ck_assert_int_eq(aigov_table_compile(&t, &s3, 1, NULL, &err), AIGOV_ESYNTAX);
    ck_assert_ptr_nonnull(strstr(err.message, "not UTF-8"));
    ck_assert_int_eq(err.offset, 34); /* the byte 0xe9 */
    const char *bom = "\xef\xbb\xbf{\"format\":\"aigov-rules/1\"}";
    aigov_source s4 = {"bom.json", bom, strlen(bom)};
    ck_assert_int_eq(aigov_table_compile(&t, &s4, 1, NULL, &err), AIGOV_ESYNTAX);
    ck_assert_ptr_nonnull(strstr(err.message, "byte-order mark"));
    const char *nomani = "{\"format\":\"aigov-rules/1\"}";
    aigov_source s2 = {"x.json", nomani, strlen(nomani)};
    ck_assert_int_eq(aigov_table_compile(&t, &s2, 1, NULL, &err), AIGOV_ERULES);
    ck_assert_ptr_nonnull(strstr(err.message, "manifest"));
    ck_assert_int_eq(aigov_table_compile(NULL, &s2, 1, NULL, &err), AIGOV_EINVAL);
    aigov_allocator half = {NULL, NULL, NULL, NULL};
    ck_assert_int_eq(aigov_table_compile(&t, &s2, 1, &half, &err), AIGOV_EINVAL);
}
END_TEST

START_TEST(a_valid_set_compiles_with_revision_and_hash)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(
        "{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE("a.b", ",\"when\":{\"fact\":\"s.flag\",\"is\":true}") "]}",
        &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    ck_assert_str_eq(aigov_table_revision(t), "t1");
    ck_assert_int_eq((int)strlen(aigov_table_hash(t)), 7 + 64);
    ck_assert_int_eq(aigov_table_rule_count(t), 1);
    aigov_rule_info info;
    ck_assert_int_eq(aigov_table_rule(&info, t, 0), 0);
    ck_assert_str_eq(info.id, "a.b");
    ck_assert_str_eq(info.applies_from, "");
    ck_assert_int_eq(aigov_table_rule(&info, t, 1), AIGOV_ENOTFOUND);
    size_t idx;
    ck_assert_int_eq(aigov_table_find_rule(&idx, t, "a.b"), 0);
    ck_assert_int_eq(aigov_table_find_rule(&idx, t, "a.c"), AIGOV_ENOTFOUND);
    aigov_table_free(t);
    /* the builtin table compiled from rules/ is the same kind of thing */
    const aigov_table *b = aigov_table_builtin();
    ck_assert(aigov_table_rule_count(b) > 100);
    aigov_table_free((aigov_table *)b); /* ignored */
}
END_TEST

/* The OSCAL catalog's last-modified comes from a "YYYY.MM.N" revision (the first of that
 * month); any other revision, or a month out of range, gives the epoch rather than a date
 * that was never meant. */
START_TEST(the_catalog_is_dated_by_its_revision)
{
    static const struct {
        const char *revision, *stamp;
    } revisions[] = {
        {"2026.12.1", "2026-12-01T00:00:00Z"}, {"2027.3.2", "2027-03-01T00:00:00Z"},
        {"2026.13.1", "1970-01-01T00:00:00Z"}, {"2026.0.1", "1970-01-01T00:00:00Z"},
        {"20x6.12.1", "1970-01-01T00:00:00Z"}, {"2026-12-01", "1970-01-01T00:00:00Z"},
        {"2026.1", "1970-01-01T00:00:00Z"},    {"t1", "1970-01-01T00:00:00Z"},
    };
    const char *body = "{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[" RULE(
        "a.b", ",\"when\":{\"fact\":\"s.flag\",\"is\":true}") "]}";
    for (size_t k = 0; k < sizeof revisions / sizeof *revisions; k++) {
        char manifest[256];
        snprintf(manifest, sizeof manifest,
                 "{\"format\":\"aigov-rules/1\",\"manifest\":{\"revision\":\"%s\",\"frameworks\":"
                 "[{\"id\":\"eu_ai_act\",\"name\":\"AI Act\"},{\"id\":\"iso42001\",\"name\":\"ISO\"}]}}",
                 revisions[k].revision);
        aigov_source src[2] = {{"manifest.json", manifest, strlen(manifest)}, {"body.json", body, strlen(body)}};
        aigov_table *t = NULL;
        aigov_error err;
        ck_assert_msg(aigov_table_compile(&t, src, 2, NULL, &err) == 0, "%s: %s", revisions[k].revision, err.message);
        char *out = NULL;
        ck_assert_int_eq(aigov_table_render_rules(&out, NULL, t, AIGOV_FORMAT_OSCAL, &err), 0);
        char want[64];
        snprintf(want, sizeof want, "\"last-modified\":\"%s\"", revisions[k].stamp);
        ck_assert_msg(strstr(out, want) != NULL, "revision %s: no %s", revisions[k].revision, want);
        aigov_free(out);
        aigov_table_free(t);
    }
}
END_TEST

Suite *compile_suite(void)
{
    Suite *s = suite_create("compile");
    TCase *tc = tcase_create("compile");
    tcase_add_test(tc, invalid_rule_sources_are_rejected_with_location);
    tcase_add_test(tc, syntax_errors_and_missing_manifest);
    tcase_add_test(tc, a_valid_set_compiles_with_revision_and_hash);
    tcase_add_test(tc, the_catalog_is_dated_by_its_revision);
    suite_add_tcase(s, tc);
    return s;
}
