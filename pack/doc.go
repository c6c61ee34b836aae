// Package pack reads a performance pack's tables as they are transcribed
// from the published document, in two ways.
//
// Start here: pack.Read(name, r, c, org) for measurements from a pack's
// table, ReadPublished for a pack to reconcile. The runnable Examples (go
// doc -all, or the package's page) are Example and ExampleReadPublished.
//
// Read, for evaluation, turns one table (tab-separated rows, one per
// indicator, under a heading row of months) into measurements of a
// contract's indicators for one organisation, and rejects the flaws real
// packs contain, naming file, line and cell.
//
// ReadPublished, for reconciliation (package reconcile), reads every table
// of a pack as printed, flaws and all: months as columns or as rows,
// totals over months (quarter, year, year to date, grand total), targets,
// RAGs, counts and percentages, each cell with its text and its written
// precision. A flaw of layout is a Note and an unreadable cell a Cell of
// kind Unreadable, never a refusal; only a row of values before any
// heading is refused. docs/reconcile.md describes that format in full.
//
// # Format of Read
//
// Each line is a row of tab-separated cells. Blank lines and lines whose
// first character is '#' (comments, such as a note on a correction) are
// skipped.
//
//   - A heading row has "TARGET" (any case) in its second cell and a month
//     in every later cell, written as the packs print them ("APR-16") or as
//     "2016-04". The months must follow one another with no gap: a pack
//     heading "AUG-16, SEP-15" is an error, not a silent jump back a year.
//   - A row whose cells after the first are all empty is a section label,
//     such as "SERVICE DESK KPIS"; it keeps the months of the heading row
//     before it.
//   - Any other row is an indicator: its label, its target as the pack
//     prints it, and one cell per month heading. A row with more or fewer
//     cells than that is an error: the pack's "OTHER KPIS" rows with eleven
//     values under twelve months cannot be placed without guessing.
//
// The label names an indicator of the contract measured for the
// organisation, matched on the indicator's Name after trimming spaces and
// ignoring case; an unknown label is an error that suggests the closest
// name ("oneOrade": did you mean "oneOracle"?). The target cell must agree
// with the contract: a percentage or number equal to the TSL, "Decrease"
// (or "Increase") for a relative target, and "N/A" or empty for a figure.
//
// A value cell holds a number ("99.90%" for a percentage indicator,
// "62.15" otherwise), "UNVL" (the value exists but was not available:
// kpi.Unavailable) or "N/A" (nothing to measure: kpi.NotApplicable). An
// empty cell is a month the pack does not report, which is also
// kpi.NotApplicable, never zero.
//
// A file with any problem is rejected whole: Read reports every problem,
// sorted by line, and returns no measurements.
package pack
