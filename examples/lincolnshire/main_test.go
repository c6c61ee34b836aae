package main

import (
	"os"
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
	var service []int
	for _, m := range res.Months {
		service = append(service, m.ServiceMonth)
		require.Equal(t, 7, m.Year)
	}
	require.Equal(t, []int{75, 76, 77, 78, 79}, service)
	contracttest.Board(t, res, table1)
	contracttest.Ledger(t, res, ledger)
}

// table1 is the report's Table 1 as it prints it.
const table1 = `
	Overall IMT Contract Performance | Yr 7 Jun-21 | Yr 7 Jul-21 | Yr 7 Aug-21 | Yr 7 Sep-21 | Yr 7 Oct-21
	TSL achieved                     | 11          | 13          | 14          | 13          | 13
	MSL achieved                     | 2           | 1           | 0           | 1           | 0
	Below MSL                        | 0           | 0           | 0           | 0           | 1
	TOTAL                            | 13          | 14          | 14          | 14          | 14
	Mitigation Agreed                | 2           | 1           | 0           | 1           | 1`

// ledger is the period's credit ledger: every failure relieved by an
// agreed mitigation (*), so every month's credit is nil.
const ledger = `
	KPI        | Jun-21    | Jul-21    | Aug-21    | Sep-21    | Oct-21
	IMT_KPI_09 | 0.00*     | -         | -         | -         | -
	IMT_KPI_14 | 0.00*     | 0.00*     | 0.00      | 0.00*     | 0.00*
	Charges    | 850000.00 | 850000.00 | 850000.00 | 850000.00 | 850000.00
	Credit     | 0.00      | 0.00      | 0.00      | 0.00      | 0.00`

// TestTable1Files checks that the shipped files, evaluated as
// `servicecredit evaluate` does, give Table 1, both as stated above and as
// transcribed in table1.tsv, and the same ledger.
func TestTable1Files(t *testing.T) {
	_, res := contracttest.EvaluateFiles(t, "contract.yaml", "measurements.csv", "mitigations.yaml")
	transcribed, err := os.ReadFile("table1.tsv")
	require.NoError(t, err)
	contracttest.Board(t, res, table1)
	contracttest.Board(t, res, string(transcribed))
	contracttest.Ledger(t, res, ledger)
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
