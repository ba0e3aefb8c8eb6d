# libFuzzer harnesses (clang, ASan + UBSan), included by the top Makefile.
#   make fuzz [FUZZ_SECONDS=60]   fuzz each harness for FUZZ_SECONDS; prints the
#                                 executions and the coverage reached
#   make test-fuzz-smoke          (in make test) replays every committed corpus
#                                 file, then fuzzes each harness SMOKE_SECONDS
#   make fuzz-dict                regenerates the dictionaries from rules/
#   make fuzz-campaign [FUZZ_EXECS=10000000] [FUZZ_WORKERS=N] [FUZZ_CAMPAIGN=names]
#                      [FUZZ_MAX_SECONDS=S]
#                                 runs each harness to FUZZ_EXECS executions
#                                 (or S seconds); appends the result lines to
#                                 build/fuzz/campaigns.log
#                                 (not with make -j: each uses every worker)
# New inputs go to build/fuzz/corpus-NAME; the committed seeds under
# test/fuzz/corpus/NAME are only read. A crash leaves its input in
# build/fuzz/artifacts/: fix it, then commit the input to
# test/fuzz/corpus/NAME/regress-WHAT so every smoke run replays it.
# Needs clang and its libFuzzer runtime (Debian: clang libclang-rt-14-dev).
FUZZ_CC       ?= clang
FUZZERS       := descriptor render rules number ruleset ndjson cli
FUZZ_SECONDS  ?= 60
SMOKE_SECONDS ?= 20
FUZZ_DIR      := $(BUILD)/fuzz
FUZZ_SAN      := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS   := -std=c11 -D_POSIX_C_SOURCE=200809L -g -O2 $(FUZZ_SAN) -Iinclude -Ilib $(CJSON_CFLAGS) -DAIGOV_BUILDING
FUZZ_OBJ      := $(patsubst lib/%.c,$(FUZZ_DIR)/obj/%.o,$(LIB_SRC)) $(FUZZ_DIR)/obj/gen/builtin_table.o
FUZZ_DICT_descriptor := test/fuzz/descriptor.dict
FUZZ_DICT_render     := test/fuzz/descriptor.dict
FUZZ_DICT_rules      := test/fuzz/rules.dict
FUZZ_DICT_number     := test/fuzz/number.dict
FUZZ_DICT_ruleset    := test/fuzz/rules.dict
FUZZ_DICT_ndjson     := test/fuzz/ndjson.dict
FUZZ_MAXLEN_descriptor := 16384
FUZZ_MAXLEN_render     := 16384
FUZZ_MAXLEN_rules      := 131072
FUZZ_MAXLEN_number     := 2048
FUZZ_MAXLEN_ruleset    := 65536
FUZZ_MAXLEN_ndjson     := 200000
FUZZ_DICT_cli        := test/fuzz/cli.dict
FUZZ_MAXLEN_cli        := 4096
# libFuzzer options of one harness. fuzz_cli: the entropic schedule keeps every
# feature seen fewer than this many times in its list of rare ones and
# searches that list for every feature of every run; at the default (255)
# that bookkeeping was half of fuzz_cli's time (perf: UpdateFeatureFrequency,
# AddRareFeature), at 32 a sixth, with the same coverage over a campaign's
# first minutes. It changes which inputs are mutated first, not what a run checks.
FUZZ_FLAGS_cli := -entropic_feature_frequency_threshold=32
# the two newest harnesses smoke for less time: make test stays short
SMOKE_SECONDS_NEW ?= 10

# Fails clearly, instead of passing, when clang or its fuzzer runtime is missing.
$(FUZZ_DIR)/runtime-ok:
	@mkdir -p $(@D)
	@command -v $(FUZZ_CC) > /dev/null 2>&1 || \
	    { echo "fuzz: $(FUZZ_CC) not found; install clang and libclang-rt-14-dev (or set FUZZ_CC)"; exit 1; }
	@printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' > $(@D)/probe.c
	@$(FUZZ_CC) -fsanitize=fuzzer,address,undefined -o $(@D)/probe $(@D)/probe.c > $(@D)/probe.log 2>&1 || \
	    { cat $(@D)/probe.log; echo "fuzz: $(FUZZ_CC) cannot link -fsanitize=fuzzer: the libFuzzer runtime is missing (apt-get install libclang-rt-14-dev)"; exit 1; }
	@$(@D)/probe -runs=1 > $(@D)/probe.log 2>&1 || \
	    { cat $(@D)/probe.log; echo "fuzz: a libFuzzer binary does not run here"; exit 1; }
	@touch $@

