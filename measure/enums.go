// Enumerations of the options, with their text forms.

package measure

import "github.com/servicecredit/engine/internal/words"

// Attribution says which month a ticket counts in. Each ticket counts in at most one month. The zero Attribution is invalid.
type Attribution uint8

// The values of Attribution.
const (
	ResolvedInPeriod       Attribution = iota + 1 // resolved-in-period: tickets resolved in the month
	LoggedInPeriod                                // logged-in-period: tickets logged in the month and resolved by the as-of instant; open ones are not counted
	LoggedOpenBreachesFail                        // logged-in-period-open-breaches-fail: tickets logged in the month and resolved by the as-of instant, plus open ones already past their deadline, which fail
	OutcomeKnownInPeriod                          // outcome-known-in-period: met tickets in their resolution month, breached ones (open or resolved) in the month of the breach
)

var attributionWords = words.New[Attribution]("attribution", 1, "resolved-in-period", "logged-in-period", "logged-in-period-open-breaches-fail", "outcome-known-in-period")

// String returns the text form, such as "resolved-in-period".
func (v Attribution) String() string { return attributionWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Attribution) MarshalText() ([]byte, error) { return attributionWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than resolved-in-period, logged-in-period, logged-in-period-open-breaches-fail, outcome-known-in-period.
func (v *Attribution) UnmarshalText(b []byte) error {
	return attributionWords.Unmarshal(v, b)
}

// Pooling says how the parts' figures make the combined one: the
// organisations' for ticket timeliness, the services' for availability.
// The zero Pooling is invalid.
type Pooling uint8

// The values of Pooling.
const (
	Pooled            Pooling = iota + 1 // pooled: the counts are pooled: all met over all measured, all available minutes over all agreed
	MeanOfPercentages                    // mean-of-percentages: the unrounded percentages of the parts with records (organisations with tickets, services with agreed time) are averaged, each part weighing the same
	NoCombined                           // none: no combined figure
)

var combineWords = words.New[Pooling]("combine", 1, "pooled", "mean-of-percentages", "none")

// String returns the text form, such as "pooled".
func (v Pooling) String() string { return combineWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Pooling) MarshalText() ([]byte, error) { return combineWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than pooled, mean-of-percentages, none.
func (v *Pooling) UnmarshalText(b []byte) error {
	return combineWords.Unmarshal(v, b)
}

// Planned is how planned maintenance counts in availability. The zero Planned is invalid.
type Planned uint8

// The values of Planned.
const (
	PlannedExcluded Planned = iota + 1 // excluded-from-both: removed from both the agreed time and the downtime
	PlannedDown                        // counted-as-down: counted as downtime
	PlannedIgnored                     // ignored-in-base: left in the agreed time and not counted as downtime
)

var plannedWords = words.New[Planned]("planned maintenance", 1, "excluded-from-both", "counted-as-down", "ignored-in-base")

// String returns the text form, such as "excluded-from-both".
func (v Planned) String() string { return plannedWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Planned) MarshalText() ([]byte, error) { return plannedWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than excluded-from-both, counted-as-down, ignored-in-base.
func (v *Planned) UnmarshalText(b []byte) error {
	return plannedWords.Unmarshal(v, b)
}

// Minutes is how the minutes of a month are counted in availability. The zero Minutes is invalid.
type Minutes uint8

// The values of Minutes.
const (
	RealMinutes   Minutes = iota + 1 // real-minutes: the real elapsed open time of the service's calendar, agreed and down: a 24x7 London March has 44,580 minutes
	DaysTimes1440                    // days-times-1440: every day has 1,440 minutes, whatever the clocks and the calendar do, and an outage's minutes are read on the local wall clock: 00:30 to 03:30 is 180 minutes on the days the clocks change too, the repeated hour counted once
)

var minutesWords = words.New[Minutes]("minutes", 1, "real-minutes", "days-times-1440")

// String returns the text form, such as "real-minutes".
func (v Minutes) String() string { return minutesWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Minutes) MarshalText() ([]byte, error) { return minutesWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than real-minutes, days-times-1440.
func (v *Minutes) UnmarshalText(b []byte) error {
	return minutesWords.Unmarshal(v, b)
}

// Weighting is how an outage's minutes are weighted in availability. The zero Weighting is invalid.
type Weighting uint8

// The values of Weighting.
const (
	Unweighted     Weighting = iota + 1 // none: every outage minute counts in full
	ImpactWeighted                      // impact-weight: each outage minute counts its impact weight, 0 to 1; overlapping outages count the heaviest
	UserMinutes                         // user-minutes: each outage minute counts its users affected, over the service's users
)

var weightingWords = words.New[Weighting]("weighting", 1, "none", "impact-weight", "user-minutes")

// String returns the text form, such as "none".
func (v Weighting) String() string { return weightingWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Weighting) MarshalText() ([]byte, error) { return weightingWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than none, impact-weight, user-minutes.
func (v *Weighting) UnmarshalText(b []byte) error {
	return weightingWords.Unmarshal(v, b)
}

// ShortAbandon is how calls abandoned within the short-abandon threshold count. The zero ShortAbandon is invalid.
type ShortAbandon uint8

// The values of ShortAbandon.
const (
	ShortCounted       ShortAbandon = iota + 1 // counted: short abandons count as abandoned calls like any other
	ShortExcluded                              // excluded-from-both: short abandons are removed from the calls offered and from the abandoned
	ShortNumeratorOnly                         // numerator-only: short abandons are not abandoned calls but stay in the calls offered
)

var shortAbandonWords = words.New[ShortAbandon]("short abandon", 1, "counted", "excluded-from-both", "numerator-only")

// String returns the text form, such as "counted".
func (v ShortAbandon) String() string { return shortAbandonWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v ShortAbandon) MarshalText() ([]byte, error) { return shortAbandonWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than counted, excluded-from-both, numerator-only.
func (v *ShortAbandon) UnmarshalText(b []byte) error {
	return shortAbandonWords.Unmarshal(v, b)
}

// SurveyAttribution says which month a survey response counts in. The zero SurveyAttribution is invalid.
type SurveyAttribution uint8

// The values of SurveyAttribution.
const (
	ResponseInPeriod       SurveyAttribution = iota + 1 // responded-in-period: responses given in the month
	TicketResolvedInPeriod                              // ticket-resolved-in-period: responses about tickets resolved in the month, whenever given
)

var surveyAttributionWords = words.New[SurveyAttribution]("attribution", 1, "responded-in-period", "ticket-resolved-in-period")

// String returns the text form, such as "responded-in-period".
func (v SurveyAttribution) String() string { return surveyAttributionWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v SurveyAttribution) MarshalText() ([]byte, error) {
	return surveyAttributionWords.Marshal(v)
}

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than responded-in-period, ticket-resolved-in-period.
func (v *SurveyAttribution) UnmarshalText(b []byte) error {
	return surveyAttributionWords.Unmarshal(v, b)
}

// PriorityBasis says which of a ticket's priorities a count looks at. The zero PriorityBasis is invalid.
type PriorityBasis uint8

// The values of PriorityBasis.
const (
	PriorityInitial PriorityBasis = iota + 1 // initial: the priority the ticket was logged with
	PriorityFinal                            // final: the last priority it was given
	PriorityEver                             // ever: any priority it held; a ticket counts once however many of the priorities counted it held
)

var priorityBasisWords = words.New[PriorityBasis]("priority basis", 1, "initial", "final", "ever")

// String returns the text form, such as "initial".
func (v PriorityBasis) String() string { return priorityBasisWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v PriorityBasis) MarshalText() ([]byte, error) { return priorityBasisWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than initial, final, ever.
func (v *PriorityBasis) UnmarshalText(b []byte) error {
	return priorityBasisWords.Unmarshal(v, b)
}

var resolutionWords = words.New[Resolution]("resolution", 1, "first-line-fix", "first-contact-resolution")

// String returns the text form, such as "first-line-fix".
func (v Resolution) String() string { return resolutionWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Resolution) MarshalText() ([]byte, error) { return resolutionWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than first-line-fix, first-contact-resolution.
func (v *Resolution) UnmarshalText(b []byte) error {
	return resolutionWords.Unmarshal(v, b)
}

// Unnamed is how an outage that names no organisation counts in the
// per-organisation availability figures. The zero Unnamed is invalid.
type Unnamed uint8

// The values of Unnamed.
const (
	UnnamedAffectAll Unnamed = iota + 1 // all-organisations: an outage naming no organisation affects every organisation
	UnnamedInvalid                      // invalid: every outage must name the organisations it affects
)

var unnamedWords = words.New[Unnamed]("unnamed", 1, "all-organisations", "invalid")

// String returns the text form, such as "all-organisations".
func (v Unnamed) String() string { return unnamedWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Unnamed) MarshalText() ([]byte, error) { return unnamedWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than all-organisations, invalid.
func (v *Unnamed) UnmarshalText(b []byte) error {
	return unnamedWords.Unmarshal(v, b)
}

// Age is how a ticket's age is counted against a number of days. The zero Age is invalid.
type Age uint8

// The values of Age.
const (
	ElapsedHours Age = iota + 1 // elapsed-hours: older than N days when more than N x 24 hours of wall-clock time have passed
	LocalDays                   // calendar-days: older than N days when the snapshot's local date is more than N days after the logged local date
)

var ageWords = words.New[Age]("age", 1, "elapsed-hours", "calendar-days")

// String returns the text form, such as "elapsed-hours".
func (v Age) String() string { return ageWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Age) MarshalText() ([]byte, error) { return ageWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than elapsed-hours, calendar-days.
func (v *Age) UnmarshalText(b []byte) error {
	return ageWords.Unmarshal(v, b)
}

// Snapshot names which backlog snapshot stands for a month. The zero Snapshot is invalid.
type Snapshot uint8

// The values of Snapshot.
const (
	LastInMonth     Snapshot = iota + 1 // last-in-month: the latest snapshot taken in the local month
	FirstAfterMonth                     // first-after-month: the earliest snapshot taken in the following local month, such as one at 00:00 on the 1st
)

var snapshotWords = words.New[Snapshot]("snapshot", 1, "last-in-month", "first-after-month")

// String returns the text form, such as "last-in-month".
func (v Snapshot) String() string { return snapshotWords.String(v) }

// MarshalText implements encoding.TextMarshaler.
func (v Snapshot) MarshalText() ([]byte, error) { return snapshotWords.Marshal(v) }

// UnmarshalText implements encoding.TextUnmarshaler; it rejects words
// other than last-in-month, first-after-month.
func (v *Snapshot) UnmarshalText(b []byte) error {
	return snapshotWords.Unmarshal(v, b)
}
