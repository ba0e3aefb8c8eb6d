package aigov

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// Issue 19, point 11: options that do not fit the C types are rejected.
// Before, C.uint(1<<32) and C.size_t wrapped (MaxDepth 1<<32 meant the
// default 32) and Format(1<<32) became C.int 0 (JSON).
func TestOptionsOutOfRange(t *testing.T) {
	tb := Builtin()
	desc := []byte(`{}`)
	bad := []Options{
		{AsOfDate: defaultAsOf, MaxDepth: 1 << 32},
		{AsOfDate: defaultAsOf, MaxDepth: MaxDepthLimit + 1},
		{AsOfDate: defaultAsOf, MaxDepth: -1},
		{AsOfDate: defaultAsOf, MaxInput: MaxInputLimit + 1},
		{AsOfDate: defaultAsOf, MaxInput: -1},
		{AsOfDate: defaultAsOf, Format: Format(1 << 32)},
		{AsOfDate: defaultAsOf, Format: Format(8)},
		{AsOfDate: defaultAsOf, Format: FormatJSONFull | FormatText}, // the full form is JSON only
		{AsOfDate: defaultAsOf, Format: Format(-2)},
		{AsOfDate: "2028-01-01\x00junk"},
	}
	for _, o := range bad {
		for name, call := range map[string]func() error{
			"Render":          func() error { _, err := tb.Render(desc, o); return err },
			"Evaluate":        func() error { _, err := tb.Evaluate(desc, o); return err },
			"EvaluateSummary": func() error { _, err := tb.EvaluateSummary(desc, o); return err },
			"EvaluateSystems": func() error { _, err := tb.EvaluateSystems(desc, o); return err },
		} {
			err := call()
			if name != "Render" && name != "Evaluate" && o.Format != 0 {
				continue // the summaries ignore Format
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("%s with %+v: %v, want ErrInvalid", name, o, err)
			}
		}
	}
	if _, err := tb.RenderRules(Format(1 << 32)); !errors.Is(err, ErrInvalid) {
		t.Errorf("RenderRules(1<<32): %v, want ErrInvalid", err)
	}
	ok := Options{AsOfDate: defaultAsOf, MaxInput: MaxInputLimit, MaxDepth: MaxDepthLimit, Format: FormatOSCAL}
	if _, err := tb.Evaluate(desc, ok); err != nil {
		t.Errorf("the largest limits are accepted: %v", err)
	}
	if f, err := ParseFormat("oscal"); err != nil || f != FormatOSCAL || f.String() != "oscal" {
		t.Errorf("ParseFormat(oscal) = %v, %v", f, err)
	}
}

// zeros is an endless reader that counts what it hands out.
type zeros struct{ n int }

func (z *zeros) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	z.n += len(p)
	return len(p), nil
}

// Issue 19, point 8: a reader is read up to the limit and no further.
func TestReaderReadUpToTheLimit(t *testing.T) {
	z := &zeros{}
	_, err := Builtin().EvaluateSummary(z, Options{AsOfDate: defaultAsOf, MaxInput: 4096})
	if !errors.Is(err, ErrLimit) {
		t.Fatalf("endless reader: %v, want ErrLimit", err)
	}
	if z.n > 4096+1 {
		t.Errorf("read %d bytes for a limit of 4096", z.n)
	}
	dir := t.TempDir()
	big := filepath.Join(dir, "big.json")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(3 << 30); err != nil { // sparse
		t.Fatal(err)
	}
	f.Close()
	if _, err := readLimited(big, MaxInputLimit); !errors.Is(err, ErrLimit) {
		t.Errorf("readLimited of 3 GB: %v, want ErrLimit", err)
	}
}

