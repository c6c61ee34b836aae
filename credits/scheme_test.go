package credits_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
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
				os = append(os, one(measured("A", v)))
			}
			r := schemeRules(msaScheme())
			require.NoError(t, r.Validate(windowsOf("A")))
			led, err := credits.Calculate(r, months("2021-04", os...))
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
			s := msaScheme()
			s.Repeat, s.Mitigated = credits.Repeat{}, 0
			o := measured("A", tt.value)
			if tt.value == "98.95" {
				o.Status, o.Raw = kpi.Amber, kpi.Amber // failed by an unrounded classification: the table still says target
			}
			led, err := credits.Calculate(schemeRules(s), months("2021-04", one(o)))
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
	b := credits.Bands{
		Direction: kpi.LowerIsBetter, Value: credits.AsMeasured,
		Bands: []credits.Band{
			{Name: "on time", Max: decp("5"), MaxEdge: credits.Inclusive, Points: dec("0")},
			{Name: "late", Min: decp("5"), MinEdge: credits.Exclusive, Max: decp("10"), MaxEdge: credits.Exclusive, Points: dec("2")},
			{Name: "very late", Min: decp("10"), MinEdge: credits.Inclusive, Points: dec("5")},
		},
	}
	s := credits.Scheme{Scores: []credits.Score{{KPIs: []string{"D"}, Bands: &b}}, Price: credits.Price{Basis: credits.PerPoint, Value: dec("10")}}
	require.NoError(t, schemeRules(s).Validate(windowsOf("D")))
	for _, tt := range []struct{ value, points string }{{"5", "0"}, {"5.01", "2"}, {"9.99", "2"}, {"10", "5"}, {"30", "5"}} {
		o := credits.Outcome{KPI: "D", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: dec("1000"),
			Measured: &kpi.Result{Value: dec(tt.value), Direction: kpi.LowerIsBetter}}
		led, err := credits.Calculate(schemeRules(s), months("2021-04", one(o)))
		require.NoError(t, err)
		require.Equal(t, tt.points, kpi.FormatValue(led.Lines[0].Points), tt.value)
	}
	o := measured("D", "3") // higher is better: the table does not fit
	_, err := credits.Calculate(schemeRules(s), months("2021-04", one(o)))
	require.ErrorIs(t, err, credits.ErrInvalidRules)
	require.EqualError(t, err, "month 2021-04: kpi D: bands are lower-is-better but the kpi is higher-is-better: invalid credit rules")
}

