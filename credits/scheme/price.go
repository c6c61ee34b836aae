package scheme

import (
	"cmp"
	"fmt"
	"math"
	"math/bits"
	"slices"

	"github.com/servicecredit/engine/credits/internal/problems"
	"github.com/servicecredit/engine/internal/fixed"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
)

// Ratchet is one marginal band of a per-point price: every point of a
// month above Above costs Multiplier times the point's value, until the
// next Ratchet's Above, as tax brackets do.
type Ratchet struct {
	Above      decimal.Decimal // the points of a month above which the multiplier applies, not below the Allowance
	Multiplier decimal.Decimal // 1 or more, not below the previous band's

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// TableRow is one row of a points table: a month with at least Points
// points in total loses Percent per cent of its charges, unless a later
// row with more points applies.
type TableRow struct {
	Points  decimal.Decimal // the least total points for the row, 0 or more
	Percent decimal.Decimal // per cent of the month's charges, 0 to 100

	_ [0]func() // forbid ==, which compares decimals wrongly
}

// Price turns a Scheme's scores into money, one of three ways (Basis):
//
//   - PerPoint: a point is worth Value in money. The first Allowance points
//     of each month cost nothing, the points above Allowance cost Value
//     each, and the points above each Ratchet's Above cost its Multiplier
//     times Value: with Allowance 20 and Ratchets above 100 at x1.2 and
//     above 200 at x1.5, points 21-100 cost x1.0, 101-200 x1.2 and 201 on
//     x1.5. A month's points are counted in outcome order: each line costs
//     what its own points add to the month's cost, rounded once per line.
//     Because multipliers never fall, a line's points never cost less
//     than an earlier line's would, and fewer points before it never make
//     it dearer.
//   - PointsTable: the month's total points look up a percentage of the
//     month's charges (credits.Period.Charges) in Table, a step function (the row
//     with the most Points not above the total; none: nothing). The
//     month's credit, rounded once, is split over its lines in proportion
//     to their points by largest remainder, so the lines add up to it
//     exactly. A line's share can rise when another KPI improves, but the
//     month's credit never does.
//   - PercentOfCharges: each score is a percentage of the outcome's
//     charges, rounded once per line.
//   - PercentPerPoint: each point is worth Percent per cent of the
//     outcome's charges, as the UK Model Services Agreement prices its
//     service points (service credit = service points x Percent% x the
//     charges): a line costs points x Percent/100 x charges, rounded once
//     per line. With Percent 0.5, 6 points on charges of 100,000.00 cost
//     6 x 0.5% x 100,000.00 = 3,000.00. A Deduction's points are priced
//     from their exact fraction.
//
// Whatever the basis, a line that scored shows its score, escalated, as
// its Points (a Deduction's to DeductionPlaces), which points-in-window
// triggers add up.
//
// Fields that do not belong to the Basis must be zero. The zero Price is
// invalid: it names no basis.
type Price struct {
	Basis     PriceBasis      // how scores become money
	Value     decimal.Decimal // PerPoint: money per point, above 0
	Allowance decimal.Decimal // PerPoint: the points of a month that cost nothing, 0 or more
	Ratchet   []Ratchet       // PerPoint: the marginal bands above the Allowance, by Above ascending
	Table     []TableRow      // PointsTable: by Points ascending, no Points twice, Percent never falling
	Percent   decimal.Decimal // PercentPerPoint: per cent of the outcome's charges a point is worth, above 0, at most 100

	_ [0]func() // forbid ==, which compares decimals wrongly
}

func (p Price) problems() []problems.Problem {
	var out []problems.Problem
	bad := func(path, format string, args ...any) {
		out = append(out, problems.Newf(path, "", "price: "+format, args...))
	}
	if !priceWords.Valid(p.Basis) {
		bad("Basis", "basis not set (want one of %s)", priceWords.Join())
		return out
	}
	if p.Basis != PerPoint {
		if !p.Value.IsZero() || !p.Allowance.IsZero() || len(p.Ratchet) > 0 {
			bad("Basis", "value, allowance and ratchet are for per-point, not %s", p.Basis)
		}
	}
	if p.Basis != PointsTable && len(p.Table) > 0 {
		bad("Basis", "table is for points-table, not %s", p.Basis)
	}
	if p.Basis != PercentPerPoint && !p.Percent.IsZero() {
		bad("Basis", "percent is for percent-per-point, not %s", p.Basis)
	}
	switch p.Basis {
	case PerPoint:
		if p.Value.Sign() <= 0 {
			bad("Value", "value %s per point is not positive", kpi.FormatValue(p.Value))
		}
		if p.Allowance.Sign() < 0 {
			bad("Allowance", "allowance %s points is negative", kpi.FormatValue(p.Allowance))
		}
		prevAbove, prevMult := p.Allowance, one
		for i, r := range p.Ratchet {
			at := func() string { return fmt.Sprintf("Ratchet[%d]", i) } // written only for a problem
			if fixed.Compare(r.Above, prevAbove) < 0 || (i > 0 && r.Above.Equal(prevAbove)) {
				bad(at(), "ratchet %d: above %s points not above %s", i+1, kpi.FormatValue(r.Above), kpi.FormatValue(prevAbove))
			}
			if fixed.Compare(r.Multiplier, prevMult) < 0 {
				bad(at(), "ratchet %d: multiplier %s below %s", i+1, kpi.FormatValue(r.Multiplier), kpi.FormatValue(prevMult))
			}
			prevAbove, prevMult = r.Above, decimal.Max(prevMult, r.Multiplier)
		}
	case PercentPerPoint:
		if p.Percent.Sign() <= 0 || fixed.Compare(p.Percent, hundred) > 0 {
			bad("Percent", "percent %s%% per point outside (0, 100]", kpi.FormatValue(p.Percent))
		}
	case PointsTable:
		if len(p.Table) == 0 {
			bad("Table", "no table rows")
		}
		for i, r := range p.Table {
			at := func() string { return fmt.Sprintf("Table[%d]", i) } // written only for a problem
			if r.Points.Sign() < 0 {
				bad(at(), "table row %d: %s points is negative", i+1, kpi.FormatValue(r.Points))
			}
			if r.Percent.Sign() < 0 || fixed.Compare(r.Percent, hundred) > 0 {
				bad(at(), "table row %d: %s%% outside 0..100", i+1, kpi.FormatValue(r.Percent))
			}
			if i > 0 {
				q := p.Table[i-1]
				if fixed.Compare(r.Points, q.Points) <= 0 {
					bad(at(), "table row %d: %s points not above row %d's %s", i+1, kpi.FormatValue(r.Points), i, kpi.FormatValue(q.Points))
				}
				if fixed.Compare(r.Percent, q.Percent) < 0 {
					bad(at(), "table row %d: %s%% below row %d's %s%%", i+1, kpi.FormatValue(r.Percent), i, kpi.FormatValue(q.Percent))
				}
			}
		}
	}
	return out
}

// segment is a run of a month's points with one multiplier: points
// (lo, hi], or above lo when open.
type segment struct {
	lo, hi decimal.Decimal
	open   bool
	mult   decimal.Decimal
}

func (p Price) segments() []segment {
	segs := []segment{{lo: decimal.Zero, hi: p.Allowance, mult: decimal.Zero}}
	lo, mult := p.Allowance, decimal.NewFromInt(1)
	for _, r := range p.Ratchet {
		segs = append(segs, segment{lo: lo, hi: r.Above, mult: mult})
		lo, mult = r.Above, r.Multiplier
	}
	return append(segs, segment{lo: lo, open: true, mult: mult})
}

// perPoint prices points (from, from+n] of a month, each given times
// den, over the price's segments: it returns the weighted points, times
// den, and appends a description of each run, such as "5 free, 10 at x1".
func (p Price) perPoint(b []byte, segs []segment, from, n, den decimal.Decimal) (decimal.Decimal, []byte) {
	to := from.Add(n)
	var weighted decimal.Decimal
	first := true
	for _, s := range segs {
		slo, shi := s.lo, s.hi
		if !isOne(den) {
			slo, shi = slo.Mul(den), shi.Mul(den)
		}
		lo, hi := decimal.Max(from, slo), to
		if !s.open {
			hi = decimal.Min(to, shi)
		}
		if hi.Cmp(lo) <= 0 {
			continue
		}
		k := hi.Sub(lo)
		weighted = weighted.Add(k.Mul(s.mult))
		if !first {
			b = append(b, ", "...)
		}
		first = false
		b = appendFrac(b, k, den)
		if s.mult.IsZero() {
			b = append(b, " free"...)
		} else {
			b = fixed.AppendValue(append(b, " at x"...), s.mult)
		}
	}
	return weighted, b
}

// row returns the table's percentage for a month's total points, given
// times den.
func (p Price) row(total, den decimal.Decimal) (decimal.Decimal, int) {
	pct, at := decimal.Zero, 0
	t, scale := fixed.Of(total), !isOne(den)
	for i, r := range p.Table {
		pts := fixed.Of(r.Points)
		if scale {
			pts = pts.Mul(fixed.Of(den))
		}
		if pts.Cmp(t) <= 0 {
			pct, at = r.Percent, i+1
		}
	}
	return pct, at
}

// splitScratch divides a month's credit over its lines, reusing its
// memory month after month. The parts split returns are its own, valid
// until the next split.
type splitScratch struct {
	parts []decimal.Decimal
	ints  []int64 // the weights as integers at one exponent, then the parts' coefficients
	rems  []int64 // the remainders, on one scale
	order []int   // the weights above zero, then by remainder
}

// split divides whole, a money amount with places decimals, in proportion
// to weights (0 or more, not all zero) by largest remainder: each part is
// its exact share truncated to places, and the units left over go one
// each to the largest remainders, ties to the earlier part. The parts add
// up to whole exactly. It works in integers when whole, the weights and
// their products fit an int64 (splitSmall), and in decimals otherwise
// (splitDecimal); both give the same parts.
func (s *splitScratch) split(whole decimal.Decimal, weights []decimal.Decimal, places int32) []decimal.Decimal {
	s.parts = slices.Grow(s.parts[:0], len(weights))[:len(weights)]
	clear(s.parts)
	if !s.splitSmall(whole, weights, places) {
		s.splitDecimal(whole, weights, places)
	}
	return s.parts
}

// splitDecimal splits as split does, in decimals, into s.parts.
func (s *splitScratch) splitDecimal(whole decimal.Decimal, weights []decimal.Decimal, places int32) {
	parts := s.parts
	var total decimal.Decimal
	for _, w := range weights {
		if w.Sign() != 0 {
			total = total.Add(w)
		}
	}
	rems := make([]decimal.Decimal, len(weights))
	var sum decimal.Decimal
	order := s.order[:0] // the weights above zero: a zero weight gets nothing
	for i, w := range weights {
		if w.Sign() == 0 {
			continue
		}
		q, r := whole.Mul(w).QuoRem(total, places)
		parts[i], rems[i] = q, r
		sum = sum.Add(q)
		order = append(order, i)
	}
	s.order = order
	unit := decimal.New(1, -places)
	slices.SortStableFunc(order, func(a, b int) int { return rems[b].Cmp(rems[a]) })
	for k := 0; whole.Sub(sum).Cmp(unit) >= 0 && k < len(order); k++ {
		parts[order[k]] = parts[order[k]].Add(unit)
		sum = sum.Add(unit)
	}
}

// splitSmall splits as split does, in integers, into s.parts, and reports
// whether it could: whole must have exponent -places (as money rounded to
// places has) and the weights must fit an int64 at their smallest
// exponent, with their total.
//
// At one exponent the weights are integers k with total T, and whole is W
// units of 10^-places; part i is then W x k/T units, truncated, and its
// remainder W x k mod T, on the same scale for every part.
func (s *splitScratch) splitSmall(whole decimal.Decimal, weights []decimal.Decimal, places int32) bool {
	w, ok := fixed.Coefficient(whole)
	if !ok || w < 0 || whole.Exponent() != -places {
		return false
	}
	exp := int32(math.MaxInt32)
	for _, x := range weights {
		if x.Sign() != 0 {
			exp = min(exp, x.Exponent())
		}
	}
	s.ints = slices.Grow(s.ints[:0], len(weights))[:len(weights)]
	s.rems = slices.Grow(s.rems[:0], len(weights))[:len(weights)]
	var total int64
	for i, x := range weights {
		s.ints[i] = 0
		if x.Sign() == 0 {
			continue
		}
		c, ok := fixed.Coefficient(x)
		if ok {
			c, ok = fixed.Scale(c, x.Exponent()-exp)
		}
		if ok {
			total, ok = fixed.AddInt(total, c)
		}
		if !ok || c < 0 {
			return false
		}
		s.ints[i] = c
	}
	if total <= 0 {
		return false
	}
	order, sum := s.order[:0], int64(0)
	for i, k := range s.ints {
		if k == 0 {
			continue
		}
		hi, lo := bits.Mul64(uint64(w), uint64(k))
		q, r := bits.Div64(hi, lo, uint64(total)) // hi < total, as k <= total
		s.ints[i], s.rems[i] = int64(q), int64(r)
		sum += int64(q)
		order = append(order, i)
	}
	s.order = order
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s.rems[b], s.rems[a]) })
	for k := 0; sum < w && k < len(order); k++ {
		s.ints[order[k]]++
		sum++
	}
	for _, i := range order {
		s.parts[i] = decimal.New(s.ints[i], -places)
	}
	return true
}
