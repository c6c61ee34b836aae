package report

import (
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
)

// ForOrg returns the part of r about organisation org: each month's cells
// for org only, with the board summary recounted from them, and the
// ledger's credit lines for org. The ledger's cap and withholding lines
// and its monthly, yearly and overall totals are the whole contract's,
// because caps and withholdings apply to the contract as a whole. An empty org returns r itself. r is not
// modified.
func ForOrg(r *contract.Result, org string) *contract.Result {
	if org == "" {
		return r
	}
	out := &contract.Result{Months: make([]contract.Month, len(r.Months))}
	for i, m := range r.Months {
		fm := m
		fm.Cells = nil
		fm.Summary = contract.Summary{}
		for _, c := range m.Cells {
			if c.Measured.Org != org {
				continue
			}
			fm.Cells = append(fm.Cells, c)
			fm.Summary.Add(&c)
		}
		out.Months[i] = fm
	}
	led := &credits.Ledger{Months: r.Ledger.Months, Years: r.Ledger.Years, Total: r.Ledger.Total, Events: r.Ledger.Events}
	for _, l := range r.Ledger.Lines {
		if l.Kind != credits.CreditLine || l.Org == org {
			led.Lines = append(led.Lines, l)
		}
	}
	out.Ledger = led
	return out
}
