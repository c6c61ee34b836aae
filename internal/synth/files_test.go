package synth_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/mitigation"
	"github.com/stretchr/testify/require"
)

// loadDir reads the files WriteFiles wrote and evaluates them.
func loadDir(t testing.TB, dir string) (*contract.Contract, *contract.Result) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "contract.yaml"))
	require.NoError(t, err)
	c, err := load.Contract("contract.yaml", data)
	require.NoError(t, err)
	f, err := os.Open(filepath.Join(dir, "measurements.csv"))
	require.NoError(t, err)
	defer f.Close()
	ms, err := load.Measurements("measurements.csv", f, c)
	require.NoError(t, err)
	data, err = os.ReadFile(filepath.Join(dir, "mitigations.csv"))
	require.NoError(t, err)
	reg, err := load.Register("mitigations.csv", data, c)
	require.NoError(t, err)
	res, err := c.Evaluate(contract.Input{Measurements: ms, Mitigations: reg})
	require.NoError(t, err)
	return c, res
}

// TestFilesRoundTrip writes generated contracts as files and expects the
// loader to read back a contract that evaluates exactly as the original.
func TestFilesRoundTrip(t *testing.T) {
	for n := range 10 {
		p := synth.Generate(3, n, synth.Shape{KPIs: 6, Months: 30, Orgs: 1 + n%3})
		dir := t.TempDir()
		require.NoError(t, synth.WriteFiles(dir, p))
		_, got := loadDir(t, dir)
		reg, err := mitigation.NewRegister(p.Mitigations, p.Contract.MitigationScope())
		require.NoError(t, err)
		want, err := p.Contract.Evaluate(contract.Input{Measurements: p.Measurements, Mitigations: reg})
		require.NoError(t, err)
		if d := cmp.Diff(want.Ledger, got.Ledger); d != "" {
			t.Fatalf("contract %d: ledger from files differs:\n%s", n, d)
		}
		require.Equal(t, len(want.Months), len(got.Months))
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	a := synth.Generate(9, 4, synth.Shape{KPIs: 5, Months: 24, Orgs: 2})
	b := synth.Generate(9, 4, synth.Shape{KPIs: 5, Months: 24, Orgs: 2})
	require.Empty(t, cmp.Diff(a, b, cmp.Comparer(func(x, y *contract.Contract) bool { return cmp.Equal(*x, *y, cmp.AllowUnexported()) })))
	require.Panics(t, func() { synth.Generate(1, 0, synth.Shape{}) })
}
