// Package portfolio evaluates many contracts at once, in parallel, and
// keeps of each only a small summary: per contract year the charges, the
// uncapped credit, the caps' cut and the credit, then totals per
// customer, per supplier and for the whole portfolio. It is what a
// supplier's finance team, a council with several outsourced services or
// an internal audit runs every month.
//
// Start here: portfolio.Of(label, c, in) or an Entry with a Load func
// for each contract, then Run(entries, Options{}). The runnable Example
// (go doc -all, or the package's page) runs two contracts with different
// money places.
//
// # Entries and loading
//
// An Entry names a contract (its Label) and says how to load it (Load).
// Run hands the entries to its workers; a worker loads an entry only when
// it takes it, streams its evaluation (contract.Stream) into the summary
// and drops the contract and its measurements before it takes the next.
// Memory is therefore the workers' contracts being evaluated plus one
// Summary per contract (a few hundred bytes a contract year), never the
// whole portfolio's measurements. Package load reads a manifest file into
// entries whose Load reads the contract's files; Of makes an entry of a
// contract and input already in memory.
//
// # Months evaluated
//
// Options.From and Options.To give the months for every contract; a zero
// month is each contract's first (or last) month measured, as the
// command's evaluate does. Each contract's months are then clipped to its
// own term, and the clipping is noted in its Summary (Requested keeps
// what was asked). A contract whose term and months asked for do not
// overlap is Skipped, with the reason.
//
// # Revisions
//
// A contract loaded with its sealed months (Loaded.Seals, month close)
// has each compared with today's result, as seal.Restate does, and its
// Summary carries the Revisions found: the months sealed, unchanged,
// revised and untrusted, and the credit as sealed and today, whose
// difference the adjustments add up to.
//
// # Failures
//
// A contract that cannot be loaded or evaluated is Failed and carries
// every problem found, each naming its file and line when the loader
// placed it; the others are evaluated all the same. Nothing of a failed
// contract's figures is kept or totalled.
//
// # Determinism and money
//
// The summaries are in the entries' order and the totals in order of
// name, whatever the number of workers or the order in which they finish,
// so a renderer's output is the same bytes for any number of workers.
// Amounts keep each contract's own money places. Totals are exact sums;
// a total over contracts whose money places differ carries the most
// places among them (Total.Places), which holds every sum exactly.
package portfolio
