package fixed_test

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/servicecredit/engine/internal/fixed"
)

// Each fast path gives what the decimal package's own method gives, and
// says (with its bool) when the values do not fit and the caller must
// fall back to that method.
func Example() {
	a, b := decimal.RequireFromString("99.950"), decimal.RequireFromString("99.95")
	fmt.Println(fixed.Compare(a, b))

	r, ok := fixed.Round(decimal.RequireFromString("2.345"), 2, fixed.HalfEven)
	fmt.Println(r.StringFixed(2), ok)

	q, ok := fixed.Quotient(decimal.NewFromInt(2), decimal.NewFromInt(3), 4, fixed.HalfUp)
	fmt.Println(q.StringFixed(4), ok)

	// 3 points at £1,250.50 a point, less 10 per cent.
	credit := fixed.Int(3).Mul(fixed.Of(decimal.RequireFromString("1250.50")))
	credit = credit.Sub(credit.Quo(fixed.Int(10), 2))
	fmt.Println(string(credit.AppendTo(nil)))
	fmt.Println(string(fixed.AppendFixed(nil, credit.Decimal(), 2)))
	// Output:
	// 0
	// 2.34 true
	// 0.6667 true
	// 3376.35
	// 3376.35
}
