/* aigov ask: a questionnaire that builds a descriptor from the engine's own
 * open questions. The library decides what to ask, in which order, why it
 * matters and what it accepts (aigov_report_question_info); this host only
 * turns a typed line into the JSON value of the fact's type, puts it at the
 * fact's path and lets the library judge the result (a value it refuses is
 * taken back and the question asked again).
 *
 *   aigov ask [FILE] [-o OUT] [--answers FILE] [--report FILE]
 *             [--format text|json|markdown] [--as-of YYYY-MM-DD]
 *
 * FILE is a partial descriptor to resume from (none: start empty); the
 * descriptor is written to OUT (default FILE) after every accepted answer,
 * so an interrupted session resumes where it stopped. Answers come one per
 * line from standard input or --answers; "?" is "I don't know" (the fact
 * stays unknown and is not asked again this session), "q" stops. The session
 * ends when no open question can change the tier, the GPAI class or a rule
 * in force at the as-of date. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <cjson/cJSON.h>
#include "cli.h"

#define ASK_LINE_MAX 4096

typedef struct ask_session {
    const aigov_table *table;
    aigov_ctx *ctx;
    aigov_eval_options opts;
    cJSON *doc;                 /* the descriptor being built */
    const aigov_report *rep;    /* the last evaluation of doc */
    const char **skipped;       /* facts answered "I don't know" (table-owned strings) */
    size_t n_skipped;
    cli_lines *in;
    int echo;                   /* answers from a file: show them in the transcript */
    const char *out_path;
    size_t asked, answered;
} ask_session;

static const char ask_help[] =
    "usage: aigov ask [OPTIONS] [FILE]\n"
    "Builds a descriptor by answering the engine's open questions, the one that matters most\n"
    "first (tier, then GPAI class, roles, dates and duties); '?' answers 'I don't know' (the fact\n"
    "stays unknown), 'q' stops. FILE: a partial descriptor to resume from.\n"
    "Options:\n"
    "  -o, --output=OUT           where the descriptor is written (default: FILE; one is needed)\n"
    "      --answers=FILE         read the answers from FILE, one a line, instead of the terminal\n"
    "      --report=FILE          write the final report there\n"
    "  -f, --format=FORMAT        the report's format: text (default), json, markdown\n"
    "  -a, --as-of=YYYY-MM-DD     the date to judge at (default: today, UTC)\n"
    "  -h, --help                 this help\n";

static int ask_usage(void)
{
    fputs("usage: aigov ask [OPTIONS] [FILE]\nTry 'aigov ask --help'.\n", stderr);
    return 2;
}

static void ask_error(const char *what, const aigov_error *err)
{
    if (err->path[0])
        cli_warn("%s: %s (%s) at %s", what, err->message, cli_code_name(err->code), err->path);
    else
        cli_warn("%s: %s (%s)", what, err->message, cli_code_name(err->code));
}

/* ---- the descriptor ------------------------------------------------------------ */

/* Evaluates the descriptor as it stands; the report stays in s->ctx. */
static int evaluate(ask_session *s, aigov_error *err)
{
    char *json = cJSON_PrintUnformatted(s->doc);
    if (!json) {
        err->code = AIGOV_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
        err->path[0] = '\0';
        return AIGOV_ENOMEM;
    }
    int rc = aigov_eval(&s->rep, s->ctx, json, strlen(json), &s->opts, err);
    cJSON_free(json);
    if (rc)
        s->rep = NULL;
    return rc;
}

/* The object that holds the fact's last key (*leaf), created on the way
 * when `create`; NULL when a key is too long or an object is missing. */
static cJSON *parent_of(cJSON *doc, const char *fact, int create, char *leaf, size_t cap)
{
    cJSON *obj = doc;
    const char *p = fact;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        if (n >= cap)
            return NULL;
        memcpy(leaf, p, n);
        leaf[n] = '\0';
        if (!dot)
            return obj;
        cJSON *child = cJSON_GetObjectItemCaseSensitive(obj, leaf);
        if (!child || !cJSON_IsObject(child)) {
            if (!create)
                return NULL;
            if (child) /* null (unknown): the library refuses any other non-object */
                cJSON_DeleteItemFromObjectCaseSensitive(obj, leaf);
            child = cJSON_AddObjectToObject(obj, leaf);
            if (!child)
                return NULL;
        }
        obj = child;
        p = dot + 1;
    }
}

