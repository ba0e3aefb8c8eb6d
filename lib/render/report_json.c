/* The report as JSON, keys in a fixed order, deterministic: the compact form (rules by id in
 * runs that share date, status and crosswalk, each condition numbered once, evidence states and
 * penalty caps once, questions in runs by fact id) or, with AIGOV_RENDER_FULL, the full form
 * that repeats each rule's metadata. */
#include <string.h>
#include "eval/exposure.h"
#include "report/exposure_summary.h"
#include "report/obligation.h"
#include "report/readiness.h"
#include "render/render.h"
#include "render/soa.h"
#include "util/date.h"

/* One JSON rendering. The compact form (the default) numbers the deciding
 * conditions once per report: an obligation's reasons are indices into the
 * report's "conditions" list (the scope tests recur in nearly every
 * obligation). Two leaves say the same when they are the same test of the same
 * fact (or the same rule, date or Statement of Applicability decision): the
 * rule compiler compiles a test each time a rule writes it, so
 * `system.is_ai_system is true` is many expressions, but it interns them
 * (ag_expr.same: the first structurally equal one, whose value they share), so
 * a condition is keyed by its interned expression, or past n_exprs the
 * decision of a fact (leaf_slot). leaf_at maps that key to the condition's
 * index, -1 before it is first met; the map is the context's (form_open). */
typedef struct jform {
    int32_t *leaf_at;    /* n_exprs + n_facts slots */
    int32_t *leaves;     /* the keys in the order they were numbered (the first leaf met) */
    uint32_t n_leaves;
} jform;

/* A condition key's slot in leaf_at: an expression's interned class, or past n_exprs the key. */
static int32_t leaf_slot(const aigov_table *t, int32_t key)
{
    return key < (int32_t)t->n_exprs ? t->exprs[key].same : key;
}

typedef struct jctx {
    ag_buf *b;
    const aigov_report *rep;
    int first;
} jctx;

static void comma(jctx *j)
{
    if (!j->first)
        ag_buf_putc(j->b, ',');
    j->first = 0;
}

static void soa_decision_leaf(jctx *j, int32_t fact);

/* ,"result":"true"} (or false, unknown): a condition's end, a literal each. */
static void put_result(ag_buf *b, uint8_t v)
{
    if (v == AG_T)
        ag_buf_lit(b, ",\"result\":\"true\"}");
    else if (v == AG_F)
        ag_buf_lit(b, ",\"result\":\"false\"}");
    else
        ag_buf_lit(b, ",\"result\":\"unknown\"}");
}

/* The condition itself: {"rule"|"as_of"|"test"|"fact", ..., "result"}, the test's words
 * as the table wrote them once (ag_jtext). */
static void leaf_write(jctx *j, int32_t ei)
{
    const aigov_table *t = j->rep->t;
    const ag_expr *e = &t->exprs[ei];
    const ag_jtext *test = &t->expr_test[ei];
    ag_buf *b = j->b;
    if (e->op == AG_OP_RULE) {
        ag_buf_lit(b, "{\"rule\":");
        ag_buf_json_id(b, t->rules[e->a].id);
    } else if (e->op == AG_OP_AS_OF) {
        ag_buf_lit(b, "{\"as_of\":");
        ag_buf_put(b, test->s, test->n);
    } else if (e->op == AG_OP_TRUE || e->op == AG_OP_FALSE) {
        ag_buf_lit(b, "{\"test\":");
        ag_buf_put(b, test->s, test->n);
    } else {
        ag_buf_lit(b, "{\"fact\":");
        ag_buf_json_id(b, t->facts[e->a].id);
        ag_buf_lit(b, ",\"value\":");
        ag_json_fact_value(b, t, j->rep->f, e->a);
        ag_buf_lit(b, ",\"test\":");
        ag_buf_put(b, test->s, test->n);
    }
    put_result(b, ag_expr_value(j->rep->r, j->rep->t, ei));
}

/* A reason in full: the condition itself (full form's reasons, compact form's "conditions"). */
static void leaf_key(jctx *j, int32_t key)
{
    comma(j);
    if (key < (int32_t)j->rep->t->n_exprs)
        leaf_write(j, key);
    else
        soa_decision_leaf(j, key - (int32_t)j->rep->t->n_exprs);
}

/* The decision as a condition: whether the control is included. */
static void soa_decision_leaf(jctx *j, int32_t fact)
{
    const aigov_table *t = j->rep->t;
    ag_buf *b = j->b;
    ag_buf_lit(b, "{\"fact\":");
    ag_buf_json_id(b, t->facts[fact].id);
    ag_buf_lit(b, ",\"value\":");
    ag_json_fact_value(b, t, j->rep->f, fact);
    ag_buf_lit(b, ",\"test\":\"Statement of Applicability decision is included\"");
    put_result(b, ag_soa_decision_result(j->rep, fact));
}

