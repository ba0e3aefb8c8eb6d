# CLI hardening (issue 19; included by the top Makefile): batch mode exits as
# its lines would alone and never drops a line, reads are capped while
# reading, read errors and bad options exit 2 with the reason, errors name
# syntax errors by line and column and quote odd keys, and nothing the CLI
# prints carries a raw control character. The fault build is the sanitized
# CLI with test/cli/fault.c replacing its read and allocation hooks
# ($AIGOV_CLI_FAULT: short, eintr, eagain, eio=N, enomem=N).
CLI_FAULTS := $(BUILD)/san/aigov-faults

$(CLI_FAULTS): $(CLI_SRC) $(wildcard examples/cli/*.h) test/cli/fault.c $(SAN_A)
	$(CC) $(SAN_CFLAGS) -DAIGOV_CLI_TEST_HOOKS -Iexamples/cli -o $@ $(CLI_SRC) test/cli/fault.c $(SAN_A) \
	    $(CJSON_LIBS) -lpthread -lm

.PHONY: test-cli-hardening
test-cli-hardening: $(BUILD)/san/aigov $(CLI_FAULTS)
	$(PYTHON) test/cli/cli_hardening.py $(BUILD)/san/aigov $(CLI_FAULTS)

TEST_TARGETS += test-cli-hardening

# CLI conventions (issue 22 point 3): getopt_long, --help per command,
# unknown options named, several files and directories with the worst exit
# status, --only, --framework, "did you mean", and what --fail-on=unknown counts.
.PHONY: test-cli-conventions
test-cli-conventions: $(BUILD)/san/aigov
	$(PYTHON) test/cli/cli_conventions.py $(BUILD)/san/aigov

TEST_TARGETS += test-cli-conventions

# The Statement of Applicability as CSV (issue 20 point 9): RFC 4180, the ten columns,
# grades, CSV-injection-safe cells, header only while ISO/IEC 42001 is not assessed.
.PHONY: test-cli-soa-csv
test-cli-soa-csv: $(BUILD)/san/aigov
	$(PYTHON) test/cli/cli_soa_csv.py $(BUILD)/san/aigov

TEST_TARGETS += test-cli-soa-csv
