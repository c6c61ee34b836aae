package reconcile

import (
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/shopspring/decimal"
)

// part is one addend of a sum: its name in reasons and its cell, if
// printed.
type part struct {
	name string
	r    ref
	ok   bool
}

// summed is a sum of printed parts.
type summed struct {
	value   decimal.Decimal
	tol     decimal.Decimal // the sum's rounding: nothing for counts, each part's largest error otherwise
	inputs  []pack.Pos
	terms   []string
	missing []string
}

// add adds the parts: a number, or 0 for "N/A"; any other part is
// missing.
func (s *summed) add(parts []part) {
	for _, p := range parts {
		if !p.ok {
			s.missing = append(s.missing, p.name)
			continue
		}
		c := p.r.cell()
		switch {
		case c.Kind == pack.Number:
			s.value = s.value.Add(c.Value)
			if !exact(p.r) {
				s.tol = s.tol.Add(maxError(c.Places, p.r.series().rounding()))
			}
			s.terms = append(s.terms, p.name+" "+c.Text)
		case c.Kind == pack.Absent && c.Absence == kpi.NotApplicable:
			s.terms = append(s.terms, p.name+" N/A (0)")
		default:
			s.missing = append(s.missing, p.name)
			continue
		}
		s.inputs = append(s.inputs, c.Pos)
	}
}

// exact reports whether the figure at r is exact, as a count is: of a
// count indicator, or a whole number without a % sign in a row not
// understood.
func exact(r ref) bool {
	s, c := r.series(), r.cell()
	return s.countLike() || (s.kind == unknownSeries && c.Kind == pack.Number && !c.Percent && c.Value.IsInteger())
}

// judge completes f, about the total printed at r, with the sum s.
func (m *model) judge(f Finding, r ref, s summed, what string) {
	if len(s.missing) > 0 {
		f.Verdict, f.Reason = Uncheckable, "not printed: "+strings.Join(s.missing, ", ")
		if len(s.terms) == 0 {
			f.Reason = "none of its parts is printed"
		}
		m.add(f)
		return
	}
	c := r.cell()
	f.Inputs = s.inputs
	f.Warnings = m.builtFrom(s.inputs)
	places := c.Places
	f.Recomputed = kpi.FormatValue(s.value)
	f.Numeric = true
	f.Difference = c.Value.Sub(s.value)
	f.Tolerance = s.tol
	if !r.series().countLike() {
		f.Tolerance = f.Tolerance.Add(maxError(places, r.series().rounding()))
	}
	f.Verdict = Agrees
	if !within(f.Difference, f.Tolerance) {
		f.Verdict = Disagrees
	}
	f.Reason = what + ": " + strings.Join(s.terms, " + ") + " = " + kpi.FormatValue(s.value)
	m.add(f)
}

// builtFrom returns a warning for each of inputs found impossible.
func (m *model) builtFrom(inputs []pack.Pos) []string {
	var out []string
	for _, p := range inputs {
		if w, ok := m.impossible[p]; ok {
			out = append(out, "built from "+w)
		}
	}
	return out
}

// totals checks the totals the relations declare, and the total,
// subtotal and grand total rows the packs print: each against the sum of
// its parts under the same heading.
func (m *model) totals() {
	for _, sum := range m.rel.Totals {
		m.each(sum.Total, func(r ref) {
			if !r.number() || (!r.isMonth() && !r.isTotalPeriod()) {
				return
			}
			parts := make([]part, len(sum.Parts))
			for i, id := range sum.Parts {
				p, ok := m.at(r, id)
				parts[i] = part{name: id, r: p, ok: ok}
			}
			var s summed
			s.add(parts)
			m.judge(m.finding(TotalCheck, r), r, s, "the sum of its parts")
		})
	}
	for _, tv := range m.tables {
		for si := range tv.series {
			s := &tv.series[si]
			var base, subs, loose []int
			switch {
			case s.kind == boardSeries && s.board == BoardTotal:
				for j, o := range tv.series {
					if o.kind == boardSeries && o.board >= TSLAchieved && o.board <= NotMeasured && !o.repeated {
						base = append(base, j)
					}
				}
			case s.kind == totalSeries:
				base, subs, loose = m.span(tv, si)
			default:
				continue
			}
			for pi, per := range tv.t.Periods {
				r := ref{tv, si, pi}
				if !r.number() || (per.Kind != pack.OneMonth && !per.Kind.IsTotal()) {
					continue
				}
				var sum summed
				sum.add(partsOf(tv, base, pi))
				m.judge(m.finding(TotalCheck, r), r, sum, "the sum of the rows it totals")
				if len(subs) > 0 {
					var other summed
					other.add(partsOf(tv, append(append([]int(nil), subs...), loose...), pi))
					m.judge(m.finding(TotalCheck, r), r, other, "the sum of the subtotals and the rows under none")
				}
			}
		}
	}
}

