package kpi_test

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// A new KPI comes in on a three-month glide path; the rounded value is
// compared with the levels of its month, inclusively.
func Example() {
	d := kpi.Definition{
		ID: "IMT_KPI_18", Name: "P3 and P4 incidents resolved in time",
		Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
		Schedule: kpi.Schedule{
			Base: kpi.MustLevels("90", "85"),
			Glide: []kpi.Step{
				{Month: kpi.MustParseMonth("Jul-21"), Thresholds: kpi.MustLevels("80", "75")},
				{Month: kpi.MustParseMonth("Aug-21"), Thresholds: kpi.MustLevels("85", "80")},
				{Month: kpi.MustParseMonth("Sep-21"), Thresholds: kpi.MustLevels("88", "83")},
			},
		},
	}
	if err := d.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	for _, v := range []struct{ month, value string }{
		{"2021-07", "79.96"}, {"2021-08", "84.94"}, {"2021-09", "88"}, {"2021-10", "84.9"},
	} {
		m := kpi.Measurement{KPI: d.ID, Month: kpi.MustParseMonth(v.month), Value: decimal.RequireFromString(v.value)}
		r := kpi.Classify(d, m)
		fmt.Printf("%s %-5s %s\n", r.Month.Pack(), r.Status, r.Reason())
	}
	// Output:
	// Jul-21 green 79.96 rounds to 80.0 (1 dp half-up); tsl >= 80 met (glide path step 1 of 3): green
	// Aug-21 amber 84.94 rounds to 84.9 (1 dp half-up); tsl >= 85 missed, msl >= 80 met (glide path step 2 of 3): amber
	// Sep-21 green 88 rounds to 88.0 (1 dp half-up); tsl >= 88 met (glide path step 3 of 3): green
	// Oct-21 red   84.9 rounds to 84.9 (1 dp half-up); msl >= 85 missed (base): red
}

// Months parse from both the ISO form and the packs' form.
func ExampleParseMonth() {
	a, _ := kpi.ParseMonth("2021-06")
	b, _ := kpi.ParseMonth("Jun-21")
	fmt.Println(a == b, a, b.Pack(), a.AddMonths(7), a.AddMonths(7).Sub(a))
	_, err := kpi.ParseMonth("2021-13")
	fmt.Println(err)
	// Output:
	// true 2021-06 Jun-21 2022-01 7
	// month "2021-13" (want 2021-06 or Jun-21): not a month
}
