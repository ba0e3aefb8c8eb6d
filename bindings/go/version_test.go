package aigov

import (
	"errors"
	"strings"
	"testing"
)

// Issue 22, point 9: a library of another major or minor version is an
// error on every call, never a panic.
func TestVersionMismatch(t *testing.T) {
	hdr := uint(10203) // 1.2.3
	if err := versionMismatch(10299, "1.2.99", hdr); err != nil {
		t.Fatalf("same major.minor, other patch: %v", err)
	}
	for _, lib := range []uint{10303, 20203, 10103} {
		err := versionMismatch(lib, "x", hdr)
		var e *Error
		if !errors.As(err, &e) || e.Code != CodeInvalid || !strings.Contains(e.Message, "need 1.2.x") {
			t.Fatalf("library %d against header %d: %v (want *Error CodeInvalid naming 1.2.x)", lib, hdr, err)
		}
	}
	if err := CheckVersion(); err != nil {
		t.Fatalf("the library this test links: %v", err)
	}
	if tb, err := LoadBuiltin(); err != nil || tb != Builtin() {
		t.Fatalf("LoadBuiltin: %v, %p (want the shared builtin table)", err, tb)
	}
}

func TestMismatchedTableFailsEveryCall(t *testing.T) {
	verr := versionMismatch(990000, "99.0.0", uint(10000))
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("panic on a mismatched library: %v", p)
		}
	}()
	tb := builtinWith(verr)
	desc := []byte(`{"system": {"is_ai_system": false}}`)
	opts := Options{AsOfDate: "2028-01-01"}
	check := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, verr) {
			t.Errorf("%s: %v, want the version error", what, err)
		}
	}
	_, err := tb.Evaluate(desc, opts)
	check("Evaluate", err)
	_, err = tb.Render(desc, opts)
	check("Render", err)
	_, err = tb.EvaluateSummary(desc, opts)
	check("EvaluateSummary", err)
	_, err = tb.EvaluateSystems(desc, opts)
	check("EvaluateSystems", err)
	_, err = tb.Verdict(desc, opts, FailOnGap)
	check("Verdict", err)
	_, err = tb.Rules()
	check("Rules", err)
	_, err = tb.Rule("eu.art27.1.fria")
	check("Rule", err)
	if err := tb.Close(); err != nil {
		t.Errorf("Close: %v", err)
	}
}
