# libFuzzer harnesses (clang): `make fuzz FUZZ_SECONDS=N` runs each for N
# seconds; `make test-fuzz-smoke` (part of make test) replays the committed
# corpus and fuzzes each harness briefly. New inputs go to build/fuzz/, the
# committed seeds under test/fuzz/corpus/ are only read.
FUZZ_CC      ?= clang
FUZZ_FLAGS   := -std=c11 -D_POSIX_C_SOURCE=200809L -g -O1 -fsanitize=fuzzer,address,undefined \
                -fno-sanitize-recover=undefined -Iinclude -Ilib $(CJSON_CFLAGS) -DAIGOV_BUILDING
FUZZERS      := descriptor render rules
FUZZ_SECONDS ?= 60
SMOKE_SECONDS ?= 15

$(BUILD)/fuzz/fuzz_%: test/fuzz/fuzz_%.c $(LIB_SRC) $(GEN_TABLE)
	@mkdir -p $(@D)
	@command -v $(FUZZ_CC) > /dev/null || { echo "fuzz: $(FUZZ_CC) not found (apt-get install clang libclang-rt-14-dev)"; exit 1; }
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(GEN_TABLE) $(CJSON_LIBS)

$(BUILD)/fuzz/descriptor.dict: test/fuzz/make_dict.py $(RULE_SRC)
	@mkdir -p $(@D)
	$(PYTHON) test/fuzz/make_dict.py $@

.PHONY: fuzz test-fuzz-smoke
define run_fuzzer
	@mkdir -p $(BUILD)/fuzz/corpus-$(1) $(BUILD)/fuzz/artifacts
	$(BUILD)/fuzz/fuzz_$(1) -max_total_time=$(2) -dict=$(BUILD)/fuzz/descriptor.dict -max_len=16384 \
	    -artifact_prefix=$(BUILD)/fuzz/artifacts/$(1)- -print_final_stats=1 \
	    $(BUILD)/fuzz/corpus-$(1) test/fuzz/corpus/$(1) 2>&1 | grep -E 'stat::number_of_executed_units|cov:|ERROR|SUMMARY' | tail -n 3
	@! ls $(BUILD)/fuzz/artifacts/$(1)-* > /dev/null 2>&1 || { echo "fuzz: $(1) found a crash: $$(ls $(BUILD)/fuzz/artifacts/$(1)-*)"; exit 1; }
endef

fuzz: $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZERS)) $(BUILD)/fuzz/descriptor.dict
	$(call run_fuzzer,descriptor,$(FUZZ_SECONDS))
	$(call run_fuzzer,render,$(FUZZ_SECONDS))
	$(call run_fuzzer,rules,$(FUZZ_SECONDS))

test-fuzz-smoke: $(addprefix $(BUILD)/fuzz/fuzz_,$(FUZZERS)) $(BUILD)/fuzz/descriptor.dict
	@for f in $(FUZZERS); do $(BUILD)/fuzz/fuzz_$$f -runs=0 test/fuzz/corpus/$$f > /dev/null 2>&1 || \
	    { echo "fuzz: replaying the $$f corpus fails"; exit 1; }; done
	$(call run_fuzzer,descriptor,$(SMOKE_SECONDS))
	$(call run_fuzzer,render,$(SMOKE_SECONDS))
	$(call run_fuzzer,rules,$(SMOKE_SECONDS))
	@echo "fuzz: smoke passed"

TEST_TARGETS += test-fuzz-smoke
