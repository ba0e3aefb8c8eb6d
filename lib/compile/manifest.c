/* The manifest: the table's revision and its frameworks. */
#include "compile/compiler.h"

/* ---- manifest ------------------------------------------------------------- */

int ag_cc_compile_manifest(cc *c, const cJSON *m)
{
    static const char *const keys[] = {"revision", "frameworks", "penalty_facts", NULL};
    size_t mark = ag_path_key(&c->path, "manifest");
    int rc = 0;
    if (!cJSON_IsObject(m)) {
        rc = ag_cc_fail(c, AIGOV_ERULES, "manifest must be an object");
        goto out;
    }
    if ((rc = ag_cc_check_keys(c, m, keys)))
        goto out;
    const char *rev = ag_cc_get_str(c, m, "revision", 1, 64, &rc);
    if (rc)
        goto out;
    const cJSON *fw = ag_json_get(m, "frameworks");
    size_t m2 = ag_path_key(&c->path, "frameworks");
    if (!cJSON_IsArray(fw) || cJSON_GetArraySize(fw) < 1 || cJSON_GetArraySize(fw) > 16) {
        rc = ag_cc_fail(c, AIGOV_ERULES, "frameworks must be an array of 1 to 16 frameworks");
        goto out;
    }
    uint32_t n = (uint32_t)cJSON_GetArraySize(fw);
    const char **ids = ag_cc_alloc_n(c, n, sizeof *ids), **names = ag_cc_alloc_n(c, n, sizeof *names);
    if (!ids || !names) {
        rc = ag_cc_oom(c);
        goto out;
    }
    uint32_t i = 0;
    for (const cJSON *f = fw->child; f; f = f->next, i++) {
        static const char *const fkeys[] = {"id", "name", NULL};
        size_t m3 = ag_path_index(&c->path, i);
        if (!cJSON_IsObject(f)) {
            rc = ag_cc_fail(c, AIGOV_ERULES, "a framework must be an object {id, name}");
            goto out;
        }
        if ((rc = ag_cc_check_keys(c, f, fkeys)))
            goto out;
        const char *id = ag_cc_get_str(c, f, "id", 1, 32, &rc);
        if (rc)
            goto out;
        const char *name = ag_cc_get_str(c, f, "name", 1, 200, &rc);
        if (rc)
            goto out;
        if (!ag_cc_valid_dotted(id, 1) || strchr(id, '.')) {
            rc = ag_cc_fail(c, AIGOV_ERULES, "framework id '%s' must match ^[a-z0-9_]+$", id);
            goto out;
        }
        for (uint32_t k = 0; k < i; k++)
            if (strcmp(ids[k], id) == 0) {
                rc = ag_cc_fail(c, AIGOV_ERULES, "duplicate framework id '%s'", id);
                goto out;
            }
        if (!(ids[i] = ag_cc_dup_str(c, id)) || !(names[i] = ag_cc_dup_str(c, name))) {
            rc = ag_cc_oom(c);
            goto out;
        }
        ag_path_pop(&c->path, m3);
    }
    ag_path_pop(&c->path, m2);
    if (!(c->t->revision = ag_cc_dup_str(c, rev))) {
        rc = ag_cc_oom(c);
        goto out;
    }
    c->t->framework_ids = ids;
    c->t->framework_names = names;
    c->t->n_frameworks = n;
    c->penalty_facts = ag_json_get(m, "penalty_facts");
out:
    if (!rc)
        ag_path_pop(&c->path, mark);
    return rc;
}
