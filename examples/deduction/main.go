// Command deduction prints a worked example of a performance-percentage
// deduction: 10 points at risk on an availability KPI required at 99.5%,
// a point worth 1000.00. The points are an exact fraction, priced
// unrounded and rounded once as money: in April, 98.2% gives
// 10 x (1.8 - 0.5) / 99.5 = 0.130653266... points, 130.65 where points
// rounded to 0.13 first would give 130.00.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Rules are the deduction of 10 points at risk on AVAIL, required at
// 99.5%, each point worth 1000.00: contract.yaml holds them too.
func Rules() credits.Rules {
	return credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"AVAIL"}, Deduction: &scheme.Deduction{
				Direction: kpi.HigherIsBetter, Required: d("99.5"), Available: d("10"), Value: scheme.AsMeasured}}},
			Price: scheme.Price{Basis: scheme.PerPoint, Value: d("1000")},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
}

// Values are the months' measured availability from April 2021.
var Values = []string{"98.2", "99.49", "99.7", "97"}

func run(w io.Writer) error {
	return cli.Monthly(w, Rules(), cli.Series{KPI: "AVAIL", TSL: "99.5", MSL: "99", From: kpi.MustParseMonth("2021-04"),
		Charges: d("100000"), Values: Values})
}

func main() { cli.Main("deduction", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
