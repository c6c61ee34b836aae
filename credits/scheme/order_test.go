package scheme_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
)

// TestSchemeOutcomeOrder: a Scheme and its triggers keep each KPI's
// history by KPI and organisation, whatever position its outcome has in a
// month. Months whose outcomes move about (a KPI moving, another taking
// its place, one missing for a month) give each KPI the lines and events
// it gets evaluated alone; nothing in these rules links one KPI's credit
// to another's.
func TestSchemeOutcomeOrder(t *testing.T) {
	rules := credits.Rules{
		Regime: scheme.Scheme{
			Scores:    []scheme.Score{{KPIs: []string{"A", "B", "C"}, Status: &scheme.StatusScore{Amber: fixture.Dec("1"), Red: fixture.Dec("2")}}},
			Amber:     scheme.AmberRule{Nth: 2, Within: 3},
			Repeat:    scheme.Repeat{Multiplier: fixture.Dec("2"), Nth: 2, Within: 3},
			Mitigated: scheme.MitigatedCounts,
			Price:     scheme.Price{Basis: scheme.PercentOfCharges},
		},
		Money: credits.Money{Places: 2, Rounding: kpi.HalfUp},
		Triggers: []credits.Trigger{
			{Name: "escalation", Kind: credits.ConsecutiveFailures, Months: 2},
			{Name: "review", Kind: credits.FailuresInWindow, Months: 3, Failures: 2},
		},
	}
	statuses := map[string][]kpi.Status{
		"A": {kpi.Red, kpi.Amber, kpi.Red, kpi.Green, kpi.Amber, kpi.Amber},
		"B": {kpi.Amber, kpi.Amber, kpi.Green, kpi.Red, kpi.Red, kpi.Red},
		"C": {kpi.Green, kpi.Red, kpi.Amber, kpi.Amber, kpi.Green, kpi.Red},
	}
	orders := [][]string{{"A", "B", "C"}, {"C", "A", "B"}, {"B", "C"}, {"A", "B", "C"}, {"C", "B", "A"}, {"B", "A", "C"}}
	periods := func(only string) []credits.Period {
		var out []credits.Period
		for i, order := range orders {
			m := fixture.Month("2021-04").AddMonths(i)
			p := credits.Period{Month: m, Year: 1, Charges: fixture.Dec("300000"), YearCharges: fixture.Dec("3600000")}
			for _, id := range order {
				if only == "" || id == only {
					p.Outcomes = append(p.Outcomes, fixture.KPIOutcome(id, statuses[id][i]))
				}
			}
			out = append(out, p)
		}
		return out
	}
	got, err := credits.Calculate(rules, periods(""))
	if err != nil {
		t.Fatal(err)
	}
	want := &credits.Ledger{}
	for _, id := range []string{"A", "B", "C"} {
		alone, err := credits.Calculate(rules, periods(id))
		if err != nil {
			t.Fatal(err)
		}
		want.Lines, want.Events = append(want.Lines, alone.Lines...), append(want.Events, alone.Events...)
	}
	byKPI := func(l *credits.Ledger) ([]credits.Line, []credits.Event) {
		lines, events := slices.Clone(l.Lines), slices.Clone(l.Events)
		slices.SortStableFunc(lines, func(a, b credits.Line) int { return a.Month.Compare(b.Month)*2 + strings.Compare(a.KPI, b.KPI) })
		slices.SortStableFunc(events, func(a, b credits.Event) int {
			return a.Month.Compare(b.Month)*4 + strings.Compare(a.Trigger, b.Trigger)*2 + strings.Compare(a.KPI, b.KPI)
		})
		return lines, events
	}
	wl, we := byKPI(want)
	gl, ge := byKPI(got)
	if diff := cmp.Diff(wl, gl, fixture.CmpMonth); diff != "" {
		t.Errorf("lines differ from each KPI's alone (-alone +together):\n%s", diff)
	}
	if diff := cmp.Diff(we, ge, fixture.CmpMonth); diff != "" {
		t.Errorf("events differ from each KPI's alone (-alone +together):\n%s", diff)
	}
	if len(we) == 0 || !slices.ContainsFunc(wl, func(l credits.Line) bool { return strings.Contains(l.Rule, "repeat") }) {
		t.Errorf("the scenario raises %d events and no repeat: it tests nothing", len(we))
	}
}
