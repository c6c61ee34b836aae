package outlook_test

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/outlook"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func dec(s string) decimal.Decimal   { return decimal.RequireFromString(s) }
func month(s string) kpi.Month       { return kpi.MustParseMonth(s) }
func ptr(s string) *decimal.Decimal  { d := dec(s); return &d }
func money(d decimal.Decimal) string { return d.StringFixed(2) }

func monthStrings(ms []kpi.Month) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.String())
	}
	return out
}

// base is the contract the hand-worked examples share: commencement
// 2021-04, 24 months, one organisation X charged 100000.00 a month, two
// percentage KPIs (TSL 99, MSL 98), and the points regime: A carries 10
// points, B 5, a point is worth 0.1% of the charges, amber loses half the
// points and red all of them. So A red costs 10 points = 1000.00, A amber
// 5 points = 500.00, B red 5 points = 500.00, B amber 2.5 points = 250.00.
func base() *contract.Contract {
	ind := func(id string) contract.KPI {
		return contract.KPI{Definition: kpi.Definition{ID: id, Name: "Indicator " + id, Unit: kpi.Percent, Direction: kpi.HigherIsBetter,
			Kind: kpi.KPI, Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99", "98"))}}
	}
	return &contract.Contract{
		Name: "Outlook", Customer: "C", Supplier: "S", Commencement: month("2021-04"), Term: 24, Orgs: []string{"X"},
		Charges:  []contract.Charge{{Org: "X", From: month("2021-04"), Amount: dec("100000.00")}},
		Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Red},
		KPIs:     []contract.KPI{ind("A"), ind("B")},
		Credits: credits.Rules{
			Regime: credits.Points{Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1"),
				Weights: []credits.Weight{{KPI: "A", From: month("2021-04"), Points: dec("10")}, {KPI: "B", From: month("2021-04"), Points: dec("5")}}},
			Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		},
	}
}

// statuses turns "gar" (green, amber, red a month from 2021-04) for each
// KPI into measurements: 99.5 green, 98.5 amber, 97 red.
func statuses(byKPI map[string]string) []kpi.Measurement {
	values := map[rune]string{'g': "99.5", 'a': "98.5", 'r': "97"}
	var out []kpi.Measurement
	for id, s := range byKPI {
		for i, st := range s {
			out = append(out, kpi.Measurement{KPI: id, Org: "X", Month: month("2021-04").AddMonths(i), Value: dec(values[st])})
		}
	}
	return out
}

func compute(t *testing.T, c *contract.Contract, byKPI map[string]string, asOf string) *outlook.Outlook {
	t.Helper()
	o, err := outlook.Compute(c, contract.Input{Measurements: statuses(byKPI)}, month(asOf))
	require.NoError(t, err)
	return o
}

func capOf(t *testing.T, o *outlook.Outlook, k credits.CapKind) outlook.Headroom {
	t.Helper()
	for _, h := range o.Caps {
		if h.Cap == k {
			return h
		}
	}
	t.Fatalf("no %s cap", k)
	return outlook.Headroom{}
}

// TestCapHeadroom checks each cap's headroom and the fewest failures that
// make it bind next month against examples worked by hand, including the
// edge where the next failure uses the headroom up exactly.
func TestCapHeadroom(t *testing.T) {
	for _, tc := range []struct {
		name     string
		caps     credits.Caps
		runs     map[string]string // statuses from 2021-04
		asOf     string
		cap      credits.CapKind
		limit    string
		used     string
		left     string
		failures int  // fewest failures next month that make it bind
		never    bool // no number of failures next month does
		failing  []string
	}{
		{
			// 1.2% of 100000.00 = 1200.00, nothing of July used. A red
			// (1000.00) alone stays under; with B red (500.00) 1500.00 is cut.
			name: "month cap, two failures", caps: credits.Caps{Month: ptr("1.2")}, runs: map[string]string{"A": "aaa", "B": "ggg"}, asOf: "2021-06",
			cap: credits.MonthCap, limit: "1200.00", used: "0.00", left: "1200.00", failures: 2,
			failing: []string{"A red (10 points, 1000.00)", "B red (5 points, 500.00)"},
		},
		{
			// 1% = 1000.00: A red alone uses it up exactly, which is the cap
			// reached.
			name: "month cap used up exactly by the next failure", caps: credits.Caps{Month: ptr("1")}, runs: map[string]string{"A": "a", "B": "g"}, asOf: "2021-04",
			cap: credits.MonthCap, limit: "1000.00", used: "0.00", left: "1000.00", failures: 1, failing: []string{"A red (10 points, 1000.00)"},
		},
		{
			// 0.25% of the year's 1200000.00 = 3000.00; April and May amber
			// (500.00 each) and June red (1000.00) used 2000.00: 1000.00 left,
			// which A red uses up exactly.
			name: "annual cap, the next failure reaches it exactly", caps: credits.Caps{Year: ptr("0.25")}, runs: map[string]string{"A": "aar", "B": "ggg"}, asOf: "2021-06",
			cap: credits.YearCap, limit: "3000.00", used: "2000.00", left: "1000.00", failures: 1, failing: []string{"A red (10 points, 1000.00)"},
		},
		{
			// 2% = 24000.00; 3000.00 used; both KPIs red next month cost
			// 1500.00: not next month.
			name: "annual cap out of reach next month", caps: credits.Caps{Year: ptr("2")}, runs: map[string]string{"A": "rrr", "B": "ggg"}, asOf: "2021-06",
			cap: credits.YearCap, limit: "24000.00", used: "3000.00", left: "21000.00", never: true,
		},
		{
			// March 2022 is year 1's last month: April starts year 2 with its
			// whole cap, 1% of 1200000.00.
			name: "annual cap of the next contract year", caps: credits.Caps{Year: ptr("1")}, runs: map[string]string{"A": strings.Repeat("r", 12), "B": strings.Repeat("g", 12)}, asOf: "2022-03",
			cap: credits.YearCap, limit: "12000.00", used: "0.00", left: "12000.00", never: true,
		},
		{
			// 1% of the charges of the 12 months to July: April to June were
			// evaluated (300000.00) and July's 100000.00 = 4000.00; April to
			// June paid 3000.00: 1000.00 left.
			name: "rolling cap", caps: credits.Caps{Rolling: ptr("1")}, runs: map[string]string{"A": "rrr", "B": "ggg"}, asOf: "2021-06",
			cap: credits.RollingCap, limit: "4000.00", used: "3000.00", left: "1000.00", failures: 1, failing: []string{"A red (10 points, 1000.00)"},
		},
		{
			// Year 1: 1% of the estimate 400000.00 = 4000.00; 3000.00 paid.
			name: "two-limb cap, year 1", caps: credits.Caps{TwoLimb: &credits.TwoLimb{First: dec("1"), Estimate: dec("400000.00"), Later: dec("1")}},
			runs: map[string]string{"A": "rrr", "B": "ggg"}, asOf: "2021-06",
			cap: credits.TwoLimbCap, limit: "4000.00", used: "3000.00", left: "1000.00", failures: 1, failing: []string{"A red (10 points, 1000.00)"},
		},
		{
			// Year 2 starts next month: 0.1% of the 12 months before it,
			// 1200000.00, = 1200.00: A red and B red (1500.00) pass it.
			name: "two-limb cap of the next contract year", caps: credits.Caps{TwoLimb: &credits.TwoLimb{First: dec("100"), Estimate: dec("1"), Later: dec("0.1")}},
			runs: map[string]string{"A": strings.Repeat("g", 12), "B": strings.Repeat("g", 12)}, asOf: "2022-03",
			cap: credits.TwoLimbCap, limit: "1200.00", used: "0.00", left: "1200.00", failures: 2,
			failing: []string{"A red (10 points, 1000.00)", "B red (5 points, 500.00)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base()
			c.Credits.Caps = tc.caps
			o := compute(t, c, tc.runs, tc.asOf)
			h := capOf(t, o, tc.cap)
			require.True(t, h.Known, h.Rule)
			require.Equal(t, []string{tc.limit, tc.used, tc.left}, []string{money(h.Limit), money(h.Used), money(h.Left)}, h.Rule)
			require.Equal(t, !tc.never, h.Binds.Reachable, h.Binds.Why)
			if !tc.never {
				require.Equal(t, tc.failures, h.Binds.Failures, h.Binds.Why)
				require.Equal(t, tc.failing, h.Binds.Failing)
				require.Equal(t, o.Next, h.Binds.By)
			}
		})
	}
}

// TestTwoLimbUnknown: the next year's two-limb cap needs the twelve months
// before it evaluated; the outlook says so rather than guess.
func TestTwoLimbUnknown(t *testing.T) {
	c := base()
	c.Credits.Caps = credits.Caps{TwoLimb: &credits.TwoLimb{First: dec("100"), Estimate: dec("1"), Later: dec("1")}}
	ms := statuses(map[string]string{"A": strings.Repeat("g", 12), "B": strings.Repeat("g", 12)})
	o, err := outlook.Compute(c, contract.Input{From: month("2021-06"), Measurements: ms}, month("2022-03"))
	require.NoError(t, err)
	h := capOf(t, o, credits.TwoLimbCap)
	require.False(t, h.Known)
	require.Equal(t, "two-limb cap of year 2: needs the charges of the 12 months 2021-04..2022-03, and 10 of them were evaluated (evaluate from 2021-04)", h.Rule)
}

func triggerOf(t *testing.T, o *outlook.Outlook, name, id string) outlook.Trigger {
	t.Helper()
	for _, tr := range o.Triggers {
		if tr.Name == name && tr.KPI == id {
			return tr
		}
	}
	t.Fatalf("no trigger %s for %q", name, id)
	return outlook.Trigger{}
}

// TestPointsInWindow, worked by hand: A amber in April (5 points), red in
// May and June (10 each): 25 points in the 3 months to June; July's
// window keeps May and June, 20.
func TestPointsInWindow(t *testing.T) {
	for _, tc := range []struct {
		name      string
		threshold string
		failures  int
		failing   []string
		fired     []string
	}{
		// 30 - 20 = 10 more: A red scores exactly 10: the edge.
		{name: "the next failure reaches it exactly", threshold: "30", failures: 1, failing: []string{"A red (10 points, 1000.00)"}},
		// 31 - 20 = 11: A red (10) and B red (5).
		{name: "two failures", threshold: "31", failures: 2, failing: []string{"A red (10 points, 1000.00)", "B red (5 points, 500.00)"}},
		// 20: the points still in July's window fire it with no failure;
		// it fired in May (15 >= ... no: 5 + 10 = 15 < 20) and June (25).
		{name: "fires with no further failure", threshold: "20", failures: 0, fired: []string{"2021-06"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base()
			c.Credits.Triggers = []credits.Trigger{{Name: "termination", Kind: credits.PointsInWindow, Points: dec(tc.threshold), Months: 3}}
			o := compute(t, c, map[string]string{"A": "arr", "B": "ggg"}, "2021-06")
			tr := triggerOf(t, o, "termination", "")
			require.Equal(t, []string{"25", "20", dec(tc.threshold).Sub(dec("20")).String()},
				[]string{tr.Points.String(), tr.Carried.String(), tr.Needed.String()})
			require.True(t, tr.Distance.Reachable, tr.Distance.Why)
			require.Equal(t, tc.failures, tr.Distance.Failures, tr.Distance.Why)
			require.Equal(t, tc.failing, tr.Distance.Failing)
			var fired []kpi.Month
			for _, e := range tr.Fired {
				fired = append(fired, e.Month)
			}
			require.Equal(t, tc.fired, monthStrings(fired))
		})
	}
	// Even both KPIs red in July (15 points) cannot bring 20 to 40.
	c := base()
	c.Credits.Triggers = []credits.Trigger{{Name: "termination", Kind: credits.PointsInWindow, Points: dec("40"), Months: 3}}
	tr := triggerOf(t, compute(t, c, map[string]string{"A": "arr", "B": "ggg"}, "2021-06"), "termination", "")
	require.False(t, tr.Distance.Reachable)
	require.Equal(t, "not next month: even with all 2 KPI-months that can fail next month failing, the window's points would stay below 40", tr.Distance.Why)
}

// TestFailureTriggers, worked by hand for each KPI's history; a failure
// that counts is any amber or red month not relieved (the points regime).
func TestFailureTriggers(t *testing.T) {
	for _, tc := range []struct {
		name     string
		trigger  credits.Trigger
		runs     map[string]string
		id       string
		failed   int
		failures int
		by       string
	}{
		// A failed April and June: 2 of its last 4 periods; July makes 3
		// of April to July: the next failure reaches it exactly.
		{name: "3 of 4, the next failure", trigger: credits.Trigger{Name: "t", Kind: credits.FailuresInWindow, Months: 4, Failures: 3},
			runs: map[string]string{"A": "agr", "B": "ggg"}, id: "A", failed: 2, failures: 1, by: "2021-07"},
		// B failed June only: July makes 2 of April to July; August 3 of
		// May to August.
		{name: "3 of 4, two failures", trigger: credits.Trigger{Name: "t", Kind: credits.FailuresInWindow, Months: 4, Failures: 3},
			runs: map[string]string{"A": "agr", "B": "gga"}, id: "B", failed: 1, failures: 2, by: "2021-08"},
		// A: 3 of 4 periods failing when April is about to leave the
		// window: July's window (April to July) holds April, May, June.
		{name: "3 of 4, fired and firing again", trigger: credits.Trigger{Name: "t", Kind: credits.FailuresInWindow, Months: 4, Failures: 3},
			runs: map[string]string{"A": "aar", "B": "ggg"}, id: "A", failed: 3, failures: 1, by: "2021-07"},
		// A failed May and June in a row: July makes 3.
		{name: "3 in a row, the next failure", trigger: credits.Trigger{Name: "t", Kind: credits.ConsecutiveFailures, Months: 3},
			runs: map[string]string{"A": "gar", "B": "ggg"}, id: "A", failed: 2, failures: 1, by: "2021-07"},
		// B never failed: July, August, September.
		{name: "3 in a row from nothing", trigger: credits.Trigger{Name: "t", Kind: credits.ConsecutiveFailures, Months: 3},
			runs: map[string]string{"A": "gar", "B": "ggg"}, id: "B", failed: 0, failures: 3, by: "2021-09"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := base()
			c.Credits.Triggers = []credits.Trigger{tc.trigger}
			o := compute(t, c, tc.runs, "2021-06")
			tr := triggerOf(t, o, "t", tc.id)
			require.Equal(t, tc.failed, tr.Failed, tr.State)
			require.True(t, tr.Distance.Reachable, tr.Distance.Why)
			require.Equal(t, tc.failures, tr.Distance.Failures, tr.Distance.Why)
			require.Equal(t, month(tc.by), tr.Distance.By)
		})
	}
	c := base()
	c.Credits.Triggers = []credits.Trigger{{Name: "t", Kind: credits.FailuresInWindow, Months: 4, Failures: 3}}
	tr := triggerOf(t, compute(t, c, map[string]string{"A": "agr", "B": "gga"}, "2021-06"), "t", "B")
	require.Equal(t, "B failed 1 of its last 3 measurement periods to 2021-06; 3 fire it", tr.State)
	require.Equal(t, "2 failures of B (red, each measurement period from 2021-07) fire it in 2021-08: 3 failures in its last 4 measurement periods to 2021-08", tr.Distance.Why)
}

