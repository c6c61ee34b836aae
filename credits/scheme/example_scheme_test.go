package scheme_test

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// exampleOutcome is a higher-is-better KPI-month measuring value against
// TSL 99 and MSL 98.
func exampleOutcome(id, value, charges string) credits.Outcome {
	v := decimal.RequireFromString(value)
	s := kpi.Red
	switch {
	case v.Cmp(decimal.NewFromInt(99)) >= 0:
		s = kpi.Green
	case v.Cmp(decimal.NewFromInt(98)) >= 0:
		s = kpi.Amber
	}
	return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: s, Status: s, Charges: decimal.RequireFromString(charges),
		Measured: &kpi.Result{Value: v, Rounded: v, Direction: kpi.HigherIsBetter}}
}

// exampleMonth calculates rules over one month of contract year 1, i
// months after April 2021, charged charges (and twelve times that in the
// year), whose KPI-months are outcomes. On an error it prints the error
// and returns nil.
func exampleMonth(rules credits.Rules, i int, charges string, outcomes ...credits.Outcome) *credits.Ledger {
	c := decimal.RequireFromString(charges)
	led, err := credits.Calculate(rules, []credits.Period{{Month: kpi.MustParseMonth("2021-04").AddMonths(i), Year: 1,
		Charges: c, YearCharges: c.Mul(decimal.NewFromInt(12)), Outcomes: outcomes}})
	if err != nil {
		fmt.Println(err)
		return nil
	}
	return led
}

// The UK Model Services Agreement's banded points with the repeat-failure
// multiplier: three worked examples, each a run of monthly measurements.
func ExampleScheme_bands() {
	d := decimal.RequireFromString
	at := func(s string) *decimal.Decimal { v := d(s); return &v }
	bands := scheme.Bands{
		Direction: kpi.HigherIsBetter,
		Value:     scheme.TableRounded,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
		Bands: []scheme.Band{
			{Name: "target", Min: at("99"), MinEdge: kpi.Inclusive, Points: d("0")},
			{Name: "minor", Min: at("98.0"), MinEdge: kpi.Inclusive, Max: at("98.9"), MaxEdge: kpi.Inclusive, Points: d("1")},
			{Name: "serious", Min: at("97.0"), MinEdge: kpi.Inclusive, Max: at("97.9"), MaxEdge: kpi.Inclusive, Points: d("2"), Material: true},
			{Name: "severe", Min: at("96.0"), MinEdge: kpi.Inclusive, Max: at("96.9"), MaxEdge: kpi.Inclusive, Points: d("3"), Material: true},
			{Name: "below threshold", Max: at("96"), MaxEdge: kpi.Strict, Points: d("4"), Material: true},
		},
	}
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores:    []scheme.Score{{KPIs: []string{"AVAIL"}, Bands: &bands}},
			Repeat:    scheme.Repeat{Multiplier: d("2"), Nth: 2, Within: 2},
			Mitigated: scheme.MitigatedBreaks,
			Price:     scheme.Price{Basis: scheme.PerPoint, Value: d("100")},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	window := []credits.Window{{KPI: "AVAIL", From: kpi.MustParseMonth("2021-04"), To: kpi.MustParseMonth("2022-03")}}
	if err := rules.Validate(window); err != nil {
		fmt.Println(err)
		return
	}
	for i, values := range [][]string{{"98.5", "96.5", "96.5"}, {"96.5", "98.5", "96.5"}, {"98.5"}} {
		var periods []credits.Period
		for j, v := range values {
			periods = append(periods, credits.Period{Month: kpi.MustParseMonth("2021-04").AddMonths(j), Year: 1,
				Charges: d("100000"), YearCharges: d("1200000"), Outcomes: []credits.Outcome{exampleOutcome("AVAIL", v, "100000")}})
		}
		led, err := credits.Calculate(rules, periods)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("example %d:\n", i+1)
		for _, l := range led.Lines {
			fmt.Printf("  %s %s points  %s\n", l.Month.Pack(), kpi.FormatValue(l.Points), l.Rule)
		}
	}
	// Output:
	// example 1:
	//   Apr-21 1 points  amber: value 98.5 in band minor [98.0, 98.9] scores 1; month's points 0 to 1: 1 at x1 = 1 x 100.00 = 100.00
	//   May-21 6 points  red: value 96.5 in band severe [96.0, 96.9] scores 3; repeat: failure 2 in 2 periods, x2 = 6; month's points 0 to 6: 6 at x1 = 6 x 100.00 = 600.00
	//   Jun-21 6 points  red: value 96.5 in band severe [96.0, 96.9] scores 3; repeat: failure 2 in 2 periods, x2 = 6; month's points 0 to 6: 6 at x1 = 6 x 100.00 = 600.00
	// example 2:
	//   Apr-21 3 points  red: value 96.5 in band severe [96.0, 96.9] scores 3; month's points 0 to 3: 3 at x1 = 3 x 100.00 = 300.00
	//   May-21 2 points  amber: value 98.5 in band minor [98.0, 98.9] scores 1; repeat: failure 2 in 2 periods, x2 = 2; month's points 0 to 2: 2 at x1 = 2 x 100.00 = 200.00
	//   Jun-21 6 points  red: value 96.5 in band severe [96.0, 96.9] scores 3; repeat: failure 2 in 2 periods, x2 = 6; month's points 0 to 6: 6 at x1 = 6 x 100.00 = 600.00
	// example 3:
	//   Apr-21 1 points  amber: value 98.5 in band minor [98.0, 98.9] scores 1; month's points 0 to 1: 1 at x1 = 1 x 100.00 = 100.00
}

