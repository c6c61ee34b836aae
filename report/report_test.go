package report_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/contracttest"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/report"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// shared loads and evaluates testdata's shared service over Jun-21 to
// Aug-21: two organisations, a deemed and a relieved mitigation, PIs,
// figures, a pooled KPI and a relative target.
func shared(t testing.TB) (*contract.Contract, *contract.Result) {
	t.Helper()
	read := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		require.NoError(t, err)
		return data
	}
	c, err := load.Contract("contract.yaml", read("contract.yaml"))
	require.NoError(t, err)
	ms, err := load.Measurements("measurements.csv", bytes.NewReader(read("measurements.csv")), c)
	require.NoError(t, err)
	reg, err := load.Register("mitigations.yaml", read("mitigations.yaml"), c)
	require.NoError(t, err)
	res, err := c.Evaluate(contract.Input{From: kpi.MustParseMonth("2021-06"), To: kpi.MustParseMonth("2021-08"),
		Measurements: ms, Mitigations: reg})
	require.NoError(t, err)
	return c, res
}

// writers are the formats render writes: each one's writer of a whole
// result and of an organisation's part.
var writers = map[string]struct {
	whole func(io.Writer, *contract.Contract, *contract.Result) error
	org   func(*report.Org, io.Writer, *contract.Contract) error
}{
	"text":     {report.Text, (*report.Org).Text},
	"markdown": {report.Markdown, (*report.Org).Markdown},
	"json":     {report.JSON, (*report.Org).JSON},
	"csv":      {report.CSV, (*report.Org).CSV},
	"pack":     {report.Pack, (*report.Org).Pack},
	"html":     {report.HTML, (*report.Org).HTML},
}

// render writes r in format, restricted to org when org is not empty.
func render(t testing.TB, format string, c *contract.Contract, r *contract.Result, org string) string {
	t.Helper()
	w, ok := writers[format]
	if !ok {
		t.Fatalf("unknown format %q", format)
	}
	var b bytes.Buffer
	var err error
	if org != "" {
		err = w.org(report.ForOrg(r, org), &b, c)
	} else {
		err = w.whole(&b, c, r)
	}
	require.NoError(t, err)
	return b.String()
}

func TestGolden(t *testing.T) {
	c, res := shared(t)
	for _, tc := range []struct {
		name, format, org string
		why               string
	}{
		{"shared.text", "text", "", "both organisations, figures shown by value, the pooled section"},
		{"shared.markdown", "markdown", "", "the same as Markdown"},
		{"shared.json", "json", "", "the pooled, figure, relative, bound and margin fields"},
		{"shared.csv", "csv", "", "the pooled columns after the usual ones"},
		{"shared.pack", "pack", "", "each organisation's table of indicators by month, the pooled figures"},
		{"shared-org-a.text", "text", "A", "ForOrg: organisation A's cells, whole-contract totals"},
		{"shared-org-b.json", "json", "B", "ForOrg: organisation B's cells and credit lines, with cap lines"},
		{"shared.html", "html", "", "the page: each organisation's grid and the combined one, figures, deemed and relieved cells, pooled and relative explanations"},
		{"shared-org-a.html", "html", "A", "ForOrg's page: organisation A's grid only, the contract's caps and totals"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			contracttest.Golden(t, filepath.Join("testdata", tc.name+".golden"), []byte(render(t, tc.format, c, res, tc.org)))
		})
	}
}

func TestExplainGolden(t *testing.T) {
	c, res := shared(t)
	for _, tc := range []struct {
		name, kpi, org, month string
		why                   string
	}{
		{"explain-pooled", "OVERALL", "A", "2021-07", "computed beside published, with the computation"},
		{"explain-pooled-unpublished", "OVERALL", "B", "2021-07", "no figure published, a part unavailable"},
		{"explain-figure", "P1_VOL", "B", "2021-06", "a figure has no target"},
		{"explain-relative", "OPEN", "", "2021-08", "a relative target says what it was compared with"},
		{"explain-deemed", "AVAIL", "A", "2021-07", "a deemed mitigation and a strict msl from a margin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, report.Explain(&b, c, res, tc.kpi, tc.org, kpi.MustParseMonth(tc.month)))
			contracttest.Golden(t, filepath.Join("testdata", tc.name+".golden"), b.Bytes())
		})
	}
}

func TestExplainNoCell(t *testing.T) {
	c, res := shared(t)
	for _, tc := range []struct {
		name, kpi, org, month, want string
	}{
		{"month not evaluated", "AVAIL", "A", "2021-09", "kpi AVAIL: 2021-09: month not evaluated"},
		{"org not measured", "OPEN", "B", "2021-06", `kpi OPEN: 2021-06: not in force for organisation "B"`},
		{"unknown kpi", "NOPE", "", "2021-06", "kpi NOPE: 2021-06: not in force"},
		{"org needed", "AVAIL", "", "2021-06", "kpi AVAIL: 2021-06: measured for A, B: name one organisation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := report.Explain(io.Discard, c, res, tc.kpi, tc.org, kpi.MustParseMonth(tc.month))
			require.ErrorIs(t, err, report.ErrNoCell)
			require.Equal(t, tc.want+": "+report.ErrNoCell.Error(), err.Error())
		})
	}
}

