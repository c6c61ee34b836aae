package kpi

import (
	"fmt"
	"github.com/servicecredit/engine/internal/words"

	"github.com/shopspring/decimal"
)

// Thresholds are the service levels a KPI-month is judged against: the
// Target Service Level (TSL) and the Minimum Service Level (MSL). By
// default both bounds are inclusive: meeting the TSL exactly is Green,
// meeting the MSL exactly is Amber. A Strict bound must be beaten, as in
// "abandonment below 10%", which 9.99% meets and 10% does not.
//
// The MSL is either given (MSL) or derived from the TSL by a Margin, as in
// "5 points below the TSL" or "5% below the TSL"; a margin always loosens
// the TSL, downwards for a HigherIsBetter KPI and upwards for a
// LowerIsBetter one.
//
// For a HigherIsBetter KPI the MSL must not exceed the TSL; for a
// LowerIsBetter KPI it must not be below it. An MSL equal to the TSL means
// there is no Amber band. The zero Thresholds are 0/0, both inclusive.
type Thresholds struct {
	_ [0]func() // forbid ==, which compares decimals wrongly; first, so that it adds no padding at the end

	TSL      decimal.Decimal // Target Service Level
	MSL      decimal.Decimal // Minimum Service Level; must be zero when MSLMargin is set
	TSLBound Bound           // Inclusive (the zero value) or Strict
	MSLBound Bound           // Inclusive (the zero value) or Strict
	// SmallVolume, when set, judges a month with fewer things measured
	// than it names by their failures instead of the percentage.
	SmallVolume SmallVolume
	MSLMargin   Margin // when set, the MSL is the TSL loosened by this margin
}

// Bound says whether a value equal to a bound is on its side: whether a
// value equal to a threshold meets it (Thresholds.TSLBound and MSLBound),
// or whether a value equal to a band's end is in the band (credits/scheme's
// Band.MinEdge and MaxEdge). The zero Bound is Inclusive, the usual
// contract wording ("99% or above", "98.0 - 98.9").
type Bound uint8

// The kinds of bound.
const (
	Inclusive Bound = iota // a value equal to the bound is on its side: meets the threshold, is in the band
	Strict                 // the value must be beyond the bound: "below 10%", "over 3 points"
)

// boundWords are Bound's words: "strict" is written, and "exclusive", a
// band table's word for it, is read as well.
var boundWords = words.New("bound", Inclusive, "inclusive", "strict").Alias("exclusive", Strict)

// String returns "inclusive" or "strict".
func (b Bound) String() string { return boundWords.String(b) }

// MarshalText implements encoding.TextMarshaler: "inclusive" or "strict".
func (b Bound) MarshalText() ([]byte, error) { return boundWords.Marshal(b) }

// UnmarshalText implements encoding.TextUnmarshaler, accepting
// "inclusive", "strict" and "exclusive", another word for strict.
func (b *Bound) UnmarshalText(text []byte) error { return boundWords.Unmarshal(b, text) }

// MarginUnit says how a Margin is measured.
type MarginUnit uint8

// The units of a margin. The zero MarginUnit means no margin.
const (
	PointsFromTSL MarginUnit = iota + 1 // in the KPI's own units: "5 points below the TSL"
	PercentOfTSL                        // as a percentage of the TSL: "5% below the TSL"
)

var marginWords = words.New("margin unit", PointsFromTSL, "points", "percent-of-tsl")

// String returns "points" or "percent-of-tsl".
func (u MarginUnit) String() string { return marginWords.String(u) }

