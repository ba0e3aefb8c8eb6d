/* The rule compiler's error and edge paths: every rule of the source format
 * (rules/README.md) broken once, with the status, message, JSON path and rule
 * id a reviewer would need to find the mistake; the strict JSON check run
 * before cJSON, with the byte offset of each malformation; and the valid but
 * unusual shapes, compiled and then observed through evaluation. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"

/* ---- fixtures ----------------------------------------------------------------- */

#define FACT(id, type, extra)                                                                      \
    "{\"id\":\"" id "\",\"type\":\"" type "\"" extra ",\"description\":\"d\",\"ask\":\"a?\"}"

/* One fact of every type, the SoA pair and the facts the penalty computation reads. */
#define FACTS                                                                                      \
    "\"facts\":[" FACT("s.flag", "bool", "") "," FACT("s.other", "bool", ",\"source\":\"Art. 3(1)\"") ","                  \
    FACT("s.kind", "enum", ",\"values\":[\"x\",\"y\"]") ","                                        \
    FACT("s.set", "set", ",\"values\":[\"p\",\"q\",\"r\"]") ","                                    \
    FACT("s.n", "number", ",\"min\":-1.5e+2,\"max\":1E3") ","                                      \
    FACT("s.day", "date", "") "," FACT("s.why", "string", ",\"max_length\":100") ","               \
    FACT("s.note", "string", ",\"max_length\":4096") ","                                           \
    FACT("s.dec", "enum", ",\"values\":[\"included\",\"excluded\"]") ","                           \
    FACT("s.dec3", "enum", ",\"values\":[\"included\",\"excluded\",\"maybe\"]") ","                \
    FACT("s.rev", "enum", ",\"values\":[\"excluded\",\"included\"]") ","                           \
    FACT("s.inc", "enum", ",\"values\":[\"included\",\"other\"]") ","                              \
    FACT("o.size", "enum", ",\"values\":[\"micro\",\"small\",\"medium\",\"large\"]") ","           \
    FACT("o.turn", "number", ",\"min\":0,\"max\":1e15") "," FACT("o.pub", "bool", "") "],"         \
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\",\"iso\":[]},"                       \
    "{\"id\":\"doc2\",\"title\":\"Doc 2\",\"description\":\"d\",\"iso\":[\"6.1\",\"A.2.2\"]}]"

#define HEAD "{\"format\":\"aigov-rules/1\"," FACTS ","
/* a body whose rules are `rules` */
#define BODY(rules) HEAD "\"rules\":[" rules "]}"
/* a body with penalty tiers `pens` and rules `rules` */
#define PBODY(pens, rules) HEAD "\"penalties\":[" pens "],\"rules\":[" rules "]}"

#define BASE(id, kind) "\"id\":\"" id "\",\"kind\":\"" kind "\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"title\":\"t\""
#define ISO_BASE(id, kind) "\"id\":\"" id "\",\"kind\":\"" kind "\",\"framework\":\"iso42001\",\"citation\":\"c\",\"title\":\"t\""
#define HOLD ",\"holder\":[\"provider\"]"
#define DATE ",\"applies_from\":\"2026-02-03\""
#define EVD ",\"evidence\":[\"doc\"]"
#define WTRUE ",\"when\":true"

#define DEF(id, extra) "{" BASE(id, "definition") extra "}"
#define OBL(id, extra) "{" BASE(id, "obligation") HOLD DATE WTRUE EVD extra "}"
#define ISO_OBL(id, extra) "{" ISO_BASE(id, "obligation") HOLD DATE WTRUE EVD extra "}"
#define FIND(id, extra) "{" BASE(id, "finding") HOLD DATE WTRUE extra "}"
#define PROH(id, extra) "{" BASE(id, "prohibition") HOLD DATE WTRUE extra "}"
/* rule a.b, a definition with condition `cond` */
#define WHEN(cond) BODY(DEF("a.b", ",\"when\":" cond))
/* obligation a.b with applies_from `af` */
#define AF(af) BODY("{" BASE("a.b", "obligation") HOLD WTRUE EVD ",\"applies_from\":" af "}")
#define SOA_OBL(soa) BODY(OBL("a.b", ",\"soa\":" soa))
/* named date cases `dates` and obligation a.b with applies_from `af` */
#define NAMED(dates, af) HEAD "\"dates\":[" dates "],\"rules\":[{" BASE("a.b", "obligation") HOLD WTRUE EVD \
    ",\"applies_from\":" af "}]}"
/* a named date case */
#define DC(id, cases) "{\"id\":\"" id "\",\"citation\":\"Art. 113\",\"cases\":" cases "}"
#define DEFAULT_CASE "{\"date\":\"2027-12-02\"}"
#define IF_CASE "{\"if\":{\"fact\":\"s.flag\",\"is\":true},\"date\":\"2030-12-31\"}"

#define PEN_ID "\"id\":\"p1\",\"citation\":\"Art. 99(4)\",\"title\":\"t\""
#define PEN_NUMS ",\"fixed_eur\":100,\"turnover_percent\":3"
#define PEN_HL ",\"undertaking\":\"higher\",\"sme\":\"lower\",\"small_mid_cap\":\"lower\""
#define PEN(extra) "{" PEN_ID extra "}"
#define PEN_OK PEN(PEN_NUMS PEN_HL)

/* a source that carries its own manifest */
#define FWS "\"frameworks\":[{\"id\":\"eu_ai_act\",\"name\":\"AI Act\"}]"
#define MANI(m) "{\"format\":\"aigov-rules/1\",\"manifest\":" m "}"
#define MANI_FW(fw) MANI("{\"revision\":\"r\",\"frameworks\":" fw "}")
#define MANI_PF(pf) "{\"format\":\"aigov-rules/1\"," FACTS ",\"manifest\":{\"revision\":\"r\"," FWS ",\"penalty_facts\":" pf "}}"
#define PF_FACTS "\"size\":\"o.size\",\"turnover\":\"o.turn\",\"eu_institution\":\"o.pub\""
#define PF_SIZES ",\"sme\":[\"micro\",\"small\"],\"small_mid_cap\":[\"medium\"]"

#define D16 "1234567890123456"

enum { WITH_MANIFEST, ALONE };

/* Compiles one source named "x.json", or a body after the shared manifest. */
static aigov_table *compile_one(int mode, const char *text, size_t len, aigov_error *err, int *rc)
{
    if (mode == WITH_MANIFEST)
        return unit_compile(text, err, rc);
    aigov_source s = {"x.json", text, len};
    aigov_table *t = NULL;
    *rc = aigov_table_compile(&t, &s, 1, NULL, err);
    return t;
}

/* ---- the JSON check ---------------------------------------------------------------- */

typedef struct syntax_case {
    const char *text;
    int code;
    size_t offset;
    const char *why;
} syntax_case;

static const syntax_case syntax_cases[] = {
    {"", AIGOV_ESYNTAX, 0, "found the end of the file"},
    {" \t\r\n", AIGOV_ESYNTAX, 4, "found the end of the file"},
    {"[", AIGOV_ESYNTAX, 1, "found the end of the file"},
    {"{", AIGOV_ESYNTAX, 1, "expected a key string"},
    {"{1:2}", AIGOV_ESYNTAX, 1, "expected a key string"},
    {"{\"a\":1,}", AIGOV_ESYNTAX, 7, "expected a key string"},
    {"{\"a\" 1}", AIGOV_ESYNTAX, 5, "expected ':' after the key"},
    {"{\"a\":1", AIGOV_ESYNTAX, 6, "expected ',' or '}'"},
    {"{\"a\":1 \"b\":2}", AIGOV_ESYNTAX, 7, "expected ',' or '}'"},
    {"[1 2]", AIGOV_ESYNTAX, 3, "expected ',' or ']'"},
    {"{\"a\":1}x", AIGOV_ESYNTAX, 7, "trailing content"},
    {"{} {}", AIGOV_ESYNTAX, 3, "trailing content"},
    {"{\"a\":tru}", AIGOV_ESYNTAX, 5, "invalid literal"},
    {"{\"a\":nul", AIGOV_ESYNTAX, 5, "invalid literal"},
    {"[fals]", AIGOV_ESYNTAX, 1, "invalid literal"},
    {"[@]", AIGOV_ESYNTAX, 1, "found an invalid token"},
    {"\xEF\xBB", AIGOV_ESYNTAX, 0, "found an invalid token"},   /* too short for a BOM */
    {"\xEF" "x", AIGOV_ESYNTAX, 0, "found an invalid token"},
    {"\xEF\xBB" "x", AIGOV_ESYNTAX, 0, "found an invalid token"},
    {"[01]", AIGOV_ESYNTAX, 2, "leading zeros"},
    {"[-]", AIGOV_ESYNTAX, 2, "invalid number"},
    {"[-", AIGOV_ESYNTAX, 2, "invalid number"},
    {"[1.]", AIGOV_ESYNTAX, 3, "digits expected after '.'"},
    {"[1.,2]", AIGOV_ESYNTAX, 3, "digits expected after '.'"},
    {"[0", AIGOV_ESYNTAX, 2, "expected ',' or ']'"},
    {"[0a]", AIGOV_ESYNTAX, 2, "expected ',' or ']'"},
    {"[1e", AIGOV_ESYNTAX, 3, "digits expected in the exponent"},
    {"[#]", AIGOV_ESYNTAX, 1, "found an invalid token"},
    {"{\"a\"", AIGOV_ESYNTAX, 4, "expected ':' after the key"},
    {"\xEF" "xx", AIGOV_ESYNTAX, 0, "found an invalid token"},
    {"\xEF\xBB\xBE", AIGOV_ESYNTAX, 0, "found an invalid token"},
    {"[1e]", AIGOV_ESYNTAX, 3, "digits expected in the exponent"},
    {"[1E+]", AIGOV_ESYNTAX, 4, "digits expected in the exponent"},
    {"[" D16 D16 D16 D16 "]", AIGOV_ELIMIT, 1, "number longer than 63 characters"},
    /* past DBL_MAX cJSON makes infinity, which rendered as invalid JSON (fuzzer, rules) */
    {"{\"max\":1e320}", AIGOV_ELIMIT, 7, "number out of range"},
    {"[-1.8e308]", AIGOV_ELIMIT, 1, "number out of range"},
    {"[18e307]", AIGOV_ELIMIT, 1, "number out of range"},
    {"[0.001e312]", AIGOV_ELIMIT, 1, "number out of range"},
    {"[1e99999999999999]", AIGOV_ELIMIT, 1, "number out of range"},
    {"{\"a\":\"x", AIGOV_ESYNTAX, 7, "unterminated string"},
    {"{\"a\":\"\\", AIGOV_ESYNTAX, 6, "unterminated escape"},
    {"{\"a\":\"\\x\"}", AIGOV_ESYNTAX, 6, "invalid escape"},
    {"{\"a\":\"\\u12", AIGOV_ESYNTAX, 8, "four hex digits"},
    {"{\"a\":\"\\u12G4\"}", AIGOV_ESYNTAX, 8, "four hex digits"},
    {"{\"a\":\"\\u0000\"}", AIGOV_ESYNTAX, 12, "\\u0000 is not allowed"},
    {"{\"a\":\"\\uDC00\"}", AIGOV_ESYNTAX, 12, "lone low surrogate"},
    {"{\"a\":\"\\uD800\"}", AIGOV_ESYNTAX, 12, "lone high surrogate"},
    {"{\"a\":\"\\uD800", AIGOV_ESYNTAX, 12, "lone high surrogate"},
    {"{\"a\":\"\\uD800\\n\"}", AIGOV_ESYNTAX, 12, "lone high surrogate"},
    {"{\"a\":\"\\uD800\\u0041\"}", AIGOV_ESYNTAX, 18, "lone high surrogate"},
    {"{\"a\":\"\\uDBFF\\uE000\"}", AIGOV_ESYNTAX, 18, "lone high surrogate"},
    {"{\"a\":\"\\uD800\\uZZZZ\"}", AIGOV_ESYNTAX, 14, "four hex digits"},
    {"{\"a\":\"\\u12!4\"}", AIGOV_ESYNTAX, 8, "four hex digits"},
    {"{\"a\":\"\\u12g4\"}", AIGOV_ESYNTAX, 8, "four hex digits"},
    {"{\"a\":\"\\u12:4\"}", AIGOV_ESYNTAX, 8, "four hex digits"},
    {"{\"a\":\"\x01\"}", AIGOV_ESYNTAX, 6, "control character"},
    {"{\"\x1f\":1}", AIGOV_ESYNTAX, 2, "control character"},
    {"{\"a\":\"\x80\"}", AIGOV_ESYNTAX, 6, "invalid lead byte"},
    {"{\"a\":\"\xC0\x80\"}", AIGOV_ESYNTAX, 6, "invalid lead byte"},
    {"{\"a\":\"\xF5\x80\x80\x80\"}", AIGOV_ESYNTAX, 6, "invalid lead byte"},
    {"{\"a\":\"\xC3", AIGOV_ESYNTAX, 6, "truncated sequence"},
    {"{\"a\":\"\xE2\x28\xA1\"}", AIGOV_ESYNTAX, 6, "invalid continuation byte"},
    {"{\"a\":\"\xE0\x80\x80\"}", AIGOV_ESYNTAX, 6, "overlong form"},
    {"{\"a\":\"\xED\xA0\x80\"}", AIGOV_ESYNTAX, 6, "surrogate"},
    {"{\"a\":\"\xF4\x90\x80\x80\"}", AIGOV_ESYNTAX, 6, "past U+10FFFF"},
};

