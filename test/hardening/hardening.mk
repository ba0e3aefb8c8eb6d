# Hardening suites (included by the top Makefile):
#   test-symbols   exported symbols = the header's AIGOV_API functions; static
#                  library namespace; SONAME; every AIGOV_API function defined
#                  in lib/api/ only (check_api_layer.sh)
#   test-abi       abidiff against test/hardening/abi/libaigov.abi
#                  (abi-baseline regenerates it after an intended change)
#   test-oom       every allocation of every entry point failed in turn
#   test-threads   8 threads on one table: ThreadSanitizer build and plain build
#   test-hostile   malformed and hostile descriptors (Check), ASan + UBSan
#   test-valgrind  golden runner, unit tests, hostile test and CLI under memcheck
#   coverage       gcov line and branch coverage of lib/ with a gate
# Tools: abigail-tools (abidw, abidiff), valgrind, check, binutils (nm, readelf).
HARD_DOCS    := $(sort $(wildcard examples/descriptors/*.json)) $(sort $(wildcard examples/portfolio/*.json))
GOLDEN_CASES := $(sort $(wildcard test/golden/*.json))
OOM_DOC      := examples/descriptors/credit-scoring-bank.json
OOM_PORTFOLIO := examples/portfolio/fintech-three-systems.json
# --cjson also fails the allocations of the rule compiler's JSON parser
OOM_FLAGS    ?= --cjson
THREADS_ROUNDS ?= 500
TSAN_FLAGS   := -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread -Iinclude -Ilib $(CJSON_CFLAGS) -DAIGOV_BUILDING

.PHONY: test-symbols test-abi abi-baseline test-threads test-oom test-hostile test-valgrind

# ---- symbols and ABI ---------------------------------------------------------
test-symbols: $(LIB_SO) $(LIB_A)
	sh test/hardening/check_symbols.sh $(LIB_SO) include/aigov.h $(LIB_A)
	sh test/hardening/check_api_layer.sh include/aigov.h lib

ABI_BASELINE := test/hardening/abi/libaigov.abi
test-abi: $(LIB_REAL)
	sh test/hardening/check_abi.sh $(ABI_BASELINE) $(LIB_REAL) include $(BUILD)/abidiff.txt

abi-baseline: $(LIB_REAL)
	@mkdir -p $(dir $(ABI_BASELINE))
	abidw --headers-dir include --no-corpus-path --out-file $(ABI_BASELINE) $(LIB_REAL)

# ---- threads -----------------------------------------------------------------
$(BUILD)/tsan/threads_test: test/hardening/threads_test.c $(LIB_SRC) $(GEN_TABLE) $(wildcard lib/*/*.h) include/aigov.h
	@mkdir -p $(@D)
	$(CC) $(TSAN_FLAGS) -o $@ test/hardening/threads_test.c $(LIB_SRC) $(GEN_TABLE) $(CJSON_LIBS) -lpthread

$(BUILD)/plain/threads_test: test/hardening/threads_test.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O2 -g -o $@ $< $(LIB_A) $(CJSON_LIBS) -lpthread

test-threads: $(BUILD)/tsan/threads_test $(BUILD)/plain/threads_test
	TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" $(BUILD)/tsan/threads_test -r $(THREADS_ROUNDS) \
	    $(HARD_DOCS) $(GOLDEN_CASES)
	$(BUILD)/plain/threads_test -r $(THREADS_ROUNDS) $(HARD_DOCS) $(GOLDEN_CASES)

# ---- allocation failure -------------------------------------------------------
$(BUILD)/san/oom_test: test/hardening/oom_test.c $(SAN_A)
	$(CC) $(SAN_CFLAGS) -o $@ $< $(SAN_A) $(CJSON_LIBS)

test-oom: $(BUILD)/san/oom_test
	$(BUILD)/san/oom_test $(OOM_FLAGS) $(RULE_SRC) -- $(OOM_DOC) $(OOM_PORTFOLIO)

# ---- hostile input -----------------------------------------------------------
$(BUILD)/san/hostile_test: test/hardening/hostile_test.c $(SAN_A)
	$(CC) $(SAN_CFLAGS) $(CHECK_CFLAGS) -Wno-missing-prototypes -o $@ $< $(SAN_A) $(CJSON_LIBS) $(CHECK_LIBS)

test-hostile: $(BUILD)/san/hostile_test
	$(BUILD)/san/hostile_test $(HARD_DOCS)

# ---- valgrind memcheck on the plain (not sanitized) library -------------------
$(BUILD)/plain/aigov-golden: test/golden/runner.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O1 -g -o $@ $< $(LIB_A) $(CJSON_LIBS)

$(BUILD)/plain/unit-tests: $(UNIT_SRC) $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O1 -g $(CHECK_CFLAGS) -Wno-missing-prototypes -Itest/unit -o $@ $(UNIT_SRC) $(LIB_A) $(CJSON_LIBS) $(CHECK_LIBS)

$(BUILD)/plain/hostile_test: test/hardening/hostile_test.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O1 -g $(CHECK_CFLAGS) -Wno-missing-prototypes -o $@ $< $(LIB_A) $(CJSON_LIBS) $(CHECK_LIBS)

VALGRIND := valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=1
test-valgrind: $(BUILD)/plain/aigov-golden $(BUILD)/plain/unit-tests $(BUILD)/plain/hostile_test $(CLI)
	$(VALGRIND) $(BUILD)/plain/aigov-golden test/golden > $(BUILD)/valgrind-golden.log 2>&1 || \
	    { tail -n 40 $(BUILD)/valgrind-golden.log; exit 1; }
	@tail -n 1 $(BUILD)/valgrind-golden.log
	CK_FORK=no $(VALGRIND) $(BUILD)/plain/unit-tests > $(BUILD)/valgrind-unit.log 2>&1 || \
	    { tail -n 40 $(BUILD)/valgrind-unit.log; exit 1; }
	@tail -n 1 $(BUILD)/valgrind-unit.log
	CK_FORK=no HOSTILE_SWEEP=0 $(VALGRIND) $(BUILD)/plain/hostile_test > $(BUILD)/valgrind-hostile.log 2>&1 || \
	    { grep -E 'FAIL|==[0-9]+==' $(BUILD)/valgrind-hostile.log | head -n 40; tail -n 25 $(BUILD)/valgrind-hostile.log; exit 1; }
	@tail -n 1 $(BUILD)/valgrind-hostile.log
	$(VALGRIND) $(CLI) eval examples/portfolio/fintech-three-systems.json --as-of 2028-01-01 --format markdown --fail-on none > /dev/null
	$(VALGRIND) $(CLI) eval examples/portfolio/fintech-three-systems.json --as-of 2028-01-01 --format html --fail-on none > /dev/null
	$(VALGRIND) $(CLI) eval examples/descriptors examples/portfolio --as-of 2028-01-01 --format sarif --fail-on none > /dev/null
	$(VALGRIND) $(CLI) eval examples/descriptors examples/portfolio --as-of 2028-01-01 --format junit --fail-on none > /dev/null
	$(VALGRIND) $(CLI) rules --format oscal > /dev/null
	@echo "valgrind: clean"

TEST_TARGETS += test-symbols test-abi test-threads test-oom test-hostile test-valgrind

# ---- coverage ----------------------------------------------------------------
# gcov coverage of lib/ by the unit tests, the golden suite, the allocation-
# failure test, the hostile-input test, the rule compiler writing the builtin
# table and the committed fuzz corpora (the last four run for coverage only:
# their verdicts come from test-oom, test-hostile and test-fuzz-smoke).
# The build fails under 95% of lib/'s branches (the README publishes the figure).
COVERAGE_MIN_BRANCH ?= 95
COV_OBJ := $(patsubst lib/%.c,$(BUILD)/cov/%.o,$(LIB_SRC)) $(BUILD)/cov/gen/builtin_table.o
$(BUILD)/cov/%.o: lib/%.c $(wildcard lib/*/*.h) include/aigov.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O0 -g --coverage -DAIGOV_BUILDING -c -o $@ $<
$(BUILD)/cov/gen/builtin_table.o: $(GEN_TABLE)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O0 -DAIGOV_BUILDING -c -o $@ $<
$(BUILD)/cov/unit-tests: $(UNIT_SRC) $(COV_OBJ)
	$(CC) $(CFLAGS_COMMON) -O0 -g --coverage $(CHECK_CFLAGS) -Wno-missing-prototypes -Itest/unit -o $@ $(UNIT_SRC) $(COV_OBJ) $(CJSON_LIBS) $(CHECK_LIBS)
$(BUILD)/cov/aigov-golden: test/golden/runner.c $(COV_OBJ)
	$(CC) $(CFLAGS_COMMON) -O0 -g --coverage -o $@ $< $(COV_OBJ) $(CJSON_LIBS)
$(BUILD)/cov/oom_test: test/hardening/oom_test.c $(COV_OBJ)
	$(CC) $(CFLAGS_COMMON) -O0 -g --coverage -o $@ $< $(COV_OBJ) $(CJSON_LIBS)
$(BUILD)/cov/hostile_test: test/hardening/hostile_test.c $(COV_OBJ)
	$(CC) $(CFLAGS_COMMON) -O0 -g --coverage $(CHECK_CFLAGS) -Wno-missing-prototypes -o $@ $< $(COV_OBJ) $(CJSON_LIBS) $(CHECK_LIBS)

# The build-time rule compiler, instrumented: it must write the very table the
# build uses (so the emitter is covered by a check that can fail). As aigov-rulec,
# it links compile/, table/ and util/ only (api/table.c refers to the builtin table).
COV_RULEC_OBJ := $(filter $(BUILD)/cov/compile/% $(BUILD)/cov/table/% $(BUILD)/cov/util/%,$(COV_OBJ))
$(BUILD)/cov/aigov-rulec: lib/compile/rulec_main.c $(COV_RULEC_OBJ)
	$(CC) $(CFLAGS_COMMON) -O0 -g --coverage -DAIGOV_BUILDING -o $@ $< $(COV_RULEC_OBJ) $(CJSON_LIBS)
# The fuzz harnesses without libFuzzer (test/fuzz/replay_main.c): the committed
# corpora are replayed for coverage; their verdicts come from test-fuzz-smoke.
COV_FUZZ := $(addprefix $(BUILD)/cov/fuzz_,descriptor render rules number ruleset)
$(BUILD)/cov/fuzz_%: test/fuzz/fuzz_%.c test/fuzz/replay_main.c test/fuzz/fuzz_common.h $(COV_OBJ)
	$(CC) $(CFLAGS_COMMON) -O0 -g --coverage -o $@ $< test/fuzz/replay_main.c $(COV_OBJ) $(CJSON_LIBS)

.PHONY: coverage
coverage: $(BUILD)/cov/unit-tests $(BUILD)/cov/aigov-golden $(BUILD)/cov/oom_test $(BUILD)/cov/hostile_test \
          $(BUILD)/cov/aigov-rulec $(COV_FUZZ) $(GEN_TABLE)
	@find $(BUILD)/cov -name '*.gcda' -delete
	@CK_FORK=no $(BUILD)/cov/unit-tests > /dev/null
	@$(BUILD)/cov/aigov-golden test/golden > /dev/null
	@$(BUILD)/cov/oom_test $(OOM_FLAGS) $(RULE_SRC) -- $(OOM_DOC) $(OOM_PORTFOLIO) > /dev/null 2>&1 || true
	@CK_FORK=no HOSTILE_SWEEP=0 $(BUILD)/cov/hostile_test > /dev/null 2>&1 || true
	@$(BUILD)/cov/aigov-rulec -o $(BUILD)/cov/builtin_table.c $(RULE_SRC) 2> /dev/null
	@cmp -s $(BUILD)/cov/builtin_table.c $(GEN_TABLE) || \
	    { echo "coverage: the instrumented rule compiler writes a different table than the build's"; exit 1; }
	@for f in descriptor render rules number ruleset; do $(BUILD)/cov/fuzz_$$f test/fuzz/corpus/$$f/* 2> /dev/null || \
	    { echo "coverage: replaying test/fuzz/corpus/$$f fails"; exit 1; }; done
	$(PYTHON) test/hardening/coverage.py $(BUILD)/cov $(COVERAGE_MIN_BRANCH)

TEST_TARGETS += coverage
