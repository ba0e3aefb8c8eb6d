/* aigov-golden: runs the golden cases (descriptor in, expected report out)
 * and checks rule coverage: across the suite, every rule must evaluate true,
 * false and unknown at least once (where its condition can take the value).
 *   aigov-golden [--coverage] [--update] [--verbose] DIR */
#include <cjson/cJSON.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "render/pretty.h"
#include "render/render.h"
#include "report/report.h"
#include "report/soa_grade.h"
#include "util/num.h"

static int verbose, update;
static unsigned char *seen; /* per rule: bit per kleene value */
static unsigned char *possible;
static int failures, passes;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static unsigned char poss_expr(const aigov_table *t, int32_t ei, unsigned char *memo);

static unsigned char poss_rule(const aigov_table *t, int32_t ri, unsigned char *memo)
{
    if (!memo[ri])
        memo[ri] = poss_expr(t, t->rules[ri].when, memo);
    return memo[ri];
}

/* Which values (bit 0 false, 1 true, 2 unknown) an expression can take. */
static unsigned char poss_expr(const aigov_table *t, int32_t ei, unsigned char *memo)
{
    const ag_expr *e = &t->exprs[ei];
    const unsigned F = 1, T = 2, U = 4;
    switch (e->op) {
    case AG_OP_TRUE: return T;
    case AG_OP_FALSE: return F;
    case AG_OP_KNOWN:
    case AG_OP_UNKNOWN:
    case AG_OP_AS_OF: return T | F;
    case AG_OP_RULE: return poss_rule(t, e->a, memo);
    case AG_OP_NOT: {
        unsigned char c = poss_expr(t, e->a, memo);
        return (unsigned char)((c & U) | (c & T ? F : 0) | (c & F ? T : 0));
    }
    case AG_OP_ALL:
    case AG_OP_ANY: {
        int all = e->op == AG_OP_ALL;
        unsigned short_v = all ? F : T, long_v = all ? T : F;
        int any_short = 0, all_long = 1, any_u = 0, all_long_or_u = 1;
        for (int32_t k = 0; k < e->b; k++) {
            unsigned char c = poss_expr(t, t->kids[e->a + k], memo);
            any_short |= (c & short_v) != 0;
            all_long &= (c & long_v) != 0;
            any_u |= (c & U) != 0;
            all_long_or_u &= (c & (long_v | U)) != 0;
        }
        return (unsigned char)((any_short ? short_v : 0) | (all_long ? long_v : 0) |
                               (any_u && all_long_or_u ? U : 0));
    }
    default: return T | F | U;
    }
}

