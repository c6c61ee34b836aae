package main

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the printed worked example against testdata/report.golden.
func TestGolden(t *testing.T) { exampletest.Output(t, "report.golden", run) }

// TestTable1 checks the published figures of the report's Table 1
// directly, independent of the golden file's layout.
func TestTable1(t *testing.T) {
	c := Contract()
	reg, err := mitigation.NewRegister(Mitigations(), c.MitigationScope())
	require.NoError(t, err)
	res, err := c.Evaluate(contract.Input{From: jun21, To: oct21, Measurements: Measurements(), Mitigations: reg})
	require.NoError(t, err)
	var got []contract.Summary
	var service []int
	for _, m := range res.Months {
		got = append(got, m.Summary)
		service = append(service, m.ServiceMonth)
		require.Equal(t, 7, m.Year)
	}
	require.Equal(t, []int{75, 76, 77, 78, 79}, service)
	require.Equal(t, []contract.Summary{
		{TSL: 11, MSL: 2, BelowMSL: 0, Total: 13, Mitigated: 2},
		{TSL: 13, MSL: 1, BelowMSL: 0, Total: 14, Mitigated: 1},
		{TSL: 14, MSL: 0, BelowMSL: 0, Total: 14, Mitigated: 0},
		{TSL: 13, MSL: 1, BelowMSL: 0, Total: 14, Mitigated: 1},
		{TSL: 13, MSL: 0, BelowMSL: 1, Total: 14, Mitigated: 1},
	}, got)
	require.True(t, res.Ledger.Total.IsZero(), "every failure in the period was mitigated")
}

// TestGlobalsDoNotChangeOutput flips the decimal package's globals and
// expects a byte-identical report: output never depends on them. It must
// not run in parallel with other tests.
func TestGlobalsDoNotChangeOutput(t *testing.T) {
	contracttest.IgnoresDecimalGlobals(t, run)
}

// TestKPI09Retired checks the replacement by change: KPI09 appears in June
// only, KPI18 and KPI19 from July with their glide path.
func TestKPI09Retired(t *testing.T) {
	c := Contract()
	res, err := c.Evaluate(contract.Input{From: jun21, To: oct21, Measurements: Measurements()})
	require.NoError(t, err)
	for _, m := range res.Months {
		var ids []string
		for _, cell := range m.Cells {
			ids = append(ids, cell.Measured.KPI)
			if cell.Measured.KPI == "IMT_KPI_18" {
				want := map[kpi.Month]string{jul21: "glide path step 1 of 3", aug21: "glide path step 2 of 3", sep21: "glide path step 3 of 3", oct21: "base"}
				require.Equal(t, want[m.Month], cell.Measured.Source.String())
			}
		}
		joined := strings.Join(ids, " ")
		require.Equal(t, m.Month == jun21, strings.Contains(joined, "IMT_KPI_09"), m.Month.String())
		require.Equal(t, m.Month != jun21, strings.Contains(joined, "IMT_KPI_18"), m.Month.String())
	}
}
