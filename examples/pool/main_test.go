package main

import (
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
)

// TestPool checks the printed at-risk pool against testdata/output.golden
// (a month never loses more than the amount at risk), then contract.yaml:
// the same rules, and the golden report `servicecredit evaluate` prints.
func TestPool(t *testing.T) {
	exampletest.Check(t, run, Rules())
}
