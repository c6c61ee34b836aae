package seal

import (
	"errors"
	"fmt"
	"slices"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// State is what the comparison of a sealed month found. The zero State is
// invalid.
type State uint8

// The states of a sealed month.
const (
	Unchanged State = iota + 1 // today's result is the seal's: no revision
	Revised                    // today's result differs: see its revisions
	Untrusted                  // the seal failed its checks (edited, or not authenticated): never compared
)

var stateWords = []string{"unchanged", "revised", "untrusted"}

// String returns "unchanged", "revised" or "untrusted".
func (s State) String() string {
	if s < Unchanged || s > Untrusted {
		return fmt.Sprintf("state(%d)", uint8(s))
	}
	return stateWords[s-1]
}

// MonthCheck is one sealed month and what its comparison found.
type MonthCheck struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	Month kpi.Month // the month sealed
	File  string    // the seal file, when read from a directory
	State State     // unchanged, revised, or untrusted
	// Problem, for an Untrusted seal, says why: an *Error wrapping
	// ErrNotSeal, ErrEdited or ErrUnauthenticated.
	Problem error
	// Sealed and Now are the month's credit as sealed and today; their
	// difference, Adjustment, is the sum of the month's revisions'
	// adjustments. All three are zero for an Untrusted seal.
	Sealed, Now, Adjustment decimal.Decimal
	Revisions               int      // how many of the Restatement's Revisions are this month's
	Inputs                  []string // the input files whose digests differ from the seal's: "contract", "measurements", "mitigations"
}

// Adjustment is a ledger line of its own in the month the adjustments go
// in: one revision's credit adjustment, outside that month's caps.
type Adjustment struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	Month   kpi.Month       // the month the adjustment is a line of (Restatement.AdjustIn)
	Revised kpi.Month       // the sealed month it restates
	KPI     string          // the KPI-month's, or empty for a withholding or cap
	Org     string          // the KPI-month's organisation, or empty
	What    What            // what changed
	Cap     string          // for a cap's revision: the cap
	Amount  decimal.Decimal // the revision's Adjustment
	Rule    string          // "restates 2021-09: credit 0.00 -> 4080.00"
}

// Restatement is every sealed month compared with today's result: each
// month's state, the revisions, and the adjustments they imply as ledger
// lines of the month AdjustIn.
type Restatement struct {
	_ [0]func() // forbid ==, which compares decimals wrongly

	AdjustIn    kpi.Month     // the month the adjustments are ledger lines of: after every sealed month
	Money       credits.Money // today's contract's money rounding: Adjustments carry its places
	Months      []MonthCheck  // one per seal, in month order
	Revisions   []Revision    // by month, each month's as Compare orders them
	Adjustments []Adjustment  // one per revision with a non-zero adjustment, in the order of Revisions
	// Sealed and Now are the trusted months' credit as sealed and today;
	// Total, their difference, is the sum of Adjustments.
	Sealed, Now, Total decimal.Decimal
}

// Untrusted returns the months whose seal failed its checks.
func (r *Restatement) Untrusted() []MonthCheck {
	var out []MonthCheck
	for _, m := range r.Months {
		if m.State == Untrusted {
			out = append(out, m)
		}
	}
	return out
}

