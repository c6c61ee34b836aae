package kpi

import (
	"fmt"
	"github.com/servicecredit/engine/internal/words"

	"github.com/servicecredit/engine/internal/fixed"
)

// Relative is a target judged against an earlier value of the same KPI
// rather than a fixed level, as a pack's "Decrease" target for calls open
// at period end. The zero Relative means the KPI has fixed thresholds.
//
// A relative target is met (Green) or not (Red); it has no Amber band.
// Both values are rounded to the KPI's precision before they are compared.
// With no earlier value (the first month, or an earlier month without a
// value) the month is Unmeasured with Absence NoBaseline.
type Relative uint8

// The relative targets.
const (
	Decrease            Relative = iota + 1 // met when below the previous month's value
	Increase                                // met when above the previous month's value
	NoWorse                                 // met when no worse than the previous month's value, by the KPI's direction
	NoWorseThanLastYear                     // met when no worse than the same month a year earlier, by the KPI's direction
)

var relativeWords = words.New("relative target", Decrease, "decrease", "increase", "no-worse", "no-worse-than-last-year")

// String returns "decrease", "increase", "no-worse" or
// "no-worse-than-last-year".
func (r Relative) String() string { return relativeWords.String(r) }

// MarshalText implements encoding.TextMarshaler.
func (r Relative) MarshalText() ([]byte, error) { return relativeWords.Marshal(r) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (r *Relative) UnmarshalText(b []byte) error {
	return relativeWords.Unmarshal(r, b)
}

// Baseline returns the month whose value m is compared with: the previous
// month, or for NoWorseThanLastYear the same month a year earlier.
func (r Relative) Baseline(m Month) Month {
	if r == NoWorseThanLastYear {
		return m.AddMonths(-12)
	}
	return m.AddMonths(-1)
}

// ClassifyAgainst judges measurement m of a KPI with a relative target
// against base, the measurement of the month d.Relative.Baseline names.
// Pass a zero Measurement as base when there is none. For a KPI without a
// relative target it is Classify.
func ClassifyAgainst(d Definition, m Measurement, base Measurement) Result {
	if d.Relative == 0 {
		return Classify(d, m)
	}
	r := newResult(d, m)
	r.BaseMonth = d.Relative.Baseline(m.Month)
	if m.Absent != 0 {
		r.Status, r.Absent = Unmeasured, m.Absent
		return r
	}
	r.setValue(d, m)
	if base.Month != r.BaseMonth || base.KPI != d.ID || base.Absent != 0 {
		r.Status, r.Absent, r.BaseAbsent = Unmeasured, NoBaseline, base.Absent
		if base.Month != r.BaseMonth || base.KPI != d.ID {
			r.BaseAbsent = Missing
		}
		return r
	}
	r.Base = d.Precision.Apply(base.Resolved(d).Value)
	c := fixed.Compare(r.Rounded, r.Base)
	var met bool
	switch d.Relative {
	case Decrease:
		met = c < 0
	case Increase:
		met = c > 0
	default:
		met = c == 0 || (c > 0) == (d.Direction == HigherIsBetter)
	}
	r.Status = Red
	if met {
		r.Status = Green
	}
	return r
}

// relativeReason explains a relative classification after head, the
// rounding part of the reason.
func (r Result) relativeReason(head string) string {
	phrase := map[Relative]string{Decrease: "decrease from", Increase: "increase from", NoWorse: "no worse than", NoWorseThanLastYear: "no worse than"}[r.Relative]
	if r.Status == Unmeasured {
		return fmt.Sprintf("%sno value in %s to compare with (%s): unmeasured", head, r.BaseMonth, r.BaseAbsent)
	}
	met := "met"
	if r.Status != Green {
		met = "not met"
	}
	return fmt.Sprintf("%s%s %s in %s %s (%s): %s", head, phrase, FormatValue(r.Base), r.BaseMonth, met, r.Relative, r.Status)
}
