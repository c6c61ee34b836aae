package kpi

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Result is the classification of one KPI-month: its status and everything
// a person needs to check it, the value as measured and as rounded, the
// thresholds that applied and where they came from.
type Result struct {
	KPI   string
	Org   string
	Month Month

	Status Status  // Green, Amber, Red, or Unmeasured
	Absent Absence // why there was no value, when Status is Unmeasured

	Value      decimal.Decimal // the value as measured
	Rounded    decimal.Decimal // the value after the precision, as compared
	Precision  Precision       // the precision applied
	Direction  Direction       // which way is better
	Thresholds Thresholds      // the thresholds that applied
	Source     Source          // the part of the schedule they came from

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Classify judges measurement m against definition d in m's month. The
// value is first rounded to d's precision; then it is Green if it meets the
// TSL, Amber if it meets the MSL only, Red otherwise. Both bounds are
// inclusive. An absent value is Unmeasured with its reason: what an absence
// costs is the contract's decision, not the classifier's.
//
// Classify assumes d is valid (see Definition.Validate) and m is one of its
// measurements (see Measurement.Check).
func Classify(d Definition, m Measurement) Result {
	t, src := d.Schedule.At(m.Month)
	r := Result{
		KPI: d.ID, Org: m.Org, Month: m.Month,
		Precision: d.Precision, Direction: d.Direction,
		Thresholds: t, Source: src,
	}
	if m.Absent != 0 {
		r.Status, r.Absent = Unmeasured, m.Absent
		return r
	}
	r.Value = m.Value
	r.Rounded = d.Precision.Apply(m.Value)
	switch {
	case meets(r.Rounded, t.TSL, d.Direction):
		r.Status = Green
	case meets(r.Rounded, t.MSL, d.Direction):
		r.Status = Amber
	default:
		r.Status = Red
	}
	return r
}

// meets reports whether v meets level in direction dir, inclusively.
func meets(v, level decimal.Decimal, dir Direction) bool {
	if dir == LowerIsBetter {
		return v.Cmp(level) <= 0
	}
	return v.Cmp(level) >= 0
}

// Reason explains the status in words, such as
// "99.949 rounds to 99.9 (1 dp half-up); tsl 99.9 met (>=, base): green".
func (r Result) Reason() string {
	if r.Status == Unmeasured {
		return fmt.Sprintf("no value (%s): unmeasured", r.Absent)
	}
	op := ">="
	if r.Direction == LowerIsBetter {
		op = "<="
	}
	head := fmt.Sprintf("%s rounds to %s (%s); ", FormatValue(r.Value), r.Rounded.StringFixed(r.Precision.Places), r.Precision)
	switch r.Status {
	case Green:
		return head + fmt.Sprintf("tsl %s met (%s, %s): green", FormatValue(r.Thresholds.TSL), op, r.Source)
	case Amber:
		return head + fmt.Sprintf("tsl %s missed, msl %s met (%s, %s): amber", FormatValue(r.Thresholds.TSL), FormatValue(r.Thresholds.MSL), op, r.Source)
	}
	return head + fmt.Sprintf("msl %s missed (%s, %s): red", FormatValue(r.Thresholds.MSL), op, r.Source)
}
