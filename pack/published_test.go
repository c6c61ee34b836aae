package pack

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func readPublished(t *testing.T, text string) *Published {
	t.Helper()
	p, err := ReadPublished("p.tsv", strings.NewReader(text))
	require.NoError(t, err)
	return p
}

func notes(p *Published) []string {
	var out []string
	for _, n := range p.Notes {
		out = append(out, fmt.Sprintf("%s %q: %s", n.Pos, n.Text, n.Msg))
	}
	return out
}

// TestPublishedRawTranscriptions reads the Brent-Lewisham pack as
// published: its flaws are notes with their places, and every table is
// read whole.
func TestPublishedRawTranscriptions(t *testing.T) {
	for _, tc := range []struct {
		file  string
		notes []string
	}{
		{"testdata/brent-raw.tsv", []string{
			`testdata/brent-raw.tsv:1:8 "SEP-15": month heading out of sequence: want Sep-16 between Aug-16 and Oct-16 (read as Sep-16)`,
			`testdata/brent-raw.tsv:1:9 "OCT-15": month heading out of sequence: want Oct-16 between Sep-16 and Nov-16 (read as Oct-16)`,
			`testdata/brent-raw.tsv:31 "Process Success Index (out of 9)": short row: 12 cells under 13 headings (read from the left: the last has none)`,
			`testdata/brent-raw.tsv:32 "Net Promoter Score": short row: 12 cells under 13 headings (read from the left: the last has none)`,
			`testdata/brent-raw.tsv:33 "User Satisfaction Survey (out of 7)": short row: 12 cells under 13 headings (read from the left: the last has none)`,
		}},
		{"testdata/lewisham-raw.tsv", []string{
			`testdata/lewisham-raw.tsv:32 "Process Success Index (out of 9)": short row: 12 cells under 13 headings (read from the left: the last has none)`,
			`testdata/lewisham-raw.tsv:33 "Net Promoter Score": short row: 12 cells under 13 headings (read from the left: the last has none)`,
			`testdata/lewisham-raw.tsv:34 "User Satisfaction Survey (out of 7)": short row: 12 cells under 13 headings (read from the left: the last has none)`,
		}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			f, err := os.Open(tc.file)
			require.NoError(t, err)
			defer f.Close()
			p, err := ReadPublished(tc.file, f)
			require.NoError(t, err)
			require.Equal(t, tc.notes, notes(p))
			require.Len(t, p.Tables, 1, "section labels and comments do not start tables")
			tb := p.Tables[0]
			require.Len(t, tb.Series, 28)
			require.Len(t, tb.Periods, 13)
			require.Equal(t, TSL, tb.Periods[0].Kind)
			for i, per := range tb.Periods[1:] {
				require.Equal(t, kpi.MustParseMonth("2016-04").AddMonths(i), per.Month, "read in sequence")
			}
			if tc.file == "testdata/brent-raw.tsv" {
				require.Equal(t, kpi.MustParseMonth("2015-09"), tb.Periods[6].Printed, "the month as printed is kept")
				nps := tb.Series[26]
				require.Equal(t, "Net Promoter Score", nps.Label)
				require.Equal(t, Missing, nps.Cells[12].Kind, "the short row's last heading has no cell")
				require.Equal(t, Pos{tc.file, 32, 14}, nps.Cells[12].Pos)
				require.Equal(t, 1, nps.Section, "OTHER KPIS")
			}
		})
	}
}

