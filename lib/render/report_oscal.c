/* The report as NIST OSCAL 1.1 assessment results (JSON), for GRC tools:
 * one result per report (per system and one for the organisation for a
 * descriptor of several systems), a finding per applicable reported rule
 * (met, gap or unknown) and an observation per evidence item those rules
 * read. Compact, keys in a fixed order, deterministic: the timestamps are
 * the as-of date at midnight UTC (the library never reads the clock) and
 * every UUID is derived from SHA-256 over the rules hash, the as-of date,
 * a digest of the descriptor's facts and the object's id, formatted as a
 * version-5-style RFC 4122 UUID. Validates against the published OSCAL
 * 1.1.2 assessment-results JSON schema (test/oscal). */
#include <stdio.h>
#include <string.h>
#include "eval/exposure.h"
#include "render/oscal_common.h"
#include "render/render.h"
#include "report/exposure_summary.h"
#include "util/date.h"
#include "util/num.h"
#include "util/sha256.h"

#define OSCAL_VERSION "1.1.2"
#define NS "urn:libaigov:oscal" /* namespace of libaigov's own props */
#define MAX_REASONS 24

typedef struct octx {
    ag_buf *b;
    const aigov_report *rep;
    char day[11];    /* as-of date */
    char ts[21];     /* as-of date at midnight UTC */
    char facts[65];  /* digest of the descriptor's facts */
    char scope[32];  /* which result: "report", "system-N", "organisation" */
    int first;       /* list writer state */
    ag_sha256 ids;   /* the UUIDs' hash state after the fields above (uuid): set by init */
} octx;

/* ---- strings ---------------------------------------------------------------- */

/* Every string written is the table's or the descriptor's, never NULL (absent
 * ones are ""). */
static void escs(ag_buf *b, const char *s) { ag_buf_json_chars(b, s, strlen(s)); }

/* Length of the white space (ASCII or Unicode, as Python's \s) at s, or 0.
 * s[0] is never the terminating NUL (callers stop there). */
static size_t space_at(const unsigned char *s)
{
    if (s[0] == ' ' || s[0] < 0x20)
        return 1;
    if (s[0] == 0xC2 && (s[1] == 0x85 || s[1] == 0xA0))
        return 2;
    if (s[0] == 0xE1 && s[1] == 0x9A && s[2] == 0x80)
        return 3;
    /* U+2000..U+200A: one unsigned comparison for the range 0x80..0x8A */
    if (s[0] == 0xE2 && s[1] == 0x80 && ((unsigned)(s[2] - 0x80) <= 0x0A || s[2] == 0xA8 ||
                                         s[2] == 0xA9 || s[2] == 0xAF))
        return 3;
    if ((s[0] == 0xE2 && s[1] == 0x81 && s[2] == 0x9F) || (s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80))
        return 3;
    return 0;
}

/* s as one line inside a JSON string: no white space at either end, runs of
 * it as one space. Returns 0 when nothing was left to write. */
static int line_body(ag_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    int wrote = 0, pending = 0;
    while (*p) {
        size_t sp = space_at(p);
        if (sp) {
            pending = 1;
            p += sp;
            continue;
        }
        if (pending && wrote)
            ag_buf_putc(b, ' ');
        pending = 0;
        size_t n = 1;
        while (p[n] && !space_at(p + n))
            n++;
        ag_buf_json_chars(b, (const char *)p, n);
        wrote = 1;
        p += n;
    }
    return wrote;
}

/* An OSCAL string (StringDatatype): one line, no white space at either end,
 * not empty ("-" stands for nothing). */
static void line_str(ag_buf *b, const char *s)
{
    ag_buf_putc(b, '"');
    if (!line_body(b, s))
        ag_buf_putc(b, '-');
    ag_buf_putc(b, '"');
}

void ag_oscal_line_str(ag_buf *b, const char *s) { line_str(b, s); }

