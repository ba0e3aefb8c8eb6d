/*
 * aigov.h - libaigov, an embeddable AI-governance rules engine.
 *
 * Tells which obligations of the EU AI Act (Regulation (EU) 2024/1689 as
 * amended by Regulation (EU) 2026/1744) and of ISO/IEC 42001:2023 apply to an
 * AI system described by a JSON descriptor, and where it stands on each.
 * Not legal advice.
 *
 * Conventions (libgit2 / zstd / Lua style):
 *  - every function returns an int status: 0 (AIGOV_OK) or a negative
 *    aigov_error_code; out-parameters come first;
 *  - error details go to a caller-owned aigov_error (may be NULL); the library
 *    has no global or thread-local state;
 *  - aigov_table is immutable once built and may be shared by any number of
 *    threads; an aigov_ctx belongs to one thread at a time and is reused
 *    across evaluations so that evaluation after warm-up does not allocate;
 *  - strings the library returns are UTF-8, NUL-terminated.
 */
#ifndef AIGOV_H
#define AIGOV_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32) && defined(AIGOV_BUILDING)
#define AIGOV_API __declspec(dllexport)
#elif defined(_WIN32)
#define AIGOV_API __declspec(dllimport)
#elif defined(__GNUC__)
#define AIGOV_API __attribute__((visibility("default")))
#else
#define AIGOV_API
#endif

/* ---- Versions ----------------------------------------------------------- */

#define AIGOV_VERSION_MAJOR 0
#define AIGOV_VERSION_MINOR 1
#define AIGOV_VERSION_PATCH 0
#define AIGOV_VERSION_STRING "0.1.0"
/* MAJOR*10000 + MINOR*100 + PATCH */
#define AIGOV_VERSION_NUMBER \
    (AIGOV_VERSION_MAJOR * 10000 + AIGOV_VERSION_MINOR * 100 + AIGOV_VERSION_PATCH)

/** Version string of the linked library, e.g. "0.1.0". Static storage; thread-safe. */
AIGOV_API const char *aigov_version(void);
/** AIGOV_VERSION_NUMBER of the linked library (compare with the header's). Thread-safe. */
AIGOV_API unsigned aigov_version_number(void);

/* ---- Status codes and errors --------------------------------------------- */

/* The codes every function returns (aigov_error.code holds the same). Named
 * aigov_error_code, not "status": aigov_status_name() names an obligation's status. */
typedef enum aigov_error_code {
    AIGOV_OK = 0,
    AIGOV_EINVAL = -1,   /* a bad argument (NULL pointer, bad option, bad date) */
    AIGOV_ENOMEM = -2,   /* an allocation failed; nothing leaked, objects still usable */
    AIGOV_ESYNTAX = -3,  /* input is not well-formed JSON (or not UTF-8) */
    AIGOV_EINPUT = -4,   /* well-formed JSON that the descriptor schema does not accept */
    AIGOV_ELIMIT = -5,   /* input over a size, depth or count limit */
    AIGOV_ERULES = -6,   /* a rule source failed to compile */
    AIGOV_ENOTFOUND = -7, /* no such rule / item */
    AIGOV_ERROR_CODE_COUNT = 8 /* codes 0 down to -(AIGOV_ERROR_CODE_COUNT - 1) */
} aigov_error_code;

/** Static English description of a status code; never NULL. Thread-safe. */
AIGOV_API const char *aigov_strerror(int code);
/** The code's C name, "AIGOV_OK", "AIGOV_EINPUT", ...; "?" for a code outside
 *  0 .. -(AIGOV_ERROR_CODE_COUNT - 1). Static storage; never NULL; thread-safe.
 *  Bindings and hosts take the names from here instead of keeping a copy. */
AIGOV_API const char *aigov_error_name(int code);

#define AIGOV_ERROR_MESSAGE_MAX 256
#define AIGOV_ERROR_PATH_MAX 256

/**
 * Error details, owned by the caller. Filled on failure by every function that
 * takes one (pass NULL to ignore). On success its content is unspecified.
 *  - code:    the same negative status the function returned;
 *  - message: what went wrong and what was expected;
 *  - path:    JSON path of the offending value, e.g. "$.system.annex_iii.points[2]"
 *             ("" when not about a JSON value);
 *  - source:  rule source name (compiler) or "descriptor";
 *  - rule_id: rule being compiled, when the error is in one ("" otherwise);
 *  - offset:  byte offset in the input where the error was found.
 */
typedef struct aigov_error {
    int code;
    char message[AIGOV_ERROR_MESSAGE_MAX];
    char path[AIGOV_ERROR_PATH_MAX];
    char source[128];
    char rule_id[128];
    size_t offset;
} aigov_error;

/* ---- Allocator hooks (optional) ----------------------------------------- */

/**
 * Custom allocator, per table or context (never global). All three functions
 * are required when a struct is passed. malloc_fn/realloc_fn return NULL on
 * failure; free_fn accepts NULL. The struct is copied; `ud` must outlive
 * every object created with it. Pass NULL to use malloc/realloc/free.
 */
typedef struct aigov_allocator {
    void *(*malloc_fn)(void *ud, size_t size);
    void *(*realloc_fn)(void *ud, void *ptr, size_t size);
    void (*free_fn)(void *ud, void *ptr);
    void *ud;
} aigov_allocator;

/** Frees a buffer returned by a render function (any allocator). NULL is ignored. */
AIGOV_API void aigov_free(void *ptr);

/* ---- Rule tables ------------------------------------------------------------ */

typedef struct aigov_table aigov_table;

/**
 * The rule table compiled into the library at build time from rules/.
 * Static storage: never free it (aigov_table_free ignores it). Thread-safe.
 */
AIGOV_API const aigov_table *aigov_table_builtin(void);

/** One rule source document (the content of one rules/ file). */
typedef struct aigov_source {
    const char *name; /* used in error messages, e.g. "rules/eu-ai-act/art27.json" */
    const char *data; /* JSON text, need not be NUL-terminated */
    size_t len;
} aigov_source;

/**
 * Compiles a rule set at run time with the same validation as the build.
 * out:     receives a new immutable table; free with aigov_table_free.
 * sources: n documents, read in the order given; exactly one has "manifest".
 * alloc:   allocator for the table, or NULL.
 * Errors:  AIGOV_ERULES (err names the source, rule id and JSON path),
 *          AIGOV_ESYNTAX, AIGOV_ELIMIT, AIGOV_ENOMEM, AIGOV_EINVAL.
 * Thread-safe (no shared state). *out is NULL on failure.
 */
AIGOV_API int aigov_table_compile(aigov_table **out, const aigov_source *sources, size_t n,
                                  const aigov_allocator *alloc, aigov_error *err);

/** Frees a table from aigov_table_compile. NULL and the builtin table are ignored.
 *  No context created from it may be used afterwards. */
AIGOV_API void aigov_table_free(aigov_table *table);

/** The rule set's revision string (manifest). Owned by the table; thread-safe. */
AIGOV_API const char *aigov_table_revision(const aigov_table *table);
/** "sha256:<hex>" over the rule sources (names and contents). Owned by the table; thread-safe. */
AIGOV_API const char *aigov_table_hash(const aigov_table *table);
/** Number of rules (all kinds). Thread-safe. */
AIGOV_API size_t aigov_table_rule_count(const aigov_table *table);

