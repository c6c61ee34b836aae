package reference_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// TestPercentPerPointMatchesEngine reprices generated schemes whose scores
// are points (status, bands, shortfall and deduction scores, with their
// amber rules, repeats, caps and triggers) at a per cent of the charges a
// point (a customer's choice of incidents made at the old price becomes
// the highest-only rule), and compares the engine's ledger with the
// reference's. It then
// checks that the repriced lines kept their points and that Deductions'
// fractions were among them.
func TestPercentPerPointMatchesEngine(t *testing.T) {
	seen := coverage{}
	var points, fractions int
	for _, g := range []synth.Regime{synth.StatusScore, synth.Bands, synth.Shortfall, synth.Deduction} {
		for n := range 20 {
			shape := synth.Shape{KPIs: 1 + n%6, Months: 1 + (n*7)%30, Orgs: 1 + n%3, Regime: g, Failures: []int{0, 10, 30, 60}[n%4]}
			p := synth.Generate(2027, n, shape)
			r := rand.New(rand.NewPCG(uint64(n), uint64(g)))
			c := *p.Contract
			s := c.Credits.Regime.(scheme.Scheme)
			if s.Price.Basis == scheme.PercentOfCharges {
				s.Scores = pointScores(s.Scores)
			}
			s.Price = scheme.Price{Basis: scheme.PercentPerPoint, Percent: decimal.New(int64(1+r.IntN(400)), -2)}
			c.Credits.Regime = s
			if c.Credits.Incidents.Rule == credits.CustomerChoice {
				// The customer decided on the lines that cost money at
				// the old price: repriced, the highest counts.
				c.Credits.Incidents = credits.Incidents{Rule: credits.HighestOnly}
			}
			p.Contract = &c
			t.Run(fmt.Sprintf("%s/%d", g, n), func(t *testing.T) {
				res := compare(t, p, seen)
				for _, l := range res.Ledger.Lines {
					if l.Amount.Sign() > 0 && l.Points.Sign() > 0 {
						points++
						if strings.Contains(l.Rule, "/") {
							fractions++
						}
					}
				}
			})
		}
	}
	if seen["price percent-per-point"] == 0 || points == 0 || fractions == 0 {
		t.Errorf("the contracts compared reached percent-per-point %d times, priced %d lines with points, %d of them fractions",
			seen["price percent-per-point"], points, fractions)
	}
}

// pointScores returns scores drawn to be per cents of the charges
// (tenths) as points: the same parts, ten times the score.
func pointScores(scores []scheme.Score) []scheme.Score {
	ten := decimal.New(10, 0)
	out := slices.Clone(scores)
	for i, sc := range out {
		switch {
		case sc.Status != nil:
			st := *sc.Status
			st.Amber, st.Red = st.Amber.Mul(ten), st.Red.Mul(ten)
			out[i].Status = &st
		case sc.Shortfall != nil:
			sf := *sc.Shortfall
			sf.Rate = sf.Rate.Mul(ten)
			out[i].Shortfall = &sf
		}
	}
	return out
}

// TestNoAmberMatchesEngine makes every credit-bearing KPI of generated
// status-scored contracts one with no amber (its MSL its TSL, with the
// same bound, in every month), gives its status scores no amber score,
// and turns each mitigation deeming a month amber into one deeming it
// red: the engine and the reference price the same ledger, which has red
// lines, and no amber.
func TestNoAmberMatchesEngine(t *testing.T) {
	seen := coverage{}
	reds := 0
	for n := range 30 {
		shape := synth.Shape{KPIs: 1 + n%6, Months: 1 + (n*7)%30, Orgs: 1 + n%3, Regime: synth.StatusScore, Failures: []int{0, 10, 30, 60}[n%4]}
		p := synth.Generate(2028, n, shape)
		c := *p.Contract
		c.KPIs = slices.Clone(c.KPIs)
		for i := range c.KPIs {
			if k := &c.KPIs[i]; k.Kind == kpi.KPI && k.Relative == 0 {
				k.Schedule = noAmber(k.Schedule)
			}
		}
		s := c.Credits.Regime.(scheme.Scheme)
		s.Scores = slices.Clone(s.Scores)
		for i, sc := range s.Scores {
			s.Scores[i].Status = &scheme.StatusScore{Red: sc.Status.Red, NoAmber: true}
		}
		c.Credits.Regime = s
		p.Contract = &c
		p.Mitigations = slices.Clone(p.Mitigations)
		for i := range p.Mitigations {
			if m := &p.Mitigations[i]; m.Effect == mitigation.Deemed && m.Deemed == kpi.Amber {
				m.Deemed = kpi.Red
			}
		}
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			res := compare(t, p, seen)
			for _, mo := range res.Months {
				for _, cell := range mo.Cells {
					if cell.Status == kpi.Amber && cell.Measured.Kind == kpi.KPI {
						t.Fatalf("%s %s: amber with no amber band", cell.Measured.KPI, mo.Month)
					}
					if cell.Credit.Failed {
						reds++
					}
				}
			}
		})
	}
	if reds == 0 {
		t.Error("the contracts compared had no red line to price")
	}
}

// noAmber returns sched with each of its thresholds' MSL its TSL, with the
// same bound: no value can meet the one and not the other.
func noAmber(sched kpi.Schedule) kpi.Schedule {
	same := func(t kpi.Thresholds) kpi.Thresholds {
		return kpi.Thresholds{TSL: t.TSL, MSL: t.TSL, TSLBound: t.TSLBound, MSLBound: t.TSLBound}
	}
	out := kpi.Schedule{Base: same(sched.Base)}
	for _, st := range sched.Glide {
		out.Glide = append(out.Glide, kpi.Step{Month: st.Month, Thresholds: same(st.Thresholds)})
	}
	for _, ch := range sched.Changes {
		out.Changes = append(out.Changes, kpi.Change{From: ch.From, Thresholds: same(ch.Thresholds), Note: ch.Note})
	}
	return out
}
