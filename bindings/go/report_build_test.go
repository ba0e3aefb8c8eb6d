package aigov

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// accessorCorpus is every golden case that evaluates (test/golden and
// test/golden/full, the several-systems ones included) and every bundled
// example (descriptors and portfolios).
func accessorCorpus(t *testing.T) []descCase {
	root := repoRoot(t)
	var out []descCase
	for _, pattern := range []string{filepath.Join(root, "test", "golden", "*.json"), filepath.Join(root, "test", "golden", "full", "*.json")} {
		files, _ := filepath.Glob(pattern)
		sort.Strings(files)
		for _, f := range files {
			if strings.HasSuffix(f, ".report.json") {
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
			if c.Expect.Error != nil {
				continue
			}
			if c.AsOf == "" {
				c.AsOf = defaultAsOf
			}
			if err := c.resolve(root); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			rel, _ := filepath.Rel(root, f)
			out = append(out, descCase{Name: rel, Data: c.Descriptor, AsOf: c.AsOf})
		}
	}
	for _, dir := range []string{"descriptors", "portfolio"} {
		files, _ := filepath.Glob(filepath.Join(root, "examples", dir, "*.json"))
		sort.Strings(files)
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, descCase{Name: "examples/" + dir + "/" + filepath.Base(f), Data: data, AsOf: defaultAsOf})
		}
	}
	return out
}

// decodeJSONReport is the oracle: the typed report as encoding/json decodes
// it from the full JSON report (the way Evaluate built it before the
// accessors).
func decodeJSONReport(t *testing.T, tb *Table, data []byte, asOf string) (*Report, []byte) {
	raw, err := tb.Render(data, Options{AsOfDate: asOf, Format: FormatJSONFull})
	if err != nil {
		t.Fatal(err)
	}
	r := &Report{}
	if err := json.Unmarshal(raw, r); err != nil {
		t.Fatalf("decoding the full JSON report: %v", err)
	}
	return r, raw
}

// diffFields names the fields (down to obligations and systems) where got
// and want differ.
func diffFields(prefix string, got, want reflect.Value, out *[]string) {
	if reflect.DeepEqual(got.Interface(), want.Interface()) {
		return
	}
	switch got.Kind() {
	case reflect.Struct:
		for i := 0; i < got.NumField(); i++ {
			if !got.Type().Field(i).IsExported() {
				continue
			}
			diffFields(prefix+"."+got.Type().Field(i).Name, got.Field(i), want.Field(i), out)
		}
		return
	case reflect.Slice:
		if got.Len() == want.Len() && got.Type().Elem().Kind() == reflect.Struct {
			for i := 0; i < got.Len(); i++ {
				diffFields(prefix+"["+itoa(i)+"]", got.Index(i), want.Index(i), out)
			}
			return
		}
	case reflect.Ptr:
		if !got.IsNil() && !want.IsNil() {
			diffFields(prefix, got.Elem(), want.Elem(), out)
			return
		}
	}
	g, _ := json.Marshal(got.Interface())
	w, _ := json.Marshal(want.Interface())
	*out = append(*out, prefix+": got "+short(g)+" want "+short(w)+" (nil: "+nilness(got)+" / "+nilness(want)+")")
}

func nilness(v reflect.Value) string {
	switch v.Kind() {
	case reflect.Slice, reflect.Map, reflect.Ptr:
		if v.IsNil() {
			return "nil"
		}
	}
	return "set"
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

// TestTypedReportFromAccessors: for every golden case and example, the
// report Evaluate reads through the accessors equals, field by field, the
// one encoding/json decodes from the full JSON report; JSON() gives that
// JSON's bytes.
func TestTypedReportFromAccessors(t *testing.T) {
	tb := Builtin()
	n, portfolios := 0, 0
	for _, c := range accessorCorpus(t) {
		got, err := tb.Evaluate(c.Data, Options{AsOfDate: c.AsOf})
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		want, raw := decodeJSONReport(t, tb, c.Data, c.AsOf)
		if got.Raw != nil || got.Rendered != nil {
			t.Errorf("%s: Evaluate with FormatJSON rendered something (Raw %d bytes, Rendered %d)", c.Name, len(got.Raw), len(got.Rendered))
		}
		g, w := *got, *want
		g.source = nil
		if !reflect.DeepEqual(g, w) {
			var diffs []string
			diffFields("Report", reflect.ValueOf(g), reflect.ValueOf(w), &diffs)
			if len(diffs) > 8 {
				diffs = append(diffs[:8], "...")
			}
			t.Errorf("%s: the typed report differs from the JSON-decoded one:\n  %s", c.Name, strings.Join(diffs, "\n  "))
		}
		// JSON() renders again: checked on every several-systems descriptor and every
		// eighth other one (each check is a second full rendering under -race)
		if n%8 == 0 || len(got.Systems) > 0 {
			if j, err := got.JSON(); err != nil || !bytes.Equal(j, raw) {
				t.Errorf("%s: JSON() is not the full JSON report (err %v)", c.Name, err)
			}
		}
		if len(got.Systems) > 0 {
			portfolios++
		}
		n++
	}
	t.Logf("%d descriptors compared, %d of several systems", n, portfolios)
	if n < 300 {
		t.Errorf("only %d descriptors compared: the golden suite went missing", n)
	}
	if portfolios < 3 {
		t.Errorf("only %d descriptors of several systems compared", portfolios)
	}
}

// TestEvaluateFullJSONInRaw: FormatJSONFull fills Raw in the same call, and
// the typed fields are the same as without it.
func TestEvaluateFullJSONInRaw(t *testing.T) {
	tb := Builtin()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "portfolio", "fintech-three-systems.json"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := tb.Evaluate(data, Options{AsOfDate: defaultAsOf, Format: FormatJSONFull})
	if err != nil {
		t.Fatal(err)
	}
	want, raw := decodeJSONReport(t, tb, data, defaultAsOf)
	if !bytes.Equal(r.Raw, raw) || r.Rendered != nil {
		t.Fatalf("Raw is not the full JSON report (%d bytes, want %d)", len(r.Raw), len(raw))
	}
	g := *r
	g.source, g.Raw = nil, nil
	if !reflect.DeepEqual(g, *want) {
		t.Error("the typed report differs when Raw is rendered too")
	}
	// a Report not made by Evaluate has no JSON to render
	if _, err := (&Report{}).JSON(); err == nil {
		t.Error("JSON() of a zero Report: want an error")
	}
}
