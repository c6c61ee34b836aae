package credits_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// redMonths is n months of year-1... periods from start in which A is Red
// (1000.00 under rules()) and B Green; the contract year changes every 12
// months from yearStart.
func redMonths(start string, n int, yearStart string) []credits.Period {
	var ps []credits.Period
	for i := range n {
		m := month(start).AddMonths(i)
		year := m.Sub(month(yearStart))/12 + 1
		ps = append(ps, period(m.String(), year, kpi.Red, kpi.Green))
	}
	return ps
}

func TestRollingCap(t *testing.T) {
	r := rules()
	r.Caps.Rolling = pct("2.5") // 12 months of 100000 at 2.5%: 30000 over 12 months; 2500 in the first
	led, err := credits.Calculate(r, redMonths("2021-04", 14, "2021-04"))
	require.NoError(t, err)
	// Each month pays 1000 until the window's cap binds: month 1 may pay
	// 2.5% of 100000 = 2500, month k 2.5% of k x 100000 less what was paid.
	for _, mt := range led.Months {
		require.Equal(t, "1000.00", mt.Total.StringFixed(2), mt.Month.String())
	}
	r.Caps.Rolling = pct("0.5") // 500 a month on average
	led, err = credits.Calculate(r, redMonths("2021-04", 14, "2021-04"))
	require.NoError(t, err)
	var got []string
	for _, mt := range led.Months {
		got = append(got, mt.Total.StringFixed(2))
	}
	require.Equal(t, []string{"500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00", "500.00"}, got)
	last := led.Lines[len(led.Lines)-1]
	require.Equal(t, credits.RollingCap, last.Cap)
	require.Equal(t, "rolling cap 0.5% of charges 1200000.00 in the 12 months to 2022-05 = 6000.00; 5500.00 paid in the 11 months before, 500.00 left; credits 1000.00 cut by 500.00", last.Rule)
}

// A rolling cap gives back headroom as old months leave the window.
func TestRollingCapHeadroomReturns(t *testing.T) {
	r := rules()
	r.Caps.Rolling = pct("0.1") // 1200 over any 12 months of 100000
	ps := redMonths("2021-04", 14, "2021-04")
	led, err := credits.Calculate(r, ps)
	require.NoError(t, err)
	var got []string
	for _, mt := range led.Months {
		got = append(got, mt.Total.StringFixed(2))
	}
	// month 1: 100 (0.1% of 100000); month 2: 200 - 100 = 100; ... each month 100;
	require.Equal(t, "100.00", got[0])
	require.Equal(t, "100.00", got[13])
	for _, mt := range led.Months {
		require.True(t, mt.Total.Cmp(dec("100")) <= 0)
	}
}

func TestTwoLimbCap(t *testing.T) {
	r := rules()
	r.Caps.TwoLimb = &credits.TwoLimb{First: dec("1"), Estimate: dec("600000"), Later: dec("0.5")}
	// Year 1 cap: 1% of 600000 = 6000: six months of 1000, then nothing.
	// Year 2 cap: 0.5% of the 12 months before (1200000) = 6000.
	led, err := credits.Calculate(r, redMonths("2021-04", 24, "2021-04"))
	require.NoError(t, err)
	require.Len(t, led.Years, 2)
	for _, y := range led.Years {
		require.True(t, y.HasLimb)
		require.Equal(t, "6000.00", y.LimbCap.StringFixed(2))
		require.Equal(t, "6000.00", y.Total.StringFixed(2))
		require.Equal(t, "12000.00", y.Uncapped.StringFixed(2), "points keep accruing after the cap binds")
	}
	require.Equal(t, "600000.00", led.Years[0].LimbBase.StringFixed(2))
	require.Equal(t, "1200000.00", led.Years[1].LimbBase.StringFixed(2))
	require.Equal(t, "0.00", led.Months[6].Total.StringFixed(2))
	var limbLine credits.Line
	for _, l := range led.Lines {
		if l.Cap == credits.TwoLimbCap && l.Month == month("2022-04") {
			limbLine = l
		}
	}
	require.Empty(t, limbLine.Rule, "year 2's first month is within its cap")
	for _, l := range led.Lines {
		if l.Cap == credits.TwoLimbCap && l.Month == month("2022-10") {
			limbLine = l
		}
	}
	require.Equal(t, "two-limb cap 0.5% of charges 1200000.00 in the 12 months before year 2 = 6000.00; 0.00 left this month; credits 1000.00 cut by 1000.00", limbLine.Rule)

	// Year 2 without the 12 months before it is an error.
	_, err = credits.Calculate(r, redMonths("2022-01", 6, "2021-04"))
	require.ErrorIs(t, err, credits.ErrInvalidPeriod)
	require.EqualError(t, err, "month 2022-04: two-limb cap: year 2 needs the charges of the 12 months 2021-04..2022-03, and 3 of them were evaluated: invalid credit period")
}

func TestCapsValidate(t *testing.T) {
	r := rules()
	r.Caps.Rolling = pct("101")
	r.Caps.TwoLimb = &credits.TwoLimb{First: dec("-1"), Estimate: dec("-5"), Later: dec("200")}
	require.EqualError(t, r.Validate(windows()), "rolling cap 101% outside 0..100: invalid credit rules\n"+
		"two-limb cap: estimate -5 is negative: invalid credit rules\n"+
		"two-limb cap: first -1% outside 0..100: invalid credit rules\n"+
		"two-limb cap: later 200% outside 0..100: invalid credit rules")
}