// Issue 19, point 7 (binding side): a descriptor of several systems is
// evaluated as the CLI renders it. Before, Evaluate and Render answered
// CodeInput with a message naming aigov_eval_system.
func TestPortfolio(t *testing.T) {
	cli := cliPath(t)
	tb := Builtin()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "portfolio", "fintech-three-systems.json"))
	if err != nil {
		t.Fatal(err)
	}
	opts := Options{AsOfDate: defaultAsOf, Format: FormatOSCAL}
	r, err := tb.Evaluate(data, opts)
	if err != nil {
		t.Fatal(err)
	}
	want, _, _ := runCLI(t, cli, data, defaultAsOf, "json-full")
	rawJSON := mustJSON(t, r)
	if !bytes.Equal(rawJSON, want) {
		t.Errorf("portfolio JSON differs from the CLI's\n go: %s\ncli: %s", short(rawJSON), short(want))
	}
	oscal, _, _ := runCLI(t, cli, data, defaultAsOf, "oscal")
	if !bytes.Equal(bytes.TrimRight(r.Rendered, "\n"), oscal) {
		t.Errorf("portfolio OSCAL differs from the CLI's")
	}
	if len(r.Systems) != 3 || r.Organisation == nil {
		t.Fatalf("want 3 systems and the organisation, got %d, %v", len(r.Systems), r.Organisation)
	}
	// The typed parts carry the whole report.
	var raw struct {
		Systems      []json.RawMessage `json:"systems"`
		Organisation json.RawMessage   `json:"organisation"`
	}
	if err := json.Unmarshal(rawJSON, &raw); err != nil {
		t.Fatal(err)
	}
	for i := range r.Systems {
		sameJSON(t, "systems["+string(rune('0'+i))+"]", raw.Systems[i], r.Systems[i])
	}
	sameJSON(t, "organisation", raw.Organisation, r.Organisation)
	outs, err := tb.EvaluateSystems(data, Options{AsOfDate: defaultAsOf})
	if err != nil {
		t.Fatal(err)
	}
	for i, o := range outs {
		s := r.Systems[i]
		if o.Tier != s.Classification.Tier {
			t.Errorf("system %d: EvaluateSystems says %s, the report %s", i, o.Tier, s.Classification.Tier)
		}
	}
	for i, o := range outs { // issue 19 points 1-2: one system's counts are its own rules, as rendered
		s := r.Systems[i]
		if o.InForceGaps != s.Summary.InForceGaps || o.Counts != s.Summary.Counts {
			t.Errorf("system %d counts %+v through aigov_eval_system but %+v in the rendered report",
				i, o.Counts, s.Summary.Counts)
		}
	}
	_, err = tb.EvaluateSummary(data, Options{AsOfDate: defaultAsOf})
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeInput || strings.Contains(e.Message, "aigov_") {
		t.Errorf("EvaluateSummary of a portfolio: %v (want CodeInput naming this binding's calls)", err)
	}
	one, err := tb.EvaluateSystems([]byte(`{}`), Options{AsOfDate: defaultAsOf})
	if err != nil || len(one) != 1 {
		t.Errorf("EvaluateSystems of one system: %v, %v", one, err)
	}
}

// sameJSON checks that v encodes to the same JSON value as raw.
func sameJSON(t *testing.T, what string, raw []byte, v any) {
	t.Helper()
	again, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var want, got any
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(again, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(want, got) {
		t.Errorf("%s: the typed report loses or changes something:\n%s", what, jsonDiff(want, got, "$"))
	}
}

// Issue 19, point 1: the verdict is the library's (aigov_eval_verdict), for a
// whole descriptor, and agrees with the CLI and with the report's rows.
func TestVerdict(t *testing.T) {
	cli := cliPath(t)
	tb := Builtin()
	root := repoRoot(t)
	files, _ := filepath.Glob(filepath.Join(root, "examples", "descriptors", "*.json"))
	files = append(files, filepath.Join(root, "examples", "portfolio", "fintech-three-systems.json"))
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		v, err := tb.Verdict(data, Options{AsOfDate: defaultAsOf}, FailOnGap)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		_, _, code := runCLI(t, cli, data, defaultAsOf, "json")
		if v.Failing != (code == 1) {
			t.Errorf("%s: verdict failing=%v, CLI exit %d", filepath.Base(f), v.Failing, code)
		}
		r, err := tb.Evaluate(data, Options{AsOfDate: defaultAsOf})
		if err != nil {
			t.Fatal(err)
		}
		var sum Counts
		gaps := 0
		add := func(c Counts, g int) {
			sum.Total += c.Total
			sum.Met += c.Met
			sum.Gap += c.Gap
			sum.Unknown += c.Unknown
			sum.NotApplicable += c.NotApplicable
			gaps += g
		}
		if r.Systems == nil {
			add(r.Summary.Counts, r.Summary.InForceGaps)
		}
		for _, s := range r.Systems {
			add(s.Summary.Counts, s.Summary.InForceGaps)
		}
		if r.Organisation != nil {
			add(r.Organisation.Summary.Counts, r.Organisation.Summary.InForceGaps)
		}
		if v.Counts != sum || v.InForceGaps != gaps {
			t.Errorf("%s: verdict counts %+v (%d in force), the report's rows %+v (%d)", filepath.Base(f), v.Counts,
				v.InForceGaps, sum, gaps)
		}
		if none, _ := tb.Verdict(data, Options{AsOfDate: defaultAsOf}, FailOnNone); none.Failing {
			t.Errorf("%s: failing with FailOnNone", filepath.Base(f))
		}
	}
	if v, err := tb.Verdict([]byte(`{}`), Options{AsOfDate: defaultAsOf}, FailOn(7)); !errors.Is(err, ErrInvalid) || !v.Failing {
		t.Errorf("FailOn(7): %+v, %v (want ErrInvalid, failing)", v, err)
	}
	if v, err := tb.Verdict([]byte(`not json`), Options{AsOfDate: defaultAsOf}, FailOnGap); err == nil || !v.Failing {
		t.Errorf("an error must fail closed: %+v, %v", v, err)
	}
	if f, err := ParseFailOn("unknown"); err != nil || f != FailOnUnknown {
		t.Errorf("ParseFailOn: %v %v", f, err)
	}
}
