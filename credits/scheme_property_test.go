package credits_test

import (
	"fmt"
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/credits/internal/fixture"
	"github.com/servicecredit/engine/credits/scheme"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// schemeScenario is a generated Scheme, caps and periods that Calculate
// accepts. Every KPI is higher-is-better with TSL 99 and MSL 97 on values
// of 90.0 to 100.0, so a better value never has a worse status.
type schemeScenario struct {
	rules   credits.Rules
	table   bool // priced by a points table: only month totals are monotone
	periods []credits.Period
}

func genPrice(t *rapid.T, allocation bool) scheme.Price {
	basis := rapid.SampledFrom([]scheme.PriceBasis{scheme.PerPoint, scheme.PointsTable, scheme.PercentOfCharges, scheme.PercentPerPoint}).Draw(t, "price basis")
	if allocation {
		basis = scheme.PercentOfCharges
	}
	switch basis {
	case scheme.PerPoint:
		p := scheme.Price{Basis: basis, Value: decimal.New(rapid.Int64Range(1, 100000).Draw(t, "value"), -2),
			Allowance: decimal.NewFromInt(rapid.Int64Range(0, 5).Draw(t, "allowance"))}
		above, mult := p.Allowance, int64(10)
		for range rapid.IntRange(0, 3).Draw(t, "ratchets") {
			above = above.Add(decimal.NewFromInt(rapid.Int64Range(1, 10).Draw(t, "above")))
			mult += rapid.Int64Range(0, 10).Draw(t, "multiplier step")
			p.Ratchet = append(p.Ratchet, scheme.Ratchet{Above: above, Multiplier: decimal.New(mult, -1)})
		}
		return p
	case scheme.PointsTable:
		p := scheme.Price{Basis: basis}
		pts, pc := int64(0), int64(0)
		for i := range rapid.IntRange(1, 4).Draw(t, "rows") {
			if i > 0 {
				pts += rapid.Int64Range(1, 6).Draw(t, "row points")
			}
			pc += rapid.Int64Range(0, 300).Draw(t, "row percent")
			p.Table = append(p.Table, scheme.TableRow{Points: decimal.NewFromInt(pts), Percent: decimal.New(min(pc, 10000), -2)})
		}
		return p
	case scheme.PercentPerPoint:
		return scheme.Price{Basis: basis, Percent: decimal.New(rapid.Int64Range(1, 10000).Draw(t, "percent per point"), -2)}
	}
	return scheme.Price{Basis: basis}
}

func genScore(t *rapid.T, id string, i int, allocation, percent bool) scheme.Score {
	s := scheme.Score{KPIs: []string{id}}
	if allocation {
		s.Allocation = &scheme.Allocation{AtRisk: dec("12"), Category: fmt.Sprintf("C%d", i%2), CategoryShare: dec("50"),
			KPIShare: decimal.NewFromInt(rapid.Int64Range(0, 25).Draw(t, "kpi share"))}
		return s
	}
	switch rapid.IntRange(0, 4).Draw(t, "scorer") {
	case 3:
		d := scheme.Deduction{Direction: kpi.HigherIsBetter, Required: rapid.SampledFrom([]decimal.Decimal{dec("99"), dec("99.5"), dec("97.3"), dec("100")}).Draw(t, "required"),
			Available: decimal.New(rapid.Int64Range(1, 300).Draw(t, "available"), -1),
			Value:     rapid.SampledFrom([]scheme.ValueBasis{scheme.AsMeasured, scheme.KPIRounded}).Draw(t, "deduction basis")}
		s.Deduction = &d
		return s
	case 4:
		if percent {
			sb := fixture.ShortBands()
			sb.Target = dec("99")
			sb.Value = rapid.SampledFrom([]scheme.ValueBasis{scheme.AsMeasured, scheme.KPIRounded}).Draw(t, "shortfall bands basis")
			s.ShortfallBands = &sb
			return s
		}
		s.Status = &scheme.StatusScore{Amber: dec("1"), Red: dec("2")}
		return s
	case 0:
		a := rapid.Int64Range(0, 5).Draw(t, "amber score")
		s.Status = &scheme.StatusScore{Amber: decimal.NewFromInt(a), Red: decimal.NewFromInt(a + rapid.Int64Range(0, 5).Draw(t, "red extra"))}
	case 1:
		b := fixture.MSABands()
		b.Value = rapid.SampledFrom([]scheme.ValueBasis{scheme.TableRounded, scheme.AsMeasured}).Draw(t, "band basis")
		if b.Value == scheme.AsMeasured {
			b.Precision = kpi.Precision{}
			b.Bands[1].Max, b.Bands[1].MaxEdge = pct("99"), kpi.Strict
			b.Bands[2].Max, b.Bands[2].MaxEdge = pct("98"), kpi.Strict
			b.Bands[3].Max, b.Bands[3].MaxEdge = pct("97"), kpi.Strict
		}
		s.Bands = &b
	default:
		sf := scheme.Shortfall{Direction: kpi.HigherIsBetter, Target: dec("99"),
			Rate:  decimal.New(rapid.Int64Range(1, 30).Draw(t, "rate"), -1),
			Step:  rapid.SampledFrom([]decimal.Decimal{decimal.Zero, dec("0.5"), dec("1")}).Draw(t, "step"),
			Value: rapid.SampledFrom([]scheme.ValueBasis{scheme.AsMeasured, scheme.KPIRounded, scheme.TableRounded}).Draw(t, "shortfall basis")}
		if sf.Value == scheme.TableRounded {
			sf.Precision = kpi.Precision{Places: 0, Rounding: rapid.SampledFrom(roundings).Draw(t, "shortfall rounding")}
		}
		s.Shortfall = &sf
	}
	return s
}

// valued is a KPI outcome measuring v (one place), classified against TSL
// 99 and MSL 97.
func valued(id string, v decimal.Decimal, charges decimal.Decimal) credits.Outcome {
	o := credits.Outcome{KPI: id, Kind: kpi.KPI, Charges: charges}
	setValue(&o, v)
	return o
}

func setValue(o *credits.Outcome, v decimal.Decimal) {
	p := kpi.Precision{Places: 0, Rounding: kpi.HalfUp}
	r := p.Apply(v)
	s := fixture.Status(r, "99", "97")
	o.Status = s
	if o.Mitigation == "" || o.Relief {
		o.Raw = s
	}
	o.Measured = &kpi.Result{KPI: o.KPI, Status: s, Value: v, Rounded: r, Precision: p, Direction: kpi.HigherIsBetter, Kind: kpi.KPI,
		Thresholds: kpi.MustLevels("99", "97")}
}

// genSchemeScenario draws a scenario of the whole service: one outcome per
// KPI a month.
func genSchemeScenario(t *rapid.T) schemeScenario { return genSchemeScenarioOf(t, []string{""}) }

// genSiteScenario draws a scenario of the whole service or of two
// organisations, priced together or each on its own
// (Rules.PerOrganisation).
func genSiteScenario(t *rapid.T) schemeScenario {
	return genSchemeScenarioOf(t, rapid.SampledFrom([][]string{{""}, {"LCC", "NCC"}}).Draw(t, "orgs"))
}

// genSchemeScenarioOf draws a scenario with an outcome per KPI and
// organisation of orgs a month, each organisation with one month's
// charges.
func genSchemeScenarioOf(t *rapid.T, orgs []string) schemeScenario {
	var ids []string
	for i := range rapid.IntRange(1, 3).Draw(t, "kpis") {
		ids = append(ids, fmt.Sprintf("K%d", i+1))
	}
	allocation := rapid.IntRange(0, 4).Draw(t, "allocation") == 0
	s := scheme.Scheme{Price: genPrice(t, allocation)}
	for i, id := range ids {
		s.Scores = append(s.Scores, genScore(t, id, i, allocation, s.Price.Basis == scheme.PercentOfCharges))
	}
	if rapid.Bool().Draw(t, "repeat") {
		n := rapid.IntRange(2, 3).Draw(t, "nth")
		s.Repeat = scheme.Repeat{Multiplier: decimal.New(rapid.Int64Range(10, 30).Draw(t, "repeat multiplier"), -1), Nth: n, Within: rapid.IntRange(n, 4).Draw(t, "within")}
	}
	if rapid.Bool().Draw(t, "amber rule") {
		s.Amber = scheme.AmberRule{Nth: rapid.IntRange(2, 3).Draw(t, "amber nth"), Within: rapid.IntRange(1, 6).Draw(t, "amber within")}
	}
	if !s.Repeat.Multiplier.IsZero() || s.Amber.Nth != 0 {
		s.Mitigated = rapid.SampledFrom([]scheme.Mitigated{scheme.MitigatedBreaks, scheme.MitigatedCounts}).Draw(t, "mitigated")
	}
	rules := credits.Rules{Regime: s,
		Caps:  credits.Caps{Month: capPct(t, "monthly cap"), Year: capPct(t, "annual cap"), Rolling: capPct(t, "rolling cap")},
		Money: credits.Money{Places: 2, Rounding: rapid.SampledFrom(roundings).Draw(t, "rounding")},
		// Each organisation's allowance, ratchets and table, or the
		// month's: every organisation has one month's charges either way.
		PerOrganisation: rapid.Bool().Draw(t, "per organisation"),
	}
	var ws []credits.Window
	for _, id := range ids {
		ws = append(ws, credits.Window{KPI: id, From: month("2021-01"), To: month("2030-12")})
	}
	if err := rules.Validate(ws); err != nil {
		t.Fatalf("generated rules are invalid: %v", err)
	}
	start := month("2021-01").AddMonths(rapid.IntRange(0, 11).Draw(t, "start"))
	n := rapid.IntRange(1, 15).Draw(t, "months")
	var periods []credits.Period
	for i := range n {
		year := i/12 + 1
		p := credits.Period{Month: start.AddMonths(i), Year: year, Charges: money(t, "charges"), YearCharges: dec("1000000")}
		charges := map[string]decimal.Decimal{} // per organisation: one month's charges each, as PerOrganisation needs
		for _, org := range orgs {
			charges[org] = money(t, "organisation charges")
		}
		for k := range len(ids) * len(orgs) {
			id, org := ids[k/len(orgs)], orgs[k%len(orgs)]
			c := charges[org]
			if !rules.PerOrganisation {
				c = money(t, "outcome charges") // together, any outcome's charges may differ
			}
			o := valued(id, decimal.New(rapid.Int64Range(900, 1000).Draw(t, "value"), -1), c)
			o.Org = org
			switch rapid.IntRange(0, 9).Draw(t, "special") {
			case 0:
				o.Status, o.Raw, o.Absent = kpi.Unmeasured, kpi.Unmeasured, kpi.NotDue
			case 1:
				o.Mitigation, o.Relief = "R", true
			case 2:
				o.Kind = kpi.PI
			}
			p.Outcomes = append(p.Outcomes, o)
		}
		periods = append(periods, p)
	}
	return schemeScenario{rules: rules, table: s.Price.Basis == scheme.PointsTable, periods: periods}
}

// calc calculates the ledger of r over ps, failing t on an error.
func calc(t *rapid.T, r credits.Rules, ps []credits.Period) *credits.Ledger {
	led, err := credits.Calculate(r, ps)
	if err != nil {
		t.Fatalf("Calculate: %v", err)
	}
	return led
}

// noMoreScheme checks that a change meant to help the supplier raised
// nothing: no credit line (unless priced by a points table, whose lines
// are shares of the month), no month's uncapped credits, and, with no
// annual or rolling cap (whose headroom a cheaper month passes on to later
// months), no month's total; never a year's total or the ledger's.
func noMoreScheme(t *rapid.T, s schemeScenario, before, after *credits.Ledger) {
	m := s.rules.Money
	noRise(t, m, before, after, !s.table)
	shared := s.rules.Caps.Year != nil || s.rules.Caps.Rolling != nil
	for i := range before.Months {
		mb, ma := before.Months[i], after.Months[i]
		if !shared && ma.Total.Cmp(mb.Total) > 0 {
			t.Fatalf("%s: credit rose from %s to %s", mb.Month, m.Format(mb.Total), m.Format(ma.Total))
		}
	}
	if s.rules.Caps.Rolling == nil {
		for i := range before.Years {
			if after.Years[i].Total.Cmp(before.Years[i].Total) > 0 {
				t.Fatalf("year %d: credit rose", before.Years[i].Year)
			}
		}
		if after.Total.Cmp(before.Total) > 0 {
			t.Fatalf("total credit rose from %s to %s", m.Format(before.Total), m.Format(after.Total))
		}
	}
}

// Lines add up to the totals, every cap holds (the month's, the year's
// and every rolling 12 months'), and the plain reference works out the
// same ledger, whether the regime prices each organisation's outcomes on
// their own or the month's together.
func TestPropertySchemeLedger(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSiteScenario(t)
		led := calc(t, s.rules, s.periods)
		checkSums(t, led)
		matchesReference(t, s.rules, s.periods, led)
		m, caps := s.rules.Money, s.rules.Caps
		for i, mt := range led.Months {
			underMonthCap(t, s.rules, s.periods[i], "total", mt.Total)
			if caps.Rolling != nil {
				var paid, charges decimal.Decimal
				for j := max(0, i-11); j <= i; j++ {
					paid, charges = paid.Add(led.Months[j].Total), charges.Add(s.periods[j].Charges)
				}
				// A window whose charges fell below what its earlier
				// months already paid can be over its cap, but then its
				// last month pays nothing: no cap claws back.
				if lim := m.Round(charges.Mul(*caps.Rolling).Shift(-2)); paid.Cmp(lim) > 0 && mt.Total.Sign() > 0 {
					t.Fatalf("%s: 12 months pay %s, above the rolling cap %s", mt.Month, m.Format(paid), m.Format(lim))
				}
			}
		}
		for _, y := range led.Years {
			if caps.Year != nil && y.Total.Cmp(y.Cap) > 0 {
				t.Fatalf("year %d above its cap", y.Year)
			}
		}
	})
}

