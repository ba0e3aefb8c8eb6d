/* The report as a whole through the public accessors: overview, classification reasons,
 * counts and readiness per framework, next actions, penalty exposure and the names of the
 * report's enumerations. Each reads what the report stage computed; the JSON renderer reads
 * the same functions, so the two cannot disagree. */
#include "report/access.h"
#include "report/names.h"
#include "report/exposure_summary.h"
#include "report/readiness.h"
#include "report/reasons.h"
#include "report/soa.h"
#include "util/date.h"

_Static_assert(AG_N_ROLES == (int)AIGOV_ROLE_COUNT, "aigov_role follows ag_role_names");
_Static_assert((int)AG_GRADE_COUNT == (int)AIGOV_GRADE_COUNT, "aigov_grade follows enum ag_grade");
_Static_assert((int)AG_F == (int)AIGOV_TRUTH_FALSE && (int)AG_T == (int)AIGOV_TRUTH_TRUE && (int)AG_U == (int)AIGOV_TRUTH_UNKNOWN,
               "aigov_truth follows enum ag_kleene");
_Static_assert((int)AG_PART_ALL == (int)AIGOV_PART_ALL && (int)AG_PART_SYSTEM == (int)AIGOV_PART_SYSTEM &&
                   (int)AG_PART_ORGANISATION == (int)AIGOV_PART_ORGANISATION,
               "aigov_part follows the report's parts");
_Static_assert((int)AG_COV_NONE == (int)AIGOV_COVERAGE_NONE && (int)AG_COV_SUPPORTED == (int)AIGOV_COVERAGE_SUPPORTED &&
                   (int)AG_COV_PARTLY == (int)AIGOV_COVERAGE_PARTLY_SUPPORTED &&
                   (int)AG_COV_NOT_SUPPORTED == (int)AIGOV_COVERAGE_NOT_SUPPORTED,
               "aigov_coverage follows enum ag_coverage");

const char *ag_coverage_name(int coverage)
{
    static const char *const names[AIGOV_COVERAGE_COUNT] = {"supported", "partly_supported", "not_supported"};
    return names[coverage];
}

const char *ag_condition_kind_name(int kind)
{
    static const char *const names[AIGOV_CONDITION_KIND_COUNT] = {"rule", "as_of", "test", "fact"};
    return names[kind];
}

const char *ag_part_name(int part)
{
    static const char *const names[AIGOV_PART_COUNT] = {"all", "system", "organisation"};
    return names[part];
}

static size_t class_reason_count(const aigov_report *rep)
{
    size_t n = 0;
    for (uint32_t ri = 0; ri < rep->t->n_rules; ri++)
        n += ag_class_reason_shown(rep, (int32_t)ri);
    return n;
}

int ag_report_overview(aigov_overview *out, const aigov_report *rep)
{
    aigov_overview v;
    memset(&v, 0, sizeof v);
    const ag_result *r = rep->r;
    ag_date_format(v.as_of, r->as_of);
    v.part = rep->part;
    v.system_name = ag_system_name(rep);
    v.tier = r->tier;
    v.gpai = r->gpai;
    v.possible_tiers = r->possible_tiers;
    v.possible_gpai = r->possible_gpai;
    v.roles = r->roles;
    v.classification_reasons = class_reason_count(rep);
    ag_report_summary(&v.summary, rep);
    v.legal_in_force_gaps = rep->tally.in_force_gaps - rep->tally.standard_in_force_gaps;
    v.frameworks = rep->t->n_frameworks;
    ag_action acts[AG_MAX_ACTIONS];
    v.next_actions = ag_next_actions(rep, acts, AG_MAX_ACTIONS);
    if (rep->part != AG_PART_ORGANISATION) { /* the organisation's part has no SoA section */
        ag_soa_counts c;
        ag_soa_count(rep, &c);
        v.soa_controls = c.controls;
    }
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_classification_reason(aigov_class_reason *out, const aigov_report *rep, size_t index)
{
    const aigov_table *t = rep->t;
    size_t n = 0;
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        if (!ag_class_reason_shown(rep, (int32_t)ri) || n++ != index)
            continue;
        const ag_rule *ru = &t->rules[ri];
        aigov_class_reason v = {sizeof v, ru->id, ru->citation, ag_class_names[ru->classifies],
                                rep->r->rule_val[ri]};
        ag_fill(out, &v, sizeof v);
        return 0;
    }
    return ag_not_found(out, sizeof *out);
}

