package mitigation

import "errors"

// ErrInvalidRecord is wrapped by every problem NewRegister finds.
var ErrInvalidRecord = errors.New("invalid mitigation record")

// Error is one problem with a mitigation record: which record and what is
// wrong. It unwraps to ErrInvalidRecord.
type Error struct {
	Record string // the record's Ref, or "record N" (its 1-based position) when it has none
	KPI    string // the record's KPI id; may be empty
	Msg    string // what is wrong, lower case
}

// Error returns the problem as "mitigation MIT-3: kpi KPI09: overlaps
// MIT-1 in 2021-06"; the kpi part is left out when the record names none.
func (e *Error) Error() string {
	if e.KPI == "" {
		return "mitigation " + e.Record + ": " + e.Msg
	}
	return "mitigation " + e.Record + ": kpi " + e.KPI + ": " + e.Msg
}

// Unwrap returns ErrInvalidRecord.
func (e *Error) Unwrap() error { return ErrInvalidRecord }
