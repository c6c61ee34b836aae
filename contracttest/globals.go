package contracttest

import (
	"bytes"
	"fmt"
	"io"

	"github.com/google/go-cmp/cmp"
	"github.com/shopspring/decimal"
)

// decimalGlobals are the decimal package's process-wide settings that
// change what a Decimal's String, MarshalJSON, MarshalText and Div give.
type decimalGlobals struct {
	name               string
	divisionPrecision  int
	powPrecision       int
	marshalJSONNumbers bool
	trimTrailingZeros  bool
	scientific         bool
	expMaxIterations   int
}

// flipped are the settings IgnoresDecimalGlobals tries besides the
// current ones: each far from the package's defaults (16, 16, false, true,
// false, 1000), in both directions.
var flipped = []decimalGlobals{
	{name: "few places, JSON numbers, zeros kept, scientific", divisionPrecision: 3, powPrecision: 3,
		marshalJSONNumbers: true, trimTrailingZeros: false, scientific: true, expMaxIterations: 10},
	{name: "many places, JSON strings, zeros trimmed", divisionPrecision: 40, powPrecision: 40,
		marshalJSONNumbers: false, trimTrailingZeros: true, scientific: false, expMaxIterations: 5000},
}

func currentDecimalGlobals() decimalGlobals {
	return decimalGlobals{name: "as they were", divisionPrecision: decimal.DivisionPrecision,
		powPrecision: decimal.PowPrecisionNegativeExponent, marshalJSONNumbers: decimal.MarshalJSONWithoutQuotes,
		trimTrailingZeros: decimal.TrimTrailingZeros, scientific: decimal.UseScientificNotation,
		expMaxIterations: decimal.ExpMaxIterations}
}

func (g decimalGlobals) set() {
	decimal.DivisionPrecision = g.divisionPrecision
	decimal.PowPrecisionNegativeExponent = g.powPrecision
	decimal.MarshalJSONWithoutQuotes = g.marshalJSONNumbers
	decimal.TrimTrailingZeros = g.trimTrailingZeros
	decimal.UseScientificNotation = g.scientific
	decimal.ExpMaxIterations = g.expMaxIterations
}

func (g decimalGlobals) String() string {
	return fmt.Sprintf("%s (DivisionPrecision %d, PowPrecisionNegativeExponent %d, MarshalJSONWithoutQuotes %t, TrimTrailingZeros %t, UseScientificNotation %t, ExpMaxIterations %d)",
		g.name, g.divisionPrecision, g.powPrecision, g.marshalJSONNumbers, g.trimTrailingZeros, g.scientific, g.expMaxIterations)
}

// IgnoresDecimalGlobals calls write once with the decimal package's
// global settings as they are, then once under each of two settings far
// from the defaults in opposite directions (DivisionPrecision and
// PowPrecisionNegativeExponent 3 and 40, MarshalJSONWithoutQuotes true and
// false, TrimTrailingZeros false and true, UseScientificNotation true and
// false, ExpMaxIterations 10 and 5000), and fails t unless every call
// writes the same bytes, showing the difference and the settings that
// made it. It returns the bytes of the first call, so that a test can
// also compare them with a golden file. The settings are restored as they
// were before it returns, even when write panics.
//
// A result that goes through String, %v, MarshalJSON, MarshalText or Div
// changes under these settings; one written with StringFixed, or a
// formatter built on it (credits.Money.Format), does not.
//
// Serial only: the settings are process-wide variables, so while it runs
// every other goroutine of the test binary sees them flipped, and a test
// running at the same time (t.Parallel) would read them mid-change, a data
// race. Never call it from a parallel test, nor while a parallel test of
// the same package may run (a test calling it must not call t.Parallel,
// and go test runs parallel tests only after the serial ones of their
// package have finished).
func IgnoresDecimalGlobals(t TB, write func(w io.Writer) error) []byte {
	if h, ok := t.(helper); ok {
		h.Helper()
	}
	was := currentDecimalGlobals()
	defer was.set()
	var first bytes.Buffer
	if err := write(&first); err != nil {
		fatal(t, "with the decimal globals %s: %v", was, err)
		return nil
	}
	for _, g := range flipped {
		g.set()
		var out bytes.Buffer
		err := write(&out)
		was.set()
		if err != nil {
			fatal(t, "with the decimal globals %s: %v", g, err)
			return nil
		}
		if diff := cmp.Diff(first.String(), out.String()); diff != "" {
			t.Errorf("output changes with the decimal globals %s (-as they were +flipped):\n%s", g, diff)
		}
	}
	return first.Bytes()
}
