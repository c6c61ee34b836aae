package report

import (
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// TestThresholdTextSmallVolume: the page's tooltip says which rule judged
// a month under a small-volume rule ("95%, or fewer than 20 measured: at
// most 1 failed; 90%, or 2"), never that a percentage met a level it did
// not: 17 of 19 (89.5%) are amber by their 2 failures, 19 of 20 green by
// their 95.0%, and a value without counts cannot be judged.
func TestThresholdTextSmallVolume(t *testing.T) {
	th := kpi.MustLevels("95", "90")
	th.SmallVolume = kpi.SmallVolume{FewerThan: 20, TSLFailures: 1, MSLFailures: 2}
	d := kpi.Definition{ID: "FIX", Name: "Fixed", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(th)}
	jun := kpi.MustParseMonth("2021-06")
	counts := func(num, den int64) kpi.Measurement {
		return kpi.Measurement{KPI: "FIX", Month: jun, Numerator: decimal.NewFromInt(num), Denominator: decimal.NewFromInt(den), HasCounts: true, FromCounts: true}
	}
	for _, tc := range []struct {
		name string
		m    kpi.Measurement
		want string
	}{
		{"by the rule", counts(17, 19), "fewer than 20 measured (19): 2 failed: TSL at most 1 missed, MSL at most 2 met (base)"},
		{"by the percentage", counts(19, 20), "20 measured, not fewer than 20: TSL \u2265 95 met, MSL \u2265 90 (base)"},
		{"no counts", kpi.Measurement{KPI: "FIX", Month: jun, Value: decimal.RequireFromString("89.5")},
			"small-volume rule fewer than 20: tsl at most 1 failed, msl at most 2 failed: no counts to judge by (base)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			require.Equal(t, tc.want, thresholdText(kpi.Classify(d, tc.m)))
		})
	}
}
