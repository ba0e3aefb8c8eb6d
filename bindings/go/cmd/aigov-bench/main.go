// Command aigov-bench measures the Go binding over a corpus of descriptors:
// evaluations per second on the full report path (AppendRender: evaluate,
// render the JSON report and copy it into a reused Go buffer, the work of
// `aigov eval --format json`) and on the summary path (EvaluateSummary:
// tier, GPAI and counts read without JSON), both on one goroutine, then the
// resident memory growth over a long run after warm-up (garbage collected
// and returned to the OS before each reading, so that it shows what is
// held, not when the collector last ran). It prints one line for
// `make bench`:
//
//	go: full_per_s=N summary_per_s=N rss_growth_kb=N
//
// and a second line, "go-detail:", with the rate of Evaluate (the typed
// report, read through the library's report accessors) and the memory run's
// figures. A "go-typed:" line times Evaluate against the typed report as it
// was built before the accessors (the full JSON rendered and decoded with
// encoding/json) and C's parse + evaluate + summary, in interleaved windows. With -c-summary (the file
// aigov-bench saves) a third line, "go-ratios:", divides the Go rates by the
// C rates of the same run: the summary path by C's parse + evaluate and by
// C's parse + evaluate + summary (the same work), the full path by C's
// evaluate + JSON report. A "go-same-process:" line times the summary path
// against C's same loop in alternating windows of one process (csame.go):
// the fairest ratio on a VM whose speed drifts between the two programs.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"libaigov.example/aigov"
)

func main() {
	corpusDir := flag.String("corpus", "", "directory of descriptor JSON files (golden cases are unwrapped)")
	asOf := flag.String("as-of", "2028-01-01", "evaluation date")
	seconds := flag.Float64("seconds", 3, "measuring time of each throughput figure")
	memEvals := flag.Int("mem-evals", 1000000, "evaluations of the memory run (0 to skip)")
	fullEvery := flag.Int("mem-full-every", 10, "in the memory run, every Nth evaluation takes the full path (the others the summary path)")
	warmup := flag.Int("warmup", 20000, "evaluations before the memory baseline")
	cSummary := flag.String("c-summary", "", "aigov-bench's saved summary file, for ratios to the C figures of the same run")
	flag.Parse()
	if *corpusDir == "" {
		fail("usage: aigov-bench -corpus DIR [-as-of D] [-seconds S] [-mem-evals N]")
	}
	corpus, err := load(*corpusDir)
	if err != nil {
		fail(err.Error())
	}
	tb := aigov.Builtin()
	opts := aigov.Options{AsOfDate: *asOf}

	// Keep only descriptors the engine accepts (the corpus is for speed).
	var good [][]byte
	for _, d := range corpus {
		if _, err := tb.EvaluateSummary(d, opts); err == nil {
			good = append(good, d)
		}
	}
	if len(good) == 0 {
		fail("no descriptor of " + *corpusDir + " evaluates")
	}
	if len(good) < len(corpus) {
		fmt.Fprintf(os.Stderr, "aigov-bench: %d of %d descriptors rejected, left out\n", len(corpus)-len(good), len(corpus))
	}
	good = compact(good)
	corpus = nil

	var buf []byte // reused: the full path costs no Go allocation in steady state
	full := rate(*seconds, good, func(d []byte) (err error) { buf, err = tb.AppendRender(buf[:0], d, opts); return err })
	summary := rate(*seconds, good, func(d []byte) error { _, err := tb.EvaluateSummary(d, opts); return err })
	typedCall := func(d []byte) error { _, err := tb.Evaluate(d, opts); return err }
	typed := rate(*seconds/3, good, typedCall)
	// The typed report as it was built before the report accessors: the full JSON
	// rendered and decoded with encoding/json. Timed in windows interleaved with the
	// accessor path and C's parse + evaluate + summary, so that the ratios hold on a
	// loaded machine.
	fullOpts := opts
	fullOpts.Format = aigov.FormatJSONFull
	decodedCall := func(d []byte) error {
		raw, err := tb.Render(d, fullOpts)
		if err != nil {
			return err
		}
		var r aigov.Report
		return json.Unmarshal(raw, &r)
	}
	inter := interleaved(*seconds, good, *asOf, typedCall, decodedCall)
	sameGo, sameC := sameProcessRatio(*seconds, good, func(d []byte) error { _, err := tb.EvaluateSummary(d, opts); return err }, *asOf)

	growth, base, after, hwm := int64(0), int64(0), int64(0), int64(0)
	if *memEvals > 0 {
		// Warm-up: every context's buffers reach their working size.
		for i := 0; i < *warmup; i++ {
			step(tb, good[i%len(good)], opts, i, 2)
		}
		settle()
		base = rssKB()
		for i := 0; i < *memEvals; i++ {
			step(tb, good[i%len(good)], opts, i, *fullEvery)
		}
		settle()
		after = rssKB()
		runtime.KeepAlive(good) // the corpus is live at both readings
		hwm = statusKB("VmHWM")
		growth = after - base
	}
	fmt.Printf("go: full_per_s=%.0f summary_per_s=%.0f rss_growth_kb=%d\n", full, summary, growth)
	fmt.Printf("go-detail: typed_report_per_s=%.0f descriptors=%d as_of=%s mem_evals=%d mem_full_every=%d rss_base_kb=%d rss_after_kb=%d rss_peak_kb=%d gomaxprocs=%d\n",
		typed, len(good), *asOf, *memEvals, *fullEvery, base, after, hwm, runtime.GOMAXPROCS(0))
	fmt.Printf("go-same-process: summary_per_s=%.0f c_summary_per_s=%.0f ratio=%.2f (interleaved windows, same descriptors)\n",
		sameGo, sameC, sameGo/sameC)
	fmt.Printf("go-typed: accessors_per_s=%.0f json_decoded_per_s=%.0f c_summary_per_s=%.0f accessors_vs_json=%.1f "+
		"accessors_vs_c_summary=%.3f json_vs_c_summary=%.4f (typed report: accessors against the full JSON decoded; "+
		"interleaved windows, same descriptors)\n",
		inter[0], inter[1], inter[2], inter[0]/inter[1], inter[0]/inter[2], inter[1]/inter[2])
	if c := cFigures(*cSummary); len(c) > 0 {
		ratio := func(num float64, key string) string {
			if c[key] <= 0 {
				return "n/a"
			}
			return fmt.Sprintf("%.2f", num/c[key])
		}
		fmt.Printf("go-ratios: summary_vs_c_eval=%s summary_vs_c_summary=%s full_vs_c_report=%s\n",
			ratio(summary, "parse_eval_per_s"), ratio(summary, "parse_eval_summary_per_s"),
			ratio(full, "report_json_per_s"))
	}
}