/* A name from the descriptor in a title, or the fallback. */
static void name_body(ag_buf *b, const char *name, const char *fallback)
{
    if (!line_body(b, name))
        ag_buf_puts(b, fallback);
}

/* An OSCAL token: ids of rules are tokens unless they start with a digit (a
 * rule id matches ^[a-z0-9]+(\.[a-z0-9_]+)+$, so it starts with a lowercase
 * letter, which a token may, or a digit, which it may not; digits sort below
 * letters). */
static void token_str(ag_buf *b, const char *id)
{
    ag_buf_putc(b, '"');
    if (id[0] <= '9')
        ag_buf_putc(b, '_');
    escs(b, id);
    ag_buf_putc(b, '"');
}

void ag_oscal_token_str(ag_buf *b, const char *id) { token_str(b, id); }

/* A URI reference from a free-text evidence reference: bytes that may not
 * appear in one (space, non-ASCII, quotes ...) are percent-encoded. */
static void uri_ref(ag_buf *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    static const char ok[] = "-._~:/?#[]@!$&'()*+,;=";
    ag_buf_putc(b, '"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                   strchr(ok, c) != NULL; /* c is not NUL: the loop stops there */
        if (c == '%') {
            const unsigned char *h = p + 1;
            keep = ((h[0] >= '0' && h[0] <= '9') || (h[0] >= 'a' && h[0] <= 'f') || (h[0] >= 'A' && h[0] <= 'F')) &&
                   ((h[1] >= '0' && h[1] <= '9') || (h[1] >= 'a' && h[1] <= 'f') || (h[1] >= 'A' && h[1] <= 'F'));
        }
        if (keep) {
            ag_buf_putc(b, (char)c);
        } else {
            char e[3] = {'%', hex[c >> 4], hex[c & 15]};
            ag_buf_put(b, e, 3);
        }
    }
    ag_buf_putc(b, '"');
}

/* Whether a free-text evidence reference may become an href: a relative
 * reference (no scheme: a document id, a path) or an absolute one with a
 * scheme a GRC tool can follow without running anything (https, http, urn).
 * javascript:, data:, vbscript:, file: and every other scheme stay in the
 * description only. Leading white space or control characters, which a
 * browser would skip before the scheme, never make a relative reference. */
static int safe_href(const char *s)
{
    static const char *const ok[] = {"https:", "http:", "urn:"};
    const unsigned char *p = (const unsigned char *)s;
    if (!*p || *p <= 0x20 || *p >= 0x7F)
        return 0;
    size_t colon = 0;
    while (p[colon] && p[colon] != ':' && p[colon] != '/' && p[colon] != '?' && p[colon] != '#')
        colon++;
    if (p[colon] != ':')
        return 1; /* no scheme */
    for (size_t k = 0; k < sizeof ok / sizeof *ok; k++) {
        size_t n = strlen(ok[k]);
        size_t j = 0;
        while (j < n && p[j] && (p[j] | 0x20) == (unsigned char)ok[k][j])
            j++;
        if (j == n && colon + 1 == n)
            return 1;
    }
    return 0;
}

/* ---- deterministic UUIDs ------------------------------------------------------- */

static void feed(ag_sha256 *s, const char *str)
{
    ag_sha256_update(s, str, strlen(str) + 1); /* with the NUL: fields stay apart */
}

static void feed_u64(ag_sha256 *s, uint64_t v)
{
    unsigned char le[8];
    for (int k = 0; k < 8; k++)
        le[k] = (unsigned char)(v >> (8 * k));
    ag_sha256_update(s, le, 8);
}

