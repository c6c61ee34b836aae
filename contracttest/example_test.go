package contracttest_test

import (
	"fmt"
	"io"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contracttest"
	"github.com/shopspring/decimal"
)

// printer stands in for a test's *testing.T in these Examples: it prints
// each failure instead of failing.
type printer struct{}

func (printer) Errorf(format string, args ...any) { fmt.Printf(format+"\n", args...) }
func (printer) FailNow()                          {}

// An auditor's test of Table 1 of Lincolnshire County Council's report
// of 16 December 2021 on the Serco contract, from the shipped contract,
// measurements and mitigations files: the table is stated as the report
// prints it, and a figure transcribed wrongly is named by its row and
// month. In a test, t is the test's *testing.T.
func Example() {
	t, dir := printer{}, "../examples/lincolnshire/"
	_, res := contracttest.EvaluateFiles(t, dir+"contract.yaml", dir+"measurements.csv", dir+"mitigations.yaml")
	contracttest.Board(t, res, `
		Overall IMT Contract Performance | Yr 7 Jun-21 | Yr 7 Jul-21 | Yr 7 Aug-21 | Yr 7 Sep-21 | Yr 7 Oct-21
		TSL achieved                     | 11          | 13          | 14          | 13          | 13
		MSL achieved                     | 2           | 1           | 0           | 1           | 0
		Below MSL                        | 0           | 0           | 0           | 0           | 1
		TOTAL                            | 13          | 14          | 14          | 14          | 14
		Mitigation Agreed                | 2           | 1           | 0           | 1           | 1`)
	fmt.Println("Table 1 checked")

	contracttest.Board(t, res, "Performance | Sep-21 | Oct-21\nBelow MSL | 0 | 0")
	// Output:
	// Table 1 checked
	// the board summary differs from the table stated (want as stated, got from the result):
	//   Below MSL, Oct-21: want 0, got 1
}

// The RAG table and the ledger of the same evaluation: IMT_KPI_14 failed
// in four months of five, and every failure was relieved by an agreed
// mitigation (*), so each credit line is 0.00 and so is every month's
// credit. A wrong cell is named by its KPI, organisation and month.
func ExampleLedger() {
	t, dir := printer{}, "../examples/lincolnshire/"
	_, res := contracttest.EvaluateFiles(t, dir+"contract.yaml", dir+"measurements.csv", dir+"mitigations.yaml")
	contracttest.RAG(t, res, `
		KPI        | Jun-21 | Jul-21 | Aug-21 | Sep-21 | Oct-21
		IMT_KPI_09 | amber* | -      | -      | -      | -
		IMT_KPI_14 | A*     | A*     | G      | A*     | R*`)
	contracttest.Ledger(t, res, `
		KPI        | Jun-21    | Jul-21    | Aug-21    | Sep-21    | Oct-21
		IMT_KPI_09 | 0.00*     | -         | -         | -         | -
		IMT_KPI_14 | 0.00*     | 0.00*     | 0.00      | 0.00*     | 4080.00
		Charges    | 850000.00 | 850000.00 | 850000.00 | 850000.00 | 850000.00
		Credit     | 0.00      | 0.00      | 0.00      | 0.00      | 0.00`)
	// Output:
	// the ledger differs from the table stated (want as stated, got from the result):
	//   KPI IMT_KPI_14, organisation LCC, Oct-21: want 4080.00, got 0.00*
}

// Money compared by value at two places: 2040 states 2040.00, while an
// amount left unrounded differs from everything.
func ExampleEquateDecimalsAt() {
	atPence := contracttest.EquateDecimalsAt(2)
	fmt.Println(cmp.Equal(decimal.RequireFromString("2040"), decimal.RequireFromString("2040.00"), atPence))
	fmt.Println(cmp.Equal(decimal.RequireFromString("2040.004"), decimal.RequireFromString("2040.004"), atPence))
	// Output:
	// true
	// false
}

// A report written with StringFixed reads the same whatever the decimal
// package's globals say; the check returns its bytes for a golden file.
func ExampleIgnoresDecimalGlobals() {
	out := contracttest.IgnoresDecimalGlobals(printer{}, func(w io.Writer) error {
		_, err := fmt.Fprintln(w, "credit", decimal.RequireFromString("2040").StringFixed(2))
		return err
	})
	fmt.Print(string(out))
	// Output:
	// credit 2040.00
}

// Two evaluations compared with go-cmp: the same files give equal
// results; a reworded rule is a difference unless reasons are ignored,
// while a changed figure always is.
func ExampleIgnoreReasons() {
	t, dir := printer{}, "../examples/lincolnshire/"
	_, res := contracttest.EvaluateFiles(t, dir+"contract.yaml", dir+"measurements.csv", dir+"mitigations.yaml")
	_, again := contracttest.EvaluateFiles(t, dir+"contract.yaml", dir+"measurements.csv", dir+"mitigations.yaml")
	fmt.Println(cmp.Equal(res, again, contracttest.Options()))

	again.Ledger.Lines[0].Rule = "reworded"
	fmt.Println(cmp.Equal(res, again, contracttest.Options()), cmp.Equal(res, again, contracttest.Options(), contracttest.IgnoreReasons()))

	again.Ledger.Lines[0].Amount = decimal.RequireFromString("0.01")
	fmt.Println(cmp.Equal(res, again, contracttest.Options(), contracttest.IgnoreReasons()))
	// Output:
	// true
	// false true
	// false
}
