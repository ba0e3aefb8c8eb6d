/* Descriptor JSON -> facts. A strict, single-pass JSON reader driven by the
 * table's fact catalogue: no DOM and no allocation (strings are decoded into
 * ag_facts' reusable buffer), duplicate and unknown keys rejected, UTF-8
 * validated, every error with its JSON path. */
#ifndef AIGOV_DESCRIPTOR_PARSE_H
#define AIGOV_DESCRIPTOR_PARSE_H
#include "descriptor/facts.h"

int ag_descriptor_parse(ag_facts *f, const aigov_table *t, const ag_mem *mem, const char *json,
                        size_t len, size_t max_input, unsigned max_depth, aigov_error *err);

/* After ag_descriptor_parse found "systems" (f->n_systems > 0): the facts of
 * system i, i.e. the organisation's facts overlaid with that element's. */
int ag_descriptor_system(ag_facts *f, const aigov_table *t, const ag_mem *mem, const char *json,
                         uint32_t i, unsigned max_depth, aigov_error *err);

/* After ag_descriptor_parse found "systems": back to the organisation's facts and the shared
 * evidence alone, for the rules the organisation holds once for all its systems. */
void ag_descriptor_organisation(ag_facts *f, const aigov_table *t);
#endif