/* Puts `value` at the fact's dotted path, creating the objects on the way.
 * The previous value (or NULL) is handed back in *old so it can be restored.
 * On failure `value` is still the caller's. */
static int put_fact(cJSON *doc, const char *fact, cJSON *value, cJSON **old)
{
    char key[256];
    *old = NULL;
    cJSON *obj = parent_of(doc, fact, 1, key, sizeof key);
    if (!obj)
        return -1;
    cJSON *child = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (child)
        *old = cJSON_DetachItemViaPointer(obj, child);
    if (!cJSON_AddItemToObject(obj, key, value)) {
        if (*old)
            cJSON_AddItemToObject(obj, key, *old);
        *old = NULL;
        return -1;
    }
    return 0;
}

/* Takes a refused answer back out, restoring what was there. */
static void take_back(cJSON *doc, const char *fact, cJSON *old)
{
    char key[256];
    cJSON *obj = parent_of(doc, fact, 0, key, sizeof key);
    if (obj)
        cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
    if (obj && old)
        cJSON_AddItemToObject(obj, key, old);
    else
        cJSON_Delete(old);
}

/* Writes v as JSON indented by two spaces, arrays of scalars on one line
 * (the style of the bundled examples). Scalars are cJSON's own rendering. */
static int print_json(FILE *f, const cJSON *v, int depth)
{
    int ok = 1;
    if (cJSON_IsObject(v) || (cJSON_IsArray(v) && v->child && (cJSON_IsObject(v->child) || cJSON_IsArray(v->child)))) {
        int obj = cJSON_IsObject(v);
        if (!v->child)
            return fputs(obj ? "{}" : "[]", f) >= 0;
        ok &= fputs(obj ? "{\n" : "[\n", f) >= 0;
        for (const cJSON *c = v->child; c; c = c->next) {
            ok &= fprintf(f, "%*s", 2 * (depth + 1), "") >= 0;
            if (obj) {
                cJSON key = {0};
                key.type = cJSON_String;
                key.valuestring = c->string;
                ok &= print_json(f, &key, depth + 1);
                ok &= fputs(": ", f) >= 0;
            }
            ok &= print_json(f, c, depth + 1);
            ok &= fputs(c->next ? ",\n" : "\n", f) >= 0;
        }
        ok &= fprintf(f, "%*s%s", 2 * depth, "", obj ? "}" : "]") >= 0;
        return ok;
    }
    if (cJSON_IsArray(v)) {
        ok &= fputc('[', f) != EOF;
        for (const cJSON *c = v->child; c; c = c->next) {
            ok &= print_json(f, c, depth + 1);
            if (c->next)
                ok &= fputs(", ", f) >= 0;
        }
        return ok && fputc(']', f) != EOF;
    }
    char *text = cJSON_PrintUnformatted(v);
    if (!text)
        return 0;
    ok = fputs(text, f) >= 0;
    cJSON_free(text);
    return ok;
}

/* Writes the descriptor: to a temporary file first, so a failed write never
 * destroys the previous one. */
static int write_descriptor(const ask_session *s)
{
    size_t n = strlen(s->out_path) + 8;
    char *tmp = malloc(n);
    int ok = 0;
    if (tmp) {
        snprintf(tmp, n, "%s.tmp~", s->out_path);
        FILE *f = cli_io_table.fopen_fn(tmp, "w");
        if (f) {
            ok = print_json(f, s->doc, 0) && fputc('\n', f) != EOF;
            ok = (fclose(f) == 0) && ok;
            ok = ok && cli_io_table.rename_fn(tmp, s->out_path) == 0;
            if (!ok)
                cli_io_table.remove_fn(tmp);
        }
    }
    if (!ok)
        cli_warn("cannot write %s: %s", *s->out_path ? s->out_path : "''", strerror(errno));
    free(tmp);
    return ok ? 0 : -1;
}

/* ---- answers --------------------------------------------------------------------- */

/* The values are numbered for the user unless a value itself is a number
 * (Annex III points "2", "4a"...): then only the values are accepted. */
static int values_numbered(const aigov_question_info *q)
{
    for (size_t k = 0; k < q->n_values; k++) {
        const char *v = q->values[k];
        while (*v >= '0' && *v <= '9')
            v++;
        if (!*v)
            return 0;
    }
    return 1;
}

