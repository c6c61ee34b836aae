package main

import (
	"testing"

	"github.com/servicecredit/engine/internal/exampletest"
)

// TestSites checks the schedule priced both ways against
// testdata/output.golden (per facility, April costs 300.00, not the
// 650.00 of both facilities' points together), then contract.yaml: the
// same rules, and the golden report `servicecredit evaluate` prints.
func TestSites(t *testing.T) {
	exampletest.Check(t, run, Rules())
}
