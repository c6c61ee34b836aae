package kpi_test

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// "95% resolved in time (90% the minimum), or where fewer than 20
// incidents were logged, no more than 1 may fail (2 the minimum)": 19
// incidents with 2 failures are amber, though 89.5% alone is red; 20 with
// 3 failures are judged by their 85.0%, red.
func ExampleSmallVolume() {
	t := kpi.MustLevels("95", "90")
	t.SmallVolume = kpi.SmallVolume{FewerThan: 20, TSLFailures: 1, MSLFailures: 2}
	d := kpi.Definition{
		ID: "FIX", Name: "Incidents resolved in time",
		Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
		Schedule:  kpi.Constant(t),
	}
	for _, c := range []struct{ month, met, logged int64 }{{6, 17, 19}, {7, 17, 20}} {
		m := kpi.Measurement{KPI: d.ID, Month: kpi.MustParseMonth(fmt.Sprintf("2021-%02d", c.month)),
			Numerator: decimal.NewFromInt(c.met), Denominator: decimal.NewFromInt(c.logged), HasCounts: true, FromCounts: true}
		if err := m.Check(d); err != nil {
			fmt.Println(err)
			return
		}
		r := kpi.Classify(d, m)
		fmt.Printf("%s %s failed: %s\n", r.Month.Pack(), kpi.FormatValue(r.Failures()), r.Reason())
	}
	// Output:
	// Jun-21 2 failed: 100 x 17/19 = 89.4736842... rounds to 89.5 (1 dp half-up); fewer than 20 measured (19): 2 failed, tsl at most 1 missed, msl at most 2 met (base): amber
	// Jul-21 3 failed: 100 x 17/20 = 85 rounds to 85.0 (1 dp half-up); 20 measured, not fewer than 20: msl >= 90 missed (base): red
}
