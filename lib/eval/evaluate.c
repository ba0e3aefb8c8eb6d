/* Evaluation over the compiled table: rule values in dependency order, then
 * applicability dates, statuses, the classification chain and questions. */
#include <string.h>
#include "eval/result.h"
#include "util/date.h"

int ag_result_init(ag_result *r, const aigov_table *t, const ag_mem *mem)
{
    memset(r, 0, sizeof *r);
    size_t nr = t->n_rules + 1, nf = t->n_facts + 1;
    r->fact_words = (t->n_facts + 63) / 64;
    r->summary_words = r->fact_words / 64 + 1;
    r->words = r->fact_words + r->summary_words; /* then each set's summary (result.h) */
    r->expr_val = ag_calloc(mem, t->n_exprs + 1, 1);
    r->expr_epoch = ag_calloc(mem, t->n_exprs + 1, sizeof *r->expr_epoch);
    r->rule_val = ag_calloc(mem, nr, 1);
    r->rule_date = ag_calloc(mem, nr, sizeof *r->rule_date);
    r->date_uncertain = ag_calloc(mem, nr, 1);
    r->status = ag_calloc(mem, nr, 1);
    r->rule_bits = ag_calloc(mem, nr * r->words, sizeof(uint64_t));
    r->ask_bits = ag_calloc(mem, nr * r->words, sizeof(uint64_t));
    r->tier_bits = ag_calloc(mem, 6 * r->words, sizeof(uint64_t));
    r->f_tier = ag_calloc(mem, nf, 1);
    r->f_gpai = ag_calloc(mem, nf, 1);
    r->f_rank = ag_calloc(mem, nf, 1);
    r->f_count = ag_calloc(mem, nf, sizeof *r->f_count);
    r->f_in_force = ag_calloc(mem, nf, sizeof *r->f_in_force);
    r->f_gates = ag_calloc(mem, nf, sizeof *r->f_gates);
    r->questions = ag_calloc(mem, nf, sizeof *r->questions);
    r->sort_keys = ag_calloc(mem, nf, sizeof *r->sort_keys);
    r->f_tally = ag_calloc(mem, nf, sizeof *r->f_tally);
    r->open_rules = ag_calloc(mem, nr, sizeof *r->open_rules);
    uint32_t slots = 4;
    while (slots < 2 * nr)
        slots *= 2;
    r->set_slot_mask = slots - 1;
    r->set_slot = ag_calloc(mem, slots, sizeof *r->set_slot);
    r->set_tally = ag_calloc(mem, slots, sizeof *r->set_tally);
    r->set_used = ag_calloc(mem, nr, sizeof *r->set_used);
    r->bits_read = ag_calloc(mem, nr, 1);
    r->q_rule_words = t->n_reported / 64 + 1;
    r->q_rule_bits = ag_calloc(mem, nf * r->q_rule_words, sizeof *r->q_rule_bits);
    r->role_rules = ag_calloc(mem, nr, sizeof *r->role_rules);
    r->class_rules = ag_calloc(mem, nr, sizeof *r->class_rules);
    r->soa_checks = ag_calloc(mem, nr, sizeof *r->soa_checks);
    r->soa_statements = ag_calloc(mem, nr, sizeof *r->soa_statements);
    r->block_epoch = ag_calloc(mem, t->n_dates + 1, sizeof *r->block_epoch);
    r->block_date = ag_calloc(mem, t->n_dates + 1, sizeof *r->block_date);
    r->block_flags = ag_calloc(mem, t->n_dates + 1, 1);
    if (!r->expr_val || !r->expr_epoch || !r->rule_val || !r->rule_date || !r->date_uncertain || !r->status ||
        !r->rule_bits || !r->ask_bits || !r->tier_bits || !r->f_tier || !r->f_gpai ||
        !r->f_rank || !r->f_count || !r->f_in_force || !r->f_gates || !r->questions || !r->sort_keys ||
        !r->f_tally || !r->open_rules || !r->role_rules || !r->class_rules || !r->soa_checks ||
        !r->soa_statements ||
        !r->set_slot || !r->set_tally || !r->set_used || !r->bits_read || !r->q_rule_bits ||
        !r->block_epoch || !r->block_date || !r->block_flags) {
        ag_result_free(r, mem);
        return AIGOV_ENOMEM;
    }
    r->gpai_bits = r->tier_bits + r->words;
    r->all_bits = r->gpai_bits + r->words;
    r->role_bits = r->all_bits + r->words;
    r->date_bits = r->role_bits + r->words;
    r->tmp_bits = r->date_bits + r->words;
    uint16_t scoped = 0; /* frameworks whose first scoped Annex A control is listed */
    for (uint32_t ri = 0; ri < t->n_rules; ri++) { /* the rules a question's rank reads */
        const ag_rule *ru = &t->rules[ri];
        if (ru->confers_role >= 0)
            r->role_rules[r->n_role_rules++] = (int32_t)ri;
        if (ru->confers_role >= 0 || ru->classifies >= 0) {
            r->bits_read[ri] = AG_BITS_ALWAYS;
            r->class_rules[r->n_class_rules++] = (int32_t)ri;
        }
        /* frameworks number at most 16 (the compiler's limit, fw_assessed's size) */
        if (ru->soa_decision >= 0 && ru->within >= 0 && !(scoped >> ru->framework & 1)) {
            scoped |= (uint16_t)(1u << ru->framework);
            r->fw_scope_rule[r->n_fw_scope++] = (int32_t)ri;
        }
    }
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        if (r->bits_read[ri] == AG_BITS_NEVER)
            r->bits_read[ri] = AG_BITS_REPORTED;
        if (t->rules[ri].soa_of >= 0)
            r->soa_checks[r->n_soa_checks++] = ri;
        if (t->rules[ri].soa_statement)
            r->soa_statements[r->n_soa_statements++] = ri;
    }
    for (uint32_t e = 0; e < t->n_exprs; e++)
        if (t->exprs[e].op == AG_OP_RULE)
            r->bits_read[t->exprs[e].a] = AG_BITS_ALWAYS;
    return 0;
}

