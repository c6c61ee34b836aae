package reference

import (
	"math/big"
	"slices"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// earnHistory is every month evaluated, kept whole, as the earn-back rule
// reads them: the rule is worked out again from the whole history each
// month, never from running tallies.
type earnHistory struct{ months []earnMonth }

// earnMonth is one month evaluated: its outcomes, each outcome's credit
// line amount, and the whole cut of its cap lines.
type earnMonth struct {
	month    kpi.Month
	year     int
	outcomes []credits.Outcome
	credits  []decimal.Decimal
	cut      decimal.Decimal // zero or more
}

// find returns the position in m of the KPI-month of o's KPI and
// organisation, or -1.
func (m earnMonth) find(id, org string) int {
	for i, o := range m.outcomes {
		if o.KPI == id && o.Org == org && o.Kind == kpi.KPI {
			return i
		}
	}
	return -1
}

// paid is the part of the credit of outcome i that the month's caps left,
// as docs/contract-format.md says: the credit less the month's whole cut,
// never below zero.
func (m earnMonth) paid(i int) decimal.Decimal {
	return decimal.Max(m.credits[i].Sub(m.cut), decimal.Zero)
}

// due reports whether a KPI-month counts for earn-back: every KPI-month
// but one not due.
func due(o credits.Outcome) bool { return !(o.Status == kpi.Unmeasured && o.Absent == kpi.NotDue) }

// earnBack records period p, with its credit lines (one per outcome) and
// its whole cut, and returns the earn-back lines p earns: for the
// following-months condition, in outcome order, each outcome's earlier
// credits oldest first; then, in the last month of a contract year, for
// each KPI and organisation under a year condition (in the order first
// evaluated) whose year meets it, each of the year's credits in month
// order.
func (s *state) earnBack(p credits.Period, lines []Line, cut decimal.Decimal) []Line {
	rules := s.rules.EarnBack.KPIs
	if len(rules) == 0 {
		return nil
	}
	rule := func(id string) *credits.EarnBackKPI {
		for i := range rules {
			if rules[i].KPI == id {
				return &rules[i]
			}
		}
		return nil
	}
	em := earnMonth{month: p.Month, year: p.Year, outcomes: append([]credits.Outcome(nil), p.Outcomes...), cut: cut}
	for _, l := range lines {
		em.credits = append(em.credits, l.Amount)
	}
	s.earn.months = append(s.earn.months, em)
	hist := s.earn.months
	var out []Line
	earn := func(id, org string, r *credits.EarnBackKPI, m earnMonth, i int) {
		paid := m.paid(i)
		if paid.Sign() <= 0 {
			return
		}
		amount := round(s.rules.Money, percent(rat(paid), rat(r.Share)))
		if amount.Sign() <= 0 {
			return
		}
		out = append(out, Line{Kind: credits.EarnBackLine, KPI: id, Org: org, Points: decimal.Zero, Amount: amount.Neg(), Returns: m.month})
	}
	for _, o := range p.Outcomes {
		r := rule(o.KPI)
		if r == nil || r.Following == 0 || o.Kind != kpi.KPI || !due(o) {
			continue
		}
		for j, m := range hist[:len(hist)-1] {
			i := m.find(o.KPI, o.Org)
			if i < 0 {
				continue
			}
			var after []credits.Outcome // the KPI-months due after m, up to this month
			for _, n := range hist[j+1:] {
				if k := n.find(o.KPI, o.Org); k >= 0 && due(n.outcomes[k]) {
					after = append(after, n.outcomes[k])
				}
			}
			if len(after) != r.Following {
				continue
			}
			green := true
			for _, a := range after {
				green = green && a.Status == kpi.Green
			}
			if green {
				earn(o.KPI, o.Org, r, m, i)
			}
		}
	}
	if !p.YearEnd {
		return out
	}
	var subjects []key
	for _, m := range hist {
		for _, o := range m.outcomes {
			k := key{o.KPI, o.Org}
			if r := rule(o.KPI); r != nil && r.Following == 0 && o.Kind == kpi.KPI && !slices.Contains(subjects, k) {
				subjects = append(subjects, k)
			}
		}
	}
	for _, k := range subjects {
		r := rule(k.kpi)
		var dueMonths, greens, values, missing int
		sum := new(big.Rat)
		var dir kpi.Direction
		var year []earnMonth
		for _, m := range hist {
			i := m.find(k.kpi, k.org)
			if m.year != p.Year || i < 0 {
				continue
			}
			year = append(year, m)
			o := m.outcomes[i]
			if !due(o) {
				continue
			}
			dueMonths++
			if o.Status == kpi.Green {
				greens++
			}
			if res := o.Result(); res.Status == kpi.Green || res.Status == kpi.Amber || res.Status == kpi.Red {
				sum.Add(sum, rat(res.Rounded))
				values++
				dir = res.Direction
			} else {
				missing++
			}
		}
		met := false
		switch {
		case r.YearGreen > 0:
			met = greens >= r.YearGreen
		case r.YearMean != nil && values > 0 && missing == 0:
			level := new(big.Rat).Mul(rat(*r.YearMean), new(big.Rat).SetInt64(int64(values)))
			c := sum.Cmp(level)
			met = c >= 0
			if dir == kpi.LowerIsBetter {
				met = c <= 0
			}
		}
		if !met {
			continue
		}
		for _, m := range year {
			earn(k.kpi, k.org, r, m, m.find(k.kpi, k.org))
		}
	}
	return out
}
