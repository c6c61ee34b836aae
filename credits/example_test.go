package credits_test

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Two months of a points regime: in June a Red and an Amber KPI cost more
// than the monthly cap of 1.5% of charges, so a cap line cuts the month to
// the cap; in July an Amber costs less than the cap and is paid in full.
func Example() {
	dec := decimal.RequireFromString
	monthCap, yearCap := dec("1.5"), dec("5")
	rules := credits.Rules{
		Regime: credits.Points{
			Weights: []credits.Weight{
				{KPI: "AVAIL", From: kpi.MustParseMonth("2021-04"), Points: dec("10")},
				{KPI: "FIX", From: kpi.MustParseMonth("2021-04"), Points: dec("5")},
			},
			Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.2"),
		},
		Caps:  credits.Caps{Month: &monthCap, Year: &yearCap},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	windows := []credits.Window{
		{KPI: "AVAIL", From: kpi.MustParseMonth("2021-04"), To: kpi.MustParseMonth("2022-03")},
		{KPI: "FIX", From: kpi.MustParseMonth("2021-04"), To: kpi.MustParseMonth("2022-03")},
	}
	if err := rules.Validate(windows); err != nil {
		fmt.Println(err)
		return
	}
	charges := dec("100000")
	outcome := func(id string, s kpi.Status) credits.Outcome {
		return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: s, Status: s, Charges: charges}
	}
	period := func(month string, avail, fix kpi.Status) credits.Period {
		return credits.Period{
			Month: kpi.MustParseMonth(month), Year: 1, Charges: charges, YearCharges: dec("1200000"),
			Outcomes: []credits.Outcome{outcome("AVAIL", avail), outcome("FIX", fix)},
		}
	}
	led, err := credits.Calculate(rules, []credits.Period{
		period("2021-06", kpi.Red, kpi.Amber),
		period("2021-07", kpi.Amber, kpi.Green),
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range led.Lines {
		name := l.KPI
		if l.Kind == credits.CapLine {
			name = "cap"
		}
		fmt.Printf("%s %-5s %8s  %s\n", l.Month.Pack(), name, l.Amount.StringFixed(2), l.Rule)
	}
	for _, m := range led.Months {
		fmt.Printf("%s uncapped %s cut %s credit %s\n", m.Month.Pack(),
			m.Uncapped.StringFixed(2), m.Cut.StringFixed(2), m.Total.StringFixed(2))
	}
	y := led.Years[0]
	fmt.Printf("year %d: annual cap %s, credit %s; total %s\n", y.Year, y.Cap.StringFixed(2), y.Total.StringFixed(2), led.Total.StringFixed(2))
	// Output:
	// Jun-21 AVAIL  2000.00  red: 1 of 10 points = 10 points x 0.2% of charges 100000.00 = 2000.00
	// Jun-21 FIX     500.00  amber: 0.5 of 5 points = 2.5 points x 0.2% of charges 100000.00 = 500.00
	// Jun-21 cap   -1000.00  monthly cap 1.5% of charges 100000.00 = 1500.00; credits 2500.00 cut by 1000.00
	// Jul-21 AVAIL  1000.00  amber: 0.5 of 10 points = 5.0 points x 0.2% of charges 100000.00 = 1000.00
	// Jul-21 FIX       0.00  green: no credit
	// Jun-21 uncapped 2500.00 cut -1000.00 credit 1500.00
	// Jul-21 uncapped 1000.00 cut 0.00 credit 1000.00
	// year 1: annual cap 60000.00, credit 2500.00; total 2500.00
}
