package aigov

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestVersion(t *testing.T) {
	if err := CheckVersion(); err != nil {
		t.Fatal(err)
	}
	if Version() != HeaderVersion {
		t.Logf("linked library %s, header %s (same major.minor)", Version(), HeaderVersion)
	}
	tb := Builtin()
	if tb != Builtin() {
		t.Fatal("Builtin() is not one shared table")
	}
	if tb.Revision() == "" || !strings.HasPrefix(tb.Hash(), "sha256:") {
		t.Fatalf("revision %q hash %q", tb.Revision(), tb.Hash())
	}
}

// TestGolden runs the shared golden suite (test/golden/*.json) through the
// binding. `values` needs every rule's value, which the report does not
// carry: the C runner checks it.
func TestGolden(t *testing.T) {
	cases := loadGolden(t)
	if len(cases) == 0 {
		t.Skip("no golden cases in test/golden")
	}
	tb := Builtin()
	for _, c := range cases {
		c := c
		t.Run(strings.TrimSuffix(filepath.Base(c.File), ".json"), func(t *testing.T) {
			t.Parallel()
			checkGolden(t, tb, &c)
		})
	}
}

func checkGolden(t *testing.T, tb *Table, c *goldenCase) {
	ex := &c.Expect
	r, err := tb.Evaluate(c.Descriptor, Options{AsOfDate: c.AsOf})
	if ex.Error != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("want error %s, got %v", *ex.Error, err)
		}
		if e.Name != *ex.Error {
			t.Fatalf("want error %s, got %s (%v)", *ex.Error, e.Name, e)
		}
		if ex.ErrorPath != nil && e.Path != *ex.ErrorPath {
			t.Fatalf("want error path %q, got %q (%v)", *ex.ErrorPath, e.Path, e)
		}
		return
	}
	if err != nil {
		t.Fatalf("evaluate: %v", err)
	}
	if ex.Tier != nil && r.Classification.Tier != *ex.Tier {
		t.Errorf("tier: want %s, got %s", *ex.Tier, r.Classification.Tier)
	}
	if ex.GPAI != nil && r.Classification.GPAI != *ex.GPAI {
		t.Errorf("gpai: want %s, got %s", *ex.GPAI, r.Classification.GPAI)
	}
	if ex.Roles != nil {
		want, got := sortedCopy(*ex.Roles), sortedCopy(r.Classification.Roles)
		if len(want) != 0 || len(got) != 0 {
			if !reflect.DeepEqual(want, got) {
				t.Errorf("roles: want %v, got %v", want, got)
			}
		}
	}
	for id, want := range ex.Status {
		o := r.Obligation(id)
		if o == nil {
			t.Errorf("status: %s is not a reported rule", id)
			continue
		}
		if o.Status != want {
			t.Errorf("status of %s: want %s, got %s", id, want, o.Status)
		}
	}
	for id, want := range ex.InForce {
		o := r.Obligation(id)
		if o == nil {
			t.Errorf("in_force: %s is not a reported rule", id)
			continue
		}
		if o.InForce != want {
			t.Errorf("in_force of %s: want %v, got %v", id, want, o.InForce)
		}
	}
	for _, f := range ex.QuestionsInclude {
		if r.Question(f) == nil {
			t.Errorf("questions: %s missing", f)
		}
	}
	for _, f := range ex.QuestionsExclude {
		if r.Question(f) != nil {
			t.Errorf("questions: %s should not be asked", f)
		}
	}
	// The summary path must agree with the full report.
	o, err := tb.EvaluateSummary(c.Descriptor, Options{AsOfDate: c.AsOf})
	if err != nil {
		t.Fatalf("EvaluateSummary: %v", err)
	}
	checkOutcome(t, o, r)
}

func checkOutcome(t testing.TB, o Outcome, r *Report) {
	t.Helper()
	want := Outcome{
		Tier:        r.Classification.Tier,
		GPAI:        r.Classification.GPAI,
		Counts:      r.Summary.Counts,
		InForceGaps: r.Summary.InForceGaps,
		Questions:   r.Summary.Questions,
	}
	if o != want {
		t.Errorf("EvaluateSummary %+v, report says %+v", o, want)
	}
	if len(r.Obligations) != r.Summary.Total || len(r.Questions) != r.Summary.Questions {
		t.Errorf("summary counts %d rules %d questions; report lists %d and %d",
			r.Summary.Total, r.Summary.Questions, len(r.Obligations), len(r.Questions))
	}
}

