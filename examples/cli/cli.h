/* Shared pieces of the aigov command-line host. The CLI holds no legal
 * logic: it reads files, calls the library and prints what it renders. */
#ifndef AIGOV_CLI_H
#define AIGOV_CLI_H
#include <stddef.h>
#include <stdio.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/types.h>
#include "aigov.h"

/* ---- io.c: every byte the CLI reads, every file it touches -----------------
 * Reads and the allocations that hold what was read go through this table, so
 * that a test build can inject short reads, EINTR, EIO and allocation failures
 * (as SQLite does through its VFS); so do the file-system calls and the
 * terminal test, so that the CLI fuzzer (test/fuzz/fuzz_cli.c) runs every
 * command in-process on fixtures, without writing anywhere or reading a
 * device. The defaults are the libc functions. Only the main thread uses it. */
typedef struct cli_io {
    ssize_t (*read_fn)(int fd, void *buf, size_t n);
    void *(*malloc_fn)(size_t n);
    void *(*realloc_fn)(void *p, size_t n);
    int (*open_fn)(const char *path, int flags);
    int (*stat_fn)(const char *path, struct stat *st);
    int (*scandir_fn)(const char *dir, struct dirent ***list, int (*keep)(const struct dirent *),
                      int (*order)(const struct dirent **, const struct dirent **));
    FILE *(*fopen_fn)(const char *path, const char *mode); /* files the CLI writes */
    int (*rename_fn)(const char *from, const char *to);
    int (*remove_fn)(const char *path);
    int (*isatty_fn)(int fd);
} cli_io;
extern cli_io cli_io_table;

/* What reading can end in besides success. */
enum {
    CLI_READ_OK = 0,
    CLI_READ_EOF,   /* cli_line_next: no more lines */
    CLI_READ_LIMIT, /* more than the limit: the rest was not kept */
    CLI_READ_NOMEM, /* an allocation failed: the rest of the line was skipped */
    CLI_READ_ERROR  /* read(2) failed: errno in err_no */
};

/* Opens path for reading ("-" = standard input). -1 with errno on failure. */
int cli_open(const char *path);
/* Reads fd to its end, keeping at most `limit` bytes: CLI_READ_OK and a
 * NUL-terminated buffer to free(); CLI_READ_LIMIT as soon as byte limit+1
 * arrives (an endless device is never read further); CLI_READ_NOMEM;
 * CLI_READ_ERROR with *err_no. */
int cli_read_all(int fd, size_t limit, char **out, size_t *len, int *err_no);

/* A reader of lines of at most `limit` bytes (without the '\n' and the '\r's
 * before it), holding no more than that whatever the input. */
typedef struct cli_lines {
    int fd;
    size_t limit;
    size_t pos, end; /* unread bytes of buf */
    int eof;
    int err_no;      /* the read error, once one happened (reading stops) */
    char buf[65536];
} cli_lines;

void cli_lines_init(cli_lines *r, int fd, size_t limit);
/* The next line: CLI_READ_OK with *text (free() it) and *len; CLI_READ_LIMIT
 * or CLI_READ_NOMEM with *len the line's full length (the line was skipped,
 * reading goes on after it); CLI_READ_ERROR with *len the bytes of the line
 * read before the error (0: the error came between lines); CLI_READ_EOF. */
int cli_line_next(cli_lines *r, char **text, size_t *len);

/* ---- util.c: what the CLI writes -------------------------------------------- */
/* Name of a status code, e.g. "AIGOV_EINPUT". */
const char *cli_code_name(int code);
/* The CLI's own code for an input line cut by a read error (not a library status). */
#define CLI_EREAD (-100)
/* Writes s as a JSON string literal: control characters, line separators and
 * bidirectional overrides escaped, an invalid UTF-8 byte as U+FFFD. */
void cli_json_str(FILE *out, const char *s);
/* Writes s for a terminal or a log: the same characters as \xHH or \u{XXXX}. */
void cli_put_safe(FILE *out, const char *s);
/* How messages name an input: "standard input" for "-", '' for an empty
 * name, else the path. */
const char *cli_name(const char *path);
/* Writes "aigov: ", the printf-formatted message through cli_put_safe (file
 * names and library messages may carry any byte) and a newline to stderr. */
void cli_warn(const char *fmt, ...)
#ifdef __GNUC__
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* ---- inputs.c: what `aigov eval` reads and how several reports make one --- */
typedef struct cli_inputs {
    char **path;
    size_t n, cap;
} cli_inputs;
/* Expands the operands: a directory becomes its *.json files (not hidden, not
 * recursive) in name order; anything else is kept as given. Returns 2 when a
 * directory could not be read or holds no *.json (named on stderr), else 0. */
int cli_inputs_expand(cli_inputs *in, char **args, size_t n);
void cli_inputs_free(cli_inputs *in);

typedef struct cli_combine {
    int format;
    size_t inputs, added;
    int frame_open, any;
    char *tail; /* the first SARIF or JUnit document's closing part */
} cli_combine;
void cli_combine_init(cli_combine *c, int format, size_t inputs);
/* Writes one input's rendering: text and markdown under the file's name when
 * there are several, json and oscal one per line, SARIF results and JUnit
 * suites into the first document's frame. */
void cli_combine_add(cli_combine *c, const char *name, const char *out);
void cli_combine_end(cli_combine *c);

/* ---- ndjson.c ----------------------------------------------------------------- */
/* aigov eval --ndjson: returns the process exit code (see aigov.1). Each
 * line is judged by aigov_eval_verdict under fail_on (an aigov_fail_on), as
 * `aigov eval FILE` judges a file. */
int cli_ndjson(const aigov_table *table, const char *path, const aigov_eval_options *opts,
               int jobs, int format, int fail_on);

/* ---- aigov.c ------------------------------------------------------------------ */
/* The whole command line, in-process: parses argv (argv[1] the command),
 * runs the command and returns the exit status (see aigov.1). Writes to
 * stdout and stderr; may be called again (getopt_long is reset each time). */
int cli_main(int argc, char **argv);

/* ---- ask.c ---------------------------------------------------------------------- */
/* aigov ask [FILE] [options]: argv[0] is "ask"; returns the exit code (0 done
 * or stopped by the user, 2 usage, input or write error). */
int cli_ask(int argc, char **argv);

#ifdef AIGOV_CLI_TEST_HOOKS
/* test/cli/fault.c: replaces cli_io_table as $AIGOV_CLI_FAULT asks. */
void cli_test_hooks_install(void);
#endif
#endif
