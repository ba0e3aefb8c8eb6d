# OSCAL export (included by the top Makefile): `aigov eval --format oscal` on
# every example descriptor (and the portfolio) must validate against NIST's
# published OSCAL 1.1.2 assessment-results JSON schema (vendored here, see
# test/oscal/README.md), be byte-identical across runs, and carry every gap
# of the JSON report as a not-satisfied finding. The sanitized CLI renders the
# same documents under ASan and UBSan. `aigov rules --format oscal`, the
# catalog of the rule set that the results import and whose controls their
# findings target, must validate against the NIST OSCAL 1.1.2 catalog schema
# (validate_catalog.py).
OSCAL_DOCS  := $(sort $(wildcard examples/descriptors/*.json)) $(sort $(wildcard examples/portfolio/*.json))
OSCAL_AS_OF ?= 2028-01-01

.PHONY: test-oscal
test-oscal: $(CLI) $(BUILD)/san/aigov
	@set -e; for f in $(OSCAL_DOCS); do \
	    $(BUILD)/san/aigov eval "$$f" --as-of $(OSCAL_AS_OF) --format oscal --fail-on none > /dev/null; \
	done
	$(PYTHON) test/oscal/validate_oscal.py $(CLI) $(OSCAL_AS_OF) $(OSCAL_DOCS)
	$(PYTHON) test/oscal/validate_oscal.py $(CLI) 2026-08-02 $(OSCAL_DOCS)
	$(BUILD)/san/aigov rules --format=oscal > /dev/null
	$(PYTHON) test/oscal/validate_catalog.py $(CLI) $(OSCAL_AS_OF) $(OSCAL_DOCS)

TEST_TARGETS += test-oscal
