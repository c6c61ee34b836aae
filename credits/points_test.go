package credits_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

func TestPointsLines(t *testing.T) {
	with := func(o credits.Outcome, f func(*credits.Outcome)) credits.Outcome {
		f(&o)
		return o
	}
	line := func(o credits.Outcome, points, amount, rule string) credits.Line {
		l := credits.Line{
			Kind: credits.CreditLine, Month: month("2021-06"), Year: 1, KPI: o.KPI, Org: o.Org,
			Raw: o.Raw, Status: o.Status, Mitigation: o.Mitigation, Rule: rule,
		}
		l.Absent = o.Absent
		if points != "" {
			l.Points, l.Amount, l.Failed = dec(points), dec(amount), true
		}
		return l
	}
	tests := []struct {
		name    string
		why     string
		outcome credits.Outcome
		points  string // "" for no points lost
		amount  string
		rule    string
	}{
		{
			name: "green", why: "meeting the target costs nothing",
			outcome: kpiOutcome("A", kpi.Green),
			rule:    "green: no credit",
		},
		{
			name: "amber", why: "amber loses the amber fraction of the points",
			outcome: kpiOutcome("A", kpi.Amber),
			points:  "5", amount: "500.00",
			rule: "amber: 0.5 of 10 points = 5.0 points x 0.1% of charges 100000.00 = 500.00",
		},
		{
			name: "red", why: "red loses the red fraction of the points",
			outcome: kpiOutcome("A", kpi.Red),
			points:  "10", amount: "1000.00",
			rule: "red: 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00",
		},
		{
			name: "red for an organisation", why: "the outcome's own charges are the base",
			outcome: with(kpiOutcome("B", kpi.Red), func(o *credits.Outcome) { o.Org, o.Charges = "NCC", dec("2500.5") }),
			points:  "5", amount: "12.50",
			rule: "red: 1 of 5 points = 5 points x 0.1% of charges 2500.50 = 12.50",
		},
		{
			name: "unmeasured", why: "no value is no credit, and the line says why",
			outcome: with(kpiOutcome("A", kpi.Unmeasured), func(o *credits.Outcome) { o.Absent = kpi.NotApplicable }),
			rule:    "unmeasured (not-applicable): no credit",
		},
		{
			name: "absence counted as red", why: "a contract that counts a missing value as red charges it as red",
			outcome: with(kpiOutcome("A", kpi.Red), func(o *credits.Outcome) { o.Absent = kpi.Missing }),
			points:  "10", amount: "1000.00",
			rule: "red: 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00",
		},
		{
			name: "pi", why: "a PI is reported only, whatever its status",
			outcome: with(kpiOutcome("P", kpi.Red), func(o *credits.Outcome) { o.Kind = kpi.PI }),
			rule:    "pi: reported only, never credited",
		},
		{
			name: "figure", why: "a reported figure is never credited",
			outcome: with(kpiOutcome("VOL", kpi.Red), func(o *credits.Outcome) { o.Kind = kpi.Figure }),
			rule:    "figure: reported only, never credited",
		},
		{
			name: "relief", why: "a relieved failure costs nothing; the line says what it would have cost",
			outcome: with(kpiOutcome("A", kpi.Red), func(o *credits.Outcome) { o.Mitigation, o.Relief = "M1", true }),
			rule:    "red relieved by mitigation M1: no credit (would have been 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00)",
		},
		{
			name: "relief of an amber", why: "relief applies to amber as to red",
			outcome: with(kpiOutcome("B", kpi.Amber), func(o *credits.Outcome) { o.Mitigation, o.Relief = "M1", true }),
			rule:    "amber relieved by mitigation M1: no credit (would have been 0.5 of 5 points = 2.5 points x 0.1% of charges 100000.00 = 250.00)",
		},
		{
			name: "relief not needed", why: "a relieved month that is green anyway says so",
			outcome: with(kpiOutcome("A", kpi.Green), func(o *credits.Outcome) { o.Mitigation, o.Relief = "M1", true }),
			rule:    "green: no credit (relief by mitigation M1 not needed)",
		},
		{
			name: "deemed green", why: "credits follow the deemed status, not the raw one",
			outcome: with(kpiOutcome("A", kpi.Green), func(o *credits.Outcome) { o.Raw, o.Mitigation = kpi.Red, "M2" }),
			rule:    "green: no credit (deemed green by mitigation M2)",
		},
		{
			name: "deemed red", why: "a mitigation may deem a month worse than measured",
			outcome: with(kpiOutcome("A", kpi.Red), func(o *credits.Outcome) { o.Raw, o.Mitigation = kpi.Amber, "M3" }),
			points:  "10", amount: "1000.00",
			rule: "red: 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00 (deemed red by mitigation M3)",
		},
		{
			name: "zero charges", why: "no charges, no credit, but the arithmetic is shown",
			outcome: with(kpiOutcome("A", kpi.Red), func(o *credits.Outcome) { o.Charges = decimal.Zero }),
			points:  "10", amount: "0",
			rule: "red: 1 of 10 points = 10 points x 0.1% of charges 0.00 = 0.00",
		},
	}
	names := caseNames{}
	for _, tt := range tests {
		names.add(t, tt.name)
		t.Run(tt.name, func(t *testing.T) {
			p := credits.Period{Month: month("2021-06"), Year: 1, Charges: dec("100000"), YearCharges: dec("1200000"),
				Outcomes: []credits.Outcome{tt.outcome}}
			led, err := credits.Calculate(rules(), []credits.Period{p})
			require.NoError(t, err)
			want := []credits.Line{line(tt.outcome, tt.points, tt.amount, tt.rule)}
			if diff := cmp.Diff(want, led.Lines, cmpMonth); diff != "" {
				t.Errorf("%s: lines (-want +got):\n%s", tt.why, diff)
			}
		})
	}
}

