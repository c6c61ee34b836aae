package main

import (
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
)

// TestBoundaries checks every band boundary from both sides, as printed
// in testdata/output.golden, and contract.yaml's rules and report.
func TestBoundaries(t *testing.T) {
	exampletest.Check(t, run, Rules())
}
