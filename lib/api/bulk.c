/* Bulk reading (aigov.h, "Bulk reading"): a whole list of the report in one call, for hosts
 * whose every call is costly (a binding through an FFI pays about a microsecond a call, and
 * a report has thousands of rows). The rows say what the per-item accessors say
 * (report/access_*.c), read from the same report structures; nothing is computed here that
 * the report stage does not compute for them. */
#include "report/access.h"
#include "report/obligation.h"
#include "report/reasons.h"
#include "util/date.h"

/* Fields of the first versions: a caller's struct must hold at least these. */
#define OBLIGATION_LISTS_V1_SIZE (offsetof(aigov_obligation_lists, n_links) + sizeof(size_t))
#define QUESTION_LISTS_V1_SIZE (offsetof(aigov_question_lists, n_rules) + sizeof(size_t))

/* The rows a caller's array holds: none without the array. */
static size_t room(const void *rows, size_t cap)
{
    return rows ? cap : 0;
}

static int applies(const aigov_report *rep, int32_t ri)
{
    return rep->r->status[ri] != AIGOV_STATUS_NOT_APPLICABLE;
}

static size_t per_system_rows(const aigov_report *rep, int32_t ri)
{
    const ag_per_system *ps = rep->per_system;
    return rep->part == AG_PART_ORGANISATION && ps && ag_per_system_entry(ps, ri, 0) >= 0 ? ps->n_systems : 0;
}

/* The counts of one reported rule's lists; *coverage its crosswalk's support (or none). */
typedef struct rule_counts {
    size_t reasons, evidence, links;
    int coverage;
} rule_counts;

/* The counts but the reasons (the first pass kept those: count_rule). */
static void count_lists(rule_counts *c, const aigov_report *rep, int32_t ri)
{
    const ag_rule *ru = &rep->t->rules[ri];
    c->evidence = c->links = 0;
    c->coverage = AIGOV_COVERAGE_NONE;
    if (applies(rep, ri)) { /* what the JSON shows only of a rule that applies */
        int32_t met;
        c->evidence = ru->ev_n;
        c->coverage = ag_crosswalk_coverage(rep->t, rep->r, ri, &met);
        if (c->coverage != AIGOV_COVERAGE_NONE)
            c->links = (size_t)ru->xw_n;
    }
}

_Static_assert(AG_REASON_KEYS <= 255, "a rule's reason count fits bulk_n's byte");

/* The counts of shown rule i; its reasons' keys and count kept in the context's scratch
 * (report.h: bulk_keys, bulk_n) for the filling pass, which would walk them again. */
static void count_rule(rule_counts *c, const aigov_report *rep, size_t i)
{
    int32_t *keys = rep->bulk_keys + i * AG_REASON_KEYS;
    c->reasons = (size_t)ag_obligation_reasons(rep, rep->shown[i], keys);
    rep->bulk_n[i] = (uint8_t)c->reasons;
    count_lists(c, rep, rep->shown[i]);
}

static void reason_row(aigov_reason_row *row, const aigov_report *rep, int32_t key)
{
    const aigov_table *t = rep->t;
    row->key = (unsigned)key;
    row->rule = row->fact = NULL;
    if (key >= (int32_t)t->n_exprs) { /* an Annex A control's SoA decision */
        int32_t fact = key - (int32_t)t->n_exprs;
        row->kind = AIGOV_CONDITION_FACT;
        row->fact = t->facts[fact].id;
        row->result = ag_soa_decision_result(rep, fact);
        return;
    }
    const ag_expr *e = &t->exprs[key];
    row->kind = e->op == AG_OP_RULE ? AIGOV_CONDITION_RULE
                : e->op == AG_OP_AS_OF ? AIGOV_CONDITION_AS_OF
                : e->op == AG_OP_TRUE || e->op == AG_OP_FALSE ? AIGOV_CONDITION_TEST
                                                               : AIGOV_CONDITION_FACT;
    if (row->kind == AIGOV_CONDITION_RULE)
        row->rule = t->rules[e->a].id;
    else if (row->kind == AIGOV_CONDITION_FACT)
        row->fact = t->facts[e->a].id;
    row->result = ag_expr_value(rep->r, t, key);
}

static void evidence_row(aigov_evidence_row *row, const aigov_report *rep, int32_t ei)
{
    const aigov_table *t = rep->t;
    ag_ev_state st;
    ag_evidence_state(&st, rep, ei);
    row->item = t->evidence[ei].id;
    row->title = t->evidence[ei].title;
    row->state = ag_evidence_state_name(rep, &st);
    row->ref = ag_evidence_ref(rep, &st);
    row->implied_by = st.via >= 0 ? t->evidence[st.via].id : NULL;
}

static void link_row(aigov_link_row *row, const aigov_report *rep, int32_t slot)
{
    const aigov_table *t = rep->t;
    int32_t x = t->crosswalk[slot];
    row->rule = t->rules[x].id;
    row->link = ag_link_names[t->crosswalk_link[slot]];
    row->status = rep->r->status[x];
    row->still_needed = ag_crosswalk_still_needed(rep, x);
}

