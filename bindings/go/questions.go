package aigov

/*
#include <stdlib.h>
#include <aigov.h>
#include "shim.h"
*/
import "C"

import (
	"unsafe"
)

// QuestionInfo is one open question in full, as aigov_report_question_info
// gives it: what to ask, how the answer is written in the descriptor (Type,
// Values, Min/Max, MaxLength), the provision it comes from and what it can
// decide. Everything is read from the library; nothing is computed here.
type QuestionInfo struct {
	Fact        string   `json:"fact"`
	Ask         string   `json:"ask"`
	Description string   `json:"description"`
	Source      string   `json:"source"`
	Type        string   `json:"type"` // bool, enum, set, number, date, string, evidence
	Rank        string   `json:"rank"` // tier, gpai, role, date, duty: what the answer can decide
	Values      []string `json:"values,omitempty"`
	Min         float64  `json:"min,omitempty"`
	Max         float64  `json:"max,omitempty"`
	MaxLength   int      `json:"max_length,omitempty"`
	AffectsTier bool     `json:"affects_tier"`
	AffectsGPAI bool     `json:"affects_gpai"`
	// Affects lists the reported rules whose applicability, date or status
	// the answer can decide; AffectedInForce counts those in force at AsOf.
	Affects         []string `json:"affects"`
	AffectedInForce int      `json:"affected_in_force"`
}

// Questions evaluates one system of a descriptor (system 0 for a
// single-system one) and returns its open questions in the library's asking
// order: tier-deciding first, then GPAI, role, date and duty. A
// questionnaire asks the first, writes the answer at Fact and asks again.
// opts.Format is ignored. Errors are those of Evaluate (CodeNotFound for a
// system past the end).
func (t *Table) Questions(descriptor any, opts Options, system int) ([]QuestionInfo, error) {
	if err := opts.check(); err != nil {
		return nil, err
	}
	if system < 0 {
		return nil, goError(CodeInvalid, "system index is negative", "")
	}
	var out []QuestionInfo
	err := t.withSlot(descriptor, &opts, func(s *C.aigovgo_slot, data []byte) error {
		p, n := cbytes(data)
		var rep *C.aigov_report
		if rc := C.aigovgo_eval_report(s, p, n, C.size_t(system), &rep); rc != C.AIGOV_OK {
			return errorFrom(int(rc), &s.err)
		}
		var err error
		out, err = questionInfos(rep)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// questionInfos reads every question of rep in full.
func questionInfos(rep *C.aigov_report) ([]QuestionInfo, error) {
	count := int(C.aigov_report_question_count(rep))
	out := make([]QuestionInfo, 0, count)
	var q C.aigov_question_info
	for i := 0; i < count; i++ {
		q = C.aigov_question_info{}
		q.size = C.size_t(unsafe.Sizeof(q))
		if rc := C.aigov_report_question_info(&q, rep, C.size_t(i)); rc != C.AIGOV_OK {
			return nil, goError(int(rc), "aigov_report_question_info failed", "")
		}
		qi := QuestionInfo{
			Fact: C.GoString(q.fact), Ask: C.GoString(q.ask), Description: C.GoString(q.description),
			Source: C.GoString(q.source), Type: C.GoString(C.aigov_fact_type_name(q._type)),
			Rank: C.GoString(C.aigov_question_rank_name(q.rank)), Min: float64(q.min), Max: float64(q.max),
			MaxLength: int(q.max_length), AffectsTier: q.affects_tier != 0, AffectsGPAI: q.affects_gpai != 0,
			AffectedInForce: int(q.affected_in_force), Affects: []string{},
		}
		if q.n_values > 0 {
			for _, v := range unsafe.Slice(q.values, int(q.n_values)) {
				qi.Values = append(qi.Values, C.GoString(v))
			}
		}
		var id *C.char
		for k := 0; C.aigov_report_question_rule(&id, rep, C.size_t(i), C.size_t(k)) == C.AIGOV_OK; k++ {
			qi.Affects = append(qi.Affects, C.GoString(id))
		}
		out = append(out, qi)
	}
	return out, nil
}
