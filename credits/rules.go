package credits

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// hundred and one are the numbers the checks compare with. A decimal never
// changes, so they are made once.
var (
	hundred = decimal.NewFromInt(100)
	one     = decimal.NewFromInt(1)
)

// Money is how a contract rounds money: to Places decimal places (2 for
// pounds and pence), 0 to 6, in mode Rounding. The zero Money is invalid,
// because it names no rounding mode: there is no default, as the contract
// names its own (Money{Places: 2, Rounding: kpi.HalfUp} for pounds and
// pence rounded half-up), and validation says so.
type Money struct {
	Places   int32        // decimal places of a money amount, 0 to 6
	Rounding kpi.Rounding // how a credit line's or a cap's dropped digits round
}

// Round rounds d as m says. It panics if m's Rounding is invalid: callers
// validate first.
func (m Money) Round(d decimal.Decimal) decimal.Decimal { return m.Rounding.Round(d, m.Places) }

// Format formats d with m's places, whatever the decimal package's globals
// say: "1234.50".
func (m Money) Format(d decimal.Decimal) string { return d.StringFixed(m.Places) }

func (m Money) problems() []problems.Problem {
	var out []problems.Problem
	if m.Places < 0 || m.Places > 6 {
		out = append(out, problems.Newf("Places", "", "money: places %d outside 0..6", m.Places))
	}
	switch {
	case m.Rounding == 0:
		// No default: the contract names its rounding; say what to set.
		out = append(out, problems.Newf("Rounding", "", "money: rounding not set (no default: set Money to the contract's, such as Money{Places: 2, Rounding: kpi.HalfUp} for pence rounded half-up; modes: half-up, half-even, up, down, ceiling, floor)"))
	case m.Rounding > kpi.Floor:
		out = append(out, problems.Newf("Rounding", "", "money: rounding %d unknown (want one of half-up, half-even, up, down, ceiling, floor)", m.Rounding))
	}
	return out
}

// Caps limit the credits payable. A nil field means the contract sets no
// such cap; the zero Caps cap nothing.
type Caps struct {
	// Month is the most a month's credits can be, as a percentage (0 to
	// 100) of that month's charges.
	Month *decimal.Decimal
	// Year is the most a contract year's credits can be, as a percentage
	// (0 to 100) of that year's charges.
	Year *decimal.Decimal
	// Rolling is the most the credits of any 12 months can be, as a
	// percentage (0 to 100) of those months' charges: each month may pay
	// at most the percentage of the charges of the 12 months ending with
	// it, less what the 11 months before it paid, and never less than
	// nothing. Only months evaluated count. A window whose charges fall
	// (an expensive month leaving it) can find its earlier months already
	// paid more than its cap; no cap claws back, so the window stays over
	// and its month pays nothing.
	Rolling *decimal.Decimal
	// TwoLimb caps each contract year's credits: year 1 at a percentage of
	// the estimated year-1 charges, each later year at a percentage of the
	// charges of the 12 months before the year starts.
	TwoLimb *TwoLimb
}