// TestGoldenFull compares test/golden/full/NAME.json's report with
// NAME.report.json byte for byte.
func TestGoldenFull(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(repoRoot(t), "test", "golden", "full", "*.json"))
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".report.json") {
			continue
		}
		want, err := os.ReadFile(strings.TrimSuffix(f, ".json") + ".report.json")
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c goldenCase
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if c.AsOf == "" {
			c.AsOf = defaultAsOf
		}
		if err := c.resolve(repoRoot(t)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		got, err := Builtin().Render(c.Descriptor, Options{AsOfDate: c.AsOf, Format: FormatJSONFull}) // the full form is pinned
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		// The C runner (aigov-golden --update) writes the report pretty-printed
		// with two-space indentation, which json.Indent reproduces byte for byte.
		var pretty bytes.Buffer
		if err := json.Indent(&pretty, got, "", "  "); err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		if !bytes.Equal(pretty.Bytes(), bytes.TrimRight(want, "\n")) {
			t.Errorf("%s: report differs from %s.report.json\n got: %s", filepath.Base(f),
				strings.TrimSuffix(filepath.Base(f), ".json"), short(got))
		}
		n++
	}
	if n == 0 {
		t.Skip("no cases in test/golden/full")
	}
}

// TestSameAsCLI checks that the binding's JSON is byte-identical to
// `aigov eval FILE --as-of D --format json` (without its final newline) for
// every golden and example descriptor, and that markdown is too.
func TestSameAsCLI(t *testing.T) {
	cli := cliPath(t)
	tb := Builtin()
	cases := corpus(t)
	compared := 0
	for _, c := range cases {
		want, stderr, code := runCLI(t, cli, c.Data, c.AsOf, "json-full")
		r, err := tb.Evaluate(c.Data, Options{AsOfDate: c.AsOf, Format: FormatMarkdown})
		if code == 2 {
			if err == nil {
				t.Errorf("%s: the CLI rejects it (%s) but the binding does not", c.Name, short(stderr))
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: CLI exit %d but binding error %v", c.Name, code, err)
			continue
		}
		rawJSON := mustJSON(t, r)
		if !bytes.Equal(rawJSON, want) {
			t.Errorf("%s: JSON differs from the CLI's\n go: %s\ncli: %s", c.Name, short(rawJSON), short(want))
			continue
		}
		compact, _, _ := runCLI(t, cli, c.Data, c.AsOf, "json")
		raw, err := tb.Render(c.Data, Options{AsOfDate: c.AsOf})
		if err != nil || !bytes.Equal(raw, compact) {
			t.Errorf("%s: Render differs from the CLI (%v)", c.Name, err)
		}
		if bytes.Equal(compact, want) || !bytes.Contains(compact, []byte(`"form":"compact"`)) {
			t.Errorf("%s: the default JSON is not the compact form", c.Name)
		}
		md, _, _ := runCLI(t, cli, c.Data, c.AsOf, "markdown")
		if !bytes.Equal(bytes.TrimRight(r.Rendered, "\n"), bytes.TrimRight(md, "\n")) {
			t.Errorf("%s: markdown differs from the CLI's\n go: %s\ncli: %s", c.Name, short(r.Rendered), short(md))
		}
		// Exit code 1 is "prohibited or an in-force gap".
		o, err := tb.EvaluateSummary(c.Data, Options{AsOfDate: c.AsOf})
		if err != nil {
			t.Fatal(err)
		}
		checkOutcome(t, o, r)
		// ISO/IEC 42001 gaps do not fail the default gate: the report says which gaps count
		var typed Report
		if err := json.Unmarshal(rawJSON, &typed); err != nil {
			t.Fatal(err)
		}
		legal := typed.Summary.LegalInForceGaps
		if bytes.HasPrefix(bytes.TrimSpace(rawJSON), []byte(`{"engine"`)) && bytes.Contains(rawJSON, []byte(`"systems":[`)) {
			legal = o.InForceGaps // a portfolio: the accessor's count, as before
		}
		failing := o.Tier == TierProhibited || legal > 0
		if failing != (code == 1) {
			t.Errorf("%s: CLI exit %d but tier %s with %d in-force gaps", c.Name, code, o.Tier, o.InForceGaps)
		}
		compared++
	}
	t.Logf("%d descriptors byte-identical to the CLI", compared)
	if compared == 0 {
		t.Fatal("nothing compared")
	}
}

// TestConcurrent evaluates the corpus from 64 goroutines at once (full and
// summary paths mixed) and checks every result against a sequential run.
func TestConcurrent(t *testing.T) {
	tb := Builtin()
	cases := corpus(t)
	type result struct {
		raw []byte
		out Outcome
		err string
	}
	seq := make([]result, len(cases))
	for i, c := range cases {
		raw, err := tb.Render(c.Data, Options{AsOfDate: c.AsOf})
		if err != nil {
			seq[i].err = err.Error()
			continue
		}
		o, err := tb.EvaluateSummary(c.Data, Options{AsOfDate: c.AsOf})
		if err != nil {
			t.Fatal(err)
		}
		seq[i] = result{raw: raw, out: o}
	}
	const goroutines = 64
	rounds := 2
	if testing.Short() {
		rounds = 1
	}
	var wg sync.WaitGroup
	errs := make(chan string, goroutines)
	start := make(chan struct{})
	for g := 0; g < goroutines; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			<-start
			for round := 0; round < rounds; round++ {
				for k := range cases {
					i := (k + g) % len(cases) // each goroutine starts elsewhere
					c := cases[i]
					if (g+round)%2 == 0 {
						raw, err := tb.Render(c.Data, Options{AsOfDate: c.AsOf})
						got := ""
						if err != nil {
							got = err.Error()
						}
						if got != seq[i].err || !bytes.Equal(raw, seq[i].raw) {
							errs <- fmt.Sprintf("goroutine %d: %s: full result differs from sequential (%s)", g, c.Name, got)
							return
						}
					} else {
						o, err := tb.EvaluateSummary(c.Data, Options{AsOfDate: c.AsOf})
						got := ""
						if err != nil {
							got = err.Error()
						}
						if got != seq[i].err || o != seq[i].out {
							errs <- fmt.Sprintf("goroutine %d: %s: summary differs from sequential", g, c.Name)
							return
						}
					}
				}
			}
		}(g)
	}
	close(start)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestTypedReportComplete checks that the typed Report carries the whole
