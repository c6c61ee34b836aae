package credits_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// withValue gives o a measured value, rounded to one place, in direction
// dir; its status stays as set.
func withValue(o credits.Outcome, rounded string, dir kpi.Direction) credits.Outcome {
	o.Measured = &kpi.Result{KPI: o.KPI, Status: o.Status, Value: dec(rounded), Rounded: dec(rounded),
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Direction: dir, Kind: kpi.KPI}
	return o
}

// line is what the critical tests check of a ledger line.
type line struct {
	Kind   credits.LineKind
	KPI    string
	Amount decimal.Decimal
	Rule   string
}

// linesOf returns led's lines as the tests compare them.
func linesOf(led *credits.Ledger) []line {
	var out []line
	for _, l := range led.Lines {
		out = append(out, line{l.Kind, l.KPI, l.Amount, l.Rule})
	}
	return out
}

// checkLines checks that led adds up (checkSums) and that its lines, as
// linesOf gives them, are want; why says what the case shows.
func checkLines(t *testing.T, led *credits.Ledger, want []line, why string) {
	t.Helper()
	checkSums(t, led)
	if diff := cmp.Diff(want, linesOf(led)); diff != "" {
		t.Errorf("%s: lines (-want +got):\n%s", why, diff)
	}
}

func TestCritical(t *testing.T) {
	G, A, R := kpi.Green, kpi.Amber, kpi.Red
	up, down := kpi.HigherIsBetter, kpi.LowerIsBetter
	level := func(s string) *decimal.Decimal { return pct(s) }
	p := func(m string, outcomes ...credits.Outcome) credits.Period {
		return credits.Period{Month: month(m), Year: 1, Charges: dec("100000"), YearCharges: dec("1200000"), Outcomes: outcomes}
	}
	o := kpiOutcome
	const (
		aRed   = "red: 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00"
		aAmber = "amber: 0.5 of 10 points = 5.0 points x 0.1% of charges 100000.00 = 500.00"
		bAmber = "amber: 0.5 of 5 points = 2.5 points x 0.1% of charges 100000.00 = 250.00"
		bRed   = "red: 1 of 5 points = 5 points x 0.1% of charges 100000.00 = 500.00"
	)
	replaced := func(rule, why, cost string) string {
		return rule + "; replaced by the critical failure withholding (" + why + "): would have cost " + cost + ", no credit"
	}
	withheld := func(why, paid, caps string) line {
		return line{Kind: credits.WithholdLine, Amount: dec("100000"), Rule: "critical service level failure (" + why + "): the month's charges 100000.00 withheld in place of its credits " + paid + "; caps " + caps}
	}
	for _, tc := range []struct {
		name     string
		why      string
		critical credits.Critical
		caps     credits.Caps
		periods  []credits.Period
		lines    []line
		totals   []string // each month's total
	}{
		{
			name: "red rule, red month", why: "a Red month of a critical-when-red KPI withholds the charges; every credit is replaced",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}}},
			periods:  []credits.Period{p("2021-06", o("A", R), o("B", A))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), replaced(aRed, "kpi A: red", "1000.00")},
				{credits.CreditLine, "B", dec("0"), replaced(bAmber, "kpi A: red", "250.00")},
				withheld("kpi A: red", "1250.00", "do not apply to it"),
			},
			totals: []string{"100000.00"},
		},
		{
			name: "red rule, amber month", why: "an Amber month is no critical failure under the red rule",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}}},
			periods:  []credits.Period{p("2021-06", o("A", A), o("B", R))},
			lines:    []line{{credits.CreditLine, "A", dec("500"), aAmber}, {credits.CreditLine, "B", dec("500"), bRed}},
			totals:   []string{"1000.00"},
		},
		{
			name: "level exactly met", why: "a value at the critical level meets it",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Level: level("95")}}},
			periods:  []credits.Period{p("2021-06", withValue(o("A", A), "95.0", up), o("B", G))},
			lines:    []line{{credits.CreditLine, "A", dec("500"), aAmber}, {credits.CreditLine, "B", dec("0"), "green: no credit"}},
			totals:   []string{"500.00"},
		},
		{
			name: "level missed by one place", why: "a value one place below the critical level is critical",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Level: level("95")}}},
			periods:  []credits.Period{p("2021-06", withValue(o("A", A), "94.9", up), o("B", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), replaced(aAmber, "kpi A: 94.9 below critical level 95", "500.00")},
				{credits.CreditLine, "B", dec("0"), "green: no credit"},
				withheld("kpi A: 94.9 below critical level 95", "500.00", "do not apply to it"),
			},
			totals: []string{"100000.00"},
		},
		{
			name: "lower-is-better level exactly met", why: "for lower-is-better, a value at the level meets it",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "B", Level: level("5")}}},
			periods:  []credits.Period{p("2021-06", o("A", G), withValue(o("B", R), "5.0", down))},
			lines:    []line{{credits.CreditLine, "A", dec("0"), "green: no credit"}, {credits.CreditLine, "B", dec("500"), bRed}},
			totals:   []string{"500.00"},
		},
		{
			name: "lower-is-better level missed", why: "for lower-is-better, a value above the level is critical",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "B", Level: level("5")}}},
			periods:  []credits.Period{p("2021-06", o("A", G), withValue(o("B", R), "5.1", down))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), "green: no credit"},
				{credits.CreditLine, "B", dec("0"), replaced(bRed, "kpi B: 5.1 above critical level 5", "500.00")},
				withheld("kpi B: 5.1 above critical level 5", "500.00", "do not apply to it"),
			},
			totals: []string{"100000.00"},
		},
		{
			name: "relieved red", why: "a relieved month is never critical",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}}},
			periods: []credits.Period{p("2021-06", func() credits.Outcome {
				x := o("A", R)
				x.Mitigation, x.Relief = "M1", true
				return x
			}(), o("B", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), "red relieved by mitigation M1: no credit (would have been 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00)"},
				{credits.CreditLine, "B", dec("0"), "green: no credit"},
			},
			totals: []string{"0.00"},
		},
		{
			name: "deemed green below the level", why: "a month deemed green is no failure, whatever its value",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Level: level("95")}}},
			periods: []credits.Period{p("2021-06", func() credits.Outcome {
				x := withValue(o("A", R), "80.0", up)
				x.Status, x.Mitigation = G, "M2"
				return x
			}(), o("B", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), "green: no credit (deemed green by mitigation M2)"},
				{credits.CreditLine, "B", dec("0"), "green: no credit"},
			},
			totals: []string{"0.00"},
		},
		{
			name: "absence counted red", why: "a missing value the contract counts as red is critical under the red rule, not by level",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}, {KPI: "B", Level: level("5")}}},
			periods: []credits.Period{p("2021-06", func() credits.Outcome {
				x := o("A", R)
				x.Raw, x.Measured = R, &kpi.Result{Status: kpi.Unmeasured, Absent: kpi.Missing, Direction: up}
				return x
			}(), func() credits.Outcome {
				x := o("B", R)
				x.Measured = &kpi.Result{Status: kpi.Unmeasured, Absent: kpi.Missing, Direction: down}
				return x
			}())},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), replaced(aRed, "kpi A: red", "1000.00")},
				{credits.CreditLine, "B", dec("0"), replaced(bRed, "kpi A: red", "500.00")},
				withheld("kpi A: red", "1500.00", "do not apply to it"),
			},
			totals: []string{"100000.00"},
		},
		{
			name: "two critical kpis", why: "every critical failure of the month is named, in outcome order",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}, {KPI: "B", Red: true, Level: level("5")}}},
			periods:  []credits.Period{p("2021-06", o("A", R), withValue(o("B", A), "6.0", down))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), replaced(aRed, "kpi A: red, kpi B: 6.0 above critical level 5", "1000.00")},
				{credits.CreditLine, "B", dec("0"), replaced(bAmber, "kpi A: red, kpi B: 6.0 above critical level 5", "250.00")},
				withheld("kpi A: red, kpi B: 6.0 above critical level 5", "1250.00", "do not apply to it"),
			},
			totals: []string{"100000.00"},
		},
		{
			name: "monthly cap does not cut the withholding", why: "by default no cap cuts the withholding",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}}},
			caps:     credits.Caps{Month: pct("1")},
			periods:  []credits.Period{p("2021-06", o("A", R), o("B", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), replaced(aRed, "kpi A: red", "1000.00")},
				{credits.CreditLine, "B", dec("0"), "green: no credit"},
				withheld("kpi A: red", "1000.00", "do not apply to it"),
			},
			totals: []string{"100000.00"},
		},
		{
			name: "capped withholding", why: "with Capped the monthly cap cuts the withholding like credits",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}}, Capped: true},
			caps:     credits.Caps{Month: pct("1")},
			periods:  []credits.Period{p("2021-06", o("A", R), o("B", G))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), replaced(aRed, "kpi A: red", "1000.00")},
				{credits.CreditLine, "B", dec("0"), "green: no credit"},
				withheld("kpi A: red", "1000.00", "apply to it"),
				{credits.CapLine, "", dec("-99000"), "monthly cap 1% of charges 100000.00 = 1000.00; credits 100000.00 cut by 99000.00"},
			},
			totals: []string{"1000.00"},
		},
		{
			name: "annual cap headroom untouched", why: "an uncapped withholding uses none of the annual cap: the next month pays in full",
			critical: credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}}},
			caps:     credits.Caps{Year: pct("0.125")}, // 1500.00
			periods:  []credits.Period{p("2021-06", o("A", R), o("B", G)), p("2021-07", o("A", A), o("B", R))},
			lines: []line{
				{credits.CreditLine, "A", dec("0"), replaced(aRed, "kpi A: red", "1000.00")},
				{credits.CreditLine, "B", dec("0"), "green: no credit"},
				withheld("kpi A: red", "1000.00", "do not apply to it"),
				{credits.CreditLine, "A", dec("500"), aAmber},
				{credits.CreditLine, "B", dec("500"), bRed},
			},
			totals: []string{"100000.00", "1000.00"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rules()
			r.Critical, r.Caps = tc.critical, tc.caps
			require.NoError(t, r.Validate(windows()))
			led, err := credits.Calculate(r, tc.periods)
			require.NoError(t, err)
			checkLines(t, led, tc.lines, tc.why)
			require.Equal(t, tc.totals, totals(led), tc.why)
			for _, m := range led.Months {
				require.Equal(t, m.Critical, m.Withheld.Sign() > 0, "%s: Critical and Withheld agree", m.Month)
			}
		})
	}
}

