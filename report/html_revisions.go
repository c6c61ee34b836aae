package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/seal"
)

// HTMLRestatement writes HTML's page of r, an evaluation of c, with rs,
// its sealed months compared with today's result (package seal; `evaluate
// -seals`): a section of revisions after the credits, giving each sealed
// month's state (unchanged, revised, or untrusted and not compared) and
// credit as sealed and today, every revision with its text as sealed and
// today, and the adjustments as ledger lines of the month they go in;
// and, in the explanation of each revised KPI-month's cell, what changed.
func HTMLRestatement(w io.Writer, c *contract.Contract, r *contract.Result, rs *seal.Restatement) error {
	return writeHTML(w, c, whole(r), rs)
}

// HTMLRestatement writes HTMLRestatement's page of o, an evaluation of c
// restricted to one organisation, with rs, which is the whole contract's.
func (o *Org) HTMLRestatement(w io.Writer, c *contract.Contract, rs *seal.Restatement) error {
	return writeHTML(w, c, o.view(), rs)
}

// revisionsView is the page's section of revisions.
type revisionsView struct {
	Where       string
	Months      []sealedRow
	Revisions   []revisionRow
	Adjustments []lineRow
	AdjustIn    string
	Total       string
	Sealed, Now string
}

// sealedRow is a sealed month: its state, marked by sign and colour, and
// its credit as sealed and today.
type sealedRow struct {
	Month, State, Class, Mark     string
	Sealed, Now, Adjustment, File string
	Note                          string
}

type revisionRow struct {
	Month, Who, What, Before, After, Adjustment string
}

// revisedKey is a KPI-month: its month, KPI and organisation.
type revisedKey struct {
	month    kpi.Month
	kpi, org string
}

// revisionsOf returns the page's section of rs, or nil when there is no
// restatement.
func revisionsOf(c *contract.Contract, rs *seal.Restatement) *revisionsView {
	if rs == nil {
		return nil
	}
	money := rs.Money
	who := func(k, org string) string {
		if k == "" {
			return "the month"
		}
		return esc(k + orgSuffix(org, len(c.Orgs)))
	}
	v := &revisionsView{Where: "no month sealed", Total: money.Format(rs.Total), Sealed: money.Format(rs.Sealed), Now: money.Format(rs.Now)}
	if !rs.AdjustIn.IsZero() {
		v.AdjustIn = rs.AdjustIn.Pack()
		v.Where = "the adjustments go in " + v.AdjustIn + ", outside its caps"
	}
	for i := range rs.Months {
		m := &rs.Months[i]
		row := sealedRow{Month: m.Month.Pack(), State: m.State.String(), File: esc(m.File)}
		switch m.State {
		case seal.Untrusted:
			row.Class, row.Mark, row.Note = "bad", "\u2717", esc("not compared: "+m.Problem.Error())
		case seal.Unchanged:
			row.Class, row.Mark, row.Note = "ok", "\u2713", "no change since it was sealed"
		default:
			row.Class, row.Mark, row.Note = "warn", "\u0394", plural(m.Revisions, "revision")
		}
		if m.State != seal.Untrusted {
			row.Sealed, row.Now, row.Adjustment = money.Format(m.Sealed), money.Format(m.Now), money.Format(m.Adjustment)
			if len(m.Inputs) > 0 {
				row.Note += "; input files changed since: " + strings.Join(m.Inputs, ", ")
			}
		}
		v.Months = append(v.Months, row)
	}
	for i := range rs.Revisions {
		rv := &rs.Revisions[i]
		row := revisionRow{Month: rv.Month.Pack(), Who: who(rv.KPI, rv.Org), What: esc(revisionKind(rv)), Before: esc(rv.Before), After: esc(rv.After)}
		if !rv.Adjustment.IsZero() {
			row.Adjustment = money.Format(rv.Adjustment)
		}
		v.Revisions = append(v.Revisions, row)
	}
	for i := range rs.Adjustments {
		a := &rs.Adjustments[i]
		v.Adjustments = append(v.Adjustments, lineRow{Month: a.Month.Pack(), Who: who(a.KPI, a.Org), Amount: money.Format(a.Amount), Rule: esc(a.Rule)})
	}
	return v
}

// revisedCells returns, for each KPI-month rs revises, what changed
// since it was sealed, in words: "value 86.2 → 84.6; credit 0.00
// → 4080.00, adjustment 4080.00 in Nov-21". A rule's change is left
// to the revisions' table: its arithmetic follows the credit's.
func revisedCells(rs *seal.Restatement) map[revisedKey]string {
	if rs == nil {
		return nil
	}
	out := map[revisedKey]string{}
	for i := range rs.Revisions {
		rv := &rs.Revisions[i]
		if rv.KPI == "" || rv.What == seal.Rule {
			continue
		}
		s := fmt.Sprintf("%s %s \u2192 %s", rv.What, rv.Before, rv.After)
		if !rv.Adjustment.IsZero() {
			s += ", adjustment " + rs.Money.Format(rv.Adjustment)
			if !rs.AdjustIn.IsZero() {
				s += " in " + rs.AdjustIn.Pack()
			}
		}
		k := revisedKey{rv.Month, rv.KPI, rv.Org}
		if out[k] != "" {
			s = out[k] + "; " + s
		}
		out[k] = s
	}
	return out
}
