# The Dask host (examples/dask): tests and benchmark. Included by the top Makefile (examples/*/*.mk).
#   make test-dask    a distributed.LocalCluster of 2 worker processes evaluates >= 20,000 generated
#                     descriptors: equal to `aigov eval --ndjson` line for line; a worker killed mid-run
#                     loses and duplicates nothing
#   make bench-dask   descriptors/s with 1 and 2 workers, and the batch mode's rate on the same input
# Needs python3-distributed (.ci/run installs it).
DASK_DIR     := examples/dask
DASK_N       ?= 20000
DASK_BENCH_N ?= 40000
DASK_CORPUS  := $(BUILD)/dask/corpus.ndjson
DASK_PYTHON  ?= $(shell for p in python3 /usr/bin/python3; do $$p -c 'import distributed' 2>/dev/null && { echo $$p; break; }; done)
DASK_ENV     := AIGOV_LIBRARY=$(abspath $(BUILD)/$(LIB_SONAME)) AIGOV_ROOT=$(CURDIR) AIGOV_CLI=$(abspath $(CLI)) \
                PYTHONPATH=$(abspath bindings/python) PYTHONDONTWRITEBYTECODE=1 DASK_CORPUS=$(abspath $(DASK_CORPUS)) \
                PYTHONWARNINGS=ignore::DeprecationWarning

.PHONY: test-dask bench-dask dask-python

dask-python:
	@test -n "$(DASK_PYTHON)" || { echo "dask: no python3 with distributed (apt-get install python3-distributed)"; exit 2; }

# Generated once per rule table (gen_corpus is slow: ~40 s of CPU for 20,000).
$(DASK_CORPUS): test/bench/gen_corpus.py $(GEN_TABLE)
	@mkdir -p $(@D)
	$(or $(DASK_PYTHON),python3) test/bench/gen_corpus.py --rules rules --count $(DASK_N) --out $@

test-dask: lib dask-python $(DASK_CORPUS)
	$(DASK_ENV) $(DASK_PYTHON) -m unittest discover -s $(DASK_DIR) -p 'test_*.py'

bench-dask: lib dask-python $(DASK_CORPUS)
	@$(DASK_ENV) $(DASK_PYTHON) $(DASK_DIR)/bench_dask.py --corpus $(DASK_CORPUS) --cli $(CLI) --count $(DASK_BENCH_N)

TEST_TARGETS  += test-dask
BENCH_TARGETS += bench-dask
