package main

import (
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
)

// TestPaymentCurve checks the printed curves against
// testdata/output.golden, whose every figure README.md works by hand, then
// contract.yaml: the same rules, and the golden report `servicecredit
// evaluate` prints.
func TestPaymentCurve(t *testing.T) {
	exampletest.Check(t, run, Rules())
}
