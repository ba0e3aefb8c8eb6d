package aigov

import "encoding/json"

// Tier is the EU AI Act risk tier of a system.
type Tier string

const (
	TierOutOfScope   Tier = "out_of_scope"
	TierProhibited   Tier = "prohibited"
	TierHighRisk     Tier = "high_risk"
	TierLimited      Tier = "limited"
	TierMinimal      Tier = "minimal"
	TierUndetermined Tier = "undetermined"
)

// tiers is indexed by aigov_tier.
var tiers = [...]Tier{TierOutOfScope, TierProhibited, TierHighRisk, TierLimited, TierMinimal, TierUndetermined}

func tierOf(v int) Tier {
	if v >= 0 && v < len(tiers) {
		return tiers[v]
	}
	return "?"
}

// GPAI is the general-purpose AI model class.
type GPAI string

const (
	GPAINone         GPAI = "none"
	GPAIModel        GPAI = "gpai"
	GPAISystemic     GPAI = "gpai_systemic"
	GPAIUndetermined GPAI = "undetermined"
)

// gpais is indexed by aigov_gpai.
var gpais = [...]GPAI{GPAINone, GPAIModel, GPAISystemic, GPAIUndetermined}

func gpaiOf(v int) GPAI {
	if v >= 0 && v < len(gpais) {
		return gpais[v]
	}
	return "?"
}

// Status is where a system stands on one reported rule.
type Status string

const (
	StatusMet           Status = "met"
	StatusGap           Status = "gap"
	StatusUnknown       Status = "unknown"
	StatusNotApplicable Status = "not_applicable"
)

// RuleKind is the kind of a rule.
type RuleKind string

const (
	KindDefinition  RuleKind = "definition"
	KindObligation  RuleKind = "obligation"
	KindProhibition RuleKind = "prohibition"
	KindFinding     RuleKind = "finding" // a problem check: true is a gap, false is met
)

var kinds = [...]RuleKind{KindDefinition, KindObligation, KindProhibition, KindFinding}

func kindOf(v int) RuleKind {
	if v >= 0 && v < len(kinds) {
		return kinds[v]
	}
	return "?"
}

// Report is the typed report of one evaluation, read by Evaluate through
// the library's report accessors. Its fields mirror the full JSON report
// (FormatJSONFull) and equal what encoding/json decodes from it; JSON returns
// that JSON exactly as the library renders it.
type Report struct {
	Engine         Engine         `json:"engine"`
	AsOf           string         `json:"as_of"`
	Classification Classification `json:"classification"`
	Obligations    []Obligation   `json:"obligations"`
	Questions      []Question     `json:"questions"`
	Summary        Summary        `json:"summary"`
	// Readiness per framework id ("eu_ai_act", "iso42001").
	Readiness   map[string]Readiness `json:"readiness"`
	NextActions []NextAction         `json:"next_actions"`
	// SoA is the Statement of Applicability (ISO/IEC 42001 6.1.3); nil when
	// the rule set declares no Annex A control.
	SoA *StatementOfApplicability `json:"statement_of_applicability,omitempty"`

	// Systems and Organisation are set, and the fields above left empty,
	// for a descriptor of several systems under one organisation: one report
	// per system in order, then the organisation's own rules.
	Systems      []SystemReport      `json:"systems,omitempty"`
	Organisation *OrganisationReport `json:"organisation,omitempty"`

	// Raw is the full JSON report (FormatJSONFull) as the library rendered
	// it when Options.Format asked for FormatJSONFull; nil otherwise (JSON
	// renders it on demand; Render with FormatJSON gives the compact form).
	Raw []byte `json:"-"`
	// Rendered is the report in Options.Format when that is neither
	// FormatJSON nor FormatJSONFull (text, markdown, OSCAL, ...); nil otherwise.
	Rendered []byte `json:"-"`

	source *reportSource // for JSON; nil for a Report not made by Evaluate
}

