package scheme_test

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// A payment curve, ASDEFCON style: 8% of the monthly charges of 250,000
// ride on availability; 90% earns none of it, 95% earns 60%, 98% all of
// it, with straight lines between, and the share earned is rounded to 2
// places half-up. 96.5% earns 60 + 1.5 x 40 / 3 = 80%, so the credit is
// 20% of the 8%: 1.6% of the charges, 4,000.00.
func ExampleCurve() {
	d := decimal.RequireFromString
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores: []scheme.Score{{KPIs: []string{"AVAIL"}, Curve: &scheme.Curve{
				Direction: kpi.HigherIsBetter, Linked: d("8"), Value: scheme.AsMeasured,
				EarnedPrecision: kpi.Precision{Places: 2, Rounding: kpi.HalfUp},
				Points: []scheme.CurvePoint{
					{Value: d("90"), Earned: d("0")},
					{Value: d("95"), Earned: d("60")},
					{Value: d("98"), Earned: d("100")},
				}}}},
			Price: scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	for i, v := range []string{"96.5", "97.05", "89"} {
		led := exampleMonth(rules, i, "250000", exampleOutcome("AVAIL", v, "250000"))
		if led == nil {
			return
		}
		fmt.Println(led.Lines[0].Rule)
	}
	// Output:
	// red: value 96.5 between point 2 (95, 60%) and point 3 (98, 100%) of curve (90, 0%) (95, 60%) (98, 100%): earned 60 + (96.5 - 95) x (100 - 60) / (98 - 95) = 80.00% (2 dp half-up); unearned 100 - 80.00 = 20.00% of linked 8% scores 1.6% of charges 250000.00 = 4000.00
	// red: value 97.05 between point 2 (95, 60%) and point 3 (98, 100%) of curve (90, 0%) (95, 60%) (98, 100%): earned 60 + (97.05 - 95) x (100 - 60) / (98 - 95) = 87.33% (2 dp half-up); unearned 100 - 87.33 = 12.67% of linked 8% scores 1.0136% of charges 250000.00 = 2534.00
	// red: value 89 below point 1 (90, 0%), the first of curve (90, 0%) (95, 60%) (98, 100%): earned 0.00%; unearned 100 - 0.00 = 100.00% of linked 8% scores 8% of charges 250000.00 = 20000.00
}
