package credits_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// Priced per cent per point, a scheme's lines keep the points they score
// priced per point: the price never changes what a line scores, only what
// it costs. And each line whose points are exact (no Deduction's fraction)
// costs its points x Percent/100 x its charges, rounded once as money.
func TestPropertyPercentPerPointKeepsPoints(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchemeScenario(t)
		sch := s.rules.Regime.(scheme.Scheme)
		if sch.Price.Basis == scheme.PercentOfCharges {
			t.Skip("scored in per cents of the charges, some of them only so priced")
		}
		pct := decimal.New(rapid.Int64Range(1, 10000).Draw(t, "percent per point"), -2)
		perPoint, perCent := s.rules, s.rules
		a, b := sch, sch
		a.Price = scheme.Price{Basis: scheme.PerPoint, Value: decimal.NewFromInt(1)}
		b.Price = scheme.Price{Basis: scheme.PercentPerPoint, Percent: pct}
		perPoint.Regime, perCent.Regime = a, b
		perPoint.Caps, perCent.Caps = credits.Caps{}, credits.Caps{}
		want, got := calc(t, perPoint, s.periods), calc(t, perCent, s.periods)
		checkSums(t, got)
		k := 0
		for _, p := range s.periods {
			for _, o := range p.Outcomes {
				w, g := want.Lines[k], got.Lines[k]
				k++
				if !g.Points.Equal(w.Points) {
					t.Fatalf("%s %s: %s points priced per cent per point, %s per point", o.KPI, p.Month, g.Points, w.Points)
				}
				exact := true
				for _, sc := range sch.Scores {
					if sc.Deduction != nil && sc.KPIs[0] == o.KPI {
						exact = false
					}
				}
				if exact && !g.Amount.Equal(perCent.Money.Round(o.Charges.Mul(g.Points).Mul(pct).Shift(-2))) {
					t.Fatalf("%s %s: %s points at %s%% of %s cost %s", o.KPI, p.Month, g.Points, pct, o.Charges, g.Amount)
				}
			}
		}
	})
}

// A status score with no amber score prices a KPI with no amber months
// (its TSL its MSL: every month green, red, unmeasured or relieved) as
// the same score with any amber score does: the amber score is never
// read.
func TestPropertyNoAmberNeverReadsAmber(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSchemeScenario(t)
		sch := s.rules.Regime.(scheme.Scheme)
		red := decimal.NewFromInt(rapid.Int64Range(0, 9).Draw(t, "red score"))
		amber := decimal.NewFromInt(rapid.Int64Range(0, red.IntPart()).Draw(t, "amber score"))
		with, without := sch, sch
		with.Scores, without.Scores = nil, nil
		for _, sc := range sch.Scores {
			with.Scores = append(with.Scores, scheme.Score{KPIs: sc.KPIs, Status: &scheme.StatusScore{Amber: amber, Red: red}})
			without.Scores = append(without.Scores, scheme.Score{KPIs: sc.KPIs, Status: &scheme.StatusScore{Red: red, NoAmber: true}})
		}
		if sch.Price.Basis == scheme.PercentOfCharges || sch.Price.Basis == scheme.PointsTable {
			with.Price = scheme.Price{Basis: scheme.PercentPerPoint, Percent: decimal.New(15, -1)}
			without.Price = with.Price
		}
		a, b := s.rules, s.rules
		a.Regime, b.Regime = with, without
		for i := range s.periods {
			for j := range s.periods[i].Outcomes {
				if o := &s.periods[i].Outcomes[j]; o.Status == kpi.Amber {
					o.Status, o.Raw = kpi.Red, kpi.Red
					o.Measured.Status = kpi.Red
				}
			}
		}
		want, got := calc(t, a, s.periods), calc(t, b, s.periods)
		checkSums(t, got)
		if want.Total.Cmp(got.Total) != 0 || len(want.Lines) != len(got.Lines) {
			t.Fatalf("no amber score: total %s, with one %s", got.Total, want.Total)
		}
		for i := range want.Lines {
			if !want.Lines[i].Amount.Equal(got.Lines[i].Amount) || !want.Lines[i].Points.Equal(got.Lines[i].Points) {
				t.Fatalf("line %d: %s for %s points with no amber score, %s for %s with one", i,
					got.Lines[i].Amount, got.Lines[i].Points, want.Lines[i].Amount, want.Lines[i].Points)
			}
		}
	})
}