int ag_report_framework_summary(aigov_framework_summary *out, const aigov_report *rep, size_t framework)
{
    if (framework >= rep->t->n_frameworks)
        return ag_not_found(out, sizeof *out);
    const ag_counts *c = &rep->tally.by_framework[framework];
    aigov_framework_summary v = {sizeof v, rep->t->framework_ids[framework], c->total, c->met, c->gap,
                                 c->unknown, c->not_applicable};
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_readiness(aigov_readiness *out, const aigov_report *rep, size_t framework)
{
    if (framework >= rep->t->n_frameworks)
        return ag_not_found(out, sizeof *out);
    ag_readiness_t rd;
    ag_readiness(rep, (uint32_t)framework, &rd);
    aigov_readiness v;
    memset(&v, 0, sizeof v);
    v.framework = rep->t->framework_ids[framework];
    v.assessed = rd.assessed;
    v.applicable = rd.applicable;
    v.undecided = rd.undecided;
    v.met = rd.met;
    v.percent_met = ag_readiness_percent(&rd);
    v.ready = rd.ready;
    v.in_force = rd.in_force;
    v.requirements = rd.requirements;
    v.requirements_met = rd.requirements_met;
    v.controls_included = rd.controls_included;
    v.controls_implemented = rd.controls_implemented;
    v.findings_open = rd.findings_open;
    v.upcoming = rd.n_upcoming;
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_readiness_upcoming(aigov_upcoming *out, const aigov_report *rep, size_t framework, size_t k)
{
    if (framework >= rep->t->n_frameworks)
        return ag_not_found(out, sizeof *out);
    ag_readiness_t rd;
    ag_readiness(rep, (uint32_t)framework, &rd);
    if (k >= rd.n_upcoming)
        return ag_not_found(out, sizeof *out);
    aigov_upcoming v;
    memset(&v, 0, sizeof v);
    ag_date_format(v.applies_from, rd.upcoming[k].date);
    v.obligations = rd.upcoming[k].count;
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_next_action(aigov_action *out, const aigov_report *rep, size_t index)
{
    ag_action acts[AG_MAX_ACTIONS];
    size_t n = ag_next_actions(rep, acts, AG_MAX_ACTIONS);
    if (index >= n)
        return ag_not_found(out, sizeof *out);
    const aigov_table *t = rep->t;
    const ag_evidence *ev = &t->evidence[acts[index].evidence];
    size_t rules = 0;
    for (uint32_t k = 0; k < t->n_reported; k++)
        rules += ag_action_closes(rep, &acts[index], t->reported[k]) != 0;
    aigov_action v = {sizeof v, ev->id, ev->title, acts[index].closes, rules};
    ag_fill(out, &v, sizeof v);
    return 0;
}

int ag_report_next_action_rule(const char **out_rule_id, const aigov_report *rep, size_t index, size_t k)
{
    ag_action acts[AG_MAX_ACTIONS];
    size_t n = ag_next_actions(rep, acts, AG_MAX_ACTIONS);
    if (index >= n)
        return AIGOV_ENOTFOUND;
    const aigov_table *t = rep->t;
    size_t seen = 0;
    for (uint32_t j = 0; j < t->n_reported; j++)
        if (ag_action_closes(rep, &acts[index], t->reported[j]) && seen++ == k) {
            *out_rule_id = t->rules[t->reported[j]].id;
            return 0;
        }
    return AIGOV_ENOTFOUND;
}

/* The public form of a tier's cap; penalty->size has been checked. */
static void penalty_of(aigov_penalty *out, const ag_cap *cap)
{
    aigov_penalty v = {sizeof v, cap->tier->id, cap->tier->citation, cap->cap_known, cap->cap_eur, cap->basis};
    ag_fill(out, &v, sizeof v);
}

int ag_report_exposure(aigov_exposure *out, const aigov_report *rep)
{
    ag_exposure x;
    ag_exposure_summary(&x, rep);
    aigov_exposure v;
    memset(&v, 0, sizeof v);
    v.gaps_with_penalty = x.gaps_with_penalty;
    v.rule = x.rule >= 0 ? rep->t->rules[x.rule].id : NULL;
    v.penalty = out->penalty; /* the caller's version of the inner struct */
    ag_fill(out, &v, sizeof v);
    if (x.rule >= 0)
        penalty_of(&out->penalty, x.cap);
    else
        ag_not_found(&out->penalty, sizeof out->penalty);
    return 0;
}

int ag_access_penalty(aigov_penalty *out, const aigov_report *rep, int32_t ri)
{
    const ag_cap *cap = ag_report_cap(rep, ri);
    if (!cap->tier || rep->r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE)
        return ag_not_found(out, sizeof *out);
    penalty_of(out, cap);
    return 0;
}
