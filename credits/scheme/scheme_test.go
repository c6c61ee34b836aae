package scheme_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// pointsOf returns each credit line's points, formatted.
func pointsOf(led *credits.Ledger) []string {
	var out []string
	for _, l := range led.Lines {
		if l.Kind == credits.CreditLine {
			out = append(out, kpi.FormatValue(l.Points))
		}
	}
	return out
}

// checkRules checks that the rules of led's lines, in order, are want.
func checkRules(t *testing.T, led *credits.Ledger, want []string) {
	t.Helper()
	var got []string
	for _, l := range led.Lines {
		got = append(got, l.Rule)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
}

// amountsOf returns each line's amount, to 2 places.
func amountsOf(led *credits.Ledger) []string {
	var out []string
	for _, l := range led.Lines {
		out = append(out, l.Amount.StringFixed(2))
	}
	return out
}

// The Model Services Agreement's worked examples: banded points with the
// repeat-failure multiplier.
func TestWorkedExamplesBandsWithRepeat(t *testing.T) {
	tests := []struct {
		name   string
		why    string
		values []string
		points []string
	}{
		{"example 1", "98.5 is minor (1); 96.5 after a failure is severe x2 (6), and again x2, not x4", []string{"98.5", "96.5", "96.5"}, []string{"1", "6", "6"}},
		{"example 2", "96.5 is severe (3); 98.5 after it is minor x2 (2); 96.5 after that is severe x2 (6)", []string{"96.5", "98.5", "96.5"}, []string{"3", "2", "6"}},
		{"example 3", "a single period at 98.5 is minor", []string{"98.5"}, []string{"1"}},
		{"met breaks the chain", "a period at target is no failure, so the next failure is a first", []string{"96.5", "99", "96.5"}, []string{"3", "0", "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var os [][]credits.Outcome
			for _, v := range tt.values {
				os = append(os, fixture.One(fixture.Measured("A", v)))
			}
			r := fixture.Rules(fixture.MSAScheme())
			require.NoError(t, r.Validate(fixture.WindowsOf("A")))
			led, err := credits.Calculate(r, fixture.Months("2021-04", os...))
			require.NoError(t, err)
			require.Equal(t, tt.points, pointsOf(led), tt.why)
		})
	}
}

// Every boundary of the MSA table, with the value first rounded to one
// place half-up.
func TestBandsBoundaries(t *testing.T) {
	tests := []struct {
		value, band, points string
	}{
		{"100", "", "0"},
		{"99", "", "0"},
		{"98.95", "", "0"}, // rounds to 99.0
		{"98.94", "minor", "1"},
		{"98.9", "minor", "1"},
		{"98.0", "minor", "1"},
		{"97.95", "minor", "1"}, // rounds to 98.0
		{"97.94", "serious", "2"},
		{"97.0", "serious", "2"},
		{"96.95", "serious", "2"},
		{"96.9", "severe", "3"},
		{"96", "severe", "3"},
		{"95.95", "severe", "3"}, // rounds to 96.0
		{"95.94", "below threshold", "4"},
		{"0", "below threshold", "4"},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			s := fixture.MSAScheme()
			s.Repeat, s.Mitigated = scheme.Repeat{}, 0
			o := fixture.Measured("A", tt.value)
			if tt.value == "98.95" {
				o.Status, o.Raw = kpi.Amber, kpi.Amber // failed by an unrounded classification: the table still says target
			}
			led, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04", fixture.One(o)))
			require.NoError(t, err)
			l := led.Lines[0]
			require.Equal(t, tt.points, kpi.FormatValue(l.Points), l.Rule)
			if tt.band != "" {
				require.Equal(t, tt.band, l.Band())
				require.Equal(t, tt.band != "minor", l.Material())
			}
		})
	}
}

// A lower-is-better table (days late) and every edge of it.
func TestBandsLowerIsBetter(t *testing.T) {
	b := scheme.Bands{
		Direction: kpi.LowerIsBetter, Value: scheme.AsMeasured,
		Bands: []scheme.Band{
			{Name: "on time", Max: fixture.DecPtr("5"), MaxEdge: kpi.Inclusive, Points: fixture.Dec("0")},
			{Name: "late", Min: fixture.DecPtr("5"), MinEdge: kpi.Strict, Max: fixture.DecPtr("10"), MaxEdge: kpi.Strict, Points: fixture.Dec("2")},
			{Name: "very late", Min: fixture.DecPtr("10"), MinEdge: kpi.Inclusive, Points: fixture.Dec("5")},
		},
	}
	s := scheme.Scheme{Scores: []scheme.Score{{KPIs: []string{"D"}, Bands: &b}}, Price: scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("10")}}
	require.NoError(t, fixture.Rules(s).Validate(fixture.WindowsOf("D")))
	for _, tt := range []struct{ value, points string }{{"5", "0"}, {"5.01", "2"}, {"9.99", "2"}, {"10", "5"}, {"30", "5"}} {
		o := credits.Outcome{KPI: "D", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: fixture.Dec("1000"),
			Measured: &kpi.Result{Value: fixture.Dec(tt.value), Direction: kpi.LowerIsBetter}}
		led, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04", fixture.One(o)))
		require.NoError(t, err)
		require.Equal(t, tt.points, kpi.FormatValue(led.Lines[0].Points), tt.value)
	}
	o := fixture.Measured("D", "3") // higher is better: the table does not fit
	_, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04", fixture.One(o)))
	require.ErrorIs(t, err, credits.ErrInvalidRules)
	require.EqualError(t, err, "month 2021-04: kpi D: bands are lower-is-better but the kpi is higher-is-better: invalid credit rules")
}

