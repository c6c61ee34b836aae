package reconcile

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/shopspring/decimal"
)

// targets checks every printed target, in a Target or MSL heading's
// column (or row) and in a label, against the contract's thresholds in
// each month of the table in which the KPI is in force.
func (m *model) targets() {
	for _, tv := range m.tables {
		var months []kpi.Month
		for _, per := range tv.t.Periods {
			if per.Kind == pack.OneMonth {
				months = append(months, per.Month)
			}
		}
		for si := range tv.t.Series {
			s := &tv.series[si]
			if s.hasTarget {
				pos := tv.t.Series[si].Pos
				f := Finding{Pos: pos, Kind: TargetCheck, KPI: s.id, Org: tv.org, Row: tv.t.Series[si].Label, Published: tv.t.Series[si].Label}
				m.target(f, s, s.target, false, months)
			}
			for pi, per := range tv.t.Periods {
				if per.Kind != pack.TSL && per.Kind != pack.MSL {
					continue
				}
				r := ref{tv, si, pi}
				c := r.cell()
				f := m.finding(TargetCheck, r)
				switch {
				case c.Kind == pack.Level:
					m.target(f, s, c.Target, per.Kind == pack.MSL, months)
				case c.Kind == pack.Absent && s.kind == kpiSeries:
					m.target(f, s, pack.Target{}, per.Kind == pack.MSL, months)
				}
			}
		}
	}
}

// target judges the printed target t (the zero Target for "N/A") of the
// series s against the contract in months.
func (m *model) target(f Finding, s *series, t pack.Target, minimum bool, months []kpi.Month) {
	k := s.def
	if s.kind == unknownSeries {
		return // the label finding says why
	}
	if s.kind != kpiSeries {
		f.Verdict, f.Reason = Uncheckable, "the contract has no thresholds for a row that is not a kpi"
		m.add(f)
		return
	}
	level := "tsl"
	if minimum {
		level = "msl"
	}
	switch {
	case k.Kind == kpi.Figure:
		f.Recomputed = "none"
		f.Verdict, f.Reason = Agrees, fmt.Sprintf("%s is a figure with no target", k.ID)
		if t.Set || t.Relative != 0 {
			f.Verdict, f.Reason = Disagrees, fmt.Sprintf("a target printed for %s, a figure with no target", k.ID)
		}
		m.add(f)
		return
	case k.Relative != 0:
		f.Recomputed = k.Relative.String()
		f.Verdict, f.Reason = Agrees, fmt.Sprintf("%s's target is %s the previous month", k.ID, relativeWords(k.Relative))
		if t.Relative != k.Relative || minimum {
			f.Verdict, f.Reason = Disagrees, fmt.Sprintf("%s's target is relative in the contract: %s", k.ID, k.Relative)
		}
		m.add(f)
		return
	}
	from, to := m.c.Window(k)
	var inForce []kpi.Month
	for _, mo := range months {
		if !mo.Before(from) && !mo.After(to) {
			inForce = append(inForce, mo)
		}
	}
	if len(inForce) == 0 {
		f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("%s is not in force in any month of the table (in force %s to %s)", k.ID, from.Pack(), to.Pack())
		m.add(f)
		return
	}
	for _, mo := range inForce {
		th, src := k.Schedule.At(mo)
		th = th.Resolve(k.Direction)
		f.Recomputed = levelText(k, th, minimum, t.Minimum != nil)
		if msg := levelProblem(k, th, t, minimum); msg != "" {
			f.Verdict = Disagrees
			f.Reason = fmt.Sprintf("%s: the contract's %s is %s (%s); %s", mo.Pack(), level, f.Recomputed, src, msg)
			want := th.TSL
			if minimum {
				want = th.MSL
			}
			if t.Set && !t.Value.Equal(want) {
				f.Numeric, f.Difference = true, t.Value.Sub(want)
			}
			m.add(f)
			return
		}
	}
	f.Verdict = Agrees
	f.Reason = fmt.Sprintf("the contract's %s in every month shown in force, %s to %s", level, inForce[0].Pack(), inForce[len(inForce)-1].Pack())
	m.add(f)
}

func relativeWords(r kpi.Relative) string {
	switch r {
	case kpi.Decrease:
		return "below"
	case kpi.Increase:
		return "above"
	case kpi.NoWorseThanLastYear:
		return "no worse than the same month a year before, not"
	}
	return "no worse than"
}