/* SHA-256 over every fact of the descriptor (id, known, value). */
static void facts_digest(char out[65], const aigov_table *t, const ag_facts *f)
{
    ag_sha256 s;
    ag_sha256_init(&s);
    feed(&s, "libaigov-facts/1");
    for (uint32_t fi = 0; fi < t->n_facts; fi++) {
        const ag_value *v = &f->vals[fi];
        feed(&s, t->facts[fi].id);
        unsigned char known = v->known ? 1 : 0;
        ag_sha256_update(&s, &known, 1);
        if (!v->known)
            continue;
        switch (t->facts[fi].type) {
        case AG_T_NUMBER: {
            uint64_t bits;
            double num = v->v.num == 0 ? 0.0 : v->v.num; /* -0 and 0 alike */
            memcpy(&bits, &num, sizeof bits);
            feed_u64(&s, bits);
            break;
        }
        case AG_T_DATE: feed_u64(&s, (uint64_t)(int64_t)v->v.date); break;
        case AG_T_STRING: break;
        default: feed_u64(&s, v->v.mask); break;
        }
        feed_u64(&s, v->str_len);
        if (v->str_len)
            ag_sha256_update(&s, ag_facts_str(f, v), v->str_len);
    }
    ag_sha256_hex(&s, out);
}

/* The catalog resource's UUID: of the rule set alone, the same wherever a
 * document of several results writes it (head and back-matter). */
static void resource_uuid(octx *o, int quoted)
{
    char u[37];
    ag_oscal_resource_uuid(u, o->rep->t);
    ag_buf_printf(o->b, quoted ? "\"%s\"" : "%s", u);
}

/* Writes the quoted UUID of object `kind` `id` of this report. */
static void uuid(octx *o, const char *kind, const char *id)
{
    ag_sha256 s = o->ids; /* the fields every UUID of this result shares, hashed once */
    char h[65];
    feed(&s, kind);
    feed(&s, id);
    ag_sha256_hex(&s, h);
    h[12] = '5';                                   /* version 5 (name-based, SHA) */
    unsigned v = (unsigned)(h[16] <= '9' ? h[16] - '0' : h[16] - 'a' + 10);
    h[16] = "89ab"[v & 3];                         /* RFC 4122 variant */
    char u[39] = {'"'};
    size_t n = 1;
    for (int k = 0; k < 32; k++) {
        if (k == 8 || k == 12 || k == 16 || k == 20)
            u[n++] = '-';
        u[n++] = h[k];
    }
    u[n++] = '"';
    ag_buf_put(o->b, u, n);
}

/* ---- props ----------------------------------------------------------------------- */

static void sep(octx *o)
{
    if (!o->first)
        ag_buf_putc(o->b, ',');
    o->first = 0;
}

static void prop(octx *o, const char *name, const char *value)
{
    sep(o);
    ag_buf_puts(o->b, "{\"name\":\"");
    ag_buf_puts(o->b, name);
    ag_buf_puts(o->b, "\",\"ns\":\"" NS "\",\"value\":");
    line_str(o->b, value);
    ag_buf_putc(o->b, '}');
}

static const char *fact_string(const aigov_report *rep, const char *id)
{
    for (uint32_t k = 0; k < rep->t->n_facts; k++)
        if (rep->t->facts[k].type == AG_T_STRING && rep->f->vals[k].known &&
            strcmp(rep->t->facts[k].id, id) == 0)
            return ag_facts_str(rep->f, &rep->f->vals[k]);
    return NULL;
}

/* Plain text of a fact's value ("unknown" when not given). */
static void fact_text(ag_buf *b, const aigov_table *t, const ag_facts *f, int32_t fi)
{
    const ag_fact *fa = &t->facts[fi];
    const ag_value *v = &f->vals[fi];
    char tmp[40];
    if (!v->known) {
        ag_buf_puts(b, "unknown");
        return;
    }
    switch (fa->type) {
    case AG_T_BOOL: ag_buf_puts(b, v->v.mask ? "true" : "false"); return;
    case AG_T_NUMBER: ag_put_number_value(b, f, v); return;
    case AG_T_DATE: ag_date_format(tmp, v->v.date); ag_buf_puts(b, tmp); return;
    case AG_T_STRING: escs(b, ag_facts_str(f, v)); return;
    default: {
        int first = 1;
        if (fa->type == AG_T_SET)
            ag_buf_putc(b, '[');
        for (unsigned k = 0; k < fa->n_values; k++)
            if (v->v.mask & (1ull << k)) {
                if (!first)
                    ag_buf_puts(b, ", ");
                escs(b, fa->values[k]);
                first = 0;
            }
        if (fa->type == AG_T_SET)
            ag_buf_putc(b, ']');
    }
    }
}