// span returns the rows a total row at si totals: the rows before it
// (the columns, in a table printed the other way round) back to the
// previous total of its level or above, within its section unless it is a
// grand total. base are the counts among them; subs the lower totals not
// within another lower total, and loose the counts within none of those.
func (m *model) span(tv *tview, si int) (base, subs, loose []int) {
	for j := si - 1; j >= m.spanStart(tv, si); j-- {
		if m.countPart(tv, j) {
			base = append(base, j)
		}
	}
	for j := si - 1; j >= m.spanStart(tv, si); {
		if tv.series[j].kind == totalSeries {
			subs = append(subs, j)
			j = m.spanStart(tv, j) - 1
			continue
		}
		if m.countPart(tv, j) {
			loose = append(loose, j)
		}
		j--
	}
	return base, subs, loose
}

// spanStart returns the first row the total row at si totals.
func (m *model) spanStart(tv *tview, si int) int {
	lv, sec := tv.series[si].level, tv.t.Series[si].Section
	j := si - 1
	for ; j >= 0; j-- {
		o := &tv.series[j]
		if (lv < 3 && tv.t.Series[j].Section != sec) || (o.kind == totalSeries && o.level >= lv) {
			break
		}
	}
	return j + 1
}

// countPart reports whether row j of tv is a part a total row adds up:
// counts, and not itself a total (printed as one, or declared).
func (m *model) countPart(tv *tview, j int) bool {
	s := &tv.series[j]
	return s.kind != totalSeries && !m.declaredTotal[s.id] && countRow(s, tv.t.Series[j])
}

// countRow reports whether a row holds counts, which totals add up: a
// count indicator, or a row not understood with no percentage printed.
func countRow(s *series, ps pack.Series) bool {
	if s.repeated {
		return false
	}
	if s.kind != unknownSeries {
		return s.unit == kpi.Count && s.kind != totalSeries
	}
	for _, c := range ps.Cells {
		if c.Kind == pack.Number && c.Percent {
			return false
		}
	}
	return hasNumber(ps.Cells)
}

// partsOf returns the cells of rows under heading pi of tv, in the order
// the rows are printed.
func partsOf(tv *tview, rows []int, pi int) []part {
	rows = slices.Sorted(slices.Values(rows))
	out := make([]part, 0, len(rows))
	for _, j := range rows {
		name := tv.series[j].id
		if name == "" {
			name = tv.t.Series[j].Label
		}
		out = append(out, part{name: name, r: ref{tv, j, pi}, ok: true})
	}
	return out
}

// periods checks every total over months a table prints (a quarter, the
// year to date, a year, a total, a grand total) against the months it
// covers: counts summed, percentages recomputed from the months' summed
// numerators and denominators (never averaged), a stock figure as its
// last month, as the relations' period rules say.
func (m *model) periods() {
	for _, tv := range m.tables {
		for si := range tv.series {
			s := &tv.series[si]
			if s.repeated || (s.kind == unknownSeries && !countRow(s, tv.t.Series[si])) {
				continue
			}
			for pi, per := range tv.t.Periods {
				r := ref{tv, si, pi}
				if !per.Kind.IsTotal() || !r.number() {
					continue
				}
				m.period(r, &tv.t.Periods[pi])
			}
		}
	}
}

// rule returns the period rule of a series: the relations', or the
// default for its unit.
func (m *model) rule(s *series) Rule {
	if r, ok := m.ruleOf[s.id]; ok && s.id != "" {
		return r
	}
	switch {
	case s.countLike() || s.kind == unknownSeries:
		return SumRule
	case s.unit == kpi.Percent:
		return RecomputeRule
	}
	return 0
}

func (m *model) period(r ref, per *pack.Period) {
	f := m.finding(PeriodCheck, r)
	s := r.series()
	if len(per.Covers) == 0 {
		f.Verdict, f.Reason = Uncheckable, "a total over no months"
		m.add(f)
		return
	}
	switch m.rule(s) {
	case NoRule:
		return
	case SumRule:
		parts := make([]part, len(per.Covers))
		for i, q := range per.Covers {
			parts[i] = part{name: r.tv.t.Periods[q].Month.Pack(), r: r.at(q), ok: true}
		}
		var sum summed
		sum.add(parts)
		m.judge(f, r, sum, "the sum of its months")
	case LastRule:
		last := r.at(per.Covers[len(per.Covers)-1])
		if !last.number() {
			f.Verdict, f.Reason = Uncheckable, "its last month, "+last.month().Pack()+", is not printed"
			m.add(f)
			return
		}
		c, lc := r.cell(), last.cell()
		f.Inputs = []pack.Pos{lc.Pos}
		f.Recomputed, f.Numeric, f.Difference = lc.Text, true, c.Value.Sub(lc.Value)
		if !s.countLike() {
			f.Tolerance = maxError(c.Places, s.rounding()).Add(maxError(lc.Places, s.rounding()))
		}
		f.Verdict = Agrees
		if !within(f.Difference, f.Tolerance) {
			f.Verdict = Disagrees
		}
		f.Reason = "the figure of its last month, " + last.month().Pack()
		m.add(f)
	case RecomputeRule:
		m.recompute(f, r, per)
	default:
		f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("no rule totals a %s over months (declare one under periods)", s.unit)
		m.add(f)
	}
}

