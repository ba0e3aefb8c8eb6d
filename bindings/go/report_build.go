package aigov

// The typed report read from the library's report accessors
// (aigov_report_overview, _obligation, _obligation_reason, ... in aigov.h),
// never by decoding the rendered JSON. The result equals what encoding/json
// makes of the full JSON report (FormatJSONFull), field by field: the test
// TestTypedReportFromAccessors checks it on every golden case and example.
// Nothing is computed here; this file only arranges what the accessors say.

/*
#include <stdlib.h>
#include <aigov.h>
#include "shim.h"
*/
import "C"

import (
	"encoding/json"
	"runtime"
	"strconv"
	"unsafe"
)

// enum values of aigov.h the builder tests
const (
	partOrganisation = C.AIGOV_PART_ORGANISATION
	statusNA         = C.AIGOV_STATUS_NOT_APPLICABLE
)

// roleNames, truthNames, coverageNames, gradeNames: the library's name
// tables (aigov_role_name, ...), read once.
var (
	roleNames     = nameTable(func(i C.int) *C.char { return C.aigov_role_name(i) })
	truthNames    = nameTable(func(i C.int) *C.char { return C.aigov_truth_name(i) })
	coverageNames = nameTable(func(i C.int) *C.char { return C.aigov_coverage_name(i) })
	gradeNames    = nameTable(func(i C.int) *C.char { return C.aigov_grade_name(i) })
	statusNames   = nameTable(func(i C.int) *C.char { return C.aigov_status_name(i) })
)

func nameTable(name func(C.int) *C.char) []string {
	var out []string
	for i := 0; i < 64; i++ {
		s := C.GoString(name(C.int(i)))
		if s == "?" {
			break
		}
		out = append(out, s)
	}
	return out
}

func nameAt(names []string, i C.int) string {
	if i >= 0 && int(i) < len(names) {
		return names[i]
	}
	return "?"
}

// masked lists names[k] for every bit k of mask below n, in order.
func masked[T ~string](names []T, mask C.uint, n int) []T {
	out := make([]T, 0, 4)
	for k := 0; k < n && k < len(names); k++ {
		if mask&(1<<uint(k)) != 0 {
			out = append(out, names[k])
		}
	}
	return out
}

// str returns a string the table owns (rule metadata, names), converted once
// per address: the table outlives its reports and its strings never move.
func (t *Table) str(p *C.char) string {
	if p == nil {
		return ""
	}
	key := uintptr(unsafe.Pointer(p))
	t.strsMu.RLock()
	s, ok := t.strs[key]
	t.strsMu.RUnlock()
	if ok {
		return s
	}
	s = C.GoString(p)
	t.strsMu.Lock()
	if t.strs == nil {
		t.strs = make(map[uintptr]string)
	}
	t.strs[key] = s
	t.strsMu.Unlock()
	return s
}

// builder reads one evaluated report (owned by the slot's context) into Go
// values; values and penalties are per report.
type builder struct {
	t         *Table
	s         *C.aigovgo_slot // where aigovgo_obligation and aigovgo_question leave their lists
	rep       *C.aigov_report
	values    map[*C.char]json.RawMessage
	penalties map[*C.char]*Penalty
	// views of the slot's arrays, valid until its next aigovgo_obligation
	conds []C.aigov_condition
	vals  []C.aigov_fact_value
	evs   []C.aigov_evidence_state
	links []C.aigov_crosswalk_link
	sys   []C.aigov_system_result
	// slabs the report's small slices are cut from (a few allocations a report
	// instead of one per rule, reason list and question)
	reasonSlab []Reason
	stringSlab []string
}

// holders lists the roles of a holders mask, in a slice cut from the slab.
func (b *builder) holders(mask C.uint) []string {
	n := 0
	for k := range roleNames {
		if mask&(1<<uint(k)) != 0 {
			n++
		}
	}
	out := b.stringSlice(n)[:0]
	for k, name := range roleNames {
		if mask&(1<<uint(k)) != 0 {
			out = append(out, name)
		}
	}
	return out
}

// reasonSlice returns a slice of n Reasons cut from the slab (capacity n:
// an append by the caller reallocates instead of overwriting a neighbour).
func (b *builder) reasonSlice(n int) []Reason {
	if n > len(b.reasonSlab) {
		b.reasonSlab = make([]Reason, n+512)
	}
	out := b.reasonSlab[:n:n]
	b.reasonSlab = b.reasonSlab[n:]
	return out
}

