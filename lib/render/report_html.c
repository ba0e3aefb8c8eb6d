/* The report as one self-contained HTML page for compliance officers: no
 * script, no network (a Content-Security-Policy forbids both), inline CSS and
 * SVG. Per system: the classification and why, the counts, a timeline of
 * when the duties bite (the dates the evaluation computed from Art. 113 and
 * the transitional rules of Art. 111), the gaps by article, readiness per
 * framework, penalty exposure, the open questions and the listed rules.
 * Every string from the rules or the descriptor is escaped (markup.c). The
 * elements a test or a reader's tool looks for carry ids and data-
 * attributes (tier, counts, dates). */
#include <stdio.h>
#include <string.h>
#include "report/exposure_summary.h"
#include "render/markup.h"
#include "report/readiness.h"
#include "render/render.h"
#include "util/date.h"

#define MAX_DATES 24
#define MAX_ARTICLES 64

static void esc(ag_buf *b, const char *s) { ag_buf_xml(b, s ? s : ""); }

static const char css[] =
    "body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:1000px;padding:1em 1.5em;color:#1b1b1b}"
    "h1{font-size:1.6em;margin-bottom:.2em}h2{border-bottom:2px solid #ccc;padding-bottom:.2em;margin-top:2em}"
    "h3{margin:1.4em 0 .4em}.meta{color:#555}table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #ddd;padding:.25em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}"
    ".tier{display:inline-block;padding:.1em .6em;border-radius:.3em;font-weight:bold;background:#eee}"
    ".tier-prohibited{background:#7a0010;color:#fff}.tier-high_risk{background:#c0392b;color:#fff}"
    ".tier-limited{background:#e67e22;color:#fff}.tier-minimal{background:#27ae60;color:#fff}"
    ".tier-undetermined{background:#7f8c8d;color:#fff}.tier-out_of_scope{background:#95a5a6;color:#fff}"
    ".counts td{font-size:1.3em;text-align:center}.st-gap{color:#b00020;font-weight:bold}"
    ".st-met{color:#1e7d32}.st-unknown{color:#8a6d00}.bar{background:#c0392b;height:.9em}"
    ".verdict{border:2px solid #333;padding:.6em 1em;margin-top:2em}footer{margin-top:3em;color:#555}";

void ag_render_html_head(ag_buf *b, const aigov_report *rep)
{
    char d[11];
    ag_date_format(d, rep->r->as_of);
    ag_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'\">\n<meta name=\"viewport\" content=\"width=device-width\">\n"
                   "<title>AI governance report: ");
    esc(b, rep->source && *rep->source ? rep->source : "descriptor");
    ag_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>AI governance report</h1>\n"
                     "<p class=\"meta\">Descriptor <code id=\"source\">",
                  css);
    esc(b, rep->source && *rep->source ? rep->source : "descriptor");
    ag_buf_printf(b, "</code>, as of <time id=\"as-of\" datetime=\"%s\">%s</time>; libaigov %s, rules ", d, d,
                  AIGOV_VERSION_STRING);
    esc(b, rep->t->revision);
    ag_buf_puts(b, ". Not legal advice: a structured reading of the cited provisions.</p>\n");
}

/* The rules a part counts: its own, of the framework asked for. */
static int counted(const aigov_report *rep, int32_t ri)
{
    /* as the tally counts: the part's rules of an assessed framework (ag_rule_shown) */
    return ag_rule_shown(rep, ri) && (rep->framework < 0 || rep->t->rules[ri].framework == rep->framework);
}