/* One allowed value from a word: the value itself, or its number. */
static const char *pick_value(const aigov_question_info *q, const char *word, size_t len)
{
    for (size_t k = 0; k < q->n_values; k++)
        if (strlen(q->values[k]) == len && strncmp(q->values[k], word, len) == 0)
            return q->values[k];
    if (!values_numbered(q) || len == 0 || len > 3)
        return NULL;
    size_t idx = 0;
    for (size_t i = 0; i < len; i++) {
        if (word[i] < '0' || word[i] > '9')
            return NULL;
        idx = idx * 10 + (size_t)(word[i] - '0');
    }
    return idx >= 1 && idx <= q->n_values ? q->values[idx - 1] : NULL;
}

static const char *skip_space(const char *p)
{
    while (*p == ' ' || *p == '\t')
        p++;
    return p;
}

/* The JSON value of an answer, or NULL with *why saying what was expected. */
static cJSON *answer_value(const aigov_question_info *q, const char *line, const char **why)
{
    const char *a = skip_space(line);
    size_t len = strlen(a);
    while (len && (a[len - 1] == ' ' || a[len - 1] == '\t'))
        len--;
    switch (q->type) {
    case AIGOV_FACT_BOOL: {
        static const char *const yes[] = {"y", "yes", "true"}, *const no[] = {"n", "no", "false"};
        for (int k = 0; k < 3; k++) {
            if (strlen(yes[k]) == len && strncmp(a, yes[k], len) == 0)
                return cJSON_CreateTrue();
            if (strlen(no[k]) == len && strncmp(a, no[k], len) == 0)
                return cJSON_CreateFalse();
        }
        *why = "answer yes or no (y/n)";
        return NULL;
    }
    case AIGOV_FACT_ENUM: {
        const char *v = pick_value(q, a, len);
        if (!v)
            *why = "answer one of the values listed";
        return v ? cJSON_CreateString(v) : NULL;
    }
    case AIGOV_FACT_SET: {
        cJSON *arr = cJSON_CreateArray();
        if (!arr)
            return NULL;
        /* "none" or "[]" is the empty set, unless "none" is itself a value */
        if ((len == 2 && strncmp(a, "[]", 2) == 0) ||
            (len == 4 && strncmp(a, "none", 4) == 0 && !pick_value(q, a, len)))
            return arr;
        const char *p = a, *end = a + len;
        while (p < end) {
            while (p < end && (*p == ',' || *p == ' ' || *p == '\t'))
                p++;
            const char *w = p;
            while (p < end && *p != ',' && *p != ' ' && *p != '\t')
                p++;
            if (p == w)
                break;
            const char *v = pick_value(q, w, (size_t)(p - w));
            int dup = 0;
            for (int k = 0; v && k < cJSON_GetArraySize(arr); k++)
                dup |= strcmp(cJSON_GetArrayItem(arr, k)->valuestring, v) == 0;
            if (!v || (!dup && !cJSON_AddItemToArray(arr, cJSON_CreateString(v)))) {
                *why = "answer values from the list, separated by commas or spaces (\"none\" for none)";
                cJSON_Delete(arr);
                return NULL;
            }
        }
        if (cJSON_GetArraySize(arr) == 0) {
            *why = "answer values from the list, separated by commas or spaces (\"none\" for none)";
            cJSON_Delete(arr);
            return NULL;
        }
        return arr;
    }
    case AIGOV_FACT_NUMBER: {
        char buf[64];
        char *endp;
        if (len == 0 || len >= sizeof buf) {
            *why = "answer a number, e.g. 1e25";
            return NULL;
        }
        memcpy(buf, a, len);
        buf[len] = '\0';
        errno = 0;
        double d = strtod(buf, &endp);
        if (*endp || errno || !isfinite(d)) {
            *why = "answer a number, e.g. 1e25";
            return NULL;
        }
        return cJSON_CreateNumber(d); /* the range is the library's to judge */
    }
    case AIGOV_FACT_DATE:
    case AIGOV_FACT_STRING: {
        if (len == 0) {
            *why = q->type == AIGOV_FACT_DATE ? "answer a date YYYY-MM-DD" : "answer some text";
            return NULL;
        }
        char *text = malloc(len + 1);
        if (!text)
            return NULL;
        memcpy(text, a, len);
        text[len] = '\0';
        cJSON *v = cJSON_CreateString(text);
        free(text);
        return v;
    }
    case AIGOV_FACT_EVIDENCE: {
        /* "STATE [REF]": the state, then an optional reference */
        const char *w = a, *end = a + len;
        while (w < end && *w != ' ' && *w != '\t')
            w++;
        const char *v = pick_value(q, a, (size_t)(w - a));
        if (!v) {
            *why = "answer a state from the list, optionally followed by a reference";
            return NULL;
        }
        cJSON *obj = cJSON_CreateObject();
        if (!obj || !cJSON_AddStringToObject(obj, "state", v)) {
            cJSON_Delete(obj);
            return NULL;
        }
        w = skip_space(w);
        if (w < end) {
            char *ref = malloc((size_t)(end - w) + 1);
            if (!ref) {
                cJSON_Delete(obj);
                return NULL;
            }
            memcpy(ref, w, (size_t)(end - w));
            ref[end - w] = '\0';
            cJSON *r = cJSON_AddStringToObject(obj, "ref", ref);
            free(ref);
            if (!r) {
                cJSON_Delete(obj);
                return NULL;
            }
        }
        return obj;
    }
    default:
        *why = "this question's type is not known to this program";
        return NULL;
    }
}

