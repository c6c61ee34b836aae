package mitigation

import "github.com/servicecredit/engine/internal/words"

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

var effectWords = words.New("effect", Relief, "relief", "deemed")

// String returns "relief" or "deemed", or "effect(N)" for an invalid
// Effect.
func (e Effect) String() string { return effectWords.String(e) }

// MarshalText implements encoding.TextMarshaler with "relief" or "deemed".
// An invalid Effect is a *kpi.WordError wrapping kpi.ErrUnknownWord.
func (e Effect) MarshalText() ([]byte, error) { return effectWords.Marshal(e) }

// UnmarshalText implements encoding.TextUnmarshaler, accepting "relief" and
// "deemed". Any other text is a *kpi.WordError wrapping kpi.ErrUnknownWord
// that lists the accepted words, and leaves e unchanged.
func (e *Effect) UnmarshalText(b []byte) error { return effectWords.Unmarshal(e, b) }
