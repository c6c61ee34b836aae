package reference

import (
	"fmt"
	"math/big"
	"slices"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// regimeLines prices p under the rules' regime: one credit line per
// outcome, in order.
func (s *state) regimeLines(p credits.Period) ([]Line, error) {
	switch r := s.rules.Regime.(type) {
	case credits.None:
		var lines []Line
		for _, o := range p.Outcomes {
			lines = append(lines, Line{Kind: credits.CreditLine, KPI: o.KPI, Org: o.Org, Points: decimal.Zero, Amount: decimal.Zero})
		}
		return lines, nil
	case credits.Points:
		return s.pointsLines(r, p)
	case scheme.Scheme:
		return s.schemeLines(r, p)
	case credits.Pool:
		return poolLines(r, p, s.rules.Money)
	}
	return nil, fmt.Errorf("%w: regime %T", errRules, s.rules.Regime)
}

// linesFor prices p under the regime: the whole month at once or, with
// the rules' PerOrganisation, each organisation's outcomes as a month of
// their own, on that organisation's charges.
func (s *state) linesFor(p credits.Period) ([]Line, error) {
	if !s.rules.PerOrganisation {
		return s.regimeLines(p)
	}
	lines := make([]Line, len(p.Outcomes))
	done := map[string]bool{}
	for _, o := range p.Outcomes {
		if done[o.Org] {
			continue
		}
		done[o.Org] = true
		own := credits.Period{Month: p.Month, Year: p.Year, Charges: o.Charges, YearCharges: p.YearCharges}
		var at []int
		for i, x := range p.Outcomes {
			if x.Org == o.Org {
				if !x.Charges.Equal(o.Charges) {
					return nil, fmt.Errorf("%w: organisation %q has two charges in %s", errRules, o.Org, p.Month)
				}
				own.Outcomes = append(own.Outcomes, x)
				at = append(at, i)
			}
		}
		got, err := s.regimeLines(own)
		if err != nil {
			return nil, err
		}
		for k, i := range at {
			lines[i] = got[k]
		}
	}
	return lines, nil
}

// pointsLines prices p under the points regime: a failed KPI-month loses
// its Amber or Red fraction of the points in force, each point worth
// PointValue per cent of the outcome's charges.
func (s *state) pointsLines(r credits.Points, p credits.Period) ([]Line, error) {
	var lines []Line
	for _, o := range p.Outcomes {
		l := Line{Kind: credits.CreditLine, KPI: o.KPI, Org: o.Org, Points: decimal.Zero, Amount: decimal.Zero}
		if o.Kind == kpi.KPI && !o.Relief && (o.Status == kpi.Amber || o.Status == kpi.Red) {
			var points *big.Rat
			var from kpi.Month
			for _, w := range r.Weights {
				if w.KPI == o.KPI && !w.From.After(p.Month) && (points == nil || w.From.After(from)) { // no From: the earliest
					points, from = rat(w.Points), w.From
				}
			}
			if points == nil {
				return nil, fmt.Errorf("%w: %s has no points in %s", errRules, o.KPI, p.Month)
			}
			frac := rat(r.Red)
			if o.Status == kpi.Amber {
				frac = rat(r.Amber)
			}
			lost := new(big.Rat).Mul(points, frac)
			l.Points, l.Failed = dec(lost), true
			l.Amount = round(s.rules.Money, percent(new(big.Rat).Mul(rat(o.Charges), lost), rat(r.PointValue)))
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// poolLines prices p under an at-risk pool: a failed KPI-month loses its
// Amber or Red fraction of its allocation, AtRisk per cent of the
// outcome's charges times its category's share times its own, each a per
// cent.
func poolLines(r credits.Pool, p credits.Period, money credits.Money) ([]Line, error) {
	var lines []Line
	for _, o := range p.Outcomes {
		l := Line{Kind: credits.CreditLine, KPI: o.KPI, Org: o.Org, Points: decimal.Zero, Amount: decimal.Zero}
		if o.Kind == kpi.KPI && !o.Relief && (o.Status == kpi.Amber || o.Status == kpi.Red) {
			var share *big.Rat // the category's share of the at-risk amount times the KPI's, per cent of per cent
			for _, c := range r.Categories {
				for _, x := range c.KPIs {
					if x.KPI == o.KPI {
						share = new(big.Rat).Mul(rat(c.Share), rat(x.Share))
					}
				}
			}
			if share == nil {
				return nil, fmt.Errorf("%w: %s is in no category", errRules, o.KPI)
			}
			frac := rat(r.Red)
			if o.Status == kpi.Amber {
				frac = rat(r.Amber)
			}
			lost := new(big.Rat).Mul(rat(r.AtRisk), share)
			lost.Mul(lost, frac).Quo(lost, big.NewRat(100*100, 1)) // per cent of the charges
			l.Points, l.Failed = dec(lost), lost.Sign() > 0
			l.Amount = round(money, percent(rat(o.Charges), lost))
		}
		lines = append(lines, l)
	}
	return lines, nil
}

// pending is a line of a month whose score is still to be priced.
type pending struct {
	line      int
	score     *big.Rat // escalated, above zero
	deduction bool     // a Deduction's score: shown to scheme.DeductionPlaces
}

// schemeLines prices p under Scheme sc, outcome by outcome: the score of a
// failed KPI-month, the amber rule, repeat escalation, then the price of
// the month's scores.
func (s *state) schemeLines(sc scheme.Scheme, p credits.Period) ([]Line, error) {
	amberRule := sc.Amber != scheme.AmberRule{}
	repeat := sc.Repeat.Nth != 0
	var lines []Line
	var pend []pending
	for i, o := range p.Outcomes {
		lines = append(lines, Line{Kind: credits.CreditLine, KPI: o.KPI, Org: o.Org, Points: decimal.Zero, Amount: decimal.Zero})
		if o.Kind != kpi.KPI {
			continue
		}
		var part scheme.Score
		found := false
		for _, score := range sc.Scores {
			if slices.Contains(score.KPIs, o.KPI) {
				part, found = score, true
			}
		}
		if !found {
			return nil, fmt.Errorf("%w: %s is in no score", errRules, o.KPI)
		}
		k := key{o.KPI, o.Org}
		switch {
		case o.Status == kpi.Green:
			s.hist[k] = append(s.hist[k], scored{month: p.Month})
			continue
		case o.Status == kpi.Unmeasured && o.Absent == kpi.NotDue:
			continue // no measurement period
		case o.Status == kpi.Unmeasured:
			s.hist[k] = append(s.hist[k], scored{month: p.Month})
			continue
		}
		score, band, material, deduction, err := scoreOf(part, o)
		if err != nil {
			return nil, err
		}
		h := s.hist[k]
		if amberRule && o.Status == kpi.Amber {
			n := 1
			for _, e := range h {
				if e.statusFail && p.Month.Sub(e.month) < sc.Amber.Within {
					n++
				}
			}
			if n < sc.Amber.Nth {
				score = new(big.Rat) // not yet a default
			}
		}
		failed := score.Sign() > 0
		if repeat && failed {
			n := 1
			for _, e := range h[max(0, len(h)-(sc.Repeat.Within-1)):] {
				if e.scoreFail {
					n++
				}
			}
			if n >= sc.Repeat.Nth {
				score = new(big.Rat).Mul(score, rat(sc.Repeat.Multiplier))
			}
		}
		counts := !o.Relief || sc.Mitigated == scheme.MitigatedCounts
		s.hist[k] = append(h, scored{month: p.Month, statusFail: counts, scoreFail: counts && failed})
		if o.Relief {
			continue // costs nothing, and no failure
		}
		l := &lines[i]
		l.Failed, l.Band, l.Material = failed, band, failed && material
		if failed {
			pend = append(pend, pending{line: i, score: score, deduction: deduction})
		}
	}
	if err := s.price(sc.Price, p, pend, lines); err != nil {
		return nil, err
	}
	return lines, nil
}

// scoreOf scores a failed outcome by its Score's one part: the score, the
// band it fell in (if the part has bands) and whether that band is
// material, and whether it is a Deduction's fraction.
func scoreOf(sc scheme.Score, o credits.Outcome) (score *big.Rat, band string, material, deduction bool, err error) {
	r := o.Result()
	hasValue := r.Status != kpi.Unmeasured
	switch {
	case sc.Status != nil:
		score, err := statusScore(sc.Status, o)
		return score, "", false, false, err
	case sc.Allocation != nil:
		a := sc.Allocation
		x := new(big.Rat).Mul(rat(a.AtRisk), rat(a.CategoryShare))
		x.Mul(x, rat(a.KPIShare))
		return x.Quo(x, big.NewRat(10_000, 1)), "", false, false, nil
	case sc.Curve != nil:
		score, err := curveScore(*sc.Curve, o)
		return score, "", false, false, err
	}
	// A value-scoring part: the direction, the value basis, the bands.
	var dir kpi.Direction
	var basis scheme.ValueBasis
	var prec kpi.Precision
	var bands []scheme.Band
	switch {
	case sc.Bands != nil:
		dir, basis, prec, bands = sc.Bands.Direction, sc.Bands.Value, sc.Bands.Precision, sc.Bands.Bands
	case sc.Shortfall != nil:
		dir, basis, prec = sc.Shortfall.Direction, sc.Shortfall.Value, sc.Shortfall.Precision
	case sc.ShortfallBands != nil:
		dir, basis, prec, bands = sc.ShortfallBands.Direction, sc.ShortfallBands.Value, sc.ShortfallBands.Precision, sc.ShortfallBands.Bands
	case sc.Deduction != nil:
		dir, basis, prec = sc.Deduction.Direction, sc.Deduction.Value, sc.Deduction.Precision
	default:
		return nil, "", false, false, fmt.Errorf("%w: a score with no part", errRules)
	}
	if r.Direction != dir {
		return nil, "", false, false, fmt.Errorf("%w: %s: the part is %s, the kpi %s", errRules, o.KPI, dir, r.Direction)
	}
	var v *big.Rat
	switch {
	case hasValue:
		v = value(r, basis, prec)
	case o.Status == kpi.Red && bands != nil:
		worst := bands[0] // the band with the most points, the first of equals
		for _, b := range bands[1:] {
			if b.Points.Cmp(worst.Points) > 0 {
				worst = b
			}
		}
		return rat(worst.Points), worst.Name, worst.Material, false, nil
	case o.Status == kpi.Red && dir == kpi.HigherIsBetter:
		v = atBasis(new(big.Rat), basis, prec)
	case o.Status == kpi.Red && r.Unit == kpi.Percent:
		v = atBasis(big.NewRat(100, 1), basis, prec)
	case o.Status == kpi.Red:
		return nil, "", false, false, fmt.Errorf("%w: %s: a lower-is-better %s has no worst value", errRules, o.KPI, r.Unit)
	default: // Amber without a value: at the msl
		v = atBasis(rat(r.Thresholds.MSL), basis, prec)
	}
	switch {
	case sc.Bands != nil:
		return inBand(bands, v, o.KPI)
	case sc.ShortfallBands != nil:
		return inBand(bands, shortfall(dir, rat(sc.ShortfallBands.Target), v), o.KPI)
	case sc.Shortfall != nil:
		short := shortfall(dir, rat(sc.Shortfall.Target), v)
		if step := rat(sc.Shortfall.Step); step.Sign() > 0 {
			n := new(big.Int).Quo(new(big.Rat).Quo(short, step).Num(), new(big.Rat).Quo(short, step).Denom())
			short = new(big.Rat).Mul(new(big.Rat).SetInt(n), step)
		}
		return short.Mul(short, rat(sc.Shortfall.Rate)), "", false, false, nil
	}
	d := sc.Deduction
	failure := v
	if dir == kpi.HigherIsBetter {
		failure = new(big.Rat).Sub(big.NewRat(100, 1), v)
	}
	allowed := new(big.Rat).Sub(big.NewRat(100, 1), rat(d.Required))
	excess := new(big.Rat).Sub(failure, allowed)
	if excess.Sign() <= 0 {
		return new(big.Rat), "", false, true, nil
	}
	x := new(big.Rat).Mul(rat(d.Available), excess)
	return x.Quo(x, rat(d.Required)), "", false, true, nil
}

// value is the value a part reads from a classification: as measured (a
// value derived from counts as its reason shows it), as the KPI rounded
// it, or rounded to the part's own precision (a derived value from its
// exact quotient).
func value(r *kpi.Result, basis scheme.ValueBasis, prec kpi.Precision) *big.Rat {
	switch basis {
	case scheme.KPIRounded:
		return rat(r.Rounded)
	case scheme.TableRounded:
		if r.Derived {
			q := new(big.Rat).Quo(rat(r.Numerator), rat(r.Denominator))
			if r.Unit == kpi.Percent {
				q.Mul(q, big.NewRat(100, 1))
			}
			return rat(roundAt(q, prec.Places, prec.Rounding))
		}
		return rat(roundAt(rat(r.Value), prec.Places, prec.Rounding))
	}
	return rat(r.Value)
}

// atBasis is a value a month without one is scored at, read as the basis
// says: rounded to the part's precision for TableRounded.
func atBasis(v *big.Rat, basis scheme.ValueBasis, prec kpi.Precision) *big.Rat {
	if basis == scheme.TableRounded {
		return rat(roundAt(v, prec.Places, prec.Rounding))
	}
	return v
}

// shortfall is how far v falls short of target in direction dir, never
// below zero.
func shortfall(dir kpi.Direction, target, v *big.Rat) *big.Rat {
	short := new(big.Rat).Sub(target, v)
	if dir == kpi.LowerIsBetter {
		short.Neg(short)
	}
	if short.Sign() < 0 {
		return new(big.Rat)
	}
	return short
}

// inBand scores v by the band holding it.
func inBand(bands []scheme.Band, v *big.Rat, id string) (*big.Rat, string, bool, bool, error) {
	for _, b := range bands {
		if b.Min != nil {
			if c := v.Cmp(rat(*b.Min)); c < 0 || (c == 0 && b.MinEdge == kpi.Strict) {
				continue
			}
		}
		if b.Max != nil {
			if c := v.Cmp(rat(*b.Max)); c > 0 || (c == 0 && b.MaxEdge == kpi.Strict) {
				continue
			}
		}
		return rat(b.Points), b.Name, b.Material, false, nil
	}
	return nil, "", false, false, fmt.Errorf("%w: %s: %s in no band", errRules, id, v.FloatString(10))
}

// price turns the month's scores into the lines' points and amounts.
func (s *state) price(pr scheme.Price, p credits.Period, pend []pending, lines []Line) error {
	money := s.rules.Money
	for _, x := range pend {
		l := &lines[x.line]
		if x.deduction {
			l.Points = roundAt(x.score, scheme.DeductionPlaces, kpi.HalfUp)
		} else {
			l.Points = dec(x.score)
		}
	}
	switch pr.Basis {
	case scheme.PerPoint:
		// Segments of a month's points with their multipliers: the
		// allowance free, then x1, then each ratchet's above its Above.
		type segment struct {
			lo, hi *big.Rat // hi nil: open
			mult   *big.Rat
		}
		segs := []segment{{lo: new(big.Rat), hi: rat(pr.Allowance), mult: new(big.Rat)}}
		lo, mult := rat(pr.Allowance), big.NewRat(1, 1)
		for _, r := range pr.Ratchet {
			segs = append(segs, segment{lo: lo, hi: rat(r.Above), mult: mult})
			lo, mult = rat(r.Above), rat(r.Multiplier)
		}
		segs = append(segs, segment{lo: lo, mult: mult})
		before := new(big.Rat)
		for _, x := range pend {
			after := new(big.Rat).Add(before, x.score)
			weighted := new(big.Rat)
			for _, sg := range segs {
				a, b := maxRat(before, sg.lo), after
				if sg.hi != nil && sg.hi.Cmp(b) < 0 {
					b = sg.hi
				}
				if b.Cmp(a) > 0 {
					weighted.Add(weighted, new(big.Rat).Mul(new(big.Rat).Sub(b, a), sg.mult))
				}
			}
			lines[x.line].Amount = round(money, weighted.Mul(weighted, rat(pr.Value)))
			before = after
		}
	case scheme.PointsTable:
		total := new(big.Rat)
		for _, x := range pend {
			total.Add(total, x.score)
		}
		if total.Sign() == 0 {
			return nil
		}
		var pct *big.Rat // the row with the most points not above the total
		var rowPoints *big.Rat
		for _, r := range pr.Table {
			if rat(r.Points).Cmp(total) <= 0 && (rowPoints == nil || rat(r.Points).Cmp(rowPoints) > 0) {
				pct, rowPoints = rat(r.Percent), rat(r.Points)
			}
		}
		if pct == nil {
			return nil
		}
		whole := round(money, percent(rat(p.Charges), pct))
		unit := new(big.Rat).SetFrac(big.NewInt(1), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(money.Places)), nil))
		parts := make([]*big.Rat, len(pend))
		rems := make([]*big.Rat, len(pend))
		sum := new(big.Rat)
		for i, x := range pend {
			share := new(big.Rat).Quo(new(big.Rat).Mul(rat(whole), x.score), total)
			parts[i] = rat(roundAt(share, money.Places, kpi.Down))
			rems[i] = new(big.Rat).Sub(share, parts[i])
			sum.Add(sum, parts[i])
		}
		order := make([]int, len(pend))
		for i := range order {
			order[i] = i
		}
		slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
		for _, i := range order {
			if new(big.Rat).Sub(rat(whole), sum).Cmp(unit) < 0 {
				break
			}
			parts[i].Add(parts[i], unit)
			sum.Add(sum, unit)
		}
		for i, x := range pend {
			lines[x.line].Amount = dec(parts[i])
		}
	case scheme.PercentOfCharges:
		for _, x := range pend {
			lines[x.line].Amount = round(money, percent(rat(p.Outcomes[x.line].Charges), x.score))
		}
	case scheme.PercentPerPoint:
		s.percentPerPoint(pr, p, pend, lines)
	default:
		return fmt.Errorf("%w: price basis %s", errRules, pr.Basis)
	}
	return nil
}

func maxRat(a, b *big.Rat) *big.Rat {
	if a.Cmp(b) >= 0 {
		return a
	}
	return b
}
