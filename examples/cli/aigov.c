/* aigov: command-line host for libaigov.
 *   aigov eval [OPTIONS] FILE|DIR|-...     (aigov eval --help)
 *   aigov eval --ndjson [OPTIONS] FILE|-
 *   aigov ask [FILE] [-o OUT] [--answers FILE] [--report FILE]   (examples/cli/ask.c)
 *   aigov rules [--format=...] | aigov schema | aigov explain RULE_ID | aigov --version
 * Options follow the GNU conventions (getopt_long): --opt=value or --opt
 * value, anywhere among the operands; --help on standard output, exit 0.
 * Exit: 0 nothing failing; 1 prohibited or an in-force gap of the AI Act (see --fail-on;
 *       ISO/IEC 42001 gaps only with --fail-on=WHAT+iso42001);
 * 2 usage, input, read or write error. Several inputs, or a batch, exit with
 * the worst status any one would have given alone. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "cli.h"

static const char usage_text[] =
    "usage: aigov COMMAND [OPTIONS] [ARGS]\n"
    "  aigov eval FILE|DIR|-...    evaluate descriptors (a directory: every *.json in it)\n"
    "  aigov eval --ndjson FILE|-  evaluate one descriptor per line\n"
    "  aigov ask [FILE]            build a descriptor by answering the engine's open questions\n"
    "  aigov rules                 list the rule catalogue (--format=oscal: an OSCAL catalog)\n"
    "  aigov schema                print the descriptor's JSON Schema\n"
    "  aigov explain RULE_ID       explain one rule\n"
    "  aigov --version\n"
    "Run 'aigov COMMAND --help' for a command's options.\n";

static const char eval_help[] =
    "usage: aigov eval [OPTIONS] FILE|DIR|-...\n"
    "       aigov eval --ndjson [OPTIONS] FILE|-\n"
    "Evaluates each descriptor (a directory: every *.json file directly in it, in name order;\n"
    "'-': standard input) and prints its report. Several inputs are one run: text and markdown\n"
    "reports follow each other under the file's name, json and oscal print one document per\n"
    "line, sarif and junit one document for all; html and soa-csv take one input.\n"
    "Options:\n"
    "  -a, --as-of=YYYY-MM-DD     the date to judge at (default: today, UTC)\n"
    "  -f, --format=FORMAT        text (default), json, markdown, oscal, sarif, junit, html,\n"
    "                             soa-csv (the ISO/IEC 42001 Statement of Applicability as CSV)\n"
    "      --fail-on=WHAT         what makes the exit status 1:\n"
    "                               prohibited  a system classified prohibited\n"
    "                               gap         ... or a gap in a rule in force (default)\n"
    "                               unknown     ... or what could still change that verdict: an\n"
    "                                           undetermined tier, or a rule in force whose status\n"
    "                                           is unknown (unknowns of rules not yet in force do\n"
    "                                           not count)\n"
    "                               none        never\n"
    "                             The gate is the AI Act's: add +iso42001 (e.g. gap+iso42001) to\n"
    "                             fail on ISO/IEC 42001 gaps and unknowns too\n"
    "      --only=gaps|in-force   list only the gaps, or only the rules in force (the summary,\n"
    "                             readiness and exit status still count every rule)\n"
    "      --framework=eu|iso     report, count and judge one framework only (the EU AI Act or\n"
    "                             ISO/IEC 42001; the table's ids eu_ai_act, iso42001 work too)\n"
    "      --full                 with --format=json: the full report, each rule's title, citation,\n"
    "                             evidence titles, crosswalk and question texts repeated (the default\n"
    "                             compact report names rules by id: 'aigov rules --format=json' has\n"
    "                             the rest)\n"
    "      --ndjson               the input holds one descriptor per line; one output line each\n"
    "  -j, --jobs=N               threads for --ndjson (1-256, default 1)\n"
    "  -h, --help                 this help\n"
    "Exit status: 0 nothing failing, 1 failing (see --fail-on), 2 usage, input, read or write\n"
    "error; several inputs or lines: the worst of them.\n";

static const char rules_help[] =
    "usage: aigov rules [--format=text|json|markdown|oscal]\n"
    "Prints the rule catalogue: id, citation, title, applies-from and kind of every rule.\n"
    "--format=oscal prints it as an OSCAL 1.1.2 catalog (one control per rule), the catalog\n"
    "that 'aigov eval --format=oscal' assessment results refer to.\n";

static const char schema_help[] =
    "usage: aigov schema\nPrints the JSON Schema (2020-12) of the descriptor the rules read.\n";

static const char explain_help[] =
    "usage: aigov explain RULE_ID\n"
    "Prints one rule: citation, title, dates, its condition written out, the facts it reads and\n"
    "the evidence it needs.\n";

static int usage_error(const char *cmd)
{
    fprintf(stderr, "Try 'aigov %s%s--help'.\n", cmd ? cmd : "", cmd ? " " : "");
    return 2;
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

static int help(const char *text)
{
    fputs(text, stdout);
    return finish(0);
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

typedef struct word { const char *name; int value; } word;

/* The value of `s` among words, or -1 after naming the option and the choices. */
static int pick(const char *option, const char *s, const word *w, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (strcmp(s, w[k].name) == 0)
            return w[k].value;
    char choices[160] = "";
    for (size_t k = 0; k < n; k++)
        if (!k || w[k].value != w[k - 1].value) /* aliases (md) are not repeated */
            snprintf(choices + strlen(choices), sizeof choices - strlen(choices), "%s%s", k ? ", " : "",
                     w[k].name);
    cli_warn("--%s: '%s' is not one of: %s", option, s, choices);
    return -1;
}

