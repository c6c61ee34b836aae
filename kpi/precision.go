package kpi

import (
	"fmt"
	"github.com/servicecredit/engine/internal/words"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/shopspring/decimal"
)

// Rounding is a rounding mode named by a contract. The zero Rounding is
// invalid: a contract must say how it rounds.
type Rounding uint8

// The rounding modes. Each maps to exactly one decimal method.
const (
	HalfUp   Rounding = iota + 1 // ties away from zero, as Excel's ROUND: 99.95 -> 100.0
	HalfEven                     // ties to the even digit (banker's rounding): 2.25 -> 2.2
	Up                           // away from zero: 99.91 -> 100.0
	Down                         // towards zero (truncation): 99.99 -> 99.9
	Ceiling                      // towards +infinity
	Floor                        // towards -infinity
)

var roundingWords = words.New("rounding", HalfUp, "half-up", "half-even", "up", "down", "ceiling", "floor")

// String returns the text form, such as "half-up".
func (r Rounding) String() string { return roundingWords.String(r) }

// MarshalText implements encoding.TextMarshaler.
func (r Rounding) MarshalText() ([]byte, error) { return roundingWords.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Rounding) UnmarshalText(b []byte) error {
	return roundingWords.Unmarshal(r, b)
}

// Round rounds d to places decimal places in mode r. It panics if r is not
// a valid Rounding: callers validate first.
func (r Rounding) Round(d decimal.Decimal, places int32) decimal.Decimal {
	if v, ok := fixed.Round(d, places, fixed.Mode(r)); ok {
		return v // in integers: measured values are nearly always small
	}
	switch r {
	case HalfUp:
		return d.Round(places)
	case HalfEven:
		return d.RoundBank(places)
	case Up:
		return d.RoundUp(places)
	case Down:
		return d.RoundDown(places)
	case Ceiling:
		return d.RoundCeil(places)
	case Floor:
		return d.RoundFloor(places)
	}
	panic(fmt.Sprintf("kpi: invalid rounding %d", r))
}

// Precision is the contract's measurement precision: a measured value is
// rounded to Places decimal places in mode Rounding before it is compared
// with its thresholds, so that 99.949 at one place is 99.9.
//
// The zero Precision is invalid, because it names no rounding mode.
type Precision struct {
	Places   int32    // decimal places kept, 0 to 10
	Rounding Rounding // how the dropped digits round
}

// Apply returns d rounded as p says, with exactly p.Places decimal places.
// It panics if p is invalid.
func (p Precision) Apply(d decimal.Decimal) decimal.Decimal {
	if d.Exponent() == -p.Places {
		return d // already at the precision: nothing to round or rescale
	}
	return p.Rounding.Round(d, p.Places)
}

// String returns a description such as "1 dp half-up".
func (p Precision) String() string { return fmt.Sprintf("%d dp %s", p.Places, p.Rounding) }

func (p Precision) problems() []problem {
	var out []problem
	if p.Places < 0 || p.Places > 10 {
		out = append(out, problem{"Places", fmt.Sprintf("precision: places %d outside 0..10", p.Places)})
	}
	if !roundingWords.Valid(p.Rounding) {
		out = append(out, problem{"Rounding", "precision: rounding not set (want one of " + roundingWords.Join() + ")"})
	}
	return out
}

// FormatValue formats d with exactly the decimal places it carries ("95",
// "99.949", "10.50"), whatever the decimal package's globals say. Reports
// and error messages print values through it.
func FormatValue(d decimal.Decimal) string {
	if e := d.Exponent(); e < 0 {
		return d.StringFixed(-e)
	}
	return d.StringFixed(0)
}

// Quotient returns num/den rounded as p says, exactly: the result is what
// rounding the true quotient would give, with no intermediate rounding to
// a global precision. It reports false when den is zero: a zero
// denominator is not measurable.
func (p Precision) Quotient(num, den decimal.Decimal) (decimal.Decimal, bool) {
	if den.IsZero() {
		return decimal.Decimal{}, false
	}
	if q, ok := fixed.Quotient(num, den, p.Places, fixed.Mode(p.Rounding)); ok {
		return q, true
	}
	return p.quotientDecimal(num, den), true
}

// quotientDecimal is Quotient in the decimal package's arithmetic, by
// fixed.Quotient's rule. den is not zero.
func (p Precision) quotientDecimal(num, den decimal.Decimal) decimal.Decimal {
	// Truncate the quotient two places beyond the precision. A non-zero
	// remainder means the true value lies strictly between q and the next
	// step away from zero; nudging q one further place in that direction
	// keeps it strictly inside that interval, so every rounding mode treats
	// it as it would treat the true value.
	q, r := num.QuoRem(den, p.Places+2)
	if !r.IsZero() {
		nudge := decimal.New(1, -(p.Places + 3))
		if (num.Sign() < 0) != (den.Sign() < 0) {
			nudge = nudge.Neg()
		}
		q = q.Add(nudge)
	}
	return p.Apply(q)
}
