package report_test

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/servicecredit/engine/report"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// evil is text an input file could hold: a spreadsheet formula, HTML, a
// Markdown link, image and code span, a table bar, a terminal escape that
// turns text red, a right-to-left override and a bell.
const evil = "=HYPERLINK(\"http://x\")|<img src=x>[a](http://x)![i](x)`c`*&\x1b[31m\u202e\a"

// evilID is evil as a KPI id may be: no quotes, commas or control
// characters, which the engine rejects in ids.
const evilID = "=1+K|<b>[a](x)`c`*&\u202e"

// hostileEvaluation returns a shared-service contract with evil text in every free
// text field: the contract's name and parties, a KPI's id and name, an
// organisation, a measurement's note and incident, and a mitigation's
// reference, reason, impact, path to green and who agreed it; and its
// evaluation over two months, with a Red month mitigated.
func hostileEvaluation(t *testing.T) (*contract.Contract, *contract.Result) {
	t.Helper()
	d := decimal.RequireFromString
	capPct := d("0.1")
	start, jun, jul := kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2021-06"), kpi.MustParseMonth("2021-07")
	id, org := evilID, "Org"+evil
	c := &contract.Contract{
		Name: "Name" + evil, Customer: "Customer" + evil, Supplier: "Supplier" + evil,
		Commencement: start, Term: 12, Orgs: []string{org, "B"},
		Charges: []contract.Charge{
			{Org: org, From: start, Amount: d("100000.00"), Note: evil},
			{Org: "B", From: start, Amount: d("100000.00")},
		},
		KPIs: []contract.KPI{{Definition: kpi.Definition{
			ID: id, Name: "KPI name" + evil, Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
			Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99.5", "99.0")),
		}, Note: evil}},
		Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Red},
		Credits: credits.Rules{
			Regime: credits.Points{Weights: []credits.Weight{{KPI: id, From: start, Points: d("10")}},
				Amber: d("0.5"), Red: d("1"), PointValue: d("0.1")},
			Caps:  credits.Caps{Month: &capPct},
			Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		},
		ReportCard: &contract.ReportCard{},
	}
	reg, err := mitigation.NewRegister([]mitigation.Record{{Ref: "M" + evil, KPI: id, Org: org, From: jul,
		Reason: "Reason" + evil, Impact: "Impact" + evil, PathToGreen: "Path" + evil, AgreedBy: "Agreed" + evil,
		Effect: mitigation.Relief}}, c.MitigationScope())
	require.NoError(t, err)
	ms := []kpi.Measurement{
		{KPI: id, Org: org, Month: jun, Value: d("98.1"), Note: "Note" + evil, Incidents: []string{"INC" + evil}},
		{KPI: id, Org: org, Month: jul, Value: d("97.2"), Note: "Note" + evil},
		{KPI: id, Org: "B", Month: jun, Value: d("99.9")},
		{KPI: id, Org: "B", Month: jul, Value: d("99.9")},
	}
	res, err := c.Evaluate(contract.Input{From: jun, To: jul, Measurements: ms, Mitigations: reg})
	require.NoError(t, err)
	return c, res
}

// noControls fails if out holds a control character other than a line
// end, or an invisible format character: all must be escaped, and shown
// as Go escapes (shown, in Markdown, with the backslash escaped).
func noControls(t *testing.T, format, out string) {
	t.Helper()
	for i, r := range out {
		if r != '\n' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			t.Fatalf("%s: raw %q at byte %d: %q", format, r, i, out[max(0, i-40):min(len(out), i+40)])
		}
	}
	if format == "markdown" {
		require.Contains(t, out, `\\x1b\[31m\\u202e\\a`, "%s: the escapes are shown as Go escapes", format)
		return
	}
	require.Contains(t, out, `\x1b[31m\u202e\a`, "%s: the escapes are shown as Go escapes", format)
}

