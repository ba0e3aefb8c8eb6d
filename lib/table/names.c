/* The table's name tables, in one place: what the rule compiler reads from rule sources,
 * what the reader accepts in descriptors and what the renderers print are the same
 * strings (declared in table/table.h). */
#include "table/table.h"

const char *const ag_role_names[AG_N_ROLES] = {"provider",    "deployer",
                                               "importer",    "distributor",
                                               "authorised_representative",
                                               "product_manufacturer", "organisation"};
const char *const ag_class_names[AG_C_COUNT] = {"out_of_scope", "prohibited", "high_risk",
                                                "limited",      "gpai",       "gpai_systemic"};
/* in enum ag_evidence_state order */
const char *const ag_evidence_state_names[AG_EV_COUNT] = {"implemented", "partial", "planned", "absent"};
/* in enum ag_fact_type order, as rule sources spell them (evidence items are not declared
 * with a type: they come from the "evidence" section) */
const char *const ag_fact_type_names[AG_T_EVIDENCE] = {"bool", "enum", "set", "number", "date", "string"};
/* in enum ag_link order: how a crosswalk's ISO rule relates to the duty naming it */
const char *const ag_link_names[AG_LINK_COUNT] = {"supports", "equal", "subset", "superset", "intersect"};