static void names_from_mask(ag_buf *b, uint32_t mask, const char *(*name)(int), int n)
{
    ag_buf_putc(b, '[');
    int first = 1;
    for (int k = 0; k < n; k++)
        if (mask & (1u << k)) {
            if (!first)
                ag_buf_putc(b, ',');
            ag_buf_json_id(b, name(k));
            first = 0;
        }
    ag_buf_putc(b, ']');
}

static const char *role_name(int k) { return ag_role_names[k]; }

/* ,"key":n without snprintf (the renderer writes many numbers). */
#define put_count(b, key, n) (ag_buf_lit((b), ",\"" key "\":"), ag_buf_put_uint((b), (n)))
#define put_flag(b, key, v) ((v) ? ag_buf_lit((b), ",\"" key "\":true") : ag_buf_lit((b), ",\"" key "\":false"))

static void counts_json(ag_buf *b, const ag_counts *c)
{
    ag_buf_lit(b, "\"total\":");
    ag_buf_put_uint(b, c->total);
    put_count(b, "met", c->met);
    put_count(b, "gap", c->gap);
    put_count(b, "unknown", c->unknown);
    put_count(b, "not_applicable", c->not_applicable);
}

/* A share in tenths of a percent as JSON: what ag_buf_json_num writes for tenths / 10.0
 * ("37.5", "40"), without snprintf. */
static void put_tenths(ag_buf *b, uint32_t tenths)
{
    ag_buf_put_uint(b, tenths / 10);
    if (tenths % 10) {
        char d[2] = {'.', (char)('0' + tenths % 10)};
        ag_buf_put(b, d, 2);
    }
}

static void classification_json(ag_buf *b, const aigov_report *rep, int full)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    ag_buf_lit(b, "\"classification\":{\"tier\":");
    ag_buf_json_id(b, ag_tier_name(r->tier));
    ag_buf_lit(b, ",\"gpai\":");
    ag_buf_json_id(b, ag_gpai_name(r->gpai));
    ag_buf_lit(b, ",\"possible_tiers\":");
    names_from_mask(b, r->possible_tiers, ag_tier_name, AIGOV_TIER_UNDETERMINED);
    ag_buf_lit(b, ",\"possible_gpai\":");
    names_from_mask(b, r->possible_gpai, ag_gpai_name, AIGOV_GPAI_UNDETERMINED);
    ag_buf_lit(b, ",\"roles\":");
    names_from_mask(b, r->roles, role_name, AG_N_ROLES);
    ag_buf_lit(b, ",\"reasons\":[");
    int first = 1;
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        const ag_rule *ru = &t->rules[ri];
        if (!ag_class_reason_shown(rep, (int32_t)ri))
            continue;
        if (!first)
            ag_buf_putc(b, ',');
        first = 0;
        ag_buf_lit(b, "{\"rule\":");
        ag_buf_json_id(b, ru->id);
        if (full) {
            ag_buf_lit(b, ",\"citation\":");
            ag_buf_json_str(b, ru->citation);
        }
        ag_buf_lit(b, ",\"classifies\":");
        ag_buf_json_id(b, ag_class_names[ru->classifies]);
        ag_buf_lit(b, ",\"value\":\"");
        ag_buf_puts(b, ag_kleene_name(r->rule_val[ri]));
        ag_buf_lit(b, "\"}");
    }
    ag_buf_lit(b, "]}");
}

static void evidence_list_json(ag_buf *b, const aigov_report *rep, const ag_rule *ru);
static void penalty_json(ag_buf *b, const aigov_report *rep, int32_t ri);
static void crosswalk_json(ag_buf *b, const aigov_report *rep, int32_t ri, int cov, int full);

/* The full form's deciding conditions of rule ri: "reasons":[...], each in full. */
static void reasons_json(ag_buf *b, const aigov_report *rep, int32_t ri)
{
    ag_buf_lit(b, "\"reasons\":[");
    jctx j = {b, rep, 1};
    int32_t keys[AG_REASON_KEYS];
    int n_keys = ag_obligation_reasons(rep, ri, keys);
    for (int k = 0; k < n_keys; k++)
        leaf_key(&j, keys[k]);
    ag_buf_putc(b, ']');
}

static int observed(const aigov_report *rep, int32_t ri)
{
    const ag_result *r = rep->r;
    return rep->t->rules[ri].observation && r->status[ri] == AIGOV_STATUS_MET && r->rule_val[ri] == AG_T;
}

