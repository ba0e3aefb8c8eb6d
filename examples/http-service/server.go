package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"mime"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"libaigov.example/aigov"
)

// Config holds the service's limits and timeouts.
type Config struct {
	MaxBody           int64         // largest request body accepted (413 beyond)
	ReadHeaderTimeout time.Duration // to read a request's headers
	ReadTimeout       time.Duration // to read a whole request, body included
	WriteTimeout      time.Duration // from the end of the headers to the end of the response
	IdleTimeout       time.Duration // keep-alive connections
	ShutdownTimeout   time.Duration // grace period for requests in flight on SIGTERM
	// Now gives the date used when a request has no ?as_of= (UTC calendar
	// date). The engine never reads the clock: the host decides.
	Now    func() time.Time
	Logger *log.Logger // access log; nil for none
}

// DefaultConfig is what the command uses unless flags say otherwise.
func DefaultConfig() Config {
	return Config{
		MaxBody:           1 << 20,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       60 * time.Second,
		ShutdownTimeout:   20 * time.Second,
		Now:               time.Now,
	}
}

// Server serves one rule table over HTTP. It only moves bytes: every answer
// about the law comes from the library.
type Server struct {
	table *aigov.Table
	cfg   Config
}

// NewServer returns a server for table with cfg (zero fields take defaults).
func NewServer(table *aigov.Table, cfg Config) *Server {
	def := DefaultConfig()
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = def.MaxBody
	}
	if cfg.ReadHeaderTimeout <= 0 {
		cfg.ReadHeaderTimeout = def.ReadHeaderTimeout
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = def.ReadTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = def.WriteTimeout
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = def.IdleTimeout
	}
	if cfg.ShutdownTimeout <= 0 {
		cfg.ShutdownTimeout = def.ShutdownTimeout
	}
	if cfg.Now == nil {
		cfg.Now = def.Now
	}
	return &Server{table: table, cfg: cfg}
}

// HTTPServer returns an http.Server with the configured timeouts.
func (s *Server) HTTPServer() *http.Server {
	var errLog *log.Logger
	if s.cfg.Logger != nil {
		errLog = s.cfg.Logger
	} else {
		errLog = log.New(io.Discard, "", 0)
	}
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: s.cfg.ReadHeaderTimeout,
		ReadTimeout:       s.cfg.ReadTimeout,
		WriteTimeout:      s.cfg.WriteTimeout,
		IdleTimeout:       s.cfg.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          errLog,
	}
}

// Handler routes the API.
func (s *Server) Handler() http.Handler {
	return s.recoverer(s.logged(http.HandlerFunc(s.route)))
}

func (s *Server) route(w http.ResponseWriter, r *http.Request) {
	if _, known := endpointParams[r.URL.Path]; known && !checkQuery(w, r) {
		return
	}
	switch r.URL.Path {
	case "/v1/evaluate":
		if allow(w, r, http.MethodPost) {
			s.evaluate(w, r)
		}
	case "/v1/questions":
		if allow(w, r, http.MethodPost) {
			s.questions(w, r)
		}
	case "/v1/rules":
		if allow(w, r, http.MethodGet, http.MethodHead) {
			s.rules(w, r)
		}
	case "/v1/schema":
		if allow(w, r, http.MethodGet, http.MethodHead) {
			s.schema(w, r)
		}
	case "/healthz":
		if allow(w, r, http.MethodGet, http.MethodHead) {
			s.healthz(w, r)
		}
	default:
		writeError(w, http.StatusNotFound, "not_found", "no such endpoint: "+r.URL.Path, "")
	}
}

// allow answers 405 unless the request's method is one of methods.
func allow(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeError(w, http.StatusMethodNotAllowed, "method_not_allowed",
		fmt.Sprintf("%s is not allowed on %s: use %s", r.Method, r.URL.Path, strings.Join(methods, " or ")), "")
	return false
}

// errorBody is the shape of every error answer.
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
		Path    string `json:"path"`
	} `json:"error"`
}

func writeError(w http.ResponseWriter, status int, code, message, path string) {
	var b errorBody
	b.Error.Code, b.Error.Message, b.Error.Path = code, message, path
	data, _ := json.Marshal(b)
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(append(data, '\n'))
}

