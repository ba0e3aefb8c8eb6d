/* Reading a report without JSON. */
#include "report/report.h"
#include "report/access.h"
#include "report/names.h"
#include <string.h>
#include "util/date.h"

const char *ag_tier_name(int tier)
{
    static const char *const names[AIGOV_TIER_COUNT] = {"out_of_scope", "prohibited", "high_risk",
                                                        "limited",      "minimal",    "undetermined"};
    return names[tier];
}

const char *ag_gpai_name(int gpai)
{
    static const char *const names[AIGOV_GPAI_COUNT] = {"none", "gpai", "gpai_systemic", "undetermined"};
    return names[gpai];
}

const char *ag_status_name(int status)
{
    static const char *const names[AIGOV_STATUS_COUNT] = {"met", "gap", "unknown", "not_applicable"};
    return names[status];
}

void ag_report_set_part(aigov_report *rep, int part)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    rep->part = part;
    rep->n_shown = 0;
    memset(&rep->tally, 0, sizeof rep->tally);
    /* new facts or as_of: each tier's cap is worked out again on first use (caps_done is the
     * context's, never NULL) */
    memset(rep->caps_done, 0, t->n_penalties);
    if (rep->only == AIGOV_ONLY_IN_FORCE) /* a rule that does not apply is listed by its date too */
        ag_dates_rest((ag_result *)r, t, rep->f);
    /* counts by framework and status first (one increment per rule), summed below */
    uint32_t by[AG_MAX_FRAMEWORKS][4] = {{0}};
    uint32_t in_force[AG_MAX_FRAMEWORKS][4] = {{0}};
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        int fw = t->rules[ri].framework;
        if (!ag_rule_shown(rep, ri) || (rep->framework >= 0 && fw != rep->framework))
            continue;
        uint8_t st = r->status[ri];
        int now = ag_in_force(r, ri);
        if (rep->only == AIGOV_ONLY_ALL || (rep->only == AIGOV_ONLY_GAPS && st == AIGOV_STATUS_GAP) ||
            (rep->only == AIGOV_ONLY_IN_FORCE && now))
            rep->shown[rep->n_shown++] = ri;
        by[fw][st]++;
        in_force[fw][st] += (uint32_t)now;
    }
    ag_counts *all = &rep->tally.all;
    for (uint32_t fw = 0; fw < t->n_frameworks; fw++) { /* at most AG_MAX_FRAMEWORKS (the compiler's limit) */
        ag_counts *c = &rep->tally.by_framework[fw];
        c->met = by[fw][AIGOV_STATUS_MET];
        c->gap = by[fw][AIGOV_STATUS_GAP];
        c->unknown = by[fw][AIGOV_STATUS_UNKNOWN];
        c->not_applicable = by[fw][AIGOV_STATUS_NOT_APPLICABLE];
        c->total = c->met + c->gap + c->unknown + c->not_applicable;
        all->met += c->met;
        all->gap += c->gap;
        all->unknown += c->unknown;
        all->not_applicable += c->not_applicable;
        all->total += c->total;
        rep->tally.in_force_gaps += in_force[fw][AIGOV_STATUS_GAP];
        rep->tally.in_force_unknowns += in_force[fw][AIGOV_STATUS_UNKNOWN];
        if (rep->framework < 0 && ag_is_standard(rep, (int)fw)) {
            rep->tally.standard_in_force_gaps += in_force[fw][AIGOV_STATUS_GAP];
            rep->tally.standard_in_force_unknowns += in_force[fw][AIGOV_STATUS_UNKNOWN];
        }
    }
}

int ag_report_summary(aigov_summary *out, const aigov_report *rep)
{
    const ag_counts *c = &rep->tally.all;
    out->total = c->total;
    out->met = c->met;
    out->gap = c->gap;
    out->unknown = c->unknown;
    out->not_applicable = c->not_applicable;
    out->in_force_gaps = rep->tally.in_force_gaps;
    out->questions = rep->part == AG_PART_ORGANISATION ? 0 : ag_question_count((ag_result *)rep->r, rep->t, rep->f);
    return 0;
}


/* ---- the verdict ------------------------------------------------------------ */

/* Severity, most severe first: the order the verdict's tier takes. */
static int tier_rank(int tier)
{
    static const int rank[] = {[AIGOV_TIER_PROHIBITED] = 0, [AIGOV_TIER_UNDETERMINED] = 1,
                               [AIGOV_TIER_HIGH_RISK] = 2,  [AIGOV_TIER_LIMITED] = 3,
                               [AIGOV_TIER_MINIMAL] = 4,    [AIGOV_TIER_OUT_OF_SCOPE] = 5};
    return tier >= 0 && tier <= AIGOV_TIER_UNDETERMINED ? rank[tier] : 0;
}

