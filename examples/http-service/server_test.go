package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"libaigov.example/aigov"
)

// A descriptor the schema accepts: a private deployer of credit scoring.
const descriptor = `{"organisation":{"established_in_eu":true,"public_authority":false},` +
	`"operator":{"roles":["deployer"]},` +
	`"system":{"is_ai_system":true,"annex_iii":{"points":["5b"]}}}`

var fixedNow = time.Date(2028, 1, 1, 12, 0, 0, 0, time.UTC)

// TestMain lets the SIGTERM test run this binary as the service.
func TestMain(m *testing.M) {
	if os.Getenv("AIGOV_HTTP_SERVICE_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func testConfig() Config {
	cfg := DefaultConfig()
	cfg.ReadHeaderTimeout = 2 * time.Second
	cfg.ReadTimeout = 2 * time.Second
	cfg.WriteTimeout = 5 * time.Second
	cfg.IdleTimeout = 5 * time.Second
	cfg.Now = func() time.Time { return fixedNow }
	return cfg
}

// start serves cfg on a real loopback listener and returns its base URL.
func start(t *testing.T, cfg Config) string {
	t.Helper()
	srv := NewServer(aigov.Builtin(), cfg).HTTPServer()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

type answer struct {
	status int
	header http.Header
	body   []byte
}

func do(t *testing.T, method, url, accept string, body io.Reader) answer {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return answer{resp.StatusCode, resp.Header, data}
}

// wantError checks an error answer's status and shape.
func wantError(t *testing.T, a answer, status int, code string) errorBody {
	t.Helper()
	if a.status != status {
		t.Fatalf("status %d, want %d: %s", a.status, status, a.body)
	}
	if ct := a.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error Content-Type %q", ct)
	}
	var e errorBody
	if err := json.Unmarshal(a.body, &e); err != nil {
		t.Fatalf("error body is not JSON: %v: %s", err, a.body)
	}
	if code != "" && e.Error.Code != code {
		t.Errorf("error code %q, want %q: %s", e.Error.Code, code, a.body)
	}
	if e.Error.Message == "" {
		t.Errorf("error without message: %s", a.body)
	}
	// The three keys are always there, path possibly "".
	var raw map[string]map[string]any
	json.Unmarshal(a.body, &raw)
	for _, k := range []string{"code", "message", "path"} {
		if _, ok := raw["error"][k]; !ok {
			t.Errorf("error without %q: %s", k, a.body)
		}
	}
	return e
}

func render(t *testing.T, f aigov.Format, asOf string) []byte {
	t.Helper()
	out, err := aigov.Builtin().Render([]byte(descriptor), aigov.Options{AsOfDate: asOf, Format: f})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEvaluateJSON(t *testing.T) {
	base := start(t, testConfig())
	a := do(t, "POST", base+"/v1/evaluate?as_of=2027-06-01", "", strings.NewReader(descriptor))
	if a.status != 200 {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if want := render(t, aigov.FormatJSON, "2027-06-01"); !bytes.Equal(a.body, want) {
		t.Errorf("body differs from the library's report\n got: %.200s\nwant: %.200s", a.body, want)
	}
	var r struct { // the compact form: aigov.Report decodes the full one (full=1)
		AsOf string `json:"as_of"`
	}
	if err := json.Unmarshal(a.body, &r); err != nil || r.AsOf != "2027-06-01" {
		t.Errorf("report as_of %q (%v)", r.AsOf, err)
	}
	if a.header.Get("Aigov-As-Of") != "2027-06-01" {
		t.Errorf("Aigov-As-Of %q", a.header.Get("Aigov-As-Of"))
	}
	if !bytes.Contains(a.body, []byte(`"form":"compact"`)) {
		t.Errorf("the default report is not the compact form: %.200s", a.body)
	}
	full := do(t, "POST", base+"/v1/evaluate?as_of=2027-06-01&full=1", "", strings.NewReader(descriptor))
	if want := render(t, aigov.FormatJSONFull, "2027-06-01"); full.status != 200 || !bytes.Equal(full.body, want) {
		t.Errorf("full=1: status %d, body differs from the library's full report: %.200s", full.status, full.body)
	}
	for _, q := range []string{"full=0", "full=1&format=markdown"} {
		if bad := do(t, "POST", base+"/v1/evaluate?as_of=2027-06-01&"+q, "", strings.NewReader(descriptor)); bad.status != 400 {
			t.Errorf("%s: status %d, want 400", q, bad.status)
		}
	}
}

func TestEvaluateDefaultAsOf(t *testing.T) {
	base := start(t, testConfig())
	a := do(t, "POST", base+"/v1/evaluate", "application/json", strings.NewReader(descriptor))
	if a.status != 200 {
		t.Fatalf("status %d: %s", a.status, a.body)
	}
	if !bytes.Equal(a.body, render(t, aigov.FormatJSON, "2028-01-01")) {
		t.Errorf("without as_of the report is not as of the host's date")
	}
	if a.header.Get("Aigov-As-Of") != "2028-01-01" {
		t.Errorf("Aigov-As-Of %q", a.header.Get("Aigov-As-Of"))
	}
}

func TestEvaluateMarkdown(t *testing.T) {
	base := start(t, testConfig())
	md := render(t, aigov.FormatMarkdown, "2028-01-01")
	for accept, want := range map[string]string{
		"text/markdown":                               "text/markdown",
		"text/markdown; charset=utf-8":                "text/markdown",
		"application/json;q=0.5, text/markdown;q=0.9": "text/markdown",
		"text/*":                          "text/markdown",
		"text/plain":                      "text/plain",
		"application/json, text/markdown": "application/json",
		"*/*":                             "application/json",
		"text/markdown;q=0, */*;q=0.1":    "application/json",
		"application/xhtml+xml, text/markdown;q=0.8": "text/markdown",
		"text/html,application/xhtml+xml,*/*;q=0.8":  "application/json",
	} {
		a := do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01", accept, strings.NewReader(descriptor))
		if a.status != 200 {
			t.Errorf("Accept %q: status %d: %s", accept, a.status, a.body)
			continue
		}
		if ct := a.header.Get("Content-Type"); ct != want+"; charset=utf-8" {
			t.Errorf("Accept %q: Content-Type %q, want %s", accept, ct, want)
		}
		if want == "text/markdown" && !bytes.Equal(a.body, md) {
			t.Errorf("Accept %q: markdown differs from the library's", accept)
		}
		if !strings.Contains(a.header.Get("Vary"), "Accept") {
			t.Errorf("no Vary: Accept")
		}
	}
	a := do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01", "application/xml", strings.NewReader(descriptor))
	wantError(t, a, http.StatusNotAcceptable, "not_acceptable")
}

func TestEvaluateMalformed(t *testing.T) {
	base := start(t, testConfig())
	for _, tc := range []struct {
		name, query, body, code string
		path                    bool
	}{
		{"truncated", "?as_of=2028-01-01", `{"system": {"is_ai_system": tr`, "AIGOV_ESYNTAX", false},
		{"empty", "?as_of=2028-01-01", ``, "AIGOV_ESYNTAX", false},
		{"not an object", "?as_of=2028-01-01", `[1]`, "AIGOV_EINPUT", true},
		{"unknown key", "?as_of=2028-01-01", `{"bogus": true}`, "AIGOV_EINPUT", true},
		{"wrong type", "?as_of=2028-01-01", `{"system": {"is_ai_system": "yes"}}`, "AIGOV_EINPUT", true},
		{"bad as_of", "?as_of=2028-02-30", descriptor, "AIGOV_EINVAL", false},
		{"empty as_of", "?as_of=", descriptor, "AIGOV_EINVAL", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := do(t, "POST", base+"/v1/evaluate"+tc.query, "", strings.NewReader(tc.body))
			e := wantError(t, a, http.StatusBadRequest, tc.code)
			if tc.path && !strings.HasPrefix(e.Error.Path, "$") {
				t.Errorf("path %q does not name the JSON value", e.Error.Path)
			}
		})
	}
}

func TestEvaluateOversized(t *testing.T) {
	cfg := testConfig()
	base := start(t, cfg)
	limit := int(cfg.MaxBody)
	if limit != 1<<20 {
		t.Fatalf("default body limit %d, want 1 MiB", limit)
	}
	padded := func(n int) []byte { // `{}` followed by whitespace: n bytes of valid JSON
		b := bytes.Repeat([]byte(" "), n)
		copy(b, "{}")
		return b
	}
	// Exactly at the limit: accepted.
	a := do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01", "", bytes.NewReader(padded(limit)))
	if a.status != 200 {
		t.Errorf("body of exactly %d bytes: status %d: %.300s", limit, a.status, a.body)
	}
	// One byte over, with Content-Length.
	a = do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01", "", bytes.NewReader(padded(limit+1)))
	wantError(t, a, http.StatusRequestEntityTooLarge, "AIGOV_ELIMIT")
	// Over, chunked (no Content-Length): caught while reading.
	a = do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01", "", io.MultiReader(bytes.NewReader(padded(limit+1000))))
	wantError(t, a, http.StatusRequestEntityTooLarge, "AIGOV_ELIMIT")
	// The server still serves.
	a = do(t, "POST", base+"/v1/evaluate?as_of=2028-01-01", "", strings.NewReader(descriptor))
	if a.status != 200 {
		t.Errorf("after oversized requests: %d", a.status)
	}
}

// rawRequest opens a TCP connection and returns it with a reader.
func rawConn(t *testing.T, base string) (net.Conn, *bufio.Reader) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c, bufio.NewReader(c)
}

// TestSlowBody: a client that sends its body slower than the read timeout
// gets 408 and the connection is closed; one within the timeout is served.
func TestSlowBody(t *testing.T) {
	cfg := testConfig()
	cfg.ReadTimeout = 400 * time.Millisecond
	base := start(t, cfg)

	c, br := rawConn(t, base)
	fmt.Fprintf(c, "POST /v1/evaluate?as_of=2028-01-01 HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(descriptor))
	io.WriteString(c, descriptor[:10])
	began := time.Now()
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("no answer to a slow body: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if waited := time.Since(began); waited > 3*time.Second {
		t.Errorf("answered after %s, read timeout %s", waited, cfg.ReadTimeout)
	}
	wantError(t, answer{resp.StatusCode, resp.Header, body}, http.StatusRequestTimeout, "timeout")
	// The rest of the body now goes nowhere: the server has closed.
	io.WriteString(c, descriptor[10:])
	if _, err := br.ReadByte(); err == nil {
		t.Error("connection still open after the timeout")
	}

	// Slow but within the timeout: served.
	c2, br2 := rawConn(t, base)
	fmt.Fprintf(c2, "POST /v1/evaluate?as_of=2028-01-01 HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(descriptor))
	for i := 0; i < len(descriptor); i += len(descriptor)/3 + 1 {
		end := i + len(descriptor)/3 + 1
		if end > len(descriptor) {
			end = len(descriptor)
		}
		io.WriteString(c2, descriptor[i:end])
		time.Sleep(50 * time.Millisecond)
	}
	c2.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err = http.ReadResponse(br2, nil)
	if err != nil {
		t.Fatal(err)
	}
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !bytes.Equal(body, render(t, aigov.FormatJSON, "2028-01-01")) {
		t.Errorf("slow-but-in-time request: %d %.200s", resp.StatusCode, body)
	}
}

// TestSlowHeaders: a client that never finishes its headers is cut off.
func TestSlowHeaders(t *testing.T) {
	cfg := testConfig()
	cfg.ReadHeaderTimeout = 300 * time.Millisecond
	base := start(t, cfg)
	c, br := rawConn(t, base)
	io.WriteString(c, "POST /v1/evaluate HTTP/1.1\r\nHost: te")
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	began := time.Now()
	io.Copy(io.Discard, br) // until the server closes
	if waited := time.Since(began); waited > 3*time.Second {
		t.Errorf("connection held %s with a header timeout of %s", waited, cfg.ReadHeaderTimeout)
	}
}

func TestMethodsAndPaths(t *testing.T) {
	base := start(t, testConfig())
	for _, tc := range []struct {
		method, path, allow string
	}{
		{"GET", "/v1/evaluate", "POST"},
		{"PUT", "/v1/evaluate", "POST"},
		{"POST", "/v1/rules", "GET, HEAD"},
		{"DELETE", "/v1/schema", "GET, HEAD"},
		{"POST", "/healthz", "GET, HEAD"},
	} {
		a := do(t, tc.method, base+tc.path, "", nil)
		wantError(t, a, http.StatusMethodNotAllowed, "method_not_allowed")
		if a.header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: Allow %q, want %q", tc.method, tc.path, a.header.Get("Allow"), tc.allow)
		}
	}
	wantError(t, do(t, "GET", base+"/v2/evaluate", "", nil), http.StatusNotFound, "not_found")
	wantError(t, do(t, "GET", base+"/", "", nil), http.StatusNotFound, "not_found")
}

func TestCatalogueEndpoints(t *testing.T) {
	base := start(t, testConfig())
	tb := aigov.Builtin()

	a := do(t, "GET", base+"/v1/rules", "", nil)
	want, _ := tb.RenderRules(aigov.FormatJSON)
	if a.status != 200 || !bytes.Equal(a.body, want) || !json.Valid(a.body) {
		t.Errorf("/v1/rules: %d %.200s", a.status, a.body)
	}
	a = do(t, "GET", base+"/v1/rules", "text/markdown", nil)
	want, _ = tb.RenderRules(aigov.FormatMarkdown)
	if a.status != 200 || !bytes.Equal(a.body, want) || !strings.HasPrefix(a.header.Get("Content-Type"), "text/markdown") {
		t.Errorf("/v1/rules as markdown: %d %q", a.status, a.header.Get("Content-Type"))
	}

	a = do(t, "GET", base+"/v1/schema", "", nil)
	want, _ = tb.Schema()
	if a.status != 200 || !bytes.Equal(a.body, want) || !json.Valid(a.body) {
		t.Errorf("/v1/schema: %d %.200s", a.status, a.body)
	}
	if ct := a.header.Get("Content-Type"); ct != "application/schema+json; charset=utf-8" {
		t.Errorf("/v1/schema Content-Type %q", ct)
	}

	a = do(t, "GET", base+"/healthz", "", nil)
	var h struct {
		Status string            `json:"status"`
		Engine map[string]string `json:"engine"`
	}
	if a.status != 200 || json.Unmarshal(a.body, &h) != nil || h.Status != "ok" ||
		h.Engine["rules_hash"] != tb.Hash() || h.Engine["version"] != aigov.Version() {
		t.Errorf("/healthz: %d %s", a.status, a.body)
	}
	if a := do(t, "HEAD", base+"/healthz", "", nil); a.status != 200 || len(a.body) != 0 {
		t.Errorf("HEAD /healthz: %d", a.status)
	}
}

func TestConcurrentRequests(t *testing.T) {
	base := start(t, testConfig())
	want := render(t, aigov.FormatJSON, "2028-01-01")
	var wg sync.WaitGroup
	errs := make(chan string, 32)
	for g := 0; g < 32; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 10; i++ {
				resp, err := http.Post(base+"/v1/evaluate?as_of=2028-01-01", "application/json", strings.NewReader(descriptor))
				if err != nil {
					errs <- err.Error()
					return
				}
				body, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 || !bytes.Equal(body, want) {
					errs <- fmt.Sprintf("status %d, body differs", resp.StatusCode)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestGracefulShutdown: cancelling run's context (what SIGTERM does) lets a
// request in flight finish, then run returns nil and the port is closed.
func TestGracefulShutdown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-quiet", "-shutdown-timeout", "5s"}, io.Discard,
			func(a string) { addrc <- a })
	}()
	var addr string
	select {
	case addr = <-addrc:
	case err := <-done:
		t.Fatalf("run: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("server did not start")
	}
	// A request in flight: headers and half the body sent.
	c, br := rawConn(t, "http://"+addr)
	fmt.Fprintf(c, "POST /v1/evaluate?as_of=2028-01-01 HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", len(descriptor))
	io.WriteString(c, descriptor[:20])
	time.Sleep(100 * time.Millisecond)
	cancel() // as on SIGTERM
	time.Sleep(100 * time.Millisecond)
	select {
	case err := <-done:
		t.Fatalf("run returned with a request in flight: %v", err)
	default:
	}
	io.WriteString(c, descriptor[20:])
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatalf("request in flight lost: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !json.Valid(body) {
		t.Errorf("request in flight: %d %.200s", resp.StatusCode, body)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("run did not return after shutdown")
	}
	if c, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		c.Close()
		t.Error("still accepting connections after shutdown")
	}
}

// TestSIGTERM runs the service as a process and stops it with SIGTERM.
func TestSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("-short")
	}
	cmd := exec.Command(os.Args[0], "-addr", "127.0.0.1:0", "-shutdown-timeout", "5s")
	cmd.Env = append(os.Environ(), "AIGOV_HTTP_SERVICE_MAIN=1")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	lines := bufio.NewScanner(stderr)
	re := regexp.MustCompile(`listening on (127\.0\.0\.1:\d+)`)
	var addr string
	var log bytes.Buffer
	for lines.Scan() {
		log.WriteString(lines.Text() + "\n")
		if m := re.FindStringSubmatch(lines.Text()); m != nil {
			addr = m[1]
			break
		}
	}
	if addr == "" {
		t.Fatalf("service did not start:\n%s", log.String())
	}
	rest := make(chan string, 1)
	go func() {
		var b bytes.Buffer
		for lines.Scan() {
			b.WriteString(lines.Text() + "\n")
		}
		rest <- b.String()
	}()
	a := do(t, "GET", "http://"+addr+"/healthz", "", nil)
	if a.status != 200 {
		t.Fatalf("/healthz: %d", a.status)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case err := <-exited:
		out := <-rest
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v\n%s", err, out)
		}
		if !strings.Contains(out, "method=GET path=/healthz status=200") || !strings.Contains(out, "stopped") {
			t.Errorf("log:\n%s", out)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no exit within 10s of SIGTERM")
	}
}

