package credits_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// TestBookMatchesCalculate feeds a Book month by month and expects exactly
// the lines, month totals, years and total that Calculate gives.
func TestBookMatchesCalculate(t *testing.T) {
	r := rules()
	r.Caps = credits.Caps{Month: pct("1.2"), Year: pct("0.15")}
	periods := []credits.Period{
		period("2022-02", 1, kpi.Red, kpi.Amber),
		period("2022-03", 1, kpi.Red, kpi.Red),
		period("2022-04", 2, kpi.Amber, kpi.Green),
		period("2022-05", 2, kpi.Red, kpi.Red),
	}
	led, err := credits.Calculate(r, periods)
	require.NoError(t, err)
	caps := 0
	for _, l := range led.Lines {
		if l.Kind == credits.CapLine {
			caps++
		}
	}
	require.Positive(t, caps, "the scenario must make a cap bite")
	require.Len(t, led.Years, 2)
	book, err := credits.Open(r)
	require.NoError(t, err)
	var lines []credits.Line
	var months []credits.MonthTotal
	for _, p := range periods {
		ls, mt, err := book.Add(p)
		require.NoError(t, err)
		lines = append(lines, ls...)
		months = append(months, mt)
	}
	require.Empty(t, cmp.Diff(led.Lines, lines))
	require.Empty(t, cmp.Diff(led.Months, months))
	require.Empty(t, cmp.Diff(led.Years, book.Years()))
	require.True(t, led.Total.Equal(book.Total()))
}

// TestBookSpoiledByError: after a period out of order, the book refuses
// every later period with the same error.
func TestBookSpoiledByError(t *testing.T) {
	book, err := credits.Open(rules())
	require.NoError(t, err)
	_, _, err = book.Add(period("2021-05", 7, kpi.Green, kpi.Green))
	require.NoError(t, err)
	_, _, err = book.Add(period("2021-04", 7, kpi.Green, kpi.Green))
	require.ErrorIs(t, err, credits.ErrInvalidPeriod)
	require.EqualError(t, err, "month 2021-04: periods out of order after 2021-05: invalid credit period")
	_, _, again := book.Add(period("2021-06", 7, kpi.Green, kpi.Green))
	require.Equal(t, err, again)

	_, err = credits.Open(credits.Rules{})
	require.ErrorIs(t, err, credits.ErrInvalidRules)
}

// TestTally checks the integer sum against decimal addition, including
// amounts of other exponents and sums past the integer's range.
func TestTally(t *testing.T) {
	cases := [][]string{
		{"1.10", "2.25", "-0.35"},
		{"1.1", "2.25", "3"},
		{"9000000000000000.00", "9000000000000000.00", "0.01"},
		{"-5.00", "5.00"},
		{},
	}
	for _, amounts := range cases {
		var want decimal.Decimal
		var got credits.TallyForTest
		for _, a := range amounts {
			want = want.Add(dec(a))
			got.Add(dec(a))
		}
		require.True(t, got.Value().Equal(want), "%v: %s, want %s", amounts, got.Value(), want)
	}
}
