package reference

import (
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// RoundForTest exposes roundAt to the external tests.
func RoundForTest(d decimal.Decimal, places int32, mode kpi.Rounding) decimal.Decimal {
	return roundAt(d.Rat(), places, mode)
}
