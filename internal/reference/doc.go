// Package reference is a deliberately plain second implementation of the
// credit rules, for tests: Calculate prices months of outcomes from the
// words of the credits and credits/scheme documentation, with none of the
// engine's speed: exact rationals (math/big) instead of decimals and
// integer fast paths, every window recounted from the whole history
// instead of kept incrementally, one map lookup per outcome, no reuse.
// A test that finds the engine and the reference disagreeing has found a
// bug in one of them; the documentation decides which.
//
// It covers every regime (credits.None, credits.Points, credits.Pool,
// scheme.Scheme with each of its scoring parts, payment curves included,
// its amber rule, repeat escalation, the treatment of relieved months and
// each price basis), every cap (month, year, rolling 12 months, two-limb),
// every trigger, the critical failure rule, the incident rule, the
// earn-back rule (worked out again from the whole history each month) and
// a regime applied to each organisation on its own
// (credits.Rules.PerOrganisation). Periods builds the months a contract's
// evaluation credits from its cells and the contract's charges, so that an
// evaluation can be compared whole; FromLedger puts the engine's ledger in
// the reference's terms.
//
// The figures compared are the ledger's: each line's kind, KPI,
// organisation, cap, points, amount, failure, band and incidents, and an
// earn-back line's credit month; each month's and year's totals (what
// was earned back included), caps and drivers; every event with its
// evidence. The rules' text is the engine's alone.
package reference
