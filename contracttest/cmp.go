package contracttest

import (
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// EquateDecimals returns a cmp option comparing decimal.Decimal values
// by value: 1000 equals 1000.00, as Decimal.Equal says. (go-cmp finds
// Decimal's Equal method by itself; the option states it, and is what
// testify's require.Equal lacks: it compares representations through
// reflect.DeepEqual, so "1000" is not "1000.00" there.)
func EquateDecimals() cmp.Option {
	return cmp.Comparer(func(x, y decimal.Decimal) bool { return x.Equal(y) })
}

// EquateDecimalsAt returns a cmp option comparing decimal.Decimal values
// by value at places decimal places: two values are equal when they are
// equal by value and neither needs more than places places to be written
// exactly. So at 2 places 2040, 2040.0 and 2040.00 are equal, while
// 2040.004 equals nothing, itself included: a value the stated scale
// cannot hold (an unrounded money amount, say) is a difference, never
// rounded away in silence. places may be negative (-3: whole thousands).
func EquateDecimalsAt(places int32) cmp.Option {
	return cmp.Comparer(func(x, y decimal.Decimal) bool {
		return x.Equal(y) && atScale(x, places) && atScale(y, places)
	})
}

// atScale reports whether d is written exactly with places places.
func atScale(d decimal.Decimal, places int32) bool { return d.RoundDown(places).Equal(d) }

// EquateMonths returns a cmp option comparing kpi.Month values as ==
// does. (A Month's one field is unexported; go-cmp finds its Equal method
// by itself, and the option states it.)
func EquateMonths() cmp.Option { return cmpopts.EquateComparable(kpi.Month{}) }

// IgnoreReasons returns a cmp option ignoring the texts that explain a
// result, so that a comparison checks the figures and statuses alone: a
// credit line's Rule (credits.Line), a trigger event's Detail
// (credits.Event), a cell's report card (contract.Cell.Card) and a pooled
// or combined cell's Computation (contract.Pooled). A measurement's Note
// and a mitigation record's texts are the input's, not reasons, and are
// compared.
func IgnoreReasons() cmp.Option {
	return cmp.Options{
		cmpopts.IgnoreFields(credits.Line{}, "Rule"),
		cmpopts.IgnoreFields(credits.Event{}, "Detail"),
		cmpopts.IgnoreFields(contract.Cell{}, "Card"),
		cmpopts.IgnoreFields(contract.Pooled{}, "Computation"),
	}
}

// Options returns the options for comparing the engine's values with
// cmp.Diff: decimals by value (EquateDecimals) and months
// (EquateMonths). Statuses, absences and the other enumerations need no
// option: they compare as the integers they are, and a difference shows
// their words ("green", "amber"). Add IgnoreReasons to compare results
// without their texts:
//
//	cmp.Diff(want, got, contracttest.Options(), contracttest.IgnoreReasons())
//
// To hold every decimal to a scale, pass EquateDecimalsAt and EquateMonths
// in place of Options: two comparers of decimals at once make cmp panic.
func Options() cmp.Options { return cmp.Options{EquateDecimals(), EquateMonths()} }
