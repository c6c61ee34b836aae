package reconcile

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/shopspring/decimal"
)

// term is one weighted part of a pooled or combined figure.
type term struct {
	name     string
	value    decimal.Decimal
	weight   decimal.Decimal
	err      decimal.Decimal // the value's largest rounding error
	vpos     pack.Pos
	wpos     pack.Pos
	wid      string // the indicator whose count weights it
	weighted bool   // the weight is printed (its place is wpos)
}

// pool is a weighted mean of terms: its sums, and the tolerance the
// printed precision of its parts allows it.
type pool struct {
	num, den, errSum decimal.Decimal // sum of value x weight, of weights, of weight x error
}

func poolOf(ts []term) pool {
	var p pool
	for _, t := range ts {
		p.num = p.num.Add(t.value.Mul(t.weight))
		p.den = p.den.Add(t.weight)
		p.errSum = p.errSum.Add(t.err.Mul(t.weight))
	}
	return p
}

// agrees reports whether the printed figure v, whose largest rounding
// error is e, is the pool within the tolerance the printed precision of
// v and of the parts allows: |v x den - num| <= e x den + errSum,
// exactly, with no division.
func (p pool) agrees(v, e decimal.Decimal) bool {
	if p.den.Sign() <= 0 {
		return false
	}
	return v.Mul(p.den).Sub(p.num).Abs().Cmp(e.Mul(p.den).Add(p.errSum)) <= 0
}

// reproduces reports whether the pool, computed from the parts as
// printed, is the printed figure v within v's own precision: |v x den -
// num| <= e x den.
func (p pool) reproduces(v, e decimal.Decimal) bool {
	if p.den.Sign() <= 0 {
		return false
	}
	return v.Mul(p.den).Sub(p.num).Abs().Cmp(e.Mul(p.den)) <= 0
}

// overall checks every printed figure of a pooled KPI against its parts
// weighted as the contract pools them, from the figures printed beside it.
func (m *model) overall() {
	for i := range m.c.KPIs {
		k := &m.c.KPIs[i]
		if len(k.Pooled) == 0 {
			continue
		}
		m.each(k.ID, func(r ref) {
			if r.number() && (r.isMonth() || r.isTotalPeriod()) {
				m.pooled(r, k)
			}
		})
	}
}

// pooled judges the pooled figure printed at r.
func (m *model) pooled(r ref, k *contract.KPI) {
	f := m.finding(OverallCheck, r)
	var ts []term
	var parts []string
	for _, p := range k.Pooled {
		weight, counted := p.Weight, p.KPI
		if weight == "" {
			sh, ok := m.shareOf[p.KPI]
			if !ok {
				f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("part %s is weighted by its counts, which the pack does not print (declare its share)", p.KPI)
				m.add(f)
				return
			}
			weight = sh.Denominator
		}
		t, skip, why := m.term(r, p.KPI, weight, counted)
		if why != "" {
			f.Verdict, f.Reason = Uncheckable, why
			m.add(f)
			return
		}
		if skip {
			parts = append(parts, p.KPI+" not applicable")
			continue
		}
		ts = append(ts, t)
		parts = append(parts, fmt.Sprintf("%s %s x %s", p.KPI, kpi.FormatValue(t.value), kpi.FormatValue(t.weight)))
	}
	m.weighed(f, r, ts, "pooled: "+strings.Join(parts, ", "), true)
}

// term reads one part of a pooled figure beside r: the part's printed
// percentage and its weight's printed count. A part printed "N/A" with a
// weight of nothing adds nothing (skip). It says why when the part cannot
// be read.
func (m *model) term(r ref, id, weight, counted string) (t term, skip bool, why string) {
	v, vok := m.at(r, id)
	w, wy := m.countAt(r, weight, counted)
	vc := (*pack.Cell)(nil)
	if vok {
		vc = v.cell()
	}
	switch {
	case vc != nil && vc.Kind == pack.Absent && vc.Absence == kpi.NotApplicable && (wy != "" || w.n == 0):
		return term{}, true, ""
	case vc == nil || vc.Kind != pack.Number:
		return term{}, false, id + " is not printed for it"
	case wy != "":
		return term{}, false, "the weight " + wy
	case !w.printed:
		return term{}, false, "the weight " + weight + " is not printed for it"
	}
	return term{name: id, value: vc.Value, weight: decimal.NewFromInt(w.n), err: maxError(vc.Places, v.series().rounding()),
		vpos: vc.Pos, wpos: w.pos, wid: weight, weighted: true}, false, ""
}

// weighed judges the figure printed at r against the weighted mean of ts,
// and, when it disagrees, tries the alternatives that may have produced
// it instead.
func (m *model) weighed(f Finding, r ref, ts []term, computation string, alternatives bool) {
	c := r.cell()
	for _, t := range ts {
		f.Inputs = append(f.Inputs, t.vpos)
		if t.weighted {
			f.Inputs = append(f.Inputs, t.wpos)
		}
	}
	f.Warnings = m.builtFrom(f.Inputs)
	p := poolOf(ts)
	if p.den.Sign() == 0 {
		f.Verdict, f.Reason = Disagrees, computation+": no weight, nothing to pool (want N/A)"
		m.add(f)
		return
	}
	e := maxError(c.Places, r.series().rounding())
	places := c.Places + 2
	exact := quotient(p.num, p.den, 10)
	f.Recomputed = fixed(quotient(p.num, p.den, c.Places), c.Places)
	f.Numeric = true
	f.Difference = c.Value.Sub(exact).Round(places)
	f.Tolerance = decimal.RequireFromString(ceilAt(e.Add(quotient(p.errSum, p.den, 10)), places))
	f.Verdict = Agrees
	if !p.agrees(c.Value, e) {
		f.Verdict = Disagrees
	}
	f.Reason = fmt.Sprintf("%s = %s/%s = %s", computation, kpi.FormatValue(p.num), kpi.FormatValue(p.den), fixed(exact, places))
	if f.Verdict == Disagrees && alternatives {
		f.Reproduced = m.alternatives(r, ts, c.Value, e)
	}
	m.add(f)
}

