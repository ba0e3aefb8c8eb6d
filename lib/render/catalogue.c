/* The rule catalogue, one rule explained, and the descriptor schema: all
 * read from the table alone. */
#include <stdio.h>
#include <string.h>
#include "render/catalogue.h"
#include "render/pretty.h"
#include "render/oscal_common.h"
#include "render/render.h"
#include "util/date.h"
#include "util/error.h"

static const ag_mem *table_mem(const aigov_table *t, ag_mem *tmp)
{
    if (!t->is_static)
        return &t->mem;
    ag_mem_init(tmp, NULL);
    return tmp;
}

static const char *const kind_names[] = {"definition", "obligation", "prohibition", "finding"};

static void holders_json(ag_buf *b, uint32_t mask)
{
    ag_buf_putc(b, '[');
    int first = 1;
    for (int k = 0; k < AG_N_ROLES; k++)
        if (mask & (1u << k)) {
            if (!first)
                ag_buf_putc(b, ',');
            ag_buf_json_str(b, ag_role_names[k]);
            first = 0;
        }
    ag_buf_putc(b, ']');
}

static void catalogue_json(ag_buf *b, const aigov_table *t)
{
    ag_buf_puts(b, "{\"rules_revision\":");
    ag_buf_json_str(b, t->revision);
    ag_buf_puts(b, ",\"rules_hash\":");
    ag_buf_json_str(b, t->hash);
    ag_buf_puts(b, ",\"rules\":[");
    for (uint32_t i = 0; i < t->n_rules; i++) {
        const ag_rule *r = &t->rules[i];
        char d[11] = "";
        if (r->earliest != AG_DATE_NONE)
            ag_date_format(d, r->earliest);
        if (i)
            ag_buf_putc(b, ',');
        ag_buf_puts(b, "{\"id\":");
        ag_buf_json_str(b, r->id);
        ag_buf_puts(b, ",\"framework\":");
        ag_buf_json_str(b, t->framework_ids[r->framework]);
        ag_buf_puts(b, ",\"kind\":");
        ag_buf_json_str(b, kind_names[r->kind]);
        ag_buf_puts(b, ",\"citation\":");
        ag_buf_json_str(b, r->citation);
        ag_buf_puts(b, ",\"title\":");
        ag_buf_json_str(b, r->title);
        ag_buf_puts(b, ",\"applies_from\":");
        if (d[0])
            ag_buf_json_str(b, d);
        else
            ag_buf_puts(b, "null");
        ag_buf_puts(b, ",\"holder\":");
        holders_json(b, r->holders);
        ag_buf_puts(b, ",\"classifies\":");
        if (r->classifies >= 0)
            ag_buf_json_str(b, ag_class_names[r->classifies]);
        else
            ag_buf_puts(b, "null");
        ag_buf_puts(b, ",\"evidence\":[");
        for (uint32_t k = 0; k < r->ev_n; k++) {
            if (k)
                ag_buf_putc(b, ',');
            ag_buf_json_str(b, t->evidence[t->rule_evidence[r->ev_first + k]].id);
        }
        /* what the compact report leaves to the catalogue: the penalty tier, the crosswalk
         * and the Annex A control number */
        ag_buf_puts(b, "],\"penalty\":");
        if (r->penalty >= 0)
            ag_buf_json_str(b, t->penalties[r->penalty].id);
        else
            ag_buf_puts(b, "null");
        ag_buf_puts(b, ",\"crosswalk\":");
        if (r->xw_n >= 0) {
            ag_buf_putc(b, '{');
            ag_json_crosswalk_members(b, t, r);
            ag_buf_puts(b, ",\"beyond\":");
            if (r->beyond)
                ag_buf_json_str(b, r->beyond);
            else
                ag_buf_puts(b, "null");
            ag_buf_putc(b, '}');
        } else {
            ag_buf_puts(b, "null");
        }
        ag_buf_puts(b, ",\"control\":");
        if (r->soa_control)
            ag_buf_json_str(b, r->soa_control);
        else
            ag_buf_puts(b, "null");
        ag_buf_putc(b, '}');
    }
    /* the titles of the evidence items and the citations of the penalty tiers, which the
     * compact report names by id */
    ag_buf_puts(b, "],\"evidence\":[");
    for (uint32_t e = 0; e < t->n_evidence; e++) {
        ag_buf_puts(b, e ? ",{\"id\":" : "{\"id\":");
        ag_buf_json_str(b, t->evidence[e].id);
        ag_buf_puts(b, ",\"title\":");
        ag_buf_json_str(b, t->evidence[e].title);
        ag_buf_putc(b, '}');
    }
    ag_buf_puts(b, "],\"penalties\":[");
    for (uint32_t p = 0; p < t->n_penalties; p++) {
        ag_buf_puts(b, p ? ",{\"id\":" : "{\"id\":");
        ag_buf_json_str(b, t->penalties[p].id);
        ag_buf_puts(b, ",\"citation\":");
        ag_buf_json_str(b, t->penalties[p].citation);
        ag_buf_putc(b, '}');
    }
    /* each fact's question, which the compact report's questions name by fact id */
    ag_buf_puts(b, "],\"facts\":[");
    for (uint32_t f = 0; f < t->n_facts; f++) {
        ag_buf_puts(b, f ? ",{\"id\":" : "{\"id\":");
        ag_buf_json_str(b, t->facts[f].id);
        ag_buf_puts(b, ",\"ask\":");
        if (t->facts[f].ask && *t->facts[f].ask)
            ag_buf_json_str(b, t->facts[f].ask);
        else
            ag_buf_puts(b, "null");
        ag_buf_putc(b, '}');
    }
    ag_buf_puts(b, "]}");
}

