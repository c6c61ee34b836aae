package exampletest

import (
	"bytes"
	"io"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/report"
	"github.com/stretchr/testify/require"
)

// Output runs an example's run, which prints the example to w, and checks
// what it prints against the golden file testdata/name with
// contracttest.Golden (go test . -update after an intended change; review
// the diff).
func Output(t *testing.T, name string, run func(w io.Writer) error) {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, run(&out))
	contracttest.Golden(t, filepath.Join("testdata", name), out.Bytes())
}

// Formats checks what an example's run, which prints the example whose
// files are in dir in a format, prints from the directory the test runs
// in, in each of formats, against the golden file
// testdata/name.FORMAT.golden (Output), a subtest name.FORMAT each.
func Formats(t *testing.T, name string, run func(w io.Writer, dir, format string) error, formats ...string) {
	t.Helper()
	for _, format := range formats {
		t.Run(name+"."+format, func(t *testing.T) {
			Output(t, name+"."+format+".golden", func(w io.Writer) error { return run(w, ".", format) })
		})
	}
}

// Check checks a worked example whose test runs in its directory: what
// its run prints against testdata/output.golden (Output), then its shipped
// files against the rules it builds in Go, want, and their golden reports
// in text and the other formats named (CheckFiles).
func Check(t *testing.T, run func(w io.Writer) error, want credits.Rules, formats ...string) (*contract.Contract, *contract.Result) {
	t.Helper()
	Output(t, "output.golden", run)
	return CheckFiles(t, ".", want, formats...)
}

// LoadFiles loads dir/contract.yaml and dir/measurements.csv, as an
// example ships them.
func LoadFiles(t testing.TB, dir string) (*contract.Contract, []kpi.Measurement) {
	t.Helper()
	c, err := load.ContractFile(filepath.Join(dir, "contract.yaml"))
	require.NoError(t, err)
	ms, err := load.MeasurementsFile(filepath.Join(dir, "measurements.csv"), c)
	require.NoError(t, err)
	return c, ms
}

// EvaluateFiles loads dir/contract.yaml and dir/measurements.csv and
// evaluates the months measured, from the first to the last, as
// `servicecredit evaluate` does (contracttest.EvaluateFiles, without
// mitigations).
func EvaluateFiles(t testing.TB, dir string) (*contract.Contract, *contract.Result) {
	t.Helper()
	return contracttest.EvaluateFiles(t, filepath.Join(dir, "contract.yaml"), filepath.Join(dir, "measurements.csv"), "")
}

// CheckFiles evaluates dir's files (EvaluateFiles) and checks that the
// contract file holds the credit rules the example builds in Go, want, and
// that the report in text, and in each of the other formats named
// ("markdown", "json", "csv"), equals its golden file
// dir/testdata/contract.FORMAT.golden.
func CheckFiles(t *testing.T, dir string, want credits.Rules, formats ...string) (*contract.Contract, *contract.Result) {
	t.Helper()
	c, res := EvaluateFiles(t, dir)
	if diff := cmp.Diff(want, c.Credits); diff != "" {
		t.Errorf("contract.yaml's rules differ from the example's Go (-go +file):\n%s", diff)
	}
	for _, format := range append([]string{"text"}, formats...) {
		var out bytes.Buffer
		var err error
		switch format {
		case "text":
			err = report.Text(&out, c, res)
		case "markdown":
			err = report.Markdown(&out, c, res)
		case "json":
			err = report.JSON(&out, c, res)
		case "csv":
			err = report.CSV(&out, c, res)
		default:
			t.Fatalf("unknown format %q", format)
		}
		require.NoError(t, err, format)
		contracttest.Golden(t, filepath.Join(dir, "testdata", "contract."+format+".golden"), out.Bytes())
	}
	return c, res
}
