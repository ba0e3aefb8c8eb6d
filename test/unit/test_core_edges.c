/* Edge and error paths of the core: the descriptor parser (every malformed
 * shape at the end of the input or inside a skipped value names its JSON
 * path), the three-valued evaluator on operators the builtin rules never
 * use, penalty caps and crosswalks, the table and context API on bad
 * arguments, and the util helpers (errors, allocation, buffers, numbers,
 * dates). test/hardening/hostile_test.c covers the malformed shapes the
 * schema generates; these are the ones it does not reach. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include "unit.h"
#include "descriptor/parse.h"
#include "render/markup.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/error.h"
#include "util/mem.h"
#include "util/num.h"

#define AS_OF "2028-01-01"

/* ---- helpers ------------------------------------------------------------- */

/* Evaluates json (len bytes) on ctx with max_depth (0 = default). */
static int eval_n(aigov_ctx *ctx, const char *json, size_t len, unsigned max_depth, aigov_error *err)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = AS_OF;
    o.max_depth = max_depth;
    const aigov_report *r = (const aigov_report *)1;
    int rc = aigov_eval(&r, ctx, json, len, &o, err);
    if (rc)
        ck_assert_ptr_null(r);
    return rc;
}

static char *repeat(const char *s, size_t times)
{
    size_t n = strlen(s);
    char *out = malloc(n * times + 1);
    ck_assert_ptr_nonnull(out);
    for (size_t i = 0; i < times; i++)
        memcpy(out + i * n, s, n);
    out[n * times] = '\0';
    return out;
}

/* The JSON object of reported rule `id` in a rendered JSON report, up to the
 * next rule (copied into out). */
static void rule_json(char *out, size_t cap, const char *json, const char *id)
{
    char key[80];
    snprintf(key, sizeof key, "{\"id\":\"%s\",", id);
    const char *p = strstr(json, key);
    ck_assert_msg(p != NULL, "no rule %s in the report", id);
    const char *end = strstr(p + 1, "},{\"id\":\"");
    size_t n = end ? (size_t)(end - p) : strlen(p);
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = '\0';
}

/* ---- the descriptor parser on the builtin table ------------------------------ */

typedef struct bad {
    const char *json;
    int code;
    const char *path;
    const char *in_message;
} bad;

static const bad truncated_and_malformed[] = {
    /* the input ends where a value is due */
    {"{\"system\":{\"is_ai_system\":", AIGOV_ESYNTAX, "$.system.is_ai_system", "end of input"},
    {"{\"system\":{\"is_ai_system\":tru", AIGOV_ESYNTAX, "$.system.is_ai_system", "expected true"},
    {"{\"system\":{\"is_ai_system\":fals}}", AIGOV_ESYNTAX, "$.system.is_ai_system", "expected false"},
    {"{\"organisation\":{\"size\":", AIGOV_ESYNTAX, "$.organisation.size", "end of input"},
    {"{\"operator\":{\"roles\":", AIGOV_ESYNTAX, "$.operator.roles", "end of input"},
    {"{\"operator\":{\"roles\":[", AIGOV_ESYNTAX, "$.operator.roles[0]", "end of input"},
    {"{\"operator\":{\"roles\":[\"provider\"", AIGOV_ESYNTAX, "$.operator.roles", "',' or ']'"},
    {"{\"gpai\":{\"placed_on_market_date\":", AIGOV_ESYNTAX, "$.gpai.placed_on_market_date", "end of input"},
    {"{\"organisation\":{\"name\":", AIGOV_ESYNTAX, "$.organisation.name", "end of input"},
    {"{\"evidence\":{\"fria\":", AIGOV_ESYNTAX, "$.evidence.fria", "end of input"},
    /* numbers cut short or followed by a stray character */
    {"{\"gpai\":{\"training_compute_flops\":", AIGOV_ESYNTAX, "$.gpai.training_compute_flops", "end of input"},
    {"{\"gpai\":{\"training_compute_flops\":-", AIGOV_ESYNTAX, "$.gpai.training_compute_flops", "invalid number"},
    {"{\"gpai\":{\"training_compute_flops\":0", AIGOV_ESYNTAX, "$.gpai", "',' or '}'"},
    {"{\"gpai\":{\"training_compute_flops\":12", AIGOV_ESYNTAX, "$.gpai", "',' or '}'"},
    {"{\"gpai\":{\"training_compute_flops\":1.", AIGOV_ESYNTAX, "$.gpai.training_compute_flops", "after '.'"},
    {"{\"gpai\":{\"training_compute_flops\":1.,\"is_gpai_model\":true}}", AIGOV_ESYNTAX, "$.gpai.training_compute_flops", "after '.'"},
    {"{\"gpai\":{\"training_compute_flops\":1.5", AIGOV_ESYNTAX, "$.gpai", "',' or '}'"},
    {"{\"gpai\":{\"training_compute_flops\":1e", AIGOV_ESYNTAX, "$.gpai.training_compute_flops", "exponent"},
    {"{\"gpai\":{\"training_compute_flops\":1e,\"is_gpai_model\":true}}", AIGOV_ESYNTAX, "$.gpai.training_compute_flops", "exponent"},
    {"{\"gpai\":{\"training_compute_flops\":1e+", AIGOV_ESYNTAX, "$.gpai.training_compute_flops", "exponent"},
    {"{\"gpai\":{\"training_compute_flops\":1e5", AIGOV_ESYNTAX, "$.gpai", "',' or '}'"},
    {"{\"gpai\":{\"training_compute_flops\":1e41}}", AIGOV_EINPUT, "$.gpai.training_compute_flops", "from 0 to 1e+40"},
    /* strings: escapes and UTF-8 cut short or out of range */
    {"{\"organisation\":{\"name\":\"\xC3", AIGOV_ESYNTAX, "$.organisation.name", "truncated UTF-8"},
    {"{\"organisation\":{\"name\":\"\\u12", AIGOV_ESYNTAX, "$.organisation.name", "four hex digits"},
    {"{\"organisation\":{\"name\":\"\\u12g4\"}}", AIGOV_ESYNTAX, "$.organisation.name", "four hex digits"},
    {"{\"organisation\":{\"name\":\"\\uD800\\uE000\"}}", AIGOV_ESYNTAX, "$.organisation.name", "lone high surrogate"},
    {"{\"organisation\":{\"name\":\"\\uD800\\u12\"}}", AIGOV_ESYNTAX, "$.organisation.name", "lone high surrogate"},
    {"{\"organisation\":{\"name\":\"\\uDBFF\\uDBFF\"}}", AIGOV_ESYNTAX, "$.organisation.name", "lone high surrogate"},
    /* evidence objects */
    {"{\"evidence\":{\"fria\":{", AIGOV_ESYNTAX, "$.evidence.fria", "key string, found end of input"},
    {"{\"evidence\":{\"fria\":{\"state\":\"absent\",}}}", AIGOV_ESYNTAX, "$.evidence.fria", "key string, found an invalid token"},
    {"{\"evidence\":{\"fria\":{\"sta\\qe\":\"absent\"}}}", AIGOV_ESYNTAX, "$.evidence.fria", "invalid escape"},
    {"{\"evidence\":{\"fria\":{\"state\" \"absent\"}}}", AIGOV_ESYNTAX, "$.evidence.fria", "expected ':'"},
    {"{\"evidence\":{\"fria\":{\"state\":", AIGOV_ESYNTAX, "$.evidence.fria.state", "end of input"},
    {"{\"evidence\":{\"fria\":{\"state\":7}}}", AIGOV_EINPUT, "$.evidence.fria.state", "found a number"},
    {"{\"evidence\":{\"fria\":{\"ref\":", AIGOV_ESYNTAX, "$.evidence.fria.ref", "end of input"},
    {"{\"evidence\":{\"fria\":{\"ref\":1}}}", AIGOV_EINPUT, "$.evidence.fria.ref", "URL or document id"},
    {"{\"evidence\":{\"fria\":{\"state\":\"absent\"", AIGOV_ESYNTAX, "$.evidence.fria", "',' or '}'"},
    {"{\"evidence\":{\"fria\":{\"state\":\"absent\" \"ref\":\"x\"}}}", AIGOV_ESYNTAX, "$.evidence.fria", "',' or '}'"},
    {"{\"evidence\":{\"fria\":{\"state\":\"absent\",\"state\":\"absent\"}}}", AIGOV_EINPUT, "$.evidence.fria.state", "duplicate key 'state'"},
    {"{\"evidence\":{\"fria\":{\"state\":\"absent\",\"ref\":\"a\",\"ref\":\"b\"}}}", AIGOV_EINPUT, "$.evidence.fria.ref", "duplicate key 'ref'"},
    /* values skipped inside "systems" are still checked for syntax */
    {"{\"systems\":", AIGOV_ESYNTAX, "$.systems", "end of input"},
    {"{\"systems\":[", AIGOV_ESYNTAX, "$.systems[0]", "end of input"},
    {"{\"systems\":[{", AIGOV_ESYNTAX, "$.systems[0]", "key string, found end of input"},
    {"{\"systems\":[{1:2}]}", AIGOV_ESYNTAX, "$.systems[0]", "key string, found a number"},
    {"{\"systems\":[{\"\\q\":1}]}", AIGOV_ESYNTAX, "$.systems[0]", "invalid escape"},
    {"{\"systems\":[{\"a\":1", AIGOV_ESYNTAX, "$.systems[0]", "',' or '}'"},
    {"{\"systems\":[{\"a\":1 \"b\":2}]}", AIGOV_ESYNTAX, "$.systems[0]", "',' or '}'"},
    {"{\"systems\":[{\"a\":[1 2]}]}", AIGOV_ESYNTAX, "$.systems[0].a", "',' or ']'"},
    {"{\"systems\":[{\"a\":[]},", AIGOV_ESYNTAX, "$.systems[1]", "end of input"},
    {"{\"systems\":[{}],\"systems\":[{}]}", AIGOV_EINPUT, "$.systems", "duplicate key 'systems'"},
    {"{\"systems\":{}}", AIGOV_EINPUT, "$.systems", "array of system descriptors"},
    {"{\"systems\":[{},7]}", AIGOV_EINPUT, "$.systems[1]", "system descriptor object"},
    /* the root's own keys */
    {"{\"$schema\":", AIGOV_ESYNTAX, "$.$schema", "end of input"},
    {"{\"$schema\":1}", AIGOV_EINPUT, "$.$schema", "schema URI"},
    {"{\"$schema\":\"\\q\"}", AIGOV_ESYNTAX, "$.$schema", "invalid escape"},
    {"{\"$schema\":\"a\",\"$schema\":\"a\"}", AIGOV_EINPUT, "$.$schema", "duplicate key '$schema'"},
    {"{\"descriptor_version\":", AIGOV_ESYNTAX, "$.descriptor_version", "end of input"},
    {"{\"descriptor_version\":\"1\"}", AIGOV_EINPUT, "$.descriptor_version", "the number 1"},
    {"{\"descriptor_version\":-1}", AIGOV_EINPUT, "$.descriptor_version", "reads version 1"},
    {"{\"descriptor_version\":1,\"descriptor_version\":1}", AIGOV_EINPUT, "$.descriptor_version", "duplicate key"},
    /* a byte-order mark only when all three bytes are there */
    {"\xEF\xBB{}", AIGOV_ESYNTAX, "$", "found an invalid token"},
    {"\xEF\xBB\xBE{}", AIGOV_ESYNTAX, "$", "found an invalid token"},
    {"\xEF{}", AIGOV_ESYNTAX, "$", "found an invalid token"},
};

