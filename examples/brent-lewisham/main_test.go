package main

import (
	"bytes"
	"io"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/reconcile"
	"github.com/servicecredit/engine/report"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the pack-style text and the JSON report against
// testdata. Run `go test ./examples/brent-lewisham -update` after an
// intended change and review the diff.
func TestGolden(t *testing.T) {
	exampletest.Formats(t, "report", run, "text", "json")
	exampletest.Formats(t, "reconcile", func(w io.Writer, dir, format string) error {
		if format == "json" {
			return run(w, dir, "reconcile-json")
		}
		return run(w, dir, "reconcile")
	}, "text", "json")
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
	require.Equal(t, "71.39", kpi.FormatValue(sla.Published().Value))
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

// TestPublishedFindings checks what the reconciliation golden shows, so
// that a careless -update cannot lose it: every flaw of the pack as
// published is named by its check and place, and nothing else fails.
func TestPublishedFindings(t *testing.T) {
	_, rep, err := reconcilePublished(".")
	require.NoError(t, err)
	require.True(t, rep.Fails())
	failing := map[reconcile.Kind][]string{}
	for _, f := range rep.Findings {
		if f.Fails() {
			failing[f.Kind] = append(failing[f.Kind], f.Pos.String())
		}
	}
	b, l := "brent-published.tsv:", "lewisham-published.tsv:"
	require.Equal(t, map[reconcile.Kind][]string{
		reconcile.HeadingCheck: {b + "1:8", b + "1:9"},                                       // SEP-15 and OCT-15 between AUG-16 and NOV-16
		reconcile.LabelCheck:   {b + "11:1", l + "13:1"},                                     // oneOrade, Sksttop Service
		reconcile.ShapeCheck:   {b + "31", b + "32", b + "33", l + "32", l + "33", l + "34"}, // eleven values under twelve months
		reconcile.AttainableCheck: {
			b + "16:9", b + "16:12", // P1 36.36% of 14, 66.60% of 3
			b + "18:9", b + "18:10", b + "18:11", b + "18:12", b + "18:14",
			b + "20:9", b + "20:10", b + "20:11", b + "20:13", b + "20:14",
			b + "22:10", b + "22:11", b + "22:14",
			l + "17:11", // P1 75% of 3
			l + "19:9", l + "19:10", l + "19:11", l + "19:12",
			l + "21:10", l + "21:11", l + "21:12", l + "21:13", l + "21:14",
			l + "23:9", l + "23:10", l + "23:11", l + "23:12", l + "23:13", l + "23:14",
		},
		reconcile.TotalCheck:   {b + "25:9", b + "25:10", l + "26:9", l + "26:10"}, // October and November's volumes do not add up
		reconcile.OverallCheck: {b + "24:9", b + "24:10", b + "24:11", b + "24:12", b + "24:13", b + "24:14", l + "25:9", l + "25:10", l + "25:11", l + "25:12", l + "25:13", l + "25:14"},
	}, failing)
	for _, f := range rep.Findings {
		switch {
		case f.Pos.String() == b+"16:9":
			require.Equal(t, reconcile.Impossible, f.Verdict)
			require.Equal(t, []string{"35.71 (5/14)", "42.86 (6/14)"}, f.Nearest)
		case f.Pos.String() == b+"24:9":
			require.Equal(t, "71.39%", f.Published)
			require.Equal(t, "71.52", f.Recomputed, "P1-P4 weighted by their volumes")
			require.Len(t, f.Warnings, 3, "built from three impossible percentages")
		case f.Pos.String() == b+"25:12":
			require.Equal(t, reconcile.Agrees, f.Verdict, "January's volumes add up: 3 + 46 + 1243 + 2923 = 4215")
		}
	}
}

// TestMeasurementsFile checks that the shipped measurements.csv is what
// the corrected tables give (`go run ./examples/brent-lewisham
// measurements`; -update rewrites it), and that evaluating it, as
// `servicecredit evaluate` does, gives the example's evaluation of the
// tables, byte for byte in JSON.
func TestMeasurementsFile(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, ".", "measurements"))
	contracttest.Golden(t, "measurements.csv", out.Bytes())

	_, want, err := evaluate(".")
	require.NoError(t, err)
	c, got := exampletest.EvaluateFiles(t, ".")
	var a, b bytes.Buffer
	require.NoError(t, report.JSON(&a, c, want))
	require.NoError(t, report.JSON(&b, c, got))
	require.Equal(t, a.String(), b.String(), "the file evaluates as the tables do")
}
