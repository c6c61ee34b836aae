package main

import (
	"testing"

	"github.com/servicecredit/engine/contracttest"
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

// TestCriticalMonths checks what the golden files show, so that a
// careless -update cannot lose it: May and July withhold their charges,
// June (a fix time of exactly 8.0 hours) does not, and the withholdings
// leave the annual cap's headroom to the credits.
func TestCriticalMonths(t *testing.T) {
	_, res := exampletest.EvaluateFiles(t, ".")
	var critical []string
	for _, m := range res.Ledger.Months {
		if m.Critical {
			critical = append(critical, m.Month.String())
		}
	}
	require.Equal(t, []string{"2021-05", "2021-07"}, critical)
	// The critical months' lines cost nothing, the charges are withheld
	// instead, and August's credits of 3000.00 are cut to the 1100.00 of
	// the annual cap left.
	contracttest.Ledger(t, res, `
		KPI      | Apr-21    | May-21    | Jun-21    | Jul-21    | Aug-21    | Sep-21
		AVAIL    | 0.00      | 0.00      | 1000.00   | 0.00      | 1000.00   | 0.00
		FIX      | 0.00      | 0.00      | 1000.00   | 0.00      | 1000.00   | 0.00
		DESK     | 500.00    | 0.00      | 0.00      | 0.00      | 1000.00   | 0.00
		Charges  | 100000.00 | 100000.00 | 100000.00 | 100000.00 | 100000.00 | 100000.00
		Withheld | 0.00      | 100000.00 | 0.00      | 100000.00 | 0.00      | 0.00
		Cut      | 0.00      | 0.00      | 0.00      | 0.00      | -1900.00  | 0.00
		Credit   | 500.00    | 100000.00 | 2000.00   | 100000.00 | 1100.00   | 0.00`)
	y := res.Ledger.Years[0]
	require.Equal(t, "200000.00", y.Withheld.StringFixed(2))
	require.Equal(t, "203600.00", y.Total.StringFixed(2), "withheld 200000.00 plus the annual cap of 3600.00")
}
