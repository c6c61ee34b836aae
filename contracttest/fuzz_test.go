package contracttest_test

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
)

// FuzzTables feeds any text to the three table checks on Lincolnshire's
// evaluation and the Brent-Lewisham shared service's: they never panic, a table they cannot read stops the check
// with one problem, and a listing never runs past 50 cells and a count.
func FuzzTables(f *testing.F) {
	_, lincs := contracttest.EvaluateFiles(f, lincolnshire+"contract.yaml", lincolnshire+"measurements.csv", lincolnshire+"mitigations.yaml")
	_, shared := contracttest.EvaluateFiles(f, "../examples/brent-lewisham/contract.yaml", "../examples/brent-lewisham/measurements.csv", "")
	for _, seed := range []string{
		"Overall\tJun-21\tOct-21\nTSL achieved\t11\t13\n",
		"| KPI | Org | Jun-21 |\n|---|---|---|\n| IMT_KPI_14 | LCC | amber* |",
		"KPI  2021-06  2021-07\nIMT_KPI_09  A*  -\nCredit  0  0",
		"# comment\n\n| | Yr 7 Jun-21\nBelow MSL | | 0",
		"KPI | Org | 2016-04\nOPEN | Brent | unmeasured\nNPS | | red\nAV-TEL | -",
		"|", "||\n||", "\t\n\t", "Jun-21 | Jun-21\nx | 1 | 2", "KPI | Jan-00\nIMT_KPI_01 | 1e3*>green",
	} {
		f.Add(seed)
	}
	checks := []func(contracttest.TB, *contract.Result, string){contracttest.Board, contracttest.RAG, contracttest.Ledger}
	f.Fuzz(func(t *testing.T, table string) {
		for _, check := range checks {
			for _, res := range []*contract.Result{lincs, shared} {
				var r recorder
				check(&r, res, table)
				if len(r.fatals) > 1 {
					t.Fatalf("more than one problem stopped the check: %q", r.fatals)
				}
				if len(r.errors) > 1 || (len(r.errors) == 1 && strings.Count(r.errors[0], "\n") > 51) {
					t.Fatalf("more than one listing, or a listing past 50 cells: %q", r.errors)
				}
			}
		}
	})
}
