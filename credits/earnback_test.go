package credits_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// The earn-back tests use the points regime of rules(): with charges of
// 100000.00, A costs 1000.00 Red and 500.00 Amber, B 500.00 and 250.00.
func TestEarnBack(t *testing.T) {
	G, A, R := kpi.Green, kpi.Amber, kpi.Red
	o := kpiOutcome
	absent := func(id string, why kpi.Absence) credits.Outcome {
		x := kpiOutcome(id, kpi.Unmeasured)
		x.Absent = why
		return x
	}
	val := func(id string, s kpi.Status, v string) credits.Outcome {
		return withValue(kpiOutcome(id, s), v, kpi.HigherIsBetter)
	}
	p := func(m string, outcomes ...credits.Outcome) credits.Period {
		return credits.Period{Month: month(m), Year: 1, Charges: dec("100000"), YearCharges: dec("1200000"), Outcomes: outcomes}
	}
	end := func(q credits.Period) credits.Period { q.YearEnd = true; return q }
	const (
		aRed   = "red: 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00"
		aAmber = "amber: 0.5 of 10 points = 5.0 points x 0.1% of charges 100000.00 = 500.00"
		bRed   = "red: 1 of 5 points = 5 points x 0.1% of charges 100000.00 = 500.00"
		green  = "green: no credit"
	)
	names := caseNames{}
	for _, tc := range []struct {
		name, why string
		earn      []credits.EarnBackKPI
		caps      credits.Caps
		periods   []credits.Period
		lines     []line
		totals    []string // each month's Total
	}{
		{
			name: "following, all returned", why: "A's April credit 1000.00, then three Green months: all of it comes back in July, which nets to -1000.00",
			earn:    []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 3}},
			periods: []credits.Period{p("2021-04", o("A", R)), p("2021-05", o("A", G)), p("2021-06", o("A", G)), p("2021-07", o("A", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.EarnBackLine, "A", dec("-1000"), "earn-back of the 2021-04 credit 1000.00: green in each of the 3 KPI-months due after it (to 2021-07); 100% of 1000.00 paid after that month's cap cuts of 0.00 = 1000.00 returned; outside the caps"},
			},
			totals: []string{"1000.00", "0.00", "0.00", "-1000.00"},
		},
		{
			name: "following, run broken", why: "April's credit waits for May..July, but June is Amber: April's is never earned; June's 500.00 is, by July..September",
			earn: []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 3}},
			periods: []credits.Period{p("2021-04", o("A", R)), p("2021-05", o("A", G)), p("2021-06", o("A", A)), p("2021-07", o("A", G)),
				p("2021-08", o("A", G)), p("2021-09", o("A", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "A", dec("500"), aAmber},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.EarnBackLine, "A", dec("-500"), "earn-back of the 2021-06 credit 500.00: green in each of the 3 KPI-months due after it (to 2021-09); 100% of 500.00 paid after that month's cap cuts of 0.00 = 500.00 returned; outside the caps"},
			},
			totals: []string{"1000.00", "0.00", "500.00", "0.00", "0.00", "-500.00"},
		},
		{
			name: "following, share after the monthly cap", why: "April: A 1000.00 + B 500.00 = 1500.00, capped at 1.2% of 100000.00 = 1200.00, a cut of 300.00; " +
				"each credit's paid part bears the whole cut: A 700.00, B 200.00; half of each comes back in May (350.00 + 100.00 = 450.00, within the 1200.00 paid)",
			earn:    []credits.EarnBackKPI{{KPI: "A", Share: dec("50"), Following: 1}, {KPI: "B", Share: dec("50"), Following: 1}},
			caps:    credits.Caps{Month: pct("1.2")},
			periods: []credits.Period{p("2021-04", o("A", R), o("B", R)), p("2021-05", o("A", G), o("B", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "B", dec("500"), bRed},
				{credits.CapLine, "", dec("-300"), "monthly cap 1.2% of charges 100000.00 = 1200.00; credits 1500.00 cut by 300.00"},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "B", dec("0"), green},
				{credits.EarnBackLine, "A", dec("-350"), "earn-back of the 2021-04 credit 1000.00: green in the KPI-month due after it (2021-05); 50% of 700.00 paid after that month's cap cuts of 300.00 = 350.00 returned; outside the caps"},
				{credits.EarnBackLine, "B", dec("-100"), "earn-back of the 2021-04 credit 500.00: green in the KPI-month due after it (2021-05); 50% of 200.00 paid after that month's cap cuts of 300.00 = 100.00 returned; outside the caps"},
			},
			totals: []string{"1200.00", "-450.00"},
		},
		{
			name: "following, earn-back not capped", why: "May: B Red 500.00 is within the 1200.00 cap; A's earn-back of 1000.00 is outside the caps and is not cut: 500.00 - 1000.00 = -500.00",
			earn:    []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 1}},
			caps:    credits.Caps{Month: pct("1.2")},
			periods: []credits.Period{p("2021-04", o("A", R), o("B", G)), p("2021-05", o("A", G), o("B", R))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "B", dec("0"), green},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "B", dec("500"), bRed},
				{credits.EarnBackLine, "A", dec("-1000"), "earn-back of the 2021-04 credit 1000.00: green in the KPI-month due after it (2021-05); 100% of 1000.00 paid after that month's cap cuts of 0.00 = 1000.00 returned; outside the caps"},
			},
			totals: []string{"1000.00", "-500.00"},
		},
		{
			name: "following, cut takes it all", why: "April: A 1000.00 + B 500.00 capped at 0.5% = 500.00, a cut of 1000.00: A's paid part is 1000.00 - 1000.00 = 0, nothing to earn back",
			earn:    []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 1}},
			caps:    credits.Caps{Month: pct("0.5")},
			periods: []credits.Period{p("2021-04", o("A", R), o("B", R)), p("2021-05", o("A", G), o("B", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "B", dec("500"), bRed},
				{credits.CapLine, "", dec("-1000"), "monthly cap 0.5% of charges 100000.00 = 500.00; credits 1500.00 cut by 1000.00"},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "B", dec("0"), green},
			},
			totals: []string{"500.00", "0.00"},
		},
		{
			name: "following, not due passed over", why: "May is not due: it neither counts nor breaks the run; June and July complete the 2 months",
			earn:    []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 2}},
			periods: []credits.Period{p("2021-04", o("A", R)), p("2021-05", absent("A", kpi.NotDue)), p("2021-06", o("A", G)), p("2021-07", o("A", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "A", dec("0"), "unmeasured (not-due): no credit"},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.EarnBackLine, "A", dec("-1000"), "earn-back of the 2021-04 credit 1000.00: green in each of the 2 KPI-months due after it (to 2021-07); 100% of 1000.00 paid after that month's cap cuts of 0.00 = 1000.00 returned; outside the caps"},
			},
			totals: []string{"1000.00", "0.00", "0.00", "-1000.00"},
		},
		{
			name: "year green count met", why: "year 1 (April..June here) has 1 Green month of 3, at least 1: both its credits come back in June, 25% each: 250.00 and 125.00; July is year 2's",
			earn: []credits.EarnBackKPI{{KPI: "A", Share: dec("25"), YearGreen: 1}},
			periods: []credits.Period{p("2021-04", o("A", R)), p("2021-05", o("A", A)), end(p("2021-06", o("A", G))),
				{Month: month("2021-07"), Year: 2, Charges: dec("100000"), YearCharges: dec("1200000"), Outcomes: []credits.Outcome{o("A", R)}}},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "A", dec("500"), aAmber},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.EarnBackLine, "A", dec("-250"), "earn-back of the 2021-04 credit 1000.00: contract year 1 green in 1 of its 3 KPI-months due, at least 1; 25% of 1000.00 paid after that month's cap cuts of 0.00 = 250.00 returned; outside the caps"},
				{credits.EarnBackLine, "A", dec("-125"), "earn-back of the 2021-05 credit 500.00: contract year 1 green in 1 of its 3 KPI-months due, at least 1; 25% of 500.00 paid after that month's cap cuts of 0.00 = 125.00 returned; outside the caps"},
				{credits.CreditLine, "A", dec("1000"), aRed},
			},
			totals: []string{"1000.00", "500.00", "-375.00", "1000.00"},
		},
		{
			name: "year mean met", why: "values 94.0 + 98.5 + 99.5 = 292.0, at least 97.0 x 3 = 291.0: April's credit 1000.00 comes back in June",
			earn:    []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), YearMean: pct("97.0")}},
			periods: []credits.Period{p("2021-04", val("A", R, "94.0")), p("2021-05", val("A", G, "98.5")), end(p("2021-06", val("A", G, "99.5")))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.EarnBackLine, "A", dec("-1000"), "earn-back of the 2021-04 credit 1000.00: contract year 1 mean value at or above 97.0: its 3 values sum to 292.0, at least 97.0 x 3 = 291.0; 100% of 1000.00 paid after that month's cap cuts of 0.00 = 1000.00 returned; outside the caps"},
			},
			totals: []string{"1000.00", "0.00", "-1000.00"},
		},
		{
			name: "year mean missed", why: "values 92.9 + 98.5 + 99.5 = 290.9, below 97.0 x 3 = 291.0: nothing comes back",
			earn:    []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), YearMean: pct("97.0")}},
			periods: []credits.Period{p("2021-04", val("A", R, "92.9")), p("2021-05", val("A", G, "98.5")), end(p("2021-06", val("A", G, "99.5")))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "A", dec("0"), green},
				{credits.CreditLine, "A", dec("0"), green},
			},
			totals: []string{"1000.00", "0.00", "0.00"},
		},
		{
			name: "year mean with a month unmeasured", why: "a KPI-month due without a value fails the year-mean condition, whatever the others' mean",
			earn:    []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), YearMean: pct("97.0")}},
			periods: []credits.Period{p("2021-04", val("A", R, "96.0")), p("2021-05", absent("A", kpi.Missing)), end(p("2021-06", val("A", G, "99.5")))},
			lines: []line{
				{credits.CreditLine, "A", dec("1000"), aRed},
				{credits.CreditLine, "A", dec("0"), "unmeasured (missing): no credit"},
				{credits.CreditLine, "A", dec("0"), green},
			},
			totals: []string{"1000.00", "0.00", "0.00"},
		},
	} {
		names.add(t, tc.name)
		t.Run(tc.name, func(t *testing.T) {
			r := rules()
			r.Caps, r.EarnBack = tc.caps, credits.EarnBack{KPIs: tc.earn}
			require.NoError(t, r.Validate(windows()))
			led, err := credits.Calculate(r, tc.periods)
			require.NoError(t, err)
			checkLines(t, led, tc.lines, tc.why)
			require.Equal(t, tc.totals, totals(led), tc.why)
		})
	}
}

