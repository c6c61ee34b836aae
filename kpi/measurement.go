package kpi

import (
	"fmt"

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
	Month Month

	Value       decimal.Decimal // the measured value, unrounded
	Numerator   decimal.Decimal // with HasCounts: the things that met the standard
	Denominator decimal.Decimal // with HasCounts: the things measured
	HasCounts   bool            // whether Numerator and Denominator are given
	Absent      Absence         // why there is no value; zero when Value is present
	Note        string          // free text carried into reports, such as the pack's own comment

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Check reports every problem with m as a value of the KPI d, each as an
// *Error wrapping ErrInvalidMeasurement, joined with errors.Join.
func (m Measurement) Check(d Definition) error {
	var errs []error
	add := func(msg string) {
		errs = append(errs, &Error{KPI: m.KPI, Org: m.Org, Month: m.Month, Msg: msg, Err: ErrInvalidMeasurement})
	}
	if m.KPI != d.ID {
		add(fmt.Sprintf("measurement is for %q, checked against %q", m.KPI, d.ID))
	}
	if m.Month.IsZero() {
		add("month not set")
	}
	switch {
	case m.Absent >= Missing && m.Absent <= NoInput:
		add(fmt.Sprintf("absence %q is for evaluation results, not input", m.Absent))
	case m.Absent > NoInput:
		add(fmt.Sprintf("absence %d unknown", m.Absent))
	case m.Absent != 0:
		if !m.Value.IsZero() || m.HasCounts {
			add(fmt.Sprintf("value given although absent (%s)", m.Absent))
		}
	default:
		if msg := d.Unit.rangeProblem(m.Value); msg != "" {
			add("value " + msg)
		}
		if m.HasCounts {
			switch {
			case m.Denominator.Sign() <= 0:
				add(fmt.Sprintf("denominator %s is not positive", FormatValue(m.Denominator)))
			case m.Numerator.Sign() < 0 || (d.Unit == Percent && m.Numerator.Cmp(m.Denominator) > 0):
				add(fmt.Sprintf("numerator %s outside 0..denominator %s", FormatValue(m.Numerator), FormatValue(m.Denominator)))
			}
		}
	}
	return joinSorted(errs)
}
