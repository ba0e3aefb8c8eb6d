// The bench's fast yardstick: simdjson's DOM parser (Debian's libsimdjson-dev) over the
// same documents. A DOM parse validates the whole document and builds its tape, every
// value included, which is the work the library's reader does before it evaluates; the
// tape is not walked afterwards (the reader's facts are not either, until evaluation).
#include <simdjson.h>
#include <cstddef>

extern "C" int bench_fast_parse(const char *text, size_t len);
extern "C" size_t bench_fast_padding(void);

// One parser reused for every document, as a host would keep one: its buffers are
// allocated on the first parse and reused.
static simdjson::dom::parser parser;

// Parses text[0..len), which has bench_fast_padding() readable bytes after it (the
// bench allocates them), so simdjson does not copy it. 1 when it parsed, 0 otherwise.
extern "C" int bench_fast_parse(const char *text, size_t len)
{
    simdjson::dom::element doc;
    return parser.parse(text, len, false).get(doc) == simdjson::SUCCESS;
}

extern "C" size_t bench_fast_padding(void) { return simdjson::SIMDJSON_PADDING; }