/* ---- asking -------------------------------------------------------------------------- */

static int is_skipped(const ask_session *s, const char *fact)
{
    for (size_t k = 0; k < s->n_skipped; k++)
        if (strcmp(s->skipped[k], fact) == 0)
            return 1;
    return 0;
}

/* The next question worth asking: the first in the library's order that can
 * still change the tier, the GPAI class or a rule in force, and was not
 * answered "I don't know". SIZE_MAX when none is left. */
static size_t next_question(const ask_session *s, aigov_question_info *q)
{
    size_t n = aigov_report_question_count(s->rep);
    for (size_t i = 0; i < n; i++) {
        memset(q, 0, sizeof *q);
        q->size = sizeof *q;
        if (aigov_report_question_info(q, s->rep, i) != 0)
            continue;
        if (!q->affects_tier && !q->affects_gpai && q->affected_in_force == 0)
            continue;
        if (!is_skipped(s, q->fact))
            return i;
    }
    return (size_t)-1;
}

/* Why the answer matters, from what the library says it can decide. */
static void print_why(const ask_session *s, size_t index, const aigov_question_info *q)
{
    fputs("    why: ", stdout);
    if (q->affects_tier || q->affects_gpai)
        printf("can decide the %s; ", q->affects_tier && q->affects_gpai ? "risk tier and the GPAI class"
                                      : q->affects_tier               ? "risk tier"
                                                                      : "GPAI model class");
    else
        printf("can decide a %s; ", q->rank == AIGOV_RANK_ROLE   ? "role duties hang on"
                                    : q->rank == AIGOV_RANK_DATE ? "date from which duties apply"
                                                                 : "duty or whether it is met");
    printf("bears on %zu rule%s (%zu in force)", q->affected_rules, q->affected_rules == 1 ? "" : "s",
           q->affected_in_force);
    size_t shown = 0;
    for (size_t k = 0; k < q->affected_rules && shown < 3; k++) {
        const char *id;
        size_t ri;
        aigov_rule_info info;
        if (aigov_report_question_rule(&id, s->rep, index, k) == 0 &&
            aigov_table_find_rule(&ri, s->table, id) == 0 &&
            aigov_table_rule(&info, s->table, ri) == 0) {
            fputs(shown ? ", " : ", e.g. ", stdout);
            cli_put_safe(stdout, info.citation);
            shown++;
        }
    }
    fputc('\n', stdout);
}

