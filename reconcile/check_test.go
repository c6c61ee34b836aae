package reconcile_test

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/load"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

var dec = decimal.RequireFromString

// testContract is a small contract with a kpi of each kind the checks
// need: percentages with their volumes, a pooled figure, a
// lower-is-better PI, a KPI on a glide path, a relative target and a
// figure.
const testContract = `
name: Test
customer: C
supplier: S
commencement: 2021-04
term: 24
organisations: [A, B]
charges:
  - {organisation: A, from: 2021-04, amount: "1000.00"}
  - {organisation: B, from: 2021-04, amount: "1000.00"}
absences: {missing: red, unavailable: red}
kpis:
  - {id: AVAIL, name: Availability, kind: kpi, unit: percent, direction: higher-is-better, precision: {places: 1, rounding: half-up}, tsl: "99.5", msl: "99.0"}
  - {id: P1, name: P1 resolved, kind: kpi, unit: percent, direction: higher-is-better, precision: {places: 2, rounding: half-up}, tsl: "95", msl: "90", combine: {how: weighted, weight: P1-VOL}}
  - {id: P1-VOL, name: P1 calls, kind: figure, unit: count, direction: higher-is-better, precision: {places: 0, rounding: half-up}, combine: {how: summed}}
  - {id: P2, name: P2 resolved, kind: kpi, unit: percent, direction: higher-is-better, precision: {places: 2, rounding: half-even}, tsl: "90", msl: "85"}
  - {id: P2-VOL, name: P2 calls, kind: figure, unit: count, direction: higher-is-better, precision: {places: 0, rounding: half-up}}
  - {id: OVERALL, name: Overall, kind: figure, unit: percent, direction: higher-is-better, precision: {places: 1, rounding: half-up}, pooled: [{kpi: P1, weight: P1-VOL}, {kpi: P2, weight: P2-VOL}]}
  - {id: ABANDON, name: Abandoned, kind: pi, unit: percent, direction: lower-is-better, precision: {places: 1, rounding: half-up}, tsl: "10", msl: "15"}
  - {id: NEW, name: New KPI, kind: kpi, unit: percent, direction: higher-is-better, precision: {places: 1, rounding: half-up}, tsl: "90", msl: "85", from: 2021-07, glide: [{month: 2021-07, tsl: "80", msl: "75"}, {month: 2021-08, tsl: "85", msl: "80"}]}
  - {id: OPEN, name: Open at month end, kind: kpi, unit: count, direction: lower-is-better, precision: {places: 0, rounding: half-up}, relative: decrease}
credits:
  regime:
    points:
      amber: "0.5"
      red: "1"
      point-value: "1"
      weights:
        - {kpi: AVAIL, from: 2021-04, points: "10"}
        - {kpi: P1, from: 2021-04, points: "10"}
        - {kpi: P2, from: 2021-04, points: "10"}
        - {kpi: NEW, from: 2021-07, points: "10"}
        - {kpi: OPEN, from: 2021-04, points: "5"}
  money: {places: 2, rounding: half-up}
`

func testC(t *testing.T) *contract.Contract {
	t.Helper()
	c, err := loadTestContract()
	require.NoError(t, err)
	return c
}

func loadTestContract() (*contract.Contract, error) {
	return load.Contract("c.yaml", []byte(testContract))
}

// check reconciles the pack text (file p.tsv, organisation A unless the
// relations say otherwise) with the test contract.
func check(t *testing.T, text string, rel reconcile.Relations, ms ...kpi.Measurement) *reconcile.Report {
	t.Helper()
	c := testC(t)
	p, err := pack.ReadPublished("p.tsv", strings.NewReader(text))
	require.NoError(t, err)
	if rel.Tables == nil {
		rel.Tables = []reconcile.TableOrg{{File: "p.tsv", Org: "A"}}
	}
	rep, err := reconcile.Check(reconcile.Input{Contract: c, Packs: []*pack.Published{p}, Relations: rel, Measurements: ms})
	require.NoError(t, err)
	for _, f := range rep.Findings {
		require.NotEmpty(t, f.Pos.File, "every finding has a place: %+v", f)
	}
	return rep
}

// at returns the finding of kind k at place (p.tsv:LINE:CELL).
func at(t *testing.T, rep *reconcile.Report, k reconcile.Kind, place string) reconcile.Finding {
	t.Helper()
	var found []reconcile.Finding
	for _, f := range rep.Findings {
		if f.Kind == k && f.Pos.String() == "p.tsv:"+place {
			found = append(found, f)
		}
	}
	require.Len(t, found, 1, "one %s finding at %s among %v", k, place, summary(rep))
	return found[0]
}

// summary lists the findings briefly, for failure messages.
func summary(rep *reconcile.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, f.Pos.String()+" "+f.Kind.String()+" "+f.Verdict.String()+" "+f.Reason)
	}
	return out
}

// figure is a finding's figures in one line, for table tests.
func figure(f reconcile.Finding) string {
	s := f.Verdict.String() + " " + f.Recomputed
	if f.Numeric {
		s += " diff " + kpi.FormatValue(f.Difference) + " tol " + kpi.FormatValue(f.Tolerance)
	}
	return s
}

var shares = reconcile.Relations{Shares: []reconcile.Share{{KPI: "P1", Denominator: "P1-VOL"}}}

