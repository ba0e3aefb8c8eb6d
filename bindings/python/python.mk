# Python binding: tests, wheel, benchmark (included by the top Makefile).
PY_ENV := AIGOV_LIBRARY=$(abspath $(LIB_SO)).0 AIGOV_ROOT=$(abspath .) AIGOV_CLI=$(abspath $(CLI)) \
          PYTHONPATH=$(abspath bindings/python) PYTHONDONTWRITEBYTECODE=1
CJSON_REAL := $(shell for d in /usr/lib/$$(gcc -dumpmachine) /usr/lib /usr/local/lib; do \
                  test -e $$d/libcjson.so.1 && readlink -f $$d/libcjson.so.1 && break; done)

.PHONY: test-python python-wheel bench-python
test-python: $(LIB_SO) $(CLI)
	$(PY_ENV) $(PYTHON) -m unittest discover -s bindings/python/tests -v 2>&1 | tail -n 25
	@$(PY_ENV) $(PYTHON) -m unittest discover -s bindings/python/tests > /dev/null 2>&1 || \
	    { echo "python binding tests failed"; exit 1; }

# The bundled copy finds libcjson.so.1 beside it ($ORIGIN).
$(BUILD)/wheel/libaigov.so.0: $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) -shared -Wl,-soname,libaigov.so.0 -Wl,-rpath,'$$ORIGIN' -o $@ $(LIB_OBJ) $(CJSON_LIBS)

python-wheel: $(BUILD)/wheel/libaigov.so.0
	$(PYTHON) bindings/python/build_wheel.py $< $(CJSON_REAL) $(BUILD)/dist

# Installs the wheel into a fresh venv (no libaigov on the library path) and evaluates.
test-python-wheel: python-wheel
	@set -e; d=$$(mktemp -d); $(PYTHON) -m venv --without-pip $$d/venv; \
	$(PYTHON) -m zipfile -e $(abspath $(BUILD))/dist/aigov-0.1.0-py3-none-linux_$$(uname -m).whl $$d/venv/lib/site; \
	PYTHONPATH=$$d/venv/lib/site env -u AIGOV_LIBRARY $$d/venv/bin/python -c \
	  "import aigov,os; assert aigov.library_path().startswith('$$d'), aigov.library_path(); print('wheel: ok', aigov.library_path())"; \
	rm -rf $$d

bench-python: $(LIB_SO)
	$(PY_ENV) $(PYTHON) bindings/python/bench.py $(BENCH_CORPUS) $(PY_BENCH_EVALS)

PY_BENCH_EVALS ?= 1000000
TEST_TARGETS += test-python test-python-wheel
BENCH_TARGETS += bench-python
