package credits_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// withTriggers adds generated triggers of every kind to s's rules.
func withTriggers(t *rapid.T, s schemeScenario) schemeScenario {
	n := rapid.IntRange(2, 6).Draw(t, "window")
	s.rules.Triggers = []credits.Trigger{
		{Name: "points", Kind: credits.PointsInWindow, Points: decimal.NewFromInt(rapid.Int64Range(1, 20).Draw(t, "trigger points")), Months: n},
		{Name: "in a row", Kind: credits.ConsecutiveFailures, Months: rapid.IntRange(2, 4).Draw(t, "run")},
		{Name: "j of k", Kind: credits.FailuresInWindow, Months: n, Failures: rapid.IntRange(1, n).Draw(t, "failures")},
		{Name: "material", Kind: credits.MaterialFailure},
		{Name: "cap", Kind: credits.CapReached},
	}
	return s
}

// eventKeys names each event other than a cap's: its trigger, month, KPI
// and organisation.
func eventKeys(led *credits.Ledger) map[string]bool {
	out := map[string]bool{}
	for _, e := range led.Events {
		if e.Kind != credits.CapReached {
			out[fmt.Sprintf("%s %s %s %s", e.Trigger, e.Month, e.KPI, e.Org)] = true
		}
	}
	return out
}

// A Scheme's ledger, with caps, triggers, a critical failure rule and an
// incident rule drawn, is what internal/reference, the plain second
// implementation, works out.
func TestPropertySchemeMatchesReference(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := withTriggers(t, genSchemeScenario(t))
		ids := map[string]bool{}
		for _, p := range s.periods {
			for i := range p.Outcomes {
				if o := &p.Outcomes[i]; o.Kind == kpi.KPI {
					ids[o.KPI] = true
				}
				if rapid.IntRange(0, 2).Draw(t, "incident") == 0 {
					p.Outcomes[i].Incidents = []string{rapid.SampledFrom([]string{"I1", "I2"}).Draw(t, "ref")}
				}
			}
		}
		for _, id := range slices.Sorted(maps.Keys(ids)) {
			if rapid.IntRange(0, 3).Draw(t, "critical "+id) == 0 {
				k := credits.CriticalKPI{KPI: id, Red: rapid.Bool().Draw(t, "red "+id)}
				if !k.Red {
					k.Level = pct(decimal.NewFromInt(rapid.Int64Range(90, 99).Draw(t, "level "+id)).String())
				}
				s.rules.Critical.KPIs = append(s.rules.Critical.KPIs, k)
			}
		}
		s.rules.Critical.Capped = len(s.rules.Critical.KPIs) > 0 && rapid.Bool().Draw(t, "capped")
		s.rules.Incidents.Rule = rapid.SampledFrom([]credits.IncidentRule{credits.AllCount, credits.HighestOnly}).Draw(t, "incident rule")
		matchesReference(t, s.rules, s.periods, calc(t, s.rules, s.periods))
	})
}

// Events are deterministic: the same rules and months give the same
// events, with the same evidence, from Calculate and from a Book.
func TestPropertyEventsDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := withTriggers(t, genSchemeScenario(t))
		a, b := calc(t, s.rules, s.periods), calc(t, s.rules, clonePeriods(s.periods))
		if diff := cmp.Diff(a.Events, b.Events); diff != "" {
			t.Fatalf("events differ between runs:\n%s", diff)
		}
		book, err := credits.Open(s.rules)
		if err != nil {
			t.Fatal(err)
		}
		var fed []credits.Event
		for _, p := range s.periods {
			if _, _, err := book.Add(p); err != nil {
				t.Fatal(err)
			}
			fed = append(fed, book.Events()...)
		}
		if diff := cmp.Diff(a.Events, fed); diff != "" {
			t.Fatalf("a Book's events differ from Calculate's:\n%s", diff)
		}
	})
}

// A better month never adds an event: improving one measurement leaves
// only events (other than a cap's, whose headroom moves between months and
// caps) that were raised before.
func TestPropertyBetterMonthAddsNoEvent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := withTriggers(t, genSchemeScenario(t))
		changed, i, j := pick(t, s.periods)
		o := &changed[i].Outcomes[j]
		if o.Absent == kpi.NotDue {
			t.Skip("not due")
		}
		setValue(o, decimal.Min(o.Measured.Value.Add(decimal.New(rapid.Int64Range(1, 100).Draw(t, "improvement"), -1)), dec("100")))
		before, after := eventKeys(calc(t, s.rules, s.periods)), eventKeys(calc(t, s.rules, changed))
		for k := range after {
			if !before[k] {
				t.Fatalf("event %q raised only after the improvement", k)
			}
		}
	})
}
