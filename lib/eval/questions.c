/* Questions: the unknown facts that could change the classification or a reported
 * rule, what each affects and the asking order. Computed on first use (a gate that
 * reads only the tier never pays), from the values the evaluation left.
 *
 * A set of facts is a bit set with summary words (result.h): a rule reads a handful
 * of facts, in one or two words of the catalogue, so unions, copies and counts visit
 * only the words the summary flags. */
#include <string.h>
#include "eval/result.h"

/* A set's summary words follow its fact words: bit b of summary word j says fact word
 * 64 * j + b may be non-zero (one summary word up to 4,032 facts). */
#define SUMMARY(r, s) ((s) + (r)->fact_words)

/* Each set operation is written once, over ns summary words, and its wrapper passes the
 * constant 1 when the table has one summary word (up to 4,032 facts; the built-in one has
 * hundreds): the compiler then drops the loop over summary words from that inlined copy,
 * which the questions' hot loops take. */

static inline __attribute__((always_inline)) void set_clear_n(const ag_result *r, uint64_t *s, uint32_t ns)
{
    uint64_t *sum = SUMMARY(r, s);
    for (uint32_t j = 0; j < ns; j++) {
        for (uint64_t m = sum[j]; m; m &= m - 1)
            s[j * 64 + (uint32_t)__builtin_ctzll(m)] = 0;
        sum[j] = 0;
    }
}

static inline void set_clear(const ag_result *r, uint64_t *s)
{
    if (r->summary_words == 1)
        set_clear_n(r, s, 1);
    else
        set_clear_n(r, s, r->summary_words);
}

static inline __attribute__((always_inline)) void set_or_n(const ag_result *r, uint64_t *dst, const uint64_t *src,
                                                           uint32_t ns)
{
    const uint64_t *sum = SUMMARY(r, src);
    for (uint32_t j = 0; j < ns; j++) {
        SUMMARY(r, dst)[j] |= sum[j];
        for (uint64_t m = sum[j]; m; m &= m - 1) {
            uint32_t w = j * 64 + (uint32_t)__builtin_ctzll(m);
            dst[w] |= src[w];
        }
    }
}

static inline void set_or(const ag_result *r, uint64_t *dst, const uint64_t *src)
{
    if (r->summary_words == 1)
        set_or_n(r, dst, src, 1);
    else
        set_or_n(r, dst, src, r->summary_words);
}

static inline void set_bit(const ag_result *r, uint64_t *s, int32_t fi)
{
    uint32_t w = (uint32_t)fi / 64;
    s[w] |= 1ull << ((uint32_t)fi % 64);
    SUMMARY(r, s)[w / 64] |= 1ull << (w % 64);
}

static int has_bit(const uint64_t *bits, int32_t fi)
{
    return (int)((bits[(uint32_t)fi / 64] >> ((uint32_t)fi % 64)) & 1u);
}

/* Runs BODY with FACT each fact of set s, in catalogue order, over NS summary words. */
#define SET_EACH_N(r, s, NS, FACT, BODY)                                                 \
    for (uint32_t j_ = 0; j_ < (NS); j_++)                                               \
        for (uint64_t sm_ = SUMMARY(r, s)[j_]; sm_; sm_ &= sm_ - 1) {                    \
            uint32_t w_ = j_ * 64 + (uint32_t)__builtin_ctzll(sm_);                      \
            for (uint64_t m_ = (s)[w_]; m_; m_ &= m_ - 1) {                              \
                int32_t FACT = (int32_t)(w_ * 64 + (uint32_t)__builtin_ctzll(m_));       \
                BODY;                                                                    \
            }                                                                            \
        }

/* SET_EACH_N with the constant 1 for a table of one summary word, as the set operations. */
#define SET_EACH(r, s, FACT, BODY)                                                       \
    do {                                                                                 \
        if ((r)->summary_words == 1) {                                                   \
            SET_EACH_N(r, s, 1u, FACT, BODY)                                             \
        } else {                                                                         \
            SET_EACH_N(r, s, (r)->summary_words, FACT, BODY)                             \
        }                                                                                \
    } while (0)