// An earn-back line names the credit it returns.
func TestEarnBackNamesTheCredit(t *testing.T) {
	r := rules()
	r.EarnBack = credits.EarnBack{KPIs: []credits.EarnBackKPI{{KPI: "B", Share: dec("40"), Following: 1}}}
	led, err := credits.Calculate(r, []credits.Period{period("2021-04", 1, kpi.Green, kpi.Amber), period("2021-05", 1, kpi.Green, kpi.Green)})
	require.NoError(t, err)
	last := led.Lines[len(led.Lines)-1]
	require.Equal(t, credits.EarnBackLine, last.Kind)
	want := &credits.Earned{Month: month("2021-04"), Credit: dec("250"), Paid: dec("250"), Share: dec("40")}
	if diff := cmp.Diff(want, last.Earned(), cmp.Comparer(func(a, b decimal.Decimal) bool { return a.Equal(b) })); diff != "" {
		t.Errorf("earned (-want +got):\n%s", diff)
	}
	require.True(t, last.Amount.Equal(dec("-100")), "40%% of 250.00 = 100.00, got %s", last.Amount.StringFixed(2))
	require.True(t, led.Months[1].EarnedBack.Equal(dec("-100")))
	require.True(t, led.Years[0].EarnedBack.Equal(dec("-100")))
	require.Nil(t, led.Lines[0].Earned(), "a credit line returns nothing")
}