// report: encoding it again gives the same JSON value as Raw (so a field
// the library adds and the binding misses fails here).
func TestTypedReportComplete(t *testing.T) {
	tb := Builtin()
	n := 0
	for _, c := range corpus(t) {
		if c.WantErr {
			continue
		}
		r, err := tb.Evaluate(c.Data, Options{AsOfDate: c.AsOf})
		if err != nil {
			continue
		}
		again, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		var want, got any
		if err := json.Unmarshal(mustJSON(t, r), &want); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(again, &got); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("%s: the typed report loses or changes something:\n%s", c.Name, jsonDiff(want, got, "$"))
			if n++; n > 3 {
				return
			}
		}
	}
}

// jsonDiff names the first differences between two decoded JSON values.
func jsonDiff(want, got any, path string) string {
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return path + ": not an object\n"
		}
		out := ""
		for k, v := range w {
			gv, ok := g[k]
			if !ok {
				out += path + "." + k + ": missing from the typed report\n"
				continue
			}
			out += jsonDiff(v, gv, path+"."+k)
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				out += path + "." + k + ": not in the library's report\n"
			}
		}
		return out
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return path + ": array differs\n"
		}
		out := ""
		for i := range w {
			out += jsonDiff(w[i], g[i], fmt.Sprintf("%s[%d]", path, i))
			if len(out) > 2000 {
				return out
			}
		}
		return out
	default:
		if !reflect.DeepEqual(want, got) {
			return fmt.Sprintf("%s: %v != %v\n", path, want, got)
		}
		return ""
	}
}

