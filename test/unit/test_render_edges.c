/* The renderers' edge shapes: every format of a report whose rules use every
 * kind of condition, the Statement of Applicability in each of its states,
 * OSCAL strings that need normalising or escaping, several systems, upcoming
 * dates past the readiness limit, and the invalid-argument paths of the
 * public render functions. Rule sets are compiled here (unit_compile) so each
 * shape is small and known; JSON outputs are parsed back with cJSON. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "render/pretty.h"
#include "util/buf.h"
#include "util/mem.h"

/* The rule sources and descriptors below are written with ' for " (so \' is
 * an escaped quote; none needs an apostrophe); q() turns them into JSON. The
 * caller frees the copy. */
static char *q(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    ck_assert_ptr_nonnull(out);
    size_t i = 0;
    for (; s[i]; i++)
        out[i] = s[i] == '\'' ? '"' : s[i];
    out[i] = '\0';
    return out;
}

static aigov_table *compile_q(const char *body)
{
    char *json = q(body);
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(json, &err, &rc);
    ck_assert_msg(rc == 0, "compile: %s at %s (%s)", err.message, err.path, err.rule_id);
    free(json);
    return t;
}

/* Renders descriptor `desc` (single quotes) in `format`; the caller frees it. */
static char *render_q(aigov_ctx *ctx, const char *desc, const char *as_of, int format)
{
    char *json = q(desc);
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    aigov_error err;
    char *out = NULL;
    size_t len = 0;
    int rc = aigov_eval_render(&out, &len, ctx, json, strlen(json), &o, format, &err);
    ck_assert_msg(rc == 0, "render: %s at %s", err.message, err.path);
    ck_assert_uint_eq(len, strlen(out));
    free(json);
    return out;
}

static cJSON *parse_json(const char *s)
{
    const char *end = NULL;
    cJSON *j = cJSON_ParseWithLengthOpts(s, strlen(s) + 1, &end, 1);
    ck_assert_msg(j != NULL, "invalid JSON near: %.80s", end ? end : "?");
    return j;
}

#define HAS(hay, needle) ck_assert_msg(strstr((hay), (needle)) != NULL, "missing: %s", (needle))
#define HASNT(hay, needle) ck_assert_msg(strstr((hay), (needle)) == NULL, "unexpected: %s", (needle))

/* ---- a rule set with every kind of condition, a crosswalk and an SoA ------------ */

#define FACT(id, type, extra) "{'id':'" id "','type':'" type "','description':'d','ask':'" id "?'" extra "}"
#define DECISION(c) FACT("organisation.soa." c ".decision", "enum", ",'values':['included','excluded']")
#define WHY(c) FACT("organisation.soa." c ".why", "string", ",'max_length':300")
#define RULE_HEAD(id, kind, fw) "{'id':'" id "','kind':'" kind "','framework':'" fw "','citation':'Art. " id "','title':'T " id "'"
#define OBLIG(id, fw, when, extra) RULE_HEAD(id, "obligation", fw) ",'holder':['provider'],'applies_from':'2026-01-01','when':" when extra "}"
#define AIMS "{'fact':'organisation.aims','is':true}"
/* A control rule and the finding that checks its exclusion (as rules/iso42001/soa.json). */
#define CONTROL(c, ctl)                                                                                              \
    OBLIG("i." c, "iso42001", AIMS,                                                                                 \
          ",'evidence':['plan'],'soa':{'control':'" ctl "','decision':'organisation.soa." c ".decision',"          \
          "'justification':'organisation.soa." c ".why'}") ","                                                    \
    RULE_HEAD("i." c ".unjust", "finding", "iso42001") ",'soa_control':'" ctl "','holder':['organisation'],"     \
        "'applies_from':'2023-12-18','within':" AIMS ",'when':{'all':[{'fact':'organisation.soa." c ".decision',"   \
        "'eq':'excluded'},{'unknown':'organisation.soa." c ".why'}]}}"

