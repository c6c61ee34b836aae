package fixed

import (
	"strconv"

	"github.com/shopspring/decimal"
)

// The decimal package builds a new string, and several big integers, for
// every number it formats. A ledger line's rule quotes half a dozen
// numbers, so the hot paths write numbers with the functions here
// instead: each gives exactly the text of the decimal method it stands
// for, working in integers when the coefficient fits, and falling back to
// that method otherwise.

// AppendFixed appends d as d.StringFixed(places) writes it: rounded half
// away from zero to places decimal places, with exactly places of them
// (none when places is 0).
func AppendFixed(b []byte, d decimal.Decimal, places int32) []byte {
	c, ok := Coefficient(d)
	if !ok || places < 0 || places > 18 {
		return append(b, d.StringFixed(places)...)
	}
	switch e := d.Exponent(); {
	case e < -places:
		drop := -places - e
		if drop > 18 {
			return append(b, d.StringFixed(places)...)
		}
		c = RoundInt(c, drop, HalfUp)
	case e > -places:
		if c, ok = Scale(c, e+places); !ok {
			return append(b, d.StringFixed(places)...)
		}
	}
	return AppendScaled(b, c, places)
}

// AppendScaled appends c x 10^-places with exactly places decimal places,
// as the decimal package writes it.
func AppendScaled(b []byte, c int64, places int32) []byte {
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

// AppendValue appends d with exactly the decimal places it carries, as
// kpi.FormatValue writes it: d.StringFixed(-d.Exponent()), or with no
// places for a positive exponent.
func AppendValue(b []byte, d decimal.Decimal) []byte {
	return AppendFixed(b, d, max(-d.Exponent(), 0))
}
