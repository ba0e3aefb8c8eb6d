# Every EU AI Act rule carries a verbatim `quote` of its provision.
.PHONY: test-quotes
test-quotes:
	$(PYTHON) test/rules/check_quotes.py
TEST_TARGETS += test-quotes