// rowOf returns the line of text that starts with prefix.
func rowOf(t *testing.T, text, prefix string) string {
	t.Helper()
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	t.Fatalf("no line starting %q in:\n%s", prefix, text)
	return ""
}

// TestDeemedMarker checks how a deemed mitigation shows in the RAG table:
// raw>deemed with the mitigation's star, and a legend only when one is
// shown; a relief shows the raw status with a star.
func TestDeemedMarker(t *testing.T) {
	c, res := shared(t)
	jul := res.Months[1]
	var deemed contract.Cell
	for _, cell := range jul.Cells {
		if cell.Measured.KPI == "AVAIL" && cell.Measured.Org == "A" {
			deemed = cell
		}
	}
	require.Equal(t, kpi.Red, deemed.Raw)
	require.Equal(t, kpi.Green, deemed.Status)

	text := render(t, "text", c, res, "")
	require.Equal(t, "AVAIL A       kpi        green   red>green*        amber", rowOf(t, text, "AVAIL A "))
	require.Contains(t, text, "raw>deemed: a mitigation deems the status shown after the >\n")
	require.Equal(t, "OVERALL B     kpi        amber   unmeasured         red*", rowOf(t, text, "OVERALL B "))
	md := render(t, "markdown", c, res, "")
	require.Contains(t, md, "| AVAIL A | kpi | green | red>green* | amber |\n")

	// Organisation B's report has a relief but nothing deemed: no legend.
	b := render(t, "text", c, res, "B")
	require.NotContains(t, b, "raw>deemed")
	require.NotContains(t, b, ">green")
	require.Contains(t, b, "red*")
}

// TestForOrg checks ForOrg with several organisations: each sees its own
// cells and credit lines, summaries recounted, its own ledger adding up,
// the contract's ledger beside it, and the result it was given unchanged.
func TestForOrg(t *testing.T) {
	c, res := shared(t)
	before := render(t, "json", c, res, "")

	parts := map[string]*report.Org{}
	for _, org := range []string{"A", "B"} {
		r := report.ForOrg(res, org)
		parts[org] = r
		require.Equal(t, org, r.Name)
		require.Same(t, res.Ledger, r.Contract)
		require.Len(t, r.Months, len(res.Months))
		for i, m := range r.Months {
			require.Equal(t, res.Months[i].Month, m.Month)
			require.NotEmpty(t, m.Cells)
			for _, cell := range m.Cells {
				require.Equal(t, org, cell.Measured.Org)
			}
		}
		// The organisation's ledger adds up: lines to months, months to
		// years, years to the total.
		var lines, months, years decimal.Decimal
		for _, l := range r.Ledger.Lines {
			require.Equal(t, credits.CreditLine, l.Kind)
			require.Equal(t, org, l.Org)
			lines = lines.Add(l.Amount)
		}
		for _, mt := range r.Ledger.Months {
			require.True(t, mt.Total.Equal(mt.Uncapped), "no cut in an organisation's ledger")
			months = months.Add(mt.Total)
		}
		for _, y := range r.Ledger.Years {
			years = years.Add(y.Total)
			for _, d := range y.Drivers {
				require.Equal(t, org, d.Org)
			}
		}
		require.True(t, lines.Equal(months), "%s: lines %s, months %s", org, lines, months)
		require.True(t, months.Equal(years), "%s: months %s, years %s", org, months, years)
		require.True(t, years.Equal(r.Ledger.Total), "%s: years %s, total %s", org, years, r.Ledger.Total)
	}
	// The organisations' cells, summaries and credit lines add up to the
	// whole; the cap lines appear in each.
	for i, m := range res.Months {
		a, b := parts["A"].Months[i], parts["B"].Months[i]
		require.Equal(t, len(m.Cells), len(a.Cells)+len(b.Cells))
		sum := contract.Summary{
			TSL: a.Summary.TSL + b.Summary.TSL, MSL: a.Summary.MSL + b.Summary.MSL,
			BelowMSL: a.Summary.BelowMSL + b.Summary.BelowMSL, Unmeasured: a.Summary.Unmeasured + b.Summary.Unmeasured,
			Total: a.Summary.Total + b.Summary.Total, Mitigated: a.Summary.Mitigated + b.Summary.Mitigated,
		}
		require.Equal(t, m.Summary, sum, "month %s", m.Month)
	}
	credit := func(led *credits.Ledger, kind credits.LineKind) (decimal.Decimal, int) {
		var sum decimal.Decimal
		n := 0
		for _, l := range led.Lines {
			if l.Kind == kind {
				sum, n = sum.Add(l.Amount), n+1
			}
		}
		return sum, n
	}
	whole, _ := credit(res.Ledger, credits.CreditLine)
	a, _ := credit(parts["A"].Ledger, credits.CreditLine)
	b, _ := credit(parts["B"].Ledger, credits.CreditLine)
	require.True(t, whole.Equal(a.Add(b)), "credit lines: %s != %s + %s", whole, a, b)
	require.True(t, whole.Equal(parts["A"].Ledger.Total.Add(parts["B"].Ledger.Total)), "the organisations' totals add up to the uncapped whole")
	_, caps := credit(res.Ledger, credits.CapLine)
	require.Positive(t, caps, "the test data has a cap cut")
	// An organisation the contract does not serve sees no cells.
	none := report.ForOrg(res, "C")
	for _, m := range none.Months {
		require.Empty(t, m.Cells)
		require.Equal(t, contract.Summary{}, m.Summary)
	}
	require.Equal(t, before, render(t, "json", c, res, ""), "ForOrg changed its input")
}