void ag_result_free(ag_result *r, const ag_mem *mem)
{
    void *ptrs[] = {r->expr_val, r->expr_epoch, r->rule_val, r->rule_date, r->date_uncertain, r->status,
                    r->rule_bits, r->ask_bits, r->tier_bits, r->f_tier,  r->f_gpai,
                    r->f_rank,   r->f_count,   r->f_in_force, r->f_gates,
                    r->questions, r->sort_keys, r->f_tally, r->open_rules, r->role_rules,
                    r->class_rules, r->soa_checks, r->soa_statements,
                    r->set_slot, r->set_tally, r->set_used, r->bits_read,
                    r->q_rule_bits,
                    r->block_epoch, r->block_date, r->block_flags};
    for (size_t i = 0; i < sizeof ptrs / sizeof *ptrs; i++)
        ag_mfree(mem, ptrs[i]);
    memset(r, 0, sizeof *r);
}

/* The applicability of an Annex A control (ISO/IEC 42001 6.1.3): the Statement of
 * Applicability is the baseline, not the role heuristic. Outside the management system
 * (`within` false) nothing applies; an excluded control does not apply (whether the
 * exclusion is justified is a finding of its own); an included one applies; while the SoA
 * is silent, `when` (the control's typical applicability) only decides whether the
 * decision is asked: false keeps the control out, otherwise it stays unknown. */
static uint8_t soa_applicability(const aigov_table *t, const ag_facts *f, const ag_rule *ru,
                                 uint8_t in, uint8_t typical)
{
    if (in == AG_F)
        return AG_F;
    const ag_value *dv = &f->vals[ru->soa_decision];
    if (dv->known) {
        const char *d = t->facts[ru->soa_decision].values[__builtin_ctzll(dv->v.mask)];
        return strcmp(d, "included") == 0 ? in : AG_F;
    }
    return typical == AG_F ? AG_F : AG_U;
}

static void eval_rules(ag_result *r, const aigov_table *t, const ag_facts *f)
{
    for (uint32_t k = 0; k < t->n_rules; k++) {
        const ag_rule *ru = &t->rules[t->order[k]];
        uint8_t in = ru->within >= 0 ? ag_eval_expr(t, f, r, ru->within) : AG_T;
        uint8_t v = ag_eval_expr(t, f, r, ru->when);
        if (ru->soa_decision >= 0)
            v = soa_applicability(t, f, ru, in, v);
        r->rule_val[t->order[k]] = v;
    }
}

/* applies_from: the first case that holds; while an earlier case is unknown,
 * the earliest date still possible (a duty never starts later than it may).
 * A case with not_before is due no earlier than that date fact's value when
 * the descriptor gives it (a pre-market duty falls due at the placing on the
 * market); an unknown value never postpones it. */
