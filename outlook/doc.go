// Package outlook looks ahead from a month of a contract: how much credit
// the caps still allow, how many more failures fire each trigger, what
// each KPI's next failure would cost, and where the contract year's
// credit is heading.
//
// Start here: outlook.Compute(c, contract.Input{...}, asOf) and
// report.OutlookText to print it. The runnable Example (go doc -all, or
// the package's page) finds a termination right one failure away.
//
// Compute evaluates the contract from the first month measured (or a
// given month) through the month asked about, AsOf, and works out, for the
// next month:
//
//   - each cap's headroom in money (month, year, rolling 12 months,
//     two-limb), from the ledger, as the engine's credit Book works it
//     out, and the fewest failures next month that make the cap bind;
//   - each trigger's state and how many more failures, in which window,
//     fire it: points in a window, failures in a window, consecutive
//     failures, a cap reached, a material failure; and the critical
//     service level failure rule's KPIs; with the events already raised
//     this contract year as evidence;
//   - each credit-bearing KPI's credit this year and what its next
//     failure would cost on its own;
//   - a forecast of the year's credit: the credit to date, plus the
//     least, mean and greatest monthly credit before caps of the last
//     three months times the months left, each month capped as the
//     contract caps it (ForecastRule states the rule).
//
// Failures are simulated with the engine's own credit rules: the months
// evaluated are fed again to a credit Book (checked to give the
// evaluation's ledger), followed by what-if months in which the chosen
// KPI-months fail red with no value (scored at the worst a red month can
// score), or amber where a red month with no value cannot be scored, and
// every other KPI-month meets its target. So repeat multipliers, amber
// rules, ratchets and points tables count as they would. Where several
// failures are needed, the KPI-months are taken costliest first (for a
// cap: by money, then points; for points in a window: by points), in the
// contract's order at a tie; a KPI whose red month the critical rule
// names is left out, since that month withholds the charges instead of
// its credits. docs/monthly-cycle.md states every rule.
package outlook
