/* Links between rules: the ISO/IEC 42001 crosswalk and the Statement of Applicability. */
#include "compile/compiler.h"

/* crosswalk: ISO rules whose evidence an obligation reuses, checked once
 * every rule's kind and framework is known. */
int ag_cc_compile_crosswalk(cc *c, const origin *o, ag_rule *r)
{
    const cJSON *xw = ag_json_get(o->j, "crosswalk");
    r->xw_first = (int32_t)c->n_xw;
    r->xw_n = -1;
    r->beyond = "";
    if (!xw)
        return 0;
    ag_cc_set_origin(c, o);
    c->rule_id = r->id;
    size_t mark = ag_path_key(&c->path, "crosswalk");
    static const char *const keys[] = {"iso", "beyond", NULL};
    int rc;
    if (r->kind != AG_K_OBLIGATION)
        return ag_cc_fail(c, AIGOV_ERULES, "only obligations carry a crosswalk");
    if (!cJSON_IsObject(xw))
        return ag_cc_fail(c, AIGOV_ERULES, "crosswalk is {\"iso\": [rule ids], \"beyond\": text}");
    if ((rc = ag_cc_check_keys(c, xw, keys)))
        return rc;
    const cJSON *iso = ag_json_get(xw, "iso");
    if (!cJSON_IsArray(iso))
        return ag_cc_fail(c, AIGOV_ERULES, "crosswalk needs 'iso', an array of ISO rule ids (may be empty)");
    const char *beyond = ag_cc_get_str(c, xw, "beyond", 0, 2000, &rc);
    if (rc)
        return rc;
    if (beyond && !(r->beyond = ag_cc_dup_str(c, beyond)))
        return ag_cc_oom(c);
    size_t m2 = ag_path_key(&c->path, "iso");
    int i = 0;
    for (const cJSON *x = iso->child; x; x = x->next, i++) {
        size_t m3 = ag_path_index(&c->path, (size_t)i);
        /* "iso.rule" (a link that supports) or {"rule": "iso.rule", "link": "intersect"} */
        const cJSON *name = x;
        int link = AG_LINK_SUPPORTS;
        if (cJSON_IsObject(x)) {
            static const char *const lkeys[] = {"rule", "link", NULL};
            if ((rc = ag_cc_check_keys(c, x, lkeys)))
                return rc;
            name = ag_json_get(x, "rule");
            const char *ln = ag_cc_get_str(c, x, "link", 1, 16, &rc);
            if (rc)
                return rc;
            link = -1;
            for (int k = 0; k < AG_LINK_COUNT; k++)
                if (strcmp(ag_link_names[k], ln) == 0)
                    link = k;
            if (link < 0)
                return ag_cc_fail(c, AIGOV_ERULES, "crosswalk link '%.16s' is not one of supports, equal, subset, "
                                  "superset, intersect", ln);
        }
        int ri = cJSON_IsString(name) ? ag_cc_find_rule(c, name->valuestring) : -1;
        if (ri < 0)
            return ag_cc_fail(c, AIGOV_ERULES, "crosswalk names an unknown rule");
        const ag_rule *target = &c->rules_out[ri];
        if (target->kind == AG_K_DEFINITION || target->framework == r->framework)
            return ag_cc_fail(c, AIGOV_ERULES, "crosswalk must name reported rules of another framework ('%s')", target->id);
        for (int32_t k = r->xw_first; k < (int32_t)c->n_xw; k++)
            if (c->xw[k] == ri)
                return ag_cc_fail(c, AIGOV_ERULES, "crosswalk names '%s' twice", target->id);
        c->xw_link[c->n_xw] = (uint8_t)link;
        c->xw[c->n_xw++] = ri;
        ag_path_pop(&c->path, m3);
    }
    ag_path_pop(&c->path, m2);
    /* An ISO control supplies evidence toward a legal duty, never discharges it: a link
     * says what the Act asks beyond the ISO artefacts. */
    if (i > 0 && !*r->beyond)
        return ag_cc_fail(c, AIGOV_ERULES, "a crosswalk naming ISO rules needs 'beyond' (what the Act requires beyond them)");
    ag_path_pop(&c->path, mark);
    r->xw_n = (int32_t)c->n_xw - r->xw_first;
    return 0;
}

