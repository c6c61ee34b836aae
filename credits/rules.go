package credits

import (
	"errors"
	"fmt"

	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// ErrInvalidRules is wrapped by every problem with a regime's, a cap's or
// the money's configuration, and by a period that needs points the regime
// does not give.
var ErrInvalidRules = errors.New("invalid credit rules")

// ErrInvalidPeriod is wrapped by every problem Calculate finds in its
// periods: months out of order, a contract year that goes backwards or
// whose charges change within the year, negative charges, and an outcome
// whose kind or status cannot be credited.
var ErrInvalidPeriod = errors.New("invalid credit period")

// Money is how a contract rounds money: to Places decimal places (2 for
// pounds and pence), 0 to 6, in mode Rounding. The zero Money is invalid,
// because it names no rounding mode.
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

func (m Money) problems() []string {
	var out []string
	if m.Places < 0 || m.Places > 6 {
		out = append(out, fmt.Sprintf("money: places %d outside 0..6", m.Places))
	}
	if m.Rounding < kpi.HalfUp || m.Rounding > kpi.Floor {
		out = append(out, "money: rounding not set (want one of half-up, half-even, up, down, ceiling, floor)")
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
}

// Validate checks the rules against the credit-bearing KPIs' windows: that
// a regime is set and valid for them (see the regime's Validate), that the
// money has 0 to 6 places and a rounding mode, that each cap is a
// percentage from 0 to 100, and that each Critical KPI is credit-bearing,
// listed once, with a condition. It reports every problem, each wrapping
// ErrInvalidRules, sorted by message and joined with errors.Join; nil if
// the rules are valid.
func (r Rules) Validate(kpis []Window) error {
	errs := r.problems()
	if r.Regime != nil {
		errs = append(errs, joined.Split(r.Regime.Validate(kpis))...)
	}
	for _, p := range r.Critical.windowProblems(kpis) {
		errs = append(errs, fmt.Errorf("%s: %w", p, ErrInvalidRules))
	}
	return joined.Sorted(errs)
}

// problems reports what is wrong with the rules other than the regime's
// own configuration.
func (r Rules) problems() []error {
	var errs []error
	bad := func(msg string) { errs = append(errs, fmt.Errorf("%s: %w", msg, ErrInvalidRules)) }
	if r.Regime == nil {
		bad("regime not set")
	}
	for _, p := range r.Money.problems() {
		bad(p)
	}
	hundred := decimal.NewFromInt(100)
	for _, c := range []struct {
		name string
		pct  *decimal.Decimal
	}{{"monthly cap", r.Caps.Month}, {"annual cap", r.Caps.Year}, {"rolling cap", r.Caps.Rolling}} {
		if c.pct != nil && (c.pct.Sign() < 0 || c.pct.Cmp(hundred) > 0) {
			bad(fmt.Sprintf("%s %s%% outside 0..100", c.name, kpi.FormatValue(*c.pct)))
		}
	}
	if t := r.Caps.TwoLimb; t != nil {
		for _, f := range []struct {
			name string
			pct  decimal.Decimal
		}{{"first", t.First}, {"later", t.Later}} {
			if f.pct.Sign() < 0 || f.pct.Cmp(hundred) > 0 {
				bad(fmt.Sprintf("two-limb cap: %s %s%% outside 0..100", f.name, kpi.FormatValue(f.pct)))
			}
		}
		if t.Estimate.Sign() < 0 {
			bad(fmt.Sprintf("two-limb cap: estimate %s is negative", kpi.FormatValue(t.Estimate)))
		}
	}
	names := map[string]bool{}
	for _, t := range r.Triggers {
		for _, p := range t.problems() {
			bad(p)
		}
		if t.Name != "" && names[t.Name] {
			bad(fmt.Sprintf("trigger %q: named twice", t.Name))
		}
		names[t.Name] = true
	}
	for _, p := range append(r.Critical.problems(), r.Incidents.problems()...) {
		bad(p)
	}
	return errs
}