func TestNegotiate(t *testing.T) {
	for accept, want := range map[string]string{
		"":                                      "application/json",
		"application/*":                         "application/json",
		"text/plain;q=0.2, text/markdown;q=0.3": "text/markdown",
		"image/png":                             "",
		"application/json;q=0":                  "",
		"garbage;;;":                            "",
		"application/oscal+json":                "application/oscal+json",
	} {
		mt, _, ok := negotiate(accept, len(formats))
		if (want == "") == ok || mt != want {
			t.Errorf("negotiate(%q) = %q, %v; want %q", accept, mt, ok, want)
		}
	}
}

// POST /v1/questions: a questionnaire over HTTP. Starting from {}, answering
// the first question each time (here from a complete descriptor) reaches a
// determined tier, and every answer is the library's next question.
func TestQuestions(t *testing.T) {
	base := start(t, testConfig())
	type resp struct {
		AsOf      string               `json:"as_of"`
		Tier      string               `json:"tier"`
		GPAI      string               `json:"gpai"`
		Next      []aigov.QuestionInfo `json:"next"`
		Remaining int                  `json:"remaining"`
		Open      int                  `json:"open"`
	}
	post := func(desc map[string]any, query string) resp {
		t.Helper()
		body, _ := json.Marshal(desc)
		a := do(t, "POST", base+"/v1/questions?as_of=2028-01-01"+query, "", bytes.NewReader(body))
		if a.status != 200 {
			t.Fatalf("status %d: %s", a.status, a.body)
		}
		var r resp
		if err := json.Unmarshal(a.body, &r); err != nil {
			t.Fatalf("%v: %s", err, a.body)
		}
		return r
	}
	r := post(map[string]any{}, "&limit=5")
	if r.AsOf != "2028-01-01" || r.Tier != "undetermined" || len(r.Next) != 5 || r.Remaining < 5 || r.Open < r.Remaining {
		t.Fatalf("from {}: %+v", r)
	}
	first := r.Next[0]
	if first.Rank != "tier" || first.Type != "set" || first.Fact != "operator.roles" || len(first.Values) == 0 || first.Source == "" {
		t.Fatalf("first question: %+v", first)
	}
	// Answer from the facts of a private deployer of credit scoring.
	answers := map[string]any{
		"operator.roles": []string{"deployer"}, "system.is_ai_system": true,
		"system.annex_iii.points": []string{"5b"}, "organisation.established_in_eu": true,
	}
	desc := map[string]any{}
	for step := 0; step < 200 && r.Tier == "undetermined"; step++ {
		r = post(desc, "")
		if r.Tier != "undetermined" {
			break
		}
		if len(r.Next) != 1 {
			t.Fatalf("step %d: %d questions", step, len(r.Next))
		}
		q := r.Next[0]
		v, ok := answers[q.Fact]
		if !ok {
			switch q.Type { // every other question: the answer that keeps the scope widest
			case "bool":
				v = false
			case "set":
				v = []string{}
			case "enum":
				v = q.Values[len(q.Values)-1]
			default:
				t.Fatalf("step %d: no answer for %s (%s)", step, q.Fact, q.Type)
			}
		}
		put(desc, q.Fact, v)
	}
	if r.Tier != "high_risk" {
		t.Fatalf("tier %q after the answers: %v", r.Tier, desc)
	}
	if _, err := aigov.Builtin().Evaluate(desc, aigov.Options{AsOfDate: "2028-01-01"}); err != nil {
		t.Fatalf("the answers do not make a valid descriptor: %v", err)
	}
	// Errors: bad descriptor (with its path), bad limit, wrong method.
	a := do(t, "POST", base+"/v1/questions", "", strings.NewReader(`{"system":{"is_ai_system":"yes"}}`))
	if e := wantError(t, a, 400, "AIGOV_EINPUT"); e.Error.Path != "$.system.is_ai_system" {
		t.Errorf("path %q", e.Error.Path)
	}
	wantError(t, do(t, "POST", base+"/v1/questions?limit=0", "", strings.NewReader(`{}`)), 400, "bad_query")
	wantError(t, do(t, "POST", base+"/v1/questions?lmit=2", "", strings.NewReader(`{}`)), 400, "unknown_parameter")
	wantError(t, do(t, "GET", base+"/v1/questions", "", nil), 405, "")
	wantError(t, do(t, "POST", base+"/v1/questions", "text/plain", strings.NewReader(`{}`)), 406, "")
}

// put writes v at a dotted fact path, creating the objects on the way.
func put(desc map[string]any, fact string, v any) {
	parts := strings.Split(fact, ".")
	m := desc
	for _, p := range parts[:len(parts)-1] {
		next, ok := m[p].(map[string]any)
		if !ok {
			next = map[string]any{}
			m[p] = next
		}
		m = next
	}
	m[parts[len(parts)-1]] = v
}