static const char *evidence_state(const aigov_table *t, const ag_facts *f, const ag_evidence *ev)
{
    const ag_value *v = &f->vals[ev->fact];
    /* known evidence has exactly one state, as the bit 1 << state index */
    return v->known ? t->facts[ev->fact].values[__builtin_ctzll(v->v.mask)] : "unknown";
}

/* ---- the metadata ------------------------------------------------------------------ */

static void head(octx *o, const char *name)
{
    ag_buf *b = o->b;
    const aigov_table *t = o->rep->t;
    ag_buf_puts(b, "{\"assessment-results\":{\"uuid\":");
    uuid(o, "assessment-results", "");
    ag_buf_puts(b, ",\"metadata\":{\"title\":\"");
    ag_buf_puts(b, "AI governance assessment (EU AI Act, ISO/IEC 42001): ");
    name_body(b, name, "unnamed AI system");
    ag_buf_printf(b, "\",\"last-modified\":\"%s\",\"version\":", o->ts);
    line_str(b, t->revision);
    ag_buf_puts(b, ",\"oscal-version\":\"" OSCAL_VERSION "\",\"props\":[");
    o->first = 1;
    prop(o, "engine", "libaigov");
    prop(o, "engine-version", AIGOV_VERSION_STRING);
    prop(o, "rules-revision", t->revision);
    prop(o, "rules-hash", t->hash);
    prop(o, "as-of", o->day);
    ag_buf_puts(b, "],\"remarks\":\"Generated by libaigov " AIGOV_VERSION_STRING " with rules ");
    escs(b, t->revision);
    ag_buf_puts(b, " (");
    escs(b, t->hash);
    ag_buf_printf(b, ") from an AI system descriptor, as of %s. Not legal advice: a structured "
                     "reading of the cited provisions.\"},\"import-ap\":{\"href\":\"#", o->day);
    resource_uuid(o, 0);
    ag_buf_puts(b, "\",\"remarks\":\"No separate assessment plan: the plan is the libaigov rule set, "
                   "the OSCAL catalog in the back-matter resource this points to (aigov rules "
                   "--format=oscal); each rule is a control, its id the finding's target.\"},"
                   "\"results\":[");
}

/* ---- one result -------------------------------------------------------------------- */

static int applicable(const aigov_report *rep, int32_t ri)
{
    return ag_rule_shown(rep, ri) && rep->r->status[ri] != AIGOV_STATUS_NOT_APPLICABLE;
}

/* Marks in used[] (n_evidence bytes, zeroed) each evidence item an applicable rule of this
 * result reads: one walk of the reported rules, not one per evidence item. */
static void mark_evidence_used(const aigov_report *rep, uint8_t *used)
{
    const aigov_table *t = rep->t;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        if (!applicable(rep, ri))
            continue;
        const ag_rule *ru = &t->rules[ri];
        for (uint32_t x = 0; x < ru->ev_n; x++)
            used[t->rule_evidence[ru->ev_first + x]] = 1;
    }
}

