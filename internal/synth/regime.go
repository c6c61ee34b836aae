package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Regime is the credit regime of a generated contract. The zero Regime is
// Points, the regime Generate has always made, so a Shape that names no
// Regime generates what it always has.
type Regime uint8

// The regimes. Each Scheme regime scores every credit-bearing KPI with its
// one part, a Score for each unit and direction of KPI, and draws its
// price, escalation, caps, triggers, critical rule and incident rule.
const (
	Points         Regime = iota // credits.Points, with a monthly and an annual cap
	None                         // credits.None: no service credits
	StatusScore                  // a scheme.Scheme scoring by status (scheme.StatusScore)
	Bands                        // a scheme.Scheme scoring by the band of the value, its worse bands material (scheme.Bands)
	Shortfall                    // a scheme.Scheme scoring by the shortfall below the target (scheme.Shortfall)
	ShortfallBands               // a scheme.Scheme scoring by the band of the shortfall, a per cent of the charges (scheme.ShortfallBands)
	Deduction                    // a scheme.Scheme scoring by a performance-percentage deduction (scheme.Deduction)
	Allocation                   // a scheme.Scheme scoring by shares of an at-risk pool (scheme.Allocation)
	Pool                         // credits.Pool: an at-risk pool allocated at 100 to 300 per cent, the month capped at the at-risk amount
	// Mixed is a portfolio of every regime: contract n uses regime n mod
	// len(Regimes()). It is not one of Regimes.
	Mixed
)

// Regimes returns every regime Generate makes, in order, Points first. It
// leaves out Mixed, which is a mixture of them.
func Regimes() []Regime {
	return []Regime{Points, None, StatusScore, Bands, Shortfall, ShortfallBands, Deduction, Allocation, Pool}
}

// String returns the regime's name in lower-case kebab words: "points",
// "shortfall-bands", "mixed".
func (g Regime) String() string {
	names := [...]string{"points", "none", "status", "bands", "shortfall", "shortfall-bands", "deduction", "allocation", "pool", "mixed"}
	if int(g) < len(names) {
		return names[g]
	}
	return fmt.Sprintf("regime(%d)", g)
}

// rounding returns one of the modes a generated contract rounds with.
func rounding(r *rand.Rand) kpi.Rounding {
	return []kpi.Rounding{kpi.HalfUp, kpi.HalfEven, kpi.Down}[r.IntN(3)]
}

// rules returns credit rules of regime g, not Points, for c. A scheme needs
// a credit-bearing KPI: when every indicator of c is a PI, the first
// becomes a KPI.
func rules(r *rand.Rand, c *contract.Contract, g Regime) credits.Rules {
	out := credits.Rules{Money: credits.Money{Places: 2, Rounding: rounding(r)}}
	if g == None {
		out.Regime = credits.None{}
		return out
	}
	if !slices.ContainsFunc(c.KPIs, func(k contract.KPI) bool { return k.Kind == kpi.KPI }) {
		c.KPIs[0].Kind = kpi.KPI
	}
	fams := families(c)
	if g == Pool {
		return poolRules(r, c, fams, out)
	}
	basis := scheme.PercentOfCharges // the only price of shortfall bands and allocations
	if g != ShortfallBands && g != Allocation {
		basis = scheme.PriceBasis(1 + r.IntN(3))
	}
	// unit is about the points one failed KPI-month scores, the scale of a
	// price's allowance, ratchets and table and of the points trigger.
	unit := decimal.New(2, 0)
	if g == Deduction {
		unit = decimal.New(5, -1)
	}
	atRisk := decimal.New(int64(5+r.IntN(11)), 0)
	s := scheme.Scheme{}
	for i, f := range fams {
		sc := scheme.Score{KPIs: f.ids}
		switch g {
		case Allocation:
			sc.Allocation = &scheme.Allocation{AtRisk: atRisk, Category: fmt.Sprintf("category %d", i+1),
				CategoryShare: decimal.New(int64(100/len(fams)), 0), KPIShare: decimal.New(int64(100/len(f.ids)), 0)}
		default:
			part(r, g, f.k, basis, &sc)
		}
		s.Scores = append(s.Scores, sc)
	}
	s.Price = price(r, basis, unit)
	if r.IntN(3) == 0 {
		s.Amber = scheme.AmberRule{Nth: 2 + r.IntN(2), Within: 3 + r.IntN(10)}
	}
	if r.IntN(3) == 0 {
		nth := 2 + r.IntN(2)
		mult := []decimal.Decimal{decimal.New(15, -1), decimal.New(2, 0)}[r.IntN(2)]
		s.Repeat = scheme.Repeat{Multiplier: mult, Nth: nth, Within: nth + r.IntN(3)}
	}
	if s.Amber != (scheme.AmberRule{}) || s.Repeat.Nth != 0 {
		s.Mitigated = scheme.Mitigated(1 + r.IntN(2))
	}
	out.Regime = s
	out.Caps = caps(r, c)
	if g == Allocation && r.IntN(2) == 0 {
		out.Caps.Month = &atRisk // keeps an escalated month within the pool
	}
	out.Triggers = triggers(r, g, out.Caps, unit)
	if r.IntN(4) == 0 {
		out.Critical = critical(r, c)
	}
	out.Incidents.Rule = credits.IncidentRule(r.IntN(4)) // zero: no rule, and no incidents named
	if len(c.Orgs) > 1 && r.IntN(3) == 0 {
		out.PerOrganisation = true // each organisation's allowance, ratchets and table
	}
	return out
}

