/* JUnit XML (the Apache Ant schema that Jenkins, GitLab and Azure Pipelines
 * read): one <testsuite> per system (and one for the organisation's own
 * rules), one <testcase> for the classification and one per listed
 * applicable rule. A case fails as the default gate does: the classification
 * when the system is prohibited, a rule when it has a gap in force. A gap not
 * yet in force and an unknown are <skipped> with the reason, so a CI page
 * shows them without turning red. */
#include <stdio.h>
#include <string.h>
#include "render/markup.h"
#include "render/render.h"
#include "util/date.h"

static void attr(ag_buf *b, const char *name, const char *value)
{
    ag_buf_printf(b, " %s=\"", name);
    ag_buf_xml(b, value);
    ag_buf_putc(b, '"');
}

static void property(ag_buf *b, const char *name, const char *value)
{
    ag_buf_puts(b, "<property");
    attr(b, "name", name);
    attr(b, "value", value);
    ag_buf_puts(b, "/>\n");
}

void ag_render_junit_head(ag_buf *b, const aigov_report *rep)
{
    (void)rep;
    ag_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n");
}

/* The testcase name: "<id> <citation>: <title>". */
static void case_open(ag_buf *b, const char *classname, const ag_rule *ru)
{
    ag_buf_puts(b, "<testcase");
    attr(b, "classname", classname);
    ag_buf_puts(b, " name=\"");
    ag_buf_xml(b, ru->id);
    ag_buf_putc(b, ' ');
    ag_buf_xml(b, ru->citation);
    ag_buf_puts(b, ": ");
    ag_buf_xml(b, ru->title);
    ag_buf_puts(b, "\" time=\"0\">");
}

void ag_render_junit_part(ag_buf *b, const aigov_report *rep, uint32_t index, uint32_t count, const char *name)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    char label_buf[32], d[11], as_of[11];
    const char *label = ag_part_label(label_buf, sizeof label_buf, index, count, name);
    int org = count && index == count;
    ag_date_format(as_of, r->as_of);
    uint32_t tests = org ? 0 : 1, failures = !org && r->tier == AIGOV_TIER_PROHIBITED,
             skipped = !org && r->tier == AIGOV_TIER_UNDETERMINED;
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        int32_t ri = rep->shown[k];
        int st = r->status[ri];
        if (st == AIGOV_STATUS_NOT_APPLICABLE)
            continue;
        tests++;
        int fail = st == AIGOV_STATUS_GAP && ag_in_force(r, ri);
        failures += fail;
        skipped += !fail && st != AIGOV_STATUS_MET;
    }
    ag_buf_printf(b, "<testsuite package=\"aigov\" id=\"%u\"", count ? index : 0);
    ag_buf_puts(b, " name=\"");
    ag_buf_xml(b, label);
    ag_buf_printf(b, "\" timestamp=\"%sT00:00:00\" hostname=\"libaigov\" tests=\"%u\" failures=\"%u\" "
                     "errors=\"0\" skipped=\"%u\" time=\"0\">\n<properties>\n",
                  as_of, tests, failures, skipped);
    property(b, "source", rep->source && *rep->source ? rep->source : "descriptor");
    property(b, "as_of", as_of);
    property(b, "rules_revision", t->revision);
    if (!org) {
        property(b, "tier", ag_tier_name(r->tier));
        property(b, "gpai", ag_gpai_name(r->gpai));
    }
    ag_buf_puts(b, "</properties>\n");
    char classname[160];
    if (!org) {
        ag_buf_puts(b, "<testcase classname=\"aigov.classification\" name=\"");
        ag_buf_xml(b, label);
        ag_buf_printf(b, ": tier %s\" time=\"0\">", ag_tier_name(r->tier));
        if (r->tier == AIGOV_TIER_PROHIBITED)
            ag_buf_puts(b, "<failure type=\"prohibited\" message=\"the system is a prohibited practice (Art. 5)\"/>");
        else if (r->tier == AIGOV_TIER_UNDETERMINED)
            ag_buf_puts(b, "<skipped message=\"the tier is undetermined: answer the open questions\"/>");
        ag_buf_puts(b, "</testcase>\n");
    }
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        int32_t ri = rep->shown[k];
        int st = r->status[ri];
        if (st == AIGOV_STATUS_NOT_APPLICABLE)
            continue;
        const ag_rule *ru = &t->rules[ri];
        int in_force = ag_in_force(r, ri);
        ag_date_format(d, r->rule_date[ri]);
        snprintf(classname, sizeof classname, "aigov.%s", t->framework_ids[ru->framework]);
        case_open(b, classname, ru);
        if (st == AIGOV_STATUS_GAP && in_force)
            ag_buf_printf(b, "<failure type=\"gap\" message=\"gap in force since %s\"/>", d);
        else if (st == AIGOV_STATUS_GAP)
            ag_buf_printf(b, "<skipped message=\"gap, not in force until %s\"/>", d);
        else if (st == AIGOV_STATUS_UNKNOWN)
            ag_buf_printf(b, "<skipped message=\"unknown: the descriptor does not say enough (%s %s)\"/>",
                          in_force ? "in force since" : "applies from", d);
        ag_buf_puts(b, "</testcase>\n");
    }
    ag_buf_puts(b, "<system-out/>\n<system-err/>\n</testsuite>\n");
}

void ag_render_junit_tail(ag_buf *b, const aigov_report *rep)
{
    (void)rep;
    ag_buf_puts(b, "</testsuites>\n");
}
