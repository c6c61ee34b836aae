package main

import (
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the text and the JSON report against testdata. Run
// `go test ./examples/norfolk -update` after an intended change and review
// the diff.
func TestGolden(t *testing.T) {
	exampletest.Formats(t, "report", run, "text", "json")
}

// TestReportFacts checks the figures the report states, independent of
// layout.
func TestReportFacts(t *testing.T) {
	_, res, err := evaluate(".")
	require.NoError(t, err)
	aug := res.Months[len(res.Months)-1]
	require.Equal(t, kpi.MustParseMonth("2017-08"), aug.Month)
	cell := func(id string) contract.Cell {
		for _, c := range aug.Cells {
			if c.Measured.KPI == id {
				return c
			}
		}
		t.Fatalf("no cell %s", id)
		return contract.Cell{}
	}
	avail := cell("AVAIL")
	require.Equal(t, "99.801346", kpi.FormatValue(avail.Measured.Value), "118,564 of 118,800 minutes")
	require.True(t, avail.Measured.Inexact)
	require.Equal(t, "99", avail.Measured.Rounded.String(), "printed as 99%, truncated")
	require.Equal(t, kpi.Green, avail.Raw)
	require.Equal(t, kpi.Green, cell("ABANDON").Raw, "7% is below 10%")
	require.Equal(t, kpi.Green, cell("CONTACTS").Raw, "1.48 is 1.5 or below")
	require.Equal(t, kpi.Amber, cell("SLA").Raw, "76% against 80%: within the 5% margin, exactly at it")
	require.NotEmpty(t, cell("SLA").Card, "short of the target by 5%: a report card")
	require.Equal(t, kpi.Reported, cell("RETURN").Raw)
	require.Equal(t, kpi.Missing, res.Months[0].Cells[0].Measured.Absent, "not in the report: missing, not guessed")
	require.Equal(t, kpi.Unmeasured, res.Months[0].Cells[0].Raw)
	// AVAIL: 99, 98, 95, 94, 98, 99, 99 against 99 with a minimum of 94.05;
	// the rest reported in August only.
	contracttest.RAG(t, res, `
		KPI      Feb-17      Mar-17      Apr-17      May-17      Jun-17      Jul-17      Aug-17
		AVAIL    G           A           A           R           A           G           G
		SAT      unmeasured  unmeasured  unmeasured  unmeasured  unmeasured  unmeasured  G
		RETURN   unmeasured  unmeasured  unmeasured  unmeasured  unmeasured  unmeasured  16
		FLF      unmeasured  unmeasured  unmeasured  unmeasured  unmeasured  unmeasured  R
		SLA      unmeasured  unmeasured  unmeasured  unmeasured  unmeasured  unmeasured  A`)
}
