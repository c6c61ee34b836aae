package reference

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// Periods builds the months an evaluation of c credits, from res's cells
// (their classification, status and mitigation, in report order), the
// incidents ms names and c's charges: an organisation's charge in a month
// is its latest Charge from that month or before; a period's charges are
// every organisation's; a contract year's are its twelve months' within
// the term.
func Periods(c *contract.Contract, res *contract.Result, ms []kpi.Measurement) []credits.Period {
	type at struct {
		kpi, org string
		month    kpi.Month
	}
	incidents := map[at][]string{}
	for _, m := range ms {
		incidents[at{m.KPI, m.Org, m.Month}] = m.Incidents
	}
	kinds := map[string]kpi.Kind{}
	for _, k := range c.KPIs {
		kinds[k.ID] = k.Kind
	}
	charge := func(org string, m kpi.Month) decimal.Decimal {
		amount, from := decimal.Zero, kpi.Month{}
		for _, ch := range c.Charges {
			if ch.Org == org && !ch.From.After(m) && (from.IsZero() || !ch.From.Before(from)) {
				amount, from = ch.Amount, ch.From
			}
		}
		return amount
	}
	monthCharges := func(m kpi.Month) decimal.Decimal {
		sum := decimal.Zero
		for _, org := range c.Orgs {
			sum = sum.Add(charge(org, m))
		}
		return sum
	}
	last := c.Commencement.AddMonths(c.Term - 1)
	var out []credits.Period
	for _, mo := range res.Months {
		year := mo.Month.Sub(c.Commencement)/12 + 1
		yearCharges := decimal.Zero
		for m := c.Commencement.AddMonths(12 * (year - 1)); m.Sub(c.Commencement) < 12*year && !m.After(last); m = m.AddMonths(1) {
			yearCharges = yearCharges.Add(monthCharges(m))
		}
		p := credits.Period{Month: mo.Month, Year: year, Charges: monthCharges(mo.Month), YearCharges: yearCharges,
			YearEnd: mo.Month == last || mo.Month.AddMonths(1).Sub(c.Commencement)/12+1 != year}
		for _, cell := range mo.Cells {
			r := cell.Measured
			o := credits.Outcome{KPI: r.KPI, Org: r.Org, Kind: kinds[r.KPI], Raw: cell.Raw, Status: cell.Status, Absent: r.Absent,
				Charges: charge(r.Org, mo.Month), Measured: &r, Incidents: incidents[at{r.KPI, r.Org, mo.Month}]}
			if cell.Mitigation != nil {
				o.Mitigation, o.Relief = cell.Mitigation.Ref, cell.Mitigation.Effect == mitigation.Relief
			}
			p.Outcomes = append(p.Outcomes, o)
		}
		out = append(out, p)
	}
	return out
}

// FromLedger returns the engine's ledger in the reference's terms, for a
// test to compare with what Calculate works out.
func FromLedger(led *credits.Ledger) *Ledger {
	out := &Ledger{Total: led.Total}
	at := map[kpi.Month]int{}
	for _, m := range led.Months {
		at[m.Month] = len(out.Months)
		out.Months = append(out.Months, Month{Month: m.Month, Year: m.Year, Uncapped: m.Uncapped, Cut: m.Cut, Total: m.Total,
			Withheld: m.Withheld, Critical: m.Critical, EarnedBack: m.EarnedBack})
	}
	for i := range led.Lines {
		l := &led.Lines[i]
		m := &out.Months[at[l.Month]]
		rl := Line{Kind: l.Kind, KPI: l.KPI, Org: l.Org, Cap: l.Cap, Points: l.Points, Amount: l.Amount, Failed: l.Failed,
			Band: l.Band(), Material: l.Material(), Incidents: l.Incidents()}
		if e := l.Earned(); e != nil {
			rl.Returns = e.Month
		}
		m.Lines = append(m.Lines, rl)
	}
	for _, y := range led.Years {
		ry := Year{Year: y.Year, From: y.From, To: y.To, Charges: y.Charges, Cap: y.Cap, LimbCap: y.LimbCap, LimbBase: y.LimbBase,
			HasCap: y.HasCap, HasLimb: y.HasLimb, Uncapped: y.Uncapped, Cut: y.Cut, Total: y.Total, Withheld: y.Withheld, EarnedBack: y.EarnedBack}
		for _, d := range y.Drivers {
			ry.Drivers = append(ry.Drivers, Driver{KPI: d.KPI, Org: d.Org, Withholding: d.Withholding, Amount: d.Amount, Months: d.Months})
		}
		out.Years = append(out.Years, ry)
	}
	for _, e := range led.Events {
		out.Events = append(out.Events, Event{Trigger: e.Trigger, Kind: e.Kind, Month: e.Month, KPI: e.KPI, Org: e.Org, Months: e.Months,
			Points: e.Points, Cap: e.Cap})
	}
	return out
}

// String writes the ledger out whole, every figure exactly (decimals as
// rationals, so 1.10 and 1.1 read the same): two ledgers with the same
// figures have the same String, which a test compares before it asks
// go-cmp for the differences.
func (l *Ledger) String() string {
	var b strings.Builder
	r := func(d decimal.Decimal) string { return d.Rat().RatString() }
	for _, m := range l.Months {
		fmt.Fprintf(&b, "%s %d %s %s %s %s %t %s\n", m.Month, m.Year, r(m.Uncapped), r(m.Cut), r(m.Total), r(m.Withheld), m.Critical, r(m.EarnedBack))
		for _, x := range m.Lines {
			fmt.Fprintf(&b, "  %d %s %s %d %s %s %t %s %t %v %s\n", x.Kind, x.KPI, x.Org, x.Cap, r(x.Points), r(x.Amount), x.Failed, x.Band, x.Material, x.Incidents, x.Returns)
		}
	}
	for _, y := range l.Years {
		fmt.Fprintf(&b, "%d %s %s %s %s %s %s %t %t %s %s %s %s\n", y.Year, y.From, y.To, r(y.Charges), r(y.Cap), r(y.LimbCap), r(y.LimbBase),
			y.HasCap, y.HasLimb, r(y.Uncapped), r(y.Cut), r(y.Total), r(y.Withheld))
		fmt.Fprintf(&b, "  earned back %s\n", r(y.EarnedBack))
		for _, d := range y.Drivers {
			fmt.Fprintf(&b, "  %s %s %t %s %v\n", d.KPI, d.Org, d.Withholding, r(d.Amount), d.Months)
		}
	}
	for _, e := range l.Events {
		fmt.Fprintf(&b, "%s %d %s %s %s %v %s %d\n", e.Trigger, e.Kind, e.Month, e.KPI, e.Org, e.Months, r(e.Points), e.Cap)
	}
	fmt.Fprintf(&b, "total %s\n", r(l.Total))
	return b.String()
}
