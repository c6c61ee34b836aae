package reference_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicecredit/engine/contract"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/internal/reference"
	"github.com/servicecredit/engine/internal/synth"
	"github.com/servicecredit/engine/kpi"
	"github.com/servicecredit/engine/mitigation"
	"github.com/shopspring/decimal"
)

// cmpLedger compares ledgers: months by value (their only field is
// unexported), decimals with their Equal method, nil and empty alike.
var cmpLedger = []cmp.Option{cmp.Comparer(func(a, b kpi.Month) bool { return a == b }), cmpopts.EquateEmpty()}

// TestMatchesEngine evaluates generated contracts of every regime, and
// variants of them, and compares the engine's ledger with the reference's,
// figure by figure. It then checks that the contracts compared reached
// every rule the reference implements, so that agreement is not agreement
// on nothing.
func TestMatchesEngine(t *testing.T) {
	seen := coverage{}
	for _, g := range synth.Regimes() {
		for n := range 40 {
			shape := synth.Shape{KPIs: 1 + n%8, Months: 1 + (n*7)%40, Orgs: 1 + n%3, Regime: g, Failures: []int{0, 10, 30, 60}[n%4]}
			for i, p := range variants(synth.Generate(2026, n, shape), n, g) {
				t.Run(fmt.Sprintf("%s/%d/%d", g, n, i), func(t *testing.T) {
					compare(t, p, seen)
				})
			}
		}
	}
	var missed []string
	for _, what := range []string{
		"regime points", "regime none", "regime scheme", "regime pool", "pool above 100", "per organisation allowance",
		"score status", "score bands", "score shortfall", "score shortfall bands", "score deduction", "score allocation",
		"value as-measured", "value kpi-rounded", "value table-rounded",
		"price per-point", "price per-point allowance", "price per-point ratchet", "price points-table", "price percent-of-charges",
		"amber rule forgives", "amber rule counts", "repeat escalates", "relieved breaks-chain", "relieved counts-as-failure",
		"no value scored", "deemed failure", "deemed green", "relieved failure",
		"cut month", "cut year", "cut rolling-12-months", "cut two-limb",
		"event points-in-window", "event consecutive-failures", "event failures-in-window", "event cap-reached", "event material-failure",
		"critical outside caps", "critical capped", "incident highest", "incident customer-choice",
		"earn-back following", "earn-back year-mean", "earn-back year-green", "earn-back after a cut",
	} {
		if seen[what] == 0 {
			missed = append(missed, what)
		}
	}
	if len(missed) > 0 {
		t.Errorf("the contracts compared never reached: %s", strings.Join(missed, "; "))
	}
}

// compare evaluates p and checks that the reference works out the same
// ledger from the evaluation's cells, counting in seen what the contract
// reached; it returns the evaluation.
func compare(t *testing.T, p synth.Portfolio, seen coverage) *contract.Result {
	t.Helper()
	in, err := p.Input()
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Contract.Evaluate(in)
	if err != nil {
		t.Fatal(err)
	}
	want, err := reference.Calculate(p.Contract.Credits, reference.Periods(p.Contract, res, p.Measurements))
	if err != nil {
		t.Fatalf("the engine evaluates, the reference fails: %v", err)
	}
	if got := reference.FromLedger(res.Ledger); got.String() != want.String() {
		t.Fatalf("engine and reference differ (-reference +engine):\n%s", cmp.Diff(want, got, cmpLedger...))
	}
	seen.count(p.Contract.Credits, res)
	return res
}

