package aigov

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// Questions agrees with the JSON report's questions (same facts, order and
// rules affected) and carries what a questionnaire needs.
func TestQuestions(t *testing.T) {
	tb := Builtin()
	opts := Options{AsOfDate: "2028-01-01"}
	qs, err := tb.Questions(map[string]any{}, opts, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 20 || qs[0].Rank != "tier" || !qs[0].AffectsTier {
		t.Fatalf("first of %d questions: %+v", len(qs), qs[0])
	}
	ranks := map[string]int{"tier": 0, "gpai": 1, "role": 2, "date": 3, "duty": 4}
	for i := 1; i < len(qs); i++ {
		if ranks[qs[i].Rank] < ranks[qs[i-1].Rank] {
			t.Fatalf("question %d (%s, %s) after rank %s", i, qs[i].Fact, qs[i].Rank, qs[i-1].Rank)
		}
	}
	raw, err := os.ReadFile(filepath.Join(repoRoot(t), "examples", "descriptors", "credit-scoring-bank.json"))
	if err != nil {
		t.Fatal(err)
	}
	var desc map[string]any
	if err := json.Unmarshal(raw, &desc); err != nil {
		t.Fatal(err)
	}
	delete(desc["evidence"].(map[string]any), "fria")
	qs, err = tb.Questions(desc, opts, 0)
	if err != nil {
		t.Fatal(err)
	}
	r, err := tb.Evaluate(desc, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != len(r.Questions) {
		t.Fatalf("%d questions, the report has %d", len(qs), len(r.Questions))
	}
	var fria *QuestionInfo
	for i := range qs {
		if qs[i].Fact != r.Questions[i].Fact || len(qs[i].Affects) != len(r.Questions[i].Affects) {
			t.Fatalf("question %d: %s (%d rules) vs report %s (%d rules)", i, qs[i].Fact, len(qs[i].Affects),
				r.Questions[i].Fact, len(r.Questions[i].Affects))
		}
		if qs[i].Fact == "evidence.fria" {
			fria = &qs[i]
		}
	}
	if fria == nil || fria.Type != "evidence" || len(fria.Values) != 4 || fria.AffectedInForce < 1 {
		t.Fatalf("evidence.fria: %+v", fria)
	}
	if _, err := tb.Questions(map[string]any{"system": map[string]any{"is_ai_system": "yes"}}, opts, 0); err == nil {
		t.Fatal("a bad descriptor gave questions")
	} else if e, ok := err.(*Error); !ok || e.Path != "$.system.is_ai_system" {
		t.Fatalf("error %v", err)
	}
	if _, err := tb.Questions(map[string]any{}, opts, 1); err == nil {
		t.Fatal("system 1 of a single-system descriptor gave questions")
	}
}