/* Fills reported rule i's row and its rows of the other lists (room checked by the caller). */
static void fill_rule(aigov_obligation_lists *o, const aigov_report *rep, size_t i)
{
    const aigov_table *t = rep->t;
    int32_t ri = rep->shown[i];
    const ag_rule *ru = &t->rules[ri];
    const ag_result *r = rep->r;
    rule_counts c;
    count_lists(&c, rep, ri);
    c.reasons = rep->bulk_n[i];
    const int32_t *keys = rep->bulk_keys + i * AG_REASON_KEYS;
    aigov_obligation_row *row = &o->obligations[i];
    memset(row, 0, sizeof *row);
    row->rule = (unsigned)ri;
    row->status = r->status[ri];
    ag_date_format(row->applies_from, r->rule_date[ri]);
    row->in_force = ag_in_force(r, ri);
    row->due_at_placing = (r->date_uncertain[ri] & AG_DATE_AT_PLACING) != 0;
    row->observation = ru->observation && r->status[ri] == AIGOV_STATUS_MET && r->rule_val[ri] == AG_T;
    row->coverage = c.coverage;
    row->reasons_first = o->n_reasons;
    row->reasons = c.reasons;
    row->evidence_first = o->n_evidence;
    row->evidence = c.evidence;
    row->links_first = o->n_links;
    row->links = c.links;
    for (size_t k = 0; k < c.reasons; k++)
        reason_row(&o->reasons[o->n_reasons++], rep, keys[k]);
    for (size_t k = 0; k < c.evidence; k++)
        evidence_row(&o->evidence[o->n_evidence++], rep, t->rule_evidence[ru->ev_first + (uint32_t)k]);
    for (size_t k = 0; k < c.links; k++)
        link_row(&o->links[o->n_links++], rep, ru->xw_first + (int32_t)k);
    if (applies(rep, ri)) {
        row->penalty_tier = ru->penalty >= 0 ? t->penalties[ru->penalty].id : NULL;
        if (c.coverage != AIGOV_COVERAGE_NONE)
            row->beyond = ru->beyond;
        row->systems = per_system_rows(rep, ri);
    }
}

int aigov_report_obligation_lists(aigov_obligation_lists *out, const aigov_report *rep)
{
    if (!out || !rep || out->size < OBLIGATION_LISTS_V1_SIZE)
        return AIGOV_EINVAL;
    ag_dates_rest((ag_result *)rep->r, rep->t, rep->f); /* a rule that does not apply: first use */
    size_t reasons = 0, evidence = 0, links = 0;
    for (uint32_t i = 0; i < rep->n_shown; i++) {
        rule_counts c;
        count_rule(&c, rep, i);
        reasons += c.reasons;
        evidence += c.evidence;
        links += c.links;
    }
    if (rep->n_shown > room(out->obligations, out->obligations_cap) || reasons > room(out->reasons, out->reasons_cap) ||
        evidence > room(out->evidence, out->evidence_cap) || links > room(out->links, out->links_cap)) {
        out->n_obligations = rep->n_shown;
        out->n_reasons = reasons;
        out->n_evidence = evidence;
        out->n_links = links;
        return AIGOV_ELIMIT;
    }
    out->n_obligations = rep->n_shown;
    out->n_reasons = out->n_evidence = out->n_links = 0;
    for (uint32_t i = 0; i < rep->n_shown; i++)
        fill_rule(out, rep, i);
    return 0;
}

int aigov_report_question_lists(aigov_question_lists *out, const aigov_report *rep)
{
    if (!out || !rep || out->size < QUESTION_LISTS_V1_SIZE)
        return AIGOV_EINVAL;
    /* each question's rules from the per-question index (the rules of t->reported, in
     * that order, as aigov_report_question_rule lists them), not a scan of every rule */
    const ag_result *r = ag_report_question_rules(rep);
    const aigov_table *t = rep->t;
    const uint32_t RW = r->q_rule_words;
    size_t rules = 0;
    for (uint32_t q = 0; q < r->n_questions; q++) {
        const uint64_t *bits = r->q_rule_bits + (size_t)r->questions[q] * RW;
        for (uint32_t w = 0; w < RW; w++)
            rules += (size_t)__builtin_popcountll(bits[w]);
    }
    out->n_questions = r->n_questions;
    out->n_rules = rules;
    if (r->n_questions > room(out->questions, out->questions_cap) || rules > room(out->rules, out->rules_cap))
        return AIGOV_ELIMIT;
    size_t n = 0;
    for (uint32_t q = 0; q < r->n_questions; q++) {
        int32_t fi = r->questions[q];
        aigov_question_row *row = &out->questions[q];
        row->fact = t->facts[fi].id;
        row->ask = t->facts[fi].ask;
        row->affects_tier = r->f_tier[fi];
        row->affects_gpai = r->f_gpai[fi];
        row->rules_first = n;
        const uint64_t *bits = r->q_rule_bits + (size_t)fi * RW;
        for (uint32_t w = 0; w < RW; w++)
            for (uint64_t m = bits[w]; m; m &= m - 1)
                out->rules[n++] = t->rules[t->reported[w * 64 + (uint32_t)__builtin_ctzll(m)]].id;
        row->affected_rules = n - row->rules_first;
    }
    return 0;
}
