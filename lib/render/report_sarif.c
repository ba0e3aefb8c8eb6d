/* SARIF 2.1.0 (OASIS), the format of code-scanning tools such as GitHub's:
 * one run of the tool "libaigov" whose rules are the table's reported rules
 * and whose results are the gaps (kind "fail": level "error" when the rule
 * is in force, "warning" before) and the unknowns (kind "review") of the
 * listed rules, each located at the descriptor file (the eval option
 * source_name) and, for a descriptor of several systems, at the system. */
#include <string.h>
#include "render/markup.h"
#include "render/render.h"
#include "util/date.h"

static void str(ag_buf *b, const char *s) { ag_buf_json_str(b, s ? s : ""); }

void ag_render_sarif_head(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    ag_buf_puts(b, "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
                   "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"libaigov\",\"version\":\"" AIGOV_VERSION_STRING
                   "\",\"semanticVersion\":\"" AIGOV_VERSION_STRING "\",\"informationUri\":"
                   "\"https://eur-lex.europa.eu/eli/reg/2024/1689/oj\",\"rules\":[");
    for (uint32_t k = 0; k < t->n_reported; k++) {
        const ag_rule *ru = &t->rules[t->reported[k]];
        ag_buf_puts(b, k ? ",{\"id\":" : "{\"id\":");
        str(b, ru->id);
        ag_buf_puts(b, ",\"shortDescription\":{\"text\":");
        str(b, ru->title);
        ag_buf_puts(b, "},\"fullDescription\":{\"text\":\"");
        ag_buf_json_chars(b, ru->citation, strlen(ru->citation));
        ag_buf_puts(b, ": ");
        ag_buf_json_chars(b, ru->title, strlen(ru->title));
        ag_buf_puts(b, "\"},\"help\":{\"text\":\"aigov explain ");
        ag_buf_json_chars(b, ru->id, strlen(ru->id));
        ag_buf_puts(b, "\"},\"properties\":{\"citation\":");
        str(b, ru->citation);
        ag_buf_puts(b, ",\"framework\":");
        str(b, t->framework_ids[ru->framework]);
        ag_buf_puts(b, "}}");
    }
    ag_buf_printf(b, "]}},\"properties\":{\"rules_revision\":");
    str(b, t->revision);
    ag_buf_puts(b, ",\"as_of\":\"");
    char d[11];
    ag_date_format(d, rep->r->as_of);
    ag_buf_puts(b, d);
    ag_buf_puts(b, "\"},\"results\":[");
}

/* Index of rule ri in the driver's rules (the table's reported order). */
static uint32_t rule_index(const aigov_table *t, int32_t ri)
{
    for (uint32_t k = 0; k < t->n_reported; k++)
        if (t->reported[k] == ri)
            return k;
    return 0;
}

void ag_render_sarif_part(ag_buf *b, const aigov_report *rep, uint32_t index, uint32_t count, const char *name)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    char label_buf[32], d[11];
    const char *label = ag_part_label(label_buf, sizeof label_buf, index, count, name);
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        int32_t ri = rep->shown[k];
        int st = r->status[ri];
        if (st != AIGOV_STATUS_GAP && st != AIGOV_STATUS_UNKNOWN)
            continue;
        const ag_rule *ru = &t->rules[ri];
        int in_force = ag_in_force(r, ri);
        ag_date_format(d, r->rule_date[ri]);
        if (b->len && b->data && b->data[b->len - 1] != '[')
            ag_buf_putc(b, ',');
        ag_buf_puts(b, "{\"ruleId\":");
        str(b, ru->id);
        ag_buf_printf(b, ",\"ruleIndex\":%u,", rule_index(t, ri));
        if (st == AIGOV_STATUS_GAP)
            ag_buf_printf(b, "\"kind\":\"fail\",\"level\":\"%s\"", in_force ? "error" : "warning");
        else
            ag_buf_puts(b, "\"kind\":\"review\",\"level\":\"none\"");
        ag_buf_puts(b, ",\"message\":{\"text\":\"");
        ag_buf_json_chars(b, ru->citation, strlen(ru->citation));
        ag_buf_puts(b, ": ");
        ag_buf_json_chars(b, ru->title, strlen(ru->title));
        if (st == AIGOV_STATUS_GAP)
            ag_buf_printf(b, ". Gap: the evidence does not show it met (%s %s).", in_force ? "in force since" : "applies from", d);
        else
            ag_buf_printf(b, ". Unknown: the descriptor does not say enough to decide (%s %s).",
                          in_force ? "in force since" : "applies from", d);
        if (count) {
            ag_buf_puts(b, " [");
            ag_buf_json_chars(b, label, strlen(label));
            ag_buf_putc(b, ']');
        }
        ag_buf_puts(b, "\"},\"locations\":[{\"physicalLocation\":{\"artifactLocation\":{\"uri\":\"");
        ag_buf_uri(b, rep->source && *rep->source ? rep->source : "descriptor");
        ag_buf_puts(b, "\"},\"region\":{\"startLine\":1}},\"logicalLocations\":[{\"name\":");
        str(b, label);
        ag_buf_printf(b, ",\"kind\":\"module\"}]}],\"partialFingerprints\":{\"aigovRule/v1\":\"");
        ag_buf_json_chars(b, ru->id, strlen(ru->id));
        ag_buf_printf(b, "/%u\"},\"properties\":{\"citation\":", count ? index : 0);
        str(b, ru->citation);
        ag_buf_printf(b, ",\"status\":\"%s\",\"in_force\":%s,\"applies_from\":\"%s\",\"tier\":\"%s\"}}",
                      ag_status_name(st), in_force ? "true" : "false", d,
                      count && index == count ? "n/a" : ag_tier_name(r->tier));
    }
}

void ag_render_sarif_tail(ag_buf *b, const aigov_report *rep)
{
    (void)rep;
    ag_buf_puts(b, "],\"columnKind\":\"utf16CodeUnits\"}]}");
}
