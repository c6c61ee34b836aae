package credits_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// TestAssessAppends: every regime's Run appends its lines after the
// caller's, leaves those untouched, and appends the same lines as it
// returns for an empty slice. The Book relies on it to reuse one slice
// month after month.
func TestAssessAppends(t *testing.T) {
	money := credits.Money{Places: 2, Rounding: kpi.HalfUp}
	ms := months("2021-04", []credits.Outcome{measured("A", "97.5")}, []credits.Outcome{measured("A", "98.4")})
	tests := []struct {
		name    string
		regime  credits.Regime
		periods []credits.Period
	}{
		{"points", regime(), []credits.Period{period("2021-04", 1, kpi.Red, kpi.Amber), period("2021-05", 1, kpi.Green, kpi.Red)}},
		{"none", credits.None{}, []credits.Period{period("2021-04", 1, kpi.Red, kpi.Amber)}},
		{"scheme", fixture.MSAScheme(), ms},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			alone, after := tt.regime.Begin(money), tt.regime.Begin(money)
			prefix := []credits.Line{{Kind: credits.CapLine, Rule: "the caller's"}}
			for _, p := range tt.periods {
				want, err := alone.Assess(p, nil)
				require.NoError(t, err)
				require.Len(t, want, len(p.Outcomes))
				buf := append(make([]credits.Line, 0, len(prefix)+len(p.Outcomes)), prefix...)
				got, err := after.Assess(p, buf)
				require.NoError(t, err)
				require.Empty(t, cmp.Diff(prefix, got[:len(prefix)]), "the caller's lines are kept")
				require.Empty(t, cmp.Diff(want, got[len(prefix):]), "the same lines follow them")
			}
		})
	}
}