// stringSlice is reasonSlice for strings.
func (b *builder) stringSlice(n int) []string {
	if n > len(b.stringSlab) {
		b.stringSlab = make([]string, n+2048)
	}
	out := b.stringSlab[:n:n]
	b.stringSlab = b.stringSlab[n:]
	return out
}

func newBuilder(t *Table, s *C.aigovgo_slot, rep *C.aigov_report) *builder {
	return &builder{t: t, s: s, rep: rep, values: map[*C.char]json.RawMessage{}, penalties: map[*C.char]*Penalty{}}
}

// reset points the builder at the next report part.
func (b *builder) reset(rep *C.aigov_report) {
	b.rep = rep
	b.values = map[*C.char]json.RawMessage{}
	b.penalties = map[*C.char]*Penalty{}
}

func (b *builder) overview() (C.aigov_overview, error) {
	var ov C.aigov_overview
	ov.size = C.size_t(unsafe.Sizeof(ov))
	if rc := C.aigov_report_overview(&ov, b.rep); rc != C.AIGOV_OK {
		return ov, accessorError(rc, "aigov_report_overview")
	}
	return ov, nil
}

func accessorError(rc C.int, what string) error {
	return goError(int(rc), what+" failed on a report the library just produced", "")
}

// part is one report part: a whole one-system report, a system's or the
// organisation's. Classification and Questions are nil for the organisation.
type part struct {
	Classification Classification
	Obligations    []Obligation
	Questions      []Question
	Summary        Summary
	Readiness      map[string]Readiness
	NextActions    []NextAction
	SoA            *StatementOfApplicability
}

func (b *builder) part(ov *C.aigov_overview) (*part, error) {
	org := ov.part == partOrganisation
	p := &part{}
	s := ov.summary
	p.Summary = Summary{
		Counts: Counts{Total: int(s.total), Met: int(s.met), Gap: int(s.gap), Unknown: int(s.unknown),
			NotApplicable: int(s.not_applicable)},
		InForceGaps: int(s.in_force_gaps), LegalInForceGaps: int(ov.legal_in_force_gaps),
	}
	var err error
	if !org {
		p.Summary.Questions = int(s.questions)
		if p.Classification, err = b.classification(ov); err != nil {
			return nil, err
		}
	}
	if p.Obligations, err = b.obligations(); err != nil {
		return nil, err
	}
	if !org {
		if p.Questions, err = b.questions(); err != nil {
			return nil, err
		}
	}
	if p.Summary.ByFramework, p.Readiness, err = b.frameworks(int(ov.frameworks)); err != nil {
		return nil, err
	}
	if p.NextActions, err = b.nextActions(int(ov.next_actions)); err != nil {
		return nil, err
	}
	if !org && ov.soa_controls > 0 {
		if p.SoA, err = b.soa(); err != nil {
			return nil, err
		}
	}
	return p, nil
}

func (b *builder) classification(ov *C.aigov_overview) (Classification, error) {
	c := Classification{
		Tier: tierOf(int(ov.tier)), GPAI: gpaiOf(int(ov.gpai)),
		PossibleTiers: masked(tiers[:], ov.possible_tiers, C.AIGOV_TIER_UNDETERMINED),
		PossibleGPAI:  masked(gpais[:], ov.possible_gpai, C.AIGOV_GPAI_UNDETERMINED),
		Roles:         masked(roleNames, ov.roles, len(roleNames)),
		Reasons:       make([]ClassificationReason, 0, int(ov.classification_reasons)),
	}
	var cr C.aigov_class_reason
	for i := 0; i < int(ov.classification_reasons); i++ {
		cr.size = C.size_t(unsafe.Sizeof(cr))
		if rc := C.aigov_report_classification_reason(&cr, b.rep, C.size_t(i)); rc != C.AIGOV_OK {
			return c, accessorError(rc, "aigov_report_classification_reason")
		}
		c.Reasons = append(c.Reasons, ClassificationReason{Rule: b.t.str(cr.rule), Citation: b.t.str(cr.citation),
			Classifies: b.t.str(cr.classifies), Value: nameAt(truthNames, cr.value)})
	}
	return c, nil
}