/* The full form's obligation: the rule's metadata, then what the descriptor made of it. */
static void obligation_json(ag_buf *b, const aigov_report *rep, int32_t ri)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    const ag_rule *ru = &t->rules[ri];
    char d[11];
    ag_buf_lit(b, "{\"id\":");
    ag_buf_json_id(b, ru->id);
    ag_buf_lit(b, ",\"framework\":");
    ag_buf_json_id(b, t->framework_ids[ru->framework]);
    static const char *const kinds[] = {"definition", "obligation", "prohibition", "finding"};
    ag_buf_lit(b, ",\"kind\":");
    ag_buf_json_id(b, kinds[ru->kind]);
    ag_buf_lit(b, ",\"citation\":");
    ag_buf_json_str(b, ru->citation);
    ag_buf_lit(b, ",\"title\":");
    ag_buf_json_str(b, ru->title);
    ag_buf_lit(b, ",\"holder\":");
    names_from_mask(b, ru->holders, role_name, AG_N_ROLES);
    ag_date_format(d, r->rule_date[ri]);
    ag_buf_lit(b, ",\"applies_from\":");
    ag_buf_json_id(b, d);
    if (r->date_uncertain[ri] & AG_DATE_AT_PLACING) /* a pre-market duty of a planned launch */
        ag_buf_lit(b, ",\"due_at_placing\":true");
    ag_buf_puts(b, ag_in_force(r, ri) ? ",\"in_force\":true" : ",\"in_force\":false");
    ag_buf_lit(b, ",\"status\":");
    ag_buf_json_id(b, ag_status_name(r->status[ri]));
    if (observed(rep, ri))
        ag_buf_lit(b, ",\"observation\":true"); /* noted by an auditor, not a nonconformity */
    ag_buf_putc(b, ',');
    reasons_json(b, rep, ri);
    /* A duty that does not apply carries no evidence, exposure or crosswalk:
     * its reasons say why, and `aigov rules` has the rest. */
    if (r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE) {
        ag_buf_putc(b, '}');
        return;
    }
    evidence_list_json(b, rep, ru);
    penalty_json(b, rep, ri);
    ag_per_system_json(b, rep, ri); /* each system's result (depends on the descriptor: both forms) */
    int32_t met;
    crosswalk_json(b, rep, ri, ag_crosswalk_coverage(t, r, ri, &met), 1);
    ag_buf_putc(b, '}');
}

/* ---- the compact form's obligations: runs of rules that share all but id and reasons ---- */

/* What a run of the compact form's obligations shares, of its first rule. */
typedef struct okey {
    int32_t ri, date;
    uint8_t placing, in_force, status, observation;
    int cov; /* crosswalk coverage (AG_COV_NONE: no crosswalk) */
} okey;

static void okey_of(okey *k, const aigov_report *rep, int32_t ri)
{
    const ag_result *r = rep->r;
    int32_t met;
    k->ri = ri;
    k->date = r->rule_date[ri];
    k->placing = (r->date_uncertain[ri] & AG_DATE_AT_PLACING) != 0;
    k->in_force = (uint8_t)ag_in_force(r, ri);
    k->status = r->status[ri];
    k->observation = (uint8_t)observed(rep, ri);
    k->cov = k->status == AIGOV_STATUS_NOT_APPLICABLE ? AG_COV_NONE
                                                      : ag_crosswalk_coverage(rep->t, r, ri, &met);
}

/* The next ISO rule of ru's crosswalk from position *k on that still has to be met, or -1:
 * not met, applicable (an AIMS, the control included) and its framework assessed. */
static int32_t still_needed_next(const aigov_report *rep, const ag_rule *ru, int32_t *k)
{
    while (*k < ru->xw_n) {
        int32_t x = rep->t->crosswalk[ru->xw_first + (*k)++];
        if (ag_crosswalk_still_needed(rep, x))
            return x;
    }
    return -1;
}

/* Whether rule b's entry would say what a's says but for the id and the reasons. */
static int same_run(const aigov_report *rep, const okey *a, const okey *b)
{
    if (a->date != b->date || a->placing != b->placing || a->in_force != b->in_force ||
        a->status != b->status || a->observation != b->observation || a->cov != b->cov)
        return 0;
    if (a->status == AIGOV_STATUS_NOT_APPLICABLE)
        return 1; /* no systems, no crosswalk */
    const ag_per_system *ps = rep->per_system;
    if (rep->part == AG_PART_ORGANISATION && ps) {
        int ea = ag_per_system_entry(ps, a->ri, 0), eb = ag_per_system_entry(ps, b->ri, 0);
        if ((ea < 0) != (eb < 0))
            return 0;
        for (uint32_t s = 0; ea >= 0 && s < ps->n_systems; s++)
            if (ag_per_system_entry(ps, a->ri, s) != ag_per_system_entry(ps, b->ri, s))
                return 0;
    }
    if (a->cov == AG_COV_NONE)
        return 1;
    const aigov_table *t = rep->t;
    int32_t ka = 0, kb = 0;
    for (;;) {
        int32_t x = still_needed_next(rep, &t->rules[a->ri], &ka);
        if (x != still_needed_next(rep, &t->rules[b->ri], &kb))
            return 0;
        if (x < 0)
            return 1;
    }
}

