// Package load reads the files a contract manager, finance team or auditor
// keeps, without writing Go: a contract (YAML, or the same schema in JSON),
// its monthly measurements (CSV) and the agreed mitigations (CSV or YAML).
// docs/contract-format.md describes every field. Each reader takes the
// file's name (for its messages) and its bytes or a reader;
// ContractFile, MeasurementsFile and MitigationsFile read the three files
// of an evaluation by their path.
//
// Start here: c, err := load.ContractFile("contract.yaml"), then
// MeasurementsFile(path, c) and MitigationsFile(path, c), and
// c.Evaluate(contract.Input{Measurements: ms, Mitigations: reg}); from
// bytes, Contract, Measurements and Register. The runnable Examples (go
// doc -all, or the package's page) are Example, a contract and its
// measurements from files and a mistake in one, and ExampleReadManifest.
//
// The engine's packages never import load: a program that builds its
// contract in Go does not compile the YAML library.
//
// # Exactness
//
// Decimals are read from the text of the file, never through float64:
// "99.90" keeps its two places and "0.1" is exactly a tenth. Exponents,
// thousands separators, NaN and infinities are rejected.
//
// # Errors
//
// Every problem is an *Error naming the file, line, column where the
// format gives one, the field and what was expected:
//
//	measurements.csv:14:11: month "2021-13": not a month
//
// A reader reports every problem it finds, sorted by place, and a file with
// any problem is rejected whole: nothing is half-read or half-evaluated.
// Unknown fields are errors, so a misspelt "tsll" cannot silently drop a
// threshold. The engine's own checks (contract.Contract.Validate,
// mitigation.NewRegister) run on what was read, and their problems are
// placed at the part of the file they are about.
package load
