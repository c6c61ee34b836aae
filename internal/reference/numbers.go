package reference

import (
	"fmt"
	"math/big"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// rat is d as an exact rational.
func rat(d decimal.Decimal) *big.Rat { return d.Rat() }

// dec is x, a rational with a finite decimal expansion, as a decimal; it
// panics for any other, which no price or cap makes.
func dec(x *big.Rat) decimal.Decimal {
	ten := big.NewRat(10, 1)
	s := new(big.Rat).Set(x)
	for places := int32(0); places <= 60; places++ {
		if s.IsInt() {
			return decimal.NewFromBigInt(s.Num(), -places)
		}
		s.Mul(s, ten)
	}
	panic(fmt.Sprintf("reference: %s has no finite decimal expansion", x.RatString()))
}

// percent is pct per cent of x.
func percent(x, pct *big.Rat) *big.Rat {
	out := new(big.Rat).Mul(x, pct)
	return out.Quo(out, big.NewRat(100, 1))
}

// round rounds x as money says.
func round(m credits.Money, x *big.Rat) decimal.Decimal { return roundAt(x, m.Places, m.Rounding) }

// roundAt rounds x to places decimal places in mode: half-up (ties away
// from zero), half-even, up (away from zero), down (towards zero),
// ceiling or floor.
func roundAt(x *big.Rat, places int32, mode kpi.Rounding) decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	num := new(big.Int).Mul(x.Num(), scale) // x x 10^places is num/den
	den := x.Denom()
	floor, rem := new(big.Int).DivMod(num, den, new(big.Int)) // floor division: 0 <= rem < den
	if rem.Sign() == 0 {
		return decimal.NewFromBigInt(floor, -places)
	}
	// The value lies strictly between floor and floor+1: up or down, by
	// the mode, and for the half modes by where rem lies against den/2.
	up := false
	half := new(big.Int).Lsh(rem, 1).Cmp(den) // 2 x rem against den
	negative := x.Sign() < 0
	switch mode {
	case kpi.Ceiling:
		up = true
	case kpi.Floor:
		up = false
	case kpi.Up: // away from zero
		up = !negative
	case kpi.Down: // towards zero
		up = negative
	case kpi.HalfUp: // ties away from zero
		up = half > 0 || (half == 0 && !negative)
	case kpi.HalfEven:
		up = half > 0 || (half == 0 && floor.Bit(0) == 1)
	}
	if up {
		floor.Add(floor, big.NewInt(1))
	}
	return decimal.NewFromBigInt(floor, -places)
}
