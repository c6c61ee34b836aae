package main

import (
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestExample checks the printed worked example against
// testdata/output.golden, and that contract.yaml holds the rules main.go
// builds and that the reports `servicecredit evaluate` prints from the
// files equal their golden files.
func TestExample(t *testing.T) {
	exampletest.Check(t, run, wantRules(), "markdown", "json", "csv")
}

// wantRules are the rules contract.yaml holds: the customer's choice,
// with a decision for each month's incident.
func wantRules() credits.Rules {
	r := Rules(credits.CustomerChoice)
	r.Incidents.Decisions = []credits.Decision{
		{Incident: "INC-7", Month: kpi.MustParseMonth("2021-05"), KPI: "FIX", DecidedBy: "Contract Manager, 2021-06-10", Note: "the fix time is the failure that hurt"},
		{Incident: "INC-8", Month: kpi.MustParseMonth("2021-06"), KPI: "AVAIL", DecidedBy: "Contract Manager, 2021-07-09"},
		{Incident: "INC-9", Month: kpi.MustParseMonth("2021-07"), KPI: "AVAIL", DecidedBy: "Contract Manager, 2021-08-12"},
		{Incident: "INC-10", Month: kpi.MustParseMonth("2021-07"), KPI: "DESK", DecidedBy: "Contract Manager, 2021-08-12", Note: "FIX already shares INC-9"},
	}
	return r
}

// TestDecisions checks what the golden files show, so that a careless
// -update cannot lose it: May pays only the fix time's credit, as the
// customer decided, and the measurements' incidents reach the ledger.
func TestDecisions(t *testing.T) {
	_, res := exampletest.EvaluateFiles(t, ".")
	may := res.Months[1]
	var got []string
	for _, cell := range may.Cells {
		got = append(got, cell.Credit.KPI+" "+cell.Credit.Amount.StringFixed(2))
		require.Equal(t, []string{"INC-7"}, cell.Credit.Incidents())
	}
	require.Equal(t, []string{"AVAIL 0.00", "FIX 1000.00", "DESK 0.00"}, got)
	require.Equal(t, "4000.00", res.Ledger.Total.StringFixed(2))
	// Each month's incident keeps the credit of the KPI the customer chose.
	contracttest.Ledger(t, res, `
		KPI    | Apr-21 | May-21  | Jun-21  | Jul-21
		AVAIL  | 0.00   | 0.00    | 1000.00 | 1000.00
		FIX    | 0.00   | 1000.00 | 0.00    | 0.00
		DESK   | 500.00 | 0.00    | 0.00    | 500.00
		Credit | 500.00 | 1000.00 | 1000.00 | 1500.00`)
}
