package scheme

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// rulesError returns p as a *credits.Error wrapping
// credits.ErrInvalidRules.
func rulesError(p problems.Problem) *credits.Error {
	return &credits.Error{Path: p.Path, KPI: p.KPI, Month: p.Month, Msg: p.Msg, Err: credits.ErrInvalidRules}
}

// outcomeError returns a problem found crediting outcome o, at position i
// of its period: field is the field at fault within the outcome ("Kind"),
// or empty when the problem is the rules' for that outcome. The path is
// written only here, when there is a problem.
func outcomeError(o credits.Outcome, i int, field string, sentinel error, format string, args ...any) *credits.Error {
	path := ""
	if field != "" {
		path = fmt.Sprintf("Outcomes[%d].%s", i, field)
	}
	who := "kpi " + o.KPI
	if o.Org != "" {
		who += ": org " + o.Org
	}
	return &credits.Error{Path: path, KPI: o.KPI, Org: o.Org, Msg: who + ": " + fmt.Sprintf(format, args...), Err: sentinel}
}

// wrongDirection returns the error for a scorer of direction want (what
// says which: "bands are", "deduction is") asked to score o, whose KPI
// runs the other way; nil when they agree.
func wrongDirection(o *credits.Outcome, what string, want kpi.Direction) error {
	if got := o.Result().Direction; got != want {
		return outcomeError(*o, 0, "", credits.ErrInvalidRules, "%s %s but the kpi is %s", what, want, got)
	}
	return nil
}

// hundred and one are the numbers the checks compare with. A decimal never
// changes, so they are made once.
var (
	hundred = decimal.NewFromInt(100)
	one     = decimal.NewFromInt(1)
)