typedef enum aigov_rule_kind {
    AIGOV_RULE_DEFINITION = 0,
    AIGOV_RULE_OBLIGATION = 1,
    AIGOV_RULE_PROHIBITION = 2,
    AIGOV_RULE_FINDING = 3,    /* a problem check, e.g. an unjustified SoA exclusion */
    AIGOV_RULE_KIND_COUNT = 4  /* kinds are 0 .. AIGOV_RULE_KIND_COUNT - 1 */
} aigov_rule_kind;

/** Catalogue entry of one rule; strings are owned by the table. */
typedef struct aigov_rule_info {
    const char *id;
    const char *framework;   /* "eu_ai_act", "iso42001" */
    const char *citation;
    const char *title;
    char applies_from[11];   /* "YYYY-MM-DD", the earliest case; "" for definitions */
    int kind;                /* aigov_rule_kind */
} aigov_rule_info;

/** Fills *out with rule `index` (< aigov_table_rule_count); strings owned by the
 *  table. AIGOV_ENOTFOUND past the end, AIGOV_EINVAL for NULL. Thread-safe. */
AIGOV_API int aigov_table_rule(aigov_rule_info *out, const aigov_table *table, size_t index);
/** Finds a rule by id; *out_index receives its index. AIGOV_ENOTFOUND if absent,
 *  AIGOV_EINVAL for NULL. Thread-safe. */
AIGOV_API int aigov_table_find_rule(size_t *out_index, const aigov_table *table, const char *id);

/* ---- Rendering formats ---------------------------------------------------- */

typedef enum aigov_format {
    AIGOV_FORMAT_JSON = 0,
    AIGOV_FORMAT_TEXT = 1,     /* plain text for people (no colours) */
    AIGOV_FORMAT_MARKDOWN = 2, /* for pull-request comments */
    AIGOV_FORMAT_OSCAL = 3,    /* NIST OSCAL 1.1: assessment results for a report (JSON);
                                  for aigov_table_render_rules, a catalog of the rule set */
    AIGOV_FORMAT_SARIF = 4,    /* SARIF 2.1.0 (code scanning): a result per gap or unknown; reports only */
    AIGOV_FORMAT_JUNIT = 5,    /* JUnit XML (CI test reports): a test case per applicable rule; reports only */
    AIGOV_FORMAT_HTML = 6,     /* one self-contained HTML page (inline CSS and SVG, no script); reports only */
    AIGOV_FORMAT_SOA_CSV = 7   /* the ISO/IEC 42001 Statement of Applicability as CSV (RFC 4180, CRLF):
                                  control, title, decision, justification, implementation status, owner,
                                  review date, grade, evidence reference, open findings (a first column
                                  "system" for a descriptor of several systems); only the header row while
                                  the standard is not assessed; cells a spreadsheet would read as a formula
                                  (= + - @ TAB CR first) start with a quote character; reports only */
} aigov_format;

/**
 * OR'd into AIGOV_FORMAT_JSON for a report rendering (aigov_report_render,
 * aigov_eval_render, aigov_eval_verdict): the full JSON report, which
 * repeats each rule's static metadata (framework, kind, citation, title,
 * holder, its evidence items with their titles, penalty tier, crosswalk
 * controls and what the law asks beyond them, questions' text and affected
 * rules). Without it the JSON report is compact ("form": "compact"): rules by
 * id, the metadata in the catalogue of the same rules_revision and
 * rules_hash (aigov_table_render_rules); obligations in runs of consecutive
 * rules that share date, status, per-system results and crosswalk coverage,
 * each rule by id with its reasons as indices into the report's "conditions"
 * (each condition listed once); evidence states and penalty caps once per
 * report ("evidence", "penalties"); questions in runs of facts that change the
 * same of tier and GPAI class and affect as many rules. Both forms are
 * described by rules/report.schema.json. Other
 * formats always carry what they show: AIGOV_EINVAL with any other format.
 */
#define AIGOV_RENDER_FULL 0x100

/**
 * Renders the rule catalogue (id, citation, title, applies-from, kind);
 * AIGOV_FORMAT_OSCAL renders it as an OSCAL 1.1.2 catalog, one control per
 * reported rule, which the assessment results of aigov_report_render
 * (AIGOV_FORMAT_OSCAL) import and whose control ids their findings target.
 * *out receives a NUL-terminated buffer to free with aigov_free; *out_len its
 * length (out_len may be NULL). Errors: AIGOV_ENOMEM, AIGOV_EINVAL.
 */
AIGOV_API int aigov_table_render_rules(char **out, size_t *out_len, const aigov_table *table,
                                       int format, aigov_error *err);

/**
 * Renders one rule in readable form: citation, title, dates, its condition
 * written out, the facts it reads and the evidence it needs.
 * Errors: AIGOV_ENOTFOUND (unknown id), AIGOV_ENOMEM, AIGOV_EINVAL.
 */
AIGOV_API int aigov_table_explain(char **out, size_t *out_len, const aigov_table *table,
                                  const char *rule_id, aigov_error *err);

/**
 * Writes the JSON Schema (2020-12) of the descriptor this table accepts,
 * generated from its fact catalogue. Free *out with aigov_free.
 */
AIGOV_API int aigov_table_descriptor_schema(char **out, size_t *out_len,
                                            const aigov_table *table, aigov_error *err);

/* ---- Evaluation ------------------------------------------------------------- */

typedef struct aigov_ctx aigov_ctx;

/**
 * Creates an evaluation context for `table`: scratch memory sized for the
 * table, reused by every aigov_eval on it. The table must outlive the
 * context. A context is not thread-safe: use one per thread (they are cheap).
 * Errors: AIGOV_ENOMEM, AIGOV_EINVAL. *out is NULL on failure.
 */
AIGOV_API int aigov_ctx_new(aigov_ctx **out, const aigov_table *table,
                            const aigov_allocator *alloc, aigov_error *err);
/** Frees a context and the report it holds. NULL is ignored. */
AIGOV_API void aigov_ctx_free(aigov_ctx *ctx);

#define AIGOV_EVAL_OPTIONS_VERSION 2
#define AIGOV_DEFAULT_MAX_INPUT (1u << 20) /* 1 MiB */
#define AIGOV_DEFAULT_MAX_DEPTH 32

/**
 * Evaluation options. Initialise with AIGOV_EVAL_OPTIONS_INIT, then set as_of.
 *  - as_of:      "YYYY-MM-DD", required: the library never reads the clock;
 *  - max_input:  bytes accepted (0 = AIGOV_DEFAULT_MAX_INPUT, at most 64 MiB);
 *  - max_depth:  JSON nesting accepted (0 = AIGOV_DEFAULT_MAX_DEPTH, at most 256).
 * Since version 2 (a caller built against version 1 passes 1 and the library
 * reads only the fields above):
 *  - source_name: the descriptor's file name, the location SARIF and JUnit
 *                 findings point at and the HTML page names (NULL: "descriptor").
 *                 Not copied: it must outlive every rendering of the report;
 *  - framework:   NULL for every framework, or a framework id of the table
 *                 ("eu_ai_act", "iso42001" in the builtin one): only its rules
 *                 are reported, counted and judged (AIGOV_EINVAL for another id);
 *  - only:        an aigov_only: which rules renderings list (rows of text,
 *                 markdown, JSON and HTML, SARIF results, JUnit test cases).
 *                 Summaries, readiness and the verdict still count every rule of
 *                 the framework, so aigov_report_obligation_count may be smaller
 *                 than the summary's total.
 */