/* The last date a compact rendering wrote, as text: runs mostly share a few dates, and a
 * day number is turned into YYYY-MM-DD only when it changes. */
typedef struct date_memo {
    int32_t day;
    char text[11];
} date_memo;

/* A run's shared members, in the full form's order, then its rules. */
static void run_open(ag_buf *b, const aigov_report *rep, const okey *k, date_memo *dm)
{
    if (dm->day != k->date) {
        ag_date_format(dm->text, k->date);
        dm->day = k->date;
    }
    ag_buf_lit(b, "{\"applies_from\":\"");
    ag_buf_put(b, dm->text, 10);
    ag_buf_putc(b, '"');
    if (k->placing)
        ag_buf_lit(b, ",\"due_at_placing\":true");
    ag_buf_puts(b, k->in_force ? ",\"in_force\":true" : ",\"in_force\":false");
    ag_buf_lit(b, ",\"status\":");
    ag_buf_json_id(b, ag_status_name(k->status));
    if (k->observation)
        ag_buf_lit(b, ",\"observation\":true");
    if (k->status != AIGOV_STATUS_NOT_APPLICABLE) {
        ag_per_system_json(b, rep, k->ri);
        crosswalk_json(b, rep, k->ri, k->cov, 0);
    }
    ag_buf_lit(b, ",\"rules\":[");
}

/* Compact: {"id":..,"reasons":[n,...]}, each reason the index of its condition in
 * "conditions", numbered when first met (by its interned expression: jform). The room for
 * all of it is made once (a comma and at most 10 digits a reason) and written in place. */
static void rule_numbered(ag_buf *b, const aigov_report *rep, int32_t ri, jform *fm)
{
    const aigov_table *t = rep->t;
    int32_t keys[AG_REASON_KEYS];
    int n_keys = ag_obligation_reasons(rep, ri, keys);
    const char *id = t->rules[ri].id;
    size_t id_n = strlen(id);
    char *d = ag_buf_room(b, id_n + 24 + 11 * (size_t)n_keys);
    if (!d)
        return;
    d = ag_put_lit(d, "{\"id\":\"");
    d = ag_put_mem(d, id, id_n);
    d = ag_put_lit(d, "\",\"reasons\":[");
    for (int k = 0; k < n_keys; k++) {
        int32_t key = keys[k], same = leaf_slot(t, key);
        int32_t at = fm->leaf_at[same];
        if (at < 0) {
            at = fm->leaf_at[same] = (int32_t)fm->n_leaves;
            fm->leaves[fm->n_leaves++] = key;
        }
        if (k)
            *d++ = ',';
        d = ag_put_u32(d, (uint32_t)at);
    }
    ag_buf_commit(b, ag_put_lit(d, "]}"));
}

/* Compact: the reported rules in table order, consecutive ones that share date, status,
 * systems and crosswalk in one entry: {..., "rules":[{"id", "reasons"}, ...]}. About 170
 * rules make some 30 runs, which halves what the obligations weigh. */
static void obligations_compact(ag_buf *b, const aigov_report *rep, jform *form)
{
    okey run = {.ri = -1}, cur;
    date_memo dm = {.day = 0};
    ag_date_format(dm.text, 0);
    ag_buf_lit(b, "\"obligations\":[");
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        int32_t ri = rep->shown[k];
        okey_of(&cur, rep, ri);
        if (k == 0 || !same_run(rep, &run, &cur)) {
            if (k)
                ag_buf_lit(b, "]},");
            run_open(b, rep, &cur, &dm);
            run = cur;
        } else {
            ag_buf_putc(b, ',');
        }
        rule_numbered(b, rep, ri, form);
    }
    if (rep->n_shown)
        ag_buf_lit(b, "]}");
    ag_buf_lit(b, "],");
}

/* One evidence item's state in the descriptor: "state", "ref" and, when implemented through
 * the AI Act item that contains it, "implied_by" (that item's state and ref). */
