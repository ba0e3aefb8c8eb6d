package aigov

/*
#cgo pkg-config: aigov
#include <stdlib.h>
#include <aigov.h>
#include "shim.h"

#if AIGOV_VERSION_MAJOR != 0 || AIGOV_VERSION_MINOR != 1
#error "the libaigov Go binding is written for aigov.h 0.1.x: check PKG_CONFIG_PATH"
#endif
*/
import "C"

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"
	"unsafe"
)

// HeaderVersion is the aigov.h version this binding was compiled against.
const HeaderVersion = C.AIGOV_VERSION_STRING

// Version returns the version of the linked C library, e.g. "0.1.0".
func Version() string { return C.GoString(C.aigov_version()) }

// errorName is the library's name of a status code (aigov_error_name): "?"
// for a code it does not know.
func errorName(code int) string { return C.GoString(C.aigov_error_name(C.int(code))) }

// versionErr is non-nil when the shared library found at run time is not
// compatible (same major and minor) with the header compiled against.
var versionErr = versionMismatch(uint(C.aigov_version_number()), Version(), uint(C.AIGOV_VERSION_NUMBER))

// versionMismatch compares a library's version number (major*10000 +
// minor*100 + patch) with the header's: major and minor must be equal.
func versionMismatch(lib uint, libVersion string, hdr uint) error {
	if lib/100 != hdr/100 {
		return goError(CodeInvalid, fmt.Sprintf("linked libaigov %s is not compatible with the header %s this binding was built with (need %d.%d.x)",
			libVersion, HeaderVersion, hdr/10000, hdr/100%100), "")
	}
	return nil
}

// CheckVersion reports whether the linked library matches the header's
// major and minor version. When it does not, LoadBuiltin, Compile and Open
// return this error, and every method of the table Builtin returns fails
// with it: nothing panics and nothing evaluates against a mismatched library.
func CheckVersion() error { return versionErr }

// Format selects a report rendering.
type Format int

const (
	FormatJSON     Format = C.AIGOV_FORMAT_JSON
	FormatText     Format = C.AIGOV_FORMAT_TEXT     // plain text for people
	FormatMarkdown Format = C.AIGOV_FORMAT_MARKDOWN // for pull-request comments
	FormatOSCAL    Format = C.AIGOV_FORMAT_OSCAL    // NIST OSCAL 1.1 assessment results (JSON); reports only
	FormatSARIF    Format = C.AIGOV_FORMAT_SARIF    // SARIF 2.1.0 for code scanning; reports only
	FormatJUnit    Format = C.AIGOV_FORMAT_JUNIT    // JUnit XML for CI test reports; reports only
	FormatHTML     Format = C.AIGOV_FORMAT_HTML     // one self-contained HTML page; reports only
	// FormatJSONFull is the full JSON report (AIGOV_RENDER_FULL): every
	// rule's title, citation, evidence titles, crosswalk and question texts
	// repeated. FormatJSON is the compact report, which names rules by id
	// (Table.Rules and RenderRules have the rest). Evaluate decodes the
	// full form, so a Report's typed fields carry titles either way.
	FormatJSONFull Format = C.AIGOV_FORMAT_JSON | C.AIGOV_RENDER_FULL
	FormatSoACSV   Format = C.AIGOV_FORMAT_SOA_CSV // the ISO/IEC 42001 Statement of Applicability as CSV; reports only
)

// Limits of the library on Options (include/aigov.h): larger values are
// rejected here, before they could wrap in the C types.
const (
	MaxInputLimit = 64 << 20
	MaxDepthLimit = 256
)

func (f Format) String() string {
	switch f {
	case FormatJSON:
		return "json"
	case FormatJSONFull:
		return "json-full"
	case FormatText:
		return "text"
	case FormatMarkdown:
		return "markdown"
	case FormatOSCAL:
		return "oscal"
	case FormatSARIF:
		return "sarif"
	case FormatJUnit:
		return "junit"
	case FormatHTML:
		return "html"
	case FormatSoACSV:
		return "soa-csv"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

func (f Format) valid() bool { return f >= FormatJSON && f <= FormatSoACSV || f == FormatJSONFull }

// ParseFormat maps "json", "json-full", "text", "markdown" (also "md"),
// "oscal", "sarif", "junit", "html" or "soa-csv" to a Format.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "json", "":
		return FormatJSON, nil
	case "json-full":
		return FormatJSONFull, nil
	case "text", "txt":
		return FormatText, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	case "oscal":
		return FormatOSCAL, nil
	case "sarif":
		return FormatSARIF, nil
	case "junit":
		return FormatJUnit, nil
	case "html":
		return FormatHTML, nil
	case "soa-csv":
		return FormatSoACSV, nil
	}
	return 0, goError(CodeInvalid, fmt.Sprintf("unknown format %q: expected json, json-full, text, markdown, oscal, sarif, junit, html or soa-csv", s), "")
}