func TestBandsValidate(t *testing.T) {
	band := func(name, lo string, le kpi.Bound, hi string, he kpi.Bound, pts string) scheme.Band {
		b := scheme.Band{Name: name, Points: fixture.Dec(pts), MinEdge: le, MaxEdge: he}
		if lo != "" {
			b.Min = fixture.DecPtr(lo)
		}
		if hi != "" {
			b.Max = fixture.DecPtr(hi)
		}
		return b
	}
	in, ex := kpi.Inclusive, kpi.Strict
	tests := []struct {
		name  string
		why   string
		bands scheme.Bands
		want  []string
	}{
		{
			name: "gap in a real table",
			why:  "98.0 - 98.9 then 99 leaves 98.95 nowhere when the value is not rounded",
			bands: scheme.Bands{Direction: kpi.HigherIsBetter, Value: scheme.AsMeasured, Bands: []scheme.Band{
				band("target", "99", in, "", 0, "0"), band("minor", "98.0", in, "98.9", in, "1"), band("below", "", 0, "98.0", ex, "2")}},
			want: []string{`bands "minor" [98.0, 98.9] and "target" [99, ∞) leave a gap from 98.9 to 99`},
		},
		{
			name: "gap at the table's precision",
			why:  "at two places 98.95 is in neither band",
			bands: scheme.Bands{Direction: kpi.HigherIsBetter, Value: scheme.TableRounded, Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Bands: []scheme.Band{
				band("target", "99", in, "", 0, "0"), band("minor", "98.0", in, "98.9", in, "1"), band("below", "", 0, "98.0", ex, "2")}},
			want: []string{`bands "minor" [98.0, 98.9] and "target" [99, ∞) leave a gap from 98.9 to 99 (98.91 is in neither at 2 places)`},
		},
		{
			name: "gap after an exclusive bound at the table's precision",
			why:  "at one place 98.0, the first value past [97, 98), is in neither band; it is written at that precision",
			bands: scheme.Bands{Direction: kpi.HigherIsBetter, Value: scheme.TableRounded, Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Bands: []scheme.Band{
				band("target", "98.5", in, "", 0, "0"), band("minor", "97", in, "98", ex, "1"), band("below", "", 0, "97", ex, "2")}},
			want: []string{`bands "minor" [97, 98) and "target" [98.5, ∞) leave a gap from 98 to 98.5 (98.0 is in neither at 1 places)`},
		},
		{
			name: "overlap at a shared bound",
			why:  "5-10 days and 10-20 days both claim 10",
			bands: scheme.Bands{Direction: kpi.LowerIsBetter, Value: scheme.AsMeasured, Bands: []scheme.Band{
				band("ok", "", 0, "5", ex, "0"), band("late", "5", in, "10", in, "1"), band("very late", "10", in, "20", in, "2"), band("worst", "20", ex, "", 0, "3")}},
			want: []string{`bands "late" [5, 10] and "very late" [10, 20] both claim 10`},
		},
		{
			name: "overlap and hole at the ends",
			bands: scheme.Bands{Direction: kpi.LowerIsBetter, Value: scheme.AsMeasured, Bands: []scheme.Band{
				band("a", "0", in, "6", in, "0"), band("b", "5", ex, "10", ex, "1"), band("c", "10", ex, "20", in, "2")}},
			want: []string{
				`bands "a" [0, 6] and "b" (5, 10) overlap from 5 to 6`,
				`bands "b" (5, 10) and "c" (10, 20] leave 10 in neither`,
				`no band for values above 20 (band "c" is (10, 20])`,
				`no band for values below 0 (band "a" starts [0, 6])`,
			},
		},
		{
			name: "better band scores more",
			bands: scheme.Bands{Direction: kpi.HigherIsBetter, Value: scheme.AsMeasured, Bands: []scheme.Band{
				band("good", "90", in, "", 0, "3"), band("bad", "", 0, "90", ex, "1")}},
			want: []string{`band "good" [90, ∞) scores 3, more than worse band "bad" (-∞, 90) with 1`},
		},
		{
			name: "bad bands and settings",
			bands: scheme.Bands{Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Bands: []scheme.Band{
				band("", "1", kpi.Bound(7), "", ex, "-1"), band("x", "3", in, "2", in, "0"), band("x", "", 0, "", 0, "0")}},
			want: []string{
				`band "x": [3, 2] holds no value`,
				`band "x": named twice`,
				`band 1: max edge strict without a max`,
				`band 1: min edge bound(7) unknown (want inclusive or strict)`,
				`band 1: name not set`,
				`band 1: -1 points is negative`,
				`direction not set (want one of higher-is-better, lower-is-better)`,
				`value basis not set (want one of as-measured, kpi-rounded, table-rounded)`,
				`precision 1 dp half-up set but the value basis is value basis(0), not table-rounded`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := tt.bands
			s := scheme.Scheme{Scores: []scheme.Score{{KPIs: []string{"A"}, Bands: &b}}, Price: scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}}
			err := s.Validate(fixture.WindowsOf("A"))
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			var got []string
			for _, line := range strings.Split(err.Error(), "\n") {
				got = append(got, strings.TrimSuffix(strings.TrimPrefix(line, "scheme: score 1: bands: "), ": invalid credit rules"))
			}
			require.ElementsMatch(t, tt.want, got, tt.why)
		})
	}
	// The MSA table is valid at one place: no one-place value lies
	// between 98.9 and 99.
	b := fixture.MSABands()
	require.NoError(t, scheme.Scheme{Scores: []scheme.Score{{KPIs: []string{"A"}, Bands: &b}}, Price: scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}}.Validate(fixture.WindowsOf("A")))
}

