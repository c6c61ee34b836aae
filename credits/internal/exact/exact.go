// Package exact holds what credits and credits/scheme share to state an
// exact product, such as a share of a share of an at-risk amount, as a
// person would write it: Trim drops the trailing zeros that
// multiplication leaves in its fraction.
package exact

import "github.com/shopspring/decimal"

// Trim returns d without the trailing zeros of its fraction: 3.0000 is 3,
// 4.50 is 4.5. Its value is d's; only its exponent changes.
func Trim(d decimal.Decimal) decimal.Decimal {
	for d.Exponent() < 0 {
		t := d.Truncate(-d.Exponent() - 1)
		if !t.Equal(d) {
			break
		}
		d = t
	}
	return d
}