int ag_table_render_rules(char **out, size_t *out_len, const aigov_table *t, int format, aigov_error *err)
{
    ag_mem tmp;
    ag_buf b;
    ag_buf_init(&b, table_mem(t, &tmp));
    if (format == AIGOV_FORMAT_JSON) {
        catalogue_json(&b, t);
    } else if (format == AIGOV_FORMAT_TEXT || format == AIGOV_FORMAT_MARKDOWN) {
        int md = format == AIGOV_FORMAT_MARKDOWN;
        ag_buf_printf(&b, md ? "| Id | Kind | Citation | Applies from | Title |\n|---|---|---|---|---|\n"
                             : "%-44s %-11s %-26s %-11s %s\n",
                      "ID", "KIND", "CITATION", "FROM", "TITLE");
        for (uint32_t i = 0; i < t->n_rules; i++) {
            const ag_rule *r = &t->rules[i];
            char d[11] = "-";
            if (r->earliest != AG_DATE_NONE)
                ag_date_format(d, r->earliest);
            ag_buf_printf(&b, md ? "| `%s` | %s | %s | %s | %s |\n" : "%-44s %-11s %-26s %-11s %s\n",
                          r->id, kind_names[r->kind], r->citation, d, r->title);
        }
    } else { /* AIGOV_FORMAT_OSCAL: api/catalogue.c took no other */
        ag_render_oscal_catalog(&b, t);
    }
    if (ag_buf_finish(&b, out, out_len))
        return ag_err(err, AIGOV_ENOMEM, "out of memory rendering the catalogue");
    return 0;
}

/* ---- explain ---------------------------------------------------------------- */