START_TEST(malformed_json_is_located_to_the_byte)
{
    for (size_t i = 0; i < sizeof syntax_cases / sizeof *syntax_cases; i++) {
        const syntax_case *k = &syntax_cases[i];
        aigov_error err;
        int rc;
        aigov_table *t = compile_one(ALONE, k->text, strlen(k->text), &err, &rc);
        ck_assert_msg(rc == k->code, "syntax case %zu: rc %d (%s)", i, rc, err.message);
        ck_assert_ptr_null(t);
        ck_assert_msg(err.code == k->code, "syntax case %zu: err.code %d", i, err.code);
        ck_assert_msg(err.offset == k->offset, "syntax case %zu: offset %zu want %zu (%s)", i,
                      err.offset, k->offset, err.message);
        ck_assert_msg(strstr(err.message, k->why) != NULL, "syntax case %zu: message '%s'", i,
                      err.message);
        ck_assert_msg(strchr(k->text, '\n') || strstr(err.message, "malformed JSON at line 1,"),
                      "syntax case %zu: message '%s'", i, err.message);
        ck_assert_str_eq(err.source, "x.json");
    }
}
END_TEST

START_TEST(json_errors_name_line_and_column)
{
    aigov_error err;
    int rc;
    const char *text = "{\n\"a\":\n  @}";
    ck_assert_ptr_null(compile_one(ALONE, text, strlen(text), &err, &rc));
    ck_assert_int_eq(rc, AIGOV_ESYNTAX);
    ck_assert_msg(strstr(err.message, "line 3, column 3 (byte 9)") != NULL, "%s", err.message);
    ck_assert_int_eq(err.offset, 9);
    /* without an aigov_error the status alone comes back */
    aigov_source s = {"x.json", text, strlen(text)};
    aigov_table *t = NULL;
    ck_assert_int_eq(aigov_table_compile(&t, &s, 1, NULL, NULL), AIGOV_ESYNTAX);
    ck_assert_ptr_null(t);
}
END_TEST

/* Nesting is limited to 256 levels, checked before cJSON (whose own limit is 1000). */
START_TEST(json_nesting_and_number_limits)
{
    char buf[600];
    aigov_error err;
    int rc;
    memset(buf, '[', 257);
    ck_assert_ptr_null(compile_one(ALONE, buf, 257, &err, &rc));
    ck_assert_int_eq(rc, AIGOV_ELIMIT);
    ck_assert_int_eq(err.offset, 256);
    ck_assert_ptr_nonnull(strstr(err.message, "nesting deeper than 256 levels"));
    /* 256 levels are well-formed: what fails is the rule format */
    memset(buf, '[', 256);
    memset(buf + 256, ']', 256);
    ck_assert_ptr_null(compile_one(ALONE, buf, 512, &err, &rc));
    ck_assert_int_eq(rc, AIGOV_ERULES);
    ck_assert_str_eq(err.message, "a rule source is a JSON object");
    ck_assert_str_eq(err.path, "$");
    /* so is a number of 63 characters, and every literal */
    /* (63 characters, one significant digit: a rule number must be exactly its double) */
    const char *n63 = "[-0.000000000000000000000000000000000000000000000000000000001e-3,0,-0.25E+2,true,false,null,{},[]]";
    ck_assert_int_eq((int)strlen("-0.000000000000000000000000000000000000000000000000000000001e-3"), 63);
    ck_assert_ptr_null(compile_one(ALONE, n63, strlen(n63), &err, &rc));
    ck_assert_int_eq(rc, AIGOV_ERULES);
    ck_assert_str_eq(err.message, "a rule source is a JSON object");
}
END_TEST