START_TEST(truncated_and_malformed_values_name_their_path)
{
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    for (size_t i = 0; i < sizeof truncated_and_malformed / sizeof *truncated_and_malformed; i++) {
        const bad *c = &truncated_and_malformed[i];
        int rc = eval_n(ctx, c->json, strlen(c->json), 0, &err);
        ck_assert_msg(rc == c->code, "case %zu (%s): rc %d, want %d (%s at %s)", i, c->json, rc, c->code,
                      err.message, err.path);
        ck_assert_int_eq(err.code, rc);
        ck_assert_msg(strcmp(err.path, c->path) == 0, "case %zu (%s): path %s, want %s", i, c->json,
                      err.path, c->path);
        ck_assert_msg(strstr(err.message, c->in_message) != NULL, "case %zu (%s): message '%s' lacks '%s'",
                      i, c->json, err.message, c->in_message);
        ck_assert_str_eq(err.source, "descriptor");
        ck_assert_uint_le(err.offset, strlen(c->json));
    }
    aigov_ctx_free(ctx);
}
END_TEST

/* Well-formed edge shapes the parser must accept. */
START_TEST(edge_shapes_that_are_valid)
{
    static const char *const good[] = {
        "{\"gpai\":{\"training_compute_flops\":1.5,\"is_gpai_model\":true}}",
        "{\"gpai\":{\"training_compute_flops\":2E+3,\"is_gpai_model\":true}}",
        "{\"gpai\":{\"training_compute_flops\":0.25e-1}}",
        "{\"organisation\":{\"name\":\"\\uE000 \\u20AC \\u00e9 \\uFFFF\"}}",
        "{\"evidence\":{\"fria\":{\"ref\":\"r\",\"state\":\"partial\"}}}",
        "{\"systems\":[{\"system\":{\"name\":\"x\\n\\u20ac\",\"annex_iii\":{\"points\":[]}}},{}]}",
    };
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
        o.as_of = AS_OF;
        const aigov_report *r;
        size_t n = 0;
        int rc = aigov_eval_system(&r, &n, ctx, good[i], strlen(good[i]), 0, &o, &err);
        ck_assert_msg(rc == 0, "case %zu (%s): %s at %s", i, good[i], err.message, err.path);
        ck_assert_uint_ge(n, 1);
    }
    /* the escapes decode to UTF-8: the system's name is rendered as read */
    const char *doc = "{\"systems\":[{\"system\":{\"name\":\"A\\u20acB\\uE000\"}},{\"system\":{\"name\":\"C\"}}]}";
    char *out = NULL;
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = AS_OF;
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, doc, strlen(doc), &o, AIGOV_FORMAT_JSON, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"name\":\"A\xE2\x82\xAC" "B\xEE\x80\x80\""));
    aigov_free(out);
    aigov_ctx_free(ctx);
}
END_TEST

/* Keys and values longer than the parser's key buffer are named cut, with "...". */
START_TEST(long_keys_and_values_are_cut_in_messages)
{
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    char *a130 = repeat("a", 130), *a127 = repeat("a", 127), *a128 = repeat("a", 128), *a60 = repeat("a", 60);
    char doc[1024], want_path[300], want_msg[200];
    snprintf(want_path, sizeof want_path, "$.%s", a128);
    snprintf(want_msg, sizeof want_msg, "unknown key '%s...'", a60);
    /* plain bytes past the buffer, then an escape, then more plain bytes */
    snprintf(doc, sizeof doc, "{\"%s\\nbbb\":1}", a130);
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 0, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, want_path);
    ck_assert_ptr_nonnull(strstr(err.message, want_msg));
    /* the buffer fills up at an escaped character */
    snprintf(doc, sizeof doc, "{\"%s\\u00e9\":1}", a127);
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 0, &err), AIGOV_EINPUT);
    snprintf(want_path, sizeof want_path, "$.%s", a127);
    ck_assert_str_eq(err.path, want_path);
    ck_assert_ptr_nonnull(strstr(err.message, want_msg));
    /* inside an evidence object */
    snprintf(doc, sizeof doc, "{\"evidence\":{\"fria\":{\"%s\":1}}}", a130);
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 0, &err), AIGOV_EINPUT);
    snprintf(want_path, sizeof want_path, "$.evidence.fria.%s", a128);
    ck_assert_str_eq(err.path, want_path);
    ck_assert_ptr_nonnull(strstr(err.message, "expected 'state' or 'ref'"));
    /* inside one of several systems */
    snprintf(doc, sizeof doc, "{\"systems\":[{\"%s\":1}]}", a130);
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 0, &err), AIGOV_EINPUT);
    snprintf(want_path, sizeof want_path, "$.systems[0].%s", a128);
    ck_assert_str_eq(err.path, want_path);
    /* an enum value longer than any value */
    snprintf(doc, sizeof doc, "{\"organisation\":{\"size\":\"%s\"}}", a130);
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 0, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.organisation.size");
    ck_assert_ptr_nonnull(strstr(err.message, "aaaa...' is not a valid value; expected one of: micro, small"));
    /* an evidence state longer than any state */
    snprintf(doc, sizeof doc, "{\"evidence\":{\"fria\":{\"state\":\"%s\"}}}", a130);
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 0, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.evidence.fria.state");
    ck_assert_ptr_nonnull(strstr(err.message, "expected one of: implemented, partial, planned, absent"));
    free(a130);
    free(a127);
    free(a128);
    free(a60);
    aigov_ctx_free(ctx);
}
END_TEST

/* Nesting limits at the evidence object and the systems array. */
START_TEST(nesting_limits_at_evidence_and_systems)
{
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    const char *ev = "{\"evidence\":{\"fria\":{\"state\":\"absent\"}}}";
    ck_assert_int_eq(eval_n(ctx, ev, strlen(ev), 2, &err), AIGOV_ELIMIT);
    ck_assert_str_eq(err.path, "$.evidence.fria");
    ck_assert_ptr_nonnull(strstr(err.message, "deeper than 2"));
    ck_assert_int_eq(eval_n(ctx, ev, strlen(ev), 3, &err), 0);
    const char *sys = "{\"systems\":[{}]}";
    ck_assert_int_eq(eval_n(ctx, sys, strlen(sys), 1, &err), AIGOV_ELIMIT);
    ck_assert_str_eq(err.path, "$.systems");
    aigov_ctx_free(ctx);
}
END_TEST

/* A path deeper than the parser tracks (64 parts) or longer than
 * aigov_error.path (256 bytes) is cut, never overflowed. */
