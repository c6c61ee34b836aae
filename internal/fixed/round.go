package fixed

import (
	"sync/atomic"

	"github.com/shopspring/decimal"
)

// Mode is a rounding mode. Its values are kpi.Rounding's, in the same
// order, so that kpi converts one to the other; the zero Mode is invalid.
type Mode uint8

// The rounding modes, as kpi.Rounding names them.
const (
	HalfUp   Mode = iota + 1 // ties away from zero, as decimal.Round
	HalfEven                 // ties to the even digit, as decimal.RoundBank
	Up                       // away from zero, as decimal.RoundUp
	Down                     // towards zero, as decimal.RoundDown
	Ceiling                  // towards +infinity, as decimal.RoundCeil
	Floor                    // towards -infinity, as decimal.RoundFloor
)

// RoundInt returns c x 10^-drop rounded to a whole number in mode m. drop
// must be 1 to 18 and m valid.
func RoundInt(c int64, drop int32, m Mode) int64 {
	div := Pow10[drop]
	q, rem := c/div, c%div // truncated towards zero
	if rem == 0 {
		return q
	}
	neg := c < 0
	if neg {
		rem = -rem
	}
	// rem < div <= 10^18, so 2*rem fits an int64.
	up := false // away from zero
	switch m {
	case HalfUp:
		up = 2*rem >= div
	case HalfEven:
		up = 2*rem > div || (2*rem == div && q%2 != 0)
	case Up:
		up = true
	case Ceiling:
		up = !neg
	case Floor:
		up = neg
	}
	switch {
	case up && neg:
		q--
	case up:
		q++
	}
	return q
}

// Round returns d rounded to places decimal places in mode m, exactly as
// the decimal package's method for m rounds it (the result has exponent
// -places), when d's coefficient has at most 17 digits and at most 18
// digits are dropped; it reports false otherwise, and for a d already at
// or within places, which needs no rounding but a rescale.
func Round(d decimal.Decimal, places int32, m Mode) (decimal.Decimal, bool) {
	drop := -places - d.Exponent()
	if drop <= 0 || drop > 18 || d.NumDigits() > 17 || m < HalfUp || m > Floor {
		return decimal.Decimal{}, false
	}
	return Shared(RoundInt(d.CoefficientInt64(), drop, m), places), true
}

// Quotient returns num/den rounded to places decimal places in mode m,
// exactly: what rounding the true quotient gives, with no intermediate
// rounding. It works in integers when both coefficients have at most 17
// digits, places is 0 to 10 and the scaled dividend fits, and reports
// false otherwise, and when den is zero.
//
// It truncates the quotient two places beyond places. A non-zero
// remainder means the true value lies strictly between that and the next
// step away from zero; nudging it one further place in that direction
// keeps it strictly inside, so every mode rounds it as it would round the
// true value.
func Quotient(num, den decimal.Decimal, places int32, m Mode) (decimal.Decimal, bool) {
	if den.Sign() == 0 || num.NumDigits() > 17 || den.NumDigits() > 17 || places < 0 || places > 10 || m < HalfUp || m > Floor {
		return decimal.Decimal{}, false
	}
	x, y := num.CoefficientInt64(), den.CoefficientInt64()
	// num/den x 10^(places+2) = x x 10^s / y
	var ok bool
	switch s := int64(num.Exponent()) - int64(den.Exponent()) + int64(places) + 2; {
	case s >= 0 && s <= 18:
		x, ok = Scale(x, int32(s))
	case s < 0 && s >= -18:
		y, ok = Scale(y, int32(-s))
	}
	if !ok {
		return decimal.Decimal{}, false
	}
	q, r := x/y, x%y // truncated towards zero
	drop := int32(2)
	if r != 0 { // the nudge, one place further away from zero
		if q, ok = Scale(q, 1); !ok || q > 1e16 || q < -1e16 {
			return decimal.Decimal{}, false
		}
		if (x < 0) != (y < 0) {
			q--
		} else {
			q++
		}
		drop = 3
	}
	if q > 1e17-1 || q < -(1e17-1) {
		return decimal.Decimal{}, false
	}
	return Shared(RoundInt(q, drop, m), places), true
}

// Rounded values are shared: the decimals with coefficients 0 to
// sharedMax at 0 to sharedPlaces places (0 to 100.00 per cent, counts up
// to 10,000) are each made once, on first use, since a decimal never
// changes and a new one costs an allocation. The table is filled by
// whichever goroutine gets there first; any of them makes an equal value.
const (
	sharedMax    = 10_000
	sharedPlaces = 2
)

var shared [sharedPlaces + 1][sharedMax + 1]atomic.Pointer[decimal.Decimal]

// Shared returns the decimal q x 10^-places, with exponent -places: for
// small values one made once and shared.
func Shared(q int64, places int32) decimal.Decimal {
	if q < 0 || q > sharedMax || places < 0 || places > sharedPlaces {
		return decimal.New(q, -places)
	}
	slot := &shared[places][q]
	if d := slot.Load(); d != nil {
		return *d
	}
	d := decimal.New(q, -places)
	slot.Store(&d)
	return d
}
