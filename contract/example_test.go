package contract_test

import (
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// A two-KPI contract evaluated over two months: one failure is mitigated,
// the other costs its points; the board summary counts raw outcomes. The
// weights have no From, so they apply from each KPI's first month in
// force; the mitigation record goes straight into the Input, which checks
// it against the contract; FormatMoney prints amounts at the contract's
// money places and a cell's Measured.Format its value as compared.
func Example() {
	dec := decimal.RequireFromString
	jun, jul := kpi.MustParseMonth("2021-06"), kpi.MustParseMonth("2021-07")
	def := func(id string, dir kpi.Direction, tsl, msl string) contract.KPI {
		return contract.KPI{Definition: kpi.Definition{
			ID: id, Name: id, Unit: kpi.Percent, Direction: dir, Kind: kpi.KPI,
			Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
			Schedule:  kpi.Constant(kpi.MustLevels(tsl, msl)),
		}}
	}
	c := &contract.Contract{
		Name: "Example IT services", Customer: "Council", Supplier: "Supplier",
		Commencement: kpi.MustParseMonth("2015-04"), Term: 120, Orgs: []string{"Council"},
		Charges: []contract.Charge{{Org: "Council", From: kpi.MustParseMonth("2015-04"), Amount: dec("500000.00")}},
		KPIs: []contract.KPI{
			def("AVAIL", kpi.HigherIsBetter, "99.5", "99.0"),
			def("BACKLOG", kpi.LowerIsBetter, "10", "15"),
		},
		Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Red},
		Credits: credits.Rules{
			Regime: credits.Points{
				Weights: []credits.Weight{
					{KPI: "AVAIL", Points: dec("10")},
					{KPI: "BACKLOG", Points: dec("5")},
				},
				Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1"),
			},
			Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		},
	}
	m := func(id string, month kpi.Month, v string) kpi.Measurement {
		return kpi.Measurement{KPI: id, Org: "Council", Month: month, Value: dec(v)}
	}
	res, err := c.Evaluate(contract.Input{From: jun, To: jul, Measurements: []kpi.Measurement{
		m("AVAIL", jun, "98.7"), m("BACKLOG", jun, "9.8"),
		m("AVAIL", jul, "99.96"), m("BACKLOG", jul, "12.04"),
	}, MitigationRecords: []mitigation.Record{
		{Ref: "M1", KPI: "AVAIL", From: jun, Reason: "outage caused by the council's own change", Effect: mitigation.Relief,
			AgreedOn: kpi.MustParseDate("2021-07-08")},
	}})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, mo := range res.Months {
		s := mo.Summary
		fmt.Printf("%s (service month %d, year %d): TSL %d, MSL %d, below MSL %d, total %d, mitigated %d\n",
			mo.Month.Pack(), mo.ServiceMonth, mo.Year, s.TSL, s.MSL, s.BelowMSL, s.Total, s.Mitigated)
		for _, cell := range mo.Cells {
			if cell.Raw.Failed() {
				fmt.Printf("  %s %s: %s\n  credit %s: %s\n", cell.Measured.KPI, cell.Measured.Format(), cell.Reason(),
					res.FormatMoney(cell.Credit.Amount), cell.Credit.Rule)
			}
		}
	}
	fmt.Println("total credit", res.FormatMoney(res.Ledger.Total))
	// Output:
	// Jun-21 (service month 75, year 7): TSL 1, MSL 0, below MSL 1, total 2, mitigated 1
	//   AVAIL 98.7%: 98.7 rounds to 98.7 (1 dp half-up); msl >= 99.0 missed (base): red; mitigated by M1 (relief)
	//   credit 0.00: red relieved by mitigation M1: no credit (would have been 1 of 10 points = 10 points x 0.1% of charges 500000.00 = 5000.00)
	// Jul-21 (service month 76, year 7): TSL 1, MSL 1, below MSL 0, total 2, mitigated 0
	//   BACKLOG 12.0%: 12.04 rounds to 12.0 (1 dp half-up); tsl <= 10 missed, msl <= 15 met (base): amber
	//   credit 1250.00: amber: 0.5 of 5 points = 2.5 points x 0.1% of charges 500000.00 = 1250.00
	// total credit 1250.00
}
