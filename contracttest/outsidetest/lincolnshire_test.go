// Package lincolnshireaudit_test is an auditor's test in a module of its
// own, outside the engine's (a replace directive points at the engine's
// source): it reproduces Table 1 of Lincolnshire County Council's report
// of 16 December 2021 on the Serco contract, and the credit ledger of
// June to October 2021, from the engine's shipped files with the public
// test kit, contracttest. It can import nothing internal to the engine:
// what it needs, every user has. .ci/run runs it; by hand:
//
//	cd contracttest/outsidetest && go test ./...
package lincolnshireaudit_test

import (
	"bytes"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/report"
)

const dir = "../../examples/lincolnshire/"

func TestTable1AndLedger(t *testing.T) {
	_, res := contracttest.EvaluateFiles(t, dir+"contract.yaml", dir+"measurements.csv", dir+"mitigations.yaml")
	contracttest.Board(t, res, `
		Overall IMT Contract Performance | Yr 7 Jun-21 | Yr 7 Jul-21 | Yr 7 Aug-21 | Yr 7 Sep-21 | Yr 7 Oct-21
		TSL achieved                     | 11          | 13          | 14          | 13          | 13
		MSL achieved                     | 2           | 1           | 0           | 1           | 0
		Below MSL                        | 0           | 0           | 0           | 0           | 1
		TOTAL                            | 13          | 14          | 14          | 14          | 14
		Mitigation Agreed                | 2           | 1           | 0           | 1           | 1`)
	contracttest.Ledger(t, res, `
		KPI        | Jun-21 | Jul-21 | Aug-21 | Sep-21 | Oct-21
		IMT_KPI_09 | 0.00*  | -      | -      | -      | -
		IMT_KPI_14 | 0.00*  | 0.00*  | 0.00   | 0.00*  | 0.00*
		Credit     | 0.00   | 0.00   | 0.00   | 0.00   | 0.00`)
}

// TestReport keeps the text report of the same files in a golden file of
// this module's own (go test ./... -update rewrites it), and shows it
// ignores the decimal package's globals.
func TestReport(t *testing.T) {
	c, res := contracttest.EvaluateFiles(t, dir+"contract.yaml", dir+"measurements.csv", dir+"mitigations.yaml")
	var out bytes.Buffer
	if err := report.Text(&out, c, res); err != nil {
		t.Fatal(err)
	}
	contracttest.Golden(t, "testdata/lincolnshire.text.golden", out.Bytes())
}