static const char *rules_all =
    "{'format':'aigov-rules/1','facts':["
    FACT("system.name", "string", ",'max_length':200") ","
    FACT("system.flag", "bool", ",'source':'Art. 1 of the test'") ","
    FACT("system.kind", "enum", ",'values':['x','y','z']") ","
    FACT("system.tags", "set", ",'values':['a','b','c']") ","
    FACT("system.n", "number", ",'min':-10,'max':100") ","
    FACT("system.day", "date", "") ","
    FACT("system.memo", "string", ",'max_length':100") ","
    FACT("organisation.name", "string", ",'max_length':200") ","
    FACT("organisation.aims", "bool", "") ","
    DECISION("c1") "," WHY("c1") "," DECISION("c2") "," WHY("c2") "],"
    "'evidence':[{'id':'doc','title':'Doc','description':'d'},"
    "{'id':'plan','title':'Plan','description':'d','iso':['A.2.2']},"
    "{'id':'ext','title':'Ext | with a pipe','description':'d'}],"
    "'rules':["
    RULE_HEAD("d.base", "definition", "eu_ai_act") ",'when':{'fact':'system.flag','is':true}},"
    RULE_HEAD("d.always", "definition", "eu_ai_act") ",'when':true},"
    /* every leaf kind, true as a whole: each part decides it */
    OBLIG("o.leaves", "eu_ai_act",
          "{'all':[{'fact':'system.flag','is':true},{'fact':'system.kind','eq':'x'},"
          "{'fact':'system.kind','in':['x','y']},{'fact':'system.tags','has':'a'},"
          "{'fact':'system.tags','has_any':['a','c']},{'fact':'system.tags','has_all':['a','b']},"
          "{'fact':'system.tags','empty':false},{'not':{'fact':'system.tags','empty':true}},"
          "{'fact':'system.n','gte':0},{'fact':'system.day','lt':'2030-01-01'},"
          "{'known':'system.memo'},{'not':{'unknown':'system.name'}},{'as_of':{'gte':'2020-01-01'}},"
          "true,{'not':false},{'rule':'d.base'}]}",
          ",'evidence':['doc'],'note':'A note.'") ","
    /* more deciding parts than a report lists (24) */
    OBLIG("o.many", "eu_ai_act",
          "{'all':[{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},"
          "{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},"
          "{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},"
          "{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},"
          "{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},"
          "{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},{'known':'system.flag'},"
          "{'known':'system.flag'},{'known':'system.flag'}]}",
          ",'evidence':['doc']") ","
    /* an id that is not an OSCAL token, a citation of white space only */
    "{'id':'9o.digit','kind':'obligation','framework':'eu_ai_act','citation':'   ','title':'Pipe | and  newline',"
    "'holder':['deployer'],'applies_from':'2026-01-01','when':{'fact':'system.n','lt':50},'evidence':['doc']},"
    OBLIG("o.never", "eu_ai_act", "{'fact':'system.n','gt':99}", ",'evidence':['doc']") ","
    OBLIG("i.base", "iso42001", AIMS, ",'evidence':['plan']") ","
    OBLIG("i.other", "iso42001", AIMS, ",'evidence':['ext']") ","
    OBLIG("o.xw", "eu_ai_act", "true", ",'evidence':['doc'],'crosswalk':{'iso':['i.base','i.other'],'beyond':'More.'}") ","
    CONTROL("c1", "A.2.2") ","
    /* a second check of the same control: gap when it is excluded and the flag is down */
    RULE_HEAD("i.c1.stale", "finding", "iso42001") ",'soa_control':'A.2.2','holder':['organisation'],"
    "'applies_from':'2023-12-18','within':" AIMS ",'when':{'all':[{'fact':'organisation.soa.c1.decision','eq':'excluded'},"
    "{'fact':'system.flag','is':false}]}},"
    CONTROL("c2", "A.2.3")
    "]}";

/* Everything known; A.2.2 excluded with a justification that is full of markup. */
static const char *desc_full =
    "{'organisation':{'name':'Org','aims':true,'soa':{'c1':{'decision':'excluded',"
    "'why':'Not used | *ever* <b>\\u0001\\u007f</b>'},'c2':{'decision':'included'}}},"
    "'system':{'name':'\\u00a0 My\\u2003\\u3000System\\u205f \\u00a9\\u0084\\u1681\\u1680\\u200b\\u2028\\u2029\\u202f"
    "\\u2060\\u3001\\u20ac\\u1000\\u3041\\u0085\\u00a0','flag':true,'kind':'x','tags':['a','b'],'n':0,"
    "'day':'2029-05-01','memo':'tab\\there\\nnl\\rcr\\\\bs\\'q\\u0001'},"
    "'evidence':{'doc':{'state':'implemented','ref':'http://x/a b%41%4g%g1%zz%af%AF%0A%'},"
    "'plan':{'state':'implemented','ref':'%4'},'ext':{'state':'absent'}}}";

static void check_reasons_capped(const char *json)
{
    cJSON *j = parse_json(json);
    const cJSON *obs = cJSON_GetObjectItemCaseSensitive(j, "obligations");
    int seen = 0;
    const cJSON *o;
    cJSON_ArrayForEach(o, obs)
    {
        const char *id = cJSON_GetObjectItemCaseSensitive(o, "id")->valuestring;
        const cJSON *rs = cJSON_GetObjectItemCaseSensitive(o, "reasons");
        if (strcmp(id, "o.many") == 0) {
            ck_assert_int_eq(cJSON_GetArraySize(rs), 24); /* 26 parts decide; 24 are listed */
            seen++;
        } else if (strcmp(id, "o.leaves") == 0) {
            /* 16 parts, the two `not`s explained by what they negate */
            ck_assert_int_eq(cJSON_GetArraySize(rs), 16);
            seen++;
        }
    }
    ck_assert_int_eq(seen, 2);
    cJSON_Delete(j);
}