// TwoLimb is a two-limb cap on a contract year's credits, as the UK Model
// Services Agreement's service credit cap: in contract year 1, First per
// cent of Estimate (the estimated year-1 charges); in each later year,
// Later per cent of the charges of the 12 months immediately before the
// year's first month. Those 12 months must have been evaluated in the same
// Book (or Calculate): the cap of a later year needs their charges, and a
// year whose 12 months before were not all evaluated is an error.
//
// The zero TwoLimb caps every year at nothing.
type TwoLimb struct {
	First    decimal.Decimal // per cent of Estimate, 0 to 100: year 1's cap
	Estimate decimal.Decimal // the estimated year-1 charges, 0 or more
	Later    decimal.Decimal // per cent of the 12 months' charges before a later year, 0 to 100

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Rules are everything the ledger needs besides the months: the regime,
// the caps and the money rounding. The zero Rules are invalid: they name
// no regime and no rounding.
type Rules struct {
	Regime Regime // how outcomes become credit lines; required
	Caps   Caps   // the monthly and annual caps, if any
	Money  Money  // how money rounds
	// Triggers are the conditions reported as Events, such as a
	// termination right; none by default.
	Triggers []Trigger
	// Critical replaces a month's credits by withholding its charges when
	// one of its KPIs fails critically; the zero Critical never does.
	Critical Critical
	// Incidents says how the credits of one incident that breaches
	// several KPIs count; the zero Incidents counts them all.
	Incidents Incidents
	// EarnBack lets the supplier earn back KPIs' credits; the zero
	// EarnBack earns nothing back.
	EarnBack EarnBack
	// PerOrganisation applies the regime to each organisation's
	// outcomes on their own, as PFI deduction schedules apply the free
	// allowance and the ratchet bands to each facility's points and then
	// add up the money. Each month, each organisation's outcomes (in
	// their order) form a Period of their own, whose Charges are that
	// organisation's, priced by a Run of the regime kept for that
	// organisation alone; the lines go back in outcome order, and those
	// that cost money say they were priced on the organisation's own
	// month. It changes what a regime works out over a month's outcomes
	// together: a credits/scheme Scheme's per-point allowance and
	// ratchets and its points table (looked up with the organisation's
	// points, on its charges). Lines priced one by one (Points, Pool, a
	// percentage of charges) and the histories of repeat failures, which
	// are each organisation's already, come out the same. The caps, the
	// critical rule, the incident rule and the triggers still read the
	// whole month. False, the default, prices each month's outcomes of
	// every organisation together.
	PerOrganisation bool
}

// Validate checks the rules against the contract's indicators, kpis: every
// check Check runs, and the regime's cross-checks against the KPIs (see
// the regime's Validate), and that each Critical and each EarnBack KPI is
// a credit-bearing KPI of kpis. It reports every problem, each an *Error wrapping
// ErrInvalidRules with the path of the field at fault in the Rules,
// sorted by message and joined with errors.Join; nil if the rules are
// valid.
func (r Rules) Validate(kpis []Window) error {
	errs := r.problems()
	if r.Regime != nil {
		errs = append(errs, reroot(r.Regime.Validate(kpis), "Regime")...)
	}
	errs = append(errs, joined.Split(problems.Errors(problems.Under(r.Critical.windowProblems(kpis), "Critical", ""), rulesError))...)
	errs = append(errs, joined.Split(problems.Errors(problems.Under(r.EarnBack.windowProblems(kpis), "EarnBack", ""), rulesError))...)
	return joined.Sorted(errs)
}

// Check runs every check of the rules that needs no list of the
// contract's KPIs, as Calculate and Open do: a regime is set and its own
// Check passes (signs, ranges, order), the money has 0 to 6 places and a
// rounding mode, each cap is a percentage from 0 to 100, a Pool regime's
// monthly cap is its at-risk amount, the triggers, the critical rule, the
// incident rule and the earn-back rule are well formed. The problems are
// as Validate reports them; nil if there are none.
func (r Rules) Check() error {
	errs := r.problems()
	if r.Regime != nil {
		errs = append(errs, reroot(r.Regime.Check(), "Regime")...)
	}
	return joined.Sorted(errs)
}

// problems reports what is wrong with the rules other than the regime's
// own configuration.
func (r Rules) problems() []error {
	var ps []problems.Problem
	if r.Regime == nil {
		ps = append(ps, problems.Newf("Regime", "", "regime not set"))
	}
	ps = append(ps, problems.Under(r.Money.problems(), "Money", "")...)
	for _, c := range []struct {
		path, name string
		pct        *decimal.Decimal
	}{{"Caps.Month", "monthly cap", r.Caps.Month}, {"Caps.Year", "annual cap", r.Caps.Year}, {"Caps.Rolling", "rolling cap", r.Caps.Rolling}} {
		if c.pct != nil && (c.pct.Sign() < 0 || fixed.Compare(*c.pct, hundred) > 0) {
			ps = append(ps, problems.Newf(c.path, "", "%s %s%% outside 0..100", c.name, kpi.FormatValue(*c.pct)))
		}
	}
	if t := r.Caps.TwoLimb; t != nil {
		for _, f := range []struct {
			name string
			pct  decimal.Decimal
		}{{"first", t.First}, {"later", t.Later}} {
			if f.pct.Sign() < 0 || fixed.Compare(f.pct, hundred) > 0 {
				ps = append(ps, problems.Newf("Caps.TwoLimb."+strings.ToUpper(f.name[:1])+f.name[1:], "", "two-limb cap: %s %s%% outside 0..100", f.name, kpi.FormatValue(f.pct)))
			}
		}
		if t.Estimate.Sign() < 0 {
			ps = append(ps, problems.Newf("Caps.TwoLimb.Estimate", "", "two-limb cap: estimate %s is negative", kpi.FormatValue(t.Estimate)))
		}
	}
	names := map[string]bool{}
	for i, t := range r.Triggers {
		if tp := t.problems(); len(tp) > 0 {
			ps = append(ps, problems.Under(tp, fmt.Sprintf("Triggers[%d]", i), "")...)
		}
		if t.Name != "" && names[t.Name] {
			ps = append(ps, problems.Newf(fmt.Sprintf("Triggers[%d].Name", i), "", "trigger %q: named twice", t.Name))
		}
		names[t.Name] = true
	}
	switch p := r.Regime.(type) {
	case Pool:
		ps = append(ps, p.capProblems(r.Caps.Month)...)
	case *Pool:
		if p != nil {
			ps = append(ps, p.capProblems(r.Caps.Month)...)
		}
	}
	ps = append(ps, problems.Under(r.Critical.problems(), "Critical", "")...)
	ps = append(ps, problems.Under(r.Incidents.problems(), "Incidents", "")...)
	ps = append(ps, problems.Under(r.EarnBack.problems(), "EarnBack", "")...)
	return joined.Split(problems.Errors(ps, rulesError))
}
