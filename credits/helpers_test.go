package credits_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/joined"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// cmpMonth compares months, whose only field is unexported; decimals
// compare with their Equal method.
var cmpMonth = cmp.Comparer(func(a, b kpi.Month) bool { return a == b })

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func pct(s string) *decimal.Decimal {
	v := dec(s)
	return &v
}

func month(s string) kpi.Month { return kpi.MustParseMonth(s) }

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

// kpiOutcome is a credit-bearing outcome with status s, unmitigated, for
// charges of 100000.
func kpiOutcome(id string, s kpi.Status) credits.Outcome {
	return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: s, Status: s, Charges: dec("100000")}
}

// period is a month of contract year year with charges of 100000, year
// charges of 1200000, and A and B with the given statuses.
func period(m string, year int, a, b kpi.Status) credits.Period {
	return credits.Period{
		Month: month(m), Year: year, Charges: dec("100000"), YearCharges: dec("1200000"),
		Outcomes: []credits.Outcome{kpiOutcome("A", a), kpiOutcome("B", b)},
	}
}

// placed returns the problems in err, one a line, each as its path and
// message: "Regime.Weights[2].Points: points regime: ...". Every problem
// must be a *credits.Error.
func placed(t testing.TB, err error) string {
	t.Helper()
	var lines []string
	for _, e := range joined.Split(err) {
		var ce *credits.Error
		require.ErrorAs(t, e, &ce)
		lines = append(lines, ce.Path+": "+e.Error())
	}
	return strings.Join(lines, "\n")
}
