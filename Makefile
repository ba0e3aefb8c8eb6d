# libaigov: build, test, bench, install. Everything generated goes under $(BUILD).
#   make          library (shared + static), CLI, pkg-config file, man page (no sanitizer builds)
#   make demo     evaluate every bundled example descriptor
#   make test     every test, the C ones under ASan+UBSan
#   make bench    benchmark on a generated corpus
#   make install PREFIX=/usr/local DESTDIR=   copies what `make` built; compiles nothing
#
# Honoured from the environment or the command line: CC, CFLAGS, CPPFLAGS,
# LDFLAGS, PREFIX, LIBDIR, BINDIR, INCLUDEDIR, MANDIR, DESTDIR. WERROR=1 turns
# warnings into errors (development: `make test` and .ci/run set it; the
# sanitizer builds of the tests always use it); a user's or packager's `make`
# does not fail on a newer compiler's new warning (as zstd does).

VERSION      := 0.1.0
SOVERSION    := 0
BUILD        ?= build
PREFIX       ?= /usr/local
LIBDIR       ?= $(PREFIX)/lib
INCLUDEDIR   ?= $(PREFIX)/include
BINDIR       ?= $(PREFIX)/bin
MANDIR       ?= $(PREFIX)/share/man
CC           ?= cc
AS_OF        ?= 2028-01-01

PKG_CONFIG   ?= pkg-config
CJSON_CFLAGS := $(shell $(PKG_CONFIG) --cflags libcjson 2>/dev/null)
CJSON_LIBS   := $(shell $(PKG_CONFIG) --libs libcjson 2>/dev/null || echo -lcjson) -lm
CHECK_CFLAGS := $(shell $(PKG_CONFIG) --cflags check 2>/dev/null)
CHECK_LIBS   := $(shell $(PKG_CONFIG) --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -lpthread)
# A python3 with jsonschema (Debian's python3-jsonschema installs into /usr/bin/python3).
PYTHON       ?= $(shell for p in python3 /usr/bin/python3; do $$p -c 'import jsonschema' 2>/dev/null && { echo $$p; break; }; done)
ifeq ($(PYTHON),)
PYTHON       := python3
endif

WERROR       ?= 0
TEST_WERROR  ?= 1
WARN         := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 \
                $(if $(filter 1,$(WERROR)),-Werror)
CFLAGS_COMMON := -std=c11 -D_POSIX_C_SOURCE=200809L $(WARN) -Iinclude -Ilib $(CJSON_CFLAGS)
# -O3 as zstd does: the evaluator's inner loops and the report writer gain
# 5-10% over -O2 (make bench), which keeps parse + evaluate above 0.6 of a
# plain cJSON parse with the whole Act in the table.
CFLAGS       ?= -O3 -g
CPPFLAGS     ?=
LDFLAGS      ?=
LIB_CFLAGS   := $(CFLAGS_COMMON) $(CPPFLAGS) $(CFLAGS) -fPIC -fvisibility=hidden -DAIGOV_BUILDING
SAN_FLAGS    := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
SAN_CFLAGS   := $(CFLAGS_COMMON) -Werror -O1 -g $(SAN_FLAGS) -DAIGOV_BUILDING

