/* The compiler's context: errors with the JSON path, arena allocation, JSON value
 * helpers and the id indices every stage looks names up in. */
#include "compile/compiler.h"

int ag_cc_fail(cc *c, int code, const char *fmt, ...)
{
    if (c->err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(c->err->message, sizeof c->err->message, fmt, ap);
        va_end(ap);
        c->err->code = code;
        ag_err_path(c->err, c->path.s);
        ag_err_source(c->err, c->src, c->rule_id);
    }
    return code;
}

int ag_cc_check_keys(cc *c, const cJSON *obj, const char *const *allowed)
{
    int rc = ag_json_check_keys(obj, allowed, &c->path, c->err);
    if (rc)
        ag_err_source(c->err, c->src, c->rule_id);
    return rc;
}

int ag_cc_oom(cc *c) { return ag_cc_fail(c, AIGOV_ENOMEM, "out of memory compiling the rule table"); }

void *ag_cc_alloc_n(cc *c, size_t count, size_t size) /* size: a sizeof, never 0 */
{
    if (count > ((size_t)1 << 30) / size)
        return NULL;
    return ag_arena_alloc(c->ar, count * size);
}

char *ag_cc_dup_str(cc *c, const char *s) { return ag_arena_strdup(c->ar, s); }

static int is_ident_char(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_'; }

/* Dotted lowercase identifier; min_segments >= 1. Every caller passes a string ag_cc_get_str has
 * checked to be non-empty and at most 120 bytes (an empty one fails below anyway: its only
 * segment is empty). */
int ag_cc_valid_dotted(const char *s, int min_segments)
{
    int segs = 0;
    size_t seglen = 0;
    for (const char *p = s;; p++) {
        if (*p == '.' || *p == '\0') {
            if (seglen == 0)
                return 0;
            segs++;
            seglen = 0;
            if (*p == '\0')
                break;
        } else if (is_ident_char(*p)) {
            seglen++;
        } else {
            return 0;
        }
    }
    return segs >= min_segments;
}

const char *ag_cc_get_str(cc *c, const cJSON *obj, const char *key, int required, size_t maxlen,
                           int *rc)
{
    const cJSON *v = ag_json_get(obj, key);
    *rc = 0;
    if (!v) {
        if (required) {
            *rc = ag_cc_fail(c, AIGOV_ERULES, "missing required key '%s'", key);
        }
        return NULL;
    }
    size_t mark = ag_path_key(&c->path, key);
    if (!cJSON_IsString(v)) { /* a parsed string always has its valuestring */
        *rc = ag_cc_fail(c, AIGOV_ERULES, "'%s' must be a string", key);
    } else if (strlen(v->valuestring) == 0 || strlen(v->valuestring) > maxlen) {
        *rc = ag_cc_fail(c, AIGOV_ERULES, "'%s' must be a non-empty string of at most %zu bytes", key,
                   maxlen);
    }
    ag_path_pop(&c->path, mark);
    return *rc ? NULL : v->valuestring;
}

int ag_cc_parse_date_json(cc *c, const cJSON *v, int32_t *out)
{
    if (!cJSON_IsString(v) || ag_date_parse(v->valuestring, strlen(v->valuestring), out) != 0)
        return ag_cc_fail(c, AIGOV_ERULES, "expected a date \"YYYY-MM-DD\" (a real calendar day)");
    return 0;
}

/* ---- id indices: open addressing over indices into facts_out / rules_out ---------- */

const char *ag_cc_fact_name(const cc *c, int32_t i) { return c->facts_out[i].id; }
const char *ag_cc_rule_name(const cc *c, int32_t i) { return c->rules_out[i].id; }
const char *ag_cc_soa_name(const cc *c, int32_t i) { return c->rules_out[i].soa_control; }
const char *ag_cc_ev_name(const cc *c, int32_t i) { return c->ev_out[i].id; }

int ag_cc_sidx_init(cc *c, struct sidx *x, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2)
        cap *= 2;
    if (!(x->slot = ag_cc_alloc_n(c, cap, sizeof(int32_t))))
        return ag_cc_oom(c);
    memset(x->slot, 0xff, cap * sizeof(int32_t)); /* -1: empty */
    x->mask = (uint32_t)(cap - 1);
    return 0;
}

static uint32_t sidx_hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The slot holding id, or the empty slot where it would go. */
static uint32_t sidx_slot(const cc *c, const struct sidx *x, sidx_name name, const char *id)
{
    uint32_t h = sidx_hash(id) & x->mask;
    while (x->slot[h] >= 0 && strcmp(name(c, x->slot[h]), id) != 0)
        h = (h + 1) & x->mask;
    return h;
}

int ag_cc_sidx_find(const cc *c, const struct sidx *x, sidx_name name, const char *id)
{
    return x->slot ? x->slot[sidx_slot(c, x, name, id)] : -1;
}

/* Adds entry i (its id already set); an id already there keeps its first entry. */
void ag_cc_sidx_add(const cc *c, struct sidx *x, sidx_name name, int32_t i)
{
    uint32_t h = sidx_slot(c, x, name, name(c, i));
    if (x->slot[h] < 0)
        x->slot[h] = i;
}

int ag_cc_find_fact(const cc *c, const char *id) { return ag_cc_sidx_find(c, &c->fact_idx, ag_cc_fact_name, id); }
int ag_cc_find_rule(const cc *c, const char *id) { return ag_cc_sidx_find(c, &c->rule_idx, ag_cc_rule_name, id); }

int ag_cc_find_value(const ag_fact *f, const char *v)
{
    for (unsigned i = 0; i < f->n_values; i++)
        if (strcmp(f->values[i], v) == 0)
            return (int)i;
    return -1;
}