// levelText writes the contract's level as a pack would print it: ">=
// 99.90%", with " / >= 90%" for the MSL when the pack prints one.
func levelText(k *contract.KPI, th kpi.Thresholds, minimum, both bool) string {
	one := func(v decimal.Decimal, b kpi.Bound) string {
		s := k.Direction.Operator(b) + " " + kpi.FormatValue(v)
		if k.Unit == kpi.Percent {
			s += "%"
		}
		return s
	}
	if minimum {
		return one(th.MSL, th.MSLBound)
	}
	if both {
		return one(th.TSL, th.TSLBound) + " / " + one(th.MSL, th.MSLBound)
	}
	return one(th.TSL, th.TSLBound)
}

// levelProblem says how the printed target t differs from the contract's
// thresholds th, or "".
func levelProblem(k *contract.KPI, th kpi.Thresholds, t pack.Target, minimum bool) string {
	want, bound := th.TSL, th.TSLBound
	if minimum {
		want, bound = th.MSL, th.MSLBound
	}
	var probs []string
	switch {
	case t.Relative != 0:
		return fmt.Sprintf("printed as %s, a relative target", t.Relative)
	case !t.Set:
		return "printed as N/A"
	case !t.Value.Equal(want):
		probs = append(probs, fmt.Sprintf("printed as %s", kpi.FormatValue(t.Value)))
	}
	if t.Percent && k.Unit != kpi.Percent {
		probs = append(probs, fmt.Sprintf("a %% sign on a %s", k.Unit))
	}
	if t.Direction != 0 && t.Direction != k.Direction {
		probs = append(probs, fmt.Sprintf("the operator says %s, the contract %s", t.Direction, k.Direction))
	} else if t.Direction != 0 && t.Bound != bound {
		probs = append(probs, fmt.Sprintf("the operator %s is %s, the contract's bound %s", t.Direction.Operator(t.Bound), t.Bound, bound))
	}
	if t.Minimum != nil && !minimum {
		if p := levelProblem(k, th, *t.Minimum, true); p != "" {
			probs = append(probs, "minimum "+p)
		}
	}
	return strings.Join(probs, "; ")
}

// rawStatus applies the contract's absence rule to a classification, as
// the evaluation does for a cell's raw status.
func (m *model) rawStatus(k *contract.KPI, r kpi.Result) kpi.Status {
	raw := r.Status
	switch r.Absent {
	case kpi.Missing:
		raw = m.c.Absences.Missing
	case kpi.Unavailable:
		raw = m.c.Absences.Unavailable
		if k.Unavailable != 0 {
			raw = k.Unavailable
		}
	}
	if k.Kind == kpi.Figure && raw == kpi.Red {
		raw = kpi.Unmeasured
	}
	return raw
}

// measurementOf reads a printed value or absence as a measurement.
func measurementOf(id, org string, mo kpi.Month, c *pack.Cell) (kpi.Measurement, bool) {
	meas := kpi.Measurement{KPI: id, Org: org, Month: mo}
	switch c.Kind {
	case pack.Number:
		meas.Value = c.Value
	case pack.Absent:
		meas.Absent = c.Absence
	default:
		return meas, false
	}
	return meas, true
}

// rags checks every printed RAG of a KPI against the contract's
// classification of the month: of the value the pack prints for the same
// KPI, organisation and month, or, when it prints none, of the
// measurement, as the evaluation's raw status.
func (m *model) rags() {
	m.eachCell(func(_ *tview, s *series) bool { return s.kind == kpiSeries }, func(r ref, s *series) {
		if r.cell().Kind == pack.RAG {
			m.rag(r, s.def)
		}
	})
}

// eachCell calls visit with every cell, in period order, of each series
// keep accepts, table by table in the pack's order and series by series.
func (m *model) eachCell(keep func(tv *tview, s *series) bool, visit func(r ref, s *series)) {
	for _, tv := range m.tables {
		for si := range tv.series {
			if s := &tv.series[si]; keep(tv, s) {
				for pi := range tv.t.Periods {
					visit(ref{tv, si, pi}, s)
				}
			}
		}
	}
}

