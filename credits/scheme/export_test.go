package scheme

import (
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// BasisValueForTest exposes basisValue to the external tests.
func BasisValueForTest(b ValueBasis, p kpi.Precision, o credits.Outcome) decimal.Decimal {
	return basisValue(b, p, o)
}
