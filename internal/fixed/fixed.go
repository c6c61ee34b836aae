package fixed

import (
	"cmp"
	"math"

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

// AddInt returns x + y, reporting false if the sum would overflow.
func AddInt(x, y int64) (int64, bool) {
	s := x + y
	return s, (y >= 0) == (s >= x)
}

// Coefficient returns d's coefficient when it has at most 18 digits, so
// that it fits an int64 with room to round; false otherwise.
func Coefficient(d decimal.Decimal) (int64, bool) {
	if d.Sign() == 0 {
		return 0, true
	}
	if d.NumDigits() > 18 {
		return 0, false
	}
	return d.CoefficientInt64(), true
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

// abs64 returns |c| as a uint64, which holds the absolute value of every
// int64.
func abs64(c int64) uint64 {
	if c < 0 {
		return uint64(-(c + 1)) + 1
	}
	return uint64(c)
}

// inInt32 reports whether e fits an int32, as an exponent must.
func inInt32(e int64) bool { return e >= math.MinInt32 && e <= math.MaxInt32 }
