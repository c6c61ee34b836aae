package ticketclock

import (
	"fmt"
	"strings"
	"time"

	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/measure/internal/problem"
	"github.com/servicecredit/engine/measure/record"
)

// Judgement is the verdict on one ticket with everything that explains it:
// the priority and target judged, the calendar and its version, the clock
// time counted, the deadline and the instant of any breach, and the rules
// applied.
//
// For the each-cycle rule Elapsed, Allowed and Deadline are those of the
// first cycle that failed, or of the last cycle judged. For an open ticket
// Elapsed runs to AsOf.
type Judgement struct {
	Ticket string        // the ticket's id
	Org    string        // the organisation served
	Kind   string        // the ticket's kind
	Source record.Source // where the ticket was read

	Verdict Verdict // the verdict: met, breached, open within or beyond the target, excluded or not applicable
	Reason  string  // for excluded and not-applicable tickets, why

	Priority string   // the priority judged
	Target   Target   // its target
	Calendar string   // the calendar the clock ran on; empty for wall-clock units
	Version  kpi.Date // the calendar version in force at Start; zero if not versioned
	// Zone is the zone Explain writes instants in: the target's
	// calendar's (for calendar-days too, whose days are that calendar's
	// local dates); nil, meaning UTC, for an elapsed-time target named
	// without a calendar.
	Zone *time.Location

	Logged   time.Time     // when the ticket was logged
	Start    time.Time     // the clock's start (of the cycle reported)
	Stop     time.Time     // the clock's stop (of the cycle reported); zero when open at AsOf
	Resolved time.Time     // the ticket's final stop known at AsOf; zero when open at AsOf
	AsOf     time.Time     // the instant the ticket was judged at
	Elapsed  time.Duration // the clock time counted, pauses removed
	Allowed  time.Duration // the target as clock time from Start: met when Elapsed <= Allowed
	Deadline time.Time     // the instant the clock reaches Allowed
	Breach   time.Time     // when the target was breached; zero unless breached or open-breached

	Cycles       int // the cycles judged (1 unless the rule is each-cycle)
	CyclesFailed int // of which failed

	Choices Choices            // the rules applied
	Tool    record.ToolVerdict // the ITSM tool's own verdict, if it gave one
}

// Disagrees reports whether the ITSM tool gave a verdict that differs from
// the result's: the tool said met and the ticket breached, or the reverse.
func (r Judgement) Disagrees() bool {
	switch r.Tool {
	case record.ToolMet:
		return r.Verdict == Breached || r.Verdict == OpenBreached
	case record.ToolBreached:
		return r.Verdict == Met || r.Verdict == OpenWithin
	}
	return false
}

// Explain describes the result in one line, such as
//
//	INC1 P2 met: elapsed 7h30m of 8h (8h business-time on LBH), 2023-03-03T16:30:00Z to 2023-03-06T14:00:00Z, deadline 2023-03-06T14:30:00Z; start logged, ...
//
// Its instants are written in RFC 3339 in Zone, the target calendar's
// zone, whatever offsets the records were written with: a ticket logged at
// 15:00:00Z on 6 April 2023 on a London calendar is written
// 2023-04-06T16:00:00+01:00.
func (r Judgement) Explain() string {
	zone := r.Zone
	if zone == nil {
		zone = time.UTC
	}
	stamp := func(t time.Time) string { return problem.Stamp(t.In(zone)) }
	var b strings.Builder
	b.WriteString(r.Ticket)
	if r.Priority != "" {
		b.WriteString(" " + r.Priority)
	}
	b.WriteString(" " + r.Verdict.String())
	if r.Verdict == Excluded || r.Verdict == NotApplicable {
		b.WriteString(": " + r.Reason)
		return b.String()
	}
	fmt.Fprintf(&b, ": elapsed %s of %s (%s)", record.Duration(r.Elapsed), record.Duration(r.Allowed), r.Target)
	if !r.Version.IsZero() {
		fmt.Fprintf(&b, " version %s", r.Version)
	}
	stop := "open at " + stamp(r.AsOf)
	if !r.Stop.IsZero() {
		stop = stamp(r.Stop)
	}
	fmt.Fprintf(&b, ", %s to %s, deadline %s", stamp(r.Start), stop, stamp(r.Deadline))
	if !r.Breach.IsZero() {
		fmt.Fprintf(&b, ", breached %s", stamp(r.Breach))
	}
	if r.Cycles > 1 {
		fmt.Fprintf(&b, ", %d of %d cycles failed", r.CyclesFailed, r.Cycles)
	}
	if r.Tool != 0 {
		fmt.Fprintf(&b, ", tool says %s", r.Tool)
		if r.Disagrees() {
			b.WriteString(" (disagrees)")
		}
	}
	b.WriteString("; " + r.Choices.String())
	return b.String()
}