// A change note retires A from July and gives its points to B: June is
// priced with the old weights, July with the new, and July's lines quote
// the change's note. The first weights may leave out From: they apply
// from the KPIs' first month in force (April, commencement), and the
// lines are the same.
func TestPointsRedistribution(t *testing.T) {
	ccn7 := []credits.Weight{ // any order
		{KPI: "B", From: month("2021-07"), Points: dec("15"), Note: "CCN 7"},
		{KPI: "A", From: month("2021-07"), Points: dec("0"), Note: "CCN 7 retires A"},
	}
	for _, tt := range []struct {
		name, why string
		first     []credits.Weight
	}{
		{name: "from-commencement", why: "each weight names its first month", first: []credits.Weight{
			{KPI: "A", From: month("2021-04"), Points: dec("10")},
			{KPI: "B", From: month("2021-04"), Points: dec("5")},
		}},
		{name: "without-from", why: "a weight without From applies from the KPI's first month in force", first: []credits.Weight{
			{KPI: "A", Points: dec("10")},
			{KPI: "B", Points: dec("5")},
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := rules()
			r.Regime = credits.Points{
				Weights: []credits.Weight{ccn7[0], tt.first[0], ccn7[1], tt.first[1]},
				Amber:   dec("0.5"), Red: dec("1"), PointValue: dec("0.1"),
			}
			require.NoError(t, r.Validate(windows()), tt.why)
			redistribution(t, r)
		})
	}
}

// redistribution checks the lines and drivers of TestPointsRedistribution.
func redistribution(t *testing.T, r credits.Rules) {
	t.Helper()
	led, err := credits.Calculate(r, []credits.Period{
		period("2021-06", 1, kpi.Red, kpi.Red),
		period("2021-07", 1, kpi.Red, kpi.Red),
		period("2021-08", 1, kpi.Amber, kpi.Amber),
	})
	require.NoError(t, err)
	type got struct{ Month, KPI, Points, Amount, Rule string }
	var lines []got
	for _, l := range led.Lines {
		lines = append(lines, got{l.Month.String(), l.KPI, kpi.FormatValue(l.Points), l.Amount.StringFixed(2), l.Rule})
	}
	want := []got{
		{"2021-06", "A", "10", "1000.00", "red: 1 of 10 points = 10 points x 0.1% of charges 100000.00 = 1000.00"},
		{"2021-06", "B", "5", "500.00", "red: 1 of 5 points = 5 points x 0.1% of charges 100000.00 = 500.00"},
		{"2021-07", "A", "0", "0.00", "red: 1 of 0 points (CCN 7 retires A) = 0 points x 0.1% of charges 100000.00 = 0.00"},
		{"2021-07", "B", "15", "1500.00", "red: 1 of 15 points (CCN 7) = 15 points x 0.1% of charges 100000.00 = 1500.00"},
		{"2021-08", "A", "0.0", "0.00", "amber: 0.5 of 0 points (CCN 7 retires A) = 0.0 points x 0.1% of charges 100000.00 = 0.00"},
		{"2021-08", "B", "7.5", "750.00", "amber: 0.5 of 15 points (CCN 7) = 7.5 points x 0.1% of charges 100000.00 = 750.00"},
	}
	if diff := cmp.Diff(want, lines); diff != "" {
		t.Errorf("lines (-want +got):\n%s", diff)
	}
	// The total at risk is the same before and after the change.
	require.True(t, led.Months[0].Total.Equal(led.Months[1].Total), "redistribution keeps the total at risk")
	// A retired KPI costs nothing, so it drives nothing after the change.
	want2 := []credits.Driver{
		{KPI: "B", Amount: dec("2750"), Months: []kpi.Month{month("2021-06"), month("2021-07"), month("2021-08")}},
		{KPI: "A", Amount: dec("1000"), Months: []kpi.Month{month("2021-06")}},
	}
	if diff := cmp.Diff(want2, led.Years[0].Drivers, cmpMonth); diff != "" {
		t.Errorf("drivers (-want +got):\n%s", diff)
	}
}

