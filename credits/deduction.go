package credits

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// DeductionPlaces is the number of decimal places, rounded half-up, to
// which a ledger line shows the points of a Deduction. The line's money is
// priced from the exact quotient, never from the points shown.
const DeductionPlaces = 6

// Deduction scores a failed KPI-month by a performance-percentage
// deduction, as contracts that put a number of points at risk on each KPI
// do:
//
//	points = Available x (failure% - allowed failure%) / Required%
//
// where the allowed failure% is 100 - Required, and the failure% is
// 100 - value for a KPI measuring performance (Direction HigherIsBetter)
// or the value itself for a KPI measuring failures (LowerIsBetter). A
// failure% within the allowance scores nothing. The quotient is not
// rounded: the points are carried as an exact fraction into the Price,
// which rounds the money once, per line (PerPoint, PercentOfCharges) or
// per month (PointsTable). The line shows the points to DeductionPlaces.
// So with Required 99.5, Available 10, a value of 98.2 and a point worth
// 1000.00, the points are 10 x 1.3 / 99.5 = 0.130653266..., and the credit
// is 130.65, not the 130.00 that points rounded to 0.13 first would give.
//
// The zero Deduction is invalid: it has no points available.
type Deduction struct {
	Direction kpi.Direction   // HigherIsBetter: the value is the performance per cent; LowerIsBetter: the failure per cent
	Required  decimal.Decimal // the required performance per cent, above 0, at most 100
	Available decimal.Decimal // the points at risk on the KPI, above 0
	Value     ValueBasis      // which value is scored
	Precision kpi.Precision   // with Value TableRounded: the precision; zero otherwise

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (d Deduction) problems() []string {
	out := append(directionProblems(d.Direction), basisProblems(d.Value, d.Precision)...)
	if d.Required.Sign() <= 0 || d.Required.Cmp(decimal.NewFromInt(100)) > 0 {
		out = append(out, fmt.Sprintf("required %s%% outside (0, 100]", kpi.FormatValue(d.Required)))
	}
	if d.Available.Sign() <= 0 {
		out = append(out, fmt.Sprintf("available %s points is not positive", kpi.FormatValue(d.Available)))
	}
	return out
}

func (d Deduction) score(o Outcome) (scored, error) {
	if o.Measured.Direction != d.Direction {
		return scored{}, fmt.Errorf("%s: deduction is %s but the kpi is %s: %w", who(o), d.Direction, o.Measured.Direction, ErrInvalidRules)
	}
	hundred := decimal.NewFromInt(100)
	v := basisValue(d.Value, d.Precision, o)
	failure, of := v, fmt.Sprintf("failure %s%%", kpi.FormatValue(v))
	if d.Direction == kpi.HigherIsBetter {
		failure = hundred.Sub(v)
		of = fmt.Sprintf("failure 100 - %s = %s%%", kpi.FormatValue(v), kpi.FormatValue(failure))
	}
	allowed := hundred.Sub(d.Required)
	excess := failure.Sub(allowed)
	if excess.Sign() <= 0 {
		return scored{score: decimal.Zero, why: fmt.Sprintf("%s within the allowed %s%%: no deduction", of, kpi.FormatValue(allowed))}, nil
	}
	num := d.Available.Mul(excess)
	return scored{score: num, den: d.Required,
		why: fmt.Sprintf("%s - allowed %s%% = %s%% x %s points / required %s%% scores %s", of, kpi.FormatValue(allowed),
			kpi.FormatValue(excess), kpi.FormatValue(d.Available), kpi.FormatValue(d.Required), showFrac(num, d.Required))}, nil
}

// isOne reports whether a denominator is one; the zero Decimal counts as
// one, so that a part that does not divide leaves it unset.
func isOne(den decimal.Decimal) bool { return den.IsZero() || den.Equal(decimal.NewFromInt(1)) }

// showFrac formats num/den: exactly when den is one, else rounded half-up
// to DeductionPlaces with trailing zeros dropped.
func showFrac(num, den decimal.Decimal) string {
	if isOne(den) {
		return kpi.FormatValue(num)
	}
	q, _ := kpi.Precision{Places: DeductionPlaces, Rounding: kpi.HalfUp}.Quotient(num, den)
	return kpi.FormatValue(trim(q))
}

// fracValue returns num/den as a line's Points: exactly when den is one,
// else rounded half-up to DeductionPlaces.
func fracValue(num, den decimal.Decimal) decimal.Decimal {
	if isOne(den) {
		return num
	}
	q, _ := kpi.Precision{Places: DeductionPlaces, Rounding: kpi.HalfUp}.Quotient(num, den)
	return q
}
