package scheme

import (
	"testing"

	"github.com/shopspring/decimal"
)

// FuzzSplit checks that a split in integers gives the parts a split in
// decimals gives, and that they add up to the whole.
func FuzzSplit(f *testing.F) {
	f.Add(int64(10000), int32(2), []byte{3, 1, 0, 2}, int32(0))
	f.Add(int64(1), int32(2), []byte{1, 1, 1}, int32(-1))
	f.Add(int64(99999), int32(0), []byte{7, 0, 7, 250}, int32(-6))
	f.Fuzz(func(t *testing.T, whole int64, places int32, ws []byte, exp int32) {
		if whole < 0 || places < 0 || places > 6 || exp < -8 || exp > 2 || len(ws) > 20 {
			return
		}
		w := decimal.New(whole, -places)
		weights := make([]decimal.Decimal, len(ws))
		some := false
		for i, b := range ws {
			weights[i] = decimal.New(int64(b), exp-int32(i%3))
			some = some || b > 0
		}
		if !some {
			return
		}
		var small, big splitScratch
		small.parts, big.parts = make([]decimal.Decimal, len(weights)), make([]decimal.Decimal, len(weights))
		if !small.splitSmall(w, weights, places) {
			t.Skip("too large for integers")
		}
		big.splitDecimal(w, weights, places)
		var sum decimal.Decimal
		for i := range weights {
			if !small.parts[i].Equal(big.parts[i]) || small.parts[i].Exponent() != big.parts[i].Exponent() {
				t.Fatalf("part %d: %s in integers, %s in decimals", i, small.parts[i], big.parts[i])
			}
			sum = sum.Add(small.parts[i])
		}
		if !sum.Equal(w) {
			t.Fatalf("parts add up to %s, not %s", sum, w)
		}
	})
}
