// Package exampletest holds what the examples' tests share: loading an
// example's shipped files and evaluating them as the command-line tool
// does, so that each example checks its files give its published figures.
package exampletest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/load"
	"github.com/stretchr/testify/require"
)

// EvaluateFiles loads dir/contract.yaml and dir/measurements.csv and
// evaluates the months measured, from the first to the last, as
// `servicecredit evaluate` does.
func EvaluateFiles(t testing.TB, dir string) (*contract.Contract, *contract.Result) {
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
	require.NotEmpty(t, ms, "no measurements to evaluate")
	in := contract.Input{From: ms[0].Month, To: ms[0].Month, Measurements: ms}
	for _, m := range ms {
		if m.Month.Before(in.From) {
			in.From = m.Month
		}
		if in.To.Before(m.Month) {
			in.To = m.Month
		}
	}
	res, err := c.Evaluate(in)
	require.NoError(t, err)
	return c, res
}
