/* A reported rule through the public accessors: its row, its reasons, evidence, penalty,
 * crosswalk and per-system results, and the facts its reasons read. The same functions of
 * the report stage give the JSON report its obligations (render/report_json.c). */
#include <stdio.h>
#include "report/access.h"
#include "report/exposure_summary.h"
#include "report/obligation.h"
#include "report/reasons.h"
#include "util/date.h"
#include "util/num.h"

/* The table index of reported rule `index`, or -1. */
static int32_t shown_rule(const aigov_report *rep, size_t index)
{
    return index < rep->n_shown ? rep->shown[index] : -1;
}

static int applies(const aigov_report *rep, int32_t ri)
{
    return rep->r->status[ri] != AIGOV_STATUS_NOT_APPLICABLE;
}

static int per_system_rows(const aigov_report *rep, int32_t ri)
{
    const ag_per_system *ps = rep->per_system;
    return rep->part == AG_PART_ORGANISATION && ps && ag_per_system_entry(ps, ri, 0) >= 0;
}

int ag_report_obligation(aigov_obligation *out, const aigov_report *rep, size_t index)
{
    int32_t ri = shown_rule(rep, index);
    if (ri < 0)
        return ag_not_found(out, sizeof *out);
    const aigov_table *t = rep->t;
    const ag_rule *ru = &t->rules[ri];
    const ag_result *r = rep->r;
    ag_dates_rest((ag_result *)r, t, rep->f); /* a rule that does not apply: first use */
    aigov_obligation v;
    memset(&v, 0, sizeof v);
    v.id = ru->id;
    v.framework = t->framework_ids[ru->framework];
    v.citation = ru->citation;
    v.title = ru->title;
    ag_date_format(v.applies_from, r->rule_date[ri]);
    v.in_force = ag_in_force(r, ri);
    v.status = r->status[ri];
    v.kind = ru->kind;
    v.holders = ru->holders;
    v.due_at_placing = (r->date_uncertain[ri] & AG_DATE_AT_PLACING) != 0;
    v.observation = ru->observation && r->status[ri] == AIGOV_STATUS_MET && r->rule_val[ri] == AG_T;
    int32_t keys[AG_REASON_KEYS];
    v.reasons = (size_t)ag_obligation_reasons(rep, ri, keys);
    v.coverage = AIGOV_COVERAGE_NONE;
    if (applies(rep, ri)) { /* what the JSON shows only of a rule that applies */
        v.evidence = ru->ev_n;
        v.penalty_tier = ru->penalty >= 0 ? t->penalties[ru->penalty].id : NULL;
        int32_t met;
        v.coverage = ag_crosswalk_coverage(t, r, ri, &met);
        if (v.coverage != AIGOV_COVERAGE_NONE) {
            v.links = (size_t)ru->xw_n;
            v.beyond = ru->beyond;
        }
        v.systems = per_system_rows(rep, ri) ? rep->per_system->n_systems : 0;
    }
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_obligation_reason(aigov_condition *out, const aigov_report *rep, size_t index, size_t k)
{
    int32_t ri = shown_rule(rep, index);
    if (ri < 0)
        return ag_not_found(out, sizeof *out);
    const aigov_table *t = rep->t;
    int32_t keys[AG_REASON_KEYS];
    int n = ag_obligation_reasons(rep, ri, keys);
    if (k >= (size_t)n)
        return ag_not_found(out, sizeof *out);
    aigov_condition v;
    memset(&v, 0, sizeof v);
    int32_t key = keys[k];
    if (key >= (int32_t)t->n_exprs) { /* an Annex A control's SoA decision */
        int32_t fact = key - (int32_t)t->n_exprs;
        v.kind = AIGOV_CONDITION_FACT;
        v.fact = t->facts[fact].id;
        snprintf(v.test, sizeof v.test, "%s", "Statement of Applicability decision is included");
        v.result = ag_soa_decision_result(rep, fact);
    } else {
        const ag_expr *e = &t->exprs[key];
        v.kind = e->op == AG_OP_RULE ? AIGOV_CONDITION_RULE
                 : e->op == AG_OP_AS_OF ? AIGOV_CONDITION_AS_OF
                 : e->op == AG_OP_TRUE || e->op == AG_OP_FALSE ? AIGOV_CONDITION_TEST
                                                                : AIGOV_CONDITION_FACT;
        if (v.kind == AIGOV_CONDITION_RULE)
            v.rule = t->rules[e->a].id;
        else
            ag_describe_test(v.test, sizeof v.test, t, e);
        if (v.kind == AIGOV_CONDITION_FACT)
            v.fact = t->facts[e->a].id;
        v.result = ag_expr_value(rep->r, rep->t, key);
    }
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_fact_value(aigov_fact_value *out, const aigov_report *rep, const char *fact)
{
    const aigov_table *t = rep->t;
    int32_t fi = ag_table_find_fact(t, fact);
    if (fi < 0)
        return ag_not_found(out, sizeof *out);
    const ag_fact *fa = &t->facts[fi];
    const ag_value *val = &rep->f->vals[fi];
    aigov_fact_value v;
    memset(&v, 0, sizeof v);
    v.fact = fa->id;
    v.type = fa->type;
    v.known = val->known;
    if (fa->type == AG_T_ENUM || fa->type == AG_T_SET || fa->type == AG_T_EVIDENCE) {
        v.values = fa->values;
        v.n_values = fa->n_values;
    }
    if (val->known) {
        switch (fa->type) {
        case AG_T_BOOL: v.boolean = val->v.mask != 0; break;
        case AG_T_ENUM:
        case AG_T_EVIDENCE:
            v.mask = val->v.mask;
            if (val->v.mask) {
                v.text = fa->values[__builtin_ctzll(val->v.mask)];
                v.text_len = strlen(v.text);
            }
            break;
        case AG_T_SET: v.mask = val->v.mask; break;
        case AG_T_NUMBER: {
            v.number = val->v.num;
            char tmp[40];
            ag_num_format(tmp, val->v.num);
            /* as the JSON report writes it: the descriptor's short decimal when the double
             * is not exactly it (render/fact_value.c) */
            if (val->str_len && val->str_len <= 40 &&
                ag_num_text_cmp(ag_facts_str(rep->f, val), val->str_len, tmp, strlen(tmp)) != 0) {
                memcpy(v.number_text, ag_facts_str(rep->f, val), val->str_len);
                v.number_text[val->str_len] = '\0';
            } else {
                memcpy(v.number_text, tmp, sizeof tmp);
            }
            break;
        }
        case AG_T_DATE: ag_date_format(v.date, val->v.date); break;
        default:
            v.text = ag_facts_str(rep->f, val);
            v.text_len = val->str_len;
            break;
        }
    }
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_obligation_evidence(aigov_evidence_state *out, const aigov_report *rep, size_t index, size_t k)
{
    int32_t ri = shown_rule(rep, index);
    const aigov_table *t = rep->t;
    if (ri < 0 || !applies(rep, ri) || k >= t->rules[ri].ev_n)
        return ag_not_found(out, sizeof *out);
    int32_t ei = t->rule_evidence[t->rules[ri].ev_first + (uint32_t)k];
    ag_ev_state st;
    ag_evidence_state(&st, rep, ei);
    aigov_evidence_state v = {sizeof v, t->evidence[ei].id, t->evidence[ei].title,
                              ag_evidence_state_name(rep, &st), ag_evidence_ref(rep, &st),
                              st.via >= 0 ? t->evidence[st.via].id : NULL};
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_obligation_penalty(aigov_penalty *out, const aigov_report *rep, size_t index)
{
    int32_t ri = shown_rule(rep, index);
    if (ri < 0)
        return ag_not_found(out, sizeof *out);
    return ag_access_penalty(out, rep, ri);
}

int ag_report_obligation_link(aigov_crosswalk_link *out, const aigov_report *rep, size_t index, size_t k)
{
    int32_t ri = shown_rule(rep, index);
    const aigov_table *t = rep->t;
    int32_t met;
    if (ri < 0 || !applies(rep, ri) || ag_crosswalk_coverage(t, rep->r, ri, &met) == AG_COV_NONE ||
        k >= (size_t)t->rules[ri].xw_n)
        return ag_not_found(out, sizeof *out);
    int32_t slot = t->rules[ri].xw_first + (int32_t)k;
    int32_t x = t->crosswalk[slot];
    aigov_crosswalk_link v = {sizeof v, t->rules[x].id, ag_link_names[t->crosswalk_link[slot]], rep->r->status[x],
                              ag_crosswalk_still_needed(rep, x)};
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_obligation_system(aigov_system_result *out, const aigov_report *rep, size_t index,
                                size_t system)
{
    int32_t ri = shown_rule(rep, index);
    if (ri < 0 || !applies(rep, ri) || !per_system_rows(rep, ri) || system >= rep->per_system->n_systems)
        return ag_not_found(out, sizeof *out);
    int e = ag_per_system_entry(rep->per_system, ri, (uint32_t)system);
    aigov_system_result v = {sizeof v, system, e != AG_PS_OUT_OF_SCOPE,
                             e == AG_PS_OUT_OF_SCOPE ? AIGOV_STATUS_NOT_APPLICABLE : e};
    ag_fill(out, &v, sizeof v);
    return 0;
}
