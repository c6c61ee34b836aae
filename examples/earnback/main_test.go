package main

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/stretchr/testify/require"
)

// TestExample checks the printed worked example against
// testdata/output.golden, and that contract.yaml holds the rules main.go
// builds and that the reports `servicecredit evaluate` prints from the
// files equal their golden files.
func TestExample(t *testing.T) {
	exampletest.Check(t, run, Rules(), "markdown", "json", "csv")
}

// TestEarnBacks checks the figures docs/contract-format.md works by hand,
// so that a careless -update cannot lose them: May's AVAIL credit 2000.00
// keeps 1500.00 after the cap's cut of 500.00 and all of that comes back
// in August; September's is lost to October's Red; October's 2000.00 comes
// back in January; DESK's mean of 1091.0/12 meets 90.0, so half of
// November's 1000.00 comes back in March, the year's last month.
func TestEarnBacks(t *testing.T) {
	_, res := exampletest.EvaluateFiles(t, ".")
	var got []string
	for _, l := range res.Ledger.Lines {
		if l.Kind == credits.EarnBackLine {
			got = append(got, l.Month.String()+" "+l.KPI+" "+l.Earned().Month.String()+" "+l.Amount.StringFixed(2))
		}
	}
	require.Equal(t, []string{"2021-08 AVAIL 2021-05 -1500.00", "2022-01 AVAIL 2021-10 -2000.00", "2022-03 DESK 2021-11 -500.00"}, got)
	y := res.Ledger.Years[0]
	require.Equal(t, []string{"7000.00", "-500.00", "-4000.00", "2500.00"},
		[]string{y.Uncapped.StringFixed(2), y.Cut.StringFixed(2), y.EarnedBack.StringFixed(2), y.Total.StringFixed(2)})
}