typedef enum aigov_only {
    AIGOV_ONLY_ALL = 0,      /* every reported rule */
    AIGOV_ONLY_GAPS = 1,     /* gaps only (in force or not) */
    AIGOV_ONLY_IN_FORCE = 2  /* rules in force at as_of only (any status) */
} aigov_only;

typedef struct aigov_eval_options {
    unsigned version;
    const char *as_of;
    size_t max_input;
    unsigned max_depth;
    const char *source_name; /* version 2 */
    const char *framework;   /* version 2 */
    int only;                /* version 2 */
} aigov_eval_options;

#define AIGOV_EVAL_OPTIONS_INIT { AIGOV_EVAL_OPTIONS_VERSION, NULL, 0, 0, NULL, NULL, AIGOV_ONLY_ALL }

typedef struct aigov_report aigov_report;

/**
 * Parses and evaluates one descriptor (JSON text of `len` bytes).
 * *out receives the report, owned by ctx and valid until the next aigov_eval
 * on ctx or aigov_ctx_free. After the first call on a context, evaluation
 * performs no heap allocation unless a descriptor needs more string space
 * than any before it.
 * Errors: AIGOV_ESYNTAX, AIGOV_EINPUT, AIGOV_ELIMIT (err->path names the JSON
 * path and err->message what was expected), AIGOV_EINVAL (bad options or
 * as_of), AIGOV_ENOMEM. On error *out is NULL and ctx stays usable.
 */
AIGOV_API int aigov_eval(const aigov_report **out, aigov_ctx *ctx, const char *json, size_t len,
                         const aigov_eval_options *opts, aigov_error *err);

/**
 * A descriptor may describe one organisation with several systems:
 * {"organisation": {...}, "evidence": {...shared...}, "systems": [{"operator":
 * ..., "system": ..., "gpai": ..., "evidence": ...}, ...]}; each system's
 * own rules are evaluated with the organisation's facts and shared
 * evidence, its own evidence taking precedence item by item; the
 * organisation's own rules once, on the organisation's facts and shared
 * evidence alone (see "The verdict" below). aigov_eval rejects such a
 * descriptor (AIGOV_EINPUT at "$.systems"); this evaluates system `index`
 * (0 for a single-system descriptor) and sets *out_systems (may be NULL) to
 * the number of systems. For a descriptor with "systems" the report holds
 * that system's own rules only (aigov_report_obligation_count, _summary and
 * every rendering agree); the whole descriptor's verdict is
 * aigov_eval_verdict. Errors as aigov_eval, and AIGOV_ENOTFOUND for an index
 * past the end. The report is owned by ctx as with aigov_eval.
 */
AIGOV_API int aigov_eval_system(const aigov_report **out, size_t *out_systems, aigov_ctx *ctx,
                                const char *json, size_t len, size_t index,
                                const aigov_eval_options *opts, aigov_error *err);

/**
 * The organisation's part of a descriptor of several systems, as a report:
 * evaluates every system (recording their results of the per-system rules,
 * ISO/IEC 42001 8.2-8.4) and then the organisation's own rules once, exactly
 * as aigov_eval_render does for its "organisation" member, and returns that
 * part (aigov_overview.part is AIGOV_PART_ORGANISATION; per-system results
 * through aigov_report_obligation_system). aigov_report_render renders it
 * as that member (JSON: "engine", "as_of" and the members of "organisation";
 * no classification, the organisation not being a system). For a
 * descriptor without "systems", the report of every rule, as aigov_eval.
 * The report is owned by ctx as with aigov_eval. Errors as aigov_eval_system.
 */
AIGOV_API int aigov_eval_organisation(const aigov_report **out, aigov_ctx *ctx, const char *json, size_t len,
                                      const aigov_eval_options *opts, aigov_error *err);

/**
 * Convenience for bindings: aigov_eval then aigov_report_render(JSON or
 * another format). *out is freed with aigov_free. For a descriptor of several
 * systems it renders every system and then, once, the organisation's own
 * rules (JSON: {"engine", "as_of", "systems": [{"index", "name",
 * "classification", "obligations", "questions", "summary", "readiness",
 * "next_actions"}], "organisation": {"obligations", "summary", "readiness",
 * "next_actions"}}); text and markdown end with the verdict over every
 * system and the organisation. The same as aigov_eval_verdict with a
 * rendering; AIGOV_ELIMIT past AIGOV_RENDER_LIMIT(len) for several systems.
 */
AIGOV_API int aigov_eval_render(char **out, size_t *out_len, aigov_ctx *ctx, const char *json,
                                size_t len, const aigov_eval_options *opts, int format,
                                aigov_error *err);

/* ---- Reading a report without JSON ---------------------------------------
 * A report belongs to its context: read it from the thread that evaluated,
 * before the next evaluation on that context. Accessors do not allocate and
 * cannot fail except as stated; strings they return are owned by the table
 * or the context. Questions are computed on first access (a gate that reads
 * only the tier does not pay for them). */

typedef enum aigov_tier {
    AIGOV_TIER_OUT_OF_SCOPE = 0,
    AIGOV_TIER_PROHIBITED = 1,
    AIGOV_TIER_HIGH_RISK = 2,
    AIGOV_TIER_LIMITED = 3,
    AIGOV_TIER_MINIMAL = 4,
    AIGOV_TIER_UNDETERMINED = 5,
    AIGOV_TIER_COUNT = 6 /* tiers are 0 .. AIGOV_TIER_COUNT - 1 (aigov_tier_name of each) */
} aigov_tier;

typedef enum aigov_gpai {
    AIGOV_GPAI_NONE = 0,
    AIGOV_GPAI_MODEL = 1,
    AIGOV_GPAI_SYSTEMIC = 2,
    AIGOV_GPAI_UNDETERMINED = 3,
    AIGOV_GPAI_COUNT = 4
} aigov_gpai;

typedef enum aigov_obligation_status {
    AIGOV_STATUS_MET = 0,
    AIGOV_STATUS_GAP = 1,
    AIGOV_STATUS_UNKNOWN = 2,
    AIGOV_STATUS_NOT_APPLICABLE = 3,
    AIGOV_STATUS_COUNT = 4
} aigov_obligation_status;

/** "out_of_scope", "prohibited", ... ; "?" for a bad value. Static storage. */
AIGOV_API const char *aigov_tier_name(int tier);
/** "none", "gpai", "gpai_systemic", "undetermined". */
AIGOV_API const char *aigov_gpai_name(int gpai);
/** "met", "gap", "unknown", "not_applicable". */
AIGOV_API const char *aigov_status_name(int status);

