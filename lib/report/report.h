/* A report: a read-only view over one evaluation's facts and results. */
#ifndef AIGOV_REPORT_H
#define AIGOV_REPORT_H
#include "eval/exposure.h"
#include "eval/result.h"
#include "report/index.h"
#include "report/per_system.h"

/* The compiler accepts at most 16 frameworks (the manifest's limit). */
#define AG_MAX_FRAMEWORKS 16

/* The numbers of one report part, counted once by the report stage
 * (ag_report_set_part): every renderer and accessor reads these, none
 * recounts. */
typedef struct ag_tally {
    ag_counts all;
    ag_counts by_framework[AG_MAX_FRAMEWORKS];
    size_t in_force_gaps;
    size_t in_force_unknowns; /* unknowns of rules in force: what --fail-on unknown counts */
    /* of the ISO/IEC 42001 framework, when the report shows every framework: what the legal
     * gate leaves out unless asked (a report of one framework judges that framework) */
    size_t standard_in_force_gaps, standard_in_force_unknowns;
} ag_tally;

/* What the legal gate leaves out unless asked (AIGOV_FAIL_ON_ISO42001), summed over the
 * reports of one verdict. */
typedef struct ag_gate {
    size_t in_force_unknowns;
    size_t standard_in_force_gaps, standard_in_force_unknowns;
} ag_gate;

struct aigov_report {
    const aigov_table *t;
    const ag_facts *f;
    const ag_result *r;
    const ag_mem *mem; /* for rendered buffers */
    const ag_report_index *ix; /* the context's lookups for the accessors */
    size_t *render_hint; /* size of the last rendering: one allocation of the right size next time */
    int part;            /* AG_PART_*: which rules a rendering shows */
    int32_t *shown;      /* the reported rules of the part, in table order (n_reported slots) */
    uint32_t n_shown;
    ag_tally tally;      /* their counts */
    /* from aigov_eval_options (version 2) */
    const char *source;  /* the descriptor's file name, or NULL */
    int framework;       /* index of the one framework reported, or -1 for every one */
    int only;            /* aigov_only: which of the counted rules are listed in `shown` */
    uint32_t md_folded_parts; /* markdown of several systems: systems past its budget */
    /* several systems: each system's result of the organisation's per-system rules (read by
     * the organisation's part; n_systems 0 otherwise) */
    const ag_per_system *per_system;
    /* each penalty tier's cap for this evaluation, built on first use (exposure_summary.c);
     * caps_done is cleared by ag_report_set_part, which follows every evaluation */
    ag_cap *caps;
    uint8_t *caps_done;
    /* the compact JSON rendering's numbering of conditions (report_json.c), kept by the
     * context: leaf_at (n_exprs + n_facts slots, every one -1 between renderings, so a
     * rendering resets the few it used instead of clearing them all), then as many for
     * the keys in numbering order, then a byte per evidence item and penalty tier */
    int32_t *json_scratch;
    /* aigov_report_obligation_lists' first pass keeps each shown rule's reasons (keys and
     * count) for the second: AG_REASON_KEYS keys and a count per reported rule */
    int32_t *bulk_keys;
    uint8_t *bulk_n;
};

/* For a descriptor of several systems, the organisation's own rules (those
 * that read only organisation facts, e.g. ISO/IEC 42001 clauses 4-10) are
 * shown once and each system shows the rest. */
enum { AG_PART_ALL = 0, AG_PART_SYSTEM = 1, AG_PART_ORGANISATION = 2 };

static inline int ag_rule_in_part(const aigov_report *rep, int32_t ri)
{
    if (rep->part == AG_PART_ALL)
        return 1;
    int org = rep->t->rules[ri].org_level;
    return rep->part == AG_PART_ORGANISATION ? org : !org;
}

/* Whether framework fw is ISO/IEC 42001, the voluntary standard (index.h). */
static inline int ag_is_standard(const aigov_report *rep, int fw)
{
    return fw == rep->ix->standard_framework;
}

/* Whether the report shows rule ri: in its part, and of a framework that is assessed
 * (ISO/IEC 42001 is not while the organisation has not said whether it runs an AIMS). */
static inline int ag_rule_shown(const aigov_report *rep, int32_t ri)
{
    return ag_rule_in_part(rep, ri) && rep->r->fw_assessed[rep->t->rules[ri].framework];
}

/* Sets the part a report shows and counts it (the list of shown rules and
 * the tally). Called once per evaluation, before anything reads the report.
 * The tally counts every rule of the part and framework; `shown` lists those
 * of them that rep->only keeps. */
void ag_report_set_part(aigov_report *rep, int part);

/* The verdict over reports: ag_verdict_add for each system's report (or the
 * one report of a single-system descriptor) and for the organisation's part,
 * then ag_verdict_finish applies the fail-on policy. */
void ag_verdict_init(aigov_verdict *v, ag_gate *g);
/* g accumulates what is not a field of the public verdict (whose layout is fixed):
 * the unknowns of rules in force and the standard's share; ag_verdict_finish reads it. */
void ag_verdict_add(aigov_verdict *v, ag_gate *g, const aigov_report *rep);
void ag_verdict_finish(aigov_verdict *v, const ag_gate *g, int fail_on);
/* Whether fail_on is a valid aigov_fail_on (level, optionally with the framework bit). */
static inline int ag_fail_on_valid(int fail_on)
{
    int level = fail_on & ~AIGOV_FAIL_ON_ISO42001;
    return fail_on >= 0 && level >= AIGOV_FAIL_ON_NONE && level <= AIGOV_FAIL_ON_UNKNOWN;
}

/* The report's lazy parts, computed on first use: the dates of the rules that do
 * not apply and the questions. Every rendering and accessor that shows either calls
 * this first. A report belongs to one context, used by one thread at a time, so this
 * lazy step needs no lock. */
static inline const ag_result *ag_report_questions(const aigov_report *rep)
{
    ag_dates_rest((ag_result *)rep->r, rep->t, rep->f);
    ag_questions((ag_result *)rep->r, rep->t, rep->f);
    return rep->r;
}

/* The system's name from the descriptor (fact system.name), or NULL. */
static inline const char *ag_system_name(const aigov_report *rep)
{
    for (uint32_t k = 0; k < rep->t->n_facts; k++)
        if (rep->t->facts[k].type == AG_T_STRING && rep->f->vals[k].known &&
            __builtin_strcmp(rep->t->facts[k].id, "system.name") == 0)
            return ag_facts_str(rep->f, &rep->f->vals[k]);
    return NULL;
}

static inline int ag_in_force(const ag_result *r, int32_t rule)
{
    return r->as_of >= r->rule_date[rule];
}
#endif
