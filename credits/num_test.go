package credits

import (
	"math"
	"testing"

	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// FuzzNum checks that each operation of num gives the coefficient and
// exponent of the Decimal method it is named for, and the same text.
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
		a, b := numOf(d1), numOf(d2)
		same := func(op string, got num, want decimal.Decimal) {
			t.Helper()
			g := got.Decimal()
			if g.Exponent() != want.Exponent() || g.Cmp(want) != 0 {
				t.Fatalf("%s(%de%d, %de%d) = %se%d, want %se%d", op, c1, e1, c2, e2,
					g.Coefficient(), g.Exponent(), want.Coefficient(), want.Exponent())
			}
			if s, w := string(got.appendTo(nil)), kpi.FormatValue(want); s != w {
				t.Fatalf("%s(%de%d, %de%d) writes %q, want %q", op, c1, e1, c2, e2, s, w)
			}
		}
		same("Add", a.Add(b), d1.Add(d2))
		same("Sub", a.Sub(b), d1.Sub(d2))
		same("Mul", a.Mul(b), d1.Mul(d2))
		same("Neg", a.Neg(), d1.Neg())
		if c2 != 0 {
			q, _ := d1.QuoRem(d2, places)
			same("Quo", a.Quo(b, places), q)
		}
		if got, want := a.Cmp(b), d1.Cmp(d2); got != want {
			t.Fatalf("Cmp(%de%d, %de%d) = %d, want %d", c1, e1, c2, e2, got, want)
		}
		if got, want := a.Sign(), d1.Sign(); got != want {
			t.Fatalf("Sign(%de%d) = %d, want %d", c1, e1, got, want)
		}
	})
}
