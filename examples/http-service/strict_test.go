package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"libaigov.example/aigov"
)

// Issue 19, point 7: the service rejects what it does not understand.

// Before: ?as-of= and ?format=oscal were ignored and the request evaluated
// with the defaults (200).
func TestUnknownQueryParameters(t *testing.T) {
	base := start(t, testConfig())
	for _, tc := range []struct{ method, url, names string }{
		{"POST", "/v1/evaluate?as-of=2028-01-01", `"as-of"`},
		{"POST", "/v1/evaluate?as_of=2028-01-01&asof=x&Format=json", `"Format", "asof"`},
		{"GET", "/v1/rules?as_of=2028-01-01", `"as_of"`},
		{"GET", "/v1/schema?format=json", `"format"`},
		{"GET", "/healthz?verbose", `"verbose"`},
	} {
		var body *strings.Reader
		if tc.method == "POST" {
			body = strings.NewReader(descriptor)
		}
		a := doBody(t, tc.method, base+tc.url, "", body)
		e := wantError(t, a, http.StatusBadRequest, "unknown_parameter")
		if !strings.Contains(e.Error.Message, tc.names) {
			t.Errorf("%s: message %q does not name %s", tc.url, e.Error.Message, tc.names)
		}
	}
	a := do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01&as_of=2020-01-01", "", strings.NewReader(descriptor))
	wantError(t, a, http.StatusBadRequest, "bad_query")
	a = do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01;format=oscal", "", strings.NewReader(descriptor))
	wantError(t, a, http.StatusBadRequest, "bad_query")
	a = do(t, "POST", base+"/v1/evaluate?format=yaml", "", strings.NewReader(descriptor))
	wantError(t, a, http.StatusBadRequest, "bad_query")
	a = do(t, "GET", base+"/v1/rules?format=oscal", "", nil)
	wantError(t, a, http.StatusBadRequest, "bad_query")
}

// doBody is do with a nil-able body that stays untyped nil when absent.
func doBody(t *testing.T, method, url, accept string, body *strings.Reader) answer {
	if body == nil {
		return do(t, method, url, accept, nil)
	}
	return do(t, method, url, accept, body)
}

// Before: any Content-Type (or none) was evaluated.
func TestContentTypeRequired(t *testing.T) {
	base := start(t, testConfig())
	for _, ct := range []string{"", "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
		"application/jsonx", "multipart/form-data; boundary=x"} {
		req, _ := http.NewRequest("POST", base+"/v1/evaluate?as_of=2028-01-01", strings.NewReader(descriptor))
		if ct != "" {
			req.Header.Set("Content-Type", ct)
		}
		a := send(t, req)
		wantError(t, a, http.StatusUnsupportedMediaType, "unsupported_media_type")
		if a.header.Get("Accept-Post") != "application/json" {
			t.Errorf("415 without Accept-Post")
		}
	}
	for _, ct := range []string{"application/json", "application/json; charset=utf-8", "Application/JSON; charset=UTF-8"} {
		req, _ := http.NewRequest("POST", base+"/v1/evaluate?as_of=2028-01-01", strings.NewReader(descriptor))
		req.Header.Set("Content-Type", ct)
		if a := send(t, req); a.status != 200 {
			t.Errorf("Content-Type %q: %d %s", ct, a.status, a.body)
		}
	}
}

func send(t *testing.T, req *http.Request) answer {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return answer{resp.StatusCode, resp.Header, buf.Bytes()}
}

// Before: no OSCAL at all (?format= was ignored, Accept offered three types).
func TestOSCAL(t *testing.T) {
	base := start(t, testConfig())
	want, err := aigov.Builtin().Render([]byte(descriptor), aigov.Options{AsOfDate: "2028-01-01", Format: aigov.FormatOSCAL})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ query, accept string }{
		{"&format=oscal", ""}, {"&format=oscal", "*/*"}, {"&format=oscal", "application/*"}, {"", "application/oscal+json"},
	} {
		a := do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01"+tc.query, tc.accept, strings.NewReader(descriptor))
		if a.status != 200 || !bytes.Equal(a.body, want) {
			t.Errorf("%q %q: %d %.200s", tc.query, tc.accept, a.status, a.body)
		}
		if ct := a.header.Get("Content-Type"); ct != "application/oscal+json; charset=utf-8" {
			t.Errorf("OSCAL Content-Type %q", ct)
		}
	}
	a := do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01&format=oscal", "text/markdown", strings.NewReader(descriptor))
	wantError(t, a, http.StatusNotAcceptable, "not_acceptable")
	a = do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01&format=markdown", "", strings.NewReader(descriptor))
	if a.status != 200 || !strings.HasPrefix(a.header.Get("Content-Type"), "text/markdown") {
		t.Errorf("format=markdown: %d %q", a.status, a.header.Get("Content-Type"))
	}
}

// Before: a 400 whose message told the HTTP client to call aigov_eval_system.
func TestPortfolio(t *testing.T) {
	base := start(t, testConfig())
	root := os.Getenv("AIGOV_ROOT")
	if root == "" {
		root = filepath.Join("..", "..")
	}
	data, err := os.ReadFile(filepath.Join(root, "examples", "portfolio", "fintech-three-systems.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []aigov.Format{aigov.FormatJSON, aigov.FormatMarkdown, aigov.FormatText, aigov.FormatOSCAL} {
		want, err := aigov.Builtin().Render(data, aigov.Options{AsOfDate: "2028-01-01", Format: f})
		if err != nil {
			t.Fatal(err)
		}
		a := do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01&format="+f.String(), "", bytes.NewReader(data))
		if a.status != 200 || !bytes.Equal(a.body, want) {
			t.Errorf("portfolio as %s: %d %.300s", f, a.status, a.body)
		}
	}
	var r aigov.Report
	a := do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01&full=1", "", bytes.NewReader(data)) // aigov.Report: the full form
	if err := json.Unmarshal(a.body, &r); err != nil || len(r.Systems) != 3 || r.Organisation == nil {
		t.Errorf("portfolio report: %v, %d systems", err, len(r.Systems))
	}
	if bytes.Contains(a.body, []byte("aigov_eval")) {
		t.Errorf("the answer names a C function")
	}
}
