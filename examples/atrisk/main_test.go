package main

import (
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
)

// TestAtRisk checks the printed pool against testdata/output.golden (the
// month every KPI fails loses 150% of the At-Risk Amount before the cap,
// and the At-Risk Amount after it), then contract.yaml: the same rules,
// and the golden report `servicecredit evaluate` prints.
func TestAtRisk(t *testing.T) {
	exampletest.Check(t, run, Rules())
}
