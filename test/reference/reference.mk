# The independent evaluator (test/reference/aigov_ref.py, stdlib Python written from
# rules/README.md) against the C engine, and the schema checks.
#   make test-reference       schemas + golden expectations vs the reference, then the
#                             differential run on 20,000 random descriptors (~2-3 min, 2 cores)
#   make differential-long    the same on 1,000,000 descriptors (1-2 hours on 2 cores); the output
#                             goes to build/differential-long.txt
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

differential-long: $(CLI)
	@mkdir -p $(BUILD)
	$(PYTHON) $(REF_DIR)/differential.py --cli $(CLI) --count 1000000 --seed 1 --jobs $(DIFF_JOBS) \
	    --dates 2025-02-02,2026-08-02,2026-11-22,2026-12-02,2027-08-02,2027-12-02,2028-08-02,2030-08-02 \
	    --report-schema rules/report.schema.json --schema-every 5000 --quiet > $(BUILD)/differential-long.txt; \
	    rc=$$?; cat $(BUILD)/differential-long.txt; exit $$rc

TEST_TARGETS += test-reference
