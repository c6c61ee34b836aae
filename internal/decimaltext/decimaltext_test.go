package decimaltext

import (
	"testing"

	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // the value's text, when accepted
		prob Problem
		why  string
	}{
		{"99.5", "99.5", OK, "digits and a point"},
		{"-0.25", "-0.25", OK, "a leading minus"},
		{"100.00", "100", OK, "trailing zeros are kept as places (checked below)"},
		{"0", "0", OK, "zero"},
		{"", "", Empty, "nothing written"},
		{"+5", "", NotDecimal, "a leading plus is refused"},
		{".5", "", NotDecimal, "no digit before the point"},
		{"5.", "", NotDecimal, "no digit after the point"},
		{"-", "", NotDecimal, "a sign alone"},
		{"1e3", "", Exponent, "an exponent"},
		{"1,000", "", Thousands, "a thousands separator"},
		{"1 000.5", "", Thousands, "a space as thousands separator"},
		{"NaN", "", NotDecimal, "not a number"},
		{"Inf", "", NotDecimal, "an infinity"},
		{"12a", "", NotDecimal, "a letter"},
		{"٣", "", NotDecimal, "a non-ASCII digit"},
		{"1234567890123456789012345678901234567890", "1234567890123456789012345678901234567890", OK, "exactly MaxLen"},
		{"12345678901234567890123456789012345678901", "", TooLong, "one more than MaxLen"},
	} {
		t.Run(tc.why, func(t *testing.T) {
			d, p := Parse(tc.text)
			require.Equal(t, tc.prob, p, tc.text)
			if p == OK {
				require.Equal(t, tc.want, d.String())
			}
		})
	}
	d, _ := Parse("100.00")
	require.Equal(t, int32(-2), d.Exponent(), "places as written")
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"99.5", "-0.25", "+5", ".5", "5.", "1e3", "1,000", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, p := Parse(s)
		if p != OK {
			return
		}
		// An accepted text keeps its places and its value when written back.
		back, q := Parse(d.StringFixed(-d.Exponent()))
		if q != OK || !back.Equal(d) || back.Exponent() != d.Exponent() {
			t.Fatalf("Parse(%q) = %s, which reads back as %s (%d)", s, d.StringFixed(-d.Exponent()), back.String(), q)
		}
	})
}