// The Crown Commercial call-off worked example and the step and rounding
// options at their boundaries.
func TestShortfall(t *testing.T) {
	base := scheme.Shortfall{Direction: kpi.HigherIsBetter, Target: fixture.Dec("98"), Rate: fixture.Dec("1"), Value: scheme.AsMeasured}
	tests := []struct {
		name   string
		why    string
		change func(*scheme.Shortfall)
		value  string
		amount string
	}{
		{"worked example", "target 98%, actual 75%, rate 1: 23% of charges 100000", nil, "75", "23000.00"},
		{"just short", "a shortfall of 0.01 points at rate 1 is 0.01%", nil, "97.99", "10.00"},
		{"at target", "no shortfall", nil, "98", "0.00"},
		{"whole steps", "each full 1%: 1.99 points short is 1 step", func(s *scheme.Shortfall) { s.Step = fixture.Dec("1") }, "96.01", "1000.00"},
		{"exactly two steps", "2 points short is 2 steps", func(s *scheme.Shortfall) { s.Step = fixture.Dec("1") }, "96", "2000.00"},
		{"under one step", "0.99 points short is no full step", func(s *scheme.Shortfall) { s.Step = fixture.Dec("1") }, "97.01", "0.00"},
		{"tenth steps", "every whole 0.1 point: 0.19 is 0.1", func(s *scheme.Shortfall) { s.Step = fixture.Dec("0.1") }, "97.81", "100.00"},
		{"rounded first", "97.95 rounds to 98.0 at one place: no shortfall", func(s *scheme.Shortfall) {
			s.Value, s.Precision = scheme.TableRounded, kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
		}, "97.95", "0.00"},
		{"rate 2", "rate 2 doubles", func(s *scheme.Shortfall) { s.Rate = fixture.Dec("2") }, "97", "2000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sf := base
			if tt.change != nil {
				tt.change(&sf)
			}
			r := fixture.Rules(percentScheme(scheme.Score{Shortfall: &sf}))
			require.NoError(t, r.Validate(fixture.WindowsOf("A")))
			o := fixture.Measured("A", tt.value)
			o.Status, o.Raw = kpi.Red, kpi.Red
			led, err := credits.Calculate(r, fixture.Months("2021-04", fixture.One(o)))
			require.NoError(t, err)
			require.Equal(t, tt.amount, led.Lines[0].Amount.StringFixed(2), tt.why+": "+led.Lines[0].Rule)
		})
	}
	o := fixture.Measured("A", "75")
	led, err := credits.Calculate(fixture.Rules(percentScheme(scheme.Score{Shortfall: &base})), fixture.Months("2021-04", fixture.One(o)))
	require.NoError(t, err)
	require.Equal(t, "red: shortfall 98 - 75 = 23 x rate 1 scores 23% of charges 100000.00 = 23000.00", led.Lines[0].Rule)
}

func TestShortfallLowerIsBetter(t *testing.T) {
	sf := scheme.Shortfall{Direction: kpi.LowerIsBetter, Target: fixture.Dec("4"), Rate: fixture.Dec("0.5"), Step: fixture.Dec("1"), Value: scheme.AsMeasured}
	o := credits.Outcome{KPI: "A", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: fixture.Dec("1000"),
		Measured: &kpi.Result{Value: fixture.Dec("7.5"), Direction: kpi.LowerIsBetter}}
	led, err := credits.Calculate(fixture.Rules(percentScheme(scheme.Score{Shortfall: &sf})), fixture.Months("2021-04", fixture.One(o)))
	require.NoError(t, err)
	require.Equal(t, "red: shortfall 7.5 - 4 = 3.5, 3 whole steps of 1 = 3 x rate 0.5 scores 1.5% of charges 1000.00 = 15.00", led.Lines[0].Rule)
}

func allocation(cat, catShare, kpiShare string) *scheme.Allocation {
	return &scheme.Allocation{AtRisk: fixture.Dec("10"), Category: cat, CategoryShare: fixture.Dec(catShare), KPIShare: fixture.Dec(kpiShare)}
}