// TestAttainable works through printed percentages against whole counts
// of their denominator, at the rounding interval's edges: a value exactly
// one unit away is never possible, 0 and n are, n = 1 allows only 0 and
// 100, and n = 0 allows none.
func TestAttainable(t *testing.T) {
	for _, tc := range []struct {
		why, pct, vol string
		verdict       reconcile.Verdict
		recomputed    string
		nearest       []string
	}{
		{"5 of 8 exactly", "62.50%", "8", reconcile.Agrees, "62.50 (5/8)", nil},
		{"5/14 is 35.714, 6/14 42.857: nothing near 36.36", "36.36%", "14", reconcile.Impossible, "35.71 (5/14)", []string{"35.71 (5/14)", "42.86 (6/14)"}},
		{"1/8 is 12.5, a tie half-up rounds to 13", "13%", "8", reconcile.Agrees, "13 (1/8)", nil},
		{"1/8 is 12.5, a tie half-even and down round to 12", "12%", "8", reconcile.Agrees, "13 (1/8)", nil},
		{"1/8 is 12.5, exactly one unit above 12.4: it prints as 12.5 under every rounding", "12.4%", "8", reconcile.Impossible, "12.5 (1/8)", []string{"0.0 (0/8)", "12.5 (1/8)"}},
		{"1/8 exactly", "12.5%", "8", reconcile.Agrees, "12.5 (1/8)", nil},
		{"k = 0", "0%", "5", reconcile.Agrees, "0 (0/5)", nil},
		{"0.5 is not 0 under any rounding of one place", "0.5%", "5", reconcile.Impossible, "0.0 (0/5)", []string{"0.0 (0/5)", "20.0 (1/5)"}},
		{"k = n", "100%", "7", reconcile.Agrees, "100 (7/7)", nil},
		{"100 is exactly one unit above 99.9", "99.9%", "7", reconcile.Impossible, "100.0 (7/7)", []string{"85.7 (6/7)", "100.0 (7/7)"}},
		{"n = 1 gives 100", "100%", "1", reconcile.Agrees, "100 (1/1)", nil},
		{"n = 1 gives 0", "0.00%", "1", reconcile.Agrees, "0.00 (0/1)", nil},
		{"n = 1 gives only 0 and 100", "50%", "1", reconcile.Impossible, "0 (0/1)", []string{"0 (0/1)", "100 (1/1)"}},
		{"above 100", "101%", "5", reconcile.Impossible, "100 (5/5)", []string{"100 (5/5)"}},
		{"a coarse precision: 81% of 1705 is 1373 to 1397 under some rounding", "81%", "1705", reconcile.Agrees, "81 (1381/1705)", nil},
	} {
		t.Run(tc.why, func(t *testing.T) {
			rep := check(t, "T\tApr-21\nP1 resolved\t"+tc.pct+"\nP1 calls\t"+tc.vol+"\n", shares)
			f := at(t, rep, reconcile.AttainableCheck, "2:2")
			require.Equal(t, tc.verdict, f.Verdict, f.Reason)
			require.Equal(t, tc.recomputed, f.Recomputed)
			require.Equal(t, tc.nearest, f.Nearest)
			require.Equal(t, []string{"p.tsv:3:2"}, posStrings(f.Inputs))
			require.Equal(t, "P1", f.KPI)
			require.Equal(t, "A", f.Org)
			require.Equal(t, "2021-04", f.Month.String())
			require.Equal(t, reconcile.Error, f.Severity)
		})
	}
	rep := check(t, "T\tApr-21\nP1 resolved\t36.36%\nP1 calls\t14\n", shares)
	require.Equal(t, "no whole count of 14 gives 36.36% under any rounding of 2 places",
		at(t, rep, reconcile.AttainableCheck, "2:2").Reason)
	require.Equal(t, "0.6457", at(t, rep, reconcile.AttainableCheck, "2:2").Difference.String(), "36.36 - 35.714285...")
}

func posStrings(ps []pack.Pos) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

// TestAttainableDenominators covers a zero denominator, "N/A" beside
// one, and a denominator the pack does not print.
func TestAttainableDenominators(t *testing.T) {
	rep := check(t, "T\tApr-21\tMay-21\tJun-21\tJul-21\nP1 resolved\t0%\tN/A\tN/A\t50%\nP1 calls\t0\t0\t3\t\n", shares)
	f := at(t, rep, reconcile.AttainableCheck, "2:2")
	require.Equal(t, reconcile.Impossible, f.Verdict)
	require.Equal(t, "no percentage is possible with a denominator of 0 (want N/A)", f.Reason)
	require.Equal(t, "agrees N/A (0)", figure(at(t, rep, reconcile.ShareCheck, "2:3")))
	f = at(t, rep, reconcile.ShareCheck, "2:4")
	require.Equal(t, "disagrees a percentage of 3", figure(f))
	require.Equal(t, "printed as N/A, but the denominator is 3", f.Reason)
	f = at(t, rep, reconcile.AttainableCheck, "2:5")
	require.Equal(t, reconcile.Uncheckable, f.Verdict)
	require.Equal(t, reconcile.Warning, f.Severity)
	require.Equal(t, "its denominator P1-VOL is not printed for it", f.Reason)

	// The denominator from the measurements: the check is then a warning.
	rep = check(t, "T\tJul-21\nP1 resolved\t50%\n", shares, kpi.Measurement{KPI: "P1-VOL", Org: "A", Month: kpi.MustParseMonth("2021-07"), Value: dec("3")})
	f = at(t, rep, reconcile.AttainableCheck, "2:2")
	require.Equal(t, reconcile.Impossible, f.Verdict)
	require.Equal(t, reconcile.Warning, f.Severity, "a denominator the pack does not print makes the check a warning")
	require.Contains(t, f.Reason, "the denominator taken from the measurements (the pack does not print it)")
	require.False(t, f.Fails())
}