// Options are the options of one evaluation.
type Options struct {
	// AsOfDate is the evaluation date, "YYYY-MM-DD". It wins over AsOf.
	AsOfDate string
	// AsOf is the evaluation date as a time; its calendar date in its own
	// location is used. One of AsOfDate and AsOf is required: the library
	// never reads the clock.
	AsOf time.Time
	// Format of Report.Rendered (Evaluate) or of the bytes (Render).
	// FormatJSON (the zero value) renders JSON only.
	Format Format
	// MaxInput is the largest descriptor accepted in bytes (0: 1 MiB; at
	// most MaxInputLimit). An io.Reader is read up to it and no further.
	MaxInput int
	// MaxDepth is the deepest JSON nesting accepted (0: 32; at most MaxDepthLimit).
	MaxDepth int
}

// check rejects options that the C types cannot hold or the library does
// not accept (CodeInvalid): C.uint(1<<32) would be 0, the default, and a
// format past the enum would be rendered as whatever the library makes of it.
func (o *Options) check(formats ...Format) error {
	if o.MaxInput < 0 || o.MaxInput > MaxInputLimit {
		return goError(CodeInvalid, fmt.Sprintf("MaxInput %d is out of range: expected 0 to %d", o.MaxInput, MaxInputLimit), "")
	}
	if o.MaxDepth < 0 || o.MaxDepth > MaxDepthLimit {
		return goError(CodeInvalid, fmt.Sprintf("MaxDepth %d is out of range: expected 0 to %d", o.MaxDepth, MaxDepthLimit), "")
	}
	for _, f := range formats {
		if !f.valid() {
			return goError(CodeInvalid, fmt.Sprintf("format %d is not one of json (0), text (1), markdown (2), oscal (3)", int(f)), "")
		}
	}
	return nil
}

// Date formats t as the "YYYY-MM-DD" the library expects.
func Date(t time.Time) string { return t.Format("2006-01-02") }

// Source is one rule source document (the content of one rules/ file).
type Source struct {
	Name string // used in error messages, e.g. "rules/eu-ai-act/art27.json"
	Data []byte // JSON text
}

// Table is an immutable, compiled rule table together with a pool of
// evaluation contexts. It is safe for concurrent use by any number of
// goroutines: each evaluation borrows a context (an aigov_ctx belongs to one
// thread at a time) and gives it back.
type Table struct {
	c       *C.aigov_table
	builtin bool

	revision string
	hash     string

	// mu is held shared by every call into C and exclusively by Close, so
	// that the table and its contexts are never freed under a running call.
	mu     sync.RWMutex
	closed bool

	// sem bounds the contexts in use (and so the threads evaluating at once
	// and the memory held); idle holds contexts ready for reuse. Both have
	// capacity DefaultMaxContexts, so a release never blocks.
	sem  chan struct{}
	idle chan *C.aigovgo_slot

	rulesOnce sync.Once
	rules     []RuleInfo
	rulesErr  error

	// cache holds the table's strings and rule metadata for the typed report
	// (report_cache.go), converted once.
	cache cacheState

	// err, when set, is returned by every call: the table that Builtin
	// returns when the linked library's version does not match.
	err error
}

// DefaultMaxContexts is the number of evaluation contexts a Table creates at
// most: evaluations beyond it wait for a context to be free. Evaluation is
// CPU-bound, so more contexts than cores gain nothing.
var DefaultMaxContexts = func() int {
	n := 2 * runtime.GOMAXPROCS(0)
	if n < 4 {
		n = 4
	}
	return n
}()

func newTable(c *C.aigov_table, builtin bool) *Table {
	t := &Table{
		c:        c,
		builtin:  builtin,
		revision: C.GoString(C.aigov_table_revision(c)),
		hash:     C.GoString(C.aigov_table_hash(c)),
		sem:      make(chan struct{}, DefaultMaxContexts),
		idle:     make(chan *C.aigovgo_slot, DefaultMaxContexts),
	}
	if !builtin {
		// Safety net for a table that is dropped without Close.
		runtime.SetFinalizer(t, (*Table).finalize)
	}
	return t
}

