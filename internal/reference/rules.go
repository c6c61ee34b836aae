package reference

import (
	"cmp"
	"fmt"
	"math/big"
	"slices"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// incidents zeroes the credits the incident rule takes away: for each
// incident linked to two or more lines of the month that cost money, all
// but the one the rule keeps, every incident judged on the credits before
// any was zeroed.
func (s *state) incidents(p credits.Period, lines []Line) error {
	in := s.rules.Incidents
	if in.Rule == 0 || in.Rule == credits.AllCount {
		return nil
	}
	// Every incident of the month, with the lines it caused that cost
	// money, in outcome order.
	refs := map[string]bool{}
	for _, o := range p.Outcomes {
		for _, ref := range o.Incidents {
			refs[ref] = true
		}
	}
	lost := map[int]bool{}
	for ref := range refs {
		var is []int
		for i, o := range p.Outcomes {
			if slices.Contains(o.Incidents, ref) && lines[i].Amount.Sign() > 0 {
				is = append(is, i)
			}
		}
		if len(is) < 2 {
			continue
		}
		keep := -1
		switch in.Rule {
		case credits.HighestOnly:
			for _, i := range is {
				if keep < 0 {
					keep = i
					continue
				}
				a, b := lines[i], lines[keep]
				if c := a.Amount.Cmp(b.Amount); c > 0 || (c == 0 && cmp.Or(cmp.Compare(a.KPI, b.KPI), cmp.Compare(a.Org, b.Org)) < 0) {
					keep = i
				}
			}
		case credits.CustomerChoice:
			var d *credits.Decision
			for j := range in.Decisions {
				if in.Decisions[j].Incident == ref && in.Decisions[j].Month == p.Month {
					d = &in.Decisions[j]
				}
			}
			if d == nil {
				return fmt.Errorf("%w: incident %s in %s: no decision", errRules, ref, p.Month)
			}
			n := 0
			for i, o := range p.Outcomes {
				if o.KPI == d.KPI && (d.Org == "" || o.Org == d.Org) && slices.Contains(o.Incidents, ref) {
					keep, n = i, n+1
				}
			}
			if n != 1 || !slices.Contains(is, keep) {
				return fmt.Errorf("%w: incident %s in %s: the decision names no one line that costs money", errRules, ref, p.Month)
			}
		default:
			return fmt.Errorf("%w: incident rule %d", errRules, in.Rule)
		}
		for _, i := range is {
			if i != keep {
				lost[i] = true
			}
		}
	}
	for i := range lost {
		lines[i].Amount = decimal.Zero
	}
	return nil
}

// critical reports whether p is a critical month: a KPI-month of a
// critical KPI, credit-bearing, failing and not relieved, is Red under a
// Red condition or has a rounded value worse than the critical level.
func critical(c credits.Critical, p credits.Period) bool {
	for _, o := range p.Outcomes {
		if o.Kind != kpi.KPI || o.Relief || (o.Status != kpi.Amber && o.Status != kpi.Red) {
			continue
		}
		for _, k := range c.KPIs {
			if k.KPI != o.KPI {
				continue
			}
			if k.Red && o.Status == kpi.Red {
				return true
			}
			r := o.Result()
			if k.Level == nil || r.Status == kpi.Unmeasured {
				continue
			}
			switch c := r.Rounded.Cmp(*k.Level); {
			case r.Direction == kpi.HigherIsBetter && c < 0, r.Direction == kpi.LowerIsBetter && c > 0:
				return true
			}
		}
	}
	return false
}

// triggers records the month's points and failures and returns the events
// the rules' triggers raise, in the order of the triggers.
func (s *state) triggers(p credits.Period, lines []Line, hits []credits.CapKind) []Event {
	pts := new(big.Rat)
	var seen []key // the KPIs with a measurement period this month, in line order
	for i, o := range p.Outcomes {
		l := lines[i]
		if l.Failed {
			pts.Add(pts, rat(l.Points))
		}
		if o.Status == kpi.Unmeasured && o.Absent == kpi.NotDue {
			continue
		}
		k := key{l.KPI, l.Org}
		s.fails[k] = append(s.fails[k], periodFail{p.Month, l.Failed})
		seen = append(seen, k)
	}
	s.points = append(s.points, monthPoints{p.Month, pts})
	var out []Event
	for _, t := range s.rules.Triggers {
		switch t.Kind {
		case credits.PointsInWindow:
			sum := new(big.Rat)
			var months []kpi.Month
			for _, x := range s.points {
				if p.Month.Sub(x.month) < t.Months && x.points.Sign() > 0 {
					sum.Add(sum, x.points)
					months = append(months, x.month)
				}
			}
			if sum.Cmp(rat(t.Points)) >= 0 {
				out = append(out, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, Months: months, Points: dec(sum)})
			}
		case credits.ConsecutiveFailures, credits.FailuresInWindow:
			need := t.Failures
			if t.Kind == credits.ConsecutiveFailures {
				need = t.Months
			}
			for _, k := range seen {
				h := s.fails[k]
				var months []kpi.Month
				for _, x := range h[max(0, len(h)-t.Months):] {
					if x.failed {
						months = append(months, x.month)
					}
				}
				if len(months) >= need {
					out = append(out, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, KPI: k.kpi, Org: k.org, Months: months, Points: decimal.Zero})
				}
			}
		case credits.CapReached:
			for _, c := range hits {
				out = append(out, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, Months: []kpi.Month{p.Month}, Points: decimal.Zero, Cap: c})
			}
		case credits.MaterialFailure:
			for i := range p.Outcomes {
				if l := lines[i]; l.Failed && l.Material {
					out = append(out, Event{Trigger: t.Name, Kind: t.Kind, Month: p.Month, KPI: l.KPI, Org: l.Org, Months: []kpi.Month{p.Month}, Points: decimal.Zero})
				}
			}
		}
	}
	return out
}