/* The unknown facts an unknown condition depends on: the leaves of its unknown parts,
 * and through an unknown rule reference that rule's own set. Rules are visited in
 * dependency order, so a referenced rule's set is ready. Expression ei is unknown. */
static void unknown_leaf(const ag_result *r, const ag_expr *e, uint64_t *bits)
{
    if (e->op == AG_OP_RULE)
        set_or(r, bits, r->rule_bits + (size_t)e->a * r->words);
    else if (e->op >= AG_OP_IS && e->op <= AG_OP_CMP)
        set_bit(r, bits, e->a); /* is, eq/in/has, empty, a comparison: the fact read */
}

static void unknown_parts(const ag_result *r, const aigov_table *t, const ag_expr *e, uint64_t *bits);

/* The unknown facts of expression ei if it is unknown. A leaf is read here, inline (most
 * conditions the questions walk are a rule reference or a fact test); only an `all` or
 * `any` is walked out of line. */
static inline void unknown_facts(const ag_result *r, const aigov_table *t, int32_t ei, uint64_t *bits)
{
    if (ag_expr_value(r, t, ei) != AG_U)
        return;
    const ag_expr *e = &t->exprs[ei];
    while (e->op == AG_OP_NOT)
        e = &t->exprs[e->a];
    if (e->op == AG_OP_ALL || e->op == AG_OP_ANY)
        unknown_parts(r, t, e, bits);
    else
        unknown_leaf(r, e, bits);
}

/* The parts of an unknown `all` or `any` (e): its unknown kids' facts. */
static void unknown_parts(const ag_result *r, const aigov_table *t, const ag_expr *e, uint64_t *bits)
{
    for (int32_t k = 0; k < e->b; k++)
        unknown_facts(r, t, t->kids[e->a + k], bits);
}

/* Whether class c is among the outcomes still possible (set by classify). */
static int class_possible(const ag_result *r, int c)
{
    switch (c) {
    case AG_C_OUT_OF_SCOPE: return (r->possible_tiers >> AIGOV_TIER_OUT_OF_SCOPE) & 1;
    case AG_C_PROHIBITED: return (r->possible_tiers >> AIGOV_TIER_PROHIBITED) & 1;
    case AG_C_HIGH_RISK: return (r->possible_tiers >> AIGOV_TIER_HIGH_RISK) & 1;
    case AG_C_LIMITED: return (r->possible_tiers >> AIGOV_TIER_LIMITED) & 1;
    case AG_C_GPAI: return (r->possible_gpai >> AIGOV_GPAI_MODEL) & 1;
    case AG_C_GPAI_SYSTEMIC: return (r->possible_gpai >> AIGOV_GPAI_SYSTEMIC) & 1;
    default: return 0;
    }
}

/* Whether rule ri is an open classifying rule whose facts can still change
 * the tier or the GPAI class. */
static int open_class_rule(const ag_result *r, const aigov_table *t, uint32_t ri)
{
    const ag_rule *ru = &t->rules[ri];
    if (ru->classifies < 0 || r->rule_val[ri] != AG_U)
        return 0;
    if (ru->kind == AG_K_PROHIBITION && r->as_of < r->rule_date[ri])
        return 0;
    int is_gpai = ru->classifies == AG_C_GPAI || ru->classifies == AG_C_GPAI_SYSTEMIC;
    if (is_gpai ? r->gpai != AIGOV_GPAI_UNDETERMINED : r->tier != AIGOV_TIER_UNDETERMINED)
        return 0;
    /* only a class that could still win: below a class that holds, its facts change nothing */
    return class_possible(r, ru->classifies);
}

/* The unknown facts of the date cases of rule ri that were evaluated: the cases up to
 * the first that holds. */
static void date_facts(const ag_result *r, const aigov_table *t, const ag_rule *ru, uint64_t *bits)
{
    for (uint32_t d = 0; d < ru->dates_n; d++) {
        int32_t cond = t->dates[ru->dates_first + d].cond;
        if (cond < 0 || ag_expr_value(r, t, cond) == AG_T)
            break;
        unknown_facts(r, t, cond, bits);
    }
}

