// Package ticketclock judges ITSM tickets (record.Ticket) against their
// priority's target, as a service contract's clock rules say, and
// reconciles the verdicts with the ITSM tool's own.
//
// Start here: NewCalendar(name, servicehours.Calendar), then New(Options,
// calendars...) for a Clock that judges tickets. The runnable Example (go
// doc -all, or the package's page) judges an incident over the Easter
// bank holidays and reconciles it with the ITSM tool's verdict.
//
// # Options
//
// A Clock is built by New from Options, each a required, named choice
// where tools and contracts disagree (docs/records.md): the kinds of
// ticket measured; when the clock starts (logged, or a named timestamp)
// and stops (resolved or closed); whether holds pause it; how a reopened
// ticket is judged (first resolution; the final resolution with the
// reopened gaps paused; the whole span; each cycle alone; the last
// cycle); which priority counts when it changed (initial; final from the
// start; last from the change; strictest held); and each priority's
// Target, in a TargetUnit: business time on a named Calendar, elapsed
// wall time, working days at the same local time or by close of day, or
// calendar days. Options.Validate names every option not set: there are
// no defaults.
//
// A Calendar is a named servicehours schedule, optionally versioned, each
// version in force from a local date; a Judgement names the version in
// force at the clock's start.
//
// # Judging
//
// Clock.Evaluate judges one ticket at an as-of instant: what was known
// then. A ticket meets its target when the clock time elapsed is at most
// the time allowed, compared as exact durations: a ticket resolved at
// exactly 8 hours of an 8-hour target is met. Open time is counted in
// half-open intervals [start, stop): a clock started in closed time
// starts at the next opening, and one stopped exactly at a window's close
// has counted that whole window. A clock that stops at or before it
// starts (a resolution before the start field's instant, or before the
// next opening after a start in closed time) counts no time: the ticket
// is met, judged as one cycle (docs/records.md). A Judgement carries the Verdict (met,
// breached, open-within, open-breached, excluded, not-applicable), the
// elapsed and allowed time, the deadline, the breach instant, the
// calendar and its version, and the Choices applied; Judgement.Explain
// says it in one line, its instants in the zone of the target's calendar.
//
// Clock.Check adds to record.CheckTickets the checks against the options
// (a priority with no target, a missing start timestamp, a reopen past
// the reopen window); Clock.EvaluateAll checks, then judges every ticket.
//
// # Reconciliation
//
// Clock.Reconcile compares the ITSM tool's verdicts (record.Ticket.Tool)
// with ours and names, for each ticket on which they differ, every single
// rule or calendar choice under which they would agree.
//
// # Errors
//
// Problems are *record.Error values wrapping record.ErrInvalidOptions (the
// options) or record.ErrInvalidRecord (the tickets), sorted and joined;
// Evaluate also fails with the servicehours error when a deadline falls
// beyond the calendar's years (servicehours.ErrOutOfRange).
package ticketclock
