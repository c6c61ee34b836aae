package credits_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/internal/reference"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// scenario is a generated set of rules and periods that Calculate accepts.
type scenario struct {
	rules   credits.Rules
	periods []credits.Period
}

// money draws an amount of 0 to 5,000,000,000.00 with 2 places; small
// amounts are as likely as large ones.
func money(t *rapid.T, label string) decimal.Decimal {
	maxCents := rapid.SampledFrom([]int64{100, 100_000_00, 5_000_000_000_00}).Draw(t, label+" scale")
	return decimal.New(rapid.Int64Range(0, maxCents).Draw(t, label), -2)
}

func capPct(t *rapid.T, label string) *decimal.Decimal {
	if !rapid.Bool().Draw(t, label+" set") {
		return nil
	}
	v := decimal.New(rapid.Int64Range(0, 100_00).Draw(t, label), -2) // 0.00 to 100.00
	return &v
}

var (
	roundings = []kpi.Rounding{kpi.HalfUp, kpi.HalfEven, kpi.Up, kpi.Down, kpi.Ceiling, kpi.Floor}
	statuses  = []kpi.Status{kpi.Green, kpi.Amber, kpi.Red, kpi.Unmeasured}
	failures  = []kpi.Status{kpi.Green, kpi.Amber, kpi.Red}
)

func genScenario(t *rapid.T) scenario {
	var ids []string
	for i := range rapid.IntRange(1, 4).Draw(t, "kpis") {
		ids = append(ids, fmt.Sprintf("K%d", i+1))
	}
	orgs := rapid.SampledFrom([][]string{{""}, {"LCC"}, {"LCC", "NCC"}}).Draw(t, "orgs")
	start := month("2021-01").AddMonths(rapid.IntRange(0, 11).Draw(t, "start"))
	offset := rapid.IntRange(0, 11).Draw(t, "months since commencement")
	n := rapid.IntRange(1, 30).Draw(t, "months")

	amber := rapid.Int64Range(0, 100).Draw(t, "amber")
	pts := credits.Points{
		Amber:      decimal.New(amber, -2),
		Red:        decimal.New(rapid.Int64Range(amber, 100).Draw(t, "red"), -2),
		PointValue: decimal.New(rapid.Int64Range(1, 500).Draw(t, "point value"), -2),
	}
	type wkey struct {
		kpi  string
		from kpi.Month
	}
	seen := map[wkey]bool{}
	for _, id := range ids {
		pts.Weights = append(pts.Weights, credits.Weight{KPI: id, From: start, Points: decimal.New(rapid.Int64Range(0, 200).Draw(t, "points"), -1)})
		seen[wkey{id, start}] = true
	}
	for range rapid.IntRange(0, 3).Draw(t, "weight changes") {
		w := credits.Weight{
			KPI:    rapid.SampledFrom(ids).Draw(t, "changed kpi"),
			From:   start.AddMonths(rapid.IntRange(1, n).Draw(t, "change month")),
			Points: decimal.New(rapid.Int64Range(0, 200).Draw(t, "new points"), -1),
			Note:   "CCN",
		}
		if !seen[wkey{w.KPI, w.From}] {
			seen[wkey{w.KPI, w.From}] = true
			pts.Weights = append(pts.Weights, w)
		}
	}
	rules := credits.Rules{
		Regime: pts,
		Caps:   credits.Caps{Month: capPct(t, "monthly cap"), Year: capPct(t, "annual cap")},
		Money:  credits.Money{Places: 2, Rounding: rapid.SampledFrom(roundings).Draw(t, "rounding")},
	}
	if rapid.Bool().Draw(t, "pool") {
		pool := genPool(t, ids)
		rules.Regime = pool
		rules.Caps.Month = &pool.AtRisk
	}
	var windows []credits.Window
	for _, id := range ids {
		windows = append(windows, credits.Window{KPI: id, From: start, To: start.AddMonths(n - 1)})
	}
	if err := rules.Validate(windows); err != nil {
		t.Fatalf("generated rules are invalid: %v", err)
	}

	yearCharges := map[int]decimal.Decimal{}
	var periods []credits.Period
	for i := range n {
		year := (offset+i)/12 + 1
		if _, ok := yearCharges[year]; !ok {
			yearCharges[year] = money(t, "year charges")
		}
		p := credits.Period{Month: start.AddMonths(i), Year: year, Charges: money(t, "charges"), YearCharges: yearCharges[year]}
		for _, id := range ids {
			for _, org := range orgs {
				o := credits.Outcome{
					KPI: id, Org: org,
					Kind:    rapid.SampledFrom([]kpi.Kind{kpi.KPI, kpi.KPI, kpi.KPI, kpi.PI, kpi.Figure}).Draw(t, "kind"),
					Status:  rapid.SampledFrom(statuses).Draw(t, "status"),
					Charges: money(t, "outcome charges"),
				}
				o.Raw = o.Status
				if o.Status == kpi.Unmeasured {
					o.Absent = kpi.Unavailable
				}
				switch rapid.IntRange(0, 4).Draw(t, "mitigation") {
				case 0:
					o.Mitigation, o.Relief = "R", true
				case 1:
					o.Mitigation = "D"
					o.Status = rapid.SampledFrom(failures).Draw(t, "deemed")
				}
				p.Outcomes = append(p.Outcomes, o)
			}
		}
		periods = append(periods, p)
	}
	return scenario{rules: rules, periods: periods}
}

