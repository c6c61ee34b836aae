// Command shortfall-bands prints a worked example of a shortfall looked up
// in bands of a percentage of the charges: below a 98% target, up to 1
// point short costs 2% of the month's charges, over 1 up to 3 points 5%,
// over 3 points 10%. Each boundary is shown from both sides.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

func at(s string) *decimal.Decimal { v := d(s); return &v }

// Rules look RESOLVE's shortfall below 98% up in three bands of a per
// cent of the charges, as contract.yaml does.
func Rules() credits.Rules {
	return credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"RESOLVE"}, ShortfallBands: &scheme.ShortfallBands{
				Direction: kpi.HigherIsBetter, Target: d("98"), Value: scheme.AsMeasured,
				Bands: []scheme.Band{
					{Name: "slight", Min: at("0"), Max: at("1"), Points: d("2")},
					{Name: "marked", Min: at("1"), MinEdge: kpi.Strict, Max: at("3"), Points: d("5")},
					{Name: "severe", Min: at("3"), MinEdge: kpi.Strict, Points: d("10"), Material: true},
				}}}},
			Price: scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
}

// Values are the months' measured values from April 2021.
var Values = []string{"97.5", "97", "96.99", "95", "94.99"}

func run(w io.Writer) error {
	return cli.Monthly(w, Rules(), cli.Series{KPI: "RESOLVE", TSL: "98", MSL: "98", From: kpi.MustParseMonth("2021-04"),
		Charges: d("100000"), Values: Values})
}

func main() { cli.Main("shortfall-bands", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