// The withholding is a driver of the year's credits of its own, and the
// year's Withheld adds the months' withholdings.
func TestCriticalDriversAndYear(t *testing.T) {
	r := rules()
	r.Critical = credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "B", Red: true}}}
	led, err := credits.Calculate(r, []credits.Period{
		period("2021-06", 1, kpi.Red, kpi.Red),
		period("2021-07", 1, kpi.Red, kpi.Green),
		period("2021-08", 1, kpi.Green, kpi.Red),
	})
	require.NoError(t, err)
	checkSums(t, led)
	y := led.Years[0]
	require.Equal(t, "200000.00", y.Withheld.StringFixed(2))
	want := []credits.Driver{
		{Withholding: true, Amount: dec("200000"), Months: []kpi.Month{month("2021-06"), month("2021-08")}},
		{KPI: "A", Amount: dec("1000"), Months: []kpi.Month{month("2021-07")}},
	}
	if diff := cmp.Diff(want, y.Drivers, cmpMonth); diff != "" {
		t.Errorf("drivers (-want +got):\n%s", diff)
	}
}

func TestCriticalInvalid(t *testing.T) {
	for _, tc := range []struct {
		name     string
		critical credits.Critical
		want     string
	}{
		{"no condition", credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A"}}},
			"Critical.KPIs[0]: critical: kpi A: no condition (want red, a level, or both): invalid credit rules"},
		{"listed twice", credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}, {KPI: "A", Red: true}}},
			"Critical.KPIs[1].KPI: critical: kpi A: listed twice: invalid credit rules"},
		{"no id", credits.Critical{KPIs: []credits.CriticalKPI{{Red: true}}},
			"Critical.KPIs[0].KPI: critical: kpi 1: id not set: invalid credit rules"},
		{"unknown", credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "Z", Red: true}}},
			"Critical.KPIs[0].KPI: critical: kpi Z: unknown (not an indicator of the contract): invalid credit rules"},
		{"not credit-bearing", credits.Critical{KPIs: []credits.CriticalKPI{{KPI: "A", Red: true}, {KPI: "P", Red: true}}},
			"Critical.KPIs[1].KPI: critical: kpi P: not credit-bearing in the contract: invalid credit rules"},
		{"capped alone", credits.Critical{Capped: true},
			"Critical.Capped: critical: capped set without kpis: invalid credit rules"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := rules()
			r.Critical = tc.critical
			err := r.Validate(windows())
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			require.Equal(t, tc.want, placed(t, err))
		})
	}
}

