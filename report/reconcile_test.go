package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/servicecredit/engine/report"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// reconciliation returns a report with a finding of every shape: an
// impossible percentage with its nearest values, an overall figure with
// its alternatives and warnings, a total over months, an uncheckable
// figure, a claim, and uncovered cells of a row and of a column.
func reconciliation(text func(string) string) (*contract.Contract, *reconcile.Report) {
	d := decimal.RequireFromString
	p := func(line, cell int) pack.Pos { return pack.Pos{File: text("pack.tsv"), Line: line, Cell: cell} }
	c := &contract.Contract{Name: text("Desk services")}
	rep := &reconcile.Report{
		Packs:  []string{text("pack.tsv")},
		Claims: text("claims.csv"),
		Findings: []reconcile.Finding{
			{Pos: p(1, 8), Kind: reconcile.HeadingCheck, Org: text("Brent"), Month: kpi.MustParseMonth("2016-09"), Published: text("SEP-15"),
				Recomputed: "Sep-16", Severity: reconcile.Error, Verdict: reconcile.Disagrees, Reason: text("month heading out of sequence")},
			{Pos: p(2, 3), Kind: reconcile.AttainableCheck, KPI: text("P1"), Org: text("Brent"), Row: text("P1 resolved"), Month: kpi.MustParseMonth("2016-10"),
				Published: text("36.36%"), Recomputed: text("35.71 (5/14)"), Numeric: true, Difference: d("0.6457"), Tolerance: d("0.01"),
				Severity: reconcile.Error, Verdict: reconcile.Impossible, Reason: text("no whole count of 14 gives 36.36%"),
				Nearest: []string{text("35.71 (5/14)"), text("42.86 (6/14)")}, Inputs: []pack.Pos{p(3, 3)}},
			{Pos: p(3, 3), Kind: reconcile.AttainableCheck, KPI: "P2", Org: "Brent", Month: kpi.MustParseMonth("2016-10"), Published: "62.50%",
				Recomputed: "62.50 (5/8)", Numeric: true, Difference: d("0.00"), Tolerance: d("0.01"), Severity: reconcile.Error, Verdict: reconcile.Agrees, Reason: "5 of 8"},
			{Pos: p(4, 3), Kind: reconcile.OverallCheck, KPI: "SLA", Org: "Brent", Month: kpi.MustParseMonth("2016-10"), Published: "71.39%",
				Recomputed: "71.52", Numeric: true, Difference: d("-0.1306"), Tolerance: d("0.0100"), Severity: reconcile.Warning, Verdict: reconcile.Disagrees,
				Reason: text("pooled: P1 36.36 x 14"), Reproduced: []string{text("P1 left out: 71.39")}, Warnings: []string{text("built from P1 36.36% at pack.tsv:2:3")}},
			{Pos: p(5, 6), Kind: reconcile.PeriodCheck, KPI: "CALLS", Row: "Calls", Period: text("Q1"), From: kpi.MustParseMonth("2016-04"), To: kpi.MustParseMonth("2016-06"),
				Published: "30", Recomputed: "31", Numeric: true, Difference: d("-1"), Tolerance: d("0"), Severity: reconcile.Error, Verdict: reconcile.Disagrees,
				Reason: "the sum of its months: Apr-16 10 + May-16 10 + Jun-16 11 = 31", Inputs: []pack.Pos{p(5, 2), p(5, 3), p(5, 4)}},
			{Pos: p(6, 2), Kind: reconcile.TotalCheck, KPI: "CALLS", Month: kpi.MustParseMonth("2016-04"), Published: "4600",
				Severity: reconcile.Error, Verdict: reconcile.Uncheckable, Reason: text("none of its parts is printed")},
			{Pos: pack.Pos{File: text("claims.csv"), Line: 4, Cell: 18}, Kind: reconcile.ClaimCheck, KPI: "ABANDON", Month: kpi.MustParseMonth("2024-05"),
				Published: text("250.00"), Recomputed: "500.00", Numeric: true, Difference: d("-250.00"), Tolerance: d("0"),
				Severity: reconcile.Error, Verdict: reconcile.Disagrees, Reason: text("the ledger: amber")},
		},
		Uncovered: []reconcile.Uncovered{
			{Pos: p(7, 2), Text: text("100%"), Row: text("Telephony"), KPI: "AV-TEL", Org: "Brent", Month: kpi.MustParseMonth("2016-04"), Period: "APR-16", Why: text("no check covers it")},
			{Pos: p(7, 3), Text: "100%", Row: text("Telephony"), KPI: "AV-TEL", Org: "Brent", Month: kpi.MustParseMonth("2016-05"), Period: "MAY-16", Why: text("no check covers it")},
			{Pos: p(7, 5), Text: "99%", Row: text("Telephony"), KPI: "AV-TEL", Org: "Brent", Month: kpi.MustParseMonth("2016-07"), Period: "JUL-16", Why: text("no check covers it")},
			{Pos: p(8, 4), Text: "1", Row: "Logged", Why: "its label is not understood"},
			{Pos: p(9, 4), Text: "2", Row: "Logged", Why: "its label is not understood"},
		},
	}
	return c, rep
}

