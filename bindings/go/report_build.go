package aigov

// The typed report read from the library's report accessors (aigov.h: the
// bulk lists aigov_report_obligation_lists and aigov_report_question_lists,
// one cgo call each, then aigov_report_overview, _readiness, _soa_control,
// ...), never by decoding the rendered JSON. What the table owns (rule
// metadata, condition texts, names) is converted once per table
// (report_cache.go). The result equals what encoding/json
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

// builder reads one evaluated report (owned by the slot's context) into Go
// values; values and penalties are per report.
type builder struct {
	t         *Table
	s         *C.aigovgo_slot // where the bulk reads leave their lists
	rep       *C.aigov_report
	cache     *tableCache                 // the table's strings and rules, loaded once per report
	adds      cacheAdds                   // what this report found missing from cache (published at the end)
	values    map[*C.char]json.RawMessage // nil until factValues (reading a nil map is fine)
	penalties map[*C.char]*Penalty
	dates     map[string]string // "YYYY-MM-DD" strings of this report, converted once
	// the part's reported rules in order (obligations): their C ids and ids
	shown []*ruleStatic
	cw    crosswalkSlabs
}

func newBuilder(t *Table, s *C.aigovgo_slot, rep *C.aigov_report) *builder {
	return &builder{t: t, s: s, rep: rep, cache: t.cache.load(),
		penalties: map[*C.char]*Penalty{}, dates: map[string]string{}}
}

// date returns a "YYYY-MM-DD" of C memory as a string, converted once per
// report (a report's rules share a few dates).
func (b *builder) date(p *C.char) string {
	n := 0
	for n < 16 && *(*byte)(unsafe.Add(unsafe.Pointer(p), n)) != 0 {
		n++
	}
	raw := unsafe.Slice((*byte)(unsafe.Pointer(p)), n)
	if d, ok := b.dates[string(raw)]; ok {
		return d
	}
	d := string(raw)
	b.dates[d] = d
	return d
}

// reset points the builder at the next report part.
func (b *builder) reset(rep *C.aigov_report) {
	b.rep = rep
	b.values = nil // factValues makes it, sized, when the part's reasons name a fact
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
		c.Reasons = append(c.Reasons, ClassificationReason{Rule: b.str(cr.rule), Citation: b.str(cr.citation),
			Classifies: b.str(cr.classifies), Value: nameAt(truthNames, cr.value)})
	}
	return c, nil
}

