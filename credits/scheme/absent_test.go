package scheme_test

import (
	"errors"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// absentOutcome is KPI A without a value (missing) that the contract
// counts as status s; the KPI is measured in unit, dir being better, TSL
// 99 and MSL 98 (higher is better) or TSL 10 and MSL 15 (lower).
func absentOutcome(s kpi.Status, unit kpi.Unit, dir kpi.Direction) credits.Outcome {
	th := kpi.MustLevels("99", "98")
	if dir == kpi.LowerIsBetter {
		th = kpi.MustLevels("10", "15")
	}
	return credits.Outcome{KPI: "A", Kind: kpi.KPI, Raw: s, Status: s, Absent: kpi.Missing, Charges: fixture.Dec("100000"),
		Measured: &kpi.Result{KPI: "A", Status: kpi.Unmeasured, Absent: kpi.Missing, Direction: dir, Unit: unit,
			Kind: kpi.KPI, Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Thresholds: th}}
}

// TestAbsentValueScored: a month without a value that the contract counts
// as a failure costs what the Scheme's documentation says, never the
// nothing a value of zero would score on a lower-is-better KPI, and its
// line says how it was scored.
func TestAbsentValueScored(t *testing.T) {
	lowBands := scheme.Bands{Direction: kpi.LowerIsBetter, Value: scheme.AsMeasured, Bands: []scheme.Band{
		{Name: "target", Max: fixture.DecPtr("10"), MaxEdge: kpi.Inclusive, Points: fixture.Dec("0")},
		{Name: "minor", Min: fixture.DecPtr("10"), MinEdge: kpi.Strict, Max: fixture.DecPtr("15"), MaxEdge: kpi.Inclusive, Points: fixture.Dec("1")},
		{Name: "severe", Min: fixture.DecPtr("15"), MinEdge: kpi.Strict, Points: fixture.Dec("4"), Material: true},
	}}
	msa := fixture.MSABands()
	sb := fixture.ShortBands()
	higher := scheme.Shortfall{Direction: kpi.HigherIsBetter, Target: fixture.Dec("98"), Rate: fixture.Dec("1"), Value: scheme.AsMeasured}
	lower := scheme.Shortfall{Direction: kpi.LowerIsBetter, Target: fixture.Dec("10"), Rate: fixture.Dec("1"), Value: scheme.AsMeasured}
	perPoint := scheme.Price{Basis: scheme.PerPoint, Value: fixture.Dec("100")}
	pct := scheme.Price{Basis: scheme.PercentOfCharges}
	ded := scheme.Deduction{Direction: kpi.HigherIsBetter, Required: fixture.Dec("99.5"), Available: fixture.Dec("10"), Value: scheme.AsMeasured}
	status := scheme.StatusScore{Amber: fixture.Dec("1"), Red: fixture.Dec("3")}
	tests := []struct {
		name   string
		score  scheme.Score
		price  scheme.Price
		out    credits.Outcome
		amount string
		rule   string
	}{
		{"lower-is-better bands, red: the worst band", scheme.Score{Bands: &lowBands}, perPoint,
			absentOutcome(kpi.Red, kpi.Percent, kpi.LowerIsBetter), "400.00",
			"red: no value (missing) counted as red: the worst band, severe (15, ∞), scores 4"},
		{"higher-is-better bands, red: the worst band", scheme.Score{Bands: &msa}, perPoint,
			absentOutcome(kpi.Red, kpi.Percent, kpi.HigherIsBetter), "400.00",
			"red: no value (missing) counted as red: the worst band, below threshold (-∞, 96), scores 4"},
		{"bands, amber: at the msl", scheme.Score{Bands: &msa}, perPoint,
			absentOutcome(kpi.Amber, kpi.Percent, kpi.HigherIsBetter), "100.00",
			"amber: no value (missing) counted as amber, scored at the msl 98: value 98.0 in band minor [98.0, 98.9] scores 1"},
		{"shortfall bands, red: the worst band", scheme.Score{ShortfallBands: &sb}, pct,
			absentOutcome(kpi.Red, kpi.Percent, kpi.HigherIsBetter), "10000.00",
			"red: no value (missing) counted as red: the worst band, severe (3, ∞), scores 10"},
		{"higher-is-better shortfall, red: from 0", scheme.Score{Shortfall: &higher}, pct,
			absentOutcome(kpi.Red, kpi.Percent, kpi.HigherIsBetter), "98000.00",
			"red: no value (missing) counted as red, scored at the worst value 0: shortfall 98 - 0 = 98 x rate 1 scores 98"},
		{"lower-is-better percent shortfall, red: from 100", scheme.Score{Shortfall: &lower}, pct,
			absentOutcome(kpi.Red, kpi.Percent, kpi.LowerIsBetter), "90000.00",
			"red: no value (missing) counted as red, scored at the worst value 100: shortfall 100 - 10 = 90 x rate 1 scores 90"},
		{"deduction, red: from 0", scheme.Score{Deduction: &ded}, pct,
			absentOutcome(kpi.Red, kpi.Percent, kpi.HigherIsBetter), "",
			"red: no value (missing) counted as red, scored at the worst value 0: failure 100 - 0 = 100%"},
		{"status score: as usual", scheme.Score{Status: &status}, perPoint,
			absentOutcome(kpi.Red, kpi.Percent, kpi.LowerIsBetter), "300.00", "red: red scores 3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.score.KPIs = []string{"A"}
			r := fixture.Rules(scheme.Scheme{Scores: []scheme.Score{tt.score}, Price: tt.price})
			require.NoError(t, r.Validate(fixture.WindowsOf("A")))
			led, err := credits.Calculate(r, fixture.Months("2021-04", fixture.One(tt.out)))
			require.NoError(t, err)
			l := led.Lines[0]
			require.Contains(t, l.Rule, tt.rule)
			require.True(t, l.Failed, "an absence counted as a failure is a failure")
			if tt.amount != "" {
				require.Equal(t, tt.amount, l.Amount.StringFixed(2), l.Rule)
			}
			require.Positive(t, l.Amount.Sign(), "it costs something: %s", l.Rule)
		})
	}
}

// TestAbsentValueNoWorst: a lower-is-better count has no worst value, so a
// shortfall cannot score its missing month: an error naming the KPI and
// month, not a free month.
func TestAbsentValueNoWorst(t *testing.T) {
	sf := scheme.Shortfall{Direction: kpi.LowerIsBetter, Target: fixture.Dec("3"), Rate: fixture.Dec("1"), Value: scheme.AsMeasured}
	r := fixture.Rules(percentScheme(scheme.Score{Shortfall: &sf}))
	_, err := credits.Calculate(r, fixture.Months("2021-04", fixture.One(absentOutcome(kpi.Red, kpi.Count, kpi.LowerIsBetter))))
	require.Error(t, err)
	require.True(t, errors.Is(err, credits.ErrInvalidRules), err.Error())
	require.Contains(t, err.Error(), "month 2021-04: kpi A")
	require.Contains(t, err.Error(), "no value (missing) counted as red, and a lower-is-better count has no worst value to score")
}
