/*
 * shim.h - C side of the Go binding: one "slot" per pooled aigov_ctx, holding
 * the context, its options, an error buffer and the outputs of the last call
 * in C memory, so that an evaluation is a single cgo call and allocates
 * nothing on the Go heap beyond the bytes handed back.
 */
#ifndef AIGOV_GO_SHIM_H
#define AIGOV_GO_SHIM_H

#include <stddef.h>
#include <aigov.h>

#if AIGOV_VERSION_MAJOR != 0 || AIGOV_VERSION_MINOR != 1
#error "the libaigov Go binding is written for aigov.h 0.1.x: check PKG_CONFIG_PATH"
#endif

#define AIGOVGO_ASOF_MAX 32

typedef struct aigovgo_slot {
    aigov_ctx *ctx;
    aigov_eval_options opts;
    char as_of[AIGOVGO_ASOF_MAX];
    aigov_error err;
    /* outputs of aigovgo_eval_summary */
    aigov_summary sum;
    int tier;
    int gpai;
    /* outputs of aigovgo_eval_render (freed by aigovgo_slot_clear) */
    char *out[2];
    size_t out_len[2];
    /* output of aigovgo_systems (freed with the slot) */
    aigov_system_result *sys;
    size_t sys_cap;
    /* outputs of aigovgo_obligation_lists, aigovgo_fact_values and
     * aigovgo_question_lists: the report's lists in C memory (so that cgo
     * does not scan them), grown as needed and freed with the slot */
    aigov_obligation_lists ol;
    const char **facts; /* the distinct facts the reasons name, set by Go */
    aigov_fact_value *fvals;
    size_t fact_cap;
    aigov_question_lists ql;
} aigovgo_slot;

/* NULL on failure, with *err filled. */
aigovgo_slot *aigovgo_slot_new(const aigov_table *table, aigov_error *err);
void aigovgo_slot_free(aigovgo_slot *s);
/* Frees the buffers of the last aigovgo_eval_render. */
void aigovgo_slot_clear(aigovgo_slot *s);

/* aigov_eval then tier, gpai and summary into the slot. */
int aigovgo_eval_summary(aigovgo_slot *s, const char *json, size_t len);
/* aigov_eval_system (system `index`; *systems gets the count) then tier, gpai and summary. */
int aigovgo_eval_system(aigovgo_slot *s, const char *json, size_t len, size_t index, size_t *systems);
/* aigov_eval_system of system `index`: *report receives the report (owned
 * by the slot's context, valid until its next evaluation), for the question
 * accessors (aigov_report_question_info). */
int aigovgo_eval_report(aigovgo_slot *s, const char *json, size_t len, size_t index,
                        const aigov_report **report);
/* The typed report's evaluations: aigov_eval_system of system `index`
 * (*systems gets the count) and aigov_eval_organisation; *report receives the
 * report (owned by the slot's context, valid until its next evaluation). */
int aigovgo_eval_part(aigovgo_slot *s, const char *json, size_t len, size_t index, size_t *systems,
                      const aigov_report **report);
int aigovgo_eval_organisation(aigovgo_slot *s, const char *json, size_t len, const aigov_report **report);
/* The typed report's bulk reads, one cgo call each (aigov.h, "Bulk reading"):
 * every reported rule's row, reasons, evidence and links into s->ol; the
 * questions and their rules into s->ql. The arrays grow and the call is
 * repeated when the library answers AIGOV_ELIMIT. Returns the library's
 * error or AIGOV_ENOMEM. */
int aigovgo_obligation_lists(aigovgo_slot *s, const aigov_report *rep);
int aigovgo_question_lists(aigovgo_slot *s, const aigov_report *rep);
/* Makes s->facts and s->fvals hold n entries (Go then writes the facts). */
int aigovgo_reserve_facts(aigovgo_slot *s, size_t n);
/* The value of each of the n facts in s->facts into s->fvals. */
int aigovgo_fact_values(aigovgo_slot *s, const aigov_report *rep, size_t n);
/* Reported rule `index`'s n per-system results into s->sys. */
int aigovgo_systems(aigovgo_slot *s, const aigov_report *rep, size_t index, size_t n);
/* aigov_eval_render in fmt0 into out[0] and, when fmt1 >= 0, in fmt1 into out[1]. */
int aigovgo_eval_render(aigovgo_slot *s, const char *json, size_t len, int fmt0, int fmt1);

/* The library's verdict (aigov_eval_verdict), copied out so that Go code
 * needs no aigov_verdict type: a library without it compiles too and
 * answers AIGOV_EINVAL. */
typedef struct aigovgo_verdict {
    size_t systems;
    int tier;
    unsigned tiers;
    int gpai;
    size_t prohibited, undetermined;
    aigov_summary sum;
    size_t organisation_in_force_gaps;
    int failing;
} aigovgo_verdict;

int aigovgo_eval_verdict(aigovgo_slot *s, const char *json, size_t len, int fail_on, aigovgo_verdict *v);

/* Builds an aigov_source array in C memory and compiles it. */
int aigovgo_compile(aigov_table **out, const char *const *names, const char *const *datas,
                    const size_t *lens, size_t n, aigov_error *err);

#endif
