package credits

import (
	"github.com/shopspring/decimal"
)

// TallyForTest exposes tally to the external tests.
type TallyForTest struct{ t tally }

// Add adds v.
func (x *TallyForTest) Add(v decimal.Decimal) { x.t.add(v) }

// Value returns the sum.
func (x *TallyForTest) Value() decimal.Decimal { return x.t.value() }
