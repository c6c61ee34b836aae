// Package problems holds what credits and credits/scheme share to report
// a problem with credit rules: the field at fault as a structural path of
// Go field names, the KPI and month it is about, and what is wrong. Each
// package turns its Problems into *credits.Error values with Errors.
package problems
