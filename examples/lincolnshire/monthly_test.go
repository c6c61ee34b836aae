package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/report"
	"github.com/servicecredit/engine/seal"
	"github.com/stretchr/testify/require"
)

// files reads the contract, a measurements file and a mitigations file of
// the example's directory, with their digests.
func files(t *testing.T, measurements, mitigations string) (*contract.Contract, contract.Input, seal.Inputs) {
	t.Helper()
	var inputs seal.Inputs
	digest := func(name string) string {
		f, err := os.Open(name)
		require.NoError(t, err)
		defer f.Close()
		d, err := seal.FileDigest(f)
		require.NoError(t, err)
		return d
	}
	c, err := load.ContractFile("contract.yaml")
	require.NoError(t, err)
	ms, err := load.MeasurementsFile(measurements, c)
	require.NoError(t, err)
	reg, err := load.MitigationsFile(mitigations, c)
	require.NoError(t, err)
	inputs.Contract, inputs.Measurements, inputs.Mitigations = digest("contract.yaml"), digest(measurements), digest(mitigations)
	return c, contract.Input{Measurements: ms, Mitigations: reg}, inputs
}

// TestMonthlyCycle is the example's monthly cycle (docs/monthly-cycle.md):
// June to October 2021 closed with the mitigations agreed by then, whose
// seals are committed in monthly/seals, byte for byte; then September's
// IMT_KPI_06 corrected (86.2 to 84.6, amber) and ILL-3 agreed on
// 2021-11-16, relieving IMT_KPI_14 in September and October. The
// restatement is golden-tested: September +2040.00 (KPI06 +4080.00, KPI14
// -2040.00), October -4080.00, in all -2040.00 adjusted in November.
func TestMonthlyCycle(t *testing.T) {
	c, atClose, inputs := files(t, "measurements.csv", filepath.Join("monthly", "mitigations-at-close.yaml"))
	for m := kpi.MustParseMonth("2021-06"); !m.After(kpi.MustParseMonth("2021-10")); m = m.AddMonths(1) {
		s, err := seal.Close(c, atClose, m, inputs)
		require.NoError(t, err)
		data, err := seal.Marshal(s, nil)
		require.NoError(t, err)
		committed, err := os.ReadFile(filepath.Join("monthly", "seals", seal.FileName(m)))
		require.NoError(t, err)
		require.Equal(t, string(committed), string(data), "the committed seal of %s", m)
	}
	entries, err := seal.ReadDir(filepath.Join("monthly", "seals"), nil)
	require.NoError(t, err)
	require.Len(t, entries, 5)
	c, today, inputs := files(t, filepath.Join("monthly", "measurements-corrected.csv"), "mitigations.yaml")
	r, err := seal.Restate(c, today, inputs, entries, kpi.Month{})
	require.NoError(t, err)
	require.Equal(t, "-2040.00", c.Credits.Money.Format(r.Total))
	var out bytes.Buffer
	require.NoError(t, report.RestatementText(&out, c, r))
	contracttest.Golden(t, filepath.Join("testdata", "restatement.golden"), out.Bytes())
}
