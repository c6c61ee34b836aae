// Command ratchet prints service points priced with a free allowance and
// marginal ratchet bands (points 21-100 at x1.0, 101-200 at x1.2, 201 on
// at x1.5), the same points looked up in a table of total points to a
// percentage of the bill, and the rolling 12-month and two-limb caps with
// the triggers they raise.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

func scores() []scheme.Score {
	return []scheme.Score{
		{KPIs: []string{"A"}, Status: &scheme.StatusScore{Amber: d("40"), Red: d("120")}},
		{KPIs: []string{"B"}, Status: &scheme.StatusScore{Amber: d("50"), Red: d("130")}},
	}
}

// ratchetPrice is a point worth 10.00 after a 20-point allowance, x1.2
// above 100 points and x1.5 above 200.
func ratchetPrice() scheme.Price {
	return scheme.Price{Basis: scheme.PerPoint, Value: d("10"), Allowance: d("20"), Ratchet: []scheme.Ratchet{
		{Above: d("100"), Multiplier: d("1.2")}, {Above: d("200"), Multiplier: d("1.5")}}}
}

// RollingRules are the third case's rules, which contract.yaml holds: the
// ratchet price, a rolling 12-month cap of 0.15% and two triggers.
func RollingRules() credits.Rules {
	rolling := d("0.15")
	return credits.Rules{Regime: scheme.Scheme{Scores: scores(), Price: ratchetPrice()},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Caps:  credits.Caps{Rolling: &rolling},
		Triggers: []credits.Trigger{
			{Name: "cap reached", Kind: credits.CapReached},
			{Name: "termination", Kind: credits.PointsInWindow, Points: d("400"), Months: 12},
		}}
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	ws := cli.Windows(kpi.MustParseMonth("2021-04"), kpi.MustParseMonth("2023-03"), "A", "B")
	months := func(n int, a, b kpi.Status) []credits.Period {
		var ps []credits.Period
		for i := range n {
			ps = append(ps, credits.Period{Month: kpi.MustParseMonth("2021-04").AddMonths(i), Year: i/12 + 1,
				Charges: d("100000"), YearCharges: d("1200000"), Outcomes: []credits.Outcome{cli.Status("A", a, d("100000")), cli.Status("B", b, d("100000"))}})
		}
		return ps
	}
	print := func(title string, rules credits.Rules, ps []credits.Period, lines bool) error {
		if err := rules.Validate(ws); err != nil {
			return err
		}
		led, err := credits.Calculate(rules, ps)
		if err != nil {
			return err
		}
		p.Printf("%s\n", title)
		if lines {
			for _, l := range led.Lines {
				p.Printf("  %s %-3s %9s  %s\n", l.Month.Pack(), cli.Label(l), l.Amount.StringFixed(2), l.Rule)
			}
		}
		for _, m := range led.Months {
			p.Printf("  %s uncapped %9s cut %9s credit %9s\n", m.Month.Pack(), m.Uncapped.StringFixed(2), m.Cut.StringFixed(2), m.Total.StringFixed(2))
		}
		for _, e := range led.Events {
			p.Printf("  event %s %s: %s\n", e.Month.Pack(), e.Trigger, e.Detail)
		}
		p.Printf("  total %s\n", led.Total.StringFixed(2))
		return p.Err()
	}
	money := credits.Money{Places: 2, Rounding: kpi.HalfUp}
	ratchet := ratchetPrice()
	if err := print("Per-point with a 20-point allowance and ratchets: A Red (120), B Red (130)",
		credits.Rules{Regime: scheme.Scheme{Scores: scores(), Price: ratchet}, Money: money},
		months(1, kpi.Red, kpi.Red), true); err != nil {
		return err
	}
	table := scheme.Price{Basis: scheme.PointsTable, Table: []scheme.TableRow{
		{Points: d("50"), Percent: d("1")}, {Points: d("100"), Percent: d("2.5")}, {Points: d("200"), Percent: d("5")}}}
	if err := print("Points table: 50+ points 1%, 100+ 2.5%, 200+ 5% of the bill: A Amber (40), B Red (130)",
		credits.Rules{Regime: scheme.Scheme{Scores: scores(), Price: table}, Money: money},
		months(1, kpi.Amber, kpi.Red), true); err != nil {
		return err
	}
	if err := print("Rolling 12-month cap of 0.15% of charges, A Amber every month, with triggers",
		RollingRules(), months(14, kpi.Amber, kpi.Green), false); err != nil {
		return err
	}
	return print("Two-limb cap: year 1 at 1% of estimated charges 600000.00, later years at 1% of the 12 months before; A Red every month",
		credits.Rules{Regime: scheme.Scheme{Scores: scores(), Price: ratchet}, Money: money,
			Caps: credits.Caps{TwoLimb: &credits.TwoLimb{First: d("1"), Estimate: d("600000"), Later: d("1")}}},
		months(15, kpi.Red, kpi.Green), false)
}

func main() { cli.Main("ratchet", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