// obligations reads every reported rule with its reasons, evidence and
// crosswalk links in one cgo call (aigov_report_obligation_lists), the
// values of the facts the reasons name in one more, and takes the rules'
// metadata and the conditions' texts from the table cache.
func (b *builder) obligations() ([]Obligation, error) {
	if rc := C.aigovgo_obligation_lists(b.s, b.rep); rc != C.AIGOV_OK {
		return nil, accessorError(rc, "aigov_report_obligation_lists")
	}
	l := &b.s.ol
	rows := unsafe.Slice(l.obligations, int(l.n_obligations))
	conds := unsafe.Slice(l.reasons, int(l.n_reasons))
	evs := unsafe.Slice(l.evidence, int(l.n_evidence))
	links := unsafe.Slice(l.links, int(l.n_links))
	if err := b.factValues(conds); err != nil {
		return nil, err
	}
	// First the rules (from the cache) and the sizes of the report's lists, so
	// that each list is one allocation cut into the obligations' slices.
	if cap(b.shown) < len(rows) {
		b.shown = make([]*ruleStatic, 0, len(rows)) // once: the parts of a report reuse it
	}
	b.shown = b.shown[:0]
	holders, crosswalks := 0, 0
	for i := range rows {
		rs, err := b.rule(rows[i].rule, i)
		if err != nil {
			return nil, err
		}
		b.shown = append(b.shown, rs)
		holders += len(rs.holders)
		if rows[i].status != statusNA && rows[i].coverage != C.AIGOV_COVERAGE_NONE {
			crosswalks++
		}
	}
	out := make([]Obligation, len(rows))
	reasons := make([]Reason, len(conds))
	evidence := make([]Evidence, len(evs))
	holderSlab := make([]string, holders)
	b.cw = crosswalkSlabs{cws: make([]Crosswalk, crosswalks), iso: make([]string, len(links)),
		links: make([]CrosswalkLink, len(links)), still: make([]string, len(links))}
	for i := range rows {
		row := &rows[i]
		rs := b.shown[i]
		o := &out[i]
		o.ID, o.Framework, o.Kind, o.Citation, o.Title = rs.id, rs.framework, rs.kind, rs.citation, rs.title
		n := copy(holderSlab, rs.holders)
		o.Holder, holderSlab = holderSlab[:n:n], holderSlab[n:]
		o.AppliesFrom = b.date(&row.applies_from[0])
		o.DueAtPlacing, o.InForce, o.Observation = row.due_at_placing != 0, row.in_force != 0, row.observation != 0
		o.Status = Status(nameAt(statusNames, row.status))
		first, n := int(row.reasons_first), int(row.reasons)
		o.Reasons = reasons[first : first+n : first+n]
		for k := range o.Reasons {
			if err := b.reason(&o.Reasons[k], &conds[first+k], i, k); err != nil {
				return nil, err
			}
		}
		if row.status == statusNA {
			continue // no evidence, penalty, crosswalk or per-system results
		}
		first, n = int(row.evidence_first), int(row.evidence)
		o.Evidence = evidence[first : first+n : first+n]
		for k := range o.Evidence {
			b.evidence(&o.Evidence[k], &evs[first+k])
		}
		var err error
		if row.penalty_tier != nil {
			if o.Penalty, err = b.penalty(i, row.penalty_tier); err != nil {
				return nil, err
			}
		}
		if row.systems > 0 {
			if o.Systems, err = b.systems(i, int(row.systems)); err != nil {
				return nil, err
			}
		}
		if row.coverage != C.AIGOV_COVERAGE_NONE {
			o.Crosswalk = b.crosswalk(links, int(row.links_first), int(row.links), row.coverage, row.beyond)
		}
	}
	return out, nil
}

// factValues reads the value of every fact the reasons name, once per fact,
// in one cgo call, into b.values.
func (b *builder) factValues(conds []C.aigov_reason_row) error {
	var facts []*C.char
	if len(b.values) == 0 {
		// sized for a report's usual few dozen distinct facts: no growth on the way
		b.values = make(map[*C.char]json.RawMessage, 64)
	}
	for k := range conds {
		f := conds[k].fact
		if conds[k].kind != C.AIGOV_CONDITION_FACT || f == nil {
			continue
		}
		if _, ok := b.values[f]; !ok {
			b.values[f] = nil // placeholder: listed once
			facts = append(facts, f)
		}
	}
	if len(facts) == 0 {
		return nil
	}
	if rc := C.aigovgo_reserve_facts(b.s, C.size_t(len(facts))); rc != C.AIGOV_OK {
		return accessorError(rc, "aigovgo_reserve_facts")
	}
	copy(unsafe.Slice(b.s.facts, len(facts)), facts)
	if rc := C.aigovgo_fact_values(b.s, b.rep, C.size_t(len(facts))); rc != C.AIGOV_OK {
		return accessorError(rc, "aigov_report_fact_value")
	}
	for k, fv := range unsafe.Slice(b.s.fvals, len(facts)) {
		b.values[facts[k]] = b.factValue(&fv)
	}
	return nil
}