// TestShare recomputes a percentage from its printed counts at its
// printed places and the contract's rounding: 1/8 is 12.5%, a tie that
// half-up rounds to 13 and half-even to 12.
func TestShare(t *testing.T) {
	rel := reconcile.Relations{
		Rows: []reconcile.Row{{Label: "P1 met", ID: "P1-MET"}, {Label: "P2 met", ID: "P2-MET"}},
		Shares: []reconcile.Share{{KPI: "P1", Numerator: "P1-MET", Denominator: "P1-VOL"},
			{KPI: "P2", Numerator: "P2-MET", Denominator: "P2-VOL"}},
	}
	rep := check(t, "T\tApr-21\tMay-21\tJun-21\n"+
		"P1 resolved\t93.02%\t13%\t12%\nP1 met\t40\t1\t1\nP1 calls\t43\t8\t8\n"+
		"P2 resolved\t93.03%\t13%\t12%\nP2 met\t40\t1\t1\nP2 calls\t43\t8\t8\n", rel)
	for _, tc := range []struct{ place, want, why string }{
		{"2:2", "agrees 93.02 diff -0.0033 tol 0.005", "40/43 = 93.023255..."},
		{"2:3", "agrees 13 diff 0.50 tol 0.5", "half-up: the tie 12.5 rounds up"},
		{"2:4", "disagrees 13 diff -0.50 tol 0.5", "half-up: not 12"},
		{"5:2", "disagrees 93.02 diff 0.0067 tol 0.005", "one unit off"},
		{"5:3", "disagrees 12 diff 0.50 tol 0.5", "half-even: the tie 12.5 rounds to the even 12"},
		{"5:4", "agrees 12 diff -0.50 tol 0.5", "half-even"},
	} {
		require.Equal(t, tc.want, figure(at(t, rep, reconcile.ShareCheck, tc.place)), tc.why)
	}
	require.Equal(t, "100 x 1/8 rounds to 12 (0 dp half-even)", at(t, rep, reconcile.ShareCheck, "5:3").Reason)
	require.Equal(t, []string{"p.tsv:3:2", "p.tsv:4:2"}, posStrings(at(t, rep, reconcile.ShareCheck, "2:2").Inputs))
}

// TestComplement: met and missed sum to 100 within the rounding of both
// (half a unit each, bounds included).
func TestComplement(t *testing.T) {
	rel := reconcile.Relations{
		Rows:        []reconcile.Row{{Label: "Met", ID: "MET", Unit: kpi.Percent}, {Label: "Missed", ID: "MISSED", Unit: kpi.Percent}},
		Complements: []reconcile.Complement{{KPI: "MISSED", Of: "MET"}},
	}
	rep := check(t, "T\tApr-21\tMay-21\tJun-21\tJul-21\nMet\t94.5%\t94.5%\t94.5%\t95%\nMissed\t5.5%\t5.6%\t5.7%\t\n", rel)
	require.Equal(t, "agrees 5.5 diff 0.0 tol 0.10", figure(at(t, rep, reconcile.ComplementCheck, "3:2")))
	require.Equal(t, "agrees 5.5 diff 0.1 tol 0.10", figure(at(t, rep, reconcile.ComplementCheck, "3:3")), "exactly at the tolerance")
	require.Equal(t, "disagrees 5.5 diff 0.2 tol 0.10", figure(at(t, rep, reconcile.ComplementCheck, "3:4")))
	require.Equal(t, "5.7% + 94.5% (MET) = 100.2, against 100 within the rounding of both", at(t, rep, reconcile.ComplementCheck, "3:4").Reason)
}

// TestTotals covers a declared total and the total, subtotal and grand
// total rows a table prints, against their rows and against each other,
// and the board's TOTAL against its status rows.
func TestTotals(t *testing.T) {
	rel := reconcile.Relations{
		Rows:   []reconcile.Row{{Label: "Incidents", ID: "INC"}, {Label: "Requests", ID: "REQ"}, {Label: "Changes", ID: "CHG"}, {Label: "All calls", ID: "ALL"}},
		Totals: []reconcile.Sum{{Total: "ALL", Parts: []string{"INC", "REQ"}}},
	}
	rep := check(t, "Calls\tApr-21\tMay-21\n"+
		"Incidents\t10\t12\n"+ // 2
		"Requests\t20\tN/A\n"+ // 3
		"Subtotal\t30\t13\n"+ // 4: May is 12 + 0 = 12
		"Changes\t5\t5\n"+ // 5
		"Total\t35\t17\n"+ // 6
		"All calls\t30\t12\n"+ // 7: declared INC + REQ
		"SECTION\n"+
		"Other\t1\t1\n"+ // 9: not understood, but a count
		"Grand Total\t36\t18\n", rel) // 10: all rows of the table
	require.Equal(t, "agrees 30 diff 0 tol 0", figure(at(t, rep, reconcile.TotalCheck, "4:2")))
	f := at(t, rep, reconcile.TotalCheck, "4:3")
	require.Equal(t, "disagrees 12 diff 1 tol 0", figure(f))
	require.Equal(t, "the sum of the rows it totals: INC 12 + REQ N/A (0) = 12", f.Reason)
	var total []string
	for _, f := range rep.Findings {
		if f.Kind == reconcile.TotalCheck && f.Pos.Line == 6 {
			total = append(total, f.Pos.String()+" "+figure(f)+": "+f.Reason)
		}
	}
	require.Equal(t, []string{
		"p.tsv:6:2 agrees 35 diff 0 tol 0: the sum of the rows it totals: INC 10 + REQ 20 + CHG 5 = 35",
		"p.tsv:6:2 agrees 35 diff 0 tol 0: the sum of the subtotals and the rows under none: Subtotal 30 + CHG 5 = 35",
		"p.tsv:6:3 agrees 17 diff 0 tol 0: the sum of the rows it totals: INC 12 + REQ N/A (0) + CHG 5 = 17",
		"p.tsv:6:3 disagrees 18 diff -1 tol 0: the sum of the subtotals and the rows under none: Subtotal 13 + CHG 5 = 18",
	}, total, "against the rows and against the subtotal")
	require.Equal(t, "agrees 30 diff 0 tol 0", figure(at(t, rep, reconcile.TotalCheck, "7:2")))
	var grand []string
	for _, f := range rep.Findings {
		if f.Kind == reconcile.TotalCheck && f.Pos.Line == 10 {
			grand = append(grand, figure(f)+": "+f.Reason)
		}
	}
	require.Equal(t, []string{
		"agrees 36 diff 0 tol 0: the sum of the rows it totals: INC 10 + REQ 20 + CHG 5 + Other 1 = 36",
		"agrees 36 diff 0 tol 0: the sum of the subtotals and the rows under none: Total 35 + Other 1 = 36",
		"agrees 18 diff 0 tol 0: the sum of the rows it totals: INC 12 + REQ N/A (0) + CHG 5 + Other 1 = 18",
		"agrees 18 diff 0 tol 0: the sum of the subtotals and the rows under none: Total 17 + Other 1 = 18",
	}, grand, "a grand total spans sections; a declared total is not added again; the total within it, not its subtotal")
}