func TestBandsValidate(t *testing.T) {
	band := func(name, lo string, le credits.Edge, hi string, he credits.Edge, pts string) credits.Band {
		b := credits.Band{Name: name, Points: dec(pts), MinEdge: le, MaxEdge: he}
		if lo != "" {
			b.Min = decp(lo)
		}
		if hi != "" {
			b.Max = decp(hi)
		}
		return b
	}
	in, ex := credits.Inclusive, credits.Exclusive
	tests := []struct {
		name  string
		why   string
		bands credits.Bands
		want  []string
	}{
		{
			name: "gap in a real table",
			why:  "98.0 - 98.9 then 99 leaves 98.95 nowhere when the value is not rounded",
			bands: credits.Bands{Direction: kpi.HigherIsBetter, Value: credits.AsMeasured, Bands: []credits.Band{
				band("target", "99", in, "", 0, "0"), band("minor", "98.0", in, "98.9", in, "1"), band("below", "", 0, "98.0", ex, "2")}},
			want: []string{`bands "minor" [98.0, 98.9] and "target" [99, ∞) leave a gap from 98.9 to 99`},
		},
		{
			name: "gap at the table's precision",
			why:  "at two places 98.95 is in neither band",
			bands: credits.Bands{Direction: kpi.HigherIsBetter, Value: credits.TableRounded, Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Bands: []credits.Band{
				band("target", "99", in, "", 0, "0"), band("minor", "98.0", in, "98.9", in, "1"), band("below", "", 0, "98.0", ex, "2")}},
			want: []string{`bands "minor" [98.0, 98.9] and "target" [99, ∞) leave a gap from 98.9 to 99 (98.91 is in neither at 2 places)`},
		},
		{
			name: "gap after an exclusive bound at the table's precision",
			why:  "at one place 98.0, the first value past [97, 98), is in neither band; it is written at that precision",
			bands: credits.Bands{Direction: kpi.HigherIsBetter, Value: credits.TableRounded, Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Bands: []credits.Band{
				band("target", "98.5", in, "", 0, "0"), band("minor", "97", in, "98", ex, "1"), band("below", "", 0, "97", ex, "2")}},
			want: []string{`bands "minor" [97, 98) and "target" [98.5, ∞) leave a gap from 98 to 98.5 (98.0 is in neither at 1 places)`},
		},
		{
			name: "overlap at a shared bound",
			why:  "5-10 days and 10-20 days both claim 10",
			bands: credits.Bands{Direction: kpi.LowerIsBetter, Value: credits.AsMeasured, Bands: []credits.Band{
				band("ok", "", 0, "5", ex, "0"), band("late", "5", in, "10", in, "1"), band("very late", "10", in, "20", in, "2"), band("worst", "20", ex, "", 0, "3")}},
			want: []string{`bands "late" [5, 10] and "very late" [10, 20] both claim 10`},
		},
		{
			name: "overlap and hole at the ends",
			bands: credits.Bands{Direction: kpi.LowerIsBetter, Value: credits.AsMeasured, Bands: []credits.Band{
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
			bands: credits.Bands{Direction: kpi.HigherIsBetter, Value: credits.AsMeasured, Bands: []credits.Band{
				band("good", "90", in, "", 0, "3"), band("bad", "", 0, "90", ex, "1")}},
			want: []string{`band "good" [90, ∞) scores 3, more than worse band "bad" (-∞, 90) with 1`},
		},
		{
			name: "bad bands and settings",
			bands: credits.Bands{Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Bands: []credits.Band{
				band("", "1", 0, "", in, "-1"), band("x", "3", in, "2", in, "0"), band("x", "", 0, "", 0, "0")}},
			want: []string{
				`band "x": [3, 2] holds no value`,
				`band "x": named twice`,
				`band 1: max edge inclusive without a max`,
				`band 1: min 1: edge not set (want one of inclusive, exclusive)`,
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
			s := credits.Scheme{Scores: []credits.Score{{KPIs: []string{"A"}, Bands: &b}}, Price: credits.Price{Basis: credits.PerPoint, Value: dec("1")}}
			err := s.Validate(windowsOf("A"))
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
	b := msaBands()
	require.NoError(t, credits.Scheme{Scores: []credits.Score{{KPIs: []string{"A"}, Bands: &b}}, Price: credits.Price{Basis: credits.PerPoint, Value: dec("1")}}.Validate(windowsOf("A")))
}

func shortfallScheme(sf credits.Shortfall) credits.Scheme {
	return credits.Scheme{Scores: []credits.Score{{KPIs: []string{"A"}, Shortfall: &sf}}, Price: credits.Price{Basis: credits.PercentOfCharges}}
}

// The Crown Commercial call-off worked example and the step and rounding
// options at their boundaries.
func TestShortfall(t *testing.T) {
	base := credits.Shortfall{Direction: kpi.HigherIsBetter, Target: dec("98"), Rate: dec("1"), Value: credits.AsMeasured}
	tests := []struct {
		name   string
		why    string
		change func(*credits.Shortfall)
		value  string
		amount string
	}{
		{"worked example", "target 98%, actual 75%, rate 1: 23% of charges 100000", nil, "75", "23000.00"},
		{"just short", "a shortfall of 0.01 points at rate 1 is 0.01%", nil, "97.99", "10.00"},
		{"at target", "no shortfall", nil, "98", "0.00"},
		{"whole steps", "each full 1%: 1.99 points short is 1 step", func(s *credits.Shortfall) { s.Step = dec("1") }, "96.01", "1000.00"},
		{"exactly two steps", "2 points short is 2 steps", func(s *credits.Shortfall) { s.Step = dec("1") }, "96", "2000.00"},
		{"under one step", "0.99 points short is no full step", func(s *credits.Shortfall) { s.Step = dec("1") }, "97.01", "0.00"},
		{"tenth steps", "every whole 0.1 point: 0.19 is 0.1", func(s *credits.Shortfall) { s.Step = dec("0.1") }, "97.81", "100.00"},
		{"rounded first", "97.95 rounds to 98.0 at one place: no shortfall", func(s *credits.Shortfall) {
			s.Value, s.Precision = credits.TableRounded, kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
		}, "97.95", "0.00"},
		{"rate 2", "rate 2 doubles", func(s *credits.Shortfall) { s.Rate = dec("2") }, "97", "2000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sf := base
			if tt.change != nil {
				tt.change(&sf)
			}
			r := schemeRules(shortfallScheme(sf))
			require.NoError(t, r.Validate(windowsOf("A")))
			o := measured("A", tt.value)
			o.Status, o.Raw = kpi.Red, kpi.Red
			led, err := credits.Calculate(r, months("2021-04", one(o)))
			require.NoError(t, err)
			require.Equal(t, tt.amount, led.Lines[0].Amount.StringFixed(2), tt.why+": "+led.Lines[0].Rule)
		})
	}
	o := measured("A", "75")
	led, err := credits.Calculate(schemeRules(shortfallScheme(base)), months("2021-04", one(o)))
	require.NoError(t, err)
	require.Equal(t, "red: shortfall 98 - 75 = 23 x rate 1 scores 23% of charges 100000.00 = 23000.00", led.Lines[0].Rule)
}

func TestShortfallLowerIsBetter(t *testing.T) {
	sf := credits.Shortfall{Direction: kpi.LowerIsBetter, Target: dec("4"), Rate: dec("0.5"), Step: dec("1"), Value: credits.AsMeasured}
	o := credits.Outcome{KPI: "A", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: dec("1000"),
		Measured: &kpi.Result{Value: dec("7.5"), Direction: kpi.LowerIsBetter}}
	led, err := credits.Calculate(schemeRules(shortfallScheme(sf)), months("2021-04", one(o)))
	require.NoError(t, err)
	require.Equal(t, "red: shortfall 7.5 - 4 = 3.5, 3 whole steps of 1 = 3 x rate 0.5 scores 1.5% of charges 1000.00 = 15.00", led.Lines[0].Rule)
}

func allocation(cat, catShare, kpiShare string) *credits.Allocation {
	return &credits.Allocation{AtRisk: dec("10"), Category: cat, CategoryShare: dec(catShare), KPIShare: dec(kpiShare)}
}

// The US state outsourcing worked example: invoice 100,000, 10% at risk,
// category 50%, KPI 40%: 2,000.
func TestAllocation(t *testing.T) {
	s := credits.Scheme{
		Scores: []credits.Score{
			{KPIs: []string{"A"}, Allocation: allocation("availability", "50", "40")},
			{KPIs: []string{"B", "C"}, Allocation: allocation("availability", "50", "30")},
			{KPIs: []string{"D"}, Allocation: allocation("service desk", "50", "100")},
		},
		Price: credits.Price{Basis: credits.PercentOfCharges},
	}
	r := schemeRules(s)
	r.Caps.Month = pct("10")
	require.NoError(t, r.Validate(windowsOf("A", "B", "C", "D")))
	red := func(id string) credits.Outcome { return kpiOutcome(id, kpi.Red) }
	led, err := credits.Calculate(r, months("2021-04",
		[]credits.Outcome{red("A"), kpiOutcome("B", kpi.Green), kpiOutcome("C", kpi.Green), kpiOutcome("D", kpi.Green)},
		[]credits.Outcome{red("A"), red("B"), red("C"), red("D")}))
	require.NoError(t, err)
	require.Equal(t, []string{"2000.00", "0.00", "0.00", "0.00", "2000.00", "1500.00", "1500.00", "5000.00"}, amountsOf(led))
	require.Equal(t, "red: at risk 10% x category availability 50% x kpi 40% scores 2% of charges 100000.00 = 2000.00", led.Lines[0].Rule)
	require.Equal(t, "10000.00", led.Months[1].Total.StringFixed(2), "every KPI failing uses the whole pool, no more")

	over := s
	over.Scores = []credits.Score{
		{KPIs: []string{"A"}, Allocation: allocation("availability", "60", "40")},
		{KPIs: []string{"B", "C"}, Allocation: allocation("availability", "50", "40")},
		{KPIs: []string{"D"}, Allocation: &credits.Allocation{AtRisk: dec("12"), Category: "desk", CategoryShare: dec("50"), KPIShare: dec("10")}},
	}
	over.Price = credits.Price{Basis: credits.PerPoint, Value: dec("1")}
	err = over.Validate(windowsOf("A", "B", "C", "D"))
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

func statusScheme(amber, red string, price credits.Price, ids ...string) credits.Scheme {
	return credits.Scheme{Scores: []credits.Score{{KPIs: ids, Status: &credits.StatusScore{Amber: dec(amber), Red: dec(red)}}}, Price: price}
}

// Points at a money value with a free allowance and ratchet bands applied
// like tax brackets: 21-100 at x1.0, 101-200 at x1.2, 201 on at x1.5.
func TestPerPointAllowanceAndRatchet(t *testing.T) {
	price := credits.Price{Basis: credits.PerPoint, Value: dec("10"), Allowance: dec("20"),
		Ratchet: []credits.Ratchet{{Above: dec("100"), Multiplier: dec("1.2")}, {Above: dec("200"), Multiplier: dec("1.5")}}}
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
			var scores []credits.Score
			var os []credits.Outcome
			var ids []string
			for i, p := range tt.red {
				id := string(rune('A' + i))
				ids = append(ids, id)
				scores = append(scores, credits.Score{KPIs: []string{id}, Status: &credits.StatusScore{Amber: dec("0"), Red: dec(p)}})
				os = append(os, kpiOutcome(id, kpi.Red))
			}
			s := credits.Scheme{Scores: scores, Price: price}
			require.NoError(t, s.Validate(windowsOf(ids...)))
			led, err := credits.Calculate(schemeRules(s), months("2021-04", os))
			require.NoError(t, err)
			require.Equal(t, tt.amounts, amountsOf(led), tt.why)
		})
	}
	s := statusScheme("0", "250", price, "A")
	led, err := credits.Calculate(schemeRules(s), months("2021-04", one(kpiOutcome("A", kpi.Red))))
	require.NoError(t, err)
	require.Equal(t, "red: red scores 250; month's points 0 to 250: 20 free, 80 at x1, 100 at x1.2, 50 at x1.5 = 275.0 x 10.00 = 2750.00", led.Lines[0].Rule)
}

// A lookup table of the month's total points to a percentage of the bill:
// the row with the most points not above the total.
func TestPointsTable(t *testing.T) {
	price := credits.Price{Basis: credits.PointsTable, Table: []credits.TableRow{
		{Points: dec("3"), Percent: dec("1")}, {Points: dec("6"), Percent: dec("2.5")}, {Points: dec("10"), Percent: dec("5")}}}
	s := statusScheme("1", "3", price, "A", "B", "C")
	require.NoError(t, s.Validate(windowsOf("A", "B", "C")))
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
			led, err := credits.Calculate(schemeRules(s), months("2021-04",
				[]credits.Outcome{kpiOutcome("A", tt.a), kpiOutcome("B", tt.b), kpiOutcome("C", tt.c)}))
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
		price credits.Price
		want  []string
	}{
		{"no basis", credits.Price{}, []string{"price: basis not set (want one of per-point, points-table, percent-of-charges)"}},
		{"per-point", credits.Price{Basis: credits.PerPoint, Allowance: dec("-1"), Table: []credits.TableRow{{}},
			Ratchet: []credits.Ratchet{{Above: dec("-2"), Multiplier: dec("0.5")}, {Above: dec("-2"), Multiplier: dec("2")}}}, []string{
			"price: allowance -1 points is negative",
			"price: ratchet 1: above -2 points not above -1",
			"price: ratchet 1: multiplier 0.5 below 1",
			"price: ratchet 2: above -2 points not above -2",
			"price: table is for points-table, not per-point",
			"price: value 0 per point is not positive",
		}},
		{"table", credits.Price{Basis: credits.PointsTable, Value: dec("1"), Table: []credits.TableRow{
			{Points: dec("5"), Percent: dec("3")}, {Points: dec("5"), Percent: dec("2")}, {Points: dec("-1"), Percent: dec("101")}}}, []string{
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
			err := statusScheme("1", "2", tt.price, "A").Validate(windowsOf("A"))
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
	s := credits.Scheme{
		Scores: []credits.Score{
			{KPIs: []string{"A", "X", "P"}, Status: &credits.StatusScore{Amber: dec("2"), Red: dec("1")}},
			{KPIs: []string{"A"}, Status: &credits.StatusScore{}, Shortfall: &credits.Shortfall{}},
			{},
		},
		Repeat: credits.Repeat{Multiplier: dec("0.5"), Nth: 1, Within: 30},
		Amber:  credits.AmberRule{Nth: 1},
		Price:  credits.Price{Basis: credits.PercentOfCharges},
	}
	pi := credits.Window{KPI: "P", From: month("2021-01"), To: month("2030-12"), Uncredited: true}
	own := []string{
		"Amber.Nth: scheme: amber rule: nth 1 below 2: invalid credit rules",
		"Amber.Within: scheme: amber rule: within 0 months outside 1..24: invalid credit rules",
		"Mitigated: scheme: mitigated not set (want one of breaks-chain, counts-as-failure): invalid credit rules",
		"Repeat.Multiplier: scheme: repeat: multiplier 0.5 below 1: invalid credit rules",
		"Repeat.Nth: scheme: repeat: nth 1 below 2: invalid credit rules",
		"Repeat.Within: scheme: repeat: within 30 periods outside 2..24: invalid credit rules",
		"Scores[0].Status.Amber: scheme: score 1: status: amber score 2 above red score 1: invalid credit rules",
		"Scores[1]: scheme: score 2: 2 parts set (want exactly one of status, bands, shortfall, shortfall-bands, deduction, allocation): invalid credit rules",
		"Scores[1].KPIs[0]: scheme: score 2: kpi A already scored by score 1: invalid credit rules",
		"Scores[2]: scheme: score 3: 0 parts set (want exactly one of status, bands, shortfall, shortfall-bands, deduction, allocation): invalid credit rules",
		"Scores[2].KPIs: scheme: score 3: no kpis: invalid credit rules",
	}
	require.Equal(t, strings.Join(own, "\n"), placed(t, s.Check()), "Check needs no KPI list")
	require.Equal(t, strings.Join([]string{
		own[0], own[1],
		"Scores: scheme: kpi B: in no score: invalid credit rules",
		own[2], own[3], own[4], own[5],
		"Scores[0].KPIs[2]: scheme: score 1: kpi P is not credit-bearing in the contract: invalid credit rules",
		"Scores[0].KPIs[1]: scheme: score 1: kpi X is unknown (not an indicator of the contract): invalid credit rules",
		own[6], own[7], own[8], own[9], own[10],
	}, "\n"), placed(t, s.Validate(append(windowsOf("A", "B"), pi))), "Validate adds the cross-checks against the KPIs")
	require.Equal(t, "Scores: scheme: no scores: invalid credit rules\nPrice.Basis: scheme: price: basis not set (want one of per-point, points-table, percent-of-charges): invalid credit rules",
		placed(t, credits.Scheme{}.Validate(nil)))
	ok := statusScheme("1", "2", credits.Price{Basis: credits.PerPoint, Value: dec("1")}, "A")
	ok.Mitigated = credits.MitigatedCounts
	require.Equal(t, "Mitigated: scheme: mitigated counts-as-failure set without an amber rule or repeat: invalid credit rules", placed(t, ok.Validate(windowsOf("A"))))
}

// statusRun evaluates a status scheme (Amber 1 point, Red 2, a point
// worth 1.00) over one KPI's statuses from April 2021 and returns its
// points.
func statusRun(t *testing.T, s credits.Scheme, outcomes ...credits.Outcome) []string {
	t.Helper()
	require.NoError(t, s.Validate(windowsOf("A")))
	var os [][]credits.Outcome
	for _, o := range outcomes {
		os = append(os, one(o))
	}
	led, err := credits.Calculate(schemeRules(s), months("2021-04", os...))
	require.NoError(t, err)
	return pointsOf(led)
}

func TestRepeatAndAmberRule(t *testing.T) {
	g, a, r := kpiOutcome("A", kpi.Green), kpiOutcome("A", kpi.Amber), kpiOutcome("A", kpi.Red)
	notDue := kpiOutcome("A", kpi.Unmeasured)
	notDue.Absent = kpi.NotDue
	unavailable := kpiOutcome("A", kpi.Unmeasured)
	unavailable.Absent = kpi.Unavailable
	relieved := kpiOutcome("A", kpi.Red)
	relieved.Mitigation, relieved.Relief = "M1", true
	deemedGreen := kpiOutcome("A", kpi.Green)
	deemedGreen.Raw, deemedGreen.Mitigation = kpi.Red, "M2"
	price := credits.Price{Basis: credits.PerPoint, Value: dec("1")}
	scheme := func(f func(*credits.Scheme)) credits.Scheme {
		s := statusScheme("1", "2", price, "A")
		f(&s)
		return s
	}
	prev := func(m credits.Mitigated) func(*credits.Scheme) {
		return func(s *credits.Scheme) {
			s.Repeat, s.Mitigated = credits.Repeat{Multiplier: dec("2"), Nth: 2, Within: 2}, m
		}
	}
	tests := []struct {
		name     string
		why      string
		scheme   credits.Scheme
		outcomes []credits.Outcome
		want     []string
	}{
		{"previous period", "x2 after a failure, never compounding", scheme(prev(credits.MitigatedBreaks)), []credits.Outcome{r, r, r, a}, []string{"2", "4", "4", "2"}},
		{"green breaks", "a met month breaks the chain", scheme(prev(credits.MitigatedBreaks)), []credits.Outcome{r, g, r}, []string{"2", "0", "2"}},
		{"unavailable breaks", "an unmeasured month is no failure", scheme(prev(credits.MitigatedBreaks)), []credits.Outcome{r, unavailable, r}, []string{"2", "0", "2"}},
		{"not due is skipped", "a quarterly KPI's previous period is the previous quarter", scheme(prev(credits.MitigatedBreaks)), []credits.Outcome{r, notDue, notDue, r}, []string{"2", "0", "0", "4"}},
		{"relief breaks", "breaks-chain: a relieved month is no failure", scheme(prev(credits.MitigatedBreaks)), []credits.Outcome{r, relieved, r}, []string{"2", "0", "2"}},
		{"relief counts", "counts-as-failure: the month after relief is a repeat", scheme(prev(credits.MitigatedCounts)), []credits.Outcome{r, relieved, r}, []string{"2", "0", "4"}},
		{"deemed green", "a deemed green is met, either way", scheme(prev(credits.MitigatedCounts)), []credits.Outcome{r, deemedGreen, r}, []string{"2", "0", "2"}},
		{"third in four", "x1.5 from the 3rd failure within 4 periods", scheme(func(s *credits.Scheme) {
			s.Repeat, s.Mitigated = credits.Repeat{Multiplier: dec("1.5"), Nth: 3, Within: 4}, credits.MitigatedBreaks
		}), []credits.Outcome{r, g, r, r, g, g, r, r}, []string{"2", "0", "2", "3.0", "0", "0", "2", "2"}},
		{"third amber in 12 months", "the first two ambers are free; a red counts towards the three", scheme(func(s *credits.Scheme) {
			s.Amber, s.Mitigated = credits.AmberRule{Nth: 3, Within: 12}, credits.MitigatedBreaks
		}), []credits.Outcome{a, a, g, a, a}, []string{"0", "0", "0", "1", "1"}},
		{"reds count towards ambers", "red, then amber is the 2nd; the 3rd is the first that costs", scheme(func(s *credits.Scheme) {
			s.Amber, s.Mitigated = credits.AmberRule{Nth: 3, Within: 12}, credits.MitigatedBreaks
		}), []credits.Outcome{r, a, a}, []string{"2", "0", "1"}},
		{"free amber is no repeat", "a forgiven amber does not make the next red a repeat", scheme(func(s *credits.Scheme) {
			s.Amber, s.Repeat, s.Mitigated = credits.AmberRule{Nth: 2, Within: 12}, credits.Repeat{Multiplier: dec("2"), Nth: 2, Within: 2}, credits.MitigatedBreaks
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
	s := statusScheme("1", "2", credits.Price{Basis: credits.PerPoint, Value: dec("1")}, "A")
	s.Amber, s.Mitigated = credits.AmberRule{Nth: 2, Within: 12}, credits.MitigatedBreaks
	os := make([]credits.Outcome, 13)
	for i := range os {
		os[i] = kpiOutcome("A", kpi.Green)
	}
	os[0], os[11], os[12] = kpiOutcome("A", kpi.Amber), kpiOutcome("A", kpi.Amber), kpiOutcome("A", kpi.Amber)
	got := statusRun(t, s, os...)
	require.Equal(t, "1", got[11], "month 12 is the 2nd amber within 12 months")
	require.Equal(t, "1", got[12], "month 13: month 1 has left the window, month 12 has not")
	os[11] = kpiOutcome("A", kpi.Green)
	got = statusRun(t, s, os...)
	require.Equal(t, "0", got[12], "month 13 alone in its window")
}

// The lines of a scheme carry their explanation.
func TestSchemeLineRules(t *testing.T) {
	relieved := measured("A", "96.5")
	relieved.Mitigation, relieved.Relief = "MIT-7", true
	deemed := measured("A", "96.5")
	deemed.Status, deemed.Mitigation = kpi.Amber, "MIT-8"
	pi := measured("A", "90")
	pi.Kind = kpi.PI
	notDue := kpiOutcome("A", kpi.Unmeasured)
	notDue.Absent = kpi.NotDue
	led, err := credits.Calculate(schemeRules(msaScheme()), months("2021-04",
		one(measured("A", "96.5")), one(relieved), one(deemed), one(measured("A", "99.2")), one(pi), one(notDue)))
	require.NoError(t, err)
	var rules []string
	for _, l := range led.Lines {
		rules = append(rules, l.Rule)
	}
	want := []string{
		"red: value 96.5 in band severe [96.0, 96.9] scores 3; month's points 0 to 3: 3 at x1 = 3 x 100.00 = 300.00",
		"red relieved by mitigation MIT-7: no credit (would have scored value 96.5 in band severe [96.0, 96.9] scores 3; repeat: failure 2 in 2 periods, x2 = 6); breaks the chain",
		"amber: value 96.5 in band severe [96.0, 96.9] scores 3 (deemed amber by mitigation MIT-8); month's points 0 to 3: 3 at x1 = 3 x 100.00 = 300.00",
		"green: no credit",
		"pi: reported only, never credited",
		"not due: no credit; not a measurement period",
	}
	if diff := cmp.Diff(want, rules); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	require.True(t, led.Lines[0].Failed)
	require.True(t, led.Lines[0].Material())
	require.False(t, led.Lines[1].Failed, "relieved")
}

// Money is exact: nothing here goes through a float or Div.
func TestSplitAddsUp(t *testing.T) {
	price := credits.Price{Basis: credits.PointsTable, Table: []credits.TableRow{{Points: dec("1"), Percent: dec("3.333")}}}
	s := statusScheme("1", "7", price, "A", "B", "C")
	led, err := credits.Calculate(schemeRules(s), months("2021-04", []credits.Outcome{kpiOutcome("A", kpi.Red), kpiOutcome("B", kpi.Amber), kpiOutcome("C", kpi.Amber)}))
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
	r := kpi.Classify(d, kpi.Measurement{KPI: "A", Month: month("2021-06"), Numerator: dec("2"), Denominator: dec("3"), HasCounts: true, FromCounts: true})
	got := credits.BasisValueForTest(credits.TableRounded, kpi.Precision{Places: 7, Rounding: kpi.HalfUp}, credits.Outcome{Measured: &r})
	require.Equal(t, "66.6666667", got.StringFixed(7))
}