LIB_SRC      := $(sort $(filter-out lib/compile/rulec_main.c,$(wildcard lib/*/*.c)))
# The rule compiler links only compile/, table/ and util/: no reader, evaluator or renderer.
RULEC_SRC    := $(filter lib/compile/% lib/table/% lib/util/%,$(LIB_SRC)) \
                lib/compile/rulec_main.c
RULE_SRC     := $(shell find rules -name '*.json' ! -name '*.schema.json' | LC_ALL=C sort)
GEN_TABLE    := $(BUILD)/gen/builtin_table.c

LIB_OBJ      := $(patsubst lib/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/gen/builtin_table.o
SAN_OBJ      := $(patsubst lib/%.c,$(BUILD)/san/%.o,$(LIB_SRC)) $(BUILD)/san/gen/builtin_table.o

LIB_SO       := $(BUILD)/libaigov.so
LIB_SONAME   := libaigov.so.$(SOVERSION)
LIB_REAL     := $(BUILD)/libaigov.so.$(VERSION)
LIB_A        := $(BUILD)/libaigov.a
SAN_A        := $(BUILD)/san/libaigov-san.a
CLI          := $(BUILD)/aigov
RULEC        := $(BUILD)/aigov-rulec
GOLDEN       := $(BUILD)/aigov-golden
PC_UNINST    := $(BUILD)/pkgconfig/aigov.pc
# The CLI that `make install` copies: it finds the library relative to itself
# ($ORIGIN/../lib with the default layout), so an installed tree runs from any
# prefix, and keeps running when moved. A package for the system library
# directory builds it with CLI_RPATH= (empty: no RUNPATH, as Debian policy wants).
INST_CLI     := $(BUILD)/install/aigov
BIN_TO_LIB    = $(shell realpath -m --relative-to=$(BINDIR) $(LIBDIR))
CLI_RPATH    ?= $$ORIGIN/$(BIN_TO_LIB)
comma        := ,

TEST_TARGETS  :=
BENCH_TARGETS :=

.PHONY: all lib demo demo-run deps-build deps-test test test-c test-unit test-golden test-schema test-schemas test-cli test-install bench install \
        uninstall clean schema golden-update check-banned
.DELETE_ON_ERROR:

all: lib $(INST_CLI) $(BUILD)/aigov.1 $(BUILD)/aigov.pc $(BUILD)/examples/embed

# Release builds only: the sanitizer binaries (golden runner, unit tests, CLI)
# are built by the test targets that run them.
lib: $(LIB_SO) $(LIB_A) $(CLI) $(PC_UNINST)

# ---- the rule compiler and the generated table --------------------------------
$(RULEC): $(RULEC_SRC) $(wildcard lib/*/*.h) include/aigov.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O1 -g -DAIGOV_BUILDING -o $@ $(RULEC_SRC) $(CJSON_LIBS)

# A renamed, added or removed rule file changes the table (and its hash) too.
RULE_LIST    := $(BUILD)/gen/rule-sources.txt
$(shell mkdir -p $(BUILD)/gen; echo '$(RULE_SRC)' | cmp -s - $(RULE_LIST) || echo '$(RULE_SRC)' > $(RULE_LIST))

$(GEN_TABLE): $(RULEC) $(RULE_SRC) $(RULE_LIST)
	@mkdir -p $(@D)
	$(RULEC) -o $@ $(RULE_SRC)

# ---- the library -------------------------------------------------------------
$(BUILD)/obj/%.o: lib/%.c $(wildcard lib/*/*.h) include/aigov.h
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/builtin_table.o: $(GEN_TABLE) lib/table/table.h
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(LIB_REAL): $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(LIB_SONAME) -Wl,--no-undefined -o $@ $(LIB_OBJ) $(CJSON_LIBS)

$(BUILD)/$(LIB_SONAME): $(LIB_REAL)
	ln -sf $(notdir $<) $@

$(LIB_SO): $(BUILD)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $@

$(LIB_A): $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

# Sanitizer build of the same sources, for every C test.
$(BUILD)/san/%.o: lib/%.c $(wildcard lib/*/*.h) include/aigov.h
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) -c -o $@ $<

$(BUILD)/san/gen/builtin_table.o: $(GEN_TABLE) lib/table/table.h
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) -c -o $@ $<

$(SAN_A): $(SAN_OBJ)
	rm -f $@
	ar rcs $@ $^

