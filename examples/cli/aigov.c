/* aigov: command-line host for libaigov.
 *   aigov eval FILE|- [--as-of YYYY-MM-DD] [--format text|json|markdown|oscal] [--fail-on WHAT]
 *   aigov eval --ndjson FILE|- [--jobs N] [--as-of ...]
 *   aigov rules [--format ...] | aigov schema | aigov explain RULE_ID | aigov --version
 * Exit: 0 nothing failing; 1 prohibited or an in-force gap (see --fail-on);
 * 2 usage or input error. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

static int usage(void)
{
    fputs("usage:\n"
          "  aigov eval FILE|- [--as-of YYYY-MM-DD] [--format text|json|markdown|oscal]\n"
          "                    [--fail-on gap|prohibited|unknown|none]\n"
          "  aigov eval --ndjson FILE|- [--jobs N] [--as-of YYYY-MM-DD] [--format json]\n"
          "  aigov rules [--format text|json|markdown]\n"
          "  aigov schema\n"
          "  aigov explain RULE_ID\n"
          "  aigov --version\n"
          "--as-of defaults to today's date (UTC). Exit codes: 0 ok, 1 failing (prohibited or a gap\n"
          "in force, by default), 2 usage or input error.\n",
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
    fprintf(stderr, "aigov: %s: %s (%s)", what, err->message, cli_code_name(err->code));
    if (err->path[0])
        fprintf(stderr, " at %s", err->path);
    if (err->rule_id[0])
        fprintf(stderr, " in rule %s", err->rule_id);
    fputc('\n', stderr);
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

static int cmd_eval(int argc, char **argv)
{
    const char *file = NULL, *fail_on = "gap";
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    const char *as_of = today;
    int format = AIGOV_FORMAT_TEXT, ndjson = 0, jobs = 1, format_set = 0;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--as-of") == 0 && i + 1 < argc) {
            as_of = argv[++i];
        } else if (strcmp(argv[i], "--format") == 0 && i + 1 < argc) {
            if ((format = parse_format(argv[++i])) < 0)
                return usage();
            format_set = 1;
        } else if (strcmp(argv[i], "--fail-on") == 0 && i + 1 < argc) {
            fail_on = argv[++i];
            if (strcmp(fail_on, "gap") && strcmp(fail_on, "prohibited") &&
                strcmp(fail_on, "unknown") && strcmp(fail_on, "none"))
                return usage();
        } else if (strcmp(argv[i], "--ndjson") == 0) {
            ndjson = 1;
        } else if (strcmp(argv[i], "--jobs") == 0 && i + 1 < argc) {
            jobs = atoi(argv[++i]);
            if (jobs < 1 || jobs > 256)
                return usage();
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return usage();
        } else if (!file) {
            file = argv[i];
        } else {
            return usage();
        }
    }
    if (!file)
        return usage();
    aigov_eval_options opts = AIGOV_EVAL_OPTIONS_INIT;
    opts.as_of = as_of;
    const aigov_table *table = aigov_table_builtin();
    if (ndjson)
        return cli_ndjson(table, file, &opts, jobs, format_set ? format : AIGOV_FORMAT_JSON);

    size_t len;
    char *json = cli_slurp(file, &len);
    if (!json) {
        fprintf(stderr, "aigov: cannot read %s\n", file);
        return 2;
    }
    aigov_ctx *ctx = NULL;
    aigov_error err;
    const aigov_report *rep;
    char *out = NULL;
    size_t systems = 1;
    int rc = aigov_ctx_new(&ctx, table, NULL, &err);
    if (!rc) /* one system, or several under one organisation: all rendered together */
        rc = aigov_eval_render(&out, NULL, ctx, json, len, &opts, format, &err);
    int exit_code = 0;
    if (rc) {
        print_error(file, &err);
        exit_code = 2;
    } else {
        if (format == AIGOV_FORMAT_TEXT)
            print_text(out, isatty(STDOUT_FILENO));
        else
            fputs(out, stdout);
        if (format == AIGOV_FORMAT_JSON || format == AIGOV_FORMAT_OSCAL)
            fputc('\n', stdout);
        for (size_t i = 0; i < systems && rc == 0; i++) {
            rc = aigov_eval_system(&rep, &systems, ctx, json, len, i, &opts, &err);
            if (rc)
                break;
            aigov_summary s;
            aigov_report_summary(&s, rep);
            int tier = aigov_report_tier(rep);
            int failing = 0;
            if (strcmp(fail_on, "none") != 0)
                failing = tier == AIGOV_TIER_PROHIBITED;
            if (strcmp(fail_on, "gap") == 0 || strcmp(fail_on, "unknown") == 0)
                failing |= s.in_force_gaps > 0;
            if (strcmp(fail_on, "unknown") == 0)
                failing |= tier == AIGOV_TIER_UNDETERMINED || s.unknown > 0;
            exit_code |= failing;
        }
        if (rc) {
            print_error(file, &err);
            exit_code = 2;
        }
    }
    aigov_free(out);
    aigov_ctx_free(ctx);
    free(json);
    if (fflush(stdout) != 0)
        return 2;
    return exit_code;
}

static int print_buffer(int rc, char *out, const aigov_error *err, const char *what)
{
    if (rc) {
        print_error(what, err);
        return 2;
    }
    fputs(out, stdout);
    aigov_free(out);
    return fflush(stdout) ? 2 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    const char *cmd = argv[1];
    aigov_error err;
    char *out = NULL;
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        const aigov_table *t = aigov_table_builtin();
        printf("aigov %s (rules %s, %s)\n", aigov_version(), aigov_table_revision(t),
               aigov_table_hash(t));
        return 0;
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
        int ex = print_buffer(rc, out, &err, "rules");
        if (!ex && format == AIGOV_FORMAT_JSON)
            putchar('\n');
        return ex;
    }
    if (strcmp(cmd, "schema") == 0 && argc == 2) {
        int rc = aigov_table_descriptor_schema(&out, NULL, aigov_table_builtin(), &err);
        return print_buffer(rc, out, &err, "schema");
    }
    if (strcmp(cmd, "explain") == 0 && argc == 3) {
        int rc = aigov_table_explain(&out, NULL, aigov_table_builtin(), argv[2], &err);
        return print_buffer(rc, out, &err, "explain");
    }
    return usage();
}
