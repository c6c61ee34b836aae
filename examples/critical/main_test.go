package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/internal/golden"
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

// TestContractFile checks that contract.yaml holds the rules main.go
// builds and the report `servicecredit evaluate` prints.
func TestContractFile(t *testing.T) {
	c, res := exampletest.EvaluateFiles(t, ".")
	if diff := cmp.Diff(Rules(), c.Credits); diff != "" {
		t.Errorf("contract.yaml's rules differ from main.go's (-go +file):\n%s", diff)
	}
	var out bytes.Buffer
	require.NoError(t, report.Text(&out, c, res))
	golden.Check(t, filepath.Join("testdata", "contract.text.golden"), out.Bytes())
}

// TestFormats renders the contract files' evaluation in every format the
// CLI writes, so the withholding's rendering is pinned in each.
func TestFormats(t *testing.T) {
	c, res := exampletest.EvaluateFiles(t, ".")
	for _, format := range []string{"markdown", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			var out bytes.Buffer
			var err error
			switch format {
			case "markdown":
				err = report.Markdown(&out, c, res)
			case "json":
				err = report.JSON(&out, c, res, "")
			case "csv":
				err = report.CSV(&out, c, res)
			}
			require.NoError(t, err)
			golden.Check(t, filepath.Join("testdata", "contract."+format+".golden"), out.Bytes())
		})
	}
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
			require.Equal(t, m.Charges.StringFixed(2), m.Withheld.StringFixed(2))
		}
	}
	require.Equal(t, []string{"2021-05", "2021-07"}, critical)
	y := res.Ledger.Years[0]
	require.Equal(t, "200000.00", y.Withheld.StringFixed(2))
	require.Equal(t, "203600.00", y.Total.StringFixed(2), "withheld 200000.00 plus the annual cap of 3600.00")
}
