package seal

import (
	"errors"
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
)

// Format names the layout of a seal file; it changes whenever a field is
// added, removed or changes meaning, since every field is compared.
const Format = "servicecredit/seal/v1"

// Seal is one closed month: exactly what the evaluation gave for Month
// when the contract was evaluated from From through Month, with the
// digests of what it was evaluated on. It holds the figures as the text
// the reports print (decimals as strings with the places they carry,
// statuses and kinds as their words), so that a seal read back compares
// with today's result text for text and number for number.
//
// A Seal is a document: Close makes one, Marshal writes it, Parse reads
// and verifies one, Compare finds its revisions. The zero Seal is
// invalid.
type Seal struct {
	Format       string         `json:"format"`        // Format
	Month        kpi.Month      `json:"month"`         // the month sealed
	From         kpi.Month      `json:"from"`          // the first month evaluated
	ServiceMonth int            `json:"service_month"` // the month's place in the term, from 1
	Year         int            `json:"contract_year"` // the contract year the month falls in
	Contract     ContractID     `json:"contract"`      // the contract sealed with
	Inputs       Inputs         `json:"inputs"`        // the digests of the input files
	MoneyPlaces  int32          `json:"money_places"`  // the places the money amounts carry
	Cells        []Cell         `json:"cells"`         // the month's KPI-months, in the contract's order, then its combined cells
	Lines        []Line         `json:"lines"`         // the month's own ledger lines: a critical month's withholding, then cap cuts, then earn-backs
	Credit       Total          `json:"credit"`        // the month's totals
	Events       []TriggerEvent `json:"events"`        // the events the contract's triggers raised in the month
	// Supersedes is, for a seal written with -reseal (Store with reseal),
	// "sha256:" and the SHA-256 of the earlier seal file's bytes, kept
	// beside it; empty for a month's first seal.
	Supersedes string `json:"supersedes,omitempty"`
}

// ContractID names the contract a seal was made with: its name and the
// SHA-256 of its canonical form (Canonical).
type ContractID struct {
	Name            string `json:"name"`             // the contract's name
	CanonicalFormat string `json:"canonical_format"` // CanonicalFormat
	Canonical       string `json:"canonical"`        // "sha256:" and 64 hexadecimal digits
}

// Inputs are the SHA-256 digests ("sha256:" and 64 hexadecimal digits) of
// the input files' bytes; Mitigations is empty when there were none. A Go
// caller that builds its inputs in memory leaves them empty; FileDigest
// computes one.
type Inputs struct {
	Contract     string `json:"contract,omitempty"`     // the contract file's digest
	Measurements string `json:"measurements,omitempty"` // the measurements file's digest
	Mitigations  string `json:"mitigations,omitempty"`  // the mitigations file's digest; empty when none
}

// Cell is one KPI-month of a seal, with the fields of the evaluation
// JSON's cells (docs/json-output.md) that its credit depends on.
type Cell struct {
	Judged                     // the value and the levels it was judged against
	Measured   string          `json:"measured"`             // the classification of the value
	Raw        string          `json:"raw"`                  // before mitigation, after the absence rule
	Status     string          `json:"status"`               // after mitigation
	Mitigation *CellMitigation `json:"mitigation,omitempty"` // the mitigation applied; nil when none
	Incidents  []string        `json:"incidents,omitempty"`  // the incidents counted in the KPI-month, for an incidents rule
	Points     string          `json:"points"`               // the points lost
	Credit     string          `json:"credit"`               // the credit line's amount, before caps, with the money places
	Rule       string          `json:"rule"`                 // the credit line's rule and arithmetic
	Combined   bool            `json:"combined,omitempty"`   // a shared service's combined cell
}