# The library, compiled once with coverage instrumentation for the fuzzer.
# The code that only formats a computed report (render/, report/ and the
# output buffer and hash in util/) keeps its edge coverage and the sanitizers
# but not the comparison tracing: there it compares the table's own data, not
# input bytes, and the tracing callbacks were half of fuzz_render's time
# (perf: __sanitizer_cov_trace_*cmp* 55%).
# The evaluator (all of eval/: evaluate.c, the Kleene expression walk in
# kleene.c, exposure.c) likewise: it compares Kleene values, table opcodes,
# bit sets of facts and parsed numbers through util/num.c, never input bytes,
# which the descriptor parser, util/num.c and util/date.c compare (and keep
# their tracing); its tracing was a fifth of fuzz_cli's time (perf:
# ag_questions, unknown_facts, ag_eval_expr), and again an eighth once
# ag_eval_expr had moved from evaluate.c to kleene.c.
FUZZ_NO_CMP := -fno-sanitize-coverage=trace-cmp
$(FUZZ_DIR)/obj/render/%.o $(FUZZ_DIR)/obj/report/%.o $(FUZZ_DIR)/obj/util/buf.o $(FUZZ_DIR)/obj/util/sha256.o \
    $(FUZZ_DIR)/obj/eval/%.o: \
    FUZZ_COV_EXTRA := $(FUZZ_NO_CMP)
