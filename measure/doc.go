// Package measure derives a month's KPI values (kpi.Measurement) from raw
// records (package record): the share of tickets meeting their targets,
// availability from outages, abandoned calls, survey scores, contacts per
// user, first-line fixes, counts of tickets, the backlog older than N
// days and patch compliance. Every choice on which tools and contracts
// disagree is a required, named option of a rule; every figure is
// explained record by record.
//
// Start here: a rule (such as AvailabilityRule or CountRule, every option
// named) and the month's records give a Figure: Availability,
// Abandonment, NPS, Satisfaction, PerUser, Resolved, Count, Backlog,
// PatchCompliance, and Aggregate for tickets judged by a
// ticketclock.Clock. The runnable Examples (go doc -all, or the package's
// page) are Example and ExampleNPS.
//
// # Figures
//
// Each measure takes a rule, an organisation (or, for availability and
// ticket timeliness, the rule's organisations) and a month, and returns a
// Figure: the Measurement for the KPI, organisation and month, the counts
// behind it (Met, Failed, Counted, and the Measurement's numerator and
// denominator where the value is a proportion), and Evidence, one line per
// record saying whether it counted and why. Each measure selects the
// records of its organisation and month itself, so a caller can hand it a
// whole file.
//
// A month is the rule's Zone's local month, [00:00 on the 1st, 00:00 on
// the 1st of the next), so an instant at 00:30 BST on 1 July counts in
// July and one at 23:30 BST on 30 June in June. The value is rounded once,
// at the end, with the KPI's kpi.Precision (Precision.Quotient): a
// proportion is 100 x met / counted from the counts, never from rounded
// parts. No qualifying records is not applicable (kpi.NotApplicable, note
// NoRecords), never 0% or 100%; only Count's zero is a value.
//
// # Measures
//
//   - Aggregate: tickets judged by a ticketclock.Clock, under an
//     Attribution (resolved in the month; logged in the month; logged in
//     the month with open breaches failing; outcome known in the month),
//     per organisation and combined by Pooling (pooled counts, or the mean
//     of percentages).
//   - Availability: per service, pooled or the mean of the services, and
//     per organisation, from outages on each service's calendar, with
//     planned maintenance, minutes and weighting named.
//   - Abandonment, NPS, Satisfaction, PerUser, Resolved, Count, Backlog and
//     PatchCompliance: each from its kind of record, with its rule.
//
// docs/records.md states every option and the rule each follows at the
// edges real data has (an event exactly on a boundary, a daylight-saving
// day, an empty optional column).
//
// # Errors
//
// A rule's Validate names every option not set or inconsistent, with the
// words it accepts: there are no defaults. A measure fails with every
// problem of its rule (wrapping record.ErrInvalidOptions) and of its
// records (record.ErrInvalidRecord), each a *record.Error, sorted and
// joined, and measures nothing.
package measure