static void observation(octx *o, int32_t e)
{
    ag_buf *b = o->b;
    const aigov_table *t = o->rep->t;
    const ag_facts *f = o->rep->f;
    const ag_evidence *ev = &t->evidence[e];
    const ag_value *v = &f->vals[ev->fact];
    const char *state = evidence_state(t, f, ev);
    ag_buf_puts(b, "{\"uuid\":");
    uuid(o, "observation", ev->id);
    ag_buf_puts(b, ",\"title\":\"");
    escs(b, ev->title);
    ag_buf_puts(b, "\",\"description\":\"");
    escs(b, ev->description);
    ag_buf_puts(b, v->known ? " State recorded in the descriptor: " : " State: not recorded in the descriptor");
    if (v->known)
        escs(b, state);
    ag_buf_puts(b, ".\",\"props\":[");
    o->first = 1;
    prop(o, "evidence-item", ev->id);
    prop(o, "evidence-state", state);
    for (uint32_t k = 0; k < ev->n_iso; k++)
        prop(o, "iso-42001-reference", ev->iso[k]);
    ag_buf_puts(b, v->known ? "],\"methods\":[\"EXAMINE\"]" : "],\"methods\":[\"UNKNOWN\"]");
    ag_buf_puts(b, ",\"types\":[\"control-objective\"]");
    if (v->known && v->str_len) {
        const char *ref = ag_facts_str(f, v);
        ag_buf_puts(b, ",\"relevant-evidence\":[{");
        if (safe_href(ref)) {
            ag_buf_puts(b, "\"href\":");
            uri_ref(b, ref);
            ag_buf_putc(b, ',');
        }
        ag_buf_puts(b, "\"description\":\"Evidence reference recorded in the descriptor: ");
        escs(b, ref);
        ag_buf_puts(b, "\"}]");
    }
    ag_buf_printf(b, ",\"collected\":\"%s\"}", o->ts);
}

/* A deciding part of a rule's condition, as text inside the remarks string. */
static void leaf_text(void *ud, int32_t ei)
{
    octx *o = ud;
    ag_buf *b = o->b;
    const aigov_table *t = o->rep->t;
    const ag_expr *e = &t->exprs[ei];
    char test[256];
    if (!o->first)
        ag_buf_puts(b, "; ");
    o->first = 0;
    if (e->op == AG_OP_RULE) {
        ag_buf_puts(b, "rule ");
        escs(b, t->rules[e->a].id);
    } else if (e->op == AG_OP_TRUE || e->op == AG_OP_FALSE) {
        ag_describe_test(test, sizeof test, t, e);
        ag_buf_puts(b, test);
    } else if (e->op == AG_OP_AS_OF) {
        ag_describe_test(test, sizeof test, t, e);
        ag_buf_puts(b, "as-of date ");
        escs(b, test);
    } else {
        ag_describe_test(test, sizeof test, t, e);
        escs(b, t->facts[e->a].id);
        ag_buf_puts(b, " = ");
        fact_text(b, t, o->rep->f, e->a);
        ag_buf_puts(b, " (");
        escs(b, test);
        ag_buf_putc(b, ')');
    }
    ag_buf_puts(b, " -> ");
    ag_buf_puts(b, ag_kleene_name(ag_expr_value(o->rep->r, o->rep->t, ei)));
}

