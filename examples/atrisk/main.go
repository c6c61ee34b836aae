// Command atrisk prints a US state outsourcing contract's at-risk pool
// (the Texas DIR model) whose allocation is above 100%: invoice
// 100,000.00, the At-Risk Amount 10% of it (10,000.00), and 150% of that
// allocated over two categories of 75% each. A Red month of UPTIME (40%
// of hosting's 75%) costs 10% x 75% x 40% = 3% of the invoice, 3,000.00;
// BACKUP 4,500.00; P1-FIX and P2-FIX 3,750.00 each. In June every KPI
// fails: 15,000.00, 150% of the At-Risk Amount, and the monthly cap cuts
// it to 10,000.00.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Rules are the pool's rules: 10% of the invoice at risk, 150% of it
// allocated, a month capped at the At-Risk Amount.
func Rules() credits.Rules {
	atRisk := d("10")
	return credits.Rules{
		Regime: credits.Pool{
			AtRisk: atRisk, Available: d("150"), Amber: d("0"), Red: d("1"),
			Categories: []credits.PoolCategory{
				{Name: "hosting", Share: d("75"), KPIs: []credits.PoolKPI{{KPI: "UPTIME", Share: d("40")}, {KPI: "BACKUP", Share: d("60")}}},
				{Name: "service desk", Share: d("75"), KPIs: []credits.PoolKPI{{KPI: "P1-FIX", Share: d("50")}, {KPI: "P2-FIX", Share: d("50")}}},
			},
		},
		Caps:  credits.Caps{Month: &atRisk},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	rules := Rules()
	ids := []string{"UPTIME", "BACKUP", "P1-FIX", "P2-FIX"}
	if err := rules.Validate(cli.Windows(kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2022-03"), ids...)); err != nil {
		return err
	}
	G, A, R := kpi.Green, kpi.Amber, kpi.Red
	led, err := credits.Calculate(rules, []credits.Period{
		cli.Month("2021-04", d("100000"), ids, R, G, G, G),
		cli.Month("2021-05", d("100000"), ids, R, R, A, G),
		cli.Month("2021-06", d("100000"), ids, R, R, R, R),
	})
	if err != nil {
		return err
	}
	p.Lines(led)
	for _, m := range led.Months {
		p.Printf("%s credit %s of invoice %s (uncapped %s; at risk %s)\n", m.Month.Pack(), m.Total.StringFixed(2), m.Charges.StringFixed(2),
			m.Uncapped.StringFixed(2), m.Charges.Mul(d("10")).Shift(-2).StringFixed(2))
	}
	return p.Err()
}

func main() { cli.Main("atrisk", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
