package aigov

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Locations of the shared test data: AIGOV_ROOT (the repository, default
// ../..) and AIGOV_CLI (the C command-line tool, default $ROOT/build/aigov).

func repoRoot(t testing.TB) string {
	if r := os.Getenv("AIGOV_ROOT"); r != "" {
		return r
	}
	r, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// cliPath returns the C CLI; it skips the test when the CLI is absent and
// AIGOV_CLI was not given (make test-go always gives it).
func cliPath(t testing.TB) string {
	if p := os.Getenv("AIGOV_CLI"); p != "" {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("AIGOV_CLI=%s: %v", p, err)
		}
		return p
	}
	p := filepath.Join(repoRoot(t), "build", "aigov")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("no C CLI at %s (set AIGOV_CLI)", p)
	}
	return p
}

// goldenCase is one file of test/golden (see test/golden/README.md).
type goldenCase struct {
	File        string          `json:"-"`
	Description string          `json:"description"`
	Pins        string          `json:"pins"`
	AsOf        string          `json:"as_of"`
	Descriptor  json.RawMessage `json:"descriptor"`      // an object
	DescFile    string          `json:"descriptor_file"` // or a file (from the repository root)
	DescRaw     *string         `json:"descriptor_raw"`  // or text, e.g. malformed JSON
	Expect      struct {
		Tier             *Tier             `json:"tier"`
		GPAI             *GPAI             `json:"gpai"`
		Roles            *[]string         `json:"roles"`
		Status           map[string]Status `json:"status"`
		InForce          map[string]bool   `json:"in_force"`
		Values           map[string]string `json:"values"` // needs rule values: C runner only
		QuestionsInclude []string          `json:"questions_include"`
		QuestionsExclude []string          `json:"questions_exclude"`
		Error            *string           `json:"error"`
		ErrorPath        *string           `json:"error_path"`
	} `json:"expect"`
}

// defaultAsOf is used for descriptors that come without a date.
const defaultAsOf = "2028-01-01"

func loadGolden(t testing.TB) []goldenCase {
	files, err := filepath.Glob(filepath.Join(repoRoot(t), "test", "golden", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(files)
	var cases []goldenCase
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var c goldenCase
		if err := json.Unmarshal(data, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		c.File = f
		if bytes.Contains(data, []byte(`"organisation_status"`)) {
			continue // a descriptor of several systems: the C runner checks its organisation's part
		}
		if c.AsOf == "" {
			c.AsOf = defaultAsOf
		}
		if err := c.resolve(repoRoot(t)); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		cases = append(cases, c)
	}
	return cases
}

// resolve leaves the descriptor's JSON text in c.Descriptor, as the C
// runner (test/golden/runner.c) reads it: "descriptor" (an object),
// "descriptor_file" or "descriptor_raw".
func (c *goldenCase) resolve(root string) error {
	switch {
	case len(c.Descriptor) > 0 && c.Descriptor[0] == '{':
	case c.DescFile != "":
		p := c.DescFile
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		c.Descriptor = data
	case c.DescRaw != nil:
		c.Descriptor = json.RawMessage(*c.DescRaw)
	default:
		return fmt.Errorf("a case needs descriptor (an object), descriptor_file or descriptor_raw")
	}
	return nil
}

// descCase is one descriptor of the shared corpus with its date.
type descCase struct {
	Name    string
	Data    []byte
	AsOf    string
	WantErr bool
}

// corpus returns the golden descriptors and examples/descriptors/*.json.
// With neither present yet it falls back to a few built-in descriptors so
// that the concurrency tests still exercise the engine.
func corpus(t testing.TB) []descCase {
	var out []descCase
	for _, c := range loadGolden(t) {
		out = append(out, descCase{
			Name:    filepath.Base(c.File),
			Data:    c.Descriptor,
			AsOf:    c.AsOf,
			WantErr: c.Expect.Error != nil,
		})
	}
	ex, _ := filepath.Glob(filepath.Join(repoRoot(t), "examples", "descriptors", "*.json"))
	sort.Strings(ex)
	for _, f := range ex {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range []string{"2025-06-01", "2026-08-02", defaultAsOf} {
			out = append(out, descCase{Name: "examples/" + filepath.Base(f) + "@" + d, Data: data, AsOf: d})
		}
	}
	if len(out) == 0 {
		t.Logf("no golden cases or example descriptors: using built-in descriptors")
		for i, d := range builtinDescriptors {
			out = append(out, descCase{Name: "builtin" + string(rune('0'+i)), Data: []byte(d), AsOf: defaultAsOf})
		}
	}
	return out
}

// builtinDescriptors cover a few classifications; the tests compare the
// binding with itself and the CLI, never with expected legal answers.
var builtinDescriptors = []string{
	`{}`,
	`{"organisation":{"established_in_eu":true,"public_authority":false},"operator":{"roles":["deployer"]},"system":{"is_ai_system":true,"annex_iii":{"points":["5b"]}}}`,
	`{"operator":{"roles":["provider"]},"system":{"is_ai_system":true,"market":{"placed_on_eu_market":true},"annex_iii":{"points":[]},"art50":{"interacts_with_persons":true}}}`,
	`{"operator":{"roles":["provider"]},"system":{"is_ai_system":true,"art5":{"social_scoring":true}}}`,
	`{"operator":{"roles":["provider"]},"gpai":{"is_gpai_model":true,"training_compute_flops":1e26}}`,
}

// runCLI runs `aigov eval FILE --as-of D --format F` and returns stdout with
// the trailing newline removed, and the exit code.
func runCLI(t testing.TB, cli string, data []byte, asOf, format string) ([]byte, []byte, int) {
	dir := t.TempDir()
	f := filepath.Join(dir, "descriptor.json")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"eval", f, "--as-of", asOf, "--format", format}
	if format == "json-full" {
		args = []string{"eval", f, "--as-of", asOf, "--format", "json", "--full"}
	}
	cmd := exec.Command(cli, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("running %s: %v", cli, err)
		}
		code = ee.ExitCode()
	}
	return bytes.TrimSuffix(stdout.Bytes(), []byte("\n")), stderr.Bytes(), code
}

func sortedCopy(s []string) []string {
	c := append([]string(nil), s...)
	sort.Strings(c)
	return c
}

func short(b []byte) string {
	s := string(b)
	if len(s) > 300 {
		s = s[:300] + "..."
	}
	return strings.TrimSpace(s)
}

// mustJSON is the report's full JSON (Report.JSON).
func mustJSON(t testing.TB, r *Report) []byte {
	t.Helper()
	b, err := r.JSON()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