/** aigov_tier of the report (AIGOV_TIER_UNDETERMINED for NULL). */
AIGOV_API int aigov_report_tier(const aigov_report *report);
/** aigov_gpai of the report (AIGOV_GPAI_UNDETERMINED for NULL). */
AIGOV_API int aigov_report_gpai(const aigov_report *report);

/** Counts of reported rules (obligations, prohibitions, findings) by status. */
typedef struct aigov_summary {
    size_t total, met, gap, unknown, not_applicable;
    size_t in_force_gaps; /* gaps of rules in force at the as-of date */
    size_t questions;
} aigov_summary;

/** Fills *out. AIGOV_EINVAL for NULL arguments. */
AIGOV_API int aigov_report_summary(aigov_summary *out, const aigov_report *report);

/* ---- Names of the report's enumerations ------------------------------------ */

/** Roles an operator can hold (bit (1u << role) in role masks). */
typedef enum aigov_role {
    AIGOV_ROLE_PROVIDER = 0,
    AIGOV_ROLE_DEPLOYER = 1,
    AIGOV_ROLE_IMPORTER = 2,
    AIGOV_ROLE_DISTRIBUTOR = 3,
    AIGOV_ROLE_AUTHORISED_REPRESENTATIVE = 4,
    AIGOV_ROLE_PRODUCT_MANUFACTURER = 5,
    AIGOV_ROLE_ORGANISATION = 6, /* the organisation running an AI management system */
    AIGOV_ROLE_COUNT = 7
} aigov_role;

/** Three-valued results of conditions (the JSON report's "true", "false", "unknown"). */
typedef enum aigov_truth {
    AIGOV_TRUTH_FALSE = 0,
    AIGOV_TRUTH_TRUE = 1,
    AIGOV_TRUTH_UNKNOWN = 2,
    AIGOV_TRUTH_COUNT = 3
} aigov_truth;

/** How far the ISO/IEC 42001 rules an AI Act duty maps to support it (never "covered":
 *  a control supplies evidence toward a legal duty, it never discharges it). */
typedef enum aigov_coverage {
    AIGOV_COVERAGE_NONE = -1,          /* the rule has no crosswalk (or the JSON shows none) */
    AIGOV_COVERAGE_SUPPORTED = 0,      /* every linked ISO rule that applies is met */
    AIGOV_COVERAGE_PARTLY_SUPPORTED = 1,
    AIGOV_COVERAGE_NOT_SUPPORTED = 2,
    AIGOV_COVERAGE_COUNT = 3
} aigov_coverage;

/** An Annex A control graded as a certification auditor grades it. */
typedef enum aigov_grade {
    AIGOV_GRADE_MAJOR_NONCONFORMITY = 0,
    AIGOV_GRADE_MINOR_NONCONFORMITY = 1,
    AIGOV_GRADE_OBSERVATION = 2,
    AIGOV_GRADE_OPPORTUNITY_FOR_IMPROVEMENT = 3,
    AIGOV_GRADE_CONFORMING = 4,
    AIGOV_GRADE_NOT_GRADED = 5,
    AIGOV_GRADE_NOT_APPLICABLE = 6, /* outside the AI management system */
    AIGOV_GRADE_COUNT = 7
} aigov_grade;

/** What a reason (a deciding condition) tests. */
typedef enum aigov_condition_kind {
    AIGOV_CONDITION_RULE = 0,  /* another rule's value ("rule") */
    AIGOV_CONDITION_AS_OF = 1, /* the as-of date ("as_of": the test) */
    AIGOV_CONDITION_TEST = 2,  /* a constant ("always", "never") */
    AIGOV_CONDITION_FACT = 3,  /* a descriptor fact ("fact", "value", "test") */
    AIGOV_CONDITION_KIND_COUNT = 4
} aigov_condition_kind;

/** Which rules a report holds (aigov_overview.part). */
typedef enum aigov_part {
    AIGOV_PART_ALL = 0,          /* a single-system descriptor: every rule */
    AIGOV_PART_SYSTEM = 1,       /* one system of several: its own rules (aigov_eval_system) */
    AIGOV_PART_ORGANISATION = 2, /* the organisation's own rules (aigov_eval_organisation) */
    AIGOV_PART_COUNT = 3
} aigov_part;

/* Names as the JSON report spells them; "?" for a value outside 0 .. *_COUNT - 1.
 * Static storage; thread-safe. */
/** "provider", "deployer", "importer", "distributor", "authorised_representative",
 *  "product_manufacturer", "organisation". */
AIGOV_API const char *aigov_role_name(int role);
/** "false", "true", "unknown". */
AIGOV_API const char *aigov_truth_name(int truth);
/** "supported", "partly_supported", "not_supported". */
AIGOV_API const char *aigov_coverage_name(int coverage);
/** "major_nonconformity", "minor_nonconformity", "observation",
 *  "opportunity_for_improvement", "conforming", "not_graded", "not_applicable". */
AIGOV_API const char *aigov_grade_name(int grade);
/** "rule", "as_of", "test", "fact". */
AIGOV_API const char *aigov_condition_kind_name(int kind);
/** "all", "system", "organisation". */
AIGOV_API const char *aigov_part_name(int part);

/* ---- Versioned result structs ----------------------------------------------
 * Every struct below starts with `size_t size`, which the caller sets to
 * sizeof(*out) before the call: later versions only append fields, and the
 * library fills no more than `size` bytes (a newer header's extra fields are
 * left as they were). A size smaller than the struct's first version (the
 * layout in this header) is rejected with AIGOV_EINVAL and nothing is filled
 * but the size. Strings are owned by the table (rule metadata, names) or by
 * the context (descriptor values, computed sentences) and stay valid until
 * the next evaluation on that context or its free. */

/**
 * One reported rule: the JSON report's obligation row.
 *  - id, framework, citation, title, kind, holders: the rule's metadata
 *    (holders: bit (1u << aigov_role) for each role that holds the duty);
 *  - applies_from, in_force, due_at_placing: its date at as_of
 *    (due_at_placing: a pre-market duty whose date is the planned launch);
 *  - status: aigov_obligation_status; observation: 1 for a finding met as an
 *    observation (noted by an auditor, not a nonconformity);
 *  - reasons: the deciding conditions (aigov_report_obligation_reason);
 *  - evidence, penalty_tier, coverage, links, beyond, systems: what the JSON
 *    shows of a rule that applies (status other than not_applicable; else 0,
 *    NULL, AIGOV_COVERAGE_NONE): its evidence items
 *    (aigov_report_obligation_evidence), the id of its penalty tier or NULL
 *    (aigov_report_obligation_penalty), the ISO/IEC 42001 crosswalk's support
 *    (aigov_coverage), its linked ISO rules (aigov_report_obligation_link)
 *    and what the law asks beyond them, and, in the organisation's part of a
 *    descriptor of several systems, each system's result of a per-system rule
 *    (aigov_report_obligation_system; 0 otherwise).
 */