/* Escapes and UTF-8 of every length reach the table decoded. */
START_TEST(escapes_and_utf8_are_decoded)
{
    aigov_error err;
    int rc;
    const char *body = BODY("{\"id\":\"a.b\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\","
                            "\"citation\":\"\\u00e9\\u00C9\\uE000\\ud83d\\ude00\\\"\\\\\\/\","
                            "\"title\":\"\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\",\"when\":true}");
    aigov_table *t = unit_compile(body, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    aigov_rule_info info;
    ck_assert_int_eq(aigov_table_rule(&info, t, 0), 0);
    ck_assert_str_eq(info.citation, "\xC3\xA9\xC3\x89\xEE\x80\x80\xF0\x9F\x98\x80\"\\/");
    ck_assert_str_eq(info.title, "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80");
    aigov_table_free(t);
}
END_TEST

/* ---- the rule format, broken once per row --------------------------------------------- */

typedef struct bad_rules {
    int mode;
    const char *body;
    int code;
    const char *rule_id;
    const char *path;
    const char *in_message;
} bad_rules;

static const bad_rules rule_cases[] = {
    /* the document */
    {ALONE, "[true,false,null]", AIGOV_ERULES, "", "$", "a rule source is a JSON object"},
    {ALONE, "{\"a\":1} \n", AIGOV_ERULES, "", "$.a", "unknown key 'a'"},
    {ALONE, "{\"manifest\":{}}", AIGOV_ERULES, "", "$.format", "format must be"},
    {ALONE, "{\"format\":1}", AIGOV_ERULES, "", "$.format", "format must be"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":{}}", AIGOV_ERULES, "", "$.facts", "'facts' must be an array"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"penalties\":1}", AIGOV_ERULES, "", "$.penalties", "'penalties' must be an array"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"$schema\":{\"x\":[1,{}]},\"rules\":[{\"id\":\"a.b\",\"id\":\"a.c\"}]}",
     AIGOV_ERULES, "", "$.rules[0].id", "duplicate key 'id'"},
    {WITH_MANIFEST, MANI_FW("[{\"id\":\"eu_ai_act\",\"name\":\"AI Act\"}]"), AIGOV_ERULES, "", "$.manifest",
     "a second manifest (the first is in manifest.json)"},
    {ALONE, "{\"format\":\"aigov-rules/1\"}", AIGOV_ERULES, "", "$", "no source has a 'manifest'"},
    /* the manifest */
    {ALONE, MANI("[]"), AIGOV_ERULES, "", "$.manifest", "manifest must be an object"},
    {ALONE, MANI("{\"revision\":\"r\"," FWS ",\"date\":1}"), AIGOV_ERULES, "", "$.manifest.date",
     "unknown key 'date'; expected one of: revision, frameworks, penalty_facts"},
    {ALONE, MANI("{" FWS "}"), AIGOV_ERULES, "", "$.manifest", "missing required key 'revision'"},
    {ALONE, MANI("{\"revision\":1," FWS "}"), AIGOV_ERULES, "", "$.manifest.revision", "'revision' must be a string"},
    {ALONE, MANI("{\"revision\":\"\"," FWS "}"), AIGOV_ERULES, "", "$.manifest.revision", "non-empty string of at most 64 bytes"},
    {ALONE, MANI("{\"revision\":\"r\"}"), AIGOV_ERULES, "", "$.manifest.frameworks", "1 to 16 frameworks"},
    {ALONE, MANI_FW("{}"), AIGOV_ERULES, "", "$.manifest.frameworks", "1 to 16 frameworks"},
    {ALONE, MANI_FW("[]"), AIGOV_ERULES, "", "$.manifest.frameworks", "1 to 16 frameworks"},
    {ALONE, MANI_FW("[\"eu\"]"), AIGOV_ERULES, "", "$.manifest.frameworks[0]", "a framework must be an object"},
    {ALONE, MANI_FW("[{\"id\":\"eu\",\"name\":\"n\",\"url\":\"u\"}]"), AIGOV_ERULES, "", "$.manifest.frameworks[0].url",
     "unknown key 'url'"},
    {ALONE, MANI_FW("[{\"name\":\"n\"}]"), AIGOV_ERULES, "", "$.manifest.frameworks[0]", "missing required key 'id'"},
    {ALONE, MANI_FW("[{\"id\":\"eu\"}]"), AIGOV_ERULES, "", "$.manifest.frameworks[0]", "missing required key 'name'"},
    {ALONE, MANI_FW("[{\"id\":\"EU\",\"name\":\"n\"}]"), AIGOV_ERULES, "", "$.manifest.frameworks[0]", "must match ^[a-z0-9_]+$"},
    {ALONE, MANI_FW("[{\"id\":\"eu.act\",\"name\":\"n\"}]"), AIGOV_ERULES, "", "$.manifest.frameworks[0]", "must match ^[a-z0-9_]+$"},
    {ALONE, MANI_FW("[{\"id\":\"eu\",\"name\":\"n\"},{\"id\":\"iso\",\"name\":\"n\"},{\"id\":\"eu\",\"name\":\"m\"}]"),
     AIGOV_ERULES, "", "$.manifest.frameworks[2]", "duplicate framework id 'eu'"},
    /* penalty_facts (in the manifest) */
    {ALONE, MANI_PF("1"), AIGOV_ERULES, "", "$.manifest.penalty_facts", "penalty_facts is an object"},
    {ALONE, MANI_PF("{" PF_FACTS PF_SIZES ",\"ceo\":\"o.pub\"}"), AIGOV_ERULES, "", "$.manifest.penalty_facts.ceo", "unknown key 'ceo'"},
    {ALONE, MANI_PF("{\"turnover\":\"o.turn\",\"eu_institution\":\"o.pub\"" PF_SIZES "}"), AIGOV_ERULES, "",
     "$.manifest.penalty_facts", "penalty_facts.size must name a fact of type enum"},
    {ALONE, MANI_PF("{\"size\":1,\"turnover\":\"o.turn\",\"eu_institution\":\"o.pub\"" PF_SIZES "}"), AIGOV_ERULES, "",
     "$.manifest.penalty_facts", "penalty_facts.size must name a fact of type enum"},
    {ALONE, MANI_PF("{\"size\":\"o.nope\",\"turnover\":\"o.turn\",\"eu_institution\":\"o.pub\"" PF_SIZES "}"), AIGOV_ERULES, "",
     "$.manifest.penalty_facts", "penalty_facts.size must name a fact of type enum"},
    {ALONE, MANI_PF("{\"size\":\"o.pub\",\"turnover\":\"o.turn\",\"eu_institution\":\"o.pub\"" PF_SIZES "}"), AIGOV_ERULES, "",
     "$.manifest.penalty_facts", "penalty_facts.size must name a fact of type enum"},
    {ALONE, MANI_PF("{\"size\":\"o.size\",\"turnover\":\"o.size\",\"eu_institution\":\"o.pub\"" PF_SIZES "}"), AIGOV_ERULES, "",
     "$.manifest.penalty_facts", "penalty_facts.turnover must name a fact of type number"},
    {ALONE, MANI_PF("{\"size\":\"o.size\",\"turnover\":\"o.turn\",\"eu_institution\":\"o.turn\"" PF_SIZES "}"), AIGOV_ERULES, "",
     "$.manifest.penalty_facts", "penalty_facts.eu_institution must name a fact of type bool"},
    {ALONE, MANI_PF("{" PF_FACTS PF_SIZES ",\"public_authority\":1}"), AIGOV_ERULES, "", "$.manifest.penalty_facts",
     "penalty_facts.public_authority must name a bool fact"},
    {ALONE, MANI_PF("{" PF_FACTS PF_SIZES ",\"public_authority\":\"o.nope\"}"), AIGOV_ERULES, "", "$.manifest.penalty_facts",
     "penalty_facts.public_authority must name a bool fact"},
    {ALONE, MANI_PF("{" PF_FACTS PF_SIZES ",\"public_authority\":\"o.size\"}"), AIGOV_ERULES, "", "$.manifest.penalty_facts",
     "penalty_facts.public_authority must name a bool fact"},
    {ALONE, MANI_PF("{" PF_FACTS ",\"sme\":\"micro\",\"small_mid_cap\":[]}"), AIGOV_ERULES, "", "$.manifest.penalty_facts.sme",
     "'sme' lists values of the size fact"},
    {ALONE, MANI_PF("{" PF_FACTS ",\"sme\":[\"micro\",1],\"small_mid_cap\":[]}"), AIGOV_ERULES, "", "$.manifest.penalty_facts.sme",
     "'sme' names a value the size fact does not have"},
    {ALONE, MANI_PF("{" PF_FACTS ",\"sme\":[],\"small_mid_cap\":[\"huge\"]}"), AIGOV_ERULES, "",
     "$.manifest.penalty_facts.small_mid_cap", "'small_mid_cap' names a value the size fact does not have"},
    /* facts */
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[1]}", AIGOV_ERULES, "", "$.facts[0]", "a fact must be an object"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "bool", ",\"unit\":\"kg\"") "]}", AIGOV_ERULES,
     "", "$.facts[0].unit", "unknown key 'unit'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[{\"type\":\"bool\"}]}", AIGOV_ERULES, "", "$.facts[0]",
     "missing required key 'id'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("evidence.x", "bool", "") "]}", AIGOV_ERULES, "",
     "$.facts[0]", "fact id 'evidence.x' must be dotted lowercase"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("descriptor_version", "bool", "") "]}", AIGOV_ERULES, "",
     "$.facts[0]", "fact id 'descriptor_version' must be"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s..a", "bool", "") "]}", AIGOV_ERULES, "",
     "$.facts[0]", "fact id 's..a' must be"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a.", "bool", "") "]}", AIGOV_ERULES, "",
     "$.facts[0]", "fact id 's.a.' must be"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.A", "bool", "") "]}", AIGOV_ERULES, "",
     "$.facts[0]", "fact id 's.A' must be"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s-a", "bool", "") "]}", AIGOV_ERULES, "",
     "$.facts[0]", "fact id 's-a' must be"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.{", "bool", "") "]}", AIGOV_ERULES, "",
     "$.facts[0]", "fact id 's.{' must be"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[{\"id\":\"s.a\",\"description\":\"d\",\"ask\":\"a\"}]}",
     AIGOV_ERULES, "s.a", "$.facts[0]", "missing required key 'type'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "text", "") "]}", AIGOV_ERULES, "s.a",
     "$.facts[0]", "unknown fact type 'text'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[{\"id\":\"s.a\",\"type\":\"bool\",\"ask\":\"a\"}]}",
     AIGOV_ERULES, "s.a", "$.facts[0]", "missing required key 'description'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "bool", ",\"source\":5") "]}", AIGOV_ERULES,
     "s.a", "$.facts[0].source", "'source' must be a string"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "enum", "") "]}", AIGOV_ERULES, "s.a",
     "$.facts[0]", "enum and set facts need 'values'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "bool", ",\"values\":[\"x\"]") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0]", "only enum and set facts take 'values'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "set", ",\"values\":\"x\"") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0].values", "values must be an array of 1 to 64 strings"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "set", ",\"values\":[]") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0].values", "values must be an array of 1 to 64 strings"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "enum", ",\"values\":[\"x\",1]") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0].values[1]", "a value must be a non-empty string of at most 64 bytes"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "enum", ",\"values\":[\"\"]") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0].values[0]", "a value must be a non-empty string"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "enum", ",\"values\":[\"" D16 D16 D16 D16 "x\"]") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0].values[0]", "at most 64 bytes"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "enum", ",\"values\":[\"x\",\"y\",\"x\"]") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0].values[2]", "duplicate value 'x'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "number", ",\"max\":1") "]}", AIGOV_ERULES,
     "s.a", "$.facts[0]", "number facts need numeric 'min' <= 'max'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "number", ",\"min\":1") "]}", AIGOV_ERULES,
     "s.a", "$.facts[0]", "number facts need numeric 'min' <= 'max'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "number", ",\"min\":2,\"max\":1") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0]", "number facts need numeric 'min' <= 'max'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "bool", ",\"min\":1") "]}", AIGOV_ERULES,
     "s.a", "$.facts[0]", "only number facts take 'min' and 'max'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "date", ",\"max\":1") "]}", AIGOV_ERULES,
     "s.a", "$.facts[0]", "only number facts take 'min' and 'max'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "string", "") "]}", AIGOV_ERULES, "s.a",
     "$.facts[0]", "string facts need an integer 'max_length' from 1 to 4096"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "string", ",\"max_length\":0") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0]", "'max_length' from 1 to 4096"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "string", ",\"max_length\":4097") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0]", "'max_length' from 1 to 4096"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "string", ",\"max_length\":2.5") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0]", "'max_length' from 1 to 4096"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "bool", ",\"max_length\":5") "]}",
     AIGOV_ERULES, "s.a", "$.facts[0]", "only string facts take 'max_length'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a", "bool", "") "," FACT("s.a", "enum", ",\"values\":[\"x\"]") "]}",
     AIGOV_ERULES, "s.a", "$.facts[1]", "duplicate fact id 's.a'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"facts\":[" FACT("s.a.b", "bool", "") "," FACT("s.a", "bool", "") "]}",
     AIGOV_ERULES, "s.a", "$", "fact 's.a' collides with another fact"},
    /* evidence */
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[[]]}", AIGOV_ERULES, "", "$.evidence[0]",
     "an evidence item must be an object"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\",\"owner\":\"x\"}]}",
     AIGOV_ERULES, "", "$.evidence[0].owner", "unknown key 'owner'; expected one of: id, title, description, iso"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"title\":\"t\",\"description\":\"d\"}]}",
     AIGOV_ERULES, "", "$.evidence[0]", "missing required key 'id'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e.f\",\"title\":\"t\",\"description\":\"d\"}]}",
     AIGOV_ERULES, "", "$.evidence[0]", "evidence id 'e.f' must match ^[a-z0-9_]+$"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"E\",\"title\":\"t\",\"description\":\"d\"}]}",
     AIGOV_ERULES, "", "$.evidence[0]", "evidence id 'E' must match"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"description\":\"d\"}]}",
     AIGOV_ERULES, "e", "$.evidence[0]", "missing required key 'title'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\"}]}",
     AIGOV_ERULES, "e", "$.evidence[0]", "missing required key 'description'"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\",\"iso\":\"6.1\"}]}",
     AIGOV_ERULES, "e", "$.evidence[0].iso", "iso must be an array of clause or control numbers"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\",\"iso\":[\"6.1\",6]}]}",
     AIGOV_ERULES, "e", "$.evidence[0].iso", "iso entries must be non-empty strings"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\",\"iso\":[\"\"]}]}",
     AIGOV_ERULES, "e", "$.evidence[0].iso", "iso entries must be non-empty strings"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\"},"
                    "{\"id\":\"f\",\"title\":\"t\",\"description\":\"d\"},{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\"}]}",
     AIGOV_ERULES, "e", "$.evidence[2]", "duplicate evidence id 'e'"},
    /* implied_by: another known item, itself implied by none */
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\",\"implied_by\":\"nope\"}]}",
     AIGOV_ERULES, "e", "$.evidence[0].implied_by", "implied_by names another evidence item"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\",\"implied_by\":\"e\"}]}",
     AIGOV_ERULES, "e", "$.evidence[0].implied_by", "implied_by names another evidence item"},
    {WITH_MANIFEST, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\",\"implied_by\":\"f\"},"
                    "{\"id\":\"f\",\"title\":\"t\",\"description\":\"d\",\"implied_by\":\"e\"}]}",
     AIGOV_ERULES, "e", "$.evidence[0].implied_by", "itself implied by none"},
    /* penalty tiers */
    {WITH_MANIFEST, PBODY("7", ""), AIGOV_ERULES, "", "$.penalties[0]", "a penalty tier is an object"},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS PEN_HL ",\"max\":1"), ""), AIGOV_ERULES, "", "$.penalties[0].max", "unknown key 'max'"},
    {WITH_MANIFEST, PBODY("{\"citation\":\"c\",\"title\":\"t\"}", ""), AIGOV_ERULES, "", "$.penalties[0]", "missing required key 'id'"},
    {WITH_MANIFEST, PBODY("{\"id\":\"art.99\",\"citation\":\"c\",\"title\":\"t\"}", ""), AIGOV_ERULES, "", "$.penalties[0]",
     "penalty id 'art.99' must match ^[a-z0-9_]+$"},
    {WITH_MANIFEST, PBODY("{\"id\":\"Art99\",\"citation\":\"c\",\"title\":\"t\"}", ""), AIGOV_ERULES, "", "$.penalties[0]",
     "penalty id 'Art99' must match"},
    {WITH_MANIFEST, PBODY(PEN_OK "," PEN_OK, ""), AIGOV_ERULES, "p1", "$.penalties[1]", "duplicate penalty id 'p1'"},
    {WITH_MANIFEST, PBODY("{\"id\":\"p1\",\"title\":\"t\"}", ""), AIGOV_ERULES, "p1", "$.penalties[0]",
     "missing required key 'citation'"},
    {WITH_MANIFEST, PBODY("{\"id\":\"p1\",\"citation\":\"c\"}", ""), AIGOV_ERULES, "p1", "$.penalties[0]",
     "missing required key 'title'"},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS PEN_HL ",\"applies_from\":\"2026-13-01\""), ""), AIGOV_ERULES, "p1",
     "$.penalties[0].applies_from", "expected a date \"YYYY-MM-DD\""},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS PEN_HL ",\"applies_from\":20260801"), ""), AIGOV_ERULES, "p1",
     "$.penalties[0].applies_from", "expected a date \"YYYY-MM-DD\""},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS PEN_HL ",\"public_authority_national\":\"yes\""), ""), AIGOV_ERULES, "p1",
     "$.penalties[0]", "'public_authority_national' is true or false"},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS PEN_HL ",\"national\":1"), ""), AIGOV_ERULES, "p1", "$.penalties[0]",
     "'national' is true or false"},
    {WITH_MANIFEST, PBODY(PEN(",\"turnover_percent\":3" PEN_HL), ""), AIGOV_ERULES, "p1", "$.penalties[0]",
     "a tier needs fixed_eur > 0"},
    {WITH_MANIFEST, PBODY(PEN(",\"fixed_eur\":0,\"turnover_percent\":3" PEN_HL), ""), AIGOV_ERULES, "p1", "$.penalties[0]",
     "a tier needs fixed_eur > 0"},
    {WITH_MANIFEST, PBODY(PEN(",\"fixed_eur\":10" PEN_HL), ""), AIGOV_ERULES, "p1", "$.penalties[0]",
     "a tier needs fixed_eur > 0"},
    {WITH_MANIFEST, PBODY(PEN(",\"fixed_eur\":10,\"turnover_percent\":-1" PEN_HL), ""), AIGOV_ERULES, "p1",
     "$.penalties[0]", "turnover_percent 0..100"},
    {WITH_MANIFEST, PBODY(PEN(",\"fixed_eur\":10,\"turnover_percent\":101" PEN_HL), ""), AIGOV_ERULES, "p1",
     "$.penalties[0]", "turnover_percent 0..100"},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS ",\"eu_institution_eur\":\"1\"" PEN_HL), ""), AIGOV_ERULES, "p1",
     "$.penalties[0]", "eu_institution_eur >= 0"},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS ",\"eu_institution_eur\":-1" PEN_HL), ""), AIGOV_ERULES, "p1",
     "$.penalties[0]", "eu_institution_eur >= 0"},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS ",\"sme\":\"lower\",\"small_mid_cap\":\"lower\""), ""), AIGOV_ERULES, "p1",
     "$.penalties[0]", "missing required key 'undertaking' (higher or lower)"},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS ",\"undertaking\":1,\"sme\":\"lower\",\"small_mid_cap\":\"lower\""), ""),
     AIGOV_ERULES, "p1", "$.penalties[0]", "'undertaking' must be \"higher\" or \"lower\""},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS ",\"undertaking\":\"middle\",\"sme\":\"lower\",\"small_mid_cap\":\"lower\""), ""),
     AIGOV_ERULES, "p1", "$.penalties[0]", "'undertaking' must be \"higher\" or \"lower\""},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS ",\"undertaking\":\"lower\",\"small_mid_cap\":\"lower\""), ""), AIGOV_ERULES,
     "p1", "$.penalties[0]", "missing required key 'sme'"},
    {WITH_MANIFEST, PBODY(PEN(PEN_NUMS ",\"undertaking\":\"lower\",\"sme\":\"higher\""), ""), AIGOV_ERULES, "p1",
     "$.penalties[0]", "missing required key 'small_mid_cap'"},
    /* rule heads */
    {WITH_MANIFEST, BODY("\"a.b\""), AIGOV_ERULES, "", "$.rules[0]", "a rule must be an object"},
    {WITH_MANIFEST, BODY("{\"kind\":\"definition\",\"when\":true}"), AIGOV_ERULES, "", "$.rules[0]", "missing required key 'id'"},
    {WITH_MANIFEST, BODY("{\"id\":5,\"when\":true}"), AIGOV_ERULES, "", "$.rules[0].id", "'id' must be a string"},
    {WITH_MANIFEST, BODY(DEF("ab", WTRUE)), AIGOV_ERULES, "", "$.rules[0]", "rule id 'ab' must match"},
    {WITH_MANIFEST, BODY(DEF(".a.b", WTRUE)), AIGOV_ERULES, "", "$.rules[0]", "rule id '.a.b' must match"},
    /* rule bodies */
    {WITH_MANIFEST, BODY("{\"id\":\"a.b\",\"framework\":\"eu_ai_act\",\"when\":true}"), AIGOV_ERULES, "a.b", "$.rules[0]",
     "missing required key 'kind'"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "duty") WTRUE "}"), AIGOV_ERULES, "a.b", "$.rules[0]",
     "kind must be definition, obligation, prohibition or finding"},
    {WITH_MANIFEST, BODY("{\"id\":\"a.b\",\"kind\":\"definition\",\"when\":true}"), AIGOV_ERULES, "a.b", "$.rules[0]",
     "missing required key 'framework'"},
    {WITH_MANIFEST, BODY("{\"id\":\"a.b\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"title\":\"t\",\"when\":true}"),
     AIGOV_ERULES, "a.b", "$.rules[0]", "missing required key 'citation'"},
    {WITH_MANIFEST, BODY("{\"id\":\"a.b\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\",\"citation\":\"c\",\"when\":true}"),
     AIGOV_ERULES, "a.b", "$.rules[0]", "missing required key 'title'"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE ",\"description\":[]")), AIGOV_ERULES, "a.b", "$.rules[0].description",
     "'description' must be a string"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE ",\"note\":\"\"")), AIGOV_ERULES, "a.b", "$.rules[0].note",
     "'note' must be a non-empty string of at most 4000 bytes"},
    {WITH_MANIFEST, BODY(DEF("a.b", "")), AIGOV_ERULES, "a.b", "$.rules[0]", "missing required key 'when'"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"within\":true")), AIGOV_ERULES, "a.b", "$.rules[0]", "only findings and SoA controls"},
    {WITH_MANIFEST, BODY(FIND("a.b", ",\"soa_statement\":true")), AIGOV_ERULES, "a.b", "$.rules[0].soa_statement", "only an obligation"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"soa_statement\":1")), AIGOV_ERULES, "a.b", "$.rules[0].soa_statement", "true or absent"},
    {WITH_MANIFEST, BODY(FIND("a.b", ",\"within\":{\"rule\":\"a.nope\"}")), AIGOV_ERULES, "a.b", "$.rules[0].within.rule",
     "reference to unknown rule 'a.nope'"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE DATE)), AIGOV_ERULES, "a.b", "$.rules[0]", "a definition has no applies_from"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE EVD)), AIGOV_ERULES, "a.b", "$.rules[0]", "a definition has no applies_from"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE HOLD)), AIGOV_ERULES, "a.b", "$.rules[0]", "a definition has no applies_from"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") HOLD WTRUE EVD "}"), AIGOV_ERULES, "a.b", "$.rules[0]",
     "missing required key 'applies_from'"},
    /* applies_from */
    {WITH_MANIFEST, AF("5"), AIGOV_ERULES, "a.b", "$.rules[0].applies_from",
     "applies_from is a date, the name of a date case or a non-empty array"},
    {WITH_MANIFEST, AF("[]"), AIGOV_ERULES, "a.b", "$.rules[0].applies_from",
     "applies_from is a date, the name of a date case or a non-empty array"},
    /* named date cases: names known, each used, no cycles, no duplicates, complete where a rule names them */
    {WITH_MANIFEST, NAMED(DC("d.one", "[" DEFAULT_CASE "]"), "\"d.two\""), AIGOV_ERULES, "a.b",
     "$.rules[0].applies_from", "unknown date case 'd.two'"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[" DEFAULT_CASE "]"), "[{\"use\":\"d.two\"}]"), AIGOV_ERULES, "a.b",
     "$.rules[0].applies_from[0].use", "unknown date case 'd.two'"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[{\"use\":\"d.zz\"}," DEFAULT_CASE "]"), "\"d.one\""), AIGOV_ERULES, "d.one",
     "$.dates[0].cases[0].use", "unknown date case 'd.zz'"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[" DEFAULT_CASE "]") "," DC("d.two", "[" DEFAULT_CASE "]"), "\"d.one\""),
     AIGOV_ERULES, "d.two", "$.dates[1]", "date case 'd.two' is named by no rule and no other date case"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[{\"use\":\"d.two\"}," DEFAULT_CASE "]") "," DC("d.two", "[{\"use\":\"d.one\"}]"),
                          "\"d.one\""),
     AIGOV_ERULES, "d.two", "$.dates[1].cases[0].use", "date case 'd.one' uses itself through named date cases"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[{\"use\":\"d.one\"}]"), "\"d.one\""), AIGOV_ERULES, "d.one",
     "$.dates[0].cases[0].use", "date case 'd.one' uses itself"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[" DEFAULT_CASE "]") "," DC("d.one", "[" DEFAULT_CASE "]"), "\"d.one\""),
     AIGOV_ERULES, "d.one", "$.dates[1]", "duplicate date case name 'd.one' (the first is in body.json)"},
    {WITH_MANIFEST, NAMED("{\"id\":\"d.one\",\"cases\":[" DEFAULT_CASE "]}", "\"d.one\""), AIGOV_ERULES, "d.one",
     "$.dates[0]", "missing required key 'citation'"},
    {WITH_MANIFEST, NAMED("7", "\"2027-12-02\""), AIGOV_ERULES, "", "$.dates[0]",
     "a named date case is an object"},
    {WITH_MANIFEST, NAMED("{\"id\":\"d.one\",\"citation\":\"c\",\"cases\":[" DEFAULT_CASE "],\"when\":1}", "\"d.one\""),
     AIGOV_ERULES, "", "$.dates[0].when", "unknown key 'when'"},
    {WITH_MANIFEST, NAMED("{\"id\":7,\"citation\":\"c\",\"cases\":[" DEFAULT_CASE "]}", "\"2027-12-02\""),
     AIGOV_ERULES, "", "$.dates[0].id", "'id' must be a string"},
    {WITH_MANIFEST, NAMED("{\"id\":\"d.one\",\"citation\":\"c\",\"description\":7,\"cases\":[" DEFAULT_CASE "]}",
                          "\"d.one\""),
     AIGOV_ERULES, "d.one", "$.dates[0].description", "'description' must be a string"},
    {WITH_MANIFEST, NAMED("{\"id\":\"d.one\",\"citation\":\"c\",\"cases\":\"2027-12-02\"}", "\"d.one\""),
     AIGOV_ERULES, "d.one", "$.dates[0].cases", "'cases' is a non-empty array of date cases"},
    {WITH_MANIFEST, NAMED("{\"id\":\"d.one\",\"citation\":\"c\",\"cases\":[]}", "\"d.one\""), AIGOV_ERULES, "d.one",
     "$.dates[0].cases", "'cases' is a non-empty array of date cases"},
    {WITH_MANIFEST, NAMED("{\"id\":\"one\",\"citation\":\"c\",\"cases\":[" DEFAULT_CASE "]}", "\"2027-12-02\""),
     AIGOV_ERULES, "one", "$.dates[0]", "date case name 'one' must match"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[" IF_CASE "]"), "\"d.one\""), AIGOV_ERULES, "a.b", "$.rules[0].applies_from",
     "date case 'd.one' ends with a case that has 'if'"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[" IF_CASE "]"), "[{\"use\":\"d.one\"}]"), AIGOV_ERULES, "a.b",
     "$.rules[0].applies_from[0]", "date case 'd.one' ends with a case that has 'if'"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[" DEFAULT_CASE "]"), "[{\"use\":\"d.one\"}," DEFAULT_CASE "]"), AIGOV_ERULES,
     "a.b", "$.rules[0].applies_from[0]", "date case 'd.one' ends with a case without 'if'"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[" DEFAULT_CASE "," IF_CASE "]"), "\"d.one\""), AIGOV_ERULES, "d.one",
     "$.dates[0].cases[0]", "every date case but the last has 'if'"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[" DEFAULT_CASE "]"), "[{\"use\":\"d.one\",\"date\":\"2027-12-02\"}]"),
     AIGOV_ERULES, "a.b", "$.rules[0].applies_from[0].use", "a case that uses a named date case has no other key"},
    {WITH_MANIFEST, NAMED(DC("d.one", "[{\"date\":\"2027-12-02\",\"citation\":7}]"), "\"d.one\""), AIGOV_ERULES,
     "d.one", "$.dates[0].cases[0].citation", "'citation' must be a string"},
    {WITH_MANIFEST, AF("[\"2026-01-01\"]"), AIGOV_ERULES, "a.b", "$.rules[0].applies_from[0]", "a date case is"},
    {WITH_MANIFEST, AF("[{\"date\":\"2026-01-01\",\"unless\":true}]"), AIGOV_ERULES, "a.b", "$.rules[0].applies_from[0].unless",
     "unknown key 'unless'; expected one of: if, date"},
    {WITH_MANIFEST, AF("[{\"if\":true}]"), AIGOV_ERULES, "a.b", "$.rules[0].applies_from[0]", "a date case needs 'date'"},
    {WITH_MANIFEST, AF("[{\"date\":\"2026-1-1\"}]"), AIGOV_ERULES, "a.b", "$.rules[0].applies_from[0].date",
     "expected a date"},
    {WITH_MANIFEST, AF("[{\"if\":true,\"date\":\"2026-01-01\"}]"), AIGOV_ERULES, "a.b", "$.rules[0].applies_from[0]",
     "every date case but the last has 'if'"},
    {WITH_MANIFEST, AF("[{\"date\":\"2026-01-01\"},{\"date\":\"2027-01-01\"}]"), AIGOV_ERULES, "a.b",
     "$.rules[0].applies_from[0]", "every date case but the last has 'if'"},
    {WITH_MANIFEST, AF("[{\"if\":{\"fact\":\"s.kind\",\"eq\":\"z\"},\"date\":\"2026-01-01\"},{\"date\":\"2027-01-01\"}]"),
     AIGOV_ERULES, "a.b", "$.rules[0].applies_from[0].if.eq", "'z' is not a value of fact 's.kind'"},
    /* holder */
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") DATE WTRUE EVD "}"), AIGOV_ERULES, "a.b", "$.rules[0].holder",
     "holder must be a non-empty array of roles"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") DATE WTRUE EVD ",\"holder\":[]}"), AIGOV_ERULES, "a.b",
     "$.rules[0].holder", "holder must be a non-empty array of roles"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") DATE WTRUE EVD ",\"holder\":[\"provider\",1]}"), AIGOV_ERULES,
     "a.b", "$.rules[0].holder[1]", "unknown holder; expected provider"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "prohibition") DATE WTRUE ",\"holder\":[\"king\"]}"), AIGOV_ERULES, "a.b",
     "$.rules[0].holder[0]", "unknown holder"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") DATE WTRUE EVD ",\"holder\":[\"deployer\",\"deployer\"]}"),
     AIGOV_ERULES, "a.b", "$.rules[0].holder[1]", "duplicate holder 'deployer'"},
    /* evidence */
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") HOLD DATE WTRUE ",\"evidence\":\"doc\"}"), AIGOV_ERULES, "a.b",
     "$.rules[0].evidence", "an obligation needs a non-empty 'evidence' array"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") HOLD DATE WTRUE ",\"evidence\":[]}"), AIGOV_ERULES, "a.b",
     "$.rules[0].evidence", "an obligation needs a non-empty 'evidence' array"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") HOLD DATE WTRUE ",\"evidence\":[\"doc\",7]}"), AIGOV_ERULES, "a.b",
     "$.rules[0].evidence[1]", "unknown evidence item (expected an evidence id string)"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") HOLD DATE WTRUE ",\"evidence\":[\"doc\",\"doc2\",\"doc\"]}"),
     AIGOV_ERULES, "a.b", "$.rules[0].evidence[2]", "evidence 'doc' listed twice"},
    {WITH_MANIFEST, BODY(FIND("a.b", EVD)), AIGOV_ERULES, "a.b", "$.rules[0]", "only obligations take 'evidence'"},
    /* classifies, confers_role, penalty */
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE ",\"classifies\":1")), AIGOV_ERULES, "a.b", "$.rules[0].classifies",
     "'classifies' must be a string"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE ",\"classifies\":\"risky\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "classifies must be out_of_scope, prohibited"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"classifies\":\"high_risk\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "obligations and findings do not classify"},
    {WITH_MANIFEST, BODY(FIND("a.b", ",\"classifies\":\"limited\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "obligations and findings do not classify"},
    {WITH_MANIFEST, BODY(PROH("a.b", ",\"classifies\":\"high_risk\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "a prohibition classifies 'prohibited' only"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE ",\"confers_role\":2")), AIGOV_ERULES, "a.b", "$.rules[0].confers_role",
     "'confers_role' must be a string"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE ",\"confers_role\":\"king\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "confers_role must be an operator role"},
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE ",\"confers_role\":\"organisation\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "confers_role must be an operator role"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"confers_role\":\"provider\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "only definitions confer roles"},
    {WITH_MANIFEST, PBODY(PEN_OK, OBL("a.b", ",\"penalty\":99")), AIGOV_ERULES, "a.b", "$.rules[0].penalty",
     "'penalty' must be a string"},
    {WITH_MANIFEST, PBODY(PEN_OK, DEF("a.b", WTRUE ",\"penalty\":\"p1\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "only obligations and prohibitions carry a penalty"},
    {WITH_MANIFEST, PBODY(PEN_OK, FIND("a.b", ",\"penalty\":\"p1\"")), AIGOV_ERULES, "a.b", "$.rules[0]",
     "only obligations and prohibitions carry a penalty"},
    {WITH_MANIFEST, PBODY(PEN_OK, OBL("a.b", ",\"penalty\":\"p2\"")), AIGOV_ERULES, "a.b", "$.rules[0].penalty",
     "unknown penalty tier 'p2'"},
    /* conditions */
    {WITH_MANIFEST, WHEN("\"yes\""), AIGOV_ERULES, "a.b", "$.rules[0].when", "a condition is true, false or an object"},
    {WITH_MANIFEST, WHEN("{}"), AIGOV_ERULES, "a.b", "$.rules[0].when", "a condition is true, false or an object"},
    {WITH_MANIFEST, WHEN("{\"all\":[true],\"any\":[true]}"), AIGOV_ERULES, "a.b", "$.rules[0].when",
     "a condition object has exactly one operator key"},
    {WITH_MANIFEST, WHEN("{\"any\":true}"), AIGOV_ERULES, "a.b", "$.rules[0].when.any", "'any' takes a non-empty array"},
    {WITH_MANIFEST, WHEN("{\"any\":[true,{\"maybe\":true}]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.any[1].maybe",
     "unknown condition operator 'maybe'"},
    {WITH_MANIFEST, WHEN("{\"not\":null}"), AIGOV_ERULES, "a.b", "$.rules[0].when.not", "a condition is true, false"},
    {WITH_MANIFEST, WHEN("{\"known\":1}"), AIGOV_ERULES, "a.b", "$.rules[0].when.known", "'known' takes a known fact id"},
    {WITH_MANIFEST, WHEN("{\"unknown\":\"s.nope\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.unknown",
     "'unknown' takes a known fact id"},
    {WITH_MANIFEST, WHEN("{\"rule\":[\"a.c\"]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.rule", "'rule' takes a rule id"},
    {WITH_MANIFEST, WHEN("{\"as_of\":\"2026-01-01\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.as_of", "'as_of' takes one of"},
    {WITH_MANIFEST, WHEN("{\"as_of\":{\"gte\":\"2026-01-01\",\"lt\":\"2027-01-01\"}}"), AIGOV_ERULES, "a.b",
     "$.rules[0].when.as_of", "'as_of' takes one of"},
    {WITH_MANIFEST, WHEN("{\"as_of\":{\"after\":\"2026-01-01\"}}"), AIGOV_ERULES, "a.b", "$.rules[0].when.as_of",
     "'as_of' takes one of"},
    {WITH_MANIFEST, WHEN("{\"as_of\":{\"lte\":\"2026-02-29\"}}"), AIGOV_ERULES, "a.b", "$.rules[0].when.as_of.lte",
     "a real calendar day"},
    {WITH_MANIFEST, WHEN("{\"fact\":1,\"is\":true}"), AIGOV_ERULES, "a.b", "$.rules[0].when", "'fact' must be a fact id string"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.flag\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when",
     "a fact test has 'fact' and exactly one operator"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.flag\",\"is\":true,\"known\":true}"), AIGOV_ERULES, "a.b", "$.rules[0].when",
     "a fact test has 'fact' and exactly one operator"},
    {WITH_MANIFEST, WHEN("{\"is\":\"yes\",\"fact\":\"s.flag\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.is",
     "'is' takes true or false"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.set\",\"is\":true}"), AIGOV_ERULES, "a.b", "$.rules[0].when.is",
     "'is' tests bool facts; 's.set' is not bool"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.kind\",\"eq\":1}"), AIGOV_ERULES, "a.b", "$.rules[0].when.eq",
     "expected a string value of fact 's.kind'"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.kind\",\"in\":\"x\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.in",
     "'in' takes a non-empty array of values"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"evidence.doc\",\"in\":[]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.in",
     "'in' takes a non-empty array of values"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"evidence.doc\",\"in\":[\"implemented\",\"done\",\"absent\"]}"), AIGOV_ERULES, "a.b",
     "$.rules[0].when.in", "'done' is not a value of fact 'evidence.doc'"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.set\",\"has\":\"z\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.has",
     "'z' is not a value of fact 's.set'"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.set\",\"has_any\":\"p\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.has_any",
     "'has_any' takes a non-empty array of values"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.set\",\"has_all\":[]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.has_all",
     "'has_all' takes a non-empty array of values"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.set\",\"has_all\":[\"p\",null]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.has_all",
     "expected a string value of fact 's.set'"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.set\",\"has_any\":[1,\"p\"]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.has_any",
     "expected a string value of fact 's.set'"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.set\",\"empty\":\"yes\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.empty",
     "'empty' takes true or false"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.set\",\"eq\":\"p\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.eq",
     "operator 'eq' does not fit fact 's.set' of type set"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.kind\",\"has\":\"x\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.has",
     "operator 'has' does not fit fact 's.kind' of type enum"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.kind\",\"has_all\":[\"x\"]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.has_all",
     "operator 'has_all' does not fit fact 's.kind' of type enum"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.kind\",\"empty\":true}"), AIGOV_ERULES, "a.b", "$.rules[0].when.empty",
     "operator 'empty' does not fit fact 's.kind' of type enum"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.n\",\"in\":[1]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.in",
     "operator 'in' does not fit fact 's.n' of type number"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"evidence.doc\",\"gte\":\"partial\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.gte",
     "operator 'gte' does not fit fact 'evidence.doc' of type evidence"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.why\",\"lt\":3}"), AIGOV_ERULES, "a.b", "$.rules[0].when.lt",
     "operator 'lt' does not fit fact 's.why' of type string"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.n\",\"between\":[1,2]}"), AIGOV_ERULES, "a.b", "$.rules[0].when.between",
     "operator 'between' does not fit fact 's.n' of type number"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.n\",\"lte\":\"5\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.lte",
     "'lte' on a number fact takes a number"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.day\",\"gt\":20260101}"), AIGOV_ERULES, "a.b", "$.rules[0].when.gt",
     "expected a date"},
    {WITH_MANIFEST, WHEN("{\"fact\":\"s.day\",\"eq\":\"2026-04-31\"}"), AIGOV_ERULES, "a.b", "$.rules[0].when.eq",
     "a real calendar day"},
    {WITH_MANIFEST, BODY(DEF("a.b", ",\"when\":{\"any\":[{\"rule\":\"a.d\"},{\"rule\":\"a.c\"}]}") ","
                         DEF("a.c", ",\"when\":{\"all\":[true,{\"rule\":\"a.b\"}]}") "," DEF("a.d", WTRUE)),
     AIGOV_ERULES, "a.b", "$", "rule 'a.b' depends on itself"},
    {WITH_MANIFEST, BODY(FIND("a.b", ",\"within\":{\"rule\":\"a.b\"}")), AIGOV_ERULES, "a.b", "$",
     "rule 'a.b' depends on itself"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") HOLD WTRUE EVD
                         ",\"applies_from\":[{\"if\":{\"rule\":\"a.b\"},\"date\":\"2026-01-01\"},{\"date\":\"2027-01-01\"}]}"),
     AIGOV_ERULES, "a.b", "$", "rule 'a.b' depends on itself"},
    /* crosswalk */
    {WITH_MANIFEST, BODY(DEF("a.b", WTRUE ",\"crosswalk\":{\"iso\":[]}")), AIGOV_ERULES, "a.b", "$.rules[0].crosswalk",
     "only obligations carry a crosswalk"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":[]")), AIGOV_ERULES, "a.b", "$.rules[0].crosswalk",
     "crosswalk is {\"iso\": [rule ids], \"beyond\": text}"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[],\"nist\":[]}")), AIGOV_ERULES, "a.b",
     "$.rules[0].crosswalk.nist", "unknown key 'nist'; expected one of: iso, beyond"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"beyond\":\"b\"}")), AIGOV_ERULES, "a.b", "$.rules[0].crosswalk",
     "crosswalk needs 'iso'"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[],\"beyond\":7}")), AIGOV_ERULES, "a.b",
     "$.rules[0].crosswalk.beyond", "'beyond' must be a string"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[7]}")), AIGOV_ERULES, "a.b", "$.rules[0].crosswalk.iso[0]",
     "crosswalk names an unknown rule"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[\"i.x\",\"i.nope\"]}") "," ISO_OBL("i.x", "")),
     AIGOV_ERULES, "a.b", "$.rules[0].crosswalk.iso[1]", "crosswalk names an unknown rule"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[\"i.d\"]}") ",{" ISO_BASE("i.d", "definition") WTRUE "}"),
     AIGOV_ERULES, "a.b", "$.rules[0].crosswalk.iso[0]", "crosswalk must name reported rules of another framework ('i.d')"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[\"a.c\"]}") "," OBL("a.c", "")), AIGOV_ERULES, "a.b",
     "$.rules[0].crosswalk.iso[0]", "crosswalk must name reported rules of another framework ('a.c')"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[\"i.x\",\"i.y\",\"i.x\"]}") "," ISO_OBL("i.x", "") ","
                         ISO_OBL("i.y", "")),
     AIGOV_ERULES, "a.b", "$.rules[0].crosswalk.iso[2]", "crosswalk names 'i.x' twice"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[\"i.x\"]}") "," ISO_OBL("i.x", "")), AIGOV_ERULES, "a.b",
     "$.rules[0].crosswalk", "needs 'beyond'"},
    /* typed links (equal / subset / superset / intersect / supports); a type never discharges */
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[{\"rule\":\"i.x\",\"link\":\"covers\"}],\"beyond\":\"b\"}") ","
                         ISO_OBL("i.x", "")),
     AIGOV_ERULES, "a.b", "$.rules[0].crosswalk.iso[0]", "crosswalk link 'covers' is not one of"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[{\"rule\":\"i.x\"}],\"beyond\":\"b\"}") "," ISO_OBL("i.x", "")),
     AIGOV_ERULES, "a.b", "$.rules[0].crosswalk.iso[0]", "missing required key 'link'"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[{\"rule\":\"i.x\",\"link\":\"equal\",\"why\":1}],\"beyond\":\"b\"}") ","
                         ISO_OBL("i.x", "")),
     AIGOV_ERULES, "a.b", "$.rules[0].crosswalk.iso[0].why", "unknown key 'why'"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"crosswalk\":{\"iso\":[{\"rule\":\"i.y\",\"link\":\"equal\"}],\"beyond\":\"b\"}") ","
                         ISO_OBL("i.x", "")),
     AIGOV_ERULES, "a.b", "$.rules[0].crosswalk.iso[0]", "crosswalk names an unknown rule"},
    /* the Statement of Applicability */
    {WITH_MANIFEST, SOA_OBL("\"A.6.2.8\""), AIGOV_ERULES, "a.b", "$.rules[0].soa", "soa is {\"control\""},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2.8\",\"decision\":\"s.dec\",\"justification\":\"s.why\",\"owner\":1}"),
     AIGOV_ERULES, "a.b", "$.rules[0].soa.owner", "'owner' must be a string"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2.8\",\"decision\":\"s.dec\",\"justification\":\"s.why\",\"owner\":\"s.dec\"}"),
     AIGOV_ERULES, "a.b", "$.rules[0].soa", "soa owner 's.dec' must be a string fact"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2.8\",\"decision\":\"s.dec\",\"justification\":\"s.why\",\"review_date\":\"s.why\"}"),
     AIGOV_ERULES, "a.b", "$.rules[0].soa", "soa review_date 's.why' must be a date fact"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2.8\",\"decision\":\"s.dec\",\"justification\":\"s.why\",\"review\":\"s.day\"}"),
     AIGOV_ERULES, "a.b", "$.rules[0].soa.review", "unknown key 'review'"},
    /* an observation is a finding's */
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"observation\":true")), AIGOV_ERULES, "a.b", "$.rules[0].observation",
     "only a finding takes 'observation'"},
    {WITH_MANIFEST, BODY(FIND("a.b", ",\"observation\":false")), AIGOV_ERULES, "a.b", "$.rules[0].observation",
     "observation is true or absent"},
    /* results kept per system: an obligation of the organisation only */
    {WITH_MANIFEST, BODY(FIND("a.b", ",\"per_system\":true")), AIGOV_ERULES, "a.b", "$.rules[0].per_system",
     "only an obligation takes 'per_system'"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"per_system\":{\"fact\":\"s.nope\",\"is\":true}")), AIGOV_ERULES, "a.b",
     "$.rules[0].per_system", "s.nope"},
    {WITH_MANIFEST, BODY("{" BASE("a.b", "obligation") HOLD DATE EVD ",\"when\":{\"known\":\"s.day\"},\"per_system\":true}"),
     AIGOV_ERULES, "a.b", "$.rules[0]", "'per_system' is for an obligation that reads only organisation facts"},
    /* ... its date cases included: a named case that tests a system's fact makes the date a system's */
    {WITH_MANIFEST, HEAD "\"dates\":[" DC("d.one", "[" IF_CASE "," DEFAULT_CASE "]") "],\"rules\":[{" BASE("a.b", "obligation")
     HOLD WTRUE EVD ",\"applies_from\":\"d.one\",\"per_system\":true}]}",
     AIGOV_ERULES, "a.b", "$.rules[0]", "'per_system' is for an obligation that reads only organisation facts"},
    /* a case postponed to a fact's date names a date fact */
    {WITH_MANIFEST, AF("[{\"date\":\"2027-12-02\",\"not_before\":\"s.flag\"}]"), AIGOV_ERULES, "a.b",
     "$.rules[0].applies_from[0]", "'not_before' names a date fact"},
    {WITH_MANIFEST, AF("[{\"date\":\"2027-12-02\",\"not_before\":7}]"), AIGOV_ERULES, "a.b",
     "$.rules[0].applies_from[0]", "'not_before' names a date fact"},
    {WITH_MANIFEST, SOA_OBL("{\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES, "a.b", "$.rules[0].soa",
     "missing required key 'control'"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"" D16 "x\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa.control", "non-empty string of at most 16 bytes"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"a.6.2\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "soa control 'a.6.2' must be numbered like A.6.2.8"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"[.6.2\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "must be numbered like"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A6.2\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "must be numbered like"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "must be numbered like"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "must be numbered like"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.x\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "must be numbered like"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.:\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "must be numbered like"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2:\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "must be numbered like"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6-2\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "must be numbered like"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"justification\":\"s.why\"}"), AIGOV_ERULES, "a.b", "$.rules[0].soa",
     "missing required key 'decision'"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"decision\":\"s.nope\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "soa decision 's.nope' must be an enum fact of values [included, excluded]"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"decision\":\"s.flag\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "soa decision 's.flag' must be an enum"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"decision\":\"s.dec3\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "soa decision 's.dec3' must be an enum"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"decision\":\"s.rev\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "soa decision 's.rev' must be an enum"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"decision\":\"s.inc\",\"justification\":\"s.why\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "soa decision 's.inc' must be an enum"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"decision\":\"s.dec\"}"), AIGOV_ERULES, "a.b", "$.rules[0].soa",
     "missing required key 'justification'"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"decision\":\"s.dec\",\"justification\":\"s.nope\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "soa justification 's.nope' must be a string fact"},
    {WITH_MANIFEST, SOA_OBL("{\"control\":\"A.6.2\",\"decision\":\"s.dec\",\"justification\":\"s.dec\"}"), AIGOV_ERULES,
     "a.b", "$.rules[0].soa", "soa justification 's.dec' must be a string fact"},
    {WITH_MANIFEST, BODY(OBL("a.b", ",\"soa\":{\"control\":\"A.6.2\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}") ","
                         FIND("a.c", ",\"soa_control\":[\"A.6.2\"]")),
     AIGOV_ERULES, "a.c", "$.rules[1].soa_control", "soa_control is a control number such as \"A.6.2.8\""},
};

