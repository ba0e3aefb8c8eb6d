/* The compiled rule table: flat arrays with indices instead of pointers
 * between entries, so the build can emit it as static const C data and the
 * run-time compiler can build the same layout on the heap. Immutable once
 * built; every reader may share it across threads. */
#ifndef AIGOV_TABLE_H
#define AIGOV_TABLE_H
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "aigov.h"
#include "util/mem.h"
#include "util/arena.h"

#define AG_MAX_VALUES 64     /* enum / set values per fact (bit masks) */
#define AG_MAX_EXPR_DEPTH 64 /* nesting of a condition */

enum ag_fact_type {
    AG_T_BOOL = 0,
    AG_T_ENUM,
    AG_T_SET,
    AG_T_NUMBER,
    AG_T_DATE,
    AG_T_STRING,
    AG_T_EVIDENCE
};

/* Evidence states, in the order of the evidence "values". */
enum ag_evidence_state { AG_EV_IMPLEMENTED = 0, AG_EV_PARTIAL, AG_EV_PLANNED, AG_EV_ABSENT, AG_EV_COUNT };

typedef struct ag_fact {
    const char *id; /* dotted path */
    uint8_t type;   /* ag_fact_type */
    uint8_t n_values;
    const char *const *values;
    double min, max;       /* numbers */
    uint32_t max_length;   /* strings */
    const char *description, *ask, *source;
    int32_t evidence;      /* evidence index for AG_T_EVIDENCE, else -1 */
} ag_fact;

/* Descriptor shape: a tree of object keys whose leaves are facts. Node 0 is
 * the document root; children are a linked list in catalogue order. */
typedef struct ag_node {
    const char *key;
    int32_t parent, first_child, next_sibling;
    int32_t fact; /* -1 for an object node */
} ag_node;

typedef struct ag_evidence {
    const char *id, *title, *description;
    const char *const *iso; /* ISO/IEC 42001 clauses and controls whose artefact it is */
    uint32_t n_iso;
    int32_t fact;
    /* The AI Act item whose implementation implies this one (an ISO/IEC 42001 record the
     * Act's stricter artefact contains), or -1; one way only: the ISO record never
     * stands for the Act's. */
    int32_t implied_by;
} ag_evidence;

enum ag_op {
    AG_OP_TRUE = 0,
    AG_OP_FALSE,
    AG_OP_ALL,       /* a = first kid index, b = count */
    AG_OP_ANY,
    AG_OP_NOT,       /* a = child */
    AG_OP_IS,        /* bool fact a == (num != 0) */
    AG_OP_MASK_ANY,  /* enum/evidence: value bit in mask; set: intersects mask */
    AG_OP_MASK_ALL,  /* set contains every bit of mask */
    AG_OP_EMPTY,     /* set is empty == (num != 0) */
    AG_OP_CMP,       /* number/date fact a <cmp> num */
    AG_OP_KNOWN,
    AG_OP_UNKNOWN,
    AG_OP_RULE,      /* a = rule index */
    AG_OP_AS_OF,     /* as_of <cmp> num (day number) */
    /* every op from AG_OP_IS on is a leaf (no parts): the evaluator tests
     * leaves inline on that range, so new leaves go after AG_OP_IS */
    AG_OP_FIRST_LEAF = AG_OP_IS
};

enum ag_cmp { AG_CMP_EQ = 0, AG_CMP_GT, AG_CMP_GTE, AG_CMP_LT, AG_CMP_LTE };

/* Source operator, kept for explanations ("has", "in" ...). */
enum ag_src_op {
    AG_SRC_NONE = 0, AG_SRC_IS, AG_SRC_EQ, AG_SRC_IN, AG_SRC_HAS, AG_SRC_HAS_ANY,
    AG_SRC_HAS_ALL, AG_SRC_EMPTY, AG_SRC_CMP
};

/* An expression. Identical subtrees are interned when the table is compiled: `same` is the
 * first of the expressions structurally equal to this one (itself when none is), whose value
 * slot they all share, and `shared` says there are several, so an evaluation works the value
 * out once for all of them (e.g. `not eu.hr.annex_iii_route` in many date cases). The tree
 * itself stays as written (reasons and reports number conditions by their own index). */
typedef struct ag_expr {
    uint8_t op, cmp, src_op, shared;
    int32_t a, b;
    int32_t same;
    uint64_t mask;
    double num;
} ag_expr;