// A band table whose bands leave a gap or overlap is rejected with the
// values at fault.
func ExampleBands() {
	d := decimal.RequireFromString
	at := func(s string) *decimal.Decimal { v := d(s); return &v }
	late := scheme.Bands{
		Direction: kpi.LowerIsBetter,
		Value:     scheme.AsMeasured,
		Bands: []scheme.Band{
			{Name: "on time", Max: at("5"), MaxEdge: kpi.Strict, Points: d("0")},
			{Name: "late", Min: at("5"), MinEdge: kpi.Inclusive, Max: at("10"), MaxEdge: kpi.Inclusive, Points: d("1")},
			{Name: "very late", Min: at("10"), MinEdge: kpi.Inclusive, Max: at("20"), MaxEdge: kpi.Inclusive, Points: d("2")},
			{Name: "too late", Min: at("20.5"), MinEdge: kpi.Inclusive, Points: d("3")},
		},
	}
	s := scheme.Scheme{Scores: []scheme.Score{{KPIs: []string{"DAYS"}, Bands: &late}}, Price: scheme.Price{Basis: scheme.PerPoint, Value: d("50")}}
	fmt.Println(s.Validate([]credits.Window{{KPI: "DAYS", From: kpi.MustParseMonth("2021-04"), To: kpi.MustParseMonth("2022-03")}}))
	// Output:
	// scheme: score 1: bands: bands "late" [5, 10] and "very late" [10, 20] both claim 10: invalid credit rules
	// scheme: score 1: bands: bands "very late" [10, 20] and "too late" [20.5, ∞) leave a gap from 20 to 20.5: invalid credit rules
}

// The Crown Commercial call-off shortfall: target 98%, actual 75%, rate 1:
// 23% of the period's charges.
func ExampleShortfall() {
	d := decimal.RequireFromString
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"RESOLVE"}, Shortfall: &scheme.Shortfall{
				Direction: kpi.HigherIsBetter, Target: d("98"), Rate: d("1"), Value: scheme.AsMeasured}}},
			Price: scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	led := exampleMonth(rules, 0, "100000", exampleOutcome("RESOLVE", "75", "100000"))
	if led == nil {
		return
	}
	fmt.Println(led.Lines[0].Rule)
	// Output:
	// red: shortfall 98 - 75 = 23 x rate 1 scores 23% of charges 100000.00 = 23000.00
}