// variants returns p and what the generator never makes from it: the same
// contract with an earn-back rule (synth.EarnBack); the same
// contract with some relief mitigations turned into deemed statuses (and
// a customer's choice of incidents, decided on the relieved lines, turned
// into the highest-only rule), and,
// for the points regime, the same contract with rolling and two-limb caps,
// every trigger, a critical failure rule and the highest-only incident
// rule with incidents named in the measurements.
func variants(p synth.Portfolio, n int, g synth.Regime) []synth.Portfolio {
	r := rand.New(rand.NewPCG(uint64(n), uint64(g)))
	out := []synth.Portfolio{p}
	if eb := synth.EarnBack(uint64(n)<<8|uint64(g), p.Contract); len(eb.KPIs) > 0 {
		c := *p.Contract
		c.Credits.EarnBack = eb
		q := p
		q.Contract = &c
		out = append(out, q)
	}
	if len(p.Mitigations) > 0 {
		q := p
		q.Mitigations = slices.Clone(p.Mitigations)
		for i := range q.Mitigations {
			if i%2 == 0 || r.IntN(2) == 0 {
				m := &q.Mitigations[i]
				m.Effect, m.Deemed = mitigation.Deemed, []kpi.Status{kpi.Green, kpi.Amber, kpi.Red}[r.IntN(3)]
			}
		}
		if p.Contract.Credits.Incidents.Rule == credits.CustomerChoice {
			// The customer decided on the lines that cost money with
			// relief: deemed statuses change them, so the highest counts.
			c := *p.Contract
			c.Credits.Incidents = credits.Incidents{Rule: credits.HighestOnly}
			q.Contract = &c
		}
		out = append(out, q)
	}
	if g != synth.Points {
		return out
	}
	c := *p.Contract
	rules := c.Credits
	pct := func(lo, hi int) *decimal.Decimal {
		v := decimal.New(int64(lo+r.IntN(hi-lo+1)), 0)
		return &v
	}
	if r.IntN(2) == 0 {
		rules.Caps.Rolling = pct(2, 12)
	}
	if r.IntN(2) == 0 {
		var first decimal.Decimal
		for _, ch := range c.Charges {
			if ch.From == c.Commencement {
				first = first.Add(ch.Amount)
			}
		}
		rules.Caps.TwoLimb = &credits.TwoLimb{First: *pct(1, 10), Estimate: first.Mul(decimal.New(12, 0)), Later: *pct(1, 10)}
	}
	rules.Triggers = []credits.Trigger{
		{Name: "termination", Kind: credits.PointsInWindow, Points: decimal.New(int64(2+r.IntN(20)), 0), Months: 1 + r.IntN(12)},
		{Name: "escalation", Kind: credits.ConsecutiveFailures, Months: 2 + r.IntN(3)},
		{Name: "review", Kind: credits.FailuresInWindow, Months: 4, Failures: 1 + r.IntN(4)},
		{Name: "cap reached", Kind: credits.CapReached},
	}
	for _, k := range c.KPIs {
		if k.Kind == kpi.KPI {
			level := decimal.New(990, -1)
			ck := credits.CriticalKPI{KPI: k.ID, Red: k.Unit == kpi.Count}
			if k.Unit == kpi.Percent && k.Direction == kpi.HigherIsBetter {
				ck.Level = &level
			} else {
				ck.Red = true
			}
			rules.Critical = credits.Critical{KPIs: []credits.CriticalKPI{ck}, Capped: r.IntN(2) == 0}
			break
		}
	}
	rules.Incidents = credits.Incidents{Rule: credits.HighestOnly}
	rules.EarnBack = synth.EarnBack(uint64(n)<<8|uint64(g)+1, &c)
	c.Credits = rules
	q := p
	q.Contract = &c
	q.Measurements = slices.Clone(p.Measurements)
	for i := range q.Measurements {
		if r.IntN(3) == 0 {
			q.Measurements[i].Incidents = []string{fmt.Sprintf("INC-%s", q.Measurements[i].Month)}
		}
	}
	return append(out, q)
}

// coverage counts what the contracts compared reached: their rules, and
// what the engine's ledger shows the rules did.
type coverage map[string]int