// SystemReport is the report of one system of a descriptor of several.
type SystemReport struct {
	Index          int                       `json:"index"`
	Name           *string                   `json:"name"` // nil when the descriptor gives none
	Classification Classification            `json:"classification"`
	Obligations    []Obligation              `json:"obligations"`
	Questions      []Question                `json:"questions"`
	Summary        Summary                   `json:"summary"`
	Readiness      map[string]Readiness      `json:"readiness"`
	NextActions    []NextAction              `json:"next_actions"`
	SoA            *StatementOfApplicability `json:"statement_of_applicability,omitempty"`
}

// OrganisationReport is the organisation's own rules (ISO/IEC 42001
// management-system clauses and the like) of a descriptor of several systems.
type OrganisationReport struct {
	Obligations []Obligation         `json:"obligations"`
	Summary     OrganisationSummary  `json:"summary"`
	Readiness   map[string]Readiness `json:"readiness"`
	NextActions []NextAction         `json:"next_actions"`
}

// OrganisationSummary counts the organisation's rules (it asks no questions
// of its own: they are in the systems' reports).
type OrganisationSummary struct {
	Counts
	InForceGaps int `json:"in_force_gaps"`
	// LegalInForceGaps is the part of InForceGaps the default (legal) gate counts:
	// ISO/IEC 42001 gaps fail it only with FailOnISO42001 / --fail-on gap+iso42001.
	LegalInForceGaps int               `json:"legal_in_force_gaps"`
	ByFramework      map[string]Counts `json:"by_framework"`
}

// Engine identifies the library and rule set that produced a report.
type Engine struct {
	Version       string `json:"version"`
	RulesRevision string `json:"rules_revision"`
	RulesHash     string `json:"rules_hash"`
}

// Classification is the risk tier, the GPAI class and why.
type Classification struct {
	Tier          Tier                   `json:"tier"`
	GPAI          GPAI                   `json:"gpai"`
	PossibleTiers []Tier                 `json:"possible_tiers"`
	PossibleGPAI  []GPAI                 `json:"possible_gpai"`
	Roles         []string               `json:"roles"`
	Reasons       []ClassificationReason `json:"reasons"`
}

// ClassificationReason is a rule that decided (or may decide) the class.
type ClassificationReason struct {
	Rule       string `json:"rule"`
	Citation   string `json:"citation"`
	Classifies string `json:"classifies"`
	Value      string `json:"value"`
}

// Obligation is one reported rule (an obligation, a prohibition or a
// finding).
type Obligation struct {
	ID          string   `json:"id"`
	Framework   string   `json:"framework"`
	Kind        RuleKind `json:"kind"`
	Citation    string   `json:"citation"`
	Title       string   `json:"title"`
	Holder      []string `json:"holder"`
	AppliesFrom string   `json:"applies_from"`
	// DueAtPlacing: applies_from is the planned placing on the market (a pre-market
	// duty of a launch later than the Chapter III date falls due then).
	DueAtPlacing bool   `json:"due_at_placing,omitempty"`
	InForce      bool   `json:"in_force"`
	Status       Status `json:"status"`
	// Observation: a finding whose condition holds noted as an auditor's observation
	// (e.g. ISO/IEC 42001 Annex B guidance not considered): met, never a gap.
	Observation bool       `json:"observation,omitempty"`
	Reasons     []Reason   `json:"reasons"`
	Evidence    []Evidence `json:"evidence"` // nil when the status is not_applicable
	// Penalty: the penalty exposure, when the rule has one; read-only, as the
	// obligations of one penalty tier in a report share it.
	Penalty   *Penalty   `json:"penalty,omitempty"`
	Crosswalk *Crosswalk `json:"crosswalk,omitempty"` // ISO/IEC 42001 coverage, when mapped
	// Systems: the organisation's part of several systems, on a rule whose results are
	// kept per system (ISO/IEC 42001 8.2-8.4): each system's status of it.
	Systems []SystemResult `json:"systems,omitempty"`
}

// SystemResult is one system's status of a per-system rule of the organisation.
type SystemResult struct {
	Index   int    `json:"index"`
	InScope bool   `json:"in_scope"` // false: declared outside the AI management system's scope
	Status  Status `json:"status"`
}

