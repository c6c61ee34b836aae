package synth_test

import (
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestFailures: with Shape.Failures, about that share of the measured
// KPI-months fail their target, two in three of them amber.
func TestFailures(t *testing.T) {
	for _, f := range []int{1, 10, 50, 100} {
		shape := synth.Shape{KPIs: 50, Months: 120, Orgs: 2, Failures: f}
		p := synth.Generate(7, 0, shape)
		res, err := p.Contract.Evaluate(contract.Input{Measurements: p.Measurements})
		require.NoError(t, err)
		var measured, amber, red int
		for _, m := range res.Months {
			for _, c := range m.Cells {
				if c.Measured.Absent != 0 {
					continue
				}
				measured++
				switch c.Measured.Status {
				case kpi.Amber:
					amber++
				case kpi.Red:
					red++
				}
			}
		}
		share := 100 * float64(amber+red) / float64(measured)
		require.InDelta(t, float64(f), share, 1+float64(f)/10, "failures %d: %d of %d measured months failed", f, amber+red, measured)
		require.InDelta(t, 2.0/3, float64(amber)/float64(max(amber+red, 1)), 0.1, "failures %d: %d amber, %d red", f, amber, red)
	}
}
