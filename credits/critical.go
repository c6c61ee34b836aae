package credits

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Critical is a contract's critical service level failure rule: in a
// month where any KPI-month of its KPIs fails critically, the month's
// service credits are replaced by withholding the month's whole charges
// (Period.Charges, all organisations, rounded as money). The Book zeroes
// each credit line of the month that would have cost money, its Rule
// saying what it would have cost and why it is replaced, and adds a
// WithholdLine after the credit lines whose Rule names the critical
// failures. The replaced lines keep their Points and Failed, so the
// triggers still see the failures.
//
// By default (Capped false) the withholding is outside the caps: no cap
// cuts it, and it uses none of any cap's headroom, so a critical month
// leaves the annual, rolling and two-limb caps as it found them. With
// Capped the withholding stands in for the month's credits before the
// caps, which cut it and count it as they would credits.
//
// A critical month withholds its charges even when its credits would
// have been more (the rule text then shows both): the contract replaces
// the credits, it does not add to them. Whether a month is critical
// depends only on that month's outcomes, never on its history, so a
// better month (no status worse, no value worse) is never critical when
// the worse one was not.
//
// The zero Critical names no KPI and makes no month critical.
type Critical struct {
	KPIs   []CriticalKPI // the KPIs whose failure can be critical, each KPI once
	Capped bool          // whether the caps apply to the withholding; false: never cut
}

// CriticalKPI says when a KPI-month of one KPI is a critical failure.
// Only a credit-bearing KPI (kind kpi) that fails after any deemed
// mitigation (Status Amber or Red) and is not relieved can be critical;
// then it is critical
//
//	when Red is set and its Status is Red (an absence the contract counts
//	as red included), or
//	when Level is set and its value, rounded to the KPI's precision as
//	classified, is worse than Level in the KPI's direction.
//
// A value exactly at Level meets it and is not critical: for a
// higher-is-better KPI with Level 95, 95.0 is not critical and 94.9 is. A
// KPI-month without a value is never critical by Level.
//
// The zero CriticalKPI is invalid: it names no KPI and no condition.
type CriticalKPI struct {
	KPI   string           // the KPI's id; credit-bearing in the contract
	Red   bool             // a Red month is critical
	Level *decimal.Decimal // the critical service level; nil: none

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (c Critical) problems() []problems.Problem {
	var out []problems.Problem
	if len(c.KPIs) == 0 && c.Capped {
		out = append(out, problems.Newf("Capped", "", "critical: capped set without kpis"))
	}
	seen := map[string]bool{}
	for i, k := range c.KPIs {
		var where string
		out, where = listed(out, "critical", i, k.KPI, seen)
		if !k.Red && k.Level == nil {
			out = append(out, problems.Newf(fmt.Sprintf("KPIs[%d]", i), k.KPI, "%s: no condition (want red, a level, or both)", where))
		}
	}
	return out
}

// windowProblems reports the critical KPIs that are not credit-bearing
// KPIs of the contract: a PI or a figure, or an unknown indicator.
func (c Critical) windowProblems(kpis []Window) []problems.Problem {
	return listedWindows(kpis, "critical", c.KPIs, func(k CriticalKPI) string { return k.KPI })
}

// failures returns why each critical KPI-month of p is critical, in
// outcome order; none when the month is not critical.
func (c Critical) failures(p Period) []string {
	if len(c.KPIs) == 0 {
		return nil
	}
	rules := make(map[string]*CriticalKPI, len(c.KPIs))
	for i := range c.KPIs {
		rules[c.KPIs[i].KPI] = &c.KPIs[i]
	}
	var out []string
	for _, o := range p.Outcomes {
		k := rules[o.KPI]
		if k == nil || o.Kind != kpi.KPI || o.Relief || (o.Status != kpi.Amber && o.Status != kpi.Red) {
			continue
		}
		if k.Red && o.Status == kpi.Red {
			out = append(out, who(o)+": red")
			continue
		}
		if why, ok := k.beyond(*o.Result()); ok {
			out = append(out, who(o)+": "+why)
		}
	}
	return out
}

// beyond reports whether r's rounded value is worse than k's Level, and
// says so in words.
func (k *CriticalKPI) beyond(r kpi.Result) (string, bool) {
	if k.Level == nil || r.Status == kpi.Unmeasured || r.Status == kpi.Reported || r.Status == 0 {
		return "", false
	}
	c := r.Rounded.Cmp(*k.Level)
	switch r.Direction {
	case kpi.HigherIsBetter:
		if c < 0 {
			return fmt.Sprintf("%s below critical level %s", r.Rounded.StringFixed(r.Precision.Places), kpi.FormatValue(*k.Level)), true
		}
	case kpi.LowerIsBetter:
		if c > 0 {
			return fmt.Sprintf("%s above critical level %s", r.Rounded.StringFixed(r.Precision.Places), kpi.FormatValue(*k.Level)), true
		}
	}
	return "", false
}

// withhold replaces the credits of a critical month: it zeroes lines that
// cost money, saying why, and returns the WithholdLine.
func (c Critical) withhold(p Period, lines []Line, reasons []string, money Money) Line {
	why := strings.Join(reasons, ", ")
	var replaced decimal.Decimal
	for i := range lines {
		l := &lines[i]
		if l.Amount.Sign() == 0 {
			continue
		}
		replaced = replaced.Add(l.Amount)
		l.Rule += fmt.Sprintf("; replaced by the critical failure withholding (%s): would have cost %s, no credit", why, money.Format(l.Amount))
		l.Amount = decimal.Zero
	}
	amount := money.Round(p.Charges)
	capped := "caps do not apply to it"
	if c.Capped {
		capped = "caps apply to it"
	}
	return Line{Kind: WithholdLine, Month: p.Month, Year: p.Year, Amount: amount,
		Rule: fmt.Sprintf("critical service level failure (%s): the month's charges %s withheld in place of its credits %s; %s",
			why, money.Format(amount), money.Format(replaced), capped)}
}
