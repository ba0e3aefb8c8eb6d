/* Character classes of util/text.c, each class with its nearest neighbours: a
 * blank string is no evidence (issue 19 point 3), and an unsafe character
 * never reaches a report or message as it is (issue 19 point 9). Each row is
 * written from the Unicode tables the header names (White_Space, Cc, Bidi
 * controls, the zero-width characters), not from the code. */
#include <string.h>
#include "util/mem.h"
#include "util/text.h"
#include "unit.h"

struct row {
    const char *s; /* UTF-8 */
    int expect;
};

/* ag_text_blank: 1 when nothing a reader could see. */
static const struct row blank_rows[] = {
    {"", 1},
    {" \t\n\v\f\r", 1},
    {"\xC2\x85", 1},             /* U+0085 NEL */
    {"\xC2\xA0", 1},             /* U+00A0 no-break space */
    {"\xC2\xA1", 0},             /* U+00A1 inverted exclamation mark */
    {"\xC2\x86", 0},             /* U+0086, a C1 control but not White_Space: visible as '?' */
    {"\xE1\x9A\x80", 1},         /* U+1680 ogham space mark */
    {"\xE1\x9A\x81", 0},         /* U+1681 ogham letter beith */
    {"\xE1\x9B\x80", 0},         /* U+16C0 runic letter */
    {"\xE2\x80\x80", 1},         /* U+2000 en quad */
    {"\xE2\x80\x8A", 1},         /* U+200A hair space */
    {"\xE2\x80\x8B", 1},         /* U+200B zero width space */
    {"\xE2\x80\x8D", 1},         /* U+200D zero width joiner */
    {"\xE2\x80\x8E", 0},         /* U+200E left-to-right mark: unsafe, not blank */
    {"\xE2\x80\x90", 0},         /* U+2010 hyphen */
    {"\xE2\x80\xA8", 1},         /* U+2028 line separator */
    {"\xE2\x80\xA9", 1},         /* U+2029 paragraph separator */
    {"\xE2\x80\xAA", 0},         /* U+202A bidi embedding: not White_Space */
    {"\xE2\x80\xAF", 1},         /* U+202F narrow no-break space */
    {"\xE2\x81\x9F", 1},         /* U+205F medium mathematical space */
    {"\xE2\x81\xA0", 1},         /* U+2060 word joiner */
    {"\xE2\x81\xA1", 0},         /* U+2061 function application */
    {"\xE2\x81\x9E", 0},         /* U+205E vertical four dots */
    {"\xE3\x80\x80", 1},         /* U+3000 ideographic space */
    {"\xE3\x80\x81", 0},         /* U+3001 ideographic comma */
    {"\xE3\x81\x80", 0},         /* U+3040 */
    {"\xEF\xBB\xBF", 1},         /* U+FEFF zero width no-break space */
    {"\xEF\xBB\xBE", 0},         /* U+FEFE */
    {"\xEF\xBC\xBF", 0},         /* U+FF3F fullwidth low line */
    {" \xE2\x80\x8B \xEF\xBB\xBF\xE3\x80\x80", 1},
    {" \xE2\x80\x8B x", 0},
    {"\xE2\x80\x8B" "a", 0},
    {"x", 0},
};

START_TEST(blank_is_white_space_or_zero_width_only)
{
    for (size_t i = 0; i < sizeof blank_rows / sizeof *blank_rows; i++) {
        const struct row *r = &blank_rows[i];
        ck_assert_msg(ag_text_blank(r->s, strlen(r->s)) == r->expect, "row %zu", i);
    }
    /* a length that cuts a three-byte blank short is not a blank */
    ck_assert_int_eq(ag_text_blank("\xE2\x80\x8B", 2), 0);
    ck_assert_int_eq(ag_text_blank("\xC2\xA0", 1), 0);
}
END_TEST

/* ag_text_unsafe_at: the length of an unsafe character, else 0. */
static const struct row unsafe_rows[] = {
    {"\x01", 1},
    {"\x1F", 1},
    {"\n", 1},
    {" ", 0},
    {"~", 0},
    {"\x7F", 1},         /* DEL */
    {"\xC2\x80", 2},     /* U+0080, first C1 control */
    {"\xC2\x9F", 2},     /* U+009F, last C1 control */
    {"\xC2\xA0", 0},     /* U+00A0 */
    {"\xC3\xA9", 0},     /* U+00E9 e acute */
    {"\xD8\x9C", 2},     /* U+061C arabic letter mark */
    {"\xD8\x9B", 0},     /* U+061B arabic semicolon */
    {"\xD9\x9C", 0},     /* U+065C */
    {"\xE2\x80\x8D", 0}, /* U+200D zero width joiner: invisible but not a control */
    {"\xE2\x80\x8E", 3}, /* U+200E left-to-right mark */
    {"\xE2\x80\x8F", 3}, /* U+200F right-to-left mark */
    {"\xE2\x80\x90", 0}, /* U+2010 */
    {"\xE2\x80\xA7", 0}, /* U+2027 hyphenation point */
    {"\xE2\x80\xA8", 3}, /* U+2028 line separator */
    {"\xE2\x80\xA9", 3}, /* U+2029 paragraph separator */
    {"\xE2\x80\xAA", 3}, /* U+202A left-to-right embedding */
    {"\xE2\x80\xAE", 3}, /* U+202E right-to-left override */
    {"\xE2\x80\xAF", 0}, /* U+202F narrow no-break space */
    {"\xE2\x81\xA5", 0}, /* U+2065 unassigned */
    {"\xE2\x81\xA6", 3}, /* U+2066 left-to-right isolate */
    {"\xE2\x81\xA9", 3}, /* U+2069 pop directional isolate */
    {"\xE2\x81\xAA", 0}, /* U+206A */
    {"\xE2\x82\xAC", 0}, /* U+20AC euro sign */
    {"\xE3\x80\x80", 0}, /* U+3000 */
};