#include <stdarg.h>
#include "../common/slurp.h"
static void failf(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void failf(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("FAIL %s: ", name);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
}

static const char *kleene(uint8_t v) { return v == AG_T ? "true" : v == AG_F ? "false" : "unknown"; }

static int rule_index(const aigov_table *t, const char *id)
{
    size_t idx;
    return aigov_table_find_rule(&idx, t, id) == 0 ? (int)idx : -1;
}


/* cJSON prints a number with 17 digits when 15 do not round-trip (0.3333333333333333 becomes
 * 0.33333333333333331), and the library compares thresholds exactly on the decimal it is
 * given: the descriptor goes in with each number's shortest form, the text its case wrote. */
static void shortest_numbers(cJSON *node)
{
    for (cJSON *k = node->child; k; k = k->next) {
        if (cJSON_IsNumber(k)) {
            char buf[40];
            ag_num_format(buf, k->valuedouble);
            char *raw = strdup(buf);
            if (raw) {
                k->type = cJSON_Raw;
                k->valuestring = raw;
            }
        } else {
            shortest_numbers(k);
        }
    }
}

/* The entry of `id` in a compact JSON report part's "obligations" (the run of rules it is
 * in, which holds its status and systems), or NULL. */
static const cJSON *part_rule(const cJSON *part, const char *id)
{
    const cJSON *obs = cJSON_GetObjectItemCaseSensitive(part, "obligations");
    for (const cJSON *o = obs ? obs->child : NULL; o; o = o->next) {
        const cJSON *rules = cJSON_GetObjectItemCaseSensitive(o, "rules");
        for (const cJSON *m = rules ? rules->child : NULL; m; m = m->next) {
            const cJSON *oid = cJSON_GetObjectItemCaseSensitive(m, "id");
            if (cJSON_IsString(oid) && strcmp(oid->valuestring, id) == 0)
                return o;
        }
    }
    return NULL;
}

/* A descriptor of several systems (no single report): expectations on the JSON rendering.
 * "organisation_status": {rule: status} of the organisation's part; "organisation_systems":
 * {rule: [status per system, "out_of_scope" for one outside the AIMS scope]};
 * "systems_status": [{rule: status} per system]. */
static int check_portfolio(const char *file, aigov_ctx *ctx, const char *djson, size_t dlen,
                           const aigov_eval_options *opts, const cJSON *ex)
{
    char *out = NULL;
    aigov_error err;
    if (aigov_eval_render(&out, NULL, ctx, djson, dlen, opts, AIGOV_FORMAT_JSON, &err)) {
        failf(file, "evaluation failed: %s at %s", err.message, err.path);
        return 1;
    }
    cJSON *doc = cJSON_Parse(out);
    aigov_free(out);
    if (!doc) {
        failf(file, "the JSON report does not parse");
        return 1;
    }
    int bad = 0;
    const cJSON *org = cJSON_GetObjectItemCaseSensitive(doc, "organisation");
    const cJSON *systems = cJSON_GetObjectItemCaseSensitive(doc, "systems");
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(ex, "organisation_status");
    for (const cJSON *v = x ? x->child : NULL; v; v = v->next) {
        const cJSON *st = cJSON_GetObjectItemCaseSensitive(part_rule(org, v->string), "status");
        if (!cJSON_IsString(st) || !cJSON_IsString(v) || strcmp(st->valuestring, v->valuestring) != 0) {
            failf(file, "organisation: status of %s: expected %s, got %s", v->string,
                  cJSON_IsString(v) ? v->valuestring : "?", cJSON_IsString(st) ? st->valuestring : "(not listed)");
            bad = 1;
        }
    }
    x = cJSON_GetObjectItemCaseSensitive(ex, "organisation_systems");
    for (const cJSON *v = x ? x->child : NULL; v; v = v->next) {
        const cJSON *got = cJSON_GetObjectItemCaseSensitive(part_rule(org, v->string), "systems");
        const cJSON *g = got ? got->child : NULL;
        for (const cJSON *w = v->child; w; w = w->next, g = g ? g->next : NULL) {
            const cJSON *in = cJSON_GetObjectItemCaseSensitive(g, "in_scope");
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(g, "status");
            const char *gs = !g ? "(missing)" : cJSON_IsFalse(in) ? "out_of_scope"
                                                 : cJSON_IsString(st) ? st->valuestring : "?";
            if (!cJSON_IsString(w) || strcmp(w->valuestring, gs) != 0) {
                failf(file, "organisation: %s per system: expected %s, got %s", v->string,
                      cJSON_IsString(w) ? w->valuestring : "?", gs);
                bad = 1;
            }
        }
        if (g || cJSON_GetArraySize(v) != cJSON_GetArraySize(got)) {
            failf(file, "organisation: %s: %d systems expected, %d listed", v->string, cJSON_GetArraySize(v),
                  cJSON_GetArraySize(got));
            bad = 1;
        }
    }
    x = cJSON_GetObjectItemCaseSensitive(ex, "systems_status");
    int i = 0;
    for (const cJSON *sx = x ? x->child : NULL; sx; sx = sx->next, i++) {
        const cJSON *sys = cJSON_GetArrayItem(systems, i);
        for (const cJSON *v = sx->child; v; v = v->next) {
            const cJSON *st = cJSON_GetObjectItemCaseSensitive(part_rule(sys, v->string), "status");
            if (!cJSON_IsString(st) || !cJSON_IsString(v) || strcmp(st->valuestring, v->valuestring) != 0) {
                failf(file, "system %d: status of %s: expected %s, got %s", i, v->string,
                      cJSON_IsString(v) ? v->valuestring : "?", cJSON_IsString(st) ? st->valuestring : "(not listed)");
                bad = 1;
            }
        }
    }
    cJSON_Delete(doc);
    return bad;
}

static int check_case(const char *dir, const char *file, aigov_ctx *ctx, const aigov_table *t)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    size_t len;
    char *text = slurp(path, &len);
    if (!text) {
        failf(file, "cannot read");
        return 1;
    }
    const char *end = NULL;
    cJSON *c = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
    free(text);
    if (!c) {
        failf(file, "case is not valid JSON");
        return 1;
    }
    int bad = 0;
    const cJSON *as_of = cJSON_GetObjectItemCaseSensitive(c, "as_of");
    const cJSON *desc = cJSON_GetObjectItemCaseSensitive(c, "descriptor");
    const cJSON *desc_file = cJSON_GetObjectItemCaseSensitive(c, "descriptor_file");
    const cJSON *desc_raw = cJSON_GetObjectItemCaseSensitive(c, "descriptor_raw");
    const cJSON *ex = cJSON_GetObjectItemCaseSensitive(c, "expect");
    char *djson = NULL;
    size_t dlen = 0;
    if (cJSON_IsObject(desc)) {
        shortest_numbers((cJSON *)desc);
        djson = cJSON_PrintUnformatted(desc);
        dlen = djson ? strlen(djson) : 0;
    } else if (cJSON_IsString(desc_file)) {
        djson = slurp(desc_file->valuestring, &dlen);
    } else if (cJSON_IsString(desc_raw)) {
        djson = strdup(desc_raw->valuestring);
        dlen = strlen(djson);
    }
    if (!cJSON_IsString(as_of) || !djson || !cJSON_IsObject(ex)) {
        failf(file, "a case needs as_of, descriptor (or descriptor_file / descriptor_raw) and expect");
        cJSON_Delete(c);
        free(djson);
        return 1;
    }
    aigov_eval_options opts = AIGOV_EVAL_OPTIONS_INIT;
    opts.as_of = as_of->valuestring;
    const aigov_report *rep = NULL;
    aigov_error err;
    if (cJSON_GetObjectItemCaseSensitive(ex, "organisation_status")) {
        bad = check_portfolio(file, ctx, djson, dlen, &opts, ex);
        free(djson);
        cJSON_Delete(c);
        return bad;
    }
    int rc = aigov_eval(&rep, ctx, djson, dlen, &opts, &err);
    free(djson);
    const cJSON *experr = cJSON_GetObjectItemCaseSensitive(ex, "error");
    if (cJSON_IsString(experr)) {
        static const char *const names[] = {"AIGOV_OK", "AIGOV_EINVAL", "AIGOV_ENOMEM", "AIGOV_ESYNTAX",
                                            "AIGOV_EINPUT", "AIGOV_ELIMIT", "AIGOV_ERULES", "AIGOV_ENOTFOUND"};
        const char *got = rc <= 0 && rc >= -7 ? names[-rc] : "?";
        if (strcmp(got, experr->valuestring) != 0) {
            failf(file, "expected error %s, got %s (%s)", experr->valuestring, got, rc ? err.message : "");
            bad = 1;
        }
        const cJSON *ep = cJSON_GetObjectItemCaseSensitive(ex, "error_path");
        if (rc && cJSON_IsString(ep) && strcmp(ep->valuestring, err.path) != 0) {
            failf(file, "expected error path %s, got %s", ep->valuestring, err.path);
            bad = 1;
        }
        cJSON_Delete(c);
        return bad;
    }
    if (rc) {
        failf(file, "evaluation failed: %s at %s", err.message, err.path);
        cJSON_Delete(c);
        return 1;
    }
    const ag_result *r = ag_report_questions(rep);
    for (uint32_t i = 0; i < t->n_rules; i++)
        seen[i] |= (unsigned char)(1u << (r->rule_val[i] == AG_F ? 0 : r->rule_val[i] == AG_T ? 1 : 2));

    const cJSON *x;
    if ((x = cJSON_GetObjectItemCaseSensitive(ex, "tier")) && cJSON_IsString(x) &&
        strcmp(x->valuestring, aigov_tier_name(r->tier)) != 0) {
        failf(file, "tier: expected %s, got %s", x->valuestring, aigov_tier_name(r->tier));
        bad = 1;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(ex, "gpai")) && cJSON_IsString(x) &&
        strcmp(x->valuestring, aigov_gpai_name(r->gpai)) != 0) {
        failf(file, "gpai: expected %s, got %s", x->valuestring, aigov_gpai_name(r->gpai));
        bad = 1;
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(ex, "roles")) && cJSON_IsArray(x)) {
        uint32_t want = 0;
        for (const cJSON *v = x->child; v; v = v->next)
            for (int k = 0; k < AG_N_ROLES; k++)
                if (cJSON_IsString(v) && strcmp(v->valuestring, ag_role_names[k]) == 0)
                    want |= 1u << k;
        if (want != r->roles) {
            char got[200] = "";
            for (int k = 0; k < AG_N_ROLES; k++)
                if (r->roles & (1u << k)) {
                    strcat(got, ag_role_names[k]);
                    strcat(got, " ");
                }
            failf(file, "roles differ: got [%s]", got);
            bad = 1;
        }
    }
    if ((x = cJSON_GetObjectItemCaseSensitive(ex, "status")))
        for (const cJSON *v = x->child; v; v = v->next) {
            int ri = rule_index(t, v->string);
            if (ri < 0 || t->rules[ri].kind == AG_K_DEFINITION) {
                failf(file, "status: no reported rule %s", v->string);
                bad = 1;
                continue;
            }
            const char *got = aigov_status_name(r->status[ri]);
            if (!cJSON_IsString(v) || strcmp(v->valuestring, got) != 0) {
                failf(file, "status of %s: expected %s, got %s", v->string,
                      cJSON_IsString(v) ? v->valuestring : "?", got);
                bad = 1;
            }
        }
    if ((x = cJSON_GetObjectItemCaseSensitive(ex, "in_force")))
        for (const cJSON *v = x->child; v; v = v->next) {
            int ri = rule_index(t, v->string);
            if (ri < 0 || t->rules[ri].kind == AG_K_DEFINITION) {
                failf(file, "in_force: no reported rule %s", v->string);
                bad = 1;
                continue;
            }
            int got = ag_in_force(r, ri);
            if (!cJSON_IsBool(v) || cJSON_IsTrue(v) != got) {
                failf(file, "in_force of %s: expected %s, got %s", v->string,
                      cJSON_IsTrue(v) ? "true" : "false", got ? "true" : "false");
                bad = 1;
            }
        }
    if ((x = cJSON_GetObjectItemCaseSensitive(ex, "values")))
        for (const cJSON *v = x->child; v; v = v->next) {
            int ri = rule_index(t, v->string);
            if (ri < 0) {
                failf(file, "values: no rule %s", v->string);
                bad = 1;
                continue;
            }
            const char *got = kleene(r->rule_val[ri]);
            if (!cJSON_IsString(v) || strcmp(v->valuestring, got) != 0) {
                failf(file, "value of %s: expected %s, got %s", v->string,
                      cJSON_IsString(v) ? v->valuestring : "?", got);
                bad = 1;
            }
        }
    for (int inc = 0; inc < 2; inc++) {
        x = cJSON_GetObjectItemCaseSensitive(ex, inc ? "questions_exclude" : "questions_include");
        for (const cJSON *v = x ? x->child : NULL; v; v = v->next) {
            int found = 0;
            for (uint32_t q = 0; q < r->n_questions; q++)
                if (cJSON_IsString(v) && strcmp(t->facts[r->questions[q]].id, v->valuestring) == 0)
                    found = 1;
            if (found == inc) {
                failf(file, "question %s %s", cJSON_IsString(v) ? v->valuestring : "?",
                      inc ? "should not be asked" : "should be asked");
                bad = 1;
            }
        }
    }
    /* "grades": {control: grade} of the Statement of Applicability (soa_grade.h) */
    if ((x = cJSON_GetObjectItemCaseSensitive(ex, "grades")))
        for (const cJSON *v = x->child; v; v = v->next) {
            int32_t ctl = -1;
            for (uint32_t i = 0; i < t->n_rules; i++)
                if (t->rules[i].soa_decision >= 0 && strcmp(t->rules[i].soa_control, v->string) == 0)
                    ctl = (int32_t)i;
            if (ctl < 0) {
                failf(file, "grades: no control %s", v->string);
                bad = 1;
                continue;
            }
            ag_soa_grade g;
            ag_soa_grade_of(&g, rep, ctl);
            if (!cJSON_IsString(v) || strcmp(v->valuestring, ag_grade_name(g.grade)) != 0) {
                failf(file, "grade of %s: expected %s, got %s (%s)", v->string,
                      cJSON_IsString(v) ? v->valuestring : "?", ag_grade_name(g.grade), g.basis);
                bad = 1;
            }
        }
    /* every other rendering of the case: it renders, twice the same bytes, and the
     * JSON-based ones (OSCAL, SARIF) parse; so each renderer meets every golden case */
    for (int format = AIGOV_FORMAT_JSON; format <= AIGOV_FORMAT_SOA_CSV; format++) { /* JSON: compact */
        char *a = NULL, *b2 = NULL;
        size_t la = 0, lb = 0;
        int ra = aigov_report_render(&a, &la, rep, format, &err);
        int rb = aigov_report_render(&b2, &lb, rep, format, &err);
        if (ra || rb || la != lb || memcmp(a, b2, la) != 0 || strlen(a) != la) {
            failf(file, "format %d: renders %d/%d, %zu/%zu bytes, not the same twice", format, ra, rb, la, lb);
            bad = 1;
        } else if (format == AIGOV_FORMAT_JSON || format == AIGOV_FORMAT_OSCAL || format == AIGOV_FORMAT_SARIF) {
            cJSON *doc = cJSON_ParseWithLength(a, la);
            if (!doc) {
                failf(file, "format %d: not JSON", format);
                bad = 1;
            }
            cJSON_Delete(doc);
        }
        aigov_free(a);
        aigov_free(b2);
    }
    /* full report comparison for end-to-end scenarios: the full form (AIGOV_RENDER_FULL), which
     * pins every rule's metadata too; test/python checks the compact form against it */
    if (strstr(dir, "full")) {
        char *out = NULL;
        if (aigov_report_render(&out, NULL, rep, AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL, &err) == 0) {
            ag_mem mem;
            ag_mem_init(&mem, NULL);
            ag_buf pretty;
            ag_buf_init(&pretty, &mem);
            ag_json_pretty(&pretty, out);
            char rpath[1100];
            snprintf(rpath, sizeof rpath, "%s/%.*s.report.json", dir, (int)(strlen(file) - 5), file);
            size_t elen;
            char *expected = slurp(rpath, &elen);
            if (update) {
                FILE *f = fopen(rpath, "w");
                if (f) {
                    fwrite(pretty.data, 1, pretty.len, f);
                    fclose(f);
                }
            } else if (!expected || elen != pretty.len || memcmp(expected, pretty.data, elen) != 0) {
                failf(file, "full report differs from %s (review, then make golden-update)", rpath);
                bad = 1;
            }
            free(expected);
            ag_buf_free(&pretty);
        }
        aigov_free(out);
    }
    cJSON_Delete(c);
    return bad;
}