typedef struct aigov_obligation {
    size_t size;
    const char *id;
    const char *framework;
    const char *citation;
    const char *title;
    char applies_from[11];    /* "YYYY-MM-DD" */
    int in_force;             /* 1 when as_of >= applies_from */
    int status;               /* aigov_obligation_status */
    int kind;                 /* AIGOV_RULE_OBLIGATION, _PROHIBITION or _FINDING */
    unsigned holders;
    int due_at_placing;
    int observation;
    size_t reasons;
    size_t evidence;
    const char *penalty_tier;
    int coverage;             /* aigov_coverage */
    size_t links;
    const char *beyond;
    size_t systems;
} aigov_obligation;

/** Number of reported rules, in table order (0 for NULL). For one system of
 *  a descriptor with several (aigov_eval_system), the system's own rules
 *  only: the organisation's are reported once (aigov_eval_render,
 *  aigov_eval_verdict). aigov_report_summary counts the same rules. */
AIGOV_API size_t aigov_report_obligation_count(const aigov_report *report);
/** Fills *out with reported rule `index` (set out->size first). AIGOV_ENOTFOUND
 *  past the end, AIGOV_EINVAL for NULL or a size below this first version. */
AIGOV_API int aigov_report_obligation(aigov_obligation *out, const aigov_report *report,
                                      size_t index);

/** A fact still missing, in the order it should be asked. */
typedef struct aigov_question {
    const char *fact;  /* dotted path, e.g. "system.annex_iii.points" */
    const char *ask;
    int affects_tier;  /* 1 when answering may change the tier */
    int affects_gpai;  /* 1 when answering may change the GPAI class */
    size_t affected_rules;
} aigov_question;

/** Number of open questions (0 for NULL). */
AIGOV_API size_t aigov_report_question_count(const aigov_report *report);
/** Fills *out with question `index` in asking order. AIGOV_ENOTFOUND past the
 *  end, AIGOV_EINVAL for NULL. */
AIGOV_API int aigov_report_question(aigov_question *out, const aigov_report *report,
                                    size_t index);

/* ---- Questions in full: a questionnaire from the engine --------------------
 * What a host needs to ask a question and turn the answer into the
 * descriptor (aigov ask, the bindings, the HTTP service): the fact's type and
 * allowed values, the provision it comes from, why it matters. Same thread
 * and lifetime rules as the report's other accessors; nothing allocates. */

/** How a fact is written in the descriptor (its JSON at the fact's dotted path). */
typedef enum aigov_fact_type {
    AIGOV_FACT_BOOL = 0,     /* true / false */
    AIGOV_FACT_ENUM = 1,     /* one string of values */
    AIGOV_FACT_SET = 2,      /* array of distinct strings of values; [] = none */
    AIGOV_FACT_NUMBER = 3,   /* number within min..max */
    AIGOV_FACT_DATE = 4,     /* "YYYY-MM-DD" */
    AIGOV_FACT_STRING = 5,   /* string of at most max_length bytes */
    AIGOV_FACT_EVIDENCE = 6  /* {"state": one of values, "ref": optional string} */
} aigov_fact_type;

/** "bool", "enum", "set", "number", "date", "string", "evidence"; "?" otherwise. */
AIGOV_API const char *aigov_fact_type_name(int type);

/** What answering can decide; questions are asked in this order (then by the
 *  number of rules affected). */
typedef enum aigov_question_rank {
    AIGOV_RANK_TIER = 0, /* the risk tier */
    AIGOV_RANK_GPAI = 1, /* the GPAI model class */
    AIGOV_RANK_ROLE = 2, /* a role (provider, deployer, ...) that duties hang on */
    AIGOV_RANK_DATE = 3, /* the date from which a duty applies */
    AIGOV_RANK_DUTY = 4  /* whether a duty applies or is met (its conditions, its evidence) */
} aigov_question_rank;

/** "tier", "gpai", "role", "date", "duty"; "?" otherwise. */
AIGOV_API const char *aigov_question_rank_name(int rank);

/**
 * One open question in full. Caller-owned; set `size` to sizeof(*out) before
 * the call: later versions only append fields, and a library fills no more
 * than `size` bytes (a newer header's extra fields are left as they were).
 * Strings and the values array are owned by the table.
 *  - fact:        dotted path, e.g. "system.annex_iii.points";
 *  - ask:         the question to put; description: what the fact means;
 *  - source:      the provision the fact comes from, e.g. "Art. 6(2), Annex III";
 *  - type:        aigov_fact_type; values/n_values: the allowed strings
 *                 (enum, set; the states of evidence), else NULL/0;
 *  - min, max:    a number's accepted range (0 otherwise);
 *  - max_length:  a string's accepted bytes (0 otherwise);
 *  - rank:        aigov_question_rank, the first that applies;
 *  - affects_tier, affects_gpai: 1 when answering may change the tier / GPAI class;
 *  - affected_rules: reported rules whose applicability, date or status the
 *                 answer can decide (listed by aigov_report_question_rule);
 *  - affected_in_force: of those, the ones in force at as_of. A question with
 *                 no tier, GPAI or in-force effect decides nothing today.
 */
typedef struct aigov_question_info {
    size_t size;
    const char *fact;
    const char *ask;
    const char *description;
    const char *source;
    int type;
    int rank;
    const char *const *values;
    size_t n_values;
    double min, max;
    size_t max_length;
    int affects_tier;
    int affects_gpai;
    size_t affected_rules;
    size_t affected_in_force;
} aigov_question_info;

/**
 * Fills *out with question `index` in asking order (the order of
 * aigov_report_question). Errors: AIGOV_EINVAL (NULL, or out->size smaller
 * than this first version of the struct), AIGOV_ENOTFOUND past the end.
 */
AIGOV_API int aigov_report_question_info(aigov_question_info *out, const aigov_report *report,
                                         size_t index);

/**
 * The k-th reported rule (table order) that question `index` can decide:
 * *out_rule_id is its id, owned by the table (aigov_table_find_rule and
 * aigov_table_rule give its citation and title). k runs to affected_rules.
 * Errors: AIGOV_EINVAL (NULL), AIGOV_ENOTFOUND past the end of either.
 */
AIGOV_API int aigov_report_question_rule(const char **out_rule_id, const aigov_report *report,
                                         size_t index, size_t k);

/* ---- The report in full: everything the JSON report says --------------------
 * Index-based iterators over what aigov_report_render (AIGOV_FORMAT_JSON |
 * AIGOV_RENDER_FULL) writes, computed by the same code: a binding builds its
 * typed report from these, never by parsing JSON. Same thread and lifetime
 * rules as the accessors above: read from the thread that evaluated, before
 * the next evaluation on the context; nothing allocates. Every function
 * returns 0, AIGOV_EINVAL (a NULL argument, or a struct whose size is below
 * its first version) or AIGOV_ENOTFOUND (an index past the end; *out is then
 * left with its size only). Counts come from the struct that lists them
 * (aigov_overview, aigov_obligation, ...). */

/**
 * The report as a whole: "as_of", "classification" (tier, gpai,
 * possible_tiers and possible_gpai as bits (1u << aigov_tier / aigov_gpai),
 * roles as bits (1u << aigov_role), classification_reasons for
 * aigov_report_classification_reason) and "summary" (summary as
 * aigov_report_summary fills it, legal_in_force_gaps: the in-force gaps the
 * default legal gate counts, i.e. without ISO/IEC 42001's). frameworks: the
 * table's frameworks, each with aigov_report_framework_summary and
 * aigov_report_readiness; next_actions: aigov_report_next_action; soa_controls:
 * the Statement of Applicability's controls (0 when the report has no such
 * section: aigov_report_soa); part: aigov_part; system_name: the descriptor's
 * system.name or NULL (owned by the context).
 */
