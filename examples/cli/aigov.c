/* aigov: command-line host for libaigov.
 *   aigov eval FILE|- [--as-of YYYY-MM-DD] [--format text|json|markdown|oscal] [--fail-on WHAT]
 *   aigov eval --ndjson FILE|- [--jobs N] [--as-of ...] [--fail-on WHAT]
 *   aigov rules [--format ...] | aigov schema | aigov explain RULE_ID | aigov --version
 * Exit: 0 nothing failing; 1 prohibited or an in-force gap of the AI Act (see --fail-on;
 *       ISO/IEC 42001 gaps only with --fail-on WHAT+iso42001);
 * 2 usage, input, read or write error. A batch exits with the worst status
 * any of its lines would have given alone. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

static int usage(void)
{
    fputs("usage:\n"
          "  aigov eval FILE|- [--as-of YYYY-MM-DD] [--format text|json|markdown|oscal]\n"
          "                    [--fail-on gap|prohibited|unknown|none[+iso42001]]\n"
          "  aigov eval --ndjson FILE|- [--jobs N] [--as-of YYYY-MM-DD] [--format json|oscal]\n"
          "                    [--fail-on gap|prohibited|unknown|none[+iso42001]]\n"
          "  aigov rules [--format text|json|markdown]\n"
          "  aigov schema\n"
          "  aigov explain RULE_ID\n"
          "  aigov --version\n"
          "--as-of defaults to today's date (UTC). Exit codes: 0 ok, 1 failing (prohibited or a gap\n"
          "in force, by default), 2 usage, input or read error; a batch: the worst of its lines.\n",
          stderr);
    return 2;
}

static int parse_format(const char *s)
{
    if (strcmp(s, "json") == 0)
        return AIGOV_FORMAT_JSON;
    if (strcmp(s, "text") == 0)
        return AIGOV_FORMAT_TEXT;
    if (strcmp(s, "markdown") == 0 || strcmp(s, "md") == 0)
        return AIGOV_FORMAT_MARKDOWN;
    if (strcmp(s, "oscal") == 0) /* NIST OSCAL assessment results: eval only */
        return AIGOV_FORMAT_OSCAL;
    return -1;
}

static void print_error(const char *what, const aigov_error *err)
{
    char at[AIGOV_ERROR_PATH_MAX + 4 + sizeof err->rule_id + 9] = "";
    if (err->path[0])
        snprintf(at, sizeof at, " at %s", err->path);
    if (err->rule_id[0])
        snprintf(at + strlen(at), sizeof at - strlen(at), " in rule %s", err->rule_id);
    cli_warn("%s: %s (%s)%s", what, err->message, cli_code_name(err->code), at);
}

/* Standard output must have reached its file: a full disk or a closed pipe is
 * an error, not a pass. */
static int finish(int exit_code)
{
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_warn("cannot write standard output: %s", strerror(errno));
        return 2;
    }
    return exit_code;
}

/* Status words in colour when a person is watching. */
static void print_text(const char *s, int colour)
{
    if (!colour) {
        fputs(s, stdout);
        return;
    }
    static const struct { const char *word, *code; } w[] = {
        {"  gap ", "\033[31m"}, {"  met ", "\033[32m"}, {"  unknown ", "\033[33m"}};
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s + 1) : strlen(s);
        int done = 0;
        for (size_t k = 0; k < 3 && !done; k++) {
            size_t wl = strlen(w[k].word);
            if (n > wl && strncmp(s, w[k].word, wl) == 0) {
                printf("  %s%.*s\033[0m%.*s", w[k].code, (int)(wl - 3), s + 2, (int)(n - wl + 1),
                       s + wl - 1);
                done = 1;
            }
        }
        if (!done)
            fwrite(s, 1, n, stdout);
        s += n;
    }
}

/* WHAT, or WHAT+iso42001: ISO/IEC 42001 gaps and unknowns fail the gate only when asked. */
static int parse_fail_on(const char *s)
{
    static const struct { const char *name; int fail_on; } w[] = {
        {"gap", AIGOV_FAIL_ON_GAP}, {"prohibited", AIGOV_FAIL_ON_PROHIBITED},
        {"unknown", AIGOV_FAIL_ON_UNKNOWN}, {"none", AIGOV_FAIL_ON_NONE}};
    static const char iso[] = "+iso42001";
    size_t n = strlen(s), ni = sizeof iso - 1;
    int with_iso = n > ni && strcmp(s + n - ni, iso) == 0;
    if (with_iso)
        n -= ni;
    for (size_t k = 0; k < sizeof w / sizeof w[0]; k++)
        if (strlen(w[k].name) == n && strncmp(s, w[k].name, n) == 0)
            return w[k].fail_on | (with_iso ? AIGOV_FAIL_ON_ISO42001 : 0);
    return -1;
}

/* The library is the judge of its options: an empty document is refused for
 * its options (EINVAL) before it is refused for being empty. */
static int options_ok(const aigov_table *table, const aigov_eval_options *opts)
{
    aigov_ctx *ctx;
    aigov_error err;
    const aigov_report *rep;
    if (aigov_ctx_new(&ctx, table, NULL, &err)) {
        print_error("eval", &err);
        return 0;
    }
    int rc = aigov_eval(&rep, ctx, "", 0, opts, &err);
    aigov_ctx_free(ctx);
    if (rc == AIGOV_EINVAL)
        cli_warn("--as-of %s: %s", opts->as_of, err.message);
    else if (rc == AIGOV_ENOMEM)
        print_error("eval", &err);
    return rc != AIGOV_EINVAL && rc != AIGOV_ENOMEM;
}

