// Package reconcile checks a supplier's published performance pack: every
// published figure against the rows and counts it comes from, the
// contract's thresholds, the engine's own evaluation and the supplier's
// credit claim. It is the auditor's job of docs/reconcile.md, as a
// library: Check returns the findings as values, and package report
// renders them.
//
// Start here: reconcile.Check(reconcile.Input{...}) returns a Report of
// findings; package report renders it. The runnable Example (go doc -all,
// or the package's page) finds a pack's impossible percentage.
//
// # Input
//
// The packs are read as published with pack.ReadPublished: flaws and all.
// Relations declare what the figures mean beyond what the contract says
// (package load reads them from YAML): which table belongs to which
// organisation, rows the contract does not hold, totals, shares and
// complements, period rules and each check's severity. The contract's
// pooled KPIs say how overall figures are weighted, and its combined KPIs
// how a shared service's figures combine. Measurements and mitigations,
// when given, are evaluated as servicecredit evaluate does; a claim is
// read with load.Claims.
//
// # Findings
//
// A Finding is what one check found about one published figure: its place
// (file:line:cell), its Kind of check, the indicator, organisation and
// month, the published text as printed and the recomputed figure, their
// difference and the tolerance the printed precision allows, a Severity
// (Error or Warning, set per check by the relations) and a Verdict:
// Agrees, Disagrees, Impossible or Uncheckable with its reason. A figure
// built from an input found impossible carries a warning saying so. The
// Report lists every finding by place and the published cells no check
// judged. A reconciliation fails (Report.Fails) when a finding of Error
// severity disagrees or is impossible.
//
// # The checks
//
//   - HeadingCheck: month headings in sequence and within the term, a
//     printed contract year ("Yr 7 Jun-21") the contract's.
//   - LabelCheck: each label names a KPI, a declared row, a board count or
//     a total, once.
//   - ShapeCheck: each row has a cell for every heading.
//   - CellCheck: each cell is readable and fits its indicator's unit.
//   - TargetCheck: a printed target is the contract's in every month shown.
//   - RAGCheck: a printed RAG is the classification of the printed value,
//     or of the measurement.
//   - ValueCheck: a printed value is the measurement at the printed places.
//   - AttainableCheck: a percentage is 100k/n for a whole k in 0..n under
//     any rounding its places allow.
//   - ShareCheck: a percentage is 100 x numerator / denominator at its
//     places and the contract's rounding.
//   - ComplementCheck: two percentages sum to 100 within their rounding.
//   - TotalCheck: a total is the sum of its parts.
//   - PeriodCheck: a quarter, year-to-date, year or grand total is its
//     months' counts summed, or its percentage recomputed from summed
//     numerators and denominators, never averaged.
//   - OverallCheck: a pooled figure is its parts weighted as the contract
//     pools them, and if not, which alternative reproduces it.
//   - CombinedCheck: a shared service's figure is its organisations'.
//   - BoardCheck: a board count is the engine's.
//   - ClaimCheck: a claimed credit is the ledger's, exactly.
//
// Decimals are exact throughout: no check divides except to show a
// figure, and every comparison of a weighted mean is made by
// cross-multiplication.
package reconcile
