/* See suggest.h. Two rows plus the one before for transpositions: no
 * allocation, bounded work (64 x 64). */
#include "util/suggest.h"
#include <string.h>

#define MAXN 64

unsigned ag_edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n > MAXN)
        n = MAXN;
    if (m > MAXN)
        m = MAXN;
    unsigned rows[3][MAXN + 1];
    unsigned *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++)
        prev[j] = (unsigned)j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (unsigned)i;
        for (size_t j = 1; j <= m; j++) {
            unsigned cost = a[i - 1] != b[j - 1];
            unsigned d = prev[j] + 1;
            if (cur[j - 1] + 1 < d)
                d = cur[j - 1] + 1;
            if (prev[j - 1] + cost < d)
                d = prev[j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < d)
                d = prev2[j - 2] + 1;
            cur[j] = d;
        }
        unsigned *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

/* The largest distance still offered as a typo of a name n bytes long. */
static unsigned max_typo(size_t n) { return n <= 4 ? 1u : n <= 8 ? 2u : 3u; }

int ag_suggestible(const char *typed, unsigned distance)
{
    return distance > 0 && distance <= max_typo(strlen(typed));
}

void ag_suggest_init(ag_suggest *s, const char *typed)
{
    s->typed = typed;
    s->best = NULL;
    s->distance = ~0u;
    s->tied = 0;
}

void ag_suggest_offer(ag_suggest *s, const char *name)
{
    /* the distance is at least the difference of the (capped) lengths: a name
     * too long or too short to be a typo is passed over without the table
     * (an unknown key is offered every sibling key; the fuzzers make many) */
    size_t n = strlen(s->typed), m = strlen(name);
    size_t cn = n < MAXN ? n : MAXN, cm = m < MAXN ? m : MAXN;
    if ((cn > cm ? cn - cm : cm - cn) > max_typo(n))
        return;
    unsigned d = ag_edit_distance(s->typed, name);
    if (!ag_suggestible(s->typed, d) || d > s->distance)
        return;
    s->tied = d == s->distance;
    s->best = name;
    s->distance = d;
}

const char *ag_suggest_best(const ag_suggest *s) { return s->tied ? NULL : s->best; }
