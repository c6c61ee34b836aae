package main

import (
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
)

// TestRatchet checks the printed allowance, ratchets, points table, caps
// and triggers against testdata/output.golden; contract.yaml holds the
// third case's rules, the rolling cap's, and evaluates to its golden
// report.
func TestRatchet(t *testing.T) {
	exampletest.Check(t, run, RollingRules())
}
