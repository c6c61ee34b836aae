package contracttest_test

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a contracttest.TB that keeps what a check reports: each
// failure, and apart from them each failure followed by FailNow.
type recorder struct{ errors, fatals []string }

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recorder) FailNow() {
	last := len(r.errors) - 1
	r.fatals, r.errors = append(r.fatals, r.errors[last]), r.errors[:last]
}

// The kit's TB is testify's: the kit's checks and testify's assertions
// take the same t, testify's CollectT included.
var (
	_ contracttest.TB  = (*testing.T)(nil)
	_ contracttest.TB  = (*assert.CollectT)(nil)
	_ require.TestingT = contracttest.TB(nil)
)

const lincolnshire = "../examples/lincolnshire/"

var (
	lincolnshireOnce sync.Once
	lincolnshireRes  *contract.Result
)

// evaluated is Lincolnshire's evaluation from its shipped files, June to
// October 2021, shared by the tests (which only read it).
func evaluated(t *testing.T) *contract.Result {
	lincolnshireOnce.Do(func() {
		_, lincolnshireRes = contracttest.EvaluateFiles(t, lincolnshire+"contract.yaml", lincolnshire+"measurements.csv", lincolnshire+"mitigations.yaml")
	})
	require.NotNil(t, lincolnshireRes)
	return lincolnshireRes
}

// setUpdate sets the -update flag contracttest registers until t ends.
func setUpdate(t *testing.T, on bool) {
	t.Helper()
	require.NoError(t, flag.Set("update", fmt.Sprint(on)))
	t.Cleanup(func() { require.NoError(t, flag.Set("update", "false")) })
	require.Equal(t, on, contracttest.Update())
}

// TestGolden writes a golden file with -update, compares with it without,
// and fails on a difference and on a missing file, saying how to fix it.
func TestGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	var r recorder
	contracttest.Golden(&r, path, []byte("one\n"))
	require.Empty(t, r.errors)
	require.Len(t, r.fatals, 1)
	require.True(t, strings.HasPrefix(r.fatals[0], "golden file "+path+": open "), r.fatals[0])
	require.True(t, strings.HasSuffix(r.fatals[0], "no such file or directory (run the test with -update to create it)"), r.fatals[0])

	setUpdate(t, true)
	r = recorder{}
	contracttest.Golden(&r, path, []byte("one\n"))
	require.Equal(t, recorder{}, r, "-update writes the file, then compares equal")
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "one\n", string(b))

	setUpdate(t, false)
	contracttest.Golden(&r, path, []byte("one\n"))
	require.Equal(t, recorder{}, r)
	contracttest.Golden(&r, path, []byte("two\n"))
	require.Empty(t, r.fatals)
	require.Len(t, r.errors, 1)
	require.True(t, strings.HasPrefix(r.errors[0], "output differs from "+path+" (-want +got; run the test with -update to accept it):\n"), r.errors[0])
	b, err = os.ReadFile(path)
	require.NoError(t, err)
	require.Equal(t, "one\n", string(b), "without -update the file is never written")
}

