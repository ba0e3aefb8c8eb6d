package aigov_test

import (
	"errors"
	"fmt"
	"log"
	"os"

	"libaigov.example/aigov"
)

func Example() {
	descriptor, err := os.ReadFile("../../examples/descriptors/credit-scoring-bank.json")
	if err != nil {
		log.Fatal(err)
	}
	r, err := aigov.Builtin().Evaluate(descriptor, aigov.Options{AsOfDate: "2028-01-01"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("tier:", r.Classification.Tier)
	for _, o := range r.Obligations {
		if o.Status == aigov.StatusGap && o.InForce {
			fmt.Printf("gap: %s %s\n", o.Citation, o.Title)
		}
	}
	for _, q := range r.Questions {
		fmt.Println("to answer:", q.Ask)
	}
}

func ExampleTable_EvaluateSummary() {
	descriptor := map[string]any{
		"operator": map[string]any{"roles": []string{"deployer"}},
		"system":   map[string]any{"is_ai_system": true, "annex_iii": map[string]any{"points": []string{"5b"}}},
	}
	o, err := aigov.Builtin().EvaluateSummary(descriptor, aigov.Options{AsOfDate: "2028-01-01"})
	if err != nil {
		log.Fatal(err)
	}
	if o.Tier == aigov.TierProhibited || o.InForceGaps > 0 {
		fmt.Println("blocked:", o.Tier, o.InForceGaps, "gaps in force")
	}
}

func ExampleError() {
	_, err := aigov.Builtin().Evaluate(`{"system": {"is_ai_system": "yes"}}`, aigov.Options{AsOfDate: "2028-01-01"})
	var e *aigov.Error
	if errors.As(err, &e) {
		fmt.Println(e.Name, e.Path) // AIGOV_EINPUT $.system.is_ai_system
	}
	if errors.Is(err, aigov.ErrInput) {
		fmt.Println("the descriptor does not fit the schema")
	}
}

func ExampleTable_Render() {
	md, err := aigov.Builtin().Render(`{}`, aigov.Options{AsOfDate: "2028-01-01", Format: aigov.FormatMarkdown})
	if err != nil {
		log.Fatal(err)
	}
	os.Stdout.Write(md) // a pull-request comment
}

func ExampleOpen() {
	tb, err := aigov.Open("../../rules") // a rule set compiled at run time
	if err != nil {
		log.Fatal(err)
	}
	defer tb.Close()
	fmt.Println(tb.Revision(), tb.Hash())
}