// TestFailureTriggerQuarterly: a quarterly KPI's measurement periods are
// its quarters' last months (June, September, December from April): two
// more failures in a row are September's and December's.
func TestFailureTriggerQuarterly(t *testing.T) {
	c := base()
	c.KPIs[1].Every = 3
	c.Credits.Triggers = []credits.Trigger{{Name: "t", Kind: credits.ConsecutiveFailures, Months: 3}}
	ms := statuses(map[string]string{"A": "ggg"})
	ms = append(ms, kpi.Measurement{KPI: "B", Org: "X", Month: month("2021-06"), Value: dec("97")})
	for _, m := range []string{"2021-04", "2021-05"} {
		ms = append(ms, kpi.Measurement{KPI: "B", Org: "X", Month: month(m), Absent: kpi.NotDue})
	}
	o, err := outlook.Compute(c, contract.Input{Measurements: ms}, month("2021-06"))
	require.NoError(t, err)
	tr := triggerOf(t, o, "t", "B")
	require.Equal(t, 1, tr.Failed)
	require.Equal(t, 2, tr.Distance.Failures, tr.Distance.Why)
	require.Equal(t, month("2021-12"), tr.Distance.By)
	require.Equal(t, month("2021-09"), o.KPIs[1].Next.Month)
}

// TestFailureTriggerLeavesForce: a KPI retired before its failures could
// fire a trigger cannot fire it.
func TestFailureTriggerLeavesForce(t *testing.T) {
	c := base()
	c.KPIs[1].To = month("2021-07")
	c.Credits.Triggers = []credits.Trigger{{Name: "t", Kind: credits.ConsecutiveFailures, Months: 3}}
	tr := triggerOf(t, compute(t, c, map[string]string{"A": "ggg", "B": "ggg"}, "2021-06"), "t", "B")
	require.False(t, tr.Distance.Reachable)
	require.Equal(t, "failing every measurement period from 2021-07 (1 failure) before its months in force or the term end, B would not fire it", tr.Distance.Why)
}