static int gpai_rank(int gpai)
{
    static const int rank[] = {[AIGOV_GPAI_SYSTEMIC] = 0, [AIGOV_GPAI_UNDETERMINED] = 1,
                               [AIGOV_GPAI_MODEL] = 2, [AIGOV_GPAI_NONE] = 3};
    return gpai >= 0 && gpai <= AIGOV_GPAI_UNDETERMINED ? rank[gpai] : 0;
}

void ag_verdict_init(aigov_verdict *v, ag_gate *g)
{
    if (g)
        memset(g, 0, sizeof *g);
    memset(v, 0, sizeof *v);
    v->tier = AIGOV_TIER_OUT_OF_SCOPE;
    v->gpai = AIGOV_GPAI_NONE;
}

void ag_verdict_add(aigov_verdict *v, ag_gate *g, const aigov_report *rep)
{
    const ag_tally *ty = &rep->tally;
    g->in_force_unknowns += ty->in_force_unknowns;
    g->standard_in_force_gaps += ty->standard_in_force_gaps;
    g->standard_in_force_unknowns += ty->standard_in_force_unknowns;
    v->summary.total += ty->all.total;
    v->summary.met += ty->all.met;
    v->summary.gap += ty->all.gap;
    v->summary.unknown += ty->all.unknown;
    v->summary.not_applicable += ty->all.not_applicable;
    v->summary.in_force_gaps += ty->in_force_gaps;
    if (rep->part == AG_PART_ORGANISATION) {
        v->organisation_in_force_gaps += ty->in_force_gaps;
        return; /* no classification: the organisation is not a system */
    }
    const ag_result *r = rep->r;
    v->summary.questions += ag_question_count((ag_result *)r, rep->t, rep->f);
    if (v->systems == 0 || tier_rank(r->tier) < tier_rank(v->tier))
        v->tier = r->tier;
    if (v->systems == 0 || gpai_rank(r->gpai) < gpai_rank(v->gpai))
        v->gpai = r->gpai;
    v->tiers |= 1u << r->tier;
    v->gpais |= 1u << r->gpai;
    v->prohibited += r->tier == AIGOV_TIER_PROHIBITED;
    v->undetermined += r->tier == AIGOV_TIER_UNDETERMINED;
    v->systems++;
}

void ag_verdict_finish(aigov_verdict *v, const ag_gate *g, int fail_on)
{
    v->fail_on = fail_on;
    int level = fail_on & ~AIGOV_FAIL_ON_ISO42001;
    /* the legal gate: a voluntary standard's gaps and unknowns count only when asked */
    int standard = (fail_on & AIGOV_FAIL_ON_ISO42001) != 0;
    size_t gaps = v->summary.in_force_gaps - (standard ? 0 : g->standard_in_force_gaps);
    size_t unknown = g->in_force_unknowns - (standard ? 0 : g->standard_in_force_unknowns);
    int failing = 0;
    if (level >= AIGOV_FAIL_ON_PROHIBITED)
        failing |= v->prohibited > 0;
    if (level >= AIGOV_FAIL_ON_GAP)
        failing |= gaps > 0;
    if (level >= AIGOV_FAIL_ON_UNKNOWN)
        /* only what could still turn the verdict on the duties in force: an
         * undetermined tier, or an unknown status of a rule in force */
        failing |= v->undetermined > 0 || unknown > 0;
    v->failing = failing;
}

int ag_report_verdict(aigov_verdict *out, const aigov_report *rep, int fail_on)
{
    ag_gate g;
    ag_verdict_init(out, &g);
    ag_verdict_add(out, &g, rep);
    ag_verdict_finish(out, &g, fail_on);
    return 0;
}

int ag_report_question(aigov_question *out, const aigov_report *rep, size_t index)
{
    if (index >= ag_report_questions(rep)->n_questions)
        return AIGOV_ENOTFOUND;
    int32_t fi = rep->r->questions[index];
    out->fact = rep->t->facts[fi].id;
    out->ask = rep->t->facts[fi].ask;
    out->affects_tier = rep->r->f_tier[fi];
    out->affects_gpai = rep->r->f_gpai[fi];
    out->affected_rules = rep->r->f_count[fi];
    return 0;
}
