// Package record holds the raw records that KPI values are measured from,
// as plain data: an ITSM tool's tickets, outages of services, calls to the
// service desk queue, survey responses, contact counts, backlog snapshots
// and device patches; each kind's checks on its own; and the one error
// type every measurement package reports.
//
// Start here: build Tickets, Outages, Calls, Responses and the rest as
// plain values, or read them with package recordfile; CheckTickets and
// its siblings check a kind's records. The runnable Example (go doc -all,
// or the package's page) checks a ticket built in code.
//
// The measurement packages build on it, one way:
//
//   - record: the records (this package);
//   - recordfile: the CSV files of records (docs/records.md);
//   - ticketclock: the ticket clock, its calendars and its reconciliation
//     with the ITSM tool's own verdicts;
//   - measure: a month's figures from records;
//   - plan: each measured KPI's recipe, and measuring by it;
//   - planfile: plans read from YAML.
//
// # Records
//
// Every record carries its Source, the file and line it was read from, so
// that a problem found later names its line. Times are instants
// (time.Time); the zero time means "not happened": a Ticket with a zero
// Resolved is open. A ticket's cycles run from its logged instant to its
// first resolution and from each reopening to the next resolution;
// Ticket.Resolved is the final resolution and Ticket.Reopens the earlier
// ones. Each kind's zero value is invalid: it has no id.
//
// CheckTickets, CheckOutages, CheckCalls, CheckResponses,
// CheckContactCounts, CheckBacklog and CheckPatches report what is wrong
// with records on their own (an empty id, a resolution before the ticket
// was logged, holds that overlap, a weight outside 0..1, an id given
// twice); checks against a rule's options are the measuring packages'.
//
// A Duration is written as hours, minutes and seconds, largest first
// ("8h", "7h30m", "90s"): ParseDuration reads nothing else. A Scale is a
// survey's range of whole scores: NPSScale (0..10) or SatisfactionScale.
// Kind names a kind of record, and Set holds records of every kind.
//
// # Errors
//
// Problems are *Error values wrapping ErrInvalidRecord (bad input) or
// ErrInvalidOptions (a rule's options), each naming the file, line and
// column where there is one, the record and the field, sorted by place
// and joined with errors.Join; Errors lists them. An enumeration's
// UnmarshalText rejects an unknown word with a *kpi.WordError wrapping
// kpi.ErrUnknownWord, as every package's enumerations do, and the file
// readers place it in their file: the placed *Error wraps both its
// sentinel and the *kpi.WordError (Error.Cause).
package record