START_TEST(each_broken_rule_is_named_with_its_path)
{
    for (size_t i = 0; i < sizeof rule_cases / sizeof *rule_cases; i++) {
        const bad_rules *k = &rule_cases[i];
        aigov_error err;
        int rc;
        memset(&err, 0x5a, sizeof err);
        aigov_table *t = compile_one(k->mode, k->body, strlen(k->body), &err, &rc);
        ck_assert_msg(rc == k->code, "rule case %zu: rc %d (%s at %s)", i, rc, err.message, err.path);
        ck_assert_ptr_null(t);
        ck_assert_msg(err.code == k->code, "rule case %zu: err.code %d", i, err.code);
        ck_assert_msg(strstr(err.message, k->in_message) != NULL, "rule case %zu: message '%s'", i,
                      err.message);
        ck_assert_msg(strcmp(err.path, k->path) == 0, "rule case %zu: path '%s' want '%s' (%s)", i,
                      err.path, k->path, err.message);
        ck_assert_msg(strcmp(err.rule_id, k->rule_id) == 0, "rule case %zu: rule_id '%s' want '%s'",
                      i, err.rule_id, k->rule_id);
        ck_assert_msg(strlen(err.source) > 0 && strlen(err.source) < sizeof err.source,
                      "rule case %zu: source", i);
    }
}
END_TEST