// cFigures reads the key=value figures of aigov-bench's summary file (none
// when the file is absent: the ratios are then left out).
func cFigures(path string) map[string]float64 {
	out := map[string]float64{}
	if path == "" {
		return out
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	for _, field := range strings.Fields(string(data)) {
		k, v, ok := strings.Cut(field, "=")
		if !ok {
			continue
		}
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			out[k] = f
		}
	}
	return out
}

// step takes the full path (Render, allocating its result) every `every`
// calls and the summary path otherwise.
func step(tb *aigov.Table, d []byte, opts aigov.Options, i, every int) {
	var err error
	if every > 0 && i%every == 0 {
		_, err = tb.Render(d, opts)
	} else {
		_, err = tb.EvaluateSummary(d, opts)
	}
	if err != nil {
		fail(err.Error())
	}
}

// rate runs f over the corpus (cycling) for about `seconds` and returns
// calls per second.
func rate(seconds float64, corpus [][]byte, f func([]byte) error) float64 {
	for i := 0; i < len(corpus) && i < 100; i++ { // warm up
		if err := f(corpus[i]); err != nil {
			fail(err.Error())
		}
	}
	// The fastest 500-call slice, as aigov-bench takes the fastest pass:
	// this VM's neighbours steal time in bursts, and the ratios to the C
	// figures must compare like with like.
	const chunk = 500
	deadline := time.Duration(seconds * float64(time.Second))
	start := time.Now()
	n, best := 0, 0.0
	for best == 0 || time.Since(start) < deadline {
		p0 := time.Now()
		for k := 0; k < chunk; k++ {
			if err := f(corpus[n%len(corpus)]); err != nil {
				fail(err.Error())
			}
			n++
		}
		if r := chunk / time.Since(p0).Seconds(); r > best {
			best = r
		}
	}
	return best
}

// settle collects garbage and returns freed heap to the OS, so that RSS
// shows what is still held rather than when the GC last ran.
func settle() {
	runtime.GC()
	debug.FreeOSMemory()
	time.Sleep(50 * time.Millisecond)
}

func rssKB() int64 { return statusKB("VmRSS") }

func statusKB(key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, key+":") {
			fields := strings.Fields(line[len(key)+1:])
			if len(fields) > 0 {
				v, _ := strconv.ParseInt(fields[0], 10, 64)
				return v
			}
		}
	}
	return -1
}

// compact copies the descriptors into one buffer, so that the garbage of
// loading them does not stay pinned in half-used heap spans and blur the
// memory baseline.
func compact(docs [][]byte) [][]byte {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	arena := make([]byte, 0, n)
	out := make([][]byte, len(docs))
	for i, d := range docs {
		start := len(arena)
		arena = append(arena, d...)
		out[i] = arena[start:len(arena):len(arena)]
	}
	return out
}

// load reads every *.json file of dir (sorted). A golden case (an object with
// "descriptor" and "expect") stands for its descriptor.
func load(dir string) ([][]byte, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var c struct {
			Descriptor json.RawMessage `json:"descriptor"`
			Expect     json.RawMessage `json:"expect"`
		}
		if json.Unmarshal(data, &c) == nil && c.Descriptor != nil && c.Expect != nil {
			data = c.Descriptor
		}
		out = append(out, data)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no *.json file in %s", dir)
	}
	return out, nil
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "aigov-bench:", msg)
	os.Exit(2)
}