// The US state outsourcing worked example: invoice 100,000, 10% at risk,
// category 50%, KPI 40%: 2,000.
func TestAllocation(t *testing.T) {
	s := scheme.Scheme{
		Scores: []scheme.Score{
			{KPIs: []string{"A"}, Allocation: allocation("availability", "50", "40")},
			{KPIs: []string{"B", "C"}, Allocation: allocation("availability", "50", "30")},
			{KPIs: []string{"D"}, Allocation: allocation("service desk", "50", "100")},
		},
		Price: scheme.Price{Basis: scheme.PercentOfCharges},
	}
	r := fixture.Rules(s)
	r.Caps.Month = fixture.DecPtr("10")
	require.NoError(t, r.Validate(fixture.WindowsOf("A", "B", "C", "D")))
	red := func(id string) credits.Outcome { return fixture.KPIOutcome(id, kpi.Red) }
	led, err := credits.Calculate(r, fixture.Months("2021-04",
		[]credits.Outcome{red("A"), fixture.KPIOutcome("B", kpi.Green), fixture.KPIOutcome("C", kpi.Green), fixture.KPIOutcome("D", kpi.Green)},
		[]credits.Outcome{red("A"), red("B"), red("C"), red("D")}))
	require.NoError(t, err)
	require.Equal(t, []string{"2000.00", "0.00", "0.00", "0.00", "2000.00", "1500.00", "1500.00", "5000.00"}, amountsOf(led))
	require.Equal(t, "red: at risk 10% x category availability 50% x kpi 40% scores 2% of charges 100000.00 = 2000.00", led.Lines[0].Rule)
	require.Equal(t, "10000.00", led.Months[1].Total.StringFixed(2), "every KPI failing uses the whole pool, no more")

	over := s
	over.Scores = []scheme.Score{
		{KPIs: []string{"A"}, Allocation: allocation("availability", "60", "40")},
		{KPIs: []string{"B", "C"}, Allocation: allocation("availability", "50", "40")},
		{KPIs: []string{"D"}, Allocation: &scheme.Allocation{AtRisk: fixture.Dec("12"), Category: "desk", CategoryShare: fixture.Dec("50"), KPIShare: fixture.Dec("10")}},
	}
	over.Price = scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}
	err = over.Validate(fixture.WindowsOf("A", "B", "C", "D"))
	require.EqualError(t, err, strings.Join([]string{
		"scheme: allocation: category availability: kpi shares add up to 120%, above 100%: invalid credit rules",
		"scheme: allocation: category shares add up to 110%, above 100%: invalid credit rules",
		"scheme: score 1: allocation: priced per-point, not percent-of-charges: invalid credit rules",
		"scheme: score 2: allocation: category availability share 50% differs from 60% in score 1: invalid credit rules",
		"scheme: score 2: allocation: priced per-point, not percent-of-charges: invalid credit rules",
		"scheme: score 3: allocation: at risk 12% differs from 10%: invalid credit rules",
		"scheme: score 3: allocation: priced per-point, not percent-of-charges: invalid credit rules",
	}, "\n"))
}

// percentScheme is a scheme that scores KPI A as sc does, priced as a
// per cent of charges.
func percentScheme(sc scheme.Score) scheme.Scheme {
	sc.KPIs = []string{"A"}
	return scheme.Scheme{Scores: []scheme.Score{sc}, Price: scheme.Price{Basis: scheme.PercentOfCharges}}
}

func statusScheme(amber, red string, price scheme.Price, ids ...string) scheme.Scheme {
	return scheme.Scheme{Scores: []scheme.Score{{KPIs: ids, Status: &scheme.StatusScore{Amber: fixture.Dec(amber), Red: fixture.Dec(red)}}}, Price: price}
}

// Points at a money value with a free allowance and ratchet bands applied
// like tax brackets: 21-100 at x1.0, 101-200 at x1.2, 201 on at x1.5.
func TestPerPointAllowanceAndRatchet(t *testing.T) {
	price := scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("10"), Allowance: fixture.Dec("20"),
		Ratchet: []scheme.Ratchet{{Above: fixture.Dec("100"), Multiplier: fixture.Dec("1.2")}, {Above: fixture.Dec("200"), Multiplier: fixture.Dec("1.5")}}}
	tests := []struct {
		name    string
		why     string
		red     []string // each KPI's points when Red, all Red
		amounts []string
	}{
		{"within allowance", "20 points are free", []string{"20"}, []string{"0.00"}},
		{"first paid point", "point 21 costs 10.00", []string{"21"}, []string{"10.00"}},
		{"top of x1.0", "points 21-100 at x1.0", []string{"100"}, []string{"800.00"}},
		{"first ratchet point", "point 101 at x1.2", []string{"101"}, []string{"812.00"}},
		{"top of x1.2", "points 101-200 at x1.2", []string{"200"}, []string{"2000.00"}},
		{"into x1.5", "20 free, 80 x1, 100 x1.2, 50 x1.5 = 275 points' worth", []string{"250"}, []string{"2750.00"}},
		{"split over lines", "the second line's points 16-115: 5 free, 80 x1, 15 x1.2", []string{"15", "100"}, []string{"0.00", "980.00"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var scores []scheme.Score
			var os []credits.Outcome
			var ids []string
			for i, p := range tt.red {
				id := string(rune('A' + i))
				ids = append(ids, id)
				scores = append(scores, scheme.Score{KPIs: []string{id}, Status: &scheme.StatusScore{Amber: fixture.Dec("0"), Red: fixture.Dec(p)}})
				os = append(os, fixture.KPIOutcome(id, kpi.Red))
			}
			s := scheme.Scheme{Scores: scores, Price: price}
			require.NoError(t, s.Validate(fixture.WindowsOf(ids...)))
			led, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04", os))
			require.NoError(t, err)
			require.Equal(t, tt.amounts, amountsOf(led), tt.why)
		})
	}
	s := statusScheme("0", "250", price, "A")
	led, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04", fixture.One(fixture.KPIOutcome("A", kpi.Red))))
	require.NoError(t, err)
	require.Equal(t, "red: red scores 250; month's points 0 to 250: 20 free, 80 at x1, 100 at x1.2, 50 at x1.5 = 275.0 x 10.00 = 2750.00", led.Lines[0].Rule)
}

