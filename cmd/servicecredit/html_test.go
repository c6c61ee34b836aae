package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/stretchr/testify/require"
)

// TestHTMLExamples writes the page of every shipped example with
// `evaluate -format html` on its files (contract.yaml, measurements.csv
// and, where it has one, mitigations.yaml), twice, and checks that the
// two are the same bytes and equal examples/NAME/testdata/evaluate.html.golden.
// The browser test (browsertest/) loads the same pages.
func TestHTMLExamples(t *testing.T) {
	dirs, err := filepath.Glob("../../examples/*/contract.yaml")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(dirs), 12)
	for _, c := range dirs {
		dir := filepath.Dir(c)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			args := []string{"evaluate", "-format", "html", "contract.yaml", "measurements.csv"}
			if _, err := os.Stat(filepath.Join(dir, "mitigations.yaml")); err == nil {
				args = append(args, "mitigations.yaml")
			}
			code, out, errOut := cli(t, dir, "", args...)
			require.Equal(t, 0, code, errOut)
			require.Empty(t, errOut)
			_, again, _ := cli(t, "", "", args...)
			require.True(t, out == again, "two runs give different pages")
			contracttest.Golden(t, filepath.Join("testdata", "evaluate.html.golden"), []byte(out))
		})
	}
}

// TestReconcileHTML writes the page of each reconciliation the README
// shows, and checks it against examples/NAME/testdata/reconcile.html.golden.
func TestReconcileHTML(t *testing.T) {
	for _, tc := range []struct {
		example string
		args    []string
		code    int
	}{
		{"lincolnshire", []string{"contract.yaml", "table1.tsv", "-relations", "relations.yaml", "-measurements", "measurements.csv", "-mitigations", "mitigations.yaml"}, 0},
		{"brent-lewisham", []string{"contract.yaml", "brent-published.tsv", "lewisham-published.tsv", "-relations", "relations.yaml"}, 3},
		{"claims", []string{"contract.yaml", "pack.tsv", "-relations", "relations.yaml", "-measurements", "measurements.csv", "-claims", "claims.csv"}, 3},
	} {
		t.Run(tc.example, func(t *testing.T) {
			code, out, errOut := cli(t, "../../examples/"+tc.example, "", append([]string{"reconcile", "-format", "html"}, tc.args...)...)
			require.Equal(t, tc.code, code, errOut)
			require.Empty(t, errOut)
			contracttest.Golden(t, filepath.Join("testdata", "reconcile.html.golden"), []byte(out))
		})
	}
}

// TestHTMLOrg checks -org with -format html: one organisation's grid,
// no combined grid, the contract's totals.
func TestHTMLOrg(t *testing.T) {
	code, out, errOut := cli(t, "../../examples/brent-lewisham", "", "evaluate", "-format", "html", "-org", "Lewisham", "contract.yaml", "measurements.csv")
	require.Equal(t, 0, code, errOut)
	require.Equal(t, 1, strings.Count(out, `<table class="heat" data-org="Lewisham"`), "one contract year, one grid")
	require.NotContains(t, out, `data-org="Brent"`)
	require.NotContains(t, out, `data-org="combined"`)
	require.Contains(t, out, "<h1>ICT shared service, Brent and Lewisham: Lewisham</h1>")
}

// TestHTMLLimit checks that a page past report.MaxHTMLCells is refused
// before the evaluation, with exit status 4, and that fewer months fit.
func TestHTMLLimit(t *testing.T) {
	dir := write(t, map[string]string{"c.yaml": bigContract(120, 2000, 1), "m.csv": "kpi,organisation,month,value\nK0,O0,2000-06,99\n"})
	code, out, errOut := cli(t, dir, "", "evaluate", "-format", "html", "c.yaml", "m.csv", "-from", "2000-01", "-to", "2004-12")
	require.Equal(t, 4, code)
	require.Empty(t, out)
	require.Equal(t, "evaluation: html page of 120000 kpi-months: more than the limit of 100000 (show one organisation with -org, or fewer months with -from and -to): page too large: limit reached\n", errOut)
	code, out, errOut = cli(t, "", "", "evaluate", "-format", "html", "c.yaml", "m.csv", "-from", "2000-01", "-to", "2000-12")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, `<table class="heat" data-org="O0"`)
}

// TestHTMLRevisions writes the page of the Lincolnshire example's monthly
// cycle, September's IMT_KPI_06 corrected and ILL-3 agreed after the
// months were sealed, with -seals: its section of revisions, as
// examples/lincolnshire/testdata/restatement.html.golden; then with a
// seal edited, which the page shows untrusted, and the command exits 3.
func TestHTMLRevisions(t *testing.T) {
	args := []string{"evaluate", "-format", "html", "contract.yaml", "monthly/measurements-corrected.csv", "mitigations.yaml", "-seals", "monthly/seals"}
	code, out, errOut := cli(t, shipped, "", args...)
	require.Equal(t, 0, code, errOut)
	require.Empty(t, errOut)
	contracttest.Golden(t, filepath.Join("testdata", "restatement.html.golden"), []byte(out))
	for _, s := range []string{
		`<li><a href="#revisions">Revisions</a></li>`,
		`<td class="warn nw"><span aria-hidden="true">Δ </span>revised</td><td class="n">2040.00</td><td class="n">4080.00</td><td class="n">2040.00</td>`,
		`<dt>Since sealed</dt><dd>value 86.2 → 84.6; status green → amber; points 0 → 4.0; credit 0.00 → 4080.00, adjustment 4080.00 in Nov-21</dd>`,
		`<p><strong>Total adjustment: -2040.00</strong>`,
	} {
		require.Contains(t, out, s)
	}

	dir := cycleDir(t)
	closeAtOctober(t, dir)
	path := filepath.Join(dir, "seals", "seal-2021-08.json")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, []byte(strings.Replace(string(data), `"850000.00"`, `"950000.00"`, 1)), 0o644))
	code, out, errOut = cli(t, dir, "", "evaluate", "-format", "html", "contract.yaml", "monthly/measurements-corrected.csv", "mitigations.yaml", "-seals", "seals")
	require.Equal(t, 3, code, "an edited seal is never trusted")
	require.Contains(t, errOut, "seals/seal-2021-08.json")
	require.Contains(t, out, `<td class="bad nw"><span aria-hidden="true">✗ </span>untrusted</td>`)
}
