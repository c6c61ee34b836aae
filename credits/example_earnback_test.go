package credits_test

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// AVAIL fails in June (2000.00, cut to the monthly cap of 1500.00), then
// meets its TSL in July and August: half of the 1500.00 June paid comes
// back in August, as a line of its own.
func ExampleEarnBack() {
	dec := decimal.RequireFromString
	monthCap := dec("1.5")
	rules := credits.Rules{
		Regime:   points(),
		Caps:     credits.Caps{Month: &monthCap},
		Money:    credits.Money{Places: 2, Rounding: kpi.HalfUp},
		EarnBack: credits.EarnBack{KPIs: []credits.EarnBackKPI{{KPI: "AVAIL", Share: dec("50"), Following: 2}}},
	}
	charges := dec("100000")
	period := func(month string, avail kpi.Status) credits.Period {
		return credits.Period{Month: kpi.MustParseMonth(month), Year: 1, Charges: charges, YearCharges: dec("1200000"),
			Outcomes: []credits.Outcome{{KPI: "AVAIL", Kind: kpi.KPI, Raw: avail, Status: avail, Charges: charges}}}
	}
	led, err := credits.Calculate(rules, []credits.Period{period("2021-06", kpi.Red), period("2021-07", kpi.Green), period("2021-08", kpi.Green)})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range led.Lines {
		if !l.Amount.IsZero() {
			fmt.Printf("%s %9s  %s\n", l.Month, l.Amount.StringFixed(2), l.Rule)
		}
	}
	for _, m := range led.Months {
		fmt.Printf("%s credit %s (earned back %s)\n", m.Month, m.Total.StringFixed(2), m.EarnedBack.StringFixed(2))
	}
	// Output:
	// 2021-06   2000.00  red: 1 of 10 points = 10 points x 0.2% of charges 100000.00 = 2000.00
	// 2021-06   -500.00  monthly cap 1.5% of charges 100000.00 = 1500.00; credits 2000.00 cut by 500.00
	// 2021-08   -750.00  earn-back of the 2021-06 credit 2000.00: green in each of the 2 KPI-months due after it (to 2021-08); 50% of 1500.00 paid after that month's cap cuts of 500.00 = 750.00 returned; outside the caps
	// 2021-06 credit 1500.00 (earned back 0.00)
	// 2021-07 credit 0.00 (earned back 0.00)
	// 2021-08 credit -750.00 (earned back -750.00)
}