/* The date facts of rule ru's block of date cases into tmp_bits (and date_bits), walked
 * only when *tmp_block, the block tmp_bits holds, is another. */
static void block_date_facts(ag_result *r, const aigov_table *t, const ag_rule *ru, int64_t *tmp_block)
{
    if (ru->dates_first == *tmp_block)
        return;
    set_clear(r, r->tmp_bits);
    date_facts(r, t, ru, r->tmp_bits);
    set_or(r, r->date_bits, r->tmp_bits);
    *tmp_block = ru->dates_first;
}

/* Stage 1: which facts are asked (the sets); stage 2 (ag_questions): how many
 * rules each affects and the asking order. A summary needs only stage 1. */
uint32_t ag_question_count(ag_result *r, const aigov_table *t, const ag_facts *f)
{
    if (r->questions_ready >= 1)
        return r->n_questions;
    r->questions_ready = 1;
    uint32_t W = r->words;
    uint64_t *sets[] = {r->tier_bits, r->gpai_bits, r->all_bits, r->role_bits, r->date_bits};
    for (size_t k = 0; k < sizeof sets / sizeof *sets; k++)
        set_clear(r, sets[k]);
    for (uint32_t k = 0; k < t->n_rules; k++) {
        int32_t ri = t->order[k];
        if (r->rule_val[ri] != AG_U)
            continue;
        const ag_rule *ru = &t->rules[ri];
        /* a set nothing reads: a rule only reported, of a framework not assessed (its
         * rows ask the scope alone), or one no rule, class or role reads */
        if (r->bits_read[ri] != AG_BITS_ALWAYS &&
            (r->bits_read[ri] == AG_BITS_NEVER || !r->fw_assessed[ru->framework]))
            continue;
        uint64_t *bits = r->rule_bits + (size_t)ri * W;
        set_clear(r, bits);
        if (ru->soa_decision < 0) {
            unknown_facts(r, t, ru->when, bits);
            continue;
        }
        /* an SoA control: its scope, then the decision; the typical applicability
         * matters only while the decision is not recorded */
        if (ru->within >= 0)
            unknown_facts(r, t, ru->within, bits);
        if (!f->vals[ru->soa_decision].known) {
            set_bit(r, bits, ru->soa_decision);
            unknown_facts(r, t, ru->when, bits);
        }
    }
    r->n_open = 0;
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        const ag_rule *ru = &t->rules[ri];
        if (!open_class_rule(r, t, ri))
            continue;
        r->open_rules[r->n_open++] = (int32_t)ri;
        int is_gpai = ru->classifies == AG_C_GPAI || ru->classifies == AG_C_GPAI_SYSTEMIC;
        set_or(r, is_gpai ? r->gpai_bits : r->tier_bits, r->rule_bits + (size_t)ri * W);
    }
    set_or(r, r->all_bits, r->tier_bits);
    set_or(r, r->all_bits, r->gpai_bits);
    const uint64_t *scope_ask = NULL; /* the last scope walked alone, and its class */
    int32_t scope_same = -1;
    /* tmp_bits holds the date facts of this block of date cases (rules with the same cases
     * share a block, and neighbours in the report often do) */
    int64_t tmp_block = -1;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        const ag_rule *ru = &t->rules[ri];
        uint64_t *ask = r->ask_bits + (size_t)ri * W;
        set_clear(r, ask);
        if (ru->within >= 0 && ag_expr_value(r, t, ru->within) == AG_F)
            continue; /* a finding outside its scope asks nothing */
        /* the facts that decide when a duty applies rank as such (even where its
         * framework is not assessed) */
        int dated = (r->date_uncertain[ri] & 1) && r->rule_val[ri] != AG_F;
        if (!r->fw_assessed[ru->framework]) { /* the scope alone: one question */
            if (ru->within >= 0 && scope_ask && t->exprs[ru->within].same == scope_same) {
                set_or(r, ask, scope_ask); /* the same scope as the last such rule's */
            } else if (ru->within >= 0) {
                unknown_facts(r, t, ru->within, ask);
                scope_same = t->exprs[ru->within].same;
                scope_ask = ask;
            }
            set_or(r, r->all_bits, ask);
            if (dated)
                block_date_facts(r, t, ru, &tmp_block);
            continue;
        }
        if (r->rule_val[ri] == AG_U)
            set_or(r, ask, r->rule_bits + (size_t)ri * W);
        if (ru->within >= 0)
            unknown_facts(r, t, ru->within, ask);
        if (dated) {
            block_date_facts(r, t, ru, &tmp_block);
            set_or(r, ask, r->tmp_bits);
        }
        if (r->rule_val[ri] == AG_T && r->status[ri] == AIGOV_STATUS_UNKNOWN)
            for (uint32_t e = 0; e < ru->ev_n; e++) {
                int32_t ei = t->rule_evidence[ru->ev_first + e];
                if (!ag_evidence_value(t, f, ei)->known)
                    set_bit(r, ask, t->evidence[ei].fact);
            }
        set_or(r, r->all_bits, ask);
    }
    uint32_t count = 0;
    for (uint32_t w = 0; w < r->fact_words; w++)
        count += (uint32_t)__builtin_popcountll(r->all_bits[w]);
    r->n_questions = count;
    return count;
}

