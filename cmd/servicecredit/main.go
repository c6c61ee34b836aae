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
