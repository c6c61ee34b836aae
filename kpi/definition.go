package kpi

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/shopspring/decimal"
)

var hundred = decimal.NewFromInt(100)

// Worst returns the worst value a measurement of unit u can have when dir
// is better: 0 when higher is better, 100 for a percentage when lower is
// better. A lower-is-better count or ratio has no upper bound, so no worst
// value: ok is false. The bounds are those a measurement is checked
// against (see Measurement.Check).
func (u Unit) Worst(dir Direction) (v decimal.Decimal, ok bool) {
	switch {
	case dir == HigherIsBetter:
		return decimal.Zero, true
	case u == Percent:
		return hundred, true
	}
	return decimal.Decimal{}, false
}

// rangeProblem says what is wrong with v as a value of unit u, or "".
func (u Unit) rangeProblem(v decimal.Decimal) string {
	switch u {
	case Percent:
		if v.Sign() < 0 || fixed.Compare(v, hundred) > 0 {
			return fmt.Sprintf("%s outside 0..100 (unit percent)", FormatValue(v))
		}
	case Count:
		if v.Sign() < 0 || !v.IsInteger() {
			return fmt.Sprintf("%s is not a whole number of 0 or more (unit count)", FormatValue(v))
		}
	case Ratio:
		if v.Sign() < 0 {
			return fmt.Sprintf("%s is negative (unit ratio)", FormatValue(v))
		}
	}
	return ""
}

// Definition describes one indicator of a contract: what it measures, which
// way is better, whether it carries credits, how precisely it is measured
// and the thresholds it is judged against month by month.
//
// The zero Definition is invalid; Validate names every missing field.
type Definition struct {
	ID        string    // the contract's reference, such as "IMT_KPI_14"
	Name      string    // the short description, such as "% of devices patched within 21 days"
	Unit      Unit      // what the value measures
	Direction Direction // which way is better
	Kind      Kind      // KPI (credit-bearing) or PI (reported only)
	Precision Precision // rounding applied to a measured value before comparison
	Schedule  Schedule  // the thresholds month by month; empty for a Figure or a relative target
	Relative  Relative  // a target relative to an earlier value, such as Decrease; zero for fixed thresholds
}

// Validate reports every problem with d, each as an *Error wrapping
// ErrInvalidDefinition, sorted and joined with errors.Join. It returns nil
// if d is valid.
func (d Definition) Validate() error {
	var errs []error
	add := func(m Month, where, msg string) {
		errs = append(errs, &Error{KPI: d.ID, Month: m, Where: where, Msg: msg, Err: ErrInvalidDefinition})
	}
	id := d.ID
	if strings.TrimSpace(id) == "" {
		add(Month{}, "", "id is empty")
	} else if strings.TrimSpace(id) != id || strings.ContainsAny(id, ",\n\r\t\"") {
		add(Month{}, "", fmt.Sprintf("id %q has surrounding space, a comma, a quote or a control character", id))
	}
	if d.Unit < Percent || d.Unit > Ratio {
		add(Month{}, "", "unit not set (want one of "+unitWords.Join()+")")
	}
	if d.Direction < HigherIsBetter || d.Direction > LowerIsBetter {
		add(Month{}, "", "direction not set (want one of "+directionWords.Join()+")")
	}
	if d.Kind < KPI || d.Kind > Figure {
		add(Month{}, "", "kind not set (want one of "+kindWords.Join()+")")
	}
	for _, p := range d.Precision.problems() {
		add(Month{}, "", p)
	}
	if d.Relative > NoWorseThanLastYear {
		add(Month{}, "", fmt.Sprintf("relative target %d unknown", d.Relative))
	}
	if d.Kind == Figure && d.Relative != 0 {
		add(Month{}, "", "a figure has no target, relative or not")
	}
	if d.Kind == Figure || d.Relative != 0 {
		if !d.Schedule.isEmpty() {
			add(Month{}, "", "thresholds given for a "+map[bool]string{true: "figure", false: "relative target"}[d.Kind == Figure]+", which has none")
		}
		return joined.Sorted(errs)
	}
	for _, p := range thresholdProblems(d.Schedule.Base, &d) {
		add(Month{}, "base", p)
	}
	seen := map[Month]bool{}
	for _, st := range d.Schedule.Glide {
		if st.Month.IsZero() {
			add(Month{}, "glide", "step month not set")
			continue
		}
		if seen[st.Month] {
			add(st.Month, "glide", "month appears twice in the glide path")
		}
		seen[st.Month] = true
		for _, p := range thresholdProblems(st.Thresholds, &d) {
			add(st.Month, "glide", p)
		}
	}
	from := map[Month]bool{}
	for _, c := range d.Schedule.Changes {
		if c.From.IsZero() {
			add(Month{}, "change", "from month not set")
			continue
		}
		if from[c.From] {
			add(c.From, "change", "two changes take effect this month")
		}
		from[c.From] = true
		for _, p := range thresholdProblems(c.Thresholds, &d) {
			add(c.From, "change", p)
		}
	}
	return joined.Sorted(errs)
}
