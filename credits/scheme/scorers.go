package scheme

import (
	"fmt"
	"slices"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/exact"
	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// StatusScore scores a KPI-month by its status alone: Amber points for an
// Amber month, Red points for a Red one.
//
// A KPI whose TSL equals its MSL (both inclusive, or the MSL strict) has
// no Amber months: a value meets both levels or neither. Its contract
// names no Amber score, and NoAmber says so: Amber is then zero, and an
// Amber month (which only a mitigation deeming it Amber, or thresholds
// that leave room for an Amber, can give) stops the evaluation with an
// error naming the KPI and month, never a silent score.
//
// The zero StatusScore scores nothing.
type StatusScore struct {
	Amber   decimal.Decimal // the score of an Amber month, 0 or more, not above Red; zero with NoAmber
	Red     decimal.Decimal // the score of a Red month, 0 or more
	NoAmber bool            // the KPIs scored have no Amber months (TSL equals MSL): there is no Amber score

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (s StatusScore) problems() []problems.Problem {
	var out []problems.Problem
	if s.Amber.Sign() < 0 {
		out = append(out, problems.Newf("Amber", "", "amber score %s is negative", kpi.FormatValue(s.Amber)))
	}
	if s.Red.Sign() < 0 {
		out = append(out, problems.Newf("Red", "", "red score %s is negative", kpi.FormatValue(s.Red)))
	}
	if fixed.Compare(s.Amber, s.Red) > 0 {
		out = append(out, problems.Newf("Amber", "", "amber score %s above red score %s", kpi.FormatValue(s.Amber), kpi.FormatValue(s.Red)))
	}
	if s.NoAmber && !s.Amber.IsZero() {
		out = append(out, problems.Newf("Amber", "", "amber score %s given with no amber", kpi.FormatValue(s.Amber)))
	}
	return out
}

func (s StatusScore) score(o credits.Outcome, why []byte) (scored, []byte, error) {
	if o.Status == kpi.Amber && s.NoAmber {
		return scored{}, why, outcomeError(o, 0, "", credits.ErrInvalidRules, "amber, but its status score has no amber score (want one, or thresholds with no amber: tsl equal to msl)")
	}
	if o.Status == kpi.Amber {
		return scored{score: s.Amber}, fixed.AppendValue(append(why, "amber scores "...), s.Amber), nil
	}
	return scored{score: s.Red}, fixed.AppendValue(append(why, "red scores "...), s.Red), nil
}

// Band is one row of a band table: the values from Min to Max, each bound
// in the band (kpi.Inclusive, the zero Bound) or not (kpi.Strict), and the
// score a value in the band gives. A nil Min (Max) leaves the band
// unbounded below (above), and its edge must then be zero.
type Band struct {
	Name     string           // such as "minor"; unique in its table
	Min      *decimal.Decimal // the lower bound; nil: none
	MinEdge  kpi.Bound        // whether Min is in the band: kpi.Inclusive (zero) or kpi.Strict; zero when Min is nil
	Max      *decimal.Decimal // the upper bound; nil: none
	MaxEdge  kpi.Bound        // whether Max is in the band: kpi.Inclusive (zero) or kpi.Strict; zero when Max is nil
	Points   decimal.Decimal  // the score of a value in the band, 0 or more
	Material bool             // a value in the band is a Material failure (such as Serious, Severe, below the service threshold)

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// contains reports whether v lies in the band.
func (b Band) contains(v decimal.Decimal) bool {
	if b.Min != nil {
		if c := fixed.Compare(v, *b.Min); c < 0 || (c == 0 && b.MinEdge == kpi.Strict) {
			return false
		}
	}
	if b.Max != nil {
		if c := fixed.Compare(v, *b.Max); c > 0 || (c == 0 && b.MaxEdge == kpi.Strict) {
			return false
		}
	}
	return true
}

// String describes the band's values, such as "[98.0, 98.9]", "[99, ∞)" or
// "(-∞, 96)".
func (b Band) String() string { return string(b.appendTo(nil)) }

// appendTo appends what String returns.
func (b Band) appendTo(out []byte) []byte {
	switch {
	case b.Min == nil:
		out = append(out, "(-∞"...)
	case b.MinEdge == kpi.Inclusive:
		out = fixed.AppendValue(append(out, '['), *b.Min)
	default:
		out = fixed.AppendValue(append(out, '('), *b.Min)
	}
	out = append(out, ", "...)
	switch {
	case b.Max == nil:
		return append(out, "∞)"...)
	case b.MaxEdge == kpi.Inclusive:
		return append(fixed.AppendValue(out, *b.Max), ']')
	}
	return append(fixed.AppendValue(out, *b.Max), ')')
}

// appendScores appends " in band NAME [lo, hi] scores POINTS", which ends
// the scoring of a value or shortfall in band b.
func (b Band) appendScores(out []byte) []byte {
	out = append(append(out, " in band "...), b.Name...)
	out = b.appendTo(append(out, ' '))
	return fixed.AppendValue(append(out, " scores "...), b.Points)
}

// Bands scores a failed KPI-month by the band its value falls in, as the
// UK Model Services Agreement's Schedule 2.2 does (Minor, Serious, Severe,
// below the KPI Service Threshold). The bands must cover every value
// exactly once, and a worse value (by Direction) may never score less than
// a better one. With Value TableRounded the value is first rounded to
// Precision, and a gap between bands that holds no value of that
// precision ("98.0 - 98.9" then "99 or more", at one place) is no gap.
//
// The zero Bands is invalid: it has no bands, direction or value basis.
type Bands struct {
	Direction kpi.Direction // which way is better; must match the KPI's
	Value     ValueBasis    // which value is scored
	Precision kpi.Precision // with Value TableRounded: the table's precision; zero otherwise
	Bands     []Band        // any order

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (b Bands) value(o credits.Outcome) decimal.Decimal { return basisValue(b.Value, b.Precision, o) }

func basisValue(basis ValueBasis, p kpi.Precision, o credits.Outcome) decimal.Decimal {
	switch basis {
	case KPIRounded:
		return o.Result().Rounded
	case TableRounded:
		return o.Result().At(p)
	}
	// As measured. A value derived from counts is its quotient to six places
	// beyond the KPI's precision, truncated, as its reason shows it.
	return o.Result().Value
}

func basisProblems(basis ValueBasis, p kpi.Precision) []problems.Problem {
	var out []problems.Problem
	if !basisWords.Valid(basis) {
		out = append(out, problems.Newf("Value", "", "value basis not set (want one of %s)", basisWords.Join()))
	}
	switch {
	case basis == TableRounded && (p.Places < 0 || p.Places > 10):
		out = append(out, problems.Newf("Precision", "", "precision: places %d outside 0..10", p.Places))
	case basis == TableRounded && (p.Rounding < kpi.HalfUp || p.Rounding > kpi.Floor):
		out = append(out, problems.Newf("Precision", "", "precision: rounding not set (want one of half-up, half-even, up, down, ceiling, floor)"))
	case basis != TableRounded && p != (kpi.Precision{}):
		out = append(out, problems.Newf("Precision", "", "precision %s set but the value basis is %s, not table-rounded", p, basis))
	}
	return out
}

func directionProblems(d kpi.Direction) []problems.Problem {
	if d != kpi.HigherIsBetter && d != kpi.LowerIsBetter {
		return []problems.Problem{problems.Newf("Direction", "", "direction not set (want one of higher-is-better, lower-is-better)")}
	}
	return nil
}

// problems reports every problem with the table: its settings, each band,
// and every gap, overlap and inversion between bands, naming the bands and
// values at fault.
func (b Bands) problems() []problems.Problem {
	return append(directionProblems(b.Direction), b.table(false)...)
}

// bandName names band i of bands in messages: by its name, or its
// 1-based position when it has none.
func bandName(bands []Band, i int) string {
	if bands[i].Name == "" {
		return fmt.Sprintf("band %d", i+1)
	}
	return fmt.Sprintf("band %q", bands[i].Name)
}

// table reports every problem with the table's value basis, its bands,
// and the gaps, overlaps and inversions between them. With fromZero the
// values to cover are 0 and above (shortfalls); otherwise every value.
// A problem with bands is placed at the first band it names.
func (b Bands) table(fromZero bool) []problems.Problem {
	out := basisProblems(b.Value, b.Precision)
	if len(b.Bands) == 0 {
		return append(out, problems.Newf("Bands", "", "no bands"))
	}
	at := func(i int) string { return fmt.Sprintf("Bands[%d]", i) }
	good := true
	for i, x := range b.Bands {
		switch {
		case x.Name == "":
			out = append(out, problems.Newf(at(i), "", "%s: name not set", bandName(b.Bands, i)))
		case slices.ContainsFunc(b.Bands[:i], func(y Band) bool { return y.Name == x.Name }):
			out = append(out, problems.Newf(at(i), "", "%s: named twice", bandName(b.Bands, i)))
		}
		if x.Points.Sign() < 0 {
			out = append(out, problems.Newf(at(i), "", "%s: %s points is negative", bandName(b.Bands, i), kpi.FormatValue(x.Points)))
		}
		for _, e := range []struct {
			side  string
			bound *decimal.Decimal
			edge  kpi.Bound
		}{{"min", x.Min, x.MinEdge}, {"max", x.Max, x.MaxEdge}} {
			switch {
			case e.edge > kpi.Strict:
				out = append(out, problems.Newf(at(i), "", "%s: %s edge %s unknown (want inclusive or strict)", bandName(b.Bands, i), e.side, e.edge))
				good = false
			case e.bound == nil && e.edge != kpi.Inclusive:
				out = append(out, problems.Newf(at(i), "", "%s: %s edge %s without a %s", bandName(b.Bands, i), e.side, e.edge, e.side))
				good = false
			}
		}
		if x.Min != nil && x.Max != nil {
			if c := fixed.Compare(*x.Min, *x.Max); c > 0 || (c == 0 && (x.MinEdge != kpi.Inclusive || x.MaxEdge != kpi.Inclusive)) {
				out = append(out, problems.Newf(at(i), "", "%s: %s holds no value", bandName(b.Bands, i), x))
				good = false
			}
		}
	}
	if !good {
		return out
	}
	// The bands' positions, in value order; a table seldom has more than
	// a few bands.
	var buf [8]int
	order := buf[:0]
	for i := range b.Bands {
		order = append(order, i)
	}
	slices.SortStableFunc(order, func(i, j int) int {
		p, q := b.Bands[i], b.Bands[j]
		switch {
		case p.Min == nil && q.Min == nil:
			return 0
		case p.Min == nil:
			return -1
		case q.Min == nil:
			return 1
		}
		if c := fixed.Compare(*p.Min, *q.Min); c != 0 {
			return c
		}
		return int(p.MinEdge) - int(q.MinEdge) // inclusive first
	})
	li := order[0]
	switch lo := b.Bands[li]; {
	case lo.Min == nil:
	case fromZero && (lo.Min.Sign() < 0 || (lo.Min.Sign() == 0 && lo.MinEdge == kpi.Inclusive)):
	case fromZero:
		out = append(out, problems.Newf(at(li), "", "no band for shortfalls from 0 to %s (band %q starts %s)", kpi.FormatValue(*lo.Min), lo.Name, lo))
	default:
		out = append(out, problems.Newf(at(li), "", "no band for values below %s (band %q starts %s)", kpi.FormatValue(*lo.Min), lo.Name, lo))
	}
	if hi := order[len(order)-1]; b.Bands[hi].Max != nil {
		x := b.Bands[hi]
		out = append(out, problems.Newf(at(hi), "", "no band for values above %s (band %q is %s)", kpi.FormatValue(*x.Max), x.Name, x))
	}
	for k := 1; k < len(order); k++ {
		pi, qi := order[k-1], order[k]
		p, q := b.Bands[pi], b.Bands[qi]
		if msg := b.join(p, q); msg != "" {
			out = append(out, problems.Newf(at(pi), "", "%s", msg))
		}
		bi, wi := qi, pi // higher values are better
		if b.Direction == kpi.LowerIsBetter {
			bi, wi = pi, qi
		}
		better, worse := b.Bands[bi], b.Bands[wi]
		if fixed.Compare(better.Points, worse.Points) > 0 {
			out = append(out, problems.Newf(at(bi), "", "band %q %s scores %s, more than worse band %q %s with %s",
				better.Name, better, kpi.FormatValue(better.Points), worse.Name, worse, kpi.FormatValue(worse.Points)))
		}
	}
	return out
}

// join describes the gap or overlap between band p and the next band q in
// value order; "" when q starts exactly where p ends.
func (b Bands) join(p, q Band) string {
	where := func() string { return fmt.Sprintf("bands %q %s and %q %s", p.Name, p, q.Name, q) } // written only for a problem
	if p.Max == nil {
		return where() + " overlap"
	}
	if q.Min == nil {
		return where() + " overlap" // unreachable after sorting, unless two open below
	}
	switch c := fixed.Compare(*p.Max, *q.Min); {
	case c > 0:
		return fmt.Sprintf("%s overlap from %s to %s", where(), kpi.FormatValue(*q.Min), kpi.FormatValue(*p.Max))
	case c == 0 && p.MaxEdge == kpi.Inclusive && q.MinEdge == kpi.Inclusive:
		return fmt.Sprintf("%s both claim %s", where(), kpi.FormatValue(*q.Min))
	case c == 0 && p.MaxEdge == kpi.Strict && q.MinEdge == kpi.Strict:
		return fmt.Sprintf("%s leave %s in neither", where(), kpi.FormatValue(*q.Min))
	case c == 0:
		return ""
	}
	// p ends below q's start: a gap, unless rounding to the table's
	// precision leaves no value in it.
	if b.Value == TableRounded && b.Precision.Places >= 0 && b.Precision.Places <= 10 {
		places := b.Precision.Places
		// The first value of that precision past p, at that precision:
		// p's max rounded up to it (rescaled to it, when it has fewer
		// places), and one step more when p holds it.
		var next fixed.Num
		if up, ok := fixed.Round(*p.Max, places, fixed.Ceiling); ok {
			next = fixed.Of(up)
		} else if p.Max.Exponent() < -places {
			next = fixed.Of(p.Max.RoundCeil(places))
		} else {
			next = fixed.Of(*p.Max).Add(fixed.Int(0).Shift(-places))
		}
		if next.Cmp(fixed.Of(*p.Max)) == 0 && p.MaxEdge == kpi.Inclusive {
			next = next.Add(fixed.Int(1).Shift(-places))
		}
		if c := next.Cmp(fixed.Of(*q.Min)); c > 0 || (c == 0 && q.MinEdge == kpi.Inclusive) {
			return ""
		}
		return fmt.Sprintf("%s leave a gap from %s to %s (%s is in neither at %d places)", where(),
			kpi.FormatValue(*p.Max), kpi.FormatValue(*q.Min), string(next.AppendTo(nil)), places)
	}
	return fmt.Sprintf("%s leave a gap from %s to %s", where(), kpi.FormatValue(*p.Max), kpi.FormatValue(*q.Min))
}

func (b Bands) score(o credits.Outcome, why []byte) (scored, []byte, error) {
	if err := wrongDirection(&o, "bands are", b.Direction); err != nil {
		return scored{}, why, err
	}
	v := b.value(o)
	for _, x := range b.Bands {
		if x.contains(v) {
			why = x.appendScores(fixed.AppendValue(append(why, "value "...), v))
			return scored{score: x.Points, band: x.Name, material: x.Material}, why, nil
		}
	}
	return scored{}, why, outcomeError(o, 0, "", credits.ErrInvalidRules, "value %s in no band", kpi.FormatValue(v))
}

// Shortfall scores a failed KPI-month by how far its value falls short of
// Target, as Crown Commercial call-off contracts do: score = Rate x
// shortfall, where the shortfall is Target - value (higher is better) or
// value - Target (lower is better), in the KPI's units (percentage
// points), never below zero. With a Step, the shortfall is first floored
// to whole steps ("each full 1%": Step 1; "every whole 0.1 point": Step
// 0.1). With Value TableRounded the value is first rounded to Precision.
// With Price PercentOfCharges the score is a percentage of the charges.
//
// The zero Shortfall is invalid: its rate is not positive.
type Shortfall struct {
	Direction kpi.Direction   // which way is better; must match the KPI's
	Target    decimal.Decimal // the level the shortfall is measured from
	Rate      decimal.Decimal // the score per unit of shortfall, above 0
	Step      decimal.Decimal // 0: no flooring; else the shortfall is floored to whole Steps
	Value     ValueBasis      // which value is scored
	Precision kpi.Precision   // with Value TableRounded: the precision; zero otherwise

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (s Shortfall) problems() []problems.Problem {
	out := append(directionProblems(s.Direction), basisProblems(s.Value, s.Precision)...)
	if s.Rate.Sign() <= 0 {
		out = append(out, problems.Newf("Rate", "", "rate %s is not positive", kpi.FormatValue(s.Rate)))
	}
	if s.Step.Sign() < 0 {
		out = append(out, problems.Newf("Step", "", "step %s is negative", kpi.FormatValue(s.Step)))
	}
	return out
}

func (s Shortfall) score(o credits.Outcome, why []byte) (scored, []byte, error) {
	short, why, err := s.shortfall(o, "shortfall is", why)
	if err != nil {
		return scored{}, why, err
	}
	if s.Step.Sign() > 0 {
		step := fixed.Of(s.Step)
		steps := short.Quo(step, 0)
		short = steps.Mul(step)
		why = steps.AppendTo(append(why, ", "...))
		why = fixed.AppendValue(append(why, " whole steps of "...), s.Step)
		why = short.AppendTo(append(why, " = "...))
	}
	score := fixed.Of(s.Rate).Mul(short)
	why = fixed.AppendValue(append(why, " x rate "...), s.Rate)
	why = score.AppendTo(append(why, " scores "...))
	return scored{score: score.Decimal()}, why, nil
}

// shortfall checks that o's KPI is better in s's direction (what names
// the part in the message), and returns how far o's value, read as s's
// value basis says, falls short of s's target, appending the arithmetic
// to why as appendShortfall does. Its Rate and Step play no part.
func (s Shortfall) shortfall(o credits.Outcome, what string, why []byte) (fixed.Num, []byte, error) {
	if err := wrongDirection(&o, what, s.Direction); err != nil {
		return fixed.Num{}, why, err
	}
	short, why := appendShortfall(why, s.Direction, s.Target, basisValue(s.Value, s.Precision, o))
	return short, why, nil
}

// appendShortfall returns how far v falls short of target in direction
// dir, never below zero, and appends the arithmetic: "shortfall 99 - 97.5
// = 1.5", or "shortfall 3.5 - 5 = -1.5, none" for a value better than the
// target.
func appendShortfall(why []byte, dir kpi.Direction, target, v decimal.Decimal) (fixed.Num, []byte) {
	t, x := fixed.Of(target), fixed.Of(v)
	short := t.Sub(x)
	if dir == kpi.LowerIsBetter {
		short = short.Neg()
		t, x = x, t
	}
	why = t.AppendTo(append(why, "shortfall "...))
	why = x.AppendTo(append(why, " - "...))
	why = short.AppendTo(append(why, " = "...))
	if short.Sign() < 0 {
		short = fixed.Num{}
		why = append(why, ", none"...)
	}
	return short, why
}

// Allocation scores a failed KPI-month with its share of an at-risk pool,
// as US state outsourcing contracts do: the pool is AtRisk per cent of the
// month's invoice, the KPI's Category gets CategoryShare per cent of it,
// and the KPI KPIShare per cent of that:
//
//	score = AtRisk x CategoryShare/100 x KPIShare/100 (per cent of charges)
//
// so with Price PercentOfCharges an invoice of 100,000 with 10% at risk,
// a category of 50% and a KPI of 40% costs 2,000. Across a Scheme every
// Allocation names the same AtRisk, a category always has the same
// CategoryShare, the categories' shares add up to at most 100, and within
// a category the KPIs' shares add up to at most 100. A monthly cap of
// AtRisk per cent (credits.Caps.Month) keeps a month within the pool when
// escalation multiplies a score.
//
// The zero Allocation is invalid: it names no category.
type Allocation struct {
	AtRisk        decimal.Decimal // per cent of the month's invoice at risk, above 0, at most 100
	Category      string          // the category's name
	CategoryShare decimal.Decimal // per cent of the pool the category gets, 0 to 100
	KPIShare      decimal.Decimal // per cent of the category's share each of the Score's KPIs gets, 0 to 100

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (a Allocation) problems() []problems.Problem {
	var out []problems.Problem
	if a.Category == "" {
		out = append(out, problems.Newf("Category", "", "category not set"))
	}
	if a.AtRisk.Sign() <= 0 || fixed.Compare(a.AtRisk, hundred) > 0 {
		out = append(out, problems.Newf("AtRisk", "", "at risk %s%% outside (0, 100]", kpi.FormatValue(a.AtRisk)))
	}
	for _, f := range []struct {
		path, name string
		v          decimal.Decimal
	}{{"CategoryShare", "category share", a.CategoryShare}, {"KPIShare", "kpi share", a.KPIShare}} {
		if f.v.Sign() < 0 || fixed.Compare(f.v, hundred) > 0 {
			out = append(out, problems.Newf(f.path, "", "%s %s%% outside 0..100", f.name, kpi.FormatValue(f.v)))
		}
	}
	return out
}

func (a Allocation) score(_ credits.Outcome, why []byte) (scored, []byte, error) {
	score := exact.Trim(a.AtRisk.Mul(a.CategoryShare).Mul(a.KPIShare).Shift(-4))
	return scored{score: score}, fmt.Appendf(why, "at risk %s%% x category %s %s%% x kpi %s%% scores %s",
		kpi.FormatValue(a.AtRisk), a.Category, kpi.FormatValue(a.CategoryShare), kpi.FormatValue(a.KPIShare), kpi.FormatValue(score)), nil
}

// scored is what a scoring part makes of one failed KPI-month; the part
// appends the arithmetic, in words, to the text it is given.
type scored struct {
	score    decimal.Decimal // 0 or more; the numerator when den is set
	den      decimal.Decimal // the score's denominator, above 0 (a Deduction's); zero: 1
	band     string          // the band, for Bands
	material bool            // the band is a Material failure
}