// recompute judges a percentage's total over months: 100 x the months'
// summed numerators over their summed denominators. A numerator the pack
// does not print is the whole count its month's percentage gives under
// the contract's rounding, or the range of counts when several do.
func (m *model) recompute(f Finding, r ref, per *pack.Period) {
	s := r.series()
	sh, ok := m.shareOf[s.id]
	if !ok {
		f.Verdict, f.Reason = Uncheckable, "a percentage's total over months is recomputed from its numerators and denominators, never averaged: declare its share"
		m.add(f)
		return
	}
	var kLo, kHi, n int64
	var terms []string
	for _, q := range per.Covers {
		mr := r.at(q)
		mo := r.tv.t.Periods[q].Month.Pack()
		// countOf reads the month's count id (the numerator or the
		// denominator, what): an input of the finding, or, when it cannot
		// be read, the reason the finding is uncheckable.
		countOf := func(id, counted, what string) (count, bool) {
			c, why := m.countAt(mr, id, counted)
			if why != "" {
				f.Verdict, f.Reason = Uncheckable, mo+": its "+what+" "+why
				m.add(f)
				return c, false
			}
			if c.printed {
				f.Inputs = append(f.Inputs, c.pos)
			}
			return c, true
		}
		den, ok := countOf(sh.Denominator, s.id, "denominator")
		if !ok {
			return
		}
		c := mr.cell()
		switch {
		case sh.Numerator != "":
			num, ok := countOf(sh.Numerator, "", "numerator")
			if !ok {
				return
			}
			kLo, kHi = kLo+num.n, kHi+num.n
			terms = append(terms, fmt.Sprintf("%s %d/%d", mo, num.n, den.n))
		case c.Kind == pack.Absent && c.Absence == kpi.NotApplicable && den.n == 0:
			f.Inputs = append(f.Inputs, c.Pos)
			terms = append(terms, mo+" 0/0")
		case c.Kind == pack.Number:
			lo, hi, ok := countsFor(c.Value, c.Places, den.n, s.rounding())
			if !ok {
				f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("%s: %s matches no whole count of %d under %s rounding", mo, c.Text, den.n, s.rounding())
				f.Warnings = m.builtFrom([]pack.Pos{c.Pos})
				m.add(f)
				return
			}
			f.Inputs = append(f.Inputs, c.Pos)
			kLo, kHi = kLo+lo, kHi+hi
			terms = append(terms, fmt.Sprintf("%s %s/%d", mo, countsText(lo, hi), den.n))
		default:
			f.Verdict, f.Reason = Uncheckable, mo+" is not printed"
			m.add(f)
			return
		}
		n += den.n
	}
	f.Warnings = m.builtFrom(f.Inputs)
	c := r.cell()
	if n == 0 {
		f.Verdict, f.Reason = Disagrees, "its months have no denominator: nothing to count (want N/A)"
		m.add(f)
		return
	}
	p := kpi.Precision{Places: c.Places, Rounding: s.rounding()}
	lo, _ := p.Quotient(decimal.NewFromInt(kLo).Mul(hundred), decimal.NewFromInt(n))
	hi, _ := p.Quotient(decimal.NewFromInt(kHi).Mul(hundred), decimal.NewFromInt(n))
	f.Recomputed = fixed(lo, c.Places)
	if !lo.Equal(hi) {
		f.Recomputed += ".." + fixed(hi, c.Places)
	}
	f.Numeric = true
	switch {
	case c.Value.Cmp(lo) < 0:
		f.Difference = c.Value.Sub(lo)
	case c.Value.Cmp(hi) > 0:
		f.Difference = c.Value.Sub(hi)
	}
	f.Verdict = Agrees
	if f.Difference.Sign() != 0 {
		f.Verdict = Disagrees
	}
	f.Reason = fmt.Sprintf("100 x %s/%d rounds to %s (%s): %s", countsText(kLo, kHi), n, f.Recomputed, p, strings.Join(terms, ", "))
	m.add(f)
}
