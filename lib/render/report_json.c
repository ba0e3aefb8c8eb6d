/* The report as JSON: compact, keys in a fixed order, deterministic. */
#include <string.h>
#include "eval/exposure.h"
#include "report/readiness.h"
#include "render/render.h"
#include "render/soa.h"
#include "util/date.h"

#define MAX_REASONS 24

typedef struct jctx {
    ag_buf *b;
    const aigov_report *rep;
    int first;
} jctx;

static void comma(jctx *j)
{
    if (!j->first)
        ag_buf_putc(j->b, ',');
    j->first = 0;
}

static void leaf_json(void *ud, int32_t ei)
{
    jctx *j = ud;
    const aigov_table *t = j->rep->t;
    const ag_expr *e = &t->exprs[ei];
    ag_buf *b = j->b;
    char test[256];
    comma(j);
    if (e->op == AG_OP_RULE) {
        ag_buf_puts(b, "{\"rule\":");
        ag_buf_json_str(b, t->rules[e->a].id);
    } else if (e->op == AG_OP_AS_OF) {
        ag_describe_test(test, sizeof test, t, e);
        ag_buf_puts(b, "{\"as_of\":");
        ag_buf_json_str(b, test);
    } else if (e->op == AG_OP_TRUE || e->op == AG_OP_FALSE) {
        ag_describe_test(test, sizeof test, t, e);
        ag_buf_puts(b, "{\"test\":");
        ag_buf_json_str(b, test);
    } else {
        ag_describe_test(test, sizeof test, t, e);
        ag_buf_puts(b, "{\"fact\":");
        ag_buf_json_str(b, t->facts[e->a].id);
        ag_buf_puts(b, ",\"value\":");
        ag_json_fact_value(b, t, j->rep->f, e->a);
        ag_buf_puts(b, ",\"test\":");
        ag_buf_json_str(b, test);
    }
    ag_buf_puts(b, ",\"result\":\"");
    ag_buf_puts(b, ag_kleene_name(j->rep->r->expr_val[ei]));
    ag_buf_puts(b, "\"}");
}

/* An Annex A control's applicability is its Statement of Applicability decision within the
 * management system (evaluate.c, soa_applicability): the reasons say so in that order, the
 * scope when it does not hold, the decision, and the typical applicability (`when`) only
 * while the decision is not recorded. */
static void soa_reasons_json(jctx *j, const ag_rule *ru, int max)
{
    const aigov_table *t = j->rep->t;
    const ag_result *r = j->rep->r;
    ag_buf *b = j->b;
    uint8_t in = ru->within >= 0 ? r->expr_val[ru->within] : AG_T;
    if (in != AG_T)
        ag_reasons(t, r, ru->within, leaf_json, j, max);
    if (in == AG_F)
        return;
    const ag_value *dv = &j->rep->f->vals[ru->soa_decision];
    const char *d = dv->known ? t->facts[ru->soa_decision].values[__builtin_ctzll(dv->v.mask)] : NULL;
    comma(j);
    ag_buf_puts(b, "{\"fact\":");
    ag_buf_json_str(b, t->facts[ru->soa_decision].id);
    ag_buf_puts(b, ",\"value\":");
    ag_json_fact_value(b, t, j->rep->f, ru->soa_decision);
    ag_buf_puts(b, ",\"test\":\"Statement of Applicability decision is included\",\"result\":\"");
    ag_buf_puts(b, !d ? "unknown" : strcmp(d, "included") == 0 ? "true" : "false");
    ag_buf_puts(b, "\"}");
    if (!d)
        ag_reasons(t, r, ru->when, leaf_json, j, max);
}

static void names_from_mask(ag_buf *b, uint32_t mask, const char *(*name)(int), int n)
{
    ag_buf_putc(b, '[');
    int first = 1;
    for (int k = 0; k < n; k++)
        if (mask & (1u << k)) {
            if (!first)
                ag_buf_putc(b, ',');
            ag_buf_json_str(b, name(k));
            first = 0;
        }
    ag_buf_putc(b, ']');
}