// alternatives returns the ways of pooling the terms that reproduce the
// printed figure v from the parts as printed, within v's own precision,
// in this order: the unweighted mean of the parts; each
// part left out; each part weighted by each other count printed for the
// same organisation and month instead of its own; every weight taken from
// the month before.
func (m *model) alternatives(r ref, ts []term, v, e decimal.Decimal) []string {
	var out []string
	try := func(what string, alt []term) {
		if p := poolOf(alt); p.reproduces(v, e) {
			out = append(out, fmt.Sprintf("%s: %s", what, fixed(quotient(p.num, p.den, 10), r.cell().Places+2)))
		}
	}
	unweighted := make([]term, len(ts))
	for i, t := range ts {
		t.weight = decimal.NewFromInt(1)
		unweighted[i] = t
	}
	try("the unweighted mean of the parts", unweighted)
	if len(ts) > 1 {
		for i := range ts {
			alt := append(append([]term(nil), ts[:i]...), ts[i+1:]...)
			try(ts[i].name+" left out", alt)
		}
	}
	own := map[pack.Pos]bool{}
	for _, t := range ts {
		own[t.wpos] = true
	}
	for i := range ts {
		for si := range r.tv.series {
			o := ref{r.tv, si, r.pi}
			s := o.series()
			if s.kind == unknownSeries || s.kind == totalSeries || !s.countLike() || s.repeated || !o.number() || own[o.cell().Pos] {
				continue
			}
			n, ok := whole(o.cell().Value)
			if !ok {
				continue
			}
			alt := append([]term(nil), ts...)
			alt[i].weight = decimal.NewFromInt(n)
			try(fmt.Sprintf("%s weighted by %s (%s) instead", ts[i].name, o.label(), s.id), alt)
		}
	}
	if r.isMonth() {
		prev := r.month().AddMonths(-1)
		alt := append([]term(nil), ts...)
		for i, t := range alt {
			w, ok := m.lookup(r.tv.org, t.wid, prev)
			n, wok := int64(0), false
			if ok && w.number() {
				n, wok = whole(w.cell().Value)
			}
			if !wok {
				return out
			}
			alt[i].weight = decimal.NewFromInt(n)
		}
		try("the weights of "+prev.Pack(), alt)
	}
	return out
}

// combined checks the shared service's combined figures, printed in a
// table the relations give to contract.Combined, against the
// organisations' figures: volumes summed, percentages weighted as the
// contract combines them. A repooled figure is checked as a pooled one,
// from the combined parts printed beside it.
func (m *model) combined() {
	m.eachCell(func(tv *tview, s *series) bool {
		return tv.org == contract.Combined && s.kind == kpiSeries && !s.repeated &&
			(s.def.Combine.How == contract.Summed || s.def.Combine.How == contract.Weighted)
	}, func(r ref, s *series) {
		if r.isMonth() && r.number() {
			m.combine(r, s.def)
		}
	})
}

func (m *model) combine(r ref, k *contract.KPI) {
	f := m.finding(CombinedCheck, r)
	mo := r.month()
	orgs := m.c.OrgsOf(k)
	if k.Combine.How == contract.Summed {
		parts := make([]part, len(orgs))
		for i, org := range orgs {
			p, ok := m.lookup(org, k.ID, mo)
			parts[i] = part{name: org, r: p, ok: ok}
		}
		var s summed
		s.add(parts)
		m.judge(f, r, s, "the organisations' sum")
		return
	}
	var ts []term
	var parts []string
	for _, org := range orgs {
		v, vok := m.lookup(org, k.ID, mo)
		w, wok := m.lookup(org, k.Combine.Weight, mo)
		var n int64
		if wok && w.number() {
			n, wok = whole(w.cell().Value)
		} else if wok && w.cell().Kind == pack.Absent && w.cell().Absence == kpi.NotApplicable {
			n = 0
		} else {
			wok = false
		}
		switch {
		case vok && v.cell().Kind == pack.Absent && v.cell().Absence == kpi.NotApplicable && (!wok || n == 0):
			parts = append(parts, org+" not applicable")
			continue
		case !vok || !v.number():
			f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("%s's %s is not printed for it", org, k.ID)
			m.add(f)
			return
		case !wok:
			f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("%s's weight %s is not printed for it", org, k.Combine.Weight)
			m.add(f)
			return
		}
		ts = append(ts, term{name: org, value: v.cell().Value, weight: decimal.NewFromInt(n),
			err: maxError(v.cell().Places, v.series().rounding()), vpos: v.cell().Pos, wpos: w.cell().Pos, wid: k.Combine.Weight, weighted: true})
		parts = append(parts, fmt.Sprintf("%s %s x %d", org, v.cell().Text, n))
	}
	m.weighed(f, r, ts, "combined: "+strings.Join(parts, ", "), false)
}