var (
	builtinOnce  sync.Once
	builtinTable *Table
)

// Builtin returns the rule table compiled into the library from rules/. It
// is one shared Table for the whole process: Close on it is a no-op. If the
// linked library's version does not match (see CheckVersion), it never
// panics: every call on the table returns that error (*Error, CodeInvalid).
// LoadBuiltin returns the error at once instead.
func Builtin() *Table { return builtinWith(versionErr) }

// LoadBuiltin is Builtin with the version check as an error: (nil, err)
// when the linked library does not match the header.
func LoadBuiltin() (*Table, error) {
	if versionErr != nil {
		return nil, versionErr
	}
	return Builtin(), nil
}

// builtinWith returns the shared builtin table, or, when verr is set, a table
// that touches no C and fails every call with verr.
func builtinWith(verr error) *Table {
	if verr != nil {
		return &Table{builtin: true, err: verr}
	}
	builtinOnce.Do(func() {
		builtinTable = newTable((*C.aigov_table)(unsafe.Pointer(C.aigov_table_builtin())), true)
	})
	return builtinTable
}

// Compile compiles a rule set at run time with the same validation as the
// build. Sources are read in the order given; exactly one has "manifest".
// Errors are *Error with code CodeRules (naming the source, rule and JSON
// path), CodeSyntax, CodeLimit, CodeNoMem or CodeInvalid. Close the table
// when done with it.
func Compile(sources []Source) (*Table, error) {
	if versionErr != nil {
		return nil, versionErr
	}
	n := len(sources)
	// The C side takes arrays of pointers: build them in C memory (cgo does
	// not allow passing Go memory that holds Go pointers).
	words := n
	if words == 0 {
		words = 1
	}
	ptrSize := C.size_t(unsafe.Sizeof(uintptr(0)))
	pNames := C.calloc(C.size_t(words), ptrSize)
	pDatas := C.calloc(C.size_t(words), ptrSize)
	pLens := C.calloc(C.size_t(words), C.size_t(unsafe.Sizeof(C.size_t(0))))
	defer C.free(pNames)
	defer C.free(pDatas)
	defer C.free(pLens)
	if pNames == nil || pDatas == nil || pLens == nil {
		return nil, goError(CodeNoMem, "out of memory", "")
	}
	names := unsafe.Slice((**C.char)(pNames), words)
	datas := unsafe.Slice((**C.char)(pDatas), words)
	lens := unsafe.Slice((*C.size_t)(pLens), words)
	defer func() {
		for i := 0; i < n; i++ {
			C.free(unsafe.Pointer(names[i]))
			C.free(unsafe.Pointer(datas[i]))
		}
	}()
	for i, s := range sources {
		names[i] = C.CString(s.Name)
		datas[i] = (*C.char)(C.CBytes(s.Data))
		lens[i] = C.size_t(len(s.Data))
	}
	var out *C.aigov_table
	cerr := (*C.aigov_error)(C.calloc(1, C.size_t(unsafe.Sizeof(C.aigov_error{}))))
	if cerr == nil {
		return nil, goError(CodeNoMem, "out of memory", "")
	}
	defer C.free(unsafe.Pointer(cerr))
	rc := C.aigovgo_compile(&out, &names[0], &datas[0], &lens[0], C.size_t(n), cerr)
	if rc != C.AIGOV_OK {
		return nil, errorFrom(int(rc), cerr)
	}
	return newTable(out, false), nil
}

// CompileMap compiles sources given as name -> content, read in the order of
// their names (as the build sorts rules/ by path).
func CompileMap(sources map[string][]byte) (*Table, error) {
	names := make([]string, 0, len(sources))
	for name := range sources {
		names = append(names, name)
	}
	sort.Strings(names)
	list := make([]Source, len(names))
	for i, name := range names {
		list[i] = Source{Name: name, Data: sources[name]}
	}
	return Compile(list)
}