// writeLibraryError maps an error of the library to an HTTP answer: input
// errors (syntax, schema, limits, bad date) are 400.
func writeLibraryError(w http.ResponseWriter, err error) {
	var e *aigov.Error
	if !errors.As(err, &e) {
		if errors.Is(err, aigov.ErrClosed) {
			writeError(w, http.StatusServiceUnavailable, "unavailable", "the rule table is closed", "")
			return
		}
		writeError(w, http.StatusInternalServerError, "internal", err.Error(), "")
		return
	}
	status := http.StatusInternalServerError
	switch e.Code {
	case aigov.CodeSyntax, aigov.CodeInput, aigov.CodeInvalid, aigov.CodeLimit:
		status = http.StatusBadRequest
	case aigov.CodeNotFound:
		status = http.StatusNotFound
	case aigov.CodeNoMem:
		status = http.StatusServiceUnavailable
	}
	writeError(w, status, e.Name, e.Message, e.Path)
}

// Media types the report comes in. OSCAL is JSON of its own model:
// application/oscal+json, chosen by Accept or by ?format=oscal.
var formats = []struct {
	mediaType string
	format    aigov.Format
}{
	{"application/json", aigov.FormatJSON},
	{"text/markdown", aigov.FormatMarkdown},
	{"text/plain", aigov.FormatText},
	{"application/oscal+json", aigov.FormatOSCAL},
}

// mediaRange is one element of an Accept header.
type mediaRange struct {
	typ, sub string
	q        float64
}

func parseAccept(accept string) []mediaRange {
	var ranges []mediaRange
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil && f >= 0 && f <= 1 {
				q = f
			}
		}
		typ, sub, _ := strings.Cut(mt, "/")
		ranges = append(ranges, mediaRange{typ, sub, q})
	}
	return ranges
}

// quality is the q the most specific matching range gives mediaType, and
// how specific it is (2 exact, 1 type/*, 0 */*; -1 when none matches).
func quality(ranges []mediaRange, mediaType string) (q float64, spec int) {
	typ, sub, _ := strings.Cut(mediaType, "/")
	q, spec = -1, -1
	for _, r := range ranges {
		s := -1
		switch {
		case r.typ == typ && r.sub == sub:
			s = 2
		case r.typ == typ && r.sub == "*":
			s = 1
		case r.typ == "*" && r.sub == "*":
			s = 0
		}
		if s > spec {
			spec, q = s, r.q
		}
	}
	return q, spec
}

// accepts reports whether an Accept header allows mediaType (no header: yes).
func accepts(accept, mediaType string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	q, _ := quality(parseAccept(accept), mediaType)
	return q > 0
}

// negotiate picks the format from the Accept header: the acceptable media
// type with the highest q (then the most specific, then JSON first). No
// Accept, or */*, means JSON. ok is false when nothing offered is acceptable.
// offered limits the choice to the first n formats (the rule catalogue has
// no OSCAL form).
func negotiate(accept string, offered int) (mediaType string, f aigov.Format, ok bool) {
	if strings.TrimSpace(accept) == "" {
		return formats[0].mediaType, formats[0].format, true
	}
	ranges := parseAccept(accept)
	best, bestQ, bestSpec := -1, 0.0, -1
	for i, f := range formats[:offered] {
		q, spec := quality(ranges, f.mediaType)
		if q <= 0 {
			continue
		}
		if q > bestQ || (q == bestQ && spec > bestSpec) {
			best, bestQ, bestSpec = i, q, spec
		}
	}
	if best < 0 {
		return "", 0, false
	}
	return formats[best].mediaType, formats[best].format, true
}

// acceptable picks the answer's format: ?format= when given (checked
// against Accept), else Accept. rules: the catalogue, which has no OSCAL.
func acceptable(w http.ResponseWriter, r *http.Request, rules bool) (string, aigov.Format, bool) {
	if mt, f, given, ok := formatParam(w, r, rules); given || !ok {
		return mt, f, ok
	}
	n := len(formats)
	if rules {
		n--
	}
	mt, f, ok := negotiate(r.Header.Get("Accept"), n)
	if !ok {
		offered := make([]string, n)
		for i, f := range formats[:n] {
			offered[i] = f.mediaType
		}
		writeError(w, http.StatusNotAcceptable, "not_acceptable",
			"cannot answer in "+quote(r.Header.Get("Accept"))+": offered "+strings.Join(offered, ", "), "")
	}
	return mt, f, ok
}

