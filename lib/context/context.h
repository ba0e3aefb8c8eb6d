/* A context: one thread's scratch for reading, evaluating, reporting on and rendering
 * descriptors against one table (context.c). The functions are the work of the public entry
 * points of api/contexts.c and api/eval.c, which cleared err and checked the arguments: the
 * handles and out-params are not NULL (*out set to NULL), json is not NULL unless len is 0,
 * opts is not NULL, and fail_on and format are valid. The options' contents (version, as_of,
 * limits, framework, only) are checked here, as reading the descriptor needs them. */
#ifndef AIGOV_CONTEXT_H
#define AIGOV_CONTEXT_H
#include "report/report.h"

struct aigov_ctx {
    ag_mem mem;
    const aigov_table *t;
    ag_facts facts;
    ag_result res;
    aigov_report report;
    int32_t *shown; /* the report's list of shown rules */
    ag_cap *caps;   /* the report's penalty caps, one per tier */
    uint8_t *caps_done;
    int32_t *json_scratch; /* the report's (report.h), as the two below */
    int32_t *bulk_keys;
    uint8_t *bulk_n;
    ag_per_system per_system; /* several systems: their results of per-system rules */
    ag_report_index index;    /* the accessors' lookups by position and name */
    size_t render_hint;
};

/* alloc is checked here (a missing function is AIGOV_EINVAL). */
int ag_ctx_new(aigov_ctx **out, const aigov_table *t, const aigov_allocator *alloc, aigov_error *err);
void ag_ctx_free(aigov_ctx *c);
/* System `index` of the descriptor; *out_systems (when asked for) receives how many it describes. */
int ag_eval_system(const aigov_report **out, size_t *out_systems, aigov_ctx *c, const char *json, size_t len,
                   size_t index, const aigov_eval_options *opts, aigov_error *err);
/* A descriptor of one system (several: AIGOV_EINPUT). */
int ag_eval(const aigov_report **out, aigov_ctx *c, const char *json, size_t len, const aigov_eval_options *opts,
            aigov_error *err);
/* Every system and the organisation: the verdict, and the rendering when out is not NULL.
 * v is not NULL (the caller's or its scratch), *out NULL and *out_len 0 when asked for. */
int ag_eval_verdict(aigov_verdict *v, char **out, size_t *out_len, aigov_ctx *c, const char *json, size_t len,
                    const aigov_eval_options *opts, int format, int fail_on, aigov_error *err);
/* The organisation's part, with the systems' results. */
int ag_eval_organisation(const aigov_report **out, aigov_ctx *c, const char *json, size_t len,
                         const aigov_eval_options *opts, aigov_error *err);
#endif
