package reconcile

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/shopspring/decimal"
)

// at returns the printed cell of indicator id beside r: for a month, the
// first printed in any table of r's organisation; for a total, in r's
// table under the same heading.
func (m *model) at(r ref, id string) (ref, bool) {
	if r.isMonth() {
		return m.lookup(r.tv.org, id, r.month())
	}
	for si, s := range r.tv.series {
		if s.id == id && !s.repeated {
			return ref{r.tv, si, r.pi}, true
		}
	}
	return ref{}, false
}

// count is a whole count read for a check: its value and where it was
// printed; pos is zero when it came from the measurements.
type count struct {
	n       int64
	pos     pack.Pos
	printed bool
}

// countAt reads the count of indicator id beside r: a printed whole
// number, or 0 for "N/A". Without a printed one, for a month, the
// measurement supplied for id, or the denominator of the measurement of
// counted (when given). It returns why there is none.
func (m *model) countAt(r ref, id, counted string) (count, string) {
	if d, ok := m.at(r, id); ok {
		c := d.cell()
		switch {
		case c.Kind == pack.Number:
			n, ok := whole(c.Value)
			if !ok {
				return count{}, fmt.Sprintf("%s is printed as %s, not a whole count", id, c.Text)
			}
			return count{n, c.Pos, true}, ""
		case c.Kind == pack.Absent && c.Absence == kpi.NotApplicable:
			return count{0, c.Pos, true}, ""
		}
	}
	if r.isMonth() {
		if meas, ok := m.meas[key{r.tv.org, id, r.month()}]; ok && meas.Absent == 0 {
			if n, ok := whole(meas.Value); ok {
				return count{n: n}, ""
			}
		}
		if meas, ok := m.meas[key{r.tv.org, counted, r.month()}]; ok && counted != "" && meas.HasCounts {
			if n, ok := whole(meas.Denominator); ok {
				return count{n: n}, ""
			}
		}
	}
	return count{}, fmt.Sprintf("%s is not printed for it", id)
}

// shares checks every percentage the relations declare a share: that a
// whole count of its denominator gives it (attainable), and when the
// numerator is printed, that it is 100 x numerator / denominator at its
// printed precision and the contract's rounding (share). A denominator
// the pack does not print is taken from the measurements, and the check
// is then a warning.
func (m *model) shares() {
	for _, sh := range m.rel.Shares {
		m.each(sh.KPI, func(r ref) {
			c := r.cell()
			if !r.isMonth() && !r.isTotalPeriod() {
				return
			}
			if c.Kind != pack.Number && !(c.Kind == pack.Absent && c.Absence == kpi.NotApplicable) {
				return
			}
			den, why := m.countAt(r, sh.Denominator, sh.KPI)
			if why != "" && c.Kind == pack.Absent {
				m.untried(c.Pos, "its denominator "+why)
				return
			}
			if why != "" {
				f := m.finding(AttainableCheck, r)
				f.Severity, f.Verdict, f.Reason = Warning, Uncheckable, "its denominator "+why
				m.add(f)
				return
			}
			if c.Kind == pack.Absent {
				m.notApplicable(r, den)
				return
			}
			m.attainable(r, den)
			if sh.Numerator != "" {
				m.share(r, sh, den)
			}
		})
	}
}

// notApplicable judges an "N/A" percentage: right only when there was
// nothing to count.
func (m *model) notApplicable(r ref, den count) {
	f := m.finding(ShareCheck, r)
	if den.printed {
		f.Inputs = []pack.Pos{den.pos}
	} else {
		f.Severity = Warning
	}
	f.Recomputed = fmt.Sprintf("N/A (%d)", den.n)
	f.Verdict, f.Reason = Agrees, "nothing to count: the denominator is 0"
	if den.n > 0 {
		f.Recomputed = fmt.Sprintf("a percentage of %d", den.n)
		f.Verdict, f.Reason = Disagrees, fmt.Sprintf("printed as N/A, but the denominator is %d", den.n)
	}
	m.add(f)
}

