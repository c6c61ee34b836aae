package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contracttest"
	"github.com/stretchr/testify/require"
)

// cli runs the command in dir with args and returns its exit status,
// standard output and standard error.
func cli(t *testing.T, dir string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// writeTo writes text to the file name in dir and returns the file's
// path.
func writeTo(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(text), 0o600))
	return p
}

var testdata, _ = filepath.Abs("testdata")

const shipped = "../../examples/lincolnshire"

// files are the shipped Lincolnshire files, named as the README shows them
// when run from examples/lincolnshire.
var files = []string{"contract.yaml", "measurements.csv", "mitigations.yaml"}

func TestEvaluateGolden(t *testing.T) {
	for _, format := range []string{"text", "csv", "json", "markdown"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cli(t, shipped, "", append([]string{"evaluate", "-format", format}, files...)...)
			require.Equal(t, 0, code, errOut)
			require.Empty(t, errOut)
			contracttest.Golden(t, filepath.Join(testdata, "evaluate."+format+".golden"), []byte(out))
		})
	}
}

// TestTextMatchesExample checks that the CLI's text report on the shipped
// files is the example program's report, byte for byte: the files describe
// the contract main.go builds.
func TestTextMatchesExample(t *testing.T) {
	want, err := os.ReadFile(filepath.Join(shipped, "testdata", "report.golden"))
	if os.IsNotExist(err) {
		t.Skip("examples/lincolnshire/testdata/report.golden does not exist yet; testdata/evaluate.text.golden was checked by hand against go run ./examples/lincolnshire")
	}
	require.NoError(t, err)
	_, out, _ := cli(t, shipped, "", append([]string{"evaluate"}, files...)...)
	if diff := cmp.Diff(string(want), out); diff != "" {
		t.Errorf("CLI text differs from the example (-example +cli):\n%s", diff)
	}
}

// TestFlagsAfterFiles checks flags are read wherever they are, and that
// measurements can come from standard input.
func TestFlagsAfterFiles(t *testing.T) {
	meas, err := os.ReadFile(filepath.Join(shipped, "measurements.csv"))
	require.NoError(t, err)
	code, out, errOut := cli(t, shipped, string(meas), "evaluate", "contract.yaml", "-", "mitigations.yaml", "--format", "json")
	require.Equal(t, 0, code, errOut)
	contracttest.Golden(t, filepath.Join(testdata, "evaluate.json.golden"), []byte(out))
}

// TestDecimalGlobals checks the reports ignore the decimal package's
// globals: flipping them changes no byte. It must not run in parallel
// with other tests.
func TestDecimalGlobals(t *testing.T) {
	t.Chdir(shipped)
	for _, format := range []string{"json", "text", "csv", "markdown"} {
		out := contracttest.IgnoresDecimalGlobals(t, func(w io.Writer) error {
			var errOut bytes.Buffer
			if code := run(append([]string{"evaluate", "-format", format}, files...), nil, w, &errOut); code != 0 {
				return fmt.Errorf("exit status %d: %s", code, errOut.String())
			}
			return nil
		})
		contracttest.Golden(t, filepath.Join(testdata, "evaluate."+format+".golden"), out)
	}
}

func TestPeriodAndOrg(t *testing.T) {
	code, out, errOut := cli(t, shipped, "", append([]string{"evaluate", "-from", "Sep-21", "-to", "2021-10", "-org", "LCC", "-format", "markdown"}, files...)...)
	require.Equal(t, 0, code, errOut)
	contracttest.Golden(t, filepath.Join(testdata, "evaluate-sep-oct.markdown.golden"), []byte(out))
}

func TestExplain(t *testing.T) {
	for _, tc := range []struct{ name, kpi, month string }{
		{"relieved-red", "IMT_KPI_14", "Oct-21"},
		{"glide-step", "IMT_KPI_18", "2021-08"},
		{"pi", "IMT_PI_01", "2021-07"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, shipped, "", append(append([]string{"explain"}, files...), tc.kpi, tc.month)...)
			require.Equal(t, 0, code, errOut)
			contracttest.Golden(t, filepath.Join(testdata, "explain-"+tc.name+".golden"), []byte(out))
		})
	}
}