START_TEST(every_condition_kind_in_every_format)
{
    aigov_table *t = compile_q(rules_all);
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, t, NULL, NULL), 0);

    /* the compact form holds the same conditions, numbered once */
    char *jc = render_q(ctx, desc_full, "2028-01-01", AIGOV_FORMAT_JSON);
    HAS(jc, "{\"as_of\":\"gte 2020-01-01\",\"result\":\"true\"}");
    HAS(jc, "\"fact\":\"system.day\",\"value\":\"2029-05-01\",\"test\":\"lt 2030-01-01\"");
    HAS(jc, "\"coverage\":\"partly_supported\",\"still_needed\":[\"i.other\"]}");
    aigov_free(jc);
    char *js = render_q(ctx, desc_full, "2028-01-01", AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL);
    check_reasons_capped(js);
    HAS(js, "{\"as_of\":\"gte 2020-01-01\",\"result\":\"true\"}");
    HAS(js, "{\"test\":\"always\",\"result\":\"true\"}");
    HAS(js, "{\"test\":\"never\",\"result\":\"false\"}");
    HAS(js, "{\"rule\":\"d.base\",\"result\":\"true\"}");
    HAS(js, "\"fact\":\"system.tags\",\"value\":[\"a\",\"b\"],\"test\":\"has_all [\\\"a\\\", \\\"b\\\"]\"");
    HAS(js, "\"test\":\"has_any [\\\"a\\\", \\\"c\\\"]\"");
    HAS(js, "\"test\":\"is not empty\",\"result\":\"true\"");
    HAS(js, "\"test\":\"is empty\",\"result\":\"false\"");
    HAS(js, "\"fact\":\"system.day\",\"value\":\"2029-05-01\",\"test\":\"lt 2030-01-01\"");
    HAS(js, "\"fact\":\"system.n\",\"value\":0,\"test\":\"gte 0\"");
    /* the crosswalk lists the ISO rule still open, not the met one */
    HAS(js, "\"crosswalk\":{\"iso\":[\"i.base\",\"i.other\"],\"links\":[{\"rule\":\"i.base\",\"link\":\"supports\"},"
            "{\"rule\":\"i.other\",\"link\":\"supports\"}],\"coverage\":\"partly_supported\","
            "\"still_needed\":[\"i.other\"],\"beyond\":\"More.\"}");
    HAS(js, "\"summary\":{\"controls\":2,\"included\":1,\"excluded\":1,\"not_recorded\":0,"
            "\"findings_gap\":0,\"findings_unknown\":0,\"complete\":true}");
    HAS(js, "\"decision\":\"excluded\",\"justification\":\"Not used | *ever* <b>\\u0001\x7f</b>\"");
    aigov_free(js);

    char *txt = render_q(ctx, desc_full, "2028-01-01", AIGOV_FORMAT_TEXT);
    HAS(txt, "Statement of Applicability (ISO/IEC 42001 6.1.3): 2 controls, 1 included, 1 excluded, "
             "0 not recorded; complete\n");
    /* the SoA decides: an excluded control does not apply */
    HAS(txt, "  A.2.2     excluded      yes         not_applicable conforming                  T i.c1\n");
    HAS(txt, "justification: Not used | *ever* <b>");
    HAS(txt, "  A.2.3     included      yes         met            conforming                  T i.c2\n");
    aigov_free(txt);

    char *md = render_q(ctx, desc_full, "2028-01-01", AIGOV_FORMAT_MARKDOWN);
    /* table cells: pipes escaped, line breaks flattened, descriptor text defused */
    HAS(md, "| met | 2026-01-01 |     | Pipe \\| and  newline (`9o.digit`) |\n"); /* under "Met in force" */
    HAS(md, "\n1. Ext \\| with a pipe (`ext`): closes 1\n");
    HAS(md, "0 not recorded; complete\n");
    HAS(md, "| A\\.2\\.2 T i\\.c1 | excluded | Not used \\| \\*ever\\* \\<b\\>  \\</b\\> | yes | not_applicable |  |  | conforming |  |\n");
    HAS(md, "| A\\.2\\.3 T i\\.c2 | included |  | yes | met |  |  | conforming |  |\n");
    aigov_free(md);

    char *os = render_q(ctx, desc_full, "2028-01-01", AIGOV_FORMAT_OSCAL);
    cJSON_Delete(parse_json(os));
    /* white space (Unicode too) trimmed and collapsed in a title; look-alikes kept */
    HAS(os, "\"title\":\"AI governance assessment (EU AI Act, ISO/IEC 42001): My System "
            "\xc2\xa9" "\xc2\x84" "\xe1\x9a\x81"             /* U+00A9, U+0084, U+1681 */
            " \xe2\x80\x8b"                            /* U+200B */
            " \xe2\x81\xa0" "\xe3\x80\x81" "\xe2\x82\xac"  /* U+2060, U+3001, U+20AC */
            "\xe1\x80\x80" "\xe3\x81\x81\"");           /* U+1000, U+3041 */
    HAS(os, "\"target-id\":\"_9o.digit\"");
    HAS(os, "{\"name\":\"citation\",\"ns\":\"urn:libaigov:oscal\",\"value\":\"-\"}");
    HAS(os, "system.memo = tab\\there\\nnl\\rcr\\\\bs\\\"q\\u0001 (known) -> true");
    HAS(os, "system.n = 0 (gte 0) -> true");
    HAS(os, "system.day = 2029-05-01 (lt 2030-01-01) -> true");
    HAS(os, "system.tags = [a, b] (has_all [\\\"a\\\", \\\"b\\\"]) -> true");
    HAS(os, "system.kind = x (eq \\\"x\\\") -> true");
    HAS(os, "as-of date gte 2020-01-01 -> true; always -> true; never -> false; rule d.base -> true.");
    HAS(os, "{\"name\":\"crosswalk-iso-met\",\"ns\":\"urn:libaigov:oscal\",\"value\":\"i.base\"}");
    HAS(os, "{\"name\":\"crosswalk-iso-still-needed\",\"ns\":\"urn:libaigov:oscal\",\"value\":\"i.other\"}");
    HAS(os, "\\n\\nBeyond ISO/IEC 42001: More.");
    HAS(os, "\\n\\nNote: A note.");
    /* an evidence reference as a URI: what may not appear in one is percent-encoded,
     * a well-formed %XX kept */
    HAS(os, "\"href\":\"http://x/a%20b%41%254g%25g1%25zz%af%AF%0A%25\"");
    HAS(os, "\"href\":\"%254\"");
    HASNT(os, "o.never");
    aigov_free(os);

    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