static void evidence_state_json(ag_buf *b, const aigov_report *rep, int32_t ei, int full)
{
    const aigov_table *t = rep->t;
    ag_ev_state st;
    ag_evidence_state(&st, rep, ei);
    ag_buf_lit(b, "\"state\":");
    if (st.v->known)
        ag_json_fact_value(b, t, rep->f, st.state_fact);
    else
        ag_buf_lit(b, "\"unknown\"");
    const char *ref = ag_evidence_ref(rep, &st);
    if (ref) {
        ag_buf_lit(b, ",\"ref\":");
        ag_buf_json_str(b, ref);
    } else if (full) {
        ag_buf_lit(b, ",\"ref\":null"); /* compact: no ref, none given */
    }
    if (st.via >= 0) {
        ag_buf_lit(b, ",\"implied_by\":");
        ag_buf_json_id(b, t->evidence[st.via].id);
    }
}

static void evidence_list_json(ag_buf *b, const aigov_report *rep, const ag_rule *ru)
{
    const aigov_table *t = rep->t;
    ag_buf_lit(b, ",\"evidence\":[");
    for (uint32_t k = 0; k < ru->ev_n; k++) {
        int32_t ei = t->rule_evidence[ru->ev_first + k];
        const ag_evidence *ev = &t->evidence[ei];
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_lit(b, "{\"item\":");
        ag_buf_json_id(b, ev->id);
        ag_buf_lit(b, ",\"title\":");
        ag_buf_json_str(b, ev->title);
        ag_buf_putc(b, ',');
        evidence_state_json(b, rep, ei, 1);
        ag_buf_putc(b, '}');
    }
    ag_buf_putc(b, ']');
}

/* The cap of a penalty tier for this descriptor: {"citation", "cap_eur", "basis"} members. */
static void cap_json(ag_buf *b, const ag_cap *cap)
{
    ag_buf_lit(b, "\"citation\":");
    ag_buf_json_str(b, cap->tier->citation);
    ag_buf_lit(b, ",\"cap_eur\":");
    if (cap->cap_known)
        ag_buf_json_num(b, cap->cap_eur);
    else
        ag_buf_lit(b, "null");
    ag_buf_lit(b, ",\"basis\":");
    ag_buf_json_str(b, cap->basis);
}

static void penalty_json(ag_buf *b, const aigov_report *rep, int32_t ri)
{
    const ag_cap *cap = ag_report_cap(rep, ri);
    if (cap->tier) {
        ag_buf_lit(b, ",\"penalty\":{\"tier\":");
        ag_buf_json_id(b, cap->tier->id);
        ag_buf_putc(b, ',');
        cap_json(b, cap);
        ag_buf_putc(b, '}');
    }
}

/* The crosswalk's static members, "iso" (the ISO rules it names) and "links" (how each
 * relates to the duty: equal, subset, superset, intersect, supports), shared by the full
 * report and the catalogue. */
void ag_json_crosswalk_members(ag_buf *b, const aigov_table *t, const ag_rule *ru)
{
    ag_buf_lit(b, "\"iso\":[");
    for (int32_t k = 0; k < ru->xw_n; k++) {
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_json_id(b, t->rules[t->crosswalk[ru->xw_first + k]].id);
    }
    ag_buf_lit(b, "],\"links\":[");
    for (int32_t k = 0; k < ru->xw_n; k++) {
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_lit(b, "{\"rule\":");
        ag_buf_json_id(b, t->rules[t->crosswalk[ru->xw_first + k]].id);
        ag_buf_lit(b, ",\"link\":");
        ag_buf_json_id(b, ag_link_names[t->crosswalk_link[ru->xw_first + k]]);
        ag_buf_putc(b, '}');
    }
    ag_buf_putc(b, ']');
}

/* How far the ISO/IEC 42001 controls the rule maps to go towards it; full: which controls
 * they are and what the law asks beyond them (compact: the catalogue's). */
static void crosswalk_json(ag_buf *b, const aigov_report *rep, int32_t ri, int cov, int full)
{
    const aigov_table *t = rep->t;
    const ag_rule *ru = &t->rules[ri];
    if (cov != AG_COV_NONE) {
        static const char *const cov_names[] = {"supported", "partly_supported", "not_supported"};
        ag_buf_lit(b, ",\"crosswalk\":{");
        if (full) {
            ag_json_crosswalk_members(b, t, ru);
            ag_buf_putc(b, ',');
        }
        ag_buf_lit(b, "\"coverage\":");
        ag_buf_json_id(b, cov_names[cov]);
        ag_buf_lit(b, ",\"still_needed\":[");
        int32_t k = 0, x;
        for (int first = 1; (x = still_needed_next(rep, ru, &k)) >= 0; first = 0) {
            if (!first)
                ag_buf_putc(b, ',');
            ag_buf_json_id(b, t->rules[x].id);
        }
        ag_buf_putc(b, ']');
        if (full) {
            ag_buf_lit(b, ",\"beyond\":");
            ag_buf_json_str(b, ru->beyond);
        }
        ag_buf_putc(b, '}');
    }
}

