package reconcile

import (
	"fmt"
	"math/big"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

// step returns one unit in the last place of a figure written with places
// decimal places: 0.01 for two.
func step(places int32) decimal.Decimal { return decimal.New(1, -places) }

// maxError returns the largest distance between a figure printed with
// places decimal places, rounded as r says, and the value it was rounded
// from: half a unit in the last place for the half modes, a whole unit
// for the directed ones.
func maxError(places int32, r kpi.Rounding) decimal.Decimal {
	if r == kpi.HalfUp || r == kpi.HalfEven {
		return decimal.New(5, -places-1)
	}
	return step(places)
}

// fixed formats d with exactly places places, whatever the decimal
// package's globals say.
func fixed(d decimal.Decimal, places int32) string { return d.StringFixed(max(places, 0)) }

// ceilAt rounds d up to places places: a tolerance is never shown smaller
// than it is.
func ceilAt(d decimal.Decimal, places int32) string { return d.RoundCeil(places).StringFixed(places) }

// quotient returns num/den rounded half-up to places places; den is not
// zero.
func quotient(num, den decimal.Decimal, places int32) decimal.Decimal {
	q, _ := kpi.Precision{Places: places, Rounding: kpi.HalfUp}.Quotient(num, den)
	return q
}

// attainability is the answer to whether a printed percentage is one
// some whole count k of n gives.
type attainability struct {
	possible bool
	kLo, kHi int64 // possible: the counts that give it, kLo to kHi
	near     []int64
}

// attain decides whether p, a percentage printed with places decimal
// places, is 100k/n for some whole k in 0..n under any rounding the
// precision allows: the value 100k/n must lie strictly within one unit in
// the last place of p, p - 10^-places < 100k/n < p + 10^-places, which is
// the union of the values half-up, half-even, down (truncation) and up
// would print as p. (p itself is always inside; p ± one unit never is,
// since it prints as itself under every mode.) n is a whole number of 1
// or more. When p is not attainable, near holds the counts whose values
// are nearest below and above it.
func attain(p decimal.Decimal, places int32, n int64) attainability {
	bn := big.NewInt(n)
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	d := new(big.Int).Mul(big.NewInt(100), scale) // 100 x 10^places
	P := p.Shift(places).BigInt()                 // p x 10^places, whole: p has at most places places
	// n(P-1) < k d < n(P+1)
	lo := new(big.Int).Mul(bn, new(big.Int).Sub(P, big.NewInt(1)))
	hi := new(big.Int).Mul(bn, new(big.Int).Add(P, big.NewInt(1)))
	kLo := big.NewInt(0)
	if lo.Sign() >= 0 {
		kLo.Div(lo, d)
		kLo.Add(kLo, big.NewInt(1))
	}
	kHi := new(big.Int)
	if hi.Sign() > 0 {
		kHi.Sub(hi, big.NewInt(1))
		kHi.Div(kHi, d)
	} else {
		kHi.SetInt64(-1)
	}
	if kHi.Cmp(bn) > 0 {
		kHi.Set(bn)
	}
	if kLo.Cmp(kHi) <= 0 {
		return attainability{possible: true, kLo: kLo.Int64(), kHi: kHi.Int64()}
	}
	// The counts either side of p: floor(P n / d) and the next.
	below := new(big.Int).Mul(P, bn)
	if below.Sign() < 0 {
		below.SetInt64(-1)
	} else {
		below.Div(below, d)
	}
	var near []int64
	for _, k := range []int64{below.Int64(), below.Int64() + 1} {
		if k >= 0 && k <= n {
			near = append(near, k)
		}
	}
	if len(near) == 0 { // p above 100 or below 0
		near = []int64{n}
		if p.Sign() < 0 {
			near = []int64{0}
		}
	}
	return attainability{near: near}
}

// percentOf writes 100k/n at places places, half-up, with its count:
// "35.71 (5/14)".
func percentOf(k, n int64, places int32) string {
	v := quotient(decimal.NewFromInt(k).Mul(hundred), decimal.NewFromInt(n), places)
	return fmt.Sprintf("%s (%d/%d)", fixed(v, places), k, n)
}

// whole returns d as an int64 when it is a whole number of 0 to 10^15.
func whole(d decimal.Decimal) (int64, bool) {
	if d.Sign() < 0 || !d.IsInteger() || d.Cmp(decimal.New(1, 15)) > 0 {
		return 0, false
	}
	return d.IntPart(), true
}

// within reports whether |diff| <= tol.
func within(diff, tol decimal.Decimal) bool { return diff.Abs().Cmp(tol) <= 0 }

// countsFor returns the whole counts k in 0..n whose percentage 100k/n,
// rounded to places places as r says, is p: the range lo..hi, or ok false
// when there is none. For p >= 0 the value 100k/n must lie in p's
// rounding interval: [p-u/2, p+u/2) for half-up, the same closed or open
// at both ends as p's last digit is even or odd for half-even, [p, p+u)
// for down and floor, (p-u, p] for up and ceiling, u being one unit in
// the last place.
func countsFor(p decimal.Decimal, places int32, n int64, r kpi.Rounding) (lo, hi int64, ok bool) {
	if p.Sign() < 0 || n < 0 {
		return 0, 0, false
	}
	P := p.Shift(places).BigInt()
	two := big.NewInt(2)
	P2 := new(big.Int).Mul(P, two)
	var low, high *big.Int
	var lowIn, highIn bool
	switch r {
	case kpi.HalfUp:
		low, high, lowIn, highIn = new(big.Int).Sub(P2, big.NewInt(1)), new(big.Int).Add(P2, big.NewInt(1)), true, false
	case kpi.HalfEven:
		even := P.Bit(0) == 0
		low, high, lowIn, highIn = new(big.Int).Sub(P2, big.NewInt(1)), new(big.Int).Add(P2, big.NewInt(1)), even, even
	case kpi.Down, kpi.Floor:
		low, high, lowIn, highIn = P2, new(big.Int).Add(P2, two), true, false
	default: // Up, Ceiling
		low, high, lowIn, highIn = new(big.Int).Sub(P2, two), P2, false, true
	}
	// 100k/n against bound/(2 x 10^places): k x 2 x 100 x 10^places against n x bound.
	d := new(big.Int).Mul(big.NewInt(200), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil))
	bn := big.NewInt(n)
	nl, nh := new(big.Int).Mul(bn, low), new(big.Int).Mul(bn, high)
	kLo := new(big.Int)
	if nl.Sign() > 0 {
		q, rem := new(big.Int).QuoRem(nl, d, new(big.Int))
		if rem.Sign() != 0 || !lowIn {
			q.Add(q, big.NewInt(1)) // the first k above the bound (or at it, when it is a whole k and included)
		}
		kLo = q
	} else if nl.Sign() == 0 && !lowIn {
		kLo.SetInt64(1)
	}
	kHi := new(big.Int)
	if nh.Sign() < 0 {
		return 0, 0, false
	}
	q, rem := new(big.Int).QuoRem(nh, d, new(big.Int))
	if rem.Sign() == 0 && !highIn {
		q.Sub(q, big.NewInt(1))
	}
	kHi = q
	if kHi.Cmp(bn) > 0 {
		kHi.Set(bn)
	}
	if kLo.Cmp(kHi) > 0 {
		return 0, 0, false
	}
	return kLo.Int64(), kHi.Int64(), true
}