START_TEST(statement_of_applicability_states)
{
    aigov_table *t = compile_q(rules_all);
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, t, NULL, NULL), 0);

    /* Decisions given but whether an AI management system is run is not:
     * the check of the recorded exclusion stays open (unknown). */
    const char *open = "{'organisation':{'soa':{'c1':{'decision':'excluded'}}},'system':{'n':5}}";
    char *txt = render_q(ctx, open, "2028-01-01", AIGOV_FORMAT_TEXT);
    HAS(txt, "2 controls, 0 included, 1 excluded, 1 not recorded; incomplete\n");
    HAS(txt, "  A.2.3     not recorded  unknown     unknown        not_graded                  T i.c2\n");
    HAS(txt, "            unknown: T i.c1.unjust [i.c1.unjust]\n");
    HAS(txt, "            unknown: T i.c1.stale [i.c1.stale]\n");
    HASNT(txt, "unknown: T i.c2.unjust"); /* unknown only because the decision is missing: said once */
    HASNT(txt, "justification:");
    aigov_free(txt);
    char *md = render_q(ctx, open, "2028-01-01", AIGOV_FORMAT_MARKDOWN);
    HAS(md, "1 not recorded; **incomplete**\n");
    HAS(md, "| A\\.2\\.2 T i\\.c1 | excluded |  | unknown | not_applicable |  |  | not_graded | unknown `i.c1.unjust`; unknown `i.c1.stale` |\n");
    HAS(md, "| A\\.2\\.3 T i\\.c2 | _not recorded_ |  | unknown | unknown |  |  | not_graded |  |\n");
    aigov_free(md);
    char *js = render_q(ctx, open, "2028-01-01", AIGOV_FORMAT_JSON);
    HAS(js, "\"findings_gap\":0,\"findings_unknown\":3,\"complete\":false}");
    HAS(js, "\"decision\":null,\"justification\":null,\"typically_applicable\":null");
    aigov_free(js);

    /* Every control decided, but whether their checks apply is not known: not complete. */
    js = render_q(ctx, "{'organisation':{'soa':{'c1':{'decision':'included'},'c2':{'decision':'included'}}}}",
                  "2028-01-01", AIGOV_FORMAT_JSON);
    HAS(js, "{\"controls\":2,\"included\":2,\"excluded\":0,\"not_recorded\":0,\"findings_gap\":0,"
            "\"findings_unknown\":3,\"complete\":false}");
    aigov_free(js);

    /* Both exclusions unjustified in a management system in scope: gaps. */
    const char *gaps = "{'organisation':{'aims':true,'soa':{'c1':{'decision':'excluded'},"
                       "'c2':{'decision':'excluded'}}},'system':{'flag':false}}";
    md = render_q(ctx, gaps, "2028-01-01", AIGOV_FORMAT_MARKDOWN);
    HAS(md, "2 controls, 0 included, 2 excluded, 0 not recorded; **incomplete**\n");
    HAS(md, "| **gap** `i.c1.unjust`; **gap** `i.c1.stale` |\n");
    HAS(md, "| A\\.2\\.3 T i\\.c2 | excluded |  | yes | not_applicable |  |  | **minor_nonconformity** | **gap** `i.c2.unjust` |\n");
    aigov_free(md);
    txt = render_q(ctx, gaps, "2028-01-01", AIGOV_FORMAT_TEXT);
    HAS(txt, "            gap: T i.c2.unjust [i.c2.unjust]\n");
    aigov_free(txt);

    /* No management system in scope: every check is not applicable, so is the SoA. */
    const char *none = "{'organisation':{'aims':false}}";
    txt = render_q(ctx, none, "2028-01-01", AIGOV_FORMAT_TEXT);
    HAS(txt, "\nStatement of Applicability (ISO/IEC 42001 6.1.3): not applicable (no AI management "
             "system in scope)\n");
    HASNT(txt, "CONTROL");
    aigov_free(txt);
    md = render_q(ctx, none, "2028-01-01", AIGOV_FORMAT_MARKDOWN);
    HAS(md, "\n**Statement of Applicability** (ISO/IEC 42001 6.1.3): not applicable (no AI management "
            "system in scope)\n");
    HASNT(md, "| Control |");
    aigov_free(md);

    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

