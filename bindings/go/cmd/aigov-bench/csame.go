package main

// The C side of the same-process comparison: the loop C's own bench times for
// "parse + evaluate + summary", run here on the same descriptors in the same
// process, in windows interleaved with the Go binding's. Comparing the two
// across processes (aigov-bench's saved figures) mixes in whatever the VM's
// neighbours did in between; interleaved windows see the same conditions.

/*
#cgo pkg-config: aigov
#include <stdlib.h>
#include <string.h>
#include "aigov.h"

// Evaluates docs[(start + k) % n] for k < count and reads the summary, as
// test/bench/bench.c's parse_eval_summary does; returns the failures.
static size_t csame_loop(aigov_ctx *ctx, char **docs, size_t *lens, size_t n, size_t start,
                         size_t count, const char *as_of)
{
    aigov_eval_options o = AIGOV_EVAL_OPTIONS_INIT;
    o.as_of = as_of;
    aigov_error err;
    size_t failed = 0;
    for (size_t k = 0; k < count; k++) {
        size_t i = (start + k) % n;
        const aigov_report *rep;
        aigov_summary s;
        if (aigov_eval(&rep, ctx, docs[i], lens[i], &o, &err) != 0 || aigov_report_summary(&s, rep) != 0)
            failed++;
    }
    return failed;
}
*/
import "C"

import (
	"time"
	"unsafe"
)

// cSame holds a C copy of the corpus and a context of the builtin table.
type cSame struct {
	ctx   *C.aigov_ctx
	docs  **C.char
	lens  *C.size_t
	n     int
	asOf  *C.char
	owned []unsafe.Pointer
}

func newCSame(corpus [][]byte, asOf string) *cSame {
	c := &cSame{n: len(corpus), asOf: C.CString(asOf)}
	var cerr C.aigov_error
	if C.aigov_ctx_new(&c.ctx, C.aigov_table_builtin(), nil, &cerr) != 0 {
		fail("cannot create a C context")
	}
	c.docs = (**C.char)(C.malloc(C.size_t(len(corpus)) * C.size_t(unsafe.Sizeof((*C.char)(nil)))))
	c.lens = (*C.size_t)(C.malloc(C.size_t(len(corpus)) * C.size_t(unsafe.Sizeof(C.size_t(0)))))
	docs := unsafe.Slice(c.docs, len(corpus))
	lens := unsafe.Slice(c.lens, len(corpus))
	for i, d := range corpus {
		p := C.CBytes(d)
		c.owned = append(c.owned, p)
		docs[i] = (*C.char)(p)
		lens[i] = C.size_t(len(d))
	}
	return c
}

func (c *cSame) run(start, count int) {
	if C.csame_loop(c.ctx, c.docs, c.lens, C.size_t(c.n), C.size_t(start), C.size_t(count), c.asOf) != 0 {
		fail("C evaluation failed in the same-process comparison")
	}
}

func (c *cSame) free() {
	for _, p := range c.owned {
		C.free(p)
	}
	C.free(unsafe.Pointer(c.docs))
	C.free(unsafe.Pointer(c.lens))
	C.free(unsafe.Pointer(c.asOf))
	C.aigov_ctx_free(c.ctx)
}

// sameProcessRatio alternates 500-call windows of the Go summary path and of
// C's loop over the same descriptors for about `seconds`, and returns the
// fastest window of each (calls per second), as rate() does.
func sameProcessRatio(seconds float64, corpus [][]byte, goCall func([]byte) error, asOf string) (goRate, cRate float64) {
	c := newCSame(corpus, asOf)
	defer c.free()
	const chunk = 500
	c.run(0, 100) // warm up both
	for i := 0; i < 100; i++ {
		if err := goCall(corpus[i%len(corpus)]); err != nil {
			fail(err.Error())
		}
	}
	deadline := time.Duration(seconds * float64(time.Second))
	start := time.Now()
	n := 0
	for goRate == 0 || time.Since(start) < deadline {
		// the same descriptors in both windows
		p0 := time.Now()
		for k := 0; k < chunk; k++ {
			if err := goCall(corpus[(n+k)%len(corpus)]); err != nil {
				fail(err.Error())
			}
		}
		if r := chunk / time.Since(p0).Seconds(); r > goRate {
			goRate = r
		}
		p0 = time.Now()
		c.run(n%len(corpus), chunk)
		if r := chunk / time.Since(p0).Seconds(); r > cRate {
			cRate = r
		}
		n += chunk
	}
	return goRate, cRate
}

// interleaved times each of fns and C's loop (parse + evaluate + summary) in
// turn on the same descriptors, in windows of 50 calls, for about `seconds`,
// and returns the fastest window of each (calls per second): fns' rates, then C's.
func interleaved(seconds float64, corpus [][]byte, asOf string, fns ...func([]byte) error) []float64 {
	c := newCSame(corpus, asOf)
	defer c.free()
	const chunk = 50
	best := make([]float64, len(fns)+1)
	deadline := time.Duration(seconds * float64(time.Second))
	start := time.Now()
	for n := 0; best[0] == 0 || time.Since(start) < deadline; n += chunk {
		for i, f := range fns {
			p0 := time.Now()
			for k := 0; k < chunk; k++ {
				if err := f(corpus[(n+k)%len(corpus)]); err != nil {
					fail(err.Error())
				}
			}
			if r := chunk / time.Since(p0).Seconds(); r > best[i] {
				best[i] = r
			}
		}
		p0 := time.Now()
		c.run(n%len(corpus), chunk)
		if r := chunk / time.Since(p0).Seconds(); r > best[len(fns)] {
			best[len(fns)] = r
		}
	}
	return best
}
