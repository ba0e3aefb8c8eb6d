/* The rule set as an OSCAL 1.1.2 catalog: a group per framework, a control
 * per reported rule (obligation, prohibition, finding) whose id is the rule id
 * as a token, the id every assessment-results finding targets. Its title
 * is the rule's, its label the citation; its statement the rule's
 * description, and its assessment objective what libaigov checks. Everything
 * comes from the table, so the same rules give the same bytes. */
#include <string.h>
#include "render/oscal_common.h"
#include "util/date.h"
#include "util/sha256.h"

static void uuid5(char out[37], const aigov_table *t, const char *kind)
{
    ag_sha256 s;
    char h[65];
    ag_sha256_init(&s);
    ag_sha256_update(&s, kind, strlen(kind) + 1);
    ag_sha256_update(&s, t->hash, strlen(t->hash) + 1);
    ag_sha256_hex(&s, h);
    h[12] = '5'; /* version 5 (name-based, SHA) */
    unsigned v = (unsigned)(h[16] <= '9' ? h[16] - '0' : h[16] - 'a' + 10);
    h[16] = "89ab"[v & 3]; /* RFC 4122 variant */
    size_t n = 0;
    for (int k = 0; k < 32; k++) {
        if (k == 8 || k == 12 || k == 16 || k == 20)
            out[n++] = '-';
        out[n++] = h[k];
    }
    out[n] = '\0';
}

void ag_oscal_catalog_uuid(char out[37], const aigov_table *t) { uuid5(out, t, "libaigov-oscal-catalog/1"); }

void ag_oscal_resource_uuid(char out[37], const aigov_table *t)
{
    uuid5(out, t, "libaigov-oscal-catalog-resource/1");
}

static void prop(ag_buf *b, int first, const char *name, const char *ns, const char *value)
{
    ag_buf_printf(b, "%s{\"name\":\"%s\"", first ? "" : ",", name);
    if (ns)
        ag_buf_puts(b, ",\"ns\":\"" AG_OSCAL_NS "\"");
    ag_buf_puts(b, ",\"value\":");
    ag_oscal_line_str(b, value);
    ag_buf_putc(b, '}');
}

/* "YYYY.MM.N" revisions date the catalog: the first of that month. */
static void last_modified(char out[21], const char *revision)
{
    int ok = strlen(revision) >= 7 && revision[4] == '.';
    for (int k = 0; ok && k < 4; k++)
        ok = revision[k] >= '0' && revision[k] <= '9';
    char d[11] = "1970-01-01";
    if (ok) {
        memcpy(d, revision, 4);
        int m = (revision[6] >= '0' && revision[6] <= '9') ? (revision[5] - '0') * 10 + (revision[6] - '0')
                                                          : revision[5] - '0';
        if (m >= 1 && m <= 12) {
            d[5] = (char)('0' + m / 10);
            d[6] = (char)('0' + m % 10);
        } else {
            memcpy(d, "1970", 4);
        }
    }
    memcpy(out, d, 10);
    memcpy(out + 10, "T00:00:00Z", 11);
}

static const char *const kind_names[] = {"definition", "obligation", "prohibition", "finding"};

static void control(ag_buf *b, const aigov_table *t, const ag_rule *ru, int first)
{
    ag_buf_puts(b, first ? "{\"id\":" : ",{\"id\":");
    ag_oscal_token_str(b, ru->id);
    ag_buf_printf(b, ",\"class\":\"%s\",\"title\":", kind_names[ru->kind]);
    ag_oscal_line_str(b, ru->title);
    ag_buf_puts(b, ",\"props\":[");
    prop(b, 1, "label", NULL, ru->citation);
    prop(b, 0, "rule-id", AG_OSCAL_NS, ru->id);
    if (ru->earliest != AG_DATE_NONE) {
        char d[11];
        ag_date_format(d, ru->earliest);
        prop(b, 0, "applies-from", AG_OSCAL_NS, d); /* the earliest; a system's own date may be later */
    }
    ag_buf_puts(b, "],\"parts\":[{\"name\":\"statement\",\"prose\":\"");
    const char *text = ru->description && *ru->description ? ru->description : ru->title;
    ag_buf_json_chars(b, ru->citation, strlen(ru->citation));
    ag_buf_puts(b, ": ");
    ag_buf_json_chars(b, text, strlen(text));
    ag_buf_puts(b, "\"},{\"name\":\"assessment-objective\",\"prose\":\"");
    ag_buf_puts(b, ru->kind == AG_K_PROHIBITION
                       ? "The AI system is not this prohibited practice, as libaigov reads the descriptor."
                       : "Met when the descriptor's evidence shows it, as libaigov reads it: `aigov explain ");
    if (ru->kind != AG_K_PROHIBITION) {
        ag_buf_json_chars(b, ru->id, strlen(ru->id));
        ag_buf_puts(b, "` writes out the condition and the evidence it needs.");
    }
    ag_buf_puts(b, "\"}]}");
    (void)t;
}

void ag_render_oscal_catalog(ag_buf *b, const aigov_table *t)
{
    char uuid[37], ts[21];
    ag_oscal_catalog_uuid(uuid, t);
    last_modified(ts, t->revision);
    ag_buf_printf(b, "{\"catalog\":{\"uuid\":\"%s\",\"metadata\":{\"title\":\"libaigov rule set ", uuid);
    ag_buf_json_chars(b, t->revision, strlen(t->revision));
    ag_buf_printf(b, ": EU AI Act and ISO/IEC 42001\",\"last-modified\":\"%s\",\"version\":", ts);
    ag_oscal_line_str(b, t->revision);
    ag_buf_puts(b, ",\"oscal-version\":\"1.1.2\",\"props\":[");
    prop(b, 1, "rules-hash", AG_OSCAL_NS, t->hash);
    prop(b, 0, "engine", AG_OSCAL_NS, "libaigov");
    ag_buf_puts(b, "],\"remarks\":\"The rules libaigov evaluates, one control per rule; the findings of its "
                   "assessment results (aigov eval --format=oscal) target these control ids. Not legal "
                   "advice: a structured reading of the cited provisions.\"},\"groups\":[");
    for (uint32_t fw = 0; fw < t->n_frameworks; fw++) {
        ag_buf_puts(b, fw ? ",{\"id\":" : "{\"id\":");
        ag_oscal_token_str(b, t->framework_ids[fw]);
        ag_buf_puts(b, ",\"title\":");
        ag_oscal_line_str(b, t->framework_names[fw]);
        ag_buf_puts(b, ",\"controls\":[");
        int first = 1;
        for (uint32_t k = 0; k < t->n_reported; k++) {
            const ag_rule *ru = &t->rules[t->reported[k]];
            if (ru->framework != fw)
                continue;
            control(b, t, ru, first);
            first = 0;
        }
        ag_buf_puts(b, "]}");
    }
    ag_buf_puts(b, "]}}");
}
