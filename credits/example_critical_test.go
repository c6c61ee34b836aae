package credits_test

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// A critical service level failure: AVAIL is critical when Red, and FIX
// when its value is above a critical level of 8 hours. In June AVAIL is
// Red, so the month's credits are replaced by withholding its charges,
// which the monthly cap does not cut; in July FIX takes exactly 8.0
// hours, which meets the critical level, so the month pays its credits.
func ExampleCritical() {
	dec := decimal.RequireFromString
	monthCap, critical := dec("1.5"), dec("8")
	rules := credits.Rules{
		Regime: credits.Points{
			Weights: []credits.Weight{
				{KPI: "AVAIL", From: kpi.MustParseMonth("2021-04"), Points: dec("10")},
				{KPI: "FIX", From: kpi.MustParseMonth("2021-04"), Points: dec("5")},
			},
			Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.2"),
		},
		Caps:  credits.Caps{Month: &monthCap},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Critical: credits.Critical{KPIs: []credits.CriticalKPI{
			{KPI: "AVAIL", Red: true},
			{KPI: "FIX", Level: &critical},
		}},
	}
	charges := dec("100000")
	avail := func(s kpi.Status) credits.Outcome {
		return credits.Outcome{KPI: "AVAIL", Kind: kpi.KPI, Raw: s, Status: s, Charges: charges}
	}
	fix := func(s kpi.Status, hours string) credits.Outcome {
		return credits.Outcome{KPI: "FIX", Kind: kpi.KPI, Raw: s, Status: s, Charges: charges,
			Measured: &kpi.Result{KPI: "FIX", Status: s, Value: dec(hours), Rounded: dec(hours),
				Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Direction: kpi.LowerIsBetter, Kind: kpi.KPI}}
	}
	led, err := credits.Calculate(rules, []credits.Period{
		{Month: kpi.MustParseMonth("2021-06"), Year: 1, Charges: charges, YearCharges: dec("1200000"),
			Outcomes: []credits.Outcome{avail(kpi.Red), fix(kpi.Amber, "6.0")}},
		{Month: kpi.MustParseMonth("2021-07"), Year: 1, Charges: charges, YearCharges: dec("1200000"),
			Outcomes: []credits.Outcome{avail(kpi.Green), fix(kpi.Red, "8.0")}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range led.Lines {
		name := l.KPI
		if l.Kind == credits.WithholdLine {
			name = "withheld"
		}
		fmt.Printf("%s %-8s %9s  %s\n", l.Month.Pack(), name, l.Amount.StringFixed(2), l.Rule)
	}
	for _, m := range led.Months {
		fmt.Printf("%s critical %t, withheld %s, credit %s\n", m.Month.Pack(), m.Critical, m.Withheld.StringFixed(2), m.Total.StringFixed(2))
	}
	// Output:
	// Jun-21 AVAIL         0.00  red: 1 of 10 points = 10 points x 0.2% of charges 100000.00 = 2000.00; replaced by the critical failure withholding (kpi AVAIL: red): would have cost 2000.00, no credit
	// Jun-21 FIX           0.00  amber: 0.5 of 5 points = 2.5 points x 0.2% of charges 100000.00 = 500.00; replaced by the critical failure withholding (kpi AVAIL: red): would have cost 500.00, no credit
	// Jun-21 withheld 100000.00  critical service level failure (kpi AVAIL: red): the month's charges 100000.00 withheld in place of its credits 2500.00; caps do not apply to it
	// Jul-21 AVAIL         0.00  green: no credit
	// Jul-21 FIX        1000.00  red: 1 of 5 points = 5 points x 0.2% of charges 100000.00 = 1000.00
	// Jun-21 critical true, withheld 100000.00, credit 100000.00
	// Jul-21 critical false, withheld 0.00, credit 1000.00
}
