package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/servicecredit/engine/report"
	"github.com/stretchr/testify/require"
)

// reconcileTable1 reconciles the transcription of the report's Table 1
// (table1.tsv) against the shipped contract, measurements and
// mitigations, as `servicecredit reconcile contract.yaml table1.tsv
// -relations relations.yaml -measurements measurements.csv -mitigations
// mitigations.yaml` does.
func reconcileTable1(t *testing.T) (reconcile.Input, *reconcile.Report) {
	t.Helper()
	read := func(name string) []byte {
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		return b
	}
	c, err := load.Contract("contract.yaml", read("contract.yaml"))
	require.NoError(t, err)
	in := reconcile.Input{Contract: c}
	in.Measurements, err = load.Measurements("measurements.csv", bytes.NewReader(read("measurements.csv")), c)
	require.NoError(t, err)
	in.Mitigations, err = load.Register("mitigations.yaml", read("mitigations.yaml"), c)
	require.NoError(t, err)
	in.Relations, err = load.Relations("relations.yaml", read("relations.yaml"), c)
	require.NoError(t, err)
	p, err := pack.ReadPublished("table1.tsv", bytes.NewReader(read("table1.tsv")))
	require.NoError(t, err)
	in.Packs = []*pack.Published{p}
	rep, err := reconcile.Check(in)
	require.NoError(t, err)
	return in, rep
}

// TestReconcileTable1 checks that the report's Table 1 reconciles with
// the engine's own evaluation: every one of its 25 counts and 5 headings
// is judged and agrees, and TOTAL is the sum of the three status rows.
func TestReconcileTable1(t *testing.T) {
	in, rep := reconcileTable1(t)
	require.False(t, rep.Fails())
	require.Empty(t, rep.Uncovered, "every published cell is judged")
	judged := map[string]reconcile.Kind{}
	for _, f := range rep.Findings {
		require.Equal(t, reconcile.Agrees, f.Verdict, "%s %s: %s", f.Pos, f.Kind, f.Reason)
		if f.Kind != reconcile.TotalCheck {
			judged[f.Pos.String()] = f.Kind
		}
	}
	for line := 8; line <= 12; line++ {
		for cell := 2; cell <= 6; cell++ {
			require.Equal(t, reconcile.BoardCheck, judged[pack.Pos{File: "table1.tsv", Line: line, Cell: cell}.String()], "line %d cell %d", line, cell)
		}
	}
	for cell := 2; cell <= 6; cell++ {
		require.Equal(t, reconcile.HeadingCheck, judged[pack.Pos{File: "table1.tsv", Line: 7, Cell: cell}.String()], "Yr 7 heading %d", cell)
	}
	for _, format := range []string{"text", "json"} {
		var out bytes.Buffer
		if format == "json" {
			require.NoError(t, report.ReconcileJSON(&out, in.Contract, rep))
		} else {
			require.NoError(t, report.ReconcileText(&out, in.Contract, rep))
		}
		contracttest.Golden(t, filepath.Join("testdata", "reconcile."+format+".golden"), out.Bytes())
	}
}

// TestReconcileTable1Wrong changes one count of the transcription and
// checks that the reconciliation names it: the board count and the
// TOTAL it no longer adds up to.
func TestReconcileTable1Wrong(t *testing.T) {
	in, _ := reconcileTable1(t)
	data, err := os.ReadFile("table1.tsv")
	require.NoError(t, err)
	data = bytes.Replace(data, []byte("TSL achieved\t11\t13"), []byte("TSL achieved\t12\t13"), 1)
	p, err := pack.ReadPublished("table1.tsv", bytes.NewReader(data))
	require.NoError(t, err)
	in.Packs = []*pack.Published{p}
	rep, err := reconcile.Check(in)
	require.NoError(t, err)
	var failing []string
	for _, f := range rep.Findings {
		if f.Fails() {
			failing = append(failing, f.Pos.String()+" "+f.Kind.String()+" "+f.Published+" "+f.Recomputed)
		}
	}
	require.Equal(t, []string{"table1.tsv:8:2 board 12 11", "table1.tsv:11:2 total 13 14"}, failing)
}
