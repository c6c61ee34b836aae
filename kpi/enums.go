package kpi

import "github.com/servicecredit/engine/internal/words"

// ErrUnknownWord is wrapped by every error about an enumeration's text,
// in this package and in every other package of the module (mitigation,
// credits, credits/scheme, contract, reconcile and the measurement
// packages): a text that is not one of the enumeration's words
// (UnmarshalText), or a value that has none (MarshalText). Each such error
// is a *WordError.
var ErrUnknownWord = words.ErrUnknown

// WordError is the error of an enumeration's UnmarshalText for a text that
// is not one of its words, or of its MarshalText for a value that has none.
// Its fields name the enumeration (Type, such as "unit"), the Text given,
// and the accepted Words; it unwraps to ErrUnknownWord, whose text ends
// the message:
//
//	unit "pct" (want one of percent, count, score, ratio): unknown word
//	unit 7: unknown word
//
// Every enumeration of the module reports unknown words with it.
// UnmarshalText leaves the value unchanged on error.
type WordError = words.Error

// Unit is what a KPI's value measures. The zero Unit is invalid.
type Unit uint8

// The units a KPI's value can have.
const (
	Percent Unit = iota + 1 // a percentage, 0 to 100 inclusive
	Count                   // a whole number of things, 0 or more
	Score                   // a score on a survey scale, such as 6.2 out of 7
	Ratio                   // a quotient such as contacts per user
)

var unitWords = words.New("unit", Percent, "percent", "count", "score", "ratio")

// String returns the text form: "percent", "count", "score" or "ratio".
func (u Unit) String() string { return unitWords.String(u) }

// MarshalText implements encoding.TextMarshaler.
func (u Unit) MarshalText() ([]byte, error) { return unitWords.Marshal(u) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (u *Unit) UnmarshalText(b []byte) error {
	return unitWords.Unmarshal(u, b)
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

var directionWords = words.New("direction", HigherIsBetter, "higher-is-better", "lower-is-better")

// String returns "higher-is-better" or "lower-is-better".
func (d Direction) String() string { return directionWords.String(d) }

// MarshalText implements encoding.TextMarshaler.
func (d Direction) MarshalText() ([]byte, error) { return directionWords.Marshal(d) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Direction) UnmarshalText(b []byte) error {
	return directionWords.Unmarshal(d, b)
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

var kindWords = words.New("kind", KPI, "kpi", "pi", "figure")

// String returns "kpi", "pi" or "figure".
func (k Kind) String() string { return kindWords.String(k) }

// MarshalText implements encoding.TextMarshaler.
func (k Kind) MarshalText() ([]byte, error) { return kindWords.Marshal(k) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (k *Kind) UnmarshalText(b []byte) error {
	return kindWords.Unmarshal(k, b)
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

var statusWords = words.New("status", Green, "green", "amber", "red", "unmeasured", "reported")

// String returns "green", "amber", "red", "unmeasured" or "reported".
func (s Status) String() string { return statusWords.String(s) }

// MarshalText implements encoding.TextMarshaler.
func (s Status) MarshalText() ([]byte, error) { return statusWords.Marshal(s) }

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Status) UnmarshalText(b []byte) error {
	return statusWords.Unmarshal(s, b)
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

var absenceWords = words.New("absence", Unavailable, "unavailable", "not-applicable", "not-due", "missing", "no-baseline", "no-input")

// String returns "unavailable", "not-applicable", "not-due", "missing",
// "no-baseline" or "no-input"; the zero Absence gives "present".
func (a Absence) String() string {
	if a == 0 {
		return "present"
	}
	return absenceWords.String(a)
}

// MarshalText implements encoding.TextMarshaler; the zero Absence marshals
// to empty text.
func (a Absence) MarshalText() ([]byte, error) {
	if a == 0 {
		return nil, nil
	}
	return absenceWords.Marshal(a)
}

// UnmarshalText implements encoding.TextUnmarshaler; empty text gives the
// zero Absence.
func (a *Absence) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*a = 0
		return nil
	}
	return absenceWords.Unmarshal(a, b)
}