func TestReadCell(t *testing.T) {
	for _, tc := range []struct {
		text, why string
		kind      CellKind
		value     string
		places    int32
		pct       bool
		problem   string
	}{
		{"99.90%", "a percentage keeps its places", Number, "99.90", 2, true, ""},
		{"81%", "whole percent", Number, "81", 0, true, ""},
		{"99 %", "a space before the sign", Number, "99", 0, true, ""},
		{"4600", "a count", Number, "4600", 0, false, ""},
		{"-3.5", "a negative score", Number, "-3.5", 1, false, ""},
		{"+5", "a leading plus is outside the grammar", Unreadable, "", 0, true, `not a number in the strict grammar (want an optional minus sign, digits and an optional point followed by digits, such as 99.5; no "+", no ".5" or "5.")`},
		{".5", "a bare point", Unreadable, "", 0, false, `not a number in the strict grammar (want an optional minus sign, digits and an optional point followed by digits, such as 99.5; no "+", no ".5" or "5.")`},
		{"5.", "a trailing point", Unreadable, "", 0, false, `not a number in the strict grammar (want an optional minus sign, digits and an optional point followed by digits, such as 99.5; no "+", no ".5" or "5.")`},
		{"16%%", "two percent signs", Unreadable, "", 0, true, `not a number in the strict grammar (want an optional minus sign, digits and an optional point followed by digits, such as 99.5; no "+", no ".5" or "5.")`},
		{"4,600", "thousands separators", Unreadable, "", 0, false, "a number with thousands separators (want digits only, such as 4600)"},
		{"1e3", "an exponent", Unreadable, "", 0, false, "a number with an exponent (want digits with an optional point, such as 99.5)"},
		{"%", "a sign alone", Unreadable, "", 0, true, "a % sign without a number"},
		{"see note", "words", Unreadable, "", 0, false, "not a number, percentage, RAG (G, A, R), N/A or UNVL"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			c := readCell(Pos{}, tc.text)
			require.Equal(t, tc.kind, c.Kind)
			require.Equal(t, tc.problem, c.Problem)
			if tc.kind == Number {
				require.Equal(t, tc.value, c.Value.StringFixed(c.Places))
				require.Equal(t, tc.places, c.Places)
				require.Equal(t, tc.pct, c.Percent)
			}
		})
	}
	for text, want := range map[string]kpi.Absence{"N/A": kpi.NotApplicable, "n/a": kpi.NotApplicable, "NA": kpi.NotApplicable,
		"-": kpi.NotApplicable, "\u2013": kpi.NotApplicable, "UNVL": kpi.Unavailable, "unvl": kpi.Unavailable} {
		c := readCell(Pos{}, text)
		require.Equal(t, Absent, c.Kind, text)
		require.Equal(t, want, c.Absence, text)
	}
	for text, want := range map[string]kpi.Status{"G": kpi.Green, "green": kpi.Green, "A": kpi.Amber, "AMBER": kpi.Amber, "r": kpi.Red, "Red": kpi.Red} {
		c := readCell(Pos{}, text)
		require.Equal(t, RAG, c.Kind, text)
		require.Equal(t, want, c.Status, text)
	}
	require.Equal(t, Blank, readCell(Pos{}, "").Kind)
}

func TestParseTarget(t *testing.T) {
	for _, tc := range []struct{ text, want, why string }{
		{"95%", "95%", "a bare level"},
		{"99.90%", "99.90%", "places kept"},
		{"<= 3", "<= 3", "lower is better, inclusive"},
		{"< 10%", "< 10%", "lower is better, strict"},
		{">= 95%", ">= 95%", "higher is better, inclusive"},
		{"> 99", "> 99", "higher is better, strict"},
		{"\u2264 10%", "<= 10%", "the sign"},
		{"\u226510%", ">= 10%", "the sign without a space"},
		{"=< 5", "<= 5", "written the other way"},
		{"at least 95%", ">= 95%", "words"},
		{"Below 10%", "< 10%", "a word in any case"},
		{"no more than 3", "<= 3", "longer words first"},
		{"Target: 95%", "95%", "a target word"},
		{"TSL 95% MSL 90%", "95% / 90%", "the tsl and the msl"},
		{"95% / 90%", "95% / 90%", "a slash"},
		{"TSL <= 10% MSL <= 15%", "<= 10% / <= 15%", "lower is better levels"},
		{"Decrease", "decrease", "a relative target"},
		{"no worse than last year", "no-worse-than-last-year", "a relative target in words"},
		{"No-Worse", "no-worse", "a relative target as the contract writes it, in any case"},
		{"no worse-than  last year", "no-worse-than-last-year", "spaces or hyphens between the words"},
		{"Increase", "increase", "each of kpi.Relative's words"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			got, err := ParseTarget(tc.text)
			require.NoError(t, err)
			require.Equal(t, tc.want, got.String())
		})
	}
	for _, tc := range []struct{ text, want string }{
		{"high", "not a target (want a level such as 95%, >= 95%, <= 3 or < 10%, or a word such as Decrease): not a number, percentage, RAG (G, A, R), N/A or UNVL"},
		{">= +5", `not a target (want a level such as 95%, >= 95%, <= 3 or < 10%, or a word such as Decrease): not a number in the strict grammar (want an optional minus sign, digits and an optional point followed by digits, such as 99.5; no "+", no ".5" or "5.")`},
		{"no-better", "not a target (want a level such as 95%, >= 95%, <= 3 or < 10%, or a word such as Decrease): not a number, percentage, RAG (G, A, R), N/A or UNVL"},
		{"95% / x", "minimum: not a target (want a level such as 95%, >= 95%, <= 3 or < 10%, or a word such as Decrease): not a number, percentage, RAG (G, A, R), N/A or UNVL"},
	} {
		_, err := ParseTarget(tc.text)
		require.EqualError(t, err, tc.want, tc.text)
	}
}

