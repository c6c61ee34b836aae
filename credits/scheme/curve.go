package scheme

import (
	"fmt"
	"strconv"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/exact"
	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// CurvePoint is one listed point of a payment Curve: at the measured value
// Value, Earned per cent of the linked payment is earned.
type CurvePoint struct {
	Value  decimal.Decimal // the measured value, in the KPI's units
	Earned decimal.Decimal // per cent of the linked payment earned at Value, 0 to 100

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Curve scores a failed KPI-month through a payment curve, as
// performance-based contracts (Australian Defence ASDEFCON style) do: a
// share of the outcome's charges, the linked payment (Linked per cent of
// the charges), rides on the KPI, and the measured value earns a share of
// it read from a curve of listed Points, with straight lines between
// neighbouring points and flat beyond the ends. The credit is what is not
// earned:
//
//	earned   = e1 + (v - x1) x (e2 - e1) / (x2 - x1)   rounded to EarnedPrecision
//	score    = Linked x (100 - earned) / 100           per cent of the charges
//
// where (x1, e1) and (x2, e2) are the points either side of the value v.
// The quotient is exact and rounded once, as EarnedPrecision says; a value
// at a listed point earns that point's share, one below the first point
// the first point's share and one above the last point the last point's.
// A Scheme with a Curve is priced PercentOfCharges, so the score, between
// 0 and Linked, is the per cent of the outcome's charges the line costs:
// with Linked 10, charges of 100,000.00 and 85% earned, the credit is 10 x
// 15 / 100 = 1.5% of the charges, 1,500.00.
//
// Points are listed in increasing order of Value, and a better value
// never earns less (for HigherIsBetter the shares never fall along the
// list, for LowerIsBetter they never rise). Two neighbouring points may
// share a value: that is a step, the curve jumping from the first share
// to the second there, and a value exactly at the step earns the better
// of the two (reaching the level earns it). All-or-none is a step alone:
// {95, 0} then {95, 100} earns nothing below 95 and everything from 95
// (higher is better). A step whose level is not reached until strictly
// past a value ("more than 95") is the step at the next value of the
// value's precision, with Value TableRounded (96 at no places). Three
// points at one value are an error, as is a curve of fewer than two
// points.
//
// Each listed share has at most EarnedPrecision.Places decimal places, so
// that a share read at a point is the share listed. With Value
// TableRounded the value is first rounded to Precision.
//
// As for every part, only an Amber or Red month scores: a Green month
// costs nothing, whatever the curve would give at its value, so a
// contract whose curve earns less than 100% at its TSL is modelled with
// the TSL where the curve reaches 100%. A Red month without a value is
// scored at the worst end of the curve (the first point when higher is
// better, the last when lower is better), whatever the KPI's unit; an
// Amber month without a value at its MSL, as for every value-scoring part.
//
// The zero Curve is invalid: it has no points, direction or value basis.
type Curve struct {
	Direction       kpi.Direction   // which way is better; must match the KPI's
	Linked          decimal.Decimal // the linked payment: per cent of the outcome's charges at risk on the KPI, above 0, at most 100
	Value           ValueBasis      // which value is scored
	Precision       kpi.Precision   // with Value TableRounded: the precision; zero otherwise
	EarnedPrecision kpi.Precision   // the places (0 to 10) and rounding of the share earned, in per cent
	Points          []CurvePoint    // 2 or more, in increasing Value order

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (c Curve) problems() []problems.Problem {
	out := append(directionProblems(c.Direction), basisProblems(c.Value, c.Precision)...)
	if c.Linked.Sign() <= 0 || fixed.Compare(c.Linked, hundred) > 0 {
		out = append(out, problems.Newf("Linked", "", "linked %s%% outside (0, 100]", kpi.FormatValue(c.Linked)))
	}
	places := c.EarnedPrecision.Places
	placesOK := places >= 0 && places <= 10
	if !placesOK {
		out = append(out, problems.Newf("EarnedPrecision", "", "earned precision: places %d outside 0..10", places))
	}
	if c.EarnedPrecision.Rounding < kpi.HalfUp || c.EarnedPrecision.Rounding > kpi.Floor {
		out = append(out, problems.Newf("EarnedPrecision", "", "earned precision: rounding not set (want one of half-up, half-even, up, down, ceiling, floor)"))
	}
	if len(c.Points) < 2 {
		out = append(out, problems.Newf("Points", "", "%d points (want 2 or more; all-or-none is a step, two points at one value)", len(c.Points)))
	}
	at := func(i int) string { return fmt.Sprintf("Points[%d]", i) }
	for i, p := range c.Points {
		if p.Earned.Sign() < 0 || fixed.Compare(p.Earned, hundred) > 0 {
			out = append(out, problems.Newf(at(i), "", "point %d %s: earned %s%% outside 0..100", i+1, pointText(p), kpi.FormatValue(p.Earned)))
		} else if placesOK && -p.Earned.Exponent() > places {
			out = append(out, problems.Newf(at(i), "", "point %d %s: earned %s%% has more places than the earned precision's %d", i+1, pointText(p), kpi.FormatValue(p.Earned), places))
		}
		if i == 0 {
			continue
		}
		q := c.Points[i-1]
		switch cmp := fixed.Compare(p.Value, q.Value); {
		case cmp < 0:
			out = append(out, problems.Newf(at(i), "", "point %d %s: value below point %d %s (points in increasing value order)", i+1, pointText(p), i, pointText(q)))
			continue
		case cmp == 0 && i >= 2 && fixed.Compare(c.Points[i-2].Value, p.Value) == 0:
			out = append(out, problems.Newf(at(i), "", "point %d %s: a third point at value %s (a step is two points)", i+1, pointText(p), kpi.FormatValue(p.Value)))
			continue
		}
		worse := fixed.Compare(p.Earned, q.Earned) < 0 // the later point earns less
		if c.Direction == kpi.LowerIsBetter {
			worse = fixed.Compare(p.Earned, q.Earned) > 0
		}
		if worse && (c.Direction == kpi.HigherIsBetter || c.Direction == kpi.LowerIsBetter) {
			out = append(out, problems.Newf(at(i), "", "points %d %s and %d %s: the better value earns less (%s)", i, pointText(q), i+1, pointText(p), c.Direction))
		}
	}
	return out
}

// pointText is a point in messages: "(95, 100%)".
func pointText(p CurvePoint) string { return string(p.appendTo(nil)) }

// appendTo appends "(VALUE, EARNED%)".
func (p CurvePoint) appendTo(b []byte) []byte {
	b = fixed.AppendValue(append(b, '('), p.Value)
	b = fixed.AppendValue(append(b, ", "...), p.Earned)
	return append(b, "%)"...)
}

// appendPoint appends "point N (VALUE, EARNED%)" for the i-th point.
func (c Curve) appendPoint(b []byte, i int) []byte {
	b = strconv.AppendInt(append(b, "point "...), int64(i+1), 10)
	return c.Points[i].appendTo(append(b, ' '))
}

// appendCurve appends " of curve (x, e%) (x, e%) ...".
func (c Curve) appendCurve(b []byte) []byte {
	b = append(b, " of curve"...)
	for _, p := range c.Points {
		b = p.appendTo(append(b, ' '))
	}
	return b
}

func (c Curve) score(o credits.Outcome, why []byte) (scored, []byte, error) {
	if err := wrongDirection(&o, "curve is", c.Direction); err != nil {
		return scored{}, why, err
	}
	if len(c.Points) == 0 { // Check refuses it; a Run begun without Check must not panic
		return scored{}, why, outcomeError(o, 0, "", credits.ErrInvalidRules, "curve has no points")
	}
	v := basisValue(c.Value, c.Precision, o)
	earned, why := c.earned(v, why)
	return c.unearned(earned, why)
}

// scoreWorst scores Red outcome o, which has no value: at the worst end
// of the curve, the text so far (what the month lacks) in why.
func (c Curve) scoreWorst(o credits.Outcome, why []byte) (scored, []byte, error) {
	if len(c.Points) == 0 {
		return scored{}, why, outcomeError(o, 0, "", credits.ErrInvalidRules, "curve has no points")
	}
	i := 0
	if c.Direction == kpi.LowerIsBetter {
		i = len(c.Points) - 1
	}
	why = c.appendCurve(c.appendPoint(append(why, ", scored at the worst end, "...), i))
	earned := c.EarnedPrecision.Apply(c.Points[i].Earned)
	why = append(fixed.AppendValue(append(why, ": earned "...), earned), '%')
	return c.unearned(earned, why)
}

// earned returns the share of the linked payment value v earns, rounded
// as EarnedPrecision says, and appends how it was read from the curve.
func (c Curve) earned(v decimal.Decimal, why []byte) (decimal.Decimal, []byte) {
	why = fixed.AppendValue(append(why, "value "...), v)
	ps, n := c.Points, len(c.Points)
	var share decimal.Decimal
	switch {
	case fixed.Compare(v, ps[0].Value) < 0:
		why = c.appendCurve(append(c.appendPoint(append(why, " below "...), 0), ", the first"...))
		share = ps[0].Earned
	case fixed.Compare(v, ps[n-1].Value) > 0:
		why = c.appendCurve(append(c.appendPoint(append(why, " above "...), n-1), ", the last"...))
		share = ps[n-1].Earned
	default:
		// The first point at or above v: v lies between i-1 and i, or at i.
		i := 0
		for fixed.Compare(ps[i].Value, v) < 0 {
			i++
		}
		switch {
		case fixed.Compare(ps[i].Value, v) == 0 && i+1 < n && fixed.Compare(ps[i+1].Value, v) == 0:
			best := i + 1 // a step: the better share, the larger
			if fixed.Compare(ps[i].Earned, ps[i+1].Earned) > 0 {
				best = i
			}
			why = c.appendPoint(append(c.appendPoint(append(why, " at the step from "...), i), " to "...), i+1)
			why = c.appendCurve(why)
			why = strconv.AppendInt(append(why, ": the better share, point "...), int64(best+1), 10)
			share = ps[best].Earned
		case fixed.Compare(ps[i].Value, v) == 0:
			why = c.appendCurve(c.appendPoint(append(why, " at "...), i))
			share = ps[i].Earned
		default:
			p, q := ps[i-1], ps[i]
			why = c.appendPoint(append(c.appendPoint(append(why, " between "...), i-1), " and "...), i)
			why = c.appendCurve(why)
			x1, e1, x2, e2 := fixed.Of(p.Value), fixed.Of(p.Earned), fixed.Of(q.Value), fixed.Of(q.Earned)
			dx := x2.Sub(x1)
			num := e1.Mul(dx).Add(fixed.Of(v).Sub(x1).Mul(e2.Sub(e1)))
			share, _ = c.EarnedPrecision.Quotient(num.Decimal(), dx.Decimal()) // dx > 0: points with one value are a step
			why = e1.AppendTo(append(why, ": earned "...))
			why = fixed.AppendValue(append(why, " + ("...), v)
			why = x1.AppendTo(append(why, " - "...))
			why = e2.AppendTo(append(why, ") x ("...))
			why = e1.AppendTo(append(why, " - "...))
			why = x2.AppendTo(append(why, ") / ("...))
			why = x1.AppendTo(append(why, " - "...))
			why = append(fixed.AppendValue(append(why, ") = "...), share), '%')
			why = append(append(append(why, " ("...), c.EarnedPrecision.String()...), ')')
			return share, why
		}
	}
	share = c.EarnedPrecision.Apply(share)
	return share, append(fixed.AppendValue(append(why, ": earned "...), share), '%')
}

// unearned returns the score of a month that earned earned per cent of
// the linked payment, and appends the arithmetic.
func (c Curve) unearned(earned decimal.Decimal, why []byte) (scored, []byte, error) {
	left := fixed.Int(100).Sub(fixed.Of(earned))
	score := exact.Trim(fixed.Of(c.Linked).Mul(left).Shift(-2).Decimal())
	why = fixed.AppendValue(append(why, "; unearned 100 - "...), earned)
	why = left.AppendTo(append(why, " = "...))
	why = fixed.AppendValue(append(why, "% of linked "...), c.Linked)
	why = fixed.AppendValue(append(why, "% scores "...), score)
	return scored{score: score}, why, nil
}