static void finding(octx *o, int32_t ri)
{
    static const char *const kinds[] = {"definition", "obligation", "prohibition", "finding"};
    static const char *const cov_names[] = {"supported", "partly_supported", "not_supported"};
    ag_buf *b = o->b;
    const aigov_report *rep = o->rep;
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    const ag_rule *ru = &t->rules[ri];
    uint8_t st = r->status[ri];
    char d[11], num[40];
    ag_date_format(d, r->rule_date[ri]);
    int in_force = ag_in_force(r, ri);

    ag_buf_puts(b, "{\"uuid\":");
    uuid(o, "finding", ru->id);
    ag_buf_puts(b, ",\"title\":\"");
    escs(b, ru->citation);
    ag_buf_puts(b, ": ");
    escs(b, ru->title);
    ag_buf_puts(b, "\",\"description\":\"");
    escs(b, *ru->description ? ru->description : ru->title); /* absent: "" */
    ag_buf_puts(b, st == AIGOV_STATUS_MET ? "\\n\\nStatus: met. The rule applies and the evidence recorded for it is in place."
                   : st == AIGOV_STATUS_GAP ? "\\n\\nStatus: gap. The rule applies and the evidence recorded does not satisfy it."
                                            : "\\n\\nStatus: unknown. The descriptor does not give the facts or evidence needed to decide; "
                                              "see the questions of the libaigov report.");
    ag_buf_printf(b, " Applies from %s (%s).\",\"props\":[", d,
                  in_force ? "in force at the as-of date" : "not yet in force at the as-of date");
    o->first = 1;
    prop(o, "rule-id", ru->id);
    prop(o, "framework", t->framework_ids[ru->framework]);
    prop(o, "kind", kinds[ru->kind]);
    prop(o, "citation", ru->citation);
    prop(o, "status", ag_status_name(st));
    prop(o, "applies-from", d);
    prop(o, "in-force", in_force ? "true" : "false");
    for (int k = 0; k < AG_N_ROLES; k++)
        if (ru->holders & (1u << k))
            prop(o, "holder", ag_role_names[k]);
    const ag_cap *cap = ag_report_cap(rep, ri);
    if (cap->tier) {
        prop(o, "penalty-tier", cap->tier->id);
        prop(o, "penalty-citation", cap->tier->citation);
        if (cap->cap_known) {
            ag_num_format(num, cap->cap_eur);
            prop(o, "penalty-cap-eur", num);
        }
        prop(o, "penalty-basis", cap->basis);
    }
    int32_t met;
    int cov = ag_crosswalk_coverage(t, r, ri, &met);
    if (cov != AG_COV_NONE) {
        prop(o, "crosswalk-coverage", cov_names[cov]);
        for (int32_t k = 0; k < ru->xw_n; k++) {
            int32_t x = t->crosswalk[ru->xw_first + k];
            if (r->status[x] == AIGOV_STATUS_NOT_APPLICABLE)
                continue; /* no AIMS, or the control excluded: neither support nor need */
            prop(o, r->status[x] == AIGOV_STATUS_MET ? "crosswalk-iso-met" : "crosswalk-iso-still-needed",
                 t->rules[x].id);
        }
    }
    ag_buf_puts(b, "],\"target\":{\"type\":\"objective-id\",\"target-id\":");
    token_str(b, ru->id);
    ag_buf_puts(b, ",\"title\":\"");
    escs(b, ru->citation);
    ag_buf_puts(b, "\",\"status\":{\"state\":");
    ag_buf_puts(b, st == AIGOV_STATUS_MET ? "\"satisfied\",\"reason\":\"pass\""
                   : st == AIGOV_STATUS_GAP ? "\"not-satisfied\",\"reason\":\"fail\""
                                            : "\"not-satisfied\",\"reason\":\"other\",\"remarks\":\"Undecided: "
                                              "not shown to be satisfied (libaigov status unknown).\"");
    ag_buf_puts(b, "}}");
    if (ru->ev_n) {
        ag_buf_puts(b, ",\"related-observations\":[");
        for (uint32_t k = 0; k < ru->ev_n; k++) {
            const ag_evidence *ev = &t->evidence[t->rule_evidence[ru->ev_first + k]];
            ag_buf_puts(b, k ? ",{\"observation-uuid\":" : "{\"observation-uuid\":");
            uuid(o, "observation", ev->id);
            ag_buf_putc(b, '}');
        }
        ag_buf_putc(b, ']');
    }
    ag_buf_puts(b, ",\"remarks\":\"Deciding conditions: ");
    o->first = 1;
    ag_reasons(t, r, ru->when, leaf_text, o, MAX_REASONS);
    if (o->first)
        ag_buf_puts(b, "none");
    ag_buf_putc(b, '.');
    if (cov != AG_COV_NONE && *ru->beyond) { /* absent: "" */
        ag_buf_puts(b, "\\n\\nBeyond ISO/IEC 42001: ");
        escs(b, ru->beyond);
    }
    if (*ru->note) {
        ag_buf_puts(b, "\\n\\nNote: ");
        escs(b, ru->note);
    }
    ag_buf_puts(b, "\"}");
}