func TestEarnBackErrors(t *testing.T) {
	names := caseNames{}
	for _, tc := range []struct {
		name    string
		earn    []credits.EarnBackKPI
		windows bool // run Validate against windows() rather than Check
		want    string
	}{
		{"no id", []credits.EarnBackKPI{{Share: dec("100"), Following: 1}}, false,
			"earn-back: kpi 1: id not set: invalid credit rules"},
		{"twice", []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 1}, {KPI: "A", Share: dec("100"), Following: 2}}, false,
			"earn-back: kpi A: listed twice: invalid credit rules"},
		{"share zero", []credits.EarnBackKPI{{KPI: "A", Following: 1}}, false,
			"earn-back: kpi A: share 0% outside 0..100 (want more than 0, at most 100): invalid credit rules"},
		{"share above 100", []credits.EarnBackKPI{{KPI: "A", Share: dec("100.5"), Following: 1}}, false,
			"earn-back: kpi A: share 100.5% outside 0..100 (want more than 0, at most 100): invalid credit rules"},
		{"no condition", []credits.EarnBackKPI{{KPI: "A", Share: dec("100")}}, false,
			"earn-back: kpi A: 0 conditions (want exactly one of following, year-mean, year-green): invalid credit rules"},
		{"two conditions", []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 3, YearGreen: 9}}, false,
			"earn-back: kpi A: 2 conditions (want exactly one of following, year-mean, year-green): invalid credit rules"},
		{"following too long", []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 121}}, false,
			"earn-back: kpi A: following 121 months outside 1..120: invalid credit rules"},
		{"year green too many", []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), YearGreen: 13}}, false,
			"earn-back: kpi A: year-green 13 months outside 1..12: invalid credit rules"},
		{"unknown kpi", []credits.EarnBackKPI{{KPI: "Z", Share: dec("100"), Following: 1}}, true,
			"earn-back: kpi Z: unknown (not an indicator of the contract): invalid credit rules"},
		{"a pi", []credits.EarnBackKPI{{KPI: "P", Share: dec("100"), Following: 1}}, true,
			"earn-back: kpi P: not credit-bearing in the contract: invalid credit rules"},
	} {
		names.add(t, tc.name)
		t.Run(tc.name, func(t *testing.T) {
			r := rules()
			r.EarnBack = credits.EarnBack{KPIs: tc.earn}
			err := r.Check()
			if tc.windows {
				require.NoError(t, err)
				err = r.Validate(windows())
			}
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			require.EqualError(t, err, tc.want)
		})
	}
}