/* Sorts n distinct keys ascending: a binary search for each key's place, the larger ones
 * moved up in one go (a report has tens of questions). */
static void sort_keys(uint64_t *keys, uint32_t n)
{
    for (uint32_t k = 1; k < n; k++) {
        uint64_t key = keys[k];
        uint32_t lo = 0, hi = k;
        while (lo < hi) {
            uint32_t mid = (lo + hi) / 2;
            if (keys[mid] > key)
                hi = mid;
            else
                lo = mid + 1;
        }
        memmove(keys + lo + 1, keys + lo, (k - lo) * sizeof *keys);
        keys[lo] = key;
    }
}

static inline __attribute__((always_inline)) int set_empty_n(const ag_result *r, const uint64_t *s, uint32_t ns)
{
    for (uint32_t j = 0; j < ns; j++)
        if (SUMMARY(r, s)[j])
            return 0;
    return 1;
}

static int set_empty(const ag_result *r, const uint64_t *s)
{
    return r->summary_words == 1 ? set_empty_n(r, s, 1) : set_empty_n(r, s, r->summary_words);
}

static inline __attribute__((always_inline)) uint64_t set_hash_n(const ag_result *r, const uint64_t *s, uint32_t ns)
{
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (uint32_t j = 0; j < ns; j++) {
        h = (h ^ SUMMARY(r, s)[j]) * 0xFF51AFD7ED558CCDull;
        for (uint64_t m = SUMMARY(r, s)[j]; m; m &= m - 1) {
            h = (h ^ s[j * 64 + (uint32_t)__builtin_ctzll(m)]) * 0xFF51AFD7ED558CCDull;
            h ^= h >> 29;
        }
    }
    return h ^ (h >> 32);
}

static uint64_t set_hash(const ag_result *r, const uint64_t *s)
{
    return r->summary_words == 1 ? set_hash_n(r, s, 1) : set_hash_n(r, s, r->summary_words);
}

static int set_equal(const ag_result *r, const uint64_t *a, const uint64_t *b)
{
    for (uint32_t j = 0; j < r->summary_words; j++) {
        if (SUMMARY(r, a)[j] != SUMMARY(r, b)[j])
            return 0;
        for (uint64_t m = SUMMARY(r, a)[j]; m; m &= m - 1) {
            uint32_t w = j * 64 + (uint32_t)__builtin_ctzll(m);
            if (a[w] != b[w])
                return 0;
        }
    }
    return 1;
}

/* How many reported rules each question affects, and how many of them are in force.
 * Rules share their sets (those a role or a scope gates ask the same facts): each
 * distinct set is counted once with how many rules ask it, one addition per fact of
 * each distinct set. */