// Judged is a KPI-month's value and the levels it was judged against, as
// text: the first fields of a seal's Cell and of the evaluation JSON's
// cells, which both make them with JudgedOf.
type Judged struct {
	KPI            string `json:"kpi"`                       // the KPI's id
	Org            string `json:"organisation"`              // the organisation; empty for a single-organisation contract
	Kind           string `json:"kind"`                      // "kpi", "pi" or "figure"
	Value          string `json:"value,omitempty"`           // as measured; empty when unmeasured
	Rounded        string `json:"rounded,omitempty"`         // with the KPI's places; empty when unmeasured
	Absence        string `json:"absence,omitempty"`         // why there is no value; empty when measured
	TSL            string `json:"tsl,omitempty"`             // the target service level, as applied; empty for a figure or a relative target
	TSLBound       string `json:"tsl_bound,omitempty"`       // "strict", or empty for the usual inclusive bound
	MSL            string `json:"msl,omitempty"`             // the minimum service level, as applied
	MSLBound       string `json:"msl_bound,omitempty"`       // "strict", or empty for the usual inclusive bound
	MSLMargin      string `json:"msl_margin,omitempty"`      // the margin the MSL was derived by, when it was
	SmallVolume    string `json:"small_volume,omitempty"`    // the thresholds' small-volume rule, when they have one
	ThresholdsFrom string `json:"thresholds_from,omitempty"` // which part of the schedule supplied the thresholds: "base", a glide step or a change
	Relative       string `json:"relative,omitempty"`        // the relative target, when the KPI has one
	BaselineMonth  string `json:"baseline_month,omitempty"`  // for a relative target: the month compared with
	Baseline       string `json:"baseline,omitempty"`        // for a relative target: that month's value, rounded; empty when unmeasured
}

// JudgedOf returns r's value and levels as text: decimals with the places
// they carry (Rounded and Baseline with the KPI's), bounds and words as
// the reports write them.
func JudgedOf(r *kpi.Result) Judged {
	j := Judged{KPI: r.KPI, Org: r.Org, Kind: r.Kind.String()}
	if r.Status == kpi.Unmeasured {
		j.Absence = r.Absent.String()
	} else {
		j.Value, j.Rounded = kpi.FormatValue(r.Value), r.Rounded.StringFixed(r.Precision.Places)
	}
	if r.Kind != kpi.Figure && r.Relative == 0 {
		t := r.Thresholds
		j.TSL, j.MSL, j.ThresholdsFrom = kpi.FormatValue(t.TSL), kpi.FormatValue(t.MSL), r.Source.String()
		j.TSLBound, j.MSLBound = strictWord(t.TSLBound), strictWord(t.MSLBound)
		if t.MSLMargin.IsSet() {
			j.MSLMargin = t.MSLMargin.String()
		}
		if t.SmallVolume.IsSet() {
			j.SmallVolume = t.SmallVolume.String()
		}
	}
	if r.Relative != 0 {
		j.Relative, j.BaselineMonth = r.Relative.String(), r.BaseMonth.String()
		if r.Status != kpi.Unmeasured {
			j.Baseline = r.Base.StringFixed(r.Precision.Places)
		}
	}
	return j
}

// strictWord returns "strict" for a strict bound and "" for the usual
// inclusive one, which the outputs leave out.
func strictWord(b kpi.Bound) string {
	if b == kpi.Strict {
		return b.String()
	}
	return ""
}

// CellMitigation is the mitigation a sealed KPI-month had.
type CellMitigation struct {
	Ref    string `json:"ref"`              // empty for a record with no ref
	Effect string `json:"effect"`           // the mitigation's effect on the status
	Deemed string `json:"deemed,omitempty"` // the status deemed, for a deemed effect
}

// Line is a month's own ledger line: a critical month's withholding, a
// cap's cut, or an earlier credit earned back. Its KPI, Org and Returns
// are an earn-back line's only.
type Line struct {
	Kind    string `json:"kind"`                   // "withholding", "cap" or "earn-back"
	Cap     string `json:"cap,omitempty"`          // the cap that bit: "month", "year", "rolling-12-months" or "two-limb"
	KPI     string `json:"kpi,omitempty"`          // an earn-back line's KPI
	Org     string `json:"organisation,omitempty"` // an earn-back line's organisation, if the contract names one
	Returns string `json:"returns,omitempty"`      // an earn-back line's credit: the month it was charged in
	Amount  string `json:"amount"`                 // with the money places; negative for a cap or an earn-back
	Rule    string `json:"rule"`                   // the line's rule and arithmetic
}

// Total is a month's credit, as the evaluation JSON's month_totals.
type Total struct {
	Charges  string `json:"charges"`            // the month's charges, with the money places
	Uncapped string `json:"uncapped"`           // the month's credit and withholding lines, before caps
	Cut      string `json:"cut"`                // the caps' cuts, zero or negative
	Credit   string `json:"credit"`             // Uncapped plus Cut: what comes off the invoice
	Critical bool   `json:"critical,omitempty"` // a critical service level failure's month
	Withheld string `json:"withheld,omitempty"` // for a critical month: the charges withheld
	// EarnedBack is the sum of the month's earn-back lines, negative;
	// empty when it has none. Credit is then Uncapped plus Cut plus
	// EarnedBack.
	EarnedBack string `json:"earned_back,omitempty"`
}

