// Package seal closes a contract's months and finds what changed since:
// the monthly cycle of a contract manager, who has each month's figures
// signed off, puts the credit on the next invoice, and later needs to know
// what a corrected value, a late mitigation or a change note did to the
// months already closed.
//
// Start here: seal.Close(c, in, month, inputs) seals a month's results,
// Marshal writes the seal and ReadDir reads a directory of them back;
// Restate compares them with today's evaluation. The runnable Example (go
// doc -all, or the package's page) seals a month, reads it back and finds
// what a correction changed.
//
// # Closing a month
//
// Close evaluates a contract for month M from the first month of M's
// contract year (or the first month measured, when that is later; Start
// says which) through M, since a month's credits depend on earlier months
// (the annual cap, repeat escalation, rolling windows), and returns the
// month's Seal: every KPI-month's value, thresholds, raw and mitigated
// status, mitigation, points, credit and rule, the month's own ledger
// lines (a critical month's withholding, cap cuts), its totals and its
// events, as text; the SHA-256 of each input file (Inputs); and the
// SHA-256 of the contract's canonical form (Canonical), a documented,
// versioned serialisation of what the contract means that neither the
// contract file's layout nor a refactor of the engine changes.
//
// Marshal writes a seal as JSON with sorted keys, decimals as strings
// and nothing that varies between runs, machines or builds (no clock, no
// engine version), plus its digest: the SHA-256 of its body, and with a
// key an HMAC-SHA256. Store keeps one seal a month in a directory and
// refuses to replace a seal with different content unless asked to
// reseal, which keeps the earlier seal beside the new one.
//
// # Integrity
//
// Parse trusts a seal only when its bytes are exactly what Marshal writes
// for it and its digest matches its body: any edit is found (ErrEdited).
// A digest does not stop a forger who edits the body and recomputes the
// digest; an HMAC under a key the forger does not have does
// (ErrUnauthenticated). Neither says who sealed a month, nor stops anyone
// deleting a seal.
//
// # Restatements
//
// Restate compares each sealed month with what Close gives for it today
// (from the seal's own first month) and lists every difference as a
// Revision (Compare): a value, thresholds, status, mitigation, incidents,
// points, credit or rule of a KPI-month, a KPI-month added or removed,
// the withholding, each cap's cut, an event, the contract. Only changes of
// money carry an Adjustment, so that a month's adjustments add up exactly
// to its credit today less its credit as sealed; a cap's cut is a
// revision of its own. Past months are never rewritten: the adjustments
// are ledger lines (Adjustment) of a month not yet closed, outside that
// month's caps, since the months they restate were capped by their own.
//
// docs/monthly-cycle.md is the specification: the seal format key by key,
// the canonical form, the revisions and the adjustments.
package seal