// Restate compares each sealed month of entries with today's result for
// it: what Close gives today for the month, evaluating c on in from the
// seal's own first month evaluated (Seal.From) through the month, with
// inputs as today's input digests. in.From and in.To are ignored.
//
// The adjustments go in adjustIn, which must be after every sealed month
// (so never one itself), and a month of the term or the month after its
// last, where the term's last month is settled; its zero value means the
// month after the last sealed month, the next month to close. An entry
// with Err set is Untrusted: listed, never compared.
//
// Restate returns an *Error wrapping ErrAdjustIn for a bad adjustIn, and
// the evaluation's problems (an *Error wrapping ErrPeriod for a sealed
// month outside today's term). The adjustments add up: Total is Now less
// Sealed, exactly, and so is each month's.
func Restate(c *contract.Contract, in contract.Input, inputs Inputs, entries []Entry, adjustIn kpi.Month) (*Restatement, error) {
	r := &Restatement{Money: c.Credits.Money}
	var last kpi.Month
	for _, e := range entries {
		if e.Month.After(last) {
			last = e.Month
		}
	}
	r.AdjustIn = adjustIn
	if adjustIn.IsZero() && !last.IsZero() {
		r.AdjustIn = last.AddMonths(1)
	}
	switch {
	case r.AdjustIn.IsZero():
	case !last.IsZero() && !r.AdjustIn.After(last):
		return nil, &Error{Month: r.AdjustIn, Err: ErrAdjustIn, Msg: fmt.Sprintf("not after the last sealed month, %s (adjustments go in a month not yet closed, after every sealed month)", last)}
	case r.AdjustIn.Before(c.Commencement) || r.AdjustIn.After(c.Last().AddMonths(1)):
		return nil, &Error{Month: r.AdjustIn, Err: ErrAdjustIn, Msg: fmt.Sprintf("not within the contract's term %s..%s or the month after it", c.Commencement, c.Last())}
	}
	// The trusted seals, grouped by their first month evaluated: one
	// evaluation serves a group.
	groups := map[kpi.Month][]kpi.Month{}
	var froms []kpi.Month
	for _, e := range entries {
		if e.Err != nil {
			continue
		}
		if e.Month.Before(c.Commencement) || e.Month.After(c.Last()) {
			return nil, &Error{File: e.File, Month: e.Month, Err: ErrPeriod, Msg: fmt.Sprintf("sealed, but not within the contract's term %s..%s", c.Commencement, c.Last())}
		}
		f := e.Seal.From
		if f.Before(c.Commencement) {
			return nil, &Error{File: e.File, Month: e.Month, Err: ErrPeriod, Msg: fmt.Sprintf("sealed from %s, before the contract's commencement %s", f, c.Commencement)}
		}
		if _, ok := groups[f]; !ok {
			froms = append(froms, f)
		}
		groups[f] = append(groups[f], e.Month)
	}
	slices.SortFunc(froms, func(a, b kpi.Month) int { return a.Compare(b) })
	now := map[kpi.Month]*Seal{}
	for _, f := range froms {
		ms := groups[f]
		slices.SortFunc(ms, func(a, b kpi.Month) int { return a.Compare(b) })
		seals, err := evaluate(c, in, f, ms, inputs)
		if err != nil {
			return nil, err
		}
		for _, s := range seals {
			now[s.Month] = s
		}
	}
	for _, e := range entries {
		mc := MonthCheck{Month: e.Month, File: e.File}
		if e.Err != nil {
			mc.State, mc.Problem = Untrusted, e.Err
			r.Months = append(r.Months, mc)
			continue
		}
		n := now[e.Month]
		revs := Compare(e.Seal, n)
		mc.Sealed, mc.Now = money(e.Seal.Credit.Credit), money(n.Credit.Credit)
		mc.Revisions, mc.State, mc.Inputs = len(revs), Unchanged, changedInputs(e.Seal.Inputs, inputs)
		if len(revs) > 0 {
			mc.State = Revised
		}
		var sum decimal.Decimal
		for _, rv := range revs {
			sum = sum.Add(rv.Adjustment)
			if !rv.Adjustment.IsZero() {
				r.Adjustments = append(r.Adjustments, adjustmentOf(r.AdjustIn, rv, c.Credits.Money))
			}
		}
		mc.Adjustment = mc.Now.Sub(mc.Sealed)
		if sum.Cmp(mc.Adjustment) != 0 {
			// Lines add up to the month's total in the engine, so this cannot
			// happen; a seal that slipped past its checks would need it.
			return nil, &Error{File: e.File, Month: e.Month, Err: ErrEdited,
				Msg: fmt.Sprintf("its lines do not add up to its credit: adjustments %s against a difference of %s", sum.String(), mc.Adjustment.String())}
		}
		r.Revisions = append(r.Revisions, revs...)
		r.Sealed, r.Now = r.Sealed.Add(mc.Sealed), r.Now.Add(mc.Now)
		r.Months = append(r.Months, mc)
	}
	r.Total = r.Now.Sub(r.Sealed)
	return r, nil
}

func adjustmentOf(in kpi.Month, rv Revision, m credits.Money) Adjustment {
	what := rv.What.String()
	switch {
	case rv.What == Cap:
		what = rv.Cap + " cap cut"
	case rv.KPI != "":
		what = "kpi " + rv.KPI
		if rv.Org != "" {
			what += " (" + rv.Org + ")"
		}
		what += " " + rv.What.String()
	}
	return Adjustment{Month: in, Revised: rv.Month, KPI: rv.KPI, Org: rv.Org, What: rv.What, Cap: rv.Cap, Amount: rv.Adjustment,
		Rule: fmt.Sprintf("restates %s: %s %s -> %s: adjustment %s, outside the caps", rv.Month, what, rv.Before, rv.After, m.Format(rv.Adjustment))}
}

// changedInputs names the inputs whose digests differ; an input whose
// digest one side does not know (a Go caller's) is not compared.
func changedInputs(a, b Inputs) []string {
	var out []string
	for _, x := range []struct {
		name string
		a, b string
	}{{"contract", a.Contract, b.Contract}, {"measurements", a.Measurements, b.Measurements}, {"mitigations", a.Mitigations, b.Mitigations}} {
		if x.a != x.b && (x.a != "" || x.name == "mitigations") && (x.b != "" || x.name == "mitigations") {
			out = append(out, x.name)
		}
	}
	return out
}

// IsUntrusted reports whether err is a seal's failed check: ErrNotSeal,
// ErrEdited or ErrUnauthenticated.
func IsUntrusted(err error) bool {
	return errors.Is(err, ErrNotSeal) || errors.Is(err, ErrEdited) || errors.Is(err, ErrUnauthenticated)
}