static void result(octx *o, const char *name)
{
    ag_buf *b = o->b;
    const aigov_report *rep = o->rep;
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    int org = rep->part == AG_PART_ORGANISATION;
    const ag_counts c = rep->tally.all;
    size_t in_force_gaps = rep->tally.in_force_gaps;

    ag_buf_puts(b, "{\"uuid\":");
    uuid(o, "result", "");
    if (org) {
        ag_buf_puts(b, ",\"title\":\"The organisation's AI management system (ISO/IEC 42001): ");
        name_body(b, name, "unnamed organisation");
        ag_buf_puts(b, "\",\"description\":\"The organisation's own rules, the same for every system");
    } else {
        ag_buf_puts(b, ",\"title\":\"EU AI Act and ISO/IEC 42001 assessment: ");
        name_body(b, name, "unnamed AI system");
        ag_buf_printf(b, "\",\"description\":\"Classification: tier %s, GPAI %s, roles ", ag_tier_name(r->tier),
                      ag_gpai_name(r->gpai));
        int first = 1;
        for (int k = 0; k < AG_N_ROLES; k++)
            if (r->roles & (1u << k)) {
                ag_buf_printf(b, "%s%s", first ? "" : ", ", ag_role_names[k]);
                first = 0;
            }
        if (first)
            ag_buf_puts(b, "none established");
    }
    ag_buf_printf(b, ". %zu rules assessed: %zu met, %zu gaps (%zu in force), %zu unknown, %zu not applicable. "
                     "Not legal advice.\",\"start\":\"%s\",\"end\":\"%s\",\"props\":[",
                  c.total, c.met, c.gap, in_force_gaps, c.unknown, c.not_applicable, o->ts, o->ts);
    o->first = 1;
    prop(o, "scope", org ? "organisation" : "system");
    if (!org) {
        prop(o, "tier", ag_tier_name(r->tier));
        prop(o, "gpai", ag_gpai_name(r->gpai));
        for (int k = 0; k < AG_N_ROLES; k++)
            if (r->roles & (1u << k))
                prop(o, "role", ag_role_names[k]);
    }
    ag_buf_puts(b, "],\"reviewed-controls\":{\"control-selections\":[{\"include-all\":{},\"remarks\":\"Every rule "
                   "of the libaigov rule set was evaluated; the findings are those that apply or may apply.\"}]}");

    int any = 0;
    uint8_t *used = t->n_evidence ? ag_calloc(rep->mem, t->n_evidence, 1) : NULL;
    if (t->n_evidence && !used) {
        b->oom = 1; /* the rendering fails with AIGOV_ENOMEM rather than leave observations out */
        return;
    }
    if (used)
        mark_evidence_used(rep, used);
    for (uint32_t e = 0; e < t->n_evidence; e++) {
        if (!used[e])
            continue;
        ag_buf_puts(b, any ? "," : ",\"observations\":[");
        any = 1;
        observation(o, (int32_t)e);
    }
    ag_mfree(rep->mem, used);
    if (any)
        ag_buf_putc(b, ']');

    any = 0;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        if (!applicable(rep, ri))
            continue;
        ag_buf_puts(b, any ? "," : ",\"findings\":[");
        any = 1;
        finding(o, ri);
    }
    if (any)
        ag_buf_putc(b, ']');

    uint32_t nq = org ? 0 : r->n_questions;
    if (nq) {
        ag_buf_puts(b, ",\"remarks\":\"Open questions (facts the descriptor does not give):");
        for (uint32_t q = 0; q < nq; q++) {
            int32_t fi = r->questions[q];
            ag_buf_printf(b, "\\n%u. ", q + 1);
            escs(b, t->facts[fi].id);
            ag_buf_puts(b, ": ");
            escs(b, t->facts[fi].ask);
        }
        ag_buf_putc(b, '"');
    }
    ag_buf_putc(b, '}');
}