// A lookup table of the month's total points to a percentage of the bill:
// the row with the most points not above the total.
func TestPointsTable(t *testing.T) {
	price := scheme.Price{Basis: scheme.PointsTable, Table: []scheme.TableRow{
		{Points: fixture.Dec("3"), Percent: fixture.Dec("1")}, {Points: fixture.Dec("6"), Percent: fixture.Dec("2.5")}, {Points: fixture.Dec("10"), Percent: fixture.Dec("5")}}}
	s := statusScheme("1", "3", price, "A", "B", "C")
	require.NoError(t, s.Validate(fixture.WindowsOf("A", "B", "C")))
	tests := []struct {
		name    string
		a, b, c kpi.Status
		amounts []string
		ruleOfA string
		why     string
	}{
		{"below the first row", kpi.Amber, kpi.Amber, kpi.Green, []string{"0.00", "0.00", "0.00"},
			"amber: amber scores 1; month's 2 points: no table row, no credit; share for 1 of 2 points = 0.00", "2 points is below 3"},
		{"on the first row", kpi.Red, kpi.Green, kpi.Green, []string{"1000.00", "0.00", "0.00"},
			"red: red scores 3; month's 3 points: row 1, 1% of charges 100000.00 = 1000.00; share for 3 of 3 points = 1000.00", "3 points is row 1"},
		{"between rows, split", kpi.Red, kpi.Red, kpi.Amber, []string{"1071.43", "1071.43", "357.14"},
			"red: red scores 3; month's 7 points: row 2, 2.5% of charges 100000.00 = 2500.00; share for 3 of 7 points = 1071.43", "7 points is row 2; 2500 split 3:3:1 by largest remainder"},
		{"just below the top row", kpi.Red, kpi.Red, kpi.Red, []string{"833.34", "833.33", "833.33"}, "",
			"9 points is row 2: 2500 split three ways, the penny left over to the first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			led, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04",
				[]credits.Outcome{fixture.KPIOutcome("A", tt.a), fixture.KPIOutcome("B", tt.b), fixture.KPIOutcome("C", tt.c)}))
			require.NoError(t, err)
			require.Equal(t, tt.amounts, amountsOf(led), tt.why)
			if tt.ruleOfA != "" {
				require.Equal(t, tt.ruleOfA, led.Lines[0].Rule)
			}
		})
	}
}

func TestPriceValidate(t *testing.T) {
	tests := []struct {
		name  string
		price scheme.Price
		want  []string
	}{
		{"no basis", scheme.Price{}, []string{"price: basis not set (want one of per-point, points-table, percent-of-charges, percent-per-point)"}},
		{"per-point", scheme.Price{Basis: scheme.PerPoint, Allowance: fixture.Dec("-1"), Table: []scheme.TableRow{{}},
			Ratchet: []scheme.Ratchet{{Above: fixture.Dec("-2"), Multiplier: fixture.Dec("0.5")}, {Above: fixture.Dec("-2"), Multiplier: fixture.Dec("2")}}}, []string{
			"price: allowance -1 points is negative",
			"price: ratchet 1: above -2 points not above -1",
			"price: ratchet 1: multiplier 0.5 below 1",
			"price: ratchet 2: above -2 points not above -2",
			"price: table is for points-table, not per-point",
			"price: value 0 per point is not positive",
		}},
		{"table", scheme.Price{Basis: scheme.PointsTable, Value: fixture.Dec("1"), Table: []scheme.TableRow{
			{Points: fixture.Dec("5"), Percent: fixture.Dec("3")}, {Points: fixture.Dec("5"), Percent: fixture.Dec("2")}, {Points: fixture.Dec("-1"), Percent: fixture.Dec("101")}}}, []string{
			"price: table row 2: 2% below row 1's 3%",
			"price: table row 2: 5 points not above row 1's 5",
			"price: table row 3: -1 points is negative",
			"price: table row 3: -1 points not above row 2's 5",
			"price: table row 3: 101% outside 0..100",
			"price: value, allowance and ratchet are for per-point, not points-table",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := statusScheme("1", "2", tt.price, "A").Validate(fixture.WindowsOf("A"))
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			var got []string
			for _, line := range strings.Split(err.Error(), "\n") {
				got = append(got, strings.TrimSuffix(strings.TrimPrefix(line, "scheme: "), ": invalid credit rules"))
			}
			require.ElementsMatch(t, tt.want, got)
		})
	}
}

