package credits_test

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// One incident, INC-42, took the network down in June: availability and
// the fix time both failed, each costing 1000.00. Under the highest-only
// rule only one credit is paid; the tie goes to the first KPI by id,
// AVAIL.
func ExampleIncidents() {
	dec := decimal.RequireFromString
	rules := credits.Rules{
		Regime: credits.Points{
			Weights: []credits.Weight{
				{KPI: "AVAIL", From: kpi.MustParseMonth("2021-04"), Points: dec("10")},
				{KPI: "FIX", From: kpi.MustParseMonth("2021-04"), Points: dec("5")},
			},
			Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.2"),
		},
		Money:     credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Incidents: credits.Incidents{Rule: credits.HighestOnly},
	}
	outcome := func(id string, s kpi.Status) credits.Outcome {
		return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: s, Status: s, Charges: dec("100000"), Incidents: []string{"INC-42"}}
	}
	led, err := credits.Calculate(rules, []credits.Period{{Month: kpi.MustParseMonth("2021-06"), Year: 1,
		Charges: dec("100000"), YearCharges: dec("1200000"),
		Outcomes: []credits.Outcome{outcome("AVAIL", kpi.Amber), outcome("FIX", kpi.Red)}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range led.Lines {
		fmt.Printf("%-5s %8s  %s\n", l.KPI, l.Amount.StringFixed(2), l.Rule)
	}
	fmt.Println("total", led.Total.StringFixed(2))
	// Output:
	// AVAIL  1000.00  amber: 0.5 of 10 points = 5.0 points x 0.2% of charges 100000.00 = 1000.00; keeps its credit for incident INC-42 (highest credit only)
	// FIX       0.00  red: 1 of 5 points = 5 points x 0.2% of charges 100000.00 = 1000.00; incident INC-42 also caused the failure of kpi AVAIL, which keeps its credit 1000.00 (highest credit only): would have cost 1000.00, no credit
	// total 1000.00
}
