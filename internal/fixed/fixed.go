// Package fixed does exact arithmetic on the coefficients of decimals in
// int64, where they fit. Every operation of the decimal package makes a
// new big integer, and comparing two decimals of different exponents
// rescales one first; the engine's values (99.95 per cent, 3 incidents,
// charges in pounds and pence) nearly always fit an int64, so kpi and
// credits compare and scale them here, and fall back to the decimal
// package when they do not fit.
package fixed

import (
	"cmp"

	"github.com/shopspring/decimal"
)

// Pow10 holds the powers of ten that fit an int64: Pow10[n] is 10^n.
var Pow10 = [...]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// Scale returns c x 10^n, reporting false if n is outside 0 to 18 or the
// product would overflow.
func Scale(c int64, n int32) (int64, bool) {
	if n < 0 || n >= int32(len(Pow10)) {
		return 0, false
	}
	p := Pow10[n]
	if c > (1<<63-1)/p || c < -(1<<63-1)/p {
		return 0, false
	}
	return c * p, true
}

// Compare returns a.Cmp(b). When both coefficients have at most 17 digits
// and the exponents differ by at most 18 it compares in integers, without
// allocating: a value measured as "99.95" against a TSL written "95" is
// the usual case.
func Compare(a, b decimal.Decimal) int {
	ea, eb := a.Exponent(), b.Exponent()
	if ea == eb || a.NumDigits() > 17 || b.NumDigits() > 17 {
		return a.Cmp(b)
	}
	ca, cb := a.CoefficientInt64(), b.CoefficientInt64()
	var ok bool
	if ea > eb { // a at b's exponent
		ca, ok = Scale(ca, ea-eb)
	} else {
		cb, ok = Scale(cb, eb-ea)
	}
	if !ok {
		return a.Cmp(b)
	}
	return cmp.Compare(ca, cb)
}