func TestSchemeValidate(t *testing.T) {
	s := scheme.Scheme{
		Scores: []scheme.Score{
			{KPIs: []string{"A", "X", "P"}, Status: &scheme.StatusScore{Amber: fixture.Dec("2"), Red: fixture.Dec("1")}},
			{KPIs: []string{"A"}, Status: &scheme.StatusScore{}, Shortfall: &scheme.Shortfall{}},
			{},
		},
		Repeat: scheme.Repeat{Multiplier: fixture.Dec("0.5"), Nth: 1, Within: 30},
		Amber:  scheme.AmberRule{Nth: 1},
		Price:  scheme.Price{Basis: scheme.PercentOfCharges},
	}
	pi := credits.Window{KPI: "P", From: fixture.Month("2021-01"), To: fixture.Month("2030-12"), Uncredited: true}
	own := []string{
		"Amber.Nth: scheme: amber rule: nth 1 below 2: invalid credit rules",
		"Amber.Within: scheme: amber rule: within 0 months outside 1..24: invalid credit rules",
		"Mitigated: scheme: mitigated not set (want one of breaks-chain, counts-as-failure): invalid credit rules",
		"Repeat.Multiplier: scheme: repeat: multiplier 0.5 below 1: invalid credit rules",
		"Repeat.Nth: scheme: repeat: nth 1 below 2: invalid credit rules",
		"Repeat.Within: scheme: repeat: within 30 periods outside 2..24: invalid credit rules",
		"Scores[0].Status.Amber: scheme: score 1: status: amber score 2 above red score 1: invalid credit rules",
		"Scores[1]: scheme: score 2: 2 parts set (want exactly one of status, bands, shortfall, shortfall-bands, deduction, allocation, curve): invalid credit rules",
		"Scores[1].KPIs[0]: scheme: score 2: kpi A already scored by score 1: invalid credit rules",
		"Scores[2]: scheme: score 3: 0 parts set (want exactly one of status, bands, shortfall, shortfall-bands, deduction, allocation, curve): invalid credit rules",
		"Scores[2].KPIs: scheme: score 3: no kpis: invalid credit rules",
	}
	require.Equal(t, strings.Join(own, "\n"), fixture.Placed(t, s.Check()), "Check needs no KPI list")
	require.Equal(t, strings.Join([]string{
		own[0], own[1],
		"Scores: scheme: kpi B: in no score: invalid credit rules",
		own[2], own[3], own[4], own[5],
		"Scores[0].KPIs[2]: scheme: score 1: kpi P is not credit-bearing in the contract: invalid credit rules",
		"Scores[0].KPIs[1]: scheme: score 1: kpi X is unknown (not an indicator of the contract): invalid credit rules",
		own[6], own[7], own[8], own[9], own[10],
	}, "\n"), fixture.Placed(t, s.Validate(append(fixture.WindowsOf("A", "B"), pi))), "Validate adds the cross-checks against the KPIs")
	require.Equal(t, "Scores: scheme: no scores: invalid credit rules\nPrice.Basis: scheme: price: basis not set (want one of per-point, points-table, percent-of-charges, percent-per-point): invalid credit rules",
		fixture.Placed(t, scheme.Scheme{}.Validate(nil)))
	ok := statusScheme("1", "2", scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}, "A")
	ok.Mitigated = scheme.MitigatedCounts
	require.Equal(t, "Mitigated: scheme: mitigated counts-as-failure set without an amber rule or repeat: invalid credit rules", fixture.Placed(t, ok.Validate(fixture.WindowsOf("A"))))
}

// statusRun evaluates a status scheme (Amber 1 point, Red 2, a point
// worth 1.00) over one KPI's statuses from April 2021 and returns its
// points.
func statusRun(t *testing.T, s scheme.Scheme, outcomes ...credits.Outcome) []string {
	t.Helper()
	require.NoError(t, s.Validate(fixture.WindowsOf("A")))
	var os [][]credits.Outcome
	for _, o := range outcomes {
		os = append(os, fixture.One(o))
	}
	led, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04", os...))
	require.NoError(t, err)
	return pointsOf(led)
}

func TestRepeatAndAmberRule(t *testing.T) {
	g, a, r := fixture.KPIOutcome("A", kpi.Green), fixture.KPIOutcome("A", kpi.Amber), fixture.KPIOutcome("A", kpi.Red)
	notDue := fixture.KPIOutcome("A", kpi.Unmeasured)
	notDue.Absent = kpi.NotDue
	unavailable := fixture.KPIOutcome("A", kpi.Unmeasured)
	unavailable.Absent = kpi.Unavailable
	relieved := fixture.KPIOutcome("A", kpi.Red)
	relieved.Mitigation, relieved.Relief = "M1", true
	deemedGreen := fixture.KPIOutcome("A", kpi.Green)
	deemedGreen.Raw, deemedGreen.Mitigation = kpi.Red, "M2"
	price := scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}
	with := func(f func(*scheme.Scheme)) scheme.Scheme {
		s := statusScheme("1", "2", price, "A")
		f(&s)
		return s
	}
	prev := func(m scheme.Mitigated) func(*scheme.Scheme) {
		return func(s *scheme.Scheme) {
			s.Repeat, s.Mitigated = scheme.Repeat{Multiplier: fixture.Dec("2"), Nth: 2, Within: 2}, m
		}
	}
	tests := []struct {
		name     string
		why      string
		scheme   scheme.Scheme
		outcomes []credits.Outcome
		want     []string
	}{
		{"previous period", "x2 after a failure, never compounding", with(prev(scheme.MitigatedBreaks)), []credits.Outcome{r, r, r, a}, []string{"2", "4", "4", "2"}},
		{"green breaks", "a met month breaks the chain", with(prev(scheme.MitigatedBreaks)), []credits.Outcome{r, g, r}, []string{"2", "0", "2"}},
		{"unavailable breaks", "an unmeasured month is no failure", with(prev(scheme.MitigatedBreaks)), []credits.Outcome{r, unavailable, r}, []string{"2", "0", "2"}},
		{"not due is skipped", "a quarterly KPI's previous period is the previous quarter", with(prev(scheme.MitigatedBreaks)), []credits.Outcome{r, notDue, notDue, r}, []string{"2", "0", "0", "4"}},
		{"relief breaks", "breaks-chain: a relieved month is no failure", with(prev(scheme.MitigatedBreaks)), []credits.Outcome{r, relieved, r}, []string{"2", "0", "2"}},
		{"relief counts", "counts-as-failure: the month after relief is a repeat", with(prev(scheme.MitigatedCounts)), []credits.Outcome{r, relieved, r}, []string{"2", "0", "4"}},
		{"deemed green", "a deemed green is met, either way", with(prev(scheme.MitigatedCounts)), []credits.Outcome{r, deemedGreen, r}, []string{"2", "0", "2"}},
		{"third in four", "x1.5 from the 3rd failure within 4 periods", with(func(s *scheme.Scheme) {
			s.Repeat, s.Mitigated = scheme.Repeat{Multiplier: fixture.Dec("1.5"), Nth: 3, Within: 4}, scheme.MitigatedBreaks
		}), []credits.Outcome{r, g, r, r, g, g, r, r}, []string{"2", "0", "2", "3.0", "0", "0", "2", "2"}},
		{"third amber in 12 months", "the first two ambers are free; a red counts towards the three", with(func(s *scheme.Scheme) {
			s.Amber, s.Mitigated = scheme.AmberRule{Nth: 3, Within: 12}, scheme.MitigatedBreaks
		}), []credits.Outcome{a, a, g, a, a}, []string{"0", "0", "0", "1", "1"}},
		{"reds count towards ambers", "red, then amber is the 2nd; the 3rd is the first that costs", with(func(s *scheme.Scheme) {
			s.Amber, s.Mitigated = scheme.AmberRule{Nth: 3, Within: 12}, scheme.MitigatedBreaks
		}), []credits.Outcome{r, a, a}, []string{"2", "0", "1"}},
		{"free amber is no repeat", "a forgiven amber does not make the next red a repeat", with(func(s *scheme.Scheme) {
			s.Amber, s.Repeat, s.Mitigated = scheme.AmberRule{Nth: 2, Within: 12}, scheme.Repeat{Multiplier: fixture.Dec("2"), Nth: 2, Within: 2}, scheme.MitigatedBreaks
		}), []credits.Outcome{a, r, a}, []string{"0", "2", "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Equal(t, tt.want, statusRun(t, tt.scheme, tt.outcomes...), tt.why)
		})
	}
}