func TestValidate(t *testing.T) {
	code, out, errOut := cli(t, shipped, "", append([]string{"validate"}, files...)...)
	require.Equal(t, 0, code, errOut)
	require.Empty(t, errOut)
	contracttest.Golden(t, filepath.Join(testdata, "validate-ok.golden"), []byte(out))
}

// TestValidateReportsEverything checks validate lists every problem of
// every file, not only the first.
func TestValidateReportsEverything(t *testing.T) {
	code, out, errOut := cli(t, "../../load/testdata", "", "validate", "../../examples/lincolnshire/contract.yaml",
		"bad/measurements-bad-numbers.csv", "bad/mitigations-register.csv")
	require.Equal(t, 1, code)
	require.Empty(t, out)
	contracttest.Golden(t, filepath.Join(testdata, "validate-bad.golden"), []byte(errOut))

	code, out, errOut = cli(t, "", "", "validate", "bad/contract-several-problems.yaml", "bad/measurements-bad-month.csv")
	require.Equal(t, 1, code)
	require.Empty(t, out)
	contracttest.Golden(t, filepath.Join(testdata, "validate-bad-contract.golden"), []byte(errOut))
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"no-arguments", nil, 2},
		{"unknown-command", []string{"evalute"}, 2},
		{"help", []string{"-h"}, 0},
		{"evaluate-help", []string{"evaluate", "-h"}, 0},
		{"validate-help", []string{"validate", "-h"}, 0},
		{"explain-help", []string{"help", "explain"}, 0},
		{"bad-format", []string{"evaluate", "contract.yaml", "measurements.csv", "-format", "xml"}, 2},
		{"bad-month-flag", []string{"evaluate", "contract.yaml", "measurements.csv", "-from", "June"}, 2},
		{"too-few-files", []string{"evaluate", "contract.yaml"}, 2},
		{"unknown-org", []string{"evaluate", "contract.yaml", "measurements.csv", "-org", "NCC"}, 2},
		{"explain-unknown-kpi", []string{"explain", "contract.yaml", "measurements.csv", "KPI99", "Jun-21"}, 2},
		{"explain-not-in-force", []string{"explain", "contract.yaml", "measurements.csv", "IMT_KPI_09", "Jul-21"}, 1},
		{"missing-file", []string{"validate", "nosuch.yaml"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, shipped, "", tc.args...)
			require.Equal(t, tc.code, code, errOut)
			contracttest.Golden(t, filepath.Join(testdata, "usage-"+tc.name+".golden"), []byte("exit "+string(rune('0'+code))+"\n--- stdout\n"+out+"--- stderr\n"+errOut))
		})
	}
}

// TestNewFieldsEndToEnd runs a contract using every newer field (bounds,
// margins, figures, a pooled KPI, a relative target, two organisations)
// through the command: validate accepts it, and evaluate -org shows one
// organisation's pooled values beside the published ones.
func TestNewFieldsEndToEnd(t *testing.T) {
	shared := []string{"contract.yaml", "measurements.csv", "mitigations.yaml"}
	code, out, errOut := cli(t, "../../report/testdata", "", append([]string{"validate"}, shared...)...)
	require.Equal(t, 0, code, errOut)
	contracttest.Golden(t, filepath.Join(testdata, "validate-new-fields.golden"), []byte(out))

	code, out, errOut = cli(t, "../../report/testdata", "", append([]string{"evaluate", "-org", "A", "-format", "markdown"}, shared...)...)
	require.Equal(t, 0, code, errOut)
	contracttest.Golden(t, filepath.Join(testdata, "evaluate-new-fields-org-a.markdown.golden"), []byte(out))

	code, out, errOut = cli(t, "../../load/testdata/good", "", "validate", "new-fields.json")
	require.Equal(t, 0, code, errOut)
	require.Contains(t, out, "new-fields.json")
}
