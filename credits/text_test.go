package credits

import (
	"math"
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// decimalCases are decimals for the text tests: zeros of
// several exponents, halves that round away from zero, negatives, and
// coefficients too large for the integer paths.
var decimalCases = []string{
	"0", "0.00", "0.000", "-0.004", "-0.005", "0.005", "0.004", "1", "-1", "2.5", "-2.5", "0.125", "1234.565",
	"99.949", "99.95", "100", "-100.004", "1e3", "1.5e2", "12345678901234567.89", "123456789012345678",
	"1234567890123456789", "-1234567890123456789.5", "0.0000000000000000001", "9223372036854775807",
	"-9223372036854775808", "999999999999999999.5", "0.1234567890123456789",
}

// TestAppendFixed checks appendFixed against StringFixed, the text it
// stands for, for the cases and places 0 to 20.
func TestAppendFixed(t *testing.T) {
	for _, s := range decimalCases {
		d := decimal.RequireFromString(s)
		for places := int32(0); places <= 20; places++ {
			if got, want := string(appendFixed([]byte("x"), d, places)), "x"+d.StringFixed(places); got != want {
				t.Errorf("appendFixed(%s, %d) = %q, want %q", s, places, got, want)
			}
		}
	}
}

// TestAppendValue checks appendValue against kpi.FormatValue.
func TestAppendValue(t *testing.T) {
	for _, s := range decimalCases {
		d := decimal.RequireFromString(s)
		if got, want := string(appendValue(nil, d)), kpi.FormatValue(d); got != want {
			t.Errorf("appendValue(%s) = %q, want %q", s, got, want)
		}
	}
	if got := string(appendValue(nil, decimal.Decimal{})); got != "0" {
		t.Errorf("appendValue(zero Decimal) = %q, want 0", got)
	}
}

// FuzzAppendFixed checks appendFixed against StringFixed and appendValue
// against kpi.FormatValue on any coefficient, exponent and places.
func FuzzAppendFixed(f *testing.F) {
	f.Add(int64(12345), int32(-3), int32(2))
	f.Add(int64(-125), int32(-3), int32(2))
	f.Add(int64(135), int32(-3), int32(2))
	f.Add(int64(-5), int32(-3), int32(2))
	f.Add(int64(math.MinInt64), int32(-20), int32(0))
	f.Add(int64(math.MaxInt64), int32(-1), int32(0))
	f.Add(int64(7), int32(1), int32(2))
	f.Add(int64(7), int32(3), int32(1))
	f.Fuzz(func(t *testing.T, c int64, e, places int32) {
		if e < -40 || e > 40 || places < 0 || places > 30 {
			return
		}
		d := decimal.New(c, e)
		if got, want := string(appendFixed(nil, d, places)), d.StringFixed(places); got != want {
			t.Fatalf("appendFixed(%de%d, %d) = %q, want %q", c, e, places, got, want)
		}
		if got, want := string(appendValue(nil, d)), kpi.FormatValue(d); got != want {
			t.Fatalf("appendValue(%de%d) = %q, want %q", c, e, got, want)
		}
	})
}

// TestAppendNoAllocs checks that formatting small decimals into a buffer
// with room allocates nothing.
func TestAppendNoAllocs(t *testing.T) {
	d, e := decimal.RequireFromString("1234.565"), decimal.RequireFromString("99")
	buf := make([]byte, 0, 64)
	if n := testing.AllocsPerRun(100, func() {
		buf = appendFixed(buf[:0], d, 2)
		buf = appendValue(buf, e)
	}); n != 0 {
		t.Errorf("%v allocations, want 0", n)
	}
}
