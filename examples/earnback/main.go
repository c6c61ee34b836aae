// Command earnback prints a worked example of earn-back: the supplier
// earns back a KPI's service credits by doing well afterwards. AVAIL's
// credits come back in full when the 3 months due after them all meet its
// TSL; DESK's come back by half when its mean over the contract year is at
// least 90.0; FIX's never come back. Each earn-back is a ledger line of
// its own in the month it is earned, outside the monthly cap of 2500.00,
// and never returns more of a credit than the cap left of it.
// contract.yaml holds the same rules; `servicecredit evaluate
// contract.yaml measurements.csv` prints the report
// testdata/contract.text.golden holds; docs/contract-format.md works the
// figures by hand.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Rules give AVAIL 10 points and DESK and FIX 5, a monthly cap of 2.5%
// of the charges, and the earn-back rules. contract.yaml holds them too.
func Rules() credits.Rules {
	monthCap, mean := d("2.5"), d("90.0")
	from := kpi.MustParseMonth("2021-04")
	return credits.Rules{
		Regime: credits.Points{
			Weights: []credits.Weight{
				{KPI: "AVAIL", From: from, Points: d("10")},
				{KPI: "DESK", From: from, Points: d("5")},
				{KPI: "FIX", From: from, Points: d("5")},
			},
			Amber: d("0.5"), Red: d("1"), PointValue: d("0.2"),
		},
		Caps:  credits.Caps{Month: &monthCap},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		EarnBack: credits.EarnBack{KPIs: []credits.EarnBackKPI{
			{KPI: "AVAIL", Share: d("100"), Following: 3},
			{KPI: "DESK", Share: d("50"), YearMean: &mean},
		}},
	}
}

// definition is a KPI of the example, as contract.yaml defines it.
func definition(id string, dir kpi.Direction, tsl, msl string) kpi.Definition {
	return kpi.Definition{ID: id, Name: id, Unit: kpi.Percent, Direction: dir, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels(tsl, msl))}
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	rules := Rules()
	from, to := kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2023-03")
	if err := rules.Validate(cli.Windows(from, to, "AVAIL", "DESK", "FIX")); err != nil {
		return err
	}
	defs := []kpi.Definition{
		definition("AVAIL", kpi.HigherIsBetter, "99.5", "99.0"),
		definition("DESK", kpi.HigherIsBetter, "90", "85"),
		definition("FIX", kpi.LowerIsBetter, "4", "6"),
	}
	values := [][]string{ // a month each from April 2021, as measurements.csv has them
		{"99.6", "98.7", "99.5", "99.7", "99.6", "99.2", "98.5", "99.8", "99.5", "99.6", "99.7", "99.6", "99.6"},
		{"91.0", "87.0", "92.0", "93.0", "92.0", "91.0", "92.0", "84.0", "93.0", "92.0", "92.0", "92.0", "91.0"},
		{"3.5", "5.0", "3.0", "3.5", "2.5", "3.0", "3.5", "4.0", "3.5", "3.0", "2.5", "3.0", "3.5"},
	}
	led, err := credits.Calculate(rules, cli.Periods(from, d("100000"), defs, values))
	if err != nil {
		return err
	}
	for _, m := range led.Months {
		p.Printf("%s: uncapped %s, cut %s, earned back %s, credit %s\n", m.Month.Pack(),
			m.Uncapped.StringFixed(2), m.Cut.StringFixed(2), m.EarnedBack.StringFixed(2), m.Total.StringFixed(2))
		for _, l := range led.Lines {
			if l.Month != m.Month || l.Amount.IsZero() {
				continue
			}
			p.Printf("  %-15s %9s  %s\n", cli.Label(l), l.Amount.StringFixed(2), l.Rule)
		}
	}
	for _, y := range led.Years {
		p.Printf("year %d: uncapped %s, cut %s, earned back %s, credit %s\n", y.Year,
			y.Uncapped.StringFixed(2), y.Cut.StringFixed(2), y.EarnedBack.StringFixed(2), y.Total.StringFixed(2))
	}
	p.Printf("total %s\n", led.Total.StringFixed(2))
	return p.Err()
}

func main() { cli.Main("earnback", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
