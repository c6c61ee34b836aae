// Command shortfall prints the Crown Commercial call-off worked example of
// a shortfall service credit (target 98%, actual 75%, rate 1: 23% of the
// period's charges), and the same failure measured in whole steps.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Case is one of the examples: a shortfall rule and the value it scores.
type Case struct {
	Name      string
	Shortfall scheme.Shortfall
	Value     string
}

// Cases are the examples, in order; contract.yaml scores RESOLVE-1,
// RESOLVE-2 and RESOLVE-3 by them.
func Cases() []Case {
	return []Case{
		{"worked example: target 98%, actual 75%, rate 1", scheme.Shortfall{Direction: kpi.HigherIsBetter, Target: d("98"), Rate: d("1"), Value: scheme.AsMeasured}, "75"},
		{"each full 1%: actual 96.4%", scheme.Shortfall{Direction: kpi.HigherIsBetter, Target: d("98"), Rate: d("1"), Step: d("1"), Value: scheme.AsMeasured}, "96.4"},
		{"every whole 0.1 point, rounded to one place first: actual 97.46%", scheme.Shortfall{Direction: kpi.HigherIsBetter, Target: d("98"), Rate: d("1"), Step: d("0.1"),
			Value: scheme.TableRounded, Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}}, "97.46"},
	}
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	for _, c := range Cases() {
		sf := c.Shortfall
		rules := credits.Rules{
			Regime: scheme.Scheme{Scores: []scheme.Score{{KPIs: []string{"RESOLVE"}, Shortfall: &sf}}, Price: scheme.Price{Basis: scheme.PercentOfCharges}},
			Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
		}
		if err := rules.Validate(cli.Windows(kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2022-03"), "RESOLVE")); err != nil {
			return err
		}
		o := cli.Measured("RESOLVE", c.Value, "98", "98", kpi.MustParseMonth("2021-04"), d("100000"))
		led, err := credits.Calculate(rules, []credits.Period{{Month: kpi.MustParseMonth("2021-04"), Year: 1,
			Charges: d("100000"), YearCharges: d("1200000"), Outcomes: []credits.Outcome{o}}})
		if err != nil {
			return err
		}
		p.Printf("%s\n  %s\n  credit %s\n", c.Name, led.Lines[0].Rule, led.Total.StringFixed(2))
	}
	return p.Err()
}

func main() { cli.Main("shortfall", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
