package main

import (
	"encoding/json"
	"net/http"
	"strconv"

	"libaigov.example/aigov"
)

// questionsResponse is the body of POST /v1/questions: where the descriptor
// stands and the next questions to ask, in the library's order.
type questionsResponse struct {
	AsOf string `json:"as_of"`
	Tier string `json:"tier"`
	GPAI string `json:"gpai"`
	// Next holds at most `limit` questions (default 1) that can still change
	// the tier, the GPAI class or a rule in force; Remaining counts all of
	// those, Open every open question of the report.
	Next      []aigov.QuestionInfo `json:"next"`
	Remaining int                  `json:"remaining"`
	Open      int                  `json:"open"`
}

const maxQuestionsLimit = 1000

// questions: POST /v1/questions, a descriptor (possibly empty or partial)
// in, the next questions out: the same flow as `aigov ask`, for a web form.
// The client writes the answer at the question's fact and posts again.
func (s *Server) questions(w http.ResponseWriter, r *http.Request) {
	if !checkContentType(w, r) {
		return
	}
	if !accepts(r.Header.Get("Accept"), "application/json") {
		writeError(w, http.StatusNotAcceptable, "not_acceptable", "questions are served as application/json only", "")
		return
	}
	q := r.URL.Query()
	asOf := q.Get("as_of")
	if _, given := q["as_of"]; !given {
		asOf = aigov.Date(s.cfg.Now().UTC())
	}
	limit := 1
	if v, given := q["limit"]; given {
		n, err := strconv.Atoi(v[0])
		if err != nil || n < 1 || n > maxQuestionsLimit {
			writeError(w, http.StatusBadRequest, "bad_query",
				"limit must be a whole number from 1 to "+strconv.Itoa(maxQuestionsLimit), "")
			return
		}
		limit = n
	}
	body, ok := s.readBody(w, r)
	if !ok {
		return
	}
	opts := aigov.Options{AsOfDate: asOf, MaxInput: int(s.cfg.MaxBody)}
	outcomes, err := s.table.EvaluateSystems(body, opts)
	if err != nil {
		writeLibraryError(w, err)
		return
	}
	qs, err := s.table.Questions(body, opts, 0)
	if err != nil {
		writeLibraryError(w, err)
		return
	}
	resp := questionsResponse{AsOf: asOf, Tier: string(outcomes[0].Tier), GPAI: string(outcomes[0].GPAI),
		Next: []aigov.QuestionInfo{}, Open: len(qs)}
	for _, qi := range qs {
		if !qi.AffectsTier && !qi.AffectsGPAI && qi.AffectedInForce == 0 {
			continue // decides nothing in force today
		}
		resp.Remaining++
		if len(resp.Next) < limit {
			resp.Next = append(resp.Next, qi)
		}
	}
	out, err := json.Marshal(resp)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", err.Error(), "")
		return
	}
	w.Header().Set("Aigov-As-Of", asOf)
	w.Header().Set("Cache-Control", "no-store")
	writeBody(w, "application/json", out)
}