// The amber rule's window is calendar months: an amber 12 months after
// the first is outside a 12-month window.
func TestAmberRuleWindow(t *testing.T) {
	s := statusScheme("1", "2", scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}, "A")
	s.Amber, s.Mitigated = scheme.AmberRule{Nth: 2, Within: 12}, scheme.MitigatedBreaks
	os := make([]credits.Outcome, 13)
	for i := range os {
		os[i] = fixture.KPIOutcome("A", kpi.Green)
	}
	os[0], os[11], os[12] = fixture.KPIOutcome("A", kpi.Amber), fixture.KPIOutcome("A", kpi.Amber), fixture.KPIOutcome("A", kpi.Amber)
	got := statusRun(t, s, os...)
	require.Equal(t, "1", got[11], "month 12 is the 2nd amber within 12 months")
	require.Equal(t, "1", got[12], "month 13: month 1 has left the window, month 12 has not")
	os[11] = fixture.KPIOutcome("A", kpi.Green)
	got = statusRun(t, s, os...)
	require.Equal(t, "0", got[12], "month 13 alone in its window")
}

// The lines of a scheme carry their explanation.
func TestSchemeLineRules(t *testing.T) {
	relieved := fixture.Measured("A", "96.5")
	relieved.Mitigation, relieved.Relief = "MIT-7", true
	deemed := fixture.Measured("A", "96.5")
	deemed.Status, deemed.Mitigation = kpi.Amber, "MIT-8"
	pi := fixture.Measured("A", "90")
	pi.Kind = kpi.PI
	notDue := fixture.KPIOutcome("A", kpi.Unmeasured)
	notDue.Absent = kpi.NotDue
	led, err := credits.Calculate(fixture.Rules(fixture.MSAScheme()), fixture.Months("2021-04",
		fixture.One(fixture.Measured("A", "96.5")), fixture.One(relieved), fixture.One(deemed), fixture.One(fixture.Measured("A", "99.2")), fixture.One(pi), fixture.One(notDue)))
	require.NoError(t, err)
	checkRules(t, led, []string{
		"red: value 96.5 in band severe [96.0, 96.9] scores 3; month's points 0 to 3: 3 at x1 = 3 x 100.00 = 300.00",
		"red relieved by mitigation MIT-7: no credit (would have scored value 96.5 in band severe [96.0, 96.9] scores 3; repeat: failure 2 in 2 periods, x2 = 6); breaks the chain",
		"amber: value 96.5 in band severe [96.0, 96.9] scores 3 (deemed amber by mitigation MIT-8); month's points 0 to 3: 3 at x1 = 3 x 100.00 = 300.00",
		"green: no credit",
		"pi: reported only, never credited",
		"not due: no credit; not a measurement period",
	})
	require.True(t, led.Lines[0].Failed)
	require.True(t, led.Lines[0].Material())
	require.False(t, led.Lines[1].Failed, "relieved")
}

