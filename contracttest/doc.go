// Package contracttest is a test kit for the engine's users, in the
// manner of net/http/httptest and testing/fstest: what an auditor's Go
// test needs to reproduce a month's published results from a contract's
// files, and what a contract manager's tool needs to test its own
// contracts. It is built on go-cmp and testify: its comparisons are
// go-cmp options and diffs, and its checks take testify's
// require.TestingT (TB), so they mix with require's assertions on the same
// t.
//
// The operations a newcomer reaches for first:
//
//   - EvaluateFiles: a contract file, its measurements and its
//     mitigations evaluated over the months measured, as `servicecredit
//     evaluate` does, failing the test on any problem.
//   - Board, RAG and Ledger: a published table (a board summary, a RAG
//     grid, a credit ledger) stated as text the way the pack prints it,
//     checked against the result cell by cell; a failure lists each
//     differing cell by KPI (or row), organisation and month.
//   - Golden: output compared with a golden file, rewritten with -update.
//   - Options, EquateDecimals, EquateDecimalsAt, EquateMonths and
//     IgnoreReasons: go-cmp options comparing decimals by value (never
//     by representation, as testify's require.Equal does: "1000" is not
//     "1000.00" there), months, statuses and whole results.
//   - IgnoresDecimalGlobals: output shown to be byte-identical whatever
//     the decimal package's global settings. Serial only.
//
// # Tables as text
//
// Board, RAG and Ledger read one grammar. Lines are trimmed; blank lines
// and lines starting with # are skipped, so a transcription's comments
// can stay. A line holding a pipe is split at pipes (a pipe at either
// end is dropped, and a Markdown rule such as |---|---| is skipped);
// else a line holding a tab is split at tabs; else at runs of two or
// more spaces, so a table copied from the text report reads as printed.
// Every cell is trimmed.
//
// The first line is the heading row: any captions, then one column per
// month, each heading a month as kpi.ParseMonth reads it (2021-06 or
// Jun-21) or words ending in one ("Yr 7 Jun-21"). No month may head two
// columns. Every other row has the same number of cells: one label, or
// two (the row's name, then an organisation), then a cell per month.
// Only the rows and months a table states are checked; a month the
// result did not evaluate, or a KPI it does not hold, is a difference.
//
// A table that breaks the grammar, or names a row that is not a board
// count, fails the test at once (FailNow) with the line at fault. So a
// test states a board as
//
//	contracttest.Board(t, res, `
//		Performance  | Jun-21 | Jul-21
//		TSL achieved | 11     | 13
//		Below MSL    | 0      | 0`)
//
// and a failure reads "Below MSL, Jul-21: want 0, got 1".
//
// # The -update flag
//
// Importing contracttest registers a boolean flag named "update" on the
// standard library's flag.CommandLine, which `go test` parses: `go test
// ./pkg -update` rewrites the golden files of pkg's tests, as the
// standard library's own tests do. A test binary that defines another
// flag named "update" (flag.Bool("update", ...) in a package that also
// imports contracttest) panics when it starts with "flag redefined:
// update": read Update instead of defining one. Flags of other names
// coexist with it. Review the diff of every rewritten file before
// committing it: a golden file is a published figure.
//
// # Serial only
//
// IgnoresDecimalGlobals sets process-wide variables of
// github.com/shopspring/decimal while it runs. A test that calls it
// must not call t.Parallel nor run parallel subtests alongside the
// check: go test runs a test marked parallel only beside other parallel
// tests, so a serial test's check never overlaps one.
package contracttest
