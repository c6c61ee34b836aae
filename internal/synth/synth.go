package synth

import (
	"fmt"
	"math/rand/v2"

	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// Shape is the size of a generated contract and its credit regime. The
// zero Shape is invalid: its sizes are not positive.
type Shape struct {
	KPIs   int    // indicators, 1 or more
	Months int    // the term, 1 or more
	Orgs   int    // organisations served, 1 or more
	Regime Regime // the credit regime; the zero Regime is Points
	// Failures, from 1 to 100, is the per cent of measured KPI-months
	// drawn failing their target, two in three amber and one in three
	// red; the rest meet it. Real packs fail about one KPI-month in ten
	// (Lincolnshire's Table 1: one or two of fourteen). The zero value
	// keeps the generator's first draw, which fails most months: a stress
	// test of the credit arithmetic.
	Failures int
}

// Portfolio is one generated contract with its inputs.
type Portfolio struct {
	Contract     *contract.Contract  // the contract generated, valid
	Measurements []kpi.Measurement   // its measurements, every KPI-month of the term
	Mitigations  []mitigation.Record // its agreed mitigations; may be empty
}

// Input returns p's measurements, with its mitigations in a register, as
// the contract's Evaluate takes them; an error when the register refuses
// the mitigations.
func (p Portfolio) Input() (contract.Input, error) {
	reg, err := mitigation.NewRegister(p.Mitigations, p.Contract.MitigationScope())
	if err != nil {
		return contract.Input{}, err
	}
	return contract.Input{Measurements: p.Measurements, Mitigations: reg}, nil
}

// Generate returns the contract numbered n of a portfolio seeded by seed,
// with the credit regime s.Regime names (with Mixed, the regime n mod
// len(Regimes())). It panics if the shape is not positive or its Regime
// is unknown, as its callers are tests.
func Generate(seed uint64, n int, s Shape) Portfolio {
	if s.KPIs < 1 || s.Months < 1 || s.Orgs < 1 {
		panic(fmt.Sprintf("synth: shape %+v is not positive", s))
	}
	g := s.Regime
	if g == Mixed {
		all := Regimes()
		g = all[(n%len(all)+len(all))%len(all)]
	} else if g > Mixed {
		panic(fmt.Sprintf("synth: shape %+v: %s unknown", s, g))
	}
	r := rand.New(rand.NewPCG(seed, uint64(n)))
	start := kpi.MustParseMonth("2015-04").AddMonths(r.IntN(60))
	last := start.AddMonths(s.Months - 1)
	c := &contract.Contract{
		Name:     fmt.Sprintf("synthetic contract %d", n),
		Customer: "Council", Supplier: "Supplier",
		Commencement: start, Term: s.Months,
		Absences: contract.Absences{Missing: kpi.Red, Unavailable: kpi.Unmeasured},
	}
	for o := range s.Orgs {
		org := fmt.Sprintf("ORG%d", o+1)
		c.Orgs = append(c.Orgs, org)
		amount := decimal.New(int64(50_000+r.IntN(2_000_000)), 0)
		c.Charges = append(c.Charges, contract.Charge{Org: org, From: start, Amount: amount})
		if s.Months > 24 {
			c.Charges = append(c.Charges, contract.Charge{Org: org, From: start.AddMonths(12 + r.IntN(s.Months-12)),
				Amount: amount.Add(decimal.New(int64(r.IntN(100_000)), 0)), Note: "indexation"})
		}
	}
	var weights []credits.Weight
	for i := range s.KPIs {
		k := indicator(r, i, start, last)
		c.KPIs = append(c.KPIs, k)
		if k.Kind == kpi.KPI {
			from := k.From
			if from.IsZero() {
				from = start
			}
			if i%3 == 0 {
				from = kpi.Month{} // a weight without From: from the KPI's first month in force
			}
			weights = append(weights, credits.Weight{KPI: k.ID, From: from, Points: decimal.New(int64(1+r.IntN(10)), 0)})
		}
	}
	monthCap, yearCap := decimal.New(int64(5+r.IntN(10)), 0), decimal.New(int64(3+r.IntN(10)), 0)
	c.Credits = credits.Rules{
		Regime: credits.Points{Weights: weights, Amber: decimal.New(5, -1), Red: decimal.New(1, 0), PointValue: decimal.New(int64(1+r.IntN(20)), -2)},
		Caps:   credits.Caps{Month: &monthCap, Year: &yearCap},
		Money:  credits.Money{Places: 2, Rounding: kpi.HalfUp},
	}
	p := Portfolio{Contract: c}
	for m := start; !m.After(last); m = m.AddMonths(1) {
		for i := range c.KPIs {
			k := &c.KPIs[i]
			if from, to := c.Window(k); m.Before(from) || m.After(to) {
				continue
			}
			for _, org := range c.Orgs {
				if r.IntN(50) == 0 {
					continue // missing: the contract counts it as red
				}
				p.Measurements = append(p.Measurements, measurement(r, k, org, m, s.Failures))
			}
		}
	}
	for i := range c.KPIs {
		k := &c.KPIs[i]
		if r.IntN(4) != 0 {
			continue
		}
		from := start.AddMonths(r.IntN(s.Months))
		if kf, kt := c.Window(k); from.Before(kf) || from.After(kt) {
			continue
		}
		p.Mitigations = append(p.Mitigations, mitigation.Record{
			Ref: fmt.Sprintf("M%d", len(p.Mitigations)+1), KPI: k.ID, From: from,
			Reason: "customer dependency", Effect: mitigation.Relief,
		})
	}
	// The other regimes draw after everything above, the points regime's
	// draws included, so that every regime gets the same indicators,
	// charges, measurements and mitigations.
	if g != Points {
		c.Credits = rules(r, c, g)
	}
	if c.Credits.Incidents.Rule != 0 {
		link(r, p.Measurements)
	}
	if c.Credits.Incidents.Rule == credits.CustomerChoice {
		c.Credits.Incidents.Decisions = decide(r, p)
	}
	return p
}

// indicator returns the i-th KPI of a contract running start..last.
func indicator(r *rand.Rand, i int, start, last kpi.Month) contract.KPI {
	id := fmt.Sprintf("KPI%03d", i+1)
	term := last.Sub(start) + 1
	var k contract.KPI
	switch r.IntN(6) {
	case 0: // lower is better percentage: backlog older than 30 days
		k.Definition = kpi.Definition{Unit: kpi.Percent, Direction: kpi.LowerIsBetter, Schedule: kpi.Constant(kpi.MustLevels("10.0", "15.0"))}
	case 1: // count, lower is better: P1 incidents
		k.Definition = kpi.Definition{Unit: kpi.Count, Direction: kpi.LowerIsBetter, Schedule: kpi.Constant(kpi.MustLevels("3", "5")),
			Precision: kpi.Precision{Places: 0, Rounding: kpi.HalfUp}}
	default:
		k.Definition = kpi.Definition{Unit: kpi.Percent, Direction: kpi.HigherIsBetter, Schedule: kpi.Constant(kpi.MustLevels("99.5", "99.0"))}
	}
	k.ID, k.Name, k.Kind = id, "synthetic "+id, kpi.KPI
	if k.Unit == kpi.Percent {
		k.Precision = kpi.Precision{Places: 1, Rounding: []kpi.Rounding{kpi.HalfUp, kpi.HalfEven, kpi.Down}[r.IntN(3)]}
	}
	if r.IntN(8) == 0 {
		k.Kind = kpi.PI
	}
	if term > 6 && r.IntN(6) == 0 { // added by a change note, on a three-month glide path
		k.From = start.AddMonths(1 + r.IntN(term-4))
		if k.Direction == kpi.HigherIsBetter && k.Unit == kpi.Percent {
			k.Schedule.Glide = []kpi.Step{
				{Month: k.From, Thresholds: kpi.MustLevels("97.0", "96.0")},
				{Month: k.From.AddMonths(1), Thresholds: kpi.MustLevels("98.0", "97.0")},
				{Month: k.From.AddMonths(2), Thresholds: kpi.MustLevels("99.0", "98.0")},
			}
		}
	}
	if term > 6 && r.IntN(6) == 0 { // retired by a change note
		from := k.From
		if from.IsZero() {
			from = start
		}
		k.To = from.AddMonths(r.IntN(last.Sub(from) + 1))
		for len(k.Schedule.Glide) > 0 && k.Schedule.Glide[len(k.Schedule.Glide)-1].Month.After(k.To) {
			k.Schedule.Glide = k.Schedule.Glide[:len(k.Schedule.Glide)-1]
		}
	}
	return k
}

// measurement returns a value for k, now and then unavailable: failing
// the target in failures per cent of months (see Shape.Failures), or, with
// failures zero, drawn from a range around the thresholds.
func measurement(r *rand.Rand, k *contract.KPI, org string, m kpi.Month, failures int) kpi.Measurement {
	out := kpi.Measurement{KPI: k.ID, Org: org, Month: m}
	if r.IntN(40) == 0 {
		out.Absent = kpi.Unavailable
		return out
	}
	if failures > 0 {
		out.Value = drawn(r, k, m, failures)
		return out
	}
	switch {
	case k.Unit == kpi.Count:
		out.Value = decimal.New(int64(r.IntN(7)), 0)
	case k.Direction == kpi.LowerIsBetter:
		out.Value = decimal.New(int64(r.IntN(2000)), -2) // 0.00 to 19.99
	default:
		out.Value = decimal.New(int64(9_700+r.IntN(301)), -2) // 97.00 to 100.00
	}
	return out
}

// drawn returns a value of k in month m that fails its thresholds then
// in failures per cent of draws, two in three amber and one in three red,
// and meets them otherwise. Percentages have two places, counts none.
func drawn(r *rand.Rand, k *contract.KPI, m kpi.Month, failures int) decimal.Decimal {
	t, _ := k.Schedule.At(m)
	exp, top := int32(-2), int64(10_000) // hundredths of a per cent, up to 100.00
	if k.Unit == kpi.Count {
		exp, top = 0, 1<<31
	}
	tsl, msl := t.TSL.Shift(-exp).IntPart(), t.MSL.Shift(-exp).IntPart()
	between := func(lo, hi int64) decimal.Decimal { // lo..hi, clipped to 0..top
		lo, hi = max(lo, 0), min(hi, top)
		return decimal.New(lo+r.Int64N(max(hi-lo, 0)+1), exp)
	}
	u := r.IntN(300)
	amber, red := u < 2*failures, u >= 2*failures && u < 3*failures
	if amber && tsl == msl {
		amber, red = false, true // no amber range
	}
	step := int64(1)
	if k.Direction == kpi.HigherIsBetter {
		switch {
		case amber:
			return between(msl, tsl-step)
		case red:
			return between(msl-500, msl-step)
		}
		return between(tsl, top)
	}
	spread := int64(1_000) // how far above the msl a red percentage goes
	if k.Unit == kpi.Count {
		spread = 3
	}
	switch {
	case amber:
		return between(tsl+step, msl)
	case red:
		return between(msl+step, msl+spread)
	}
	return between(0, tsl)
}
