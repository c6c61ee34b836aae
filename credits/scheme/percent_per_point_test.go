package scheme_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// The Model Services Agreement's service points priced as a per cent of
// the charges: service credit = service points x 0.5% x 100000.00, so a
// point costs 500.00. The MSA's worked example 1 (98.5 minor, then 96.5
// severe after a failure, twice) scores 1, 3 x2 = 6 and 6 points: 500.00,
// 3000.00 and 3000.00, and each line keeps its points.
func TestPercentPerPoint(t *testing.T) {
	s := fixture.MSAScheme()
	s.Price = scheme.Price{Basis: scheme.PercentPerPoint, Percent: fixture.Dec("0.5")}
	r := fixture.Rules(s)
	require.NoError(t, r.Validate(fixture.WindowsOf("A")))
	led, err := credits.Calculate(r, fixture.Months("2021-04",
		fixture.One(fixture.Measured("A", "98.5")), fixture.One(fixture.Measured("A", "96.5")), fixture.One(fixture.Measured("A", "96.5"))))
	require.NoError(t, err)
	require.Equal(t, []string{"1", "6", "6"}, pointsOf(led))
	require.Equal(t, []string{"500.00", "3000.00", "3000.00"}, amountsOf(led))
	require.Equal(t, []string{"minor", "severe", "severe"}, []string{led.Lines[0].Band(), led.Lines[1].Band(), led.Lines[2].Band()})
	want := []string{
		"amber: value 98.5 in band minor [98.0, 98.9] scores 1; 1 points x 0.5% of charges 100000.00 = 500.00",
		"red: value 96.5 in band severe [96.0, 96.9] scores 3; repeat: failure 2 in 2 periods, x2 = 6; 6 points x 0.5% of charges 100000.00 = 3000.00",
		"red: value 96.5 in band severe [96.0, 96.9] scores 3; repeat: failure 2 in 2 periods, x2 = 6; 6 points x 0.5% of charges 100000.00 = 3000.00",
	}
	checkRules(t, led, want)
}

// Each line is rounded once, as the money says: 3 points x 0.35% of
// 12345.67 = 129.629535 is 129.63 half-up and 129.62 down.
func TestPercentPerPointRounding(t *testing.T) {
	for _, tt := range []struct {
		rounding kpi.Rounding
		want     string
	}{{kpi.HalfUp, "129.63"}, {kpi.Down, "129.62"}} {
		t.Run(tt.rounding.String(), func(t *testing.T) {
			s := statusScheme("1", "3", scheme.Price{Basis: scheme.PercentPerPoint, Percent: fixture.Dec("0.35")}, "A")
			r := fixture.Rules(s)
			r.Money.Rounding = tt.rounding
			o := fixture.KPIOutcome("A", kpi.Red)
			o.Charges = fixture.Dec("12345.67")
			led, err := credits.Calculate(r, fixture.Months("2021-04", fixture.One(o)))
			require.NoError(t, err)
			require.Equal(t, tt.want, led.Lines[0].Amount.StringFixed(2))
			require.Equal(t, "3", kpi.FormatValue(led.Lines[0].Points))
		})
	}
}

func TestPercentPerPointValidate(t *testing.T) {
	tests := []struct {
		name  string
		price scheme.Price
		path  string
		want  string
	}{
		{"no percent", scheme.Price{Basis: scheme.PercentPerPoint},
			"Price.Percent", "scheme: price: percent 0% per point outside (0, 100]: invalid credit rules"},
		{"above 100", scheme.Price{Basis: scheme.PercentPerPoint, Percent: fixture.Dec("100.5")},
			"Price.Percent", "scheme: price: percent 100.5% per point outside (0, 100]: invalid credit rules"},
		{"percent on another basis", scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("10"), Percent: fixture.Dec("1")},
			"Price.Basis", "scheme: price: percent is for percent-per-point, not per-point: invalid credit rules"},
		{"value on percent per point", scheme.Price{Basis: scheme.PercentPerPoint, Percent: fixture.Dec("1"), Value: fixture.Dec("10")},
			"Price.Basis", "scheme: price: value, allowance and ratchet are for per-point, not percent-per-point: invalid credit rules"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := statusScheme("1", "2", tt.price, "A").Check()
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			require.EqualError(t, err, tt.want)
			var ce *credits.Error
			require.ErrorAs(t, err, &ce)
			require.Equal(t, tt.path, ce.Path)
		})
	}
	require.NoError(t, statusScheme("1", "2", scheme.Price{Basis: scheme.PercentPerPoint, Percent: fixture.Dec("100")}, "A").Check())
}

