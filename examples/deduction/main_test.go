package main

import (
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
)

// TestExample checks the printed deductions, whose points are exact
// fractions priced unrounded, against testdata/output.golden, and that
// contract.yaml holds the same rules and evaluates to the golden report.
func TestExample(t *testing.T) {
	exampletest.Check(t, run, Rules())
}