// Money rounds each line once, at a .005 tie half-up away from zero and
// half-even to the even digit; totals are sums of rounded lines.
func TestMoneyRounding(t *testing.T) {
	tests := []struct {
		name     string
		money    credits.Money
		charges  string // one point of 0.5% of these charges is lost per line
		line     string // each line's amount, formatted
		total    string // the month's total, formatted: two lines
		ruleTail string
	}{
		{"half-up tie", credits.Money{Places: 2, Rounding: kpi.HalfUp}, "1001", "5.01", "10.02", "= 5.01"},
		{"half-even tie down", credits.Money{Places: 2, Rounding: kpi.HalfEven}, "1001", "5.00", "10.00", "= 5.00"},
		{"half-even tie up", credits.Money{Places: 2, Rounding: kpi.HalfEven}, "1003", "5.02", "10.04", "= 5.02"},
		{"half-up below tie", credits.Money{Places: 2, Rounding: kpi.HalfUp}, "1000.98", "5.00", "10.00", "= 5.00"},
		{"up", credits.Money{Places: 2, Rounding: kpi.Up}, "1000.2", "5.01", "10.02", "= 5.01"},
		{"down", credits.Money{Places: 2, Rounding: kpi.Down}, "1001.8", "5.00", "10.00", "= 5.00"},
		{"ceiling", credits.Money{Places: 2, Rounding: kpi.Ceiling}, "1000.2", "5.01", "10.02", "= 5.01"},
		{"floor", credits.Money{Places: 2, Rounding: kpi.Floor}, "1001.8", "5.00", "10.00", "= 5.00"},
		{"whole pounds half-up", credits.Money{Places: 0, Rounding: kpi.HalfUp}, "1100", "6", "12", "= 6"},
		{"whole pounds half-even", credits.Money{Places: 0, Rounding: kpi.HalfEven}, "900", "4", "8", "= 4"},
	}
	names := caseNames{}
	for _, tt := range tests {
		names.add(t, tt.name)
		t.Run(tt.name, func(t *testing.T) {
			r := credits.Rules{
				Regime: credits.Points{
					Weights: []credits.Weight{{KPI: "A", From: month("2021-04"), Points: dec("1")}, {KPI: "B", From: month("2021-04"), Points: dec("1")}},
					Amber:   dec("0.5"), Red: dec("1"), PointValue: dec("0.5"),
				},
				Money: tt.money,
			}
			p := period("2021-06", 1, kpi.Red, kpi.Red)
			p.Outcomes[0].Charges, p.Outcomes[1].Charges = dec(tt.charges), dec(tt.charges)
			led, err := credits.Calculate(r, []credits.Period{p})
			require.NoError(t, err)
			for _, l := range led.Lines {
				require.Equal(t, tt.line, tt.money.Format(l.Amount))
				require.True(t, l.Amount.Equal(dec(tt.line)), "the amount itself is rounded, not just its text")
				require.Contains(t, l.Rule, tt.ruleTail)
			}
			require.Equal(t, tt.total, tt.money.Format(led.Total), "the total is the sum of the rounded lines")
		})
	}
}

func TestMoney(t *testing.T) {
	m := credits.Money{Places: 2, Rounding: kpi.HalfEven}
	require.Equal(t, "2.12", m.Format(m.Round(dec("2.125"))))
	require.Equal(t, "10.50", m.Format(dec("10.5")))
	require.Equal(t, "-3.00", m.Format(dec("-3")))
	require.Equal(t, "3", credits.Money{Places: 0, Rounding: kpi.HalfUp}.Format(m.Round(dec("2.5"))))
}
