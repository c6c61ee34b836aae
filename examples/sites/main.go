// Command sites prints a PFI-style deduction schedule for two facilities,
// LCC and NCC, priced both ways: the free allowance (20 points) and the
// ratchet (x1.5 above 40 points) applied to the month's points of both
// facilities together, and to each facility's own (Rules.PerOrganisation),
// as PFI schedules do. In April CLEAN is red (30 points) and REPAIR amber
// (10) at LCC, CLEAN red at NCC: together the month's 70 points cost 650.00
// (20 free, 20 at x1, 30 at x1.5); per facility LCC's 40 cost 200.00 and
// NCC's 30 cost 100.00, 300.00 in all. In May both KPIs are red at LCC
// (60 points: 20 free, 20 at x1, 20 at x1.5 = 500.00) and CLEAN amber at
// NCC (10 points, all free).
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Rules are the schedule's rules, the allowance and the ratchet applied to
// each facility on its own.
func Rules() credits.Rules {
	return credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"CLEAN", "REPAIR"}, Status: &scheme.StatusScore{Amber: d("10"), Red: d("30")}}},
			Price: scheme.Price{Basis: scheme.PerPoint, Value: d("10.00"), Allowance: d("20"),
				Ratchet: []scheme.Ratchet{{Above: d("40"), Multiplier: d("1.5")}}},
		},
		PerOrganisation: true,
		Money:           credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	type cell struct {
		id, org string
		status  kpi.Status
	}
	charges := map[string]decimal.Decimal{"LCC": d("60000"), "NCC": d("40000")}
	month := func(m string, cells ...cell) credits.Period {
		p := credits.Period{Month: kpi.MustParseMonth(m), Year: 1, Charges: d("100000"), YearCharges: d("1200000")}
		for _, c := range cells {
			o := cli.Status(c.id, c.status, charges[c.org])
			o.Org = c.org
			p.Outcomes = append(p.Outcomes, o)
		}
		return p
	}
	G, A, R := kpi.Green, kpi.Amber, kpi.Red
	periods := []credits.Period{
		month("2021-04", cell{"CLEAN", "LCC", R}, cell{"REPAIR", "LCC", A}, cell{"CLEAN", "NCC", R}, cell{"REPAIR", "NCC", G}),
		month("2021-05", cell{"CLEAN", "LCC", R}, cell{"REPAIR", "LCC", R}, cell{"CLEAN", "NCC", A}, cell{"REPAIR", "NCC", G}),
	}
	for _, perOrg := range []bool{false, true} {
		rules := Rules()
		rules.PerOrganisation = perOrg
		led, err := credits.Calculate(rules, periods)
		if err != nil {
			return err
		}
		how := "the month's points of both facilities together (the default)"
		if perOrg {
			how = "each facility's own points (per-organisation: true)"
		}
		p.Printf("Allowance and ratchet applied to %s:\n", how)
		byOrg := map[string]decimal.Decimal{}
		for _, l := range led.Lines {
			p.Printf("%s %-6s %-3s %8s  %s\n", l.Month.Pack(), l.KPI, l.Org, l.Amount.StringFixed(2), l.Rule)
			byOrg[l.Month.Pack()+" "+l.Org] = byOrg[l.Month.Pack()+" "+l.Org].Add(l.Amount)
		}
		for _, m := range led.Months {
			lcc, ncc := byOrg[m.Month.Pack()+" LCC"], byOrg[m.Month.Pack()+" NCC"]
			p.Printf("%s LCC %s + NCC %s = %s\n", m.Month.Pack(), lcc.StringFixed(2), ncc.StringFixed(2), m.Total.StringFixed(2))
		}
		p.Printf("Total %s\n\n", led.Total.StringFixed(2))
	}
	return p.Err()
}

func main() { cli.Main("sites", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
