package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/outlook"
	"github.com/servicecredit/engine/report"
	"github.com/stretchr/testify/require"
)

// TestOutlook takes contract.yaml's outlook as of December 2021: A has
// been amber every month (40 points, 200.00 before the rolling cap, 150.00
// after), so the termination right's 12-month window holds 360 points of
// its 400; January keeps all of them, and any one failure (A amber scores
// exactly the 40 needed) fires it: the trigger is one failure away.
func TestOutlook(t *testing.T) {
	c, ms := exampletest.LoadFiles(t, ".")
	o, err := outlook.Compute(c, contract.Input{Measurements: ms}, kpi.MustParseMonth("2021-12"))
	require.NoError(t, err)
	term := o.Triggers[1]
	require.Equal(t, "termination", term.Name)
	require.Equal(t, "40", kpi.FormatValue(term.Needed))
	require.True(t, term.Distance.Reachable)
	require.Equal(t, 1, term.Distance.Failures)
	require.Equal(t, "1800.00", c.Credits.Money.Format(o.Forecast.Greatest.YearEnd), "150.00 a month to March, as the rolling cap allows")
	var out bytes.Buffer
	require.NoError(t, report.OutlookText(&out, c, o))
	contracttest.Golden(t, filepath.Join("testdata", "outlook.golden"), out.Bytes())
}
