# CI formats (issue 22 point 4; included by the top Makefile): SARIF 2.1.0 and
# JUnit XML of every example descriptor and the portfolio validate against the
# published schemas pinned here (see test/ci/README.md), carry the rule id,
# citation and descriptor file, and agree with the JSON report and the gate.
# The sanitized CLI renders them under ASan and UBSan.
CI_DOCS := $(sort $(wildcard examples/descriptors/*.json)) $(sort $(wildcard examples/portfolio/*.json))

.PHONY: test-ci-formats
test-ci-formats: $(BUILD)/san/aigov
	$(PYTHON) test/ci/validate_ci.py $(BUILD)/san/aigov 2028-01-01 $(CI_DOCS)
	$(PYTHON) test/ci/validate_ci.py $(BUILD)/san/aigov 2026-08-02 $(CI_DOCS)

TEST_TARGETS += test-ci-formats