// TestTables checks each table check on Lincolnshire's evaluation, as
// written in each of the grammar's forms, and the exact failure listing
// every differing cell.
func TestTables(t *testing.T) {
	res := evaluated(t)
	const head = "the %s differs from the table stated (want as stated, got from the result):\n  "
	for _, tc := range []struct {
		name, why string
		check     func(contracttest.TB, *contract.Result, string)
		table     string
		want      string // the failure; empty when the table agrees
	}{
		{"board-pipes", "Table 1 as published, in pipes", contracttest.Board, `
			| Overall IMT Contract Performance | Yr 7 Jun-21 | Yr 7 Jul-21 | Yr 7 Aug-21 | Yr 7 Sep-21 | Yr 7 Oct-21 |
			|---|---:|---:|---:|---:|---:|
			| TSL achieved | 11 | 13 | 14 | 13 | 13 |
			| MSL achieved | 2 | 1 | 0 | 1 | 0 |
			| Below MSL | 0 | 0 | 0 | 0 | 1 |
			| TOTAL | 13 | 14 | 14 | 14 | 14 |
			| Mitigation Agreed | 2 | 1 | 0 | 1 | 1 |`, ""},
		{"board-tabs", "tab-separated, as table1.tsv; comments skipped", contracttest.Board,
			"# a transcription\nOverall\tJun-21\tOct-21\nTSL achieved\t11\t13\nbelow msl\t0\t1\n", ""},
		{"board-spaces", "runs of spaces, as the text report prints it", contracttest.Board, `
			Overall Contract Performance  Yr 7 Jun-21  Yr 7 Jul-21
			TSL achieved                           11           13
			Not measured                            0            0`, ""},
		{"board-org", "an organisation's own board", contracttest.Board,
			"Board | Org | 2021-10\nTOTAL | LCC | 14\nBelow MSL | LCC | 1", ""},
		{"board-differs", "each differing cell, by row and month", contracttest.Board,
			"| Jun-21 | Oct-21\nTSL achieved | 12 | 13\nBelow MSL | 0 | 0\nTOTAL | 13 | 14",
			fmt.Sprintf(head, "board summary") + "TSL achieved, Jun-21: want 12, got 11\n  Below MSL, Oct-21: want 0, got 1"},
		{"board-org-differs", "by organisation too", contracttest.Board,
			"| | Oct-21\nBelow MSL | LCC | 0\nTOTAL | NCC | 1",
			fmt.Sprintf(head, "board summary") + "Below MSL, organisation LCC, Oct-21: want 0, got 1\n  TOTAL, organisation NCC (line 3): not an organisation of the result"},
		{"board-month", "a month the result did not evaluate", contracttest.Board,
			"| Oct-21 | Nov-21\nTOTAL | 14 | 14",
			fmt.Sprintf(head, "board summary") + "Nov-21: not a month of the result"},
		{"board-not-a-count", "a count that is no number", contracttest.Board,
			"| Oct-21\nTOTAL | fourteen",
			fmt.Sprintf(head, "board summary") + "TOTAL, Oct-21: want fourteen, got 14"},
		{"rag", "words, letters, mitigation marks and months not in force", contracttest.RAG, `
			KPI        | Jun-21 | Jul-21 | Aug-21 | Sep-21 | Oct-21
			IMT_KPI_09 | Amber* | -      | -      | -      | -
			IMT_KPI_14 | a*     | A*     | G      | amber* | RED*
			IMT_PI_01  | -      | green  | green  | green  | green`, ""},
		{"rag-org", "with the organisation", contracttest.RAG, "KPI | Org | Oct-21\nIMT_KPI_14 | LCC | red*", ""},
		{"rag-differs", "by KPI, organisation and month", contracttest.RAG,
			"| Jun-21 | Jul-21 | Oct-21\nIMT_KPI_09 | amber | amber* | -\nIMT_KPI_14 | amber* | amber* | red\nIMT_KPI_99 | green | green | green",
			fmt.Sprintf(head, "RAG table") +
				"KPI IMT_KPI_09, organisation LCC, Jun-21: want amber, got amber*\n" +
				"  KPI IMT_KPI_09, organisation LCC, Jul-21: want amber*, got -\n" +
				"  KPI IMT_KPI_14, organisation LCC, Oct-21: want red, got red*\n" +
				"  KPI IMT_KPI_99 (line 4): not in the result"},
		{"rag-org-differs", "an organisation the KPI is not evaluated for", contracttest.RAG, "KPI | Org | Oct-21\nIMT_KPI_14 | NCC | red*",
			fmt.Sprintf(head, "RAG table") + "KPI IMT_KPI_14, organisation NCC (line 2): not in the result (its organisations: LCC)"},
		{"ledger", "credit lines, relieved lines and month totals", contracttest.Ledger, `
			KPI        | Jun-21    | Oct-21
			IMT_KPI_09 | 0.00*     | -
			IMT_KPI_14 | 0*        | 0.00*
			IMT_KPI_01 | 0.00      | 0
			Charges    | 850000    | 850000.00
			uncapped   | 0         | 0
			Cut        | 0         | 0
			Withheld   | 0         | 0
			CREDIT     | 0.00      | 0.00`, ""},
		{"ledger-differs", "amounts by value, the mark, and the got amount at the stated places", contracttest.Ledger, `
			KPI        | Jun-21    | Oct-21
			IMT_KPI_09 | 0.00      | 0.00
			IMT_KPI_14 | 2040.00*  | 4080
			Charges    | 850000.5  | 1,000
			Credit     | -         | 0.00`,
			fmt.Sprintf(head, "ledger") +
				"KPI IMT_KPI_09, organisation LCC, Jun-21: want 0.00, got 0.00*\n" +
				"  KPI IMT_KPI_09, organisation LCC, Oct-21: want 0.00, got -\n" +
				"  KPI IMT_KPI_14, organisation LCC, Jun-21: want 2040.00*, got 0.00*\n" +
				"  KPI IMT_KPI_14, organisation LCC, Oct-21: want 4080, got 0*\n" +
				"  Charges, Jun-21: want 850000.5, got 850000.0\n" +
				"  Charges, Oct-21: want 1,000, got 850000.00\n" +
				"  Credit, Jun-21: want -, got 0"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			tc.check(&r, res, tc.table)
			require.Empty(t, r.fatals, tc.why)
			if tc.want == "" {
				require.Empty(t, r.errors, tc.why)
				return
			}
			require.Equal(t, []string{tc.want}, r.errors, tc.why)
		})
	}
}