func TestSplitTarget(t *testing.T) {
	for _, tc := range []struct {
		label, rest, target string
		ok                  bool
	}{
		{"P1 resolved in 4 hours (95%)", "P1 resolved in 4 hours", "95%", true},
		{"Calls abandoned (target < 10%)", "Calls abandoned", "< 10%", true},
		{"Incidents (<= 3)", "Incidents", "<= 3", true},
		{"Contacts per user (TSL 1.5)", "Contacts per user", "1.5", true},
		{"Process Success Index (out of 9)", "Process Success Index (out of 9)", "", false},
		{"Calls (2016)", "Calls (2016)", "", false},
		{"Calls open (Decrease)", "Calls open (Decrease)", "", false},
		{"(95%)", "(95%)", "", false},
	} {
		rest, tgt, ok := SplitTarget(tc.label)
		require.Equal(t, tc.ok, ok, tc.label)
		require.Equal(t, tc.rest, rest, tc.label)
		require.Equal(t, tc.target, tgt.String(), tc.label)
	}
}

func TestParseMonthHeading(t *testing.T) {
	for _, tc := range []struct {
		text, month string
		year        int
	}{
		{"APR-16", "2016-04", 0}, {"Jun-21", "2021-06", 0}, {"2016-04", "2016-04", 0}, {"Yr 7 Jun-21", "2021-06", 7},
		{"Year 12 Mar-27", "2027-03", 12}, {"Sept 2016", "2016-09", 0}, {"April 2016", "2016-04", 0}, {"apr/16", "2016-04", 0},
		{"Dec 16", "2016-12", 0}, {"yr7 jun-21", "2021-06", 7},
	} {
		m, y, ok := ParseMonthHeading(tc.text)
		require.True(t, ok, tc.text)
		require.Equal(t, tc.month, m.String(), tc.text)
		require.Equal(t, tc.year, y, tc.text)
	}
	for _, text := range []string{"Q1", "YTD", "2016/17", "Apr-", "Foo-16", "Apr-123", "Apr-+1", "2016-13", "Yr 7", "Target", ""} {
		_, _, ok := ParseMonthHeading(text)
		require.False(t, ok, text)
	}
}

func TestParsePeriod(t *testing.T) {
	for text, want := range map[string]PeriodKind{
		"Q1": Quarter, "q4 16/17": Quarter, "Qtr 2": Quarter, "Quarter 3": Quarter, "Q1 2016/17": Quarter, "Q1 Total": Quarter,
		"YTD": YearToDate, "Year to date": YearToDate, "Year": Year, "Yr 7": Year, "2016/17": Year, "FY 2016/17": Year, "FY2016-17": Year,
		"Annual": Year, "Total": Total, "Grand Total": GrandTotal, "GRAND TOTAL": GrandTotal, "Target": TSL, "TSL": TSL, "MSL": MSL,
		"Minimum": MSL, "Q5": Unknown, "Comments": Unknown, "": Unknown, "2016-17": Year, "Apr-16": OneMonth,
	} {
		require.Equal(t, want, parsePeriod(Pos{}, text).Kind, text)
	}
	require.Equal(t, 7, parsePeriod(Pos{}, "Yr 7").Year)
}

// TestTotalsCover checks which months each total covers: back to the
// previous total of its level or above; a grand total covers every month.
func TestTotalsCover(t *testing.T) {
	p := readPublished(t, "Calls\tApr-16\tMay-16\tJun-16\tQ1\tJul-16\tAug-16\tSep-16\tQ2\tYTD\tOct-16\tTotal\tGrand Total\n"+
		"Logged\t1\t2\t3\t6\t4\t5\t6\t15\t21\t7\t28\t28\n")
	tb := p.Tables[0]
	covered := map[string][]string{}
	for _, per := range tb.Periods {
		if per.Kind.IsTotal() {
			for _, i := range per.Covers {
				covered[per.Text] = append(covered[per.Text], tb.Periods[i].Month.Pack())
			}
		}
	}
	require.Equal(t, map[string][]string{
		"Q1":          {"Apr-16", "May-16", "Jun-16"},
		"Q2":          {"Jul-16", "Aug-16", "Sep-16"},
		"YTD":         {"Apr-16", "May-16", "Jun-16", "Jul-16", "Aug-16", "Sep-16"},
		"Total":       {"Apr-16", "May-16", "Jun-16", "Jul-16", "Aug-16", "Sep-16", "Oct-16"},
		"Grand Total": {"Apr-16", "May-16", "Jun-16", "Jul-16", "Aug-16", "Sep-16", "Oct-16"},
	}, covered)
	require.Empty(t, p.Notes)

	p = readPublished(t, "Calls\tApr-16\tMay-16\tQ1\tYTD\n")
	require.Equal(t, []string{`p.tsv:1:4 "Q1": a quarter over 2 months (want 3)`}, notes(p))
	p = readPublished(t, "Calls\tQ1\tApr-16\n")
	require.Equal(t, []string{`p.tsv:1:2 "Q1": a total over no months: no month heading comes before it`}, notes(p))
}

