/* The facts of one descriptor: what the descriptor stage hands to evaluation.
 * A fact the descriptor does not give stays unknown (known == 0). */
#ifndef AIGOV_DESCRIPTOR_FACTS_H
#define AIGOV_DESCRIPTOR_FACTS_H
#include <stddef.h>
#include <stdint.h>
#include "table/table.h"

typedef struct ag_value {
    uint8_t known;
    uint32_t str_off, str_len; /* strings and evidence refs, in ag_facts.strs */
    union {
        uint64_t mask; /* bool (bit 0), enum / evidence state (one bit), set (bits) */
        double num;
        int32_t date;
    } v;
} ag_value;

#define AG_MAX_SYSTEMS 256

typedef struct ag_facts {
    ag_value *vals;   /* one per table fact */
    uint32_t *seen;   /* per descriptor node: epoch of the last parse that saw it */
    uint32_t epoch;
    char *strs;       /* decoded strings, NUL-terminated each */
    size_t strs_len, strs_cap;
    /* A descriptor of one organisation with several systems: where each
     * element of "systems" is in the input, and the organisation's facts to
     * start every system from. */
    uint32_t n_systems;
    size_t sys_off[AG_MAX_SYSTEMS], sys_len[AG_MAX_SYSTEMS];
    ag_value *org_vals;
    size_t org_strs_len;
} ag_facts;

int ag_facts_init(ag_facts *f, const aigov_table *t, const ag_mem *mem);
void ag_facts_free(ag_facts *f, const ag_mem *mem);
static inline const char *ag_facts_str(const ag_facts *f, const ag_value *v)
{
    return f->strs + v->str_off; /* offset 0 holds the empty string */
}
#endif
