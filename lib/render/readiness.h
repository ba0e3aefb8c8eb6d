#ifndef AIGOV_RENDER_READINESS_H
#define AIGOV_RENDER_READINESS_H
#include "report/report.h"

#define AG_MAX_UPCOMING 16
#define AG_MAX_ACTIONS 10

typedef struct ag_action {
    int32_t evidence;
    uint32_t closes; /* open obligations it would close (or advance) */
} ag_action;

typedef struct ag_upcoming {
    int32_t date;
    uint32_t count;
} ag_upcoming;

typedef struct ag_readiness_t {
    uint32_t applicable, undecided, met, in_force;
    int ready; /* every applicable rule met, none undecided */
    ag_upcoming upcoming[AG_MAX_UPCOMING];
    size_t n_upcoming;
} ag_readiness_t;

/* The evidence items that would close the most open obligations, best first. */
size_t ag_next_actions(const aigov_report *rep, ag_action *out, size_t max);
int ag_action_closes(const aigov_report *rep, const ag_action *a, int32_t rule);
void ag_readiness(const aigov_report *rep, uint32_t framework, ag_readiness_t *out);
#endif