START_TEST(deep_and_long_paths_are_cut)
{
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    /* 70 nested objects in a skipped system, then an invalid token */
    char *open = repeat("{\"k\":", 70);
    char doc[2048];
    snprintf(doc, sizeof doc, "{\"systems\":[%sx", open);
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 100, &err), AIGOV_ESYNTAX);
    char *ks = repeat(".k", 62);
    char want[512];
    snprintf(want, sizeof want, "$.systems[0]%s", ks);
    ck_assert_str_eq(err.path, want);
    /* the same nesting with a wrong type at the bottom: the syntax error wins */
    snprintf(doc, sizeof doc, "{\"systems\":[%s1", open);
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 100, &err), AIGOV_ESYNTAX);
    ck_assert_str_eq(err.path, want);
    /* keys of 39 bytes: the path stops at the last part that fits in 256 bytes */
    char *k39 = repeat("b", 39);
    doc[0] = '\0';
    strcat(doc, "{\"systems\":[");
    for (int i = 0; i < 8; i++) {
        strcat(doc, "{\"");
        strcat(doc, k39);
        strcat(doc, "\":");
    }
    strcat(doc, "x");
    ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 0, &err), AIGOV_ESYNTAX);
    snprintf(want, sizeof want, "$.systems[0].%s.%s.%s.%s.%s.%s.%s", k39, k39, k39, k39, k39, k39, k39);
    ck_assert_uint_eq(strlen(err.path), AIGOV_ERROR_PATH_MAX - 1);
    ck_assert(strncmp(err.path, want, AIGOV_ERROR_PATH_MAX - 1) == 0);
    free(open);
    free(ks);
    free(k39);
    aigov_ctx_free(ctx);
}
END_TEST

/* The per-node "seen" marks survive the wrap-around of their epoch counter:
 * after 2^32 parses a key seen long ago is not taken for a duplicate. */