static const word formats[] = {
    {"text", AIGOV_FORMAT_TEXT},   {"json", AIGOV_FORMAT_JSON},   {"markdown", AIGOV_FORMAT_MARKDOWN},
    {"md", AIGOV_FORMAT_MARKDOWN}, {"oscal", AIGOV_FORMAT_OSCAL}, {"sarif", AIGOV_FORMAT_SARIF},
    {"junit", AIGOV_FORMAT_JUNIT}, {"html", AIGOV_FORMAT_HTML},   {"soa-csv", AIGOV_FORMAT_SOA_CSV}};
static const word fail_ons[] = {{"gap", AIGOV_FAIL_ON_GAP},
                                {"prohibited", AIGOV_FAIL_ON_PROHIBITED},
                                {"unknown", AIGOV_FAIL_ON_UNKNOWN},
                                {"none", AIGOV_FAIL_ON_NONE}};

/* WHAT, or WHAT+iso42001: the gate is the AI Act's, and ISO/IEC 42001 gaps and
 * unknowns fail it only when asked. -1 after naming the choices. */
static int parse_fail_on(const char *s)
{
    static const char iso[] = "+iso42001";
    size_t n = strlen(s), ni = sizeof iso - 1;
    int with_iso = n > ni && strcmp(s + n - ni, iso) == 0;
    char level[32];
    if (with_iso && n - ni < sizeof level) {
        memcpy(level, s, n - ni);
        level[n - ni] = '\0';
        s = level;
    }
    int v = pick("fail-on", s, fail_ons, sizeof fail_ons / sizeof *fail_ons);
    return v < 0 ? v : v | (with_iso ? AIGOV_FAIL_ON_ISO42001 : 0);
}
static const word onlys[] = {{"gaps", AIGOV_ONLY_GAPS}, {"in-force", AIGOV_ONLY_IN_FORCE}};
static const char *const framework_ids[] = {"eu_ai_act", "iso42001"};
static const word frameworks[] = {{"eu", 0}, {"eu_ai_act", 0}, {"iso", 1}, {"iso42001", 1}};

/* getopt_long's complaint, in our words: the unknown option named, or the
 * option whose value is missing. */
