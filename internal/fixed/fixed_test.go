package fixed_test

import (
	"math"
	"math/big"
	"sync"
	"testing"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// values are decimals of different exponents and sizes: zeros, negatives,
// and coefficients too large for the integer paths.
var values = []string{"0", "0.00", "95", "95.0", "94.95", "-94.95", "99.949", "100", "100.000000000000000001",
	"12345678901234567", "123456789012345678", "0.00000000000000000001", "-3", "1e3", "1000",
	"999.9999999999999999", "-0.005", "1234.565", "9223372036854775807", "-9223372036854775808"}

func TestCompareMatchesCmp(t *testing.T) {
	for _, x := range values {
		for _, y := range values {
			a, b := decimal.RequireFromString(x), decimal.RequireFromString(y)
			require.Equal(t, ratOfDecimal(a).Cmp(ratOfDecimal(b)), fixed.Compare(a, b), "%s vs %s", x, y)
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

func TestNoAllocs(t *testing.T) {
	a, b := decimal.RequireFromString("99.95"), decimal.RequireFromString("95")
	v, n, d := decimal.RequireFromString("99.949"), decimal.RequireFromString("118564"), decimal.RequireFromString("1188")
	buf := make([]byte, 0, 64)
	fixed.Round(v, 1, fixed.HalfUp) // fills the shared table
	fixed.Quotient(n, d, 2, fixed.HalfUp)
	for name, f := range map[string]func(){
		"Compare":     func() { _ = fixed.Compare(a, b) },
		"Round":       func() { _, _ = fixed.Round(v, 1, fixed.HalfUp) },
		"Quotient":    func() { _, _ = fixed.Quotient(n, d, 2, fixed.HalfUp) },
		"AppendFixed": func() { buf = fixed.AppendValue(fixed.AppendFixed(buf[:0], v, 2), b) },
		"Num": func() {
			_ = fixed.Of(a).Sub(fixed.Of(b)).Mul(fixed.Int(3)).Quo(fixed.Of(b), 2).AppendTo(buf[:0])
		},
	} {
		require.Zero(t, testing.AllocsPerRun(100, f), name)
	}
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

// TestRoundTakesTheFastPath checks that the values measured in practice
// are rounded in integers, and by the modes' definitions.
func TestRoundTakesTheFastPath(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"99.95", "100.0"}, {"99.949", "99.9"}, {"-2.25", "-2.3"}, {"2.25", "2.3"},
	} {
		got, ok := fixed.Round(decimal.RequireFromString(tt.in), 1, fixed.HalfUp)
		require.True(t, ok, tt.in)
		require.Equal(t, tt.want, got.StringFixed(1), tt.in)
		require.Equal(t, int32(-1), got.Exponent(), tt.in)
	}
	got, ok := fixed.Round(decimal.RequireFromString("2.25"), 1, fixed.HalfEven)
	require.True(t, ok)
	require.Equal(t, "2.2", got.StringFixed(1), "ties to even")
	_, ok = fixed.Round(decimal.RequireFromString("99.9"), 1, fixed.HalfUp)
	require.False(t, ok, "nothing to drop: the caller rescales")
	got, ok = fixed.Quotient(decimal.RequireFromString("11856400"), decimal.RequireFromString("118800"), 3, fixed.HalfUp)
	require.True(t, ok)
	require.Equal(t, "99.801", got.StringFixed(3), "118564 of 118800 minutes")
	for _, c := range [][2]string{{"2", "3"}, {"-1", "7"}, {"99.5", "100"}, {"123.45", "6"}} {
		_, ok := fixed.Quotient(decimal.RequireFromString(c[0]), decimal.RequireFromString(c[1]), 6, fixed.HalfUp)
		require.True(t, ok, "%s/%s in integers", c[0], c[1])
	}
}

func TestShared(t *testing.T) {
	for _, tt := range []struct {
		q      int64
		places int32
	}{{0, 0}, {9995, 2}, {10_000, 2}, {10_001, 2}, {5, 3}, {-1, 1}} {
		d := fixed.Shared(tt.q, tt.places)
		require.Equal(t, -tt.places, d.Exponent())
		require.Equal(t, 0, ratOfDecimal(d).Cmp(ratOf(tt.q, -tt.places)))
	}
	// Goroutines racing to fill a slot all get its value (run with -race).
	var wg sync.WaitGroup
	got := make([]decimal.Decimal, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = fixed.Shared(4321, 1)
		}()
	}
	wg.Wait()
	for _, d := range got {
		require.Equal(t, "432.1", d.StringFixed(1))
	}
}

// FuzzCompare checks Compare against the oracle and Cmp on any
// coefficients and exponents.
func FuzzCompare(f *testing.F) {
	f.Add(int64(9995), int32(-2), int64(95), int32(0))
	f.Add(int64(math.MaxInt64), int32(-1), int64(math.MinInt64), int32(4))
	f.Fuzz(func(t *testing.T, c int64, e int32, c2 int64, e2 int32) {
		if e < -40 || e > 40 || e2 < -40 || e2 > 40 {
			return
		}
		a, b := decimal.New(c, e), decimal.New(c2, e2)
		want := ratOf(c, e).Cmp(ratOf(c2, e2))
		if got := fixed.Compare(a, b); got != want || a.Cmp(b) != want {
			t.Fatalf("Compare(%de%d, %de%d) = %d, want %d", c, e, c2, e2, got, want)
		}
	})
}

// FuzzScale checks Scale against the oracle.
func FuzzScale(f *testing.F) {
	f.Add(int64(12), int32(3))
	f.Add(int64(math.MaxInt64/10+1), int32(1))
	f.Add(int64(math.MinInt64), int32(0))
	f.Fuzz(func(t *testing.T, c int64, n int32) {
		got, ok := fixed.Scale(c, n)
		if n < 0 || n > 18 {
			if ok {
				t.Fatalf("Scale(%d, %d) = %d, want false", c, n, got)
			}
			return
		}
		want := new(big.Int).Mul(big.NewInt(c), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil))
		fits := want.IsInt64() && want.Int64() != math.MinInt64
		if ok != fits || (ok && got != want.Int64()) {
			t.Fatalf("Scale(%d, %d) = %d, %v, want %s (fits %v)", c, n, got, ok, want, fits)
		}
	})
}

// FuzzRound checks Round, in every mode, against the oracle and against
// the decimal method the mode stands for, and that it takes the integer
// path wherever it promises to.
func FuzzRound(f *testing.F) {
	f.Add(int64(99949), int32(-3), int32(1))
	f.Add(int64(-225), int32(-2), int32(1))
	f.Add(int64(99999999999999999), int32(-18), int32(0))
	f.Add(int64(5), int32(-1), int32(0))
	f.Fuzz(func(t *testing.T, c int64, e, places int32) {
		if e < -40 || e > 40 || places < -5 || places > 30 {
			return
		}
		d := decimal.New(c, e)
		drop := -places - e
		fast := drop >= 1 && drop <= 18 && d.NumDigits() <= 17
		for _, m := range modes {
			got, ok := fixed.Round(d, places, m.m)
			if ok != fast {
				t.Fatalf("Round(%de%d, %d, %s) took the fast path: %v, want %v", c, e, places, m.name, ok, fast)
			}
			if !ok {
				continue
			}
			want := roundRat(ratOf(c, e), places, m.m)
			if got.Exponent() != -places || got.Coefficient().Cmp(want) != 0 {
				t.Fatalf("Round(%de%d, %d, %s) = %se%d, want %se%d", c, e, places, m.name, got.Coefficient(), got.Exponent(), want, -places)
			}
			if w := m.method(d, places); !w.Equal(got) || w.Exponent() != got.Exponent() {
				t.Fatalf("Round(%de%d, %d, %s) = %s, decimal says %s", c, e, places, m.name, got, w)
			}
		}
	})
}

// FuzzQuotient checks Quotient, in every mode, against the exact quotient
// rounded by the oracle.
func FuzzQuotient(f *testing.F) {
	f.Add(int64(118564), int32(2), int64(118800), int32(0), int32(3))
	f.Add(int64(-1), int32(0), int64(3), int32(0), int32(0))
	f.Add(int64(5), int32(-1), int64(2), int32(0), int32(0))
	f.Add(int64(99999999999999999), int32(0), int64(-7), int32(-5), int32(10))
	f.Fuzz(func(t *testing.T, c1 int64, e1 int32, c2 int64, e2 int32, places int32) {
		if e1 < -30 || e1 > 30 || e2 < -30 || e2 > 30 || places < -2 || places > 12 {
			return
		}
		num, den := decimal.New(c1, e1), decimal.New(c2, e2)
		for _, m := range modes {
			got, ok := fixed.Quotient(num, den, places, m.m)
			if c2 == 0 || places < 0 || places > 10 {
				if ok {
					t.Fatalf("Quotient(%de%d, %de%d, %d) = %s, want false", c1, e1, c2, e2, places, got)
				}
				continue
			}
			if !ok {
				continue
			}
			want := roundRat(new(big.Rat).Quo(ratOf(c1, e1), ratOf(c2, e2)), places, m.m)
			if got.Exponent() != -places || got.Coefficient().Cmp(want) != 0 {
				t.Fatalf("Quotient(%de%d, %de%d, %d, %s) = %se%d, want %se%d", c1, e1, c2, e2, places, m.name,
					got.Coefficient(), got.Exponent(), want, -places)
			}
		}
	})
}

// FuzzNum checks that each operation of Num gives the exact value (the
// oracle), the exponent of the Decimal method it is named for, and the
// same text.
func FuzzNum(f *testing.F) {
	f.Add(int64(12345), int32(-2), int64(5), int32(0), int32(0))
	f.Add(int64(-5), int32(-3), int64(-1), int32(-3), int32(2))
	f.Add(int64(math.MaxInt64), int32(-1), int64(math.MinInt64), int32(4), int32(1))
	f.Add(int64(7), int32(3), int64(7000), int32(0), int32(18))
	f.Add(int64(math.MinInt64), int32(0), int64(-1), int32(0), int32(0))
	f.Fuzz(func(t *testing.T, c1 int64, e1 int32, c2 int64, e2 int32, places int32) {
		if e1 < -30 || e1 > 30 || e2 < -30 || e2 > 30 || places < 0 || places > 20 {
			return
		}
		d1, d2 := decimal.New(c1, e1), decimal.New(c2, e2)
		a, b := fixed.Of(d1), fixed.Of(d2)
		x, y := ratOf(c1, e1), ratOf(c2, e2)
		same := func(op string, got fixed.Num, want *big.Rat, exp int32, dec decimal.Decimal) {
			t.Helper()
			g := got.Decimal()
			if g.Exponent() != exp || ratOfDecimal(g).Cmp(want) != 0 {
				t.Fatalf("%s(%de%d, %de%d) = %se%d, want %s at exponent %d", op, c1, e1, c2, e2, g.Coefficient(), g.Exponent(), want.RatString(), exp)
			}
			if dec.Exponent() != exp || !dec.Equal(g) {
				t.Fatalf("%s(%de%d, %de%d) = %s, decimal says %se%d", op, c1, e1, c2, e2, g, dec.Coefficient(), dec.Exponent())
			}
			w, _ := wholeAt(want, exp)
			if s := string(got.AppendTo(nil)); s != text(w, -exp) {
				t.Fatalf("%s(%de%d, %de%d) writes %q, want %q", op, c1, e1, c2, e2, s, text(w, -exp))
			}
		}
		same("Add", a.Add(b), new(big.Rat).Add(x, y), min(e1, e2), d1.Add(d2))
		same("Sub", a.Sub(b), new(big.Rat).Sub(x, y), min(e1, e2), d1.Sub(d2))
		same("Mul", a.Mul(b), new(big.Rat).Mul(x, y), e1+e2, d1.Mul(d2))
		same("Neg", a.Neg(), new(big.Rat).Neg(x), e1, d1.Neg())
		same("Shift", a.Shift(places), new(big.Rat).Mul(x, ratOf(1, places)), e1+places, d1.Shift(places))
		if c2 != 0 {
			q, _ := d1.QuoRem(d2, places)
			same("Quo", a.Quo(b, places), new(big.Rat).SetFrac(truncRat(new(big.Rat).Quo(x, y), places), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)), -places, q)
		}
		if got, want := a.Cmp(b), x.Cmp(y); got != want {
			t.Fatalf("Cmp(%de%d, %de%d) = %d, want %d", c1, e1, c2, e2, got, want)
		}
		if got, want := a.Sign(), x.Sign(); got != want {
			t.Fatalf("Sign(%de%d) = %d, want %d", c1, e1, got, want)
		}
	})
}

