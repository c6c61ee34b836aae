package report_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/outlook"
	"github.com/servicecredit/engine/report"
	"github.com/servicecredit/engine/seal"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// hostileRestatement seals June of the hostile evaluation's contract, then
// restates it with June's value corrected, a trigger named with evil text
// now firing, and an untrusted seal whose problem names an evil file.
func hostileRestatement(t *testing.T) (*contract.Contract, *seal.Restatement) {
	t.Helper()
	c, _ := hostileEvaluation(t)
	id, org := c.KPIs[0].ID, c.Orgs[0]
	jun := kpi.MustParseMonth("2021-06")
	d := decimal.RequireFromString
	in := func(v string) contract.Input {
		return contract.Input{Measurements: []kpi.Measurement{
			{KPI: id, Org: org, Month: jun, Value: d(v), Note: "Note" + evil},
			{KPI: id, Org: "B", Month: jun, Value: d("99.9")},
		}}
	}
	s, err := seal.Close(c, in("99.9"), jun, seal.Inputs{})
	require.NoError(t, err)
	c2 := *c
	c2.Credits.Triggers = []credits.Trigger{{Name: "Trigger" + evil, Kind: credits.FailuresInWindow, Months: 1, Failures: 1}}
	entries := []seal.Entry{
		{Month: jun, File: "seal-2021-06.json", Seal: s},
		{Month: kpi.MustParseMonth("2021-07"), File: "seal" + evil + ".json", Err: &seal.Error{File: "seal" + evil + ".json", Err: seal.ErrEdited}},
	}
	r, err := seal.Restate(&c2, in("97.0"), seal.Inputs{}, entries, kpi.Month{})
	require.NoError(t, err)
	require.NotEmpty(t, r.Adjustments)
	return &c2, r
}

// TestHostileRestatement renders a restatement with evil text in its KPI
// ids, organisations, rules, trigger names and file names in every format,
// and checks nothing reaches the reader unescaped.
func TestHostileRestatement(t *testing.T) {
	c, r := hostileRestatement(t)
	render := func(f func(*bytes.Buffer) error) string {
		var b bytes.Buffer
		require.NoError(t, f(&b))
		return b.String()
	}
	t.Run("text", func(t *testing.T) {
		out := render(func(b *bytes.Buffer) error { return report.RestatementText(b, c, r) })
		noControls(t, "text", out)
		require.Contains(t, out, "Trigger=HYPERLINK", "the trigger's name is shown, escaped")
	})
	t.Run("markdown", func(t *testing.T) {
		out := render(func(b *bytes.Buffer) error { return report.RestatementMarkdown(b, c, r) })
		noControls(t, "markdown", out)
		require.NotRegexp(t, `(^|[^\\])(<img|\[a\]|!\[i\]|`+"`c`"+`)`, out, "no markup from input")
		sameCells(t, out)
	})
	t.Run("csv", func(t *testing.T) {
		out := render(func(b *bytes.Buffer) error { return report.RestatementCSV(b, c, r) })
		rows := noFormulas(t, out)
		for _, row := range rows {
			require.Len(t, row, len(report.CSVHeader))
		}
		require.True(t, slices.ContainsFunc(rows, func(row []string) bool { return slices.Contains(row, "'"+evilID) }),
			"the KPI id, neutralised")
		require.True(t, slices.ContainsFunc(rows, func(row []string) bool { return row[3] == "adjustment" && strings.HasPrefix(row[18], "-") }),
			"the cap's negative adjustment stays a number")
	})
	t.Run("json", func(t *testing.T) {
		var base bytes.Buffer
		base.WriteString("{\n  \"format\": \"x\"\n}\n")
		out := render(func(b *bytes.Buffer) error { return report.JSONRestatement(b, base.Bytes(), r) })
		require.NotContains(t, out, "\x1b")
		require.Contains(t, out, `\u001b[31m`, "JSON escapes control characters itself")
		var v map[string]any
		require.NoError(t, json.Unmarshal([]byte(out), &v))
		require.Equal(t, "x", v["format"])
	})
	t.Run("jsonl", func(t *testing.T) {
		out := render(func(b *bytes.Buffer) error { return report.RestatementJSONL(b, r) })
		require.NotContains(t, out, "\x1b")
		for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
			var v map[string]any
			require.NoError(t, json.Unmarshal([]byte(line), &v), line)
		}
	})
}

// TestHostileOutlook renders an outlook of a contract with evil text in
// its KPI ids, organisations and trigger names, as text and JSON.
func TestHostileOutlook(t *testing.T) {
	c, _ := hostileEvaluation(t)
	c.Credits.Triggers = []credits.Trigger{{Name: "Trigger" + evil, Kind: credits.ConsecutiveFailures, Months: 2},
		{Name: "Cap" + evil, Kind: credits.CapReached}}
	id, org := c.KPIs[0].ID, c.Orgs[0]
	d := decimal.RequireFromString
	ms := []kpi.Measurement{
		{KPI: id, Org: org, Month: kpi.MustParseMonth("2021-06"), Value: d("97"), Note: "Note" + evil},
		{KPI: id, Org: "B", Month: kpi.MustParseMonth("2021-06"), Value: d("99.9")},
	}
	o, err := outlook.Compute(c, contract.Input{Measurements: ms}, kpi.MustParseMonth("2021-06"))
	require.NoError(t, err)
	var text, js bytes.Buffer
	require.NoError(t, report.OutlookText(&text, c, o))
	noControls(t, "text", text.String())
	require.Contains(t, text.String(), "Trigger=HYPERLINK")
	require.NoError(t, report.OutlookJSON(&js, c, o))
	require.NotContains(t, js.String(), "\x1b")
	require.Contains(t, js.String(), `\u001b[31m`)
}