static void tally_rules(ag_result *r, const aigov_table *t)
{
    uint32_t W = r->words, n_used = 0;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t ri = t->reported[k];
        const uint64_t *ask = r->ask_bits + (size_t)ri * W;
        if (set_empty(r, ask))
            continue;
        uint64_t add = 1 | (uint64_t)(r->as_of >= r->rule_date[ri]) << 32;
        uint32_t s = (uint32_t)set_hash(r, ask) & r->set_slot_mask;
        for (;; s = (s + 1) & r->set_slot_mask) {
            int32_t at = r->set_slot[s];
            if (at == 0) {
                r->set_slot[s] = ri + 1;
                r->set_tally[s] = add;
                r->set_used[n_used++] = s;
                break;
            }
            if (set_equal(r, ask, r->ask_bits + (size_t)(at - 1) * W)) {
                r->set_tally[s] += add;
                break;
            }
        }
    }
    for (uint32_t k = 0; k < n_used; k++) {
        uint32_t s = r->set_used[k];
        uint64_t add = r->set_tally[s];
        SET_EACH(r, r->ask_bits + (size_t)(r->set_slot[s] - 1) * W, fi, r->f_tally[fi] += add);
        r->set_slot[s] = 0;
    }
}

/* What kind of decision a question's answer can make, for its asking order and for
 * hosts (aigov_question_rank): the tier or GPAI class first, then a role (every duty
 * hangs on one), then when a duty applies, then the duty's own conditions and evidence. */
void ag_questions(ag_result *r, const aigov_table *t, const ag_facts *f)
{
    if (r->questions_ready >= 2)
        return;
    ag_question_count(r, t, f);
    r->questions_ready = 2;
    uint32_t W = r->words;
    for (uint32_t k = 0; k < r->n_role_rules; k++) {
        int32_t ri = r->role_rules[k];
        if (r->rule_val[ri] == AG_U)
            set_or(r, r->role_bits, r->rule_bits + (size_t)ri * W);
    }
    /* the questions: every fact in some set, with what it affects */
    uint32_t n = 0;
    SET_EACH(r, r->all_bits, fi, {
        r->f_tier[fi] = (uint8_t)has_bit(r->tier_bits, fi);
        r->f_gpai[fi] = (uint8_t)has_bit(r->gpai_bits, fi);
        r->f_rank[fi] = r->f_tier[fi]                ? AIGOV_RANK_TIER
                        : r->f_gpai[fi]              ? AIGOV_RANK_GPAI
                        : has_bit(r->role_bits, fi)  ? AIGOV_RANK_ROLE
                        : has_bit(r->date_bits, fi)  ? AIGOV_RANK_DATE
                                                     : AIGOV_RANK_DUTY;
        r->f_tally[fi] = 0;
        r->f_gates[fi] = 0;
        r->questions[n++] = fi;
    });
    tally_rules(r, t);
    /* how many open classifying rules read each fact: a gate that many
     * classes share (is it an AI system, which role) settles more at once */
    for (uint32_t k = 0; k < r->n_open; k++)
        SET_EACH(r, r->rule_bits + (size_t)r->open_rules[k] * W, fi, r->f_gates[fi]++);
    /* order: tier (those deciding the GPAI class too first), GPAI, role,
     * date, duty; then the gates, most classifying rules first; then most
     * rules affected, then catalogue */
    for (uint32_t k = 0; k < n; k++) {
        int32_t fi = r->questions[k];
        r->f_count[fi] = (uint32_t)r->f_tally[fi];
        r->f_in_force[fi] = (uint32_t)(r->f_tally[fi] >> 32);
        uint32_t cnt = r->f_count[fi] > 0xFFFF ? 0xFFFF : r->f_count[fi];
        uint64_t cls = r->f_tier[fi] ? (uint64_t)!r->f_gpai[fi] : (uint64_t)r->f_rank[fi] + 1;
        uint32_t gates = r->f_gates[fi] > 0xFF ? 0xFF : r->f_gates[fi];
        r->sort_keys[k] = cls << 56 | (uint64_t)(0xFF - gates) << 48 | (uint64_t)(0xFFFF - cnt) << 32 |
                          (uint32_t)fi;
    }
    sort_keys(r->sort_keys, n);
    for (uint32_t k = 0; k < n; k++)
        r->questions[k] = (int32_t)(r->sort_keys[k] & 0xFFFFFFFFu);
    r->n_questions = n;
}
