#include "eval/exposure.h"
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "util/date.h"

/* Whole euros with thousands separators, locale-independent: v rounded to the nearest whole
 * number, halves to even, as "%.0f" prints it (written without snprintf below 2^53, where
 * nearbyint is exact; the caps are computed for every report that lists a penalty). */
static void eur(char *out, size_t cap, double v)
{
    char digits[32];
    size_t n = 0, len = 0;
    double whole = nearbyint(v);
    if (whole >= 0 && whole < 9007199254740992.0) {
        char tmp[20];
        size_t i = sizeof tmp;
        uint64_t u = (uint64_t)whole;
        do {
            tmp[--i] = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        n = sizeof tmp - i;
        memcpy(digits, tmp + i, n);
        digits[n] = '\0';
    } else {
        snprintf(digits, sizeof digits, "%.0f", v);
        while (digits[n])
            n++;
    }
    for (size_t i = 0; i < n && len + 2 < cap; i++) {
        out[len++] = digits[i];
        if ((n - i - 1) % 3 == 0 && i + 1 < n)
            out[len++] = ',';
    }
    out[len] = '\0';
}

/* The basis in words, built from pieces as snprintf would cut it (at sizeof basis - 1). */
typedef struct words {
    char *out;
    size_t len, cap;
} words;

static void say(words *w, const char *s)
{
    size_t n = strlen(s);
    if (n > w->cap - 1 - w->len)
        n = w->cap - 1 - w->len;
    memcpy(w->out + w->len, s, n);
    w->len += n;
    w->out[w->len] = '\0';
}

/* A percentage as "%g" prints it: whole ones (every tier's so far) without snprintf. */
static void say_percent(words *w, double v)
{
    char num[32];
    if (v >= 0 && v < 1e6 && v == floor(v)) {
        char *end = num + sizeof num;
        *--end = '\0';
        uint32_t u = (uint32_t)v;
        do {
            *--end = (char)('0' + u % 10);
            u /= 10;
        } while (u);
        say(w, end);
        return;
    }
    snprintf(num, sizeof num, "%g", v);
    say(w, num);
}

void ag_penalty_tier_cap(ag_cap *out, const aigov_table *t, const ag_facts *f, int32_t tier, int32_t as_of)
{
    out->tier = tier >= 0 ? &t->penalties[tier] : NULL;
    out->cap_known = 0;
    out->cap_eur = 0;
    out->basis[0] = '\0';
    const ag_penalty *p = out->tier;
    if (!p)
        return;
    if (p->applies_from != AG_DATE_NONE && as_of < p->applies_from) {
        char d[11];
        ag_date_format(d, p->applies_from);
        snprintf(out->basis, sizeof out->basis, "%s applies from %s: no fine for a breach before then",
                 p->citation, d);
        return;
    }
    if (p->national) {
        snprintf(out->basis, sizeof out->basis,
                 "national penalties (%s): Member States set them; no Union cap", p->citation);
        return;
    }
    const ag_penalty_facts *pf = &t->penalty_facts;
    if (p->public_authority_national && pf->public_authority >= 0 &&
        f->vals[pf->public_authority].known && f->vals[pf->public_authority].v.mask) {
        snprintf(out->basis, sizeof out->basis,
                 "public authority: whether and how much it can be fined is set by the Member State (Art. 99(8))");
        return;
    }
    char fixed[40];
    eur(fixed, sizeof fixed, p->fixed_eur);
    if (pf->eu_institution >= 0 && f->vals[pf->eu_institution].known &&
        f->vals[pf->eu_institution].v.mask && p->eu_institution_eur > 0) {
        out->cap_known = 1;
        out->cap_eur = p->eu_institution_eur;
        eur(fixed, sizeof fixed, p->eu_institution_eur);
        snprintf(out->basis, sizeof out->basis, "EU institution (Art. 100): up to EUR %s", fixed);
        return;
    }
    int lower = p->undertaking_lower;
    const char *who = "undertaking";
    const char *assumed = "";
    if (pf->size >= 0 && f->vals[pf->size].known) {
        uint64_t m = f->vals[pf->size].v.mask;
        /* name the relief only where the tier grants one */
        if ((m & pf->sme_mask) && p->sme_lower != p->undertaking_lower) {
            lower = p->sme_lower;
            who = "SME (Art. 99(6))";
        } else if ((m & pf->smc_mask) && p->smc_lower != p->undertaking_lower) {
            lower = p->smc_lower;
            who = "small mid-cap (Art. 99(6a))";
        }
    } else if (pf->size >= 0) {
        assumed = "; size unknown, so the undertaking rule is assumed";
    }
    const ag_value *tv = pf->turnover >= 0 ? &f->vals[pf->turnover] : NULL;
    words w = {out->basis, 0, sizeof out->basis};
    say(&w, who);
    say(&w, lower ? ": the lower of EUR " : ": the higher of EUR ");
    say(&w, fixed);
    say(&w, " or ");
    say_percent(&w, p->turnover_percent);
    if (tv && tv->known) {
        double share = tv->v.num * p->turnover_percent / 100.0;
        double cap = lower ? (share < p->fixed_eur ? share : p->fixed_eur)
                           : (share > p->fixed_eur ? share : p->fixed_eur);
        char capbuf[40];
        eur(capbuf, sizeof capbuf, cap);
        out->cap_known = 1;
        out->cap_eur = cap;
        say(&w, "% of worldwide annual turnover = EUR ");
        say(&w, capbuf);
    } else {
        say(&w, "% of worldwide annual turnover (turnover unknown)");
    }
    say(&w, assumed);
}

int ag_crosswalk_coverage(const aigov_table *t, const ag_result *r, int32_t rule, int32_t *met)
{
    const ag_rule *ru = &t->rules[rule];
    *met = 0;
    if (ru->xw_n < 0)
        return AG_COV_NONE;
    int32_t applicable = 0;
    for (int32_t k = 0; k < ru->xw_n; k++) {
        uint8_t st = r->status[t->crosswalk[ru->xw_first + k]];
        applicable += st != AIGOV_STATUS_NOT_APPLICABLE;
        *met += st == AIGOV_STATUS_MET;
    }
    if (*met == 0)
        return AG_COV_NOT_SUPPORTED;
    return *met == applicable ? AG_COV_SUPPORTED : AG_COV_PARTLY;
}
