package aigov

import (
	"errors"
	"fmt"
)

// Status codes of the C library (aigov_error_code). Error.Code holds one of them.
const (
	CodeOK       = 0
	CodeInvalid  = -1 // AIGOV_EINVAL: a bad argument (bad option, bad as-of date)
	CodeNoMem    = -2 // AIGOV_ENOMEM: an allocation failed
	CodeSyntax   = -3 // AIGOV_ESYNTAX: input is not well-formed JSON (or not UTF-8)
	CodeInput    = -4 // AIGOV_EINPUT: JSON the descriptor schema does not accept
	CodeLimit    = -5 // AIGOV_ELIMIT: input over a size, depth or count limit
	CodeRules    = -6 // AIGOV_ERULES: a rule source failed to compile
	CodeNotFound = -7 // AIGOV_ENOTFOUND: no such rule / item
)

// CodeName returns the C name of a status code ("AIGOV_EINPUT"), as the
// library names it (aigov_error_name), or "AIGOV_E<code>" for a code the
// library does not know.
func CodeName(code int) string {
	if n := errorName(code); n != "?" {
		return n
	}
	return fmt.Sprintf("AIGOV_E%d", code)
}

// Error is an error reported by the library, carrying the details of its
// aigov_error. Retrieve it with errors.As:
//
//	var e *aigov.Error
//	if errors.As(err, &e) { fmt.Println(e.Name, e.Path, e.Message) }
//
// and test its kind with errors.Is(err, aigov.ErrInput) and the like.
type Error struct {
	Code    int    // negative status code, e.g. CodeInput
	Name    string // C name of the code, e.g. "AIGOV_EINPUT"
	Message string // what went wrong and what was expected
	Path    string // JSON path of the offending value ("" when not about one)
	Source  string // rule source name (compiler) or "descriptor"
	RuleID  string // rule being compiled, when the error is in one
	Offset  int    // byte offset in the input where the error was found
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "error " + e.Name
	}
	s := "aigov: " + e.Name + ": " + msg
	if e.RuleID != "" {
		s += " (rule " + e.RuleID + ")"
	}
	if e.Path != "" {
		s += " at " + e.Path
	}
	if e.Source != "" && e.Source != "descriptor" {
		s += " in " + e.Source
	}
	return s
}

// Is reports whether target is the sentinel of e's code (ErrInput, ...).
func (e *Error) Is(target error) bool {
	s, ok := target.(sentinel)
	return ok && int(s) == e.Code
}

// sentinel is the type of the Err* values: it matches any *Error of its code.
type sentinel int

func (s sentinel) Error() string { return "aigov: " + CodeName(int(s)) }

// Sentinels for errors.Is: errors.Is(err, aigov.ErrInput) is true for every
// *Error whose Code is CodeInput.
var (
	ErrInvalid  error = sentinel(CodeInvalid)
	ErrNoMem    error = sentinel(CodeNoMem)
	ErrSyntax   error = sentinel(CodeSyntax)
	ErrInput    error = sentinel(CodeInput)
	ErrLimit    error = sentinel(CodeLimit)
	ErrRules    error = sentinel(CodeRules)
	ErrNotFound error = sentinel(CodeNotFound)
)

// ErrClosed is returned by the methods of a Table after Close.
var ErrClosed = errors.New("aigov: table is closed")

// IsInputError reports whether err is the caller's fault as far as the
// descriptor or options go (syntax, schema, limits, bad as-of date): what an
// HTTP host answers with 400.
func IsInputError(err error) bool {
	var e *Error
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case CodeInvalid, CodeSyntax, CodeInput, CodeLimit:
		return true
	}
	return false
}

func goError(code int, msg, path string) *Error {
	return &Error{Code: code, Name: CodeName(code), Message: msg, Path: path}
}
