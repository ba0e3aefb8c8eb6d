/*
 * libFuzzer: evaluation and rendering, descriptors of several systems
 * included (aigov_eval_render), at several as-of dates.
 *
 * Each input renders in ONE format (the eight formats and the full JSON
 * form), chosen by a hash of the whole input, so every format is covered
 * over a campaign at an eighth of the cost of rendering all of them for
 * every input (perf: rendering, parsing and freeing the nine outputs, each
 * up to hundreds of KB, was nine tenths of an execution). One context per
 * format, so each keeps its own output size hint (aigov_ctx remembers the
 * largest rendering and reserves it the next time: one HTML rendering made
 * every later JSON one allocate, fault in and free HTML-sized buffers).
 *
 * Checks: the rendering is NUL-terminated at *out_len and valid UTF-8; the
 * JSON, OSCAL and SARIF renderings parse as JSON; text and markdown hold no
 * control character but the newline (a descriptor's strings must not
 * smuggle terminal escapes or carriage returns into a report); CSV cells
 * never start like a formula; JUnit and HTML hold no XML-forbidden control
 * character; OSCAL and SARIF hrefs have safe schemes; JSON (compact or
 * full) is deterministic and the same through aigov_report_render and
 * aigov_eval_render; a failure leaves no output.
 * Across formats: a failure gives the same status and error path in every
 * format, and a success succeeds in every format (but AIGOV_ELIMIT from the
 * output bound of several systems, which the larger formats reach first).
 * A failing input is compared with one other format chosen by the hash (a
 * failure renders nothing, so this is cheap); one input in
 * SAMPLE_ALL_FORMATS, chosen deterministically by the hash, renders and
 * checks every format, so every pair of formats is compared over a campaign.
 */
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const dates[] = {"2025-01-01", "2026-12-02", "2027-12-02", "2028-08-02", "2031-01-01"};

/* the eight formats, then the full JSON form */
#define N_RENDERINGS (AIGOV_FORMAT_SOA_CSV + 2)
#define SAMPLE_ALL_FORMATS 32

/* cJSON's nodes for the parse checks come from a bump arena, emptied after each
 * parsed rendering is freed: ASan's allocator (allocation, quarantine, stack depot)
 * for the thousands of nodes of a parsed report was a third of an execution
 * (perf). cJSON is not under test here, and with the built-in table the library
 * never calls it; a document too large for the arena gets malloc's memory. */
#define ARENA_BYTES (64u << 20)
static unsigned char arena[ARENA_BYTES];
static size_t arena_used;

static void *arena_malloc(size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0 || n > ARENA_BYTES - arena_used)
        return malloc(n ? n : 1);
    void *p = arena + arena_used;
    arena_used += n;
    return p;
}

static void arena_free(void *p)
{
    uintptr_t a = (uintptr_t)p, lo = (uintptr_t)arena;
    if (a - lo >= ARENA_BYTES) /* not the arena's: malloc's */
        free(p);
}

static void parsed_free(cJSON *doc)
{
    cJSON_Delete(doc);
    arena_used = 0;
}

static int rendering_format(int k) { return k == N_RENDERINGS - 1 ? AIGOV_FORMAT_JSON | AIGOV_RENDER_FULL : k; }

/* FNV-1a over the input: picks the format and the sample, and any edit
 * of the input may pick another. */
static FUZZ_CHECKER uint32_t input_hash(const uint8_t *data, size_t size)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < size; i++)
        h = (h ^ data[i]) * 16777619u;
    return h;
}

/* The JSON rendering again through aigov_report_render, for a single-system
 * descriptor: deterministic and the same through both paths. doc is the
 * parsed rendering. */
static void check_report_render(aigov_ctx *ctx, const char *json, size_t size, const aigov_eval_options *o,
                                int format, const char *out, const cJSON *doc)
{
    /* a {"systems":[...]} document renders as a portfolio even with one system:
     * only a single-system descriptor renders as its one report does */
    if (cJSON_GetObjectItemCaseSensitive(doc, "systems") != NULL)
        return;
    const aigov_report *rep;
    size_t systems = 0;
    aigov_error err;
    if (aigov_eval_system(&rep, &systems, ctx, json, size, 0, o, &err) != 0 || systems != 1)
        return;
    char *again = NULL;
    size_t len;
    FUZZ_REQUIRE(aigov_report_render(&again, &len, rep, format, &err) == 0, "render again");
    FUZZ_REQUIRE(strcmp(again, out) == 0, "JSON rendering is deterministic");
    aigov_free(again);
}

