package kpi

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/shopspring/decimal"
)

// Measurement is the value of one KPI for one organisation in one month,
// or an explicit absence of a value.
//
// When Absent is set the value fields must be zero: an absent value is
// never treated as zero or as a pass. Numerator and Denominator are
// optional evidence for the value (2 of 3 P1 calls resolved in time);
// Value remains the figure that is classified.
type Measurement struct {
	KPI   string // the KPI's id
	Org   string // the organisation measured; empty for a single-organisation contract
	Month Month  // the month measured

	Value       decimal.Decimal // the measured value, unrounded
	Numerator   decimal.Decimal // with HasCounts: the things that met the standard
	Denominator decimal.Decimal // with HasCounts: the things measured
	HasCounts   bool            // whether Numerator and Denominator are given
	// FromCounts says the value is derived from the counts instead of
	// given: 100 x Numerator / Denominator for a percentage, Numerator /
	// Denominator otherwise, rounded once to the KPI's precision, exactly.
	// Value must then be zero.
	FromCounts bool
	Absent     Absence // why there is no value; zero when Value is present
	Note       string  // free text carried into reports, such as the pack's own comment
	// Incidents are the incidents, by reference, that caused this
	// KPI-month's failure; none when not known. A contract's incident
	// rule (credits.Incidents) reads them.
	Incidents []string

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Check reports every problem with m as a value of the KPI d, each as an
// *Error wrapping ErrInvalidMeasurement with the path of the field at
// fault ("Value", "Denominator"), joined with errors.Join. A value in a
// month whose thresholds carry a small-volume rule needs its counts
// ("HasCounts"), whole numbers: the rule judges by them.
func (m Measurement) Check(d Definition) error {
	var errs []error
	add := func(path, msg string) {
		errs = append(errs, &Error{KPI: m.KPI, Org: m.Org, Month: m.Month, Path: path, Msg: msg, Err: ErrInvalidMeasurement})
	}
	// field adds a problem with one of the measurement's figures, named
	// in Where as a file names its column.
	field := func(path, where, msg string) {
		errs = append(errs, &Error{KPI: m.KPI, Org: m.Org, Month: m.Month, Path: path, Where: where, Msg: msg, Err: ErrInvalidMeasurement})
	}
	if m.KPI != d.ID {
		add("KPI", fmt.Sprintf("measurement is for %q, checked against %q", m.KPI, d.ID))
	}
	if m.Month.IsZero() {
		add("Month", "month not set")
	}
	switch {
	case m.Absent >= Missing && m.Absent <= NoInput:
		add("Absent", fmt.Sprintf("absence %q is for evaluation results, not input", m.Absent))
	case m.Absent > NoInput:
		add("Absent", fmt.Sprintf("absence %d unknown", m.Absent))
	case m.Absent != 0:
		if !m.Value.IsZero() || m.HasCounts {
			field("Value", "value", fmt.Sprintf("given although absent (%s)", m.Absent))
		}
	case m.FromCounts && !m.HasCounts:
		add("HasCounts", "value to be derived from counts, but no counts given")
	case m.FromCounts && !m.Value.IsZero():
		field("Value", "value", fmt.Sprintf("%s given as well as derived from counts", FormatValue(m.Value)))
	default:
		if msg := d.Unit.rangeProblem(m.Value); msg != "" && !m.FromCounts {
			field("Value", "value", msg)
		}
		if d.Kind != Figure && d.Relative == 0 {
			t, _ := d.Schedule.At(m.Month)
			for _, p := range countProblems(m, t) {
				field(p.path, strings.ToLower(strings.TrimPrefix(p.path, "Has")), p.msg)
			}
		}
		if m.HasCounts {
			switch {
			case m.Denominator.Sign() <= 0:
				field("Denominator", "denominator", fmt.Sprintf("%s is not positive", FormatValue(m.Denominator)))
			case m.Numerator.Sign() < 0 || (d.Unit == Percent && fixed.Compare(m.Numerator, m.Denominator) > 0):
				field("Numerator", "numerator", fmt.Sprintf("%s outside 0..denominator %s", FormatValue(m.Numerator), FormatValue(m.Denominator)))
			}
		}
	}
	return joined.Sorted(errs)
}

// derivedPlaces is how many places beyond the precision a derived value
// keeps for display; the classification uses the exactly rounded value.
const derivedPlaces = 6

// derive returns m's value derived from its counts for a KPI of unit u:
// the exactly rounded value at p, the value for display (p's places plus
// six, truncated), and whether that display value is exact.
func (m Measurement) derive(u Unit, p Precision) (rounded, shown decimal.Decimal, exact bool) {
	num := dividend(m.Numerator, u)
	if m.Denominator.IsZero() {
		return decimal.Decimal{}, decimal.Decimal{}, false
	}
	rounded, _ = p.Quotient(num, m.Denominator)
	shown, rem := num.QuoRem(m.Denominator, p.Places+derivedPlaces)
	if rem.IsZero() {
		return rounded, trimZeros(shown), true
	}
	return rounded, shown, false
}

// trimZeros drops the trailing zeros of d's fraction: 1.4800 is 1.48.
func trimZeros(d decimal.Decimal) decimal.Decimal {
	s := FormatValue(d)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return decimal.RequireFromString(s)
}

// Resolved returns m with a value derived from counts (FromCounts) turned
// into a given value: the exact quotient rounded once to d's precision,
// FromCounts cleared and the counts kept. Any other measurement is
// returned as it is. Code that reads Value outside Classify (a pooled
// part, a relative target's baseline, a published figure) must read it
// from the resolved measurement: a derived measurement's Value is zero.
func (m Measurement) Resolved(d Definition) Measurement {
	if !m.FromCounts || m.Absent != 0 {
		return m
	}
	m.Value, _, _ = m.derive(d.Unit, d.Precision)
	m.FromCounts = false
	return m
}

// dividend is what a derived value divides by the denominator: the
// numerator, times 100 for a percentage.
func dividend(num decimal.Decimal, u Unit) decimal.Decimal {
	if u == Percent {
		return num.Shift(2)
	}
	return num
}