static void readiness_json(ag_buf *b, const aigov_report *rep, int full)
{
    const aigov_table *t = rep->t;
    ag_buf_lit(b, "\"readiness\":{");
    for (uint32_t k = 0; k < t->n_frameworks; k++) {
        ag_readiness_t rd;
        ag_readiness(rep, k, &rd);
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_json_id(b, t->framework_ids[k]);
        ag_buf_puts(b, rd.assessed ? ":{\"assessed\":true" : ":{\"assessed\":false");
        put_count(b, "applicable", rd.applicable);
        put_count(b, "undecided", rd.undecided);
        put_count(b, "met", rd.met);
        ag_buf_lit(b, ",\"percent_met\":");
        put_tenths(b, ag_readiness_tenths(&rd));
        put_flag(b, "ready", rd.ready);
        put_count(b, "in_force", rd.in_force);
        put_count(b, "requirements", rd.requirements);
        put_count(b, "requirements_met", rd.requirements_met);
        put_count(b, "controls_included", rd.controls_included);
        put_count(b, "controls_implemented", rd.controls_implemented);
        put_count(b, "findings_open", rd.findings_open);
        ag_buf_lit(b, ",\"upcoming\":[");
        for (size_t d = 0; d < rd.n_upcoming; d++) {
            char day[11];
            ag_date_format(day, rd.upcoming[d].date);
            ag_buf_puts(b, d ? ",{\"applies_from\":" : "{\"applies_from\":");
            ag_buf_json_id(b, day);
            put_count(b, "obligations", rd.upcoming[d].count);
            ag_buf_putc(b, '}');
        }
        ag_buf_lit(b, "]}");
    }
    ag_buf_lit(b, "},\"next_actions\":[");
    ag_action acts[AG_MAX_ACTIONS];
    size_t n = ag_next_actions(rep, acts, AG_MAX_ACTIONS);
    for (size_t a = 0; a < n; a++) {
        const ag_evidence *ev = &t->evidence[acts[a].evidence];
        ag_buf_puts(b, a ? ",{\"evidence\":" : "{\"evidence\":");
        ag_buf_json_id(b, ev->id);
        if (full) {
            ag_buf_lit(b, ",\"title\":");
            ag_buf_json_str(b, ev->title);
        }
        ag_buf_lit(b, ",\"closes\":");
        ag_buf_put_uint(b, acts[a].closes);
        ag_buf_lit(b, ",\"rules\":[");
        int first = 1;
        for (uint32_t k = 0; k < t->n_reported; k++)
            if (ag_action_closes(rep, &acts[a], t->reported[k])) {
                if (!first)
                    ag_buf_putc(b, ',');
                ag_buf_json_id(b, t->rules[t->reported[k]].id);
                first = 0;
            }
        ag_buf_lit(b, "]}");
    }
    ag_buf_putc(b, ']');
}

/* A question: the fact to ask and what it decides, its text and every rule it affects. */
static void questions_json(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    ag_buf_lit(b, "\"questions\":[");
    for (uint32_t q = 0; q < r->n_questions; q++) {
        int32_t fi = r->questions[q];
        if (q)
            ag_buf_putc(b, ',');
        ag_buf_lit(b, "{\"fact\":");
        ag_buf_json_id(b, t->facts[fi].id);
        ag_buf_lit(b, ",\"ask\":");
        ag_buf_json_str(b, t->facts[fi].ask);
        ag_buf_puts(b, r->f_tier[fi] ? ",\"affects_tier\":true" : ",\"affects_tier\":false");
        ag_buf_puts(b, r->f_gpai[fi] ? ",\"affects_gpai\":true" : ",\"affects_gpai\":false");
        ag_buf_lit(b, ",\"affects\":[");
        int first = 1;
        for (uint32_t k = 0; k < t->n_reported; k++)
            if (ag_affects(r, fi, t->reported[k])) {
                if (!first)
                    ag_buf_putc(b, ',');
                ag_buf_json_id(b, t->rules[t->reported[k]].id);
                first = 0;
            }
        ag_buf_lit(b, "]}");
    }
    ag_buf_putc(b, ']');
}

/* Compact: the questions in asking order, consecutive ones that change the same of tier
 * and GPAI class and affect as many reported rules (f_count, counted by ag_questions) in
 * one entry, {"affects_tier", "affects_gpai", "affects_count", "facts": [...]}; the texts
 * are the catalogue's (`aigov schema`), the rules those whose reasons name the fact. */
