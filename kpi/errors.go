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
// KPI, the organisation and month where there are some, the field at
// fault, and what is wrong, and unwraps to ErrInvalidDefinition or
// ErrInvalidMeasurement.
type Error struct {
	KPI   string // the KPI's id
	Org   string // the organisation, for a measurement; may be empty
	Month Month  // the month at fault; zero when the problem is not about one month
	// Where is the part at fault, as the message names it before Msg: of
	// a definition, "base", "glide" or "change"; of a measurement, the
	// figure ("value", "numerator" or "denominator"), as a file names its
	// column. It may be empty.
	Where string
	// Path is the field at fault, a structural path of Go field names
	// into the Definition ("Schedule.Glide[2].Thresholds.MSL",
	// "Precision.Places") or the Measurement ("Denominator") checked, as
	// encoding/json's UnmarshalTypeError.Field names one; empty for the
	// whole.
	Path string
	Msg  string // what is wrong, lower case
	Err  error  // ErrInvalidDefinition or ErrInvalidMeasurement
}

// Error returns the problem, the sentinel's text ending it:
// "kpi KPI05: 2021-06: glide: msl 98 above tsl 95 (higher is better):
// invalid kpi definition".
func (e *Error) Error() string {
	if e.Err == nil {
		return e.Problem()
	}
	return e.Problem() + ": " + e.Err.Error()
}

// Problem returns the problem without the sentinel's text that ends
// Error: "kpi KPI05: 2021-06: glide: msl 98 above tsl 95 (higher is
// better)". An error that wraps this one and ends with its own sentinel
// (contract.Error) says it so, and so does a loader that places the
// problem in its file.
func (e *Error) Problem() string {
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