/* A constant text as the JSON reports write it: quoted and escaped once, when the table is
 * built, with its length (the renderers copy it, no scan). */
typedef struct ag_jtext {
    const char *s;
    uint32_t n;
} ag_jtext;

typedef struct ag_date_case {
    int32_t cond; /* expression index, -1 for the unconditional last case */
    int32_t date; /* day number */
    int32_t not_before; /* 1 + index of a date fact: the case's date is never
                           earlier than that fact's value when it is known (e.g. the
                           placing on the market); 0 for none */
} ag_date_case;

enum ag_kind { AG_K_DEFINITION = 0, AG_K_OBLIGATION = 1, AG_K_PROHIBITION = 2, AG_K_FINDING = 3 };

/* A penalty tier (Arts. 99-101): a cap from a fixed amount and a share of
 * worldwide turnover, combined by the higher or the lower of the two. */
typedef struct ag_penalty {
    const char *id, *citation, *title;
    double fixed_eur, turnover_percent, eu_institution_eur;
    uint8_t undertaking_lower, sme_lower, smc_lower, national;
    uint8_t public_authority_national; /* Art. 99(8): Member States decide for public authorities */
    int32_t applies_from;               /* day number; AG_DATE_NONE when always */
} ag_penalty;

/* Which facts the penalty computation reads (manifest "penalty_facts"). */
typedef struct ag_penalty_facts {
    int32_t size, turnover, eu_institution, public_authority; /* fact indices or -1 */
    uint64_t sme_mask, smc_mask;            /* values of the size fact */
} ag_penalty_facts;

enum ag_class {
    AG_C_NONE = -1,
    AG_C_OUT_OF_SCOPE = 0,
    AG_C_PROHIBITED,
    AG_C_HIGH_RISK,
    AG_C_LIMITED,
    AG_C_GPAI,
    AG_C_GPAI_SYSTEMIC,
    AG_C_COUNT
};

#define AG_N_ROLES 7
/* The name tables (table/names.c). */
extern const char *const ag_role_names[AG_N_ROLES];
extern const char *const ag_class_names[AG_C_COUNT];
extern const char *const ag_evidence_state_names[AG_EV_COUNT];
extern const char *const ag_fact_type_names[AG_T_EVIDENCE];

/* How a crosswalk's ISO rule relates to the AI Act duty that names it, as GRC mappings type
 * them (CISO Assistant's equal / subset / superset / intersect), the duty being the source:
 * equal, the same requirement in substance; subset, the duty lies within the ISO requirement;
 * superset, the duty asks more than the ISO requirement; intersect, they overlap; supports,
 * the ISO record is only evidence toward the duty (no shared requirement). Whatever the type,
 * an ISO rule never discharges the duty: coverage is capped at "supported". */
enum ag_link { AG_LINK_SUPPORTS = 0, AG_LINK_EQUAL, AG_LINK_SUBSET, AG_LINK_SUPERSET, AG_LINK_INTERSECT, AG_LINK_COUNT };
extern const char *const ag_link_names[AG_LINK_COUNT];

typedef struct ag_rule {
    const char *id, *citation, *title, *description, *note;
    uint8_t kind;         /* ag_kind */
    int8_t classifies;    /* ag_class */
    int8_t confers_role;  /* index in ag_role_names or -1 */
    uint8_t framework;    /* index in frameworks */
    uint32_t holders;     /* bit per ag_role_names */
    int32_t when;         /* expression index */
    uint32_t dates_first, dates_n;
    uint32_t ev_first, ev_n; /* into rule_evidence */
    int32_t earliest;     /* earliest applies_from day, AG_DATE_NONE for definitions */
    uint32_t expr_first, expr_n; /* the rule's expressions; children after parents */
    int32_t penalty;      /* index in penalties, or -1 */
    int32_t xw_first, xw_n; /* crosswalk: ISO rule indices in crosswalk[]; xw_n -1 = none given */
    const char *beyond;   /* what the Act requires beyond the ISO artefacts */
    uint8_t org_level;    /* reads only organisation facts: the same for every system */
    int32_t within;       /* findings: where the check applies (expression), or -1 */
    /* Statement of Applicability (ISO/IEC 42001 6.1.3): a control's number ("A.6.2.8"), and
     * for the control's rule the decision and justification facts; a finding that checks the
     * SoA names its control and links to the control's rule (soa_of). NULL / -1 elsewhere. */
    const char *soa_control;
    int32_t soa_decision, soa_justification, soa_of;
    int32_t soa_owner, soa_review; /* a control's owner (string) and review date (date) facts, or -1 */
    /* the obligation that requires the Statement of Applicability (6.1.3): met only while every
     * SoA check (finding with soa_of) is met */
    uint8_t soa_statement;
    /* an organisation's obligation whose results are kept per AI system (ISO/IEC 42001
     * 8.2-8.4): the condition that a system is in scope (expression, outside the rule's own
     * expressions so it does not make the rule system-level), or -1. In a portfolio the
     * organisation's status combines every in-scope system's (ag_per_system_*). */
    int32_t per_system;
    /* a finding that, when its condition holds, is an auditor's observation (e.g. Annex B
     * guidance not considered): reported met with the observation noted, never a gap */
    uint8_t observation;
} ag_rule;