// TestBoardTotal checks the board's TOTAL against its status rows and,
// with measurements, every count against the engine's.
func TestBoardTotal(t *testing.T) {
	ms := []kpi.Measurement{
		{KPI: "AVAIL", Org: "A", Month: kpi.MustParseMonth("2021-06"), Value: dec("99.6")},
		{KPI: "P1", Org: "A", Month: kpi.MustParseMonth("2021-06"), Value: dec("92")},
		{KPI: "P2", Org: "A", Month: kpi.MustParseMonth("2021-06"), Value: dec("80")},
		{KPI: "OPEN", Org: "A", Month: kpi.MustParseMonth("2021-06"), Value: dec("4")},
	}
	rep := check(t, "Board\tYr 1 Jun-21\tYr 2 Jul-21\nTSL achieved\t1\t\nMSL achieved\t1\t\nBelow MSL\t2\t\nNot measured\t1\t\nTOTAL\t5\t\nMitigation Agreed\t0\t\n", reconcile.Relations{}, ms...)
	require.Equal(t, "agrees 5 diff 0 tol 0", figure(at(t, rep, reconcile.TotalCheck, "6:2")))
	require.Equal(t, "the sum of the rows it totals: tsl-achieved 1 + msl-achieved 1 + below-msl 2 + not-measured 1 = 5", at(t, rep, reconcile.TotalCheck, "6:2").Reason)
	for _, tc := range []struct{ place, want string }{
		{"2:2", "agrees 1 diff 0 tol 0"},    // AVAIL green
		{"3:2", "agrees 1 diff 0 tol 0"},    // P1 amber
		{"4:2", "disagrees 1 diff 1 tol 0"}, // P2 red; OPEN has no baseline: unmeasured, not red
		{"5:2", "agrees 1 diff 0 tol 0"},    // OPEN
		{"6:2", "disagrees 4 diff 1 tol 0"}, // NEW is not in force until Jul-21
		{"7:2", "agrees 0 diff 0 tol 0"},
	} {
		require.Equal(t, tc.want, figure(at(t, rep, reconcile.BoardCheck, tc.place)), tc.place)
	}
	require.Equal(t, "the engine counts A's credit-bearing KPIs in Jun-21 by raw status: 1 green, 1 amber, 1 red, 1 unmeasured, 4 in force, 0 mitigated",
		at(t, rep, reconcile.BoardCheck, "2:2").Reason, "the organisation A's count: B's missing KPIs are red, and not A's")
	h := at(t, rep, reconcile.HeadingCheck, "1:3")
	require.Equal(t, "disagrees Yr 1", h.Verdict.String()+" "+h.Recomputed)
	require.Equal(t, "Jul-21 is in contract year 1 (commencement Apr-21), not 2", h.Reason)
	require.Equal(t, "agrees Yr 1 diff 0 tol 0", figure(at(t, rep, reconcile.HeadingCheck, "1:2")))
}

