package scheme_test

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// deduction is required 99.5%, 10 points available, scored as measured.
func deduction() scheme.Deduction {
	return scheme.Deduction{Direction: kpi.HigherIsBetter, Required: fixture.Dec("99.5"), Available: fixture.Dec("10"), Value: scheme.AsMeasured}
}

func deductionScheme(price scheme.Price, ds ...scheme.Deduction) scheme.Scheme {
	var scores []scheme.Score
	for i := range ds {
		scores = append(scores, scheme.Score{KPIs: []string{string(rune('A' + i))}, Deduction: &ds[i]})
	}
	return scheme.Scheme{Scores: scores, Price: price}
}

func red(o credits.Outcome) credits.Outcome {
	o.Status, o.Raw = kpi.Red, kpi.Red
	return o
}

// redLine prices a Red month of KPI A (better in direction dir)
// measuring value under scheme s, whose rules must be valid, and returns
// its line.
func redLine(t *testing.T, s scheme.Scheme, dir kpi.Direction, value string) credits.Line {
	t.Helper()
	r := fixture.Rules(s)
	require.NoError(t, r.Validate(fixture.WindowsOf("A")))
	o := red(fixture.Measured("A", value))
	o.Measured.Direction = dir
	led, err := credits.Calculate(r, fixture.Months("2021-04", fixture.One(o)))
	require.NoError(t, err)
	return led.Lines[0]
}

// The worked example and the boundaries of the performance-percentage
// deduction: the points are an exact fraction, priced once.
func TestDeduction(t *testing.T) {
	perPoint := scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1000")}
	tests := []struct {
		name   string
		why    string
		change func(*scheme.Deduction)
		price  scheme.Price
		value  string
		points string
		amount string
	}{
		{"worked example", "10 x (1.8 - 0.5) / 99.5 = 0.130653266...; x 1000 = 130.65, not 130.00 from 0.13 points",
			nil, perPoint, "98.2", "0.130653", "130.65"},
		{"at the required level", "failure 0.5% is the allowance: nothing", nil, perPoint, "99.5", "0", "0.00"},
		{"just short", "10 x 0.01 / 99.5 = 0.001005025...; x 1000 = 1.005025 rounds to 1.01", nil, perPoint, "99.49", "0.001005", "1.01"},
		{"above the required level", "failure within the allowance: nothing", nil, perPoint, "99.9", "0", "0.00"},
		{"zero performance", "10 x 99.5 / 99.5 = 10 exactly", nil, perPoint, "0", "10", "10000.00"},
		{"required 100", "no allowance: 10 x 1 / 100 = 0.1", func(d *scheme.Deduction) { d.Required = fixture.Dec("100") }, perPoint, "99", "0.1", "100.00"},
		{"lower is better", "the value is the failure%: 10 x (2.3 - 2) / 98 = 0.030612244...; x 1000 = 30.61",
			func(d *scheme.Deduction) { d.Direction, d.Required = kpi.LowerIsBetter, fixture.Dec("98") }, perPoint, "2.3", "0.030612", "30.61"},
		{"rounded first", "98.24 rounds to 98.2 at one place: the worked example",
			func(d *scheme.Deduction) {
				d.Value, d.Precision = scheme.TableRounded, kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
			}, perPoint, "98.24", "0.130653", "130.65"},
		{"percent of charges", "0.130653266...% of 100000 = 130.65; the line shows the score as its points, as every priced line does", nil, scheme.Price{Basis: scheme.PercentOfCharges}, "98.2", "0.130653", "130.65"},
		{"allowance takes the fraction", "an allowance of 0.1 points leaves 0.030653266... x 1000 = 30.65",
			nil, scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1000"), Allowance: fixture.Dec("0.1")}, "98.2", "0.130653", "30.65"},
		{"ratchet inside the fraction", "0.1 at x1 and 0.030653266... at x2: 100 + 61.306532... = 161.31",
			nil, scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1000"), Ratchet: []scheme.Ratchet{{Above: fixture.Dec("0.1"), Multiplier: fixture.Dec("2")}}},
			"98.2", "0.130653", "161.31"},
		{"points table on the exact total", "0.130653... points reach the 0.13 row but not the 0.131 row",
			nil, scheme.Price{Basis: scheme.PointsTable, Table: []scheme.TableRow{{Points: fixture.Dec("0.13"), Percent: fixture.Dec("1")}, {Points: fixture.Dec("0.131"), Percent: fixture.Dec("2")}}},
			"98.2", "0.130653", "1000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := deduction()
			if tt.change != nil {
				tt.change(&d)
			}
			l := redLine(t, deductionScheme(tt.price, d), d.Direction, tt.value)
			require.Equal(t, tt.amount, l.Amount.StringFixed(2), tt.why+": "+l.Rule)
			require.Equal(t, tt.points, trimPoints(l.Points), tt.why+": "+l.Rule)
		})
	}
}