// A US state's at-risk pool: invoice 100,000, 10% at risk, the category
// 50% of the pool, the KPI 40% of the category: 2,000.
func ExampleAllocation() {
	d := decimal.RequireFromString
	monthCap := d("10") // a month never loses more than the amount at risk
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"UPTIME"}, Allocation: &scheme.Allocation{
				AtRisk: d("10"), Category: "hosting", CategoryShare: d("50"), KPIShare: d("40")}}},
			Price: scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Caps:  credits.Caps{Month: &monthCap},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	led := exampleMonth(rules, 0, "100000", exampleOutcome("UPTIME", "97", "100000"))
	if led == nil {
		return
	}
	fmt.Println(led.Lines[0].Rule)
	// Output:
	// red: at risk 10% x category hosting 50% x kpi 40% scores 2% of charges 100000.00 = 2000.00
}

// Points worth money, the first 20 of a month free, and ratchet bands
// like tax brackets: 21-100 at x1.0, 101-200 at x1.2, 201 on at x1.5.
func ExamplePrice() {
	d := decimal.RequireFromString
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{
				{KPIs: []string{"A"}, Status: &scheme.StatusScore{Amber: d("40"), Red: d("120")}},
				{KPIs: []string{"B"}, Status: &scheme.StatusScore{Amber: d("50"), Red: d("130")}},
			},
			Price: scheme.Price{Basis: scheme.PerPoint, Value: d("10"), Allowance: d("20"), Ratchet: []scheme.Ratchet{
				{Above: d("100"), Multiplier: d("1.2")}, {Above: d("200"), Multiplier: d("1.5")}}},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	red := func(id string) credits.Outcome {
		return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: d("100000")}
	}
	led := exampleMonth(rules, 0, "100000", red("A"), red("B"))
	if led == nil {
		return
	}
	for _, l := range led.Lines {
		fmt.Printf("%s %8s  %s\n", l.KPI, l.Amount.StringFixed(2), l.Rule)
	}
	fmt.Println("month", led.Months[0].Total.StringFixed(2))
	// Output:
	// A  1040.00  red: red scores 120; month's points 0 to 120: 20 free, 80 at x1, 20 at x1.2 = 104.0 x 10.00 = 1040.00
	// B  1710.00  red: red scores 130; month's points 120 to 250: 80 at x1.2, 50 at x1.5 = 171.0 x 10.00 = 1710.00
	// month 2750.00
}

// A performance-percentage deduction: 10 points at risk on a KPI required
// at 99.5%, measured at 98.2%, a point worth 1000.00. The points are
// 10 x (1.8 - 0.5) / 99.5 = 0.130653266..., priced unrounded: 130.65,
// where points rounded to 0.13 first would have given 130.00.
func ExampleDeduction() {
	d := decimal.RequireFromString
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"AVAIL"}, Deduction: &scheme.Deduction{
				Direction: kpi.HigherIsBetter, Required: d("99.5"), Available: d("10"), Value: scheme.AsMeasured}}},
			Price: scheme.Price{Basis: scheme.PerPoint, Value: d("1000")},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	led := exampleMonth(rules, 0, "100000", exampleOutcome("AVAIL", "98.2", "100000"))
	if led == nil {
		return
	}
	fmt.Println(led.Lines[0].Rule)
	fmt.Println(led.Lines[0].Points, led.Total.StringFixed(2))
	// Output:
	// amber: failure 100 - 98.2 = 1.8% - allowed 0.5% = 1.3% x 10 points / required 99.5% scores 13/99.5 (0.130653 to 6 places); month's points 0 to 13/99.5: 13/99.5 at x1 = 13/99.5 x 1000.00 = 130.65
	// 0.130653 130.65
}

