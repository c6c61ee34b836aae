package credits

import (
	"cmp"
	"errors"
	"fmt"
	"slices"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Money is how a contract rounds money: to Places decimal places (2 for
// pounds and pence) in mode Rounding. The zero Money is invalid.
type Money struct {
	Places   int32
	Rounding kpi.Rounding
}

// Round rounds d as m says.
func (m Money) Round(d decimal.Decimal) decimal.Decimal { return m.Rounding.Round(d, m.Places) }

// Format formats d with m's places, whatever the decimal package's globals
// say.
func (m Money) Format(d decimal.Decimal) string { return d.StringFixed(m.Places) }

func (m Money) validate() error {
	if m.Places < 0 || m.Places > 6 {
		return fmt.Errorf("money: places %d outside 0..6: %w", m.Places, ErrInvalidRules)
	}
	if m.Rounding < kpi.HalfUp || m.Rounding > kpi.Floor {
		return fmt.Errorf("money: rounding not set: %w", ErrInvalidRules)
	}
	return nil
}

// Outcome is one KPI-month as a credit regime sees it: its statuses and
// mitigation, and the charges its credit is a share of.
type Outcome struct {
	KPI        string
	Org        string
	Kind       kpi.Kind   // PIs never cost anything
	Raw        kpi.Status // the status as measured
	Status     kpi.Status // the status after any deemed mitigation; credits follow it
	Absent     kpi.Absence
	Mitigation string          // the Ref of the mitigation record; "" when none
	Relief     bool            // the mitigation relieves the KPI-month of credits
	Charges    decimal.Decimal // the month's charges for the outcome's organisation
	// Measured is the classification: the value as measured and rounded,
	// and the thresholds that applied, for regimes that score the value
	// itself (bands, shortfalls).
	Measured kpi.Result

	_ [0]func()
}

// Period is one month of a contract as a credit regime sees it.
type Period struct {
	Month       kpi.Month
	Year        int             // the contract year the month falls in, 1-based
	Charges     decimal.Decimal // the month's charges, all organisations
	YearCharges decimal.Decimal // the charges of the whole contract year, for the annual cap
	Outcomes    []Outcome

	_ [0]func()
}

// LineKind distinguishes the ledger's credit lines from its cap lines.
type LineKind uint8

// The kinds of ledger line.
const (
	CreditLine LineKind = iota + 1 // a KPI-month's credit, possibly zero
	CapLine                        // a cap's cut, a negative amount
)

// Line is one line of the credit ledger: a KPI-month's credit with the rule
// that produced it, or a cap's cut.
type Line struct {
	Kind       LineKind
	Month      kpi.Month
	Year       int
	KPI        string // empty on a cap line
	Org        string
	Raw        kpi.Status
	Status     kpi.Status
	Mitigation string
	Points     decimal.Decimal // the points lost
	Amount     decimal.Decimal // money, rounded; negative on a cap line
	Rule       string          // the rule and arithmetic that produced Amount, in words

	_ [0]func()
}

// Regime scores months of outcomes into credit lines. Implementations
// hold plain configuration data and never modify their inputs.
type Regime interface {
	// Validate checks the regime against the credit-bearing KPIs of the
	// contract and the months each is in force.
	Validate(kpis []Window) error
	// Begin starts one evaluation, which is fed months in order. A regime
	// whose credits depend on earlier months (repeat failures, rolling
	// windows) keeps what it needs in the Run, never in the Regime.
	Begin(money Money) Run
}

// Run is one evaluation of a Regime, fed one month at a time in month
// order.
type Run interface {
	// Assess returns one CreditLine per outcome of p, in the order of
	// p.Outcomes, with amounts rounded as the Run's Money says.
	Assess(p Period) ([]Line, error)
}

// Window is a credit-bearing KPI and the months it is in force, inclusive.
type Window struct {
	KPI      string
	From, To kpi.Month
}

// Caps limit the credits payable. A nil field means the contract sets no
// such cap.
type Caps struct {
	// Month is the most a month's credits can be, as a percentage of that
	// month's charges.
	Month *decimal.Decimal
	// Year is the most a contract year's credits can be, as a percentage of
	// that year's charges.
	Year *decimal.Decimal
}

// Rules are everything the ledger needs besides the months: the regime,
// the caps and the money rounding.
type Rules struct {
	Regime Regime
	Caps   Caps
	Money  Money
}

// ErrInvalidRules is wrapped by every problem with a regime's, a cap's or
// the money's configuration.
var ErrInvalidRules = errors.New("invalid credit rules")

// Validate checks the rules against the credit-bearing KPIs' windows.
func (r Rules) Validate(kpis []Window) error {
	var errs []error
	if r.Regime == nil {
		errs = append(errs, fmt.Errorf("regime not set: %w", ErrInvalidRules))
	} else if err := r.Regime.Validate(kpis); err != nil {
		errs = append(errs, err)
	}
	if err := r.Money.validate(); err != nil {
		errs = append(errs, err)
	}
	for _, c := range []struct {
		name string
		pct  *decimal.Decimal
	}{{"monthly cap", r.Caps.Month}, {"annual cap", r.Caps.Year}} {
		if c.pct != nil && (c.pct.Sign() < 0 || c.pct.Cmp(decimal.NewFromInt(100)) > 0) {
			errs = append(errs, fmt.Errorf("%s %s%% outside 0..100: %w", c.name, kpi.FormatValue(*c.pct), ErrInvalidRules))
		}
	}
	return errors.Join(errs...)
}

// MonthTotal is one month of the ledger.
type MonthTotal struct {
	Month    kpi.Month
	Year     int
	Charges  decimal.Decimal
	Uncapped decimal.Decimal // the sum of the month's credit lines
	Cut      decimal.Decimal // the sum of the month's cap lines, zero or negative
	Total    decimal.Decimal // Uncapped + Cut: what comes off the invoice

	_ [0]func()
}

// Driver is a KPI's share of a contract year's uncapped credits.
type Driver struct {
	KPI    string
	Org    string
	Amount decimal.Decimal
	Months []kpi.Month // the months it cost money

	_ [0]func()
}

// YearTotal is one contract year of the ledger, over the months evaluated.
type YearTotal struct {
	Year     int
	From, To kpi.Month       // the first and last month evaluated in the year
	Charges  decimal.Decimal // the whole year's charges
	Cap      decimal.Decimal // the annual cap in money; zero with no annual cap
	HasCap   bool            // whether the contract caps the year
	Uncapped decimal.Decimal
	Cut      decimal.Decimal // by monthly and annual caps, zero or negative
	Total    decimal.Decimal
	Drivers  []Driver // KPIs that cost money, largest first

	_ [0]func()
}

// Ledger is the result of applying credit rules to months: every line,
// and the monthly and yearly totals they add up to.
type Ledger struct {
	Lines  []Line // by month; within a month, credit lines in outcome order, then cap lines
	Months []MonthTotal
	Years  []YearTotal
	Total  decimal.Decimal

	_ [0]func()
}

// Calculate applies rules to periods, which must be in month order with no
// month twice, and returns the ledger. Each month's credit lines are
// capped first by the monthly cap, then by what remains of the annual cap;
// a cut appears as a CapLine, so lines always add up to the totals.
func Calculate(rules Rules, periods []Period) (*Ledger, error) {
	led := &Ledger{}
	run := rules.Regime.Begin(rules.Money)
	var year *YearTotal
	drivers := map[[2]string]int{}
	for i, p := range periods {
		if i > 0 && !p.Month.After(periods[i-1].Month) {
			return nil, fmt.Errorf("month %s: periods out of order after %s", p.Month, periods[i-1].Month)
		}
		lines, err := run.Assess(p)
		if err != nil {
			return nil, fmt.Errorf("month %s: %w", p.Month, err)
		}
		if year == nil || year.Year != p.Year {
			led.Years = append(led.Years, YearTotal{Year: p.Year, From: p.Month, Charges: p.YearCharges})
			year = &led.Years[len(led.Years)-1]
			clear(drivers)
			if rules.Caps.Year != nil {
				year.HasCap = true
				year.Cap = rules.Money.Round(p.YearCharges.Mul(*rules.Caps.Year).Shift(-2))
			}
		}
		year.To = p.Month
		mt := MonthTotal{Month: p.Month, Year: p.Year, Charges: p.Charges}
		for _, l := range lines {
			mt.Uncapped = mt.Uncapped.Add(l.Amount)
			if l.Amount.Sign() != 0 {
				k := [2]string{l.KPI, l.Org}
				j, ok := drivers[k]
				if !ok {
					j = len(year.Drivers)
					drivers[k] = j
					year.Drivers = append(year.Drivers, Driver{KPI: l.KPI, Org: l.Org})
				}
				year.Drivers[j].Amount = year.Drivers[j].Amount.Add(l.Amount)
				year.Drivers[j].Months = append(year.Drivers[j].Months, p.Month)
			}
		}
		led.Lines = append(led.Lines, lines...)
		running := mt.Uncapped
		if rules.Caps.Month != nil {
			limit := rules.Money.Round(p.Charges.Mul(*rules.Caps.Month).Shift(-2))
			if running.Cmp(limit) > 0 {
				cut := limit.Sub(running)
				led.Lines = append(led.Lines, capLine(p, cut, fmt.Sprintf("monthly cap %s%% of charges %s = %s; credits %s cut by %s",
					kpi.FormatValue(*rules.Caps.Month), rules.Money.Format(p.Charges), rules.Money.Format(limit),
					rules.Money.Format(running), rules.Money.Format(cut.Neg()))))
				running = limit
			}
		}
		if year.HasCap {
			left := year.Cap.Sub(year.Total)
			if running.Cmp(left) > 0 {
				cut := left.Sub(running)
				led.Lines = append(led.Lines, capLine(p, cut, fmt.Sprintf("annual cap %s%% of year %d charges %s = %s; %s left this month; credits %s cut by %s",
					kpi.FormatValue(*rules.Caps.Year), p.Year, rules.Money.Format(p.YearCharges), rules.Money.Format(year.Cap),
					rules.Money.Format(left), rules.Money.Format(running), rules.Money.Format(cut.Neg()))))
				running = left
			}
		}
		mt.Total = running
		mt.Cut = running.Sub(mt.Uncapped)
		year.Uncapped = year.Uncapped.Add(mt.Uncapped)
		year.Cut = year.Cut.Add(mt.Cut)
		year.Total = year.Total.Add(mt.Total)
		led.Months = append(led.Months, mt)
	}
	for i := range led.Years {
		y := &led.Years[i]
		slices.SortStableFunc(y.Drivers, func(a, b Driver) int {
			if c := b.Amount.Cmp(a.Amount); c != 0 {
				return c
			}
			return cmp.Or(cmp.Compare(a.KPI, b.KPI), cmp.Compare(a.Org, b.Org))
		})
		led.Total = led.Total.Add(y.Total)
	}
	return led, nil
}

func capLine(p Period, cut decimal.Decimal, rule string) Line {
	return Line{Kind: CapLine, Month: p.Month, Year: p.Year, Amount: cut, Rule: rule}
}