START_TEST(seen_marks_survive_the_epoch_wrapping)
{
    const aigov_table *t = aigov_table_builtin();
    ag_mem mem;
    ck_assert_int_eq(ag_mem_init(&mem, NULL), 0);
    ag_facts f;
    ck_assert_int_eq(ag_facts_init(&f, t, &mem), 0);
    aigov_error err;
    const char *doc = "{\"organisation\":{\"name\":\"A\"}}";
    f.epoch = 0;
    ck_assert_int_eq(ag_descriptor_parse(&f, t, &mem, doc, strlen(doc), 1 << 20, 32, &err), 0);
    ck_assert_uint_eq(f.epoch, 1);
    f.epoch = UINT32_MAX; /* as after 2^32 - 2 parses that did not name "organisation" */
    ck_assert_int_eq(ag_descriptor_parse(&f, t, &mem, doc, strlen(doc), 1 << 20, 32, &err), 0);
    ck_assert_uint_eq(f.epoch, 1);
    /* a real duplicate is still one */
    const char *dup = "{\"organisation\":{},\"organisation\":{}}";
    ck_assert_int_eq(ag_descriptor_parse(&f, t, &mem, dup, strlen(dup), 1 << 20, 32, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.organisation");

    /* the same for each system of a portfolio */
    const char *pf = "{\"organisation\":{\"name\":\"O\"},\"systems\":[{\"system\":{\"name\":\"S\"}}]}";
    ck_assert_int_eq(ag_descriptor_parse(&f, t, &mem, pf, strlen(pf), 1 << 20, 32, &err), 0);
    ck_assert_uint_eq(f.n_systems, 1);
    f.epoch = 0;
    ck_assert_int_eq(ag_descriptor_system(&f, t, &mem, pf, 0, 32, &err), 0);
    ck_assert_uint_eq(f.epoch, 1);
    f.epoch = UINT32_MAX;
    ck_assert_int_eq(ag_descriptor_system(&f, t, &mem, pf, 0, 32, &err), 0);
    ck_assert_uint_eq(f.epoch, 1);
    ag_facts_free(&f, &mem);
}
END_TEST

/* ---- the descriptor parser on small rule sets --------------------------------- */

static const char *parse_rules =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"s.t\",\"type\":\"number\",\"min\":-10,\"max\":10,\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.d\",\"type\":\"date\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.w\",\"type\":\"string\",\"max_length\":3,\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.e\",\"type\":\"enum\",\"values\":[\"v00\",\"v01\",\"v02\",\"v03\",\"v04\",\"v05\",\"v06\","
    "\"v07\",\"v08\",\"v09\",\"v10\",\"v11\",\"v12\",\"v13\",\"v14\",\"v15\",\"v16\",\"v17\",\"v18\",\"v19\","
    "\"v20\",\"v21\",\"v22\",\"v23\",\"v24\",\"v25\",\"v26\",\"v27\",\"v28\",\"v29\",\"v30\",\"v31\",\"v32\","
    "\"v33\",\"v34\",\"v35\",\"v36\",\"v37\",\"v38\",\"v39\"],\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.a_rather_long_fact_name_number_01\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.a_rather_long_fact_name_number_02\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.a_rather_long_fact_name_number_03\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.a_rather_long_fact_name_number_04\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.a_rather_long_fact_name_number_05\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.a_rather_long_fact_name_number_06\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}],"
    "\"rules\":[{\"id\":\"o.one\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\","
    "\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\","
    "\"when\":{\"fact\":\"s.t\",\"gte\":0},\"evidence\":[\"doc\"]}]}";

START_TEST(ranges_enums_and_key_lists_of_a_small_rule_set)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(parse_rules, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    aigov_ctx *ctx;
    ck_assert_int_eq(aigov_ctx_new(&ctx, t, NULL, &err), 0);
    static const bad cases[] = {
        {"{\"s\":{\"t\":-11}}", AIGOV_EINPUT, "$.s.t", "from -10 to 10"},
        {"{\"s\":{\"t\":11}}", AIGOV_EINPUT, "$.s.t", "from -10 to 10"},
        {"{\"s\":{\"t\":10.5}}", AIGOV_EINPUT, "$.s.t", "from -10 to 10"},
        {"{\"s\":{\"d\":\"2027-01-011\"}}", AIGOV_EINPUT, "$.s.d", "YYYY-MM-DD"},
        {"{\"s\":{\"d\":\"2027-01-0x\"}}", AIGOV_EINPUT, "$.s.d", "YYYY-MM-DD"},
        {"{\"s\":{\"w\":\"abcd\"}}", AIGOV_ELIMIT, "$.s.w", "longer than 3 characters"},
        {"{\"s\":{\"e\":\"v40\"}}", AIGOV_EINPUT, "$.s.e", "expected one of: v00, v01,"},
        {"{\"s\":{\"e\":\"v4\"}}", AIGOV_EINPUT, "$.s.e", "not a valid value"},
        {"{\"s\":{\"e\":\"w00\"}}", AIGOV_EINPUT, "$.s.e", "not a valid value"},
        {"{\"s\":{\"e\":\"V00\"}}", AIGOV_EINPUT, "$.s.e", "not a valid value"},
        {"{\"s\":{\"e\":\"\"}}", AIGOV_EINPUT, "$.s.e", "not a valid value"},
        {"{\"s\":{\"nope\":1}}", AIGOV_EINPUT, "$.s.nope", "expected one of: t, d, w, e, a_rather_long"},
        /* a typo gets the one key or value meant; equally close candidates get the list */
        {"{\"s\":{\"a_rather_long_fact_name_nubmer_01\":1}}", AIGOV_EINPUT,
         "$.s.a_rather_long_fact_name_nubmer_01", "did you mean 'a_rather_long_fact_name_number_01'?"},
        {"{\"s\":{\"a_rather_long_fact_name_number_0\":1}}", AIGOV_EINPUT,
         "$.s.a_rather_long_fact_name_number_0", "expected one of: t, d, w, e, a_rather_long"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        rc = eval_n(ctx, cases[i].json, strlen(cases[i].json), 0, &err);
        ck_assert_msg(rc == cases[i].code, "case %zu: rc %d (%s)", i, rc, err.message);
        ck_assert_str_eq(err.path, cases[i].path);
        ck_assert_msg(strstr(err.message, cases[i].in_message) != NULL, "case %zu: %s", i, err.message);
    }
    /* a long list of keys is cut with "..." within the message */
    rc = eval_n(ctx, "{\"s\":{\"nope\":1}}", 16, 0, &err);
    ck_assert_ptr_nonnull(strstr(err.message, "..."));
    ck_assert_ptr_null(strstr(err.message, "number_06"));
    /* negative numbers within the range, multi-byte characters within max_length,
     * and every enum value (some share a hash slot) */
    const char *ok = "{\"s\":{\"t\":-9.5,\"w\":\"\xE2\x82\xAC\xE2\x82\xAC\xE2\x82\xAC\",\"d\":\"2027-01-01\"}}";
    ck_assert_msg(eval_n(ctx, ok, strlen(ok), 0, &err) == 0, "%s", err.message);
    for (int v = 0; v < 40; v++) {
        char doc[64];
        snprintf(doc, sizeof doc, "{\"s\":{\"e\":\"v%02d\"}}", v);
        ck_assert_msg(eval_n(ctx, doc, strlen(doc), 0, &err) == 0, "v%02d: %s", v, err.message);
        snprintf(doc, sizeof doc, "{\"s\":{\"e\":\"x%02d\"}}", v);
        ck_assert_int_eq(eval_n(ctx, doc, strlen(doc), 0, &err), AIGOV_EINPUT);
    }
    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

/* ---- evaluation: operators and shapes the builtin rules do not use ------------------ */

#define OBL(id, when)                                                                                  \
    "{\"id\":\"" id "\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\","      \
    "\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":" when        \
    ",\"evidence\":[\"doc\"]}"

static const char *ops_rules =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"s.a\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"s.b\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"b?\"},"
    "{\"id\":\"s.n\",\"type\":\"number\",\"min\":-100,\"max\":100,\"description\":\"d\",\"ask\":\"n?\"},"
    "{\"id\":\"s.d\",\"type\":\"date\",\"description\":\"d\",\"ask\":\"d?\"},"
    "{\"id\":\"s.k\",\"type\":\"enum\",\"values\":[\"x\",\"y\"],\"description\":\"d\",\"ask\":\"k?\"},"
    "{\"id\":\"s.set\",\"type\":\"set\",\"values\":[\"p\",\"q\",\"r\"],\"description\":\"d\",\"ask\":\"set?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}],"
    "\"rules\":["
    "{\"id\":\"d.known\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\",\"when\":{\"known\":\"s.a\"}},"
    OBL("o.known", "{\"known\":\"s.a\"}") ","
    OBL("o.true", "true") ","
    OBL("o.false", "false") ","
    OBL("o.eq", "{\"fact\":\"s.n\",\"eq\":5}") ","
    OBL("o.lte", "{\"fact\":\"s.n\",\"lte\":0}") ","
    OBL("o.deq", "{\"fact\":\"s.d\",\"eq\":\"2027-01-01\"}") ","
    OBL("o.dlte", "{\"fact\":\"s.d\",\"lte\":\"2027-01-01\"}") ","
    OBL("o.dgt", "{\"fact\":\"s.d\",\"gt\":\"2027-01-01\"}") ","
    OBL("o.aeq", "{\"as_of\":{\"eq\":\"2027-06-01\"}}") ","
    OBL("o.alte", "{\"as_of\":{\"lte\":\"2027-06-01\"}}") ","
    OBL("o.hasall", "{\"fact\":\"s.set\",\"has_all\":[\"p\",\"q\"]}") ","
    OBL("o.empty", "{\"fact\":\"s.set\",\"empty\":true}") ","
    OBL("o.rule", "{\"rule\":\"d.known\"}") ","
    OBL("o.inner", "{\"any\":[{\"known\":\"s.b\"},{\"fact\":\"s.set\",\"has_all\":[\"r\"]},"
                   "{\"fact\":\"s.set\",\"empty\":false},{\"as_of\":{\"eq\":\"2027-06-02\"}},"
                   "{\"fact\":\"s.d\",\"lte\":\"2000-01-01\"},{\"fact\":\"s.n\",\"eq\":-1}]}") ","
    /* a finding with no scope: checked everywhere */
    "{\"id\":\"f.free\",\"kind\":\"finding\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":{\"fact\":\"s.a\",\"is\":true}},"
    /* date cases: an unknown case, then one that holds, then the fallback */
    "{\"id\":\"o.dates\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"provider\"],\"applies_from\":[{\"if\":{\"fact\":\"s.b\",\"is\":true},\"date\":\"2026-06-01\"},"
    "{\"if\":{\"fact\":\"s.k\",\"eq\":\"x\"},\"date\":\"2027-06-01\"},{\"date\":\"2029-01-01\"}],"
    "\"when\":true,\"evidence\":[\"doc\"]}"
    "]}";

typedef struct want {
    const char *id;
    int status;
} want;

static void check_statuses(const aigov_table *t, const char *doc, const char *as_of, const want *w, size_t n)
{
    aigov_ctx *ctx = NULL;
    aigov_error err;
    int rc;
    const aigov_report *r = unit_eval(&ctx, t, doc, as_of, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(unit_status(r, w[i].id) == w[i].status, "%s on %s at %s: status %d, want %d", w[i].id,
                      doc, as_of, unit_status(r, w[i].id), w[i].status);
    aigov_ctx_free(ctx);
}

START_TEST(operators_the_builtin_rules_do_not_use)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(ops_rules, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s (%s)", err.message, err.path, err.rule_id);
    enum { MET = AIGOV_STATUS_MET, NA = AIGOV_STATUS_NOT_APPLICABLE, UNK = AIGOV_STATUS_UNKNOWN,
           GAP = AIGOV_STATUS_GAP };
    static const want first[] = {
        {"o.known", MET}, {"o.true", MET}, {"o.false", NA}, {"o.eq", MET},     {"o.lte", NA},
        {"o.deq", MET},   {"o.dlte", MET}, {"o.dgt", NA},   {"o.aeq", MET},    {"o.alte", MET},
        {"o.hasall", MET}, {"o.empty", NA}, {"o.rule", MET}, {"f.free", GAP},
    };
    check_statuses(t,
                   "{\"s\":{\"a\":true,\"n\":5,\"d\":\"2027-01-01\",\"set\":[\"p\",\"q\"]},"
                   "\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}",
                   "2027-06-01", first, sizeof first / sizeof *first);
    static const want second[] = {
        {"o.known", NA}, {"o.eq", NA},     {"o.lte", MET},   {"o.deq", NA},  {"o.dlte", NA},
        {"o.dgt", MET},  {"o.aeq", NA},    {"o.alte", NA},   {"o.hasall", NA}, {"o.empty", MET},
        {"o.rule", NA},  {"o.inner", MET}, {"f.free", UNK},
    };
    check_statuses(t,
                   "{\"s\":{\"n\":-1,\"d\":\"2027-01-02\",\"set\":[]},"
                   "\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}",
                   "2027-06-02", second, sizeof second / sizeof *second);
    /* each part of the `any` alone */
    static const char *const inner[] = {
        "{\"s\":{\"b\":false}}",         "{\"s\":{\"set\":[\"r\"]}}", "{\"s\":{\"set\":[\"p\"]}}",
        "{\"s\":{\"d\":\"1999-12-31\"}}", "{\"s\":{\"n\":-1}}",
    };
    for (size_t i = 0; i < sizeof inner / sizeof *inner; i++) {
        char doc[200];
        snprintf(doc, sizeof doc, "{%.*s,\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}",
                 (int)strlen(inner[i]) - 2, inner[i] + 1);
        static const want w[] = {{"o.inner", MET}};
        check_statuses(t, doc, "2027-06-01", w, 1);
    }
    /* nothing known: comparisons are unknown, `known` is false */
    static const want none[] = {
        {"o.known", NA}, {"o.eq", UNK}, {"o.lte", UNK}, {"o.deq", UNK}, {"o.hasall", UNK},
        {"o.empty", UNK}, {"o.rule", NA}, {"o.true", UNK}, {"f.free", UNK}, {"o.inner", UNK},
    };
    check_statuses(t, "{}", "2027-06-03", none, sizeof none / sizeof *none);
    aigov_table_free(t);
}
END_TEST

/* applies_from cases: while an earlier case is unknown the earliest possible
 * date counts and the fact deciding it is asked; a later case that holds ends the list. */
START_TEST(date_cases_after_an_unknown_one)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(ops_rules, &err, &rc);
    ck_assert_int_eq(rc, 0);
    aigov_ctx *ctx = NULL;
    const aigov_report *r = unit_eval(&ctx, t, "{\"s\":{\"k\":\"x\"}}", "2027-01-01", &err, &rc);
    ck_assert_int_eq(rc, 0);
    size_t idx = 0;
    aigov_obligation o = {.size = sizeof(aigov_obligation)};
    for (; idx < aigov_report_obligation_count(r); idx++) {
        ck_assert_int_eq(aigov_report_obligation(&o, r, idx), 0);
        if (strcmp(o.id, "o.dates") == 0)
            break;
    }
    ck_assert_str_eq(o.id, "o.dates");
    ck_assert_str_eq(o.applies_from, "2026-06-01"); /* s.b unknown: it may apply from the first date */
    ck_assert_int_eq(o.in_force, 1);
    int asked_b = 0, asked_k = 0;
    for (size_t i = 0; i < aigov_report_question_count(r); i++) {
        aigov_question q;
        ck_assert_int_eq(aigov_report_question(&q, r, i), 0);
        asked_b |= strcmp(q.fact, "s.b") == 0;
        asked_k |= strcmp(q.fact, "s.k") == 0;
    }
    ck_assert(asked_b);
    ck_assert(!asked_k);
    /* the summary, computed after the questions, counts the same questions */
    aigov_summary s;
    ck_assert_int_eq(aigov_report_summary(&s, r), 0);
    ck_assert_uint_eq(s.questions, aigov_report_question_count(r));
    r = unit_eval(&ctx, t, "{\"s\":{\"k\":\"x\",\"b\":false}}", "2027-01-01", &err, &rc);
    ck_assert_int_eq(rc, 0);
    for (idx = 0; idx < aigov_report_obligation_count(r); idx++) {
        aigov_report_obligation(&o, r, idx);
        if (strcmp(o.id, "o.dates") == 0)
            break;
    }
    ck_assert_str_eq(o.applies_from, "2027-06-01");
    ck_assert_int_eq(o.in_force, 0);
    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

/* ---- penalty caps and crosswalks ------------------------------------------------ */

static const char *pen_manifest =
    "{\"format\":\"aigov-rules/1\",\"manifest\":{\"revision\":\"p1\",\"frameworks\":"
    "[{\"id\":\"eu_ai_act\",\"name\":\"AI Act\"},{\"id\":\"iso42001\",\"name\":\"ISO\"}],"
    "\"penalty_facts\":{\"size\":\"o.size\",\"sme\":[\"small\"],\"small_mid_cap\":[\"smc\"],"
    "\"turnover\":\"o.turnover\",\"eu_institution\":\"o.eui\",\"public_authority\":\"o.pa\"}}}";
static const char *plain_manifest =
    "{\"format\":\"aigov-rules/1\",\"manifest\":{\"revision\":\"p2\",\"frameworks\":"
    "[{\"id\":\"eu_ai_act\",\"name\":\"AI Act\"},{\"id\":\"iso42001\",\"name\":\"ISO\"}]}}";

#define PEN_OBL(id, extra)                                                                              \
    "{\"id\":\"" id "\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\","        \
    "\"title\":\"t\",\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,"          \
    "\"evidence\":[\"doc\"]" extra "}"
#define ISO_OBL(id, ev)                                                                                 \
    "{\"id\":\"" id "\",\"kind\":\"obligation\",\"framework\":\"iso42001\",\"citation\":\"c\","         \
    "\"title\":\"t\",\"holder\":[\"organisation\"],\"applies_from\":\"2023-12-18\",\"when\":true,"      \
    "\"evidence\":[\"" ev "\"]}"

static const char *pen_body =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"o.size\",\"type\":\"enum\",\"values\":[\"small\",\"smc\",\"large\"],\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.turnover\",\"type\":\"number\",\"min\":0,\"max\":1e40,\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.eui\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.pa\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"},"
    "{\"id\":\"iso1\",\"title\":\"I1\",\"description\":\"d\"},{\"id\":\"iso2\",\"title\":\"I2\",\"description\":\"d\"}],"
    "\"penalties\":["
    "{\"id\":\"hi\",\"citation\":\"P(3)\",\"title\":\"t\",\"fixed_eur\":1000000,\"turnover_percent\":5,"
    "\"undertaking\":\"higher\",\"sme\":\"lower\",\"small_mid_cap\":\"higher\",\"eu_institution_eur\":500000,"
    "\"applies_from\":\"2026-01-01\",\"public_authority_national\":true},"
    "{\"id\":\"noeu\",\"citation\":\"P(4)\",\"title\":\"t\",\"fixed_eur\":1e30,\"turnover_percent\":1,"
    "\"undertaking\":\"higher\",\"sme\":\"higher\",\"small_mid_cap\":\"lower\"}],"
    "\"rules\":["
    ISO_OBL("iso.one", "iso1") "," ISO_OBL("iso.two", "iso2") ","
    PEN_OBL("e.hi", ",\"penalty\":\"hi\",\"crosswalk\":{\"iso\":[\"iso.one\",\"iso.two\"],\"beyond\":\"all\"}") ","
    PEN_OBL("e.noeu", ",\"penalty\":\"noeu\",\"crosswalk\":{\"iso\":[\"iso.one\"],\"beyond\":\"more\"}") ","
    PEN_OBL("e.none", ",\"crosswalk\":{\"iso\":[]}")
    "]}";

static char *render_with(const aigov_table *t, const char *doc, const char *as_of)
{
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, t, NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    char *out = NULL;
    int rc = aigov_eval_render(&out, NULL, ctx, doc, strlen(doc), &o, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL, &err);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    aigov_ctx_free(ctx);
    return out;
}

static aigov_table *compile_pen(const char *manifest)
{
    aigov_source src[2] = {{"manifest.json", manifest, strlen(manifest)}, {"pen.json", pen_body, strlen(pen_body)}};
    aigov_table *t = NULL;
    aigov_error err;
    int rc = aigov_table_compile(&t, src, 2, NULL, &err);
    ck_assert_msg(rc == 0, "%s at %s (%s)", err.message, err.path, err.rule_id);
    return t;
}

typedef struct cap_case {
    const char *doc, *as_of, *rule, *basis;
} cap_case;

START_TEST(penalty_caps_follow_the_organisation)
{
    aigov_table *t = compile_pen(pen_manifest);
    static const cap_case cases[] = {
        /* before the tier applies */
        {"{}", "2025-06-01", "e.hi", "\"basis\":\"P(3) applies from 2026-01-01: no fine for a breach before then\""},
        /* a public authority that is not one, an EU institution of a tier with no EU amount */
        {"{\"o\":{\"pa\":false,\"eui\":false}}", AS_OF, "e.hi",
         "\"basis\":\"undertaking: the higher of EUR 1,000,000 or 5% of worldwide annual turnover (turnover unknown); size unknown, so the undertaking rule is assumed\""},
        {"{\"o\":{\"eui\":true}}", AS_OF, "e.hi", "\"cap_eur\":500000,\"basis\":\"EU institution (Art. 100): up to EUR 500,000\""},
        {"{\"o\":{\"eui\":true,\"size\":\"large\",\"turnover\":0}}", AS_OF, "e.noeu", "\"basis\":\"undertaking: the higher of EUR"},
        /* an SME with a known turnover: the lower of the two */
        {"{\"o\":{\"size\":\"small\",\"turnover\":1000000}}", AS_OF, "e.hi",
         "\"cap_eur\":50000,\"basis\":\"SME (Art. 99(6)): the lower of EUR 1,000,000 or 5% of worldwide annual turnover = EUR 50,000\""},
        /* a small mid-cap where the tier grants no relief is an undertaking */
        {"{\"o\":{\"size\":\"small\",\"turnover\":1000000000}}", AS_OF, "e.hi",
         "\"cap_eur\":1000000,\"basis\":\"SME (Art. 99(6)): the lower of EUR 1,000,000 or 5% of worldwide annual turnover = EUR 1,000,000\""},
        {"{\"o\":{\"size\":\"smc\",\"turnover\":100000000}}", AS_OF, "e.hi",
         "\"cap_eur\":5000000,\"basis\":\"undertaking: the higher of EUR 1,000,000 or 5% of worldwide annual turnover = EUR 5,000,000\""},
        {"{\"o\":{\"size\":\"smc\",\"turnover\":100}}", AS_OF, "e.noeu", "\"basis\":\"small mid-cap (Art. 99(6a)): the lower of EUR"},
        {"{\"o\":{\"pa\":true}}", AS_OF, "e.hi", "\"cap_eur\":null,\"basis\":\"public authority:"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *out = render_with(t, cases[i].doc, cases[i].as_of);
        char rj[4096];
        rule_json(rj, sizeof rj, out, cases[i].rule);
        ck_assert_msg(strstr(rj, cases[i].basis) != NULL, "case %zu: %s", i, rj);
        aigov_free(out);
    }
    /* an amount too long to print is cut within its buffer, never past it */
    char *out = render_with(t, "{\"o\":{\"size\":\"large\",\"turnover\":1e39}}", AS_OF);
    char rj[4096];
    rule_json(rj, sizeof rj, out, "e.noeu");
    const char *amount = strstr(rj, "the higher of EUR ");
    ck_assert_ptr_nonnull(amount);
    amount += strlen("the higher of EUR ");
    const char *end = strstr(amount, " or 1% of");
    ck_assert_ptr_nonnull(end);
    ck_assert_uint_lt((size_t)(end - amount), 40);
    ck_assert(strncmp(amount, "1,000,000,000,000,000,0", 23) == 0);
    aigov_free(out);
    aigov_table_free(t);

    /* a rule set with tiers but no penalty_facts: nothing about the organisation is read */
    t = compile_pen(plain_manifest);
    out = render_with(t, "{\"o\":{\"pa\":true,\"eui\":true,\"size\":\"small\",\"turnover\":5}}", AS_OF);
    rule_json(rj, sizeof rj, out, "e.hi");
    ck_assert_ptr_nonnull(strstr(rj, "\"cap_eur\":null,\"basis\":\"undertaking: the higher of EUR 1,000,000 or 5% of worldwide annual turnover (turnover unknown)\""));
    aigov_free(out);
    aigov_table_free(t);
}
END_TEST

/* The cap in words is written without snprintf: whole euros rounded half to even as "%.0f"
 * rounds them, and a percentage that is not whole as "%g" prints it. */
static const char *half_body =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"o.size\",\"type\":\"enum\",\"values\":[\"small\",\"smc\",\"large\"],\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.turnover\",\"type\":\"number\",\"min\":0,\"max\":1e40,\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.eui\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.pa\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"}],"
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\"}],"
    "\"penalties\":[{\"id\":\"half\",\"citation\":\"P(9)\",\"title\":\"t\",\"fixed_eur\":1,\"turnover_percent\":2.5,"
    "\"undertaking\":\"higher\",\"sme\":\"lower\",\"small_mid_cap\":\"lower\"}],"
    "\"rules\":[{\"id\":\"e.half\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,\"evidence\":[\"doc\"],\"penalty\":\"half\"}]}";

START_TEST(penalty_caps_round_half_to_even)
{
    aigov_source src[2] = {{"manifest.json", pen_manifest, strlen(pen_manifest)},
                           {"half.json", half_body, strlen(half_body)}};
    aigov_table *t = NULL;
    aigov_error err;
    int rc = aigov_table_compile(&t, src, 2, NULL, &err);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    static const char *const cases[][2] = {
        {"100", "\"cap_eur\":2.5,\"basis\":\"undertaking: the higher of EUR 1 or 2.5% of worldwide annual turnover = EUR 2\""},
        {"140", "\"cap_eur\":3.5,\"basis\":\"undertaking: the higher of EUR 1 or 2.5% of worldwide annual turnover = EUR 4\""},
        {"12345678", "\"basis\":\"undertaking: the higher of EUR 1 or 2.5% of worldwide annual turnover = EUR 308,642\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char doc[128];
        snprintf(doc, sizeof doc, "{\"o\":{\"size\":\"large\",\"turnover\":%s}}", cases[i][0]);
        char *out = render_with(t, doc, "2028-01-01");
        ck_assert_msg(strstr(out, cases[i][1]) != NULL, "case %zu: %s", i, out);
        aigov_free(out);
    }
    aigov_table_free(t);
}
END_TEST

/* Next actions: an item closing an AI Act gap in force with a penalty goes first, the most
 * severe tier first, before an item that closes more obligations without one; a penalised
 * duty not yet in force and an ISO/IEC 42001 gap do not jump the queue. */
static const char *actions_body =
    "{\"format\":\"aigov-rules/1\",\"facts\":["
    "{\"id\":\"o.size\",\"type\":\"enum\",\"values\":[\"small\",\"smc\",\"large\"],\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.turnover\",\"type\":\"number\",\"min\":0,\"max\":1e40,\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.eui\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"},"
    "{\"id\":\"o.pa\",\"type\":\"bool\",\"description\":\"d\",\"ask\":\"a?\"}],"
    "\"evidence\":[{\"id\":\"many\",\"title\":\"M\",\"description\":\"d\"},{\"id\":\"few\",\"title\":\"F\",\"description\":\"d\"},"
    "{\"id\":\"big\",\"title\":\"B\",\"description\":\"d\"},{\"id\":\"late\",\"title\":\"L\",\"description\":\"d\"}],"
    "\"penalties\":["
    "{\"id\":\"lo\",\"citation\":\"P(5)\",\"title\":\"t\",\"fixed_eur\":7500000,\"turnover_percent\":1,"
    "\"undertaking\":\"higher\",\"sme\":\"lower\",\"small_mid_cap\":\"lower\"},"
    "{\"id\":\"hi\",\"citation\":\"P(3)\",\"title\":\"t\",\"fixed_eur\":35000000,\"turnover_percent\":7,"
    "\"undertaking\":\"higher\",\"sme\":\"lower\",\"small_mid_cap\":\"lower\"}],"
    "\"rules\":["
    "{\"id\":\"iso.m\",\"kind\":\"obligation\",\"framework\":\"iso42001\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"organisation\"],\"applies_from\":\"2023-12-18\",\"when\":true,\"evidence\":[\"many\"]},"
    "{\"id\":\"a.m1\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,\"evidence\":[\"many\"]},"
    "{\"id\":\"a.m2\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,\"evidence\":[\"many\"]},"
    "{\"id\":\"a.few\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,\"evidence\":[\"few\"],\"penalty\":\"lo\"},"
    "{\"id\":\"a.big\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"provider\"],\"applies_from\":\"2026-02-03\",\"when\":true,\"evidence\":[\"big\"],\"penalty\":\"hi\"},"
    "{\"id\":\"a.late\",\"kind\":\"obligation\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\","
    "\"holder\":[\"provider\"],\"applies_from\":\"2031-01-01\",\"when\":true,\"evidence\":[\"late\"],\"penalty\":\"hi\"}"
    "]}";

START_TEST(next_actions_put_penalised_legal_gaps_first)
{
    aigov_source src[2] = {{"manifest.json", pen_manifest, strlen(pen_manifest)},
                           {"actions.json", actions_body, strlen(actions_body)}};
    aigov_table *t = NULL;
    aigov_error err;
    int rc = aigov_table_compile(&t, src, 2, NULL, &err);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    const char *doc = "{\"evidence\":{\"many\":{\"state\":\"absent\"},\"few\":{\"state\":\"absent\"},"
                      "\"big\":{\"state\":\"planned\"},\"late\":{\"state\":\"absent\"}}}";
    char *out = render_with(t, doc, "2028-01-01");
    const char *b = strstr(out, "\"next_actions\":[{\"evidence\":\"big\"");
    ck_assert_msg(b != NULL, "%s", out);
    const char *f = strstr(b, "{\"evidence\":\"few\"");
    const char *m = strstr(b, "{\"evidence\":\"many\",\"title\":\"M\",\"closes\":3");
    const char *l = strstr(b, "{\"evidence\":\"late\"");
    ck_assert_msg(f && m && l && f < m && m < l, "%s", b);
    aigov_free(out);
    aigov_table_free(t);
}
END_TEST

START_TEST(crosswalk_coverage_counts_met_iso_rules)
{
    aigov_table *t = compile_pen(pen_manifest);
    static const struct {
        const char *doc, *rule, *coverage;
    } cases[] = {
        {"{}", "e.hi", "\"coverage\":\"not_supported\",\"still_needed\":[\"iso.one\",\"iso.two\"]"},
        {"{\"evidence\":{\"iso1\":{\"state\":\"implemented\"}}}", "e.hi", "\"coverage\":\"partly_supported\",\"still_needed\":[\"iso.two\"]"},
        /* every ISO rule met: supported, never "covered" (ISO evidence never discharges the duty) */
        {"{\"evidence\":{\"iso1\":{\"state\":\"implemented\"},\"iso2\":{\"state\":\"implemented\"}}}", "e.hi",
         "\"coverage\":\"supported\",\"still_needed\":[],\"beyond\":\"all\""},
        {"{\"evidence\":{\"iso1\":{\"state\":\"implemented\"}}}", "e.noeu", "\"coverage\":\"supported\",\"still_needed\":[],\"beyond\":\"more\""},
        {"{\"evidence\":{\"iso1\":{\"state\":\"implemented\"}}}", "e.none", "\"iso\":[],\"links\":[],\"coverage\":\"not_supported\""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *out = render_with(t, cases[i].doc, AS_OF);
        char rj[4096];
        rule_json(rj, sizeof rj, out, cases[i].rule);
        ck_assert_msg(strstr(rj, cases[i].coverage) != NULL, "case %zu: %s", i, rj);
        aigov_free(out);
    }
    aigov_table_free(t);
}
END_TEST

/* ---- the table and context API on bad arguments ------------------------------------ */

static void *no_malloc(void *ud, size_t n) { (void)ud; (void)n; return NULL; }
static void *no_realloc(void *ud, void *p, size_t n) { (void)ud; (void)p; (void)n; return NULL; }
static void no_free(void *ud, void *p) { (void)ud; (void)p; }

START_TEST(table_accessors_reject_null)
{
    const aigov_table *b = aigov_table_builtin();
    aigov_table_free(NULL);                /* ignored */
    aigov_table_free((aigov_table *)b);    /* the builtin table is static: ignored */
    ck_assert_uint_gt(aigov_table_rule_count(b), 100); /* still there */
    ck_assert_str_eq(aigov_table_revision(NULL), "");
    ck_assert_str_eq(aigov_table_hash(NULL), "");
    ck_assert_uint_eq(aigov_table_rule_count(NULL), 0);
    aigov_rule_info info;
    ck_assert_int_eq(aigov_table_rule(NULL, b, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_table_rule(&info, NULL, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_table_rule(&info, b, aigov_table_rule_count(b)), AIGOV_ENOTFOUND);
    size_t idx = 7;
    ck_assert_int_eq(aigov_table_find_rule(NULL, b, "x"), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_table_find_rule(&idx, NULL, "x"), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_table_find_rule(&idx, b, NULL), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_table_find_rule(&idx, b, "no.such.rule"), AIGOV_ENOTFOUND);
    ck_assert_uint_eq(idx, 7);
    /* definitions have no applies_from */
    int saw_definition = 0;
    for (size_t i = 0; i < aigov_table_rule_count(b); i++) {
        ck_assert_int_eq(aigov_table_rule(&info, b, i), 0);
        if (info.kind == AIGOV_RULE_DEFINITION) {
            ck_assert_str_eq(info.applies_from, "");
            saw_definition = 1;
        } else {
            ck_assert_uint_eq(strlen(info.applies_from), 10);
        }
        ck_assert_int_eq(aigov_table_find_rule(&idx, b, info.id), 0);
        ck_assert_uint_eq(idx, i);
    }
    ck_assert(saw_definition);
}
END_TEST

START_TEST(allocators_missing_a_function_are_refused)
{
    const aigov_table *b = aigov_table_builtin();
    aigov_ctx *ctx = (aigov_ctx *)1;
    aigov_error err;
    aigov_allocator a = {no_malloc, no_realloc, no_free, NULL};
    aigov_allocator no_r = a, no_f = a;
    no_r.realloc_fn = NULL;
    no_f.free_fn = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, b, &no_r, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(ctx);
    ck_assert_ptr_nonnull(strstr(err.message, "allocator"));
    ck_assert_int_eq(aigov_ctx_new(&ctx, b, &no_f, &err), AIGOV_EINVAL);
    /* a complete allocator that never gives memory: ENOMEM, nothing to free */
    ck_assert_int_eq(aigov_ctx_new(&ctx, b, &a, &err), AIGOV_ENOMEM);
    ck_assert_ptr_null(ctx);
    aigov_source src = {"m.json", "{}", 2};
    aigov_table *t = (aigov_table *)1;
    ck_assert_int_eq(aigov_table_compile(&t, &src, 1, &no_r, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(t);
}
END_TEST

/* Several systems rendered as text or markdown: a system without a name is "(unnamed)". */
START_TEST(unnamed_systems_in_text_and_markdown)
{
    const char *doc = "{\"organisation\":{\"name\":\"Org\"},\"systems\":[{\"system\":{\"name\":\"Named\\u001b[2J\"}},"
                      "{\"operator\":{\"roles\":[\"deployer\"]}}]}";
    aigov_ctx *ctx;
    aigov_error err;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, &err), 0);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = AS_OF;
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(aigov_eval_render(&out, &len, ctx, doc, strlen(doc), &o, AIGOV_FORMAT_TEXT, &err), 0);
    ck_assert_uint_eq(len, strlen(out));
    ck_assert_ptr_nonnull(strstr(out, "=== System 1 of 2: Named?[2J ===\n"));
    ck_assert_ptr_nonnull(strstr(out, "=== System 2 of 2: (unnamed) ===\n"));
    aigov_free(out);
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, doc, strlen(doc), &o, AIGOV_FORMAT_MARKDOWN, &err), 0);
    ck_assert_ptr_nonnull(strstr(out, "## System 2 of 2: (unnamed)\n\n"));
    aigov_free(out);
    /* a format with no form for several systems */
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, doc, strlen(doc), &o, 42, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(out);
    /* an error in the second system is found while rendering */
    const char *bad2 = "{\"systems\":[{},{\"system\":{\"is_ai_system\":1}}]}";
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, bad2, strlen(bad2), &o, AIGOV_FORMAT_TEXT, &err), AIGOV_EINPUT);
    ck_assert_str_eq(err.path, "$.systems[1].system.is_ai_system");
    ck_assert_ptr_null(out);
    /* without err: the same codes */
    ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, bad2, strlen(bad2), &o, AIGOV_FORMAT_TEXT, NULL), AIGOV_EINPUT);
    const aigov_report *r;
    ck_assert_int_eq(aigov_eval(&r, ctx, doc, strlen(doc), &o, NULL), AIGOV_EINPUT);
    ck_assert_int_eq(aigov_eval(&r, ctx, "{", 1, &o, NULL), AIGOV_ESYNTAX);
    aigov_ctx_free(ctx);
}
END_TEST

/* ---- errors ------------------------------------------------------------------------- */

START_TEST(status_strings_and_error_fields)
{
    static const struct {
        int code;
        const char *s;
    } names[] = {
        {AIGOV_OK, "ok"},
        {AIGOV_EINVAL, "invalid argument"},
        {AIGOV_ENOMEM, "out of memory"},
        {AIGOV_ESYNTAX, "malformed JSON"},
        {AIGOV_EINPUT, "descriptor does not match the schema"},
        {AIGOV_ELIMIT, "input over a limit"},
        {AIGOV_ERULES, "rule source does not compile"},
        {AIGOV_ENOTFOUND, "not found"},
        {-8, "unknown error code"},
        {1, "unknown error code"},
    };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        ck_assert_str_eq(aigov_strerror(names[i].code), names[i].s);

    /* a source name longer than aigov_error.source is cut and terminated */
    char name[300];
    memset(name, 'n', sizeof name - 1);
    name[sizeof name - 1] = '\0';
    aigov_source src = {name, "{\"format\":1}", 12};
    aigov_table *t = NULL;
    aigov_error err;
    memset(&err, 'x', sizeof err);
    ck_assert_int_eq(aigov_table_compile(&t, &src, 1, NULL, &err), AIGOV_ERULES);
    ck_assert_uint_eq(strlen(err.source), sizeof err.source - 1);
    ck_assert(strncmp(err.source, name, sizeof err.source - 1) == 0);
    ck_assert_int_eq(aigov_table_compile(&t, &src, 1, NULL, NULL), AIGOV_ERULES);

    ag_err_clear(NULL);
    ck_assert_int_eq(ag_err(NULL, AIGOV_ELIMIT, "x"), AIGOV_ELIMIT);
    ag_err_path(NULL, "$.a");
    ag_err_source(NULL, "s", "r");
    ag_err_clear(&err);
    ag_err_source(&err, NULL, NULL);
    ck_assert_str_eq(err.source, "");
    ck_assert_str_eq(err.rule_id, "");
    char small[4];
    ag_strlcpy(small, "abcdef", sizeof small);
    ck_assert_str_eq(small, "abc");
    ag_strlcpy(small, "ab", sizeof small);
    ck_assert_str_eq(small, "ab");
}
END_TEST

/* ---- allocation, buffers, arenas ---------------------------------------------------- */

START_TEST(allocation_helpers_refuse_overflowing_sizes)
{
    ag_mem m;
    ck_assert_int_eq(ag_mem_init(&m, NULL), 0);
    /* zero-byte requests give a real, freeable block */
    void *p = ag_malloc(&m, 0);
    ck_assert_ptr_nonnull(p);
    p = ag_realloc(&m, p, 0);
    ck_assert_ptr_nonnull(p);
    ag_mfree(&m, p);
    ag_mfree(&m, NULL);
    unsigned char *z = ag_calloc(&m, 0, 8);
    ck_assert_ptr_nonnull(z);
    ag_mfree(&m, z);
    z = ag_calloc(&m, 8, 0);
    ck_assert_ptr_nonnull(z);
    ag_mfree(&m, z);
    z = ag_calloc(&m, 3, 5);
    ck_assert_ptr_nonnull(z);
    for (int i = 0; i < 15; i++)
        ck_assert_int_eq(z[i], 0);
    ag_mfree(&m, z);
    /* count * size past SIZE_MAX, header + n past SIZE_MAX */
    ck_assert_ptr_null(ag_calloc(&m, SIZE_MAX / 2, 3));
    ck_assert_ptr_null(ag_user_alloc(&m, SIZE_MAX - 8));
    char *u = ag_user_alloc(&m, 16);
    ck_assert_ptr_nonnull(u);
    ck_assert_ptr_null(ag_user_realloc(u, SIZE_MAX - 8));
    u = ag_user_realloc(u, 4096); /* the failed call left u intact */
    ck_assert_ptr_nonnull(u);
    aigov_free(u);
    aigov_free(NULL);
}
END_TEST

START_TEST(buffers_escape_and_fail_once)
{
    ag_mem m;
    ag_mem_init(&m, NULL);
    ag_buf b;
    /* an empty buffer is handed out as "" */
    ag_buf_init(&b, &m);
    char *out = NULL;
    size_t len = 9;
    ck_assert_int_eq(ag_buf_finish(&b, &out, &len), 0);
    ck_assert_str_eq(out, "");
    ck_assert_uint_eq(len, 0);
    aigov_free(out);
    /* JSON string escapes, and control characters made visible for people */
    ag_buf_init(&b, &m);
    ag_buf_json_str(&b, "q\"b\\n\nr\rt\tc\x01\x1f" "d\x7f");
    ag_buf_putc(&b, ' ');
    ag_buf_put_plain(&b, "a\x1b[31m\x7f\tb\xC3\xA9");
    ck_assert_str_eq(b.data, "\"q\\\"b\\\\n\\nr\\rt\\tc\\u0001\\u001fd\x7f\" a?[31m??b\xC3\xA9");
    /* printf longer than its stack buffer */
    char *big = repeat("x", 700);
    ag_buf_printf(&b, "<%s>", big);
    ck_assert_uint_eq(strlen(b.data), b.len);
    ck_assert_ptr_nonnull(strstr(b.data, "b\xC3\xA9<xxxx"));
    ck_assert_int_eq(b.data[b.len - 1], '>');
    free(big);
    /* an encoding error in printf appends nothing */
    size_t before = b.len;
    ag_buf_printf(&b, "%ls", L"\xD800");
    ck_assert_uint_eq(b.len, before);
    ag_buf_free(&b);
    /* a size that cannot be reached sets the sticky failure: nothing more is appended */
    ag_buf_init(&b, &m);
    ag_buf_puts(&b, "kept until finish");
    ag_buf_reserve(&b, SIZE_MAX / 2 + 1);
    ck_assert(b.oom);
    ag_buf_puts(&b, "more");
    ck_assert_int_eq(ag_buf_finish(&b, &out, &len), AIGOV_ENOMEM);
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(len, 0);
    ck_assert_int_eq(ag_buf_finish(&b, &out, NULL), AIGOV_ENOMEM);
}
END_TEST

START_TEST(arena_gives_zeroed_aligned_blocks)
{
    ag_mem m;
    ag_mem_init(&m, NULL);
    ag_arena a;
    ag_arena_init(&a, &m);
    unsigned char *p = ag_arena_alloc(&a, 0); /* still a distinct block */
    unsigned char *q = ag_arena_alloc(&a, 3);
    ck_assert_ptr_nonnull(p);
    ck_assert_ptr_nonnull(q);
    ck_assert_ptr_ne(p, q);
    ck_assert_uint_eq((uintptr_t)q % 8, 0);
    ck_assert_int_eq(q[0] | q[1] | q[2], 0);
    char *big = ag_arena_alloc(&a, 100000); /* larger than a chunk */
    ck_assert_ptr_nonnull(big);
    ck_assert_str_eq(ag_arena_strdup(&a, "dup"), "dup");
    ag_arena_free(&a);
    ag_arena_free(&a);
}
END_TEST

/* ---- numbers and dates -------------------------------------------------------------- */

START_TEST(numbers_at_the_edges_of_the_grammar)
{
    double v = 7;
    ck_assert_int_eq(ag_num_parse("", 0, &v), 0);
    ck_assert(v == 0);
    ck_assert_int_eq(ag_num_parse("-0", 2, &v), 0);
    ck_assert(v == 0);
    /* more than 19 significant digits: the rest only scale */
    ck_assert_int_eq(ag_num_parse("123456789012345678901234", 24, &v), 0);
    ck_assert(v > 1.2345678901234567e23 * (1 - 1e-15) && v < 1.2345678901234567e23 * (1 + 1e-15));
    ck_assert_int_eq(ag_num_parse("0.12345678901234567890123", 25, &v), 0);
    ck_assert(v > 0.12345678901234567 * (1 - 1e-15) && v < 0.12345678901234567 * (1 + 1e-15));
    /* exponent sign and large exponents */
    ck_assert_int_eq(ag_num_parse("25E+2", 5, &v), 0);
    ck_assert(v == 2500);
    ck_assert_int_eq(ag_num_parse("5e-1", 4, &v), 0);
    ck_assert(v == 0.5);
    ck_assert_int_eq(ag_num_parse("1e9999999", 9, &v), -1);
    /* a mantissa too wide to absorb the exponent: scaled with rounding */
    ck_assert_int_eq(ag_num_parse("12345678901234567e200", 21, &v), 0);
    ck_assert(v > 1.2345678901234567e216 * (1 - 1e-15) && v < 1.2345678901234567e216 * (1 + 1e-15));
    /* a zero mantissa with a large exponent */
    ck_assert_int_eq(ag_num_parse("0e30", 4, &v), 0);
    ck_assert(v == 0);
    ck_assert_int_eq(ag_num_parse("0.0E+25", 7, &v), 0);
    ck_assert(v == 0);
    /* reading stops at the first byte that cannot continue the number */
    static const struct {
        const char *s;
        double v;
    } prefixes[] = {{"0.5,", 0.5}, {"1e5,", 1e5}, {"1e5x", 1e5}, {"7x", 7}, {"1e", 1}, {"-", 0}};
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        ck_assert_int_eq(ag_num_parse(prefixes[i].s, strlen(prefixes[i].s), &v), 0);
        ck_assert_msg(v == prefixes[i].v, "%s: %g", prefixes[i].s, v);
    }
    /* the length bounds the number, not a NUL */
    ck_assert_int_eq(ag_num_parse("2.5e3", 3, &v), 0);
    ck_assert(v == 2.5);
    ck_assert_int_eq(ag_num_parse("1.5e+", 5, &v), 0);
    ck_assert(v == 1.5);
    char buf[40];
    ag_num_format(buf, 0);
    ck_assert_str_eq(buf, "0");
    ag_num_format(buf, -3);
    ck_assert_str_eq(buf, "-3");
    /* whole numbers are written without snprintf: the largest below 1e15 and its negative */
    ag_num_format(buf, 999999999999999.0);
    ck_assert_str_eq(buf, "999999999999999");
    ag_num_format(buf, -999999999999999.0);
    ck_assert_str_eq(buf, "-999999999999999");
    ag_num_format(buf, 15000000);
    ck_assert_str_eq(buf, "15000000");
    ag_num_format(buf, 1e15); /* past it: the shortest %g form */
    ck_assert_str_eq(buf, "1e+15");
    {
        ag_mem m;
        ag_mem_init(&m, NULL);
        ag_buf b;
        ag_buf_init(&b, &m);
        const uint64_t ns[] = {0, 9, 10, 99, 100, 12345, UINT64_MAX};
        for (size_t k = 0; k < sizeof ns / sizeof *ns; k++) {
            ag_buf_put_uint(&b, ns[k]);
            ag_buf_putc(&b, ' ');
        }
        ck_assert_str_eq(b.data, "0 9 10 99 100 12345 18446744073709551615 ");
        ag_buf_free(&b);
    }
    ag_num_format(buf, 1.7976931348623157e308); /* 2e+308, the shorter forms, overflow */
    ck_assert_str_eq(buf, "1.7976931348623157e+308");
    ag_num_format(buf, 1.0 / 3);
    ck_assert_str_eq(buf, "0.3333333333333333");
    ck_assert_int_eq(ag_num_parse(buf, strlen(buf), &v), 0);
    ck_assert(v == 1.0 / 3);
}
END_TEST

