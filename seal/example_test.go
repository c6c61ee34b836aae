package seal_test

import (
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/seal"
	"github.com/shopspring/decimal"
)

// Example closes May 2021 of a one-KPI contract with its value at 98.5
// (amber), writes and reads back the seal, then finds what a correction
// to 97.0 (red) changed: the credit line doubles, and the monthly cap,
// which the sealed credit used up exactly, now cuts it.
func Example() {
	d := decimal.RequireFromString
	m := kpi.MustParseMonth
	monthCap := d("1")
	c := &contract.Contract{
		Name: "Example", Customer: "Council", Supplier: "Supplier", Commencement: m("2021-04"), Term: 24, Orgs: []string{"Council"},
		Charges:  []contract.Charge{{Org: "Council", From: m("2021-04"), Amount: d("100000.00")}},
		Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Red},
		KPIs: []contract.KPI{{Definition: kpi.Definition{ID: "AVAIL", Name: "Availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter,
			Kind: kpi.KPI, Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99", "98"))}}},
		Credits: credits.Rules{
			Regime: credits.Points{Amber: d("0.5"), Red: d("1"), PointValue: d("0.5"), Weights: []credits.Weight{{KPI: "AVAIL", From: m("2021-04"), Points: d("4")}}},
			Caps:   credits.Caps{Month: &monthCap},
			Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
		},
	}
	measured := func(v string) contract.Input {
		return contract.Input{Measurements: []kpi.Measurement{{KPI: "AVAIL", Org: "Council", Month: m("2021-05"), Value: d(v)}}}
	}
	s, err := seal.Close(c, measured("98.5"), m("2021-05"), seal.Inputs{})
	if err != nil {
		fmt.Println(err)
		return
	}
	data, err := seal.Marshal(s, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	sealed, err := seal.Parse(data, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("sealed", sealed.Month, "credit", sealed.Credit.Credit)
	r, err := seal.Restate(c, measured("97.0"), seal.Inputs{}, []seal.Entry{{Month: sealed.Month, Seal: sealed}}, kpi.Month{})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, rv := range r.Revisions {
		if rv.What != seal.Rule {
			fmt.Printf("%s %s %s: %s -> %s, adjustment %s\n", rv.Month, rv.KPI, rv.What, rv.Before, rv.After, c.Credits.Money.Format(rv.Adjustment))
		}
	}
	fmt.Println("adjustments in", r.AdjustIn, "total", c.Credits.Money.Format(r.Total))
	// Output:
	// sealed 2021-05 credit 1000.00
	// 2021-05 AVAIL value: 98.5 -> 97.0, adjustment 0.00
	// 2021-05 AVAIL status: amber -> red, adjustment 0.00
	// 2021-05 AVAIL points: 2.0 -> 4, adjustment 0.00
	// 2021-05 AVAIL credit: 1000.00 -> 2000.00, adjustment 1000.00
	// 2021-05  cap: none -> -1000.00, adjustment -1000.00
	// adjustments in 2021-06 total 0.00
}
