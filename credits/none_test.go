package credits_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

func TestNone(t *testing.T) {
	r := credits.Rules{Regime: credits.None{}, Money: credits.Money{Places: 2, Rounding: kpi.HalfUp}}
	require.NoError(t, r.Validate(windows()))
	led, err := credits.Calculate(r, []credits.Period{period("2021-04", 1, kpi.Red, kpi.Amber)})
	require.NoError(t, err)
	require.Len(t, led.Lines, 2)
	for _, l := range led.Lines {
		require.True(t, l.Amount.IsZero())
		require.Equal(t, "no service credits in this agreement", l.Rule)
		require.Equal(t, credits.CreditLine, l.Kind)
	}
	require.Equal(t, kpi.Red, led.Lines[0].Raw)
	require.True(t, led.Total.IsZero())
}