$(FUZZ_DIR)/obj/%.o: lib/%.c $(wildcard lib/*/*.h) include/aigov.h test/fuzz/fuzz.mk | $(FUZZ_DIR)/runtime-ok
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(FUZZ_COV_EXTRA) -c -o $@ $<

$(FUZZ_DIR)/obj/gen/builtin_table.o: $(GEN_TABLE) lib/table/table.h | $(FUZZ_DIR)/runtime-ok
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: test/fuzz/fuzz_%.c test/fuzz/fuzz_common.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(CJSON_LIBS)

# The CLI's line reader, with its io table (the harness swaps in faulty reads).
$(FUZZ_DIR)/fuzz_ndjson: test/fuzz/fuzz_ndjson.c test/fuzz/fuzz_common.h examples/cli/io.c examples/cli/cli.h | $(FUZZ_DIR)/runtime-ok
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< examples/cli/io.c

# The whole command line in-process (cli_main): the CLI's sources but main.c,
# on the instrumented library; its file system is the fixture directory.
FUZZ_CLI_SRC := $(filter-out examples/cli/main.c,$(CLI_SRC))
$(FUZZ_DIR)/fuzz_cli: test/fuzz/fuzz_cli.c test/fuzz/fuzz_common.h $(FUZZ_CLI_SRC) examples/cli/cli.h $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_CLI_FIXTURES='"$(CURDIR)/test/fuzz/fixtures/cli"' -fsanitize=fuzzer \
	    -Iexamples/cli -o $@ $< $(FUZZ_CLI_SRC) $(FUZZ_OBJ) $(CJSON_LIBS) -lpthread -lm

.SECONDARY: $(FUZZ_OBJ)
.PHONY: fuzz test-fuzz-smoke fuzz-dict fuzz-build
fuzz-build: $(addprefix $(FUZZ_DIR)/fuzz_,$(FUZZERS))

fuzz-dict:
	$(PYTHON) test/fuzz/make_dict.py rules test/fuzz

# $(1) harness, $(2) seconds. Prints the final "#N DONE cov: ..." line and
# the execution count; on a crash prints the report and the reproducer.
define run_fuzzer
	@mkdir -p $(FUZZ_DIR)/corpus-$(1) $(FUZZ_DIR)/artifacts
	@$(FUZZ_DIR)/fuzz_$(1) -max_total_time=$(2) $(FUZZ_FLAGS_$(1)) -dict=$(FUZZ_DICT_$(1)) -max_len=$(FUZZ_MAXLEN_$(1)) \
	    -timeout=20 -rss_limit_mb=2560 -use_value_profile=1 -print_final_stats=1 \
	    -artifact_prefix=$(FUZZ_DIR)/artifacts/$(1)- $(FUZZ_DIR)/corpus-$(1) test/fuzz/corpus/$(1) \
	    > $(FUZZ_DIR)/$(1).log 2>&1; rc=$$?; \
	  execs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $(FUZZ_DIR)/$(1).log); \
	  cov=$$(grep -E '^#[0-9]+' $(FUZZ_DIR)/$(1).log | tail -n 1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [^ ]+).*/\1/'); \
	  echo "fuzz: $(1): $${execs:-?} executions in $(2) s, $$cov"; \
	  if [ $$rc -ne 0 ]; then tail -n 60 $(FUZZ_DIR)/$(1).log; \
	    echo "fuzz: $(1) FAILED (exit $$rc); input: $$(ls -t $(FUZZ_DIR)/artifacts/$(1)-* 2>/dev/null | head -n 1)"; exit 1; fi
endef

# $(1) harness: FUZZ_EXECS executions in all, shared by FUZZ_WORKERS processes
# (each -runs=FUZZ_EXECS/FUZZ_WORKERS on one corpus directory, -reload picks up
# what the others find), or fewer when FUZZ_MAX_SECONDS (0: no bound) runs out
# first. Prints "fuzz: NAME execs=N workers=W seconds=S exec/s=R cov: ..."
# and, on a crash, the report and the reproducer; the line, after the UTC date
# and the commit the run started at, is also appended to FUZZ_CAMPAIGN_LOG (build/fuzz/campaigns.log)
# for test/fuzz/CAMPAIGNS.md.
define run_campaign
	@mkdir -p $(FUZZ_DIR)/corpus-$(1) $(FUZZ_DIR)/artifacts $(FUZZ_DIR)/campaign
	@rm -f $(FUZZ_DIR)/campaign/$(1)-*.log # a former run's workers are not this one's
	@start=$$(date +%s); stamp="$$(date -u +%Y-%m-%dT%H:%MZ) $$(git rev-parse --short HEAD 2>/dev/null || echo no-git)"; \
	  per=$$(( ($(FUZZ_EXECS) + $(FUZZ_WORKERS) - 1) / $(FUZZ_WORKERS) )); pids=""; \
	  for w in $$(seq 1 $(FUZZ_WORKERS)); do \
	    $(FUZZ_DIR)/fuzz_$(1) -runs=$$per -max_total_time=$(FUZZ_MAX_SECONDS) $(FUZZ_FLAGS_$(1)) -dict=$(FUZZ_DICT_$(1)) -max_len=$(FUZZ_MAXLEN_$(1)) -reload=60 \
	        -timeout=20 -rss_limit_mb=2560 -use_value_profile=1 -print_final_stats=1 -seed=$$w \
	        -artifact_prefix=$(FUZZ_DIR)/artifacts/$(1)- $(FUZZ_DIR)/corpus-$(1) test/fuzz/corpus/$(1) \
	        > $(FUZZ_DIR)/campaign/$(1)-$$w.log 2>&1 & pids="$$pids $$!"; \
	  done; rc=0; for p in $$pids; do wait $$p || rc=1; done; \
	  secs=$$(( $$(date +%s) - start )); [ $$secs -gt 0 ] || secs=1; \
	  execs=$$(cat $(FUZZ_DIR)/campaign/$(1)-*.log | sed -n 's/^stat::number_of_executed_units: *//p' | awk '{s+=$$1} END {print s+0}'); \
	  cov=$$(grep -hE '^#[0-9]+' $(FUZZ_DIR)/campaign/$(1)-*.log | tail -n 1 | sed -E 's/.*(cov: [0-9]+ ft: [0-9]+ corp: [^ ]+).*/\1/'); \
	  line="fuzz: $(1) execs=$$execs workers=$(FUZZ_WORKERS) seconds=$$secs exec/s=$$((execs / secs)) $$cov"; \
	  echo "$$line"; \
	  echo "$$stamp $$line" >> $(FUZZ_CAMPAIGN_LOG); \
	  if [ $$rc -ne 0 ]; then for l in $(FUZZ_DIR)/campaign/$(1)-*.log; do grep -q 'ERROR\|invariant' $$l && tail -n 60 $$l; done; \
	    input="$$(ls -t $(FUZZ_DIR)/artifacts/$(1)-* 2>/dev/null | head -n 1)"; \
	    echo "$$stamp fuzz: $(1) FAILED; input: $$input" >> $(FUZZ_CAMPAIGN_LOG); \
	    echo "fuzz: $(1) FAILED; input: $$input"; exit 1; fi
endef

# make fuzz-campaign [FUZZ_EXECS=10000000] [FUZZ_WORKERS=2] [FUZZ_CAMPAIGN=descriptor ...]:
# each harness to FUZZ_EXECS executions (issue 19 asks 10 million per C harness).
FUZZ_EXECS    ?= 10000000
FUZZ_WORKERS  ?= $(shell nproc 2>/dev/null || echo 1)
FUZZ_CAMPAIGN ?= $(FUZZERS)
FUZZ_MAX_SECONDS ?= 0
FUZZ_CAMPAIGN_LOG ?= $(FUZZ_DIR)/campaigns.log
.PHONY: fuzz-campaign $(addprefix fuzz-campaign-,$(FUZZERS))
fuzz-campaign: $(addprefix fuzz-campaign-,$(FUZZ_CAMPAIGN))
$(addprefix fuzz-campaign-,$(FUZZERS)): fuzz-campaign-%: $(FUZZ_DIR)/fuzz_%
	$(call run_campaign,$*)

fuzz: fuzz-build
	$(call run_fuzzer,descriptor,$(FUZZ_SECONDS))
	$(call run_fuzzer,render,$(FUZZ_SECONDS))
	$(call run_fuzzer,rules,$(FUZZ_SECONDS))
	$(call run_fuzzer,number,$(FUZZ_SECONDS))
	$(call run_fuzzer,ruleset,$(FUZZ_SECONDS))
	$(call run_fuzzer,ndjson,$(FUZZ_SECONDS))
	$(call run_fuzzer,cli,$(FUZZ_SECONDS))

test-fuzz-smoke: fuzz-build
	@$(PYTHON) test/fuzz/make_dict.py --check rules test/fuzz || echo "fuzz: (a stale dictionary only weakens fuzzing; not a failure)"
	@mkdir -p $(FUZZ_DIR)/artifacts
	@for f in $(FUZZERS); do \
	    $(FUZZ_DIR)/fuzz_$$f -artifact_prefix=$(FUZZ_DIR)/artifacts/replay-$$f- test/fuzz/corpus/$$f/* \
	        > $(FUZZ_DIR)/replay-$$f.log 2>&1 || \
	        { tail -n 40 $(FUZZ_DIR)/replay-$$f.log; echo "fuzz: replaying test/fuzz/corpus/$$f fails"; exit 1; }; \
	    echo "fuzz: replayed $$(ls test/fuzz/corpus/$$f | wc -l) committed inputs of $$f"; \
	done
	$(call run_fuzzer,descriptor,$(SMOKE_SECONDS))
	$(call run_fuzzer,render,$(SMOKE_SECONDS))
	$(call run_fuzzer,rules,$(SMOKE_SECONDS))
	$(call run_fuzzer,number,$(SMOKE_SECONDS_NEW))
	$(call run_fuzzer,ruleset,$(SMOKE_SECONDS_NEW))
	$(call run_fuzzer,ndjson,$(SMOKE_SECONDS_NEW))
	@echo "fuzz: smoke passed"

TEST_TARGETS += test-fuzz-smoke