static const char *role_name(int k) { return ag_role_names[k]; }

static void counts_json(ag_buf *b, const ag_counts *c)
{
    ag_buf_printf(b, "\"total\":%zu,\"met\":%zu,\"gap\":%zu,\"unknown\":%zu,\"not_applicable\":%zu",
                  c->total, c->met, c->gap, c->unknown, c->not_applicable);
}

static void classification_json(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    ag_buf_puts(b, "\"classification\":{\"tier\":");
    ag_buf_json_str(b, aigov_tier_name(r->tier));
    ag_buf_puts(b, ",\"gpai\":");
    ag_buf_json_str(b, aigov_gpai_name(r->gpai));
    ag_buf_puts(b, ",\"possible_tiers\":");
    names_from_mask(b, r->possible_tiers, aigov_tier_name, AIGOV_TIER_UNDETERMINED);
    ag_buf_puts(b, ",\"possible_gpai\":");
    names_from_mask(b, r->possible_gpai, aigov_gpai_name, AIGOV_GPAI_UNDETERMINED);
    ag_buf_puts(b, ",\"roles\":");
    names_from_mask(b, r->roles, role_name, AG_N_ROLES);
    ag_buf_puts(b, ",\"reasons\":[");
    int first = 1;
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        const ag_rule *ru = &t->rules[ri];
        if (ru->classifies < 0 || r->rule_val[ri] == AG_F)
            continue;
        if (ru->kind == AG_K_PROHIBITION && !ag_in_force(r, (int32_t)ri))
            continue;
        if (!first)
            ag_buf_putc(b, ',');
        first = 0;
        ag_buf_puts(b, "{\"rule\":");
        ag_buf_json_str(b, ru->id);
        ag_buf_puts(b, ",\"citation\":");
        ag_buf_json_str(b, ru->citation);
        ag_buf_puts(b, ",\"classifies\":");
        ag_buf_json_str(b, ag_class_names[ru->classifies]);
        ag_buf_puts(b, ",\"value\":\"");
        ag_buf_puts(b, ag_kleene_name(r->rule_val[ri]));
        ag_buf_puts(b, "\"}");
    }
    ag_buf_puts(b, "]}");
}

