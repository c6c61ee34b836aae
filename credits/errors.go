package credits

import (
	"errors"
	"fmt"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
)

// ErrInvalidRules is wrapped by every problem with a regime's, a cap's or
// the money's configuration, and by a period that needs points the regime
// does not give.
var ErrInvalidRules = errors.New("invalid credit rules")

// ErrInvalidPeriod is wrapped by every problem Calculate finds in its
// periods: months out of order, a contract year that goes backwards or
// whose charges change within the year, negative charges, and an outcome
// whose kind or status cannot be credited.
var ErrInvalidPeriod = errors.New("invalid credit period")

// Error is one problem with credit rules or with the periods credited: the
// field at fault, the KPI, organisation and month where it has them, and
// what is wrong. It unwraps to ErrInvalidRules or ErrInvalidPeriod, whose
// text ends its message:
//
//	points regime: kpi KPI05: no points from 2021-07, its first month in force: invalid credit rules
//	month 2021-04: periods out of order after 2021-05: invalid credit period
type Error struct {
	// Path is the field at fault, a structural path of Go field names as
	// encoding/json's UnmarshalTypeError.Field names one: into the Rules
	// for a problem with the rules ("Regime.Weights[2].Points",
	// "Caps.TwoLimb.First"; a regime's own Validate and Check give paths
	// into the regime, "Weights[2].Points"), into the Period for a problem
	// with a period ("Outcomes[3].Charges"); empty when the problem is not
	// about one field.
	Path  string
	KPI   string    // the KPI at fault; may be empty
	Org   string    // its organisation; may be empty
	Month kpi.Month // the month at fault, for a problem found while crediting one; zero otherwise
	Msg   string    // what is wrong, lower case, with its context: "points regime: kpi KPI05: ..."
	Err   error     // ErrInvalidRules or ErrInvalidPeriod
}

// Error returns the message and the sentinel's text.
func (e *Error) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	return e.Msg + ": " + e.Err.Error()
}

// Unwrap returns the sentinel the error belongs to.
func (e *Error) Unwrap() error { return e.Err }

// rulesError returns p as an *Error wrapping ErrInvalidRules.
func rulesError(p problems.Problem) *Error {
	return &Error{Path: p.Path, KPI: p.KPI, Month: p.Month, Msg: p.Msg, Err: ErrInvalidRules}
}

// reroot returns the *Errors in err, a list from a regime's Validate or
// Check, with prefix before each path: "Regime".
func reroot(err error, prefix string) []error {
	list := joined.Split(err)
	for i, e := range list {
		var ce *Error
		if errors.As(e, &ce) {
			c := *ce
			c.Path = problems.JoinPath(prefix, c.Path)
			list[i] = &c
		}
	}
	return list
}

// outcomeError returns a problem found crediting outcome o, at position i
// of its period: field is the field at fault within the outcome ("Kind"),
// or empty when the problem is the rules' for that outcome. The path is
// written only here, when there is a problem.
func outcomeError(o Outcome, i int, field string, sentinel error, format string, args ...any) *Error {
	path := ""
	if field != "" {
		path = fmt.Sprintf("Outcomes[%d].%s", i, field)
	}
	return &Error{Path: path, KPI: o.KPI, Org: o.Org, Msg: who(o) + ": " + fmt.Sprintf(format, args...), Err: sentinel}
}

// inMonth returns err, a problem found crediting month m, saying so: its
// Month set and its message starting "month 2021-06: ".
func inMonth(m kpi.Month, err error) error {
	var ce *Error
	if !errors.As(err, &ce) {
		return fmt.Errorf("month %s: %w", m, err)
	}
	c := *ce
	c.Month, c.Msg = m, "month "+m.String()+": "+c.Msg
	return &c
}