static int bad_option(const char *cmd, char **argv, int c)
{
    const char *arg = argv[optind - 1];
    if (c == ':')
        cli_warn("%s: option '%s' needs a value", cmd, arg);
    else if (optopt)
        cli_warn("%s: unknown option '-%c'", cmd, optopt);
    else
        cli_warn("%s: unknown option '%.*s'", cmd, (int)strcspn(arg, "="), arg);
    return usage_error(cmd);
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
    /* the date first, alone, so that its refusal names --as-of */
    aigov_eval_options date_only = AIGOV_EVAL_OPTIONS_INIT;
    date_only.as_of = opts->as_of;
    int rc = aigov_eval(&rep, ctx, "", 0, &date_only, &err);
    if (rc == AIGOV_EINVAL)
        cli_warn("--as-of %s: %s", opts->as_of, err.message);
    else if (rc != AIGOV_ENOMEM && (rc = aigov_eval(&rep, ctx, "", 0, opts, &err)) == AIGOV_EINVAL)
        cli_warn("eval: %s", err.message);
    if (rc == AIGOV_ENOMEM)
        print_error("eval", &err);
    aigov_ctx_free(ctx);
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

/* Evaluates one descriptor file into `combine`; returns its exit status. */
static int eval_one(const aigov_table *table, const char *file, aigov_eval_options *opts, int format,
                    int fail_on, cli_combine *combine)
{
    size_t len;
    char *json = read_input(file, AIGOV_DEFAULT_MAX_INPUT, &len);
    if (!json)
        return 2;
    aigov_ctx *ctx = NULL;
    aigov_error err;
    char *out = NULL;
    aigov_verdict v = {0};
    opts->source_name = strcmp(file, "-") == 0 ? NULL : file; /* where SARIF and JUnit point */
    int rc = aigov_ctx_new(&ctx, table, NULL, &err);
    if (!rc) /* one system, or several under one organisation: rendered and judged together */
        rc = aigov_eval_verdict(&v, &out, NULL, ctx, json, len, opts, format, fail_on, &err);
    if (rc)
        print_error(cli_name(file), &err);
    else if (format == AIGOV_FORMAT_TEXT && combine->inputs == 1)
        print_text(out, cli_io_table.isatty_fn(STDOUT_FILENO));
    else
        cli_combine_add(combine, cli_name(file), out);
    aigov_free(out);
    aigov_ctx_free(ctx);
    free(json);
    return rc ? 2 : v.failing;
}

static int cmd_eval(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"as-of", required_argument, NULL, 'a'},   {"format", required_argument, NULL, 'f'},
        {"fail-on", required_argument, NULL, 'F'}, {"only", required_argument, NULL, 'o'},
        {"framework", required_argument, NULL, 'w'}, {"ndjson", no_argument, NULL, 'n'},
        {"jobs", required_argument, NULL, 'j'},    {"help", no_argument, NULL, 'h'},
        {"full", no_argument, NULL, 'u'},          {NULL, 0, NULL, 0}};
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    aigov_eval_options opts = AIGOV_EVAL_OPTIONS_INIT;
    opts.as_of = today;
    int format = AIGOV_FORMAT_TEXT, ndjson = 0, jobs = 1, format_set = 0, fail_on = AIGOV_FAIL_ON_GAP, c;
    int full = 0;
    opterr = 0;
    optind = 0; /* glibc: 0 restarts getopt_long (cli_main may run again) */
    while ((c = getopt_long(argc, argv, ":a:f:j:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'a': opts.as_of = optarg; break;
        case 'f':
            if ((format = pick("format", optarg, formats, sizeof formats / sizeof *formats)) < 0)
                return usage_error("eval");
            format_set = 1;
            break;
        case 'F':
            if ((fail_on = parse_fail_on(optarg)) < 0)
                return usage_error("eval");
            break;
        case 'o':
            if ((opts.only = pick("only", optarg, onlys, sizeof onlys / sizeof *onlys)) < 0)
                return usage_error("eval");
            break;
        case 'w': {
            int k = pick("framework", optarg, frameworks, sizeof frameworks / sizeof *frameworks);
            if (k < 0)
                return usage_error("eval");
            opts.framework = framework_ids[k];
            break;
        }
        case 'n': ndjson = 1; break;
        case 'u': full = 1; break;
        case 'j': {
            char *end;
            long j = strtol(optarg, &end, 10);
            if (end == optarg || *end || j < 1 || j > 256) {
                cli_warn("eval: --jobs: '%s' is not a number from 1 to 256", optarg);
                return usage_error("eval");
            }
            jobs = (int)j;
            break;
        }
        case 'h': return help(eval_help);
        default: return bad_option("eval", argv, c);
        }
    }
    int inputs = argc - optind;
    if (inputs < 1) {
        cli_warn("eval: no descriptor given (a file, a directory or '-')");
        return usage_error("eval");
    }
    /* a batch writes one line per input line: only the compact formats keep that */
    if (ndjson && (inputs != 1 || (format_set && format != AIGOV_FORMAT_JSON && format != AIGOV_FORMAT_OSCAL))) {
        cli_warn("eval: --ndjson reads one input and writes json or oscal lines");
        return usage_error("eval");
    }
    if (ndjson && !format_set)
        format = AIGOV_FORMAT_JSON;
    if (full && format != AIGOV_FORMAT_JSON) {
        cli_warn("eval: --full is for the JSON report (--format=json); the other formats are whole");
        return usage_error("eval");
    }
    const aigov_table *table = aigov_table_builtin();
    if (!options_ok(table, &opts))
        return 2;
    int render = format | (full ? AIGOV_RENDER_FULL : 0); /* what the library renders */
    if (ndjson)
        return finish(cli_ndjson(table, argv[optind], &opts, jobs, render, fail_on));
    cli_inputs files;
    int worst = cli_inputs_expand(&files, argv + optind, (size_t)inputs);
    if ((format == AIGOV_FORMAT_HTML || format == AIGOV_FORMAT_SOA_CSV) && files.n > 1) {
        cli_warn("eval: --format=%s renders one descriptor; %zu given",
                 format == AIGOV_FORMAT_HTML ? "html" : "soa-csv", files.n);
        cli_inputs_free(&files);
        return usage_error("eval");
    }
    cli_combine combine;
    cli_combine_init(&combine, format, files.n);
    for (size_t k = 0; k < files.n; k++) {
        int rc = eval_one(table, files.path[k], &opts, render, fail_on, &combine);
        if (rc > worst)
            worst = rc;
    }
    cli_combine_end(&combine);
    cli_inputs_free(&files);
    return finish(worst);
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

/* A command that takes only --help (and, for rules, --format): `nargs`
 * operands exactly. Returns -1 to go on, else the exit status. */
static int simple_options(int argc, char **argv, const char *cmd, const char *help_text, int *format, int nargs)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;
    opterr = 0;
    optind = 0; /* glibc: 0 restarts getopt_long (cli_main may run again) */
    while ((c = getopt_long(argc, argv, format ? ":f:h" : ":h", format ? longopts : longopts + 1, NULL)) != -1) {
        if (c == 'h')
            return help(help_text);
        if (c == 'f' && format) {
            *format = pick("format", optarg, formats, sizeof formats / sizeof *formats);
            if (*format < 0 || (*format != AIGOV_FORMAT_TEXT && *format != AIGOV_FORMAT_JSON &&
                                *format != AIGOV_FORMAT_MARKDOWN && *format != AIGOV_FORMAT_OSCAL)) {
                if (*format >= 0)
                    cli_warn("%s: --format=%s is for reports; the catalogue is text, json, markdown or oscal",
                             cmd, optarg);
                return usage_error(cmd);
            }
            continue;
        }
        return bad_option(cmd, argv, c);
    }
    if (argc - optind != nargs) {
        cli_warn("%s: %s", cmd, nargs ? "one rule id expected" : "no operand expected");
        return usage_error(cmd);
    }
    return -1;
}

