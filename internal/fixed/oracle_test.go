package fixed_test

import (
	"math/big"
	"strings"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/shopspring/decimal"
)

// The oracle: exact arithmetic in math/big, written from the definitions
// of the operations, never from the decimal package's code or the fast
// paths'. Each fast path is fuzzed against it.

// ratOf returns c x 10^e exactly.
func ratOf(c int64, e int32) *big.Rat {
	r := new(big.Rat).SetInt64(c)
	p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil))
	if e >= 0 {
		return r.Mul(r, p)
	}
	return r.Quo(r, p)
}

// ratOfDecimal returns d's value exactly.
func ratOfDecimal(d decimal.Decimal) *big.Rat {
	r := new(big.Rat).SetInt(d.Coefficient())
	e := d.Exponent()
	p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(e))), nil))
	if e >= 0 {
		return r.Mul(r, p)
	}
	return r.Quo(r, p)
}

func abs(e int32) int32 {
	if e < 0 {
		return -e
	}
	return e
}

// roundRat returns the whole number q such that q x 10^-places is x
// rounded to places decimal places in mode m, by the modes' definitions.
func roundRat(x *big.Rat, places int32, m fixed.Mode) *big.Int {
	scaled := new(big.Rat).Mul(x, ratOf(1, places))
	t := new(big.Int).Quo(scaled.Num(), scaled.Denom()) // truncated towards zero
	frac := new(big.Rat).Sub(scaled, new(big.Rat).SetInt(t))
	if frac.Sign() == 0 {
		return t
	}
	half := big.NewRat(1, 2)
	c := new(big.Rat).Abs(frac).Cmp(half) // |frac| against a half
	away := false
	switch m {
	case fixed.HalfUp:
		away = c >= 0
	case fixed.HalfEven:
		away = c > 0 || (c == 0 && t.Bit(0) == 1)
	case fixed.Up:
		away = true
	case fixed.Down:
	case fixed.Ceiling:
		away = frac.Sign() > 0
	case fixed.Floor:
		away = frac.Sign() < 0
	}
	if away {
		t.Add(t, big.NewInt(int64(frac.Sign())))
	}
	return t
}

// truncRat returns x truncated towards zero to places decimal places, as
// a whole number of 10^-places.
func truncRat(x *big.Rat, places int32) *big.Int {
	scaled := new(big.Rat).Mul(x, ratOf(1, places))
	return new(big.Int).Quo(scaled.Num(), scaled.Denom())
}

// text writes c x 10^-places with exactly places decimal places (none
// for places 0 or less, the coefficient then scaled up).
func text(c *big.Int, places int32) string {
	if places <= 0 {
		return new(big.Int).Mul(c, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-places)), nil)).String()
	}
	digits := new(big.Int).Abs(c).String()
	if len(digits) <= int(places) {
		digits = strings.Repeat("0", int(places)-len(digits)+1) + digits
	}
	s := digits[:len(digits)-int(places)] + "." + digits[len(digits)-int(places):]
	if c.Sign() < 0 {
		s = "-" + s
	}
	return s
}

// wholeAt returns x as a whole number of 10^e, and whether it is one.
func wholeAt(x *big.Rat, e int32) (*big.Int, bool) {
	scaled := new(big.Rat).Mul(x, ratOf(1, -e))
	if !scaled.IsInt() {
		return nil, false
	}
	return new(big.Int).Set(scaled.Num()), true
}

// modes are the valid rounding modes, with the decimal method each
// stands for.
var modes = []struct {
	m      fixed.Mode
	name   string
	method func(decimal.Decimal, int32) decimal.Decimal
}{
	{fixed.HalfUp, "half-up", decimal.Decimal.Round},
	{fixed.HalfEven, "half-even", decimal.Decimal.RoundBank},
	{fixed.Up, "up", decimal.Decimal.RoundUp},
	{fixed.Down, "down", decimal.Decimal.RoundDown},
	{fixed.Ceiling, "ceiling", decimal.Decimal.RoundCeil},
	{fixed.Floor, "floor", decimal.Decimal.RoundFloor},
}