void ag_render_condition(ag_buf *b, const aigov_table *t, int32_t ei, int depth)
{
    const ag_expr *e = &t->exprs[ei];
    for (int k = 0; k < depth; k++)
        ag_buf_puts(b, "  ");
    char test[256];
    switch (e->op) {
    case AG_OP_ALL:
    case AG_OP_ANY:
        ag_buf_puts(b, e->op == AG_OP_ALL ? "all of:\n" : "any of:\n");
        for (int32_t k = 0; k < e->b; k++)
            ag_render_condition(b, t, t->kids[e->a + k], depth + 1);
        return;
    case AG_OP_NOT:
        ag_buf_puts(b, "not:\n");
        ag_render_condition(b, t, e->a, depth + 1);
        return;
    case AG_OP_RULE:
        ag_buf_printf(b, "rule %s (%s: %s)\n", t->rules[e->a].id, t->rules[e->a].citation,
                      t->rules[e->a].title);
        return;
    case AG_OP_AS_OF:
        ag_describe_test(test, sizeof test, t, e);
        ag_buf_printf(b, "evaluation date %s\n", test);
        return;
    case AG_OP_TRUE:
    case AG_OP_FALSE:
        ag_describe_test(test, sizeof test, t, e);
        ag_buf_printf(b, "%s\n", test);
        return;
    default:
        ag_describe_test(test, sizeof test, t, e);
        ag_buf_printf(b, "%s %s\n", t->facts[e->a].id, test);
    }
}

/* The facts a rule reads, each once, in the order its conditions name them. */
typedef struct facts_seen {
    ag_buf *b;
    const aigov_table *t;
    int32_t seen[64]; /* past the rule's own range (named date cases): few facts */
    uint32_t n;
    int first;
} facts_seen;

static int read_in_range(const aigov_table *t, const ag_rule *r, uint32_t end, int32_t fact)
{
    for (uint32_t p = r->expr_first; p < end; p++) {
        const ag_expr *y = &t->exprs[p];
        if (y->op >= AG_OP_IS && y->op <= AG_OP_UNKNOWN && y->a == fact)
            return 1;
    }
    return 0;
}

static void fact_line(facts_seen *s, int32_t fact)
{
    ag_buf_printf(s->b, "    %s: %s\n", s->t->facts[fact].id, s->t->facts[fact].ask);
    s->first = 0;
}

/* A named date case's condition (outside the rule's range), part by part. */
static void facts_of_cond(facts_seen *s, const ag_rule *r, int32_t ei)
{
    const ag_expr *x = &s->t->exprs[ei];
    if (x->op == AG_OP_ALL || x->op == AG_OP_ANY) {
        for (int32_t k = 0; k < x->b; k++)
            facts_of_cond(s, r, s->t->kids[x->a + k]);
        return;
    }
    if (x->op == AG_OP_NOT) {
        facts_of_cond(s, r, x->a);
        return;
    }
    if (x->op < AG_OP_IS || x->op > AG_OP_UNKNOWN || read_in_range(s->t, r, r->expr_first + r->expr_n, x->a))
        return;
    for (uint32_t k = 0; k < s->n; k++)
        if (s->seen[k] == x->a)
            return;
    if (s->n < sizeof s->seen / sizeof *s->seen)
        s->seen[s->n++] = x->a;
    fact_line(s, x->a);
}

static void facts_read(ag_buf *b, const aigov_table *t, const ag_rule *r)
{
    facts_seen s = {b, t, {0}, 0, 1};
    for (uint32_t e = r->expr_first; e < r->expr_first + r->expr_n; e++) {
        const ag_expr *x = &t->exprs[e];
        if (x->op >= AG_OP_IS && x->op <= AG_OP_UNKNOWN && !read_in_range(t, r, e, x->a))
            fact_line(&s, x->a);
    }
    for (uint32_t d = 0; d < r->dates_n; d++) {
        int32_t cond = t->dates[r->dates_first + d].cond;
        if (cond >= 0 && ((uint32_t)cond < r->expr_first || (uint32_t)cond >= r->expr_first + r->expr_n))
            facts_of_cond(&s, r, cond);
    }
    if (s.first)
        ag_buf_puts(b, "    (none directly; see the rules referenced)\n");
}