/* ---- limits ------------------------------------------------------------------------------ */

/* A growing text buffer for the generated sources below. */
typedef struct text {
    char *s;
    size_t len, cap;
} text;

#ifdef __GNUC__
static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    ck_assert_int_ge(n, 0);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
    va_start(ap, fmt);
    vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

/* Compiles the generated text (alone or after the shared manifest) and frees it. */
static int compile_text(int mode, text *t, aigov_error *err)
{
    int rc;
    aigov_table *tab = compile_one(mode, t->s, t->len, err, &rc);
    aigov_table_free(tab);
    free(t->s);
    *t = (text){NULL, 0, 0};
    return rc;
}

static int manifest_with_frameworks(int n, aigov_error *err)
{
    text t = {NULL, 0, 0};
    put(&t, "{\"format\":\"aigov-rules/1\",\"manifest\":{\"revision\":\"r\",\"frameworks\":[");
    for (int i = 0; i < n; i++)
        put(&t, "%s{\"id\":\"fw%d\",\"name\":\"Framework %d\"}", i ? "," : "", i, i);
    put(&t, "]}}");
    return compile_text(ALONE, &t, err);
}

static int fact_with_values(int n, aigov_error *err)
{
    text t = {NULL, 0, 0};
    put(&t, "{\"format\":\"aigov-rules/1\",\"facts\":[{\"id\":\"s.a\",\"type\":\"set\",\"description\":\"d\","
            "\"ask\":\"a\",\"values\":[");
    for (int i = 0; i < n; i++)
        put(&t, "%s\"v%d\"", i ? "," : "", i);
    put(&t, "]}]}");
    return compile_text(WITH_MANIFEST, &t, err);
}

