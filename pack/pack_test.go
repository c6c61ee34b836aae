package pack

import (
	"os"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// shared returns the indicator set of the Brent-Lewisham shared service's
// "KPI Performance" tables, as the contract names them.
func shared() *contract.Contract {
	dec := decimal.RequireFromString
	apr16 := kpi.MustParseMonth("2016-04")
	pct := func(id, name, tsl string) contract.KPI {
		return contract.KPI{Definition: kpi.Definition{ID: id, Name: name, Unit: kpi.Percent, Direction: kpi.HigherIsBetter,
			Kind: kpi.KPI, Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels(tsl, tsl))}}
	}
	figure := func(id, name string) contract.KPI {
		return contract.KPI{Definition: kpi.Definition{ID: id, Name: name, Unit: kpi.Count, Direction: kpi.HigherIsBetter,
			Kind: kpi.Figure, Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}}}
	}
	score := func(id, name, tsl string) contract.KPI {
		k := pct(id, name, tsl)
		k.Unit = kpi.Score
		return k
	}
	overall := figure("SLA", "Overall SLA Performance")
	overall.Unit, overall.Precision.Places = kpi.Percent, 2
	overall.Pooled = []contract.Part{{KPI: "P1", Weight: "P1V"}, {KPI: "P2", Weight: "P2V"}, {KPI: "P3", Weight: "P3V"}, {KPI: "P4", Weight: "P4V"}}
	open := contract.KPI{Definition: kpi.Definition{ID: "OPEN", Name: "Calls Open at Period End", Unit: kpi.Count,
		Direction: kpi.LowerIsBetter, Kind: kpi.KPI, Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}, Relative: kpi.Decrease}}
	return &contract.Contract{
		Name: "ICT shared service", Customer: "Brent and Lewisham", Supplier: "ICT Shared Service",
		Commencement: apr16, Term: 12, Orgs: []string{"Brent", "Lewisham"},
		Charges: []contract.Charge{{Org: "Brent", From: apr16, Amount: dec("0")}, {Org: "Lewisham", From: apr16, Amount: dec("0")}},
		KPIs: []contract.KPI{
			pct("TEL", "Telephony", "99.90"), pct("ACD", "ACD (Call Centre)", "99.90"), pct("NET", "Internet Access", "99"),
			pct("WEB", "Website", "99.90"), pct("MAIL", "Email Service", "99"), pct("HOUSING", "Housing System", "99"),
			pct("RB", "R&B System", "99"), pct("CARE", "Social Care System", "99"), pct("PLAN", "Planning System", "99"),
			pct("ORACLE", "oneOracle", "99"), pct("REMOTE", "Remote Access Service", "99"), pct("DESKTOP", "Desktop Service", "99"),
			pct("P1", "P1 Calls Resolved within SLA", "95"), figure("P1V", "Volume of P1 Calls"),
			pct("P2", "P2 Calls Resolved within SLA", "90"), figure("P2V", "Volume of P2 Calls"),
			pct("P3", "P3 Calls Resolved with SLA", "80"), figure("P3V", "Volume of P3 Calls"),
			pct("P4", "P4 Calls Resolved < 5 days", "80"), figure("P4V", "Volume of P4 Calls"),
			overall, figure("CALLS", "Total Volume of Calls"), open,
			figure("PROBLEMS", "Number of Problem Records"), figure("CHANGES", "Number of Change Records"),
			score("PSI", "Process Success Index (out of 9)", "7"), score("NPS", "Net Promoter Score", "20"),
			score("USS", "User Satisfaction Survey (out of 7)", "6"),
		},
		Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Unmeasured},
		Credits: credits.Rules{Regime: credits.Points{Amber: dec("0"), Red: dec("0"), PointValue: dec("1")},
			Money: credits.Money{Places: 2, Rounding: kpi.HalfUp}},
	}
}

func read(t *testing.T, file, org string) ([]kpi.Measurement, error) {
	t.Helper()
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	return Read(file, f, shared(), org)
}