// MarshalText implements encoding.TextMarshaler.
func (u MarginUnit) MarshalText() ([]byte, error) { return marginWords.Marshal(u) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (u *MarginUnit) UnmarshalText(b []byte) error {
	return marginWords.Unmarshal(u, b)
}

// Margin derives an MSL from the TSL. The zero Margin is unset.
type Margin struct {
	By   decimal.Decimal // how far below (or, lower-is-better, above) the TSL; 0 or more
	Unit MarginUnit      // what By counts: percentage points, or a percentage of the TSL
}

// IsSet reports whether m derives the MSL.
func (m Margin) IsSet() bool { return m.Unit != 0 }

// String describes the margin: "5 points" or "5%".
func (m Margin) String() string {
	if m.Unit == PercentOfTSL {
		return FormatValue(m.By) + "%"
	}
	return FormatValue(m.By) + " points"
}

// Resolve returns t with its MSL derived from the margin, if it has one,
// for a KPI of direction dir. The derived MSL is exact: 5% below a TSL of
// 28 is 26.6.
func (t Thresholds) Resolve(dir Direction) Thresholds {
	if !t.MSLMargin.IsSet() {
		return t
	}
	gap := t.MSLMargin.By
	if t.MSLMargin.Unit == PercentOfTSL {
		gap = t.TSL.Abs().Mul(gap).Shift(-2)
	}
	if dir == LowerIsBetter {
		t.MSL = t.TSL.Add(gap)
	} else {
		t.MSL = t.TSL.Sub(gap)
	}
	return t
}

// Levels returns Thresholds with the given TSL and MSL.
func Levels(tsl, msl decimal.Decimal) Thresholds { return Thresholds{TSL: tsl, MSL: msl} }

// MustLevels returns Thresholds parsed from decimal strings such as "99.5".
// It panics on bad input and is meant for tests and examples.
func MustLevels(tsl, msl string) Thresholds {
	return Thresholds{TSL: decimal.RequireFromString(tsl), MSL: decimal.RequireFromString(msl)}
}

// String returns "tsl 95 msl 90", marking strict bounds and a margin,
// and adding a small-volume rule: "tsl 10 (strict) msl 5 points from
// tsl", "tsl 95 msl 90; fewer than 20: tsl at most 1 failed, msl at most
// 2 failed".
func (t Thresholds) String() string {
	s := "tsl " + FormatValue(t.TSL)
	if t.TSLBound == Strict {
		s += " (strict)"
	}
	if t.MSLMargin.IsSet() {
		s += " msl " + t.MSLMargin.String() + " from tsl"
	} else {
		s += " msl " + FormatValue(t.MSL)
	}
	if t.MSLBound == Strict {
		s += " (strict)"
	}
	if t.SmallVolume.IsSet() {
		s += "; " + t.SmallVolume.String()
	}
	return s
}

// Step is one month of a glide path: the thresholds that apply in Month
// only.
type Step struct {
	Month      Month      // the month the step applies in
	Thresholds Thresholds // the thresholds of that month
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

// isEmpty reports whether s holds no thresholds at all.
func (s Schedule) isEmpty() bool {
	b := s.Base
	return len(s.Glide) == 0 && len(s.Changes) == 0 && b.TSL.IsZero() && b.MSL.IsZero() &&
		b.TSLBound == Inclusive && b.MSLBound == Inclusive && !b.MSLMargin.IsSet() && !b.SmallVolume.IsSet()
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
	Kind  SourceKind // the base, a glide step or a change
	Month Month      // the glide step's month, or the change's From; zero for the base
	Step  int        // for a glide step: its position, 1-based, in month order
	Steps int        // for a glide step: the number of steps in the glide path
	Note  string     // for a change: its Note
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

// thresholdProblems checks one set of thresholds for a KPI, its levels
// and its small-volume rule; each problem's path is within the
// Thresholds.
func thresholdProblems(t Thresholds, d *Definition) []problem {
	return append(levelProblems(t, d), t.SmallVolume.problems(d.Unit)...)
}

// levelProblems checks the levels, bounds and margin of one set of
// thresholds for a KPI; each problem's path is within the Thresholds.
func levelProblems(t Thresholds, d *Definition) []problem {
	var out []problem
	switch {
	case t.TSLBound > Strict:
		out = append(out, problem{"TSLBound", "bound must be inclusive or strict"})
	case t.MSLBound > Strict:
		out = append(out, problem{"MSLBound", "bound must be inclusive or strict"})
	}
	if t.MSLMargin.IsSet() {
		switch {
		case t.MSLMargin.Unit > PercentOfTSL:
			out = append(out, problem{"MSLMargin.Unit", fmt.Sprintf("msl margin unit %d unknown", t.MSLMargin.Unit)})
		case t.MSLMargin.By.Sign() < 0:
			out = append(out, problem{"MSLMargin.By", fmt.Sprintf("msl margin %s is negative", FormatValue(t.MSLMargin.By))})
		}
		if !t.MSL.IsZero() {
			out = append(out, problem{"MSL", fmt.Sprintf("msl %s given as well as a margin of %s", FormatValue(t.MSL), t.MSLMargin)})
		}
		if len(out) > 0 {
			return out
		}
	}
	// A derived MSL is at fault through its margin.
	msl := "MSL"
	if t.MSLMargin.IsSet() {
		msl = "MSLMargin"
	}
	r := t.Resolve(d.Direction)
	if d.Direction == HigherIsBetter && r.MSL.Cmp(r.TSL) > 0 {
		out = append(out, problem{msl, fmt.Sprintf("msl %s above tsl %s (higher is better)", FormatValue(r.MSL), FormatValue(r.TSL))})
	}
	if d.Direction == LowerIsBetter && r.MSL.Cmp(r.TSL) < 0 {
		out = append(out, problem{msl, fmt.Sprintf("msl %s below tsl %s (lower is better)", FormatValue(r.MSL), FormatValue(r.TSL))})
	}
	for _, v := range [...]struct {
		name, path string
		d          decimal.Decimal
		derived    bool
	}{{"tsl", "TSL", r.TSL, false}, {"msl", msl, r.MSL, t.MSLMargin.IsSet()}} {
		if msg := d.Unit.rangeProblem(v.d); msg != "" && !(v.derived && d.Unit != Percent) {
			out = append(out, problem{v.path, v.name + " " + msg})
		}
		if !v.derived && d.Precision.Places >= 0 && !v.d.Equal(v.d.Truncate(d.Precision.Places)) {
			out = append(out, problem{v.path, fmt.Sprintf("%s %s has more decimal places than the precision (%d)", v.name, FormatValue(v.d), d.Precision.Places)})
		}
	}
	return out
}