// A price that reads on from the score states the score again when an
// amber rule or a deemed status follows it, so the rule reads right.
func TestPercentOfChargesRuleReads(t *testing.T) {
	deemed := fixture.KPIOutcome("A", kpi.Amber)
	deemed.Raw, deemed.Mitigation = kpi.Red, "MIT-1"
	s := statusScheme("1", "3", scheme.Price{Basis: scheme.PercentOfCharges}, "A")
	s.Amber, s.Mitigated = scheme.AmberRule{Nth: 2, Within: 12}, scheme.MitigatedBreaks
	led, err := credits.Calculate(fixture.Rules(s), fixture.Months("2021-04",
		fixture.One(fixture.KPIOutcome("A", kpi.Red)), fixture.One(fixture.KPIOutcome("A", kpi.Amber)), fixture.One(deemed)))
	require.NoError(t, err)
	want := []string{
		"red: red scores 3% of charges 100000.00 = 3000.00",
		"amber: amber scores 1; failure 2 in 12 months (from 2 an amber counts); 1% of charges 100000.00 = 1000.00",
		"amber: amber scores 1; failure 3 in 12 months (from 2 an amber counts) (deemed amber by mitigation MIT-1); 1% of charges 100000.00 = 1000.00",
	}
	checkRules(t, led, want)
	// A deduction's score ends with the points it shows, so the per cent
	// restates the fraction: 13/99.5% of 100000.00 = 1300000/9950 = 130.653... = 130.65.
	led, err = credits.Calculate(fixture.Rules(deductionScheme(scheme.Price{Basis: scheme.PercentOfCharges}, deduction())),
		fixture.Months("2021-04", fixture.One(red(fixture.Measured("A", "98.2")))))
	require.NoError(t, err)
	require.Equal(t, "red: failure 100 - 98.2 = 1.8% - allowed 0.5% = 1.3% x 10 points / required 99.5% scores 13/99.5 (0.130653 to 6 places); "+
		"13/99.5% of charges 100000.00 = 130.65", led.Lines[0].Rule)
}

// A KPI whose TSL equals its MSL has no amber: a status score for it
// needs no amber score. Its red months cost the red score; an amber month
// (here one a mitigation deems amber) is an error naming the KPI and
// month, never a silent zero.
func TestStatusScoreNoAmber(t *testing.T) {
	s := scheme.Scheme{Scores: []scheme.Score{{KPIs: []string{"A"}, Status: &scheme.StatusScore{Red: fixture.Dec("3"), NoAmber: true}}},
		Price: scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("100")}}
	r := fixture.Rules(s)
	require.NoError(t, r.Validate(fixture.WindowsOf("A")))
	led, err := credits.Calculate(r, fixture.Months("2021-04", fixture.One(fixture.KPIOutcome("A", kpi.Red)), fixture.One(fixture.KPIOutcome("A", kpi.Green))))
	require.NoError(t, err)
	require.Equal(t, []string{"300.00", "0.00"}, amountsOf(led))

	deemed := fixture.KPIOutcome("A", kpi.Amber)
	deemed.Raw, deemed.Mitigation = kpi.Red, "MIT-1"
	_, err = credits.Calculate(r, fixture.Months("2021-04", fixture.One(fixture.KPIOutcome("A", kpi.Red)), fixture.One(deemed)))
	require.ErrorIs(t, err, credits.ErrInvalidRules)
	require.EqualError(t, err, "month 2021-05: kpi A: amber, but its status score has no amber score (want one, or thresholds with no amber: tsl equal to msl): invalid credit rules")

	bad := s
	bad.Scores = []scheme.Score{{KPIs: []string{"A"}, Status: &scheme.StatusScore{Amber: fixture.Dec("1"), Red: fixture.Dec("3"), NoAmber: true}}}
	err = bad.Check()
	require.EqualError(t, err, "scheme: score 1: status: amber score 1 given with no amber: invalid credit rules")
	var ce *credits.Error
	require.ErrorAs(t, err, &ce)
	require.Equal(t, "Scores[0].Status.Amber", ce.Path)
}
