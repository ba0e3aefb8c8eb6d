/* Questions in full for a questionnaire: the fact's type, allowed values and
 * provision from the table, what the answer can decide from the evaluation
 * (ag_questions computed it; this only reads). */
#include <stddef.h>
#include <string.h>
#include "report/report.h"
#include "report/access.h"
#include "report/names.h"

const char *ag_fact_type_name(int type)
{
    static const char *const names[] = {"bool", "enum", "set", "number", "date", "string", "evidence"};
    return names[type];
}

const char *ag_question_rank_name(int rank)
{
    static const char *const names[] = {"tier", "gpai", "role", "date", "duty"};
    return names[rank];
}

/* The first published version of aigov_question_info ends with affected_in_force:
 * a caller's struct must hold at least that much. */
#define QUESTION_INFO_V1_SIZE \
    (offsetof(aigov_question_info, affected_in_force) + sizeof(size_t))

/* When a field is appended, copy min(out->size, sizeof q) below. */
_Static_assert(QUESTION_INFO_V1_SIZE == sizeof(aigov_question_info),
               "aigov_question_info grew: fill only the caller's size");

/* The table's fact types and the public ones are numbered alike. */
_Static_assert((int)AG_T_BOOL == (int)AIGOV_FACT_BOOL && (int)AG_T_ENUM == (int)AIGOV_FACT_ENUM &&
                   (int)AG_T_SET == (int)AIGOV_FACT_SET && (int)AG_T_NUMBER == (int)AIGOV_FACT_NUMBER &&
                   (int)AG_T_DATE == (int)AIGOV_FACT_DATE && (int)AG_T_STRING == (int)AIGOV_FACT_STRING &&
                   (int)AG_T_EVIDENCE == (int)AIGOV_FACT_EVIDENCE,
               "fact types numbered as in aigov.h");

int ag_report_question_info(aigov_question_info *out, const aigov_report *rep, size_t index)
{
    const ag_result *r = ag_report_questions(rep);
    if (index >= r->n_questions)
        return AIGOV_ENOTFOUND;
    int32_t fi = r->questions[index];
    const ag_fact *fa = &rep->t->facts[fi];
    aigov_question_info q;
    memset(&q, 0, sizeof q);
    q.size = out->size;
    q.fact = fa->id;
    q.ask = fa->ask;
    q.description = fa->description;
    q.source = fa->source ? fa->source : "";
    q.type = fa->type;
    q.rank = r->f_rank[fi];
    if (fa->type == AG_T_ENUM || fa->type == AG_T_SET || fa->type == AG_T_EVIDENCE) {
        q.values = fa->values;
        q.n_values = fa->n_values;
    }
    if (fa->type == AG_T_NUMBER) {
        q.min = fa->min;
        q.max = fa->max;
    }
    q.max_length = fa->max_length; /* only string facts have one (the compiler's rule) */
    q.affects_tier = r->f_tier[fi];
    q.affects_gpai = r->f_gpai[fi];
    q.affected_rules = r->f_count[fi];
    q.affected_in_force = r->f_in_force[fi];
    memcpy(out, &q, sizeof q); /* out->size >= sizeof q: this version is the first */
    return 0;
}

/* Lists each question's affected rules once per evaluation: for each question fact, a bit
 * per position in t->reported of the rules whose questions include it. */
const ag_result *ag_report_question_rules(const aigov_report *rep)
{
    ag_result *r = (ag_result *)ag_report_questions(rep);
    if (r->q_rules_ready)
        return r;
    const aigov_table *t = rep->t;
    uint32_t RW = r->q_rule_words;
    for (uint32_t q = 0; q < r->n_questions; q++)
        memset(r->q_rule_bits + (size_t)r->questions[q] * RW, 0, RW * sizeof(uint64_t));
    for (uint32_t k = 0; k < t->n_reported; k++) {
        const uint64_t *ask = r->ask_bits + (size_t)t->reported[k] * r->words;
        for (uint32_t w = 0; w < r->fact_words; w++)
            for (uint64_t m = ask[w]; m; m &= m - 1) {
                uint32_t fi = w * 64 + (uint32_t)__builtin_ctzll(m);
                r->q_rule_bits[(size_t)fi * RW + k / 64] |= 1ull << (k % 64);
            }
    }
    r->q_rules_ready = 1;
    return r;
}

int ag_report_question_rule(const char **out_rule_id, const aigov_report *rep, size_t index,
                            size_t k)
{
    const ag_result *r = ag_report_question_rules(rep);
    if (index >= r->n_questions)
        return AIGOV_ENOTFOUND;
    int32_t fi = r->questions[index];
    if (k >= r->f_count[fi]) /* f_count[fi]: the rules set in fi's list */
        return AIGOV_ENOTFOUND;
    /* the k-th set bit: whole words skipped by their counts, then within the word */
    const uint64_t *row = r->q_rule_bits + (size_t)fi * r->q_rule_words;
    uint32_t w = 0;
    for (uint32_t c; k >= (c = (uint32_t)__builtin_popcountll(row[w])); w++)
        k -= c;
    uint64_t m = row[w];
    for (; k; k--)
        m &= m - 1;
    uint32_t pos = w * 64 + (uint32_t)__builtin_ctzll(m);
    *out_rule_id = rep->t->rules[rep->t->reported[pos]].id;
    return 0;
}