/* ---- several systems ------------------------------------------------------------ */

START_TEST(several_systems_in_oscal)
{
    aigov_table *t = compile_q(rules_all);
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, t, NULL, NULL), 0);
    /* no organisation name: the titles fall back; system names are normalised */
    const char *two = "{'organisation':{'aims':true},'evidence':{'plan':{'state':'implemented'}},"
                      "'systems':[{'system':{'name':'  First  one ','flag':true}},{'system':{'name':' \\t '}}]}";
    char *os = render_q(ctx, two, "2028-01-01", AIGOV_FORMAT_OSCAL);
    cJSON *j = parse_json(os);
    const cJSON *ar = cJSON_GetObjectItemCaseSensitive(j, "assessment-results");
    const cJSON *results = cJSON_GetObjectItemCaseSensitive(ar, "results");
    ck_assert_int_eq(cJSON_GetArraySize(results), 3);
    const char *titles[3] = {"EU AI Act and ISO/IEC 42001 assessment: First one",
                             "EU AI Act and ISO/IEC 42001 assessment: unnamed AI system",
                             "The organisation's AI management system (ISO/IEC 42001): unnamed organisation"};
    for (int k = 0; k < 3; k++)
        ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(results, k), "title")->valuestring,
                         titles[k]);
    const cJSON *md = cJSON_GetObjectItemCaseSensitive(ar, "metadata");
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(md, "title")->valuestring,
                     "AI governance assessment (EU AI Act, ISO/IEC 42001): unnamed AI system");
    cJSON_Delete(j);
    aigov_free(os);

    /* with an organisation name, the head and the organisation's result carry it */
    const char *named = "{'organisation':{'name':' Acme\\u00a0 AG ','aims':true},"
                        "'systems':[{'system':{'name':'S'}},{'system':{'flag':false}}]}";
    os = render_q(ctx, named, "2028-01-01", AIGOV_FORMAT_OSCAL);
    HAS(os, "AI governance assessment (EU AI Act, ISO/IEC 42001): Acme AG\"");
    HAS(os, "(ISO/IEC 42001): Acme AG\"");
    aigov_free(os);
    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

/* ---- readiness: more upcoming dates than are listed ------------------------------- */