// TestFigureAndPooledCells checks the rules the golden files show, so a
// careless -update cannot lose them: a figure shows its value and status
// "reported" with no thresholds; a pooled KPI shows our value beside the
// published one.
func TestFigureAndPooledCells(t *testing.T) {
	c, res := shared(t)
	text := render(t, "text", c, res, "")
	require.Equal(t, "P1_VOL A   figure            4           10            0", rowOf(t, text, "P1_VOL A "))
	require.Equal(t, "Aug-21  OVERALL A             91.0  unavailable       amber", rowOf(t, text, "Aug-21  OVERALL A "))
	require.Equal(t, "Jul-21  OVERALL B  none (no-input)         none  unmeasured", rowOf(t, text, "Jul-21  OVERALL B "))
	js := render(t, "json", c, res, "")
	require.Contains(t, js, `"kind": "figure",
          "value": "4",
          "rounded": "4",
          "measured": "reported",
          "raw": "reported",
          "status": "reported",`)
	require.Contains(t, js, `"computation": "pooled: P1 80% x 10, P2 97.5% x 30 = 3725.0/40",
          "published": "93.1",`)
	require.Contains(t, js, `"computation": "pooled: P1 not applicable, P2 91% x 25 = 2275/25",
          "published_absence": "unavailable",`)
	csv := render(t, "csv", c, res, "")
	require.True(t, strings.HasPrefix(csv, strings.Join(append(report.CSVHeader, report.CSVPooledColumns...), ",")+"\n"))
}

// TestGlobals checks that the reports ignore the decimal package's
// globals. It must not run in parallel with other tests.
func TestGlobals(t *testing.T) {
	c, res := shared(t)
	for _, f := range []string{"text", "markdown", "json", "csv", "pack", "html"} {
		t.Run(f, func(t *testing.T) {
			contracttest.IgnoresDecimalGlobals(t, func(w io.Writer) error {
				_, err := io.WriteString(w, render(t, f, c, res, ""))
				return err
			})
		})
	}
}

// TestCapsAndEvents renders the ratchet example's contract file, whose
// rolling cap bites every month and whose triggers raise events, in every
// format: each cap line names its cap, and the events carry their
// evidence.
func TestCapsAndEvents(t *testing.T) {
	c, ms := exampletest.LoadFiles(t, filepath.Join("..", "examples", "ratchet"))
	res, err := c.Evaluate(contract.Input{From: kpi.MustParseMonth("2021-04"), To: kpi.MustParseMonth("2022-05"), Measurements: ms})
	require.NoError(t, err)
	res.Ledger.Events = eventsOf(t, c, res)
	require.NotEmpty(t, res.Ledger.Events)
	for _, format := range []string{"text", "markdown", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			contracttest.Golden(t, filepath.Join("testdata", "caps-events."+format+".golden"), []byte(render(t, format, c, res, "")))
		})
	}
}

// eventsOf recomputes the events of r, an evaluation of c serving one
// organisation, with a credits.Book fed r's months. contract.Evaluate
// does not yet hand the Book's events over (see credits.Book.Events).
func eventsOf(t *testing.T, c *contract.Contract, r *contract.Result) []credits.Event {
	t.Helper()
	book, err := credits.Open(c.Credits)
	require.NoError(t, err)
	var events []credits.Event
	for _, m := range r.Months {
		p := credits.Period{Month: m.Month, Year: m.Year, Charges: m.Credit.Charges, YearCharges: m.Credit.Charges.Mul(decimal.NewFromInt(12))}
		for _, cell := range m.Cells {
			p.Outcomes = append(p.Outcomes, credits.Outcome{KPI: cell.Measured.KPI, Org: cell.Measured.Org, Kind: cell.Measured.Kind, Raw: cell.Raw,
				Status: cell.Status, Absent: cell.Measured.Absent, Charges: m.Credit.Charges, Measured: &cell.Measured})
		}
		lines, _, err := book.Add(p)
		require.NoError(t, err)
		for i, cell := range m.Cells {
			require.True(t, cell.Credit.Amount.Equal(lines[i].Amount), "the book agrees with the evaluation")
		}
		events = append(events, book.Events()...)
	}
	return events
}
