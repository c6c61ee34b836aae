package synth_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
)

// shapes are the sizes the tests generate: the smallest contract, one
// KPI for several organisations, a second contract year (the two-limb
// cap's later limb), and longer terms with more KPIs.
var shapes = []synth.Shape{
	{KPIs: 1, Months: 1, Orgs: 1},
	{KPIs: 1, Months: 1, Orgs: 3},
	{KPIs: 2, Months: 3, Orgs: 2},
	{KPIs: 3, Months: 13, Orgs: 2},
	{KPIs: 6, Months: 30, Orgs: 1},
	{KPIs: 8, Months: 40, Orgs: 3},
}

// evaluate evaluates a generated portfolio.
func evaluate(t testing.TB, p synth.Portfolio) *contract.Result {
	t.Helper()
	in, err := p.Input()
	require.NoError(t, err)
	res, err := p.Contract.Evaluate(in)
	require.NoError(t, err)
	return res
}

// regimeOf returns the regime a contract's credits are, and the name of
// the part each of a scheme's scores uses.
func regimeOf(c *contract.Contract) (synth.Regime, []string) {
	switch rg := c.Credits.Regime.(type) {
	case credits.Points:
		return synth.Points, nil
	case credits.None:
		return synth.None, nil
	case credits.Pool:
		return synth.Pool, nil
	case scheme.Scheme:
		var parts []string
		g := synth.Regime(255)
		for _, sc := range rg.Scores {
			switch {
			case sc.Status != nil:
				g = synth.StatusScore
			case sc.Bands != nil:
				g = synth.Bands
			case sc.Shortfall != nil:
				g = synth.Shortfall
			case sc.ShortfallBands != nil:
				g = synth.ShortfallBands
			case sc.Deduction != nil:
				g = synth.Deduction
			case sc.Allocation != nil:
				g = synth.Allocation
			}
			parts = append(parts, g.String())
		}
		return g, parts
	}
	return synth.Regime(255), nil
}

// lowerCount reports whether the i-th score of c's scheme scores
// lower-is-better counts.
func lowerCount(c *contract.Contract, i int) bool {
	id := c.Credits.Regime.(scheme.Scheme).Scores[i].KPIs[0]
	for _, k := range c.KPIs {
		if k.ID == id {
			return k.Unit == kpi.Count && k.Direction == kpi.LowerIsBetter
		}
	}
	return false
}

// TestGenerateValid: every regime, mixed too, gives valid contracts that
// evaluate, of the regime asked for, whatever the shape.
func TestGenerateValid(t *testing.T) {
	all := synth.Regimes()
	for _, g := range append(all, synth.Mixed) {
		t.Run(g.String(), func(t *testing.T) {
			t.Parallel()
			for _, s := range shapes {
				s.Regime = g
				for seed := range uint64(2) {
					for n := range 6 {
						p := synth.Generate(seed, n, s)
						where := fmt.Sprintf("seed %d contract %d shape %+v", seed, n, s)
						require.NoError(t, p.Contract.Validate(), where)
						evaluate(t, p)
						want := g
						if g == synth.Mixed {
							want = all[n%len(all)]
						}
						got, parts := regimeOf(p.Contract)
						if len(parts) == 0 {
							require.Equal(t, want, got, where)
						}
						for i, part := range parts {
							if part == synth.StatusScore.String() && (want == synth.Shortfall || want == synth.Deduction) &&
								lowerCount(p.Contract, i) {
								continue // no worst value for a missing month: such a KPI scores statuses
							}
							require.Equal(t, want.String(), part, where)
						}
					}
				}
			}
		})
	}
}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, g := range append(synth.Regimes(), synth.Mixed) {
		s := synth.Shape{KPIs: 5, Months: 24, Orgs: 2, Regime: g}
		a, b := synth.Generate(9, 4, s), synth.Generate(9, 4, s)
		require.Empty(t, cmp.Diff(a, b, sameContract), g)
	}
	require.Panics(t, func() { synth.Generate(1, 0, synth.Shape{}) })
	require.Panics(t, func() { synth.Generate(1, 0, synth.Shape{KPIs: 1, Months: 1, Orgs: 1, Regime: synth.Mixed + 1}) })
}

// sameContract compares portfolios' contracts by value.
var sameContract = cmp.Comparer(func(x, y *contract.Contract) bool { return cmp.Equal(*x, *y, cmp.AllowUnexported()) })

// TestMixed: contract n of a mixed portfolio is contract n of its regime,
// negative numbers included.
func TestMixed(t *testing.T) {
	all := synth.Regimes()
	for n := -3; n < 2*len(all); n++ {
		s := synth.Shape{KPIs: 4, Months: 15, Orgs: 2, Regime: synth.Mixed}
		got := synth.Generate(5, n, s)
		s.Regime = all[(n%len(all)+len(all))%len(all)]
		require.Empty(t, cmp.Diff(synth.Generate(5, n, s), got, sameContract), "contract %d", n)
	}
}

// TestRegimesShareInputs: for the same seed and contract number every
// regime has the points regime's indicators (kinds aside), charges,
// measurements (incidents aside) and mitigations, so regimes can be
// compared on the same data.
func TestRegimesShareInputs(t *testing.T) {
	for _, g := range synth.Regimes() {
		t.Run(g.String(), func(t *testing.T) {
			t.Parallel()
			for _, s := range shapes {
				for n := range 4 {
					base := synth.Generate(8, n, s)
					withRegime := s
					withRegime.Regime = g
					p := synth.Generate(8, n, withRegime)
					where := fmt.Sprintf("contract %d shape %+v", n, s)
					require.Empty(t, cmp.Diff(base.Contract.Charges, p.Contract.Charges), where)
					require.Empty(t, cmp.Diff(base.Contract.KPIs, p.Contract.KPIs, cmpopts.IgnoreFields(contract.KPI{}, "Kind")), where)
					require.Empty(t, cmp.Diff(base.Measurements, p.Measurements, cmpopts.IgnoreFields(kpi.Measurement{}, "Incidents")), where)
					require.Empty(t, cmp.Diff(base.Mitigations, p.Mitigations), where)
				}
			}
		})
	}
}