// Open compiles the rule set in directory dir: every *.json file below it
// except JSON Schemas (*.schema.json), read in path order. Sources are named
// "<base of dir>/<path below dir>", e.g. "rules/eu-ai-act/art27.json".
func Open(dir string) (*Table, error) {
	base := filepath.Base(filepath.Clean(dir))
	var list []Source
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".json") || strings.HasSuffix(path, ".schema.json") {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		data, err := readLimited(path, MaxInputLimit)
		if err != nil {
			return err
		}
		list = append(list, Source{Name: filepath.ToSlash(filepath.Join(base, rel)), Data: data})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Name < list[j].Name })
	return Compile(list)
}

// Close frees the table's contexts and, for a compiled table, the table. It
// waits for evaluations in progress. Later calls return ErrClosed. Close on
// the Builtin table is a no-op.
func (t *Table) Close() error {
	if t == nil || t.builtin {
		return nil
	}
	runtime.SetFinalizer(t, nil)
	t.free()
	return nil
}

func (t *Table) finalize() { t.free() }

func (t *Table) free() {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return
	}
	t.closed = true
	// Every context is idle: calls hold the shared lock while they use one.
	for drained := false; !drained; {
		select {
		case s := <-t.idle:
			C.aigovgo_slot_free(s)
		default:
			drained = true
		}
	}
	C.aigov_table_free(t.c)
	t.c = nil
}

// Revision is the rule set's revision (from its manifest).
func (t *Table) Revision() string { return t.revision }

// Hash is "sha256:<hex>" over the rule sources (names and contents).
func (t *Table) Hash() string { return t.hash }

// enter takes the shared lock, failing once the table is closed.
func (t *Table) enter() error {
	if t.err != nil {
		return t.err
	}
	t.mu.RLock()
	if t.closed {
		t.mu.RUnlock()
		return ErrClosed
	}
	return nil
}

func (t *Table) leave() {
	t.mu.RUnlock()
	runtime.KeepAlive(t)
}

// acquire borrows a context, creating one if none is idle and fewer than
// the maximum exist; the caller holds the shared lock.
func (t *Table) acquire() (*C.aigovgo_slot, error) {
	t.sem <- struct{}{}
	select {
	case s := <-t.idle:
		return s, nil
	default:
	}
	cerr := (*C.aigov_error)(C.calloc(1, C.size_t(unsafe.Sizeof(C.aigov_error{}))))
	if cerr == nil {
		<-t.sem
		return nil, goError(CodeNoMem, "out of memory", "")
	}
	defer C.free(unsafe.Pointer(cerr))
	s := C.aigovgo_slot_new(t.c, cerr)
	if s == nil {
		<-t.sem
		return nil, errorFrom(int(cerr.code), cerr)
	}
	return s, nil
}

func (t *Table) release(s *C.aigovgo_slot) {
	t.idle <- s
	<-t.sem
}

// errorFrom converts a C error (code rc, details in e) to *Error.
func errorFrom(rc int, e *C.aigov_error) *Error {
	err := &Error{Code: rc, Name: CodeName(rc)}
	if e != nil {
		err.Message = C.GoString(&e.message[0])
		err.Path = C.GoString(&e.path[0])
		err.Source = C.GoString(&e.source[0])
		err.RuleID = C.GoString(&e.rule_id[0])
		err.Offset = int(e.offset)
	}
	if err.Message == "" {
		err.Message = C.GoString(C.aigov_strerror(C.int(rc)))
	}
	return err
}

// descriptorBytes turns the accepted descriptor forms into JSON text. A
// reader is read up to one byte past the input limit, which is enough for
// the library to report ELIMIT.
func descriptorBytes(d any, opts *Options) ([]byte, error) {
	switch v := d.(type) {
	case []byte:
		return v, nil
	case json.RawMessage:
		return v, nil
	case string:
		return []byte(v), nil
	case io.Reader:
		limit := int64(opts.MaxInput)
		if limit <= 0 {
			limit = C.AIGOV_DEFAULT_MAX_INPUT
		}
		return io.ReadAll(io.LimitReader(v, limit+1))
	default:
		b, err := json.Marshal(v)
		if err != nil {
			return nil, fmt.Errorf("aigov: encoding the descriptor: %w", err)
		}
		return b, nil
	}
}

// readLimited reads a file up to limit bytes and no further: one byte past
// the limit is an ELIMIT error, so a huge file never reaches memory.
func readLimited(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, goError(CodeLimit, fmt.Sprintf("%s is larger than %d bytes", path, limit), "")
	}
	return data, nil
}

