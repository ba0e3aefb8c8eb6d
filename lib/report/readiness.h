/* Readiness per framework and the next actions: computed by the report stage from the
 * evaluation; the renderers only format them. */
#ifndef AIGOV_REPORT_READINESS_H
#define AIGOV_REPORT_READINESS_H
#include "report/report.h"

#define AG_MAX_UPCOMING 16
#define AG_MAX_ACTIONS 10

typedef struct ag_action {
    int32_t evidence;
    uint32_t closes; /* open obligations it would close (or advance) */
    /* the most severe penalty tier among the legal gaps in force it would close: 0 none, 1 a
     * national penalty (Art. 99(1)), else 2 + the tier's fixed cap in EUR (Art. 99(3) first) */
    double severity;
} ag_action;

typedef struct ag_upcoming {
    int32_t date;
    uint32_t count;
} ag_upcoming;

/* Readiness of one framework: the obligations that apply (ISO/IEC 42001: clauses 4-10, and
 * the Annex A controls the Statement of Applicability includes) and how many are met.
 * Findings never score: they are counted as open issues (findings_open, the gaps). */
typedef struct ag_readiness_t {
    uint32_t applicable, undecided, met, in_force;
    uint32_t requirements, requirements_met;           /* obligations other than SoA controls */
    uint32_t controls_included, controls_implemented; /* SoA controls: included, and met */
    uint32_t findings_open;                            /* findings that are a gap */
    int assessed;     /* the framework is assessed (ISO/IEC 42001: whether an AIMS is run is known) */
    int has_controls; /* the framework declares Annex A controls (SoA): its requirements are clauses */
    int ready; /* every applicable rule met, none undecided, no open finding */
    ag_upcoming upcoming[AG_MAX_UPCOMING];
    size_t n_upcoming;
} ag_readiness_t;

/* The evidence items to put in place next, best first: those closing a legal gap in force
 * with a penalty come first, by the most severe penalty tier they would close; then by how
 * many open obligations (both frameworks) they would close. */
size_t ag_next_actions(const aigov_report *rep, ag_action *out, size_t max);
int ag_action_closes(const aigov_report *rep, const ag_action *a, int32_t rule);
void ag_readiness(const aigov_report *rep, uint32_t framework, ag_readiness_t *out);
/* The share met as the report gives it: a percentage rounded to one decimal (0 when nothing
 * applies). */
static inline double ag_readiness_percent(const ag_readiness_t *rd)
{
    return rd->applicable ? (double)(int)(1000.0 * rd->met / rd->applicable + 0.5) / 10.0 : 0;
}
#endif
