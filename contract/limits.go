package contract

import (
	"errors"
	"fmt"

	"github.com/servicecredit/engine/kpi"
)

// The engine's limits. Each bounds what one contract or one evaluation can
// make the engine allocate, and each is refused with a message naming it,
// wrapping ErrLimit, before anything is allocated for it. docs/cli.md
// lists them with the command's own.
const (
	// MaxTerm is the longest term, in months: a hundred years.
	MaxTerm = 1200
	// MaxKPIOrgs is the most KPIs times organisations a contract may
	// have: the cells of one month.
	MaxKPIOrgs = 100_000
	// MaxKPIMonths is the most KPIs times organisations times months an
	// evaluation may cover, counting the twelve months before the period,
	// where relative targets find their baselines: the measurement index
	// holds four bytes for each.
	MaxKPIMonths = 20_000_000
)

// ErrLimit is wrapped by every problem that is a documented limit reached
// (MaxTerm, MaxKPIOrgs, MaxKPIMonths, and the file readers' limits), beside
// the problem's own sentinel.
var ErrLimit = errors.New("limit reached")

// limitProblems reports the limits c exceeds, each an *Error wrapping
// ErrInvalidContract and ErrLimit.
func (c *Contract) limitProblems() []error {
	var errs []error
	if c.Term > MaxTerm {
		errs = append(errs, &Error{Contract: c.Name, Path: "Term", Err: ErrLimit,
			Msg: fmt.Sprintf("term %d months: more than the limit of %d", c.Term, MaxTerm)})
	}
	if n := int64(len(c.KPIs)) * int64(len(c.Orgs)); n > MaxKPIOrgs {
		errs = append(errs, &Error{Contract: c.Name, Path: "KPIs", Err: ErrLimit,
			Msg: fmt.Sprintf("%d kpis x %d organisations = %d: more than the limit of %d", len(c.KPIs), len(c.Orgs), n, MaxKPIOrgs)})
	}
	return errs
}

// periodLimit refuses a period whose index would exceed MaxKPIMonths,
// with an *InputError wrapping ErrInvalidInput and ErrLimit.
func (c *Contract) periodLimit(from, to kpi.Month) error {
	start := from.AddMonths(-12)
	if start.Before(c.Commencement) {
		start = c.Commencement
	}
	months := int64(to.Sub(start) + 1)
	if n := int64(len(c.KPIs)) * int64(len(c.Orgs)) * months; n > MaxKPIMonths {
		before := ""
		if k := from.Sub(start); k > 0 {
			before = fmt.Sprintf(" (with the %d before it, where relative targets find their baselines)", k)
		}
		return &InputError{Contract: c.Name, Index: -1, Path: "To", Err: ErrLimit,
			Msg: fmt.Sprintf("period %s..%s: %d kpis x %d organisations x %d months%s = %d: more than the limit of %d",
				from, to, len(c.KPIs), len(c.Orgs), months, before, n, MaxKPIMonths)}
	}
	return nil
}