// setOptions writes opts into the slot's C options.
func setOptions(s *C.aigovgo_slot, opts *Options) error {
	date := opts.AsOfDate
	if date == "" && !opts.AsOf.IsZero() {
		var buf [16]byte
		date = string(opts.AsOf.AppendFormat(buf[:0], "2006-01-02"))
	}
	if len(date) >= C.AIGOVGO_ASOF_MAX || strings.IndexByte(date, 0) >= 0 {
		return goError(CodeInvalid, fmt.Sprintf("as_of %q is not a date: expected YYYY-MM-DD", date), "")
	}
	for i := 0; i < len(date); i++ {
		s.as_of[i] = C.char(date[i])
	}
	s.as_of[len(date)] = 0
	if err := opts.check(); err != nil {
		return err
	}
	s.opts.max_input = C.size_t(opts.MaxInput)
	s.opts.max_depth = C.uint(opts.MaxDepth)
	return nil
}

// withSlot is what every evaluating call does first: the descriptor's bytes,
// the shared lock, a borrowed context with opts written into it. fn runs
// with them; data is kept alive until fn returns (the context's strings may
// point into it).
func (t *Table) withSlot(descriptor any, opts *Options, fn func(s *C.aigovgo_slot, data []byte) error) error {
	data, err := descriptorBytes(descriptor, opts)
	if err != nil {
		return err
	}
	if err := t.enter(); err != nil {
		return err
	}
	defer t.leave()
	s, err := t.acquire()
	if err != nil {
		return err
	}
	defer t.release(s)
	if err := setOptions(s, opts); err != nil {
		return err
	}
	err = fn(s, data)
	runtime.KeepAlive(data)
	return err
}

