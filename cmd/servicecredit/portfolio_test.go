package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/load"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// examples is the shipped examples' directory, where the example
// manifest is.
var examples, _ = filepath.Abs("../../examples")

// TestPortfolioGolden runs the example manifest over the shipped examples
// in every format, on 1, 2 and 8 workers: the output is the golden's,
// byte for byte, whatever the workers.
func TestPortfolioGolden(t *testing.T) {
	for _, format := range []string{"text", "csv", "json"} {
		for _, j := range []string{"1", "2", "8"} {
			t.Run(format+"-j"+j, func(t *testing.T) {
				code, out, errOut := cli(t, examples, "", "portfolio", "portfolio.yaml", "-format", format, "-j", j)
				require.Equal(t, 0, code, errOut)
				require.Empty(t, errOut)
				contracttest.Golden(t, filepath.Join(testdata, "portfolio."+format+".golden"), []byte(out))
			})
		}
	}
}

// TestPortfolioClipped asks for months beyond most contracts' terms: each
// is clipped to its own term, and one whose term lies outside is skipped.
func TestPortfolioClipped(t *testing.T) {
	for _, format := range []string{"text", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cli(t, examples, "", "portfolio", "-from", "2017-01", "-to", "May-21", "portfolio.yaml", "-format", format)
			require.Equal(t, 0, code, errOut)
			contracttest.Golden(t, filepath.Join(testdata, "portfolio-clipped."+format+".golden"), []byte(out))
		})
	}
}

// portfolioJSON is what TestPortfolioMatchesEvaluate reads of the
// portfolio's JSON.
type portfolioJSON struct {
	Contracts []struct {
		Label, Status, From, To string
		Years                   []struct {
			ContractYear          int `json:"contract_year"`
			From, To, Charges     string
			YearCharges           string `json:"year_charges"`
			Uncapped, Cut, Credit string
		}
		Total struct{ Credit string }
	}
}

// evaluationJSON is what it reads of evaluate's JSON.
type evaluationJSON struct {
	MonthTotals []struct {
		ContractYear int    `json:"contract_year"`
		Charges      string `json:"charges"`
	} `json:"month_totals"`
	Years []struct {
		ContractYear                   int `json:"contract_year"`
		From, To                       string
		Charges, Uncapped, Cut, Credit string
	}
	TotalCredit string `json:"total_credit"`
}

// TestPortfolioMatchesEvaluate checks every contract's figures in the
// portfolio against its own evaluate over the same months: the year's
// charges, uncapped credit, cut and credit, the charges of the months
// evaluated (evaluate's month totals, summed) and the total credit.
func TestPortfolioMatchesEvaluate(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(examples, "portfolio.yaml"))
	require.NoError(t, err)
	m, err := load.ReadManifest("portfolio.yaml", data)
	require.NoError(t, err)
	for _, months := range [][]string{nil, {"-from", "2017-01", "-to", "2021-05"}, {"-from", "2021-05"}} {
		t.Run(strings.Join(months, " "), func(t *testing.T) {
			code, out, errOut := cli(t, examples, "", append([]string{"portfolio", "portfolio.yaml", "-format", "json"}, months...)...)
			require.Equal(t, 0, code, errOut)
			var pf portfolioJSON
			require.NoError(t, json.Unmarshal([]byte(out), &pf))
			require.Len(t, pf.Contracts, len(m.Contracts))
			evaluated := 0
			for i, e := range m.Contracts {
				got := pf.Contracts[i]
				if got.Status != "evaluated" {
					continue
				}
				evaluated++
				args := []string{"evaluate", "-format", "json", "-from", got.From, "-to", got.To, e.Contract, e.Measurements}
				if e.Mitigations != "" {
					args = append(args, e.Mitigations)
				}
				code, out, errOut := cli(t, "", "", args...)
				require.Equal(t, 0, code, errOut)
				var ev evaluationJSON
				require.NoError(t, json.Unmarshal([]byte(out), &ev))
				require.Len(t, got.Years, len(ev.Years), got.Label)
				for j, y := range ev.Years {
					g := got.Years[j]
					require.Equal(t, []any{y.ContractYear, y.From, y.To, y.Charges, y.Uncapped, y.Cut, y.Credit},
						[]any{g.ContractYear, g.From, g.To, g.YearCharges, g.Uncapped, g.Cut, g.Credit}, "%s year %d", got.Label, y.ContractYear)
					require.Equal(t, sumCharges(t, ev.MonthTotals, y.ContractYear), g.Charges, "%s year %d charges of the months evaluated", got.Label, y.ContractYear)
				}
				require.Equal(t, ev.TotalCredit, got.Total.Credit, got.Label)
			}
			require.Positive(t, evaluated)
		})
	}
}