// Improving one measurement never costs more.
func TestPropertySchemeBetterNeverCostsMore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSiteScenario(t)
		changed, i, j := pick(t, s.periods)
		o := &changed[i].Outcomes[j]
		if o.Absent == kpi.NotDue {
			t.Skip("not due")
		}
		better := o.Measured.Value.Add(decimal.New(rapid.Int64Range(1, 100).Draw(t, "improvement"), -1))
		setValue(o, decimal.Min(better, dec("100")))
		noMoreScheme(t, s, calc(t, s.rules, s.periods), calc(t, s.rules, changed))
	})
}

// Relieving one KPI-month never costs more, and the relieved month costs
// nothing.
func TestPropertySchemeReliefNeverRaises(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSiteScenario(t)
		changed, _, _, line := relieveOne(t, s.periods)
		after := calc(t, s.rules, changed)
		noMoreScheme(t, s, calc(t, s.rules, s.periods), after)
		if !creditAmounts(after)[line].IsZero() {
			t.Fatalf("a relieved outcome costs money")
		}
	})
}

// A Book fed month by month gives what Calculate gives.
func TestPropertySchemeBookMatchesCalculate(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genSiteScenario(t)
		led := calc(t, s.rules, s.periods)
		book, err := credits.Open(s.rules)
		if err != nil {
			t.Fatal(err)
		}
		var total decimal.Decimal
		for k, p := range s.periods {
			_, mt, err := book.Add(p)
			if err != nil {
				t.Fatal(err)
			}
			if !mt.Total.Equal(led.Months[k].Total) {
				t.Fatalf("%s: book %s, calculate %s", p.Month, mt.Total.StringFixed(2), led.Months[k].Total.StringFixed(2))
			}
			total = total.Add(mt.Total)
		}
		if !total.Equal(led.Total) || !book.Total().Equal(led.Total) {
			t.Fatalf("totals differ")
		}
	})
}
