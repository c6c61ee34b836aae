// Command critical prints a worked example of a critical service level
// failure: availability below its minimum (Red), or a P1 fix time above 8
// hours, withholds the month's whole charges in place of its service
// credits. A fix time of exactly 8.0 hours meets the critical level and
// is credited as usual. The monthly and annual caps never cut the
// withholding, and it uses none of their headroom. contract.yaml holds
// the same rules; `servicecredit evaluate contract.yaml measurements.csv`
// prints the report testdata/contract.text.golden holds.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Rules give AVAIL, FIX and DESK points, monthly and annual caps, and
// the critical levels: AVAIL Red, FIX above 8 hours. contract.yaml holds
// them too.
func Rules() credits.Rules {
	monthCap, yearCap, fixLevel := d("2"), d("0.3"), d("8")
	from := kpi.MustParseMonth("2021-04")
	return credits.Rules{
		Regime: credits.Points{
			Weights: []credits.Weight{
				{KPI: "AVAIL", From: from, Points: d("10")},
				{KPI: "FIX", From: from, Points: d("5")},
				{KPI: "DESK", From: from, Points: d("5")},
			},
			Amber: d("0.5"), Red: d("1"), PointValue: d("0.2"),
		},
		Caps:  credits.Caps{Month: &monthCap, Year: &yearCap},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Critical: credits.Critical{KPIs: []credits.CriticalKPI{
			{KPI: "AVAIL", Red: true},
			{KPI: "FIX", Level: &fixLevel},
		}},
	}
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	rules := Rules()
	if err := rules.Validate(cli.Windows(kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2023-03"), "AVAIL", "FIX", "DESK")); err != nil {
		return err
	}
	charges := d("100000")
	fix := func(s kpi.Status, hours string) credits.Outcome {
		o := cli.Status("FIX", s, charges)
		o.Measured = &kpi.Result{KPI: "FIX", Status: s, Value: d(hours), Rounded: d(hours),
			Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Direction: kpi.LowerIsBetter, Kind: kpi.KPI}
		return o
	}
	G, A, R := kpi.Green, kpi.Amber, kpi.Red
	months := []struct {
		month   string
		avail   kpi.Status
		fix     credits.Outcome
		desk    kpi.Status
		comment string
	}{
		{"2021-05", R, fix(A, "5.0"), R, "availability Red: critical"},
		{"2021-06", A, fix(R, "8.0"), G, "fix time exactly 8.0 hours: Red, not critical"},
		{"2021-07", G, fix(R, "8.1"), A, "fix time 8.1 hours: critical"},
	}
	var periods []credits.Period
	for _, m := range months {
		periods = append(periods, credits.Period{Month: kpi.MustParseMonth(m.month), Year: 1, Charges: charges, YearCharges: d("1200000"),
			Outcomes: []credits.Outcome{cli.Status("AVAIL", m.avail, charges), m.fix, cli.Status("DESK", m.desk, charges)}})
	}
	led, err := credits.Calculate(rules, periods)
	if err != nil {
		return err
	}
	for i, m := range led.Months {
		p.Printf("%s: %s\n", m.Month.Pack(), months[i].comment)
		for _, l := range led.Lines {
			if l.Month != m.Month {
				continue
			}
			p.Printf("  %-8s %10s  %s\n", cli.Label(l), l.Amount.StringFixed(2), l.Rule)
		}
		p.Printf("  critical %t: withheld %s, uncapped %s, cut %s, credit %s\n", m.Critical,
			m.Withheld.StringFixed(2), m.Uncapped.StringFixed(2), m.Cut.StringFixed(2), m.Total.StringFixed(2))
	}
	p.Printf("total %s\n", led.Total.StringFixed(2))
	return p.Err()
}

func main() { cli.Main("critical", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
