package synth_test

import (
	"fmt"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/mitigation"
)

// The same seed gives the same contract, measurements and ledger on every
// machine.
func Example() {
	p := synth.Generate(2026, 1, synth.Shape{KPIs: 4, Months: 12, Orgs: 1})
	reg, err := mitigation.NewRegister(p.Mitigations, p.Contract.MitigationScope())
	if err != nil {
		fmt.Println(err)
		return
	}
	res, err := p.Contract.Evaluate(contract.Input{Measurements: p.Measurements, Mitigations: reg})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Contract.Name, len(p.Contract.KPIs), "KPIs,", len(p.Measurements), "measurements")
	fmt.Println("credit", res.Ledger.Total.StringFixed(2))
	// Output:
	// synthetic contract 1 4 KPIs, 43 measurements
	// credit 19655.53
}