// TestTableProblems checks that a table the checks cannot read, or a row
// they cannot place, fails at once with the line at fault.
func TestTableProblems(t *testing.T) {
	res := evaluated(t)
	for _, tc := range []struct {
		name  string
		check func(contracttest.TB, *contract.Result, string)
		table string
		want  string
	}{
		{"empty", contracttest.Board, "\n# only a comment\n", "board table: no heading row (the months, after a label)"},
		{"no-rows", contracttest.Board, "| Jun-21", "board table: no rows under the heading"},
		{"no-month", contracttest.Board, "Performance | June\nTOTAL | 13",
			"board table line 1: no month in the heading row (want 2021-06 or Jun-21, or words ending in one: Yr 7 Jun-21)"},
		{"not-a-month", contracttest.RAG, "KPI | Jun-21 | Total\nIMT_KPI_01 | green | 1",
			`RAG table line 1: heading "Total" of column 3 is not a month (want 2021-06 or Jun-21, or words ending in one: Yr 7 Jun-21)`},
		{"three-labels", contracttest.RAG, "KPI | Org | Kind | Jun-21\nIMT_KPI_01 | LCC | kpi | green",
			`RAG table line 1: heading "Kind" of column 3 is not a month, and a row has at most two labels (a name and an organisation)`},
		{"month-twice", contracttest.Ledger, "KPI | Jun-21 | 2021-06\nIMT_KPI_01 | 0 | 0", "ledger table line 1: month Jun-21 heads two columns"},
		{"short-row", contracttest.Board, "\n| Jun-21 | Jul-21\nTOTAL | 13 | 14\nTSL achieved | 11",
			"board table line 4: 2 cells, want 3 (a name, then one cell a month)"},
		{"long-row", contracttest.RAG, "| Jun-21\nIMT_KPI_01 | LCC | green\nIMT_KPI_02 | LCC | green | green",
			"RAG table line 3: 4 cells, want 3 (a name and an organisation, then one cell a month)"},
		{"no-label", contracttest.Board, "| Jun-21 | Jul-21\n13 | 14",
			"board table line 2: 2 cells, want 3 or 4 (a name, and an organisation if any, then one cell a month)"},
		{"nameless", contracttest.Board, "| Jun-21\n| | 13", "board table line 2: the row has no name"},
		{"not-a-count", contracttest.Board, "| Jun-21\nTSL missed | 13",
			`board table line 2: row "TSL missed" is not a board count (want TSL achieved, MSL achieved, Below MSL, Not measured, TOTAL or Mitigation Agreed)`},
		{"total-by-org", contracttest.Ledger, "| | Jun-21\nCredit | LCC | 0",
			"ledger table line 2: Credit is the month's total, not an organisation's: leave the organisation empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			tc.check(&r, res, tc.table)
			require.Equal(t, []string{tc.want}, r.fatals)
			require.Empty(t, r.errors)
		})
	}
}

