package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/report"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the printed worked example against testdata/output.golden.
func TestGolden(t *testing.T) { exampletest.Output(t, "output.golden", run) }

// TestContractFile checks that contract.yaml holds the rules main.go
// builds, that each worked example's KPI costs what the Go run says, and
// the report `servicecredit evaluate` prints.
func TestContractFile(t *testing.T) {
	c, res := exampletest.EvaluateFiles(t, ".")
	want := Rules()
	s := want.Regime.(scheme.Scheme)
	s.Scores = []scheme.Score{{KPIs: []string{"AVAIL-1", "AVAIL-2", "AVAIL-3"}, Bands: s.Scores[0].Bands}}
	want.Regime = s
	if diff := cmp.Diff(want, c.Credits); diff != "" {
		t.Errorf("contract.yaml's rules differ from Rules() (-go +file):\n%s", diff)
	}
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
	var out bytes.Buffer
	require.NoError(t, report.Text(&out, c, res))
	contracttest.Golden(t, filepath.Join("testdata", "contract.text.golden"), out.Bytes())
}