// TriggerEvent is an event the contract's triggers raised in the month.
type TriggerEvent struct {
	Trigger string   `json:"trigger"`                // the trigger's name
	Kind    string   `json:"kind"`                   // the trigger's kind, as the contract words it
	KPI     string   `json:"kpi,omitempty"`          // the KPI watched, for a failure trigger
	Org     string   `json:"organisation,omitempty"` // its organisation
	Months  []string `json:"months"`                 // the months that made the event, as YYYY-MM
	Points  string   `json:"points,omitempty"`       // for points-in-window: the points in the window
	Cap     string   `json:"cap,omitempty"`          // for cap-reached: the cap
	Detail  string   `json:"detail"`                 // the event's evidence in words
}

// EventOf returns e as a seal holds it: its months and points as text,
// the points only for a points-in-window trigger, the cap only for a
// cap's event.
func EventOf(e credits.Event) TriggerEvent {
	se := TriggerEvent{Trigger: e.Trigger, Kind: e.Kind.String(), KPI: e.KPI, Org: e.Org, Months: []string{}, Detail: e.Detail}
	for _, m := range e.Months {
		se.Months = append(se.Months, m.String())
	}
	if e.Kind == credits.PointsInWindow {
		se.Points = kpi.FormatValue(e.Points)
	}
	if e.Cap != 0 {
		se.Cap = e.Cap.String()
	}
	return se
}

// The sentinels Close, Parse, Store and Restate wrap; errors.Is tells
// them apart.
var (
	// ErrPeriod: the month cannot be closed or compared: it is outside the
	// contract's term, or nothing was measured by it.
	ErrPeriod = errors.New("month cannot be closed")
	// ErrNotSeal: the data is not a seal: not JSON, another format, a
	// field unknown, missing or not valid.
	ErrNotSeal = errors.New("not a seal")
	// ErrEdited: the seal's content does not match its digest, or its
	// bytes are not exactly what Marshal writes: it was edited.
	ErrEdited = errors.New("seal edited since it was sealed")
	// ErrUnauthenticated: a key was given and the seal carries no HMAC,
	// or one that does not match.
	ErrUnauthenticated = errors.New("seal not authenticated by the key")
	// ErrSealed: the month is already sealed with different content (or
	// with a seal that cannot be trusted), and resealing was not asked for.
	ErrSealed = errors.New("month already sealed with different content")
	// ErrAdjustIn: the month named for the adjustments is sealed, or not
	// after every sealed month, or outside the term.
	ErrAdjustIn = errors.New("adjustments cannot go in that month")
)

// Error is a problem with a seal or a month: the seal file (when there is
// one), the month, what is wrong, and the sentinel it wraps.
type Error struct {
	File  string    // the seal file, when the problem is with one
	Month kpi.Month // the month, when known
	Msg   string    // what is wrong
	Err   error     // one of the sentinels
}

// Error returns "FILE: MONTH: MSG: SENTINEL", leaving out what is empty.
func (e *Error) Error() string {
	s := ""
	if e.File != "" {
		s = e.File + ": "
	}
	if !e.Month.IsZero() {
		s += e.Month.String() + ": "
	}
	if e.Msg != "" {
		s += e.Msg + ": "
	}
	return s + e.Err.Error()
}

// Unwrap returns the sentinel.
func (e *Error) Unwrap() error { return e.Err }

// Start returns the first month Close evaluates for month m: the first
// month of m's contract year, or the first month measured if that is
// later. It is an *Error wrapping ErrPeriod when m is outside c's term or
// nothing is measured by m.
func Start(c *contract.Contract, ms []kpi.Measurement, m kpi.Month) (kpi.Month, error) {
	if m.Before(c.Commencement) || m.After(c.Last()) {
		return kpi.Month{}, &Error{Month: m, Err: ErrPeriod,
			Msg: fmt.Sprintf("not within the contract's term %s..%s", c.Commencement, c.Last())}
	}
	var first kpi.Month
	for i := range ms {
		if first.IsZero() || ms[i].Month.Before(first) {
			first = ms[i].Month
		}
	}
	if first.IsZero() || first.After(m) {
		return kpi.Month{}, &Error{Month: m, Err: ErrPeriod, Msg: "nothing measured by this month"}
	}
	start := c.Commencement.AddMonths((c.Year(m) - 1) * 12)
	if first.After(start) {
		start = first
	}
	return start, nil
}