// TestTablesSeveralOrganisations checks a shared service's tables: a KPI
// row names its organisation, and one that does not is refused, the check
// stopping at the first.
func TestTablesSeveralOrganisations(t *testing.T) {
	dir := "../examples/brent-lewisham/"
	_, res := contracttest.EvaluateFiles(t, dir+"contract.yaml", dir+"measurements.csv", "")
	var r recorder
	contracttest.RAG(&r, res, "KPI | Org | 2016-04 | 2016-11\nOPEN | Brent | unmeasured | green\nAV-TEL | Lewisham | unmeasured | green\nNPS | Lewisham | red | amber")
	require.Empty(t, r.fatals)
	require.Equal(t, []string{"the RAG table differs from the table stated (want as stated, got from the result):\n" +
		"  KPI NPS, organisation Lewisham, Nov-16: want amber, got green"}, r.errors)
	r = recorder{}
	contracttest.Board(&r, res, "| | 2016-04\nTOTAL | Brent | 99")
	require.Equal(t, []string{"the board summary differs from the table stated (want as stated, got from the result):\n" +
		"  TOTAL, organisation Brent, Apr-16: want 99, got 20"}, r.errors) // as `servicecredit evaluate -org Brent` counts it
	r = recorder{}
	contracttest.Ledger(&r, res, "KPI | 2016-04\nOPEN | -\nNPS | -")
	require.Empty(t, r.errors)
	require.Equal(t, []string{"ledger table line 2: KPI OPEN is evaluated for several organisations (Brent, Lewisham, combined): give the organisation in a second column"}, r.fatals)
}

// TestMoreThanFifty: a long listing stops at 50 cells and counts the rest
// (12 rows of 5 months all red: 60 differences, IMT_KPI_09 not in force
// after June).
func TestMoreThanFifty(t *testing.T) {
	res := evaluated(t)
	var b strings.Builder
	b.WriteString("KPI | Jun-21 | Jul-21 | Aug-21 | Sep-21 | Oct-21\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&b, "IMT_KPI_%02d | red | red | red | red | red\n", i)
	}
	var r recorder
	contracttest.RAG(&r, res, b.String())
	require.Len(t, r.errors, 1)
	require.Equal(t, 51, strings.Count(r.errors[0], "\n"), "the heading, then 50 cells and the count on a line each")
	require.True(t, strings.HasSuffix(r.errors[0], "\n  and 10 more"), r.errors[0])
}

