# Python binding (bindings/python): tests, wheel, benchmark. Included by the top Makefile.
#   make test-python         unittest suite (golden cases, byte-identical to the CLI, threads, CI gate)
#   make python-wheel        build/dist/aigov-<v>-py3-none-linux_<arch>.whl, library bundled
#   make test-python-wheel   pip-installs that wheel in a fresh venv and checks it needs no libaigov
#   make bench-python        BENCH_CORPUS=dir: evaluations/s (full report, summary only) and RSS growth
PY_DIR      := bindings/python
PY_VERSION  := $(shell sed -n 's/^version *= *"\(.*\)"/\1/p' $(PY_DIR)/pyproject.toml)
PY_WHEEL    := $(BUILD)/dist/aigov-$(PY_VERSION)-py3-none-linux_$(shell uname -m).whl
PY_ENV      := AIGOV_LIBRARY=$(abspath $(LIB_SO)) AIGOV_ROOT=$(CURDIR) AIGOV_CLI=$(abspath $(CLI)) \
               PYTHONPATH=$(abspath $(PY_DIR)) PYTHONDONTWRITEBYTECODE=1
PY_BENCH_EVALS ?= 1000000

.PHONY: test-python python-wheel test-python-wheel bench-python

test-python: lib
	$(PY_ENV) $(PYTHON) -m unittest discover -s $(PY_DIR)/tests -t $(PY_DIR)/tests

$(PY_WHEEL): $(LIB_SO) $(wildcard $(PY_DIR)/aigov/*) LICENSE NOTICE $(PY_DIR)/build_wheel.py $(PY_DIR)/pyproject.toml $(PY_DIR)/README.md
	$(PYTHON) $(PY_DIR)/build_wheel.py --lib $(LIB_SO) --out $(BUILD)/dist

python-wheel: lib $(PY_WHEEL)

test-python-wheel: python-wheel
	$(PYTHON) $(PY_DIR)/check_wheel.py $(PY_WHEEL) $(CLI) examples/descriptors/credit-scoring-bank.json 2028-01-01

# BENCH_CORPUS: a directory of descriptor files (the top Makefile's bench passes build/bench/corpus);
# the C figures saved beside it (<corpus>.ndjson.summary) give the ratios.
# The C loop of the same-process comparison, loaded by bench.py with ctypes.
$(BUILD)/bench/libcsame.so: test/bench/csame.c $(LIB_SO)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_COMMON) -O2 -g -fPIC -shared -o $@ $< -L$(BUILD) -laigov -Wl,-rpath,'$$ORIGIN/..'

bench-python: lib $(BUILD)/bench/libcsame.so
	@test -n "$(BENCH_CORPUS)" || { echo "bench-python: set BENCH_CORPUS to a directory of descriptors"; exit 2; }
	@$(PY_ENV) $(PYTHON) $(PY_DIR)/bench.py --corpus $(BENCH_CORPUS) --evals $(PY_BENCH_EVALS) \
	    --c-summary $(BENCH_CORPUS).ndjson.summary --c-loop $(abspath $(BUILD)/bench/libcsame.so)

TEST_TARGETS  += test-python test-python-wheel
BENCH_TARGETS += bench-python
