// Package aigov is the Go binding of libaigov, an embeddable AI-governance
// rules engine: it tells which obligations of the EU AI Act and of ISO/IEC
// 42001:2023 apply to an AI system described by a JSON descriptor, and where
// the system stands on each. Not legal advice.
//
// The binding calls the C library through cgo (found with pkg-config as
// "aigov"); every answer comes from the library, byte for byte the same as
// the `aigov` command-line tool's.
//
//	tb := aigov.Builtin() // the rules compiled into the library
//	r, err := tb.Evaluate(descriptorJSON, aigov.Options{AsOfDate: "2028-01-01"})
//	if err != nil {
//		var e *aigov.Error
//		if errors.As(err, &e) {
//			log.Fatalf("%s at %s: %s", e.Name, e.Path, e.Message)
//		}
//		log.Fatal(err)
//	}
//	fmt.Println(r.Classification.Tier, r.Summary.Gap)
//	for _, o := range r.Obligations {
//		if o.Status == aigov.StatusGap && o.InForce {
//			fmt.Println(o.Citation, o.Title)
//		}
//	}
//
// Paths, from the cheapest:
//
//   - EvaluateSummary reads the tier, the GPAI class and the counts straight
//     from the C report (no JSON);
//   - Render and AppendRender return the report as JSON, text or markdown
//     without decoding it (what a host passes on);
//   - Evaluate decodes the JSON report into Report.
//
// The as-of date is always the caller's: the library never reads the clock.
//
// A Table is safe for concurrent use. It keeps a bounded pool of C
// evaluation contexts (an aigov_ctx belongs to one thread at a time): each
// call borrows one for the duration of the C call. Errors are returned per
// call, so no goroutine is locked to its thread. Compiled tables (Compile,
// CompileMap, Open) should be closed; a finalizer frees a forgotten one.
package aigov
