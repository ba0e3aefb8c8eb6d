# aigov ask (issue 24; included by the top Makefile): the questionnaire driven
# in tmux through two whole sessions (a high-risk deployer, a GPAI model
# provider) against golden descriptors, a scripted --answers run covering
# every question type with bad answers re-prompted, resume and errors, and
# read faults on the answers (the fault CLI of test/cli/cli.mk); all on the
# sanitized CLI. Needs tmux and python3-jsonschema.
.PHONY: test-ask ask-measure
test-ask: $(BUILD)/san/aigov $(BUILD)/san/aigov-faults
	$(PYTHON) test/ask/ask_test.py $(BUILD)/san/aigov answers tmux faults $(BUILD)/san/aigov-faults

# Questions needed from {} for each bundled example (the README's table).
ask-measure: lib
	AIGOV_LIBRARY=$(abspath $(LIB_SO)) $(PYTHON) test/ask/measure.py --markdown examples/descriptors/*.json

TEST_TARGETS += test-ask
