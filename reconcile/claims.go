package reconcile

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/shopspring/decimal"
)

// ClaimLine is one line of a supplier's service-credit claim: the credit it
// puts on the invoice for a KPI in a month (for one organisation, or all),
// or for a month as a whole when KPI is empty.
type ClaimLine struct {
	Pos    pack.Pos        // the amount's place in the claims file: line and column
	Month  kpi.Month       // required
	KPI    string          // a credit-bearing KPI of the contract; empty for the month's total
	Org    string          // an organisation; empty for every organisation
	Amount decimal.Decimal // the money claimed, 0 or more
	Text   string          // the amount as written
	Note   string          // the supplier's note, if any

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// claims checks each claimed line against the engine's ledger, exactly,
// and reports each credit the ledger holds that no line claims.
func (m *model) claims(cs []ClaimLine, file string) {
	if cs == nil {
		return
	}
	money := m.c.Credits.Money
	if m.res == nil {
		for _, c := range cs {
			m.add(Finding{Pos: c.Pos, Kind: ClaimCheck, KPI: c.KPI, Org: c.Org, Month: c.Month, Published: c.Text,
				Verdict: Uncheckable, Reason: "the engine's ledger needs the measurements"})
		}
		return
	}
	months := map[kpi.Month]credits.MonthTotal{}
	for _, mt := range m.res.Ledger.Months {
		months[mt.Month] = mt
	}
	type lineKey struct {
		month    kpi.Month
		kpi, org string
	}
	// claimed holds what the lines claim: a KPI's line for an organisation
	// or all, an organisation's month, or the month as a whole.
	claimed := map[lineKey]bool{}
	for _, c := range cs {
		claimed[lineKey{c.Month, c.KPI, c.Org}] = true
	}
	for _, c := range cs {
		f := Finding{Pos: c.Pos, Kind: ClaimCheck, KPI: c.KPI, Org: c.Org, Month: c.Month, Published: c.Text}
		mt, ok := months[c.Month]
		if !ok {
			f.Verdict, f.Reason = Uncheckable, fmt.Sprintf("%s is not among the months evaluated", c.Month.Pack())
			m.add(f)
			continue
		}
		var want decimal.Decimal
		var rules []string
		switch {
		case c.KPI == "" && c.Org == "":
			want = mt.Total
			rules = append(rules, fmt.Sprintf("the month's credit: uncapped %s, cut %s", money.Format(mt.Uncapped), money.Format(mt.Cut)))
		default:
			for _, l := range m.res.Ledger.Lines {
				if l.Month != c.Month || l.Kind != credits.CreditLine || (c.KPI != "" && l.KPI != c.KPI) || (c.Org != "" && l.Org != c.Org) {
					continue
				}
				want = want.Add(l.Amount)
				if c.KPI != "" {
					rules = append(rules, fmt.Sprintf("%s %s: %s", l.KPI, l.Org, l.Rule))
				}
			}
			if c.KPI == "" {
				rules = append(rules, fmt.Sprintf("%s's credit lines in %s, before caps", c.Org, c.Month.Pack()))
			}
		}
		f.Recomputed = money.Format(want)
		f.Numeric, f.Difference = true, c.Amount.Sub(want)
		f.Verdict = Agrees
		if !c.Amount.Equal(want) {
			f.Verdict = Disagrees
		}
		f.Reason = "the ledger: " + strings.Join(rules, "; ")
		m.add(f)
	}
	for _, l := range m.res.Ledger.Lines {
		if l.Kind != credits.CreditLine || l.Amount.Sign() == 0 || claimed[lineKey{month: l.Month}] || claimed[lineKey{month: l.Month, org: l.Org}] ||
			claimed[lineKey{l.Month, l.KPI, l.Org}] || claimed[lineKey{l.Month, l.KPI, ""}] {
			continue
		}
		m.add(Finding{Pos: pack.Pos{File: file}, Kind: ClaimCheck, KPI: l.KPI, Org: l.Org, Month: l.Month, Published: "",
			Recomputed: money.Format(l.Amount), Numeric: true, Difference: l.Amount.Neg(), Verdict: Disagrees,
			Reason: "the ledger holds a credit no line claims: " + l.Rule})
	}
}
