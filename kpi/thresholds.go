package kpi

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Thresholds are the service levels a KPI-month is judged against: the
// Target Service Level (TSL) and the Minimum Service Level (MSL). Both
// bounds are inclusive: meeting the TSL exactly is Green, meeting the MSL
// exactly is Amber.
//
// For a HigherIsBetter KPI the MSL must not exceed the TSL; for a
// LowerIsBetter KPI it must not be below it. An MSL equal to the TSL means
// there is no Amber band. The zero Thresholds are 0/0.
type Thresholds struct {
	TSL decimal.Decimal // Target Service Level
	MSL decimal.Decimal // Minimum Service Level

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Levels returns Thresholds with the given TSL and MSL.
func Levels(tsl, msl decimal.Decimal) Thresholds { return Thresholds{TSL: tsl, MSL: msl} }

// MustLevels returns Thresholds parsed from decimal strings such as "99.5".
// It panics on bad input and is meant for tests and examples.
func MustLevels(tsl, msl string) Thresholds {
	return Thresholds{TSL: decimal.RequireFromString(tsl), MSL: decimal.RequireFromString(msl)}
}

// String returns "tsl 95 msl 90".
func (t Thresholds) String() string {
	return "tsl " + FormatValue(t.TSL) + " msl " + FormatValue(t.MSL)
}

// Step is one month of a glide path: the thresholds that apply in Month
// only.
type Step struct {
	Month      Month
	Thresholds Thresholds
}

// Change is a change to a KPI's thresholds that takes effect from a month
// onwards, such as a contract change note raising a target.
type Change struct {
	From       Month      // first month the change applies to
	Thresholds Thresholds // the levels from that month on
	Note       string     // the authority for the change, such as "CCN 42"; may be empty
}

// Schedule gives a KPI's thresholds in each calendar month.
//
// The thresholds for month m are, in order of precedence: the glide-path
// step for m, if there is one; else the latest change whose From is not
// after m; else the base. A glide path thus introduces a new KPI with
// months of increasingly demanding levels before its base levels apply,
// and changes carry lasting revisions.
type Schedule struct {
	Base    Thresholds // the levels that apply unless a step or change says otherwise
	Glide   []Step     // glide-path months, each with its own levels; any order, no month twice
	Changes []Change   // lasting changes; any order, no From twice
}

// Constant returns a Schedule with the same thresholds in every month.
func Constant(t Thresholds) Schedule { return Schedule{Base: t} }

// SourceKind says which part of a Schedule supplied a month's thresholds.
type SourceKind uint8

// The parts of a Schedule.
const (
	FromBase   SourceKind = iota + 1 // the Schedule's Base
	FromGlide                        // a glide-path Step
	FromChange                       // a Change
)

// Source records which part of a Schedule supplied a month's thresholds,
// so a result can say why those levels applied.
type Source struct {
	Kind  SourceKind
	Month Month  // the glide step's month, or the change's From; zero for the base
	Step  int    // for a glide step: its position, 1-based, in month order
	Steps int    // for a glide step: the number of steps in the glide path
	Note  string // for a change: its Note
}

// String describes the source: "base", "glide path step 2 of 3", or
// "change from 2022-01 (CCN 42)".
func (s Source) String() string {
	switch s.Kind {
	case FromBase:
		return "base"
	case FromGlide:
		return fmt.Sprintf("glide path step %d of %d", s.Step, s.Steps)
	case FromChange:
		if s.Note != "" {
			return "change from " + s.Month.String() + " (" + s.Note + ")"
		}
		return "change from " + s.Month.String()
	}
	return "no thresholds"
}

// At returns the thresholds that apply in month m and where they came from.
func (s Schedule) At(m Month) (Thresholds, Source) {
	for i, st := range s.Glide {
		if st.Month == m {
			pos := 1
			for j, o := range s.Glide {
				if j != i && o.Month.Before(m) {
					pos++
				}
			}
			return st.Thresholds, Source{Kind: FromGlide, Month: m, Step: pos, Steps: len(s.Glide)}
		}
	}
	best := -1
	for i, c := range s.Changes {
		if !c.From.After(m) && (best < 0 || c.From.After(s.Changes[best].From)) {
			best = i
		}
	}
	if best >= 0 {
		c := s.Changes[best]
		return c.Thresholds, Source{Kind: FromChange, Month: c.From, Note: c.Note}
	}
	return s.Base, Source{Kind: FromBase}
}

// thresholdProblems checks one set of thresholds for a KPI.
func thresholdProblems(t Thresholds, d *Definition) []string {
	var out []string
	if d.Direction == HigherIsBetter && t.MSL.Cmp(t.TSL) > 0 {
		out = append(out, fmt.Sprintf("msl %s above tsl %s (higher is better)", FormatValue(t.MSL), FormatValue(t.TSL)))
	}
	if d.Direction == LowerIsBetter && t.MSL.Cmp(t.TSL) < 0 {
		out = append(out, fmt.Sprintf("msl %s below tsl %s (lower is better)", FormatValue(t.MSL), FormatValue(t.TSL)))
	}
	for _, v := range [...]struct {
		name string
		d    decimal.Decimal
	}{{"tsl", t.TSL}, {"msl", t.MSL}} {
		if msg := d.Unit.rangeProblem(v.d); msg != "" {
			out = append(out, v.name+" "+msg)
		}
		if d.Precision.Places >= 0 && -v.d.Exponent() > d.Precision.Places && !v.d.Equal(v.d.Truncate(d.Precision.Places)) {
			out = append(out, fmt.Sprintf("%s %s has more decimal places than the precision (%d)", v.name, FormatValue(v.d), d.Precision.Places))
		}
	}
	return out
}
