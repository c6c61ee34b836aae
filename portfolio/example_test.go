package portfolio_test

import (
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/portfolio"
	"github.com/shopspring/decimal"
)

// Two contracts of one supplier, one rounding money to pence and one to
// whole pounds, run together: each keeps its own places, and the
// supplier's total, an exact sum, has the most places among them.
func Example() {
	dec := decimal.RequireFromString
	jun := kpi.MustParseMonth("2021-06")
	service := func(name, customer string, places int32, charge string) *contract.Contract {
		return &contract.Contract{
			Name: name, Customer: customer, Supplier: "Supplier",
			Commencement: kpi.MustParseMonth("2021-04"), Term: 36, Orgs: []string{customer},
			Charges: []contract.Charge{{Org: customer, From: kpi.MustParseMonth("2021-04"), Amount: dec(charge)}},
			KPIs: []contract.KPI{{Definition: kpi.Definition{
				ID: "AVAIL", Name: "Availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
				Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
				Schedule:  kpi.Constant(kpi.MustLevels("99.5", "99.0")),
			}}},
			Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Red},
			Credits: credits.Rules{
				Regime: credits.Points{Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1"),
					Weights: []credits.Weight{{KPI: "AVAIL", From: kpi.MustParseMonth("2021-04"), Points: dec("10")}}},
				Money: credits.Money{Places: places, Rounding: kpi.HalfUp},
			},
		}
	}
	measured := func(org, value string) contract.Input {
		return contract.Input{Measurements: []kpi.Measurement{{KPI: "AVAIL", Org: org, Month: jun, Value: dec(value)}}}
	}
	res := portfolio.Run([]portfolio.Entry{
		portfolio.Of("desk", service("Service desk", "North Council", 2, "123456.78"), measured("North Council", "99.2")),
		portfolio.Of("hosting", service("Hosting", "South Council", 0, "80001"), measured("South Council", "98.1")),
	}, portfolio.Options{Workers: 2})
	for _, s := range res.Contracts {
		for _, y := range s.Years {
			fmt.Printf("%s year %d %s..%s: charges %s, credit %s\n", s.Label, y.Year, y.From, y.To,
				y.Charges.StringFixed(s.Money.Places), y.Credit.StringFixed(s.Money.Places))
		}
	}
	for _, t := range res.Suppliers {
		fmt.Printf("%s, %d contracts: charges %s, credit %s\n", t.Name, t.Contracts,
			t.Charges.StringFixed(t.Places), t.Credit.StringFixed(t.Places))
	}
	// Output:
	// desk year 1 2021-06..2021-06: charges 123456.78, credit 617.28
	// hosting year 1 2021-06..2021-06: charges 80001, credit 800
	// Supplier, 2 contracts: charges 203457.78, credit 1417.28
}