// TestTransposed reads a table printed the other way round: months as
// rows, series as columns, with a target row and period totals.
func TestTransposed(t *testing.T) {
	p := readPublished(t, "Month\tCalls logged\tResolved in time\tResolved %\n"+
		"Target\t\t\t>= 90%\n"+
		"Apr-16\t10\t9\t90%\n"+
		"May-16\t20\t19\t95%\n"+
		"Jun-16\t30\t27\n"+
		"Q1\t60\t55\t91.67%\n"+
		"Notes\tx\n")
	require.Len(t, p.Tables, 1)
	tb := p.Tables[0]
	require.True(t, tb.Transposed)
	require.Equal(t, "Month", tb.Title)
	var labels []string
	for _, s := range tb.Series {
		labels = append(labels, s.Label)
	}
	require.Equal(t, []string{"Calls logged", "Resolved in time", "Resolved %"}, labels)
	var kinds []PeriodKind
	for _, per := range tb.Periods {
		kinds = append(kinds, per.Kind)
	}
	require.Equal(t, []PeriodKind{TSL, OneMonth, OneMonth, OneMonth, Quarter, Unknown}, kinds)
	require.Equal(t, []int{1, 2, 3}, tb.Periods[4].Covers)
	pct := tb.Series[2]
	require.Equal(t, Level, pct.Cells[0].Kind)
	require.Equal(t, ">= 90%", pct.Cells[0].Target.String())
	require.Equal(t, Missing, pct.Cells[3].Kind, "Jun-16's row is short")
	require.Equal(t, Pos{"p.tsv", 5, 4}, pct.Cells[3].Pos)
	require.Equal(t, "91.67%", pct.Cells[4].Text)
	require.Equal(t, Pos{"p.tsv", 6, 4}, pct.Cells[4].Pos)
	require.Equal(t, []string{
		`p.tsv:5 "Jun-16": short row: 2 cells under 3 series labels (read from the left: the last has none)`,
		`p.tsv:7 "Notes": short row: 1 cell under 3 series labels (read from the left: the last 2 have none)`,
		`p.tsv:7:1 "Notes": heading not understood (want a month such as Apr-16 or 2016-04, a total such as Q1, YTD, Year or Grand Total, or Target); its cells are not read as values`,
	}, notes(p))
}

func TestPublishedLayout(t *testing.T) {
	text := "\uFEFF# a comment\n" +
		"Title only\n" +
		"KPIs\tTarget\tMar-17\tFeb-17\tJan-17\tDec-16\r\n" + // newest first
		"\n" +
		"# of calls\t\t4\t3\t2\t1\t\t\n" + // a label starting with '#', and trailing tabs
		"Open\tDecrease\t5\t6\t7\t8\t9\n" + // a long row
		"SECTION\t\t\t\n" +
		"Avail\t99%\t100%\n" +
		"Board\tJun-21\tJul-21\tSEP-21\tSep-21\n"
	p := readPublished(t, text)
	require.Len(t, p.Tables, 2)
	a := p.Tables[0]
	require.Equal(t, "KPIs", a.Title)
	require.Equal(t, Pos{"p.tsv", 3, 1}, a.Pos)
	require.Equal(t, "2016-12", a.Periods[4].Month.String(), "a sequence going backwards")
	require.Equal(t, []Section{{Label: "SECTION", Pos: Pos{"p.tsv", 7, 1}}}, a.Sections)
	require.Equal(t, "# of calls", a.Series[0].Label)
	require.Len(t, a.Series[1].Extra, 1)
	require.Equal(t, "9", a.Series[1].Extra[0].Text)
	b := p.Tables[1]
	require.Equal(t, "2021-08", b.Periods[2].Month.String(), "out of sequence, read in its place")
	require.Equal(t, []string{
		`p.tsv:6 "Open": long row: 1 cell beyond the last of the 5 headings (not read)`,
		`p.tsv:8 "Avail": short row: 2 cells under 5 headings (read from the left: the last 3 have none)`,
		`p.tsv:9:4 "SEP-21": month heading out of sequence: want Aug-21 between Jul-21 and Sep-21 (read as Aug-21)`,
	}, notes(p))
}

