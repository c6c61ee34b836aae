// Command incidents prints a worked example of one incident breaching
// several KPIs: in May, incident INC-7 made availability Red (2000.00),
// the fix time Red (1000.00) and the service desk Red (1000.00). All count
// pays 4000.00; highest only pays availability's 2000.00; the customer's
// choice pays the KPI the customer named, the fix time's 1000.00, and
// the ledger records the decision. contract.yaml holds the
// customer-choice rules; `servicecredit evaluate contract.yaml
// measurements.csv` prints the report testdata/contract.text.golden holds.
package main

import (
	"io"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/examples/internal/cli"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Rules are the example's rules under incident rule in, with the
// customer's decision for May's incident.
func Rules(in credits.IncidentRule) credits.Rules {
	from := kpi.MustParseMonth("2021-04")
	r := credits.Rules{
		Regime: credits.Points{
			Weights: []credits.Weight{
				{KPI: "AVAIL", From: from, Points: d("10")},
				{KPI: "FIX", From: from, Points: d("5")},
				{KPI: "DESK", From: from, Points: d("5")},
			},
			Amber: d("0.5"), Red: d("1"), PointValue: d("0.2"),
		},
		Money:     credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Incidents: credits.Incidents{Rule: in},
	}
	if in == credits.CustomerChoice {
		r.Incidents.Decisions = []credits.Decision{{Incident: "INC-7", Month: kpi.MustParseMonth("2021-05"), KPI: "FIX",
			DecidedBy: "Contract Manager, 2021-06-10", Note: "the fix time is the failure that hurt"}}
	}
	return r
}

func run(w io.Writer) error {
	p := cli.NewPrinter(w)
	o := func(id string) credits.Outcome {
		red := cli.Status(id, kpi.Red, d("100000"))
		red.Incidents = []string{"INC-7"}
		return red
	}
	may := credits.Period{Month: kpi.MustParseMonth("2021-05"), Year: 1, Charges: d("100000"), YearCharges: d("1200000"),
		Outcomes: []credits.Outcome{o("AVAIL"), o("FIX"), o("DESK")}}
	for _, in := range []credits.IncidentRule{credits.AllCount, credits.HighestOnly, credits.CustomerChoice} {
		led, err := credits.Calculate(Rules(in), []credits.Period{may})
		if err != nil {
			return err
		}
		p.Printf("%s: credit %s\n", in, led.Total.StringFixed(2))
		for _, l := range led.Lines {
			p.Printf("  %-5s %8s  %s\n", l.KPI, l.Amount.StringFixed(2), l.Rule)
		}
	}
	return p.Err()
}

func main() { cli.Main("incidents", run) }

// d reads a decimal written in the source.
var d = decimal.RequireFromString