static void classification(ag_buf *b, const aigov_report *rep, uint32_t part)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    const char *tier = ag_tier_name(r->tier);
    ag_buf_printf(b, "<h3>Classification</h3>\n<p>Tier <span class=\"tier tier-%s\" id=\"tier-%u\" "
                     "data-tier=\"%s\">%s</span> &middot; GPAI <span id=\"gpai-%u\">%s</span> &middot; roles: ",
                  tier, part, tier, tier, part, ag_gpai_name(r->gpai));
    int first = 1;
    for (int k = 0; k < AG_N_ROLES; k++)
        if (r->roles & (1u << k)) {
            ag_buf_printf(b, "%s%s", first ? "" : ", ", ag_role_names[k]);
            first = 0;
        }
    ag_buf_puts(b, first ? "none established</p>\n" : "</p>\n");
    if (r->tier == AIGOV_TIER_UNDETERMINED) {
        ag_buf_puts(b, "<p>Still possible:");
        for (int k = 0; k < AIGOV_TIER_UNDETERMINED; k++)
            if (r->possible_tiers & (1u << k))
                ag_buf_printf(b, " %s", ag_tier_name(k));
        ag_buf_puts(b, "</p>\n");
    }
    ag_buf_puts(b, "<p>Why:</p>\n<ul class=\"reasons\">\n");
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        const ag_rule *ru = &t->rules[ri];
        if (!ag_class_reason_shown(rep, (int32_t)ri))
            continue;
        ag_buf_printf(b, "<li>%s: ", r->rule_val[ri] == AG_T ? "holds" : "may hold");
        esc(b, ru->citation);
        ag_buf_puts(b, ", ");
        esc(b, ru->title);
        ag_buf_puts(b, " <code>");
        esc(b, ru->id);
        ag_buf_puts(b, "</code></li>\n");
    }
    ag_buf_puts(b, "</ul>\n");
}

static void counts(ag_buf *b, const aigov_report *rep, uint32_t part)
{
    const ag_counts *c = &rep->tally.all;
    ag_buf_printf(b, "<h3>Summary</h3>\n<table class=\"counts\" id=\"counts-%u\" data-gap=\"%zu\" data-in-force-gaps=\"%zu\" "
                     "data-met=\"%zu\" data-unknown=\"%zu\" data-not-applicable=\"%zu\">\n"
                     "<tr><th>Gaps in force</th><th>Gaps</th><th>Met</th><th>Unknown</th><th>Not applicable</th></tr>\n"
                     "<tr><td class=\"st-gap\">%zu</td><td class=\"st-gap\">%zu</td><td class=\"st-met\">%zu</td>"
                     "<td class=\"st-unknown\">%zu</td><td>%zu</td></tr>\n</table>\n",
                  part, c->gap, rep->tally.in_force_gaps, c->met, c->unknown, c->not_applicable,
                  rep->tally.in_force_gaps, c->gap, c->met, c->unknown, c->not_applicable);
}

typedef struct when { int32_t date; uint32_t duties, gaps; } when;

/* A bar per date from which applicable duties bite, to the end of the axis;
 * the as-of date as a dashed line. */