// TestIgnoresDecimalGlobals: output written with StringFixed passes and is
// returned; output written with String fails, naming the settings; an
// error fails at once; the globals are restored in every case.
func TestIgnoresDecimalGlobals(t *testing.T) {
	d := decimal.RequireFromString("2040.50")
	before := []any{decimal.DivisionPrecision, decimal.PowPrecisionNegativeExponent, decimal.MarshalJSONWithoutQuotes,
		decimal.TrimTrailingZeros, decimal.UseScientificNotation, decimal.ExpMaxIterations}
	restored := func() {
		t.Helper()
		require.Equal(t, before, []any{decimal.DivisionPrecision, decimal.PowPrecisionNegativeExponent, decimal.MarshalJSONWithoutQuotes,
			decimal.TrimTrailingZeros, decimal.UseScientificNotation, decimal.ExpMaxIterations})
	}

	var r recorder
	out := contracttest.IgnoresDecimalGlobals(&r, func(w io.Writer) error {
		_, err := fmt.Fprintln(w, d.StringFixed(2), d.DivRound(decimal.NewFromInt(3), 4).StringFixed(4))
		return err
	})
	require.Equal(t, recorder{}, r)
	require.Equal(t, "2040.50 680.1667\n", string(out))
	restored()

	for _, tc := range []struct {
		name, why string
		write     func(w io.Writer) error
		settings  string
	}{
		{"string", "String trims trailing zeros by a global", func(w io.Writer) error { _, err := fmt.Fprint(w, d.String()); return err },
			"few places, JSON numbers, zeros kept, scientific (DivisionPrecision 3, PowPrecisionNegativeExponent 3, MarshalJSONWithoutQuotes true, TrimTrailingZeros false, UseScientificNotation true, ExpMaxIterations 10)"},
		{"div", "Div rounds to a global precision", func(w io.Writer) error {
			_, err := fmt.Fprint(w, d.Div(decimal.NewFromInt(3)).StringFixed(20))
			return err
		}, "few places"},
		{"json", "MarshalJSON quotes by a global", func(w io.Writer) error {
			b, err := d.MarshalJSON()
			w.Write(b)
			return err
		}, "few places"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			contracttest.IgnoresDecimalGlobals(&r, tc.write)
			require.Empty(t, r.fatals)
			require.NotEmpty(t, r.errors, tc.why)
			require.True(t, strings.HasPrefix(r.errors[0], "output changes with the decimal globals "+tc.settings), r.errors[0])
			restored()
		})
	}

	r = recorder{}
	calls := 0
	contracttest.IgnoresDecimalGlobals(&r, func(io.Writer) error {
		if calls++; calls == 2 {
			return errors.New("disk full")
		}
		return nil
	})
	require.Equal(t, []string{"with the decimal globals few places, JSON numbers, zeros kept, scientific (DivisionPrecision 3, PowPrecisionNegativeExponent 3, MarshalJSONWithoutQuotes true, TrimTrailingZeros false, UseScientificNotation true, ExpMaxIterations 10): disk full"}, r.fatals)
	restored()

	require.Panics(t, func() {
		contracttest.IgnoresDecimalGlobals(&r, func(io.Writer) error {
			decimal.DivisionPrecision = 1
			panic("write failed")
		})
	})
	restored()
}

// TestEquateDecimals compares by value, and at a scale.
func TestEquateDecimals(t *testing.T) {
	dec := decimal.RequireFromString
	for _, tc := range []struct {
		name   string
		x, y   string
		places int32
		byVal  bool // equal by value
		atPl   bool // equal at places
	}{
		{"same", "2040.00", "2040.00", 2, true, true},
		{"trailing-zeros", "2040", "2040.00", 2, true, true},
		{"fewer-places", "2040.5", "2040.50", 2, true, true},
		{"different", "2040.01", "2040.00", 2, false, false},
		{"too-many-places", "2040.004", "2040.004", 2, true, false},
		{"too-many-zeros-ok", "2040.000", "2040", 2, true, true},
		{"negative-places", "2500", "2500.0", -3, true, false},
		{"thousands", "3000", "3000.00", -3, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x, y := dec(tc.x), dec(tc.y)
			require.Equal(t, tc.byVal, cmp.Equal(x, y, contracttest.EquateDecimals()))
			require.Equal(t, tc.atPl, cmp.Equal(x, y, contracttest.EquateDecimalsAt(tc.places)))
			require.Equal(t, tc.atPl, cmp.Equal(y, x, contracttest.EquateDecimalsAt(tc.places)), "symmetric")
		})
	}
}