struct aigov_table {
    int is_static;
    ag_mem mem; /* heap tables only */
    const char *revision, *hash;
    const char *const *framework_ids, *const *framework_names;
    uint32_t n_frameworks;
    const ag_fact *facts;
    uint32_t n_facts;
    const ag_node *nodes;
    uint32_t n_nodes;
    const ag_evidence *evidence;
    uint32_t n_evidence;
    const ag_expr *exprs;
    uint32_t n_exprs;
    const int32_t *kids;
    uint32_t n_kids;
    const ag_date_case *dates;
    uint32_t n_dates;
    const int32_t *rule_evidence;
    uint32_t n_rule_evidence;
    const ag_rule *rules;
    uint32_t n_rules;
    const int32_t *order; /* rules in dependency order (referenced rules first) */
    /* Open-addressing index for the descriptor reader: slot -> node index
     * (keyed by parent and key) or -1; and slot -> fact << 8 | value index
     * (keyed by fact and value string) or -1. Sizes are powers of two. */
    const int32_t *node_index;
    uint32_t node_index_mask;
    const int32_t *value_index;
    uint32_t value_index_mask;
    const int32_t *reported; /* obligations, prohibitions and findings, in table order */
    uint32_t n_reported;
    const ag_penalty *penalties;
    uint32_t n_penalties;
    ag_penalty_facts penalty_facts;
    const int32_t *crosswalk;
    uint32_t n_crosswalk;
    const uint8_t *crosswalk_link; /* per crosswalk entry: ag_link, how the ISO rule relates */
    /* per expression: its test as a JSON string (table/describe.h), for the conditions of
     * the JSON reports */
    const ag_jtext *expr_test;
    ag_arena arena; /* run-time tables: where everything above lives */
};

/* Hash of a key under a parent (node or fact index), shared by the
 * compiler that builds the indexes and the reader that probes them. */
static inline uint64_t ag_key_word(const char *s, size_t n) /* n <= 8 bytes, little-endian */
{
    uint64_t w = 0;
    memcpy(&w, s, n);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    w = __builtin_bswap64(w); /* key[0] in the low byte, as on little-endian machines */
#endif
    return w;
}

/* Eight bytes a step (the reader hashes every key it meets): the same value on every
 * machine, since the build's rule compiler and the library must agree on it. */
static inline uint32_t ag_key_hash(int32_t parent, const char *key, size_t len)
{
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)(uint32_t)parent * 0xFF51AFD7ED558CCDull ^ len;
    size_t i = 0;
    for (; len - i >= 8; i += 8) {
        h = (h ^ ag_key_word(key + i, 8)) * 0x100000001B3ull;
        h ^= h >> 32;
    }
    h = (h ^ ag_key_word(key + i, len - i)) * 0xBF58476D1CE4E5B9ull;
    h ^= h >> 31;
    h *= 0x94D049BB133111EBull;
    return (uint32_t)(h ^ (h >> 32));
}

/* The table the build generated from rules/ (build/gen/builtin_table.c). */
extern const struct aigov_table ag_builtin_table;

/* table.c, behind api/table.c: t and the out-params are not NULL. */
void ag_table_free(aigov_table *t); /* a heap table; the builtin one is left alone */
/* Rule `index` into *out; AIGOV_ENOTFOUND past the end. */
int ag_table_rule(aigov_rule_info *out, const aigov_table *t, size_t index);
/* The index of the rule named `id` (case-sensitive); AIGOV_ENOTFOUND when none is. */
int ag_table_find_rule(size_t *out_index, const aigov_table *t, const char *id);
/* The index of the fact named `id` (case-sensitive), or -1. */
int32_t ag_table_find_fact(const aigov_table *t, const char *id);

#endif