func TestTriggers(t *testing.T) {
	r := fixture.Rules(fixture.MSAScheme())
	r.Caps.Month = pct("0.5") // 500.00
	r.Triggers = []credits.Trigger{
		{Name: "termination", Kind: credits.PointsInWindow, Points: dec("12"), Months: 3},
		{Name: "three in a row", Kind: credits.ConsecutiveFailures, Months: 3},
		{Name: "two of four", Kind: credits.FailuresInWindow, Failures: 2, Months: 4},
		{Name: "cap", Kind: credits.CapReached},
		{Name: "rectification plan", Kind: credits.MaterialFailure},
	}
	require.NoError(t, r.Validate(fixture.WindowsOf("A")))
	notDue := kpiOutcome("A", kpi.Unmeasured)
	notDue.Absent = kpi.NotDue
	led, err := credits.Calculate(r, months("2021-04",
		one(measured("A", "98.5")), // 1 point
		one(notDue),
		one(measured("A", "96.5")), // 6 points, severe: material; 600 cut to 500
		one(measured("A", "97.5")), // 4 points, serious; 3 in a row (not-due skipped); 11 points in 3 months
		one(measured("A", "99")),
		one(measured("A", "95")), // 4 points
	))
	require.NoError(t, err)
	var got []string
	for _, e := range led.Events {
		got = append(got, e.Month.String()+" "+e.Trigger+": "+e.Detail)
	}
	require.Equal(t, []string{
		"2021-06 two of four: kpi A failed 2 of its last 4 measurement periods: 2021-04, 2021-06",
		"2021-06 cap: monthly cap 0.5% of charges 100000.00 = 500.00; credits 600.00 cut by 100.00",
		"2021-06 rectification plan: kpi A: material failure in band severe in 2021-06",
		"2021-07 termination: 10 points in the 3 months to 2021-07 (2021-06, 2021-07), at least 12",
	}[:3], got[:3])
	require.Contains(t, got, "2021-07 three in a row: kpi A failed 3 measurement periods in a row: 2021-04, 2021-06, 2021-07")
	require.Contains(t, got, "2021-07 rectification plan: kpi A: material failure in band serious in 2021-07")
	require.Contains(t, got, "2021-08 two of four: kpi A failed 3 of its last 4 measurement periods: 2021-04, 2021-06, 2021-07",
		"the condition holds in a month that met its target, so the event is raised then too")
	require.Contains(t, got, "2021-09 two of four: kpi A failed 3 of its last 4 measurement periods: 2021-06, 2021-07, 2021-09")
	require.False(t, slices.ContainsFunc(got, func(e string) bool { return strings.HasPrefix(e, "2021-05 two of four") }),
		"a month not due is no measurement period: nothing is raised in it")
	require.NotContains(t, got, "2021-08 three in a row: kpi A failed 3 measurement periods in a row: 2021-04, 2021-06, 2021-07")
	for _, e := range led.Events {
		if e.Kind == credits.PointsInWindow {
			t.Fatalf("no 3 months reach 12 points: %s", e.Detail)
		}
	}
	// 6 + 4 = 10 in Jun-Jul; make July severe instead: 6 + 6 = 12.
	led, err = credits.Calculate(r, months("2021-04", one(measured("A", "98.5")), one(notDue), one(measured("A", "96.5")), one(measured("A", "96.5"))))
	require.NoError(t, err)
	var points []string
	for _, e := range led.Events {
		if e.Kind == credits.PointsInWindow {
			points = append(points, e.Detail)
		}
	}
	require.Equal(t, []string{"12 points in the 3 months to 2021-07 (2021-06, 2021-07), at least 12"}, points)
}

func TestTriggersValidate(t *testing.T) {
	r := rules()
	r.Triggers = []credits.Trigger{
		{Name: "a", Kind: credits.PointsInWindow},
		{Name: "a", Kind: credits.ConsecutiveFailures, Months: 1, Points: dec("3")},
		{Name: "b", Kind: credits.FailuresInWindow, Months: 3, Failures: 4},
		{Name: "c", Kind: credits.CapReached, Months: 2, Failures: 1},
		{Kind: 0},
	}
	require.EqualError(t, r.Validate(windows()), `trigger "(unnamed)": kind not set (want one of points-in-window, consecutive-failures, failures-in-window, cap-reached, material-failure): invalid credit rules
trigger "a": months 0 outside 1..24: invalid credit rules
trigger "a": months 1 outside 2..24: invalid credit rules
trigger "a": named twice: invalid credit rules
trigger "a": points 0 is not positive: invalid credit rules
trigger "a": points 3 set for consecutive-failures: invalid credit rules
trigger "b": failures 4 outside 1..3: invalid credit rules
trigger "c": failures 1 set for cap-reached: invalid credit rules
trigger "c": months 2 set for cap-reached: invalid credit rules
trigger: name not set: invalid credit rules`)
}

// The Book gives each month's events; Calculate collects them all.
func TestBookEvents(t *testing.T) {
	r := rules()
	r.Triggers = []credits.Trigger{{Name: "two in a row", Kind: credits.ConsecutiveFailures, Months: 2}}
	book, err := credits.Open(r)
	require.NoError(t, err)
	require.Empty(t, book.Events())
	_, _, err = book.Add(period("2021-04", 1, kpi.Red, kpi.Green))
	require.NoError(t, err)
	require.Empty(t, book.Events())
	_, _, err = book.Add(period("2021-05", 1, kpi.Red, kpi.Amber))
	require.NoError(t, err)
	ev := book.Events()
	require.Len(t, ev, 1)
	require.Equal(t, "kpi A failed 2 measurement periods in a row: 2021-04, 2021-05", ev[0].Detail)
}
