package main

import (
	"fmt"
	"log"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

func main() {
	dec, m, levels := decimal.RequireFromString, kpi.MustParseMonth, kpi.MustLevels
	avail := kpi.Definition{ID: "AVAIL", Name: "Availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(levels("99.5", "99.0"))}
	fix := avail
	fix.ID, fix.Name, fix.Schedule = "FIX", "P2 fixed in 8h", kpi.Schedule{Base: levels("95", "90"), Glide: []kpi.Step{
		{Month: m("2021-04"), Thresholds: levels("85", "80")}, {Month: m("2021-05"), Thresholds: levels("90", "85")}}}
	c := &contract.Contract{Name: "IT services", Commencement: m("2021-04"), Term: 60, Orgs: []string{"Council"},
		Charges: []contract.Charge{{Org: "Council", From: m("2021-04"), Amount: dec("100000.00")}},
		KPIs:    []contract.KPI{{Definition: avail}, {Definition: fix}}, Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Red},
		Credits: credits.Rules{Money: credits.Money{Places: 2, Rounding: kpi.HalfUp}, Regime: credits.Points{Amber: dec("0.5"), Red: dec("1"),
			PointValue: dec("0.1"), Weights: []credits.Weight{{KPI: "AVAIL", Points: dec("10")}, {KPI: "FIX", Points: dec("5")}}}}}
	in := contract.Input{From: m("2021-04"), To: m("2021-06"), MitigationRecords: []mitigation.Record{{Ref: "MIT-1", KPI: "AVAIL",
		From: m("2021-05"), Reason: "data centre move", AgreedOn: kpi.MustParseDate("2021-06-10"), Effect: mitigation.Relief}}}
	for i, v := range [][2]string{{"99.6", "86"}, {"98.0", "88"}, {"99.2", "93"}} {
		in.Measurements = append(in.Measurements, kpi.Measurement{KPI: "AVAIL", Org: "Council", Month: in.From.AddMonths(i), Value: dec(v[0])},
			kpi.Measurement{KPI: "FIX", Org: "Council", Month: in.From.AddMonths(i), Value: dec(v[1])})
	}
	res, err := c.Evaluate(in)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("contract year 1 total", res.FormatMoney(res.Ledger.Years[0].Total), "uncapped", res.FormatMoney(res.Ledger.Years[0].Uncapped))
	for _, l := range res.Ledger.Lines {
		fmt.Println(l.Month, l.KPI, res.FormatMoney(l.Amount), l.Rule)
	}
}
