package reference

import (
	"fmt"
	"math/big"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
)

// curveScore scores a failed outcome by payment curve c, as the words of
// scheme.Curve say: the share of the linked payment the value earns, read
// from the curve (flat beyond its ends, the better share at a step,
// otherwise the straight line between the points either side, rounded as
// EarnedPrecision says), and the score is the linked per cent times the
// share not earned. A red month without a value earns the share at the
// curve's worst end; an amber one is scored at its MSL.
func curveScore(c scheme.Curve, o credits.Outcome) (*big.Rat, error) {
	r := o.Result()
	if r.Direction != c.Direction {
		return nil, fmt.Errorf("%w: %s: the curve is %s, the kpi %s", errRules, o.KPI, c.Direction, r.Direction)
	}
	var earned *big.Rat
	switch {
	case r.Status != kpi.Unmeasured:
		earned = curveEarned(c, value(r, c.Value, c.Precision))
	case o.Status == kpi.Red && c.Direction == kpi.HigherIsBetter:
		earned = rat(c.Points[0].Earned)
	case o.Status == kpi.Red:
		earned = rat(c.Points[len(c.Points)-1].Earned)
	default:
		earned = curveEarned(c, atBasis(rat(r.Thresholds.MSL), c.Value, c.Precision))
	}
	left := new(big.Rat).Sub(big.NewRat(100, 1), earned)
	return percent(rat(c.Linked), left), nil
}

// curveEarned is the per cent of the linked payment value v earns on
// curve c.
func curveEarned(c scheme.Curve, v *big.Rat) *big.Rat {
	first, last := c.Points[0], c.Points[len(c.Points)-1]
	if v.Cmp(rat(first.Value)) < 0 {
		return rat(first.Earned)
	}
	if v.Cmp(rat(last.Value)) > 0 {
		return rat(last.Earned)
	}
	var at *big.Rat // the largest share of the points at v
	for _, p := range c.Points {
		if rat(p.Value).Cmp(v) == 0 && (at == nil || rat(p.Earned).Cmp(at) > 0) {
			at = rat(p.Earned)
		}
	}
	if at != nil {
		return at
	}
	for i := 1; i < len(c.Points); i++ {
		p, q := c.Points[i-1], c.Points[i]
		if rat(p.Value).Cmp(v) < 0 && v.Cmp(rat(q.Value)) < 0 {
			// e1 + (v - x1) x (e2 - e1) / (x2 - x1), then rounded.
			slope := new(big.Rat).Quo(new(big.Rat).Sub(rat(q.Earned), rat(p.Earned)), new(big.Rat).Sub(rat(q.Value), rat(p.Value)))
			e := new(big.Rat).Add(rat(p.Earned), new(big.Rat).Mul(new(big.Rat).Sub(v, rat(p.Value)), slope))
			return rat(roundAt(e, c.EarnedPrecision.Places, c.EarnedPrecision.Rounding))
		}
	}
	panic("reference: a value within a curve between no two of its points")
}
