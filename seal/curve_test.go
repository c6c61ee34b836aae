package seal_test

import (
	"slices"
	"testing"

	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// TestCanonicalCurve: a payment curve is in the canonical form, so any
// change of its meaning (a point, the linked payment, the rounding of the
// share) changes the contract's seal, and how a number is written does
// not.
func TestCanonicalCurve(t *testing.T) {
	c := loadContract(t, "../examples/paymentcurve/contract.yaml")
	base := canonical(t, c)
	require.Contains(t, base, `"curve":`)
	d := decimal.RequireFromString
	edit := func(change func(cv *scheme.Curve)) string {
		x := *c
		s := x.Credits.Regime.(scheme.Scheme)
		s.Scores = slices.Clone(s.Scores)
		cv := *s.Scores[0].Curve
		cv.Points = slices.Clone(cv.Points)
		change(&cv)
		s.Scores[0].Curve = &cv
		x.Credits.Regime = s
		require.NoError(t, x.Validate())
		return canonical(t, &x)
	}
	for name, change := range map[string]func(cv *scheme.Curve){
		"a point's value":      func(cv *scheme.Curve) { cv.Points[1].Value = d("95.5") },
		"a point's share":      func(cv *scheme.Curve) { cv.Points[1].Earned = d("61") },
		"the linked payment":   func(cv *scheme.Curve) { cv.Linked = d("7.5") },
		"the share's rounding": func(cv *scheme.Curve) { cv.EarnedPrecision.Rounding = kpi.Down },
		"the share's places":   func(cv *scheme.Curve) { cv.EarnedPrecision.Places = 3 },
		"a point more": func(cv *scheme.Curve) {
			cv.Points = append(cv.Points, scheme.CurvePoint{Value: d("99"), Earned: d("100")})
		},
	} {
		require.NotEqual(t, base, edit(change), name)
	}
	require.Equal(t, base, edit(func(cv *scheme.Curve) { cv.Linked = d("8.00") }), "8.00 is 8")
}
