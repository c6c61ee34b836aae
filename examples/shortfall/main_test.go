package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/golden"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/report"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the printed worked example against testdata. Run
// `go test . -update` in this directory after an intended change and
// review the diff.
func TestGolden(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	golden.Check(t, filepath.Join("testdata", "output.golden"), out.Bytes())
}

// evaluateFiles loads contract.yaml and measurements.csv and evaluates the
// months measured, as `servicecredit evaluate` does.
func evaluateFiles(t *testing.T) (*contract.Contract, *contract.Result) {
	t.Helper()
	data, err := os.ReadFile("contract.yaml")
	require.NoError(t, err)
	c, err := load.Contract("contract.yaml", data)
	require.NoError(t, err)
	f, err := os.Open("measurements.csv")
	require.NoError(t, err)
	defer f.Close()
	ms, err := load.Measurements("measurements.csv", f, c)
	require.NoError(t, err)
	in := contract.Input{From: ms[0].Month, To: ms[0].Month, Measurements: ms}
	for _, m := range ms {
		if m.Month.Before(in.From) {
			in.From = m.Month
		}
		if in.To.Before(m.Month) {
			in.To = m.Month
		}
	}
	res, err := c.Evaluate(in)
	require.NoError(t, err)
	return c, res
}

// TestContractFile checks that contract.yaml holds the rules main.go
// builds and the report `servicecredit evaluate` prints.
func TestContractFile(t *testing.T) {
	c, res := evaluateFiles(t)
	if diff := cmp.Diff(wantRules(), c.Credits); diff != "" {
		t.Errorf("contract.yaml's rules differ from main.go's (-go +file):\n%s", diff)
	}
	var out bytes.Buffer
	require.NoError(t, report.Text(&out, c, res))
	golden.Check(t, filepath.Join("testdata", "contract.text.golden"), out.Bytes())
}

// wantRules are the rules contract.yaml must hold: each case's shortfall
// scoring its own KPI, RESOLVE-1 to RESOLVE-3.
func wantRules() credits.Rules {
	var scores []credits.Score
	for i, c := range Cases() {
		sf := c.Shortfall
		scores = append(scores, credits.Score{KPIs: []string{"RESOLVE-" + string(rune('1'+i))}, Shortfall: &sf})
	}
	return credits.Rules{
		Regime: credits.Scheme{Scores: scores, Price: credits.Price{Basis: credits.PercentOfCharges}},
		Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
}