// obligations reads every reported rule, one cgo call each (aigovgo_obligation).
func (b *builder) obligations() ([]Obligation, error) {
	n := int(C.aigov_report_obligation_count(b.rep))
	out := make([]Obligation, n)
	ob := &b.s.ob
	for i := 0; i < n; i++ {
		if rc := C.aigovgo_obligation(b.s, b.rep, C.size_t(i)); rc != C.AIGOV_OK {
			return nil, accessorError(rc, "aigov_report_obligation and its lists")
		}
		b.conds = unsafe.Slice(b.s.conds, int(ob.reasons))
		b.vals = unsafe.Slice(b.s.vals, int(ob.reasons))
		b.evs = unsafe.Slice(b.s.evs, int(ob.evidence))
		b.links = unsafe.Slice(b.s.links, int(ob.links))
		b.sys = unsafe.Slice(b.s.sys, int(ob.systems))
		o := &out[i]
		o.ID, o.Framework, o.Kind = b.t.str(ob.id), b.t.str(ob.framework), kindOf(int(ob.kind))
		o.Citation, o.Title = b.t.str(ob.citation), b.t.str(ob.title)
		o.Holder = b.holders(ob.holders)
		o.AppliesFrom = C.GoString(&ob.applies_from[0])
		o.DueAtPlacing, o.InForce, o.Observation = ob.due_at_placing != 0, ob.in_force != 0, ob.observation != 0
		o.Status = Status(nameAt(statusNames, ob.status))
		o.Reasons = b.reasons(int(ob.reasons))
		if ob.status == statusNA {
			continue // no evidence, penalty, crosswalk or per-system results
		}
		o.Evidence = b.evidence(int(ob.evidence))
		if ob.penalty_tier != nil {
			var err error
			if o.Penalty, err = b.penalty(i, ob.penalty_tier); err != nil {
				return nil, err
			}
		}
		if ob.systems > 0 {
			o.Systems = b.systems(int(ob.systems))
		}
		if ob.coverage != C.AIGOV_COVERAGE_NONE {
			o.Crosswalk = b.crosswalk(int(ob.links), ob.coverage, ob.beyond)
		}
	}
	return out, nil
}

func (b *builder) reasons(n int) []Reason {
	out := b.reasonSlice(n)
	for k := range out {
		c := &b.conds[k]
		r := &out[k]
		switch c.kind {
		case C.AIGOV_CONDITION_RULE:
			r.Rule = b.t.str(c.rule)
		case C.AIGOV_CONDITION_FACT:
			r.Fact = b.t.str(c.fact)
			v, ok := b.values[c.fact]
			if !ok {
				v = b.factValue(&b.vals[k])
				b.values[c.fact] = v
			}
			r.Value = v
			r.Test = C.GoString(&c.test[0])
		case C.AIGOV_CONDITION_AS_OF:
			r.AsOf = C.GoString(&c.test[0])
		default:
			r.Test = C.GoString(&c.test[0])
		}
		r.Result = nameAt(truthNames, c.result)
	}
	return out
}

// factValue is a fact's value as the JSON report writes it (the same bytes).
func (b *builder) factValue(fv *C.aigov_fact_value) json.RawMessage {
	if fv.known == 0 {
		return json.RawMessage("null")
	}
	switch fv._type {
	case C.AIGOV_FACT_BOOL:
		return json.RawMessage(strconv.FormatBool(fv.boolean != 0))
	case C.AIGOV_FACT_NUMBER:
		return json.RawMessage(C.GoString(&fv.number_text[0]))
	case C.AIGOV_FACT_DATE:
		return appendJSONString(nil, C.GoString(&fv.date[0]))
	case C.AIGOV_FACT_SET:
		out := []byte{'['}
		values := unsafe.Slice(fv.values, int(fv.n_values))
		first := true
		for k := range values {
			if fv.mask>>uint(k)&1 != 0 {
				if !first {
					out = append(out, ',')
				}
				out = appendJSONString(out, b.t.str(values[k]))
				first = false
			}
		}
		return append(out, ']')
	case C.AIGOV_FACT_ENUM, C.AIGOV_FACT_EVIDENCE:
		return appendJSONString(nil, b.t.str(fv.text))
	}
	// a string of the descriptor: the context's, copied
	return appendJSONString(nil, C.GoStringN(fv.text, C.int(fv.text_len)))
}

