package reference_test

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/reference"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Calculate prices the months as the documentation says, and FromLedger
// puts the engine's ledger in the same terms: a test compares the two.
func Example() {
	d := decimal.RequireFromString
	rules := credits.Rules{
		Regime: credits.Points{Amber: d("0.5"), Red: d("1"), PointValue: d("0.1"),
			Weights: []credits.Weight{{KPI: "AVAIL", From: kpi.MustParseMonth("2021-04"), Points: d("10")}}},
		Caps:  credits.Caps{Month: &[]decimal.Decimal{d("0.5")}[0]},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	periods := []credits.Period{{Month: kpi.MustParseMonth("2021-04"), Year: 1, Charges: d("100000"), YearCharges: d("1200000"),
		Outcomes: []credits.Outcome{{KPI: "AVAIL", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: d("100000")}}}}
	want, err := reference.Calculate(rules, periods)
	if err != nil {
		fmt.Println(err)
		return
	}
	led, err := credits.Calculate(rules, periods)
	if err != nil {
		fmt.Println(err)
		return
	}
	m := want.Months[0]
	fmt.Println("credit", m.Lines[0].Amount.StringFixed(2), "cut", m.Cut.StringFixed(2), "total", m.Total.StringFixed(2))
	fmt.Println("engine agrees:", reference.FromLedger(led).String() == want.String())
	// Output:
	// credit 1000.00 cut -500.00 total 500.00
	// engine agrees: true
}