// Close evaluates c on in from the first month of m's contract year, or
// the first month measured if that is later (see Start), through m, and
// returns the seal of month m: what Evaluate gives for m over those
// months, with inputs and c's canonical digest. A non-zero in.From is
// used instead of Start's month, for a contract whose caps or triggers
// reach back further (a rolling or two-limb cap); it must not be after m.
// in.To is ignored.
//
// The problems are Evaluate's, Start's and Canonical's. Close never reads
// the clock: the same contract, input and digests give the same seal.
func Close(c *contract.Contract, in contract.Input, m kpi.Month, inputs Inputs) (*Seal, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	from := in.From
	if from.IsZero() {
		var err error
		if from, err = Start(c, in.Measurements, m); err != nil {
			return nil, err
		}
	} else if from.After(m) {
		return nil, &Error{Month: m, Err: ErrPeriod, Msg: fmt.Sprintf("first month evaluated %s is after it", from)}
	}
	seals, err := evaluate(c, in, from, []kpi.Month{m}, inputs)
	if err != nil {
		return nil, err
	}
	return seals[0], nil
}

// evaluate evaluates c on in from from through the last of months (in
// order, none before from) and returns the seal of each of months.
func evaluate(c *contract.Contract, in contract.Input, from kpi.Month, months []kpi.Month, inputs Inputs) ([]*Seal, error) {
	id, err := CanonicalDigest(c)
	if err != nil {
		return nil, err
	}
	in.From, in.To = from, months[len(months)-1]
	out := make([]*Seal, 0, len(months))
	next := 0
	_, err = c.Stream(in, func(mo *contract.MonthResult) error {
		if next < len(months) && mo.Month == months[next] {
			s := sealOf(c, mo, from)
			s.Contract = ContractID{Name: c.Name, CanonicalFormat: CanonicalFormat, Canonical: id}
			s.Inputs = inputs
			out = append(out, s)
			next++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// sealOf returns the seal of an evaluated month, without its contract and
// inputs.
func sealOf(c *contract.Contract, mo *contract.MonthResult, from kpi.Month) *Seal {
	money := c.Credits.Money
	s := &Seal{Format: Format, Month: mo.Month, From: from, ServiceMonth: mo.ServiceMonth, Year: mo.Year,
		MoneyPlaces: money.Places, Cells: make([]Cell, 0, len(mo.Cells)+len(mo.Combined)), Lines: []Line{}, Events: []TriggerEvent{}}
	for i := range mo.Cells {
		s.Cells = append(s.Cells, cellOf(&mo.Cells[i], money, false))
	}
	for i := range mo.Combined {
		s.Cells = append(s.Cells, cellOf(&mo.Combined[i], money, true))
	}
	for _, l := range mo.Lines {
		sl := Line{Kind: "cap", Amount: money.Format(l.Amount), Rule: l.Rule}
		if l.Kind == credits.WithholdLine {
			sl.Kind = "withholding"
		}
		if l.Kind == credits.EarnBackLine {
			sl.Kind, sl.KPI, sl.Org, sl.Returns = "earn-back", l.KPI, l.Org, l.Earned().Month.String()
		}
		if l.Kind == credits.CapLine && l.Cap != 0 {
			sl.Cap = l.Cap.String()
		}
		s.Lines = append(s.Lines, sl)
	}
	t := mo.Credit
	s.Credit = Total{Charges: money.Format(t.Charges), Uncapped: money.Format(t.Uncapped), Cut: money.Format(t.Cut), Credit: money.Format(t.Total)}
	if t.Critical {
		s.Credit.Critical, s.Credit.Withheld = true, money.Format(t.Withheld)
	}
	if t.EarnedBack.Sign() != 0 {
		s.Credit.EarnedBack = money.Format(t.EarnedBack)
	}
	for _, e := range mo.Events {
		s.Events = append(s.Events, EventOf(e))
	}
	return s
}

// cellOf returns the seal's form of an evaluated cell.
func cellOf(cell *contract.Cell, money credits.Money, combined bool) Cell {
	out := Cell{Judged: JudgedOf(&cell.Measured), Measured: cell.Measured.Status.String(), Raw: cell.Raw.String(),
		Status: cell.Status.String(), Points: kpi.FormatValue(cell.Credit.Points), Credit: money.Format(cell.Credit.Amount),
		Rule: cell.Credit.Rule, Incidents: cell.Credit.Incidents(), Combined: combined}
	if rec := cell.Mitigation; rec != nil {
		out.Mitigation = &CellMitigation{Ref: rec.Ref, Effect: rec.Effect.String()}
		if rec.Effect == mitigation.Deemed {
			out.Mitigation.Deemed = rec.Deemed.String()
		}
	}
	return out
}
