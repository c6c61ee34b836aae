package synth_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/mitigation"
	reports "github.com/servicecredit/engine/report"
	"github.com/stretchr/testify/require"
)

// loadDir reads the files WriteFiles wrote and evaluates them.
func loadDir(t testing.TB, dir string) (*contract.Contract, *contract.Result) {
	t.Helper()
	c, err := load.ContractFile(filepath.Join(dir, "contract.yaml"))
	require.NoError(t, err)
	ms, err := load.MeasurementsFile(filepath.Join(dir, "measurements.csv"), c)
	require.NoError(t, err)
	data, err := os.ReadFile(filepath.Join(dir, "mitigations.csv"))
	require.NoError(t, err)
	reg, err := load.Register("mitigations.csv", data, c)
	require.NoError(t, err)
	res, err := c.Evaluate(contract.Input{Measurements: ms, Mitigations: reg})
	require.NoError(t, err)
	return c, res
}

// roundTrip writes p as files, reads them back and evaluates them, and
// fails t when the credit rules read or the ledger differ from p's own. It
// returns the contract read, and p's result and the files'.
func roundTrip(t testing.TB, p synth.Portfolio) (c *contract.Contract, want, got *contract.Result) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, synth.WriteFiles(dir, p))
	c, got = loadDir(t, dir)
	if d := cmp.Diff(p.Contract.Credits, c.Credits, cmpopts.EquateEmpty()); d != "" {
		t.Fatalf("credit rules from files differ:\n%s", d)
	}
	want = evaluate(t, p)
	if d := cmp.Diff(want.Ledger, got.Ledger); d != "" {
		t.Fatalf("ledger from files differs:\n%s", d)
	}
	return c, want, got
}

// TestFilesRoundTrip writes generated contracts of every regime as files
// and expects the loader to read back the same credit rules, and a
// contract whose ledger and JSON report are exactly the original's.
func TestFilesRoundTrip(t *testing.T) {
	for _, g := range synth.Regimes() {
		for _, s := range shapes {
			s.Regime = g
			for _, seed := range []uint64{3, 11} {
				for n := range 3 {
					t.Run(fmt.Sprintf("%s/%dx%dx%d/seed-%d/contract-%d", g, s.KPIs, s.Months, s.Orgs, seed, n), func(t *testing.T) {
						t.Parallel()
						p := synth.Generate(seed, n, s)
						c, want, got := roundTrip(t, p)
						var wantJSON, gotJSON bytes.Buffer
						require.NoError(t, reports.JSON(&wantJSON, p.Contract, want))
						require.NoError(t, reports.JSON(&gotJSON, c, got))
						if d := cmp.Diff(wantJSON.String(), gotJSON.String()); d != "" {
							t.Fatalf("JSON report from files differs:\n%s", d)
						}
					})
				}
			}
		}
	}
}

// TestWriteFilesUnknownRegime: a regime WriteFiles cannot write is an
// error, not a file the loader would misread.
func TestWriteFilesUnknownRegime(t *testing.T) {
	p := synth.Generate(1, 0, synth.Shape{KPIs: 1, Months: 1, Orgs: 1})
	c := *p.Contract
	c.Credits.Regime = nil
	p.Contract = &c
	err := synth.WriteFiles(t.TempDir(), p)
	require.EqualError(t, err, `synth: contract "synthetic contract 0": regime <nil> cannot be written`)
}

// TestWriteFilesRefuses: what WriteFiles cannot write is an error naming
// it, never left out of the files.
func TestWriteFilesRefuses(t *testing.T) {
	tests := []struct {
		name   string
		change func(*synth.Portfolio)
		want   string
	}{
		{"strict bound", func(p *synth.Portfolio) { p.Contract.KPIs[0].Schedule.Base.TSLBound = kpi.Strict },
			`synth: contract "synthetic contract 0": kpi KPI001 has parts WriteFiles does not write`},
		{"quarterly", func(p *synth.Portfolio) { p.Contract.KPIs[0].Every = 3 },
			`synth: contract "synthetic contract 0": kpi KPI001 has parts WriteFiles does not write`},
		{"deemed", func(p *synth.Portfolio) {
			p.Mitigations = []mitigation.Record{{Ref: "M1", KPI: "KPI001", From: p.Contract.Commencement, Reason: "r",
				Effect: mitigation.Deemed, Deemed: kpi.Green}}
		}, "synth: mitigation M1: effect deemed: WriteFiles writes relief only"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := synth.Generate(1, 0, synth.Shape{KPIs: 1, Months: 1, Orgs: 1})
			tt.change(&p)
			require.EqualError(t, synth.WriteFiles(t.TempDir(), p), tt.want)
		})
	}
}

// TestFilesRoundTripEarnBack: a generated contract with an earn-back rule
// (EarnBack) reads back from its files with the same rules and ledger.
func TestFilesRoundTripEarnBack(t *testing.T) {
	earned := 0
	for n := range 6 {
		p := synth.Generate(5, n, synth.Shape{KPIs: 4, Months: 30, Orgs: 1 + n%2, Regime: synth.Points, Failures: 30})
		c := *p.Contract
		c.Credits.EarnBack = synth.EarnBack(uint64(n), &c)
		require.NotEmpty(t, c.Credits.EarnBack.KPIs, "contract %d", n)
		p.Contract = &c
		t.Run(fmt.Sprintf("contract-%d", n), func(t *testing.T) {
			_, _, got := roundTrip(t, p)
			for _, l := range got.Ledger.Lines {
				if l.Kind == credits.EarnBackLine {
					earned++
				}
			}
		})
	}
	require.Positive(t, earned, "the contracts earn nothing back")
}
