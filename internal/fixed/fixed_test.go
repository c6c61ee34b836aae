package fixed_test

import (
	"math"
	"testing"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// values are decimals of different exponents and sizes: zeros, negatives,
// and coefficients too large for the integer path.
var values = []string{"0", "0.00", "95", "95.0", "94.95", "-94.95", "99.949", "100", "100.000000000000000001",
	"12345678901234567", "123456789012345678", "0.00000000000000000001", "-3", "1e3", "1000",
	"999.9999999999999999", "-0.005", "1234.565", "9223372036854775807", "-9223372036854775808"}

func TestCompareMatchesCmp(t *testing.T) {
	for _, x := range values {
		for _, y := range values {
			a, b := decimal.RequireFromString(x), decimal.RequireFromString(y)
			require.Equal(t, a.Cmp(b), fixed.Compare(a, b), "%s vs %s", x, y)
		}
	}
}

// TestCompareDistantExponents: exponents further apart than an int64 can
// scale fall back to the decimal package's comparison.
func TestCompareDistantExponents(t *testing.T) {
	a, b := decimal.New(1, 30), decimal.New(1, -30)
	require.Equal(t, 1, fixed.Compare(a, b))
	require.Equal(t, -1, fixed.Compare(b, a))
}

func TestCompareAllocatesNothing(t *testing.T) {
	a, b := decimal.RequireFromString("99.95"), decimal.RequireFromString("95")
	require.Zero(t, testing.AllocsPerRun(100, func() { _ = fixed.Compare(a, b) }))
}

func TestScale(t *testing.T) {
	for _, tc := range []struct {
		c    int64
		n    int32
		want int64
		ok   bool
	}{
		{12, 0, 12, true},
		{12, 3, 12000, true},
		{-12, 3, -12000, true},
		{1, 18, 1e18, true},
		{1, 19, 0, false},
		{1, -1, 0, false},
		{math.MaxInt64 / 10, 1, math.MaxInt64 / 10 * 10, true},
		{math.MaxInt64/10 + 1, 1, 0, false},
		{-(math.MaxInt64 / 10), 1, -(math.MaxInt64 / 10 * 10), true},
	} {
		got, ok := fixed.Scale(tc.c, tc.n)
		require.Equal(t, tc.ok, ok, "%d x 10^%d", tc.c, tc.n)
		require.Equal(t, tc.want, got, "%d x 10^%d", tc.c, tc.n)
	}
}

// FuzzCompare checks Compare against Cmp on any coefficients and exponents.
func FuzzCompare(f *testing.F) {
	f.Add(int64(9995), int32(-2), int64(95), int32(0))
	f.Add(int64(math.MaxInt64), int32(-1), int64(math.MinInt64), int32(4))
	f.Fuzz(func(t *testing.T, c int64, e int32, c2 int64, e2 int32) {
		if e < -40 || e > 40 || e2 < -40 || e2 > 40 {
			return
		}
		a, b := decimal.New(c, e), decimal.New(c2, e2)
		if got, want := fixed.Compare(a, b), a.Cmp(b); got != want {
			t.Fatalf("Compare(%de%d, %de%d) = %d, want %d", c, e, c2, e2, got, want)
		}
	})
}
