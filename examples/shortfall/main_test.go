package main

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
)

// TestExample checks the printed worked example against
// testdata/output.golden, and that contract.yaml holds the rules main.go
// builds and that the reports `servicecredit evaluate` prints from the
// files equal their golden files.
func TestExample(t *testing.T) {
	exampletest.Check(t, run, wantRules())
}

// wantRules are the rules contract.yaml must hold: each case's shortfall
// scoring its own KPI, RESOLVE-1 to RESOLVE-3.
func wantRules() credits.Rules {
	var scores []scheme.Score
	for i, c := range Cases() {
		sf := c.Shortfall
		scores = append(scores, scheme.Score{KPIs: []string{"RESOLVE-" + string(rune('1'+i))}, Shortfall: &sf})
	}
	return credits.Rules{
		Regime: scheme.Scheme{Scores: scores, Price: scheme.Price{Basis: scheme.PercentOfCharges}},
		Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
}
