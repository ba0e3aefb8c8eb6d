package aigov

import (
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The CI and reader formats of the library reach Go: SARIF 2.1.0 is JSON with
// its version, JUnit XML is well formed, HTML is one self-contained page, and
// each is the very rendering the library makes (the same bytes twice).
func TestCIAndReaderFormats(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "descriptors", "credit-scoring-bank.json"))
	if err != nil {
		t.Fatal(err)
	}
	tb := Builtin()
	for _, name := range []string{"sarif", "junit", "html"} {
		f, err := ParseFormat(name)
		if err != nil || f.String() != name {
			t.Fatalf("ParseFormat(%q) = %v, %v", name, f, err)
		}
		out, err := tb.Render(raw, Options{AsOfDate: "2028-01-01", Format: f})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		again, _ := tb.Render(raw, Options{AsOfDate: "2028-01-01", Format: f})
		if string(out) != string(again) {
			t.Errorf("%s: not deterministic", name)
		}
		switch f {
		case FormatSARIF:
			var doc struct {
				Version string `json:"version"`
				Runs    []struct {
					Results []json.RawMessage `json:"results"`
				} `json:"runs"`
			}
			if err := json.Unmarshal(out, &doc); err != nil || doc.Version != "2.1.0" || len(doc.Runs) != 1 ||
				len(doc.Runs[0].Results) == 0 {
				t.Errorf("sarif: %v, version %q, %d runs", err, doc.Version, len(doc.Runs))
			}
		case FormatJUnit:
			d := xml.NewDecoder(strings.NewReader(string(out)))
			for {
				if _, err := d.Token(); err != nil {
					if err.Error() != "EOF" {
						t.Errorf("junit: not well-formed XML: %v", err)
					}
					break
				}
			}
			if !strings.Contains(string(out), "<testsuites") || !strings.Contains(string(out), "<failure") {
				t.Errorf("junit: no test suites or no failure for a system with gaps in force")
			}
		case FormatHTML:
			s := string(out)
			if !strings.HasPrefix(strings.ToLower(s), "<!doctype html>") || strings.Contains(s, "<script") ||
				!strings.Contains(s, "high_risk") {
				t.Errorf("html: not a self-contained page naming the tier")
			}
		}
	}
	// the Statement of Applicability as CSV: a header row, CRLF rows, the columns in order
	soa := `{"organisation":{"established_in_eu":true,"aims":{"operated":true,"soa":{"a_2_2":{"decision":"included",` +
		`"justification":"RT-1","owner":"=cmd","review_date":"2027-01-01"}}}},"operator":{"roles":["deployer"]},` +
		`"system":{"is_ai_system":true},"evidence":{"ai_policy":{"state":"implemented","ref":"POL-1"}}}`
	f, err := ParseFormat("soa-csv")
	if err != nil || f != FormatSoACSV || f.String() != "soa-csv" {
		t.Fatalf("ParseFormat(soa-csv) = %v, %v", f, err)
	}
	csvOut, err := tb.Render([]byte(soa), Options{AsOfDate: "2028-01-01", Format: f})
	if err != nil {
		t.Fatalf("soa-csv: %v", err)
	}
	lines := strings.Split(string(csvOut), "\r\n")
	if len(lines) != 40 || lines[0] != "control,title,decision,justification,implementation status,owner,review date,grade,evidence reference,open findings" ||
		lines[1] != "A.2.2,AI policy,included,RT-1,met,'=cmd,2027-01-01,observation,POL-1," {
		t.Errorf("soa-csv: %d lines, %q / %q", len(lines), lines[0], lines[1])
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat accepted pdf")
	}
}
