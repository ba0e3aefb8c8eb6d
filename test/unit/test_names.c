/* The name tables of the public enums (issue 21, ABI before 1.0): every value below its
 * *_COUNT has a name, the value at the COUNT has none ("?"), and aigov_error_name names
 * each status code by its C name, which bindings and the CLI now take from the library. */
#include <string.h>
#include "unit.h"

typedef const char *(*name_fn)(int);

static void check_table(name_fn fn, int count)
{
    for (int i = 0; i < count; i++) {
        ck_assert_str_ne(fn(i), "?");
        for (int j = 0; j < i; j++)
            ck_assert_str_ne(fn(i), fn(j));
    }
    ck_assert_str_eq(fn(count), "?");
    ck_assert_str_eq(fn(-1), "?");
}

START_TEST(counts_bound_the_name_tables)
{
    check_table(aigov_tier_name, AIGOV_TIER_COUNT);
    check_table(aigov_gpai_name, AIGOV_GPAI_COUNT);
    check_table(aigov_status_name, AIGOV_STATUS_COUNT);
    ck_assert_str_eq(aigov_tier_name(AIGOV_TIER_UNDETERMINED), "undetermined");
    ck_assert_str_eq(aigov_status_name(AIGOV_STATUS_NOT_APPLICABLE), "not_applicable");
    ck_assert_int_eq(AIGOV_RULE_KIND_COUNT, AIGOV_RULE_FINDING + 1);
    ck_assert_int_eq(AIGOV_FAIL_ON_COUNT, AIGOV_FAIL_ON_UNKNOWN + 1);
}
END_TEST

START_TEST(error_names_are_the_c_names)
{
    static const struct {
        int code;
        const char *name;
    } want[] = {{AIGOV_OK, "AIGOV_OK"},         {AIGOV_EINVAL, "AIGOV_EINVAL"},
                {AIGOV_ENOMEM, "AIGOV_ENOMEM"}, {AIGOV_ESYNTAX, "AIGOV_ESYNTAX"},
                {AIGOV_EINPUT, "AIGOV_EINPUT"}, {AIGOV_ELIMIT, "AIGOV_ELIMIT"},
                {AIGOV_ERULES, "AIGOV_ERULES"}, {AIGOV_ENOTFOUND, "AIGOV_ENOTFOUND"}};
    ck_assert_int_eq(sizeof want / sizeof *want, AIGOV_ERROR_CODE_COUNT);
    for (size_t k = 0; k < sizeof want / sizeof *want; k++) {
        ck_assert_str_eq(aigov_error_name(want[k].code), want[k].name);
        ck_assert_str_ne(aigov_strerror(want[k].code), "unknown error code");
    }
    ck_assert_str_eq(aigov_error_name(-AIGOV_ERROR_CODE_COUNT), "?");
    ck_assert_str_eq(aigov_error_name(1), "?");
}
END_TEST

Suite *names_suite(void)
{
    Suite *s = suite_create("names");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, counts_bound_the_name_tables);
    tcase_add_test(tc, error_names_are_the_c_names);
    suite_add_tcase(s, tc);
    return s;
}
