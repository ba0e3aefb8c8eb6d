/* What the two OSCAL documents share: the assessment results
 * (report_oscal.c) import the catalog of the rule set (catalog_oscal.c), whose
 * controls the findings target. */
#ifndef AIGOV_RENDER_OSCAL_COMMON_H
#define AIGOV_RENDER_OSCAL_COMMON_H
#include "render/render.h"

#define AG_OSCAL_NS "urn:libaigov:oscal" /* namespace of libaigov's own props */
/* The file name the results' back-matter links the catalog by: write it with
 * `aigov rules --format=oscal > aigov-rules-catalog.json` beside them. */
#define AG_OSCAL_CATALOG_FILE "aigov-rules-catalog.json"

/* An OSCAL string: one line, trimmed, never empty (report_oscal.c). */
void ag_oscal_line_str(ag_buf *b, const char *s);
/* A rule id as an OSCAL token, quoted: the catalog's control id and the
 * findings' target-id (report_oscal.c). */
void ag_oscal_token_str(ag_buf *b, const char *id);
/* The catalog's UUID: version 5 over the table's hash, the same in the
 * catalog and in every assessment result of the same rules. */
void ag_oscal_catalog_uuid(char out[37], const aigov_table *t);
/* The UUID of the assessment results' back-matter resource naming the catalog. */
void ag_oscal_resource_uuid(char out[37], const aigov_table *t);
/* The catalog of the table's reported rules (aigov_table_render_rules). */
void ag_render_oscal_catalog(ag_buf *b, const aigov_table *t);
#endif
