package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"libaigov.example/aigov"
)

// FuzzHandler sends arbitrary requests (method, target, Content-Type,
// Accept, body) through the service's handler. `go test` runs the seeds;
// `go test -fuzz=FuzzHandler` explores. Properties: the handler never
// panics (it would answer 500 through the recoverer) and never answers 5xx;
// every error is the JSON error shape; a 200 from /v1/evaluate is exactly
// the library's rendering of the body at the date used.
func FuzzHandler(f *testing.F) {
	root := os.Getenv("AIGOV_ROOT")
	if root == "" {
		root = filepath.Join("..", "..")
	}
	for _, p := range []string{"examples/descriptors/spam-filter.json", "examples/portfolio/fintech-three-systems.json"} {
		if data, err := os.ReadFile(filepath.Join(root, p)); err == nil {
			f.Add("POST", "/v1/evaluate?as_of=2028-01-01", "application/json", "", data)
		}
	}
	f.Add("POST", "/v1/evaluate?as_of=2028-01-01&format=oscal", "application/json", "*/*", []byte(descriptor))
	f.Add("POST", "/v1/evaluate?as-of=2028-01-01", "application/json", "", []byte(descriptor))
	f.Add("POST", "/v1/evaluate?format=md", "text/plain", "text/markdown", []byte(`{}`))
	f.Add("POST", "/v1/evaluate?as_of=2028-02-30", "application/json; charset=utf-8", "text/*;q=0.5", []byte(`{"system":`))
	f.Add("POST", "/v1/evaluate?%zz", "application/json", "", []byte(`[]`))
	f.Add("GET", "/v1/rules?format=text", "", "text/plain", []byte(nil))
	f.Add("GET", "/v1/schema", "", "application/xml", []byte(nil))
	f.Add("HEAD", "/healthz?x=\x00", "", "", []byte(nil))
	f.Add("DELETE", "/nope", "", "", []byte("x"))
	cfg := testConfig()
	cfg.MaxBody = 64 << 10
	h := NewServer(aigov.Builtin(), cfg).Handler()
	f.Fuzz(func(t *testing.T, method, target, contentType, accept string, body []byte) {
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		req, err := http.NewRequest(method, "http://test"+target, bytes.NewReader(body))
		if err != nil {
			return // not a request a server could receive
		}
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %q: %d %s", method, target, rec.Code, rec.Body.Bytes())
		}
		if rec.Code != 200 {
			var e errorBody
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("%d answer is not the error shape: %q", rec.Code, rec.Body.Bytes())
			}
			return
		}
		if req.URL.Path != "/v1/evaluate" {
			return
		}
		f, _ := aigov.ParseFormat(req.URL.Query().Get("format"))
		if _, given := req.URL.Query()["format"]; !given {
			_, f, _ = negotiate(accept, len(formats))
		}
		want, err := aigov.Builtin().Render(body, aigov.Options{AsOfDate: rec.Header().Get("Aigov-As-Of"), Format: f,
			MaxInput: int(cfg.MaxBody)})
		if err != nil || !bytes.Equal(rec.Body.Bytes(), want) {
			t.Fatalf("200 but not the library's report (%v)", err)
		}
	})
}
