package credits

import (
	"fmt"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// statusLines writes what the Points and Pool runs share: the start of
// each credit line, and the lines that cost nothing by their outcome's
// kind or status, each such rule written once and kept.
type statusLines struct {
	reported   map[kpi.Kind]string    // the rule of a PI's or figure's line
	unmeasured map[kpi.Absence]string // the rule of an unmeasured line
}

// newStatusLines returns a statusLines with no rule written yet.
func newStatusLines() statusLines {
	return statusLines{reported: map[kpi.Kind]string{}, unmeasured: map[kpi.Absence]string{}}
}

// begin starts the line of the i-th outcome of period, checking its kind
// and its relief. It reports done when the line is complete: a PI's or a
// figure's, reported only.
func (s statusLines) begin(period Period, i int) (l Line, done bool, err error) {
	o := &period.Outcomes[i]
	l = Line{Kind: CreditLine, Month: period.Month, Year: period.Year, KPI: o.KPI, Org: o.Org,
		Raw: o.Raw, Status: o.Status, Mitigation: o.Mitigation, Absent: o.Absent}
	if o.Kind != kpi.KPI {
		if o.Kind == 0 {
			return l, false, outcomeError(*o, i, "Kind", ErrInvalidPeriod, "kind not set")
		}
		if _, err := o.Kind.MarshalText(); err != nil {
			return l, false, outcomeError(*o, i, "Kind", ErrInvalidPeriod, "%s unknown", o.Kind)
		}
		if l.Rule = s.reported[o.Kind]; l.Rule == "" {
			l.Rule = o.Kind.String() + ": reported only, never credited"
			s.reported[o.Kind] = l.Rule
		}
		return l, true, nil
	}
	if o.Relief && o.Mitigation == "" {
		return l, false, outcomeError(*o, i, "Mitigation", ErrInvalidPeriod, "relief without a mitigation ref")
	}
	return l, false, nil
}

// settle completes l, the line of o (the i-th outcome of its period),
// when o's status costs nothing, Green or Unmeasured, saying why, and
// reports done; it leaves a failed (Amber or Red) line to be priced, and
// refuses any other status.
func (s statusLines) settle(l *Line, o Outcome, i int) (done bool, err error) {
	switch o.Status {
	case kpi.Green:
		l.Rule = "green: no credit"
	case kpi.Unmeasured:
		if l.Rule = s.unmeasured[o.Absent]; l.Rule == "" {
			l.Rule = fmt.Sprintf("unmeasured (%s): no credit", o.Absent)
			s.unmeasured[o.Absent] = l.Rule
		}
	case kpi.Amber, kpi.Red:
		return false, nil
	default:
		return false, outcomeError(o, i, "Status", ErrInvalidPeriod, "status %s cannot be credited", o.Status)
	}
	if o.Relief {
		l.Rule += fmt.Sprintf(" (relief by mitigation %s not needed)", o.Mitigation)
	}
	l.Rule += deemed(o)
	return true, nil
}

// deemed returns what a line's rule says of o's deemed status: empty when
// no mitigation deems it (none, or one that relieves it).
func deemed(o Outcome) string {
	if o.Mitigation == "" || o.Relief {
		return ""
	}
	return fmt.Sprintf(" (deemed %s by mitigation %s)", o.Status, o.Mitigation)
}

// relieved returns the rule of the line of o, a failed outcome relieved
// of credits, that would have cost what arith says.
func relieved(o Outcome, arith string) string {
	return fmt.Sprintf("%s relieved by mitigation %s: no credit (would have been %s)", o.Status, o.Mitigation, arith)
}

// fractionProblems reports the Amber and Red fractions of a regime that
// prices a failed month at a fraction of its weight by its status: each
// lies in 0..1, and Amber is not above Red. The paths are the fields'
// names; the messages do not name the regime.
func fractionProblems(amber, red decimal.Decimal) []problems.Problem {
	var out []problems.Problem
	for _, f := range []struct {
		path, name string
		v          decimal.Decimal
	}{{"Amber", "amber fraction", amber}, {"Red", "red fraction", red}} {
		if f.v.Sign() < 0 || fixed.Compare(f.v, one) > 0 {
			out = append(out, problems.Newf(f.path, "", "%s %s outside 0..1", f.name, kpi.FormatValue(f.v)))
		}
	}
	if fixed.Compare(amber, red) > 0 {
		out = append(out, problems.Newf("Amber", "", "amber fraction %s above red fraction %s", kpi.FormatValue(amber), kpi.FormatValue(red)))
	}
	return out
}
