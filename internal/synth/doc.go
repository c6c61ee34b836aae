// Package synth generates deterministic synthetic contracts, measurements
// and mitigations for benchmarks and property tests: the same seed gives
// the same portfolio on every machine.
//
// A generated contract has the shapes real contracts have: percentage KPIs
// higher and lower is better, counts, KPIs added on a glide path and KPIs
// retired part-way through the term, PIs, charges that change, missing and
// unavailable months, and relief mitigations.
//
// Its credits follow the Shape's Regime. The zero Regime, Points, is the
// points regime with a monthly and an annual cap, as Generate has always
// made. None carries no credits. Pool is described below. Each other
// Regime is a scheme.Scheme
// scoring by one part (status, bands, shortfall, shortfall bands,
// deduction or an at-risk allocation), priced per point (with a free
// allowance and ratchets, now and then), from a points table or as a per
// cent of the charges, and drawing what real schemes add: an amber rule,
// repeat escalation, monthly, annual, rolling and two-limb caps, triggers,
// a critical service level failure rule, an incident rule with the
// incidents named in the measurements and, under customer-choice, the
// customer's decisions, and, with two or more organisations, now and then
// pricing each organisation on its own (credits.Rules.PerOrganisation). Pool is credits.Pool, an at-risk pool allocated
// at 100 to 300 per cent of its at-risk amount, one category per unit and
// direction of KPI, the month capped at the at-risk amount, with the
// scheme's other caps, triggers and rules. Mixed makes a portfolio of
// every regime: contract n uses regime n mod len(Regimes()).
//
// For a given seed and contract number every regime gets the same
// indicators, charges, measurements and mitigations; only the credit rules
// and the incidents differ (and a scheme, which needs a credit-bearing KPI,
// makes the first indicator a KPI when all of them are PIs).
//
// Portfolio.Input registers a portfolio's mitigations, giving the input its
// contract's Evaluate takes. WriteFiles writes a portfolio as the files
// the command-line tool reads.
package synth
