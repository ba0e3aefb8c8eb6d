# Differential testing against the independent Python evaluator.
.PHONY: test-reference differential-long
DIFF_COUNT ?= 20000
test-reference: $(CLI)
	$(PYTHON) test/reference/differential.py --count $(DIFF_COUNT) --cli $(CLI)

# The long run for a release (about 2-3 hours on 2 cores).
differential-long: $(CLI)
	$(PYTHON) test/reference/differential.py --count 1000000 --seed 1 --cli $(CLI)

TEST_TARGETS += test-reference