// TestPeriods checks totals over months: counts summed, percentages
// recomputed from summed numerators and denominators (never averaged), a
// stock as its last month, in quarter, year-to-date and grand total
// columns.
func TestPeriods(t *testing.T) {
	rel := reconcile.Relations{
		Shares:  []reconcile.Share{{KPI: "P1", Denominator: "P1-VOL"}},
		Periods: []reconcile.PeriodRule{{KPI: "OPEN", Rule: reconcile.LastRule}},
	}
	rep := check(t, "T\tApr-21\tMay-21\tJun-21\tQ1\tJul-21\tYTD\tGrand Total\n"+
		"P1 calls\t2\t3\t0\t5\t5\t10\t11\n"+ // 2: the grand total is one too many
		"P1 resolved\t50%\t100%\tN/A\t80%\t60%\t70.00%\t75%\n"+ // 3: (1 + 3 + 0)/5 = 80%; YTD 7/10; the average 75% is wrong
		"Open at month end\t7\t6\t5\t5\t4\t4\t5\n"+ // 4: last month
		"Availability\t99.9%\t99.8%\t100%\t99.9%\t99.9%\t99.9%\t99.9%\n", rel) // 5: no rule for an availability
	for _, tc := range []struct{ place, want string }{
		{"2:5", "agrees 5 diff 0 tol 0"},
		{"2:7", "agrees 10 diff 0 tol 0"},
		{"2:8", "disagrees 10 diff 1 tol 0"},
		{"3:5", "agrees 80 diff 0 tol 0"},
		{"3:7", "agrees 70.00 diff 0 tol 0"},
		{"3:8", "disagrees 70 diff 5 tol 0"},
		{"4:5", "agrees 5 diff 0 tol 0"},
		{"4:7", "agrees 4 diff 0 tol 0"},
		{"4:8", "disagrees 4 diff 1 tol 0"},
	} {
		require.Equal(t, tc.want, figure(at(t, rep, reconcile.PeriodCheck, tc.place)), tc.place)
	}
	f := at(t, rep, reconcile.PeriodCheck, "3:5")
	require.Equal(t, "Q1", f.Period)
	require.Equal(t, "2021-04 2021-06", f.From.String()+" "+f.To.String())
	require.True(t, f.Month.IsZero())
	require.Equal(t, "100 x 4/5 rounds to 80 (0 dp half-up): Apr-21 1/2, May-21 3/3, Jun-21 0/0", f.Reason)
	f = at(t, rep, reconcile.PeriodCheck, "5:5")
	require.Equal(t, reconcile.Uncheckable, f.Verdict)
	require.Equal(t, "a percentage's total over months is recomputed from its numerators and denominators, never averaged: declare its share", f.Reason)
	require.Equal(t, "the sum of its months: Apr-21 2 + May-21 3 + Jun-21 0 = 5", at(t, rep, reconcile.PeriodCheck, "2:5").Reason)

	// A numerator inferred from a coarse percentage is a range of counts.
	rep = check(t, "T\tApr-21\tMay-21\tQ1\nP1 calls\t200\t200\t400\nP1 resolved\t81%\t80%\t80.50%\n", rel)
	f = at(t, rep, reconcile.PeriodCheck, "3:4")
	require.Equal(t, "agrees 80.00..80.50 diff 0 tol 0", figure(f))
	require.Equal(t, "100 x 320 to 322/400 rounds to 80.00..80.50 (2 dp half-up): Apr-21 161 to 162/200, May-21 159 to 160/200", f.Reason)
}

// TestTransposed reads a table with months as rows and indicators as
// columns: its targets row, a total column and a quarter row are checked
// as they are in a table the usual way round.
func TestTransposed(t *testing.T) {
	rel := reconcile.Relations{
		Rows:   []reconcile.Row{{Label: "Incidents", ID: "INC"}, {Label: "Requests", ID: "REQ"}},
		Shares: []reconcile.Share{{KPI: "P1", Denominator: "P1-VOL"}},
	}
	rep := check(t, "Month\tIncidents\tRequests\tTotal\tP1 calls\tP1 resolved\n"+
		"Target\t\t\t\t\t>= 95%\n"+
		"Jul-21\t10\t20\t30\t4\t75%\n"+
		"Aug-21\t12\t8\t21\t5\t80%\n"+
		"Q2\t22\t28\t50\t9\t77.78%\n"+
		"Sep-21\t1\t1\t2\t1\t100%\n"+
		"YTD\t23\t29\t52\t10\t80%\n"+ // Jul to Sep: (3 + 4 + 1)/10
		"Grand Total\t23\t29\t53\t10\t75%\n", rel) // the average of 75, 80 and 100 is 85; 75 is neither
	require.Equal(t, "agrees 30 diff 0 tol 0", figure(at(t, rep, reconcile.TotalCheck, "3:4")))
	require.Equal(t, "disagrees 20 diff 1 tol 0", figure(at(t, rep, reconcile.TotalCheck, "4:4")))
	require.Equal(t, "agrees 50 diff 0 tol 0", figure(at(t, rep, reconcile.TotalCheck, "5:4")))
	require.Equal(t, "agrees 22 diff 0 tol 0", figure(at(t, rep, reconcile.PeriodCheck, "5:2")))
	require.Equal(t, "disagrees 51 diff -1 tol 0", figure(at(t, rep, reconcile.PeriodCheck, "5:4")), "the total column summed over months: 30 + 21")
	require.Equal(t, "agrees 77.78 diff 0 tol 0", figure(at(t, rep, reconcile.PeriodCheck, "5:6")), "(3 + 4)/9")
	require.Equal(t, "agrees 75 (3/4)", figure(at(t, rep, reconcile.AttainableCheck, "3:6"))[:15])
	require.Equal(t, "agrees >= 95%", figure(at(t, rep, reconcile.TargetCheck, "2:6")))
	require.Equal(t, "agrees 23 diff 0 tol 0", figure(at(t, rep, reconcile.PeriodCheck, "7:2")), "the year to date covers Jul-21 to Sep-21")
	require.Equal(t, "agrees 80 diff 0 tol 0", figure(at(t, rep, reconcile.PeriodCheck, "7:6")))
	require.Equal(t, "disagrees 53 diff -1 tol 0", figure(at(t, rep, reconcile.PeriodCheck, "7:4")), "30 + 21 + 2")
	require.Equal(t, "disagrees 52 diff 1 tol 0", figure(at(t, rep, reconcile.TotalCheck, "8:4")), "the grand total row's total column: 23 + 29 = 52, not 53")
	require.Equal(t, "agrees 53 diff 0 tol 0", figure(at(t, rep, reconcile.PeriodCheck, "8:4")))
	require.Equal(t, "disagrees 80 diff -5 tol 0", figure(at(t, rep, reconcile.PeriodCheck, "8:6")), "8/10, never an average")
	f := at(t, rep, reconcile.TotalCheck, "4:4")
	require.Equal(t, "the sum of the rows it totals: INC 12 + REQ 8 = 20", f.Reason)
	require.Equal(t, "2021-08", f.Month.String())
	require.Equal(t, "Total", f.Row)
}

