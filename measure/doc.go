// Package measure derives KPI measurements (kpi.Measurement) from raw
// records: ITSM tickets, outages, calls, survey responses, user counts.
// Every choice on which tools and contracts disagree is a required, named
// option; every figure is explained record by record.
//
// # Ticket clock
//
// A Clock judges tickets under ClockOptions: when the clock starts
// (logged, or a named timestamp) and stops (resolved or closed); whether
// holds pause it; how reopened tickets are judged (first resolution; the
// final resolution with the reopened gaps paused; the whole span; each
// cycle alone; the last cycle); which priority counts when it changed
// (initial; final from the start; last from the change; strictest held);
// and each priority's Target, counted in business time on a named
// Calendar, elapsed wall time, working days at the same local time or by
// close of day, or calendar days. ClockOptions.Validate names every option
// not set: there are no defaults.
//
// A ticket meets its target when the clock time elapsed is at most the
// target, compared as exact durations, never as rounded percentages. A
// Result carries the outcome (met, breached, open-within, open-breached,
// excluded, not-applicable), the elapsed and allowed time, the deadline,
// the breach instant, the calendar version and the rules applied;
// Result.Explain says it in one line.
//
// # Months
//
// Aggregate turns results into a month's figures per organisation and
// combined, under a named Attribution (resolved in the month; logged in
// the month; logged in the month with open breaches failing; outcome
// known in the month) and a named Combine (pooled counts, or the mean of
// percentages). Each ticket counts once; populations add up ("response
// met + restore met over twice the incidents"); no qualifying records is
// not applicable, never 0% or 100%; the value is rounded once, at the end,
// with kpi.Precision.Quotient.
//
// Availability (per service, pooled and per organisation), Abandonment,
// NPS, Satisfaction, PerUser, Resolved, Count and Backlog derive the other measures
// the same way. Each takes an organisation and a month and selects the
// qualifying records itself, by a named attribution where there is a
// choice, so a caller can hand it a whole file. Count's zero is a value;
// elsewhere no qualifying records is not applicable.
//
// PatchCompliance measures patches installed within N days of release
// (deadline rule, device scope and exemptions named), device by device.
//
// # Plans
//
// A Plan gives each measured KPI of a contract its Recipe: one measure
// and every option, as plain data with kebab-case YAML keys, validated
// with no defaults. Recipe.Measure derives a KPI-month's figures from
// Records, with the KPI's id and precision taken from the contract
// (Subject). A count, resolved, nps, satisfaction or backlog recipe with
// a combined-org adds a figure pooling its organisations' records, whose
// counts are the sums of theirs. Package measure/planfile reads plans
// from YAML.
//
// # Reconciliation
//
// Clock.Reconcile compares the ITSM tool's own verdicts with ours and
// names, for each ticket on which they differ, the single rule or
// calendar choice under which they would agree.
//
// # Records
//
// ReadTickets, ReadOutages, ReadCalls, ReadResponses, ReadContactCounts,
// ReadBacklog and ReadPatches read CSV files (docs/records.md). Timestamps
// are RFC 3339 with an offset; a timestamp without one is an error unless
// the file's zone is named, and then must exist and be unambiguous in it.
// Every problem is reported, each an *Error naming the file, line, column,
// record and field, and a file with any problem yields no records.
//
// # Errors
//
// Problems are *Error values wrapping ErrInvalidRecord (bad input),
// ErrInvalidOptions (a rule's options) or kpi.ErrUnknownWord (an
// enumeration's text, the one sentinel every package's words wrap), sorted and joined with errors.Join; Errors lists them.
package measure
