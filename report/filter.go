package report

import (
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
)

// Org is one organisation's part of a shared service's evaluation, as
// ForOrg returns it. Its Ledger is the organisation's own and adds up; the
// caps and critical-failure withholdings, which apply to the contract as a
// whole, are in Contract, the whole contract's ledger, which the invoice
// follows.
type Org struct {
	Name string // the organisation
	// Months are the evaluation's months with the cells of Name only and
	// the board summary recounted from them; each month's Credit, Lines
	// (caps and withholding) and Events stay the contract's.
	Months []contract.MonthResult
	// Ledger is Name's own ledger: its Lines are Name's credit lines and
	// earn-back lines; each month's and year's Uncapped and EarnedBack
	// are the sums of those lines, Total their sum,
	// with no Cut, Withheld or Charges (caps, withholdings and charges
	// belong to the contract as a whole); a year's Drivers are Name's;
	// Total is the sum of the lines; Events are those that name Name.
	// Its lines add up to its month totals, and those to its year totals
	// and Total.
	Ledger *credits.Ledger
	// Contract is the whole contract's ledger: every line, and the
	// totals that come off the invoice.
	Contract *credits.Ledger
}

// ForOrg returns the part of r about organisation org: each month's cells
// for org only, with the board summary recounted from them, org's own
// ledger, and the whole contract's beside it. r is not modified.
func ForOrg(r *contract.Result, org string) *Org {
	out := &Org{Name: org, Months: make([]contract.MonthResult, len(r.Months)), Ledger: &credits.Ledger{}, Contract: r.Ledger}
	for i, m := range r.Months {
		fm := m
		fm.Cells = nil
		fm.Summary = contract.Summary{}
		for j := range m.Cells {
			if c := &m.Cells[j]; c.Measured.Org == org {
				fm.Cells = append(fm.Cells, *c)
				fm.Summary.Add(c)
			}
		}
		out.Months[i] = fm
	}
	led := out.Ledger
	var year *credits.YearTotal
	for _, l := range r.Ledger.Lines {
		if (l.Kind != credits.CreditLine && l.Kind != credits.EarnBackLine) || l.Org != org {
			continue
		}
		led.Lines = append(led.Lines, l)
		if n := len(led.Months); n == 0 || led.Months[n-1].Month != l.Month {
			led.Months = append(led.Months, credits.MonthTotal{Month: l.Month, Year: l.Year})
		}
		mt := &led.Months[len(led.Months)-1]
		if l.Kind == credits.EarnBackLine {
			mt.EarnedBack = mt.EarnedBack.Add(l.Amount)
		} else {
			mt.Uncapped = mt.Uncapped.Add(l.Amount)
		}
		mt.Total = mt.Uncapped.Add(mt.EarnedBack)
		if year == nil || year.Year != l.Year {
			led.Years = append(led.Years, credits.YearTotal{Year: l.Year, From: l.Month})
			year = &led.Years[len(led.Years)-1]
			for _, y := range r.Ledger.Years {
				if y.Year == l.Year {
					for _, d := range y.Drivers {
						if !d.Withholding && d.Org == org {
							year.Drivers = append(year.Drivers, d)
						}
					}
				}
			}
		}
		year.To = l.Month
		if l.Kind == credits.EarnBackLine {
			year.EarnedBack = year.EarnedBack.Add(l.Amount)
		} else {
			year.Uncapped = year.Uncapped.Add(l.Amount)
		}
		year.Total = year.Uncapped.Add(year.EarnedBack)
		led.Total = led.Total.Add(l.Amount)
	}
	for _, e := range r.Ledger.Events {
		if e.Org == org {
			led.Events = append(led.Events, e)
		}
	}
	return out
}

// view is what the renderers show: the months, the ledger lines listed,
// and the ledger whose totals are shown.
type view struct {
	org    string                 // the organisation shown; "" for the whole contract
	months []contract.MonthResult // the months, with the cells shown
	lines  []credits.Line         // the ledger lines listed
	ledger *credits.Ledger        // the month and year totals, events and total shown
}

// whole returns the view of a whole result.
func whole(r *contract.Result) *view {
	return &view{months: r.Months, lines: r.Ledger.Lines, ledger: r.Ledger}
}

// view returns the view of o: its cells and credit lines, with the
// contract's cap and withholding lines and totals, since caps apply to the
// contract as a whole.
func (o *Org) view() *view {
	v := &view{org: o.Name, months: o.Months, ledger: o.Contract}
	for _, l := range o.Contract.Lines {
		if (l.Kind != credits.CreditLine && l.Kind != credits.EarnBackLine) || l.Org == o.Name {
			v.lines = append(v.lines, l)
		}
	}
	return v
}
