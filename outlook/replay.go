package outlook

import (
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// charge returns org's charge in month m: its latest charge from m or
// before, as the contract reads its charges.
func charge(c *contract.Contract, org string, m kpi.Month) decimal.Decimal {
	best := -1
	for i, ch := range c.Charges {
		if ch.Org == org && !ch.From.After(m) && (best < 0 || ch.From.After(c.Charges[best].From)) {
			best = i
		}
	}
	if best < 0 {
		return decimal.Zero
	}
	return c.Charges[best].Amount
}

// monthCharges returns every organisation's charges in month m.
func monthCharges(c *contract.Contract, m kpi.Month) decimal.Decimal {
	var sum decimal.Decimal
	for _, o := range c.Orgs {
		sum = sum.Add(charge(c, o, m))
	}
	return sum
}

// yearCharges returns the charges of contract year y's months within the
// term.
func yearCharges(c *contract.Contract, y int) decimal.Decimal {
	var sum decimal.Decimal
	start := c.Commencement.AddMonths((y - 1) * 12)
	for i := range 12 {
		m := start.AddMonths(i)
		if m.After(c.Last()) {
			break
		}
		sum = sum.Add(monthCharges(c, m))
	}
	return sum
}

// slot is a KPI-month's place: the KPI's position in the contract and
// its organisation.
type slot struct {
	ki  int
	org string
}

// periods returns the evaluation's months as the credit rules saw them:
// one Outcome a cell, in the cells' order, with its charges, so that a
// Book fed them gives the evaluation's ledger again.
func periods(c *contract.Contract, res *contract.Result) []credits.Period {
	out := make([]credits.Period, 0, len(res.Months))
	for i := range res.Months {
		mo := &res.Months[i]
		p := credits.Period{Month: mo.Month, Year: mo.Year, Charges: monthCharges(c, mo.Month), YearCharges: yearCharges(c, mo.Year), YearEnd: c.YearEnd(mo.Month),
			Outcomes: make([]credits.Outcome, 0, len(mo.Cells))}
		for j := range mo.Cells {
			cell := &mo.Cells[j]
			r := &cell.Measured
			o := credits.Outcome{KPI: r.KPI, Org: r.Org, Kind: r.Kind, Raw: cell.Raw, Status: cell.Status, Absent: r.Absent,
				Charges: charge(c, r.Org, mo.Month), Measured: r, Incidents: cell.Credit.Incidents()}
			if rec := cell.Mitigation; rec != nil {
				o.Mitigation, o.Relief = rec.Ref, rec.Effect == mitigation.Relief
			}
			p.Outcomes = append(p.Outcomes, o)
		}
		out = append(out, p)
	}
	return out
}

// replayCheck feeds ps to a Book of c's rules and checks that it gives
// res's ledger: every line's amount and every month's total. The outlook's
// simulations start from these periods, so they must be the evaluation's.
func replayCheck(c *contract.Contract, res *contract.Result, ps []credits.Period) error {
	book, err := credits.Open(c.Credits)
	if err != nil {
		return err
	}
	var lines []credits.Line
	at := 0
	for i, p := range ps {
		var mt credits.MonthTotal
		base := len(lines)
		lines, mt, err = book.AddTo(lines, p)
		if err != nil {
			return err
		}
		want := res.Ledger.Months[i]
		if mt.Total.Cmp(want.Total) != 0 || mt.Uncapped.Cmp(want.Uncapped) != 0 {
			return fmt.Errorf("outlook: %s: the replayed month's credit %s differs from the evaluation's %s", p.Month, mt.Total.String(), want.Total.String())
		}
		for _, l := range lines[base:] {
			if at >= len(res.Ledger.Lines) || l.Amount.Cmp(res.Ledger.Lines[at].Amount) != 0 {
				return fmt.Errorf("outlook: %s: the replayed ledger differs from the evaluation's", p.Month)
			}
			at++
		}
	}
	return nil
}

// sim is a what-if: the evaluated months, then months to come, fed to a
// Book of rules.
type sim struct {
	c     *contract.Contract
	rules credits.Rules
	past  []credits.Period
}

// run feeds the past and future periods to a new Book and returns, for
// each future period, its lines, total and events.
func (s *sim) run(future []credits.Period) ([][]credits.Line, []credits.MonthTotal, [][]credits.Event, error) {
	book, err := credits.Open(s.rules)
	if err != nil {
		return nil, nil, nil, err
	}
	for _, p := range s.past {
		if _, _, err := book.Add(p); err != nil {
			return nil, nil, nil, err
		}
	}
	lines := make([][]credits.Line, len(future))
	totals := make([]credits.MonthTotal, len(future))
	events := make([][]credits.Event, len(future))
	for i, p := range future {
		var ls []credits.Line
		ls, totals[i], err = book.AddTo(nil, p)
		if err != nil {
			return nil, nil, nil, err
		}
		lines[i], events[i] = ls, book.Events()
	}
	return lines, totals, events, nil
}

// future returns month m's period with the KPI-months of failing failing
// (with their status) and every other KPI-month in force meeting its
// target, or not due. With only, the period holds only that KPI-month.
// A failing KPI-month has no value: the contract's scoring places it at
// the worst its status allows.
func future(c *contract.Contract, m kpi.Month, failing map[slot]kpi.Status, only *slot) credits.Period {
	y := c.Year(m)
	p := credits.Period{Month: m, Year: y, Charges: monthCharges(c, m), YearCharges: yearCharges(c, y), YearEnd: c.YearEnd(m)}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		if from, to := c.Window(k); m.Before(from) || m.After(to) {
			continue
		}
		for _, org := range c.OrgsOf(k) {
			s := slot{i, org}
			if only != nil && s != *only {
				continue
			}
			r := kpi.Classify(k.Definition, kpi.Measurement{KPI: k.ID, Org: org, Month: m, Absent: kpi.Missing})
			o := credits.Outcome{KPI: k.ID, Org: org, Kind: k.Kind, Charges: charge(c, org, m)}
			switch st, fails := failing[s]; {
			case !c.Due(k, m):
				r.Absent = kpi.NotDue
				o.Raw, o.Status, o.Absent = kpi.Unmeasured, kpi.Unmeasured, kpi.NotDue
			case fails:
				o.Raw, o.Status, o.Absent = st, st, kpi.Missing
			default:
				r.Status, r.Absent = kpi.Green, 0
				o.Raw, o.Status = kpi.Green, kpi.Green
			}
			o.Measured = &r
			p.Outcomes = append(p.Outcomes, o)
		}
	}
	return p
}

// alone returns, for each of slots, ps with only that slot's outcome in
// each month: one pass over the months, however many slots.
func alone(ps []credits.Period, c *contract.Contract, slots []slot) [][]credits.Period {
	at := make(map[[2]string]int, len(slots))
	out := make([][]credits.Period, len(slots))
	for j, s := range slots {
		at[[2]string{c.KPIs[s.ki].ID, s.org}] = j
		out[j] = make([]credits.Period, len(ps))
	}
	for i, p := range ps {
		for j := range out {
			out[j][i] = credits.Period{Month: p.Month, Year: p.Year, Charges: p.Charges, YearCharges: p.YearCharges, YearEnd: p.YearEnd}
		}
		for _, o := range p.Outcomes {
			if j, ok := at[[2]string{o.KPI, o.Org}]; ok {
				o.Incidents = nil
				out[j][i].Outcomes = append(out[j][i].Outcomes, o)
			}
		}
	}
	return out
}