START_TEST(dates_at_the_edges_of_the_calendar)
{
    int32_t d = 0;
    ck_assert_int_eq(ag_date_parse("2026-01x01", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("2026x01-01", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("2026-0:-01", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("+026-01-01", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("2026-01-00", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("2026-00-10", 10, &d), -1);
    ck_assert_int_eq(ag_date_parse("9999-12-31", 10, &d), 0);
    char out[11];
    ag_date_format(out, d);
    ck_assert_str_eq(out, "9999-12-31");
    ck_assert_int_eq(ag_date_parse("1900-01-01", 10, &d), 0);
    ck_assert_int_eq(d, -25567);
    /* day numbers before year 0 (never parsed) print as year 0000 */
    ag_date_format(out, -719529);
    ck_assert_str_eq(out, "0000-12-31");
    ag_date_format(out, -719468);
    ck_assert_str_eq(out, "0000-03-01");
}
END_TEST

/* XML/HTML escaping (JUnit, HTML): markup characters become entities; what XML 1.0
 * forbids even escaped, and every byte that is not valid UTF-8, becomes U+FFFD. */
START_TEST(markup_escapes_every_class_of_character)
{
    ag_mem m;
    ag_mem_init(&m, NULL);
    ag_buf b;
    static const struct { const char *in, *out; } cases[] = {
        {"a&b<c>d\"e'f", "a&amp;b&lt;c&gt;d&quot;e&#39;f"},
        {"t\tn\nr\r", "t\tn\nr\r"},
        {"x\x01y\x1fz", "x\xEF\xBF\xBDy\xEF\xBF\xBDz"},
        {"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"}, /* 2, 3, 4 bytes */
        {"\xC0\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD"},                                     /* overlong 2 */
        {"\xE0\x80\xAF", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},                     /* overlong 3 */
        {"\xED\xA0\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},                     /* surrogate */
        {"\xF0\x80\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},     /* overlong 4 */
        {"\xF4\x90\x80\x80", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"},     /* past U+10FFFF */
        {"\xF5\x80", "\xEF\xBF\xBD\xEF\xBF\xBD"},                                     /* no such lead */
        {"\xC3(", "\xEF\xBF\xBD("},                                                   /* cut sequence */
        {"\xEF\xBF\xBE\xEF\xBF\xBF\xEF\xBF\xBD", "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"}, /* U+FFFE, U+FFFF */
        {"\xE2\x80\xAE", "\xE2\x80\xAE"}, /* text, not markup: the page's CSS and the DOM hold it */
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        ag_buf_init(&b, &m);
        ag_buf_xml(&b, cases[k].in);
        ag_buf_putc(&b, '\0');
        ck_assert_msg(strcmp(b.data, cases[k].out) == 0, "case %zu", k);
        ag_buf_free(&b);
    }
    ag_buf_init(&b, &m);
    ag_buf_uri(&b, "dir/a b%c~d_e.f-\xC3\xA9?#");
    ag_buf_putc(&b, '\0');
    ck_assert_str_eq(b.data, "dir/a%20b%25c~d_e.f-%C3%A9%3F%23");
    ag_buf_free(&b);
}
END_TEST

Suite *core_edges_suite(void)
{
    Suite *s = suite_create("core_edges");
    TCase *tc = tcase_create("descriptor");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, truncated_and_malformed_values_name_their_path);
    tcase_add_test(tc, edge_shapes_that_are_valid);
    tcase_add_test(tc, long_keys_and_values_are_cut_in_messages);
    tcase_add_test(tc, nesting_limits_at_evidence_and_systems);
    tcase_add_test(tc, deep_and_long_paths_are_cut);
    tcase_add_test(tc, seen_marks_survive_the_epoch_wrapping);
    tcase_add_test(tc, ranges_enums_and_key_lists_of_a_small_rule_set);
    suite_add_tcase(s, tc);
    tc = tcase_create("evaluation");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, operators_the_builtin_rules_do_not_use);
    tcase_add_test(tc, date_cases_after_an_unknown_one);
    tcase_add_test(tc, penalty_caps_follow_the_organisation);
    tcase_add_test(tc, penalty_caps_round_half_to_even);
    tcase_add_test(tc, crosswalk_coverage_counts_met_iso_rules);
    tcase_add_test(tc, next_actions_put_penalised_legal_gaps_first);
    suite_add_tcase(s, tc);
    tc = tcase_create("api_and_util");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, table_accessors_reject_null);
    tcase_add_test(tc, allocators_missing_a_function_are_refused);
    tcase_add_test(tc, unnamed_systems_in_text_and_markdown);
    tcase_add_test(tc, status_strings_and_error_fields);
    tcase_add_test(tc, allocation_helpers_refuse_overflowing_sizes);
    tcase_add_test(tc, buffers_escape_and_fail_once);
    tcase_add_test(tc, arena_gives_zeroed_aligned_blocks);
    tcase_add_test(tc, numbers_at_the_edges_of_the_grammar);
    tcase_add_test(tc, dates_at_the_edges_of_the_calendar);
    tcase_add_test(tc, markup_escapes_every_class_of_character);
    suite_add_tcase(s, tc);
    return s;
}
