package fixed

import (
	"cmp"
	"math"
	"math/bits"

	"github.com/shopspring/decimal"
)

// Num is a decimal for the hot paths' arithmetic, which allocates only
// when it must: every operation of the decimal package makes a new big
// integer, so a Num holds its coefficient and exponent in integers while
// they fit and becomes a Decimal only when they do not. Each operation
// gives exactly the coefficient and exponent of the Decimal method it is
// named for (Add and Sub keep the smaller exponent, Mul adds them), so a
// Num's text and its Decimal are those the decimal arithmetic would give.
// The zero Num is 0 with exponent 0, as the zero Decimal is.
type Num struct {
	c   int64           // the coefficient, unless big
	e   int32           // the exponent, unless big
	big bool            // the value is d
	d   decimal.Decimal // the value, when big
}

// Of returns d as a Num.
func Of(d decimal.Decimal) Num {
	if c, ok := Coefficient(d); ok {
		return Num{c: c, e: d.Exponent()}
	}
	return Num{big: true, d: d}
}

// Int returns the integer n, with exponent 0.
func Int(n int64) Num { return Num{c: n} }

// Decimal returns a as a Decimal.
func (a Num) Decimal() decimal.Decimal {
	if a.big {
		return a.d
	}
	return decimal.New(a.c, a.e)
}

// Sign returns -1, 0 or 1 as a is negative, zero or positive.
func (a Num) Sign() int {
	if a.big {
		return a.d.Sign()
	}
	return cmp.Compare(a.c, 0)
}

// Cmp compares a and b as Decimal.Cmp does.
func (a Num) Cmp(b Num) int {
	if a.big || b.big {
		return a.Decimal().Cmp(b.Decimal())
	}
	x, y, _, ok := align(a, b)
	if !ok {
		return a.Decimal().Cmp(b.Decimal())
	}
	return cmp.Compare(x, y)
}

// align returns the coefficients of a and b at the smaller of their
// exponents, and that exponent; false if one would overflow.
func align(a, b Num) (int64, int64, int32, bool) {
	switch {
	case a.e < b.e:
		y, ok := Scale(b.c, b.e-a.e)
		return a.c, y, a.e, ok
	case a.e > b.e:
		x, ok := Scale(a.c, a.e-b.e)
		return x, b.c, b.e, ok
	}
	return a.c, b.c, a.e, true
}

// Add returns a + b, as Decimal.Add.
func (a Num) Add(b Num) Num {
	if !a.big && !b.big {
		if x, y, e, ok := align(a, b); ok {
			if s, ok := AddInt(x, y); ok {
				return Num{c: s, e: e}
			}
		}
	}
	return Num{big: true, d: a.Decimal().Add(b.Decimal())}
}

// Sub returns a - b, as Decimal.Sub.
func (a Num) Sub(b Num) Num {
	if !a.big && !b.big && b.c != math.MinInt64 {
		if x, y, e, ok := align(a, b); ok && y != math.MinInt64 {
			if s, ok := AddInt(x, -y); ok {
				return Num{c: s, e: e}
			}
		}
	}
	return Num{big: true, d: a.Decimal().Sub(b.Decimal())}
}

// Neg returns -a, as Decimal.Neg.
func (a Num) Neg() Num {
	if !a.big && a.c != math.MinInt64 {
		return Num{c: -a.c, e: a.e}
	}
	return Num{big: true, d: a.Decimal().Neg()}
}

// Mul returns a x b, as Decimal.Mul.
func (a Num) Mul(b Num) Num {
	if !a.big && !b.big {
		e := int64(a.e) + int64(b.e)
		hi, lo := bits.Mul64(abs64(a.c), abs64(b.c))
		if hi == 0 && lo <= math.MaxInt64 && inInt32(e) {
			c := int64(lo)
			if (a.c < 0) != (b.c < 0) {
				c = -c
			}
			return Num{c: c, e: int32(e)}
		}
	}
	return Num{big: true, d: a.Decimal().Mul(b.Decimal())}
}

// Quo returns the quotient of a.QuoRem(b, places): a/b truncated towards
// zero to places decimal places. b must not be zero.
func (a Num) Quo(b Num, places int32) Num {
	if !a.big && !b.big && b.c != 0 && places >= 0 && places <= 18 {
		// a/b x 10^places = a.c x 10^(a.e - b.e + places) / b.c
		x, y, ok := a.c, b.c, false
		switch s := int64(a.e) - int64(b.e) + int64(places); {
		case s >= 0 && s <= 18:
			x, ok = Scale(x, int32(s))
		case s < 0 && s >= -18:
			y, ok = Scale(y, int32(-s))
		}
		if ok && x != math.MinInt64 {
			return Num{c: x / y, e: -places}
		}
	}
	q, _ := a.Decimal().QuoRem(b.Decimal(), places)
	return Num{big: true, d: q}
}

// Shift returns a x 10^n, as Decimal.Shift.
func (a Num) Shift(n int32) Num {
	if a.big {
		return Num{big: true, d: a.d.Shift(n)}
	}
	if e := int64(a.e) + int64(n); inInt32(e) {
		return Num{c: a.c, e: int32(e)}
	}
	return Num{big: true, d: a.Decimal().Shift(n)}
}

// AppendTo appends a as AppendValue writes it: with exactly the decimal
// places it carries.
func (a Num) AppendTo(b []byte) []byte {
	if a.big {
		return AppendValue(b, a.d)
	}
	if a.e < 0 {
		return AppendScaled(b, a.c, -a.e)
	}
	if c, ok := Scale(a.c, a.e); ok {
		return AppendScaled(b, c, 0)
	}
	return AppendValue(b, a.Decimal())
}