func (seen coverage) count(rules credits.Rules, res *contract.Result) {
	switch r := rules.Regime.(type) {
	case credits.Points:
		seen["regime points"]++
	case credits.None:
		seen["regime none"]++
	case credits.Pool:
		seen["regime pool"]++
		if r.Available.Cmp(decimal.NewFromInt(100)) > 0 {
			seen["pool above 100"]++
		}
	case scheme.Scheme:
		seen["regime scheme"]++
		for _, sc := range r.Scores {
			switch {
			case sc.Status != nil:
				seen["score status"]++
			case sc.Bands != nil:
				seen["score bands"]++
				seen["value "+sc.Bands.Value.String()]++
			case sc.Shortfall != nil:
				seen["score shortfall"]++
				seen["value "+sc.Shortfall.Value.String()]++
			case sc.ShortfallBands != nil:
				seen["score shortfall bands"]++
				seen["value "+sc.ShortfallBands.Value.String()]++
			case sc.Deduction != nil:
				seen["score deduction"]++
				seen["value "+sc.Deduction.Value.String()]++
			case sc.Allocation != nil:
				seen["score allocation"]++
			}
		}
		seen["price "+r.Price.Basis.String()]++
		if r.Price.Allowance.Sign() > 0 {
			seen["price per-point allowance"]++
		}
		if len(r.Price.Ratchet) > 0 {
			seen["price per-point ratchet"]++
		}
		if rules.PerOrganisation && r.Price.Basis == scheme.PerPoint && r.Price.Allowance.Sign() > 0 {
			seen["per organisation allowance"]++
		}
	}
	for _, mo := range res.Months {
		for _, cell := range mo.Cells {
			l := cell.Credit
			switch m := cell.Mitigation; {
			case m != nil && m.Effect == mitigation.Deemed && cell.Status == kpi.Green && cell.Raw.Failed():
				seen["deemed green"]++
			case m != nil && m.Effect == mitigation.Deemed && l.Failed:
				seen["deemed failure"]++
			case m != nil && m.Effect == mitigation.Relief && cell.Status.Failed():
				seen["relieved failure"]++
				if s, ok := rules.Regime.(scheme.Scheme); ok && s.Mitigated != 0 {
					seen["relieved "+s.Mitigated.String()]++
				}
			}
			switch {
			case strings.Contains(l.Rule, "not a default"):
				seen["amber rule forgives"]++
			case strings.Contains(l.Rule, "an amber counts)"):
				seen["amber rule counts"]++
			}
			if strings.Contains(l.Rule, "; repeat: failure") {
				seen["repeat escalates"]++
			}
			if l.Failed && cell.Measured.Status == kpi.Unmeasured && l.Amount.Sign() >= 0 && strings.Contains(l.Rule, "no value (") {
				seen["no value scored"]++
			}
			if strings.Contains(l.Rule, "also caused the failure of") {
				seen["incident "+rules.Incidents.Rule.String()]++
			}
		}
		for _, l := range mo.Lines {
			if l.Kind == credits.CapLine {
				seen["cut "+l.Cap.String()]++
			}
			if e := l.Earned(); e != nil {
				for _, k := range rules.EarnBack.KPIs {
					switch {
					case k.KPI != l.KPI:
					case k.Following > 0:
						seen["earn-back following"]++
					case k.YearMean != nil:
						seen["earn-back year-mean"]++
					default:
						seen["earn-back year-green"]++
					}
				}
				if e.Paid.LessThan(e.Credit) {
					seen["earn-back after a cut"]++
				}
			}
		}
		if mo.Credit.Critical && rules.Critical.Capped {
			seen["critical capped"]++
		} else if mo.Credit.Critical {
			seen["critical outside caps"]++
		}
		for _, e := range mo.Events {
			seen["event "+e.Kind.String()]++
		}
	}
}

// TestRoundingMatchesDecimal checks the reference's own rounding of exact
// rationals, in every mode, against the decimal package's, on values of
// either sign around every tie: the reference rounds every figure it
// compares with this.
func TestRoundingMatchesDecimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 20_000 {
		d := decimal.New(r.Int64N(2_000_001)-1_000_000, -int32(r.IntN(5)))
		places := int32(r.IntN(3))
		for _, mode := range []kpi.Rounding{kpi.HalfUp, kpi.HalfEven, kpi.Up, kpi.Down, kpi.Ceiling, kpi.Floor} {
			want := mode.Round(d, places)
			if got := reference.RoundForTest(d, places, mode); !got.Equal(want) {
				t.Fatalf("%s at %d places %s: %s, the decimal package %s", d, places, mode, got, want)
			}
		}
	}
}
