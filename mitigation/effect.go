package mitigation

import (
	"fmt"

	"github.com/servicecredit/engine/kpi"
)

// Effect is what an agreed mitigation does to a KPI-month. The zero Effect
// is invalid: a record must say what it grants.
type Effect uint8

// The effects a mitigation can have.
const (
	// Relief relieves the supplier of service credits for the KPI-month;
	// the status stays as measured. This is the usual case.
	Relief Effect = iota + 1
	// Deemed replaces the KPI-month's status with the record's Deemed
	// status, such as deeming a month Green; credits follow the deemed
	// status.
	Deemed
)

var effectWords = []string{"effect", "relief", "deemed"}

// String returns "relief" or "deemed", or "effect(N)" for an invalid
// Effect.
func (e Effect) String() string {
	if e >= Relief && e <= Deemed {
		return effectWords[e]
	}
	return fmt.Sprintf("effect(%d)", e)
}

// MarshalText implements encoding.TextMarshaler with "relief" or "deemed".
// An invalid Effect is an error wrapping kpi.ErrUnknownWord.
func (e Effect) MarshalText() ([]byte, error) {
	if e >= Relief && e <= Deemed {
		return []byte(effectWords[e]), nil
	}
	return nil, fmt.Errorf("effect %d: %w", e, kpi.ErrUnknownWord)
}

// UnmarshalText implements encoding.TextUnmarshaler, accepting "relief" and
// "deemed". Any other text is an error wrapping kpi.ErrUnknownWord that
// lists the accepted words, and leaves e unchanged.
func (e *Effect) UnmarshalText(b []byte) error {
	for i := Relief; i <= Deemed; i++ {
		if effectWords[i] == string(b) {
			*e = i
			return nil
		}
	}
	return fmt.Errorf("effect %q: %w (want one of relief, deemed)", b, kpi.ErrUnknownWord)
}