// TestOverall pools the parts as the contract does and, when the
// published figure is not that, names the alternatives that give it.
func TestOverall(t *testing.T) {
	head := "T\tApr-21\tMay-21\n"
	body := func(overall string) string {
		return head + "P1 resolved\t80.0%\t80.0%\nP1 calls\t20\t10\nP2 resolved\t97.5%\t97.5%\nP2 calls\t20\t30\nP1 logged\t20\t20\nOverall\t90.0%\t" + overall + "\n"
	}
	rel := reconcile.Relations{Rows: []reconcile.Row{{Label: "P1 logged", ID: "P1-LOG"}}}
	// May: (80 x 10 + 97.5 x 30) / 40 = 3725/40 = 93.125.
	for _, tc := range []struct {
		overall, want string
		reproduced    []string
	}{
		{"93.1%", "agrees 93.1 diff -0.025 tol 0.100", nil},
		{"93.0%", "disagrees 93.1 diff -0.125 tol 0.100", nil},
		{"88.8%", "disagrees 93.1 diff -4.325 tol 0.100", []string{"the unweighted mean of the parts: 88.750", "the weights of Apr-21: 88.750"}},
		{"97.5%", "disagrees 93.1 diff 4.375 tol 0.100", []string{"P1 left out: 97.500"}},
		{"90.5%", "disagrees 93.1 diff -2.625 tol 0.100", []string{"P1 weighted by P1 logged (P1-LOG) instead: 90.500"}},
		{"88.7%", "disagrees 93.1 diff -4.425 tol 0.100", []string{"the unweighted mean of the parts: 88.750", "the weights of Apr-21: 88.750"}},
	} {
		rep := check(t, body(tc.overall), rel)
		f := at(t, rep, reconcile.OverallCheck, "7:3")
		require.Equal(t, tc.want, figure(f), tc.overall)
		require.Equal(t, tc.reproduced, f.Reproduced, tc.overall)
		require.Equal(t, "pooled: P1 80.0 x 10, P2 97.5 x 30 = 3725.0/40 = 93.125", f.Reason)
		require.Len(t, f.Inputs, 4)
	}
	// A part that no whole count gives: a warning on the pooled figure.
	rep := check(t, head+"P1 resolved\t80%\t80%\nP1 calls\t7\t10\nP2 resolved\t97.5%\t97.5%\nP2 calls\t40\t30\nOverall\t94.9%\t93.1%\n", shares)
	require.Equal(t, reconcile.Impossible, at(t, rep, reconcile.AttainableCheck, "2:2").Verdict, "80% of 7 is 5.6 calls")
	f := at(t, rep, reconcile.OverallCheck, "6:2")
	require.Equal(t, []string{"built from P1 resolved 80% at p.tsv:2:2 is impossible with 7"}, f.Warnings)
	require.Equal(t, reconcile.Agrees, f.Verdict, "(80 x 7 + 97.5 x 40)/47 = 94.89...")
}

// TestCombined checks the shared service's combined figures against the
// organisations': volumes summed, percentages weighted by volume.
func TestCombined(t *testing.T) {
	text := "A\tApr-21\nP1 resolved\t50%\nP1 calls\t2\n" +
		"B\tApr-21\nP1 resolved\t100%\nP1 calls\t6\n" +
		"Both\tApr-21\nP1 resolved\t87.50%\nP1 calls\t9\n"
	rel := reconcile.Relations{Tables: []reconcile.TableOrg{{File: "p.tsv", Title: "A", Org: "A"}, {File: "p.tsv", Title: "B", Org: "B"},
		{File: "p.tsv", Title: "Both", Org: contract.Combined}}}
	rep := check(t, text, rel)
	f := at(t, rep, reconcile.CombinedCheck, "8:2")
	require.Equal(t, "agrees 87.50 diff 0.0000 tol 0.5050", figure(f), "50% and 100% are printed to whole percent: each may be half a point off")
	require.Equal(t, "combined: A 50% x 2, B 100% x 6 = 700/8 = 87.5000", f.Reason)
	f = at(t, rep, reconcile.CombinedCheck, "9:2")
	require.Equal(t, "disagrees 8 diff 1 tol 0", figure(f))
	require.Equal(t, "combined", f.Org)
}

// TestTargets checks printed targets against the contract's thresholds in
// every month shown: glide paths, bounds, directions, figures and
// relative targets, in a Target column and in a label.
func TestTargets(t *testing.T) {
	rep := check(t, "T\tTarget\tJul-21\tAug-21\tSep-21\n"+
		"New KPI\t90%\t80%\t86%\t91%\n"+ // 2: Jul and Aug are glide path months
		"Abandoned\t<= 10%\t5%\t5%\t5%\n"+ // 3
		"Availability\t> 99.5%\t99.9%\t99.9%\t99.9%\n"+ // 4: the contract's bound is inclusive
		"P1 calls\tN/A\t1\t1\t1\n"+ // 5: a figure
		"P2 calls\t5\t1\t1\t1\n"+ // 6: a figure with a target
		"Open at month end\tDecrease\t5\t4\t3\n"+ // 7
		"P1 resolved (>= 95%)\t\t100%\t100%\t100%\n"+ // 8: the target in the label
		"P2 resolved\t90 / 85\t95%\t95%\t95%\n", // 9: tsl and msl
		reconcile.Relations{})
	f := at(t, rep, reconcile.TargetCheck, "2:2")
	require.Equal(t, "disagrees >= 80%", figure(f)[:16])
	require.Equal(t, "Jul-21: the contract's tsl is >= 80% (glide path step 1 of 2); printed as 90", f.Reason)
	require.Equal(t, "agrees <= 10%", figure(at(t, rep, reconcile.TargetCheck, "3:2")))
	f = at(t, rep, reconcile.TargetCheck, "4:2")
	require.Equal(t, reconcile.Disagrees, f.Verdict)
	require.Equal(t, "Jul-21: the contract's tsl is >= 99.5% (base); the operator > is strict, the contract's bound inclusive", f.Reason)
	require.Equal(t, "agrees none", figure(at(t, rep, reconcile.TargetCheck, "5:2")))
	require.Equal(t, "disagrees none", figure(at(t, rep, reconcile.TargetCheck, "6:2")))
	require.Equal(t, "agrees decrease", figure(at(t, rep, reconcile.TargetCheck, "7:2")))
	require.Equal(t, "agrees >= 95%", figure(at(t, rep, reconcile.TargetCheck, "8:1")))
	require.Equal(t, "agrees >= 90% / >= 85%", figure(at(t, rep, reconcile.TargetCheck, "9:2")))
	require.Equal(t, "P1", at(t, rep, reconcile.TargetCheck, "8:1").KPI, "the label's target is taken off before matching")
}