// TestRawTranscriptionFlaws reads the pack's tables exactly as published:
// every flaw gets its own error naming file, line and cell.
func TestRawTranscriptionFlaws(t *testing.T) {
	tests := []struct {
		name, file, org string
		want            []string
	}{
		{"brent", "testdata/brent-raw.tsv", "Brent", []string{
			`testdata/brent-raw.tsv:1: cell 8 "SEP-15": month out of sequence: want Sep-16 after Aug-16`,
			`testdata/brent-raw.tsv:1: cell 9 "OCT-15": month out of sequence: want Oct-16 after Sep-16`,
			`testdata/brent-raw.tsv:11: cell 1 "oneOrade": no indicator of that name measured for Brent (did you mean "oneOracle"?)`,
			`testdata/brent-raw.tsv:31: row "Process Success Index (out of 9)": 11 values under 12 month headings`,
			`testdata/brent-raw.tsv:32: row "Net Promoter Score": 11 values under 12 month headings`,
			`testdata/brent-raw.tsv:33: row "User Satisfaction Survey (out of 7)": 11 values under 12 month headings`,
		}},
		{"lewisham", "testdata/lewisham-raw.tsv", "Lewisham", []string{
			`testdata/lewisham-raw.tsv:13: cell 1 "Sksttop Service": no indicator of that name measured for Lewisham (did you mean "Desktop Service"?)`,
			`testdata/lewisham-raw.tsv:32: row "Process Success Index (out of 9)": 11 values under 12 month headings`,
			`testdata/lewisham-raw.tsv:33: row "Net Promoter Score": 11 values under 12 month headings`,
			`testdata/lewisham-raw.tsv:34: row "User Satisfaction Survey (out of 7)": 11 values under 12 month headings`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := read(t, tt.file, tt.org)
			require.Nil(t, ms, "a file with any error is rejected whole")
			require.ErrorIs(t, err, ErrTable)
			require.Equal(t, strings.Join(tt.want, "\n"), err.Error())
		})
	}
}

func TestReadProblems(t *testing.T) {
	head := "SYSTEM AVAILABILITY KPIS\tTARGET\tAPR-16\tMAY-16\n"
	tests := []struct {
		name, table, want string
	}{
		{"row before heading", "Telephony\t99.90%\t100%\t100%\n", `t.tsv:1: row "Telephony": indicator row before any heading row of months`},
		{"heading without months", "SYSTEM AVAILABILITY KPIS\tTARGET\n", `t.tsv:1: row "SYSTEM AVAILABILITY KPIS": heading row without months`},
		{"not a month", "X\tTARGET\tAPR-16\tMAYBE\n", `t.tsv:1: cell 4 "MAYBE": not a month (want APR-16 or 2016-04)`},
		{"gap in months", "X\tTARGET\tAPR-16\tJUN-16\n", `t.tsv:1: cell 4 "JUN-16": month out of sequence: want May-16 after Apr-16`},
		{"too many values", head + "Telephony\t99.90%\t100%\t100%\t100%\n", `t.tsv:2: row "Telephony": 3 values under 2 month headings`},
		{"not a number", head + "Telephony\t99.90%\t1OO%\t100%\n", `t.tsv:2: cell 3 "1OO%": not a number (want 99.5, 99.5% or UNVL, N/A)`},
		{"leading plus", head + "Net Promoter Score\t20\t+5\t1\n", `t.tsv:2: cell 3 "+5": not a number (want 99.5, 99.5% or UNVL, N/A)`},
		{"bare point", head + "Net Promoter Score\t20\t.5\t1\n", `t.tsv:2: cell 3 ".5": not a number (want 99.5, 99.5% or UNVL, N/A)`},
		{"point without digits after", head + "Net Promoter Score\t20\t5.\t1\n", `t.tsv:2: cell 3 "5.": not a number (want 99.5, 99.5% or UNVL, N/A)`},
		{"exponent", head + "Net Promoter Score\t20\t1e3\t1\n", `t.tsv:2: cell 3 "1e3": not a number (want 99.5, 99.5% or UNVL, N/A)`},
		{"thousands separator", head + "Total Volume of Calls\tN/A\t4,600\t4524\n", `t.tsv:2: cell 3 "4,600": not a number (want 99.5, 99.5% or UNVL, N/A)`},
		{"percent sign on a count", head + "Total Volume of Calls\tN/A\t46%\t4524\n", `t.tsv:2: cell 3 "46%": a % sign on a count value`},
		{"target differs", head + "Telephony\t99%\t100%\t100%\n", `t.tsv:2: cell 2 "99%": target differs from TEL's tsl 99.90 in the contract`},
		{"target on a figure", head + "Total Volume of Calls\t4000\t1\t2\n", `t.tsv:2: cell 2 "4000": target given for CALLS, a figure with no target`},
		{"relative target differs", head + "Calls Open at Period End\tIncrease\t1\t2\n", `t.tsv:2: cell 2 "Increase": target of OPEN is "decrease" in the contract`},
		{"row twice", head + "Telephony\t99.90%\t100%\t100%\nTELEPHONY\t99.90%\t100%\t100%\n", `t.tsv:3: row "TELEPHONY": indicator TEL already given on line 2`},
		{"unknown row, no suggestion", head + "Printers\t99%\t100%\t100%\n", `t.tsv:2: cell 1 "Printers": no indicator of that name measured for Brent`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms, err := Read("t.tsv", strings.NewReader(tt.table), shared(), "Brent")
			require.Nil(t, ms)
			require.ErrorIs(t, err, ErrTable)
			require.EqualError(t, err, tt.want)
			var e *Error
			require.ErrorAs(t, err, &e)
			require.Equal(t, "t.tsv", e.File)
		})
	}
	_, err := Read("t.tsv", strings.NewReader(head), shared(), "Southwark")
	require.EqualError(t, err, `t.tsv: organisation "Southwark" is not served by contract "ICT shared service": invalid pack table`)
}