// appendJSONString writes s as the library's JSON writer does (util/buf.c):
// '"', '\\', \n, \r, \t escaped by name, other control characters as \u00XX.
func appendJSONString(dst []byte, s string) []byte {
	const hex = "0123456789abcdef"
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			dst = append(dst, '\\', '"')
		case c == '\\':
			dst = append(dst, '\\', '\\')
		case c == '\n':
			dst = append(dst, '\\', 'n')
		case c == '\r':
			dst = append(dst, '\\', 'r')
		case c == '\t':
			dst = append(dst, '\\', 't')
		case c < 0x20:
			dst = append(dst, '\\', 'u', '0', '0', hex[c>>4], hex[c&15])
		default:
			dst = append(dst, c)
		}
	}
	return append(dst, '"')
}

func (b *builder) evidence(n int) []Evidence {
	out := make([]Evidence, n)
	for k := range out {
		e := &b.evs[k]
		ev := &out[k]
		ev.Item, ev.Title, ev.State = b.t.str(e.item), b.t.str(e.title), b.t.str(e.state)
		if e.ref != nil {
			ref := C.GoString(e.ref) // the descriptor's: the context's
			ev.Ref = &ref
		}
		if e.implied_by != nil {
			ev.ImpliedBy = b.t.str(e.implied_by)
		}
	}
	return out
}

// penalty is the cap of the rule's tier, read once per tier and report (a
// cap depends on the tier, the descriptor and as_of, not on the rule).
func (b *builder) penalty(i int, tier *C.char) (*Penalty, error) {
	if p, ok := b.penalties[tier]; ok {
		c := *p
		return &c, nil
	}
	var p C.aigov_penalty
	p.size = C.size_t(unsafe.Sizeof(p))
	if rc := C.aigov_report_obligation_penalty(&p, b.rep, C.size_t(i)); rc != C.AIGOV_OK {
		return nil, accessorError(rc, "aigov_report_obligation_penalty")
	}
	out := &Penalty{Tier: b.t.str(p.tier), Citation: b.t.str(p.citation), Basis: C.GoString(p.basis)}
	if p.cap_known != 0 {
		v := float64(p.cap_eur)
		out.CapEUR = &v
	}
	b.penalties[tier] = out
	c := *out
	return &c, nil
}

func (b *builder) systems(n int) []SystemResult {
	out := make([]SystemResult, n)
	for k := range out {
		r := &b.sys[k]
		out[k] = SystemResult{Index: int(r.index), InScope: r.in_scope != 0, Status: Status(nameAt(statusNames, r.status))}
	}
	return out
}

func (b *builder) crosswalk(n int, coverage C.int, beyond *C.char) *Crosswalk {
	cw := &Crosswalk{ISO: make([]string, n), Links: make([]CrosswalkLink, n),
		Coverage: nameAt(coverageNames, coverage), StillNeeded: []string{}, Beyond: b.t.str(beyond)}
	for k := 0; k < n; k++ {
		l := &b.links[k]
		rule := b.t.str(l.rule)
		cw.ISO[k] = rule
		cw.Links[k] = CrosswalkLink{Rule: rule, Link: b.t.str(l.link)}
		if l.still_needed != 0 {
			cw.StillNeeded = append(cw.StillNeeded, rule)
		}
	}
	return cw
}

// questions reads every question with the rules it affects, one cgo call each.
func (b *builder) questions() ([]Question, error) {
	n := int(C.aigov_report_question_count(b.rep))
	out := make([]Question, n)
	q := &b.s.q
	for i := 0; i < n; i++ {
		if rc := C.aigovgo_question(b.s, b.rep, C.size_t(i)); rc != C.AIGOV_OK {
			return nil, accessorError(rc, "aigov_report_question and its rules")
		}
		rules := unsafe.Slice(b.s.rules, int(q.affected_rules))
		affects := b.stringSlice(int(q.affected_rules))
		for k := range affects {
			affects[k] = b.t.str(rules[k])
		}
		out[i] = Question{Fact: b.t.str(q.fact), Ask: b.t.str(q.ask), AffectsTier: q.affects_tier != 0,
			AffectsGPAI: q.affects_gpai != 0, Affects: affects}
	}
	return out, nil
}