/* The catalog the import-ap points to: a back-matter resource naming it by
 * its UUID and linking the file `aigov rules --format=oscal` writes. */
static void back_matter(octx *o)
{
    ag_buf *b = o->b;
    char cat[37];
    ag_oscal_catalog_uuid(cat, o->rep->t);
    ag_buf_puts(b, ",\"back-matter\":{\"resources\":[{\"uuid\":");
    resource_uuid(o, 1);
    ag_buf_puts(b, ",\"title\":\"libaigov rule set ");
    escs(b, o->rep->t->revision);
    ag_buf_puts(b, " (OSCAL catalog)\",\"description\":\"The catalog of the rules assessed: write it with "
                   "`aigov rules --format=oscal > " AG_OSCAL_CATALOG_FILE "`. Each finding's target-id is "
                   "the id of its control.\",\"props\":[");
    o->first = 1;
    prop(o, "catalog-uuid", cat);
    prop(o, "rules-hash", o->rep->t->hash);
    ag_buf_puts(b, "],\"rlinks\":[{\"href\":\"" AG_OSCAL_CATALOG_FILE "\",\"media-type\":"
                   "\"application/oscal.catalog+json\"}]}]}");
}

/* ---- entry points -------------------------------------------------------------------- */

static void init(octx *o, ag_buf *b, const aigov_report *rep, const char *scope)
{
    memset(o, 0, sizeof *o);
    o->b = b;
    o->rep = rep;
    ag_date_format(o->day, rep->r->as_of);
    memcpy(o->ts, o->day, 10);
    memcpy(o->ts + 10, "T00:00:00Z", 11);
    facts_digest(o->facts, rep->t, rep->f);
    snprintf(o->scope, sizeof o->scope, "%s", scope);
    /* every UUID hashes these first (uuid): a result has hundreds of UUIDs, and the
     * prefix is most of what each one hashes */
    ag_sha256_init(&o->ids);
    feed(&o->ids, "libaigov-oscal/1");
    feed(&o->ids, rep->t->hash);
    feed(&o->ids, o->day);
    feed(&o->ids, o->facts);
    feed(&o->ids, o->scope);
}

void ag_render_oscal(ag_buf *b, const aigov_report *rep)
{
    octx o;
    init(&o, b, rep, "report");
    /* a report rendered on its own is of every rule (AG_PART_ALL): the organisation's
     * result of several systems is ag_render_oscal_organisation */
    const char *name = ag_system_name(rep);
    head(&o, name);
    result(&o, name);
    ag_buf_putc(b, ']');
    back_matter(&o);
    ag_buf_puts(b, "}}");
}

void ag_render_oscal_portfolio_head(ag_buf *b, const aigov_report *rep)
{
    octx o;
    init(&o, b, rep, "portfolio");
    head(&o, fact_string(rep, "organisation.name"));
}

void ag_render_oscal_system(ag_buf *b, const aigov_report *rep, uint32_t index, const char *name)
{
    octx o;
    char scope[32];
    snprintf(scope, sizeof scope, "system-%u", index);
    init(&o, b, rep, scope);
    if (index)
        ag_buf_putc(b, ',');
    result(&o, name);
}

void ag_render_oscal_organisation(ag_buf *b, const aigov_report *rep)
{
    octx o;
    init(&o, b, rep, "organisation");
    ag_buf_putc(b, ',');
    result(&o, fact_string(rep, "organisation.name"));
    ag_buf_putc(b, ']');
    back_matter(&o);
    ag_buf_puts(b, "}}");
}
