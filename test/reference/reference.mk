# The independent evaluator (test/reference/aigov_ref.py, stdlib Python written from
# rules/README.md) against the C engine, and the schema checks.
#   make test-reference       schemas + golden expectations vs the reference, then the
#                             differential run on 20,000 random descriptors (~2-3 min, 2 cores)
#   make differential-long    the same on 1,000,000 descriptors (1-2 hours on 2 cores), as ten
#                             seeds of 100,000; the verdicts go to build/differential-long.txt
# DIFF_COUNT, DIFF_SEED and DIFF_JOBS override the run; a failing descriptor is printed
# (and shrunk), and `aigov_ref.py FILE --as-of D` shows what the reference makes of it.
.PHONY: test-reference differential-long

REF_DIR    := test/reference
DIFF_COUNT ?= 20000
DIFF_SEED  ?= 20261122
DIFF_JOBS  ?= 2
DIFF_DATES ?= 2026-11-22,2027-12-02,2028-08-02

test-reference: $(CLI)
	$(PYTHON) $(REF_DIR)/check_schemas.py --cli $(CLI)
	$(PYTHON) $(REF_DIR)/differential.py --cli $(CLI) --count $(DIFF_COUNT) --seed $(DIFF_SEED) \
	    --jobs $(DIFF_JOBS) --dates $(DIFF_DATES) --report-schema rules/report.schema.json --schema-every 100 --quiet

# Ten runs of 100,000 (seeds 1-10) rather than one of 1,000,000: each prints its
# verdict as it ends, so an interrupted run still says how far it got.
DIFF_LONG_DATES ?= 2025-02-02,2026-08-02,2026-11-22,2026-12-02,2027-08-02,2027-12-02,2028-08-02,2030-08-02
differential-long: $(CLI)
	@mkdir -p $(BUILD)
	@: > $(BUILD)/differential-long.txt; rc=0; \
	for seed in 1 2 3 4 5 6 7 8 9 10; do \
	    $(PYTHON) $(REF_DIR)/differential.py --cli $(CLI) --count 100000 --seed $$seed --jobs $(DIFF_JOBS) \
	        --dates $(DIFF_LONG_DATES) --report-schema rules/report.schema.json --schema-every 5000 --quiet \
	        > $(BUILD)/differential-long-$$seed.txt 2>&1 || rc=1; \
	    echo "seed $$seed: $$(tail -n 1 $(BUILD)/differential-long-$$seed.txt)" | tee -a $(BUILD)/differential-long.txt; \
	done; \
	awk '{p += $$4; f += $$6} END {printf "differential-long: %d passed, %d failed\n", p, f}' \
	    $(BUILD)/differential-long.txt | tee -a $(BUILD)/differential-long.txt; exit $$rc

TEST_TARGETS += test-reference