func (b *builder) frameworks(n int) (map[string]Counts, map[string]Readiness, error) {
	counts := make(map[string]Counts, n)
	ready := make(map[string]Readiness, n)
	var fs C.aigov_framework_summary
	var rd C.aigov_readiness
	var up C.aigov_upcoming
	for k := 0; k < n; k++ {
		fs.size = C.size_t(unsafe.Sizeof(fs))
		if rc := C.aigov_report_framework_summary(&fs, b.rep, C.size_t(k)); rc != C.AIGOV_OK {
			return nil, nil, accessorError(rc, "aigov_report_framework_summary")
		}
		counts[b.t.str(fs.framework)] = Counts{Total: int(fs.total), Met: int(fs.met), Gap: int(fs.gap),
			Unknown: int(fs.unknown), NotApplicable: int(fs.not_applicable)}
		rd.size = C.size_t(unsafe.Sizeof(rd))
		if rc := C.aigov_report_readiness(&rd, b.rep, C.size_t(k)); rc != C.AIGOV_OK {
			return nil, nil, accessorError(rc, "aigov_report_readiness")
		}
		r := Readiness{Assessed: rd.assessed != 0, Applicable: int(rd.applicable), Undecided: int(rd.undecided),
			Met: int(rd.met), PercentMet: float64(rd.percent_met), Ready: rd.ready != 0, InForce: int(rd.in_force),
			Requirements: int(rd.requirements), RequirementsMet: int(rd.requirements_met),
			ControlsIncluded: int(rd.controls_included), ControlsImplemented: int(rd.controls_implemented),
			FindingsOpen: int(rd.findings_open), Upcoming: make([]Upcoming, int(rd.upcoming))}
		for u := range r.Upcoming {
			up.size = C.size_t(unsafe.Sizeof(up))
			if rc := C.aigov_report_readiness_upcoming(&up, b.rep, C.size_t(k), C.size_t(u)); rc != C.AIGOV_OK {
				return nil, nil, accessorError(rc, "aigov_report_readiness_upcoming")
			}
			r.Upcoming[u] = Upcoming{AppliesFrom: C.GoString(&up.applies_from[0]), Obligations: int(up.obligations)}
		}
		ready[b.t.str(rd.framework)] = r
	}
	return counts, ready, nil
}

func (b *builder) nextActions(n int) ([]NextAction, error) {
	out := make([]NextAction, n)
	var a C.aigov_action
	var rule *C.char
	for i := 0; i < n; i++ {
		a.size = C.size_t(unsafe.Sizeof(a))
		if rc := C.aigov_report_next_action(&a, b.rep, C.size_t(i)); rc != C.AIGOV_OK {
			return nil, accessorError(rc, "aigov_report_next_action")
		}
		rules := make([]string, int(a.rules))
		for k := range rules {
			if rc := C.aigov_report_next_action_rule(&rule, b.rep, C.size_t(i), C.size_t(k)); rc != C.AIGOV_OK {
				return nil, accessorError(rc, "aigov_report_next_action_rule")
			}
			rules[k] = b.t.str(rule)
		}
		out[i] = NextAction{Evidence: b.t.str(a.evidence), Title: b.t.str(a.title), Closes: int(a.closes), Rules: rules}
	}
	return out, nil
}

// optString is a string the context owns, nil for NULL (and for "" when emptyIsNil).
func optString(p *C.char, emptyIsNil bool) *string {
	if p == nil {
		return nil
	}
	s := C.GoString(p)
	if s == "" && emptyIsNil {
		return nil
	}
	return &s
}

