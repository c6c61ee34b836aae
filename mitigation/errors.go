package mitigation

import (
	"errors"

	"github.com/servicecredit/engine/kpi"
)

// ErrInvalidRecord is wrapped by every problem NewRegister finds.
var ErrInvalidRecord = errors.New("invalid mitigation record")

// Error is one problem with a mitigation record: which record, the field
// at fault and what is wrong. It unwraps to ErrInvalidRecord.
type Error struct {
	Record string    // the record's Ref, or "record N" (its 1-based position) when it has none
	Index  int       // the record's position in the records given to NewRegister, 0-based
	KPI    string    // the record's KPI id; may be empty
	Org    string    // the record's organisation; empty when it covers every one
	Month  kpi.Month // the first month at fault (outside the contract, or shared with another record); zero otherwise
	// Path is the field at fault within the record, a structural path of
	// Go field names ("Deemed", "From"), as encoding/json's
	// UnmarshalTypeError.Field names one; empty for the record as a whole.
	Path string
	Msg  string // what is wrong, lower case
}

// Error returns the problem, the sentinel's text ending it: "mitigation
// MIT-3: kpi KPI09: overlaps MIT-1 in 2021-06: invalid mitigation record";
// the kpi part is left out when the record names none.
func (e *Error) Error() string { return e.Problem() + ": " + ErrInvalidRecord.Error() }

// Problem returns the problem without the sentinel's text that ends
// Error, as a loader that places it in its file says it: "mitigation
// MIT-3: kpi KPI09: overlaps MIT-1 in 2021-06".
func (e *Error) Problem() string {
	if e.KPI == "" {
		return "mitigation " + e.Record + ": " + e.Msg
	}
	return "mitigation " + e.Record + ": kpi " + e.KPI + ": " + e.Msg
}

// Unwrap returns ErrInvalidRecord.
func (e *Error) Unwrap() error { return ErrInvalidRecord }