func TestEarnBackYearEnd(t *testing.T) {
	r := rules()
	r.EarnBack = credits.EarnBack{KPIs: []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), YearGreen: 1}}}
	for _, tc := range []struct {
		name    string
		periods []credits.Period
		want    string
	}{
		{"year ends unmarked", []credits.Period{period("2022-03", 1, kpi.Red, kpi.Green), period("2022-04", 2, kpi.Green, kpi.Green)},
			"month 2022-04: earn-back: year 2 begins, but 2022-03 was not marked the last month of year 1, where its year conditions are judged: invalid credit period"},
		{"marked too early", func() []credits.Period {
			a := period("2022-02", 1, kpi.Red, kpi.Green)
			a.YearEnd = true
			return []credits.Period{a, period("2022-03", 1, kpi.Green, kpi.Green)}
		}(), "month 2022-03: earn-back: 2022-02 was marked the last month of year 1, which 2022-03 is in too: invalid credit period"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := credits.Calculate(r, tc.periods)
			require.ErrorIs(t, err, credits.ErrInvalidPeriod)
			require.EqualError(t, err, tc.want)
		})
	}
	r.EarnBack.KPIs[0] = credits.EarnBackKPI{KPI: "A", Share: dec("100"), Following: 1}
	_, err := credits.Calculate(r, []credits.Period{period("2022-03", 1, kpi.Red, kpi.Green), period("2022-04", 2, kpi.Green, kpi.Green)})
	require.NoError(t, err, "a following condition needs no year ends")
}
