# Reports people read (issue 22 point 5; included by the top Makefile): the
# markdown's order and its 60,000-character bound on every example, the
# portfolio and generated portfolios of 120 and 256 systems; the HTML page
# loaded in headless Chromium (Debian's chromium), its DOM checked against
# the JSON report, no console message, hostile names kept as text, and a
# screenshot written to $(BUILD)/report-html.png for a person to look at
# (docs/report-html.png in the README is a copy of one).
CHROMIUM ?= chromium

.PHONY: test-reports
test-reports: $(BUILD)/san/aigov
	$(PYTHON) test/reports/check_reports.py $(BUILD)/san/aigov $(CHROMIUM) $(BUILD)/report-html.png

TEST_TARGETS += test-reports
