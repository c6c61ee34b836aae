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
		Regime: points(),
		Caps:   credits.Caps{Month: &monthCap, Year: &yearCap},
		Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
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

// A critical service level failure: AVAIL is critical when Red, and FIX
// when its value is above a critical level of 8 hours. In June AVAIL is
// Red, so the month's credits are replaced by withholding its charges,
// which the monthly cap does not cut; in July FIX takes exactly 8.0
// hours, which meets the critical level, so the month pays its credits.
func ExampleCritical() {
	dec := decimal.RequireFromString
	monthCap, critical := dec("1.5"), dec("8")
	rules := credits.Rules{
		Regime: points(),
		Caps:   credits.Caps{Month: &monthCap},
		Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
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

// One incident, INC-42, took the network down in June: availability and
// the fix time both failed, each costing 1000.00. Under the highest-only
// rule only one credit is paid; the tie goes to the first KPI by id,
// AVAIL.
func ExampleIncidents() {
	dec := decimal.RequireFromString
	rules := credits.Rules{
		Regime:    points(),
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

// points is the regime of the examples: AVAIL carries 10 points and FIX
// 5, from April 2021; an Amber month loses half its points, a Red month
// all of them, and a point is worth 0.2% of the month's charges.
func points() credits.Points {
	dec := decimal.RequireFromString
	return credits.Points{
		Weights: []credits.Weight{
			{KPI: "AVAIL", From: kpi.MustParseMonth("2021-04"), Points: dec("10")},
			{KPI: "FIX", From: kpi.MustParseMonth("2021-04"), Points: dec("5")},
		},
		Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.2"),
	}
}

// An at-risk pool allocated above 100%: 10% of the invoice is at risk and
// 150% of that is allocated, 75% to each of two categories. A month in
// which every KPI defaults loses 150% of the at-risk amount before the
// monthly cap, which must be the at-risk amount, cuts it back.
func ExamplePool() {
	dec := decimal.RequireFromString
	atRisk := dec("10")
	rules := credits.Rules{
		Regime: credits.Pool{AtRisk: atRisk, Available: dec("150"), Amber: dec("0"), Red: dec("1"),
			Categories: []credits.PoolCategory{
				{Name: "hosting", Share: dec("75"), KPIs: []credits.PoolKPI{{KPI: "UPTIME", Share: dec("100")}}},
				{Name: "desk", Share: dec("75"), KPIs: []credits.PoolKPI{{KPI: "FIX", Share: dec("100")}}},
			}},
		Caps:  credits.Caps{Month: &atRisk},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	red := func(id string) credits.Outcome {
		return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: dec("100000")}
	}
	led, err := credits.Calculate(rules, []credits.Period{{Month: kpi.MustParseMonth("2021-06"), Year: 1,
		Charges: dec("100000"), YearCharges: dec("1200000"), Outcomes: []credits.Outcome{red("UPTIME"), red("FIX")}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, l := range led.Lines {
		fmt.Printf("%-6s %9s  %s\n", l.KPI, l.Amount.StringFixed(2), l.Rule)
	}
	fmt.Println("credit", led.Total.StringFixed(2))
	// Output:
	// UPTIME   7500.00  red: 1 of category "hosting" 75% x kpi 100% of the at-risk amount 10% of charges = 7.5% of charges 100000.00 = 7500.00
	// FIX      7500.00  red: 1 of category "desk" 75% x kpi 100% of the at-risk amount 10% of charges = 7.5% of charges 100000.00 = 7500.00
	//         -5000.00  monthly cap 10% of charges 100000.00 = 10000.00; credits 15000.00 cut by 5000.00
	// credit 10000.00
}
