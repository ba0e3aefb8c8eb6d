package main

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"libaigov.example/aigov"
)

// The query parameters each endpoint understands. Anything else is a 400
// naming it: a misspelt ?as-of= or an unsupported option must not be
// evaluated silently with the defaults.
var endpointParams = map[string][]string{
	"/v1/evaluate":  {"as_of", "format", "full"},
	"/v1/questions": {"as_of", "limit"},
	"/v1/rules":     {"format"},
	"/v1/schema":    nil,
	"/healthz":      nil,
}

// checkQuery answers 400 for unknown, repeated or unparsable parameters.
func checkQuery(w http.ResponseWriter, r *http.Request) bool {
	q, err := url.ParseQuery(r.URL.RawQuery) // rejects ';' separators and bad escapes
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_query", "the query string is malformed: "+err.Error(), "")
		return false
	}
	allowed := endpointParams[r.URL.Path]
	var unknown []string
	for k, v := range q {
		if !contains(allowed, k) {
			unknown = append(unknown, k)
		} else if len(v) > 1 {
			writeError(w, http.StatusBadRequest, "bad_query",
				fmt.Sprintf("query parameter %s is given %d times", quote(k), len(v)), "")
			return false
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		for i, k := range unknown {
			unknown[i] = quote(k)
		}
		known := "none"
		if len(allowed) > 0 {
			known = strings.Join(allowed, ", ")
		}
		writeError(w, http.StatusBadRequest, "unknown_parameter",
			fmt.Sprintf("unknown query parameter%s %s on %s (known: %s)", plural(len(unknown)),
				strings.Join(unknown, ", "), r.URL.Path, known), "")
		return false
	}
	return true
}

// quote shows a client-supplied name safely in an error message (JSON
// escapes it again; %q keeps control characters visible and bounded).
func quote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return fmt.Sprintf("%q", s)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkContentType answers 415 unless the body is declared application/json
// (with at most a utf-8 charset): a form post or text/plain is not a
// descriptor, whatever it happens to contain.
func checkContentType(w http.ResponseWriter, r *http.Request) bool {
	ct := r.Header.Get("Content-Type")
	mt, params, err := mime.ParseMediaType(ct)
	if err == nil && mt == "application/json" {
		cs, ok := params["charset"]
		if !ok || strings.EqualFold(cs, "utf-8") {
			return true
		}
	}
	if ct == "" {
		ct = "none"
	}
	w.Header().Set("Accept-Post", "application/json")
	writeError(w, http.StatusUnsupportedMediaType, "unsupported_media_type",
		"the descriptor must be sent as Content-Type: application/json (charset utf-8), not "+quote(ct), "")
	return false
}

// formatParam reads ?format= (json, text, markdown, md, oscal): it picks the
// report format instead of the Accept header, which must then allow that
// format's media type. ok is false once an answer was written.
func formatParam(w http.ResponseWriter, r *http.Request, rulesOnly bool) (mediaType string, f aigov.Format, given, ok bool) {
	v := r.URL.Query().Get("format")
	if _, has := r.URL.Query()["format"]; !has {
		return "", 0, false, true
	}
	f, err := aigov.ParseFormat(v)
	if err != nil || (rulesOnly && f == aigov.FormatOSCAL) || v == "" {
		choices := "json, text, markdown or oscal"
		if rulesOnly {
			choices = "json, text or markdown"
		}
		writeError(w, http.StatusBadRequest, "bad_query", fmt.Sprintf("format %s: expected %s", quote(v), choices), "")
		return "", 0, true, false
	}
	for _, o := range formats {
		if o.format == f {
			mediaType = o.mediaType
			break
		}
	}
	if !accepts(r.Header.Get("Accept"), mediaType) {
		writeError(w, http.StatusNotAcceptable, "not_acceptable",
			"format="+v+" is "+mediaType+", which Accept "+quote(r.Header.Get("Accept"))+" does not allow", "")
		return "", 0, true, false
	}
	return mediaType, f, true, true
}
