package scheme

import (
	"fmt"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// ShortfallBands scores a failed KPI-month by looking its shortfall up in
// a band table: the shortfall below Target, in the KPI's units (percentage
// points for a percentage), falls in exactly one band, and the band's
// Points are the per cent of the outcome's charges it costs, so a Scheme
// using it is priced PercentOfCharges. "Up to 1 point short: 2% of the
// charges; over 1 up to 3 points: 5%; over 3: 10%" is three bands:
//
//	[0, 1] 2, (1, 3] 5, (3, ∞) 10
//
// The shortfall is Target - value (higher is better) or value - Target
// (lower is better), never below zero. The bands must cover every
// shortfall from 0 up exactly once, and a bigger shortfall may never cost
// less than a smaller one; Validate names each gap, overlap and inversion
// as Bands does. With Value TableRounded the value is first rounded to
// Precision, and a gap between bands holding no shortfall of that
// precision is no gap.
//
// The zero ShortfallBands is invalid: it has no bands, direction or value
// basis.
type ShortfallBands struct {
	Direction kpi.Direction   // which way is better for the KPI; must match the KPI's
	Target    decimal.Decimal // the level the shortfall is measured from
	Value     ValueBasis      // which value is scored
	Precision kpi.Precision   // with Value TableRounded: the precision; zero otherwise
	Bands     []Band          // over the shortfall, 0 and above; Points is the per cent of charges; any order

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// table returns the band table over the shortfall: a bigger shortfall is
// worse.
func (s ShortfallBands) table() Bands {
	return Bands{Direction: kpi.LowerIsBetter, Value: s.Value, Precision: s.Precision, Bands: s.Bands}
}

func (s ShortfallBands) problems() []problems.Problem {
	out := append(directionProblems(s.Direction), s.table().table(true)...)
	for i, b := range s.Bands {
		if fixed.Compare(b.Points, hundred) > 0 {
			out = append(out, problems.Newf(fmt.Sprintf("Bands[%d]", i), "", "%s: %s%% of charges above 100%%", bandName(s.Bands, i), kpi.FormatValue(b.Points)))
		}
	}
	return out
}

func (s ShortfallBands) score(o credits.Outcome, why []byte) (scored, []byte, error) {
	sf := Shortfall{Direction: s.Direction, Target: s.Target, Value: s.Value, Precision: s.Precision}
	n, why, err := sf.shortfall(o, "shortfall bands are", why)
	if err != nil {
		return scored{}, why, err
	}
	short := n.Decimal()
	for _, b := range s.Bands {
		if b.contains(short) {
			return scored{score: b.Points, band: b.Name, material: b.Material}, b.appendScores(why), nil
		}
	}
	return scored{}, why, outcomeError(o, 0, "", credits.ErrInvalidRules, "shortfall %s in no band", kpi.FormatValue(short))
}
