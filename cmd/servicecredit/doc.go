// Command servicecredit checks and evaluates outsourcing contracts from
// files: a contract definition (YAML or JSON), a month-by-month CSV of
// measurements and an optional register of agreed mitigations (CSV, YAML
// or JSON). Each command is a subcommand:
//
//	validate   check a contract and, optionally, measurements and mitigations
//	evaluate   the RAG table, board summary, credit ledger and contract-year totals
//	explain    one KPI-month in plain words
//	measure    measurements derived from record files (tickets, outages, ...) by a plan
//	reconcile  a supplier's published pack checked figure by figure, and its credit claim
//	close      a month's results sealed, to compare with later (evaluate -seals)
//	outlook    headroom under the caps, distance to each trigger, year-end forecast
//	portfolio  many contracts at once, from a manifest: totals per contract, customer and supplier
//	version    the module version and VCS revision of the binary
//
// Usage:
//
//	servicecredit validate CONTRACT [MEASUREMENTS] [MITIGATIONS]
//	servicecredit evaluate CONTRACT MEASUREMENTS [MITIGATIONS] [-from M] [-to M] [-org ORG] [-format text|csv|json|jsonl|markdown|pack|html]
//	servicecredit explain  CONTRACT MEASUREMENTS [MITIGATIONS] KPI MONTH [-org ORG] [-from M] [-to M]
//	servicecredit portfolio MANIFEST [-from M] [-to M] [-format text|csv|json] [-j N]
//	servicecredit COMMAND -h
//
// "servicecredit COMMAND -h" gives a command's arguments and flags, and
// docs/cli.md every command, flag and limit.
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
