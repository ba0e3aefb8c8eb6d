/* "Did you mean": the closest of a set of names to a mistyped one. */
#ifndef AIGOV_UTIL_SUGGEST_H
#define AIGOV_UTIL_SUGGEST_H
#include <stddef.h>

/* Optimal string alignment distance (Levenshtein with transpositions of
 * adjacent characters) between a and b, a case-only difference costing 1 per
 * character like any other; names longer than 64 bytes compare their first 64. */
unsigned ag_edit_distance(const char *a, const char *b);

/* Close enough to suggest: at most 1 edit for names of up to 4 bytes, 2 up to
 * 8, 3 beyond (a typo, not another name). */
int ag_suggestible(const char *typed, unsigned distance);

/* The best candidate over calls to ag_suggest_offer; `best` is NULL when
 * none is close enough or two are equally close (no guess between them). */
typedef struct ag_suggest {
    const char *typed, *best;
    unsigned distance;
    int tied;
} ag_suggest;
void ag_suggest_init(ag_suggest *s, const char *typed);
void ag_suggest_offer(ag_suggest *s, const char *name);
/* The suggestion, or NULL. */
const char *ag_suggest_best(const ag_suggest *s);
#endif