static void questions_compact(ag_buf *b, const aigov_report *rep)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    ag_buf_lit(b, "\"questions\":[");
    for (uint32_t q = 0; q < r->n_questions; q++) {
        int32_t fi = r->questions[q], pi = q ? r->questions[q - 1] : -1;
        if (pi >= 0 && r->f_tier[fi] == r->f_tier[pi] && r->f_gpai[fi] == r->f_gpai[pi] &&
            r->f_count[fi] == r->f_count[pi]) {
            ag_buf_putc(b, ',');
        } else {
            if (pi >= 0)
                ag_buf_lit(b, "]},");
            ag_buf_puts(b, r->f_tier[fi] ? "{\"affects_tier\":true" : "{\"affects_tier\":false");
            ag_buf_puts(b, r->f_gpai[fi] ? ",\"affects_gpai\":true" : ",\"affects_gpai\":false");
            ag_buf_lit(b, ",\"affects_count\":");
            ag_buf_put_uint(b, r->f_count[fi]);
            ag_buf_lit(b, ",\"facts\":[");
        }
        ag_buf_json_id(b, t->facts[fi].id);
    }
    if (r->n_questions)
        ag_buf_lit(b, "]}");
    ag_buf_putc(b, ']');
}

/* Compact: the conditions the obligations' reasons number, in the order first met. */
static void conditions_json(ag_buf *b, const aigov_report *rep, jform *form)
{
    ag_buf_lit(b, "\"conditions\":[");
    jctx j = {b, rep, 1};
    for (uint32_t k = 0; k < form->n_leaves; k++)
        leaf_key(&j, form->leaves[k]);
    ag_buf_lit(b, "],");
}

/* Compact: the state of each evidence item an applicable listed obligation needs, and the
 * cap of each penalty tier one of them carries, once per report (full: in each obligation).
 * `seen` has n_evidence + n_penalties bytes. */
static void shared_json(ag_buf *b, const aigov_report *rep, uint8_t *seen)
{
    const aigov_table *t = rep->t;
    memset(seen, 0, t->n_evidence + t->n_penalties);
    for (uint32_t k = 0; k < rep->n_shown; k++) {
        int32_t ri = rep->shown[k];
        const ag_rule *ru = &t->rules[ri];
        if (rep->r->status[ri] == AIGOV_STATUS_NOT_APPLICABLE)
            continue;
        for (uint32_t e = 0; e < ru->ev_n; e++)
            seen[t->rule_evidence[ru->ev_first + e]] = 1;
        if (ru->penalty >= 0)
            seen[t->n_evidence + (uint32_t)ru->penalty] = 1;
    }
    ag_buf_lit(b, "\"evidence\":{");
    int first = 1;
    for (uint32_t e = 0; e < t->n_evidence; e++) {
        if (!seen[e])
            continue;
        if (!first)
            ag_buf_putc(b, ',');
        first = 0;
        ag_buf_json_id(b, t->evidence[e].id);
        ag_buf_lit(b, ":{");
        evidence_state_json(b, rep, (int32_t)e, 0);
        ag_buf_putc(b, '}');
    }
    ag_buf_lit(b, "},\"penalties\":{");
    first = 1;
    for (uint32_t p = 0; p < t->n_penalties; p++) {
        if (!seen[t->n_evidence + p])
            continue;
        const ag_cap *cap = ag_report_tier_cap(rep, (int32_t)p);
        if (!first)
            ag_buf_putc(b, ',');
        first = 0;
        ag_buf_json_id(b, cap->tier->id);
        ag_buf_lit(b, ":{");
        cap_json(b, cap);
        ag_buf_putc(b, '}');
    }
    ag_buf_lit(b, "},");
}

/* The scratch of a compact rendering, the context's (report.h: json_scratch): leaf_at and
 * leaves (n_exprs + n_facts each), then the `seen` bytes of shared_json. leaf_at comes with
 * every slot -1 and goes back so: form_close resets the slots of the keys numbered. */
static void form_open(jform *fm, const aigov_report *rep, int full)
{
    const aigov_table *t = rep->t;
    memset(fm, 0, sizeof *fm);
    if (full)
        return;
    fm->leaf_at = rep->json_scratch;
    fm->leaves = fm->leaf_at + (size_t)t->n_exprs + t->n_facts;
}

static void form_close(jform *fm, const aigov_table *t)
{
    for (uint32_t k = 0; k < fm->n_leaves; k++)
        fm->leaf_at[leaf_slot(t, fm->leaves[k])] = -1;
}