// number matches a cell that is a number, which a spreadsheet may read as
// one: it needs no neutralising.
var number = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// TestHostileText renders an evaluation with hostile text in every free
// text field in every format, whole and for one organisation, and checks
// that nothing reaches the reader unescaped.
func TestHostileText(t *testing.T) {
	c, res := hostileEvaluation(t)
	org := c.Orgs[0]
	render := func(f func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		require.NoError(t, f(&b))
		return b.String()
	}
	for _, tc := range []struct {
		name, out string
		shown     []string // texts the format shows, escaped
	}{
		{"text", render(func(b *bytes.Buffer) error { return report.Text(b, c, res) }), []string{"Reason=HYPERLINK", "Agreed=HYPERLINK"}},
		{"text org", render(func(b *bytes.Buffer) error { return report.ForOrg(res, org).Text(b, c) }), []string{"Reason=HYPERLINK"}},
		{"pack", render(func(b *bytes.Buffer) error { return report.Pack(b, c, res) }), []string{"KPI name=HYPERLINK", "Org=HYPERLINK"}},
		{"explain", render(func(b *bytes.Buffer) error {
			return report.Explain(b, c, res, c.KPIs[0].ID, org, kpi.MustParseMonth("2021-07"))
		}), []string{"KPI name=HYPERLINK", "Note=HYPERLINK", "Impact=HYPERLINK", "Path=HYPERLINK", "Agreed=HYPERLINK"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			noControls(t, tc.name, tc.out)
			for _, s := range tc.shown {
				require.Contains(t, tc.out, s, "the text is shown, escaped, not dropped")
			}
		})
	}
	t.Run("markdown", func(t *testing.T) {
		for _, out := range []string{
			render(func(b *bytes.Buffer) error { return report.Markdown(b, c, res) }),
			render(func(b *bytes.Buffer) error { return report.ForOrg(res, org).Markdown(b, c) }),
		} {
			noControls(t, "markdown", out)
			escaped := "\\|\\<img src=x\\>\\[a\\](http://x)!\\[i\\](x)\\`c\\`\\*\\&"
			require.Contains(t, out, "# Name=HYPERLINK(\"http://x\")"+escaped, "the heading")
			require.Contains(t, out, "Reason=HYPERLINK(\"http://x\")"+escaped, "a mitigation's reason")
			require.NotRegexp(t, `(^|[^\\])(<img|\[a\]|!\[i\]|`+"`c`"+`)`, out, "no markup from input, in tables or out")
			sameCells(t, out)
		}
	})
	t.Run("csv", func(t *testing.T) {
		for _, out := range []string{
			render(func(b *bytes.Buffer) error { return report.CSV(b, c, res) }),
			render(func(b *bytes.Buffer) error { return report.ForOrg(res, org).CSV(b, c) }),
		} {
			rows := noFormulas(t, out)
			require.True(t, slices.ContainsFunc(rows, func(row []string) bool { return slices.Contains(row, "'"+evilID) }),
				"the KPI id, neutralised")
			require.True(t, slices.ContainsFunc(rows, func(row []string) bool { return row[3] == "cap" && strings.HasPrefix(row[18], "-") }),
				"a cap's negative amount stays a number")
		}
	})
	t.Run("json", func(t *testing.T) {
		var b bytes.Buffer
		require.NoError(t, report.JSON(&b, c, res))
		require.NotContains(t, b.String(), "\x1b")
		require.Contains(t, b.String(), `\u001b[31m`, "JSON escapes control characters itself")
	})
}

// sameCells fails t unless every row of every Markdown table in out has as
// many cells as its header: no text from input ends a cell early.
func sameCells(t *testing.T, out string) {
	t.Helper()
	var width int
	for _, line := range strings.Split(out, "\n") {
		if !strings.HasPrefix(line, "|") {
			width = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if width == 0 {
			width = n
		}
		require.Equal(t, width, n, "row %q", line)
	}
}

// noFormulas reads out as CSV and fails t if a cell that is not a number
// starts as a spreadsheet formula would; it returns the rows.
func noFormulas(t *testing.T, out string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	require.NoError(t, err)
	for _, row := range rows {
		for _, cell := range row {
			if cell != "" && !number.MatchString(cell) {
				require.NotContains(t, "=+-@\t\r", string(cell[0]), "cell %q would run as a formula", cell)
			}
		}
	}
	return rows
}