// TestEveryPartReached generates a mixed portfolio and expects every
// regime, scoring part, price, escalation, value basis and incident rule
// in its contracts, and in its ledgers a cut by every kind of cap, a
// critical month withheld inside and outside the caps, an event of every
// trigger, a material failure, and credits the incident rules took away.
func TestEveryPartReached(t *testing.T) {
	reached := map[string]bool{}
	for n := range 160 {
		p := synth.Generate(1, n, synth.Shape{KPIs: 8, Months: 30, Orgs: 2, Regime: synth.Mixed})
		rs := p.Contract.Credits
		g, _ := regimeOf(p.Contract)
		reached["regime "+g.String()] = true
		if s, ok := rs.Regime.(scheme.Scheme); ok {
			schemeParts(reached, s)
		}
		if rs.PerOrganisation {
			reached["per organisation"] = true
		}
		res := evaluate(t, p)
		for _, l := range res.Ledger.Lines {
			switch {
			case l.Kind == credits.CapLine:
				reached["cut by cap "+l.Cap.String()] = true
			case l.Kind == credits.WithholdLine:
				reached[fmt.Sprintf("critical withheld, capped %t", rs.Critical.Capped)] = true
			case l.Material():
				reached["material failure"] = true
			}
		}
		for _, e := range res.Ledger.Events {
			reached["event "+e.Kind.String()] = true
		}
		if in := rs.Incidents; in.Rule != 0 {
			reached["incidents "+in.Rule.String()] = true
			if len(in.Decisions) > 0 {
				reached["customer's decisions"] = true
			}
			all := *p.Contract
			all.Credits.Incidents = credits.Incidents{}
			if credited(res).Cmp(credited(evaluate(t, synth.Portfolio{Contract: &all, Measurements: p.Measurements, Mitigations: p.Mitigations}))) < 0 {
				reached["credit taken away by incidents "+in.Rule.String()] = true
			}
		}
	}
	var missing []string
	for _, want := range []string{
		"regime points", "regime none", "regime status", "regime bands", "regime shortfall", "regime shortfall-bands", "regime deduction", "regime allocation", "regime pool",
		"per organisation", "price per-point", "price allowance", "price ratchet", "price points-table", "price percent-of-charges",
		"value as-measured", "value kpi-rounded", "value table-rounded", "shortfall step",
		"amber rule", "repeat", "mitigated breaks-chain", "mitigated counts-as-failure",
		"cut by cap month", "cut by cap year", "cut by cap rolling-12-months", "cut by cap two-limb",
		"critical withheld, capped true", "critical withheld, capped false", "material failure",
		"event points-in-window", "event consecutive-failures", "event failures-in-window", "event cap-reached", "event material-failure",
		"incidents all", "incidents highest", "incidents customer-choice", "customer's decisions",
		"credit taken away by incidents highest", "credit taken away by incidents customer-choice",
	} {
		if !reached[want] {
			missing = append(missing, want)
		}
	}
	require.Empty(t, missing, "not reached in the mixed portfolio")
}

// schemeParts records the price, escalation and value bases of s.
func schemeParts(reached map[string]bool, s scheme.Scheme) {
	reached["price "+s.Price.Basis.String()] = true
	if !s.Price.Allowance.IsZero() {
		reached["price allowance"] = true
	}
	if len(s.Price.Ratchet) > 0 {
		reached["price ratchet"] = true
	}
	if s.Amber != (scheme.AmberRule{}) {
		reached["amber rule"] = true
	}
	if s.Repeat.Nth != 0 {
		reached["repeat"] = true
	}
	if s.Mitigated != 0 {
		reached["mitigated "+s.Mitigated.String()] = true
	}
	for _, sc := range s.Scores {
		if basis := basisOf(sc); basis != 0 {
			reached["value "+basis.String()] = true
		}
		if sc.Shortfall != nil && !sc.Shortfall.Step.IsZero() {
			reached["shortfall step"] = true
		}
	}
}

// basisOf returns the value basis of a value-scoring part; zero for
// another.
func basisOf(sc scheme.Score) scheme.ValueBasis {
	switch {
	case sc.Bands != nil:
		return sc.Bands.Value
	case sc.Shortfall != nil:
		return sc.Shortfall.Value
	case sc.ShortfallBands != nil:
		return sc.ShortfallBands.Value
	case sc.Deduction != nil:
		return sc.Deduction.Value
	}
	return 0
}

// credited returns the sum of a result's credit lines, before caps.
func credited(res *contract.Result) decimal.Decimal {
	var sum decimal.Decimal
	for _, l := range res.Ledger.Lines {
		if l.Kind == credits.CreditLine {
			sum = sum.Add(l.Amount)
		}
	}
	return sum
}

// TestRegimeString names every regime, and says when it names none.
func TestRegimeString(t *testing.T) {
	var names []string
	for _, g := range append(synth.Regimes(), synth.Mixed, synth.Mixed+1) {
		names = append(names, g.String())
	}
	require.Equal(t, []string{"points", "none", "status", "bands", "shortfall", "shortfall-bands", "deduction", "allocation", "pool", "mixed", "regime(10)"}, names)
	require.False(t, slices.Contains(synth.Regimes(), synth.Mixed))
}