static void print_question(const ask_session *s, size_t index, const aigov_question_info *q)
{
    printf("\n[%zu] ", s->asked + 1);
    cli_put_safe(stdout, q->ask);
    fputs("\n    fact: ", stdout);
    cli_put_safe(stdout, q->fact);
    printf(" (%s)", aigov_fact_type_name(q->type));
    if (q->source && q->source[0]) {
        fputs("    provision: ", stdout);
        cli_put_safe(stdout, q->source);
    }
    fputc('\n', stdout);
    print_why(s, index, q);
    fputs("    answers: ", stdout);
    switch (q->type) {
    case AIGOV_FACT_BOOL: fputs("yes / no", stdout); break;
    case AIGOV_FACT_NUMBER: printf("a number from %g to %g", q->min, q->max); break;
    case AIGOV_FACT_DATE: fputs("a date YYYY-MM-DD", stdout); break;
    case AIGOV_FACT_STRING: printf("text of at most %zu bytes", q->max_length); break;
    default: {
        int numbered = values_numbered(q);
        for (size_t k = 0; k < q->n_values; k++) {
            if (k)
                fputs(numbered ? "  " : ", ", stdout);
            if (numbered)
                printf("%zu) ", k + 1);
            cli_put_safe(stdout, q->values[k]);
        }
        if (q->type == AIGOV_FACT_SET)
            fputs(" (several: separated by commas; \"none\" for none)", stdout);
        if (q->type == AIGOV_FACT_EVIDENCE)
            fputs(" (then, optionally, a reference)", stdout);
    }
    }
    fputs("; ? = I don't know; q = stop\n", stdout);
}

enum { ASK_NEXT, ASK_STOP, ASK_FAIL };

/* Asks question `index` until it gets an answer the library accepts, "?" or
 * "q". A refused answer is taken back and the question put again. */
static int ask_one(ask_session *s, size_t index, const aigov_question_info *q)
{
    print_question(s, index, q);
    s->asked++;
    for (;;) {
        fputs("> ", stdout);
        fflush(stdout);
        char *line = NULL;
        size_t len = 0;
        int rc = cli_line_next(s->in, &line, &len);
        if (rc == CLI_READ_EOF || rc == CLI_READ_ERROR) {
            if (rc == CLI_READ_ERROR)
                cli_warn("cannot read the answers: %s", strerror(s->in->err_no));
            fputs(s->echo ? "(end of answers)\n" : "\n", stdout);
            free(line);
            return rc == CLI_READ_EOF ? ASK_STOP : ASK_FAIL;
        }
        if (rc == CLI_READ_LIMIT || rc == CLI_READ_NOMEM) { /* the line was skipped */
            if (rc == CLI_READ_LIMIT)
                printf("    that answer is too long (at most %d bytes); try again\n", ASK_LINE_MAX);
            else
                fputs("    could not hold that answer (out of memory); try again\n", stdout);
            continue;
        }
        if (s->echo) {
            cli_put_safe(stdout, line);
            fputc('\n', stdout);
        }
        if (strlen(line) != len) {
            free(line);
            fputs("    not an answer: it contains a NUL byte; try again\n", stdout);
            continue;
        }
        const char *a = skip_space(line);
        if (strcmp(a, "q") == 0 || strcmp(a, "quit") == 0) {
            free(line);
            return ASK_STOP;
        }
        if (strcmp(a, "?") == 0) {
            free(line);
            const char **grown = realloc(s->skipped, (s->n_skipped + 1) * sizeof *grown);
            if (!grown) {
                cli_warn("out of memory");
                return ASK_FAIL;
            }
            s->skipped = grown;
            s->skipped[s->n_skipped++] = q->fact; /* owned by the table */
            return ASK_NEXT;
        }
        const char *why = "out of memory";
        cJSON *v = answer_value(q, line, &why);
        free(line);
        if (!v) {
            printf("    not an answer: %s; try again\n", why);
            continue;
        }
        cJSON *old = NULL;
        if (put_fact(s->doc, q->fact, v, &old) != 0) {
            cJSON_Delete(v);
            cli_warn("cannot put the answer at %s", q->fact);
            return ASK_FAIL;
        }
        aigov_error err;
        int erc = evaluate(s, &err);
        /* the library refuses the value (a bad date, text that is not UTF-8, too long) */
        if (erc == AIGOV_EINPUT || erc == AIGOV_ELIMIT || erc == AIGOV_ESYNTAX) {
            /* the JSON around the answer is cJSON's: a syntax error can only be the answer's bytes */
            printf("    not accepted: %s", erc == AIGOV_ESYNTAX ? "the answer is not valid UTF-8 text: " : "");
            cli_put_safe(stdout, err.message);
            printf("; try again\n");
            take_back(s->doc, q->fact, old);
            if (evaluate(s, &err) != 0) {
                ask_error("descriptor", &err);
                return ASK_FAIL;
            }
            continue;
        }
        cJSON_Delete(old);
        if (erc) {
            ask_error("descriptor", &err);
            return ASK_FAIL;
        }
        s->answered++;
        return write_descriptor(s) == 0 ? ASK_NEXT : ASK_FAIL;
    }
}