static int evidence_with_iso(int n, aigov_error *err)
{
    text t = {NULL, 0, 0};
    put(&t, "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"e\",\"title\":\"t\",\"description\":\"d\",\"iso\":[");
    for (int i = 0; i < n; i++)
        put(&t, "%s\"A.%d\"", i ? "," : "", i);
    put(&t, "]}]}");
    return compile_text(WITH_MANIFEST, &t, err);
}

START_TEST(list_sizes_are_bounded)
{
    aigov_error err;
    ck_assert_int_eq(manifest_with_frameworks(16, &err), 0);
    ck_assert_int_eq(manifest_with_frameworks(17, &err), AIGOV_ERULES);
    ck_assert_str_eq(err.path, "$.manifest.frameworks");
    ck_assert_ptr_nonnull(strstr(err.message, "1 to 16 frameworks"));
    ck_assert_int_eq(fact_with_values(64, &err), 0);
    ck_assert_int_eq(fact_with_values(65, &err), AIGOV_ERULES);
    ck_assert_str_eq(err.path, "$.facts[0].values");
    ck_assert_str_eq(err.rule_id, "s.a");
    ck_assert_ptr_nonnull(strstr(err.message, "1 to 64 strings"));
    ck_assert_int_eq(evidence_with_iso(64, &err), 0);
    ck_assert_int_eq(evidence_with_iso(65, &err), AIGOV_ERULES);
    ck_assert_str_eq(err.path, "$.evidence[0].iso");
    ck_assert_ptr_nonnull(strstr(err.message, "iso must be an array"));
}
END_TEST

