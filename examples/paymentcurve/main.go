// Command paymentcurve prints a worked example of payment curves, as
// performance-based contracts (Australian Defence ASDEFCON style) write
// them: a share of the monthly charges rides on each KPI, and the measured
// value earns a share of it read from a curve of listed points, straight
// lines between them and flat beyond the ends. The credit is what is not
// earned. Availability carries 8% of the charges of 250,000.00 on a curve
// of two slopes (90% earns nothing, 95% earns 60%, 98% everything); the
// monthly reports carry 2% all or none (a step: no late report earns it
// all); a month loses at most 9% of its charges. Each figure is worked by
// hand in the example's README.md.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// points are the points of a curve: value, earned, value, earned, ...
func points(vs ...string) []scheme.CurvePoint {
	var out []scheme.CurvePoint
	for i := 0; i+1 < len(vs); i += 2 {
		out = append(out, scheme.CurvePoint{Value: d(vs[i]), Earned: d(vs[i+1])})
	}
	return out
}

// Rules are the example's rules, as contract.yaml writes them.
func Rules() credits.Rules {
	monthCap := d("9")
	return credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{
				{KPIs: []string{"AVAIL"}, Curve: &scheme.Curve{Direction: kpi.HigherIsBetter, Linked: d("8"), Value: scheme.AsMeasured,
					EarnedPrecision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Points: points("90", "0", "95", "60", "98", "100")}},
				{KPIs: []string{"REPORTS"}, Curve: &scheme.Curve{Direction: kpi.LowerIsBetter, Linked: d("2"), Value: scheme.AsMeasured,
					EarnedPrecision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}, Points: points("0", "100", "0", "0")}},
			},
			Price: scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Caps:  credits.Caps{Month: &monthCap},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
}

// definitions are the two KPIs, as contract.yaml defines them.
var definitions = []kpi.Definition{
	{ID: "AVAIL", Name: "Service availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("98", "95"))},
	{ID: "REPORTS", Name: "Monthly reports delivered late", Unit: kpi.Count, Direction: kpi.LowerIsBetter, Kind: kpi.KPI,
		Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("0", "0"))},
}

// Values are each KPI's measured values, a month each from April 2021:
// availability per cent, then late reports.
var Values = [][]string{
	{"98.40", "97.10", "96.50", "97.05", "94.20", "89.00"},
	{"0", "0", "1", "0", "0", "2"},
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	led, err := cli.Ledger(Rules(), kpi.MustParseMonth("2021-04"), d("250000"), definitions, Values)
	if err != nil {
		return err
	}
	p.Lines(led)
	for _, m := range led.Months {
		p.Printf("%s credit %s (uncapped %s)\n", m.Month.Pack(), m.Total.StringFixed(2), m.Uncapped.StringFixed(2))
	}
	p.Printf("total %s\n", led.Total.StringFixed(2))
	return p.Err()
}

func main() { cli.Main("paymentcurve", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