/* ---- the session ------------------------------------------------------------------- */

static cJSON *load_descriptor(ask_session *s, const char *path, int *missing)
{
    *missing = 0;
    int fd = cli_open(path);
    if (fd < 0) {
        if (errno == ENOENT) {
            *missing = 1;
            return cJSON_CreateObject();
        }
        cli_warn("cannot open %s: %s", cli_name(path), strerror(errno));
        return NULL;
    }
    char *json = NULL;
    size_t len = 0;
    int err_no = 0;
    int rc = cli_read_all(fd, AIGOV_DEFAULT_MAX_INPUT, &json, &len, &err_no);
    if (fd != STDIN_FILENO)
        close(fd);
    if (rc != CLI_READ_OK) {
        cli_warn("cannot read %s%s%s", cli_name(path), rc == CLI_READ_ERROR ? ": " : "",
                 rc == CLI_READ_ERROR ? strerror(err_no) : " (too large or out of memory)");
        free(json);
        return NULL;
    }
    /* the library judges the file first: its errors name the JSON path */
    aigov_error err;
    const aigov_report *rep;
    if (aigov_eval(&rep, s->ctx, json, len, &s->opts, &err) != 0) {
        ask_error(cli_name(path), &err);
        free(json);
        return NULL;
    }
    cJSON *doc = cJSON_ParseWithLength(json, len);
    free(json);
    if (!doc)
        cli_warn("cannot read %s: out of memory", cli_name(path));
    return doc;
}

static int write_report(const ask_session *s, const char *path, int format)
{
    char *out = NULL;
    size_t len = 0;
    aigov_error err;
    if (aigov_report_render(&out, &len, s->rep, format, &err)) {
        ask_error("report", &err);
        return -1;
    }
    FILE *f = cli_io_table.fopen_fn(path, "w");
    int ok = f && fwrite(out, 1, len, f) == len;
    if (ok && format == AIGOV_FORMAT_JSON)
        ok = fputc('\n', f) != EOF;
    if (f)
        ok = (fclose(f) == 0) && ok;
    if (!ok)
        cli_warn("cannot write %s: %s", *path ? path : "''", strerror(errno)); /* "-" is a file here */
    aigov_free(out);
    return ok ? 0 : -1;
}

static int run(ask_session *s)
{
    aigov_error err;
    if (evaluate(s, &err)) {
        ask_error("descriptor", &err);
        return ASK_FAIL;
    }
    for (;;) {
        aigov_question_info q;
        size_t i = next_question(s, &q);
        if (i == (size_t)-1) {
            printf("\nNothing in force is undetermined any more.\n");
            return ASK_NEXT;
        }
        int rc = ask_one(s, i, &q);
        if (rc != ASK_NEXT)
            return rc;
    }
}

