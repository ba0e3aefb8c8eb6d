package aigov

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzEvaluate feeds arbitrary bytes and options to Evaluate, Render and
// the summaries. `go test` runs the seeds; `go test -fuzz=FuzzEvaluate`
// explores. Properties: no panic; every error is an *Error with a known
// code; on success the report is JSON, Render gives the same bytes, and the
// outcomes read without JSON agree with the report's tiers and counts.
func FuzzEvaluate(f *testing.F) {
	root := repoRoot(f)
	seeds, _ := filepath.Glob(filepath.Join(root, "examples", "descriptors", "*.json"))
	more, _ := filepath.Glob(filepath.Join(root, "examples", "portfolio", "*.json"))
	for _, p := range append(seeds, more...) {
		if data, err := os.ReadFile(p); err == nil {
			f.Add(data, "2028-01-01", 0, 0, 0)
		}
	}
	for _, d := range builtinDescriptors {
		f.Add([]byte(d), "2026-08-02", 2, 0, 0)
	}
	f.Add([]byte(`{"systems":[{},{"system":{"is_ai_system":false}}]}`), "2028-01-01", 1, 0, 0)
	f.Add([]byte(`[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`), "2028-01-01", 0, 0, 4)
	f.Add([]byte("not json"), "2028-02-30", 3, 1<<32, 1<<20)
	f.Add([]byte(`{"system":{"name":"\u0000"}}`), "2028-01-01\x00", -1, -1, -1)
	tb := Builtin()
	f.Fuzz(func(t *testing.T, data []byte, asOf string, format, depth, input int) {
		opts := Options{AsOfDate: asOf, Format: Format(format), MaxDepth: depth, MaxInput: input}
		r, err := tb.Evaluate(data, opts)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || CodeName(e.Code) == "" || e.Code >= 0 || e.Code < CodeNotFound {
				t.Fatalf("error %v is not an *Error with a known code", err)
			}
			return
		}
		rawJSON, err := r.JSON()
		if err != nil || !json.Valid(rawJSON) {
			t.Fatalf("report is not JSON (%v): %.200s", err, rawJSON)
		}
		again, err := tb.Render(data, Options{AsOfDate: asOf, MaxDepth: depth, MaxInput: input, Format: FormatJSONFull})
		if err != nil || string(again) != string(rawJSON) {
			t.Fatalf("Render differs from Evaluate (%v)", err)
		}
		outs, err := tb.EvaluateSystems(data, opts)
		if err != nil {
			t.Fatalf("EvaluateSystems fails where Evaluate did not: %v", err)
		}
		parts := r.Systems
		if parts == nil {
			parts = []SystemReport{{Classification: r.Classification, Summary: r.Summary}}
		}
		if len(outs) != len(parts) {
			t.Fatalf("%d outcomes for %d systems", len(outs), len(parts))
		}
		v, err := tb.Verdict(data, opts, FailOnGap)
		if err != nil {
			t.Fatalf("Verdict fails where Evaluate did not: %v", err)
		}
		if v.Systems != len(parts) {
			t.Fatalf("verdict on %d systems, report of %d", v.Systems, len(parts))
		}
		for i, o := range outs {
			s := parts[i]
			if o.Tier != s.Classification.Tier {
				t.Fatalf("system %d: outcome says %s, the report %s", i, o.Tier, s.Classification.Tier)
			}
			if o.InForceGaps != s.Summary.InForceGaps || o.Counts != s.Summary.Counts {
				t.Fatalf("outcome %+v, report %+v", o, s.Summary)
			}
		}
	})
}
