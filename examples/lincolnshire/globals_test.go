package main

import (
	"testing"

	"github.com/shopspring/decimal"
)

// flipDecimalGlobals sets the decimal package's global settings to
// unusual values for the duration of the test. The test must not run in
// parallel with others.
func flipDecimalGlobals(t *testing.T) {
	t.Helper()
	prec, trim, quotes := decimal.DivisionPrecision, decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes
	decimal.DivisionPrecision, decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes = 3, false, true
	t.Cleanup(func() {
		decimal.DivisionPrecision, decimal.TrimTrailingZeros, decimal.MarshalJSONWithoutQuotes = prec, trim, quotes
	})
}
