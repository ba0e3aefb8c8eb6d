/* What evaluation produces from facts and a table: three-valued rule values,
 * statuses, dates, the classification and the ordered questions. Lives in
 * the context and is reused; sized once for the table. */
#ifndef AIGOV_EVAL_RESULT_H
#define AIGOV_EVAL_RESULT_H
#include <stddef.h>
#include <stdint.h>
#include "descriptor/facts.h"

enum ag_kleene { AG_F = 0, AG_T = 1, AG_U = 2 };

/* Who reads a rule's set of unknown facts: no one; its own row only (not while its
 * framework is not assessed); or a rule that references it, a class or a role. */
enum { AG_BITS_NEVER = 0, AG_BITS_REPORTED = 1, AG_BITS_ALWAYS = 2 };

#define AG_DATE_AT_PLACING 2 /* date_uncertain bit: the applies_from is the placing date */

typedef struct ag_counts {
    size_t total, met, gap, unknown, not_applicable;
} ag_counts;

typedef struct ag_result {
    int32_t as_of;
    uint8_t *expr_val;   /* per interned expression (by ag_expr.same; read with ag_expr_value) */
    uint32_t *expr_epoch; /* per interned expression shared by several: worked out at epoch */
    uint8_t *rule_val;   /* every rule's `when` (n_rules) */
    int32_t *rule_date;  /* applies_from per rule (of a rule that does not apply: see dates_ready) */
    uint8_t *date_uncertain; /* bit 0 date uncertain, bit 1 due at placing (AG_DATE_AT_PLACING) */
    uint8_t *status;     /* aigov_obligation_status per rule (reported ones) */
    uint8_t class_val[AG_C_COUNT];
    int tier, gpai;
    uint32_t possible_tiers, possible_gpai; /* bit per aigov_tier / aigov_gpai */
    uint32_t roles;      /* bit per ag_role_names */
    /* questions: sets of unknown facts as bit sets of `words` words: fact_words words of
     * facts, then summary_words words whose bit b of word j says fact word 64 * j + b may
     * be non-zero (one word up to 4,032 facts); the other words are zero, so a union or a
     * count visits only the few words a set uses (questions.c) */
    uint32_t words, fact_words, summary_words;
    uint64_t *rule_bits;  /* per rule: unknown facts its `when` depends on (when unknown) */
    uint64_t *ask_bits;   /* per rule: unknown facts that would decide its status or date */
    uint64_t *tier_bits, *gpai_bits, *all_bits;
    uint64_t *role_bits, *date_bits; /* facts that decide a role, a reported rule's date */
    uint64_t *tmp_bits;   /* scratch: one rule's date cases */
    uint8_t *f_tier, *f_gpai;
    uint8_t *f_rank;      /* per question fact: aigov_question_rank */
    uint32_t *f_count;
    uint32_t *f_in_force; /* per question fact: affected reported rules in force at as_of */
    uint32_t *f_gates;    /* per question fact: open classifying rules whose condition reads it */
    uint64_t *f_tally;    /* per question fact while counting: rules affected | in force << 32 */
    int32_t *open_rules;  /* the open classifying rules (ag_question_count) */
    uint32_t n_open;
    /* counting the distinct sets the reported rules ask (questions.c): an open-addressing
     * table of rule + 1 (0: empty) with each set's count, its used slots listed */
    int32_t *set_slot;
    uint64_t *set_tally;
    uint32_t *set_used;
    uint32_t set_slot_mask;
    int32_t *role_rules;  /* the rules that confer a role (the table's, listed once) */
    /* the rules each later step of an evaluation reads, listed once from the table (most
     * rules are none of these, and each step walked them all): those that classify or
     * confer a role, in table order (classify); the reported checks of an SoA entry and
     * the reported rules that require the SoA, in report order (soa_statement_status);
     * per framework its first Annex A control with a scope (assess_frameworks) */
    int32_t *class_rules, *soa_checks, *soa_statements;
    uint32_t n_class_rules, n_soa_checks, n_soa_statements;
    int32_t fw_scope_rule[16];
    uint32_t n_fw_scope;
    uint8_t *bits_read;   /* per rule: who reads its set of unknown facts (AG_BITS_*) */
    /* each question's affected reported rules, built on first use (aigov_report_question_rule):
     * per fact a bit set of positions in t->reported, q_rule_words words */
    uint64_t *q_rule_bits;
    uint32_t q_rule_words;
    int q_rules_ready;
    uint32_t n_role_rules;
    int32_t *questions;  /* fact indices in asking order */
    uint32_t n_questions;
    int questions_ready; /* computed on first use: a gate reading the tier never pays */
    int dates_ready;     /* 1 once the rules that do not apply have their dates too (ag_dates_rest) */
    /* a block of date cases shared by rules (compiled once): its outcome, worked out once
     * per evaluation, by the block's first case index; valid while block_epoch == epoch */
    uint32_t epoch;
    uint32_t *block_epoch;
    int32_t *block_date;
    uint8_t *block_flags;
    uint64_t *sort_keys;
    /* Per framework: whether it is assessed. A framework whose Annex A controls are scoped
     * by `within` (ISO/IEC 42001: the AI management system) is not assessed while that scope
     * is unknown: its rows, readiness, SoA and questions give way to the one question that
     * decides it (the facts of the scope). */
    uint8_t fw_assessed[16];
    /* the counts of what a report shows are the report stage's (ag_tally) */
} ag_result;