// sumCharges adds up the charges of year's month totals, with two
// places (every example's money places).
func sumCharges(t *testing.T, ms []struct {
	ContractYear int    `json:"contract_year"`
	Charges      string `json:"charges"`
}, year int) string {
	t.Helper()
	var sum decimal.Decimal
	for _, m := range ms {
		if m.ContractYear == year {
			sum = sum.Add(decimal.RequireFromString(m.Charges))
		}
	}
	return sum.StringFixed(2)
}

// TestPortfolioFailures runs a manifest with a contract whose
// measurements have problems and one whose contract file is missing: each
// is reported with its problems, at their files' lines, the good one is
// evaluated, and the exit status is 3.
func TestPortfolioFailures(t *testing.T) {
	for _, format := range []string{"text", "csv", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cli(t, testdata, "", "portfolio", "portfolio/bad.yaml", "-format", format, "-j", "2")
			require.Equal(t, exitFound, code)
			contracttest.Golden(t, filepath.Join(testdata, "portfolio-bad."+format+".golden"), []byte(out))
			contracttest.Golden(t, filepath.Join(testdata, "portfolio-bad.stderr.golden"), []byte(errOut))
		})
	}
}

// TestPortfolioSameName checks that two contracts left without labels
// whose contracts have the same name are not both reported under it: the
// second fails, naming its place in the manifest.
func TestPortfolioSameName(t *testing.T) {
	code, out, errOut := cli(t, testdata, "", "portfolio", "portfolio/same-name.yaml", "-format", "json")
	require.Equal(t, exitFound, code)
	require.Equal(t, `portfolio/same-name.yaml:6:5: contracts[1]: label "Crown Commercial call-off shortfall examples", the contract's name, already names contract 1: give this contract a label: label already used
portfolio: 1 of 2 contracts failed
`, errOut)
	require.Contains(t, out, `"status": "failed"`)
}

// TestPortfolioManifestProblems checks the manifest's own problems, each
// at its line and column, exit status 1: nothing is evaluated.
func TestPortfolioManifestProblems(t *testing.T) {
	for _, tc := range []struct{ name, want string }{
		{"unknown-key", "portfolio/unknown-key.yaml:4:5: contracts[0].measurement: unknown field (want one of label, contract, measurements, mitigations, seals)\n"},
		{"empty", "portfolio/empty.yaml:1:12: contracts: no contracts (want at least one)\n"},
		{"bad-entries", `portfolio/bad-entries.yaml:5:12: contracts[1].label "a": labels another contract already (line 2): labels must be unique
portfolio/bad-entries.yaml:8:18: contracts[1].mitigations: empty (want a file name)
portfolio/bad-entries.yaml:9:5: contracts[2].contract: missing (want the contract file's name)
portfolio/bad-entries.yaml:9:12: contracts[2].label: empty (want a label, or leave it out for the contract's name)
portfolio/bad-entries.yaml:11:12: contracts[2].seals: empty (want a file name)
`},
		{"missing", "portfolio/missing.yaml: cannot read: no such file or directory\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, testdata, "", "portfolio", "portfolio/"+tc.name+".yaml")
			require.Equal(t, exitProblem, code)
			require.Empty(t, out)
			require.Equal(t, tc.want, errOut)
		})
	}
}