// A shortfall looked up in bands of a percentage of the charges: up to 1
// point below the 98% target costs 2%, over 1 up to 3 points 5%, over 3
// points 10%.
func ExampleShortfallBands() {
	d := decimal.RequireFromString
	at := func(s string) *decimal.Decimal { v := d(s); return &v }
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"RESOLVE"}, ShortfallBands: &scheme.ShortfallBands{
				Direction: kpi.HigherIsBetter, Target: d("98"), Value: scheme.AsMeasured,
				Bands: []scheme.Band{
					{Name: "slight", Min: at("0"), MinEdge: kpi.Inclusive, Max: at("1"), MaxEdge: kpi.Inclusive, Points: d("2")},
					{Name: "marked", Min: at("1"), MinEdge: kpi.Strict, Max: at("3"), MaxEdge: kpi.Inclusive, Points: d("5")},
					{Name: "severe", Min: at("3"), MinEdge: kpi.Strict, Points: d("10")},
				}}}},
			Price: scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	for i, v := range []string{"97.5", "97", "96.99", "94.99"} {
		led := exampleMonth(rules, i, "100000", exampleOutcome("RESOLVE", v, "100000"))
		if led == nil {
			return
		}
		fmt.Println(led.Lines[0].Rule)
	}
	// Output:
	// red: shortfall 98 - 97.5 = 0.5 in band slight [0, 1] scores 2% of charges 100000.00 = 2000.00
	// red: shortfall 98 - 97 = 1 in band slight [0, 1] scores 2% of charges 100000.00 = 2000.00
	// red: shortfall 98 - 96.99 = 1.01 in band marked (1, 3] scores 5% of charges 100000.00 = 5000.00
	// red: shortfall 98 - 94.99 = 3.01 in band severe (3, ∞) scores 10% of charges 100000.00 = 10000.00
}

// Service points priced as a per cent of the charges, as the Model
// Services Agreement prices them: service credit = points x 0.5% x the
// charges. A's 96.5 is severe (3 points) and B, whose TSL equals its MSL
// and so has no amber score, is red (4 points): 1500.00 and 2000.00 of
// 100000.00, each line keeping its points and naming its band.
func ExamplePrice_percentPerPoint() {
	d := decimal.RequireFromString
	at := func(s string) *decimal.Decimal { v := d(s); return &v }
	bands := scheme.Bands{Direction: kpi.HigherIsBetter, Value: scheme.AsMeasured, Bands: []scheme.Band{
		{Name: "target", Min: at("99"), Points: d("0")},
		{Name: "minor", Min: at("97"), Max: at("99"), MaxEdge: kpi.Strict, Points: d("1")},
		{Name: "severe", Max: at("97"), MaxEdge: kpi.Strict, Points: d("3"), Material: true},
	}}
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{
				{KPIs: []string{"A"}, Bands: &bands},
				{KPIs: []string{"B"}, Status: &scheme.StatusScore{Red: d("4"), NoAmber: true}},
			},
			Price: scheme.Price{Basis: scheme.PercentPerPoint, Percent: d("0.5")},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	b := credits.Outcome{KPI: "B", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: d("100000")}
	led := exampleMonth(rules, 0, "200000", exampleOutcome("A", "96.5", "100000"), b)
	if led == nil {
		return
	}
	for _, l := range led.Lines {
		fmt.Printf("%s %s points %8s band %q  %s\n", l.KPI, kpi.FormatValue(l.Points), l.Amount.StringFixed(2), l.Band(), l.Rule)
	}
	// Output:
	// A 3 points  1500.00 band "severe"  red: value 96.5 in band severe (-∞, 97) scores 3; 3 points x 0.5% of charges 100000.00 = 1500.00
	// B 4 points  2000.00 band ""  red: red scores 4; 4 points x 0.5% of charges 100000.00 = 2000.00
}
