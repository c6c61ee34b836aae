package kpi

import (
	"fmt"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/shopspring/decimal"
)

// SmallVolume is a set of Thresholds' rule for months with few things
// measured, as in "95% resolved in time, or where fewer than 20 tickets
// were logged, no more than 1 may fail". It belongs to a percent KPI whose
// measurements carry their counts (Measurement.HasCounts): the volume is
// the Denominator, and the failures are the things that did not meet the
// standard, Denominator - Numerator for a HigherIsBetter KPI (the
// numerator counts what met it: tickets resolved in time), the Numerator
// for a LowerIsBetter one (the numerator counts what its percentage
// counts: calls abandoned).
//
// When the volume is below FewerThan the rule replaces the percentage:
// the month is Green with at most TSLFailures failures, else Amber with
// at most MSLFailures, else Red; the value is still rounded and shown,
// but not compared. A volume of FewerThan or more is judged by the
// percentage alone. A volume of 0 is never judged: a month with nothing
// measured is not applicable ("N/A"), and Measurement.Check refuses a
// zero denominator.
//
// The zero SmallVolume is no rule. A rule belongs to the one set of
// Thresholds that holds it, as bounds and margins do: a glide-path step
// or a change without one judges its months by the percentage alone.
type SmallVolume struct {
	FewerThan   int32 // the rule applies when fewer than this many things were measured; 2 or more
	TSLFailures int32 // the most failures that meet the TSL; 0 or more
	MSLFailures int32 // the most failures that meet the MSL; not fewer than TSLFailures
}

// IsSet reports whether v is a rule: the zero SmallVolume is none.
func (v SmallVolume) IsSet() bool { return v != SmallVolume{} }

// String describes the rule: "fewer than 20: tsl at most 1 failed, msl
// at most 2 failed".
func (v SmallVolume) String() string {
	return fmt.Sprintf("fewer than %d: tsl at most %d failed, msl at most %d failed", v.FewerThan, v.TSLFailures, v.MSLFailures)
}

// problems checks v as part of the thresholds of a KPI of unit u; each
// problem's path is within the Thresholds.
func (v SmallVolume) problems(u Unit) []problem {
	if !v.IsSet() {
		return nil
	}
	var out []problem
	if u != Percent {
		out = append(out, problem{"SmallVolume", fmt.Sprintf("a small-volume rule needs a percent kpi, whose numerator and denominator count things, not %s", u)})
	}
	if v.FewerThan < 2 {
		out = append(out, problem{"SmallVolume.FewerThan", fmt.Sprintf("small volume: fewer than %d never applies: want 2 or more (a volume of 0 is not applicable)", v.FewerThan)})
	}
	if v.TSLFailures < 0 {
		out = append(out, problem{"SmallVolume.TSLFailures", fmt.Sprintf("small volume: tsl failures %d is negative", v.TSLFailures)})
	}
	if v.MSLFailures < v.TSLFailures {
		out = append(out, problem{"SmallVolume.MSLFailures", fmt.Sprintf("small volume: msl failures %d fewer than tsl failures %d (the msl allows at least the tsl's failures)", v.MSLFailures, v.TSLFailures)})
	}
	return out
}

// Failures returns the things that failed, from the counts of a result
// judged against a small-volume rule (see SmallVolume): the Denominator
// less the Numerator when higher is better, the Numerator when lower is
// better. It is meaningful only when the measurement had counts.
func (r Result) Failures() decimal.Decimal {
	if r.Direction == LowerIsBetter {
		return r.Numerator
	}
	return r.Denominator.Sub(r.Numerator)
}

// countProblems checks m's counts against the small-volume rule of its
// month's thresholds t, for Measurement.Check: a value with no counts, or
// counts that are not whole numbers, cannot be judged by it.
func countProblems(m Measurement, t Thresholds) []problem {
	v := t.SmallVolume
	if !v.IsSet() || m.Absent != 0 {
		return nil
	}
	if !m.HasCounts {
		return []problem{{"HasCounts", fmt.Sprintf("no numerator and denominator: the small-volume rule (%s) judges a month by its counts (give them, or N/A for nothing measured)", v)}}
	}
	var out []problem
	for _, c := range [...]struct {
		path string
		d    decimal.Decimal
	}{{"Numerator", m.Numerator}, {"Denominator", m.Denominator}} {
		if !c.d.IsInteger() {
			out = append(out, problem{c.path, fmt.Sprintf("%s is not a whole number: the small-volume rule (fewer than %d) counts things", FormatValue(c.d), v.FewerThan)})
		}
	}
	return out
}

// judgeVolume judges r by the small-volume rule of its thresholds when it
// applies to m, and reports whether it did, setting its Status. A measurement without counts (one Check refuses,
// or a pooled or combined value, which has none) cannot be judged when
// the thresholds carry a rule: r is Unmeasured with Absence NoInput, its
// value kept, and ByVolume set so the reason says why.
func (r *Result) judgeVolume(m Measurement) bool {
	v := r.Thresholds.SmallVolume
	if !v.IsSet() {
		return false
	}
	if !m.HasCounts {
		r.Status, r.Absent, r.ByVolume = Unmeasured, NoInput, true
		return true
	}
	if fixed.Compare(r.Denominator, decimal.NewFromInt(int64(v.FewerThan))) >= 0 {
		return false
	}
	r.ByVolume = true
	switch failed := r.Failures(); {
	case fixed.Compare(failed, decimal.NewFromInt(int64(v.TSLFailures))) <= 0:
		r.Status = Green
	case fixed.Compare(failed, decimal.NewFromInt(int64(v.MSLFailures))) <= 0:
		r.Status = Amber
	default:
		r.Status = Red
	}
	return true
}

// volumeReason explains a status judged by the small-volume rule, after
// head, the rounding part of the reason: "fewer than 20 measured (19): 2
// failed, tsl at most 1 missed, msl at most 2 met (base): amber".
func (r Result) volumeReason(head string) string {
	v := r.Thresholds.SmallVolume
	if r.Status == Unmeasured {
		return fmt.Sprintf("%sno counts to judge by the small-volume rule (%s) (%s): unmeasured", head, v, r.Source)
	}
	lead := fmt.Sprintf("%sfewer than %d measured (%s): %s failed, ", head, v.FewerThan, FormatValue(r.Denominator), FormatValue(r.Failures()))
	tsl := fmt.Sprintf("tsl at most %d", v.TSLFailures)
	msl := fmt.Sprintf("msl at most %d", v.MSLFailures)
	return r.levelsReason(lead, tsl, msl)
}

// volumeNote says, for a month its thresholds' small-volume rule did not
// apply to, why: "20 measured, not fewer than 20: ". It is "" for
// thresholds without a rule.
func (r Result) volumeNote() string {
	if r.ByVolume || !r.Thresholds.SmallVolume.IsSet() {
		return ""
	}
	return fmt.Sprintf("%s measured, not fewer than %d: ", FormatValue(r.Denominator), r.Thresholds.SmallVolume.FewerThan)
}
