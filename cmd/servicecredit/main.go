// Command servicecredit checks and evaluates outsourcing contracts from
// files: a contract definition (YAML or JSON), a month-by-month CSV of
// measurements and an optional register of agreed mitigations (CSV, YAML
// or JSON). It prints the RAG table, the board summary, the service-credit
// ledger and the contract-year totals, or explains one KPI-month.
//
// Usage:
//
//	servicecredit validate CONTRACT [MEASUREMENTS] [MITIGATIONS]
//	servicecredit evaluate CONTRACT MEASUREMENTS [MITIGATIONS] [-from M] [-to M] [-org ORG] [-format text|csv|json|markdown|pack]
//	servicecredit explain  CONTRACT MEASUREMENTS [MITIGATIONS] KPI MONTH [-org ORG] [-from M] [-to M]
//	servicecredit portfolio MANIFEST [-from M] [-to M] [-format text|csv|json] [-j N]
//
// Exit status: 0 all is well; 1 an input problem; 2 a usage error; 3 a
// check found what it exists to find; 4 a documented limit was reached or
// a runtime failure (the table in docs/cli.md). Errors go to standard error,
// one per line, as FILE:LINE:COLUMN: FIELD "TEXT": PROBLEM. Output never
// contains colour or other terminal escapes.
//
// The file formats are described in docs/contract-format.md and the JSON
// and CSV outputs in docs/json-output.md.
package main

import (
	"os"
	"runtime/debug"
)

// gcPercent is the collector's target: the heap may grow a quarter beyond
// what is kept before it collects, not Go's default of double, so that the
// peak memory of a large evaluation stays near the measurements it holds.
// GOGC in the environment overrides it.
const gcPercent = 25

func main() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(gcPercent)
	}
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