// TestPropertyCritical checks, on generated schemes with critical rules,
// that the ledger adds up, that an uncapped withholding is paid in full,
// and that a better value never makes a month critical that was not.
func TestPropertyCritical(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchemeScenario(t)
		var ids []string
		for _, o := range s.periods[0].Outcomes {
			ids = append(ids, o.KPI)
		}
		for _, id := range ids {
			if !rapid.Bool().Draw(t, "critical "+id) {
				continue
			}
			k := credits.CriticalKPI{KPI: id, Red: rapid.Bool().Draw(t, "red "+id)}
			if !k.Red || rapid.Bool().Draw(t, "level "+id) {
				k.Level = pct(decimal.NewFromInt(rapid.Int64Range(90, 100).Draw(t, "critical level "+id)).String())
			}
			s.rules.Critical.KPIs = append(s.rules.Critical.KPIs, k)
		}
		s.rules.Critical.Capped = len(s.rules.Critical.KPIs) > 0 && rapid.Bool().Draw(t, "capped")
		before := calc(t, s.rules, s.periods)
		checkSums(t, before)
		for _, m := range before.Months {
			if m.Critical && !s.rules.Critical.Capped && m.Total.Cmp(m.Withheld) < 0 {
				t.Fatalf("%s: uncapped withholding %s cut to %s", m.Month, m.Withheld.StringFixed(2), m.Total.StringFixed(2))
			}
		}
		better := clonePeriods(s.periods)
		i := rapid.IntRange(0, len(better)-1).Draw(t, "month improved")
		j := rapid.IntRange(0, len(ids)-1).Draw(t, "kpi improved")
		o := &better[i].Outcomes[j]
		if o.Measured.Status == 0 || o.Status == kpi.Unmeasured {
			return
		}
		v := o.Measured.Value.Add(decimal.New(rapid.Int64Range(1, 100).Draw(t, "improvement"), -1))
		if v.Cmp(dec("100")) > 0 {
			v = dec("100")
		}
		setValue(o, v)
		after := calc(t, s.rules, better)
		checkSums(t, after)
		for k := range after.Months {
			if after.Months[k].Critical && !before.Months[k].Critical {
				t.Fatalf("%s: a better value made the month critical", after.Months[k].Month)
			}
		}
	})
}