// TestRAG judges printed RAGs by the printed value beside them, or by
// the evaluation of the measurements when none is printed.
func TestRAG(t *testing.T) {
	rel := reconcile.Relations{Rows: []reconcile.Row{{Label: "Availability RAG", KPI: "AVAIL"}}} // "New KPI RAG" needs no declaration
	ms := []kpi.Measurement{{KPI: "AVAIL", Org: "A", Month: kpi.MustParseMonth("2021-07"), Value: dec("99.2")},
		{KPI: "AVAIL", Org: "A", Month: kpi.MustParseMonth("2021-08"), Absent: kpi.Unavailable}}
	rep := check(t, "T\tJul-21\tAug-21\tSep-21\n"+
		"New KPI\t82%\t82%\t82%\n"+
		"New KPI RAG\tG\tA\tR\n"+ // Jul tsl 80 (glide): G; Aug tsl 85 msl 80: A; Sep tsl 90 msl 85: R
		"Availability RAG\tAmber\tG\tG\n", // Jul 99.2: amber; Aug unavailable, red by the contract; Sep not measured
		rel, ms...)
	for _, tc := range []struct{ place, want string }{
		{"3:2", "agrees green"}, {"3:3", "agrees amber"}, {"3:4", "agrees red"},
		{"4:2", "agrees amber"}, {"4:3", "disagrees red"}, {"4:4", "uncheckable "},
	} {
		require.Equal(t, tc.want, figure(at(t, rep, reconcile.RAGCheck, tc.place)), tc.place)
	}
	require.Equal(t, "the printed value 82%: 82 rounds to 82.0 (1 dp half-up); tsl >= 80 met (glide path step 1 of 2): green",
		at(t, rep, reconcile.RAGCheck, "3:2").Reason)
	require.Equal(t, []string{"p.tsv:2:2"}, posStrings(at(t, rep, reconcile.RAGCheck, "3:2").Inputs))
}

// TestValues checks printed values against the measurements, rounded to
// the printed places by the KPI's rounding.
func TestValues(t *testing.T) {
	m := func(id, month, v string) kpi.Measurement {
		return kpi.Measurement{KPI: id, Org: "A", Month: kpi.MustParseMonth(month), Value: dec(v)}
	}
	ms := []kpi.Measurement{m("AVAIL", "2021-04", "99.96"), m("AVAIL", "2021-05", "99.96"), m("AVAIL", "2021-06", "99.96"),
		{KPI: "AVAIL", Org: "A", Month: kpi.MustParseMonth("2021-07"), Absent: kpi.Unavailable}}
	rep := check(t, "T\tApr-21\tMay-21\tJun-21\tJul-21\tAug-21\nAvailability\t99.96%\t99.9%\t100.0%\tUNVL\t99%\nNew KPI\t\t\t50%\t\t\n", reconcile.Relations{}, ms...)
	for _, tc := range []struct{ place, want string }{
		{"2:2", "agrees 99.96 diff 0.00 tol 0.005"},
		{"2:3", "disagrees 100.0 diff -0.06 tol 0.05"},
		{"2:4", "agrees 100.0 diff 0.04 tol 0.05"},
		{"2:5", "agrees unavailable"},
		{"2:6", "uncheckable "},
		{"3:4", "disagrees "},
	} {
		require.Equal(t, tc.want, figure(at(t, rep, reconcile.ValueCheck, tc.place)), tc.place)
	}
	require.Equal(t, "a value printed for a month NEW is not in force (Jul-21 to Mar-23)", at(t, rep, reconcile.ValueCheck, "3:4").Reason)
}

