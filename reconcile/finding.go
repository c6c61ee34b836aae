package reconcile

import (
	"cmp"
	"slices"
	"strings"

	"github.com/servicecredit/engine/internal/words"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/shopspring/decimal"
)

// Kind is the kind of check a Finding comes from. The zero Kind is
// invalid.
type Kind uint8

// The checks, in the order a report lists findings at the same place.
const (
	HeadingCheck    Kind = iota + 1 // a period heading: in sequence, understood, its contract year right
	LabelCheck                      // a row or column label names an indicator, a declared row or a board count
	ShapeCheck                      // a row has as many cells as the table has headings
	CellCheck                       // a cell is readable: a number in the strict grammar, a percentage, a RAG, an absence or a target, in its indicator's unit
	TargetCheck                     // a printed target against the contract's thresholds in each month shown
	RAGCheck                        // a printed RAG against the contract's classification of the month
	ValueCheck                      // a printed value against the measurement supplied for it
	AttainableCheck                 // a percentage is one some whole count of its denominator gives
	ShareCheck                      // a percentage against its printed numerator and denominator
	ComplementCheck                 // two complementary percentages sum to 100 within their rounding
	TotalCheck                      // a total against the sum of its parts in the same period
	PeriodCheck                     // a quarter, year, year-to-date or grand total against its months
	OverallCheck                    // a pooled figure against its weighted parts
	CombinedCheck                   // a shared service's combined figure against the organisations' figures
	BoardCheck                      // a board summary count against the engine's count
	ClaimCheck                      // a supplier's credit claim against the engine's ledger
)

var kindWords = words.New[Kind]("check", 1, "heading", "label", "shape", "cell", "target", "rag", "value", "attainable", "share",
	"complement", "total", "period", "overall", "combined", "board", "claim")

// Kinds returns every check kind, in order.
func Kinds() []Kind {
	out := make([]Kind, 0, ClaimCheck)
	for k := HeadingCheck; k <= ClaimCheck; k++ {
		out = append(out, k)
	}
	return out
}

// String returns the check's word, such as "attainable".
func (k Kind) String() string { return kindWords.String(k) }

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return kindWords.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	return kindWords.Unmarshal(k, b)
}

// Verdict is what a check found. The zero Verdict is invalid.
type Verdict uint8

// The verdicts.
const (
	Agrees      Verdict = iota + 1 // the published figure is what its inputs give
	Disagrees                      // it is not
	Impossible                     // no input could give it: a percentage no whole count gives
	Uncheckable                    // the check could not be made; the finding's Reason says why
)

var verdictWords = words.New[Verdict]("verdict", 1, "agrees", "disagrees", "impossible", "uncheckable")

// String returns "agrees", "disagrees", "impossible" or "uncheckable".
func (v Verdict) String() string { return verdictWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Verdict) MarshalText() ([]byte, error) { return verdictWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (v *Verdict) UnmarshalText(b []byte) error {
	return verdictWords.Unmarshal(v, b)
}

// Severity says whether a finding that disagrees or is impossible fails
// the reconciliation (Error) or is reported only (Warning). The zero
// Severity is invalid.
type Severity uint8

// The severities.
const (
	Error   Severity = iota + 1 // fails the reconciliation: servicecredit reconcile exits 3
	Warning                     // reported only
)

var severityWords = words.New[Severity]("severity", 1, "error", "warning")

// String returns "error" or "warning".
func (s Severity) String() string { return severityWords.String(s) }

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) { return severityWords.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	return severityWords.Unmarshal(s, b)
}

// Finding is what one check found about one published figure, as go
// vet's diagnostics are: where it is, which check, the figures on both
// sides and the verdict with its reason.
//
// Published is the text as printed. Recomputed is what the check derives
// from the figure's inputs, in words or figures ("35.71", "green", "13",
// ">= 99.90%"); it is empty when nothing could be derived. When both are
// numbers, Numeric is set and Difference is the published value minus the
// recomputed one and Tolerance the difference the figures' printed
// precision allows; a published figure agrees when the difference is
// within the tolerance, bounds included.
type Finding struct {
	Pos   pack.Pos  // the published cell; for a claim, the claims file's line and column
	Kind  Kind      // the check
	KPI   string    // the indicator: a contract KPI's id, an id the relations declare, or a board count (tsl-achieved, ...)
	Org   string    // the organisation; empty for the whole contract, contract.Combined for the shared service as a whole
	Row   string    // the row or column label as printed
	Month kpi.Month // the month; zero for a total over months or a figure about no month

	// Period is a total's heading as printed ("Q1", "YTD"), with From and
	// To the first and last months it covers; empty otherwise.
	Period   string
	From, To kpi.Month

	Published  string          // the figure as printed
	Recomputed string          // the figure recomputed, in the printed precision
	Numeric    bool            // Difference and Tolerance are set
	Difference decimal.Decimal // published minus recomputed
	Tolerance  decimal.Decimal // the largest difference the printed precision allows

	Severity Severity // whether a disagreement fails the reconciliation (Error) or is reported only
	Verdict  Verdict  // what the check found: agrees, disagrees, impossible or uncheckable
	Reason   string   // the check in words, and for uncheckable why not

	Nearest    []string   // Impossible: the nearest values that are possible, "35.71 (5/14)"
	Reproduced []string   // Overall: the alternatives that reproduce the published figure, when the weighted parts do not
	Warnings   []string   // what the figure is built from that was itself found impossible
	Inputs     []pack.Pos // the cells the check read besides the published one, in order

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Fails reports whether f fails the reconciliation: an error-severity
// finding that disagrees or is impossible.
func (f Finding) Fails() bool {
	return f.Severity == Error && (f.Verdict == Disagrees || f.Verdict == Impossible)
}

// Uncovered is a published cell that no check judged: no finding about it,
// or none but uncheckable ones.
type Uncovered struct {
	Pos    pack.Pos  // the cell
	Text   string    // as printed
	Row    string    // the row or column label
	KPI    string    // the indicator the label names; empty when not understood
	Org    string    // the table's organisation
	Month  kpi.Month // the month; zero under a total, a target or a heading not understood
	Period string    // the heading the cell is under, as printed
	Why    string    // why no check judged it
}

// Report is a reconciliation: every finding, by place, and the published
// cells no check judged.
type Report struct {
	Packs     []string    // the pack files, in the order given
	Claims    string      // the claims file; empty when none
	Findings  []Finding   // every check's finding, by place
	Uncovered []Uncovered // the published cells no check judged, by place
}

// Fails reports whether any finding fails the reconciliation.
func (r *Report) Fails() bool {
	return slices.ContainsFunc(r.Findings, Finding.Fails)
}

// Count returns the number of findings with verdict v.
func (r *Report) Count(v Verdict) int {
	n := 0
	for _, f := range r.Findings {
		if f.Verdict == v {
			n++
		}
	}
	return n
}

// sortFindings orders findings by place, then kind, then month, then
// message.
func sortFindings(fs []Finding) {
	slices.SortStableFunc(fs, func(a, b Finding) int {
		return cmp.Or(a.Pos.Compare(b.Pos), cmp.Compare(a.Kind, b.Kind), a.Month.Compare(b.Month),
			strings.Compare(a.KPI, b.KPI), strings.Compare(a.Reason, b.Reason))
	})
}