// rat is d as an exact rational.
func rat(d decimal.Decimal) *big.Rat { return d.Rat() }

// dec is x, a rational with a finite decimal expansion, as a decimal; it
// panics for any other, which no price or cap makes.
func dec(x *big.Rat) decimal.Decimal {
	ten := big.NewRat(10, 1)
	s := new(big.Rat).Set(x)
	for places := int32(0); places <= 60; places++ {
		if s.IsInt() {
			return decimal.NewFromBigInt(s.Num(), -places)
		}
		s.Mul(s, ten)
	}
	panic(fmt.Sprintf("reference: %s has no finite decimal expansion", x.RatString()))
}

// percent is pct per cent of x.
func percent(x, pct *big.Rat) *big.Rat {
	out := new(big.Rat).Mul(x, pct)
	return out.Quo(out, big.NewRat(100, 1))
}

// round rounds x as money says.
func round(m credits.Money, x *big.Rat) decimal.Decimal { return roundAt(x, m.Places, m.Rounding) }

// roundAt rounds x to places decimal places in mode: half-up (ties away
// from zero), half-even, up (away from zero), down (towards zero),
// ceiling or floor.
func roundAt(x *big.Rat, places int32, mode kpi.Rounding) decimal.Decimal {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	num := new(big.Int).Mul(x.Num(), scale) // x x 10^places is num/den
	den := x.Denom()
	floor, rem := new(big.Int).DivMod(num, den, new(big.Int)) // floor division: 0 <= rem < den
	if rem.Sign() == 0 {
		return decimal.NewFromBigInt(floor, -places)
	}
	// The value lies strictly between floor and floor+1: up or down, by
	// the mode, and for the half modes by where rem lies against den/2.
	up := false
	half := new(big.Int).Lsh(rem, 1).Cmp(den) // 2 x rem against den
	negative := x.Sign() < 0
	switch mode {
	case kpi.Ceiling:
		up = true
	case kpi.Floor:
		up = false
	case kpi.Up: // away from zero
		up = !negative
	case kpi.Down: // towards zero
		up = negative
	case kpi.HalfUp: // ties away from zero
		up = half > 0 || (half == 0 && !negative)
	case kpi.HalfEven:
		up = half > 0 || (half == 0 && floor.Bit(0) == 1)
	}
	if up {
		floor.Add(floor, big.NewInt(1))
	}
	return decimal.NewFromBigInt(floor, -places)
}