// reason fills r from a reason row: the condition's text from the cache,
// its result and the fact's value from this report.
func (b *builder) reason(r *Reason, row *C.aigov_reason_row, i, k int) error {
	rs, err := b.reasonOf(row, i, k)
	if err != nil {
		return err
	}
	switch rs.kind {
	case C.AIGOV_CONDITION_RULE:
		r.Rule = rs.rule
	case C.AIGOV_CONDITION_FACT:
		r.Fact, r.Value, r.Test = rs.fact, b.values[row.fact], rs.test
	case C.AIGOV_CONDITION_AS_OF:
		r.AsOf = rs.test
	default:
		r.Test = rs.test
	}
	r.Result = nameAt(truthNames, row.result)
	return nil
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
				out = appendJSONString(out, b.str(values[k]))
				first = false
			}
		}
		return append(out, ']')
	case C.AIGOV_FACT_ENUM, C.AIGOV_FACT_EVIDENCE:
		return appendJSONString(nil, b.str(fv.text))
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

func (b *builder) evidence(ev *Evidence, e *C.aigov_evidence_row) {
	ev.Item, ev.Title, ev.State = b.str(e.item), b.str(e.title), b.str(e.state)
	if e.ref != nil {
		ref := C.GoString(e.ref) // the descriptor's: the context's
		ev.Ref = &ref
	}
	if e.implied_by != nil {
		ev.ImpliedBy = b.str(e.implied_by)
	}
}

// penalty is the cap of the rule's tier, read once per tier and report (a
// cap depends on the tier, the descriptor and as_of, not on the rule); the
// obligations of one tier share it (Obligation.Penalty is read-only).
func (b *builder) penalty(i int, tier *C.char) (*Penalty, error) {
	if p, ok := b.penalties[tier]; ok {
		return p, nil
	}
	var p C.aigov_penalty
	p.size = C.size_t(unsafe.Sizeof(p))
	if rc := C.aigov_report_obligation_penalty(&p, b.rep, C.size_t(i)); rc != C.AIGOV_OK {
		return nil, accessorError(rc, "aigov_report_obligation_penalty")
	}
	out := &Penalty{Tier: b.str(p.tier), Citation: b.str(p.citation), Basis: C.GoString(p.basis)}
	if p.cap_known != 0 {
		v := float64(p.cap_eur)
		out.CapEUR = &v
	}
	b.penalties[tier] = out
	return out, nil
}

// systems reads reported rule i's n per-system results (the organisation's
// rules of a descriptor of several systems), in one cgo call.
func (b *builder) systems(i, n int) ([]SystemResult, error) {
	if rc := C.aigovgo_systems(b.s, b.rep, C.size_t(i), C.size_t(n)); rc != C.AIGOV_OK {
		return nil, accessorError(rc, "aigov_report_obligation_system")
	}
	out := make([]SystemResult, n)
	for k, r := range unsafe.Slice(b.s.sys, n) {
		out[k] = SystemResult{Index: int(r.index), InScope: r.in_scope != 0, Status: Status(nameAt(statusNames, r.status))}
	}
	return out, nil
}

// crosswalkSlabs are the report's crosswalks and their lists, one
// allocation each, cut per obligation (the links of reported rule i are
// links[first:first+n] in every list).
type crosswalkSlabs struct {
	cws   []Crosswalk
	iso   []string
	links []CrosswalkLink
	still []string
}

func (b *builder) crosswalk(links []C.aigov_link_row, first, n int, coverage C.int, beyond *C.char) *Crosswalk {
	if len(b.cw.cws) == 0 {
		b.cw.cws = make([]Crosswalk, 1)
	}
	cw := &b.cw.cws[0]
	b.cw.cws = b.cw.cws[1:]
	end := first + n
	*cw = Crosswalk{ISO: b.cw.iso[first:end:end], Links: b.cw.links[first:end:end],
		Coverage: nameAt(coverageNames, coverage), StillNeeded: b.cw.still[first:first], Beyond: b.str(beyond)}
	for k := first; k < end; k++ {
		l := &links[k]
		rule := b.str(l.rule)
		cw.ISO[k-first] = rule
		cw.Links[k-first] = CrosswalkLink{Rule: rule, Link: b.str(l.link)}
		if l.still_needed != 0 {
			cw.StillNeeded = append(cw.StillNeeded, rule) // within this rule's part of the slab
		}
	}
	cw.StillNeeded = cw.StillNeeded[:len(cw.StillNeeded):len(cw.StillNeeded)]
	return cw
}