// attainable judges whether the printed percentage at r is 100k/n for a
// whole k in 0..n under any rounding its precision allows.
func (m *model) attainable(r ref, den count) {
	f := m.finding(AttainableCheck, r)
	c := r.cell()
	if den.printed {
		f.Inputs = []pack.Pos{den.pos}
	} else {
		f.Severity = Warning
	}
	from := ""
	if !den.printed {
		from = ", the denominator taken from the measurements (the pack does not print it)"
	}
	p, n := c.Value, den.n
	f.Numeric, f.Tolerance = true, step(c.Places)
	if n == 0 {
		f.Numeric = false
		f.Verdict, f.Reason = Impossible, "no percentage is possible with a denominator of 0 (want N/A)"+from
		m.impossible[c.Pos] = fmt.Sprintf("%s %s at %s is impossible with a denominator of 0", r.label(), c.Text, c.Pos)
		m.add(f)
		return
	}
	a := attain(p, c.Places, n)
	if a.possible {
		k := nearestCount(p, n, a.kLo, a.kHi)
		v := exactPercent(k, n)
		f.Recomputed = percentOf(k, n, c.Places)
		f.Difference = p.Sub(v).Round(c.Places + 2)
		f.Verdict = Agrees
		f.Reason = fmt.Sprintf("%s of %d: within one unit in the last place of %s", countsText(a.kLo, a.kHi), n, c.Text) + from
		m.add(f)
		return
	}
	for _, k := range a.near {
		f.Nearest = append(f.Nearest, percentOf(k, n, c.Places))
	}
	best := a.near[0]
	for _, k := range a.near[1:] {
		if exactPercent(k, n).Sub(p).Abs().Cmp(exactPercent(best, n).Sub(p).Abs()) < 0 {
			best = k
		}
	}
	f.Recomputed = percentOf(best, n, c.Places)
	f.Difference = p.Sub(exactPercent(best, n)).Round(c.Places + 2)
	f.Verdict = Impossible
	f.Reason = fmt.Sprintf("no whole count of %d gives %s under any rounding of %d places", n, c.Text, c.Places) + from
	m.impossible[c.Pos] = fmt.Sprintf("%s %s at %s is impossible with %d", r.label(), c.Text, c.Pos, n)
	m.add(f)
}

// countsText writes a range of counts: "5" or "1380 to 1382".
func countsText(lo, hi int64) string {
	if lo == hi {
		return fmt.Sprint(lo)
	}
	return fmt.Sprintf("%d to %d", lo, hi)
}

// exactPercent returns 100k/n to 10 places, for differences shown.
func exactPercent(k, n int64) decimal.Decimal {
	return quotient(decimal.NewFromInt(k).Mul(hundred), decimal.NewFromInt(n), 10)
}

// nearestCount returns the count in lo..hi whose percentage of n is
// nearest p.
func nearestCount(p decimal.Decimal, n, lo, hi int64) int64 {
	k := p.Mul(decimal.NewFromInt(n)).Shift(-2).Round(0).IntPart() // p n / 100, to the nearest whole
	return min(max(k, lo), hi)
}

// share judges the printed percentage at r against its printed
// numerator and denominator.
func (m *model) share(r ref, sh Share, den count) {
	f := m.finding(ShareCheck, r)
	c, s := r.cell(), r.series()
	num, why := m.countAt(r, sh.Numerator, "")
	if why != "" || !num.printed {
		f.Severity, f.Verdict, f.Reason = Warning, Uncheckable, "its numerator "+why
		if why == "" {
			f.Reason = "its numerator " + sh.Numerator + " is not printed for it"
		}
		m.add(f)
		return
	}
	f.Inputs = []pack.Pos{num.pos}
	if den.printed {
		f.Inputs = append(f.Inputs, den.pos)
	} else {
		f.Severity = Warning
	}
	if den.n == 0 || num.n > den.n {
		f.Verdict, f.Reason = Disagrees, fmt.Sprintf("numerator %d of denominator %d is not a percentage", num.n, den.n)
		m.add(f)
		return
	}
	p := kpi.Precision{Places: c.Places, Rounding: s.rounding()}
	want, _ := p.Quotient(decimal.NewFromInt(num.n).Mul(hundred), decimal.NewFromInt(den.n))
	f.Recomputed = fixed(want, c.Places)
	f.Numeric = true
	f.Difference = c.Value.Sub(exactPercent(num.n, den.n)).Round(c.Places + 2)
	f.Tolerance = maxError(c.Places, s.rounding())
	f.Verdict = Agrees
	if !want.Equal(c.Value) {
		f.Verdict = Disagrees
	}
	f.Reason = fmt.Sprintf("100 x %d/%d rounds to %s (%s)", num.n, den.n, f.Recomputed, p)
	m.add(f)
}

// complements checks every pair of percentages the relations declare
// complementary: they sum to 100 within the rounding of both.
func (m *model) complements() {
	for _, cp := range m.rel.Complements {
		m.each(cp.KPI, func(r ref) {
			c := r.cell()
			if c.Kind != pack.Number || (!r.isMonth() && !r.isTotalPeriod()) {
				return
			}
			f := m.finding(ComplementCheck, r)
			o, ok := m.at(r, cp.Of)
			if !ok || !o.number() {
				f.Verdict, f.Reason = Uncheckable, cp.Of+" is not printed for it"
				m.add(f)
				return
			}
			oc := o.cell()
			places := max(c.Places, oc.Places)
			f.Inputs = []pack.Pos{oc.Pos}
			f.Recomputed = fixed(hundred.Sub(oc.Value), places)
			f.Numeric = true
			f.Difference = c.Value.Add(oc.Value).Sub(hundred)
			f.Tolerance = maxError(c.Places, r.series().rounding()).Add(maxError(oc.Places, o.series().rounding()))
			f.Verdict = Agrees
			if !within(f.Difference, f.Tolerance) {
				f.Verdict = Disagrees
			}
			f.Reason = fmt.Sprintf("%s + %s (%s) = %s, against 100 within the rounding of both", c.Text, oc.Text, cp.Of, kpi.FormatValue(c.Value.Add(oc.Value)))
			m.add(f)
		})
	}
}
