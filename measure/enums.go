// Enumerations of the options and outcomes, with their text forms.

package measure

import (
	"fmt"
	"strings"

	"github.com/servicecredit/engine/kpi"
)

// words holds the text forms of an enumeration; index 0 is the noun used
// in messages for the invalid zero value.
type words []string

func (w words) name(v uint8) string {
	if int(v) < len(w) && v != 0 {
		return w[v]
	}
	return fmt.Sprintf("%s(%d)", w[0], v)
}

func (w words) valid(v uint8) bool { return v != 0 && int(v) < len(w) }

func (w words) marshal(v uint8) ([]byte, error) {
	if w.valid(v) {
		return []byte(w[v]), nil
	}
	return nil, &Error{Field: w[0], Msg: fmt.Sprintf("%d is not a valid value", v), Err: kpi.ErrUnknownWord}
}

func (w words) parse(b []byte) (uint8, error) {
	s := string(b)
	for i := 1; i < len(w); i++ {
		if w[i] == s {
			return uint8(i), nil
		}
	}
	return 0, &Error{Field: w[0], Text: s, Quoted: true, Msg: "unknown (want " + w.list() + ")", Err: kpi.ErrUnknownWord}
}

// list returns the accepted words, comma separated.
func (w words) list() string { return strings.Join(w[1:], ", ") }

// Start names the instant a ticket's clock starts. The zero Start is invalid: the option is required.
type Start uint8

// The values of Start.
const (
	StartLogged Start = iota + 1 // logged: the ticket's logged instant
	StartField                   // field: the named timestamp ClockOptions.StartField, such as "responded"
)

var startWords = words{"start", "logged", "field"}