func TestDescriptorForms(t *testing.T) {
	tb := Builtin()
	desc := map[string]any{
		"operator": map[string]any{"roles": []string{"deployer"}},
		"system":   map[string]any{"is_ai_system": true, "annex_iii": map[string]any{"points": []string{"5b"}}},
	}
	text, _ := json.Marshal(desc)
	type system struct {
		IsAISystem bool `json:"is_ai_system"`
		AnnexIII   struct {
			Points []string `json:"points"`
		} `json:"annex_iii"`
	}
	var st struct {
		Operator struct {
			Roles []string `json:"roles"`
		} `json:"operator"`
		System system `json:"system"`
	}
	st.Operator.Roles = []string{"deployer"}
	st.System.IsAISystem = true
	st.System.AnnexIII.Points = []string{"5b"}

	day := time.Date(2028, 1, 1, 23, 30, 0, 0, time.UTC)
	want, err := tb.Render(text, Options{AsOfDate: "2028-01-01", Format: FormatJSONFull})
	if err != nil {
		t.Fatal(err)
	}
	for name, d := range map[string]any{
		"map": desc, "struct": st, "string": string(text), "raw": json.RawMessage(text),
		"reader": bytes.NewReader(text), "pointer": &st,
	} {
		r, err := tb.Evaluate(d, Options{AsOf: day})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Equal(mustJSON(t, r), want) {
			t.Errorf("%s: report differs", name)
		}
		if r.AsOf != "2028-01-01" {
			t.Errorf("%s: as_of %q", name, r.AsOf)
		}
	}
	if _, err := tb.Evaluate(map[string]any{"x": make(chan int)}, Options{AsOfDate: "2028-01-01"}); err == nil {
		t.Error("an unencodable descriptor was accepted")
	}
	// A reader is not read past the input limit.
	huge := io.MultiReader(strings.NewReader(`{"organisation":{"name":"`), neverEnding('x'))
	if _, err := tb.EvaluateSummary(huge, Options{AsOfDate: "2028-01-01"}); !errors.Is(err, ErrLimit) {
		t.Errorf("endless reader: %v", err)
	}
}

type neverEnding byte

func (b neverEnding) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

func TestErrors(t *testing.T) {
	tb := Builtin()
	opts := Options{AsOfDate: "2028-01-01"}
	deep := strings.Repeat(`{"system":`, 1) + strings.Repeat("[", 300) + strings.Repeat("]", 300) + "}"
	for _, tc := range []struct {
		name     string
		desc     any
		opts     Options
		code     int
		sentinel error
		path     bool // a JSON path is expected
	}{
		{"empty", []byte{}, opts, CodeSyntax, ErrSyntax, false},
		{"truncated", `{"system": {"is_ai_system": tru`, opts, CodeSyntax, ErrSyntax, false},
		{"not utf-8", []byte("{\"organisation\":{\"name\":\"\xff\xfe\"}}"), opts, CodeSyntax, ErrSyntax, false},
		{"not an object", `[1,2]`, opts, CodeInput, ErrInput, true},
		{"unknown key", `{"bogus": 1}`, opts, CodeInput, ErrInput, true},
		{"wrong type", `{"system": {"is_ai_system": "yes"}}`, opts, CodeInput, ErrInput, true},
		{"bad enum", `{"organisation": {"size": "gigantic"}}`, opts, CodeInput, ErrInput, true},
		{"too deep", `{"system":{"annex_iii":{"points":["5b"]}}}`,
			Options{AsOfDate: "2028-01-01", MaxDepth: 2}, CodeLimit, ErrLimit, false},
		{"deeper than any fact", deep, opts, CodeInput, ErrInput, true},
		{"too large", `{"organisation": {"name": "` + strings.Repeat("x", 200) + `"}}`,
			Options{AsOfDate: "2028-01-01", MaxInput: 64}, CodeLimit, ErrLimit, false},
		{"no as_of", `{}`, Options{}, CodeInvalid, ErrInvalid, false},
		{"bad as_of", `{}`, Options{AsOfDate: "2028-13-45"}, CodeInvalid, ErrInvalid, false},
		{"as_of not a date", `{}`, Options{AsOfDate: "tomorrow"}, CodeInvalid, ErrInvalid, false},
		{"as_of too long", `{}`, Options{AsOfDate: strings.Repeat("2", 100)}, CodeInvalid, ErrInvalid, false},
	} {
		for _, summary := range []bool{false, true} {
			var err error
			if summary {
				_, err = tb.EvaluateSummary(tc.desc, tc.opts)
			} else {
				_, err = tb.Evaluate(tc.desc, tc.opts)
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("%s: want *Error %s, got %v", tc.name, CodeName(tc.code), err)
				continue
			}
			if e.Code != tc.code || e.Name != CodeName(tc.code) || !errors.Is(err, tc.sentinel) {
				t.Errorf("%s: want %s, got %v", tc.name, CodeName(tc.code), e)
			}
			if errors.Is(err, ErrNotFound) {
				t.Errorf("%s: matches the wrong sentinel", tc.name)
			}
			if e.Message == "" {
				t.Errorf("%s: no message", tc.name)
			}
			if tc.path && !strings.HasPrefix(e.Path, "$") {
				t.Errorf("%s: want a JSON path, got %q (%v)", tc.name, e.Path, e)
			}
			if !IsInputError(err) {
				t.Errorf("%s: not an input error", tc.name)
			}
		}
	}
	// Bad options.
	if _, err := tb.Evaluate(`{}`, Options{AsOfDate: "2028-01-01", Format: 9}); !errors.Is(err, ErrInvalid) {
		t.Errorf("format 9: %v", err)
	}
	if _, err := tb.RenderRules(9); !errors.Is(err, ErrInvalid) {
		t.Errorf("RenderRules(9): %v", err)
	}
	if _, err := tb.Render(`{}`, Options{AsOfDate: "2028-01-01", MaxInput: 100 << 20}); !errors.Is(err, ErrInvalid) {
		t.Errorf("MaxInput 100 MiB: %v", err)
	}
	if _, err := tb.Render(`{}`, Options{AsOfDate: "2028-01-01", MaxDepth: -1}); !errors.Is(err, ErrInvalid) {
		t.Errorf("MaxDepth -1: %v", err)
	}
	if _, err := ParseFormat("xml"); !errors.Is(err, ErrInvalid) {
		t.Errorf("ParseFormat(xml): %v", err)
	}
	// The table stays usable after errors.
	if _, err := tb.Evaluate(`{}`, opts); err != nil {
		t.Fatal(err)
	}
	// Unknown key: the path names it.
	_, err := tb.Evaluate(`{"system": {"is_ai_system": true, "colour": "red"}}`, opts)
	var e *Error
	if errors.As(err, &e) && !strings.Contains(e.Path, "colour") {
		t.Errorf("unknown key: path %q does not name it (%v)", e.Path, e)
	}
}