START_TEST(readiness_lists_sixteen_upcoming_dates_in_order)
{
    /* 19 obligations not yet in force, their dates in falling order, two on one day, and
     * last one later than all (met when the 16 slots are full of earlier dates) */
    char body[8192];
    size_t n = (size_t)snprintf(body, sizeof body,
                                "{\"format\":\"aigov-rules/1\",\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\","
                                "\"description\":\"d\"}],\"rules\":[");
    for (int k = 0; k < 19; k++)
        n += (size_t)snprintf(body + n, sizeof body - n,
                              "%s{\"id\":\"o.up%d\",\"kind\":\"obligation\",\"framework\":\"iso42001\","
                              "\"citation\":\"c\",\"title\":\"t\",\"holder\":[\"provider\"],"
                              "\"applies_from\":\"2040-01-%02d\",\"when\":true,\"evidence\":[\"doc\"]}",
                              k ? "," : "", k, k == 17 ? 17 : k == 18 ? 25 : 20 - k);
    snprintf(body + n, sizeof body - n, "]}");
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(body, &err, &rc);
    ck_assert_msg(rc == 0, "%s", err.message);
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, t, NULL, NULL), 0);
    char *txt = render_q(ctx, "{'evidence':{'doc':{'state':'implemented'}}}", "2030-01-01", AIGOV_FORMAT_TEXT);
    /* 18 dates, 2040-01-04 .. 01-20 and 01-25, and room for 16: the earliest sixteen are
     * listed (01-04 .. 01-19, though 01-04 comes late in table order), in date order, the
     * shared day counting both of its rules; every rule still counts as applicable and met. */
    const char *line = strstr(txt, "  iso42001   19 of 19 applicable met (100%), ready; 0 in force; upcoming: ");
    ck_assert_ptr_nonnull(line);
    const char *p = strstr(line, "upcoming: ") + strlen("upcoming: "), *eol = strchr(line, '\n');
    int listed = 0, prev = 0, total = 0;
    while (p < eol) {
        int count, day;
        ck_assert_int_eq(sscanf(p, "%d from 2040-01-%d", &count, &day), 2);
        ck_assert_int_gt(day, prev);
        ck_assert_int_eq(count, day == 17 ? 2 : 1);
        prev = day;
        total += count;
        listed++;
        p = strchr(p, ',') && strchr(p, ',') < eol ? strchr(p, ',') + 2 : eol;
    }
    ck_assert_int_eq(listed, 16);
    ck_assert_int_eq(total, 17);
    ck_assert_ptr_nonnull(strstr(line, "upcoming: 1 from 2040-01-04, "));
    ck_assert_int_eq(prev, 19); /* the latest dates, 01-20 and 01-25, are left out */
    aigov_free(txt);
    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

/* ---- the catalogue, explanations and the schema ------------------------------------ */

