# Every EU AI Act obligation's evidence against a table written from the text:
# a duty can never be `met` without an item the text requires (issue 18).
.PHONY: test-evidence
test-evidence:
	$(PYTHON) test/rules/check_evidence.py
TEST_TARGETS += test-evidence
