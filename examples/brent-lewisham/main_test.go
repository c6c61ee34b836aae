package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/golden"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the pack-style text and the JSON report against
// testdata. Run `go test ./examples/brent-lewisham -update` after an
// intended change and review the diff.
func TestGolden(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, run(&out, ".", format))
			golden.Check(t, filepath.Join("testdata", "report."+format+".golden"), out.Bytes())
		})
	}
}

// TestPackFacts checks figures the pack states, independent of layout.
func TestPackFacts(t *testing.T) {
	_, res, err := evaluate(".")
	require.NoError(t, err)
	cell := func(month, id, org string) contract.Cell {
		m := kpi.MustParseMonth(month)
		for _, mo := range res.Months {
			if mo.Month != m {
				continue
			}
			for _, c := range append(append([]contract.Cell(nil), mo.Cells...), mo.Combined...) {
				if c.Measured.KPI == id && c.Measured.Org == org {
					return c
				}
			}
		}
		t.Fatalf("no cell %s %s %s", month, id, org)
		return contract.Cell{}
	}
	// UNVL and N/A are kept apart, and counted as the contract says.
	require.Equal(t, kpi.Unavailable, cell("2016-04", "AV-TEL", "Lewisham").Measured.Absent)
	require.Equal(t, kpi.Unmeasured, cell("2016-04", "AV-TEL", "Lewisham").Raw, "an unavailable availability is not a failure")
	require.Equal(t, kpi.Red, cell("2016-04", "NPS", "Lewisham").Raw, "an unavailable NPS is a failure")
	require.Equal(t, kpi.NotApplicable, cell("2016-12", "P1", "Brent").Measured.Absent, "no P1 calls in December")
	// Decrease: the first month has no comparison; then each month against the one before.
	require.Equal(t, kpi.NoBaseline, cell("2016-10", "OPEN", "Brent").Measured.Absent)
	require.Equal(t, kpi.Green, cell("2016-11", "OPEN", "Brent").Raw, "668 after 670")
	require.Equal(t, kpi.Red, cell("2017-01", "OPEN", "Brent").Raw, "628 after 505")
	// Overall SLA: computed from P1-P4 and their volumes, beside the pack's figure.
	sla := cell("2016-10", "SLA", "Brent")
	require.Equal(t, "71.52", sla.Measured.Rounded.StringFixed(2))
	require.Equal(t, "71.39", kpi.FormatValue(sla.Published.Value))
	require.Equal(t, kpi.NoInput, cell("2016-09", "SLA", "Brent").Measured.Absent, "September has no volumes")
	// Combined: volumes summed, percentages pooled by volume.
	require.Equal(t, "7058", cell("2016-04", "CALLS", contract.Combined).Measured.Rounded.String())
	require.Equal(t, "35.83", cell("2016-10", "P1", contract.Combined).Measured.Rounded.StringFixed(2), "(36.36 x 14 + 33.33 x 3) / 17")
	for _, mo := range res.Months {
		for _, c := range mo.Combined {
			require.NotContains(t, c.Measured.KPI, "AV-", "availability of different systems is not combined")
		}
	}
	require.True(t, res.Ledger.Total.IsZero(), "the shared service carries no credits")
}
