/* The build-time emitter (lib/compile/emit_c.c): strings become C literals
 * that survive any byte a rule source may hold, and a failed write is
 * reported rather than leaving a truncated table behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "compile/emit_c.h"
#include "unit.h"

/* A title with every byte class cstr() treats apart: a quote, a backslash,
 * '?' (trigraphs), a control character and UTF-8 (octal escapes). */
#define ODD_SET                                                                                     \
    "{\"format\":\"aigov-rules/1\",\"facts\":[{\"id\":\"s.flag\",\"type\":\"bool\","               \
    "\"description\":\"d\",\"ask\":\"Is it??\"}],"                                                    \
    "\"evidence\":[{\"id\":\"doc\",\"title\":\"Doc\",\"description\":\"d\",\"iso\":[\"A.6.2.3\"]}]," \
    "\"rules\":[{\"id\":\"a.b\",\"kind\":\"definition\",\"framework\":\"eu_ai_act\","               \
    "\"citation\":\"Art. 1\",\"title\":\"say \\\"hi\\\" \\\\ now caf\\u00e9\","                 \
    "\"when\":{\"fact\":\"s.flag\",\"is\":true}}]}"

static char *emit_to_string(const aigov_table *t, int *rc)
{
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    *rc = ag_emit_c(f, t);
    long n = ftell(f);
    ck_assert(n > 0);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
    s[n] = '\0';
    fclose(f);
    return s;
}

START_TEST(strings_are_escaped_as_c_literals)
{
    aigov_error err;
    int rc;
    aigov_table *t = unit_compile(ODD_SET, &err, &rc);
    ck_assert_msg(rc == 0, "%s at %s", err.message, err.path);
    char *c = emit_to_string(t, &rc);
    ck_assert_int_eq(rc, 0);
    /* quote and backslash escaped, UTF-8 as octal, no bare '?' (rule text has no control characters) */
    ck_assert_ptr_nonnull(strstr(c, "\"say \\\"hi\\\" \\\\ now caf\\303\\251\""));
    ck_assert_ptr_nonnull(strstr(c, "\"Is it\\077\\077\""));
    ck_assert_ptr_null(strstr(c, "??"));
    /* the evidence item's ISO list gets its own array; a missing source is NULL */
    ck_assert_ptr_nonnull(strstr(c, "static const char *const iso0[] = {\"A.6.2.3\", };"));
    ck_assert_ptr_nonnull(strstr(c, "\"Is it\\077\\077\", \"\", -1},"));
    ck_assert_ptr_nonnull(strstr(c, ", NULL, -1, -1, -1, -1, -1, 0, -1, 0},")); /* a rule that is no SoA control, SoA clause or per-system rule */
    ck_assert_ptr_nonnull(strstr(c, "const struct aigov_table ag_builtin_table = {"));
    free(c);
    aigov_table_free(t);
}
END_TEST

START_TEST(a_failed_write_is_an_error)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        return; /* no /dev/full on this system: nothing to test */
    setvbuf(f, NULL, _IONBF, 0); /* every write reaches the device, and fails */
    ck_assert_int_eq(ag_emit_c(f, aigov_table_builtin()), -1);
    fclose(f);
}
END_TEST

Suite *emit_suite(void)
{
    Suite *s = suite_create("emit");
    TCase *tc = tcase_create("emit");
    tcase_add_test(tc, strings_are_escaped_as_c_literals);
    tcase_add_test(tc, a_failed_write_is_an_error);
    suite_add_tcase(s, tc);
    return s;
}
