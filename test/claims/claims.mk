# The claims test: the fines, caps, thresholds and dates of the Act, each with its
# verbatim text, pinned through the CLI (test/claims/claims.json).
.PHONY: test-claims
test-claims: $(CLI)
	$(PYTHON) test/claims/run_claims.py --cli $(CLI) --rules rules
TEST_TARGETS += test-claims