// Money is exact: nothing here goes through a float or Div.
func TestSplitAddsUp(t *testing.T) {
	price := scheme.Price{Basis: scheme.PointsTable, Table: []scheme.TableRow{{Points: fixture.Dec("1"), Percent: fixture.Dec("3.333")}}}
	s := statusScheme("1", "7", price, "A", "B", "C")
	led, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04", []credits.Outcome{fixture.KPIOutcome("A", kpi.Red), fixture.KPIOutcome("B", kpi.Amber), fixture.KPIOutcome("C", kpi.Amber)}))
	require.NoError(t, err)
	var sum decimal.Decimal
	for _, l := range led.Lines {
		sum = sum.Add(l.Amount)
	}
	require.Equal(t, "3333.00", sum.StringFixed(2), "the shares add up; the penny left over goes to the first of equal remainders")
	require.Equal(t, []string{"2592.34", "370.33", "370.33"}, amountsOf(led))
}

// TestTableRoundedDerived: a value derived from counts is rounded to the
// table's precision from the exact quotient, not from its shown figure.
func TestTableRoundedDerived(t *testing.T) {
	d := kpi.Definition{ID: "A", Name: "A", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99", "90"))}
	r := kpi.Classify(d, kpi.Measurement{KPI: "A", Month: fixture.Month("2021-06"), Numerator: fixture.Dec("2"), Denominator: fixture.Dec("3"), HasCounts: true, FromCounts: true})
	got := scheme.BasisValueForTest(scheme.TableRounded, kpi.Precision{Places: 7, Rounding: kpi.HalfUp}, credits.Outcome{Measured: &r})
	require.Equal(t, "66.6666667", got.StringFixed(7))
}

// TestSchemeOutcomeOrder: a Scheme and its triggers keep each KPI's
// history by KPI and organisation, whatever position its outcome has in a
// month. Months whose outcomes move about (a KPI moving, another taking
// its place, one missing for a month) give each KPI the lines and events
// it gets evaluated alone; nothing in these rules links one KPI's credit
// to another's.
func TestSchemeOutcomeOrder(t *testing.T) {
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores:    []scheme.Score{{KPIs: []string{"A", "B", "C"}, Status: &scheme.StatusScore{Amber: fixture.Dec("1"), Red: fixture.Dec("2")}}},
			Amber:     scheme.AmberRule{Nth: 2, Within: 3},
			Repeat:    scheme.Repeat{Multiplier: fixture.Dec("2"), Nth: 2, Within: 3},
			Mitigated: scheme.MitigatedCounts,
			Price:     scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Triggers: []credits.Trigger{
			{Name: "escalation", Kind: credits.ConsecutiveFailures, Months: 2},
			{Name: "review", Kind: credits.FailuresInWindow, Months: 3, Failures: 2},
		},
	}
	statuses := map[string][]kpi.Status{
		"A": {kpi.Red, kpi.Amber, kpi.Red, kpi.Green, kpi.Amber, kpi.Amber},
		"B": {kpi.Amber, kpi.Amber, kpi.Green, kpi.Red, kpi.Red, kpi.Red},
		"C": {kpi.Green, kpi.Red, kpi.Amber, kpi.Amber, kpi.Green, kpi.Red},
	}
	orders := [][]string{{"A", "B", "C"}, {"C", "A", "B"}, {"B", "C"}, {"A", "B", "C"}, {"C", "B", "A"}, {"B", "A", "C"}}
	periods := func(only string) []credits.Period {
		var out []credits.Period
		for i, order := range orders {
			m := fixture.Month("2021-04").AddMonths(i)
			p := credits.Period{Month: m, Year: 1, Charges: fixture.Dec("300000"), YearCharges: fixture.Dec("3600000")}
			for _, id := range order {
				if only == "" || id == only {
					p.Outcomes = append(p.Outcomes, fixture.KPIOutcome(id, statuses[id][i]))
				}
			}
			out = append(out, p)
		}
		return out
	}
	got, err := credits.Calculate(rules, periods(""))
	if err != nil {
		t.Fatal(err)
	}
	want := &credits.Ledger{}
	for _, id := range []string{"A", "B", "C"} {
		alone, err := credits.Calculate(rules, periods(id))
		if err != nil {
			t.Fatal(err)
		}
		want.Lines, want.Events = append(want.Lines, alone.Lines...), append(want.Events, alone.Events...)
	}
	byKPI := func(l *credits.Ledger) ([]credits.Line, []credits.Event) {
		lines, events := slices.Clone(l.Lines), slices.Clone(l.Events)
		slices.SortStableFunc(lines, func(a, b credits.Line) int { return a.Month.Compare(b.Month)*2 + strings.Compare(a.KPI, b.KPI) })
		slices.SortStableFunc(events, func(a, b credits.Event) int {
			return a.Month.Compare(b.Month)*4 + strings.Compare(a.Trigger, b.Trigger)*2 + strings.Compare(a.KPI, b.KPI)
		})
		return lines, events
	}
	wl, we := byKPI(want)
	gl, ge := byKPI(got)
	if diff := cmp.Diff(wl, gl, fixture.CmpMonth); diff != "" {
		t.Errorf("lines differ from each KPI's alone (-alone +together):\n%s", diff)
	}
	if diff := cmp.Diff(we, ge, fixture.CmpMonth); diff != "" {
		t.Errorf("events differ from each KPI's alone (-alone +together):\n%s", diff)
	}
	if len(we) == 0 || !slices.ContainsFunc(wl, func(l credits.Line) bool { return strings.Contains(l.Rule, "repeat") }) {
		t.Errorf("the scenario raises %d events and no repeat: it tests nothing", len(we))
	}
}
