package scheme_test

import (
	"fmt"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var curveRoundings = []kpi.Rounding{kpi.HalfUp, kpi.HalfEven, kpi.Up, kpi.Down, kpi.Ceiling, kpi.Floor}

// genCurve draws a valid curve in direction dir: 2 to 5 points on values
// from 80 (one place), shares never falling towards the better end, one
// time in four a step (two points at one value); a linked payment of 0.01
// to 100 per cent; the share to 0 to 3 places, in any rounding.
func genCurve(t *rapid.T, dir kpi.Direction) scheme.Curve {
	places := int32(rapid.IntRange(0, 3).Draw(t, "earned places"))
	c := scheme.Curve{Direction: dir, Linked: decimal.New(rapid.Int64Range(1, 10_000).Draw(t, "linked"), -2),
		EarnedPrecision: kpi.Precision{Places: places, Rounding: rapid.SampledFrom(curveRoundings).Draw(t, "earned rounding")},
		Value:           rapid.SampledFrom([]scheme.ValueBasis{scheme.AsMeasured, scheme.KPIRounded, scheme.TableRounded}).Draw(t, "value basis")}
	if c.Value == scheme.TableRounded {
		c.Precision = kpi.Precision{Places: int32(rapid.IntRange(0, 1).Draw(t, "table places")), Rounding: rapid.SampledFrom(curveRoundings).Draw(t, "table rounding")}
	}
	n := rapid.IntRange(2, 5).Draw(t, "points")
	v, share := int64(800), int64(0) // tenths; the share in units of the earned places, from the worst end
	top := int64(100)
	for range places {
		top *= 10
	}
	shares := make([]int64, n)
	values := make([]int64, n)
	for i := range n {
		if i > 0 {
			stepped := i >= 2 && values[i-1] == values[i-2] // a third point at one value is invalid
			if stepped || rapid.IntRange(0, 3).Draw(t, "step") != 0 {
				v += rapid.Int64Range(1, 80).Draw(t, "value step")
			}
			share += rapid.Int64Range(0, top-share).Draw(t, "share step")
		}
		values[i], shares[i] = v, share
	}
	if dir == kpi.LowerIsBetter { // the best end first
		for i, j := 0, n-1; i < j; i, j = i+1, j-1 {
			shares[i], shares[j] = shares[j], shares[i]
		}
	}
	for i := range n {
		c.Points = append(c.Points, scheme.CurvePoint{Value: decimal.New(values[i], -1), Earned: decimal.New(shares[i], -places)})
	}
	return c
}

// curveOutcome is KPI id in direction dir measuring v (to 1 place,
// half-up), green at tsl and better, amber at msl and better, red beyond.
func curveOutcome(id string, dir kpi.Direction, v, tsl, msl, charges decimal.Decimal) credits.Outcome {
	p := kpi.Precision{Places: 1, Rounding: kpi.HalfUp}
	r := p.Apply(v)
	meets := func(level decimal.Decimal) bool {
		if dir == kpi.HigherIsBetter {
			return r.Cmp(level) >= 0
		}
		return r.Cmp(level) <= 0
	}
	s := kpi.Red
	switch {
	case meets(tsl):
		s = kpi.Green
	case meets(msl):
		s = kpi.Amber
	}
	th := kpi.MustLevels(tsl.String(), msl.String())
	return credits.Outcome{KPI: id, Kind: kpi.KPI, Raw: s, Status: s, Charges: charges,
		Measured: &kpi.Result{KPI: id, Status: s, Value: v, Rounded: r, Precision: p, Direction: dir, Kind: kpi.KPI, Unit: kpi.Percent, Thresholds: th}}
}

// curveScenario is a generated Scheme of curves, with a monthly cap now
// and then, and the months it credits.
type curveScenario struct {
	rules   credits.Rules
	curves  []scheme.Curve
	levels  [][2]decimal.Decimal // each KPI's tsl and msl
	periods []credits.Period
}

func genCurveScenario(t *rapid.T) curveScenario {
	var sc curveScenario
	s := scheme.Scheme{Price: scheme.Price{Basis: scheme.PercentOfCharges}}
	var ws []credits.Window
	for i := range rapid.IntRange(1, 3).Draw(t, "kpis") {
		id := fmt.Sprintf("K%d", i+1)
		dir := rapid.SampledFrom([]kpi.Direction{kpi.HigherIsBetter, kpi.LowerIsBetter}).Draw(t, "direction")
		c := genCurve(t, dir)
		s.Scores = append(s.Scores, scheme.Score{KPIs: []string{id}, Curve: &c})
		sc.curves = append(sc.curves, c)
		a, b := decimal.New(rapid.Int64Range(800, 1100).Draw(t, "tsl"), -1), decimal.New(rapid.Int64Range(800, 1100).Draw(t, "msl"), -1)
		if (dir == kpi.HigherIsBetter) == (a.Cmp(b) < 0) {
			a, b = b, a
		}
		sc.levels = append(sc.levels, [2]decimal.Decimal{a, b})
		ws = append(ws, credits.Window{KPI: id, From: kpi.MustParseMonth("2021-01"), To: kpi.MustParseMonth("2030-12")})
	}
	sc.rules = credits.Rules{Regime: s, Money: credits.Money{Places: 2, Rounding: rapid.SampledFrom(curveRoundings).Draw(t, "money rounding")}}
	if rapid.Bool().Draw(t, "monthly cap") {
		m := decimal.New(rapid.Int64Range(1, 2000).Draw(t, "cap"), -2)
		sc.rules.Caps.Month = &m
	}
	if err := sc.rules.Validate(ws); err != nil {
		t.Fatalf("generated rules are invalid: %v", err)
	}
	start := kpi.MustParseMonth("2021-04")
	for i := range rapid.IntRange(1, 6).Draw(t, "months") {
		p := credits.Period{Month: start.AddMonths(i), Year: 1, Charges: decimal.New(rapid.Int64Range(0, 10_000_000).Draw(t, "charges"), -2),
			YearCharges: decimal.New(1_000_000, 0)}
		for k, c := range sc.curves {
			v := decimal.New(rapid.Int64Range(7500, 11500).Draw(t, "value"), -2)
			p.Outcomes = append(p.Outcomes, curveOutcome(s.Scores[k].KPIs[0], c.Direction, v, sc.levels[k][0], sc.levels[k][1],
				decimal.New(rapid.Int64Range(0, 10_000_000).Draw(t, "outcome charges"), -2)))
		}
		sc.periods = append(sc.periods, p)
	}
	return sc
}

func curveLedger(t *rapid.T, r credits.Rules, ps []credits.Period) *credits.Ledger {
	led, err := credits.Calculate(r, ps)
	if err != nil {
		t.Fatalf("Calculate: %v", err)
	}
	return led
}

// Every credit line costs between nothing and its linked payment; the
// lines add up to the months' totals, and those to the ledger's; the
// monthly cap holds.
func TestPropertyCurveLedger(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genCurveScenario(t)
		led := curveLedger(t, sc.rules, sc.periods)
		m := sc.rules.Money
		byMonth := map[kpi.Month]decimal.Decimal{}
		k := 0
		for _, l := range led.Lines {
			byMonth[l.Month] = byMonth[l.Month].Add(l.Amount)
			if l.Kind != credits.CreditLine {
				continue
			}
			i, j := k/len(sc.curves), k%len(sc.curves)
			k++
			o := sc.periods[i].Outcomes[j]
			linked := m.Round(o.Charges.Mul(sc.curves[j].Linked).Shift(-2))
			if l.Amount.Sign() < 0 || l.Amount.Cmp(linked) > 0 {
				t.Fatalf("%s %s: credit %s outside 0..%s, the linked payment: %s", l.Month, l.KPI, m.Format(l.Amount), m.Format(linked), l.Rule)
			}
			if o.Status == kpi.Green && !l.Amount.IsZero() {
				t.Fatalf("%s %s: a green month costs %s", l.Month, l.KPI, m.Format(l.Amount))
			}
		}
		var total decimal.Decimal
		for i, mt := range led.Months {
			if !byMonth[mt.Month].Equal(mt.Total) {
				t.Fatalf("%s: lines add up to %s, the month's total is %s", mt.Month, m.Format(byMonth[mt.Month]), m.Format(mt.Total))
			}
			if c := sc.rules.Caps.Month; c != nil && mt.Total.Cmp(m.Round(sc.periods[i].Charges.Mul(*c).Shift(-2))) > 0 {
				t.Fatalf("%s: %s above the monthly cap", mt.Month, m.Format(mt.Total))
			}
			total = total.Add(mt.Total)
		}
		if !total.Equal(led.Total) {
			t.Fatalf("months add up to %s, the ledger's total is %s", m.Format(total), m.Format(led.Total))
		}
	})
}

