/* The Statement of Applicability (ISO/IEC 42001 6.1.3) as the report stage works it out:
 * each control's entry (the organisation's decision, justification, owner and review date
 * from the descriptor, typical applicability and implementation from the evaluation, the
 * auditor's grade) and the section's counts. The renderers (render/soa.c) and the accessors
 * (aigov_report_soa*) only read these. */
#include "report/soa.h"
#include <string.h>
#include "util/date.h"

void ag_soa_entry_of(ag_soa_entry *e, const aigov_report *rep, int32_t ri)
{
    const aigov_table *t = rep->t;
    const ag_rule *ru = &t->rules[ri];
    const ag_value *dv = &rep->f->vals[ru->soa_decision];
    const ag_value *jv = &rep->f->vals[ru->soa_justification];
    e->ru = ru;
    e->rule = ri;
    /* a known enum fact holds exactly one of its values, as the bit 1 << value index */
    e->decision = dv->known ? t->facts[ru->soa_decision].values[__builtin_ctzll(dv->v.mask)] : NULL;
    e->justification = jv->known ? ag_facts_str(rep->f, jv) : NULL;
    /* typical applicability, before the SoA decision: `when` within the management system */
    uint8_t in = ru->within >= 0 ? rep->r->expr_val[ru->within] : AG_T;
    uint8_t typ = rep->r->expr_val[ru->when];
    e->applicable = in == AG_F || typ == AG_F ? AG_F : in == AG_U || typ == AG_U ? AG_U : AG_T;
    e->status = rep->r->status[ri];
    const ag_value *ov = ru->soa_owner >= 0 ? &rep->f->vals[ru->soa_owner] : NULL;
    e->owner = ov && ov->known ? ag_facts_str(rep->f, ov) : NULL;
    const ag_value *rv = ru->soa_review >= 0 ? &rep->f->vals[ru->soa_review] : NULL;
    e->review[0] = 0;
    if (rv && rv->known)
        ag_date_format(e->review, rv->v.date);
    ag_soa_grade_of(&e->grade, rep, ri);
}

const char *ag_soa_evidence_ref(const aigov_report *rep, int32_t e)
{
    const ag_value *v = ag_evidence_value(rep->t, rep->f, e);
    return v->known && v->str_len ? ag_facts_str(rep->f, v) : NULL;
}

void ag_soa_count(const aigov_report *rep, ag_soa_counts *c)
{
    const aigov_table *t = rep->t;
    memset(c, 0, sizeof *c);
    for (uint32_t ri = 0; ri < t->n_rules; ri++) {
        const ag_rule *ru = &t->rules[ri];
        if (ag_soa_is_control(ru) && !rep->r->fw_assessed[ru->framework]) {
            memset(c, 0, sizeof *c); /* not assessed: no SoA section */
            return;
        }
        if (ag_soa_is_control(ru)) {
            ag_soa_entry e;
            ag_soa_entry_of(&e, rep, (int32_t)ri);
            c->controls++;
            if (!e.decision)
                c->not_recorded++;
            else if (strcmp(e.decision, "excluded") == 0)
                c->excluded++;
            else
                c->included++;
        } else if (ru->soa_of >= 0) {
            c->findings_gap += rep->r->status[ri] == AIGOV_STATUS_GAP;
            c->findings_unknown += rep->r->status[ri] == AIGOV_STATUS_UNKNOWN;
            c->findings_applicable += rep->r->status[ri] != AIGOV_STATUS_NOT_APPLICABLE;
        }
    }
}