int ag_table_explain(char **out, size_t *out_len, const aigov_table *t, const char *rule_id, aigov_error *err)
{
    size_t idx;
    if (ag_table_find_rule(&idx, t, rule_id))
        return ag_err(err, AIGOV_ENOTFOUND, "no rule '%.100s' in this table", rule_id);
    const ag_rule *r = &t->rules[idx];
    ag_mem tmp;
    ag_buf b;
    ag_buf_init(&b, table_mem(t, &tmp));
    ag_buf_printf(&b, "%s\n  %s\n\n  Framework:    %s\n  Citation:     %s\n  Kind:         %s\n",
                  r->id, r->title, t->framework_names[r->framework], r->citation,
                  kind_names[r->kind]);
    if (r->holders) {
        ag_buf_puts(&b, "  Holder:       ");
        for (int k = 0, first = 1; k < AG_N_ROLES; k++)
            if (r->holders & (1u << k)) {
                ag_buf_printf(&b, "%s%s", first ? "" : ", ", ag_role_names[k]);
                first = 0;
            }
        ag_buf_putc(&b, '\n');
    }
    if (r->classifies >= 0)
        ag_buf_printf(&b, "  Classifies:   %s\n", ag_class_names[r->classifies]);
    if (r->confers_role >= 0)
        ag_buf_printf(&b, "  Confers role: %s\n", ag_role_names[r->confers_role]);
    for (uint32_t k = 0; k < r->dates_n; k++) {
        const ag_date_case *dc = &t->dates[r->dates_first + k];
        char d[11];
        ag_date_format(d, dc->date);
        ag_buf_printf(&b, "  %s %s%s\n", k ? "              " : "Applies from:", d,
                      dc->cond >= 0 ? " when:" : (r->dates_n > 1 ? " otherwise" : ""));
        if (dc->cond >= 0)
            ag_render_condition(&b, t, dc->cond, 8);
    }
    if (r->description[0])
        ag_buf_printf(&b, "\n  %s\n", r->description);
    ag_buf_puts(&b, "\n  Applies when:\n");
    ag_render_condition(&b, t, r->when, 2);
    ag_buf_puts(&b, "\n  Facts read directly:\n");
    facts_read(&b, t, r);
    if (r->ev_n) {
        ag_buf_puts(&b, "\n  Evidence that meets it (all required):\n");
        for (uint32_t k = 0; k < r->ev_n; k++) {
            const ag_evidence *ev = &t->evidence[t->rule_evidence[r->ev_first + k]];
            ag_buf_printf(&b, "    %s: %s\n", ev->id, ev->title);
        }
    }
    if (r->xw_n > 0) {
        ag_buf_puts(&b, "\n  ISO/IEC 42001 crosswalk (evidence toward this duty, never discharging it):\n");
        for (int32_t k = 0; k < r->xw_n; k++) {
            const ag_rule *x = &t->rules[t->crosswalk[r->xw_first + k]];
            ag_buf_printf(&b, "    %-9s %s (%s: %s)\n", ag_link_names[t->crosswalk_link[r->xw_first + k]], x->id,
                          x->citation, x->title);
        }
        ag_buf_printf(&b, "    Beyond them the Act requires: %s\n", r->beyond);
    } else if (r->xw_n == 0) {
        ag_buf_puts(&b, "\n  ISO/IEC 42001 crosswalk: nothing in the standard supports this duty\n");
    }
    /* the other direction: the legal duties this ISO rule's evidence goes toward */
    int linked = 0;
    for (uint32_t i = 0; i < t->n_rules; i++) {
        const ag_rule *a = &t->rules[i];
        for (int32_t k = 0; k < a->xw_n; k++)
            if (t->crosswalk[a->xw_first + k] == (int32_t)idx) {
                if (!linked++)
                    ag_buf_puts(&b, "\n  Crosswalk from (duties this rule's evidence supports, never discharges):\n");
                ag_buf_printf(&b, "    %-9s %s (%s: %s)\n", ag_link_names[t->crosswalk_link[a->xw_first + k]], a->id,
                              a->citation, a->title);
            }
    }
    if (r->note[0])
        ag_buf_printf(&b, "\n  Note: %s\n", r->note);
    if (ag_buf_finish(&b, out, out_len))
        return ag_err(err, AIGOV_ENOMEM, "out of memory rendering the explanation");
    return 0;
}

/* ---- descriptor schema ------------------------------------------------------ */

