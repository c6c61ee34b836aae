package kpi

import (
	"errors"
	"strings"
)

// ErrInvalidDefinition is wrapped by every problem Definition.Validate
// finds.
var ErrInvalidDefinition = errors.New("invalid kpi definition")

// ErrInvalidMeasurement is wrapped by every problem Measurement.Check finds.
var ErrInvalidMeasurement = errors.New("invalid measurement")

// Error is one problem with a KPI definition or measurement. It names the
// KPI, the month where there is one, and what is wrong, and unwraps to
// ErrInvalidDefinition or ErrInvalidMeasurement.
type Error struct {
	KPI   string // the KPI's id
	Org   string // the organisation, for a measurement; may be empty
	Month Month  // the month at fault; zero when the problem is not about one month
	Where string // the part of the definition at fault, such as "base" or "glide 2021-08"; may be empty
	Msg   string // what is wrong, lower case
	Err   error  // ErrInvalidDefinition or ErrInvalidMeasurement
}

// Error returns the problem as "kpi KPI05: 2021-06: msl 98 above tsl 95
// (higher is better)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("kpi ")
	b.WriteString(e.KPI)
	if e.Org != "" {
		b.WriteString(": org ")
		b.WriteString(e.Org)
	}
	if !e.Month.IsZero() {
		b.WriteString(": ")
		b.WriteString(e.Month.String())
	}
	if e.Where != "" {
		b.WriteString(": ")
		b.WriteString(e.Where)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Unwrap returns the sentinel the error belongs to.
func (e *Error) Unwrap() error { return e.Err }