/* More than 100000 rules, or facts and evidence items together, is refused before any is
 * compiled (the entries need not even be objects: only the count is looked at). */
START_TEST(too_many_rules_or_facts)
{
    aigov_error err;
    text t = {NULL, 0, 0};
    put(&t, "{\"format\":\"aigov-rules/1\",\"rules\":[0");
    for (int i = 0; i < 100000; i++)
        put(&t, ",0");
    put(&t, "]}");
    ck_assert_int_eq(compile_text(WITH_MANIFEST, &t, &err), AIGOV_ELIMIT);
    ck_assert_str_eq(err.message, "too many facts, evidence items or rules");
    put(&t, "{\"format\":\"aigov-rules/1\",\"facts\":[0");
    for (int i = 0; i < 50000; i++)
        put(&t, ",0");
    put(&t, "],\"evidence\":[0");
    for (int i = 1; i < 50000; i++)
        put(&t, ",0");
    put(&t, "]}");
    ck_assert_int_eq(compile_text(WITH_MANIFEST, &t, &err), AIGOV_ELIMIT);
    ck_assert_str_eq(err.message, "too many facts, evidence items or rules");
}
END_TEST

START_TEST(too_many_or_too_large_sources)
{
    aigov_error err;
    aigov_table *t = NULL;
    aigov_source *many = calloc(10001, sizeof *many);
    ck_assert_ptr_nonnull(many);
    ck_assert_int_eq(aigov_table_compile(&t, many, 10001, NULL, &err), AIGOV_ELIMIT);
    ck_assert_str_eq(err.message, "at most 10000 rule sources");
    free(many);
    /* the size is refused before a byte is read */
    size_t len = (16u << 20) + 1;
    char *big = malloc(len);
    ck_assert_ptr_nonnull(big);
    memset(big, ' ', len);
    aigov_source s = {"big.json", big, len};
    ck_assert_int_eq(aigov_table_compile(&t, &s, 1, NULL, &err), AIGOV_ELIMIT);
    ck_assert_str_eq(err.message, "rule source is 16777217 bytes; at most 16777216 accepted");
    ck_assert_str_eq(err.source, "big.json");
    ck_assert_ptr_null(t);
    free(big);
}
END_TEST

/* rule a.b (an obligation, or a finding when `within` is set) whose condition is `depth`
 * nested wrappers around `leaf`; where says where the condition goes. */
enum { IN_WHEN, IN_ALL, IN_WITHIN, IN_DATE_IF };

static aigov_table *nested_rule(int where, int depth, const char *leaf, aigov_error *err, int *rc)
{
    text t = {NULL, 0, 0};
    const char *open = where == IN_ALL ? "{\"all\":[" : "{\"not\":";
    const char *close = where == IN_ALL ? "]}" : "}";
    put(&t, "{\"format\":\"aigov-rules/1\"," FACTS ",\"rules\":[{" BASE("a.b", "%s") HOLD,
        where == IN_WITHIN ? "finding" : "obligation");
    if (where != IN_WITHIN)
        put(&t, EVD);
    put(&t, where == IN_DATE_IF ? ",\"when\":true,\"applies_from\":[{\"date\":\"2026-01-01\",\"if\":"
            : where == IN_WITHIN ? ",\"when\":true" DATE ",\"within\":"
                                 : DATE ",\"when\":");
    for (int i = 0; i < depth; i++)
        put(&t, "%s", open);
    put(&t, "%s", leaf);
    for (int i = 0; i < depth; i++)
        put(&t, "%s", close);
    put(&t, where == IN_DATE_IF ? "},{\"date\":\"2027-01-01\"}]}]}" : "}]}");
    aigov_table *tab = compile_one(WITH_MANIFEST, t.s, t.len, err, rc);
    free(t.s);
    return tab;
}

/* A condition may nest 64 levels: not^63(true) is the deepest, and it is false; so is
 * all^63([false]). One level more is refused wherever the condition is. */