static const char *group_description(const char *key)
{
    static const char *const groups[][2] = {
        {"organisation", "The organisation the descriptor is about (legal entity, size, public status, AI management system)."},
        {"operator", "The roles the organisation holds for this system and the Art. 25 events that change them."},
        {"system", "The AI system: intended purpose, market facts, scope exclusions, Art. 5 practices, Annex I/III classification, Art. 50 transparency facts."},
        {"gpai", "General-purpose AI model facts (Chapter V)."},
        {"evidence", "Evidence in place, by evidence item: its state and an optional reference."},
    };
    for (size_t k = 0; k < sizeof groups / sizeof *groups; k++)
        if (strcmp(groups[k][0], key) == 0)
            return groups[k][1];
    return NULL;
}

static void enum_list(ag_buf *b, const ag_fact *f, int with_null)
{
    ag_buf_putc(b, '[');
    for (unsigned k = 0; k < f->n_values; k++) {
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_json_str(b, f->values[k]);
    }
    if (with_null)
        ag_buf_puts(b, ",null");
    ag_buf_putc(b, ']');
}

static void schema_node(ag_buf *b, const aigov_table *t, int32_t ni, const char *path)
{
    const ag_node *n = &t->nodes[ni];
    if (n->fact >= 0) {
        const ag_fact *f = &t->facts[n->fact];
        ag_buf_puts(b, "{\"description\":");
        /* descriptions are at most 2000 bytes and sources 300 (the compiler's limits); an
         * evidence item's fact has no source (""), a fact without one neither */
        char desc[2600];
        if (f->source[0])
            snprintf(desc, sizeof desc, "%.2400s Source: %.150s.", f->description, f->source);
        else
            snprintf(desc, sizeof desc, "%.2400s", f->description);
        ag_buf_json_str(b, desc);
        switch (f->type) {
        case AG_T_BOOL: ag_buf_puts(b, ",\"type\":[\"boolean\",\"null\"]"); break;
        case AG_T_ENUM:
            ag_buf_puts(b, ",\"enum\":");
            enum_list(b, f, 1);
            break;
        case AG_T_SET:
            ag_buf_puts(b, ",\"type\":[\"array\",\"null\"],\"uniqueItems\":true,\"items\":{\"type\":\"string\",\"enum\":");
            enum_list(b, f, 0);
            ag_buf_putc(b, '}');
            break;
        case AG_T_NUMBER:
            ag_buf_puts(b, ",\"type\":[\"number\",\"null\"],\"minimum\":");
            ag_buf_json_num(b, f->min);
            ag_buf_puts(b, ",\"maximum\":");
            ag_buf_json_num(b, f->max);
            break;
        case AG_T_DATE:
            ag_buf_puts(b, ",\"type\":[\"string\",\"null\"],\"format\":\"date\",\"pattern\":\"^[0-9]{4}-[0-9]{2}-[0-9]{2}$\"");
            break;
        case AG_T_STRING: ag_buf_printf(b, ",\"type\":[\"string\",\"null\"],\"maxLength\":%u", f->max_length); break;
        default: /* AG_T_EVIDENCE, the last type */
            ag_buf_puts(b, ",\"type\":[\"object\",\"null\"],\"additionalProperties\":false,\"required\":[\"state\"],"
                           "\"properties\":{\"state\":{\"description\":\"implemented: in place and current; partial: exists but incomplete; planned: scheduled, not in place; absent: not in place.\",\"enum\":[\"implemented\",\"partial\",\"planned\",\"absent\"]},"
                           "\"ref\":{\"description\":\"Where the evidence is: a URL, document id or record number.\",\"type\":\"string\",\"maxLength\":2000}}");
            break;
        }
        ag_buf_putc(b, '}');
        return;
    }
    const char *gd = ni ? group_description(n->key) : NULL;
    char desc[300];
    if (ni == 0)
        ag_strlcpy(desc, "A system descriptor: facts about one AI system (or model) and the organisation operating it. A field left out is unknown, never false; null means the same.", sizeof desc);
    else if (gd)
        ag_strlcpy(desc, gd, sizeof desc);
    else
        snprintf(desc, sizeof desc, "Facts under %s.", path);
    if (ni == 0)
        ag_buf_puts(b, "{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                       "\"$id\":\"https://libaigov.example/schemas/descriptor.schema.json\","
                       "\"title\":\"libaigov system descriptor\",");
    else
        ag_buf_putc(b, '{');
    ag_buf_puts(b, "\"description\":");
    ag_buf_json_str(b, desc);
    ag_buf_puts(b, ",\"type\":\"object\",\"additionalProperties\":false,\"properties\":{");
    int first = 1;
    if (ni == 0) {
        ag_buf_puts(b, "\"$schema\":{\"description\":\"Optional URI of this schema, for editors; ignored by the engine.\",\"type\":\"string\"},"
                       "\"descriptor_version\":{\"description\":\"Version of the descriptor format; 1.\",\"const\":1}");
        first = 0;
    }
    for (int32_t k = n->first_child; k >= 0; k = t->nodes[k].next_sibling) {
        if (!first)
            ag_buf_putc(b, ',');
        first = 0;
        ag_buf_json_str(b, t->nodes[k].key);
        ag_buf_putc(b, ':');
        char sub[256];
        snprintf(sub, sizeof sub, "%s.%s", path, t->nodes[k].key);
        schema_node(b, t, k, sub);
    }
    if (ni == 0) {
        /* one organisation, several systems */
        ag_buf_puts(b, ",\"systems\":{\"description\":\"Several AI systems of the organisation, each evaluated with the organisation's facts and the shared evidence (its own evidence takes precedence). With systems, the top level holds only organisation and evidence.\","
                       "\"type\":\"array\",\"minItems\":1,\"maxItems\":256,\"items\":{\"description\":\"One system's descriptor, without organisation.\","
                       "\"type\":\"object\",\"additionalProperties\":false,\"properties\":{");
        int f2 = 1;
        for (int32_t k = n->first_child; k >= 0; k = t->nodes[k].next_sibling) {
            if (strcmp(t->nodes[k].key, "organisation") == 0)
                continue;
            if (!f2)
                ag_buf_putc(b, ',');
            f2 = 0;
            ag_buf_json_str(b, t->nodes[k].key);
            ag_buf_putc(b, ':');
            char sub[256];
            snprintf(sub, sizeof sub, "%s.%s", path, t->nodes[k].key);
            schema_node(b, t, k, sub);
        }
        ag_buf_puts(b, "}}}}");
        ag_buf_puts(b, ",\"dependentSchemas\":{\"systems\":{\"properties\":{");
        int f3 = 1;
        for (int32_t k = n->first_child; k >= 0; k = t->nodes[k].next_sibling) {
            if (strcmp(t->nodes[k].key, "organisation") == 0 || strcmp(t->nodes[k].key, "evidence") == 0)
                continue;
            ag_buf_printf(b, "%s\"%s\":false", f3 ? "" : ",", t->nodes[k].key);
            f3 = 0;
        }
        ag_buf_puts(b, "}}}}");
        return;
    }
    ag_buf_puts(b, "}}");
}

int ag_table_descriptor_schema(char **out, size_t *out_len, const aigov_table *t, aigov_error *err)
{
    ag_mem tmp;
    const ag_mem *mem = table_mem(t, &tmp);
    ag_buf compact, pretty;
    ag_buf_init(&compact, mem);
    ag_buf_init(&pretty, mem);
    schema_node(&compact, t, 0, "$");
    if (compact.oom) {
        ag_buf_free(&compact);
        return ag_err(err, AIGOV_ENOMEM, "out of memory rendering the schema");
    }
    ag_json_pretty(&pretty, compact.data);
    ag_buf_free(&compact);
    if (ag_buf_finish(&pretty, out, out_len))
        return ag_err(err, AIGOV_ENOMEM, "out of memory rendering the schema");
    return 0;
}
