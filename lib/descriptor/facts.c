#include "descriptor/facts.h"
#include <string.h>

int ag_facts_init(ag_facts *f, const aigov_table *t, const ag_mem *mem)
{
    memset(f, 0, sizeof *f);
    f->vals = ag_calloc(mem, t->n_facts + 1, sizeof *f->vals);
    f->seen = ag_calloc(mem, t->n_nodes + 1, sizeof *f->seen);
    f->org_vals = ag_calloc(mem, t->n_facts + 1, sizeof *f->org_vals);
    f->strs_cap = 4096;
    f->strs = ag_malloc(mem, f->strs_cap);
    if (!f->vals || !f->seen || !f->strs || !f->org_vals) {
        ag_facts_free(f, mem);
        return AIGOV_ENOMEM;
    }
    return 0;
}

void ag_facts_free(ag_facts *f, const ag_mem *mem)
{
    ag_mfree(mem, f->vals);
    ag_mfree(mem, f->seen);
    ag_mfree(mem, f->org_vals);
    ag_mfree(mem, f->strs);
    memset(f, 0, sizeof *f);
}