int cli_main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    aigov_error err;
    char *out = NULL;
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0)
        return help(usage_text);
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        const aigov_table *t = aigov_table_builtin();
        printf("aigov %s (rules %s, %s)\n", aigov_version(), aigov_table_revision(t),
               aigov_table_hash(t));
        return finish(0);
    }
    /* each command parses its own options: argv[1] is its argv[0] */
    argc--;
    argv++;
    if (strcmp(cmd, "eval") == 0)
        return cmd_eval(argc, argv);
    if (strcmp(cmd, "ask") == 0) /* the questionnaire: examples/cli/ask.c */
        return cli_ask(argc, argv);
    int rc, format = AIGOV_FORMAT_TEXT;
    if (strcmp(cmd, "rules") == 0) {
        if ((rc = simple_options(argc, argv, cmd, rules_help, &format, 0)) >= 0)
            return rc;
        rc = aigov_table_render_rules(&out, NULL, aigov_table_builtin(), format, &err);
        return print_buffer(rc, out, &err, "rules", format == AIGOV_FORMAT_JSON || format == AIGOV_FORMAT_OSCAL);
    }
    if (strcmp(cmd, "schema") == 0) {
        if ((rc = simple_options(argc, argv, cmd, schema_help, NULL, 0)) >= 0)
            return rc;
        rc = aigov_table_descriptor_schema(&out, NULL, aigov_table_builtin(), &err);
        return print_buffer(rc, out, &err, "schema", 0);
    }
    if (strcmp(cmd, "explain") == 0) {
        if ((rc = simple_options(argc, argv, cmd, explain_help, NULL, 1)) >= 0)
            return rc;
        rc = aigov_table_explain(&out, NULL, aigov_table_builtin(), argv[optind], &err);
        return print_buffer(rc, out, &err, "explain", 0);
    }
    cli_warn("unknown command '%s'", cmd);
    fputs(usage_text, stderr);
    return 2;
}
