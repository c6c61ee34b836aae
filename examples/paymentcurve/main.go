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
	"fmt"
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

// Values are each month's measured values from April 2021: availability
// per cent, then late reports.
var Values = [][2]string{{"98.40", "0"}, {"97.10", "0"}, {"96.50", "1"}, {"97.05", "0"}, {"94.20", "0"}, {"89.00", "2"}}

func run(w io.Writer) error {
	rules := Rules()
	from := kpi.MustParseMonth("2021-04")
	var ws []credits.Window
	for _, def := range definitions {
		ws = append(ws, credits.Window{KPI: def.ID, From: from, To: from.AddMonths(11)})
	}
	if err := rules.Validate(ws); err != nil {
		return err
	}
	charges := d("250000")
	var periods []credits.Period
	for i, vs := range Values {
		m := from.AddMonths(i)
		p := credits.Period{Month: m, Year: 1, Charges: charges, YearCharges: charges.Mul(decimal.NewFromInt(12))}
		for j, def := range definitions {
			r := kpi.Classify(def, kpi.Measurement{KPI: def.ID, Month: m, Value: d(vs[j])})
			p.Outcomes = append(p.Outcomes, credits.Outcome{KPI: def.ID, Kind: kpi.KPI, Raw: r.Status, Status: r.Status, Charges: charges, Measured: &r})
		}
		periods = append(periods, p)
	}
	led, err := credits.Calculate(rules, periods)
	if err != nil {
		return err
	}
	for _, l := range led.Lines {
		name := l.KPI
		if l.Kind == credits.CapLine {
			name = "cap"
		}
		if _, err := fmt.Fprintf(w, "%s %-7s %9s  %s\n", l.Month.Pack(), name, l.Amount.StringFixed(2), l.Rule); err != nil {
			return err
		}
	}
	for _, m := range led.Months {
		if _, err := fmt.Fprintf(w, "%s credit %s (uncapped %s)\n", m.Month.Pack(), m.Total.StringFixed(2), m.Uncapped.StringFixed(2)); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(w, "total %s\n", led.Total.StringFixed(2))
	return err
}

func main() { cli.Main("paymentcurve", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