static void obligation_json(ag_buf *b, const aigov_report *rep, int32_t ri)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    const ag_rule *ru = &t->rules[ri];
    char d[11];
    ag_buf_puts(b, "{\"id\":");
    ag_buf_json_str(b, ru->id);
    ag_buf_puts(b, ",\"framework\":");
    ag_buf_json_str(b, t->framework_ids[ru->framework]);
    static const char *const kinds[] = {"definition", "obligation", "prohibition", "finding"};
    ag_buf_puts(b, ",\"kind\":");
    ag_buf_json_str(b, kinds[ru->kind]);
    ag_buf_puts(b, ",\"citation\":");
    ag_buf_json_str(b, ru->citation);
    ag_buf_puts(b, ",\"title\":");
    ag_buf_json_str(b, ru->title);
    ag_buf_puts(b, ",\"holder\":");
    names_from_mask(b, ru->holders, role_name, AG_N_ROLES);
    ag_date_format(d, r->rule_date[ri]);
    ag_buf_puts(b, ",\"applies_from\":");
    ag_buf_json_str(b, d);
    if (r->date_uncertain[ri] & AG_DATE_AT_PLACING) /* a pre-market duty of a planned launch */
        ag_buf_puts(b, ",\"due_at_placing\":true");
    ag_buf_puts(b, ag_in_force(r, ri) ? ",\"in_force\":true" : ",\"in_force\":false");
    ag_buf_puts(b, ",\"status\":");
    ag_buf_json_str(b, aigov_status_name(r->status[ri]));
    if (ru->observation && r->status[ri] == AIGOV_STATUS_MET && r->rule_val[ri] == AG_T)
        ag_buf_puts(b, ",\"observation\":true"); /* noted by an auditor, not a nonconformity */
    ag_buf_puts(b, ",\"reasons\":[");
    jctx j = {b, rep, 1};
    if (ru->soa_decision >= 0)
        soa_reasons_json(&j, ru, MAX_REASONS);
    else
        ag_reasons(t, r, ru->when, leaf_json, &j, MAX_REASONS);
    ag_buf_putc(b, ']');
    /* A duty that does not apply carries no evidence, exposure or crosswalk:
     * its reasons say why, and `aigov rules` has the rest. That shrinks a
     * typical report by about a third (most of 300 rules do not apply). */
    if (r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE) {
        ag_buf_putc(b, '}');
        return;
    }
    ag_buf_puts(b, ",\"evidence\":[");
    for (uint32_t k = 0; k < ru->ev_n; k++) {
        int32_t ei = t->rule_evidence[ru->ev_first + k];
        const ag_evidence *ev = &t->evidence[ei];
        const ag_value *v = ag_evidence_value(t, rep->f, ei);
        /* implemented through the AI Act item that contains it: that item's state and ref */
        int32_t via = v != &rep->f->vals[ev->fact] ? ev->implied_by : -1;
        int32_t state_fact = via >= 0 ? t->evidence[via].fact : ev->fact;
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_puts(b, "{\"item\":");
        ag_buf_json_str(b, ev->id);
        ag_buf_puts(b, ",\"title\":");
        ag_buf_json_str(b, ev->title);
        ag_buf_puts(b, ",\"state\":");
        if (v->known)
            ag_json_fact_value(b, t, rep->f, state_fact);
        else
            ag_buf_puts(b, "\"unknown\"");
        ag_buf_puts(b, ",\"ref\":");
        if (v->known && v->str_len)
            ag_buf_json_str(b, ag_facts_str(rep->f, v));
        else
            ag_buf_puts(b, "null");
        if (via >= 0) {
            ag_buf_puts(b, ",\"implied_by\":");
            ag_buf_json_str(b, t->evidence[via].id);
        }
        ag_buf_putc(b, '}');
    }
    ag_buf_putc(b, ']');
    ag_per_system_json(b, rep, ri);
    ag_cap cap;
    ag_penalty_cap(&cap, t, rep->f, ri, r->as_of);
    if (cap.tier) {
        ag_buf_puts(b, ",\"penalty\":{\"tier\":");
        ag_buf_json_str(b, cap.tier->id);
        ag_buf_puts(b, ",\"citation\":");
        ag_buf_json_str(b, cap.tier->citation);
        ag_buf_puts(b, ",\"cap_eur\":");
        if (cap.cap_known)
            ag_buf_json_num(b, cap.cap_eur);
        else
            ag_buf_puts(b, "null");
        ag_buf_puts(b, ",\"basis\":");
        ag_buf_json_str(b, cap.basis);
        ag_buf_putc(b, '}');
    }
    int32_t met;
    int cov = ag_crosswalk_coverage(t, r, ri, &met);
    if (cov != AG_COV_NONE) {
        static const char *const cov_names[] = {"supported", "partly_supported", "not_supported"};
        ag_buf_puts(b, ",\"crosswalk\":{\"iso\":[");
        for (int32_t k = 0; k < ru->xw_n; k++) {
            if (k)
                ag_buf_putc(b, ',');
            ag_buf_json_str(b, t->rules[t->crosswalk[ru->xw_first + k]].id);
        }
        ag_buf_puts(b, "],\"links\":[");
        for (int32_t k = 0; k < ru->xw_n; k++) { /* typed: how each ISO rule relates to the duty */
            ag_buf_puts(b, k ? ",{\"rule\":" : "{\"rule\":");
            ag_buf_json_str(b, t->rules[t->crosswalk[ru->xw_first + k]].id);
            ag_buf_printf(b, ",\"link\":\"%s\"}", ag_link_names[t->crosswalk_link[ru->xw_first + k]]);
        }
        ag_buf_puts(b, "],\"coverage\":");
        ag_buf_json_str(b, cov_names[cov]);
        ag_buf_puts(b, ",\"still_needed\":[");
        int first = 1;
        for (int32_t k = 0; k < ru->xw_n; k++) {
            int32_t x = t->crosswalk[ru->xw_first + k];
            if (r->status[x] == AIGOV_STATUS_MET || r->status[x] == AIGOV_STATUS_NOT_APPLICABLE ||
                !r->fw_assessed[t->rules[x].framework])
                continue; /* met, or not applicable (no AIMS, control excluded), or not assessed */
            if (!first)
                ag_buf_putc(b, ',');
            ag_buf_json_str(b, t->rules[x].id);
            first = 0;
        }
        ag_buf_puts(b, "],\"beyond\":");
        ag_buf_json_str(b, ru->beyond);
        ag_buf_putc(b, '}');
    }
    ag_buf_putc(b, '}');
}