static void timeline(ag_buf *b, const aigov_report *rep, uint32_t part)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    when w[MAX_DATES];
    size_t n = 0;
    uint32_t later = 0; /* duties on dates past the chart's rows */
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        if (!counted(rep, ri) || r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE)
            continue;
        size_t j = 0;
        while (j < n && w[j].date != r->rule_date[ri])
            j++;
        if (j == n) {
            if (n == MAX_DATES) {
                later++;
                continue;
            }
            w[n++] = (when){r->rule_date[ri], 0, 0};
        }
        w[j].duties++;
        w[j].gaps += r->status[ri] == AIGOV_STATUS_GAP;
    }
    ag_buf_puts(b, "<h3>When the duties bite</h3>\n");
    if (!n) {
        ag_buf_puts(b, "<p>No applicable duty.</p>\n");
        return;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort by date: at most MAX_DATES rows */
        for (size_t j = i; j > 0 && w[j - 1].date > w[j].date; j--) {
            when x = w[j];
            w[j] = w[j - 1];
            w[j - 1] = x;
        }
    int32_t lo = w[0].date < r->as_of ? w[0].date : r->as_of;
    int32_t hi = w[n - 1].date > r->as_of ? w[n - 1].date : r->as_of;
    hi += 365; /* a year past the last date, so that its bar shows */
    const int x0 = 260, x1 = 880, row = 24;
    int height = 40 + (int)n * row;
    ag_buf_printf(b, "<svg id=\"timeline-%u\" role=\"img\" aria-label=\"When the duties bite\" "
                     "xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"%d\" viewBox=\"0 0 900 %d\" "
                     "font-family=\"system-ui,sans-serif\" font-size=\"12\">\n",
                  part, height, height);
    char d[11];
    for (size_t i = 0; i < n; i++) {
        int y = 20 + (int)i * row;
        int x = x0 + (int)((double)(w[i].date - lo) * (x1 - x0) / (hi - lo));
        ag_date_format(d, w[i].date);
        ag_buf_printf(b, "<g class=\"when\" data-date=\"%s\" data-duties=\"%u\" data-gaps=\"%u\">"
                         "<text x=\"0\" y=\"%d\">%s: %u dut%s, %u gap%s</text>"
                         "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"14\" fill=\"%s\"/></g>\n",
                      d, w[i].duties, w[i].gaps, y + 11, d, w[i].duties, w[i].duties == 1 ? "y" : "ies",
                      w[i].gaps, w[i].gaps == 1 ? "" : "s", x, y, x1 - x > 2 ? x1 - x : 2,
                      w[i].gaps ? "#c0392b" : "#2e86c1");
    }
    int xa = x0 + (int)((double)(r->as_of - lo) * (x1 - x0) / (hi - lo));
    ag_date_format(d, r->as_of);
    ag_buf_printf(b, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>"
                     "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">as of %s</text>\n</svg>\n",
                  xa, xa, height - 14, xa, height - 2, d);
    if (later)
        ag_buf_printf(b, "<p>%u more duties on later dates are listed below.</p>\n", later);
    ag_buf_puts(b, "<p class=\"meta\">Dates as the evaluation computed them for this system: the application "
                   "dates of Art. 113 and the transitional dates of Art. 111. Red: some duty of that date has a gap.</p>\n");
}

/* "Art. 9(2)(a)" -> "Art. 9"; "Annex IV, point 1" -> "Annex IV"; "6.1.3" -> "6.1.3". */
static size_t article_key(const char *c)
{
    size_t n = strcspn(c, "(,;");
    while (n && c[n - 1] == ' ')
        n--;
    return n > 60 ? 60 : n;
}

static void gaps_by_article(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    struct { const char *key; size_t len; uint32_t gaps, in_force; } a[MAX_ARTICLES];
    size_t n = 0;
    uint32_t other = 0, most = 1;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        if (!counted(rep, ri) || r->status[ri] != AIGOV_STATUS_GAP)
            continue;
        const char *c = t->rules[ri].citation;
        size_t len = article_key(c), j = 0;
        while (j < n && !(a[j].len == len && memcmp(a[j].key, c, len) == 0))
            j++;
        if (j == n) {
            if (n == MAX_ARTICLES) {
                other++;
                continue;
            }
            a[n++].key = c;
            a[j].len = len;
            a[j].gaps = a[j].in_force = 0;
        }
        a[j].gaps++;
        a[j].in_force += ag_in_force(r, ri);
        if (a[j].gaps > most)
            most = a[j].gaps;
    }
    ag_buf_puts(b, "<h3>Gaps by article</h3>\n");
    if (!n) {
        ag_buf_puts(b, "<p>No gap.</p>\n");
        return;
    }
    ag_buf_puts(b, "<table class=\"gaps-by-article\">\n<tr><th>Provision</th><th>Gaps</th><th>In force</th>"
                   "<th style=\"width:45%\"></th></tr>\n");
    char key[64];
    for (size_t j = 0; j < n; j++) {
        memcpy(key, a[j].key, a[j].len);
        key[a[j].len] = '\0';
        ag_buf_puts(b, "<tr><td>");
        esc(b, key);
        ag_buf_printf(b, "</td><td>%u</td><td>%u</td><td><div class=\"bar\" style=\"width:%u%%\"></div></td></tr>\n",
                      a[j].gaps, a[j].in_force, 100 * a[j].gaps / most);
    }
    if (other)
        ag_buf_printf(b, "<tr><td>other provisions</td><td>%u</td><td></td><td></td></tr>\n", other);
    ag_buf_puts(b, "</table>\n");
}

