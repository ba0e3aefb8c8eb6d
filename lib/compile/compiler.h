/* The rule compiler's shared state and the stages it runs, one file each (lib/compile/):
 * compile.c drives them over the rule sources (ag_compile). Internal to compile/. */
#ifndef AIGOV_COMPILE_COMPILER_H
#define AIGOV_COMPILE_COMPILER_H
#include "compile/compile.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile/json_in.h"
#include "util/date.h"
#include "util/error.h"
#include "util/sha256.h"

/* Where an item came from, for error messages. */
typedef struct origin {
    const cJSON *j;
    const char *src;
    const char *section; /* "facts", "evidence", "rules", "penalties", "dates" */
    size_t index;
} origin;

/* A named date case (a source's "dates"): the applies_from cases many rules share, compiled
 * once; a rule names it instead of repeating the cases (dates.c). */
typedef struct dblock {
    const char *id;
    origin o;
    uint32_t first, n; /* its compiled cases, those it uses spliced in */
    uint32_t size;     /* how many cases that makes (storage, counted before compiling) */
    uint8_t state;     /* compiling: 0 not yet, 1 under way (a use of it now is a cycle), 2 done */
    uint8_t counted;   /* counting: the same states */
    uint8_t used;      /* named by a rule or another date case */
} dblock;

typedef struct cc {
    aigov_table *t;
    ag_arena *ar;
    aigov_error *err;
    ag_path path;
    const char *src;
    const char *rule_id;
    origin *facts, *evs, *rules, *pens, *dsrc;
    size_t n_facts_src, n_evs, n_rules, n_pens, n_dsrc;
    dblock *db; /* named date cases, one per dsrc */
    const cJSON *penalty_facts;
    /* mutable views of the table's arrays */
    ag_fact *facts_out;
    ag_node *nodes;
    ag_evidence *ev_out;
    ag_expr *exprs;
    int32_t *kids;
    ag_date_case *dates;
    int32_t *rule_ev;
    ag_rule *rules_out;
    uint32_t n_exprs, n_kids, n_dates, n_rule_ev, n_nodes, n_xw;
    ag_penalty *pens_out;
    int32_t *xw;
    uint8_t *xw_link; /* per crosswalk entry: ag_link */
    /* hash indices of ids: every lookup is O(1), so compiling stays linear in the rule set */
    struct sidx { int32_t *slot; uint32_t mask; } fact_idx, rule_idx, soa_idx;
    struct sidx date_idx; /* rules by the hash of their date cases (share_dates) */
    struct sidx db_idx;   /* named date cases by name */
} cc;

typedef const char *(*sidx_name)(const cc *c, int32_t i);

/* the compiler's context: errors, allocation, JSON helpers, id indices (compiler.c) */
char *ag_cc_dup_str(cc *c, const char *s);
const char *ag_cc_ev_name(const cc *c, int32_t i);
const char *ag_cc_fact_name(const cc *c, int32_t i);
const char *ag_cc_get_str(cc *c, const cJSON *obj, const char *key, int required, size_t maxlen,
                           int *rc);
const char *ag_cc_rule_name(const cc *c, int32_t i);
const char *ag_cc_soa_name(const cc *c, int32_t i);
int ag_cc_check_keys(cc *c, const cJSON *obj, const char *const *allowed);
int ag_cc_fail(cc *c, int code, const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 3, 4)))
#endif
    ;
int ag_cc_find_fact(const cc *c, const char *id);
int ag_cc_find_rule(const cc *c, const char *id);
int ag_cc_find_value(const ag_fact *f, const char *v);
int ag_cc_oom(cc *c);
int ag_cc_parse_date_json(cc *c, const cJSON *v, int32_t *out);
int ag_cc_sidx_find(const cc *c, const struct sidx *x, sidx_name name, const char *id);
int ag_cc_sidx_init(cc *c, struct sidx *x, size_t n);
int ag_cc_valid_dotted(const char *s, int min_segments);
void *ag_cc_alloc_n(cc *c, size_t count, size_t size);
void ag_cc_sidx_add(const cc *c, struct sidx *x, sidx_name name, int32_t i);

/* the manifest: revision and frameworks (manifest.c) */
int ag_cc_compile_manifest(cc *c, const cJSON *m);

/* facts, evidence, the descriptor tree and the lookup indexes (facts.c) */
int ag_cc_build_indexes(cc *c);
int ag_cc_build_nodes(cc *c, uint32_t max_nodes);
int ag_cc_compile_evidence(cc *c, const origin *o, ag_evidence *e, ag_fact *f);
int ag_cc_compile_fact(cc *c, const origin *o, ag_fact *f);
void ag_cc_set_origin(cc *c, const origin *o);

/* penalty tiers and the facts they read (penalties.c) */
int ag_cc_compile_penalties(cc *c);

/* conditions: expressions, their structural equality and hash (conditions.c) */
int ag_cc_cexpr(cc *c, const cJSON *j, int depth, int32_t *out);
int ag_cc_count_expr(const cJSON *j, int depth, uint32_t *exprs, uint32_t *kids);
int ag_cc_expr_equal(const cc *c, int32_t x, int32_t y);
uint32_t ag_cc_dates_hash(const cc *c, const ag_rule *r);
int ag_cc_intern_exprs(cc *c);

/* applies_from date cases, blocks shared by rules, named date cases (dates.c) */
int ag_cc_compile_dates(cc *c, const cJSON *af, ag_rule *r);
int ag_cc_date_names(cc *c);
int ag_cc_count_dates(cc *c, const cJSON *af, uint32_t *dates, uint32_t *exprs, uint32_t *kids);
int ag_cc_count_named_dates(cc *c, uint32_t *dates, uint32_t *exprs, uint32_t *kids);
int ag_cc_compile_named_dates(cc *c);
int ag_cc_check_named_dates_used(cc *c);

/* rules and their dependency order (rules.c) */
int ag_cc_compile_rule(cc *c, const origin *o, ag_rule *r);
int ag_cc_compile_rule_head(cc *c, const origin *o, ag_rule *r);
int ag_cc_order_rules(cc *c, int32_t *order, uint32_t *n_order);

/* crosswalk and Statement of Applicability links between rules (links.c) */
int ag_cc_compile_crosswalk(cc *c, const origin *o, ag_rule *r);
int ag_cc_compile_soa(cc *c, const origin *o, ag_rule *r);
int ag_cc_compile_soa_finding(cc *c, const origin *o, ag_rule *r);

#endif