static void readiness_json(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    ag_buf_puts(b, "\"readiness\":{");
    for (uint32_t k = 0; k < t->n_frameworks; k++) {
        ag_readiness_t rd;
        ag_readiness(rep, k, &rd);
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_json_str(b, t->framework_ids[k]);
        ag_buf_printf(b, ":{\"assessed\":%s,\"applicable\":%u,\"undecided\":%u,\"met\":%u,\"percent_met\":",
                      rd.assessed ? "true" : "false", rd.applicable, rd.undecided, rd.met);
        ag_buf_json_num(b, rd.applicable ? (double)(int)(1000.0 * rd.met / rd.applicable + 0.5) / 10.0 : 0);
        ag_buf_printf(b, ",\"ready\":%s,\"in_force\":%u,\"requirements\":%u,\"requirements_met\":%u,"
                      "\"controls_included\":%u,\"controls_implemented\":%u,\"findings_open\":%u,"
                      "\"upcoming\":[",
                      rd.ready ? "true" : "false", rd.in_force, rd.requirements, rd.requirements_met,
                      rd.controls_included, rd.controls_implemented, rd.findings_open);
        for (size_t d = 0; d < rd.n_upcoming; d++) {
            char day[11];
            ag_date_format(day, rd.upcoming[d].date);
            ag_buf_printf(b, "%s{\"applies_from\":\"%s\",\"obligations\":%u}", d ? "," : "", day,
                          rd.upcoming[d].count);
        }
        ag_buf_puts(b, "]}");
    }
    ag_buf_puts(b, "},\"next_actions\":[");
    ag_action acts[AG_MAX_ACTIONS];
    size_t n = ag_next_actions(rep, acts, AG_MAX_ACTIONS);
    for (size_t a = 0; a < n; a++) {
        const ag_evidence *ev = &t->evidence[acts[a].evidence];
        ag_buf_puts(b, a ? ",{\"evidence\":" : "{\"evidence\":");
        ag_buf_json_str(b, ev->id);
        ag_buf_puts(b, ",\"title\":");
        ag_buf_json_str(b, ev->title);
        ag_buf_printf(b, ",\"closes\":%u,\"rules\":[", acts[a].closes);
        int first = 1;
        for (uint32_t k = 0; k < t->n_reported; k++)
            if (ag_action_closes(rep, &acts[a], t->reported[k])) {
                if (!first)
                    ag_buf_putc(b, ',');
                ag_buf_json_str(b, t->rules[t->reported[k]].id);
                first = 0;
            }
        ag_buf_puts(b, "]}");
    }
    ag_buf_putc(b, ']');
}

static void questions_json(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    ag_buf_puts(b, "\"questions\":[");
    for (uint32_t q = 0; q < r->n_questions; q++) {
        int32_t fi = r->questions[q];
        if (q)
            ag_buf_putc(b, ',');
        ag_buf_puts(b, "{\"fact\":");
        ag_buf_json_str(b, t->facts[fi].id);
        ag_buf_puts(b, ",\"ask\":");
        ag_buf_json_str(b, t->facts[fi].ask);
        ag_buf_puts(b, r->f_tier[fi] ? ",\"affects_tier\":true" : ",\"affects_tier\":false");
        ag_buf_puts(b, r->f_gpai[fi] ? ",\"affects_gpai\":true" : ",\"affects_gpai\":false");
        ag_buf_puts(b, ",\"affects\":[");
        int first = 1;
        for (uint32_t k = 0; k < t->n_reported; k++)
            if (ag_affects(r, fi, t->reported[k])) {
                if (!first)
                    ag_buf_putc(b, ',');
                ag_buf_json_str(b, t->rules[t->reported[k]].id);
                first = 0;
            }
        ag_buf_puts(b, "]}");
    }
    ag_buf_putc(b, ']');
}