// String returns the text form, such as "logged".
func (v Start) String() string { return startWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Start) MarshalText() ([]byte, error) { return startWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than logged, field.
func (v *Start) UnmarshalText(b []byte) error {
	x, err := startWords.parse(b)
	*v = Start(x)
	return err
}

// Stop names the instant a ticket's clock stops. The zero Stop is invalid.
type Stop uint8

// The values of Stop.
const (
	StopResolved Stop = iota + 1 // resolved: the resolution
	StopClosed                   // closed: the closure; a ticket resolved but not closed is still running
)

var stopWords = words{"stop", "resolved", "closed"}

// String returns the text form, such as "resolved".
func (v Stop) String() string { return stopWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Stop) MarshalText() ([]byte, error) { return stopWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than resolved, closed.
func (v *Stop) UnmarshalText(b []byte) error {
	x, err := stopWords.parse(b)
	*v = Stop(x)
	return err
}

// Pauses says whether a ticket's holds pause its clock. The zero Pauses is invalid.
type Pauses uint8

// The values of Pauses.
const (
	PauseHolds Pauses = iota + 1 // holds: holds (awaiting the customer, a third party) pause the clock
	PauseNone                    // none: holds are ignored: the clock runs through them
)

var pausesWords = words{"pauses", "holds", "none"}

// String returns the text form, such as "holds".
func (v Pauses) String() string { return pausesWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Pauses) MarshalText() ([]byte, error) { return pausesWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than holds, none.
func (v *Pauses) UnmarshalText(b []byte) error {
	x, err := pausesWords.parse(b)
	*v = Pauses(x)
	return err
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

var reopenRuleWords = words{"reopen", "first-resolution", "final-resolution-gaps-paused", "whole-span", "each-cycle", "last-cycle"}

// String returns the text form, such as "first-resolution".
func (v ReopenRule) String() string { return reopenRuleWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v ReopenRule) MarshalText() ([]byte, error) { return reopenRuleWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than first-resolution, final-resolution-gaps-paused, whole-span, each-cycle, last-cycle.
func (v *ReopenRule) UnmarshalText(b []byte) error {
	x, err := reopenRuleWords.parse(b)
	*v = ReopenRule(x)
	return err
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

var priorityRuleWords = words{"priority change", "initial", "final-from-start", "last-from-change", "strictest"}

// String returns the text form, such as "initial".
func (v PriorityRule) String() string { return priorityRuleWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v PriorityRule) MarshalText() ([]byte, error) { return priorityRuleWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than initial, final-from-start, last-from-change, strictest.
func (v *PriorityRule) UnmarshalText(b []byte) error {
	x, err := priorityRuleWords.parse(b)
	*v = PriorityRule(x)
	return err
}

// Unit is how a Target's amount is counted. The zero Unit is invalid.
type Unit uint8

// The values of Unit.
const (
	BusinessTime          Unit = iota + 1 // business-time: Within of open time on the target's calendar
	ElapsedTime                           // elapsed-time: Within of wall-clock time, every hour of every day
	WorkingDaysSameTime                   // working-days-same-time: Days working days of the calendar later, at the same local clock time
	WorkingDaysCloseOfDay                 // working-days-close-of-day: by the close of service on the Days-th working day after the start's date
	CalendarDays                          // calendar-days: Days calendar days later at the same local clock time, counted in wall-clock time
	NotMeasured                           // not-measured: the priority has no target: its tickets are not applicable
)

var unitWords = words{"unit", "business-time", "elapsed-time", "working-days-same-time", "working-days-close-of-day", "calendar-days", "not-measured"}

// String returns the text form, such as "business-time".
func (v Unit) String() string { return unitWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Unit) MarshalText() ([]byte, error) { return unitWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than business-time, elapsed-time, working-days-same-time, working-days-close-of-day, calendar-days, not-measured.
func (v *Unit) UnmarshalText(b []byte) error {
	x, err := unitWords.parse(b)
	*v = Unit(x)
	return err
}

// Outcome is the verdict on one ticket. The zero Outcome is invalid.
type Outcome uint8

// The values of Outcome.
const (
	Met           Outcome = iota + 1 // met: resolved with the clock within the target
	Breached                         // breached: resolved with the clock beyond the target
	OpenWithin                       // open-within: open at the as-of instant, the target not yet exceeded
	OpenBreached                     // open-breached: open at the as-of instant, the target already exceeded
	Excluded                         // excluded: excluded for the reason the ticket gives
	NotApplicable                    // not-applicable: outside the measure: a kind not measured, or a priority with no target
)

var outcomeWords = words{"outcome", "met", "breached", "open-within", "open-breached", "excluded", "not-applicable"}

// String returns the text form, such as "met".
func (v Outcome) String() string { return outcomeWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Outcome) MarshalText() ([]byte, error) { return outcomeWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than met, breached, open-within, open-breached, excluded, not-applicable.
func (v *Outcome) UnmarshalText(b []byte) error {
	x, err := outcomeWords.parse(b)
	*v = Outcome(x)
	return err
}

// Verdict is the ITSM tool's own view of a ticket, kept for reconciliation. The zero Verdict means the tool gave none.
type Verdict uint8

// The values of Verdict.
const (
	ToolMet      Verdict = iota + 1 // met: the tool says the target was met
	ToolBreached                    // breached: the tool says it was breached
)

var verdictWords = words{"verdict", "met", "breached"}

// String returns the text form, such as "met".
//
// The zero Verdict gives "none".
func (v Verdict) String() string {
	if v == 0 {
		return "none"
	}
	return verdictWords.name(uint8(v))
}

// MarshalText implements encoding.TextMarshaler; the zero Verdict, no
// verdict, marshals to empty text.
func (v Verdict) MarshalText() ([]byte, error) {
	if v == 0 {
		return nil, nil
	}
	return verdictWords.marshal(uint8(v))
}

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than met, breached.
// Empty text gives the zero Verdict.
func (v *Verdict) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*v = 0
		return nil
	}
	x, err := verdictWords.parse(b)
	*v = Verdict(x)
	return err
}

// Attribution says which month a ticket counts in. Each ticket counts in at most one month. The zero Attribution is invalid.
type Attribution uint8

// The values of Attribution.
const (
	ResolvedInPeriod       Attribution = iota + 1 // resolved-in-period: tickets resolved in the month
	LoggedInPeriod                                // logged-in-period: tickets logged in the month and resolved by the as-of instant; open ones are not counted
	LoggedOpenBreachesFail                        // logged-in-period-open-breaches-fail: tickets logged in the month and resolved by the as-of instant, plus open ones already past their deadline, which fail
	OutcomeKnownInPeriod                          // outcome-known-in-period: met tickets in their resolution month, breached ones (open or resolved) in the month of the breach
)

var attributionWords = words{"attribution", "resolved-in-period", "logged-in-period", "logged-in-period-open-breaches-fail", "outcome-known-in-period"}

// String returns the text form, such as "resolved-in-period".
func (v Attribution) String() string { return attributionWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Attribution) MarshalText() ([]byte, error) { return attributionWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than resolved-in-period, logged-in-period, logged-in-period-open-breaches-fail, outcome-known-in-period.
func (v *Attribution) UnmarshalText(b []byte) error {
	x, err := attributionWords.parse(b)
	*v = Attribution(x)
	return err
}

// Combine says how the organisations' figures make the combined one. The zero Combine is invalid.
type Combine uint8

// The values of Combine.
const (
	Pooled            Combine = iota + 1 // pooled: the counts are pooled: all met over all measured
	MeanOfPercentages                    // mean-of-percentages: the unrounded percentages of the organisations with records are averaged
	NoCombined                           // none: no combined figure
)

var combineWords = words{"combine", "pooled", "mean-of-percentages", "none"}

// String returns the text form, such as "pooled".
func (v Combine) String() string { return combineWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Combine) MarshalText() ([]byte, error) { return combineWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than pooled, mean-of-percentages, none.
func (v *Combine) UnmarshalText(b []byte) error {
	x, err := combineWords.parse(b)
	*v = Combine(x)
	return err
}

// Planned is how planned maintenance counts in availability. The zero Planned is invalid.
type Planned uint8

// The values of Planned.
const (
	PlannedExcluded Planned = iota + 1 // excluded-from-both: removed from both the agreed time and the downtime
	PlannedDown                        // counted-as-down: counted as downtime
	PlannedIgnored                     // ignored-in-base: left in the agreed time and not counted as downtime
)

var plannedWords = words{"planned maintenance", "excluded-from-both", "counted-as-down", "ignored-in-base"}

// String returns the text form, such as "excluded-from-both".
func (v Planned) String() string { return plannedWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Planned) MarshalText() ([]byte, error) { return plannedWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than excluded-from-both, counted-as-down, ignored-in-base.
func (v *Planned) UnmarshalText(b []byte) error {
	x, err := plannedWords.parse(b)
	*v = Planned(x)
	return err
}

// Minutes is how the minutes of a month are counted in availability. The zero Minutes is invalid.
type Minutes uint8

// The values of Minutes.
const (
	RealMinutes   Minutes = iota + 1 // real-minutes: the real elapsed open time of the service's calendar: a 24x7 London March has 44,580 minutes
	DaysTimes1440                    // days-times-1440: every day has 1,440 minutes, whatever the clocks and the calendar do
)

var minutesWords = words{"minutes", "real-minutes", "days-times-1440"}

// String returns the text form, such as "real-minutes".
func (v Minutes) String() string { return minutesWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Minutes) MarshalText() ([]byte, error) { return minutesWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than real-minutes, days-times-1440.
func (v *Minutes) UnmarshalText(b []byte) error {
	x, err := minutesWords.parse(b)
	*v = Minutes(x)
	return err
}

// Weighting is how an outage's minutes are weighted in availability. The zero Weighting is invalid.
type Weighting uint8

// The values of Weighting.
const (
	Unweighted     Weighting = iota + 1 // none: every outage minute counts in full
	ImpactWeighted                      // impact-weight: each outage minute counts its impact weight, 0 to 1; overlapping outages count the heaviest
	UserMinutes                         // user-minutes: each outage minute counts its users affected, over the service's users
)

var weightingWords = words{"weighting", "none", "impact-weight", "user-minutes"}

// String returns the text form, such as "none".
func (v Weighting) String() string { return weightingWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Weighting) MarshalText() ([]byte, error) { return weightingWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than none, impact-weight, user-minutes.
func (v *Weighting) UnmarshalText(b []byte) error {
	x, err := weightingWords.parse(b)
	*v = Weighting(x)
	return err
}

// ShortAbandon is how calls abandoned within the short-abandon threshold count. The zero ShortAbandon is invalid.
type ShortAbandon uint8

// The values of ShortAbandon.
const (
	ShortCounted       ShortAbandon = iota + 1 // counted: short abandons count as abandoned calls like any other
	ShortExcluded                              // excluded-from-both: short abandons are removed from the calls offered and from the abandoned
	ShortNumeratorOnly                         // numerator-only: short abandons are not abandoned calls but stay in the calls offered
)

var shortAbandonWords = words{"short abandon", "counted", "excluded-from-both", "numerator-only"}

// String returns the text form, such as "counted".
func (v ShortAbandon) String() string { return shortAbandonWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v ShortAbandon) MarshalText() ([]byte, error) { return shortAbandonWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than counted, excluded-from-both, numerator-only.
func (v *ShortAbandon) UnmarshalText(b []byte) error {
	x, err := shortAbandonWords.parse(b)
	*v = ShortAbandon(x)
	return err
}

// CallOutcome is what became of a queued call. The zero CallOutcome is invalid.
type CallOutcome uint8

// The values of CallOutcome.
const (
	Answered  CallOutcome = iota + 1 // answered: answered by an agent
	Abandoned                        // abandoned: the caller hung up in the queue
	Callback                         // callback: the caller took a callback: not abandoned
	IVROnly                          // ivr-only: handled in the IVR, never queued: never counted
)

var callOutcomeWords = words{"call outcome", "answered", "abandoned", "callback", "ivr-only"}

// String returns the text form, such as "answered".
func (v CallOutcome) String() string { return callOutcomeWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v CallOutcome) MarshalText() ([]byte, error) { return callOutcomeWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than answered, abandoned, callback, ivr-only.
func (v *CallOutcome) UnmarshalText(b []byte) error {
	x, err := callOutcomeWords.parse(b)
	*v = CallOutcome(x)
	return err
}

// SurveyAttribution says which month a survey response counts in. The zero SurveyAttribution is invalid.
type SurveyAttribution uint8

// The values of SurveyAttribution.
const (
	ResponseInPeriod       SurveyAttribution = iota + 1 // responded-in-period: responses given in the month
	TicketResolvedInPeriod                              // ticket-resolved-in-period: responses about tickets resolved in the month, whenever given
)

var surveyAttributionWords = words{"attribution", "responded-in-period", "ticket-resolved-in-period"}

// String returns the text form, such as "responded-in-period".
func (v SurveyAttribution) String() string { return surveyAttributionWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v SurveyAttribution) MarshalText() ([]byte, error) {
	return surveyAttributionWords.marshal(uint8(v))
}

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than responded-in-period, ticket-resolved-in-period.
func (v *SurveyAttribution) UnmarshalText(b []byte) error {
	x, err := surveyAttributionWords.parse(b)
	*v = SurveyAttribution(x)
	return err
}

// PriorityBasis says which of a ticket's priorities a count looks at. The zero PriorityBasis is invalid.
type PriorityBasis uint8

// The values of PriorityBasis.
const (
	PriorityInitial PriorityBasis = iota + 1 // initial: the priority the ticket was logged with
	PriorityFinal                            // final: the last priority it was given
	PriorityEver                             // ever: any priority it held; a ticket counts once however many of the priorities counted it held
)

var priorityBasisWords = words{"priority basis", "initial", "final", "ever"}

// String returns the text form, such as "initial".
func (v PriorityBasis) String() string { return priorityBasisWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v PriorityBasis) MarshalText() ([]byte, error) { return priorityBasisWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than initial, final, ever.
func (v *PriorityBasis) UnmarshalText(b []byte) error {
	x, err := priorityBasisWords.parse(b)
	*v = PriorityBasis(x)
	return err
}

var resolutionWords = words{"resolution", "first-line-fix", "first-contact-resolution"}

// String returns the text form, such as "first-line-fix".
func (v Resolution) String() string { return resolutionWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Resolution) MarshalText() ([]byte, error) { return resolutionWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than first-line-fix, first-contact-resolution.
func (v *Resolution) UnmarshalText(b []byte) error {
	x, err := resolutionWords.parse(b)
	*v = Resolution(x)
	return err
}

// Unnamed is how an outage that names no organisation counts in the
// per-organisation availability figures. The zero Unnamed is invalid.
type Unnamed uint8

// The values of Unnamed.
const (
	UnnamedAffectAll Unnamed = iota + 1 // all-organisations: an outage naming no organisation affects every organisation
	UnnamedInvalid                      // invalid: every outage must name the organisations it affects
)

var unnamedWords = words{"unnamed", "all-organisations", "invalid"}

// String returns the text form, such as "all-organisations".
func (v Unnamed) String() string { return unnamedWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Unnamed) MarshalText() ([]byte, error) { return unnamedWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than all-organisations, invalid.
func (v *Unnamed) UnmarshalText(b []byte) error {
	x, err := unnamedWords.parse(b)
	*v = Unnamed(x)
	return err
}

// Age is how a ticket's age is counted against a number of days. The zero Age is invalid.
type Age uint8

// The values of Age.
const (
	ElapsedHours Age = iota + 1 // elapsed-hours: older than N days when more than N x 24 hours of wall-clock time have passed
	LocalDays                   // calendar-days: older than N days when the snapshot's local date is more than N days after the logged local date
)

var ageWords = words{"age", "elapsed-hours", "calendar-days"}

// String returns the text form, such as "elapsed-hours".
func (v Age) String() string { return ageWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Age) MarshalText() ([]byte, error) { return ageWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than elapsed-hours, calendar-days.
func (v *Age) UnmarshalText(b []byte) error {
	x, err := ageWords.parse(b)
	*v = Age(x)
	return err
}

// Snapshot names which backlog snapshot stands for a month. The zero Snapshot is invalid.
type Snapshot uint8

// The values of Snapshot.
const (
	LastInMonth     Snapshot = iota + 1 // last-in-month: the latest snapshot taken in the local month
	FirstAfterMonth                     // first-after-month: the earliest snapshot taken in the following local month, such as one at 00:00 on the 1st
)

var snapshotWords = words{"snapshot", "last-in-month", "first-after-month"}

// String returns the text form, such as "last-in-month".
func (v Snapshot) String() string { return snapshotWords.name(uint8(v)) }

// MarshalText implements encoding.TextMarshaler.
func (v Snapshot) MarshalText() ([]byte, error) { return snapshotWords.marshal(uint8(v)) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than last-in-month, first-after-month.
func (v *Snapshot) UnmarshalText(b []byte) error {
	x, err := snapshotWords.parse(b)
	*v = Snapshot(x)
	return err
}