// questions reads every question with the rules it affects in one cgo call
// (aigov_report_question_lists).
func (b *builder) questions() ([]Question, error) {
	if rc := C.aigovgo_question_lists(b.s, b.rep); rc != C.AIGOV_OK {
		return nil, accessorError(rc, "aigov_report_question_lists")
	}
	l := &b.s.ql
	rows := unsafe.Slice(l.questions, int(l.n_questions))
	rules := unsafe.Slice(l.rules, int(l.n_rules))
	// Questions often decide the same rules (a report of ~80 questions lists
	// ~4,500 ids in ~1,000 distinct lists): each distinct list is converted
	// once and the questions that decide it share it (Affects is read-only).
	at := make([]int32, len(rows))   // where in ids row i's list starts
	fresh := make([]bool, len(rows)) // row i's list is first seen there
	seen := make(map[ruleList]int32, len(rows))
	distinct := 0
	for i := range rows {
		first, n := int(rows[i].rules_first), int(rows[i].affected_rules)
		list := rules[first : first+n]
		key := ruleList{n: n, hash: hashPointers(list)}
		if j, ok := seen[key]; ok {
			f := int(rows[j].rules_first)
			if samePointers(rules[f:f+n], list) {
				at[i] = at[j]
				continue
			}
		} else {
			seen[key] = int32(i)
		}
		at[i], fresh[i] = int32(distinct), true
		distinct += n
	}
	ids := make([]string, distinct)
	for i := range rows {
		if !fresh[i] {
			continue // a shared list, converted where first seen
		}
		first, n := int(rows[i].rules_first), int(rows[i].affected_rules)
		b.ids(ids[at[i]:int(at[i])+n], rules[first:first+n])
	}
	out := make([]Question, len(rows))
	for i := range rows {
		q := &rows[i]
		a, n := int(at[i]), int(q.affected_rules)
		out[i] = Question{Fact: b.str(q.fact), Ask: b.str(q.ask), AffectsTier: q.affects_tier != 0,
			AffectsGPAI: q.affects_gpai != 0, Affects: ids[a : a+n : a+n]}
	}
	return out, nil
}

// ruleList identifies a list of rule ids by its length and a hash of the
// addresses (equal lists are then compared address by address).
type ruleList struct {
	n    int
	hash uint64
}

func hashPointers(ps []*C.char) uint64 {
	h := uint64(14695981039346656037)
	for _, p := range ps {
		h = (h ^ uint64(uintptr(unsafe.Pointer(p)))) * 1099511628211
	}
	return h
}

func samePointers(a, b []*C.char) bool {
	for k := range a {
		if a[k] != b[k] {
			return false
		}
	}
	return true
}

// ids converts table-owned ids, the table lookup inlined (b.str for a miss).
func (b *builder) ids(out []string, ps []*C.char) {
	fast := &b.cache.fast
	mask := uintptr(len(fast.keys) - 1)
	for k, p := range ps {
		key := uintptr(unsafe.Pointer(p))
		if len(fast.keys) > 0 {
			for i := fast.slot(key); fast.keys[i] != 0; i = (i + 1) & mask {
				if fast.keys[i] == key {
					out[k] = fast.vals[i]
					break
				}
			}
		}
		if out[k] == "" {
			out[k] = b.str(p)
		}
	}
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
		counts[b.str(fs.framework)] = Counts{Total: int(fs.total), Met: int(fs.met), Gap: int(fs.gap),
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
		ready[b.str(rd.framework)] = r
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
			rules[k] = b.str(rule)
		}
		out[i] = NextAction{Evidence: b.str(a.evidence), Title: b.str(a.title), Closes: int(a.closes), Rules: rules}
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
		ctl.Control, ctl.Title, ctl.Rule = b.str(c.control), b.str(c.title), b.str(c.rule)
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
			ctl.Findings[k] = SoAFinding{ID: b.str(p), Status: Status(nameAt(statusNames, status))}
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
	defer t.cache.publish(&b.adds)
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