# ---- hosts -------------------------------------------------------------------
CLI_SRC := $(sort $(wildcard examples/cli/*.c))
$(CLI): $(CLI_SRC) $(wildcard examples/cli/*.h) $(LIB_SO)
	$(CC) $(CFLAGS_COMMON) $(CPPFLAGS) $(CFLAGS) -Iexamples/cli -o $@ $(CLI_SRC) $(LDFLAGS) -L$(BUILD) -laigov \
	    -Wl,-rpath,'$$ORIGIN' -lpthread $(CJSON_LIBS)

# Rebuilt when the wanted RUNPATH changes (another BINDIR/LIBDIR layout or CLI_RPATH).
CLI_RPATH_STAMP := $(BUILD)/install/runpath
$(shell mkdir -p $(BUILD)/install; echo '$(CLI_RPATH)' | cmp -s - $(CLI_RPATH_STAMP) || echo '$(CLI_RPATH)' > $(CLI_RPATH_STAMP))
$(INST_CLI): $(CLI_SRC) $(wildcard examples/cli/*.h) $(LIB_SO) $(CLI_RPATH_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(CPPFLAGS) $(CFLAGS) -Iexamples/cli -o $@ $(CLI_SRC) $(LDFLAGS) -L$(BUILD) -laigov \
	    $(if $(CLI_RPATH),-Wl$(comma)--enable-new-dtags -Wl$(comma)-rpath$(comma)'$(CLI_RPATH)') -lpthread $(CJSON_LIBS)

$(BUILD)/san/aigov: $(CLI_SRC) $(SAN_A)
	$(CC) $(SAN_CFLAGS) -Iexamples/cli -o $@ $(CLI_SRC) $(SAN_A) $(CJSON_LIBS) -lpthread -lm

$(BUILD)/examples/embed: examples/embed/embed.c $(LIB_SO)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(LDFLAGS) -L$(BUILD) -laigov -Wl,-rpath,'$$ORIGIN/..'

# No -rpath: a program built against the build tree must not carry the
# checkout's path; run it with LD_LIBRARY_PATH=build (the test targets do).
$(PC_UNINST): Makefile
	@mkdir -p $(@D)
	printf 'Name: aigov\nDescription: libaigov (uninstalled build tree)\nVersion: %s\nCflags: -I%s\nLibs: -L%s -laigov\n' \
	    $(VERSION) $(abspath include) $(abspath $(BUILD)) > $@

$(BUILD)/aigov.pc: lib/aigov.pc.in Makefile
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	    -e 's|@VERSION@|$(VERSION)|g' $< > $@

$(BUILD)/aigov.1: examples/cli/aigov.1
	@mkdir -p $(@D)
	cp $< $@

# ---- set-up ---------------------------------------------------------------------
# `make demo` and `make test` first install the Debian packages they need
# (scripts/setup-deps.sh: one dpkg-query when nothing is missing), then run in a
# fresh make so that pkg-config and python probes see what was just installed.
SETUP_DEPS := sh scripts/setup-deps.sh
deps-build:
	@$(SETUP_DEPS) build
deps-test:
	@$(SETUP_DEPS) test

# ---- demo ---------------------------------------------------------------------
demo: deps-build
	@$(MAKE) --no-print-directory demo-run

demo-run: $(CLI)
	@for f in examples/descriptors/*.json examples/portfolio/*.json; do \
	    echo "=================================================================="; \
	    echo "== $$f"; \
	    echo "=================================================================="; \
	    $(CLI) eval "$$f" --as-of $(AS_OF) --format text --fail-on none || exit 1; \
	    echo; \
	done

# ---- tests ----------------------------------------------------------------------
UNIT_SRC  := $(sort $(wildcard test/unit/*.c))
UNIT_BIN  := $(BUILD)/san/unit-tests

$(UNIT_BIN): $(UNIT_SRC) $(wildcard test/unit/*.h) $(SAN_A)
	$(CC) $(SAN_CFLAGS) $(CHECK_CFLAGS) -Wno-missing-prototypes -Itest/unit -o $@ $(UNIT_SRC) $(SAN_A) \
	    $(CJSON_LIBS) $(CHECK_LIBS)

$(GOLDEN): test/golden/runner.c $(SAN_A)
	$(CC) $(SAN_CFLAGS) -o $@ $< $(SAN_A) $(CJSON_LIBS)

test-unit: $(UNIT_BIN)
	AIGOV_RULES_DIR=rules $(UNIT_BIN)

test-golden: $(GOLDEN)
	$(GOLDEN) --coverage test/golden

golden-update: $(GOLDEN)
	$(GOLDEN) --update test/golden

# The committed descriptor schema must be what the table generates.
schema: $(CLI)
	$(CLI) schema > rules/descriptor.schema.json

test-schema: $(CLI)
	@$(CLI) schema | cmp -s - rules/descriptor.schema.json || \
	    { echo "rules/descriptor.schema.json is stale: run 'make schema'"; exit 1; }
	@echo "descriptor schema: up to date"

# The schemas describe what the code accepts and produces.
test-schemas: $(CLI)
	$(PYTHON) test/schemas/validate.py $(CLI)

# The CLI under the sanitizers on every example, in every format.
test-cli: $(BUILD)/san/aigov
	@set -e; for f in examples/descriptors/*.json; do \
	    for fmt in json text markdown; do \
	        $(BUILD)/san/aigov eval "$$f" --as-of $(AS_OF) --format $$fmt --fail-on none > /dev/null; \
	    done; \
	done; \
	for f in examples/descriptors/*.json; do tr -d '\n' < $$f; echo; done > $(BUILD)/examples.ndjson; \
	echo '{"bogus":1}' >> $(BUILD)/examples.ndjson; \
	rc=0; $(BUILD)/san/aigov eval --ndjson $(BUILD)/examples.ndjson --as-of $(AS_OF) --jobs 2 > $(BUILD)/examples.out || rc=$$?; test $$rc -eq 2; \
	test "$$(wc -l < $(BUILD)/examples.out)" -eq "$$(wc -l < $(BUILD)/examples.ndjson)"; \
	tail -n 1 $(BUILD)/examples.out | grep -q '"AIGOV_EINPUT"'; \
	$(BUILD)/san/aigov rules > /dev/null; $(BUILD)/san/aigov explain eu.art27.1.fria > /dev/null; \
	for f in examples/portfolio/*.json; do for fmt in json text markdown; do \
	    $(BUILD)/san/aigov eval "$$f" --as-of $(AS_OF) --format $$fmt --fail-on none > /dev/null; done; done; \
	if $(BUILD)/san/aigov eval /nonexistent --as-of $(AS_OF) 2>/dev/null; then exit 1; fi; \
	echo "cli: ok"

# Installs into a staging DESTDIR and a non-system prefix, runs the CLI and a
# pkg-config build of examples/embed from there; checks the build rules'
# promises (test/install/check_install.sh says which).
test-install: all
	@sh test/install/check_install.sh "$(MAKE)" "$(CC)" "$(PKG_CONFIG)" "$(abspath $(BUILD))" $(VERSION) $(SOVERSION)

check-banned:
	@! grep -rn --include='*.c' --include='*.h' -E 'cJSON_GetErrorPtr|cJSON_GetObjectItem\(|cJSON_HasObjectItem\(' lib include \
	    || { echo "banned cJSON call (not thread-safe or case-insensitive)"; exit 1; }

test-c: check-banned test-unit test-golden test-schema test-schemas test-cli test-install

# Fragments owned by the bindings and the hardening suites add their targets.
-include bindings/python/python.mk bindings/go/go.mk test/fuzz/fuzz.mk test/reference/reference.mk test/hardening/hardening.mk test/oscal/oscal.mk
# Fragments added later are found by name: any *.mk under test/ or examples/ not listed above.
KNOWN_MK := bindings/python/python.mk bindings/go/go.mk test/fuzz/fuzz.mk test/reference/reference.mk test/hardening/hardening.mk test/oscal/oscal.mk
-include $(filter-out $(KNOWN_MK),$(sort $(wildcard test/*/*.mk test/*/*/*.mk examples/*/*.mk)))

test: deps-test
	@$(MAKE) --no-print-directory lib WERROR=$(TEST_WERROR)
	@$(MAKE) --no-print-directory test-c $(TEST_TARGETS) WERROR=$(TEST_WERROR)
	@echo "make test: all suites passed"

# ---- benchmark --------------------------------------------------------------------
BENCH_N      ?= 10000
BENCH_CORPUS := $(BUILD)/bench/corpus
# simdjson (Debian's libsimdjson-dev) is the fast yardstick beside cJSON.
CXX          ?= c++
SIMDJSON_LIBS := $(shell $(PKG_CONFIG) --libs simdjson 2>/dev/null || echo -lsimdjson)
$(BUILD)/bench/fast_parse.o: test/bench/fast_parse.cpp
	@mkdir -p $(@D)
	$(CXX) -std=c++17 -O2 -g -Wall -Wextra -Werror $(shell $(PKG_CONFIG) --cflags simdjson 2>/dev/null) -c -o $@ $<

$(BUILD)/bench/aigov-bench: test/bench/bench.c $(BUILD)/bench/fast_parse.o $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -std=gnu11 -Wno-missing-prototypes -O2 -g -c -o $(BUILD)/bench/bench.o $<
	$(CXX) -o $@ $(BUILD)/bench/bench.o $(BUILD)/bench/fast_parse.o $(LIB_A) $(CJSON_LIBS) $(SIMDJSON_LIBS) -lpthread

$(BUILD)/bench/corpus.ndjson: test/bench/gen_corpus.py $(GEN_TABLE)
	@mkdir -p $(@D)
	$(PYTHON) test/bench/gen_corpus.py --rules rules --count $(BENCH_N) --out $@ --dir $(BENCH_CORPUS)

# The second corpus: most facts answered, free text at length (about 100 KB each).
BENCH_ANSWERED_N ?= 300
$(BUILD)/bench/answered.ndjson: test/bench/gen_corpus.py $(GEN_TABLE)
	@mkdir -p $(@D)
	$(PYTHON) test/bench/gen_corpus.py --rules rules --answered --count $(BENCH_ANSWERED_N) --out $@

bench: $(BUILD)/bench/aigov-bench $(BUILD)/bench/corpus.ndjson $(BUILD)/bench/answered.ndjson $(CLI)
	@$(BUILD)/bench/aigov-bench --label answered $(BUILD)/bench/answered.ndjson
	@$(BUILD)/bench/aigov-bench $(BUILD)/bench/corpus.ndjson $(CLI)
	@$(MAKE) --no-print-directory $(BENCH_TARGETS) BENCH_CORPUS=$(abspath $(BENCH_CORPUS))
	@$(BUILD)/bench/aigov-bench --summary-line $(BUILD)/bench/corpus.ndjson

# ---- install ------------------------------------------------------------------------
# Copies what `make` built and compiles nothing (so `sudo make install` never
# builds as root); it stops, naming the file, when something is not built, and
# when the CLI was built for another BINDIR/LIBDIR layout.
INSTALL_FROM := $(LIB_REAL) $(LIB_A) $(INST_CLI) $(BUILD)/aigov.1
install:
	@for f in $(INSTALL_FROM); do test -f $$f || \
	    { echo "install: $$f is not built: run 'make' first (make install compiles nothing)" >&2; exit 1; }; done
	@rp=$$(readelf -d $(INST_CLI) | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p'); want='$(CLI_RPATH)'; test "$$rp" = "$$want" || \
	    { echo "install: $(INST_CLI) has RUNPATH '$$rp', this layout needs '$$want': run 'make' with the same PREFIX/BINDIR/LIBDIR first" >&2; exit 1; }
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(INCLUDEDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 644 include/aigov.h $(DESTDIR)$(INCLUDEDIR)/aigov.h
	install -m 644 $(LIB_REAL) $(DESTDIR)$(LIBDIR)/
	ln -sf libaigov.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(LIB_SONAME)
	ln -sf $(LIB_SONAME) $(DESTDIR)$(LIBDIR)/libaigov.so
	install -m 644 $(LIB_A) $(DESTDIR)$(LIBDIR)/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LIBDIR@|$(LIBDIR)|g' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|g' \
	    -e 's|@VERSION@|$(VERSION)|g' lib/aigov.pc.in > $(DESTDIR)$(LIBDIR)/pkgconfig/aigov.pc
	install -m 755 $(INST_CLI) $(DESTDIR)$(BINDIR)/aigov
	install -m 644 $(BUILD)/aigov.1 $(DESTDIR)$(MANDIR)/man1/aigov.1

uninstall:
	rm -f $(DESTDIR)$(INCLUDEDIR)/aigov.h $(DESTDIR)$(LIBDIR)/libaigov.* $(DESTDIR)$(LIBDIR)/pkgconfig/aigov.pc \
	    $(DESTDIR)$(BINDIR)/aigov $(DESTDIR)$(MANDIR)/man1/aigov.1

clean:
	rm -rf $(BUILD)
