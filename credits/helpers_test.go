package credits_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// The fixtures these tests share with credits/scheme's.
var (
	cmpMonth   = fixture.CmpMonth
	dec        = fixture.Dec
	pct        = fixture.DecPtr
	month      = fixture.Month
	kpiOutcome = fixture.KPIOutcome
	measured   = fixture.Measured
	months     = fixture.Months
	one        = fixture.One
	placed     = fixture.Placed
)

// regime is the points regime of most tests: A carries 10 points and B 5;
// Amber loses half, Red all; a point is worth 0.1% of charges. With
// charges of 100000, A costs 1000.00 when Red and 500.00 when Amber, B
// 500.00 and 250.00.
func regime() credits.Points {
	return credits.Points{
		Weights: []credits.Weight{
			{KPI: "A", From: month("2021-04"), Points: dec("10")},
			{KPI: "B", From: month("2021-04"), Points: dec("5")},
		},
		Amber: dec("0.5"), Red: dec("1"), PointValue: dec("0.1"),
	}
}

// windows are the contract's indicators: the credit-bearing KPIs A and B,
// and the PI P, which carries no credits.
func windows() []credits.Window {
	return []credits.Window{
		{KPI: "A", From: month("2021-04"), To: month("2023-03")},
		{KPI: "B", From: month("2021-04"), To: month("2023-03")},
		{KPI: "P", From: month("2021-04"), To: month("2023-03"), Uncredited: true},
	}
}

func rules() credits.Rules {
	return credits.Rules{Regime: regime(), Money: credits.Money{Places: 2, Rounding: kpi.HalfUp}}
}

// period is a month of contract year year with charges of 100000, year
// charges of 1200000, and A and B with the given statuses.
func period(m string, year int, a, b kpi.Status) credits.Period {
	return credits.Period{
		Month: month(m), Year: year, Charges: dec("100000"), YearCharges: dec("1200000"),
		Outcomes: []credits.Outcome{kpiOutcome("A", a), kpiOutcome("B", b)},
	}
}

// caseNames are the names of a table test's cases so far.
type caseNames map[string]bool

// add fails t if an earlier case was named name, and records it.
func (n caseNames) add(t testing.TB, name string) {
	t.Helper()
	require.False(t, n[name], "duplicate case name %q", name)
	n[name] = true
}