static void readiness(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    ag_buf_puts(b, "<h3>Readiness</h3>\n<table class=\"readiness\">\n<tr><th>Framework</th><th>Met of applicable"
                   "</th><th>In force</th><th>Undecided</th><th>Upcoming</th></tr>\n");
    char d[11];
    for (uint32_t k = 0; k < t->n_frameworks; k++) {
        if (rep->framework >= 0 && (uint32_t)rep->framework != k)
            continue;
        ag_readiness_t rd;
        ag_readiness(rep, k, &rd);
        if (!rd.assessed) { /* one line, not a block of unknowns */
            ag_buf_printf(b, "<tr data-framework=\"%s\" data-assessed=\"false\"><td>", t->framework_ids[k]);
            esc(b, t->framework_names[k]);
            ag_buf_puts(b, "</td><td colspan=\"4\">not assessed: say whether you operate an AI management "
                           "system</td></tr>\n");
            continue;
        }
        ag_buf_printf(b, "<tr data-framework=\"%s\" data-met=\"%u\" data-applicable=\"%u\"><td>", t->framework_ids[k],
                      rd.met, rd.applicable);
        esc(b, t->framework_names[k]);
        ag_buf_printf(b, "</td><td>%u of %u (%.0f%%)%s</td><td>%u</td><td>%u</td><td>", rd.met, rd.applicable,
                      rd.applicable ? 100.0 * rd.met / rd.applicable : 0.0, rd.ready ? ", ready" : "", rd.in_force,
                      rd.undecided);
        for (size_t u = 0; u < rd.n_upcoming; u++) {
            ag_date_format(d, rd.upcoming[u].date);
            ag_buf_printf(b, "%s%u from %s", u ? ", " : "", rd.upcoming[u].count, d);
        }
        ag_buf_puts(b, "</td></tr>\n");
    }
    ag_buf_puts(b, "</table>\n");
}

static void exposure(ag_buf *b, const aigov_report *rep)
{
    ag_exposure x;
    ag_exposure_summary(&x, rep);
    ag_buf_puts(b, "<h3>Penalty exposure</h3>\n<p class=\"exposure\">");
    if (x.rule < 0) {
        ag_buf_puts(b, "No gap in force names a penalty tier.</p>\n");
        return;
    }
    ag_buf_printf(b, "%u gap%s in force fall%s under a penalty tier. Highest: ", x.gaps_with_penalty,
                  x.gaps_with_penalty == 1 ? "" : "s", x.gaps_with_penalty == 1 ? "s" : "");
    esc(b, x.cap->tier->citation);
    if (x.cap->cap_known)
        ag_buf_printf(b, ", up to EUR %.0f", x.cap->cap_eur);
    ag_buf_puts(b, " (");
    esc(b, x.cap->basis);
    ag_buf_puts(b, "), for ");
    esc(b, rep->t->rules[x.rule].citation);
    ag_buf_puts(b, ".</p>\n");
}

static void questions(ag_buf *b, const aigov_report *rep, uint32_t part)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    ag_buf_printf(b, "<h3>Open questions</h3>\n<ol class=\"questions\" id=\"questions-%u\" data-count=\"%u\">\n",
                  part, r->n_questions);
    for (uint32_t q = 0; q < r->n_questions; q++) {
        int32_t fi = r->questions[q];
        if (q == 15) /* the first ones decide the most; the rest folded */
            ag_buf_printf(b, "</ol>\n<details><summary>%u more questions</summary>\n<ol start=\"16\">\n",
                          r->n_questions - 15);
        ag_buf_printf(b, "<li>%s", r->f_tier[fi] ? "<strong>[tier]</strong> " : "");
        esc(b, t->facts[fi].ask);
        ag_buf_puts(b, " <code>");
        esc(b, t->facts[fi].id);
        ag_buf_puts(b, "</code></li>\n");
    }
    ag_buf_puts(b, r->n_questions > 15 ? "</ol>\n</details>\n" : "</ol>\n");
}