// A better value never costs more: not the line, not the month.
func TestPropertyCurveBetterNeverCostsMore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := genCurveScenario(t)
		i := rapid.IntRange(0, len(sc.periods)-1).Draw(t, "month")
		j := rapid.IntRange(0, len(sc.curves)-1).Draw(t, "kpi")
		changed := make([]credits.Period, len(sc.periods))
		copy(changed, sc.periods)
		changed[i].Outcomes = append([]credits.Outcome(nil), sc.periods[i].Outcomes...)
		o := &changed[i].Outcomes[j]
		by := decimal.New(rapid.Int64Range(1, 500).Draw(t, "improvement"), -2)
		v := o.Measured.Value.Add(by)
		if sc.curves[j].Direction == kpi.LowerIsBetter {
			v = o.Measured.Value.Sub(by)
		}
		*o = curveOutcome(o.KPI, sc.curves[j].Direction, v, sc.levels[j][0], sc.levels[j][1], o.Charges)
		before, after := curveLedger(t, sc.rules, sc.periods), curveLedger(t, sc.rules, changed)
		b, a := curveCredits(before), curveCredits(after)
		for n := range b {
			if a[n].Amount.Cmp(b[n].Amount) > 0 {
				t.Fatalf("%s %s: credit rose from %s (%s) to %s (%s)", b[n].Month, b[n].KPI, b[n].Amount, b[n].Rule, a[n].Amount, a[n].Rule)
			}
		}
		for n := range before.Months {
			if after.Months[n].Total.Cmp(before.Months[n].Total) > 0 {
				t.Fatalf("%s: the month's credit rose", before.Months[n].Month)
			}
		}
	})
}