/* "A.6.2.8": Annex A numbering, a letter, a dot and dot-separated numbers. */
static int valid_control(const char *s)
{
    if (s[0] < 'A' || s[0] > 'Z' || s[1] != '.')
        return 0;
    int parts = 0;
    for (const char *p = s + 1; *p; parts++) {
        if (*p++ != '.' || *p < '0' || *p > '9')
            return 0;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    return parts >= 2;
}

/* soa: the control an obligation implements, with the facts recording the Statement of
 * Applicability's decision (an enum of exactly included / excluded) and justification (a
 * string). Runs once every rule is known, before compile_soa_findings. */
int ag_cc_compile_soa(cc *c, const origin *o, ag_rule *r)
{
    r->soa_control = NULL;
    r->soa_decision = r->soa_justification = r->soa_of = r->soa_owner = r->soa_review = -1;
    const cJSON *soa = ag_json_get(o->j, "soa");
    if (!soa)
        return 0;
    ag_cc_set_origin(c, o);
    c->rule_id = r->id;
    size_t mark = ag_path_key(&c->path, "soa");
    static const char *const keys[] = {"control", "decision", "justification", "owner", "review_date", NULL};
    int rc;
    if (r->kind != AG_K_OBLIGATION)
        return ag_cc_fail(c, AIGOV_ERULES, "only obligations (the controls) carry 'soa'; a finding names its control with 'soa_control'");
    if (!cJSON_IsObject(soa))
        return ag_cc_fail(c, AIGOV_ERULES, "soa is {\"control\": \"A.x.y\", \"decision\": fact, \"justification\": fact}");
    if ((rc = ag_cc_check_keys(c, soa, keys)))
        return rc;
    const char *ctl = ag_cc_get_str(c, soa, "control", 1, 16, &rc);
    if (rc)
        return rc;
    if (!valid_control(ctl))
        return ag_cc_fail(c, AIGOV_ERULES, "soa control '%s' must be numbered like A.6.2.8", ctl);
    int prev = ag_cc_sidx_find(c, &c->soa_idx, ag_cc_soa_name, ctl); /* a rule before r */
    if (prev >= 0)
        return ag_cc_fail(c, AIGOV_ERULES, "control %s already has its rule ('%s')", ctl, c->rules_out[prev].id);
    const char *dec = ag_cc_get_str(c, soa, "decision", 1, 120, &rc);
    if (rc)
        return rc;
    int fd = ag_cc_find_fact(c, dec);
    const ag_fact *fdec = fd >= 0 ? &c->facts_out[fd] : NULL;
    if (!fdec || fdec->type != AG_T_ENUM || fdec->n_values != 2 ||
        strcmp(fdec->values[0], "included") != 0 || strcmp(fdec->values[1], "excluded") != 0)
        return ag_cc_fail(c, AIGOV_ERULES, "soa decision '%s' must be an enum fact of values [included, excluded]", dec);
    const char *jus = ag_cc_get_str(c, soa, "justification", 1, 120, &rc);
    if (rc)
        return rc;
    int fj = ag_cc_find_fact(c, jus);
    if (fj < 0 || c->facts_out[fj].type != AG_T_STRING)
        return ag_cc_fail(c, AIGOV_ERULES, "soa justification '%s' must be a string fact", jus);
    /* optional, as a GRC record carries them: who owns the control, when it is next reviewed */
    int fo = -1, fr = -1;
    if (ag_json_get(soa, "owner")) {
        const char *own = ag_cc_get_str(c, soa, "owner", 1, 120, &rc);
        if (rc)
            return rc;
        fo = ag_cc_find_fact(c, own);
        if (fo < 0 || c->facts_out[fo].type != AG_T_STRING)
            return ag_cc_fail(c, AIGOV_ERULES, "soa owner '%s' must be a string fact", own);
    }
    if (ag_json_get(soa, "review_date")) {
        const char *rev = ag_cc_get_str(c, soa, "review_date", 1, 120, &rc);
        if (rc)
            return rc;
        fr = ag_cc_find_fact(c, rev);
        if (fr < 0 || c->facts_out[fr].type != AG_T_DATE)
            return ag_cc_fail(c, AIGOV_ERULES, "soa review_date '%s' must be a date fact", rev);
    }
    if (!(r->soa_control = ag_cc_dup_str(c, ctl)))
        return ag_cc_oom(c);
    r->soa_owner = fo;
    r->soa_review = fr;
    r->soa_decision = fd;
    r->soa_justification = fj;
    ag_cc_sidx_add(c, &c->soa_idx, ag_cc_soa_name, (int32_t)(r - c->rules_out));
    ag_path_pop(&c->path, mark);
    return 0;
}

/* soa_control: the control whose Statement of Applicability entry a finding checks. */
int ag_cc_compile_soa_finding(cc *c, const origin *o, ag_rule *r)
{
    const cJSON *sc = ag_json_get(o->j, "soa_control");
    if (!sc)
        return 0;
    ag_cc_set_origin(c, o);
    c->rule_id = r->id;
    size_t mark = ag_path_key(&c->path, "soa_control");
    if (r->kind != AG_K_FINDING)
        return ag_cc_fail(c, AIGOV_ERULES, "only findings take 'soa_control'; a control's rule declares 'soa'");
    if (!cJSON_IsString(sc))
        return ag_cc_fail(c, AIGOV_ERULES, "soa_control is a control number such as \"A.6.2.8\"");
    int i = ag_cc_sidx_find(c, &c->soa_idx, ag_cc_soa_name, sc->valuestring); /* only controls' rules are there */
    if (i >= 0) {
        r->soa_control = c->rules_out[i].soa_control;
        r->soa_of = (int32_t)i;
        ag_path_pop(&c->path, mark);
        return 0;
    }
    return ag_cc_fail(c, AIGOV_ERULES, "soa_control '%.20s' names no control (no rule declares it with 'soa')", sc->valuestring);
}