/* Renders in rendering k and checks the output. Returns the status;
 * *limited when it is the output bound of several systems. */
static int render_one(aigov_ctx *ctx, int k, const char *json, size_t size, const aigov_eval_options *o,
                      aigov_error *err, int *limited, int again)
{
    int format = rendering_format(k);
    char *out = (char *)err;
    size_t len = 7;
    memset(err, 0x5a, sizeof *err);
    int rc = aigov_eval_render(&out, &len, ctx, json, size, o, format, err);
    *limited = rc == AIGOV_ELIMIT && strstr(err->message, "AIGOV_RENDER_LIMIT");
    if (rc) {
        FUZZ_REQUIRE(out == NULL && len == 0, "no output on failure");
        fuzz_check_error(err, rc, size, !*limited);
        return rc;
    }
    fuzz_check_output(out, len);
    switch (format & ~AIGOV_RENDER_FULL) {
    case AIGOV_FORMAT_TEXT:
    case AIGOV_FORMAT_MARKDOWN:
        fuzz_check_plain(out);
        break;
    case AIGOV_FORMAT_SOA_CSV:
        fuzz_check_csv(out);
        break;
    case AIGOV_FORMAT_JUNIT:
    case AIGOV_FORMAT_HTML:
        fuzz_check_xml_chars(out, len);
        break;
    default:
        break;
    }
    if (format == AIGOV_FORMAT_OSCAL || format == AIGOV_FORMAT_SARIF)
        fuzz_check_hrefs(out);
    if ((format & ~AIGOV_RENDER_FULL) == AIGOV_FORMAT_JSON || format == AIGOV_FORMAT_OSCAL ||
        format == AIGOV_FORMAT_SARIF) {
        cJSON *doc = cJSON_ParseWithLength(out, len);
        FUZZ_REQUIRE(doc != NULL, "JSON, OSCAL and SARIF renderings are JSON");
        if ((format & ~AIGOV_RENDER_FULL) == AIGOV_FORMAT_JSON && again)
            check_report_render(ctx, json, size, o, format, out, doc);
        parsed_free(doc);
    }
    aigov_free(out);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static aigov_ctx *ctx[N_RENDERINGS];
    aigov_error err;
    if (!ctx[0]) {
        cJSON_Hooks hooks = {arena_malloc, arena_free};
        cJSON_InitHooks(&hooks);
        for (int k = 0; k < N_RENDERINGS; k++)
            if (aigov_ctx_new(&ctx[k], aigov_table_builtin(), NULL, &err))
                abort();
    }
    const char *json = (const char *)data;
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = dates[size % (sizeof dates / sizeof *dates)];
    uint32_t h = input_hash(data, size);
    int chosen = (int)(h % N_RENDERINGS), limited;
    int rc = render_one(ctx[chosen], chosen, json, size, &o, &err, &limited, 1);
    int all = (h / N_RENDERINGS) % SAMPLE_ALL_FORMATS == 0;
    if (rc == 0 && !limited && !all)
        return 0;
    /* a failure: one other format (chosen by the hash) fails the same way;
     * sampled: every other format agrees */
    int other = (chosen + 1 + (int)((h >> 16) % (N_RENDERINGS - 1))) % N_RENDERINGS;
    int first_rc = limited ? 1 : rc;
    char first_path[AIGOV_ERROR_PATH_MAX];
    memcpy(first_path, err.path, sizeof first_path);
    for (int k = 0; k < N_RENDERINGS; k++) {
        if (k == chosen || (!all && k != other))
            continue;
        int rk = render_one(ctx[k], k, json, size, &o, &err, &limited, 0);
        if (limited)
            continue;
        if (first_rc == 1) { /* the chosen format hit the output bound: compare with the first other */
            first_rc = rk;
            memcpy(first_path, err.path, sizeof first_path);
            continue;
        }
        FUZZ_REQUIRE(rk == first_rc, "the same status in every format");
        if (rk)
            FUZZ_REQUIRE(strcmp(err.path, first_path) == 0, "the same error path in every format");
    }
    return 0;
}