// TestPortfolioUsage checks the command line's errors: exit status 2.
func TestPortfolioUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"no-manifest", nil, "servicecredit portfolio: want 1 manifest file name, got 0\n"},
		{"two-manifests", []string{"a.yaml", "b.yaml"}, "servicecredit portfolio: want 1 manifest file name, got 2\n"},
		{"bad-j", []string{"a.yaml", "-j", "-1"}, "servicecredit portfolio: -j -1: want 1 or more, or 0 for the number of cores\n"},
		{"from-after-to", []string{"a.yaml", "-from", "2021-06", "-to", "2021-05"}, "servicecredit portfolio: -from 2021-06 is after -to 2021-05\n"},
		{"bad-format", []string{"a.yaml", "-format", "markdown"}, `servicecredit portfolio: invalid value "markdown" for flag -format: format "markdown": unknown (want one of text, csv, json)` + "\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := cli(t, "", "", append([]string{"portfolio"}, tc.args...)...)
			require.Equal(t, exitUsage, code)
			require.Empty(t, out)
			first, _, _ := strings.Cut(errOut, "\n")
			require.Equal(t, tc.want, first+"\n")
		})
	}
	code, out, _ := cli(t, "", "", "help", "portfolio")
	require.Equal(t, exitOK, code)
	contracttest.Golden(t, filepath.Join(testdata, "portfolio-help.golden"), []byte(out))
}

// TestPortfolioHostileLabel checks a label made to attack its readers:
// escaped for the terminal in text, neutralised in CSV, escaped by the
// encoder in JSON.
func TestPortfolioHostileLabel(t *testing.T) {
	outs := map[string]string{}
	for _, format := range []string{"text", "csv", "json"} {
		code, out, errOut := cli(t, testdata, "", "portfolio", "portfolio/hostile.yaml", "-format", format)
		require.Equal(t, exitOK, code, errOut)
		outs[format] = out
	}
	require.NotContains(t, outs["text"], "\x1b")
	require.NotContains(t, outs["text"], "\u202e")
	require.Contains(t, outs["text"], `=HYPERLINK("http://x")\x1b[2J\u202e`)
	rows, err := csv.NewReader(strings.NewReader(outs["csv"])).ReadAll()
	require.NoError(t, err)
	var labels []string
	for _, row := range rows[1:] {
		if row[0] == "contract" || row[0] == "year" {
			labels = append(labels, row[1])
		}
	}
	want := "'=HYPERLINK(\"http://x\")\x1b[2J\u202e"
	require.Equal(t, []string{want, want}, labels)
	require.NotContains(t, outs["json"], "\x1b") // the bidirectional override is not a control character: JSON keeps it, as evaluate's does
	require.Contains(t, outs["json"], `"label": "=HYPERLINK(\"http://x\")\u001b[2J`+"\u202e\"")
}

// TestPortfolioDecimalGlobals checks the portfolio's reports ignore the
// decimal package's globals: flipping them changes no byte. It must not
// run in parallel with other tests.
func TestPortfolioDecimalGlobals(t *testing.T) {
	t.Chdir(examples)
	for _, format := range []string{"text", "csv", "json"} {
		out := contracttest.IgnoresDecimalGlobals(t, func(w io.Writer) error {
			var errOut bytes.Buffer
			if code := run([]string{"portfolio", "portfolio.yaml", "-format", format}, nil, w, &errOut); code != 0 {
				return fmt.Errorf("exit status %d: %s", code, errOut.String())
			}
			return nil
		})
		contracttest.Golden(t, filepath.Join(testdata, "portfolio."+format+".golden"), out)
	}
}

// TestPortfolioEditedSeal checks a contract whose seals directory holds a
// seal edited after it was sealed: the edit is reported on standard
// error and in the report, the seal never trusted, and the exit status is
// 3; the contract's figures stand.
func TestPortfolioEditedSeal(t *testing.T) {
	for _, format := range []string{"text", "csv", "json"} {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := cli(t, testdata, "", "portfolio", "portfolio/edited.yaml", "-format", format)
			require.Equal(t, exitFound, code)
			contracttest.Golden(t, filepath.Join(testdata, "portfolio-edited."+format+".golden"), []byte(out))
			require.Equal(t, "portfolio/edited-seals/seal-2021-07.json: 2021-07: the content's digest is "+
				"sha256:46d846cff451f36ab7b03ac33594026ee1a45b01a526efed0fd683871937d16e, the seal says "+
				"sha256:6f1ae76a0a8f39c15f29d41953164278b54ef3cc7a2551e500815c3b180a564a: seal edited since it was sealed\n", errOut)
		})
	}
}