// genPool draws an at-risk pool over ids: 0.5 to 20 per cent at risk, a
// pool percentage available for allocation of 50 to 300 per cent (often
// above 100) shared over one to three categories, and each category's
// share over its KPIs, every share above zero and adding up exactly.
func genPool(t *rapid.T, ids []string) credits.Pool {
	amber := rapid.Int64Range(0, 100).Draw(t, "pool amber")
	pool := credits.Pool{
		AtRisk:    decimal.New(rapid.Int64Range(5, 200).Draw(t, "at risk"), -1),
		Available: decimal.New(rapid.Int64Range(50, 300).Draw(t, "available"), 0),
		Amber:     decimal.New(amber, -2),
		Red:       decimal.New(rapid.Int64Range(amber, 100).Draw(t, "pool red"), -2),
	}
	n := rapid.IntRange(1, min(3, len(ids))).Draw(t, "categories")
	cats := shares(t, pool.Available.IntPart()*10, n, -1, "category share")
	for i := range n {
		pool.Categories = append(pool.Categories, credits.PoolCategory{Name: fmt.Sprintf("category %d", i+1), Share: cats[i]})
	}
	for i, id := range ids {
		c := &pool.Categories[i%n]
		c.KPIs = append(c.KPIs, credits.PoolKPI{KPI: id})
	}
	for i := range pool.Categories {
		c := &pool.Categories[i]
		for j, s := range shares(t, 1000, len(c.KPIs), -1, "kpi share") {
			c.KPIs[j].Share = s
		}
	}
	return pool
}

// shares draws n parts, each at least 1, of whole units of 10^exp, that
// add up to whole exactly.
func shares(t *rapid.T, whole int64, n int, exp int32, label string) []decimal.Decimal {
	var out []decimal.Decimal
	left := whole
	for i := range n {
		part := left
		if i < n-1 {
			part = rapid.Int64Range(1, left-int64(n-1-i)).Draw(t, label)
		}
		out = append(out, decimal.New(part, exp))
		left -= part
	}
	return out
}

// pick draws an outcome of periods, j of period i, and returns a copy of
// periods deep enough to change it.
func pick(t *rapid.T, periods []credits.Period) (changed []credits.Period, i, j int) {
	i = rapid.IntRange(0, len(periods)-1).Draw(t, "period")
	j = rapid.IntRange(0, len(periods[i].Outcomes)-1).Draw(t, "outcome")
	return clonePeriods(periods), i, j
}

// clonePeriods copies periods deeply enough to change one outcome.
func clonePeriods(ps []credits.Period) []credits.Period {
	out := slices.Clone(ps)
	for i := range out {
		out[i].Outcomes = slices.Clone(out[i].Outcomes)
	}
	return out
}

func creditAmounts(led *credits.Ledger) []decimal.Decimal {
	var out []decimal.Decimal
	for _, l := range led.Lines {
		if l.Kind == credits.CreditLine {
			out = append(out, l.Amount)
		}
	}
	return out
}