static void rules_table(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    uint32_t rows = 0;
    for (uint32_t k = 0; k < rep->n_shown; k++)
        rows += r->status[rep->shown[k]] != AIGOV_STATUS_NOT_APPLICABLE;
    ag_buf_printf(b, "<details%s><summary>Applicable rules (%u)</summary>\n<table class=\"rules\">\n"
                     "<tr><th>Status</th><th>In force</th><th>From</th><th>Citation</th><th>Rule</th></tr>\n",
                  rows <= 40 ? " open" : "", rows);
    char d[11];
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        int32_t ri = rep->shown[k];
        int st = r->status[ri];
        if (st == AIGOV_STATUS_NOT_APPLICABLE)
            continue;
        const ag_rule *ru = &t->rules[ri];
        ag_date_format(d, r->rule_date[ri]);
        ag_buf_printf(b, "<tr><td class=\"st-%s\">%s</td><td>%s</td><td>%s</td><td>", ag_status_name(st),
                      ag_status_name(st), ag_in_force(r, ri) ? "yes" : "no", d);
        esc(b, ru->citation);
        ag_buf_puts(b, "</td><td>");
        esc(b, ag_finding_prefix(ru, (uint8_t)st, r->rule_val[ri]));
        esc(b, ru->title);
        ag_buf_puts(b, " <code>");
        esc(b, ru->id);
        ag_buf_puts(b, "</code></td></tr>\n");
    }
    ag_buf_puts(b, "</table>\n</details>\n");
}

void ag_render_html_part(ag_buf *b, const aigov_report *rep, uint32_t index, uint32_t count, const char *name)
{
    char label_buf[32];
    const char *label = ag_part_label(label_buf, sizeof label_buf, index, count, name);
    int org = count && index == count;
    uint32_t part = count ? index : 0;
    ag_buf_printf(b, "<section class=\"part\" id=\"part-%u\">\n", part);
    if (count) {
        ag_buf_puts(b, "<h2>");
        if (!org)
            ag_buf_printf(b, "System %u of %u: ", index + 1, count);
        else
            ag_buf_puts(b, "The organisation (AI management system): ");
        esc(b, label);
        ag_buf_puts(b, "</h2>\n");
    }
    if (!org)
        classification(b, rep, part);
    counts(b, rep, part);
    timeline(b, rep, part);
    gaps_by_article(b, rep);
    readiness(b, rep);
    exposure(b, rep);
    if (!org)
        questions(b, rep, part);
    rules_table(b, rep);
    ag_buf_puts(b, "</section>\n");
}

void ag_render_html_tail(ag_buf *b, const aigov_report *rep, const aigov_verdict *v)
{
    (void)rep;
    if (v)
        ag_buf_printf(b, "<section class=\"verdict\" id=\"verdict\" data-systems=\"%zu\" data-tier=\"%s\" "
                         "data-in-force-gaps=\"%zu\">\n<h2>Verdict over every system and the organisation</h2>\n"
                         "<p>%zu systems; most severe tier <strong>%s</strong>; prohibited %zu, undetermined %zu.</p>\n"
                         "<p>%zu rules: %zu met, %zu gap (%zu in force, %zu of them the organisation's), %zu unknown, "
                         "%zu not applicable.</p>\n</section>\n",
                      v->systems, ag_tier_name(v->tier), v->summary.in_force_gaps, v->systems,
                      ag_tier_name(v->tier), v->prohibited, v->undetermined, v->summary.total, v->summary.met,
                      v->summary.gap, v->summary.in_force_gaps, v->organisation_in_force_gaps, v->summary.unknown,
                      v->summary.not_applicable);
    ag_buf_puts(b, "<footer>Generated by libaigov " AIGOV_VERSION_STRING
                   ". Not legal advice.</footer>\n</body>\n</html>\n");
}
