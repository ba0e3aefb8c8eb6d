# bindings/go/go.mk - Go binding and the Go HTTP service (issue 6).
# Included by the top Makefile; BUILD, CLI and the target `lib` come from it.
#
#   make test-go    go test -race over the binding and examples/http-service (the
#                   fuzz harnesses' seeds included), then the cross-interface test
#                   (bindings/python/tests/test_cross_interface.py) with the Go
#                   binding and the HTTP service in it
#   make fuzz-go    GO_FUZZTIME (FUZZ_SECONDS, 60 s) of FuzzEvaluate and FuzzHandler
#                   each; `make fuzz` runs it after the C harnesses
#   make bench-go   go: full_per_s=N summary_per_s=N rss_growth_kb=N
#   make http-service   build/aigov-http
#
# Standard library only, no module proxy (GOPROXY=off), caches under
# $(BUILD)/go-cache so that a clean clone needs nothing from $HOME.

GO ?= go
BENCH_CORPUS ?= test/golden
BENCH_AS_OF ?= 2028-01-01
GO_BENCH_FLAGS ?=

GO_BUILD_DIR = $(abspath $(BUILD))
# build/pkgconfig/aigov.pc bakes no RUNPATH into what it builds (so no checkout
# path ends up in a binary): the test binaries and tools find the library here.
GO_ENV = PKG_CONFIG_PATH=$(GO_BUILD_DIR)/pkgconfig LD_LIBRARY_PATH=$(GO_BUILD_DIR) CGO_ENABLED=1 \
	GOFLAGS=-mod=mod GOPROXY=off GOSUMDB=off GOENV=off \
	GOCACHE=$(GO_BUILD_DIR)/go-cache/build GOPATH=$(GO_BUILD_DIR)/go-cache/path \
	GOMODCACHE=$(GO_BUILD_DIR)/go-cache/path/pkg/mod
GO_TEST_ENV = AIGOV_ROOT=$(CURDIR) AIGOV_CLI=$(abspath $(CLI))

.PHONY: test-go fuzz-go bench-go go-check http-service

go-check:
	@command -v $(GO) >/dev/null 2>&1 || { echo "go-check: '$(GO)' not found (apt-get install golang-go)" >&2; exit 1; }

test-go: lib go-check
	@! command -v gofmt >/dev/null 2>&1 || { out=$$(gofmt -l bindings/go examples/http-service); \
	    test -z "$$out" || { echo "gofmt needed on: $$out" >&2; exit 1; }; }
	cd bindings/go && $(GO_ENV) $(GO_TEST_ENV) $(GO) vet ./...
	cd bindings/go && $(GO_ENV) $(GO_TEST_ENV) $(GO) test -race -count=1 ./...
	cd examples/http-service && $(GO_ENV) $(GO_TEST_ENV) $(GO) vet ./...
	cd examples/http-service && $(GO_ENV) $(GO_TEST_ENV) $(GO) test -race -count=1 ./...
	cd bindings/go && $(GO_ENV) $(GO) build -o $(GO_BUILD_DIR)/aigov-verdict ./cmd/aigov-verdict
	cd examples/http-service && $(GO_ENV) $(GO) build -o $(GO_BUILD_DIR)/aigov-http .
	cd $(PY_DIR)/tests && $(PY_ENV) LD_LIBRARY_PATH=$(GO_BUILD_DIR) AIGOV_GO_VERDICT=$(GO_BUILD_DIR)/aigov-verdict AIGOV_HTTP=$(GO_BUILD_DIR)/aigov-http \
	    $(PYTHON) -m unittest -v test_cross_interface.CrossInterface.test_go test_cross_interface.CrossInterface.test_http

# Go's fuzzing engine on the two harnesses (the seeds alone run in test-go).
# -fuzzminimizetime bounds the minimisation of each new input (60s by default).
GO_FUZZTIME ?= $(or $(FUZZ_SECONDS),60)s
fuzz: fuzz-go
fuzz-go: lib go-check
	cd bindings/go && $(GO_ENV) $(GO_TEST_ENV) $(GO) test -run '^$$' -fuzz=FuzzEvaluate \
	    -fuzztime=$(GO_FUZZTIME) -fuzzminimizetime=5s -parallel=2 .
	cd examples/http-service && $(GO_ENV) $(GO_TEST_ENV) $(GO) test -run '^$$' -fuzz=FuzzHandler \
	    -fuzztime=$(GO_FUZZTIME) -fuzzminimizetime=5s -parallel=2 .

bench-go: lib go-check
	cd bindings/go && $(GO_ENV) $(GO) build -o $(GO_BUILD_DIR)/aigov-bench-go ./cmd/aigov-bench
	LD_LIBRARY_PATH=$(GO_BUILD_DIR) $(GO_BUILD_DIR)/aigov-bench-go -corpus $(abspath $(BENCH_CORPUS)) -as-of $(BENCH_AS_OF) \
	    -c-summary $(abspath $(BENCH_CORPUS)).ndjson.summary $(GO_BENCH_FLAGS)

# build/aigov-http: the example HTTP service (examples/http-service).
http-service: lib go-check
	cd examples/http-service && $(GO_ENV) $(GO) build -o $(GO_BUILD_DIR)/aigov-http .

TEST_TARGETS += test-go
BENCH_TARGETS += bench-go
