package kpi

import (
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownWord is wrapped by the UnmarshalText errors of this package's
// enumerations when the text is not one of the accepted words.
var ErrUnknownWord = errors.New("unknown word")

// enumWords holds the text forms of an enumeration; index 0 is the invalid
// zero value.
type enumWords []string

func (w enumWords) name(v uint8) string {
	if int(v) < len(w) && v != 0 {
		return w[v]
	}
	return fmt.Sprintf("%s(%d)", w[0], v)
}

func (w enumWords) marshal(v uint8) ([]byte, error) {
	if int(v) < len(w) && v != 0 {
		return []byte(w[v]), nil
	}
	return nil, fmt.Errorf("%s %d: %w", w[0], v, ErrUnknownWord)
}

func (w enumWords) parse(b []byte) (uint8, error) {
	s := string(b)
	for i := 1; i < len(w); i++ {
		if w[i] == s {
			return uint8(i), nil
		}
	}
	return 0, fmt.Errorf("%s %q: %w (want one of %s)", w[0], s, ErrUnknownWord, strings.Join(w[1:], ", "))
}

// Unit is what a KPI's value measures. The zero Unit is invalid.
type Unit uint8

// The units a KPI's value can have.
const (
	Percent Unit = iota + 1 // a percentage, 0 to 100 inclusive
	Count                   // a whole number of things, 0 or more
	Score                   // a score on a survey scale, such as 6.2 out of 7
	Ratio                   // a quotient such as contacts per user
)

var unitWords = enumWords{"unit", "percent", "count", "score", "ratio"}

// String returns the text form: "percent", "count", "score" or "ratio".
func (u Unit) String() string { return unitWords.name(uint8(u)) }

// MarshalText implements encoding.TextMarshaler.
func (u Unit) MarshalText() ([]byte, error) { return unitWords.marshal(uint8(u)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (u *Unit) UnmarshalText(b []byte) error {
	v, err := unitWords.parse(b)
	*u = Unit(v)
	return err
}

// Direction says whether a larger value is better performance. The zero
// Direction is invalid.
type Direction uint8

// The directions of a KPI.
const (
	// HigherIsBetter KPIs are met at or above the TSL, as "99.9%
	// availability".
	HigherIsBetter Direction = iota + 1
	// LowerIsBetter KPIs are met at or below the TSL, as "P1 incidents
	// <= 3 a month".
	LowerIsBetter
)

var directionWords = enumWords{"direction", "higher-is-better", "lower-is-better"}

// String returns "higher-is-better" or "lower-is-better".
func (d Direction) String() string { return directionWords.name(uint8(d)) }

// MarshalText implements encoding.TextMarshaler.
func (d Direction) MarshalText() ([]byte, error) { return directionWords.marshal(uint8(d)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Direction) UnmarshalText(b []byte) error {
	v, err := directionWords.parse(b)
	*d = Direction(v)
	return err
}

// Kind says whether an indicator carries service credits. The zero Kind is
// invalid.
type Kind uint8

// The kinds of indicator.
const (
	// KPI is a key performance indicator: classified and credit-bearing.
	KPI Kind = iota + 1
	// PI is a performance indicator: classified and reported, never
	// credited.
	PI
	// Figure is a reported figure with no target, such as a call volume
	// or a count of change records: shown, never classified or credited.
	Figure
)

var kindWords = enumWords{"kind", "kpi", "pi", "figure"}

// String returns "kpi", "pi" or "figure".
func (k Kind) String() string { return kindWords.name(uint8(k)) }

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return kindWords.marshal(uint8(k)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := kindWords.parse(b)
	*k = Kind(v)
	return err
}

// Status is the RAG outcome of one KPI-month. The zero Status is invalid.
type Status uint8

// The outcomes of a KPI-month.
const (
	Green      Status = iota + 1 // the Target Service Level was met
	Amber                        // the Minimum Service Level was met, the target was not
	Red                          // the Minimum Service Level was not met
	Unmeasured                   // no value to classify; the Absence says why
	Reported                     // a Figure's value: reported, with no target to judge it by
)

var statusWords = enumWords{"status", "green", "amber", "red", "unmeasured", "reported"}

// String returns "green", "amber", "red", "unmeasured" or "reported".
func (s Status) String() string { return statusWords.name(uint8(s)) }

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) { return statusWords.marshal(uint8(s)) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Status) UnmarshalText(b []byte) error {
	v, err := statusWords.parse(b)
	*s = Status(v)
	return err
}

// Failed reports whether s is Amber or Red: the target was not met.
func (s Status) Failed() bool { return s == Amber || s == Red }

// Absence says why a KPI-month has no value. The zero Absence means the
// value is present.
type Absence uint8

// The reasons a value can be absent.
const (
	// Unavailable: the value exists but was not available ("UNVL").
	Unavailable Absence = iota + 1
	// NotApplicable: there was nothing to measure ("N/A"), such as no P1
	// calls in the month.
	NotApplicable
	// NotDue: the KPI is not measured this month, such as a quarterly
	// KPI outside its quarter's last month.
	NotDue
	// Missing: no measurement was supplied for a KPI in force. Only the
	// evaluation of a contract produces it; input never says Missing.
	Missing
	// NoBaseline: a relative target (such as "decrease") has no earlier
	// value to compare with: the first month, or an earlier month without
	// a value. Only classification produces it.
	NoBaseline
	// NoInput: a computed value lacks one of its inputs. Only evaluation
	// produces it.
	NoInput
)

var absenceWords = enumWords{"absence", "unavailable", "not-applicable", "not-due", "missing", "no-baseline", "no-input"}

// String returns "unavailable", "not-applicable", "not-due", "missing",
// "no-baseline" or "no-input"; the zero Absence gives "present".
func (a Absence) String() string {
	if a == 0 {
		return "present"
	}
	return absenceWords.name(uint8(a))
}

// MarshalText implements encoding.TextMarshaler; the zero Absence marshals
// to empty text.
func (a Absence) MarshalText() ([]byte, error) {
	if a == 0 {
		return nil, nil
	}
	return absenceWords.marshal(uint8(a))
}

// UnmarshalText implements encoding.TextUnmarshaler; empty text gives the
// zero Absence.
func (a *Absence) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*a = 0
		return nil
	}
	v, err := absenceWords.parse(b)
	*a = Absence(v)
	return err
}
