package reconcile

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
)

// layout checks the month headings against the contract: within its term,
// and a contract year printed with a month ("Yr 7 Jun-21") or alone ("Yr
// 7") the contract's year for the months.
func (m *model) layout() {
	c := m.c
	for _, tv := range m.tables {
		for _, per := range tv.t.Periods {
			switch {
			case per.Kind == pack.OneMonth && (per.Month.Before(c.Commencement) || per.Month.After(c.Last())):
				m.add(Finding{Pos: per.Pos, Kind: HeadingCheck, Org: tv.org, Month: per.Month, Published: per.Text, Verdict: Disagrees,
					Recomputed: fmt.Sprintf("%s..%s", c.Commencement.Pack(), c.Last().Pack()),
					Reason:     fmt.Sprintf("%s is outside the contract's term, %s to %s", per.Month.Pack(), c.Commencement.Pack(), c.Last().Pack())})
			case per.Year != 0 && per.Kind == pack.OneMonth:
				m.yearHeading(tv, per, []kpi.Month{per.Month})
			case per.Year != 0 && per.Kind == pack.Year:
				var months []kpi.Month
				for _, i := range per.Covers {
					months = append(months, tv.t.Periods[i].Month)
				}
				m.yearHeading(tv, per, months)
			}
		}
	}
}

// yearHeading checks the contract year a heading prints against the
// contract's year of each month it is about.
func (m *model) yearHeading(tv *tview, per pack.Period, months []kpi.Month) {
	f := Finding{Pos: per.Pos, Kind: HeadingCheck, Org: tv.org, Published: per.Text, Numeric: true}
	if per.Kind == pack.OneMonth {
		f.Month = per.Month
	} else {
		f.Period = per.Text
	}
	if len(months) == 0 {
		f.Verdict, f.Numeric, f.Reason = Uncheckable, false, "a contract year over no months"
		m.add(f)
		return
	}
	for _, mo := range months {
		y := m.c.Year(mo)
		f.Recomputed = fmt.Sprintf("Yr %d", y)
		if y != per.Year {
			f.Verdict = Disagrees
			f.Difference = decimalInt(per.Year - y)
			f.Reason = fmt.Sprintf("%s is in contract year %d (commencement %s), not %d", mo.Pack(), y, m.c.Commencement.Pack(), per.Year)
			m.add(f)
			return
		}
	}
	f.Verdict = Agrees
	f.Reason = fmt.Sprintf("contract year %d from commencement %s", per.Year, m.c.Commencement.Pack())
	if len(months) > 1 {
		f.Reason = fmt.Sprintf("%s to %s are in contract year %d from commencement %s", months[0].Pack(), months[len(months)-1].Pack(), per.Year, m.c.Commencement.Pack())
	}
	m.add(f)
}

// cells checks that every published cell is readable and fits its
// indicator's unit: no % sign on a count, counts whole and not negative,
// percentages within 0..100, no RAG for a row that is not a KPI.
func (m *model) cells() {
	for _, tv := range m.tables {
		for si := range tv.t.Series {
			for pi, per := range tv.t.Periods {
				if per.Kind == pack.Unknown {
					continue
				}
				r := ref{tv, si, pi}
				if msg := m.cellProblem(r); msg != "" {
					f := m.finding(CellCheck, r)
					f.Verdict, f.Reason = Disagrees, msg
					m.add(f)
				}
			}
		}
	}
}

// cellProblem says what is wrong with the cell r for its series, or "".
func (m *model) cellProblem(r ref) string {
	c, s := r.cell(), r.series()
	switch c.Kind {
	case pack.Unreadable:
		return c.Problem
	case pack.RAG:
		if s.kind != kpiSeries && s.kind != unknownSeries {
			return "a RAG printed for a row that is not a kpi"
		}
	case pack.Number:
		switch s.unit {
		case kpi.Count:
			if c.Percent {
				return "a % sign on a count"
			}
			if c.Value.Sign() < 0 || !c.Value.IsInteger() {
				return "a count must be a whole number of 0 or more"
			}
		case kpi.Percent:
			if c.Value.Sign() < 0 || c.Value.Cmp(hundred) > 0 {
				return "a percentage outside 0..100"
			}
		case kpi.Score, kpi.Ratio:
			if c.Percent {
				return fmt.Sprintf("a %% sign on a %s", s.unit)
			}
			if s.unit == kpi.Ratio && c.Value.Sign() < 0 {
				return "a ratio must not be negative"
			}
		}
	}
	return ""
}