// MarshalJSON writes the obligation as the library does: a rule that is not
// applicable has no evidence key, any other has one (possibly empty).
func (o Obligation) MarshalJSON() ([]byte, error) {
	type plain Obligation // no methods: avoids recursing into MarshalJSON
	if o.Status == StatusNotApplicable {
		return json.Marshal(struct {
			plain
			Evidence []Evidence `json:"evidence,omitempty"`
		}{plain: plain(o)})
	}
	if o.Evidence == nil {
		o.Evidence = []Evidence{}
	}
	return json.Marshal(plain(o))
}

// Penalty is the fine exposure of breaching a rule (Arts. 99-101).
type Penalty struct {
	Tier     string   `json:"tier"`
	Citation string   `json:"citation"`
	CapEUR   *float64 `json:"cap_eur"` // nil when it cannot be worked out from the descriptor
	Basis    string   `json:"basis"`
}

// Crosswalk tells how far the ISO/IEC 42001 rules mapped to an obligation
// cover it.
type Crosswalk struct {
	ISO []string `json:"iso"`
	// Links: each ISO rule of ISO with how it relates to the duty (supports,
	// equal, subset, superset, intersect); none lets it discharge the duty.
	Links       []CrosswalkLink `json:"links"`
	Coverage    string          `json:"coverage"` // supported, partly_supported, not_supported (ISO evidence never discharges a legal duty)
	StillNeeded []string        `json:"still_needed"`
	Beyond      string          `json:"beyond"`
}

// CrosswalkLink is one typed crosswalk link.
type CrosswalkLink struct {
	Rule string `json:"rule"`
	Link string `json:"link"`
}

// Readiness is the state of one framework's applicable rules.
type Readiness struct {
	// Assessed is false for ISO/IEC 42001 while the organisation has not said
	// whether it operates an AI management system (then every count is 0).
	Assessed   bool    `json:"assessed"`
	Applicable int     `json:"applicable"`
	Undecided  int     `json:"undecided"`
	Met        int     `json:"met"`
	PercentMet float64 `json:"percent_met"`
	Ready      bool    `json:"ready"`
	InForce    int     `json:"in_force"`
	// Requirements (ISO: clauses 4-10) and the Annex A controls the SoA
	// includes make up Applicable; findings never score (FindingsOpen).
	Requirements        int        `json:"requirements"`
	RequirementsMet     int        `json:"requirements_met"`
	ControlsIncluded    int        `json:"controls_included"`
	ControlsImplemented int        `json:"controls_implemented"`
	FindingsOpen        int        `json:"findings_open"`
	Upcoming            []Upcoming `json:"upcoming"`
}

// Upcoming counts obligations that start applying on a later date.
type Upcoming struct {
	AppliesFrom string `json:"applies_from"`
	Obligations int    `json:"obligations"`
}

// NextAction is a piece of evidence whose completion closes reported rules.
type NextAction struct {
	Evidence string   `json:"evidence"`
	Title    string   `json:"title"`
	Closes   int      `json:"closes"`
	Rules    []string `json:"rules"`
}

// Reason is one fact, rule or date test that decided a rule's condition.
// Exactly one of Fact, Rule and AsOf is set.
type Reason struct {
	Fact   string          `json:"fact,omitempty"`
	Value  json.RawMessage `json:"value,omitempty"` // the fact's value in the descriptor
	Test   string          `json:"test,omitempty"`
	Rule   string          `json:"rule,omitempty"`
	AsOf   string          `json:"as_of,omitempty"`
	Result string          `json:"result"` // "true", "false" or "unknown"
}

// Evidence is the state of one evidence item an obligation needs.
type Evidence struct {
	Item  string  `json:"item"`
	Title string  `json:"title"`
	State string  `json:"state"` // implemented, partial, planned, absent, unknown
	Ref   *string `json:"ref"`   // nil when the descriptor gives none
	// ImpliedBy names the AI Act item through which this ISO/IEC 42001 record
	// counts as implemented (State and Ref are then that item's).
	ImpliedBy string `json:"implied_by,omitempty"`
}