func renderReconcile(t *testing.T, format string, c *contract.Contract, rep *reconcile.Report) string {
	t.Helper()
	var b bytes.Buffer
	var err error
	switch format {
	case "text":
		err = report.ReconcileText(&b, c, rep)
	case "markdown":
		err = report.ReconcileMarkdown(&b, c, rep)
	default:
		err = report.ReconcileJSON(&b, c, rep)
	}
	require.NoError(t, err)
	return b.String()
}

func TestReconcileGolden(t *testing.T) {
	c, rep := reconciliation(func(s string) string { return s })
	for _, format := range []string{"text", "markdown", "json"} {
		t.Run(format, func(t *testing.T) {
			contracttest.Golden(t, filepath.Join("testdata", "reconcile."+format+".golden"), []byte(renderReconcile(t, format, c, rep)))
		})
	}
	var out struct {
		Fails  bool
		Counts map[string]int
	}
	require.NoError(t, json.Unmarshal([]byte(renderReconcile(t, "json", c, rep)), &out))
	require.True(t, out.Fails)
	require.Equal(t, map[string]int{"findings": 7, "agrees": 1, "disagrees": 4, "impossible": 1, "uncheckable": 1, "failing": 4, "uncovered": 5}, out.Counts,
		"the overall figure disagrees with warning severity: it does not fail")
}

// hostile is text an attacker might put in a pack, a contract or a claim:
// terminal escapes, bidirectional overrides, Markdown and HTML markup.
const hostile = "\x1b[31mred\x1b[0m \u202eevil | <script>alert(1)</script> [link](http://x) `code` *b* &amp;\r\n\x7f"

// TestReconcileHostileText puts hostile text in every free-text field
// and checks that no format lets it act: no control or reordering
// character reaches the text or Markdown, no Markdown or HTML markup is
// left unescaped, and JSON carries the text exactly.
func TestReconcileHostileText(t *testing.T) {
	c, rep := reconciliation(func(s string) string { return s + hostile })
	for _, format := range []string{"text", "markdown"} {
		out := renderReconcile(t, format, c, rep)
		for i, r := range out {
			if r == '\n' {
				continue
			}
			if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\u2028' || r == '\u2029' {
				t.Fatalf("%s: character %U at %d reaches the output: %q", format, r, i, out[max(0, i-20):min(len(out), i+20)])
			}
		}
		if format == "text" {
			require.Contains(t, out, `\x1b[31mred`, "escapes are shown, not acted on")
			require.Contains(t, out, `\u202eevil`)
		}
		if format == "markdown" {
			require.Contains(t, out, `\\x1b\[31mred`, "escapes are shown, not acted on, their backslashes escaped")
			require.NotContains(t, out, "<script>", "markup is escaped")
			require.Contains(t, out, `\<script\>`)
			require.Contains(t, out, `\[link\](http://x)`)
			require.Contains(t, out, "\\`code\\`")
			require.Contains(t, out, `\&amp;`)
			for _, line := range strings.Split(out, "\n") {
				if !strings.HasPrefix(line, "| ") {
					continue
				}
				cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
				require.Contains(t, []int{5, 6, 10}, cells, "an escaped | never splits a cell: %q", line)
			}
		}
	}
	var back struct {
		Contract string
		Packs    []string
		Findings []struct {
			Place, Published, Reason, Row, Organisation, Period string
			Nearest, Warnings, Reproduced                       []string
		}
		Uncovered []struct{ Text, Row, Why string }
	}
	require.NoError(t, json.Unmarshal([]byte(renderReconcile(t, "json", c, rep)), &back))
	require.Equal(t, "Desk services"+hostile, back.Contract)
	require.Equal(t, "pack.tsv"+hostile, back.Packs[0])
	require.Equal(t, "no whole count of 14 gives 36.36%"+hostile, back.Findings[1].Reason)
	require.Equal(t, "42.86 (6/14)"+hostile, back.Findings[1].Nearest[1])
	require.Equal(t, "built from P1 36.36% at pack.tsv:2:3"+hostile, back.Findings[3].Warnings[0])
	require.Equal(t, "Q1"+hostile, back.Findings[4].Period)
	require.Equal(t, "Telephony"+hostile, back.Uncovered[0].Row)
}

// TestReconcileDecimalGlobals: the JSON ignores the decimal package's
// globals. It must not run in parallel with other tests.
func TestReconcileDecimalGlobals(t *testing.T) {
	c, rep := reconciliation(func(s string) string { return s })
	out := contracttest.IgnoresDecimalGlobals(t, func(w io.Writer) error {
		_, err := io.WriteString(w, renderReconcile(t, "json", c, rep))
		return err
	})
	require.Contains(t, string(out), `"difference": "0.00"`, "a difference keeps its places")
}
