package aigov

import (
	"os"
	"path/filepath"
	"testing"
)

func benchCorpus(b *testing.B) [][]byte {
	files, _ := filepath.Glob(filepath.Join(repoRoot(b), "examples", "descriptors", "*.json"))
	var out [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Builtin().EvaluateSummary(data, Options{AsOfDate: defaultAsOf}); err == nil {
			out = append(out, data)
		}
	}
	if len(out) == 0 {
		for _, d := range builtinDescriptors {
			out = append(out, []byte(d))
		}
	}
	return out
}

func BenchmarkRender(b *testing.B) {
	c, tb := benchCorpus(b), Builtin()
	opts := Options{AsOfDate: defaultAsOf}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tb.Render(c[i%len(c)], opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluateSummary(b *testing.B) {
	c, tb := benchCorpus(b), Builtin()
	opts := Options{AsOfDate: defaultAsOf}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tb.EvaluateSummary(c[i%len(c)], opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate(b *testing.B) {
	c, tb := benchCorpus(b), Builtin()
	opts := Options{AsOfDate: defaultAsOf}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := tb.Evaluate(c[i%len(c)], opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAppendRender(b *testing.B) {
	c, tb := benchCorpus(b), Builtin()
	opts := Options{AsOfDate: defaultAsOf}
	var buf []byte
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		if buf, err = tb.AppendRender(buf[:0], c[i%len(c)], opts); err != nil {
			b.Fatal(err)
		}
	}
}