// cbytes returns a C view of b: nil for an empty slice. Go memory holding no
// Go pointers may be passed to C for the duration of the call.
func cbytes(b []byte) (*C.char, C.size_t) {
	if len(b) == 0 {
		return nil, 0
	}
	return (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

// render evaluates and renders in f0, appended to dst0, and, when f1 >= 0,
// in f1.
func (t *Table) render(dst0 []byte, desc any, opts *Options, f0, f1 Format) (out0, out1 []byte, err error) {
	formats := []Format{f0}
	if f1 >= 0 {
		formats = append(formats, f1)
	}
	if err := opts.check(formats...); err != nil {
		return nil, nil, err
	}
	err = t.withSlot(desc, opts, func(s *C.aigovgo_slot, data []byte) error {
		p, n := cbytes(data)
		if rc := C.aigovgo_eval_render(s, p, n, C.int(f0), C.int(f1)); rc != C.AIGOV_OK {
			return errorFrom(int(rc), &s.err)
		}
		out0 = appendC(dst0, s.out[0], s.out_len[0])
		if f1 >= 0 {
			out1 = appendC(nil, s.out[1], s.out_len[1])
		}
		C.aigovgo_slot_clear(s)
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out0, out1, nil
}

// appendC appends n bytes of C memory at p to dst.
func appendC(dst []byte, p *C.char, n C.size_t) []byte {
	if n == 0 {
		if dst == nil {
			return []byte{}
		}
		return dst
	}
	return append(dst, unsafe.Slice((*byte)(unsafe.Pointer(p)), int(n))...)
}

// Evaluate evaluates one descriptor and returns its typed report, read
// through the library's report accessors (no JSON is rendered or parsed for
// it).
//
// The descriptor is JSON text ([]byte, string, json.RawMessage or an
// io.Reader) or any other value, which is encoded with encoding/json. An
// as-of date is required in opts. With opts.Format FormatJSONFull the full
// JSON report is also rendered into Report.Raw; with text, markdown, OSCAL
// and the other formats, into Report.Rendered (each a second evaluation in
// the same call). Report.JSON renders the full JSON later when it is needed.
// A descriptor of several systems gives Report.Systems and
// Report.Organisation, as the CLI renders it.
//
// Errors are *Error: CodeSyntax, CodeInput or CodeLimit (with the JSON
// path and what was expected), CodeInvalid (bad options or as-of date),
// CodeNoMem; ErrClosed after Close.
func (t *Table) Evaluate(descriptor any, opts Options) (*Report, error) {
	if err := opts.check(opts.Format); err != nil {
		return nil, err
	}
	var r *Report
	err := t.withSlot(descriptor, &opts, func(s *C.aigovgo_slot, data []byte) (err error) {
		if r, err = t.typedReport(s, data); err != nil {
			return err
		}
		if opts.Format != FormatJSON {
			p, n := cbytes(data)
			if rc := C.aigovgo_eval_render(s, p, n, C.int(opts.Format), -1); rc != C.AIGOV_OK {
				return errorFrom(int(rc), &s.err)
			}
			out := appendC(nil, s.out[0], s.out_len[0])
			C.aigovgo_slot_clear(s)
			if opts.Format == FormatJSONFull {
				r.Raw = out
			} else {
				r.Rendered = out
			}
		}
		// what JSON needs to render the same report later (a copy: the caller may reuse data)
		r.source = &reportSource{t: t, data: append([]byte(nil), data...), opts: opts}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// reportSource is what a Report was evaluated from.
type reportSource struct {
	t    *Table
	data []byte
	opts Options
}

// JSON returns the full JSON report (FormatJSONFull) of the evaluation:
// Raw when Evaluate rendered it (Options.Format FormatJSONFull), else
// rendered now from the same descriptor, date and table (an evaluation is
// deterministic: the bytes are the same, byte-identical to `aigov eval
// --format json --full` without its final newline). ErrClosed once the
// table is closed.
func (r *Report) JSON() ([]byte, error) {
	if r.Raw != nil {
		return r.Raw, nil
	}
	if r.source == nil {
		return nil, goError(CodeInvalid, "this Report was not made by Evaluate: it has no JSON to render", "")
	}
	opts := r.source.opts
	opts.Format = FormatJSONFull
	return r.source.t.Render(r.source.data, opts)
}

// Render evaluates one descriptor (as for Evaluate) and returns the report
// rendered in opts.Format without decoding it: the fast path for hosts that
// pass the report on. JSON output is byte-identical to the CLI's.
//
// Each call allocates the report's bytes; AppendRender reuses a buffer.
func (t *Table) Render(descriptor any, opts Options) ([]byte, error) {
	out, _, err := t.render(nil, descriptor, &opts, opts.Format, -1)
	return out, err
}

// AppendRender is Render appending the report to dst and returning the
// extended buffer: with a reused buffer (dst[:0]) it allocates nothing in
// steady state. On error dst is returned unchanged.
func (t *Table) AppendRender(dst []byte, descriptor any, opts Options) ([]byte, error) {
	out, _, err := t.render(dst, descriptor, &opts, opts.Format, -1)
	if err != nil {
		return dst, err
	}
	return out, nil
}

// EvaluateSummary evaluates one descriptor and reads the tier, the GPAI
// class and the summary counts straight from the report, without rendering
// or parsing JSON. opts.Format is ignored. A descriptor of several systems
// is an error (CodeInput at $.systems): use EvaluateSystems.
func (t *Table) EvaluateSummary(descriptor any, opts Options) (Outcome, error) {
	if err := opts.check(); err != nil {
		return Outcome{}, err
	}
	var out Outcome
	err := t.withSlot(descriptor, &opts, func(s *C.aigovgo_slot, data []byte) error {
		p, n := cbytes(data)
		if rc := C.aigovgo_eval_summary(s, p, n); rc != C.AIGOV_OK {
			e := errorFrom(int(rc), &s.err)
			if e.Code == CodeInput && e.Path == "$.systems" {
				// The library's message names C functions; name this binding's.
				e.Message = "the descriptor describes several systems: use EvaluateSystems for their outcomes, or Evaluate"
			}
			return e
		}
		out = outcomeOf(s)
		return nil
	})
	if err != nil {
		return Outcome{}, err
	}
	return out, nil
}

// EvaluateSystems evaluates every system of a descriptor (one item for a
// single-system descriptor) and reads each one's outcome without JSON, as
// EvaluateSummary does. The organisation's own rules of a descriptor of
// several systems are in Evaluate's Report.Organisation.
func (t *Table) EvaluateSystems(descriptor any, opts Options) ([]Outcome, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	var out []Outcome
	err := t.withSlot(descriptor, &opts, func(s *C.aigovgo_slot, data []byte) error {
		p, n := cbytes(data)
		for i, count := C.size_t(0), C.size_t(1); i < count; i++ {
			if rc := C.aigovgo_eval_system(s, p, n, i, &count); rc != C.AIGOV_OK {
				return errorFrom(int(rc), &s.err)
			}
			out = append(out, outcomeOf(s))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FailOn is the policy of a verdict (aigov_fail_on): what fails.
type FailOn int

const (
	FailOnNone       FailOn = 0 // never failing
	FailOnProhibited FailOn = 1 // a prohibited system
	FailOnGap        FailOn = 2 // ... or a gap in a rule in force (the CLI's default)
	FailOnUnknown    FailOn = 3 // ... or an undetermined tier, or an unknown status of a rule in force
)

// ParseFailOn maps "none", "prohibited", "gap" or "unknown" to a FailOn.
func ParseFailOn(s string) (FailOn, error) {
	for i, n := range []string{"none", "prohibited", "gap", "unknown"} {
		if s == n {
			return FailOn(i), nil
		}
	}
	return 0, goError(CodeInvalid, fmt.Sprintf("unknown fail-on %q: expected none, prohibited, gap or unknown", s), "")
}

// Verdict is the library's one verdict on a whole descriptor (every system
// and the organisation's own rules once), computed by aigov_eval_verdict:
// the numbers every rendering shows, summed.
type Verdict struct {
	Systems      int    // systems evaluated (1 without "systems")
	Tier         Tier   // the most severe tier of any system
	Tiers        []Tier // every tier some system has, most severe first
	GPAI         GPAI   // the most severe GPAI class
	Prohibited   int    // systems classified prohibited
	Undetermined int    // systems whose tier is undetermined
	Counts              // summed over every system's rules and the organisation's
	InForceGaps  int
	Questions    int
	// OrganisationInForceGaps is the part of InForceGaps that is the
	// organisation's own rules (0 without "systems").
	OrganisationInForceGaps int
	FailOn                  FailOn
	Failing                 bool
}

// severity lists tiers most severe first, as aigov_verdict ranks them.
var severity = []Tier{TierProhibited, TierUndetermined, TierHighRisk, TierLimited, TierMinimal, TierOutOfScope}

// Verdict evaluates a whole descriptor (one system or several) and returns
// the library's verdict under failOn: use it for pass or fail (summing
// EvaluateSystems misses the organisation's rules). opts.Format is ignored.
func (t *Table) Verdict(descriptor any, opts Options, failOn FailOn) (Verdict, error) {
	if err := opts.check(); err != nil {
		return Verdict{Failing: true}, err
	}
	if failOn < FailOnNone || failOn > FailOnUnknown {
		return Verdict{Failing: true}, goError(CodeInvalid, fmt.Sprintf("fail-on %d is not one of 0 to 3", int(failOn)), "")
	}
	var v C.aigovgo_verdict
	err := t.withSlot(descriptor, &opts, func(s *C.aigovgo_slot, data []byte) error {
		p, n := cbytes(data)
		if rc := C.aigovgo_eval_verdict(s, p, n, C.int(failOn), &v); rc != C.AIGOV_OK {
			return errorFrom(int(rc), &s.err)
		}
		return nil
	})
	if err != nil {
		return Verdict{Failing: true}, err
	}
	out := Verdict{
		Systems: int(v.systems), Tier: tierOf(int(v.tier)), GPAI: gpaiOf(int(v.gpai)),
		Prohibited: int(v.prohibited), Undetermined: int(v.undetermined),
		Counts: Counts{Total: int(v.sum.total), Met: int(v.sum.met), Gap: int(v.sum.gap),
			Unknown: int(v.sum.unknown), NotApplicable: int(v.sum.not_applicable)},
		InForceGaps: int(v.sum.in_force_gaps), Questions: int(v.sum.questions),
		OrganisationInForceGaps: int(v.organisation_in_force_gaps), FailOn: failOn, Failing: v.failing != 0,
	}
	for _, tier := range severity {
		for i, known := range tiers {
			if known == tier && v.tiers&(1<<uint(i)) != 0 {
				out.Tiers = append(out.Tiers, tier)
			}
		}
	}
	return out, nil
}

// outcomeOf reads the outcome of the slot's last evaluation.
func outcomeOf(s *C.aigovgo_slot) Outcome {
	return Outcome{
		Tier: tierOf(int(s.tier)),
		GPAI: gpaiOf(int(s.gpai)),
		Counts: Counts{
			Total:         int(s.sum.total),
			Met:           int(s.sum.met),
			Gap:           int(s.sum.gap),
			Unknown:       int(s.sum.unknown),
			NotApplicable: int(s.sum.not_applicable),
		},
		InForceGaps: int(s.sum.in_force_gaps),
		Questions:   int(s.sum.questions),
	}
}

// Rules returns the rule catalogue in table order (a fresh copy).
func (t *Table) Rules() ([]RuleInfo, error) {
	t.rulesOnce.Do(func() {
		if err := t.enter(); err != nil {
			t.rulesErr = err
			return
		}
		defer t.leave()
		n := int(C.aigov_table_rule_count(t.c))
		rules := make([]RuleInfo, 0, n)
		for i := 0; i < n; i++ {
			var ri C.aigov_rule_info
			if rc := C.aigov_table_rule(&ri, t.c, C.size_t(i)); rc != C.AIGOV_OK {
				t.rulesErr = errorFrom(int(rc), nil)
				return
			}
			rules = append(rules, ruleInfoFrom(&ri))
		}
		t.rules = rules
	})
	if t.rulesErr != nil {
		return nil, t.rulesErr
	}
	return append([]RuleInfo(nil), t.rules...), nil
}

func ruleInfoFrom(ri *C.aigov_rule_info) RuleInfo {
	return RuleInfo{
		ID:          C.GoString(ri.id),
		Framework:   C.GoString(ri.framework),
		Citation:    C.GoString(ri.citation),
		Title:       C.GoString(ri.title),
		AppliesFrom: C.GoString(&ri.applies_from[0]),
		Kind:        kindOf(int(ri.kind)),
	}
}

// Rule returns the catalogue entry of one rule; ErrNotFound if absent.
func (t *Table) Rule(id string) (RuleInfo, error) {
	if err := t.enter(); err != nil {
		return RuleInfo{}, err
	}
	defer t.leave()
	cid := C.CString(id)
	defer C.free(unsafe.Pointer(cid))
	var idx C.size_t
	if rc := C.aigov_table_find_rule(&idx, t.c, cid); rc != C.AIGOV_OK {
		return RuleInfo{}, goError(int(rc), fmt.Sprintf("no rule %q", id), "")
	}
	var ri C.aigov_rule_info
	if rc := C.aigov_table_rule(&ri, t.c, idx); rc != C.AIGOV_OK {
		return RuleInfo{}, errorFrom(int(rc), nil)
	}
	return ruleInfoFrom(&ri), nil
}

// withBuffer runs a C function that returns a buffer to free with aigov_free.
func (t *Table) withBuffer(call func(out **C.char, n *C.size_t, e *C.aigov_error) C.int) ([]byte, error) {
	if err := t.enter(); err != nil {
		return nil, err
	}
	defer t.leave()
	cerr := (*C.aigov_error)(C.calloc(1, C.size_t(unsafe.Sizeof(C.aigov_error{}))))
	if cerr == nil {
		return nil, goError(CodeNoMem, "out of memory", "")
	}
	defer C.free(unsafe.Pointer(cerr))
	var out *C.char
	var n C.size_t
	if rc := call(&out, &n, cerr); rc != C.AIGOV_OK {
		return nil, errorFrom(int(rc), cerr)
	}
	defer C.aigov_free(unsafe.Pointer(out))
	return C.GoBytes(unsafe.Pointer(out), C.int(n)), nil
}

// RenderRules renders the rule catalogue (id, citation, title, applies-from,
// kind) in the given format.
func (t *Table) RenderRules(f Format) ([]byte, error) {
	if !f.valid() { // C.int(f) would wrap a value past int32
		return nil, goError(CodeInvalid, fmt.Sprintf("format %d is not one of json (0), text (1), markdown (2)", int(f)), "")
	}
	return t.withBuffer(func(out **C.char, n *C.size_t, e *C.aigov_error) C.int {
		return C.aigov_table_render_rules(out, n, t.c, C.int(f), e)
	})
}

// Schema returns the JSON Schema (2020-12) of the descriptor this table
// accepts.
func (t *Table) Schema() ([]byte, error) {
	return t.withBuffer(func(out **C.char, n *C.size_t, e *C.aigov_error) C.int {
		return C.aigov_table_descriptor_schema(out, n, t.c, e)
	})
}

// Explain renders one rule in readable form: citation, title, dates, its
// condition written out, the facts it reads and the evidence it needs.
// ErrNotFound for an unknown id.
func (t *Table) Explain(id string) (string, error) {
	cid := C.CString(id)
	defer C.free(unsafe.Pointer(cid))
	b, err := t.withBuffer(func(out **C.char, n *C.size_t, e *C.aigov_error) C.int {
		return C.aigov_table_explain(out, n, t.c, cid, e)
	})
	return string(b), err
}
