package contract_test

import (
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// FuzzEvaluate evaluates generated contracts whose measurements the fuzzer
// rewrites: any value, any absence, any month. Evaluate must never panic;
// it returns an error or a result whose lines add up to its totals.
func FuzzEvaluate(f *testing.F) {
	f.Add(uint64(1), uint8(3), uint8(12), uint8(1), []byte{0, 5, 200, 17})
	f.Add(uint64(7), uint8(8), uint8(30), uint8(2), []byte{255, 255, 0, 0, 3, 9})
	f.Add(uint64(42), uint8(1), uint8(1), uint8(1), []byte{})
	f.Fuzz(func(t *testing.T, seed uint64, kpis, months, orgs uint8, edits []byte) {
		p := synth.Generate(seed, 0, synth.Shape{KPIs: 1 + int(kpis%10), Months: 1 + int(months%36), Orgs: 1 + int(orgs%3)})
		ms := append([]kpi.Measurement(nil), p.Measurements...)
		for i := 0; i+3 < len(edits) && len(ms) > 0; i += 4 {
			m := &ms[int(edits[i])%len(ms)]
			switch edits[i+1] % 5 {
			case 0: // any value, up to 20 decimal places, possibly illegal
				m.Value = decimal.New(int64(edits[i+2])*int64(edits[i+3])-3000, -int32(edits[i+3]%21))
				m.Absent = 0
			case 1:
				m.Absent = kpi.Absence(edits[i+2] % 7)
			case 2: // a month outside the KPI's window or the contract
				m.Month = m.Month.AddMonths(int(edits[i+2]) - 128)
			case 3:
				m.Org = string(rune('A' + edits[i+2]%4))
			case 4: // counts, possibly inconsistent
				m.Numerator, m.Denominator, m.HasCounts = decimal.New(int64(edits[i+2]), 0), decimal.New(int64(edits[i+3]), 0), true
				m.FromCounts = edits[i+2]%2 == 0
				if m.FromCounts {
					m.Value = decimal.Decimal{}
				}
			}
		}
		reg, err := mitigation.NewRegister(p.Mitigations, p.Contract.MitigationScope())
		if err != nil {
			t.Fatalf("generated mitigations: %v", err)
		}
		res, err := p.Contract.Evaluate(contract.Input{Measurements: ms, Mitigations: reg})
		if err != nil {
			return
		}
		var total decimal.Decimal
		for _, l := range res.Ledger.Lines {
			total = total.Add(l.Amount)
		}
		if !total.Equal(res.Ledger.Total) {
			t.Fatalf("lines add to %s, total %s", total, res.Ledger.Total)
		}
	})
}