int cli_ask(int argc, char **argv)
{
    const char *file = NULL, *out = NULL, *answers = NULL, *report = NULL;
    char today[11];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    const char *as_of = today;
    int format = AIGOV_FORMAT_TEXT;
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'}, {"answers", required_argument, NULL, 'A'},
        {"report", required_argument, NULL, 'R'}, {"as-of", required_argument, NULL, 'a'},
        {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    int c;
    opterr = 0; /* the messages below name the command and the option */
    optind = 0; /* glibc: 0 restarts getopt_long (cli_main may run again) */
    while ((c = getopt_long(argc, argv, ":o:a:f:h", longopts, NULL)) != -1) {
        if (c == 'o')
            out = optarg;
        else if (c == 'A')
            answers = optarg;
        else if (c == 'R')
            report = optarg;
        else if (c == 'a')
            as_of = optarg;
        else if (c == 'h') {
            fputs(ask_help, stdout);
            return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 2;
        } else if (c == 'f') {
            format = strcmp(optarg, "json") == 0       ? AIGOV_FORMAT_JSON
                     : strcmp(optarg, "text") == 0     ? AIGOV_FORMAT_TEXT
                     : strcmp(optarg, "markdown") == 0 ? AIGOV_FORMAT_MARKDOWN
                                                       : -1;
            if (format < 0) {
                cli_warn("ask: --format=%s: expected text, json or markdown", optarg);
                return ask_usage();
            }
        } else {
            const char *arg = argv[optind - 1];
            if (c == ':')
                cli_warn("ask: option '%s' needs a value", arg);
            else if (optopt)
                cli_warn("ask: unknown option '-%c'", optopt);
            else
                cli_warn("ask: unknown option '%.*s'", (int)strcspn(arg, "="), arg);
            return ask_usage();
        }
    }
    if (argc - optind > 1) {
        cli_warn("ask: one FILE at most");
        return ask_usage();
    }
    if (optind < argc)
        file = argv[optind];
    if (!file && !out) {
        cli_warn("ask: a FILE to resume from or -o OUT to write to is needed");
        return ask_usage();
    }
    if (file && strcmp(file, "-") == 0) {
        cli_warn("ask: FILE cannot be '-': standard input carries the answers");
        return ask_usage();
    }

    ask_session s;
    memset(&s, 0, sizeof s);
    s.table = aigov_table_builtin();
    s.opts = (aigov_eval_options)AIGOV_EVAL_OPTIONS_INIT;
    s.opts.as_of = as_of;
    s.out_path = out ? out : file;
    aigov_error err;
    if (aigov_ctx_new(&s.ctx, s.table, NULL, &err)) {
        ask_error("ask", &err);
        return 2;
    }
    /* the date first, alone, so that its refusal names --as-of (as eval's does) */
    const aigov_report *probe;
    if (aigov_eval(&probe, s.ctx, "", 0, &s.opts, &err) == AIGOV_EINVAL) {
        cli_warn("ask: --as-of %s: %s", as_of, err.message);
        aigov_ctx_free(s.ctx);
        return ask_usage();
    }
    int missing = 0;
    s.doc = file ? load_descriptor(&s, file, &missing) : cJSON_CreateObject();
    int fd = -1;
    if (s.doc && answers && (fd = cli_open(answers)) < 0)
        cli_warn("cannot open %s: %s", cli_name(answers), strerror(errno));
    cli_lines *in = malloc(sizeof *in);
    int rc = ASK_FAIL;
    if (s.doc && (!answers || fd >= 0) && in) {
        cli_lines_init(in, answers ? fd : STDIN_FILENO, ASK_LINE_MAX);
        s.in = in;
        s.echo = answers != NULL || !cli_io_table.isatty_fn(STDIN_FILENO); /* a transcript shows the answers */
        if (file) { /* a file name may hold any byte: written as cli_put_safe writes it */
            fputs(missing ? "Starting " : "Resuming from ", stdout);
            cli_put_safe(stdout, file);
            fputc('\n', stdout);
        }
        rc = run(&s);
    }
    if (rc != ASK_FAIL && s.rep) {
        aigov_summary sum;
        aigov_report_summary(&sum, s.rep);
        printf("\n%zu question%s asked, %zu answered, %zu left unknown.\n", s.asked,
               s.asked == 1 ? "" : "s", s.answered, s.n_skipped);
        printf("Tier: %s; GPAI: %s; %zu open question%s in the report.\n",
               aigov_tier_name(aigov_report_tier(s.rep)), aigov_gpai_name(aigov_report_gpai(s.rep)),
               sum.questions, sum.questions == 1 ? "" : "s");
        if (write_descriptor(&s) != 0 || (report && write_report(&s, report, format) != 0))
            rc = ASK_FAIL;
        else {
            fputs("Descriptor written to ", stdout);
            cli_put_safe(stdout, s.out_path);
            if (report) {
                fputs(", report to ", stdout);
                cli_put_safe(stdout, report);
            }
            fputs(report ? "\n" : ".\n", stdout);
        }
    }
    if (fd >= 0 && fd != STDIN_FILENO) /* "--answers -" reads standard input: not ours to close */
        close(fd);
    free(in);
    free(s.skipped);
    cJSON_Delete(s.doc);
    aigov_ctx_free(s.ctx);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        cli_warn("cannot write standard output: %s", strerror(errno));
        return 2;
    }
    return rc == ASK_FAIL ? 2 : 0;
}