static void obligations_and_summary(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    ag_buf_puts(b, "\"obligations\":[");
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        if (k)
            ag_buf_putc(b, ',');
        obligation_json(b, rep, rep->shown[k]);
    }
    ag_buf_puts(b, "],");
    if (rep->part != AG_PART_ORGANISATION) {
        questions_json(b, rep);
        ag_buf_putc(b, ',');
    }
    ag_buf_puts(b, "\"summary\":{");
    counts_json(b, &rep->tally.all);
    ag_buf_printf(b, ",\"in_force_gaps\":%zu", rep->tally.in_force_gaps);
    /* what the default (legal) gate counts: ISO/IEC 42001 gaps only with AIGOV_FAIL_ON_ISO42001 */
    ag_buf_printf(b, ",\"legal_in_force_gaps\":%zu",
                  rep->tally.in_force_gaps - rep->tally.standard_in_force_gaps);
    if (rep->part != AG_PART_ORGANISATION)
        ag_buf_printf(b, ",\"questions\":%u", r->n_questions);
    ag_buf_puts(b, ",\"by_framework\":{");
    for (uint32_t k = 0; k < t->n_frameworks; k++) {
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_json_str(b, t->framework_ids[k]);
        ag_buf_puts(b, ":{");
        counts_json(b, &rep->tally.by_framework[k]);
        ag_buf_putc(b, '}');
    }
    ag_buf_puts(b, "}},");
    readiness_json(b, rep);
    if (rep->part != AG_PART_ORGANISATION)
        ag_soa_json(b, rep);
}

static void engine_json(ag_buf *b, const aigov_report *rep)
{
    char d[11];
    ag_buf_puts(b, "\"engine\":{\"version\":");
    ag_buf_json_str(b, AIGOV_VERSION_STRING);
    ag_buf_puts(b, ",\"rules_revision\":");
    ag_buf_json_str(b, rep->t->revision);
    ag_buf_puts(b, ",\"rules_hash\":");
    ag_buf_json_str(b, rep->t->hash);
    ag_date_format(d, rep->r->as_of);
    ag_buf_puts(b, "},\"as_of\":");
    ag_buf_json_str(b, d);
}

void ag_render_json(ag_buf *b, const aigov_report *rep)
{
    ag_buf_putc(b, '{');
    engine_json(b, rep);
    ag_buf_putc(b, ',');
    classification_json(b, rep);
    ag_buf_putc(b, ',');
    obligations_and_summary(b, rep);
    ag_buf_putc(b, '}');
}

void ag_render_json_portfolio_head(ag_buf *b, const aigov_report *rep)
{
    ag_buf_putc(b, '{');
    engine_json(b, rep);
    ag_buf_puts(b, ",\"systems\":[");
}

void ag_render_json_system(ag_buf *b, const aigov_report *rep, uint32_t index, const char *name)
{
    ag_buf_printf(b, "%s{\"index\":%u,\"name\":", index ? "," : "", index);
    if (name)
        ag_buf_json_str(b, name);
    else
        ag_buf_puts(b, "null");
    ag_buf_putc(b, ',');
    classification_json(b, rep);
    ag_buf_putc(b, ',');
    obligations_and_summary(b, rep);
    ag_buf_putc(b, '}');
}

void ag_render_json_organisation(ag_buf *b, const aigov_report *rep)
{
    ag_buf_puts(b, "],\"organisation\":{");
    obligations_and_summary(b, rep);
    ag_buf_puts(b, "}}");
}