func TestReadValues(t *testing.T) {
	table := "\uFEFF# a comment\n" +
		"SYSTEM AVAILABILITY KPIS\tTARGET\tAPR-16\tMAY-16\tJUN-16\r\n" +
		"Telephony\t99.90%\t100%\tUNVL\t98.90%\n" +
		"\n" +
		"SERVICE DESK KPIS\t\t\t\t\n" +
		"  p1 calls resolved   within sla \t95%\tN/A\t\t20\n" +
		"Calls Open at Period End\tDecrease\t670\t668\t\n" +
		"Net Promoter Score\t20\t-3.5\t62.15\t1\n"
	ms, err := Read("t.tsv", strings.NewReader(table), shared(), "Lewisham")
	require.NoError(t, err)
	var got []string
	for _, m := range ms {
		v := m.Absent.String()
		if m.Absent == 0 {
			v = kpi.FormatValue(m.Value)
		}
		got = append(got, m.KPI+" "+m.Org+" "+m.Month.Pack()+" "+v)
	}
	require.Equal(t, []string{
		"TEL Lewisham Apr-16 100", "TEL Lewisham May-16 unavailable", "TEL Lewisham Jun-16 98.90",
		"P1 Lewisham Apr-16 not-applicable", "P1 Lewisham May-16 not-applicable", "P1 Lewisham Jun-16 20",
		"OPEN Lewisham Apr-16 670", "OPEN Lewisham May-16 668", "OPEN Lewisham Jun-16 not-applicable",
		"NPS Lewisham Apr-16 -3.5", "NPS Lewisham May-16 62.15", "NPS Lewisham Jun-16 1",
	}, got)
	c := shared()
	for _, m := range ms {
		k := c.KPIs[slicesIndex(c, m.KPI)]
		require.NoError(t, m.Check(k.Definition), "every measurement is valid for its indicator")
	}
}

func slicesIndex(c *contract.Contract, id string) int {
	for i, k := range c.KPIs {
		if k.ID == id {
			return i
		}
	}
	return -1
}

func FuzzRead(f *testing.F) {
	for _, file := range []string{"testdata/brent-raw.tsv", "testdata/lewisham-raw.tsv"} {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("X\tTARGET\tAPR-16\nTelephony\t99.90%\t100%\n")
	c := shared()
	f.Fuzz(func(t *testing.T, table string) {
		ms, err := Read("f.tsv", strings.NewReader(table), c, "Brent")
		if err != nil {
			require.Nil(t, ms)
			require.ErrorIs(t, err, ErrTable)
			return
		}
		for _, m := range ms {
			require.GreaterOrEqual(t, slicesIndex(c, m.KPI), 0, "measurements name indicators of the contract")
			require.Equal(t, "Brent", m.Org)
			require.False(t, m.Month.IsZero())
		}
	})
}

// TestCorrectedTranscriptions reads the shipped, corrected tables of the
// Brent-Lewisham example: every indicator of both tables, twelve months.
func TestCorrectedTranscriptions(t *testing.T) {
	for _, tt := range []struct{ file, org string }{
		{"../examples/brent-lewisham/brent.tsv", "Brent"},
		{"../examples/brent-lewisham/lewisham.tsv", "Lewisham"},
	} {
		t.Run(tt.org, func(t *testing.T) {
			ms, err := read(t, tt.file, tt.org)
			require.NoError(t, err)
			require.Len(t, ms, 28*12, "28 indicators, 12 months")
			require.Equal(t, kpi.MustParseMonth("2016-04"), ms[0].Month)
			require.Equal(t, kpi.MustParseMonth("2017-03"), ms[11].Month)
		})
	}
}
