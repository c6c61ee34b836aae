package main

import (
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestExample checks the printed example against testdata/output.golden,
// that contract.yaml holds the rules main.go builds, and the reports
// `servicecredit evaluate` prints from the files, JSON and CSV with the
// band each line fell in. A point is 0.5% of 200000.00, 1000.00:
//
//	Apr-21 AVAIL  98.5 minor 1 point                  1000.00
//	May-21 AVAIL  96.5 severe 3, after a failure x2 = 6 6000.00
//	May-21 BREACH 2    red 4 points                   4000.00
//	Jun-21 BREACH 1    red 4, after a failure x2 = 8  8000.00
//
// 19000.00 in all; the points in the last 3 months reach 10 in May (1 + 6
// + 4 = 11) and June (19), and May's severe band is a Material failure.
func TestExample(t *testing.T) {
	_, res := exampletest.Check(t, run, Rules(), "json", "csv")
	var points, amounts, bands []string
	for _, l := range res.Ledger.Lines {
		if l.Amount.Sign() > 0 {
			points, amounts, bands = append(points, kpi.FormatValue(l.Points)), append(amounts, l.Amount.StringFixed(2)), append(bands, l.Band())
		}
	}
	require.Equal(t, []string{"1", "6", "4", "8"}, points)
	require.Equal(t, []string{"1000.00", "6000.00", "4000.00", "8000.00"}, amounts)
	require.Equal(t, []string{"minor", "severe", "", ""}, bands)
	require.Equal(t, "19000.00", res.Ledger.Total.StringFixed(2))
	var events []string
	for _, e := range res.Ledger.Events {
		events = append(events, e.Month.String()+" "+e.Trigger)
	}
	require.Equal(t, []string{"2021-05 termination", "2021-05 rectification plan", "2021-06 termination"}, events)
}