// Lines add up to month totals, months to years, years to the ledger; no
// total is negative; capped totals never exceed their caps; and the ledger
// agrees with the plain reference (internal/reference).
func TestPropertyLedger(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t)
		led := calc(t, s.rules, s.periods)
		checkSums(t, led)
		m := s.rules.Money
		for i, mt := range led.Months {
			underMonthCap(t, s.rules, s.periods[i], "total", mt.Total)
		}
		for _, y := range led.Years {
			if c := s.rules.Caps.Year; c != nil {
				if !y.HasCap || y.Total.Cmp(y.Cap) > 0 {
					t.Fatalf("year %d: total %s above annual cap %s", y.Year, m.Format(y.Total), m.Format(y.Cap))
				}
			} else if y.HasCap || !y.Cap.IsZero() {
				t.Fatalf("year %d: a cap without an annual cap", y.Year)
			}
		}
		if led.Total.Sign() < 0 {
			t.Fatalf("ledger total %s is negative", m.Format(led.Total))
		}

		matchesReference(t, s.rules, s.periods, led)
	})
}

// underMonthCap fails t when amount, what month p credits ("total", or
// the "credits" it paid), is above the monthly cap of rules on p's
// charges; rules without a monthly cap have none.
func underMonthCap(t *rapid.T, rules credits.Rules, p credits.Period, what string, amount decimal.Decimal) {
	t.Helper()
	c, m := rules.Caps.Month, rules.Money
	if c == nil {
		return
	}
	if limit := m.Round(p.Charges.Mul(*c).Shift(-2)); amount.Cmp(limit) > 0 {
		t.Fatalf("%s: %s %s above monthly cap %s", p.Month, what, m.Format(amount), m.Format(limit))
	}
}

// matchesReference fails t unless led, the engine's ledger of rules over
// periods, is what internal/reference, the plain second implementation,
// works out: every line, total, cap, driver and event.
func matchesReference(t *rapid.T, rules credits.Rules, periods []credits.Period, led *credits.Ledger) {
	want, err := reference.Calculate(rules, periods)
	if err != nil {
		t.Fatalf("the engine calculates, the reference fails: %v", err)
	}
	if got := reference.FromLedger(led); got.String() != want.String() {
		t.Fatalf("engine and reference differ (-reference +engine):\n%s",
			cmp.Diff(want, got, cmpMonth, cmpopts.EquateEmpty()))
	}
}

// noMore checks that a change meant to help the supplier raised nothing:
// no credit line, no month's uncapped credits, not the changed month's
// total, no year's total and not the ledger's total. Other months' totals
// may rise under an annual cap, because a cheaper month leaves more of the
// cap for later months; without an annual cap none may.
func noMore(t *rapid.T, s scenario, before, after *credits.Ledger, changed kpi.Month) {
	t.Helper()
	m := s.rules.Money
	noRise(t, m, before, after, true)
	for i := range before.Months {
		mb, ma := before.Months[i], after.Months[i]
		if (mb.Month == changed || s.rules.Caps.Year == nil) && ma.Total.Cmp(mb.Total) > 0 {
			t.Fatalf("%s: credit rose from %s to %s", mb.Month, m.Format(mb.Total), m.Format(ma.Total))
		}
	}
	for i := range before.Years {
		if after.Years[i].Total.Cmp(before.Years[i].Total) > 0 {
			t.Fatalf("year %d: credit rose from %s to %s", before.Years[i].Year, m.Format(before.Years[i].Total), m.Format(after.Years[i].Total))
		}
	}
	if after.Total.Cmp(before.Total) > 0 {
		t.Fatalf("total credit rose from %s to %s", m.Format(before.Total), m.Format(after.Total))
	}
}

