# scripts/setup-deps.sh, every branch, against stub package tools (seconds).
.PHONY: test-setup-deps
test-setup-deps:
	@sh test/setup/check_setup_deps.sh
TEST_TARGETS += test-setup-deps
