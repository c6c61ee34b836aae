package credits

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Weight gives a credit-bearing KPI its points from a month onwards. A
// later Weight for the same KPI replaces an earlier one, which is how a
// change note redistributes a retired KPI's points to the others.
type Weight struct {
	KPI    string
	From   kpi.Month
	Points decimal.Decimal // the KPI's share of the amount at risk, 0 or more
	Note   string          // the authority, such as "CCN 7"; may be empty
}

// Points is the simplest credit regime: each credit-bearing KPI carries
// points; an Amber month loses the Amber fraction of them and a Red month
// the Red fraction; each point lost is worth PointValue per cent of the
// month's charges for the KPI's organisation.
//
// A KPI-month relieved by a mitigation, Green, unmeasured, or a PI costs
// nothing, and its line says why. Each line's amount is rounded as the
// ledger's Money says.
type Points struct {
	Weights    []Weight
	Amber      decimal.Decimal // fraction of the KPI's points lost when Amber, 0 to 1
	Red        decimal.Decimal // fraction of the KPI's points lost when Red, 0 to 1
	PointValue decimal.Decimal // per cent of the month's charges one point is worth
}

// weight returns the points of KPI id in month m and the Weight that gave
// them.
func (p Points) weight(id string, m kpi.Month) (Weight, bool) {
	best := -1
	for i, w := range p.Weights {
		if w.KPI == id && !w.From.After(m) && (best < 0 || w.From.After(p.Weights[best].From)) {
			best = i
		}
	}
	if best < 0 {
		return Weight{}, false
	}
	return p.Weights[best], true
}

// Validate checks the fractions and point value, that no KPI has two
// weights from the same month, and that every credit-bearing KPI has
// points from its first month in force.
func (p Points) Validate(kpis []Window) error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("points regime: "+format+": %w", append(args, ErrInvalidRules)...))
	}
	one := decimal.NewFromInt(1)
	for _, f := range []struct {
		name string
		v    decimal.Decimal
	}{{"amber fraction", p.Amber}, {"red fraction", p.Red}} {
		if f.v.Sign() < 0 || f.v.Cmp(one) > 0 {
			bad("%s %s outside 0..1", f.name, kpi.FormatValue(f.v))
		}
	}
	if p.Amber.Cmp(p.Red) > 0 {
		bad("amber fraction %s above red fraction %s", kpi.FormatValue(p.Amber), kpi.FormatValue(p.Red))
	}
	if p.PointValue.Sign() <= 0 {
		bad("point value %s%% is not positive", kpi.FormatValue(p.PointValue))
	}
	type key struct {
		kpi  string
		from kpi.Month
	}
	seen := map[key]bool{}
	known := map[string]bool{}
	for _, w := range kpis {
		known[w.KPI] = true
	}
	for _, w := range p.Weights {
		switch {
		case !known[w.KPI]:
			bad("kpi %s: weight for a kpi that is not credit-bearing in the contract", w.KPI)
		case w.From.IsZero():
			bad("kpi %s: weight from month not set", w.KPI)
		case seen[key{w.KPI, w.From}]:
			bad("kpi %s: two weights from %s", w.KPI, w.From)
		case w.Points.Sign() < 0:
			bad("kpi %s: %s points is negative", w.KPI, kpi.FormatValue(w.Points))
		}
		seen[key{w.KPI, w.From}] = true
	}
	for _, w := range kpis {
		if _, ok := p.weight(w.KPI, w.From); !ok {
			bad("kpi %s: no points from %s, its first month in force", w.KPI, w.From)
		}
	}
	slices.SortStableFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	return errors.Join(errs...)
}

// Begin starts an evaluation: the Points regime needs no history, so its
// Run is the regime itself with the money rounding.
func (p Points) Begin(money Money) Run { return pointsRun{p, money} }

type pointsRun struct {
	p     Points
	money Money
}

// Assess returns one line per outcome of period.
func (r pointsRun) Assess(period Period) ([]Line, error) {
	p, money := r.p, r.money
	lines := make([]Line, 0, len(period.Outcomes))
	for _, o := range period.Outcomes {
		l := Line{Kind: CreditLine, Month: period.Month, Year: period.Year, KPI: o.KPI, Org: o.Org,
			Raw: o.Raw, Status: o.Status, Mitigation: o.Mitigation}
		if o.Kind == kpi.PI {
			l.Rule = "pi: reported only, never credited"
			lines = append(lines, l)
			continue
		}
		var frac decimal.Decimal
		switch o.Status {
		case kpi.Green:
			l.Rule = "green: no credit"
		case kpi.Unmeasured:
			l.Rule = fmt.Sprintf("unmeasured (%s): no credit", o.Absent)
		case kpi.Amber:
			frac = p.Amber
		case kpi.Red:
			frac = p.Red
		default:
			return nil, fmt.Errorf("kpi %s: status %s cannot be credited", o.KPI, o.Status)
		}
		deemed := ""
		if o.Mitigation != "" && !o.Relief {
			deemed = fmt.Sprintf(" (deemed %s by mitigation %s)", o.Status, o.Mitigation)
		}
		if !o.Status.Failed() {
			l.Rule += deemed
			lines = append(lines, l)
			continue
		}
		w, ok := p.weight(o.KPI, period.Month)
		if !ok {
			return nil, fmt.Errorf("kpi %s: no points in force in %s: %w", o.KPI, period.Month, ErrInvalidRules)
		}
		lost := w.Points.Mul(frac)
		amount := money.Round(o.Charges.Mul(p.PointValue).Shift(-2).Mul(lost))
		from := "points"
		if w.Note != "" {
			from = "points (" + w.Note + ")"
		}
		arith := fmt.Sprintf("%s of %s %s = %s points x %s%% of charges %s = %s",
			kpi.FormatValue(frac), kpi.FormatValue(w.Points), from, kpi.FormatValue(lost),
			kpi.FormatValue(p.PointValue), money.Format(o.Charges), money.Format(amount))
		if o.Relief {
			l.Rule = fmt.Sprintf("%s relieved by mitigation %s: no credit (would have been %s)", o.Status, o.Mitigation, arith)
			lines = append(lines, l)
			continue
		}
		l.Points, l.Amount = lost, amount
		l.Rule = o.Status.String() + ": " + arith + deemed
		lines = append(lines, l)
	}
	return lines, nil
}