func TestDeductionRule(t *testing.T) {
	r := fixture.Rules(deductionScheme(scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1000")}, deduction()))
	led, err := credits.Calculate(r, fixture.Months("2021-04", fixture.One(red(fixture.Measured("A", "98.2")))))
	require.NoError(t, err)
	require.Equal(t, "red: failure 100 - 98.2 = 1.8% - allowed 0.5% = 1.3% x 10 points / required 99.5% scores 13/99.5 (0.130653 to 6 places); "+
		"month's points 0 to 13/99.5: 13/99.5 at x1 = 13/99.5 x 1000.00 = 130.65", led.Lines[0].Rule)
}

// A line priced from unrounded points states the exact fraction it was
// priced from, so the money can be checked by hand even where the points
// shown, rounded, would not give it: 13/99.5 x 100000.00 = 13065.3266...
// = 13065.33, where 0.130653 x 100000.00 would be 13065.30. Under
// percent-per-point at 3% of charges of 2000000.00 the same points cost
// 13/99.5 x 60000.00 = 7839.1959... = 7839.20, where 0.130653 x 60000.00
// would be 7839.18.
func TestDeductionRuleShowsExactPoints(t *testing.T) {
	tests := []struct {
		name   string
		price  scheme.Price
		amount string
		rule   string
	}{
		{"per point", scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("100000")}, "13065.33",
			"month's points 0 to 13/99.5: 13/99.5 at x1 = 13/99.5 x 100000.00 = 13065.33"},
		{"percent per point", scheme.Price{Basis: scheme.PercentPerPoint, Percent: fixture.Dec("3")}, "7839.20",
			"13/99.5 points x 3% of charges 2000000.00 = 7839.20"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := fixture.Rules(deductionScheme(tt.price, deduction()))
			o := red(fixture.Measured("A", "98.2"))
			o.Charges = fixture.Dec("2000000")
			led, err := credits.Calculate(r, fixture.Months("2021-04", fixture.One(o)))
			require.NoError(t, err)
			l := led.Lines[0]
			require.Equal(t, tt.amount, l.Amount.StringFixed(2))
			require.Equal(t, "0.130653", kpi.FormatValue(l.Points))
			require.Equal(t, "red: failure 100 - 98.2 = 1.8% - allowed 0.5% = 1.3% x 10 points / required 99.5% scores 13/99.5 (0.130653 to 6 places); "+
				tt.rule, l.Rule)
		})
	}
}

// Two deductions with different denominators in one month share the
// per-point allowance exactly: each line's money is rounded once.
func TestDeductionsShareAMonth(t *testing.T) {
	a, b := deduction(), deduction()
	b.Required = fixture.Dec("98")
	price := scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1000"), Allowance: fixture.Dec("0.1")}
	r := fixture.Rules(deductionScheme(price, a, b))
	require.NoError(t, r.Validate(fixture.WindowsOf("A", "B")))
	led, err := credits.Calculate(r, fixture.Months("2021-04", []credits.Outcome{red(fixture.Measured("A", "98.2")), red(fixture.Measured("B", "97"))}))
	require.NoError(t, err)
	// A: 13/99.5 = 0.130653...; 0.1 free, 0.030653... x 1000 = 30.65.
	// B: 10 x 1/98 = 0.102040...; all above the allowance: 102.04.
	require.Equal(t, []string{"30.65", "102.04"}, amountsOf(led))
	// On the month's common denominator 99.5 x 98 = 9751: A's 13/99.5 is
	// 1274/9751 and B's 10/98 is 995/9751.
	require.Equal(t, "red: failure 100 - 97 = 3% - allowed 2% = 1% x 10 points / required 98% scores 10/98 (0.102041 to 6 places); "+
		"month's points 1274/9751 to 2269/9751: 995/9751 at x1 = 995/9751 x 1000.00 = 102.04", led.Lines[1].Rule)
}

func TestDeductionValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*scheme.Deduction)
		want   string
	}{
		{"valid", func(*scheme.Deduction) {}, ""},
		{"required zero", func(d *scheme.Deduction) { d.Required = fixture.Dec("0") }, "scheme: score 1: deduction: required 0% outside (0, 100]: invalid credit rules"},
		{"required above 100", func(d *scheme.Deduction) { d.Required = fixture.Dec("100.1") }, "scheme: score 1: deduction: required 100.1% outside (0, 100]: invalid credit rules"},
		{"required 100", func(d *scheme.Deduction) { d.Required = fixture.Dec("100") }, ""},
		{"available zero", func(d *scheme.Deduction) { d.Available = fixture.Dec("0") }, "scheme: score 1: deduction: available 0 points is not positive: invalid credit rules"},
		{"no direction", func(d *scheme.Deduction) { d.Direction = 0 }, "scheme: score 1: deduction: direction not set (want one of higher-is-better, lower-is-better): invalid credit rules"},
		{"no basis", func(d *scheme.Deduction) { d.Value = 0 }, "scheme: score 1: deduction: value basis not set (want one of as-measured, kpi-rounded, table-rounded): invalid credit rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := deduction()
			tt.change(&d)
			err := deductionScheme(scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("1")}, d).Validate(fixture.WindowsOf("A"))
			if tt.want == "" {
				require.NoError(t, err)
				return
			}
			require.EqualError(t, err, tt.want)
			require.ErrorIs(t, err, credits.ErrInvalidRules)
		})
	}
}

// trimPoints formats points without trailing fractional zeros, as the test
// states them.
func trimPoints(d decimal.Decimal) string {
	s := kpi.FormatValue(d)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}