static void run_dir(const char *dir, aigov_ctx *ctx, const aigov_table *t)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char *names[4096];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 4096) {
        size_t l = strlen(e->d_name);
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0 &&
            !(l > 12 && strcmp(e->d_name + l - 12, ".report.json") == 0))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        if (check_case(dir, names[i], ctx, t)) {
            failures++;
        } else {
            passes++;
            if (verbose)
                printf("ok   %s\n", names[i]);
        }
        free(names[i]);
    }
}

int main(int argc, char **argv)
{
    int coverage = 0;
    const char *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--coverage") == 0)
            coverage = 1;
        else if (strcmp(argv[i], "--update") == 0)
            update = 1;
        else if (strcmp(argv[i], "--verbose") == 0)
            verbose = 1;
        else
            dir = argv[i];
    }
    if (!dir) {
        fprintf(stderr, "usage: aigov-golden [--coverage] [--update] [--verbose] DIR\n");
        return 2;
    }
    const aigov_table *t = aigov_table_builtin();
    aigov_ctx *ctx;
    aigov_error err;
    if (aigov_ctx_new(&ctx, t, NULL, &err))
        return 2;
    seen = calloc(t->n_rules + 1, 1);
    possible = calloc(t->n_rules + 1, 1);
    run_dir(dir, ctx, t);
    char full[1024];
    snprintf(full, sizeof full, "%s/full", dir);
    run_dir(full, ctx, t);
    int missing = 0;
    if (coverage) {
        for (uint32_t i = 0; i < t->n_rules; i++) {
            unsigned char p = poss_rule(t, (int32_t)i, possible);
            unsigned char lack = (unsigned char)(p & ~seen[i]);
            if (lack) {
                printf("coverage: %s never evaluated%s%s%s\n", t->rules[i].id, lack & 2 ? " true" : "",
                       lack & 1 ? " false" : "", lack & 4 ? " unknown" : "");
                missing++;
            }
        }
        printf("coverage: %u rules, %u complete, %d missing a value\n", t->n_rules,
               t->n_rules - (unsigned)missing, missing);
    }
    printf("golden: %d passed, %d failed\n", passes, failures);
    aigov_ctx_free(ctx);
    free(seen);
    free(possible);
    return failures || missing || passes == 0 ? 1 : 0;
}