// FuzzAppendFixed checks AppendFixed against the oracle (half away from
// zero, exactly places digits) and StringFixed, and AppendValue against
// the oracle's exact text, on any coefficient, exponent and places.
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
		want := text(roundRat(ratOf(c, e), places, fixed.HalfUp), places)
		if got := string(fixed.AppendFixed([]byte("x"), d, places)); got != "x"+want || want != d.StringFixed(places) {
			t.Fatalf("AppendFixed(%de%d, %d) = %q, want %q (StringFixed %q)", c, e, places, got, want, d.StringFixed(places))
		}
		exact := max(-e, 0)
		if got, want := string(fixed.AppendValue(nil, d)), text(roundRat(ratOf(c, e), exact, fixed.Down), exact); got != want {
			t.Fatalf("AppendValue(%de%d) = %q, want %q", c, e, got, want)
		}
	})
}

// decimalCases are decimals for the text tests: zeros of several
// exponents, halves that round away from zero, negatives, and
// coefficients too large for the integer paths.
var decimalCases = []string{
	"0", "0.00", "0.000", "-0.004", "-0.005", "0.005", "0.004", "1", "-1", "2.5", "-2.5", "0.125", "1234.565",
	"99.949", "99.95", "100", "-100.004", "1e3", "1.5e2", "12345678901234567.89", "123456789012345678",
	"1234567890123456789", "-1234567890123456789.5", "0.0000000000000000001", "9223372036854775807",
	"-9223372036854775808", "999999999999999999.5", "0.1234567890123456789",
}

// TestAppendFixed checks AppendFixed against StringFixed, the text it
// stands for, and AppendValue against the text with the places each
// decimal carries, for the cases and places 0 to 20.
func TestAppendFixed(t *testing.T) {
	for _, s := range decimalCases {
		d := decimal.RequireFromString(s)
		for places := int32(0); places <= 20; places++ {
			if got, want := string(fixed.AppendFixed([]byte("x"), d, places)), "x"+d.StringFixed(places); got != want {
				t.Errorf("AppendFixed(%s, %d) = %q, want %q", s, places, got, want)
			}
		}
		if got, want := string(fixed.AppendValue(nil, d)), d.StringFixed(max(-d.Exponent(), 0)); got != want {
			t.Errorf("AppendValue(%s) = %q, want %q", s, got, want)
		}
	}
	if got := string(fixed.AppendValue(nil, decimal.Decimal{})); got != "0" {
		t.Errorf("AppendValue(zero Decimal) = %q, want 0", got)
	}
}
