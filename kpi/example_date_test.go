package kpi_test

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// A month steps with AddMonths (there is no Add) and counts with Sub: the
// months of a glide path, and how far into the contract a month is.
func ExampleMonth_AddMonths() {
	start := kpi.MustParseMonth("2021-07")
	fmt.Println(start.Pack(), start.AddMonths(1).Pack(), start.AddMonths(2).Pack())
	fmt.Println(kpi.MustParseMonth("2021-06").Sub(kpi.MustParseMonth("2015-04")) + 1) // service month, counting commencement as 1
	// Output:
	// Jul-21 Aug-21 Sep-21
	// 75
}

// A Date is a civil day, such as the day a mitigation was agreed or a bank
// holiday: it parses "2021-06-10", steps by days, knows its weekday and
// the Month it falls in.
func ExampleParseDate() {
	d, err := kpi.ParseDate("2021-06-10")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(d, d.Weekday(), d.AddDays(21), d.In())
	_, err = kpi.ParseDate("2021-02-29")
	fmt.Println(err)
	// Output:
	// 2021-06-10 Thursday 2021-07-01 2021-06
	// date "2021-02-29": no such date
}

// Format prints a result's value as it was compared: at the KPI's places,
// with a per cent sign for a percentage.
func ExampleResult_Format() {
	d := kpi.Definition{ID: "AVAIL", Name: "Availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99.5", "99"))}
	r := kpi.Classify(d, kpi.Measurement{KPI: "AVAIL", Month: kpi.MustParseMonth("2021-06"), Value: decimal.RequireFromString("99.5")})
	fmt.Println(r.Format(), r.Status)
	// Output:
	// 99.50% green
}