func TestCatalogue(t *testing.T) {
	tb := Builtin()
	rules, err := tb.Rules()
	if err != nil {
		t.Fatal(err)
	}
	if len(rules) == 0 {
		t.Fatal("no rules")
	}
	seen := map[string]bool{}
	var obligation string
	for _, r := range rules {
		if r.ID == "" || seen[r.ID] {
			t.Errorf("bad or duplicate id %q", r.ID)
		}
		seen[r.ID] = true
		switch r.Kind {
		case KindDefinition:
			if r.AppliesFrom != "" {
				t.Errorf("%s: definition with applies_from %q", r.ID, r.AppliesFrom)
			}
		case KindObligation, KindProhibition, KindFinding:
			if _, err := time.Parse("2006-01-02", r.AppliesFrom); err != nil {
				t.Errorf("%s: applies_from %q", r.ID, r.AppliesFrom)
			}
			if obligation == "" && r.Kind == KindObligation {
				obligation = r.ID
			}
		default:
			t.Errorf("%s: kind %q", r.ID, r.Kind)
		}
		got, err := tb.Rule(r.ID)
		if err != nil || got != r {
			t.Errorf("Rule(%s) = %+v, %v", r.ID, got, err)
		}
	}
	if _, err := tb.Rule("no.such.rule"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Rule(unknown): %v", err)
	}
	if obligation != "" {
		x, err := tb.Explain(obligation)
		if err != nil || !strings.Contains(x, obligation) && len(x) < 20 {
			t.Errorf("Explain(%s) = %q, %v", obligation, x, err)
		}
	}
	if _, err := tb.Explain("no.such.rule"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Explain(unknown): %v", err)
	}
	schema, err := tb.Schema()
	if err != nil || !json.Valid(schema) {
		t.Errorf("Schema: %v (%s)", err, short(schema))
	}
	cat, err := tb.RenderRules(FormatJSON)
	if err != nil || !json.Valid(cat) {
		t.Errorf("RenderRules(JSON): %v (%s)", err, short(cat))
	}
	md, err := tb.RenderRules(FormatMarkdown)
	if err != nil || len(md) == 0 {
		t.Errorf("RenderRules(markdown): %v", err)
	}
	// Reports list every obligation and prohibition in table order.
	r, err := tb.Evaluate(`{}`, Options{AsOfDate: "2028-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	var reported []string
	for _, ri := range rules {
		// {} says nothing about an AI management system: ISO/IEC 42001 is not assessed, no rows
		if ri.Kind != KindDefinition && ri.Framework != "iso42001" {
			reported = append(reported, ri.ID)
		}
	}
	var got []string
	for _, o := range r.Obligations {
		got = append(got, o.ID)
	}
	if !reflect.DeepEqual(got, reported) {
		t.Errorf("reported rules %v, catalogue %v", got, reported)
	}
}

func TestCompile(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "rules")
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		t.Skip("no rules/ directory")
	}
	tb, err := Open(dir)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	defer tb.Close()
	b := Builtin()
	if tb.Revision() != b.Revision() {
		t.Errorf("revision %q, builtin %q", tb.Revision(), b.Revision())
	}
	if tb.Hash() != b.Hash() {
		// Open names sources as the Makefile does, so a fresh build and
		// Open("rules") hash alike.
		t.Fatalf("Open(rules) hashes %s, the builtin table %s: rules/ changed since the build (make lib) or Open names sources unlike the Makefile",
			tb.Hash(), b.Hash())
	}
	r1, err := tb.Rules()
	if err != nil {
		t.Fatal(err)
	}
	r2, _ := b.Rules()
	if !reflect.DeepEqual(r1, r2) {
		t.Errorf("compiled catalogue differs from builtin (%d vs %d rules)", len(r1), len(r2))
	}
	for _, c := range corpus(t) {
		want, err1 := b.Render(c.Data, Options{AsOfDate: c.AsOf})
		got, err2 := tb.Render(c.Data, Options{AsOfDate: c.AsOf})
		if (err1 == nil) != (err2 == nil) {
			t.Errorf("%s: builtin %v, compiled %v", c.Name, err1, err2)
			continue
		}
		want = bytes.Replace(want, []byte(b.Hash()), []byte(tb.Hash()), 1)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: compiled table reports differently", c.Name)
		}
	}
	// Closing.
	if err := tb.Close(); err != nil {
		t.Fatal(err)
	}
	if err := tb.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.Evaluate(`{}`, Options{AsOfDate: "2028-01-01"}); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
	if _, err := tb.Schema(); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
	// The builtin table ignores Close.
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Evaluate(`{}`, Options{AsOfDate: "2028-01-01"}); err != nil {
		t.Errorf("builtin after Close: %v", err)
	}
}