// curveCredits returns the ledger's credit lines, one per outcome in order.
func curveCredits(led *credits.Ledger) []credits.Line {
	var out []credits.Line
	for _, l := range led.Lines {
		if l.Kind == credits.CreditLine {
			out = append(out, l)
		}
	}
	return out
}

// At a listed point (not a step) a curve earns exactly that point's share.
func TestPropertyCurveThroughItsPoints(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		dir := rapid.SampledFrom([]kpi.Direction{kpi.HigherIsBetter, kpi.LowerIsBetter}).Draw(t, "direction")
		c := genCurve(t, dir)
		c.Value, c.Precision = scheme.AsMeasured, kpi.Precision{}
		i := rapid.IntRange(0, len(c.Points)-1).Draw(t, "point")
		p := c.Points[i]
		if (i > 0 && c.Points[i-1].Value.Equal(p.Value)) || (i+1 < len(c.Points) && c.Points[i+1].Value.Equal(p.Value)) {
			t.Skip("a step")
		}
		charges := decimal.New(100_000, 0)
		tsl := decimal.New(2000, 0) // never met: every month scores
		if dir == kpi.LowerIsBetter {
			tsl = decimal.New(-2000, 0)
		}
		o := curveOutcome("A", dir, p.Value, tsl, tsl, charges)
		rules := credits.Rules{Regime: percentScheme(scheme.Score{Curve: &c}), Money: credits.Money{Places: 6, Rounding: kpi.HalfUp}}
		led := curveLedger(t, rules, []credits.Period{{Month: kpi.MustParseMonth("2021-04"), Year: 1, Charges: charges, YearCharges: charges,
			Outcomes: []credits.Outcome{o}}})
		want := charges.Mul(c.Linked).Mul(decimal.New(100, 0).Sub(p.Earned)).Shift(-4)
		if got := led.Lines[0].Amount; !got.Equal(want) {
			t.Fatalf("point %d %s: credit %s, want %s: %s", i+1, p.Value, got, want, led.Lines[0].Rule)
		}
	})
}