typedef struct aigov_overview {
    size_t size;
    char as_of[11];
    int part;
    const char *system_name;
    int tier;
    int gpai;
    unsigned possible_tiers;
    unsigned possible_gpai;
    unsigned roles;
    size_t classification_reasons;
    aigov_summary summary;
    size_t legal_in_force_gaps;
    size_t frameworks;
    size_t next_actions;
    size_t soa_controls;
} aigov_overview;

AIGOV_API int aigov_report_overview(aigov_overview *out, const aigov_report *report);

/** A classifying rule that holds or may hold: "classification"."reasons"[index].
 *  classifies: the class it decides ("prohibited", "high_risk", "limited",
 *  "gpai", "gpai_systemic", "out_of_scope"); value: aigov_truth. */
typedef struct aigov_class_reason {
    size_t size;
    const char *rule;
    const char *citation;
    const char *classifies;
    int value;
} aigov_class_reason;

AIGOV_API int aigov_report_classification_reason(aigov_class_reason *out, const aigov_report *report,
                                                 size_t index);

/** "summary"."by_framework": the counts of one framework's reported rules
 *  (framework < aigov_overview.frameworks, the table's order). */
typedef struct aigov_framework_summary {
    size_t size;
    const char *framework;
    size_t total, met, gap, unknown, not_applicable;
} aigov_framework_summary;

AIGOV_API int aigov_report_framework_summary(aigov_framework_summary *out, const aigov_report *report,
                                             size_t framework);

/**
 * "readiness" of one framework: the rules that apply (ISO/IEC 42001: clauses
 * 4-10 and the Annex A controls the SoA includes), how many are met
 * (percent_met as the JSON rounds it, to one decimal), ready when every one is
 * met, none undecided and no finding open; requirements (rules other than SoA
 * controls), controls included and implemented, open findings; upcoming: dates
 * from which more of them apply (aigov_report_readiness_upcoming).
 */
typedef struct aigov_readiness {
    size_t size;
    const char *framework;
    int assessed;
    size_t applicable, undecided, met;
    double percent_met;
    int ready;
    size_t in_force, requirements, requirements_met;
    size_t controls_included, controls_implemented, findings_open;
    size_t upcoming;
} aigov_readiness;

AIGOV_API int aigov_report_readiness(aigov_readiness *out, const aigov_report *report, size_t framework);

/** One upcoming date of a framework's readiness, in date order. */
typedef struct aigov_upcoming {
    size_t size;
    char applies_from[11];
    size_t obligations;
} aigov_upcoming;

AIGOV_API int aigov_report_readiness_upcoming(aigov_upcoming *out, const aigov_report *report,
                                              size_t framework, size_t k);

/**
 * A deciding condition of reported rule `index` ("reasons"[k] of the full
 * JSON; k < aigov_obligation.reasons). kind: aigov_condition_kind; rule: the
 * rule id (AIGOV_CONDITION_RULE) else NULL; fact: the fact's dotted path
 * (AIGOV_CONDITION_FACT; aigov_report_fact_value gives its value) else NULL;
 * test: what is tested, e.g. "is true", "has \"5b\"", "gte 2027-12-02",
 * "always" ("" for a rule); result: aigov_truth.
 */
typedef struct aigov_condition {
    size_t size;
    int kind;
    const char *rule;
    const char *fact;
    char test[256];
    int result;
} aigov_condition;

AIGOV_API int aigov_report_obligation_reason(aigov_condition *out, const aigov_report *report,
                                             size_t index, size_t k);

/**
 * A fact's value in the evaluated descriptor, typed: the "value" of a
 * condition. type: aigov_fact_type; known: 0 when the descriptor does not
 * give it (JSON null). boolean for BOOL; number for NUMBER, with
 * number_text as the JSON report writes it (the descriptor's decimal when
 * the double is not exactly it); date for DATE ("YYYY-MM-DD"); text/text_len
 * for STRING (owned by the context) and for ENUM and EVIDENCE (the value's
 * name, owned by the table); mask (bit k for values[k]) for ENUM, SET and
 * EVIDENCE, with the table's values / n_values. AIGOV_ENOTFOUND for an
 * unknown fact.
 */
typedef struct aigov_fact_value {
    size_t size;
    const char *fact;
    int type;
    int known;
    int boolean;
    double number;
    char number_text[48];
    char date[11];
    const char *text;
    size_t text_len;
    unsigned long long mask;
    const char *const *values;
    size_t n_values;
} aigov_fact_value;

AIGOV_API int aigov_report_fact_value(aigov_fact_value *out, const aigov_report *report, const char *fact);

/** Evidence item k of reported rule `index` (k < aigov_obligation.evidence):
 *  its id and title, its state ("implemented", "partial", "planned",
 *  "absent", or "unknown" when not given), its reference or NULL, and the AI
 *  Act item whose implementation implies it (implied_by, NULL otherwise). */
typedef struct aigov_evidence_state {
    size_t size;
    const char *item;
    const char *title;
    const char *state;
    const char *ref;
    const char *implied_by;
} aigov_evidence_state;

AIGOV_API int aigov_report_obligation_evidence(aigov_evidence_state *out, const aigov_report *report,
                                               size_t index, size_t k);

/**
 * A penalty tier's cap for this descriptor (Arts. 99-101): tier id, its
 * citation, the cap in EUR when known (cap_known) and basis, one sentence on
 * how it is made up, built once per tier and evaluation and owned by the
 * context. aigov_report_obligation_penalty: the tier of reported rule
 * `index` (AIGOV_ENOTFOUND when it names none or does not apply).
 */
typedef struct aigov_penalty {
    size_t size;
    const char *tier;
    const char *citation;
    int cap_known;
    double cap_eur;
    const char *basis;
} aigov_penalty;

AIGOV_API int aigov_report_obligation_penalty(aigov_penalty *out, const aigov_report *report, size_t index);

/**
 * Penalty exposure as the text, markdown and HTML reports summarise it: of
 * the report's rules (its part and framework, listed or not), the gaps in
 * force whose rule names a penalty tier, and the one with the highest known
 * cap (rule NULL and penalty zeroed but its size when there is none).
 */
typedef struct aigov_exposure {
    size_t size;
    size_t gaps_with_penalty;
    const char *rule;
    aigov_penalty penalty; /* set penalty.size too; it is checked like the outer size */
} aigov_exposure;

AIGOV_API int aigov_report_exposure(aigov_exposure *out, const aigov_report *report);

/** Linked ISO/IEC 42001 rule k of reported rule `index`'s crosswalk
 *  (k < aigov_obligation.links): its id, the link ("equal", "subset",
 *  "superset", "intersect", "supports"), its status, and still_needed: 1 when
 *  it is in the JSON's "still_needed" (assessed and neither met nor not
 *  applicable). */