func (m *model) rag(r ref, k *contract.KPI) {
	f := m.finding(RAGCheck, r)
	printed := r.cell().Status
	switch {
	case k.Kind == kpi.Figure:
		f.Verdict, f.Reason = Disagrees, fmt.Sprintf("%s is a figure with no target to be rated against", k.ID)
		m.add(f)
		return
	case !r.isMonth():
		f.Verdict, f.Reason = Uncheckable, "no contract rule rates a total over months"
		m.add(f)
		return
	}
	mo := r.month()
	var want kpi.Status
	if v, ok := m.lookup(r.tv.org, k.ID, mo); ok {
		meas, ok := measurementOf(k.ID, r.tv.org, mo, v.cell())
		if !ok {
			f.Verdict, f.Reason, f.Inputs = Uncheckable, "the value printed beside it cannot be read", []pack.Pos{v.cell().Pos}
			m.add(f)
			return
		}
		f.Inputs = append(f.Inputs, v.cell().Pos)
		var res kpi.Result
		if k.Relative != 0 {
			base := kpi.Measurement{}
			if b, ok := m.lookup(r.tv.org, k.ID, k.Relative.Baseline(mo)); ok {
				if bm, ok := measurementOf(k.ID, r.tv.org, b.month(), b.cell()); ok {
					base = bm
					f.Inputs = append(f.Inputs, b.cell().Pos)
				}
			}
			res = kpi.ClassifyAgainst(k.Definition, meas, base)
		} else {
			res = kpi.Classify(k.Definition, meas)
		}
		want = m.rawStatus(k, res)
		f.Reason = "the printed value " + v.cell().Text + ": " + res.Reason()
		if res.ByVolume && res.Status == kpi.Unmeasured {
			// A small-volume rule judges by counts a printed value lacks:
			// the evaluation of a measurement with counts judges instead.
			given, counted := m.meas[key{r.tv.org, k.ID, mo}]
			cell, ok := m.cellOf[key{r.tv.org, k.ID, mo}]
			if m.res == nil || !ok || !counted || !given.HasCounts {
				f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("the printed value %s has no counts, and %s's small-volume rule (%s) judges a month by them", v.cell().Text, k.ID, res.Thresholds.SmallVolume)
				m.add(f)
				return
			}
			want = cell.Raw
			f.Reason = "the measurement (the printed value has no counts, which the small-volume rule judges by): " + cell.Reason()
		}
	} else if m.res != nil {
		cell, ok := m.cellOf[key{r.tv.org, k.ID, mo}]
		if !ok {
			f.Verdict, f.Reason = Uncheckable, "no value printed for it, and the evaluation has no such cell"
			m.add(f)
			return
		}
		want = cell.Raw
		f.Reason = "the measurement: " + cell.Reason()
	} else {
		f.Verdict, f.Reason = Uncheckable, "no value printed for it, and no measurements given"
		m.add(f)
		return
	}
	f.Recomputed = want.String()
	f.Verdict = Agrees
	if want != printed {
		f.Verdict = Disagrees
	}
	m.add(f)
}

// values checks every printed value and absence of a KPI against the
// measurement supplied for it, when measurements are given: the
// measurement rounded to the printed places by the KPI's rounding must
// be the printed value.
func (m *model) values() {
	if len(m.meas) == 0 {
		return
	}
	m.eachCell(func(tv *tview, s *series) bool { return tv.org != "" && s.kind == kpiSeries && !s.repeated }, func(r ref, s *series) {
		if r.isMonth() && (r.number() || r.cell().Kind == pack.Absent) {
			m.value(r, s.def)
		}
	})
}

func (m *model) value(r ref, k *contract.KPI) {
	f := m.finding(ValueCheck, r)
	c, mo := r.cell(), r.month()
	from, to := m.c.Window(k)
	if r.tv.org == contract.Combined {
		cell, ok := m.cellOf[key{contract.Combined, k.ID, mo}]
		if !ok {
			return // not combined, or not evaluated: the combined check judges it
		}
		m.judgeValue(f, k, c, kpi.Measurement{Value: cell.Measured.Value, Absent: cell.Measured.Absent}, "the combined value we compute")
		return
	}
	meas, ok := m.meas[key{r.tv.org, k.ID, mo}]
	switch {
	case ok:
		m.judgeValue(f, k, c, meas, "the measurement")
	case mo.Before(from) || mo.After(to):
		if c.Kind == pack.Number {
			f.Verdict, f.Reason = Disagrees, fmt.Sprintf("a value printed for a month %s is not in force (%s to %s)", k.ID, from.Pack(), to.Pack())
			m.add(f)
		}
	case len(k.Pooled) > 0:
		// the overall check judges a pooled figure
	default:
		f.Verdict, f.Reason = Uncheckable, "no measurement supplied for it"
		m.add(f)
	}
}