/* The value that decides evidence item e: its own, or, when its state falls short of
 * 'implemented' and the item it is implied_by is 'implemented', that item's (the AI
 * Act artefact contains the ISO/IEC 42001 record; never the other way round). */
static inline const ag_value *ag_evidence_value(const aigov_table *t, const ag_facts *f, int32_t e)
{
    const ag_evidence *ev = &t->evidence[e];
    const ag_value *v = &f->vals[ev->fact];
    if (ev->implied_by < 0 || (v->known && v->v.mask == (1u << AG_EV_IMPLEMENTED)))
        return v;
    const ag_value *src = &f->vals[t->evidence[ev->implied_by].fact];
    return src->known && src->v.mask == (1u << AG_EV_IMPLEMENTED) ? src : v;
}

/* The value of expression ei in the last evaluation: the slot of its interned class
 * (ag_expr.same), which every expression structurally equal to it shares. */
static inline uint8_t ag_expr_value(const ag_result *r, const aigov_table *t, int32_t ei)
{
    return r->expr_val[t->exprs[ei].same];
}

int ag_result_init(ag_result *r, const aigov_table *t, const ag_mem *mem);
void ag_result_free(ag_result *r, const ag_mem *mem);

/* Three-valued value of expression ei given facts and the rule values
 * already computed (rules are evaluated in dependency order): kleene.c.
 * Called through ag_eval_expr only: a shared ei is not yet worked out. */
uint8_t ag_eval_node(const aigov_table *t, const ag_facts *f, ag_result *r, int32_t ei);

/* The same, a shared expression already worked out in this evaluation read inline:
 * about half the calls are such, and each paid a call with the evaluator's register
 * saves to read one byte. */
static inline uint8_t ag_eval_expr(const aigov_table *t, const ag_facts *f, ag_result *r, int32_t ei)
{
    const ag_expr *e = &t->exprs[ei];
    if (e->shared && r->expr_epoch[e->same] == r->epoch)
        return r->expr_val[e->same];
    return ag_eval_node(t, f, r, ei);
}

/* Whether answering fact fi could change reported rule ri. */
static inline int ag_affects(const ag_result *r, int32_t fi, int32_t ri)
{
    return (int)((r->ask_bits[(size_t)ri * r->words + (uint32_t)fi / 64] >> ((uint32_t)fi % 64)) & 1u);
}

/* Computes the questions of the last evaluation (if not done yet): their
 * number only, or also their order and what each affects. */
uint32_t ag_question_count(ag_result *r, const aigov_table *t, const ag_facts *f);
void ag_questions(ag_result *r, const aigov_table *t, const ag_facts *f);

/* The applies_from dates of the reported rules that do not apply (status
 * not_applicable), which only a rendering or aigov_report_obligation shows: computed
 * on first use, from the same facts, like the questions. */
void ag_dates_rest(ag_result *r, const aigov_table *t, const ag_facts *f);

/* Evaluates every rule, classifies and computes statuses and the dates of the
 * reported rules that apply (or may: status met, gap or unknown); the dates of the
 * others and the questions follow on first use (ag_dates_rest, ag_questions). */
int ag_evaluate(ag_result *r, const aigov_table *t, const ag_facts *f, int32_t as_of,
                const ag_mem *mem);
#endif