// poolRules returns out with an at-risk pool over fams, one category per
// family: 5 to 15 per cent at risk, 100 to 300 per cent of it available
// for allocation and shared over the categories, each category's share
// over its KPIs in tenths of a per cent, every share above zero and the
// sums exact; only a red month costs, or now and then an amber month
// half. The month is capped at the at-risk amount, as a pool must be; the
// other caps, the triggers, the critical rule and the incident rule are
// drawn as for a scheme.
func poolRules(r *rand.Rand, c *contract.Contract, fams []family, out credits.Rules) credits.Rules {
	atRisk := decimal.New(int64(5+r.IntN(11)), 0)
	available := 100 + 10*r.IntN(21)
	p := credits.Pool{AtRisk: atRisk, Available: decimal.New(int64(available), 0), Amber: decimal.Zero, Red: decimal.New(1, 0)}
	if r.IntN(3) == 0 {
		p.Amber = decimal.New(5, -1)
	}
	cats := split(r, available, len(fams))
	for i, f := range fams {
		cat := credits.PoolCategory{Name: fmt.Sprintf("category %d", i+1), Share: decimal.New(int64(cats[i]), 0)}
		for j, share := range split(r, 1000, len(f.ids)) {
			cat.KPIs = append(cat.KPIs, credits.PoolKPI{KPI: f.ids[j], Share: decimal.New(int64(share), -1)})
		}
		p.Categories = append(p.Categories, cat)
	}
	out.Regime = p
	out.Caps = caps(r, c)
	out.Caps.Month = &atRisk
	out.Triggers = triggers(r, Pool, out.Caps, decimal.New(int64(2), 0))
	if r.IntN(4) == 0 {
		out.Critical = critical(r, c)
	}
	out.Incidents.Rule = credits.IncidentRule(r.IntN(4))
	return out
}

// split returns n whole numbers, each at least 1, that add up to whole
// (at least n).
func split(r *rand.Rand, whole, n int) []int {
	out := make([]int, n)
	left := whole
	for i := range n - 1 {
		out[i] = 1 + r.IntN(max(1, 2*(left-(n-1-i))/(n-i)))
		out[i] = min(out[i], left-(n-1-i))
		left -= out[i]
	}
	out[n-1] = left
	return out
}

// family is the credit-bearing KPIs of one unit and direction. Generate
// gives them the same base thresholds and precision places, so one score
// serves them all.
type family struct {
	ids []string
	k   *contract.KPI // the first of them
}

// families returns c's credit-bearing KPIs by unit and direction, in the
// order each first appears.
func families(c *contract.Contract) []family {
	var out []family
	for i := range c.KPIs {
		k := &c.KPIs[i]
		if k.Kind != kpi.KPI {
			continue
		}
		j := slices.IndexFunc(out, func(f family) bool { return f.k.Unit == k.Unit && f.k.Direction == k.Direction })
		if j < 0 {
			out, j = append(out, family{k: k}), len(out)
		}
		out[j].ids = append(out[j].ids, k.ID)
	}
	return out
}