// TestLayoutFindings covers the flaws of a table's layout and cells:
// headings out of sequence or outside the term, unknown and repeated
// labels, short rows and cells outside the grammar or their unit.
func TestLayoutFindings(t *testing.T) {
	rep := check(t, "T\tTarget\tMar-21\tApr-21\tMAY-20\tJun-21\n"+
		"Availabilty\t99.5%\t1\t2\t3\t4\n"+
		"P1 calls\t\t+5\t2%\t2.5\t-1\n"+
		"Availability\t99.5%\t99%\n"+
		"AVAIL\t99.5%\t99.9%\t99.9%\t99.9%\t99.9%\n", reconcile.Relations{})
	var got []string
	for _, f := range rep.Findings {
		if f.Verdict != reconcile.Agrees && f.Kind <= reconcile.CellCheck {
			got = append(got, f.Pos.String()+" "+f.Kind.String()+" "+f.Verdict.String()+": "+f.Reason)
		}
	}
	require.Equal(t, []string{
		"p.tsv:1:3 heading disagrees: Mar-21 is outside the contract's term, Apr-21 to Mar-23",
		"p.tsv:1:5 heading disagrees: month heading out of sequence: want May-21 between Apr-21 and Jun-21 (read as May-21)",
		`p.tsv:2:1 label disagrees: not a kpi of the contract (by name or id), a row the relations declare, a board count or a total (did you mean "Availability"?)`,
		`p.tsv:3:3 cell disagrees: not a number in the strict grammar (want an optional minus sign, digits and an optional point followed by digits, such as 99.5; no "+", no ".5" or "5.")`,
		"p.tsv:3:4 cell disagrees: a % sign on a count",
		"p.tsv:3:5 cell disagrees: a count must be a whole number of 0 or more",
		"p.tsv:3:6 cell disagrees: a count must be a whole number of 0 or more",
		"p.tsv:4 shape disagrees: short row: 2 cells under 5 headings (read from the left: the last 3 have none)",
		"p.tsv:5:1 label disagrees: AVAIL is printed with figures on p.tsv:4:1 already; this one is not checked",
	}, got)
	var why []string
	for _, u := range rep.Uncovered {
		if u.Pos.Line == 2 || u.Pos.Line == 5 {
			why = append(why, u.Pos.String()+" "+u.Why)
		}
	}
	require.Contains(t, why, "p.tsv:2:3 its label is not understood")
	require.Contains(t, why, "p.tsv:5:3 its indicator is printed on an earlier row")
}

// TestClaims checks a claim line by line against the ledger, exactly,
// and names the credits no line claims.
func TestClaims(t *testing.T) {
	c := testC(t)
	jun := kpi.MustParseMonth("2021-06")
	ms := []kpi.Measurement{
		{KPI: "AVAIL", Org: "A", Month: jun, Value: dec("99.2")}, // amber: 5 points, 50.00
		{KPI: "AVAIL", Org: "B", Month: jun, Value: dec("98")},   // red: 10 points, 100.00
		{KPI: "P1", Org: "A", Month: jun, Value: dec("99")}, {KPI: "P1", Org: "B", Month: jun, Value: dec("99")},
		{KPI: "P2", Org: "A", Month: jun, Value: dec("99")}, {KPI: "P2", Org: "B", Month: jun, Value: dec("84")}, // B red: 100.00
		{KPI: "OPEN", Org: "A", Month: jun, Value: dec("1")}, {KPI: "OPEN", Org: "B", Month: jun, Value: dec("1")},
	}
	claim := func(line int, kpiID, org, amount string) reconcile.ClaimLine {
		return reconcile.ClaimLine{Pos: pack.Pos{File: "claims.csv", Line: line, Cell: 20}, Month: jun, KPI: kpiID, Org: org, Amount: dec(amount), Text: amount}
	}
	rep, err := reconcile.Check(reconcile.Input{Contract: c, Measurements: ms, ClaimsFile: "claims.csv", Claims: []reconcile.ClaimLine{
		claim(2, "AVAIL", "", "150.00"), // A 50.00 + B 100.00
		claim(3, "AVAIL", "A", "50"),    // the same value at other places
		claim(4, "", "B", "200.01"),     // B's lines: 100.00 + 100.00
		claim(5, "", "", "250.00"),      // the month after caps
	}})
	require.NoError(t, err)
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Pos.String()+" "+figure(f))
	}
	require.Equal(t, []string{
		"claims.csv:2:20 agrees 150.00 diff 0.00 tol 0",
		"claims.csv:3:20 agrees 50.00 diff 0.00 tol 0",
		"claims.csv:4:20 disagrees 200.00 diff 0.01 tol 0",
		"claims.csv:5:20 agrees 250.00 diff 0.00 tol 0",
	}, got)

	rep, err = reconcile.Check(reconcile.Input{Contract: c, Measurements: ms, ClaimsFile: "claims.csv", Claims: []reconcile.ClaimLine{claim(2, "AVAIL", "", "150.00")}})
	require.NoError(t, err)
	got = nil
	for _, f := range rep.Findings {
		got = append(got, f.Pos.String()+" "+f.KPI+" "+f.Org+" "+figure(f)+": "+f.Reason)
	}
	require.Equal(t, []string{
		"claims.csv P2 B disagrees 100.00 diff -100.00 tol 0: the ledger holds a credit no line claims: red: 1 of 10 points = 10 points x 1% of charges 1000.00 = 100.00",
		"claims.csv:2:20 AVAIL  agrees 150.00 diff 0.00 tol 0: the ledger: AVAIL A: amber: 0.5 of 10 points = 5.0 points x 1% of charges 1000.00 = 50.00; AVAIL B: red: 1 of 10 points = 10 points x 1% of charges 1000.00 = 100.00",
	}, got)
	require.True(t, rep.Fails())

	// An organisation's month claims its lines.
	rep, err = reconcile.Check(reconcile.Input{Contract: c, Measurements: ms, ClaimsFile: "claims.csv", Claims: []reconcile.ClaimLine{
		claim(2, "AVAIL", "A", "50.00"), claim(3, "", "B", "200.00")}})
	require.NoError(t, err)
	require.False(t, rep.Fails(), "%v", summary(rep))
	require.Len(t, rep.Findings, 2)

	rep, err = reconcile.Check(reconcile.Input{Contract: c, ClaimsFile: "claims.csv", Claims: []reconcile.ClaimLine{claim(2, "AVAIL", "", "150.00")}})
	require.NoError(t, err)
	require.Equal(t, "the engine's ledger needs the measurements", rep.Findings[0].Reason)
	require.Equal(t, reconcile.Uncheckable, rep.Findings[0].Verdict)
}