func TestPublishedErrors(t *testing.T) {
	_, err := ReadPublished("p.tsv", strings.NewReader("Telephony\t99%\t100%\nKPI\tApr-16\nX\t1\n"))
	require.ErrorIs(t, err, ErrTable)
	require.EqualError(t, err, `p.tsv:1: cell 1 "Telephony": values before any heading row (want a heading row of months, such as TITLE<tab>TARGET<tab>APR-16<tab>MAY-16, or a row of series labels followed by rows of months)`)
	var e *Error
	require.True(t, errors.As(err, &e))
	require.Equal(t, 1, e.Line)

	_, err = ReadPublished("p.tsv", strings.NewReader(strings.Repeat("x", MaxLine+1)))
	require.ErrorIs(t, err, ErrLimit)
	require.EqualError(t, err, "p.tsv:1: line longer than 1048576 bytes: pack file exceeds a documented limit")
	_, err = ReadPublished("p.tsv", strings.NewReader(strings.Repeat("\t", MaxCells)))
	require.ErrorIs(t, err, ErrLimit)
	require.EqualError(t, err, "p.tsv:1: more than 1000000 cells: pack file exceeds a documented limit")
	_, err = ReadPublished("p.tsv", strings.NewReader("M\tA\nApr-16\t1\n"+strings.Repeat("Total\t1\n", MaxPeriods)))
	require.ErrorIs(t, err, ErrLimit)
	require.EqualError(t, err, "p.tsv:502: a table with more than 500 headings of months, totals and targets: pack file exceeds a documented limit")
}

func TestPublishedValues(t *testing.T) {
	p := readPublished(t, "T\tTARGET\tAPR-16\tMAY-16\nTelephony\t99.90%\t100%\t98.90%\n")
	got := p.Tables[0].Series[0].Cells
	want := []Cell{
		{Pos: Pos{"p.tsv", 2, 2}, Text: "99.90%", Kind: Level, Target: Target{Set: true, Value: decimal.RequireFromString("99.90"), Places: 2, Percent: true}},
		{Pos: Pos{"p.tsv", 2, 3}, Text: "100%", Kind: Number, Value: decimal.RequireFromString("100"), Percent: true},
		{Pos: Pos{"p.tsv", 2, 4}, Text: "98.90%", Kind: Number, Value: decimal.RequireFromString("98.90"), Places: 2, Percent: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatal(diff)
	}
}

// FuzzReadPublished: the lenient reader never panics, every note and
// cell it returns has a place in the file, every table has as many cells
// per series as periods, and a refusal is a table error or a limit.
func FuzzReadPublished(f *testing.F) {
	for _, file := range []string{"testdata/brent-raw.tsv", "testdata/lewisham-raw.tsv", "testdata/norfolk-raw.tsv"} {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("Month\tA\tB\nTarget\t>= 9\t\nApr-16\t1\t2\nQ1\t1\n")
	f.Add("X\tApr-16\tMay-16\tQ1\tYTD\tGrand Total\nTotal\t1\t2\t3\t3\t3\n")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := ReadPublished("f.tsv", strings.NewReader(text))
		if err != nil {
			if !errors.Is(err, ErrTable) && !errors.Is(err, ErrLimit) {
				t.Fatalf("unexpected error %v", err)
			}
			return
		}
		for _, n := range p.Notes {
			if n.Pos.File != "f.tsv" || n.Pos.Line < 1 || n.Msg == "" {
				t.Fatalf("note without a place: %+v", n)
			}
		}
		for _, tb := range p.Tables {
			for _, s := range tb.Series {
				if len(s.Cells) != len(tb.Periods) {
					t.Fatalf("series %q: %d cells, %d periods", s.Label, len(s.Cells), len(tb.Periods))
				}
				for _, c := range append(s.Cells, s.Extra...) {
					if c.Pos.File != "f.tsv" || c.Pos.Line < 1 || c.Pos.Cell < 1 || c.Kind == 0 {
						t.Fatalf("cell without a place or kind: %+v", c)
					}
				}
			}
			for _, per := range tb.Periods {
				if per.Kind == OneMonth && per.Month.IsZero() {
					t.Fatalf("a month heading with no month: %+v", per)
				}
			}
		}
	})
}