typedef struct aigov_crosswalk_link {
    size_t size;
    const char *rule;
    const char *link;
    int status;
    int still_needed;
} aigov_crosswalk_link;

AIGOV_API int aigov_report_obligation_link(aigov_crosswalk_link *out, const aigov_report *report,
                                           size_t index, size_t k);

/** System `system`'s result of a per-system rule (ISO/IEC 42001 8.2-8.4) in
 *  the organisation's part (system < aigov_obligation.systems): in_scope 0
 *  when the system is outside the AIMS scope (status then not_applicable). */
typedef struct aigov_system_result {
    size_t size;
    size_t index;
    int in_scope;
    int status;
} aigov_system_result;

AIGOV_API int aigov_report_obligation_system(aigov_system_result *out, const aigov_report *report,
                                             size_t index, size_t system);

/** Next action `index` (< aigov_overview.next_actions), best first: the
 *  evidence item to put in place, its title, how many open obligations it
 *  closes (or advances) and rules, how many reported rules it would close
 *  (aigov_report_next_action_rule lists them, table order). */
typedef struct aigov_action {
    size_t size;
    const char *evidence;
    const char *title;
    size_t closes;
    size_t rules;
} aigov_action;

AIGOV_API int aigov_report_next_action(aigov_action *out, const aigov_report *report, size_t index);
AIGOV_API int aigov_report_next_action_rule(const char **out_rule_id, const aigov_report *report,
                                            size_t index, size_t k);

/**
 * The Statement of Applicability (ISO/IEC 42001 6.1.3) section:
 * "statement_of_applicability"."summary". controls is 0 when the report has
 * no such section (no controls, ISO/IEC 42001 not assessed, or the
 * organisation's part); applicable is 0 when no AI management system is in
 * scope (the linked findings do not apply).
 */
typedef struct aigov_soa {
    size_t size;
    size_t controls, included, excluded, not_recorded;
    size_t findings_gap, findings_unknown;
    int complete;
    int applicable;
} aigov_soa;

AIGOV_API int aigov_report_soa(aigov_soa *out, const aigov_report *report);

/**
 * Control `index` of the SoA (< aigov_soa.controls, table order): its number
 * and title, its rule, the decision ("included"/"excluded") and justification
 * (NULL when not recorded, owned by the context), typically_applicable
 * (aigov_truth), implementation (the rule's aigov_obligation_status), owner
 * and review_date ("" when not recorded), grade (aigov_grade) and its basis,
 * evidence_refs (aigov_report_soa_evidence_ref) and findings, the checks of
 * the entry (aigov_report_soa_finding).
 */
typedef struct aigov_soa_control {
    size_t size;
    const char *control;
    const char *title;
    const char *rule;
    const char *decision;
    const char *justification;
    int typically_applicable;
    int implementation;
    const char *owner;
    char review_date[11];
    int grade;
    const char *grade_basis;
    size_t evidence_refs;
    size_t findings;
} aigov_soa_control;

AIGOV_API int aigov_report_soa_control(aigov_soa_control *out, const aigov_report *report, size_t index);
/** Evidence reference k of control `index` (owned by the context). */
AIGOV_API int aigov_report_soa_evidence_ref(const char **out_ref, const aigov_report *report, size_t index,
                                            size_t k);
/** Finding k of control `index`: the check's rule id and its aigov_obligation_status. */
AIGOV_API int aigov_report_soa_finding(const char **out_rule_id, int *out_status, const aigov_report *report,
                                       size_t index, size_t k);

/* ---- Bulk reading: a whole list in one call ----------------------------------
 * The same content as the per-item accessors above, for hosts whose every
 * call is costly (a binding through an FFI): one call fills caller-owned
 * arrays of fixed-size rows. Rows never grow; a later version adds lists
 * (fields appended after the ones below, as for every versioned struct),
 * never fields to a row. Strings are owned as the per-item accessors say
 * (the table, or the context until its next evaluation). Same thread rules:
 * read from the thread that evaluated, before the next evaluation on the
 * context; nothing allocates. Each call sets every count (n_*) to the rows
 * the list has; when a list's capacity is smaller it returns AIGOV_ELIMIT
 * and fills no row of any list: the caller grows the arrays and calls again
 * (a NULL array with capacity 0 asks for the counts only). AIGOV_EINVAL for
 * a NULL argument or out->size below the first version. */

/** Reported rule `index`'s row (the index of aigov_report_obligation): its
 *  table rule (aigov_table_rule; aigov_report_obligation gives the same
 *  metadata), what aigov_obligation says per evaluation, and where its
 *  reasons, evidence and crosswalk links start in the other lists (rows of
 *  reported rule i follow those of rule i - 1). penalty_tier: as
 *  aigov_obligation (aigov_report_obligation_penalty gives the cap). */
typedef struct aigov_obligation_row {
    unsigned rule;           /* index in the table (aigov_table_rule) */
    int status;              /* aigov_obligation_status */
    char applies_from[12];   /* "YYYY-MM-DD" */
    int in_force;
    int due_at_placing;
    int observation;
    int coverage;            /* aigov_coverage */
    const char *penalty_tier;
    const char *beyond;
    size_t reasons_first, reasons;
    size_t evidence_first, evidence;
    size_t links_first, links;
    size_t systems;          /* aigov_report_obligation_system */
} aigov_obligation_row;

/** A deciding condition, as aigov_condition without its test text: `key`
 *  names the condition within the table (one key, one kind, rule, fact and
 *  test text: aigov_report_obligation_reason gives the text once, a host
 *  may keep it per key). fact is the fact's id, for aigov_report_fact_value. */
typedef struct aigov_reason_row {
    int kind;                /* aigov_condition_kind */
    int result;              /* aigov_truth */
    unsigned key;
    const char *rule;
    const char *fact;
} aigov_reason_row;

/** An evidence row: aigov_evidence_state without its size. */
typedef struct aigov_evidence_row {
    const char *item;
    const char *title;
    const char *state;
    const char *ref;
    const char *implied_by;
} aigov_evidence_row;

/** A crosswalk link row: aigov_crosswalk_link without its size. */
typedef struct aigov_link_row {
    const char *rule;
    const char *link;
    int status;
    int still_needed;
} aigov_link_row;

/** The obligations section's lists. Set size, the arrays and their
 *  capacities (*_cap, in rows); the call sets the n_* counts. */
typedef struct aigov_obligation_lists {
    size_t size;
    aigov_obligation_row *obligations;
    size_t obligations_cap, n_obligations;
    aigov_reason_row *reasons;
    size_t reasons_cap, n_reasons;
    aigov_evidence_row *evidence;
    size_t evidence_cap, n_evidence;
    aigov_link_row *links;
    size_t links_cap, n_links;
} aigov_obligation_lists;

/** Every reported rule's row, reasons, evidence and crosswalk links at once
 *  (the content of aigov_report_obligation, _reason, _evidence, _link). */
AIGOV_API int aigov_report_obligation_lists(aigov_obligation_lists *out, const aigov_report *report);

/** A question row: aigov_question, with where its rules start in the rule
 *  list (rules_first; affected_rules of them, as aigov_report_question_rule
 *  lists them). */
