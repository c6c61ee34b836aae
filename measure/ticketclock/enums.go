package ticketclock

import "github.com/servicecredit/engine/internal/words"

// Start names the instant a ticket's clock starts. The zero Start is invalid: the option is required.
type Start uint8

// The values of Start.
const (
	StartLogged Start = iota + 1 // logged: the ticket's logged instant
	StartField                   // field: the named timestamp Options.StartField, such as "responded"
)

var startWords = words.New[Start]("start", 1, "logged", "field")

// String returns the text form, such as "logged".
func (v Start) String() string { return startWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Start) MarshalText() ([]byte, error) { return startWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than logged, field.
func (v *Start) UnmarshalText(b []byte) error {
	return startWords.Unmarshal(v, b)
}

// Stop names the instant a ticket's clock stops. The zero Stop is invalid.
type Stop uint8

// The values of Stop.
const (
	StopResolved Stop = iota + 1 // resolved: the resolution
	StopClosed                   // closed: the closure; a ticket resolved but not closed is still running
)

var stopWords = words.New[Stop]("stop", 1, "resolved", "closed")

// String returns the text form, such as "resolved".
func (v Stop) String() string { return stopWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Stop) MarshalText() ([]byte, error) { return stopWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than resolved, closed.
func (v *Stop) UnmarshalText(b []byte) error {
	return stopWords.Unmarshal(v, b)
}

// Pauses says whether a ticket's holds pause its clock. The zero Pauses is invalid.
type Pauses uint8

// The values of Pauses.
const (
	PauseHolds Pauses = iota + 1 // holds: holds (awaiting the customer, a third party) pause the clock
	PauseNone                    // none: holds are ignored: the clock runs through them
)

var pausesWords = words.New[Pauses]("pauses", 1, "holds", "none")

// String returns the text form, such as "holds".
func (v Pauses) String() string { return pausesWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Pauses) MarshalText() ([]byte, error) { return pausesWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than holds, none.
func (v *Pauses) UnmarshalText(b []byte) error {
	return pausesWords.Unmarshal(v, b)
}

// ReopenRule is the rule for a ticket resolved and later reopened. The zero ReopenRule is invalid.
type ReopenRule uint8

// The values of ReopenRule.
const (
	FirstResolution ReopenRule = iota + 1 // first-resolution: the clock stops at the first resolution; reopens are ignored
	FinalGapsPaused                       // final-resolution-gaps-paused: the clock runs to the final resolution with the resolved-to-reopened gaps paused
	WholeSpan                             // whole-span: the clock runs to the final resolution, the gaps counted
	EachCycle                             // each-cycle: each cycle (start to first resolution, each reopen to the next resolution) is judged alone against the whole target; the ticket fails if any cycle fails
	LastCycle                             // last-cycle: only the last cycle, from the last reopen to the final resolution, is judged
)

var reopenRuleWords = words.New[ReopenRule]("reopen", 1, "first-resolution", "final-resolution-gaps-paused", "whole-span", "each-cycle", "last-cycle")

// String returns the text form, such as "first-resolution".
func (v ReopenRule) String() string { return reopenRuleWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v ReopenRule) MarshalText() ([]byte, error) { return reopenRuleWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than first-resolution, final-resolution-gaps-paused, whole-span, each-cycle, last-cycle.
func (v *ReopenRule) UnmarshalText(b []byte) error {
	return reopenRuleWords.Unmarshal(v, b)
}

// PriorityRule is the rule for a ticket whose priority changed. The zero PriorityRule is invalid.
type PriorityRule uint8

// The values of PriorityRule.
const (
	InitialPriority PriorityRule = iota + 1 // initial: the initial priority's target, the clock from the start
	FinalFromStart                          // final-from-start: the final priority's target, the clock from the start; if that target was already exceeded when the priority changed, the breach is at the change
	LastFromChange                          // last-from-change: the last priority's target, the clock from the last change
	Strictest                               // strictest: the target of the priority held whose deadline, counted from the start, is earliest; the breach is no earlier than that priority was given
)

var priorityRuleWords = words.New[PriorityRule]("priority change", 1, "initial", "final-from-start", "last-from-change", "strictest")

// String returns the text form, such as "initial".
func (v PriorityRule) String() string { return priorityRuleWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v PriorityRule) MarshalText() ([]byte, error) { return priorityRuleWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than initial, final-from-start, last-from-change, strictest.
func (v *PriorityRule) UnmarshalText(b []byte) error {
	return priorityRuleWords.Unmarshal(v, b)
}

// TargetUnit is how a Target's amount is counted. The zero TargetUnit is invalid.
type TargetUnit uint8

// The values of TargetUnit.
const (
	BusinessTime          TargetUnit = iota + 1 // business-time: Within of open time on the target's calendar, from the next opening when started in closed time
	ElapsedTime                                 // elapsed-time: Within of wall-clock time, every hour of every day
	WorkingDaysSameTime                         // working-days-same-time: Days working days of the calendar after the clock's start (the next opening when started in closed time), at that start's local clock time
	WorkingDaysCloseOfDay                       // working-days-close-of-day: by the close of service on the Days-th working day after the date of the clock's start (the next opening when started in closed time)
	CalendarDays                                // calendar-days: Days calendar days later at the same local clock time, counted in wall-clock time
	NotMeasured                                 // not-measured: the priority has no target: its tickets are not applicable
)

var targetUnitWords = words.New[TargetUnit]("unit", 1, "business-time", "elapsed-time", "working-days-same-time", "working-days-close-of-day", "calendar-days", "not-measured")

// String returns the text form, such as "business-time".
func (v TargetUnit) String() string { return targetUnitWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v TargetUnit) MarshalText() ([]byte, error) { return targetUnitWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than business-time, elapsed-time, working-days-same-time, working-days-close-of-day, calendar-days, not-measured.
func (v *TargetUnit) UnmarshalText(b []byte) error {
	return targetUnitWords.Unmarshal(v, b)
}

// Verdict is the verdict on one ticket. The zero Verdict is invalid.
type Verdict uint8

// The values of Verdict.
const (
	Met           Verdict = iota + 1 // met: resolved with the clock within the target
	Breached                         // breached: resolved with the clock beyond the target
	OpenWithin                       // open-within: open at the as-of instant, the target not yet exceeded
	OpenBreached                     // open-breached: open at the as-of instant, the target already exceeded
	Excluded                         // excluded: excluded for the reason the ticket gives
	NotApplicable                    // not-applicable: outside the measure: a kind not measured, or a priority with no target
)

var verdictWords = words.New[Verdict]("outcome", 1, "met", "breached", "open-within", "open-breached", "excluded", "not-applicable")

// String returns the text form, such as "met".
func (v Verdict) String() string { return verdictWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Verdict) MarshalText() ([]byte, error) { return verdictWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than met, breached, open-within, open-breached, excluded, not-applicable.
func (v *Verdict) UnmarshalText(b []byte) error {
	return verdictWords.Unmarshal(v, b)
}
