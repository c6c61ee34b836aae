// Package cli holds the command plumbing the examples share, so that an
// example's main.go is about the engine: Main runs the example and exits
// with its error; a Printer prints it and keeps the first error writing;
// Windows, Status, Classified, Month and Periods build what
// Rules.Validate and credits.Calculate take from an example's KPIs, months
// and values, and Ledger validates and credits a table of values a KPI a
// month; Label names a ledger line; Monthly credits and prints a worked
// example that follows one KPI month by month. The credit rules an
// example demonstrates stay in its own main.go.
package cli
