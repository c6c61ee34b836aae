package credits

import (
	"strconv"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/shopspring/decimal"
)

// The decimal package builds a new string, and several big integers, for
// every number it formats. A ledger line's rule quotes half a dozen
// numbers, so the hot paths of the regimes write numbers with the
// functions here instead: each gives exactly the text of the decimal
// method it stands for, working in integers when the coefficient fits,
// and falling back to that method otherwise.

// small returns d's coefficient when it has at most 18 digits, so that it
// fits an int64 with room to round; false otherwise.
func small(d decimal.Decimal) (int64, bool) {
	if d.Sign() == 0 {
		return 0, true
	}
	if d.NumDigits() > 18 {
		return 0, false
	}
	return d.CoefficientInt64(), true
}

// appendFixed appends d as d.StringFixed(places) writes it: rounded half
// away from zero to places decimal places, with exactly places of them
// (none when places is 0).
func appendFixed(b []byte, d decimal.Decimal, places int32) []byte {
	c, ok := small(d)
	if !ok || places < 0 || places > 18 {
		return append(b, d.StringFixed(places)...)
	}
	switch e := d.Exponent(); {
	case e < -places:
		drop := -places - e
		if drop > 18 {
			return append(b, d.StringFixed(places)...)
		}
		div := fixed.Pow10[drop]
		q, rem := c/div, c%div
		if rem < 0 {
			rem = -rem
		}
		if 2*rem >= div { // half away from zero; rem < div <= 1e18, so 2*rem fits
			if c < 0 {
				q--
			} else {
				q++
			}
		}
		c = q
	case e > -places:
		if c, ok = fixed.Scale(c, e+places); !ok {
			return append(b, d.StringFixed(places)...)
		}
	}
	return appendScaled(b, c, places)
}

// appendScaled appends c x 10^-places with exactly places decimal places,
// as the decimal package writes it.
func appendScaled(b []byte, c int64, places int32) []byte {
	if c < 0 {
		b = append(b, '-')
	}
	var digits [20]byte
	ds := strconv.AppendUint(digits[:0], abs64(c), 10)
	p := int(places)
	if len(ds) <= p {
		b = append(b, '0', '.')
		for range p - len(ds) {
			b = append(b, '0')
		}
		return append(b, ds...)
	}
	b = append(b, ds[:len(ds)-p]...)
	if p > 0 {
		b = append(b, '.')
		b = append(b, ds[len(ds)-p:]...)
	}
	return b
}

// abs64 returns |c| as a uint64, which holds the absolute value of every
// int64.
func abs64(c int64) uint64 {
	if c < 0 {
		return uint64(-(c + 1)) + 1
	}
	return uint64(c)
}

// appendValue appends d as kpi.FormatValue writes it: with exactly the
// decimal places it carries.
func appendValue(b []byte, d decimal.Decimal) []byte {
	return appendFixed(b, d, max(-d.Exponent(), 0))
}