static void obligations_and_summary(ag_buf *b, const aigov_report *rep, int full)
{
    const aigov_table *t = rep->t;
    const ag_result *r = rep->r;
    jform form;
    form_open(&form, rep, full);
    if (full) {
        ag_buf_lit(b, "\"obligations\":[");
        for (uint32_t k = 0; k < rep->n_shown; k++) {
            if (k)
                ag_buf_putc(b, ',');
            obligation_json(b, rep, rep->shown[k]);
        }
        ag_buf_lit(b, "],");
    } else {
        obligations_compact(b, rep, &form);
        conditions_json(b, rep, &form);
        shared_json(b, rep, (uint8_t *)(form.leaves + t->n_exprs + t->n_facts));
    }
    form_close(&form, t);
    if (rep->part != AG_PART_ORGANISATION) {
        if (full)
            questions_json(b, rep);
        else
            questions_compact(b, rep);
        ag_buf_putc(b, ',');
    }
    ag_buf_lit(b, "\"summary\":{");
    counts_json(b, &rep->tally.all);
    put_count(b, "in_force_gaps", rep->tally.in_force_gaps);
    /* what the default (legal) gate counts: ISO/IEC 42001 gaps only with AIGOV_FAIL_ON_ISO42001 */
    put_count(b, "legal_in_force_gaps", rep->tally.in_force_gaps - rep->tally.standard_in_force_gaps);
    if (rep->part != AG_PART_ORGANISATION)
        put_count(b, "questions", r->n_questions);
    ag_buf_lit(b, ",\"by_framework\":{");
    for (uint32_t k = 0; k < t->n_frameworks; k++) {
        if (k)
            ag_buf_putc(b, ',');
        ag_buf_json_id(b, t->framework_ids[k]);
        ag_buf_lit(b, ":{");
        counts_json(b, &rep->tally.by_framework[k]);
        ag_buf_putc(b, '}');
    }
    ag_buf_lit(b, "}},");
    readiness_json(b, rep, full);
    if (rep->part != AG_PART_ORGANISATION)
        ag_soa_json(b, rep, full);
}

/* The compact form says so ("form": "compact"); the full form is the 0.x report, unmarked. */
static void engine_json(ag_buf *b, const aigov_report *rep, int full)
{
    char d[11];
    ag_buf_lit(b, "\"engine\":{\"version\":");
    ag_buf_json_str(b, AIGOV_VERSION_STRING);
    ag_buf_lit(b, ",\"rules_revision\":");
    ag_buf_json_str(b, rep->t->revision);
    ag_buf_lit(b, ",\"rules_hash\":");
    ag_buf_json_str(b, rep->t->hash);
    ag_date_format(d, rep->r->as_of);
    ag_buf_lit(b, "},\"as_of\":");
    ag_buf_json_id(b, d);
    if (!full)
        ag_buf_lit(b, ",\"form\":\"compact\"");
}

void ag_render_json(ag_buf *b, const aigov_report *rep, int full)
{
    ag_buf_putc(b, '{');
    engine_json(b, rep, full);
    ag_buf_putc(b, ',');
    classification_json(b, rep, full);
    ag_buf_putc(b, ',');
    obligations_and_summary(b, rep, full);
    ag_buf_putc(b, '}');
}

void ag_render_json_portfolio_head(ag_buf *b, const aigov_report *rep, int full)
{
    ag_buf_putc(b, '{');
    engine_json(b, rep, full);
    ag_buf_lit(b, ",\"systems\":[");
}

void ag_render_json_system(ag_buf *b, const aigov_report *rep, uint32_t index, const char *name,
                           int full)
{
    ag_buf_puts(b, index ? ",{\"index\":" : "{\"index\":");
    ag_buf_put_uint(b, index);
    ag_buf_lit(b, ",\"name\":");
    if (name)
        ag_buf_json_str(b, name);
    else
        ag_buf_lit(b, "null");
    ag_buf_putc(b, ',');
    classification_json(b, rep, full);
    ag_buf_putc(b, ',');
    obligations_and_summary(b, rep, full);
    ag_buf_putc(b, '}');
}

void ag_render_json_organisation(ag_buf *b, const aigov_report *rep, int full)
{
    ag_buf_lit(b, "],\"organisation\":{");
    obligations_and_summary(b, rep, full);
    ag_buf_lit(b, "}}");
}

/* The organisation's part alone (aigov_eval_organisation, then aigov_report_render): engine,
 * as_of and the members of the portfolio's "organisation" object. */
void ag_render_json_organisation_part(ag_buf *b, const aigov_report *rep, int full)
{
    ag_buf_putc(b, '{');
    engine_json(b, rep, full);
    ag_buf_putc(b, ',');
    obligations_and_summary(b, rep, full);
    ag_buf_putc(b, '}');
}
