package aigov

import (
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
)

// The address table answers every key it holds and no other, through
// collisions and wrap-around (keys one slot apart after hashing).
func TestPtrStrings(t *testing.T) {
	m := map[uintptr]string{}
	for i := 1; i <= 1000; i++ {
		m[uintptr(i*8)] = string(rune('a'+i%26)) + "x"
	}
	p := newPtrStrings(m)
	if len(p.keys) < 2*len(m) {
		t.Fatalf("table of %d slots for %d keys: too full", len(p.keys), len(m))
	}
	for k, v := range m {
		if got, ok := p.get(k); !ok || got != v {
			t.Fatalf("get(%d) = %q, %v; want %q", k, got, ok, v)
		}
	}
	for _, k := range []uintptr{4, 12, 8*1000 + 8, 1 << 40} {
		if got, ok := p.get(k); ok {
			t.Fatalf("get(%d) = %q for a key never put", k, got)
		}
	}
	var empty ptrStrings
	if _, ok := empty.get(8); ok {
		t.Fatal("an empty table answered")
	}
}

// Reports built while the table cache fills (several goroutines, a fresh
// table) equal those built from the full cache: what a report reads from the
// snapshot or its own additions is the same. Run under -race by test-go.
func TestTypedReportCacheConcurrent(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "rules")
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		t.Skip("no rules/ directory")
	}
	tb, err := Open(dir) // a table of its own: its cache starts empty
	if err != nil {
		t.Fatal(err)
	}
	defer tb.Close()
	opts := Options{AsOfDate: defaultAsOf}
	descs := builtinDescriptors
	first := make([][]Obligation, len(descs))
	var wg sync.WaitGroup
	for i := range descs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r, err := tb.Evaluate(descs[i], opts)
			if err != nil {
				t.Error(err)
				return
			}
			first[i] = r.Obligations
		}(i)
	}
	wg.Wait()
	for i, d := range descs {
		r, err := tb.Evaluate(d, opts)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r.Obligations, first[i]) {
			t.Fatalf("descriptor %d: obligations differ between a cold and a warm cache", i)
		}
	}
}