func (b *builder) soa() (*StatementOfApplicability, error) {
	var s C.aigov_soa
	s.size = C.size_t(unsafe.Sizeof(s))
	if rc := C.aigov_report_soa(&s, b.rep); rc != C.AIGOV_OK {
		return nil, accessorError(rc, "aigov_report_soa")
	}
	out := &StatementOfApplicability{
		Summary: SoASummary{Controls: int(s.controls), Included: int(s.included), Excluded: int(s.excluded),
			NotRecorded: int(s.not_recorded), FindingsGap: int(s.findings_gap),
			FindingsUnknown: int(s.findings_unknown), Complete: s.complete != 0},
		Controls: make([]SoAControl, int(s.controls)),
	}
	var c C.aigov_soa_control
	var p *C.char
	var status C.int
	for i := range out.Controls {
		c.size = C.size_t(unsafe.Sizeof(c))
		if rc := C.aigov_report_soa_control(&c, b.rep, C.size_t(i)); rc != C.AIGOV_OK {
			return nil, accessorError(rc, "aigov_report_soa_control")
		}
		ctl := &out.Controls[i]
		ctl.Control, ctl.Title, ctl.Rule = b.t.str(c.control), b.t.str(c.title), b.t.str(c.rule)
		ctl.Decision, ctl.Justification = optString(c.decision, false), optString(c.justification, false)
		switch c.typically_applicable {
		case C.AIGOV_TRUTH_TRUE, C.AIGOV_TRUTH_FALSE:
			v := c.typically_applicable == C.AIGOV_TRUTH_TRUE
			ctl.TypicallyApplicable = &v
		}
		ctl.Implementation = Status(nameAt(statusNames, c.implementation))
		ctl.Owner = optString(c.owner, true)
		if c.review_date[0] != 0 {
			d := C.GoString(&c.review_date[0])
			ctl.ReviewDate = &d
		}
		ctl.Grade, ctl.GradeBasis = nameAt(gradeNames, c.grade), C.GoString(c.grade_basis)
		ctl.EvidenceRefs = make([]string, int(c.evidence_refs))
		for k := range ctl.EvidenceRefs {
			if rc := C.aigov_report_soa_evidence_ref(&p, b.rep, C.size_t(i), C.size_t(k)); rc != C.AIGOV_OK {
				return nil, accessorError(rc, "aigov_report_soa_evidence_ref")
			}
			ctl.EvidenceRefs[k] = C.GoString(p)
		}
		ctl.Findings = make([]SoAFinding, int(c.findings))
		for k := range ctl.Findings {
			if rc := C.aigov_report_soa_finding(&p, &status, b.rep, C.size_t(i), C.size_t(k)); rc != C.AIGOV_OK {
				return nil, accessorError(rc, "aigov_report_soa_finding")
			}
			ctl.Findings[k] = SoAFinding{ID: b.t.str(p), Status: Status(nameAt(statusNames, status))}
		}
	}
	return out, nil
}

// typedReport evaluates the descriptor in the slot and reads the typed
// report through the accessors: every system's part and the organisation's
// for a descriptor of several systems. The caller holds the slot.
func (t *Table) typedReport(s *C.aigovgo_slot, data []byte) (*Report, error) {
	p, n := cbytes(data)
	defer runtime.KeepAlive(data) // the context's strings may point into it until the last read
	var rep *C.aigov_report
	var systems C.size_t
	if rc := C.aigovgo_eval_part(s, p, n, 0, &systems, &rep); rc != C.AIGOV_OK {
		return nil, errorFrom(int(rc), &s.err)
	}
	b := newBuilder(t, s, rep)
	ov, err := b.overview()
	if err != nil {
		return nil, err
	}
	r := &Report{Engine: Engine{Version: Version(), RulesRevision: t.revision, RulesHash: t.hash},
		AsOf: C.GoString(&ov.as_of[0])}
	if ov.part == C.AIGOV_PART_ALL {
		pt, err := b.part(&ov)
		if err != nil {
			return nil, err
		}
		r.Classification, r.Obligations, r.Questions, r.Summary = pt.Classification, pt.Obligations, pt.Questions, pt.Summary
		r.Readiness, r.NextActions, r.SoA = pt.Readiness, pt.NextActions, pt.SoA
		return r, nil
	}
	r.Systems = make([]SystemReport, int(systems))
	for i := range r.Systems {
		if i > 0 {
			if rc := C.aigovgo_eval_part(s, p, n, C.size_t(i), nil, &rep); rc != C.AIGOV_OK {
				return nil, errorFrom(int(rc), &s.err)
			}
			b.reset(rep) // fact values and caps are per system
			if ov, err = b.overview(); err != nil {
				return nil, err
			}
		}
		pt, err := b.part(&ov)
		if err != nil {
			return nil, err
		}
		r.Systems[i] = SystemReport{Index: i, Name: optString(ov.system_name, false), Classification: pt.Classification,
			Obligations: pt.Obligations, Questions: pt.Questions, Summary: pt.Summary, Readiness: pt.Readiness,
			NextActions: pt.NextActions, SoA: pt.SoA}
	}
	if rc := C.aigovgo_eval_organisation(s, p, n, &rep); rc != C.AIGOV_OK {
		return nil, errorFrom(int(rc), &s.err)
	}
	b.reset(rep)
	if ov, err = b.overview(); err != nil {
		return nil, err
	}
	pt, err := b.part(&ov)
	if err != nil {
		return nil, err
	}
	r.Organisation = &OrganisationReport{Obligations: pt.Obligations,
		Summary: OrganisationSummary{Counts: pt.Summary.Counts, InForceGaps: pt.Summary.InForceGaps,
			LegalInForceGaps: pt.Summary.LegalInForceGaps, ByFramework: pt.Summary.ByFramework},
		Readiness: pt.Readiness, NextActions: pt.NextActions}
	return r, nil
}