static void work_out_dates(ag_result *r, const aigov_table *t, const ag_facts *f, uint32_t ri)
{
    const ag_rule *ru = &t->rules[ri];
    uint32_t block = ru->dates_first;
    int32_t best = INT32_MAX;
    int uncertain = 0, at_placing = 0;
    for (uint32_t k = 0; k < ru->dates_n; k++) {
        const ag_date_case *dc = &t->dates[ru->dates_first + k];
        uint8_t v = dc->cond < 0 ? AG_T : ag_eval_expr(t, f, r, dc->cond);
        if (v == AG_F)
            continue;
        int32_t d = dc->date;
        int placing = 0;
        if (dc->not_before > 0) {
            const ag_value *nb = &f->vals[dc->not_before - 1];
            if (nb->known && nb->v.date > d) {
                d = nb->v.date;
                placing = 1;
            }
        }
        if (d < best) {
            best = d;
            at_placing = placing;
        }
        if (v == AG_T)
            break;
        uncertain = 1;
    }
    r->rule_date[ri] = best;
    /* bit 0: an earlier case is unknown; bit 1: the date is the placing on the
     * market (a not_before fact won), which the reports say as "due at placing" */
    r->date_uncertain[ri] = (uint8_t)(uncertain | (at_placing << 1));
    r->block_epoch[block] = r->epoch;
    r->block_date[block] = best;
    r->block_flags[block] = r->date_uncertain[ri];
}

/* Rules with the same cases share the block, worked out once per evaluation: the
 * rules after the first read it here, inline (most calls). */
static inline void eval_dates(ag_result *r, const aigov_table *t, const ag_facts *f, uint32_t ri)
{
    uint32_t block = t->rules[ri].dates_first;
    if (r->block_epoch[block] == r->epoch) {
        r->rule_date[ri] = r->block_date[block];
        r->date_uncertain[ri] = r->block_flags[block];
        return;
    }
    work_out_dates(r, t, f, ri);
}

static uint8_t obligation_status(const ag_result *r, const aigov_table *t, const ag_facts *f,
                                 uint32_t ri)
{
    const ag_rule *ru = &t->rules[ri];
    uint8_t v = r->rule_val[ri];
    if (ru->kind == AG_K_FINDING) { /* `when` describes a problem, `within` where it is checked */
        uint8_t in = ru->within >= 0 ? ag_expr_value(r, t, ru->within) : AG_T;
        if (in == AG_F)
            return AIGOV_STATUS_NOT_APPLICABLE;
        if (in == AG_U)
            return AIGOV_STATUS_UNKNOWN;
        if (v == AG_T && ru->observation) /* an auditor's observation: noted, never a nonconformity */
            return AIGOV_STATUS_MET;
        return v == AG_T ? AIGOV_STATUS_GAP : v == AG_F ? AIGOV_STATUS_MET : AIGOV_STATUS_UNKNOWN;
    }
    if (v == AG_F)
        return AIGOV_STATUS_NOT_APPLICABLE;
    if (v == AG_U)
        return AIGOV_STATUS_UNKNOWN;
    if (ru->kind == AG_K_PROHIBITION)
        return AIGOV_STATUS_GAP;
    int missing = 0;
    for (uint32_t k = 0; k < ru->ev_n; k++) {
        const ag_value *ev = ag_evidence_value(t, f, t->rule_evidence[ru->ev_first + k]);
        if (!ev->known)
            missing = 1;
        else if (ev->v.mask != (1u << AG_EV_IMPLEMENTED))
            return AIGOV_STATUS_GAP;
    }
    return missing ? AIGOV_STATUS_UNKNOWN : AIGOV_STATUS_MET;
}

/* ISO/IEC 42001 6.1.3 d): the Statement of Applicability justifies every inclusion and
 * exclusion and must hold up against the law; the clause requiring it cannot be met beside
 * an open check of the SoA. A gap of a check makes it a gap; an unknown check keeps a met
 * clause unknown. */
static void soa_statement_status(ag_result *r)
{
    int gap = 0, unknown = 0;
    for (uint32_t k = 0; k < r->n_soa_checks; k++) {
        uint8_t st = r->status[r->soa_checks[k]];
        gap |= st == AIGOV_STATUS_GAP;
        unknown |= st == AIGOV_STATUS_UNKNOWN;
    }
    for (uint32_t k = 0; k < r->n_soa_statements; k++) {
        uint8_t *st = &r->status[r->soa_statements[k]];
        if (*st == AIGOV_STATUS_NOT_APPLICABLE)
            continue;
        if (gap)
            *st = AIGOV_STATUS_GAP;
        else if (unknown && *st == AIGOV_STATUS_MET)
            *st = AIGOV_STATUS_UNKNOWN;
    }
}

/* Walks a chain of classes in order: the first true one wins; unknown ones
 * stay possible. Returns the single possible outcome or `undetermined`. */