func TestCompileErrors(t *testing.T) {
	manifest := []byte(`{"format":"aigov-rules/1","manifest":{"revision":"t.1","frameworks":[{"id":"eu_ai_act","name":"x"}]}}`)
	for _, tc := range []struct {
		name    string
		sources []Source
		codes   []int
		source  string
	}{
		{"none", nil, []int{CodeRules, CodeInvalid}, ""},
		{"syntax", []Source{{"m.json", manifest}, {"bad.json", []byte(`{"format":`)}},
			[]int{CodeSyntax, CodeRules}, "bad.json"},
		{"unknown fact", []Source{{"m.json", manifest}, {"r.json", []byte(`{"format":"aigov-rules/1","rules":[
			{"id":"x.def","kind":"definition","framework":"eu_ai_act","citation":"Art. 1","title":"t",
			 "when":{"fact":"no.such.fact","is":true}}]}`)}},
			[]int{CodeRules}, "r.json"},
	} {
		tb, err := Compile(tc.sources)
		if err == nil {
			tb.Close()
			t.Errorf("%s: compiled", tc.name)
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: not an *Error: %v", tc.name, err)
			continue
		}
		ok := false
		for _, c := range tc.codes {
			ok = ok || e.Code == c
		}
		if !ok {
			t.Errorf("%s: code %s (%v)", tc.name, e.Name, e)
		}
		if tc.source != "" && e.Source != tc.source {
			t.Errorf("%s: source %q, want %q (%v)", tc.name, e.Source, tc.source, e)
		}
	}
	if _, err := CompileMap(map[string][]byte{"m.json": []byte("nope")}); err == nil {
		t.Error("CompileMap accepted junk")
	}
}

// TestFinalizer drops compiled tables without Close; the finalizers free
// them (run under -race and, in CI, under the C library's own checks).
func TestFinalizer(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "rules")
	if _, err := os.Stat(filepath.Join(dir, "manifest.json")); err != nil {
		t.Skip("no rules/ directory")
	}
	var sources []Source
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") && !strings.HasSuffix(p, ".schema.json") {
			data, _ := os.ReadFile(p)
			sources = append(sources, Source{Name: p, Data: data})
		}
		return nil
	})
	sort.Slice(sources, func(i, j int) bool { return sources[i].Name < sources[j].Name })
	for i := 0; i < 5; i++ {
		tb, err := Compile(sources)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tb.EvaluateSummary(`{}`, Options{AsOfDate: "2028-01-01"}); err != nil {
			t.Fatal(err)
		}
	}
	runtime.GC()
	runtime.GC()
}
