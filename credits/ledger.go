package credits

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// MonthTotal is one month of the ledger.
type MonthTotal struct {
	Month    kpi.Month
	Year     int             // the contract year
	Charges  decimal.Decimal // the month's charges, the base of the monthly cap
	Uncapped decimal.Decimal // the sum of the month's credit lines
	Cut      decimal.Decimal // the sum of the month's cap lines, zero or negative
	Total    decimal.Decimal // Uncapped + Cut: what comes off the invoice

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Driver is a KPI's share, for one organisation, of a contract year's
// uncapped credits.
type Driver struct {
	KPI    string
	Org    string
	Amount decimal.Decimal // the sum of its credit lines in the year, before caps
	Months []kpi.Month     // the months it cost money, in order

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// YearTotal is one contract year of the ledger, over the months evaluated.
type YearTotal struct {
	Year     int
	From, To kpi.Month       // the first and last month evaluated in the year
	Charges  decimal.Decimal // the whole year's charges, the base of the annual cap
	Cap      decimal.Decimal // the annual cap in money, rounded; zero with no annual cap
	HasCap   bool            // whether the contract caps the year
	Uncapped decimal.Decimal // the sum of the year's credit lines
	Cut      decimal.Decimal // the sum of the year's cap lines, monthly and annual, zero or negative
	Total    decimal.Decimal // Uncapped + Cut
	Drivers  []Driver        // the KPIs that cost money, by Amount largest first, then by KPI and organisation

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Ledger is the result of applying credit rules to months: every line,
// and the monthly and yearly totals they add up to.
type Ledger struct {
	Lines  []Line          // by month; within a month, credit lines in outcome order, then cap lines
	Months []MonthTotal    // one per period, in order
	Years  []YearTotal     // one per contract year evaluated, in order
	Total  decimal.Decimal // the sum of the years' totals: the credit over all the periods

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Calculate applies rules to periods and returns the ledger.
//
// The periods must be in month order with no month twice; their contract
// years must not go backwards, and every period of a year must carry the
// same YearCharges; no charges may be negative. Each month's credit lines
// are capped first by the monthly cap, then by what remains of the annual
// cap; a cut appears as a CapLine, so lines always add up to the totals.
//
// Calculate checks the rules as Rules.Validate does, except for the
// regime's own Validate, which needs the contract's KPIs. A problem with
// the rules wraps ErrInvalidRules; problems with the periods, each naming
// the month, wrap ErrInvalidPeriod. On any problem it returns no ledger.
// It never modifies rules or periods.
func Calculate(rules Rules, periods []Period) (*Ledger, error) {
	if err := joinSorted(rules.problems()); err != nil {
		return nil, err
	}
	if err := checkPeriods(periods); err != nil {
		return nil, err
	}
	money := rules.Money
	led := &Ledger{}
	run := rules.Regime.Begin(money)
	var year *YearTotal
	drivers := map[[2]string]int{}
	for _, p := range periods {
		lines, err := run.Assess(p)
		if err != nil {
			return nil, fmt.Errorf("month %s: %w", p.Month, err)
		}
		if err := checkLines(p, lines); err != nil {
			return nil, err
		}
		if year == nil || year.Year != p.Year {
			led.Years = append(led.Years, YearTotal{Year: p.Year, From: p.Month, Charges: p.YearCharges})
			year = &led.Years[len(led.Years)-1]
			clear(drivers)
			if rules.Caps.Year != nil {
				year.HasCap = true
				year.Cap = money.Round(p.YearCharges.Mul(*rules.Caps.Year).Shift(-2))
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
				d := &year.Drivers[j]
				d.Amount = d.Amount.Add(l.Amount)
				if n := len(d.Months); n == 0 || d.Months[n-1] != p.Month {
					d.Months = append(d.Months, p.Month)
				}
			}
		}
		led.Lines = append(led.Lines, lines...)
		running := mt.Uncapped
		if rules.Caps.Month != nil {
			limit := money.Round(p.Charges.Mul(*rules.Caps.Month).Shift(-2))
			if running.Cmp(limit) > 0 {
				cut := limit.Sub(running)
				led.Lines = append(led.Lines, capLine(p, cut, fmt.Sprintf("monthly cap %s%% of charges %s = %s; credits %s cut by %s",
					kpi.FormatValue(*rules.Caps.Month), money.Format(p.Charges), money.Format(limit),
					money.Format(running), money.Format(cut.Neg()))))
				running = limit
			}
		}
		if year.HasCap {
			left := year.Cap.Sub(year.Total)
			if running.Cmp(left) > 0 {
				cut := left.Sub(running)
				led.Lines = append(led.Lines, capLine(p, cut, fmt.Sprintf("annual cap %s%% of year %d charges %s = %s; %s left this month; credits %s cut by %s",
					kpi.FormatValue(*rules.Caps.Year), p.Year, money.Format(p.YearCharges), money.Format(year.Cap),
					money.Format(left), money.Format(running), money.Format(cut.Neg()))))
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

// checkPeriods reports every problem with the periods' order, years and
// charges, each wrapping ErrInvalidPeriod.
func checkPeriods(periods []Period) error {
	var errs []error
	bad := func(m kpi.Month, format string, args ...any) {
		errs = append(errs, fmt.Errorf("month %s: "+format+": %w", append(append([]any{m}, args...), ErrInvalidPeriod)...))
	}
	first := 0 // the index of the first period of the current year
	for i, p := range periods {
		if p.Month.IsZero() {
			bad(p.Month, "month not set")
		}
		if i > 0 {
			prev := periods[i-1]
			if !p.Month.After(prev.Month) {
				bad(p.Month, "periods out of order after %s", prev.Month)
			}
			switch {
			case p.Year < prev.Year:
				bad(p.Month, "contract year %d after year %d", p.Year, prev.Year)
			case p.Year == prev.Year && !p.YearCharges.Equal(periods[first].YearCharges):
				bad(p.Month, "year %d charges %s differ from %s in %s", p.Year,
					kpi.FormatValue(p.YearCharges), kpi.FormatValue(periods[first].YearCharges), periods[first].Month)
			}
			if p.Year != prev.Year {
				first = i
			}
		}
		if p.Charges.Sign() < 0 {
			bad(p.Month, "charges %s are negative", kpi.FormatValue(p.Charges))
		}
		if p.YearCharges.Sign() < 0 {
			bad(p.Month, "year %d charges %s are negative", p.Year, kpi.FormatValue(p.YearCharges))
		}
		for _, o := range p.Outcomes {
			if o.Charges.Sign() < 0 {
				bad(p.Month, "%s: charges %s are negative", who(o), kpi.FormatValue(o.Charges))
			}
		}
	}
	return joinSorted(errs)
}

// checkLines checks that a regime kept its side of the Run contract: one
// credit line per outcome, none negative.
func checkLines(p Period, lines []Line) error {
	if len(lines) != len(p.Outcomes) {
		return fmt.Errorf("month %s: regime gave %d lines for %d outcomes", p.Month, len(lines), len(p.Outcomes))
	}
	for _, l := range lines {
		if l.Kind != CreditLine || l.Amount.Sign() < 0 {
			return fmt.Errorf("month %s: kpi %s: regime gave a line that is not a credit of zero or more", p.Month, l.KPI)
		}
	}
	return nil
}

// who names an outcome's KPI and, if it has one, its organisation.
func who(o Outcome) string {
	if o.Org == "" {
		return "kpi " + o.KPI
	}
	return "kpi " + o.KPI + ": org " + o.Org
}
