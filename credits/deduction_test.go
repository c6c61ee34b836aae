package credits_test

import (
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// deduction is required 99.5%, 10 points available, scored as measured.
func deduction() credits.Deduction {
	return credits.Deduction{Direction: kpi.HigherIsBetter, Required: dec("99.5"), Available: dec("10"), Value: credits.AsMeasured}
}

func deductionScheme(price credits.Price, ds ...credits.Deduction) credits.Scheme {
	var scores []credits.Score
	for i := range ds {
		scores = append(scores, credits.Score{KPIs: []string{string(rune('A' + i))}, Deduction: &ds[i]})
	}
	return credits.Scheme{Scores: scores, Price: price}
}

func red(o credits.Outcome) credits.Outcome {
	o.Status, o.Raw = kpi.Red, kpi.Red
	return o
}

// The worked example and the boundaries of the performance-percentage
// deduction: the points are an exact fraction, priced once.
func TestDeduction(t *testing.T) {
	perPoint := credits.Price{Basis: credits.PerPoint, Value: dec("1000")}
	tests := []struct {
		name   string
		why    string
		change func(*credits.Deduction)
		price  credits.Price
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
		{"required 100", "no allowance: 10 x 1 / 100 = 0.1", func(d *credits.Deduction) { d.Required = dec("100") }, perPoint, "99", "0.1", "100.00"},
		{"lower is better", "the value is the failure%: 10 x (2.3 - 2) / 98 = 0.030612244...; x 1000 = 30.61",
			func(d *credits.Deduction) { d.Direction, d.Required = kpi.LowerIsBetter, dec("98") }, perPoint, "2.3", "0.030612", "30.61"},
		{"rounded first", "98.24 rounds to 98.2 at one place: the worked example",
			func(d *credits.Deduction) {
				d.Value, d.Precision = credits.TableRounded, kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
			}, perPoint, "98.24", "0.130653", "130.65"},
		{"percent of charges", "0.130653266...% of 100000 = 130.65", nil, credits.Price{Basis: credits.PercentOfCharges}, "98.2", "0", "130.65"},
		{"allowance takes the fraction", "an allowance of 0.1 points leaves 0.030653266... x 1000 = 30.65",
			nil, credits.Price{Basis: credits.PerPoint, Value: dec("1000"), Allowance: dec("0.1")}, "98.2", "0.130653", "30.65"},
		{"ratchet inside the fraction", "0.1 at x1 and 0.030653266... at x2: 100 + 61.306532... = 161.31",
			nil, credits.Price{Basis: credits.PerPoint, Value: dec("1000"), Ratchet: []credits.Ratchet{{Above: dec("0.1"), Multiplier: dec("2")}}},
			"98.2", "0.130653", "161.31"},
		{"points table on the exact total", "0.130653... points reach the 0.13 row but not the 0.131 row",
			nil, credits.Price{Basis: credits.PointsTable, Table: []credits.TableRow{{Points: dec("0.13"), Percent: dec("1")}, {Points: dec("0.131"), Percent: dec("2")}}},
			"98.2", "0.130653", "1000.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := deduction()
			if tt.change != nil {
				tt.change(&d)
			}
			r := schemeRules(deductionScheme(tt.price, d))
			require.NoError(t, r.Validate(windowsOf("A")))
			o := red(measured("A", tt.value))
			o.Measured.Direction = d.Direction
			led, err := credits.Calculate(r, months("2021-04", one(o)))
			require.NoError(t, err)
			l := led.Lines[0]
			require.Equal(t, tt.amount, l.Amount.StringFixed(2), tt.why+": "+l.Rule)
			require.Equal(t, tt.points, trimPoints(l.Points), tt.why+": "+l.Rule)
		})
	}
}

func TestDeductionRule(t *testing.T) {
	r := schemeRules(deductionScheme(credits.Price{Basis: credits.PerPoint, Value: dec("1000")}, deduction()))
	led, err := credits.Calculate(r, months("2021-04", one(red(measured("A", "98.2")))))
	require.NoError(t, err)
	require.Equal(t, "red: failure 100 - 98.2 = 1.8% - allowed 0.5% = 1.3% x 10 points / required 99.5% scores 0.130653; "+
		"month's points 0 to 0.130653: 0.130653 at x1 = 0.130653 x 1000.00 = 130.65", led.Lines[0].Rule)
}

// Two deductions with different denominators in one month share the
// per-point allowance exactly: each line's money is rounded once.
func TestDeductionsShareAMonth(t *testing.T) {
	a, b := deduction(), deduction()
	b.Required = dec("98")
	price := credits.Price{Basis: credits.PerPoint, Value: dec("1000"), Allowance: dec("0.1")}
	r := schemeRules(deductionScheme(price, a, b))
	require.NoError(t, r.Validate(windowsOf("A", "B")))
	led, err := credits.Calculate(r, months("2021-04", []credits.Outcome{red(measured("A", "98.2")), red(measured("B", "97"))}))
	require.NoError(t, err)
	// A: 13/99.5 = 0.130653...; 0.1 free, 0.030653... x 1000 = 30.65.
	// B: 10 x 1/98 = 0.102040...; all above the allowance: 102.04.
	require.Equal(t, []string{"30.65", "102.04"}, amountsOf(led))
	require.Equal(t, "red: failure 100 - 97 = 3% - allowed 2% = 1% x 10 points / required 98% scores 0.102041; "+
		"month's points 0.130653 to 0.232694: 0.102041 at x1 = 0.102041 x 1000.00 = 102.04", led.Lines[1].Rule)
}

func TestDeductionValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(*credits.Deduction)
		want   string
	}{
		{"valid", func(*credits.Deduction) {}, ""},
		{"required zero", func(d *credits.Deduction) { d.Required = dec("0") }, "scheme: score 1: deduction: required 0% outside (0, 100]: invalid credit rules"},
		{"required above 100", func(d *credits.Deduction) { d.Required = dec("100.1") }, "scheme: score 1: deduction: required 100.1% outside (0, 100]: invalid credit rules"},
		{"required 100", func(d *credits.Deduction) { d.Required = dec("100") }, ""},
		{"available zero", func(d *credits.Deduction) { d.Available = dec("0") }, "scheme: score 1: deduction: available 0 points is not positive: invalid credit rules"},
		{"no direction", func(d *credits.Deduction) { d.Direction = 0 }, "scheme: score 1: deduction: direction not set (want one of higher-is-better, lower-is-better): invalid credit rules"},
		{"no basis", func(d *credits.Deduction) { d.Value = 0 }, "scheme: score 1: deduction: value basis not set (want one of as-measured, kpi-rounded, table-rounded): invalid credit rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := deduction()
			tt.change(&d)
			err := deductionScheme(credits.Price{Basis: credits.PerPoint, Value: dec("1")}, d).Validate(windowsOf("A"))
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
