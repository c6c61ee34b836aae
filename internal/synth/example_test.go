package synth_test

import (
	"fmt"

	"github.com/servicecredit/engine/internal/synth"
)

// The same seed gives the same contract, measurements and ledger on every
// machine, and every regime credits the same measurements its own way.
func Example() {
	credit := func(p synth.Portfolio) string {
		in, err := p.Input()
		if err != nil {
			return err.Error()
		}
		res, err := p.Contract.Evaluate(in)
		if err != nil {
			return err.Error()
		}
		return res.Ledger.Total.StringFixed(2)
	}
	shape := synth.Shape{KPIs: 4, Months: 12, Orgs: 1}
	p := synth.Generate(2026, 1, shape)
	fmt.Println(p.Contract.Name, len(p.Contract.KPIs), "KPIs,", len(p.Measurements), "measurements")
	for _, g := range synth.Regimes() {
		shape.Regime = g
		fmt.Printf("%-15s credit %s\n", g, credit(synth.Generate(2026, 1, shape)))
	}
	// Output:
	// synthetic contract 1 4 KPIs, 43 measurements
	// points          credit 19655.53
	// none            credit 0.00
	// status          credit 108444.48
	// bands           credit 72748.19
	// shortfall       credit 18074.08
	// shortfall-bands credit 134200.07
	// deduction       credit 15814.83
	// allocation      credit 753463.21
	// pool            credit 162666.72
}
