package outlook_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/exampletest"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/outlook"
	"github.com/stretchr/testify/require"
)

// example reads a shipped example's contract and measurements.
func example(t *testing.T, name string) (*contract.Contract, []kpi.Measurement) {
	t.Helper()
	return exampletest.LoadFiles(t, filepath.Join("..", "examples", name))
}

// TestCriticalAndCaps on examples/critical as of September 2021, worked
// from its ledger: the annual cap, 0.3% of 1200000.00 = 3600.00, was
// used by April 500.00, June 2000.00 and August 1100.00 (May's and July's
// withholdings stand outside the caps and their credits were replaced), so
// nothing is left and any failure in October binds it. October's monthly
// cap, 2% = 2000.00, takes FIX red (1000.00) and DESK red (1000.00), in
// the contract's order at equal cost; AVAIL is left out, since its red
// month would be critical. AVAIL red or FIX worse than 8 withholds
// October's 100000.00; each fired once, with its withholding as evidence.
func TestCriticalAndCaps(t *testing.T) {
	c, ms := example(t, "critical")
	o, err := outlook.Compute(c, contract.Input{Measurements: ms}, month("2021-09"))
	require.NoError(t, err)
	y := capOf(t, o, credits.YearCap)
	require.Equal(t, []string{"3600.00", "3600.00", "0.00"}, []string{money(y.Limit), money(y.Used), money(y.Left)})
	require.Equal(t, 1, y.Binds.Failures)
	require.Equal(t, []string{"FIX red (5 points, 1000.00)"}, y.Binds.Failing)
	m := capOf(t, o, credits.MonthCap)
	require.Equal(t, 2, m.Binds.Failures)
	require.Equal(t, []string{"FIX red (5 points, 1000.00)", "DESK red (5 points, 1000.00)"}, m.Binds.Failing)

	require.Len(t, o.Critical, 2)
	avail, fix := o.Critical[0], o.Critical[1]
	require.Equal(t, "100000.00", money(avail.Withholds))
	require.Equal(t, 1, avail.Distance.Failures)
	require.Equal(t, month("2021-10"), avail.Distance.By)
	require.Equal(t, "1 failure of AVAIL in 2021-10 (a red month) withholds the month's charges, 100000.00, in place of its credits", avail.Distance.Why)
	require.Equal(t, "1 failure of FIX in 2021-10 (a value worse than 8) withholds the month's charges, 100000.00, in place of its credits", fix.Distance.Why)
	require.Len(t, avail.Fired, 1)
	require.Equal(t, month("2021-05"), avail.Fired[0].Month)
	require.Contains(t, avail.Fired[0].Evidence, "critical service level failure (kpi AVAIL: org ALL: red)")
	require.Len(t, fix.Fired, 1)
	require.Equal(t, month("2021-07"), fix.Fired[0].Month)
	require.Equal(t, "203600.00", money(o.ToDate.Credit))
	require.Equal(t, "200000.00", money(o.ToDate.Withheld))
}

// TestMaterialFailure on examples/modelservices as of June 2021: a red
// month with no value scores in the worst band, "below threshold",
// which is material: one failure of any KPI fires the rectification plan.
// AVAIL-1 and AVAIL-2 failed in June, so July's failure repeats: 4 x 2 =
// 8 points, 800.00; AVAIL-3 was unmeasured in June: 4 points, 400.00.
// The plan fired in April (AVAIL-2), May (AVAIL-1) and June (both).
func TestMaterialFailure(t *testing.T) {
	c, ms := example(t, "modelservices")
	o, err := outlook.Compute(c, contract.Input{Measurements: ms}, month("2021-06"))
	require.NoError(t, err)
	var got []string
	for _, tr := range o.Triggers {
		require.Equal(t, credits.MaterialFailure, tr.Kind)
		got = append(got, tr.KPI+" "+tr.Distance.Why)
	}
	require.Equal(t, []string{
		"AVAIL-1 1 failure of AVAIL-1 in 2021-07 fires it: a red month scores in a material band (red: no value (missing) counted as red: the worst band, below threshold (-∞, 96), scores 4; repeat: failure 2 in 2 periods, x2 = 8; month's points 0 to 8: 8 at x1 = 8 x 100.00 = 800.00)",
		"AVAIL-2 1 failure of AVAIL-2 in 2021-07 fires it: a red month scores in a material band (red: no value (missing) counted as red: the worst band, below threshold (-∞, 96), scores 4; repeat: failure 2 in 2 periods, x2 = 8; month's points 0 to 8: 8 at x1 = 8 x 100.00 = 800.00)",
		"AVAIL-3 1 failure of AVAIL-3 in 2021-07 fires it: a red month scores in a material band (red: no value (missing) counted as red: the worst band, below threshold (-∞, 96), scores 4; month's points 0 to 4: 4 at x1 = 4 x 100.00 = 400.00)",
	}, got)
	require.Len(t, o.Triggers[0].Fired, 2, "AVAIL-1 fired in May and June")
	require.Equal(t, "800.00", money(o.KPIs[0].Next.Amount))
	require.Equal(t, "400.00", money(o.KPIs[2].Next.Amount))
}