typedef struct aigov_question_row {
    const char *fact;
    const char *ask;
    int affects_tier;
    int affects_gpai;
    size_t rules_first, affected_rules;
} aigov_question_row;

/** The open questions in asking order and the rule ids each can decide. */
typedef struct aigov_question_lists {
    size_t size;
    aigov_question_row *questions;
    size_t questions_cap, n_questions;
    const char **rules;      /* rule ids, owned by the table */
    size_t rules_cap, n_rules;
} aigov_question_lists;

AIGOV_API int aigov_report_question_lists(aigov_question_lists *out, const aigov_report *report);

/* ---- The verdict -----------------------------------------------------------
 * One computation decides pass or fail, for every front end (CLI, batch,
 * bindings, gate, HTTP service): the numbers it sums are the ones every
 * rendering shows.
 *
 * Semantics of a descriptor with "systems": each system's own rules (every
 * rule that reads a system, operator or GPAI fact) are evaluated on that
 * system's facts, i.e. the organisation's facts and shared evidence
 * overlaid, item by item, with the system's own evidence. The
 * organisation's own rules (those that read only organisation facts, e.g.
 * ISO/IEC 42001 clauses 4-10 and the Statement of Applicability) are
 * evaluated once, on the organisation's facts and the shared top-level
 * evidence only: evidence given inside a system never decides them. */

typedef enum aigov_fail_on {
    AIGOV_FAIL_ON_NONE = 0,       /* never failing */
    AIGOV_FAIL_ON_PROHIBITED = 1, /* a system classified prohibited */
    AIGOV_FAIL_ON_GAP = 2,        /* ... or a gap in a rule in force (the CLI's default) */
    AIGOV_FAIL_ON_UNKNOWN = 3,    /* ... or what could still change that verdict: a system whose
                                     tier is undetermined, or a rule in force at as_of whose
                                     status is unknown (it may be a gap). Unknowns of rules not
                                     yet in force do not count: they cannot change a verdict on
                                     the duties in force. */
    AIGOV_FAIL_ON_COUNT = 4,      /* the number of levels above */
    /* Framework selector, ORed into one of the above: by default the gate is the legal one,
     * and gaps and unknowns of the voluntary ISO/IEC 42001 framework (rule-set framework id
     * "iso42001") never fail it; with this bit they count too (e.g. a certification gate:
     * AIGOV_FAIL_ON_GAP | AIGOV_FAIL_ON_ISO42001). A report of one framework only
     * (aigov_eval_options.framework) judges that framework whatever this bit says. */
    AIGOV_FAIL_ON_ISO42001 = 0x100
} aigov_fail_on;

/**
 * The verdict on a whole descriptor.
 *  - systems:      systems evaluated (1 without "systems");
 *  - tier:         the most severe tier of any system, in the order
 *                  prohibited, undetermined, high_risk, limited, minimal,
 *                  out_of_scope (the tier itself for one system);
 *  - tiers:        bit (1u << tier) for each tier some system has;
 *  - gpai, gpais:  the same for the GPAI class (order: gpai_systemic,
 *                  undetermined, gpai, none);
 *  - prohibited, undetermined: how many systems have that tier;
 *  - summary:      counts summed over every system's own rules and the
 *                  organisation's rules once, exactly the rows and summaries
 *                  the renderings show (questions: summed over the systems);
 *  - organisation_in_force_gaps: of summary.in_force_gaps, those of the
 *                  organisation's own rules (0 without "systems");
 *  - fail_on:      the policy applied (with AIGOV_FAIL_ON_ISO42001 when
 *                  ISO/IEC 42001 gaps and unknowns count); failing: 1 when it
 *                  fails, else 0. summary counts every framework either way.
 */
typedef struct aigov_verdict {
    size_t systems;
    int tier;
    unsigned tiers;
    int gpai;
    unsigned gpais;
    size_t prohibited, undetermined;
    aigov_summary summary;
    size_t organisation_in_force_gaps;
    int fail_on;
    int failing;
} aigov_verdict;

/**
 * The verdict on one report (a single-system descriptor from aigov_eval, or
 * one system of several from aigov_eval_system: then only that system's own
 * rules; the organisation's are in aigov_eval_verdict). fail_on is an
 * aigov_fail_on. Errors: AIGOV_EINVAL (NULL, bad fail_on). Does not
 * allocate; same thread rules as the report's other accessors.
 */
AIGOV_API int aigov_report_verdict(aigov_verdict *out, const aigov_report *report, int fail_on);

/**
 * Evaluates a whole descriptor, one system or several, and fills *out with
 * its verdict under fail_on; when `rendered` is not NULL also renders it in
 * `format` exactly as aigov_eval_render does (same bytes), from the same
 * evaluation: the rendering and the verdict cannot disagree. *rendered is
 * freed with aigov_free; rendered_len may be NULL. out may be NULL when only
 * the rendering is wanted.
 * Uses ctx as aigov_eval does (the context's report afterwards is
 * unspecified; evaluate again to read one). Not thread-safe on one ctx.
 * Errors: those of aigov_eval_render, AIGOV_EINVAL for a bad fail_on, and
 * AIGOV_ELIMIT when the rendering of several systems passes
 * AIGOV_RENDER_LIMIT(len) bytes. On error *rendered is NULL and *out is
 * zeroed with failing = 1 (a caller that forgets the status fails closed).
 */
AIGOV_API int aigov_eval_verdict(aigov_verdict *out, char **rendered, size_t *rendered_len,
                                 aigov_ctx *ctx, const char *json, size_t len,
                                 const aigov_eval_options *opts, int format, int fail_on,
                                 aigov_error *err);

/**
 * Output bound for a descriptor of several systems: the rendering of a
 * descriptor of `len` bytes stops with AIGOV_ELIMIT past 16 MiB + 1024 bytes
 * per input byte, and never passes 256 MiB (a single-system rendering is
 * bounded by the rule table alone; aigov_eval_verdict without a rendering
 * is not bounded by it). For scale, with the builtin rules: one system
 * renders in 40-700 KB depending on the format and how much is still
 * unknown, so a bare portfolio of 256 empty "{}" systems (1 KB) would
 * otherwise render in over 100 MB; with the bound it stops near 17 MB.
 * The bound is on bytes, so a descriptor may render as text or markdown but
 * not as OSCAL (the largest format); its verdict does not depend on it.
 */
#define AIGOV_RENDER_LIMIT(len)                                                         \
    ((size_t)(len) > ((size_t)240 << 20) / 1024 ? ((size_t)256 << 20)                   \
                                                : ((size_t)16 << 20) + (size_t)(len) * 1024)

/**
 * Renders the report. *out is freed with aigov_free. JSON is deterministic:
 * same table, descriptor and options give byte-identical output. So is
 * OSCAL: its timestamps are as_of at 00:00:00Z and its UUIDs are derived
 * from the rules hash, as_of and the descriptor's facts.
 * Errors: AIGOV_ENOMEM, AIGOV_EINVAL.
 */
AIGOV_API int aigov_report_render(char **out, size_t *out_len, const aigov_report *report,
                                  int format, aigov_error *err);

#ifdef __cplusplus
}
#endif
#endif /* AIGOV_H */