// noRise checks that after, the ledger of a change meant to help the
// supplier, raised no month's uncapped credits above before's, and, with
// lines set, no credit line.
func noRise(t *rapid.T, m credits.Money, before, after *credits.Ledger, lines bool) {
	t.Helper()
	if lines {
		b, a := creditAmounts(before), creditAmounts(after)
		for i := range b {
			if a[i].Cmp(b[i]) > 0 {
				t.Fatalf("credit line %d rose from %s to %s", i, m.Format(b[i]), m.Format(a[i]))
			}
		}
	}
	for i := range before.Months {
		if mb, ma := before.Months[i], after.Months[i]; ma.Uncapped.Cmp(mb.Uncapped) > 0 {
			t.Fatalf("%s: uncapped credits rose from %s to %s", mb.Month, m.Format(mb.Uncapped), m.Format(ma.Uncapped))
		}
	}
}

// Better performance never costs more: moving one outcome from Red to
// Amber or Green, or from Amber to Green, raises no credit.
func TestPropertyBetterNeverCostsMore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t)
		changed, i, _ := betterOne(t, s.periods)
		noMore(t, s, calc(t, s.rules, s.periods), calc(t, s.rules, changed), s.periods[i].Month)
	})
}

// A mitigation never raises a credit: relieving one outcome raises no
// credit.
func TestPropertyReliefNeverRaises(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genScenario(t)
		changed, i, o, line := relieveOne(t, s.periods)
		before, after := calc(t, s.rules, s.periods), calc(t, s.rules, changed)
		noMore(t, s, before, after, s.periods[i].Month)
		if o.Kind == kpi.KPI && !creditAmounts(after)[line].IsZero() {
			t.Fatalf("a relieved outcome costs money")
		}
	})
}

// betterOne draws an outcome of periods (as pick does) and, in a copy of
// periods, moves it to a better status: a Red one to Amber or Green, an
// Amber one to Green (its raw status with it, unless a mitigation deems
// it). An outcome with no better status skips t. It returns the copy, the
// index of the outcome's period and the outcome.
func betterOne(t *rapid.T, periods []credits.Period) (changed []credits.Period, i int, o *credits.Outcome) {
	changed, i, j := pick(t, periods)
	o = &changed[i].Outcomes[j]
	switch o.Status {
	case kpi.Red:
		o.Status = rapid.SampledFrom([]kpi.Status{kpi.Amber, kpi.Green}).Draw(t, "better")
	case kpi.Amber:
		o.Status = kpi.Green
	default:
		t.Skip("no better status")
	}
	if o.Mitigation == "" {
		o.Raw = o.Status
	}
	return changed, i, o
}

// relieveOne draws an outcome of periods (as pick does) and relieves it by
// a new mitigation in a copy of periods. It returns the copy, the index
// of the outcome's period, the outcome, and the position of its line
// among the credit lines.
func relieveOne(t *rapid.T, periods []credits.Period) (changed []credits.Period, i int, o *credits.Outcome, line int) {
	changed, i, j := pick(t, periods)
	o = &changed[i].Outcomes[j]
	o.Mitigation, o.Relief = "NEW", true
	return changed, i, o, lineIndex(changed, i, j)
}

// lineIndex is the position of outcome j of period i among the credit
// lines.
func lineIndex(ps []credits.Period, i, j int) int {
	n := j
	for _, p := range ps[:i] {
		n += len(p.Outcomes)
	}
	return n
}

// An annual cap can make a later month dearer when an earlier month gets
// cheaper: the property above allows it, and this pins down why.
func TestAnnualCapHeadroomMovesToLaterMonths(t *testing.T) {
	r := rules()
	r.Caps.Year = pct("0.1") // 1200.00
	before, err := credits.Calculate(r, []credits.Period{period("2021-06", 1, kpi.Red, kpi.Red), period("2021-07", 1, kpi.Red, kpi.Red)})
	require.NoError(t, err)
	after, err := credits.Calculate(r, []credits.Period{period("2021-06", 1, kpi.Green, kpi.Green), period("2021-07", 1, kpi.Red, kpi.Red)})
	require.NoError(t, err)
	require.Equal(t, "0.00", after.Months[0].Total.StringFixed(2))
	require.Equal(t, "0.00", before.Months[1].Total.StringFixed(2))
	require.Equal(t, "1200.00", after.Months[1].Total.StringFixed(2), "July gets the headroom June no longer uses")
	require.Equal(t, before.Total.StringFixed(2), after.Total.StringFixed(2), "but the year costs no more")
}