// TestNoMaterialBand: a regime without material bands never fires a
// material-failure trigger.
func TestNoMaterialBand(t *testing.T) {
	c := base()
	c.Credits.Triggers = []credits.Trigger{{Name: "plan", Kind: credits.MaterialFailure}}
	tr := triggerOf(t, compute(t, c, map[string]string{"A": "r", "B": "g"}, "2021-04"), "plan", "A")
	require.False(t, tr.Distance.Reachable)
	require.Equal(t, "no failure of A can fire it: its score has no material band", tr.Distance.Why)
}

// TestCapReachedTrigger: a cap-reached trigger is as near as the nearest
// cap; its state lists every cap's headroom.
func TestCapReachedTrigger(t *testing.T) {
	c := base()
	c.Credits.Caps = credits.Caps{Month: ptr("1.2"), Rolling: ptr("1")}
	c.Credits.Triggers = []credits.Trigger{{Name: "cap reached", Kind: credits.CapReached}}
	// Rolling: 4000.00 over April to July, 3000.00 paid: 1000.00 left, A
	// red reaches it; the monthly cap needs two failures.
	tr := triggerOf(t, compute(t, c, map[string]string{"A": "rrr", "B": "ggg"}, "2021-06"), "cap reached", "")
	require.Equal(t, "headroom next month: month 1200.00 left, rolling-12-months 1000.00 left", tr.State)
	require.Equal(t, 1, tr.Distance.Failures)
	require.True(t, strings.HasPrefix(tr.Distance.Why, "the rolling-12-months cap: 1 failure next month"), tr.Distance.Why)
}

// TestNextFailureWithoutWorstValue: a shortfall on a lower-is-better
// count has no worst value to score a red month with no value at; the
// next failure is simulated amber, at the MSL.
func TestNextFailureWithoutWorstValue(t *testing.T) {
	c := base()
	c.KPIs[1].Unit, c.KPIs[1].Direction, c.KPIs[1].Precision = kpi.Count, kpi.LowerIsBetter, kpi.Precision{Places: 0, Rounding: kpi.HalfUp}
	c.KPIs[1].Schedule = kpi.Constant(kpi.MustLevels("3", "5"))
	c.Credits.Regime = scheme.Scheme{
		Scores: []scheme.Score{
			{KPIs: []string{"A"}, Status: &scheme.StatusScore{Amber: dec("1"), Red: dec("2")}},
			{KPIs: []string{"B"}, Shortfall: &scheme.Shortfall{Direction: kpi.LowerIsBetter, Target: dec("3"), Rate: dec("1"), Value: scheme.AsMeasured}},
		},
		Price: scheme.Price{Basis: scheme.PerPoint, Value: dec("100.00")},
	}
	ms := statuses(map[string]string{"A": "g"})
	ms = append(ms, kpi.Measurement{KPI: "B", Org: "X", Month: month("2021-04"), Value: dec("2")})
	o, err := outlook.Compute(c, contract.Input{Measurements: ms}, month("2021-04"))
	require.NoError(t, err)
	b := o.KPIs[1].Next
	require.Equal(t, kpi.Amber, b.Status)
	require.Equal(t, "2", b.Points.String(), b.Rule)
	require.Equal(t, "200.00", money(b.Amount))
}

// TestAsOfProblems: the month must be in the term and measured by.
func TestAsOfProblems(t *testing.T) {
	c := base()
	ms := statuses(map[string]string{"A": "gg", "B": "gg"})
	for _, tc := range []struct {
		name string
		in   contract.Input
		asOf string
		err  string
	}{
		{"before commencement", contract.Input{Measurements: ms}, "2021-03", "outlook as of 2021-03: not within the contract's term 2021-04..2023-03: no outlook as of that month"},
		{"nothing measured", contract.Input{}, "2021-05", "outlook as of 2021-05: nothing measured: no outlook as of that month"},
		{"from after as-of", contract.Input{From: month("2021-06"), Measurements: ms}, "2021-05", "outlook as of 2021-05: the first month evaluated, 2021-06, is after it: no outlook as of that month"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := outlook.Compute(c, tc.in, month(tc.asOf))
			require.EqualError(t, err, tc.err)
			require.ErrorIs(t, err, outlook.ErrAsOf)
		})
	}
}

// TestTermEnds: as of the term's last month nothing lies ahead.
func TestTermEnds(t *testing.T) {
	c := base()
	c.Term = 3
	c.Credits.Caps = credits.Caps{Month: ptr("1")}
	c.Credits.Triggers = []credits.Trigger{{Name: "t", Kind: credits.ConsecutiveFailures, Months: 2}}
	o := compute(t, c, map[string]string{"A": "rrr", "B": "ggg"}, "2021-06")
	require.True(t, o.Next.IsZero())
	require.Empty(t, o.Caps)
	require.Empty(t, o.Forecast.Left)
	tr := triggerOf(t, o, "t", "A")
	require.Equal(t, "the term ends with 2021-06", tr.Distance.Why)
	require.Equal(t, money(o.ToDate.Credit), money(o.Forecast.Greatest.YearEnd))
}
