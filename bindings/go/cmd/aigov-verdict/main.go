// Command aigov-verdict prints the Go binding's verdict on descriptor files,
// one JSON line per file, for the cross-interface test
// (bindings/python/tests/test_cross_interface.py). Usage:
// aigov-verdict -as-of D FILE... (FILE@DATE gives a file its own date).
// Each line has file, error (the code name, "" when none), verdict_exit,
// report_exit, tiers, in_force_gaps, organisation_in_force_gaps,
// summary_tiers and summary_in_force_gaps.
//
// verdict_exit is Table.Verdict (the library's one verdict); report_exit
// reads the typed Report (every system and the organisation); the summary_
// fields are EvaluateSystems (C accessors, no JSON), per system. Exit
// semantics as `aigov eval --fail-on gap`: 1 prohibited or a gap in force,
// 2 an error.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"libaigov.example/aigov"
)

type verdict struct {
	File           string       `json:"file"`
	Error          string       `json:"error"`
	VerdictExit    int          `json:"verdict_exit"`
	ReportExit     int          `json:"report_exit"`
	SummaryTiers   []aigov.Tier `json:"summary_tiers"`
	SummaryGaps    []int        `json:"summary_in_force_gaps"`
	Tiers          []aigov.Tier `json:"tiers"`
	InForceGaps    []int        `json:"in_force_gaps"`
	OrgInForceGaps int          `json:"organisation_in_force_gaps"`
}

func main() {
	asOf := flag.String("as-of", "2028-01-01", "evaluation date for files without @DATE")
	flag.Parse()
	enc := json.NewEncoder(os.Stdout)
	for _, arg := range flag.Args() {
		file, date := arg, *asOf
		if i := strings.LastIndex(arg, "@"); i > 0 {
			file, date = arg[:i], arg[i+1:]
		}
		if err := enc.Encode(judge(file, date)); err != nil {
			fmt.Fprintln(os.Stderr, "aigov-verdict:", err)
			os.Exit(1)
		}
	}
}

func judge(file, date string) verdict {
	v := verdict{File: file, VerdictExit: 2, ReportExit: 2}
	f, err := os.Open(file)
	if err != nil {
		v.Error = err.Error()
		return v
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, aigov.MaxInputLimit+1)) // bounded; the library judges the size
	if err != nil {
		v.Error = err.Error()
		return v
	}
	t := aigov.Builtin()
	opts := aigov.Options{AsOfDate: date}
	r, err := t.Evaluate(data, opts)
	if err != nil {
		var e *aigov.Error
		if errors.As(err, &e) {
			v.Error = e.Name
		} else {
			v.Error = err.Error()
		}
		return v
	}
	failing := false
	if r.Systems == nil {
		failing = r.Classification.Tier == aigov.TierProhibited || r.Summary.LegalInForceGaps > 0
		v.Tiers = []aigov.Tier{r.Classification.Tier}
		v.InForceGaps = []int{r.Summary.InForceGaps}
	}
	for _, s := range r.Systems {
		failing = failing || s.Classification.Tier == aigov.TierProhibited || s.Summary.LegalInForceGaps > 0
		v.Tiers = append(v.Tiers, s.Classification.Tier)
		v.InForceGaps = append(v.InForceGaps, s.Summary.InForceGaps)
	}
	if r.Organisation != nil {
		v.OrgInForceGaps = r.Organisation.Summary.InForceGaps
		failing = failing || r.Organisation.Summary.LegalInForceGaps > 0 // ISO/IEC 42001 gaps only when asked
	}
	v.ReportExit = exit(failing)
	if outs, err := t.EvaluateSystems(data, opts); err == nil {
		for _, o := range outs {
			v.SummaryTiers = append(v.SummaryTiers, o.Tier)
			v.SummaryGaps = append(v.SummaryGaps, o.InForceGaps)
		}
	}
	if lib, err := t.Verdict(data, opts, aigov.FailOnGap); err == nil {
		v.VerdictExit = exit(lib.Failing)
	}
	return v
}

func exit(failing bool) int {
	if failing {
		return 1
	}
	return 0
}
