/* Reading a report without JSON. */
#include "report/report.h"
#include "util/date.h"

int aigov_report_tier(const aigov_report *rep)
{
    return rep ? rep->r->tier : AIGOV_TIER_UNDETERMINED;
}

int aigov_report_gpai(const aigov_report *rep)
{
    return rep ? rep->r->gpai : AIGOV_GPAI_UNDETERMINED;
}

const char *aigov_tier_name(int tier)
{
    static const char *const names[] = {"out_of_scope", "prohibited", "high_risk",
                                        "limited",      "minimal",    "undetermined"};
    return tier >= 0 && tier <= AIGOV_TIER_UNDETERMINED ? names[tier] : "?";
}

const char *aigov_gpai_name(int gpai)
{
    static const char *const names[] = {"none", "gpai", "gpai_systemic", "undetermined"};
    return gpai >= 0 && gpai <= AIGOV_GPAI_UNDETERMINED ? names[gpai] : "?";
}

const char *aigov_status_name(int status)
{
    static const char *const names[] = {"met", "gap", "unknown", "not_applicable"};
    return status >= 0 && status <= AIGOV_STATUS_NOT_APPLICABLE ? names[status] : "?";
}

int aigov_report_summary(aigov_summary *out, const aigov_report *rep)
{
    if (!out || !rep)
        return AIGOV_EINVAL;
    const ag_counts *c = &rep->r->counts;
    out->total = c->total;
    out->met = c->met;
    out->gap = c->gap;
    out->unknown = c->unknown;
    out->not_applicable = c->not_applicable;
    out->in_force_gaps = rep->r->in_force_gaps;
    out->questions = ag_question_count((ag_result *)rep->r, rep->t, rep->f);
    return 0;
}

size_t aigov_report_obligation_count(const aigov_report *rep) { return rep ? rep->t->n_reported : 0; }

int aigov_report_obligation(aigov_obligation *out, const aigov_report *rep, size_t index)
{
    if (!out || !rep)
        return AIGOV_EINVAL;
    if (index >= rep->t->n_reported)
        return AIGOV_ENOTFOUND;
    int32_t ri = rep->t->reported[index];
    const ag_rule *ru = &rep->t->rules[ri];
    out->id = ru->id;
    out->framework = rep->t->framework_ids[ru->framework];
    out->citation = ru->citation;
    out->title = ru->title;
    ag_date_format(out->applies_from, rep->r->rule_date[ri]);
    out->in_force = ag_in_force(rep->r, ri);
    out->status = rep->r->status[ri];
    out->kind = ru->kind;
    return 0;
}

size_t aigov_report_question_count(const aigov_report *rep)
{
    return rep ? ag_report_questions(rep)->n_questions : 0;
}

int aigov_report_question(aigov_question *out, const aigov_report *rep, size_t index)
{
    if (!out || !rep)
        return AIGOV_EINVAL;
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