// judgeValue compares the printed cell c with meas.
func (m *model) judgeValue(f Finding, k *contract.KPI, c *pack.Cell, meas kpi.Measurement, what string) {
	switch {
	case meas.Absent != 0 && c.Kind == pack.Absent:
		f.Recomputed = meas.Absent.String()
		f.Verdict, f.Reason = Agrees, fmt.Sprintf("%s is %s", what, meas.Absent)
		if meas.Absent != c.Absence {
			f.Verdict, f.Reason = Disagrees, fmt.Sprintf("%s is %s, printed as %s", what, meas.Absent, c.Absence)
		}
	case meas.Absent != 0:
		f.Recomputed = meas.Absent.String()
		f.Verdict, f.Reason = Disagrees, fmt.Sprintf("%s is %s, but a value is printed", what, meas.Absent)
	case c.Kind == pack.Absent:
		f.Recomputed = kpi.FormatValue(meas.Value)
		f.Verdict, f.Reason = Disagrees, fmt.Sprintf("%s is %s, printed as %s", what, kpi.FormatValue(meas.Value), c.Absence)
	default:
		p := kpi.Precision{Places: c.Places, Rounding: k.Precision.Rounding}
		want, value, text := p.Apply(meas.Value), meas.Value, kpi.FormatValue(meas.Value)
		if meas.FromCounts {
			num := meas.Numerator
			if k.Unit == kpi.Percent {
				num = num.Shift(2)
			}
			want, _ = p.Quotient(num, meas.Denominator)
			value = quotient(num, meas.Denominator, c.Places+4)
			text = fmt.Sprintf("%s/%s", kpi.FormatValue(meas.Numerator), kpi.FormatValue(meas.Denominator))
			if k.Unit == kpi.Percent {
				text = "100 x " + text
			}
		}
		f.Recomputed = fixed(want, c.Places)
		f.Numeric, f.Difference, f.Tolerance = true, c.Value.Sub(value), maxError(c.Places, k.Precision.Rounding)
		f.Verdict = Agrees
		if !want.Equal(c.Value) {
			f.Verdict = Disagrees
		}
		f.Reason = fmt.Sprintf("%s %s rounds to %s (%s)", what, text, f.Recomputed, p)
	}
	m.add(f)
}

// boards checks every printed board count against the engine's count of
// the month: for the table's organisation, or for the contract as a whole
// when the table has none.
func (m *model) boards() {
	m.eachCell(func(_ *tview, s *series) bool { return s.kind == boardSeries && !s.repeated }, func(r ref, s *series) {
		if r.isMonth() && r.number() {
			m.board(r, s.board)
		}
	})
}

func (m *model) board(r ref, b BoardCount) {
	f := m.finding(BoardCheck, r)
	mo := r.month()
	switch {
	case m.res == nil:
		f.Verdict, f.Reason = Uncheckable, "the engine's count needs the measurements"
		m.add(f)
		return
	case r.tv.org == contract.Combined:
		f.Verdict, f.Reason = Uncheckable, "the shared service's combined cells are not counted on the board"
		m.add(f)
		return
	}
	sum, ok := m.summ[key{org: r.tv.org, month: mo}]
	if !ok {
		f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("%s is not among the months evaluated", mo.Pack())
		m.add(f)
		return
	}
	n := b.count(sum)
	f.Recomputed = fmt.Sprint(n)
	f.Numeric, f.Difference = true, r.cell().Value.Sub(decimalInt(n))
	who := "the contract"
	if r.tv.org != "" {
		who = r.tv.org
	}
	f.Reason = fmt.Sprintf("the engine counts %s's credit-bearing KPIs in %s by raw status: %d green, %d amber, %d red, %d unmeasured, %d in force, %d mitigated",
		who, mo.Pack(), sum.TSL, sum.MSL, sum.BelowMSL, sum.Unmeasured, sum.Total, sum.Mitigated)
	f.Verdict = Agrees
	if f.Difference.Sign() != 0 {
		f.Verdict = Disagrees
	}
	m.add(f)
}

func decimalInt(n int) decimal.Decimal { return decimal.NewFromInt(int64(n)) }
