package load

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/pack"
	"github.com/servicecredit/engine/reconcile"
)

// The columns of a claims file.
var (
	claimColumns  = []string{"month", "kpi", "organisation", "amount", "note"}
	claimRequired = []string{"month", "amount"}
)

// Claims reads a supplier's service-credit claim, CSV with a header row,
// as docs/reconcile.md describes: one row per line claimed, with columns
// month and amount and optionally kpi, organisation and note. A row with
// a kpi claims the credit of that credit-bearing KPI in the month (for the
// organisation, or for all when it is empty); a row without one claims
// the month's credit as a whole (for the organisation, or for the
// contract when it is empty). Amounts are decimals of 0 or more, as
// written; no currency sign or thousands separator. c is the contract
// claimed against: it gives the KPIs, organisations and months.
//
// It reports every problem, each as an *Error naming the file, line,
// column and field, sorted and joined; on any problem it returns no
// claim lines.
func Claims(name string, r io.Reader, c *contract.Contract) ([]reconcile.ClaimLine, error) {
	ps := &problems{file: name}
	t := readCSV(ps, r, claimColumns, claimRequired)
	if t == nil {
		return nil, ps.err()
	}
	for _, col := range claimRequired {
		if _, ok := t.cols[col]; !ok {
			return nil, ps.err() // the header says what is missing; every row would too
		}
	}
	type claimKey struct {
		month    kpi.Month
		kpi, org string
	}
	first := map[claimKey]int{}
	out := []reconcile.ClaimLine{}
	for ri := range t.rows {
		row := &t.rows[ri]
		before := len(ps.list)
		cl := reconcile.ClaimLine{}
		ms, mp := t.get(row, "month")
		if ms == "" {
			ps.add(mp, "month", "empty (want a month such as 2021-06)", nil)
		} else if m, err := kpi.ParseMonth(ms); err != nil {
			ps.addText(mp, "month", ms, monthWant, err)
		} else if m.Before(c.Commencement) || m.After(c.Last()) {
			ps.addText(mp, "month", ms, fmt.Sprintf("outside the contract's term %s..%s", c.Commencement, c.Last()), nil)
		} else {
			cl.Month = m
		}
		id, kp := t.get(row, "kpi")
		var k *contract.KPI
		if id != "" {
			for i := range c.KPIs {
				if c.KPIs[i].ID == id {
					k = &c.KPIs[i]
				}
			}
			switch {
			case k == nil:
				ps.addText(kp, "kpi", id, "not an indicator of the contract", nil)
			case k.Kind != kpi.KPI:
				ps.addText(kp, "kpi", id, fmt.Sprintf("a %s, which carries no credits", k.Kind), nil)
			}
			cl.KPI = id
		}
		org, op := t.get(row, "organisation")
		switch {
		case org == "":
		case k != nil && !slices.Contains(c.OrgsOf(k), org):
			ps.addText(op, "organisation", org, "not measured for "+id+" (want one of "+strings.Join(c.OrgsOf(k), ", ")+")", nil)
		case !slices.Contains(c.Orgs, org):
			ps.addText(op, "organisation", org, "not served by the contract (want one of "+strings.Join(c.Orgs, ", ")+")", nil)
		}
		cl.Org = org
		amount, ap := t.get(row, "amount")
		d, msg := parseDecimal(amount)
		switch {
		case msg != "":
			ps.addText(ap, "amount", amount, msg, nil)
		case d.Sign() < 0:
			ps.addText(ap, "amount", amount, "negative (want the credit claimed, 0 or more)", nil)
		}
		cl.Amount, cl.Text = d, amount
		cl.Pos = pack.Pos{File: name, Line: ap.line, Cell: ap.col}
		cl.Note, _ = t.get(row, "note")
		if len(ps.list) > before {
			continue
		}
		key := claimKey{cl.Month, cl.KPI, cl.Org}
		if line, dup := first[key]; dup {
			ps.addf(pos{row.line, 0}, "", "%s: claimed twice (first at line %d)", claimName(cl), line)
			continue
		}
		first[key] = row.line
		out = append(out, cl)
	}
	if !ps.ok() {
		return nil, ps.err()
	}
	return out, nil
}

// claimName names a claim line in messages: "2021-06 IMT_KPI_14 LCC",
// "2021-06 (the month)".
func claimName(cl reconcile.ClaimLine) string {
	s := cl.Month.String()
	if cl.KPI != "" {
		s += " " + cl.KPI
	}
	if cl.Org != "" {
		s += " " + cl.Org
	}
	if cl.KPI == "" && cl.Org == "" {
		s += " (the month)"
	}
	return s
}
