package synth

import (
	"math/rand/v2"
	"slices"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Curves returns the contract numbered n of a portfolio seeded by seed, as
// Generate makes it for shape s with the ShortfallBands regime (priced as
// a per cent of the charges, with its escalation, caps, triggers,
// critical rule and incident rule), and then every score a payment curve
// (scheme.Curve) drawn from its KPIs' base thresholds: a linked payment
// of 1 to 20 per cent of the charges; the share earned rounded to 0 to 2
// places in any of the generator's roundings; one curve in four
// all-or-none (a step at the MSL), one in four with a step inside it, the
// rest three points and two slopes. Every curve earns all of its payment
// at the TSL and is flat beyond a worst point four MSL-to-TSL gaps past
// the MSL. With the customer's choice of incidents, the customer decides
// again on the lines the curves make cost money. s.Regime is ignored. It
// panics as Generate does.
func Curves(seed uint64, n int, s Shape) Portfolio {
	s.Regime = ShortfallBands
	p := Generate(seed, n, s)
	c := *p.Contract // the rules change: a copy, never Generate's own
	sc := c.Credits.Regime.(scheme.Scheme)
	sc.Scores = slices.Clone(sc.Scores)
	r := rand.New(rand.NewPCG(seed, uint64(n)^0x637572766573)) // "curves"
	for i, score := range sc.Scores {
		k := c.KPIs[slices.IndexFunc(c.KPIs, func(k contract.KPI) bool { return k.ID == score.KPIs[0] })]
		cv := curve(r, &k)
		sc.Scores[i] = scheme.Score{KPIs: score.KPIs, Curve: &cv}
	}
	c.Credits.Regime = sc
	p.Contract = &c
	if c.Credits.Incidents.Rule == credits.CustomerChoice {
		// The customer decides among the lines that cost money, which
		// the curves changed.
		c.Credits.Incidents.Decisions = decide(r, p)
	}
	return p
}

// curve returns a payment curve for the KPIs of k's unit and direction,
// from k's base thresholds (see Curves).
func curve(r *rand.Rand, k *contract.KPI) scheme.Curve {
	dir, tsl, msl := k.Direction, k.Schedule.Base.TSL, k.Schedule.Base.MSL
	gap := tsl.Sub(msl).Abs()
	if gap.IsZero() {
		gap = decimal.New(1, -k.Precision.Places)
	}
	worst := msl.Sub(gap.Mul(decimal.New(4, 0)))
	if dir == kpi.LowerIsBetter {
		worst = msl.Add(gap.Mul(decimal.New(4, 0)))
	}
	places := int32(r.IntN(3))
	c := scheme.Curve{Direction: dir, Linked: decimal.New(int64(10+r.IntN(191)), -1),
		EarnedPrecision: kpi.Precision{Places: places, Rounding: rounding(r)}, Value: scheme.ValueBasis(1 + r.IntN(3))}
	if c.Value == scheme.TableRounded {
		c.Precision = kpi.Precision{Places: k.Precision.Places, Rounding: rounding(r)}
	}
	pct := func(n int) decimal.Decimal { return decimal.New(int64(n), 0) }
	e0 := r.IntN(31)
	e1 := e0 + r.IntN(91-e0)
	var points []scheme.CurvePoint // from the worst end
	switch {
	case r.IntN(4) == 0:
		points = []scheme.CurvePoint{{Value: msl, Earned: pct(0)}, {Value: msl, Earned: pct(100)}}
	case r.IntN(3) == 0 && tsl.Cmp(msl) != 0:
		points = []scheme.CurvePoint{{Value: worst, Earned: pct(e0)}, {Value: msl, Earned: pct(e1)},
			{Value: msl, Earned: pct(e1 + r.IntN(101-e1))}, {Value: tsl, Earned: pct(100)}}
	default:
		points = []scheme.CurvePoint{{Value: worst, Earned: pct(e0)}, {Value: msl, Earned: pct(e1)}, {Value: tsl, Earned: pct(100)}}
	}
	if dir == kpi.HigherIsBetter {
		c.Points = points
	} else {
		c.Points = slices.Clone(points)
		slices.Reverse(c.Points)
	}
	return c
}
