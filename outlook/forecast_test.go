package outlook_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/outlook"
	"github.com/stretchr/testify/require"
)

// TestForecastByHand: a monthly cap of 1.2% (1200.00) and an annual cap
// of 1% of 1200000.00 (12000.00). April: A red and B amber, 1250.00 cut to
// 1200.00; May: A amber, 500.00; June: A and B red, 1500.00 cut to
// 1200.00: 2900.00 to date, 9100.00 of the annual cap left, nine months
// left. Least 500.00 x 9 = 4500.00: 7400.00 at year end. Mean 3250.00 / 3
// = 1083.33 a month: eight months 8666.64, the ninth 433.36 (all the cap
// leaves): 9100.00, 12000.00 at year end. Greatest 1500.00, cut to
// 1200.00 a month by the monthly cap: the annual cap cuts it to 9100.00,
// 12000.00 at year end.
func TestForecastByHand(t *testing.T) {
	c := base()
	c.Credits.Caps = credits.Caps{Month: ptr("1.2"), Year: ptr("1")}
	o := compute(t, c, map[string]string{"A": "rar", "B": "agr"}, "2021-06")
	f := o.Forecast
	require.Equal(t, "2900.00", money(f.ToDate))
	var basis []string
	for _, b := range f.Basis {
		basis = append(basis, b.Month.String()+" "+money(b.Credit))
	}
	require.Equal(t, []string{"2021-04 1250.00", "2021-05 500.00", "2021-06 1500.00"}, basis)
	require.Len(t, f.Left, 9)
	for _, tc := range []struct {
		name string
		p    outlook.Projection
		want []string // monthly, uncapped, capped, year end
	}{
		{"least", f.Least, []string{"500.00", "4500.00", "4500.00", "7400.00"}},
		{"mean", f.Mean, []string{"1083.33", "9749.97", "9100.00", "12000.00"}},
		{"greatest", f.Greatest, []string{"1500.00", "13500.00", "9100.00", "12000.00"}},
	} {
		require.Equal(t, tc.want, []string{money(tc.p.Monthly), money(tc.p.Uncapped), money(tc.p.Capped), money(tc.p.YearEnd)}, tc.name)
	}
	require.Equal(t, outlook.ForecastRule, f.Rule)
}

// TestForecastAgainstTheEngine: when every month fails alike, the forecast
// as of any month is what the engine gives for the whole year. The
// projection caps each month as the engine's ledger does, whatever caps
// the contract has.
func TestForecastAgainstTheEngine(t *testing.T) {
	for _, caps := range []credits.Caps{
		{},
		{Month: ptr("0.8")},
		{Year: ptr("0.6")},
		{Month: ptr("1.1"), Year: ptr("0.75")},
		{Rolling: ptr("0.9")},
		{Month: ptr("0.9"), Rolling: ptr("0.7")},
		{TwoLimb: &credits.TwoLimb{First: dec("1"), Estimate: dec("800000.00"), Later: dec("1")}},
		{Month: ptr("1.2"), Year: ptr("1"), Rolling: ptr("0.8"), TwoLimb: &credits.TwoLimb{First: dec("2"), Estimate: dec("500000.00"), Later: dec("1")}},
	} {
		c := base()
		c.Credits.Caps = caps
		year := map[string]string{"A": strings.Repeat("r", 12), "B": strings.Repeat("a", 12)}
		res, err := c.Evaluate(contract.Input{Measurements: statuses(year)})
		require.NoError(t, err)
		want := money(res.Ledger.Years[0].Total)
		for n := 1; n <= 12; n++ {
			asOf := month("2021-04").AddMonths(n - 1)
			so := map[string]string{"A": year["A"][:n], "B": year["B"][:n]}
			o := compute(t, c, so, asOf.String())
			for _, p := range []outlook.Projection{o.Forecast.Least, o.Forecast.Mean, o.Forecast.Greatest} {
				require.Equal(t, "1250.00", money(p.Monthly))
				require.Equal(t, want, money(p.YearEnd), fmt.Sprintf("caps %+v as of %s", caps, asOf))
			}
		}
	}
}
