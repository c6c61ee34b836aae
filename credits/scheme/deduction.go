package scheme

import (
	"bytes"
	"strconv"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
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
// which rounds the money once, per line (PerPoint, PercentOfCharges,
// PercentPerPoint) or per month (PointsTable). The line shows the points
// to DeductionPlaces, and its rule gives the exact fraction, which the
// money is priced from. So with Required 99.5, Available 10, a value of
// 98.2 and a point worth 1000.00, the points are 10 x 1.3 / 99.5 =
// 13/99.5 = 0.130653266..., shown as 0.130653, and the credit is
// 13/99.5 x 1000.00 = 130.65, not the 130.00 that points rounded to 0.13
// first would give:
//
//	red: failure 100 - 98.2 = 1.8% - allowed 0.5% = 1.3% x 10 points / required 99.5% scores 13/99.5 (0.130653 to 6 places); month's points 0 to 13/99.5: 13/99.5 at x1 = 13/99.5 x 1000.00 = 130.65
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

func (d Deduction) problems() []problems.Problem {
	out := append(directionProblems(d.Direction), basisProblems(d.Value, d.Precision)...)
	if d.Required.Sign() <= 0 || fixed.Compare(d.Required, hundred) > 0 {
		out = append(out, problems.Newf("Required", "", "required %s%% outside (0, 100]", kpi.FormatValue(d.Required)))
	}
	if d.Available.Sign() <= 0 {
		out = append(out, problems.Newf("Available", "", "available %s points is not positive", kpi.FormatValue(d.Available)))
	}
	return out
}

func (d Deduction) score(o credits.Outcome, why []byte) (scored, []byte, error) {
	if err := wrongDirection(&o, "deduction is", d.Direction); err != nil {
		return scored{}, why, err
	}
	hundred := fixed.Int(100)
	v := fixed.Of(basisValue(d.Value, d.Precision, o))
	failure := v
	if d.Direction == kpi.HigherIsBetter {
		failure = hundred.Sub(v)
		why = v.AppendTo(append(why, "failure 100 - "...))
		why = append(failure.AppendTo(append(why, " = "...)), '%')
	} else {
		why = append(v.AppendTo(append(why, "failure "...)), '%')
	}
	allowed := hundred.Sub(fixed.Of(d.Required))
	excess := failure.Sub(allowed)
	if excess.Sign() <= 0 {
		why = append(allowed.AppendTo(append(why, " within the allowed "...)), "%: no deduction"...)
		return scored{score: decimal.Zero}, why, nil
	}
	n := fixed.Of(d.Available).Mul(excess)
	why = append(allowed.AppendTo(append(why, " - allowed "...)), '%')
	why = append(excess.AppendTo(append(why, " = "...)), '%')
	why = fixed.AppendValue(append(why, " x "...), d.Available)
	why = fixed.AppendValue(append(why, " points / required "...), d.Required)
	score := n.Decimal()
	why = appendPoints(append(why, "% scores "...), score, d.Required)
	return scored{score: score, den: d.Required}, why, nil
}

// isOne reports whether a denominator is one; the zero Decimal counts as
// one, so that a part that does not divide leaves it unset.
func isOne(den decimal.Decimal) bool { return den.IsZero() || fixed.Of(den).Cmp(fixed.Int(1)) == 0 }

// appendFrac appends num/den exactly: num alone when den is one or num
// is zero, else the fraction "13/99.5", each side with trailing
// fractional zeros dropped, so that a reader can redo the arithmetic from
// it by hand.
func appendFrac(b []byte, n, den decimal.Decimal) []byte {
	if isOne(den) || n.IsZero() {
		return fixed.AppendValue(b, n)
	}
	b = appendTrimmed(b, n)
	return appendTrimmed(append(b, '/'), den)
}

// appendPoints appends num/den as appendFrac does and, when den is not
// one, the points a line shows for it: "13/99.5 (0.130653 to 6 places)".
func appendPoints(b []byte, n, den decimal.Decimal) []byte {
	b = appendFrac(b, n, den)
	if isOne(den) {
		return b
	}
	b = fixed.AppendValue(append(b, " ("...), fracValue(n, den))
	return append(strconv.AppendInt(append(b, " to "...), DeductionPlaces, 10), " places)"...)
}

// appendTrimmed appends d with its trailing fractional zeros dropped.
func appendTrimmed(b []byte, d decimal.Decimal) []byte {
	start := len(b)
	b = fixed.AppendValue(b, d)
	if bytes.IndexByte(b[start:], '.') >= 0 {
		b = bytes.TrimSuffix(bytes.TrimRight(b, "0"), []byte("."))
	}
	return b
}

// fracValue returns num/den as a line's Points: exactly when den is one,
// else rounded half-up to DeductionPlaces.
func fracValue(n, den decimal.Decimal) decimal.Decimal {
	if isOne(den) {
		return n
	}
	q, _ := kpi.Precision{Places: DeductionPlaces, Rounding: kpi.HalfUp}.Quotient(n, den)
	return q
}
