// Package cli holds the command plumbing the examples share, so that an
// example's main.go is about the engine: Main runs the example and exits
// with its error; Monthly credits and prints a worked example that follows
// one KPI month by month.
package cli