func writeBody(w http.ResponseWriter, mediaType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", mediaType+"; charset=utf-8")
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Add("Vary", "Accept")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// evaluate: POST /v1/evaluate[?as_of=YYYY-MM-DD][&format=F][&full=1], a
// descriptor (application/json; one system or several under one
// organisation) in, a report out: JSON in the compact form, or with full=1
// the full form that repeats every rule's metadata.
func (s *Server) evaluate(w http.ResponseWriter, r *http.Request) {
	if !checkContentType(w, r) {
		return
	}
	mediaType, format, ok := acceptable(w, r, false)
	if !ok {
		return
	}
	if full, given := r.URL.Query()["full"]; given {
		if full[0] != "1" || format != aigov.FormatJSON {
			writeError(w, http.StatusBadRequest, "bad_query",
				"full="+quote(full[0])+": expected full=1 with a JSON answer", "")
			return
		}
		format = aigov.FormatJSONFull
	}
	asOf := r.URL.Query().Get("as_of")
	if _, given := r.URL.Query()["as_of"]; !given {
		asOf = aigov.Date(s.cfg.Now().UTC())
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	buf := bufPool.Get().(*[]byte)
	defer putBuf(buf)
	out, err := s.table.AppendRender((*buf)[:0], body, aigov.Options{AsOfDate: asOf, Format: format, MaxInput: int(s.cfg.MaxBody)})
	if err != nil {
		writeLibraryError(w, err)
		return
	}
	*buf = out
	w.Header().Set("Aigov-As-Of", asOf)
	w.Header().Set("Cache-Control", "no-store")
	writeBody(w, mediaType, out)
}

// readBody reads a request body up to the limit, answering 413, 408 or 400
// itself when it cannot.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.ContentLength > s.cfg.MaxBody {
		writeError(w, http.StatusRequestEntityTooLarge, aigov.CodeName(aigov.CodeLimit),
			fmt.Sprintf("request body of %d bytes is over the limit of %d bytes", r.ContentLength, s.cfg.MaxBody), "")
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.cfg.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		var netErr net.Error
		switch {
		case errors.As(err, &tooBig):
			writeError(w, http.StatusRequestEntityTooLarge, aigov.CodeName(aigov.CodeLimit),
				fmt.Sprintf("request body is over the limit of %d bytes", s.cfg.MaxBody), "")
		case errors.As(err, &netErr) && netErr.Timeout():
			writeError(w, http.StatusRequestTimeout, "timeout",
				"the request body did not arrive within "+s.cfg.ReadTimeout.String(), "")
		default:
			writeError(w, http.StatusBadRequest, "bad_request", "reading the request body: "+err.Error(), "")
		}
		return nil, false
	}
	return body, true
}

// bufPool recycles report buffers (reports run to ~100 KB).
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 128<<10); return &b }}

func putBuf(b *[]byte) {
	if cap(*b) <= 4<<20 {
		bufPool.Put(b)
	}
}

// rules: GET /v1/rules, the rule catalogue (JSON, markdown or text).
func (s *Server) rules(w http.ResponseWriter, r *http.Request) {
	mediaType, format, ok := acceptable(w, r, true)
	if !ok {
		return
	}
	out, err := s.table.RenderRules(format)
	if err != nil {
		writeLibraryError(w, err)
		return
	}
	writeBody(w, mediaType, out)
}

// schema: GET /v1/schema, the JSON Schema of the descriptor.
func (s *Server) schema(w http.ResponseWriter, r *http.Request) {
	out, err := s.table.Schema()
	if err != nil {
		writeLibraryError(w, err)
		return
	}
	writeBody(w, "application/schema+json", out)
}

// healthz: GET /healthz, the engine answers and which rules it runs.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := s.table.EvaluateSummary([]byte(`{}`), aigov.Options{AsOfDate: aigov.Date(s.cfg.Now().UTC())}); err != nil {
		writeError(w, http.StatusServiceUnavailable, "unavailable", err.Error(), "")
		return
	}
	type engine struct {
		Version       string `json:"version"`
		RulesRevision string `json:"rules_revision"`
		RulesHash     string `json:"rules_hash"`
	}
	body, _ := json.Marshal(struct {
		Status string `json:"status"`
		Engine engine `json:"engine"`
	}{"ok", engine{aigov.Version(), s.table.Revision(), s.table.Hash()}})
	w.Header().Set("Cache-Control", "no-store")
	writeBody(w, "application/json", body)
}

// statusRecorder keeps the status for the access log.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (r *statusRecorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *statusRecorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	n, err := r.ResponseWriter.Write(b)
	r.bytes += n
	return n, err
}

func (s *Server) logged(next http.Handler) http.Handler {
	if s.cfg.Logger == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		next.ServeHTTP(rec, r)
		s.cfg.Logger.Printf("method=%s path=%s status=%d bytes=%d duration_us=%d remote=%s",
			r.Method, r.URL.Path, rec.status, rec.bytes, time.Since(start).Microseconds(), r.RemoteAddr)
	})
}

// recoverer answers 500 in the usual error shape if a handler panics.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				if s.cfg.Logger != nil {
					s.cfg.Logger.Printf("panic serving %s %s: %v", r.Method, r.URL.Path, v)
				}
				writeError(w, http.StatusInternalServerError, "internal", "internal error", "")
			}
		}()
		next.ServeHTTP(w, r)
	})
}
