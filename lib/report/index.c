/* The context's lookups by position (index.h), built from the table once. */
#include "report/index.h"
#include <string.h>
#include "report/soa.h"

int ag_report_index_init(ag_report_index *ix, const aigov_table *t, const ag_mem *mem)
{
    memset(ix, 0, sizeof *ix);
    ix->standard_framework = -1;
    for (uint32_t k = 0; k < t->n_frameworks; k++)
        if (strcmp(t->framework_ids[k], "iso42001") == 0)
            ix->standard_framework = (int)k;
    uint32_t n_controls = 0, n_findings = 0;
    for (uint32_t ri = 0; ri < t->n_rules; ri++)
        n_controls += ag_soa_is_control(&t->rules[ri]);
    for (uint32_t k = 0; k < t->n_reported; k++)
        n_findings += t->rules[t->reported[k]].soa_of >= 0;
    int32_t *position = ag_calloc(mem, t->n_rules + 1, sizeof *position); /* rule -> control k */
    ix->soa_controls = ag_calloc(mem, n_controls + 1, sizeof *ix->soa_controls);
    ix->soa_findings_first = ag_calloc(mem, n_controls + 2, sizeof *ix->soa_findings_first);
    ix->soa_findings = ag_calloc(mem, n_findings + 1, sizeof *ix->soa_findings);
    if (!position || !ix->soa_controls || !ix->soa_findings_first || !ix->soa_findings) {
        ag_mfree(mem, position);
        ag_report_index_free(ix, mem);
        return AIGOV_ENOMEM;
    }
    for (uint32_t ri = 0; ri < t->n_rules; ri++)
        if (ag_soa_is_control(&t->rules[ri])) {
            position[ri] = (int32_t)ix->n_soa_controls;
            ix->soa_controls[ix->n_soa_controls++] = (int32_t)ri;
            ix->soa_frameworks |= 1u << t->rules[ri].framework;
        }
    /* counts per control, then their starts, then each finding into its control's run */
    uint32_t *first = ix->soa_findings_first;
    for (uint32_t k = 0; k < t->n_reported; k++) {
        int32_t of = t->rules[t->reported[k]].soa_of;
        if (of >= 0)
            first[position[of] + 1]++;
    }
    for (uint32_t k = 0; k < n_controls; k++)
        first[k + 1] += first[k];
    for (uint32_t k = 0; k < t->n_reported; k++) { /* first[c] runs ahead while filling */
        int32_t of = t->rules[t->reported[k]].soa_of;
        if (of >= 0)
            ix->soa_findings[first[position[of]]++] = t->reported[k];
    }
    for (uint32_t k = n_controls; k > 0; k--) /* and back: first[k] is where run k starts */
        first[k] = first[k - 1];
    first[0] = 0;
    ag_mfree(mem, position);
    return 0;
}

void ag_report_index_free(ag_report_index *ix, const ag_mem *mem)
{
    ag_mfree(mem, ix->soa_controls);
    ag_mfree(mem, ix->soa_findings_first);
    ag_mfree(mem, ix->soa_findings);
    memset(ix, 0, sizeof *ix);
}
