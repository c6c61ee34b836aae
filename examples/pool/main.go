// Command pool prints the US state outsourcing worked example of an
// at-risk pool: invoice 100,000, 10% at risk, the category 50% of the
// pool and the KPI 40% of the category: 2,000. A second month in which
// every KPI fails shows that the month never loses more than the amount
// at risk.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

func alloc(cat, catShare, kpiShare string) *scheme.Allocation {
	return &scheme.Allocation{AtRisk: d("10"), Category: cat, CategoryShare: d(catShare), KPIShare: d(kpiShare)}
}

// Rules are the pool's rules: 10% of the invoice at risk, split between
// the hosting and service desk categories, with a monthly cap of 10%.
func Rules() credits.Rules {
	atRisk := d("10")
	return credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{
				{KPIs: []string{"UPTIME"}, Allocation: alloc("hosting", "50", "40")},
				{KPIs: []string{"BACKUP"}, Allocation: alloc("hosting", "50", "60")},
				{KPIs: []string{"P1-FIX", "P2-FIX"}, Allocation: alloc("service desk", "50", "50")},
			},
			Price: scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Caps:  credits.Caps{Month: &atRisk},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	atRisk := d("10")
	rules := Rules()
	ids := []string{"UPTIME", "BACKUP", "P1-FIX", "P2-FIX"}
	if err := rules.Validate(cli.Windows(kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2022-03"), ids...)); err != nil {
		return err
	}
	led, err := credits.Calculate(rules, []credits.Period{
		cli.Month("2021-04", d("100000"), ids, kpi.Red, kpi.Green, kpi.Green, kpi.Green),
		cli.Month("2021-05", d("100000"), ids, kpi.Red, kpi.Red, kpi.Red, kpi.Red),
	})
	if err != nil {
		return err
	}
	p.Lines(led)
	for _, m := range led.Months {
		p.Printf("%s credit %s of invoice %s (at risk %s)\n", m.Month.Pack(), m.Total.StringFixed(2), m.Charges.StringFixed(2),
			m.Charges.Mul(atRisk).Shift(-2).StringFixed(2))
	}
	return p.Err()
}

func main() { cli.Main("pool", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