// part sets sc's scoring part for regime g, a scheme regime other than
// Allocation, from the base thresholds of k, the first of sc's KPIs.
// Priced as a per cent of the charges, a score is in tenths of a per cent;
// otherwise in points.
func part(r *rand.Rand, g Regime, k *contract.KPI, basis scheme.PriceBasis, sc *scheme.Score) {
	dir, tsl, msl := k.Direction, k.Schedule.Base.TSL, k.Schedule.Base.MSL
	gap := tsl.Sub(msl).Abs()
	worse := func(d decimal.Decimal) decimal.Decimal { // d beyond the msl, away from the tsl
		if dir == kpi.HigherIsBetter {
			return msl.Sub(d)
		}
		return msl.Add(d)
	}
	exp := int32(0)
	if basis == scheme.PercentOfCharges {
		exp = -1
	}
	value := scheme.ValueBasis(1 + r.IntN(3))
	var prec kpi.Precision
	var step decimal.Decimal // the table's precision, for its inclusive bounds; zero without one
	if value == scheme.TableRounded {
		prec = kpi.Precision{Places: k.Precision.Places, Rounding: rounding(r)}
		step = decimal.New(1, -prec.Places)
	}
	if (g == Shortfall || g == Deduction) && dir == kpi.LowerIsBetter && k.Unit != kpi.Percent {
		// A lower-is-better count has no worst value, so neither part could
		// score its missing months (see scheme.Scheme): it scores statuses.
		g = StatusScore
	}
	switch g {
	case StatusScore:
		amber := int64(1 + r.IntN(5))
		sc.Status = &scheme.StatusScore{Amber: decimal.New(amber, exp), Red: decimal.New(amber+int64(r.IntN(10)), exp)}
	case Bands:
		m := int64(1 + r.IntN(3))
		best := []bandSpec{{"target", decimal.Zero, false}, {"minor", decimal.New(m, exp), false},
			{"serious", decimal.New(2*m, exp), true}, {"severe", decimal.New(4*m, exp), true}}
		cuts := []decimal.Decimal{tsl, msl, worse(gap)} // from the best
		if dir == kpi.HigherIsBetter {
			slices.Reverse(best)
			slices.Reverse(cuts)
		}
		sc.Bands = &scheme.Bands{Direction: dir, Value: value, Precision: prec,
			Bands: bandTable(nil, cuts, dir == kpi.HigherIsBetter, step, best)}
	case Shortfall:
		var stepBy decimal.Decimal
		switch r.IntN(3) {
		case 1:
			stepBy = decimal.New(1, -k.Precision.Places)
		case 2:
			stepBy = decimal.New(1, 0)
		}
		sc.Shortfall = &scheme.Shortfall{Direction: dir, Target: tsl, Rate: decimal.New(int64(1+r.IntN(3)), exp),
			Step: stepBy, Value: value, Precision: prec}
	case ShortfallBands:
		pct := int64(1 + r.IntN(5))
		zero := decimal.Zero
		sc.ShortfallBands = &scheme.ShortfallBands{Direction: dir, Target: tsl, Value: value, Precision: prec,
			Bands: bandTable(&zero, []decimal.Decimal{gap, gap.Add(gap)}, false, step, []bandSpec{
				{"slight", decimal.New(pct, -1), false}, {"marked", decimal.New(2*pct, -1), false}, {"severe", decimal.New(5*pct, -1), true}})}
	case Deduction:
		required := tsl // the performance required
		if dir == kpi.LowerIsBetter {
			required = decimal.New(100, 0).Sub(tsl) // the failures allowed are the tsl
		}
		sc.Deduction = &scheme.Deduction{Direction: dir, Required: required, Available: decimal.New(int64(5+r.IntN(16)), 0),
			Value: value, Precision: prec}
	}
}

// bandSpec is a band of a generated table before its bounds are set.
type bandSpec struct {
	name     string
	points   decimal.Decimal
	material bool
}

// bandTable returns the bands of specs over ascending values cut at cuts,
// ascending: specs[i] holds the values from cuts[i-1] to cuts[i], the
// first from lo (nil: unbounded below, else inclusive), the last
// unbounded above. A value at a cut falls in the band above it when up
// (meeting a level), else in the band below. With step non-zero, the
// table's precision, a bound a band does not hold becomes the nearest
// value of that precision it does, inclusive, as a contract writes
// "98.0 - 98.9".
func bandTable(lo *decimal.Decimal, cuts []decimal.Decimal, up bool, step decimal.Decimal, specs []bandSpec) []scheme.Band {
	out := make([]scheme.Band, len(specs))
	for i, sp := range specs {
		b := scheme.Band{Name: sp.name, Points: sp.points, Material: sp.material}
		if i == 0 && lo != nil {
			from := *lo
			b.Min, b.MinEdge = &from, kpi.Inclusive
		}
		if i > 0 {
			from, edge := cuts[i-1], kpi.Inclusive
			if !up {
				edge = kpi.Strict
				if !step.IsZero() {
					from, edge = from.Add(step), kpi.Inclusive
				}
			}
			b.Min, b.MinEdge = &from, edge
		}
		if i < len(cuts) {
			to, edge := cuts[i], kpi.Inclusive
			if up {
				edge = kpi.Strict
				if !step.IsZero() {
					to, edge = to.Sub(step), kpi.Inclusive
				}
			}
			b.Max, b.MaxEdge = &to, edge
		}
		out[i] = b
	}
	return out
}

