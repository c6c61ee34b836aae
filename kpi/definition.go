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
// ErrInvalidDefinition with the path of the field at fault, sorted and
// joined with errors.Join. It returns nil if d is valid.
//
// A KPI or PI with fixed thresholds (no Relative target) needs them: a
// higher-is-better one whose Schedule is the zero Schedule (a Base of TSL
// 0 and MSL 0, both inclusive, no margin, no glide path and no changes)
// is refused, since every value would meet a TSL of 0, as if it had no
// thresholds at all. For a lower-is-better KPI the zero Schedule is the
// target "none at all": 0 is Green, anything more Red.
func (d Definition) Validate() error {
	var errs []error
	add := func(m Month, where, path, msg string) {
		errs = append(errs, &Error{KPI: d.ID, Month: m, Where: where, Path: path, Msg: msg, Err: ErrInvalidDefinition})
	}
	id := d.ID
	if strings.TrimSpace(id) == "" {
		add(Month{}, "", "ID", "id is empty")
	} else if strings.TrimSpace(id) != id || strings.ContainsAny(id, ",\n\r\t\"") {
		add(Month{}, "", "ID", fmt.Sprintf("id %q has surrounding space, a comma, a quote or a control character", id))
	}
	if !unitWords.Valid(d.Unit) {
		add(Month{}, "", "Unit", "unit not set (want one of "+unitWords.Join()+")")
	}
	if !directionWords.Valid(d.Direction) {
		add(Month{}, "", "Direction", "direction not set (want one of "+directionWords.Join()+")")
	}
	if !kindWords.Valid(d.Kind) {
		add(Month{}, "", "Kind", "kind not set (want one of "+kindWords.Join()+")")
	}
	for _, p := range d.Precision.problems() {
		add(Month{}, "", "Precision."+p.path, p.msg)
	}
	if d.Relative != 0 && !relativeWords.Valid(d.Relative) {
		add(Month{}, "", "Relative", fmt.Sprintf("relative target %d unknown", d.Relative))
	}
	if d.Kind == Figure && d.Relative != 0 {
		add(Month{}, "", "Relative", "a figure has no target, relative or not")
	}
	if d.Kind == Figure || d.Relative != 0 {
		if !d.Schedule.isEmpty() {
			add(Month{}, "", "Schedule", "thresholds given for a "+map[bool]string{true: "figure", false: "relative target"}[d.Kind == Figure]+", which has none")
		}
		return joined.Sorted(errs)
	}
	if d.Schedule.isEmpty() && d.Direction == HigherIsBetter {
		add(Month{}, "", "Schedule", "thresholds not set, or all 0: every value meets a tsl and an msl of 0 when higher is better")
		return joined.Sorted(errs)
	}
	for _, p := range thresholdProblems(d.Schedule.Base, &d) {
		add(Month{}, "base", "Schedule.Base."+p.path, p.msg)
	}
	glide := datedList{where: "glide", path: "Schedule.Glide", month: "Month", unset: "step month not set", twice: "month appears twice in the glide path"}
	for _, st := range d.Schedule.Glide {
		glide.entries = append(glide.entries, dated{st.Month, st.Thresholds})
	}
	changes := datedList{where: "change", path: "Schedule.Changes", month: "From", unset: "from month not set", twice: "two changes take effect this month"}
	for _, c := range d.Schedule.Changes {
		changes.entries = append(changes.entries, dated{c.From, c.Thresholds})
	}
	for _, l := range []datedList{glide, changes} {
		seen := map[Month]bool{}
		for i, e := range l.entries {
			at := func(rest string) string { return fmt.Sprintf("%s[%d].%s", l.path, i, rest) } // written only for a problem
			if e.month.IsZero() {
				add(Month{}, l.where, at(l.month), l.unset)
				continue
			}
			if seen[e.month] {
				add(e.month, l.where, at(l.month), l.twice)
			}
			seen[e.month] = true
			for _, p := range thresholdProblems(e.thresholds, &d) {
				add(e.month, l.where, at("Thresholds."+p.path), p.msg)
			}
		}
	}
	return joined.Sorted(errs)
}

// datedList is a glide path or a KPI's changes as Validate checks them:
// where names the part in a problem, path and month are the Go paths of
// the list and of an entry's month, unset and twice the problems of an
// entry with no month and of a month given twice.
type datedList struct {
	where, path, month, unset, twice string
	entries                          []dated
}

// dated is a glide step or a change: the month it takes effect in and
// its thresholds.
type dated struct {
	month      Month
	thresholds Thresholds
}

// problem is one problem found in a part of a definition: the path of the
// field at fault within the part, and what is wrong.
type problem struct{ path, msg string }
