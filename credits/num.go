package credits

import (
	"cmp"
	"math"
	"math/bits"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/shopspring/decimal"
)

// num is a decimal for the hot paths' arithmetic, which allocates only
// when it must: every operation of the decimal package makes a new big
// integer, so a num holds its coefficient and exponent in integers while
// they fit and becomes a Decimal only when they do not. Each operation
// gives exactly the coefficient and exponent of the Decimal method it is
// named for (Add and Sub keep the smaller exponent, Mul adds them), so a
// num's text and its Decimal are those the decimal arithmetic would give.
// The zero num is 0 with exponent 0, as the zero Decimal is.
type num struct {
	c   int64           // the coefficient, unless big
	e   int32           // the exponent, unless big
	big bool            // the value is d
	d   decimal.Decimal // the value, when big
}

// numOf returns d as a num.
func numOf(d decimal.Decimal) num {
	if c, ok := small(d); ok {
		return num{c: c, e: d.Exponent()}
	}
	return num{big: true, d: d}
}

// numInt returns the integer n, with exponent 0.
func numInt(n int64) num { return num{c: n} }

// Decimal returns a as a Decimal.
func (a num) Decimal() decimal.Decimal {
	if a.big {
		return a.d
	}
	return decimal.New(a.c, a.e)
}

// Sign returns -1, 0 or 1 as a is negative, zero or positive.
func (a num) Sign() int {
	if a.big {
		return a.d.Sign()
	}
	return cmp.Compare(a.c, 0)
}

// Cmp compares a and b as Decimal.Cmp does.
func (a num) Cmp(b num) int {
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
func align(a, b num) (int64, int64, int32, bool) {
	switch {
	case a.e < b.e:
		y, ok := fixed.Scale(b.c, b.e-a.e)
		return a.c, y, a.e, ok
	case a.e > b.e:
		x, ok := fixed.Scale(a.c, a.e-b.e)
		return x, b.c, b.e, ok
	}
	return a.c, b.c, a.e, true
}

// Add returns a + b, as Decimal.Add.
func (a num) Add(b num) num {
	if !a.big && !b.big {
		if x, y, e, ok := align(a, b); ok {
			if s, ok := addInt(x, y); ok {
				return num{c: s, e: e}
			}
		}
	}
	return num{big: true, d: a.Decimal().Add(b.Decimal())}
}

// Sub returns a - b, as Decimal.Sub.
func (a num) Sub(b num) num {
	if !a.big && !b.big && b.c != math.MinInt64 {
		if x, y, e, ok := align(a, b); ok && y != math.MinInt64 {
			if s, ok := addInt(x, -y); ok {
				return num{c: s, e: e}
			}
		}
	}
	return num{big: true, d: a.Decimal().Sub(b.Decimal())}
}

// Neg returns -a, as Decimal.Neg.
func (a num) Neg() num {
	if !a.big && a.c != math.MinInt64 {
		return num{c: -a.c, e: a.e}
	}
	return num{big: true, d: a.Decimal().Neg()}
}

// Mul returns a x b, as Decimal.Mul.
func (a num) Mul(b num) num {
	if !a.big && !b.big {
		e := int64(a.e) + int64(b.e)
		hi, lo := bits.Mul64(abs64(a.c), abs64(b.c))
		if hi == 0 && lo <= math.MaxInt64 && e >= math.MinInt32 && e <= math.MaxInt32 {
			c := int64(lo)
			if (a.c < 0) != (b.c < 0) {
				c = -c
			}
			return num{c: c, e: int32(e)}
		}
	}
	return num{big: true, d: a.Decimal().Mul(b.Decimal())}
}

// Quo returns the quotient of a.QuoRem(b, places): a/b truncated towards
// zero to places decimal places. b must not be zero.
func (a num) Quo(b num, places int32) num {
	if !a.big && !b.big && b.c != 0 && places >= 0 && places <= 18 {
		// a/b x 10^places = a.c x 10^(a.e - b.e + places) / b.c
		x, y, ok := a.c, b.c, false
		switch s := int64(a.e) - int64(b.e) + int64(places); {
		case s >= 0 && s <= 18:
			x, ok = fixed.Scale(x, int32(s))
		case s < 0 && s >= -18:
			y, ok = fixed.Scale(y, int32(-s))
		}
		if ok && x != math.MinInt64 {
			return num{c: x / y, e: -places}
		}
	}
	q, _ := a.Decimal().QuoRem(b.Decimal(), places)
	return num{big: true, d: q}
}

// appendTo appends a as kpi.FormatValue writes it.
func (a num) appendTo(b []byte) []byte {
	if a.big {
		return appendValue(b, a.d)
	}
	if a.e < 0 {
		return appendScaled(b, a.c, -a.e)
	}
	if c, ok := fixed.Scale(a.c, a.e); ok {
		return appendScaled(b, c, 0)
	}
	return appendValue(b, a.Decimal())
}

// addInt returns x + y, reporting false if it would overflow.
func addInt(x, y int64) (int64, bool) {
	s := x + y
	return s, (y >= 0) == (s >= x)
}

// shift returns a x 10^n, as Decimal.Shift.
func (a num) shift(n int32) num {
	if a.big {
		return num{big: true, d: a.d.Shift(n)}
	}
	if e := int64(a.e) + int64(n); e >= math.MinInt32 && e <= math.MaxInt32 {
		return num{c: a.c, e: int32(e)}
	}
	return num{big: true, d: a.Decimal().Shift(n)}
}