// price returns a price on basis for scores of about unit points a failed
// KPI-month: per point, now and then with a free allowance and ratchets;
// a points table; or a per cent of the charges.
func price(r *rand.Rand, basis scheme.PriceBasis, unit decimal.Decimal) scheme.Price {
	p := scheme.Price{Basis: basis}
	times := func(n int) decimal.Decimal { return unit.Mul(decimal.New(int64(n), 0)) }
	switch basis {
	case scheme.PerPoint:
		p.Value = decimal.New(int64(50+r.IntN(950)), 0)
		if r.IntN(2) == 0 {
			p.Allowance = times(1 + r.IntN(3))
		}
		if r.IntN(2) == 0 {
			p.Ratchet = []scheme.Ratchet{{Above: p.Allowance.Add(times(2)), Multiplier: decimal.New(12, -1)}}
			if r.IntN(2) == 0 {
				p.Ratchet = append(p.Ratchet, scheme.Ratchet{Above: p.Allowance.Add(times(5)), Multiplier: decimal.New(15, -1)})
			}
		}
	case scheme.PointsTable:
		pct := decimal.New(int64(1+r.IntN(5)), -1)
		for _, n := range []int{1, 3, 8} {
			p.Table = append(p.Table, scheme.TableRow{Points: times(n), Percent: pct})
			pct = pct.Add(decimal.New(int64(r.IntN(20)), -1))
		}
	}
	return p
}

// caps returns each of the four caps with a chance of one in three: a
// monthly, an annual and a rolling cap of 1 to 15 per cent, and a
// two-limb cap whose estimate is a year of the first charges.
func caps(r *rand.Rand, c *contract.Contract) credits.Caps {
	var out credits.Caps
	pct := func() decimal.Decimal { return decimal.New(int64(1+r.IntN(15)), 0) }
	if r.IntN(3) == 0 {
		m := pct()
		out.Month = &m
	}
	if r.IntN(3) == 0 {
		y := pct()
		out.Year = &y
	}
	if r.IntN(3) == 0 {
		w := pct()
		out.Rolling = &w
	}
	if r.IntN(3) == 0 {
		var first decimal.Decimal
		for _, ch := range c.Charges {
			if ch.From == c.Commencement {
				first = first.Add(ch.Amount)
			}
		}
		out.TwoLimb = &credits.TwoLimb{First: pct(), Estimate: first.Mul(decimal.New(12, 0)), Later: pct()}
	}
	return out
}

// triggers returns some of the triggers a scheme of regime g can have: on
// points in a window (of about unit points a failure), on consecutive
// failures, on failures in a window, on a cap being reached (with caps)
// and on a material failure (with material bands).
func triggers(r *rand.Rand, g Regime, cs credits.Caps, unit decimal.Decimal) []credits.Trigger {
	var out []credits.Trigger
	if r.IntN(3) == 0 {
		out = append(out, credits.Trigger{Name: "termination", Kind: credits.PointsInWindow,
			Points: unit.Mul(decimal.New(int64(5+r.IntN(20)), 0)), Months: 1 + r.IntN(12)})
	}
	if r.IntN(3) == 0 {
		out = append(out, credits.Trigger{Name: "escalation", Kind: credits.ConsecutiveFailures, Months: 2 + r.IntN(3)})
	}
	if r.IntN(3) == 0 {
		m := 3 + r.IntN(10)
		out = append(out, credits.Trigger{Name: "review", Kind: credits.FailuresInWindow, Months: m, Failures: 1 + r.IntN(m)})
	}
	if (cs.Month != nil || cs.Year != nil || cs.Rolling != nil || cs.TwoLimb != nil) && r.IntN(2) == 0 {
		out = append(out, credits.Trigger{Name: "cap reached", Kind: credits.CapReached})
	}
	if (g == Bands || g == ShortfallBands) && r.IntN(2) == 0 {
		out = append(out, credits.Trigger{Name: "rectification plan", Kind: credits.MaterialFailure})
	}
	return out
}

// critical returns a critical failure rule on one or two of c's
// credit-bearing KPIs: below 97.5 for a percentage where higher is better,
// above 19.0 for one where lower is better, and red for a count. The
// default draws seldom pass those levels; with Shape.Failures, a red
// month often does.
func critical(r *rand.Rand, c *contract.Contract) credits.Critical {
	var ks []*contract.KPI
	for i := range c.KPIs {
		if c.KPIs[i].Kind == kpi.KPI {
			ks = append(ks, &c.KPIs[i])
		}
	}
	out := credits.Critical{Capped: r.IntN(2) == 0}
	for _, i := range r.Perm(len(ks))[:1+r.IntN(min(2, len(ks)))] {
		k := ks[i]
		ck := credits.CriticalKPI{KPI: k.ID}
		switch {
		case k.Unit == kpi.Count:
			ck.Red = true
		case k.Direction == kpi.HigherIsBetter:
			level := decimal.New(975, -1)
			ck.Level = &level
		default:
			level := decimal.New(190, -1)
			ck.Level = &level
		}
		out.KPIs = append(out.KPIs, ck)
	}
	return out
}
