package synth_test

import (
	"fmt"
	"testing"

	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestCurves: every generated contract is valid with every score a payment
// curve earning all of its payment at the TSL, and the curves draw each
// shape (all-or-none, a step inside, three points) and both directions.
func TestCurves(t *testing.T) {
	shapes := map[string]int{}
	for n := range 60 {
		for _, s := range curveShapes {
			p := synth.Curves(7, n, s)
			require.NoError(t, p.Contract.Validate(), "contract %d", n)
			sc := p.Contract.Credits.Regime.(scheme.Scheme)
			require.Equal(t, scheme.PercentOfCharges, sc.Price.Basis)
			for _, score := range sc.Scores {
				c := score.Curve
				require.NotNil(t, c, "contract %d: a score that is not a curve", n)
				best := c.Points[len(c.Points)-1]
				if c.Direction == kpi.LowerIsBetter {
					best = c.Points[0]
				}
				require.Equal(t, "100", best.Earned.String())
				step := false
				for i := 1; i < len(c.Points); i++ {
					step = step || c.Points[i].Value.Equal(c.Points[i-1].Value)
				}
				switch {
				case len(c.Points) == 2:
					shapes["all-or-none"]++
				case step:
					shapes["a step inside"]++
				default:
					shapes["three points"]++
				}
				shapes[c.Direction.String()]++
			}
			evaluate(t, p)
		}
	}
	for _, want := range []string{"all-or-none", "a step inside", "three points", "higher-is-better", "lower-is-better"} {
		require.Positive(t, shapes[want], want)
	}
}

// curveShapes are the shapes TestCurves draws.
var curveShapes = []synth.Shape{{KPIs: 3, Months: 4, Orgs: 2}, {KPIs: 6, Months: 13, Orgs: 1, Failures: 30}}

// TestCurvesFilesRoundTrip writes contracts of payment curves as files and
// expects the loader to read back the same credit rules and the same
// ledger.
func TestCurvesFilesRoundTrip(t *testing.T) {
	for n := range 8 {
		p := synth.Curves(5, n, curveShapes[n%len(curveShapes)])
		t.Run(fmt.Sprintf("contract-%d", n), func(t *testing.T) { roundTrip(t, p) })
	}
}