START_TEST(conditions_nest_at_most_64_levels)
{
    aigov_error err;
    int rc;
    aigov_table *t = nested_rule(IN_WHEN, 63, "true", &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    aigov_ctx *ctx = NULL;
    const aigov_report *r = unit_eval(&ctx, t, "{\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}",
                                      "2026-08-01", &err, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(unit_status(r, "a.b"), AIGOV_STATUS_NOT_APPLICABLE);
    aigov_ctx_free(ctx);
    aigov_table_free(t);
    t = nested_rule(IN_ALL, 63, "false", &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    ctx = NULL;
    r = unit_eval(&ctx, t, "{\"evidence\":{\"doc\":{\"state\":\"implemented\"}}}", "2026-08-01", &err, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(unit_status(r, "a.b"), AIGOV_STATUS_NOT_APPLICABLE);
    aigov_ctx_free(ctx);
    aigov_table_free(t);
    static const int wheres[] = {IN_WHEN, IN_ALL, IN_WITHIN, IN_DATE_IF};
    for (size_t i = 0; i < sizeof wheres / sizeof *wheres; i++) {
        ck_assert_ptr_null(nested_rule(wheres[i], 64, "true", &err, &rc));
        ck_assert_msg(rc == AIGOV_ERULES, "where %zu: rc %d", i, rc);
        ck_assert_str_eq(err.message, "condition nested deeper than 64");
        ck_assert_str_eq(err.path, "$.rules[0]");
        ck_assert_str_eq(err.rule_id, "");
    }
}
END_TEST

/* The JSON path of an error deep in a condition is cut at AIGOV_ERROR_PATH_MAX - 1 bytes,
 * never overflowing, and the path is whole again for the next rule. */
START_TEST(a_long_error_path_is_truncated)
{
    aigov_error err;
    int rc;
    ck_assert_ptr_null(nested_rule(IN_WHEN, 62, "\"x\"", &err, &rc));
    ck_assert_int_eq(rc, AIGOV_ERULES);
    ck_assert_ptr_nonnull(strstr(err.message, "a condition is true, false or an object"));
    ck_assert_int_eq((int)strlen(err.path), AIGOV_ERROR_PATH_MAX - 1);
    ck_assert_int_eq(strncmp(err.path, "$.rules[0].when.not.not.not", 27), 0);
    ck_assert_str_eq(err.rule_id, "a.b");
}
END_TEST

/* ---- the API around the compiler ----------------------------------------------------- */

static const char *manifest_src =
    "{\"format\":\"aigov-rules/1\",\"manifest\":{\"revision\":\"r\"," FWS "}}";

START_TEST(sources_names_and_missing_arguments)
{
    aigov_error err;
    aigov_table *t = (aigov_table *)&err;
    aigov_source two[2] = {{"m.json", manifest_src, strlen(manifest_src)}, {"b.json", NULL, 3}};
    ck_assert_int_eq(aigov_table_compile(&t, NULL, 1, NULL, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(t);
    ck_assert_str_eq(err.message, "sources is NULL");
    ck_assert_int_eq(aigov_table_compile(&t, NULL, 0, NULL, &err), AIGOV_ERULES);
    ck_assert_str_eq(err.message, "no source has a 'manifest'");
    ck_assert_str_eq(err.source, "(rule set)");
    ck_assert_int_eq(aigov_table_compile(&t, two, 2, NULL, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "source 1 has no data");
    /* no data and no length: an empty document */
    two[1].len = 0;
    ck_assert_int_eq(aigov_table_compile(&t, two, 2, NULL, &err), AIGOV_ESYNTAX);
    ck_assert_str_eq(err.source, "b.json");
    ck_assert_ptr_nonnull(strstr(err.message, "found the end of the file"));
    /* an unnamed source is named so in errors */
    const char *bad = "{\"format\":\"aigov-rules/1\",\"rules\":[" DEF("a.b", ",\"when\":1") "]}";
    two[1] = (aigov_source){NULL, bad, strlen(bad)};
    ck_assert_int_eq(aigov_table_compile(&t, two, 2, NULL, &err), AIGOV_ERULES);
    ck_assert_str_eq(err.source, "(unnamed)");
    ck_assert_str_eq(err.path, "$.rules[0].when");
    /* without an aigov_error, only the status */
    ck_assert_int_eq(aigov_table_compile(&t, two, 2, NULL, NULL), AIGOV_ERULES);
    ck_assert_ptr_null(t);
}
END_TEST

/* The hash covers each source's name and bytes; a missing name hashes as "". */
START_TEST(the_hash_covers_names_and_contents)
{
    aigov_error err;
    const char *body = BODY(DEF("a.b", WTRUE));
    aigov_source s[2] = {{NULL, manifest_src, strlen(manifest_src)}, {NULL, body, strlen(body)}};
    aigov_table *unnamed = NULL, *empty = NULL, *named = NULL;
    ck_assert_int_eq(aigov_table_compile(&unnamed, s, 2, NULL, &err), 0);
    s[0].name = s[1].name = "";
    ck_assert_int_eq(aigov_table_compile(&empty, s, 2, NULL, &err), 0);
    s[1].name = "b.json";
    ck_assert_int_eq(aigov_table_compile(&named, s, 2, NULL, &err), 0);
    ck_assert_str_eq(aigov_table_hash(unnamed), aigov_table_hash(empty));
    ck_assert_str_ne(aigov_table_hash(unnamed), aigov_table_hash(named));
    aigov_table_free(unnamed);
    aigov_table_free(empty);
    aigov_table_free(named);
}
END_TEST

/* ---- valid but unusual shapes, observed through evaluation ----------------------------- */

#define OBL_W(id, extra) "{" BASE(id, "obligation") HOLD DATE extra "}"

static const char *shapes_body =
    "{\"format\":\"aigov-rules/1\"," FACTS ","
    "\"penalties\":[" PEN(PEN_NUMS PEN_HL ",\"eu_institution_eur\":50") ","
    "{\"id\":\"p_nat\",\"citation\":\"Art. 99(1)\",\"title\":\"t\",\"national\":true,"
    "\"public_authority_national\":true,\"applies_from\":\"2026-08-02\"}],"
    "\"rules\":["
    OBL_W("v.is_rev", EVD ",\"when\":{\"is\":true,\"fact\":\"s.flag\"}") ","
    OBL_W("v.in_ev", EVD ",\"when\":{\"fact\":\"evidence.doc2\",\"in\":[\"partial\",\"planned\"]}") ","
    OBL_W("v.eq_ev", EVD ",\"when\":{\"fact\":\"evidence.doc\",\"eq\":\"absent\"}") ","
    OBL_W("v.in_enum", EVD ",\"when\":{\"fact\":\"s.kind\",\"in\":[\"x\",\"y\"]}") ","
    OBL_W("v.eq_enum", EVD ",\"when\":{\"fact\":\"s.kind\",\"eq\":\"x\"}") ","
    OBL_W("v.has", EVD ",\"when\":{\"fact\":\"s.set\",\"has\":\"q\"}") ","
    OBL_W("v.has_any", EVD ",\"when\":{\"fact\":\"s.set\",\"has_any\":[\"r\",\"p\"]}") ","
    OBL_W("v.has_all", EVD ",\"when\":{\"fact\":\"s.set\",\"has_all\":[\"p\",\"r\"]}") ","
    OBL_W("v.empty_f", EVD ",\"when\":{\"fact\":\"s.set\",\"empty\":false}") ","
    OBL_W("v.empty_t", EVD ",\"when\":{\"fact\":\"s.set\",\"empty\":true}") ","
    OBL_W("v.n_gt", EVD ",\"when\":{\"fact\":\"s.n\",\"gt\":49.5}") ","
    OBL_W("v.n_gte", EVD ",\"when\":{\"fact\":\"s.n\",\"gte\":-1.5e2}") ","
    OBL_W("v.n_lt", EVD ",\"when\":{\"fact\":\"s.n\",\"lt\":50}") ","
    OBL_W("v.n_lte", EVD ",\"when\":{\"fact\":\"s.n\",\"lte\":50}") ","
    OBL_W("v.n_eq", EVD ",\"when\":{\"fact\":\"s.n\",\"eq\":5e1}") ","
    OBL_W("v.d_lt", EVD ",\"when\":{\"fact\":\"s.day\",\"lt\":\"2026-06-02\"}") ","
    OBL_W("v.d_gte", EVD ",\"when\":{\"fact\":\"s.day\",\"gte\":\"2026-06-02\"}") ","
    OBL_W("v.d_eq", EVD ",\"when\":{\"fact\":\"s.day\",\"eq\":\"2026-06-01\"}") ","
    OBL_W("v.d_gt", EVD ",\"when\":{\"fact\":\"s.day\",\"gt\":\"2024-02-29\"}") ","
    OBL_W("v.d_lte", EVD ",\"when\":{\"fact\":\"s.day\",\"lte\":\"2026-05-31\"}") ","
    OBL_W("v.known", EVD ",\"when\":{\"known\":\"s.why\"}") ","
    OBL_W("v.unknown", EVD ",\"when\":{\"unknown\":\"s.note\"}") ","
    OBL_W("v.asof_gte", EVD ",\"when\":{\"as_of\":{\"gte\":\"2026-01-01\"}}") ","
    OBL_W("v.asof_lt", EVD ",\"when\":{\"as_of\":{\"lt\":\"2026-01-01\"}}") ","
    OBL_W("v.asof_eq", EVD ",\"when\":{\"as_of\":{\"eq\":\"2026-08-01\"}}") ","
    OBL_W("v.unk", EVD ",\"when\":{\"any\":[{\"fact\":\"s.dec\",\"eq\":\"included\"},false]}") ","
    OBL_W("v.not", EVD ",\"when\":{\"not\":false}") ","
    OBL_W("v.two_ev", ",\"evidence\":[\"doc\",\"doc2\"],\"when\":{\"all\":[true,{\"rule\":\"d.flag\"}]}") ","
    "{" BASE("v.cases", "obligation") HOLD EVD ",\"when\":true,\"applies_from\":["
    "{\"if\":{\"fact\":\"s.flag\",\"is\":false},\"date\":\"2025-01-01\"},{\"date\":\"2027-01-01\"}]},"
    OBL_W("v.xw", EVD ",\"when\":true,\"crosswalk\":{\"iso\":[\"i.one\",{\"rule\":\"i.two\",\"link\":\"intersect\"}],"
          "\"beyond\":\"the register entry\"}") ","
    OBL_W("v.xw0", EVD ",\"when\":true,\"penalty\":\"p_nat\",\"crosswalk\":{\"iso\":[]}") ","
    "{" BASE("p.x", "prohibition") ",\"holder\":[\"provider\",\"deployer\"]" DATE
    ",\"classifies\":\"prohibited\",\"penalty\":\"p1\",\"when\":{\"fact\":\"s.flag\",\"is\":true}},"
    "{" BASE("f.out", "finding") HOLD DATE ",\"when\":true,\"within\":{\"fact\":\"s.flag\",\"is\":false}},"
    "{" BASE("f.in", "finding") HOLD DATE ",\"when\":{\"fact\":\"s.n\",\"gt\":10},\"within\":{\"known\":\"s.why\"}},"
    "{" BASE("f.met", "finding") HOLD DATE ",\"when\":false},"
    "{" ISO_BASE("i.one", "obligation") HOLD DATE EVD ",\"when\":true},"
    "{" ISO_BASE("i.two", "obligation") HOLD DATE ",\"evidence\":[\"doc2\"],\"when\":true},"
    "{" ISO_BASE("i.ctl", "obligation") HOLD DATE EVD ",\"when\":true,"
    "\"soa\":{\"control\":\"A.10.2\",\"decision\":\"s.dec\",\"justification\":\"s.why\"}},"
    "{" ISO_BASE("i.f", "finding") HOLD DATE ",\"soa_control\":\"A.10.2\","
    "\"when\":{\"fact\":\"s.dec\",\"eq\":\"excluded\"}},"
    DEF("d.flag", ",\"when\":{\"fact\":\"s.flag\",\"is\":true}") ","
    DEF("d.role", ",\"confers_role\":\"deployer\",\"when\":false") ","
    DEF("d.gpai", ",\"classifies\":\"gpai\",\"description\":\"a model\",\"note\":\"[interp] ours\",\"when\":false")
    "]}";

static const char *shapes_doc =
    "{\"s\":{\"flag\":true,\"other\":false,\"kind\":\"y\",\"set\":[\"p\",\"q\"],\"n\":50,"
    "\"day\":\"2026-06-01\",\"why\":\"because\"},"
    "\"evidence\":{\"doc\":{\"state\":\"implemented\"},\"doc2\":{\"state\":\"partial\"}}}";

static const struct {
    const char *id;
    int status;
} shapes_status[] = {
    {"v.is_rev", AIGOV_STATUS_MET},          {"v.in_ev", AIGOV_STATUS_MET},
    {"v.eq_ev", AIGOV_STATUS_NOT_APPLICABLE}, {"v.in_enum", AIGOV_STATUS_MET},
    {"v.eq_enum", AIGOV_STATUS_NOT_APPLICABLE}, {"v.has", AIGOV_STATUS_MET},
    {"v.has_any", AIGOV_STATUS_MET},         {"v.has_all", AIGOV_STATUS_NOT_APPLICABLE},
    {"v.empty_f", AIGOV_STATUS_MET},         {"v.empty_t", AIGOV_STATUS_NOT_APPLICABLE},
    {"v.n_gt", AIGOV_STATUS_MET},            {"v.n_gte", AIGOV_STATUS_MET},
    {"v.n_lt", AIGOV_STATUS_NOT_APPLICABLE}, {"v.n_lte", AIGOV_STATUS_MET},
    {"v.n_eq", AIGOV_STATUS_MET},            {"v.d_lt", AIGOV_STATUS_MET},
    {"v.d_gte", AIGOV_STATUS_NOT_APPLICABLE}, {"v.d_eq", AIGOV_STATUS_MET},
    {"v.d_gt", AIGOV_STATUS_MET},            {"v.d_lte", AIGOV_STATUS_NOT_APPLICABLE},
    {"v.known", AIGOV_STATUS_MET},           {"v.unknown", AIGOV_STATUS_MET},
    {"v.asof_gte", AIGOV_STATUS_MET},        {"v.asof_lt", AIGOV_STATUS_NOT_APPLICABLE},
    {"v.asof_eq", AIGOV_STATUS_MET},         {"v.unk", AIGOV_STATUS_UNKNOWN},
    {"v.not", AIGOV_STATUS_MET},             {"v.two_ev", AIGOV_STATUS_GAP},
    {"v.cases", AIGOV_STATUS_MET},           {"v.xw", AIGOV_STATUS_MET},
    {"v.xw0", AIGOV_STATUS_MET},             {"p.x", AIGOV_STATUS_GAP},
    {"f.out", AIGOV_STATUS_NOT_APPLICABLE},  {"f.in", AIGOV_STATUS_GAP},
    {"f.met", AIGOV_STATUS_MET},             {"i.one", AIGOV_STATUS_MET},
    {"i.two", AIGOV_STATUS_GAP},             {"i.ctl", AIGOV_STATUS_UNKNOWN}, /* typically applicable, SoA silent */
    {"i.f", AIGOV_STATUS_UNKNOWN},           {"d.flag", -1},
};

START_TEST(every_operator_and_kind_compiles_to_its_meaning)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(shapes_body, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s (%s)", err.message, err.path, err.rule_id);
    aigov_ctx *ctx = NULL;
    const aigov_report *r = unit_eval(&ctx, t, shapes_doc, "2026-08-01", &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    for (size_t i = 0; i < sizeof shapes_status / sizeof *shapes_status; i++)
        ck_assert_msg(unit_status(r, shapes_status[i].id) == shapes_status[i].status,
                      "%s: status %d want %d", shapes_status[i].id, unit_status(r, shapes_status[i].id),
                      shapes_status[i].status);
    /* the catalogue gives the earliest date case; the report the one that applies */
    size_t idx;
    aigov_rule_info info;
    ck_assert_int_eq(aigov_table_find_rule(&idx, t, "v.cases"), 0);
    ck_assert_int_eq(aigov_table_rule(&info, t, idx), 0);
    ck_assert_str_eq(info.applies_from, "2025-01-01");
    for (size_t i = 0; i < aigov_report_obligation_count(r); i++) {
        aigov_obligation o = {.size = sizeof(aigov_obligation)};
        ck_assert_int_eq(aigov_report_obligation(&o, r, i), 0);
        if (strcmp(o.id, "v.cases") == 0) {
            ck_assert_str_eq(o.applies_from, "2027-01-01");
            ck_assert_int_eq(o.in_force, 0);
        }
    }
    ck_assert_int_eq(aigov_table_find_rule(&idx, t, "d.gpai"), 0);
    ck_assert_int_eq(aigov_table_rule(&info, t, idx), 0);
    ck_assert_int_eq(info.kind, AIGOV_RULE_DEFINITION);
    ck_assert_str_eq(info.applies_from, "");
    ck_assert_int_eq(aigov_table_find_rule(&idx, t, "p.x"), 0);
    ck_assert_int_eq(aigov_table_rule(&info, t, idx), 0);
    ck_assert_int_eq(info.kind, AIGOV_RULE_PROHIBITION);
    /* the prohibition classifies: it holds, so the tier is prohibited */
    ck_assert_int_eq(aigov_report_tier(r), AIGOV_TIER_PROHIBITED);
    /* crosswalk and penalty tier reach the report */
    char *json = NULL;
    ck_assert_int_eq(aigov_report_render(&json, NULL, r, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL, &err), 0);
    /* a rule id alone links as 'supports'; the typed link keeps its type */
    ck_assert_ptr_nonnull(strstr(json, "\"crosswalk\":{\"iso\":[\"i.one\",\"i.two\"],\"links\":[{\"rule\":\"i.one\","
                                       "\"link\":\"supports\"},{\"rule\":\"i.two\",\"link\":\"intersect\"}],\"coverage\":"
                                       "\"partly_supported\",\"still_needed\":[\"i.two\"],"
                                       "\"beyond\":\"the register entry\"}"));
    ck_assert_ptr_nonnull(strstr(json, "\"penalty\":{\"tier\":\"p1\",\"citation\":\"Art. 99(4)\""));
    aigov_free(json);
    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

/* penalty_facts in the manifest, with and without public_authority. */
START_TEST(penalty_facts_compile)
{
    aigov_error err;
    int rc;
    const char *a = MANI_PF("{" PF_FACTS PF_SIZES ",\"public_authority\":\"o.pub\"}");
    const char *b = MANI_PF("{" PF_FACTS ",\"sme\":[],\"small_mid_cap\":[]}");
    aigov_table *t = compile_one(ALONE, a, strlen(a), &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    ck_assert_str_eq(aigov_table_revision(t), "r");
    aigov_table_free(t);
    t = compile_one(ALONE, b, strlen(b), &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    aigov_table_free(t);
}
END_TEST

Suite *compile_errors_suite(void)
{
    Suite *s = suite_create("compile_errors");
    TCase *tc = tcase_create("compile_errors");
    tcase_add_test(tc, malformed_json_is_located_to_the_byte);
    tcase_add_test(tc, json_errors_name_line_and_column);
    tcase_add_test(tc, json_nesting_and_number_limits);
    tcase_add_test(tc, escapes_and_utf8_are_decoded);
    tcase_add_test(tc, each_broken_rule_is_named_with_its_path);
    tcase_add_test(tc, list_sizes_are_bounded);
    tcase_add_test(tc, too_many_rules_or_facts);
    tcase_add_test(tc, too_many_or_too_large_sources);
    tcase_add_test(tc, conditions_nest_at_most_64_levels);
    tcase_add_test(tc, a_long_error_path_is_truncated);
    tcase_add_test(tc, sources_names_and_missing_arguments);
    tcase_add_test(tc, the_hash_covers_names_and_contents);
    tcase_add_test(tc, every_operator_and_kind_compiles_to_its_meaning);
    tcase_add_test(tc, penalty_facts_compile);
    suite_add_tcase(s, tc);
    return s;
}