static int chain(const uint8_t *vals, const int *classes, const int *outcomes, int n,
                 int fallback, int undetermined, uint32_t *possible)
{
    *possible = 0;
    for (int k = 0; k < n; k++) {
        uint8_t v = vals[classes[k]];
        if (v == AG_F)
            continue;
        *possible |= 1u << outcomes[k];
        if (v == AG_T)
            goto done;
    }
    *possible |= 1u << fallback;
done:
    for (int k = 0; k < 32; k++)
        if (*possible == 1u << k)
            return k;
    return undetermined;
}

static void classify(ag_result *r, const aigov_table *t)
{
    for (int c = 0; c < AG_C_COUNT; c++)
        r->class_val[c] = AG_F;
    r->roles = 0;
    for (uint32_t k = 0; k < r->n_class_rules; k++) {
        int32_t ri = r->class_rules[k];
        const ag_rule *ru = &t->rules[ri];
        uint8_t v = r->rule_val[ri];
        if (ru->confers_role >= 0 && v == AG_T)
            r->roles |= 1u << ru->confers_role;
        if (ru->classifies < 0 || v == AG_F)
            continue;
        /* a prohibition counts only while in force */
        if (ru->kind == AG_K_PROHIBITION && r->as_of < r->rule_date[ri])
            continue;
        uint8_t *cv = &r->class_val[ru->classifies];
        if (v == AG_T)
            *cv = AG_T;
        else if (*cv == AG_F)
            *cv = AG_U;
    }
    static const int tier_classes[] = {AG_C_OUT_OF_SCOPE, AG_C_PROHIBITED, AG_C_HIGH_RISK,
                                       AG_C_LIMITED};
    static const int tier_out[] = {AIGOV_TIER_OUT_OF_SCOPE, AIGOV_TIER_PROHIBITED,
                                   AIGOV_TIER_HIGH_RISK, AIGOV_TIER_LIMITED};
    r->tier = chain(r->class_val, tier_classes, tier_out, 4, AIGOV_TIER_MINIMAL,
                    AIGOV_TIER_UNDETERMINED, &r->possible_tiers);
    static const int gpai_classes[] = {AG_C_GPAI_SYSTEMIC, AG_C_GPAI};
    static const int gpai_out[] = {AIGOV_GPAI_SYSTEMIC, AIGOV_GPAI_MODEL};
    r->gpai = chain(r->class_val, gpai_classes, gpai_out, 2, AIGOV_GPAI_NONE,
                    AIGOV_GPAI_UNDETERMINED, &r->possible_gpai);
}

void ag_dates_rest(ag_result *r, const aigov_table *t, const ag_facts *f)
{
    if (r->dates_ready)
        return;
    r->dates_ready = 1;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        uint32_t ri = (uint32_t)t->reported[k];
        if (r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE)
            eval_dates(r, t, f, ri);
    }
}

static void assess_frameworks(ag_result *r, const aigov_table *t)
{
    memset(r->fw_assessed, 1, sizeof r->fw_assessed);
    for (uint32_t k = 0; k < r->n_fw_scope; k++) {
        const ag_rule *ru = &t->rules[r->fw_scope_rule[k]];
        r->fw_assessed[ru->framework] = ag_expr_value(r, t, ru->within) != AG_U;
    }
}

int ag_evaluate(ag_result *r, const aigov_table *t, const ag_facts *f, int32_t as_of,
                const ag_mem *mem)
{
    r->as_of = as_of;
    if (++r->epoch == 0) { /* after 2^32 evaluations: every remembered block forgotten */
        memset(r->block_epoch, 0, (t->n_dates + 1) * sizeof *r->block_epoch);
        memset(r->expr_epoch, 0, (t->n_exprs + 1) * sizeof *r->expr_epoch);
        r->epoch = 1;
    }
    eval_rules(r, t, f);
    assess_frameworks(r, t);
    /* Statuses read no date, so a rule that does not apply skips its date cases (most
     * of a table's rules, each with its own cases): only a rendering shows that date,
     * and asks for it (ag_dates_rest). Classification and in-force counts read the
     * dates of rules that apply (a prohibition that classifies has status gap). */
    for (uint32_t k = 0; k < t->n_reported; k++) {
        uint32_t ri = (uint32_t)t->reported[k];
        r->status[ri] = obligation_status(r, t, f, ri);
        if (r->status[ri] != AIGOV_STATUS_NOT_APPLICABLE)
            eval_dates(r, t, f, ri);
    }
    soa_statement_status(r);
    classify(r, t);
    r->questions_ready = 0;
    r->q_rules_ready = 0;
    r->dates_ready = 0;
    (void)mem;
    return 0;
}
