package credits

import (
	"fmt"
	"slices"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// statusLines writes what the Points and Pool runs share: each credit
// line from its outcome, the lines that cost nothing by their outcome's
// kind or status (each such rule written once and kept), and the lines of
// failed outcomes from the price the regime gives them.
type statusLines struct {
	reported   map[kpi.Kind]string    // the rule of a PI's or figure's line
	unmeasured map[kpi.Absence]string // the rule of an unmeasured line
}

// statusPricer is the part of a Points or Pool run that is its own: it
// prices a failed outcome by its status.
type statusPricer interface {
	// known checks that the regime can price o, a KPI's outcome, before
	// its status is read.
	known(o Outcome) error
	// price prices o, an Amber or Red outcome of month m.
	price(m kpi.Month, o Outcome) (statusPrice, error)
}

// statusPrice is a failed line's price under a statusPricer.
type statusPrice struct {
	lost   decimal.Decimal // the line's Points
	amount decimal.Decimal // the line's Amount, rounded
	arith  string          // the arithmetic, for a relieved line
	rule   string          // the rule of the line that pays it: its status and arithmetic
	failed bool            // the line that pays it is Failed
}

// newStatusLines returns a statusLines with no rule written yet.
func newStatusLines() statusLines {
	return statusLines{reported: map[kpi.Kind]string{}, unmeasured: map[kpi.Absence]string{}}
}

// assess appends one line per outcome of period to lines, a failed
// outcome's priced by p.
func (s statusLines) assess(period Period, lines []Line, p statusPricer) ([]Line, error) {
	lines = slices.Grow(lines, len(period.Outcomes))
	for i := range period.Outcomes {
		l, err := s.line(period, i, p)
		if err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// line returns the line of the i-th outcome of period.
func (s statusLines) line(period Period, i int, p statusPricer) (Line, error) {
	o := &period.Outcomes[i]
	l := Line{Kind: CreditLine, Month: period.Month, Year: period.Year, KPI: o.KPI, Org: o.Org,
		Raw: o.Raw, Status: o.Status, Mitigation: o.Mitigation, Absent: o.Absent}
	if o.Kind != kpi.KPI {
		if o.Kind == 0 {
			return l, outcomeError(*o, i, "Kind", ErrInvalidPeriod, "kind not set")
		}
		if _, err := o.Kind.MarshalText(); err != nil {
			return l, outcomeError(*o, i, "Kind", ErrInvalidPeriod, "%s unknown", o.Kind)
		}
		if l.Rule = s.reported[o.Kind]; l.Rule == "" {
			l.Rule = o.Kind.String() + ": reported only, never credited"
			s.reported[o.Kind] = l.Rule
		}
		return l, nil
	}
	if o.Relief && o.Mitigation == "" {
		return l, outcomeError(*o, i, "Mitigation", ErrInvalidPeriod, "relief without a mitigation ref")
	}
	if err := p.known(*o); err != nil {
		return l, err
	}
	switch o.Status {
	case kpi.Green:
		l.Rule = "green: no credit"
	case kpi.Unmeasured:
		if l.Rule = s.unmeasured[o.Absent]; l.Rule == "" {
			l.Rule = fmt.Sprintf("unmeasured (%s): no credit", o.Absent)
			s.unmeasured[o.Absent] = l.Rule
		}
	case kpi.Amber, kpi.Red:
		c, err := p.price(period.Month, *o)
		if err != nil {
			return l, err
		}
		if o.Relief {
			l.Rule = fmt.Sprintf("%s relieved by mitigation %s: no credit (would have been %s)", o.Status, o.Mitigation, c.arith)
			return l, nil
		}
		l.Points, l.Amount, l.Failed = c.lost, c.amount, c.failed
		l.Rule = c.rule + deemed(*o)
		return l, nil
	default:
		return l, outcomeError(*o, i, "Status", ErrInvalidPeriod, "status %s cannot be credited", o.Status)
	}
	if o.Relief {
		l.Rule += fmt.Sprintf(" (relief by mitigation %s not needed)", o.Mitigation)
	}
	l.Rule += deemed(*o)
	return l, nil
}

// deemed returns what a line's rule says of o's deemed status: empty when
// no mitigation deems it (none, or one that relieves it).
func deemed(o Outcome) string {
	if o.Mitigation == "" || o.Relief {
		return ""
	}
	return fmt.Sprintf(" (deemed %s by mitigation %s)", o.Status, o.Mitigation)
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