// Question is a fact still missing, in the order it should be asked.
type Question struct {
	Fact        string `json:"fact"`
	Ask         string `json:"ask"`
	AffectsTier bool   `json:"affects_tier"`
	AffectsGPAI bool   `json:"affects_gpai"`
	// Affects lists the reported rules the answer can decide. Questions that
	// decide the same rules share one list: read it, do not modify it.
	Affects []string `json:"affects"`
}

// Counts are numbers of reported rules by status.
type Counts struct {
	Total         int `json:"total"`
	Met           int `json:"met"`
	Gap           int `json:"gap"`
	Unknown       int `json:"unknown"`
	NotApplicable int `json:"not_applicable"`
}

// Summary counts the reported rules by status, overall and per framework.
type Summary struct {
	Counts
	InForceGaps int `json:"in_force_gaps"` // gaps of rules in force at the as-of date
	// LegalInForceGaps is the part of InForceGaps the default (legal) gate counts.
	LegalInForceGaps int               `json:"legal_in_force_gaps"`
	Questions        int               `json:"questions"`
	ByFramework      map[string]Counts `json:"by_framework"`
}

// Obligation returns the reported rule with this id, or nil.
func (r *Report) Obligation(id string) *Obligation {
	for i := range r.Obligations {
		if r.Obligations[i].ID == id {
			return &r.Obligations[i]
		}
	}
	return nil
}

// Question returns the question about this fact, or nil.
func (r *Report) Question(fact string) *Question {
	for i := range r.Questions {
		if r.Questions[i].Fact == fact {
			return &r.Questions[i]
		}
	}
	return nil
}

// Outcome is what EvaluateSummary reads from a report without rendering or
// parsing JSON: the classification and the counts of its summary.
type Outcome struct {
	Tier Tier
	GPAI GPAI
	Counts
	InForceGaps int
	Questions   int
}

// RuleInfo is the catalogue entry of one rule.
type RuleInfo struct {
	ID          string   `json:"id"`
	Framework   string   `json:"framework"`
	Citation    string   `json:"citation"`
	Title       string   `json:"title"`
	AppliesFrom string   `json:"applies_from"` // "" for definitions
	Kind        RuleKind `json:"kind"`
}

// StatementOfApplicability lists every Annex A control with the
// organisation's decision, whether it typically applies to this system, its
// implementation status and the findings that check the entry.
type StatementOfApplicability struct {
	Summary  SoASummary   `json:"summary"`
	Controls []SoAControl `json:"controls"`
}

// SoASummary counts the controls; Complete when all are decided and no
// linked finding is open.
type SoASummary struct {
	Controls        int  `json:"controls"`
	Included        int  `json:"included"`
	Excluded        int  `json:"excluded"`
	NotRecorded     int  `json:"not_recorded"`
	FindingsGap     int  `json:"findings_gap"`
	FindingsUnknown int  `json:"findings_unknown"`
	Complete        bool `json:"complete"`
}

// SoAControl is one control's entry. Decision and Justification are nil when
// the descriptor does not record them; TypicallyApplicable is nil while
// undecided.
type SoAControl struct {
	Control             string  `json:"control"`
	Title               string  `json:"title"`
	Rule                string  `json:"rule"`
	Decision            *string `json:"decision"`
	Justification       *string `json:"justification"`
	TypicallyApplicable *bool   `json:"typically_applicable"`
	Implementation      Status  `json:"implementation"`
	Owner               *string `json:"owner"`       // nil when not recorded
	ReviewDate          *string `json:"review_date"` // "YYYY-MM-DD", nil when not recorded
	// Grade: as an auditor grades the control, apart from Implementation:
	// major_nonconformity, minor_nonconformity, observation,
	// opportunity_for_improvement, conforming, not_graded or not_applicable.
	Grade        string       `json:"grade"`
	GradeBasis   string       `json:"grade_basis"`
	EvidenceRefs []string     `json:"evidence_refs"`
	Findings     []SoAFinding `json:"findings"`
}

// SoAFinding is a finding that checks a control's entry.
type SoAFinding struct {
	ID     string `json:"id"`
	Status Status `json:"status"`
}
