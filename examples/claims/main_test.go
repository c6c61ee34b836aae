package main

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/reconcile"
	"github.com/stretchr/testify/require"
)

// TestGolden checks the printed reconciliation against testdata. Run `go
// test . -update` in this directory after an intended change and review
// the diff.
func TestGolden(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, "."))
	contracttest.Golden(t, filepath.Join("testdata", "output.golden"), out.Bytes())
}

// TestOneClaimWrong checks what the golden file shows, so that a careless
// -update cannot lose it: every published figure agrees, every cell is
// judged, and the one failing finding is May's abandonment claim, 250.00
// against the ledger's 500.00.
func TestOneClaimWrong(t *testing.T) {
	_, rep, err := check(".")
	require.NoError(t, err)
	require.Empty(t, rep.Uncovered)
	var failing []reconcile.Finding
	for _, f := range rep.Findings {
		if f.Verdict != reconcile.Agrees {
			failing = append(failing, f)
		}
	}
	require.Len(t, failing, 1)
	f := failing[0]
	require.Equal(t, reconcile.ClaimCheck, f.Kind)
	require.Equal(t, "claims.csv:4:18", f.Pos.String())
	require.Equal(t, "ABANDON", f.KPI)
	require.Equal(t, "2024-05", f.Month.String())
	require.Equal(t, "250.00", f.Published)
	require.Equal(t, "500.00", f.Recomputed)
	require.Equal(t, "-250.00", f.Difference.StringFixed(2))
	require.True(t, rep.Fails())
	kinds := map[reconcile.Kind]bool{}
	for _, f := range rep.Findings {
		kinds[f.Kind] = true
	}
	for _, k := range []reconcile.Kind{reconcile.TargetCheck, reconcile.RAGCheck, reconcile.ValueCheck, reconcile.AttainableCheck,
		reconcile.ShareCheck, reconcile.TotalCheck, reconcile.PeriodCheck, reconcile.BoardCheck, reconcile.ClaimCheck} {
		require.True(t, kinds[k], "the example exercises %s", k)
	}
}