// TestCompareResults compares two evaluations of the same files with
// Options (equal), then one whose credit rule text, amount or status
// differs: the text only without IgnoreReasons, the figures always.
func TestCompareResults(t *testing.T) {
	res := evaluated(t)
	_, other := contracttest.EvaluateFiles(t, lincolnshire+"contract.yaml", lincolnshire+"measurements.csv", lincolnshire+"mitigations.yaml")
	require.Empty(t, cmp.Diff(res, other, contracttest.Options()))

	other.Ledger.Lines[0].Rule = "another wording"
	other.Months[0].Cells[0].Credit.Rule = "another wording"
	require.NotEmpty(t, cmp.Diff(res, other, contracttest.Options()))
	require.Empty(t, cmp.Diff(res, other, contracttest.Options(), contracttest.IgnoreReasons()))

	other.Ledger.Total = decimal.RequireFromString("0.00")
	require.Empty(t, cmp.Diff(res, other, contracttest.Options(), contracttest.IgnoreReasons()), "0.00 is 0 by value")
	other.Ledger.Total = decimal.RequireFromString("0.001")
	require.NotEmpty(t, cmp.Diff(res, other, contracttest.Options(), contracttest.IgnoreReasons()))
	other.Ledger.Total = res.Ledger.Total

	for i := range other.Months[4].Cells {
		if c := &other.Months[4].Cells[i]; c.Measured.KPI == "IMT_KPI_14" {
			c.Raw = kpi.Green
		}
	}
	diff := cmp.Diff(res, other, contracttest.Options(), contracttest.IgnoreReasons())
	require.Contains(t, diff, `Raw:`, diff)
	require.Contains(t, diff, `s"red"`, "a status shows its word")
	require.Contains(t, diff, `s"green"`)
}

// TestEvaluateFiles: the files' problems fail at once with the command's
// message.
func TestEvaluateFiles(t *testing.T) {
	c, res := contracttest.EvaluateFiles(t, lincolnshire+"contract.yaml", lincolnshire+"measurements.csv", "")
	require.Equal(t, 5, len(res.Months))
	require.Equal(t, "Jun-21", res.Months[0].Month.Pack())
	require.Equal(t, "Oct-21", res.Months[4].Month.Pack())
	require.Equal(t, "6120.00", c.Credits.Money.Format(res.Months[0].Credit.Total), "no mitigations: June's two ambers cost 4080.00 and 2040.00")
	require.Equal(t, "4080.00", c.Credits.Money.Format(res.Months[4].Credit.Total), "no mitigations: October's red costs 1 of 4 points")

	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.csv")
	require.NoError(t, os.WriteFile(empty, []byte("kpi,organisation,month,value\n"), 0o644))
	bad := filepath.Join(dir, "bad.csv")
	require.NoError(t, os.WriteFile(bad, []byte("kpi,organisation,month,value\nIMT_KPI_01,LCC,Jun-21,x\n"), 0o644))
	for _, tc := range []struct{ name, contract, measurements, mitigations, want string }{
		{"no-months", lincolnshire + "contract.yaml", empty, "", empty + ": no month measured"},
		{"bad-value", lincolnshire + "contract.yaml", bad, "", `bad.csv:2:23: value "x": not a decimal`},
		{"no-contract", filepath.Join(dir, "none.yaml"), empty, "", "open " + filepath.Join(dir, "none.yaml") + ": no such file or directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var r recorder
			c, res := contracttest.EvaluateFiles(&r, tc.contract, tc.measurements, tc.mitigations)
			require.Nil(t, c)
			require.Nil(t, res)
			require.Len(t, r.fatals, 1)
			require.True(t, strings.HasPrefix(r.fatals[0], tc.want), r.fatals[0])
		})
	}
}
