# Hardening suites (included by the top Makefile): exported symbols, ABI,
# threads under ThreadSanitizer, allocation failure, valgrind.
HARD_DOCS := $(sort $(wildcard examples/descriptors/*.json)) $(wildcard examples/portfolio/*.json)
TSAN_FLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fsanitize=thread -Iinclude -Ilib $(CJSON_CFLAGS) -DAIGOV_BUILDING

.PHONY: test-symbols test-abi abi-baseline test-threads test-oom test-valgrind
test-symbols: $(LIB_SO)
	sh test/hardening/check_symbols.sh $(LIB_SO) include/aigov.h

# abidiff exit bits: 4 = ABI changed, 8 = incompatible change. Additions pass.
ABI_BASELINE := test/hardening/abi/libaigov.abi
test-abi: $(LIB_REAL)
	@if ! command -v abidiff > /dev/null; then echo "abi: abidiff missing (apt-get install abigail-tools)"; exit 1; fi
	@abidiff --headers-dir1 include --headers-dir2 include $(ABI_BASELINE) $(LIB_REAL) > $(BUILD)/abidiff.txt; \
	    rc=$$?; if [ $$((rc & 8)) -ne 0 ] || [ $$((rc & 3)) -ne 0 ]; then cat $(BUILD)/abidiff.txt; \
	    echo "abi: incompatible change against $(ABI_BASELINE) (bump the SONAME, or make abi-baseline if intended)"; exit 1; fi; \
	    echo "abi: no incompatible change against the baseline (abidiff status $$rc)"

abi-baseline: $(LIB_REAL)
	@mkdir -p $(dir $(ABI_BASELINE))
	abidw --headers-dir include --no-corpus-path --out-file $(ABI_BASELINE) $(LIB_REAL)

$(BUILD)/tsan/threads_test: test/hardening/threads_test.c $(LIB_SRC) $(GEN_TABLE)
	@mkdir -p $(@D)
	$(CC) $(TSAN_FLAGS) -o $@ test/hardening/threads_test.c $(LIB_SRC) $(GEN_TABLE) $(CJSON_LIBS) -lpthread

test-threads: $(BUILD)/tsan/threads_test
	TSAN_OPTIONS=halt_on_error=1 $(BUILD)/tsan/threads_test $(HARD_DOCS)

$(BUILD)/san/oom_test: test/hardening/oom_test.c $(SAN_A)
	$(CC) $(SAN_CFLAGS) -o $@ $< $(SAN_A) $(CJSON_LIBS)

test-oom: $(BUILD)/san/oom_test
	$(BUILD)/san/oom_test $(RULE_SRC) -- examples/descriptors/credit-scoring-bank.json

# The plain (not sanitized) library under valgrind memcheck.
$(BUILD)/plain/aigov-golden: test/golden/runner.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O1 -g -o $@ $< $(LIB_A) $(CJSON_LIBS)

$(BUILD)/plain/unit-tests: $(UNIT_SRC) $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O1 -g $(CHECK_CFLAGS) -Wno-missing-prototypes -Itest/unit -o $@ $(UNIT_SRC) $(LIB_A) $(CJSON_LIBS) $(CHECK_LIBS)

VALGRIND := valgrind --quiet --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --error-exitcode=1
test-valgrind: $(BUILD)/plain/aigov-golden $(BUILD)/plain/unit-tests
	$(VALGRIND) $(BUILD)/plain/aigov-golden test/golden > $(BUILD)/valgrind-golden.log 2>&1 || \
	    { tail -n 40 $(BUILD)/valgrind-golden.log; exit 1; }
	@tail -n 1 $(BUILD)/valgrind-golden.log
	CK_FORK=no $(VALGRIND) $(BUILD)/plain/unit-tests > $(BUILD)/valgrind-unit.log 2>&1 || \
	    { tail -n 40 $(BUILD)/valgrind-unit.log; exit 1; }
	@tail -n 1 $(BUILD)/valgrind-unit.log
	$(VALGRIND) $(CLI) eval examples/portfolio/fintech-three-systems.json --as-of 2028-01-01 --format markdown --fail-on none > /dev/null
	@echo "valgrind: clean"

TEST_TARGETS += test-symbols test-abi test-threads test-oom test-valgrind
