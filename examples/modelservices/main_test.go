package main

import (
	"testing"

	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/stretchr/testify/require"
)

// TestExample checks the printed worked example against
// testdata/output.golden, that contract.yaml holds the rules main.go
// builds, each worked example scoring a KPI of its own, AVAIL-1 to
// AVAIL-3, the report `servicecredit evaluate` prints, and that each
// worked example's KPI costs what the Go run says.
func TestExample(t *testing.T) {
	want := Rules()
	s := want.Regime.(scheme.Scheme)
	s.Scores = []scheme.Score{{KPIs: []string{"AVAIL-1", "AVAIL-2", "AVAIL-3"}, Bands: s.Scores[0].Bands}}
	want.Regime = s
	_, res := exampletest.Check(t, run, want)
	for i, values := range Examples {
		led, err := ledger(values)
		require.NoError(t, err)
		id := []string{"AVAIL-1", "AVAIL-2", "AVAIL-3"}[i]
		var got, wantAmounts []string
		for _, l := range res.Ledger.Lines {
			if l.KPI == id && l.Status.Failed() {
				got = append(got, l.Amount.StringFixed(2)+" for "+l.Points.String()+" points")
			}
		}
		for _, l := range led.Lines {
			wantAmounts = append(wantAmounts, l.Amount.StringFixed(2)+" for "+l.Points.String()+" points")
		}
		require.Equal(t, wantAmounts, got, "worked example %d", i+1)
	}
}