/* Reads one whole descriptor, at most the input limit, whatever the file is. */
static char *read_input(const char *file, size_t limit, size_t *len)
{
    const char *name = cli_name(file);
    int fd = cli_open(file);
    if (fd < 0) {
        cli_warn("cannot open %s: %s", name, strerror(errno));
        return NULL;
    }
    char *json;
    int err_no = 0;
    int rc = cli_read_all(fd, limit, &json, len, &err_no);
    if (fd != STDIN_FILENO)
        close(fd);
    if (rc == CLI_READ_LIMIT)
        cli_warn("%s: more than %zu bytes, the input limit; stopped reading there (AIGOV_ELIMIT)",
                 name, limit);
    else if (rc == CLI_READ_NOMEM)
        cli_warn("cannot read %s: out of memory", name);
    else if (rc == CLI_READ_ERROR)
        cli_warn("cannot read %s: %s", name, strerror(err_no));
    return rc == CLI_READ_OK ? json : NULL;
}

static int cmd_eval(int argc, char **argv)
{
    const char *file = NULL;
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    const char *as_of = today;
    int format = AIGOV_FORMAT_TEXT, ndjson = 0, jobs = 1, format_set = 0, fail_on = AIGOV_FAIL_ON_GAP;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
            as_of = argv[++i];
        } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            if ((format = parse_format(argv[++i])) < 0)
                return usage();
            format_set = 1;
        } else if (strcmp(argv[i], "--fail-on") == 0 && i + 1 < argc) {
            if ((fail_on = parse_fail_on(argv[++i])) < 0)
                return usage();
        } else if (strcmp(argv[i], "--ndjson") == 0) {
            ndjson = 1;
        } else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc) {
            char *end;
            long j = strtol(argv[++i], &end, 10);
            if (end == argv[i] || *end || j < 1 || j > 256)
                return usage();
            jobs = (int)j;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage();
        } else if (!file) {
            file = argv[i];
        } else {
            return usage();
        }
    }
    /* a batch writes one line per input line: only the compact formats keep that */
    if (!file || (ndjson && format_set && format != AIGOV_FORMAT_JSON && format != AIGOV_FORMAT_OSCAL))
        return usage();
    aigov_eval_options opts = AIGOV_EVAL_OPTIONS_INIT;
    opts.as_of = as_of;
    const aigov_table *table = aigov_table_builtin();
    if (!options_ok(table, &opts))
        return 2;
    if (ndjson)
        return finish(cli_ndjson(table, file, &opts, jobs, format_set ? format : AIGOV_FORMAT_JSON,
                                 fail_on));

    size_t len;
    char *json = read_input(file, AIGOV_DEFAULT_MAX_INPUT, &len);
    if (!json)
        return 2;
    aigov_ctx *ctx = NULL;
    aigov_error err;
    char *out = NULL;
    aigov_verdict v = {0};
    int rc = aigov_ctx_new(&ctx, table, NULL, &err);
    if (!rc) /* one system, or several under one organisation: rendered and judged together */
        rc = aigov_eval_verdict(&v, &out, NULL, ctx, json, len, &opts, format, fail_on, &err);
    if (rc) {
        print_error(cli_name(file), &err);
    } else {
        if (format == AIGOV_FORMAT_TEXT)
            print_text(out, isatty(STDOUT_FILENO));
        else
            fputs(out, stdout);
        if (format == AIGOV_FORMAT_JSON || format == AIGOV_FORMAT_OSCAL)
            fputc('\n', stdout);
    }
    aigov_free(out);
    aigov_ctx_free(ctx);
    free(json);
    return finish(rc ? 2 : v.failing);
}

static int print_buffer(int rc, char *out, const aigov_error *err, const char *what, int newline)
{
    if (rc) {
        print_error(what, err);
        return 2;
    }
    fputs(out, stdout);
    if (newline)
        fputc('\n', stdout);
    aigov_free(out);
    return finish(0);
}

int main(int argc, char **argv)
{
#ifdef AIGOV_CLI_TEST_HOOKS
    cli_test_hooks_install();
#endif
    if (argc < 2)
        return usage();
    const char *cmd = argv[1];
    aigov_error err;
    char *out = NULL;
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        const aigov_table *t = aigov_table_builtin();
        printf("aigov %s (rules %s, %s)\n", aigov_version(), aigov_table_revision(t),
               aigov_table_hash(t));
        return finish(0);
    }
    if (strcmp(cmd, "eval") == 0)
        return cmd_eval(argc, argv);
    if (strcmp(cmd, "rules") == 0) {
        int format = AIGOV_FORMAT_TEXT;
        if (argc == 4 && strcmp(argv[2], "--format") == 0)
            format = parse_format(argv[3]);
        else if (argc != 2)
            return usage();
        if (format < 0 || format == AIGOV_FORMAT_OSCAL)
            return usage();
        int rc = aigov_table_render_rules(&out, NULL, aigov_table_builtin(), format, &err);
        return print_buffer(rc, out, &err, "rules", format == AIGOV_FORMAT_JSON);
    }
    if (strcmp(cmd, "schema") == 0 && argc == 2) {
        int rc = aigov_table_descriptor_schema(&out, NULL, aigov_table_builtin(), &err);
        return print_buffer(rc, out, &err, "schema", 0);
    }
    if (strcmp(cmd, "explain") == 0 && argc == 3) {
        int rc = aigov_table_explain(&out, NULL, aigov_table_builtin(), argv[2], &err);
        return print_buffer(rc, out, &err, "explain", 0);
    }
    return usage();
}
