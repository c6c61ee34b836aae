package kpi

import (
	"fmt"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/shopspring/decimal"
)

// Result is the classification of one KPI-month: its status and everything
// a person needs to check it, the value as measured and as rounded, the
// thresholds that applied and where they came from.
type Result struct {
	KPI   string // the KPI's id
	Org   string // the organisation measured; empty for a single-organisation contract
	Month Month  // the month classified

	Status Status  // Green, Amber, Red, Unmeasured, or Reported for a Figure
	Absent Absence // why there was no value, when Status is Unmeasured

	Value      decimal.Decimal // the value as measured
	Rounded    decimal.Decimal // the value after the precision, as compared
	Precision  Precision       // the precision applied
	Direction  Direction       // which way is better
	Kind       Kind            // KPI, PI or Figure
	Unit       Unit            // what the value measures
	Thresholds Thresholds      // the thresholds that applied, with any MSL margin resolved
	Source     Source          // the part of the schedule they came from

	// Derived says Value was derived from Numerator/Denominator (see
	// Measurement.FromCounts): Rounded is exact; Value shows the quotient
	// to six more places, truncated, and Inexact says it goes on.
	Derived bool
	Inexact bool
	// ByVolume says the status was judged by the thresholds' small-volume
	// rule (Thresholds.SmallVolume), not by the value: fewer things than
	// its FewerThan were measured (Denominator), and Failures failed.
	// With no counts to judge by, the status is Unmeasured with Absence
	// NoInput.
	ByVolume bool
	// Numerator and Denominator are the measurement's counts, when it has
	// them (Measurement.HasCounts); zero otherwise.
	Numerator, Denominator decimal.Decimal

	Relative   Relative        // the relative target, if the KPI has one
	BaseMonth  Month           // for a relative target: the month compared with
	Base       decimal.Decimal // for a relative target: that month's value, rounded
	BaseAbsent Absence         // for a relative target without a baseline: why that month had no value

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func newResult(d Definition, m Measurement) Result {
	return Result{KPI: d.ID, Org: m.Org, Month: m.Month, Precision: d.Precision,
		Direction: d.Direction, Kind: d.Kind, Unit: d.Unit, Relative: d.Relative}
}

// Classify judges measurement m against definition d in m's month. The
// value is first rounded to d's precision; then it is Green if it meets the
// TSL, Amber if it meets the MSL only, Red otherwise. Bounds are inclusive
// unless the thresholds make them strict. Where the month's thresholds
// carry a small-volume rule and fewer things were measured than it names,
// the rule judges the month by its failures instead (see SmallVolume). An
// absent value is Unmeasured with its reason: what an absence costs is the
// contract's decision, not the classifier's. A Figure's value is Reported, never judged. A KPI with
// a relative target needs its baseline: see ClassifyAgainst; Classify
// alone gives it NoBaseline.
//
// Classify assumes d is valid (see Definition.Validate) and m is one of its
// measurements (see Measurement.Check).
func Classify(d Definition, m Measurement) Result {
	if d.Relative != 0 {
		return ClassifyAgainst(d, m, Measurement{})
	}
	r := newResult(d, m)
	if d.Kind != Figure {
		t, src := d.Schedule.At(m.Month)
		r.Thresholds, r.Source = t.Resolve(d.Direction), src
	}
	if m.Absent != 0 {
		r.Status, r.Absent = Unmeasured, m.Absent
		return r
	}
	r.setValue(d, m)
	t := r.Thresholds
	switch {
	case d.Kind == Figure:
		r.Status = Reported
	case r.judgeVolume(m):
	case meets(r.Rounded, t.TSL, d.Direction, t.TSLBound):
		r.Status = Green
	case meets(r.Rounded, t.MSL, d.Direction, t.MSLBound):
		r.Status = Amber
	default:
		r.Status = Red
	}
	return r
}

// setValue sets the value and the rounded value of r from m.
func (r *Result) setValue(d Definition, m Measurement) {
	if m.HasCounts {
		r.Numerator, r.Denominator = m.Numerator, m.Denominator
	}
	if m.FromCounts {
		var exact bool
		r.Rounded, r.Value, exact = m.derive(d.Unit, d.Precision)
		r.Derived, r.Inexact = true, !exact
		return
	}
	r.Value = m.Value
	r.Rounded = d.Precision.Apply(m.Value)
}

// meets reports whether v meets level in direction dir with bound b.
func meets(v, level decimal.Decimal, dir Direction, b Bound) bool {
	c := fixed.Compare(v, level)
	if dir == LowerIsBetter {
		c = -c
	}
	if b == Strict {
		return c > 0
	}
	return c >= 0
}

// At returns the measured value rounded as p says, for rules that round it
// to a precision of their own (a credit table's): a value derived from
// counts is rounded once from its exact quotient, never from the figure
// Value shows.
func (r Result) At(p Precision) decimal.Decimal {
	if r.Derived {
		v, _ := p.Quotient(dividend(r.Numerator, r.Unit), r.Denominator)
		return v
	}
	return p.Apply(r.Value)
}

// Format returns the value as compared, rounded to the KPI's precision
// and printed with exactly its places, a percentage with a per cent sign:
// "99.50%" at two places, "3" for a count at none. A result without a
// value gives its absence ("missing", "unavailable", "not-applicable",
// "not-due", "no-input"). It ignores the decimal package's globals.
func (r Result) Format() string {
	if r.Status == Unmeasured && r.Absent != NoBaseline {
		return r.Absent.String()
	}
	s := r.Rounded.StringFixed(r.Precision.Places)
	if r.Unit == Percent {
		s += "%"
	}
	return s
}

// Operator returns the comparison a threshold of bound b asks of a value
// in direction d: ">=", ">", "<=" or "<". It is how reasons and reports
// print a threshold's boundary.
func (d Direction) Operator(b Bound) string {
	s := ">"
	if d == LowerIsBetter {
		s = "<"
	}
	if b != Strict {
		s += "="
	}
	return s
}

// Reason explains the status in words, such as
// "99.949 rounds to 99.9 (1 dp half-up); tsl >= 99.9 met (base): green".
// Where the thresholds carry a small-volume rule it says whether it
// applied: "100 x 17/19 = 89.4736842... rounds to 89.5 (1 dp half-up);
// fewer than 20 measured (19): 2 failed, tsl at most 1 missed, msl at
// most 2 met (base): amber", or "20 measured, not fewer than 20: tsl >=
// 95 met (base): green".
func (r Result) Reason() string {
	if r.Status == Unmeasured && r.Absent != NoBaseline && !r.ByVolume {
		return fmt.Sprintf("no value (%s): unmeasured", r.Absent)
	}
	value := FormatValue(r.Value)
	if r.Derived {
		if r.Inexact {
			value += "..."
		}
		times := ""
		if r.Unit == Percent {
			times = "100 x "
		}
		value = fmt.Sprintf("%s%s/%s = %s", times, FormatValue(r.Numerator), FormatValue(r.Denominator), value)
	}
	head := fmt.Sprintf("%s rounds to %s (%s); ", value, r.Rounded.StringFixed(r.Precision.Places), r.Precision)
	if r.Status == Reported {
		return head + "reported figure, no target"
	}
	if r.Relative != 0 {
		return r.relativeReason(head)
	}
	if r.ByVolume {
		return r.volumeReason(head)
	}
	head += r.volumeNote()
	t := r.Thresholds
	tsl := fmt.Sprintf("tsl %s %s", r.Direction.Operator(t.TSLBound), FormatValue(t.TSL))
	msl := fmt.Sprintf("msl %s %s", r.Direction.Operator(t.MSLBound), FormatValue(t.MSL))
	if t.MSLMargin.IsSet() {
		msl += " (tsl " + map[bool]string{true: "less", false: "plus"}[r.Direction == HigherIsBetter] + " " + t.MSLMargin.String() + ")"
	}
	return r.levelsReason(head, tsl, msl)
}

// levelsReason ends the reason for a green, amber or red status, after
// head: the level met or missed, named as tsl and msl name them, and the
// part of the schedule it came from, such as "tsl >= 99.5 missed, msl >=
// 99.0 met (base): amber".
func (r Result) levelsReason(head, tsl, msl string) string {
	switch r.Status {
	case Green:
		return fmt.Sprintf("%s%s met (%s): green", head, tsl, r.Source)
	case Amber:
		return fmt.Sprintf("%s%s missed, %s met (%s): amber", head, tsl, msl, r.Source)
	}
	return fmt.Sprintf("%s%s missed (%s): red", head, msl, r.Source)
}
