package exact_test

import (
	"testing"

	"github.com/servicecredit/engine/credits/internal/exact"
	"github.com/shopspring/decimal"
)

func TestTrim(t *testing.T) {
	for _, c := range []struct {
		in, want string
		why      string
	}{
		{"3.0000", "3", "every fractional digit a zero"},
		{"4.50", "4.5", "one trailing zero"},
		{"0.0625", "0.0625", "no trailing zero: unchanged"},
		{"120", "120", "zeros of the whole part stay"},
		{"0.000", "0", "zero"},
		{"-2.500", "-2.5", "a negative value"},
	} {
		got, want := exact.Trim(decimal.RequireFromString(c.in)), decimal.RequireFromString(c.want)
		// String drops trailing zeros itself: the exponent is what Trim changes.
		if !got.Equal(want) || got.Exponent() != want.Exponent() {
			t.Errorf("Trim(%s) = %s (exponent %d), want %s (%s)", c.in, got.String(), got.Exponent(), c.want, c.why)
		}
	}
}
