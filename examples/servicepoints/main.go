// Command servicepoints prints service points priced as a per cent of the
// charges, as the UK Model Services Agreement prices them (service credit
// = service points x 0.5% x the month's charges): availability scored in
// bands with the repeat-failure doubling, and security breaches, whose
// target and minimum are both none at all (TSL equal to MSL, so no amber),
// scored red only. Each line keeps its points, which the termination
// trigger counts, and names the band it fell in.
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

// Rules are the example's rules: AVAIL in the MSA's bands (target 99%
// scores 0; Minor 98.0-98.9 1 point; Serious 97.0-97.9 2; Severe
// 96.0-96.9 3; below 96 4), rounded to one place first; BREACH 4 points
// when red, and no amber score, since it has no amber; a failure after a
// failure in the previous period x2; a point worth 0.5% of the charges; a
// termination right at 10 points within 3 months and a rectification plan
// for every Material failure.
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
			Scores: []scheme.Score{
				{KPIs: []string{"AVAIL"}, Bands: &bands},
				{KPIs: []string{"BREACH"}, Status: &scheme.StatusScore{Red: d("4"), NoAmber: true}},
			},
			Repeat:    scheme.Repeat{Multiplier: d("2"), Nth: 2, Within: 2},
			Mitigated: scheme.MitigatedBreaks,
			Price:     scheme.Price{Basis: scheme.PercentPerPoint, Percent: d("0.5")},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Triggers: []credits.Trigger{
			{Name: "termination", Kind: credits.PointsInWindow, Points: d("10"), Months: 3},
			{Name: "rectification plan", Kind: credits.MaterialFailure},
		},
	}
}

// Definitions are the two KPIs: availability (99%, 98%) and security
// breaches (none at all, a count where lower is better).
func Definitions() []kpi.Definition {
	return []kpi.Definition{
		{ID: "AVAIL", Name: "Service availability", Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
			Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("99", "98"))},
		{ID: "BREACH", Name: "Security breaches", Unit: kpi.Count, Direction: kpi.LowerIsBetter, Kind: kpi.KPI,
			Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}, Schedule: kpi.Constant(kpi.MustLevels("0", "0"))},
	}
}

// Values are each KPI's measurements, a month each from April 2021: AVAIL's,
// then BREACH's.
var Values = [][]string{{"98.5", "96.5", "99.2"}, {"0", "2", "1"}}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	led, err := cli.Ledger(Rules(), kpi.MustParseMonth("2021-04"), d("200000"), Definitions(), Values)
	if err != nil {
		return err
	}
	for _, l := range led.Lines {
		band := l.Band()
		if band == "" {
			band = "-"
		}
		p.Printf("%s %-6s %s points %9s  band %s  %s\n", l.Month.Pack(), l.KPI, kpi.FormatValue(l.Points), l.Amount.StringFixed(2), band, l.Rule)
	}
	for _, e := range led.Events {
		p.Printf("%s event %s: %s\n", e.Month.Pack(), e.Trigger, e.Detail)
	}
	p.Printf("total %s\n", led.Total.StringFixed(2))
	return p.Err()
}

func main() { cli.Main("servicepoints", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