START_TEST(catalogue_explain_schema_edges)
{
    aigov_table *t = compile_q(rules_all);
    char *out = NULL;
    size_t len = 0;
    aigov_error err;

    ck_assert_int_eq(aigov_table_render_rules(&out, &len, t, AIGOV_FORMAT_MARKDOWN, &err), 0);
    HAS(out, "| Id | Kind | Citation | Applies from | Title |\n|---|---|---|---|---|\n");
    HAS(out, "| `d.always` | definition | Art. d.always | - | T d.always |\n");
    HAS(out, "| `o.leaves` | obligation | Art. o.leaves | 2026-01-01 | T o.leaves |\n");
    ck_assert_uint_eq(len, strlen(out));
    aigov_free(out);
    /* OSCAL: the catalog, a control per reported rule (issue 22 point 6); a report format is refused */
    ck_assert_int_eq(aigov_table_render_rules(&out, &len, t, AIGOV_FORMAT_OSCAL, &err), 0);
    HAS(out, "{\"catalog\":{\"uuid\":");
    HAS(out, "{\"id\":\"o.leaves\",\"class\":\"obligation\",\"title\":\"T o.leaves\",\"props\":[{\"name\":\"label\","
             "\"value\":\"Art. o.leaves\"}");
    ck_assert_ptr_null(strstr(out, "\"id\":\"d.always\"")); /* a definition is no control */
    aigov_free(out);
    out = NULL;
    ck_assert_int_eq(aigov_table_render_rules(&out, &len, t, AIGOV_FORMAT_HTML, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(out);
    HAS(err.message, "unknown format 6");
    ck_assert_int_eq(aigov_table_render_rules(NULL, &len, t, AIGOV_FORMAT_JSON, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "out is NULL");
    ck_assert_int_eq(aigov_table_render_rules(&out, &len, NULL, AIGOV_FORMAT_JSON, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "table is NULL");

    ck_assert_int_eq(aigov_table_explain(&out, &len, t, "d.always", &err), 0);
    HAS(out, "\n  Applies when:\n    always\n");
    HAS(out, "    (none directly; see the rules referenced)\n");
    aigov_free(out);
    ck_assert_int_eq(aigov_table_explain(&out, &len, t, "o.leaves", &err), 0);
    HAS(out, "      always\n      not:\n        never\n");
    HAS(out, "      evaluation date gte 2020-01-01\n");
    HAS(out, "      system.tags is not empty\n      not:\n        system.tags is empty\n");
    HAS(out, "\n  Note: A note.\n");
    aigov_free(out);
    ck_assert_int_eq(aigov_table_explain(NULL, &len, t, "o.leaves", &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "out is NULL");
    ck_assert_int_eq(aigov_table_explain(&out, &len, NULL, "o.leaves", &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "table and rule_id are required");
    ck_assert_int_eq(aigov_table_explain(&out, &len, t, NULL, &err), AIGOV_EINVAL);
    ck_assert_ptr_null(out);
    ck_assert_int_eq(aigov_table_explain(&out, &len, t, "o.nope", &err), AIGOV_ENOTFOUND);
    ck_assert_str_eq(err.message, "no rule 'o.nope' in this table");

    ck_assert_int_eq(aigov_table_descriptor_schema(&out, &len, t, &err), 0);
    cJSON *j = parse_json(out);
    const cJSON *sys = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(j, "properties"), "system");
    const cJSON *flag = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(sys, "properties"), "flag");
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(sys, "properties"), "name");
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(flag, "description")->valuestring, "d Source: Art. 1 of the test.");
    ck_assert_str_eq(cJSON_GetObjectItemCaseSensitive(name, "description")->valuestring, "d");
    cJSON_Delete(j);
    aigov_free(out);
    ck_assert_int_eq(aigov_table_descriptor_schema(NULL, &len, t, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "out is NULL");
    ck_assert_int_eq(aigov_table_descriptor_schema(&out, &len, NULL, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "table is NULL");
    ck_assert_uint_eq(len, 0);
    aigov_table_free(t);
}
END_TEST

START_TEST(long_tests_are_cut_at_the_buffer)
{
    /* a has_all over many long values words a test longer than the 255 bytes kept */
    char body[8192];
    char vals[1024] = "", all[1024] = "";
    size_t nv = 0, na = 0;
    for (int k = 0; k < 12; k++) {
        nv += (size_t)snprintf(vals + nv, sizeof vals - nv, "%s'value_number_%02d_with_a_long_name'", k ? "," : "", k);
        na += (size_t)snprintf(all + na, sizeof all - na, "%s'value_number_%02d_with_a_long_name'", k ? "," : "", k);
    }
    snprintf(body, sizeof body,
             "{'format':'aigov-rules/1','facts':[{'id':'s.v','type':'set','values':[%s],'description':'d',"
             "'ask':'a?'}],'rules':[{'id':'d.x','kind':'definition','framework':'eu_ai_act','citation':'c',"
             "'title':'t','when':{'fact':'s.v','has_all':[%s]}}]}",
             vals, all);
    aigov_table *t = compile_q(body);
    char *out = NULL;
    ck_assert_int_eq(aigov_table_explain(&out, NULL, t, "d.x", NULL), 0);
    const char *line = strstr(out, "  s.v has_all [\"value_number_00_with_a_long_name\", ");
    ck_assert_ptr_nonnull(line);
    const char *eol = strchr(line, '\n');
    /* two spaces of indent, the fact id and a space, then the test cut to 255 bytes */
    ck_assert_int_eq((int)(eol - line), 2 + 4 + 255);
    aigov_free(out);
    aigov_table_free(t);
}
END_TEST

/* ---- invalid arguments and accessors ------------------------------------------------- */

START_TEST(render_and_accessors_reject_bad_arguments)
{
    aigov_error err;
    char *out = (char *)"x";
    size_t len = 7;
    ck_assert_int_eq(aigov_report_render(NULL, &len, NULL, AIGOV_FORMAT_JSON, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "out is NULL");
    ck_assert_int_eq(aigov_report_render(&out, &len, NULL, AIGOV_FORMAT_JSON, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "report is NULL");
    ck_assert_ptr_null(out);
    ck_assert_uint_eq(len, 0);

    aigov_table *t = compile_q(rules_all);
    aigov_ctx *ctx = NULL;
    int rc;
    const aigov_report *r = unit_eval(&ctx, t, "{\"system\":{\"n\":5}}", "2028-01-01", &err, &rc);
    ck_assert_int_eq(rc, 0);
    ck_assert_int_eq(aigov_report_render(&out, &len, r, 8, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "unknown format 8");
    ck_assert_ptr_null(out);
    ck_assert_int_eq(aigov_report_render(&out, NULL, r, -1, &err), AIGOV_EINVAL);
    ck_assert_str_eq(err.message, "unknown format -1");
    /* rendering twice reuses the size learnt the first time and gives the same bytes */
    char *a = NULL, *b = NULL;
    ck_assert_int_eq(aigov_report_render(&a, NULL, r, AIGOV_FORMAT_MARKDOWN, &err), 0);
    ck_assert_int_eq(aigov_report_render(&b, NULL, r, AIGOV_FORMAT_MARKDOWN, &err), 0);
    ck_assert_str_eq(a, b);
    HAS(a, "**Roles:** none established\n");
    aigov_free(a);
    aigov_free(b);

    ck_assert_int_eq(aigov_report_tier(NULL), AIGOV_TIER_UNDETERMINED);
    ck_assert_int_eq(aigov_report_gpai(NULL), AIGOV_GPAI_UNDETERMINED);
    ck_assert_str_eq(aigov_tier_name(-1), "?");
    ck_assert_str_eq(aigov_tier_name(AIGOV_TIER_UNDETERMINED), "undetermined");
    ck_assert_str_eq(aigov_gpai_name(-1), "?");
    ck_assert_str_eq(aigov_gpai_name(4), "?");
    ck_assert_str_eq(aigov_status_name(-1), "?");
    ck_assert_str_eq(aigov_status_name(4), "?");

    aigov_summary sum;
    ck_assert_int_eq(aigov_report_summary(NULL, r), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_summary(&sum, NULL), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_summary(&sum, r), 0);
    ck_assert_uint_eq(aigov_report_obligation_count(NULL), 0);
    ck_assert_uint_eq(aigov_report_question_count(NULL), 0);
    aigov_obligation ob = {.size = sizeof(aigov_obligation)};
    ck_assert_int_eq(aigov_report_obligation(NULL, r, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_obligation(&ob, NULL, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_obligation(&ob, r, aigov_report_obligation_count(r)), AIGOV_ENOTFOUND);
    aigov_question qu;
    size_t nq = aigov_report_question_count(r);
    ck_assert_uint_eq(nq, sum.questions);
    ck_assert_uint_gt(nq, 0);
    ck_assert_int_eq(aigov_report_question(NULL, r, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_question(&qu, NULL, 0), AIGOV_EINVAL);
    ck_assert_int_eq(aigov_report_question(&qu, r, nq), AIGOV_ENOTFOUND);
    ck_assert_int_eq(aigov_report_question(&qu, r, nq - 1), 0);
    aigov_ctx_free(ctx);
    aigov_table_free(t);
}
END_TEST

START_TEST(pretty_printer_stops_at_a_cut_escape)
{
    /* a string cut right after a backslash: the escape is kept, nothing read past the end */
    ag_mem mem;
    ck_assert_int_eq(ag_mem_init(&mem, NULL), 0);
    ag_buf b;
    ag_buf_init(&b, &mem);
    ag_json_pretty(&b, "{\"a\":\"x\\");
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(ag_buf_finish(&b, &out, &len), 0);
    ck_assert_str_eq(out, "{\n  \"a\": \"x\\\n");
    aigov_free(out);
}
END_TEST

/* SARIF results point at the descriptor's file (aigov_eval_options.source_name) as a URI
 * reference, percent-encoded (a space, '#', '?' or '%' in a file name must not change what
 * the URI names), and at "descriptor" when no name or an empty one is given. */
START_TEST(sarif_locations_name_the_source_as_a_uri)
{
    static const struct {
        const char *name, *uri;
    } names[] = {
        {NULL, "descriptor"},
        {"", "descriptor"},
        {"systems/cv screening#2?.json", "systems/cv%20screening%232%3F.json"},
        {"100%.json", "100%25.json"},
        {"K\xc3\xb6ln.json", "K%C3%B6ln.json"},
    };
    char *desc = unit_slurp("examples/descriptors/cv-screening-provider.json");
    aigov_ctx *ctx = NULL;
    ck_assert_int_eq(aigov_ctx_new(&ctx, aigov_table_builtin(), NULL, NULL), 0);
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
        o.as_of = "2028-08-02";
        o.source_name = names[k].name;
        char *out = NULL;
        aigov_error err;
        ck_assert_int_eq(aigov_eval_render(&out, NULL, ctx, desc, strlen(desc), &o, AIGOV_FORMAT_SARIF, &err), 0);
        cJSON *doc = cJSON_Parse(out);
        ck_assert_ptr_nonnull(doc);
        const cJSON *results = cJSON_GetObjectItemCaseSensitive(
            cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(doc, "runs"), 0), "results");
        ck_assert_int_gt(cJSON_GetArraySize(results), 0);
        const cJSON *res;
        cJSON_ArrayForEach(res, results) {
            const cJSON *loc = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(res, "locations"), 0);
            const cJSON *uri = cJSON_GetObjectItemCaseSensitive(
                cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(loc, "physicalLocation"),
                                                 "artifactLocation"),
                "uri");
            ck_assert_msg(cJSON_IsString(uri) && strcmp(uri->valuestring, names[k].uri) == 0,
                          "name %s: uri %s, want %s", names[k].name ? names[k].name : "(null)",
                          cJSON_IsString(uri) ? uri->valuestring : "(none)", names[k].uri);
        }
        cJSON_Delete(doc);
        aigov_free(out);
    }
    aigov_ctx_free(ctx);
    free(desc);
}
END_TEST

Suite *render_edges_suite(void)
{
    Suite *s = suite_create("render_edges");
    TCase *tc = tcase_create("render_edges");
    tcase_add_test(tc, every_condition_kind_in_every_format);
    tcase_add_test(tc, statement_of_applicability_states);
    tcase_add_test(tc, several_systems_in_oscal);
    tcase_add_test(tc, sarif_locations_name_the_source_as_a_uri);
    tcase_add_test(tc, readiness_lists_sixteen_upcoming_dates_in_order);
    tcase_add_test(tc, catalogue_explain_schema_edges);
    tcase_add_test(tc, long_tests_are_cut_at_the_buffer);
    tcase_add_test(tc, render_and_accessors_reject_bad_arguments);
    tcase_add_test(tc, pretty_printer_stops_at_a_cut_escape);
    suite_add_tcase(s, tc);
    return s;
}