START_TEST(unsafe_is_controls_separators_and_bidi)
{
    for (size_t i = 0; i < sizeof unsafe_rows / sizeof *unsafe_rows; i++) {
        const struct row *r = &unsafe_rows[i];
        ck_assert_msg(ag_text_unsafe_at((const unsigned char *)r->s) == (size_t)r->expect, "row %zu", i);
    }
}
END_TEST

START_TEST(sanitize_and_text_replace_each_unsafe_character_once)
{
    char s[] = "a\x01" "b\xE2\x80\xAE" "c\xD8\x9C" "d\xC2\x85" "e\xE2\x81\xA6";
    ag_text_sanitize(s);
    ck_assert_str_eq(s, "a?b?c?d?e?");
    ag_mem m;
    ag_mem_init(&m, NULL);
    ag_buf b;
    ag_buf_init(&b, &m);
    ag_buf_text(&b, "x\xE2\x80\xA8y\x7Fz");
    ag_buf_md_inline(&b, " [l](u)\xE2\x80\x8F*");
    ck_assert(!b.oom);
    ck_assert_int_eq((int)b.len, (int)strlen("x?y?z \\[l\\](u) \\*"));
    ck_assert(memcmp(b.data, "x?y?z \\[l\\](u) \\*", b.len) == 0);
    ag_buf_free(&b);
}
END_TEST

/* The escapers as their definition reads, a byte at a time: an unsafe character becomes
 * one replacement (text '?', markdown ' '), a markdown markup character gets a backslash,
 * anything else is copied. The library copies safe runs whole; both must agree. */
static void reference(ag_buf *b, const char *s, int markdown)
{
    static const char markup[] = "\\`*_{}[]<>#!|~&:@.";
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        size_t k = ag_text_unsafe_at(p);
        if (k) {
            ag_buf_putc(b, markdown ? ' ' : '?');
            for (size_t j = 0; j < k && *p; j++)
                p++;
            continue;
        }
        if (markdown && *p < 0x80 && strchr(markup, *p))
            ag_buf_putc(b, '\\');
        ag_buf_putc(b, (char)*p++);
    }
}

static void same_as_reference(ag_mem *m, const char *s)
{
    for (int markdown = 0; markdown < 2; markdown++) {
        ag_buf got, want;
        ag_buf_init(&got, m);
        ag_buf_init(&want, m);
        if (markdown)
            ag_buf_md_inline(&got, s);
        else
            ag_buf_text(&got, s);
        reference(&want, s, markdown);
        ck_assert(!got.oom && !want.oom);
        ck_assert_msg(got.len == want.len && memcmp(got.data, want.data, got.len) == 0,
                      "%s of \"%s\": %zu bytes, want %zu", markdown ? "markdown" : "text", s, got.len, want.len);
        ag_buf_free(&got);
        ag_buf_free(&want);
    }
}

START_TEST(escapers_copy_safe_runs_as_the_byte_definition_says)
{
    ag_mem m;
    ag_mem_init(&m, NULL);
    /* every byte alone and between letters */
    for (int c = 1; c < 256; c++) {
        char one[] = {(char)c, 0}, mid[] = {'a', (char)c, 'b', 0};
        same_as_reference(&m, one);
        same_as_reference(&m, mid);
    }
    /* up to four bytes from the leads and continuations of every unsafe class, markup and
     * plain letters: cut, complete and neighbouring sequences */
    static const unsigned char alphabet[] = {'a',  ' ',  '*',  '\\', '.',  '@',  '~',  0x01, 0x1F, 0x7F, 0xC2,
                                             0x85, 0x9F, 0xA0, 0xD8, 0x9C, 0xE2, 0x80, 0x81, 0x8E, 0xA8, 0xAE,
                                             0xA6, 0xA9, 0xC3, 0xA9};
    size_t n = sizeof alphabet;
    char s[5] = {0};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            for (size_t k = 0; k < n; k++) {
                s[0] = (char)alphabet[i];
                s[1] = (char)alphabet[j];
                s[2] = (char)alphabet[k];
                s[3] = 0;
                same_as_reference(&m, s);
                s[3] = 'z';
                same_as_reference(&m, s);
            }
}
END_TEST

Suite *text_classes_suite(void)
{
    Suite *s = suite_create("text_classes");
    TCase *tc = tcase_create("classes");
    tcase_add_test(tc, blank_is_white_space_or_zero_width_only);
    tcase_add_test(tc, unsafe_is_controls_separators_and_bidi);
    tcase_add_test(tc, sanitize_and_text_replace_each_unsafe_character_once);
    tcase_add_test(tc, escapers_copy_safe_runs_as_the_byte_definition_says);
    suite_add_tcase(s, tc);
    return s;
}
