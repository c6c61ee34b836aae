// Command modelservices prints the UK Model Services Agreement's worked
// examples of banded service points (Schedule 2.2 style) with the
// repeat-failure multiplier, and the triggers they raise: three runs of
// monthly availability against a 99% target.
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

// Rules are the worked examples' rules: target 99% scores 0; Minor
// 98.0-98.9 1 point; Serious 97.0-97.9 2; Severe 96.0-96.9 3; below the
// KPI Service Threshold of 96 4; values rounded to one place first; a
// failure after a failure in the previous period x2; a point worth
// 100.00; a rectification plan for every Material failure.
func Rules() credits.Rules {
	bands := scheme.Bands{
		Direction: kpi.HigherIsBetter,
		Value:     scheme.TableRounded,
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp},
		Bands: []scheme.Band{
			{Name: "target", Min: at("99"), Points: d("0")},
			{Name: "minor", Min: at("98.0"), Max: at("98.9"), Points: d("1")},
			{Name: "serious", Min: at("97.0"), Max: at("97.9"), Points: d("2"), Material: true},
			{Name: "severe", Min: at("96.0"), Max: at("96.9"), Points: d("3"), Material: true},
			{Name: "below threshold", Max: at("96"), MaxEdge: kpi.Strict, Points: d("4"), Material: true},
		},
	}
	return credits.Rules{
		Regime: scheme.Scheme{
			Scores:    []scheme.Score{{KPIs: []string{"AVAIL"}, Bands: &bands}},
			Repeat:    scheme.Repeat{Multiplier: d("2"), Nth: 2, Within: 2},
			Mitigated: scheme.MitigatedBreaks,
			Price:     scheme.Price{Basis: scheme.PerPoint, Value: d("100")},
		},
		Money:    credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Triggers: []credits.Trigger{{Name: "rectification plan", Kind: credits.MaterialFailure}},
	}
}

// Examples are the three worked examples' measurements, month by month.
var Examples = [][]string{{"98.5", "96.5", "96.5"}, {"96.5", "98.5", "96.5"}, {"98.5"}}

// ledger runs the rules on a worked example's values, month by month from
// April 2021.
func ledger(values []string) (*credits.Ledger, error) {
	var periods []credits.Period
	for j, v := range values {
		m := kpi.MustParseMonth("2021-04").AddMonths(j)
		periods = append(periods, credits.Period{Month: m, Year: 1, Charges: d("100000"), YearCharges: d("1200000"),
			Outcomes: []credits.Outcome{cli.Measured("AVAIL", v, "99", "98", m, d("100000"))}})
	}
	return credits.Calculate(Rules(), periods)
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	rules := Rules()
	if err := rules.Validate(cli.Windows(kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2022-03"), "AVAIL")); err != nil {
		return err
	}
	for i, values := range Examples {
		led, err := ledger(values)
		if err != nil {
			return err
		}
		p.Printf("Example %d\n", i+1)
		for j, l := range led.Lines {
			p.Printf("  period %d  %5s%%  %s points  %8s  %s\n", j+1, values[j], kpi.FormatValue(l.Points), l.Amount.StringFixed(2), l.Rule)
		}
		for _, e := range led.Events {
			p.Printf("  event %s: %s\n", e.Trigger, e.Detail)
		}
		p.Printf("  total %s\n", led.Total.StringFixed(2))
	}
	return p.Err()
}

func main() { cli.Main("modelservices", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
