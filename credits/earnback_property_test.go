package credits_test

import (
	"testing"

	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"
)

// valueRanges are the tenths a generated value of each status is drawn
// from, higher is better: green 99.0..100.0, amber 97.0..98.9, red
// 90.0..96.9.
var valueRanges = map[kpi.Status][2]int64{kpi.Green: {990, 1000}, kpi.Amber: {970, 989}, kpi.Red: {900, 969}}

// measure gives o a value in its status's range, drawn, or lo, the range's
// lowest, when draw is false.
func measure(t *rapid.T, o *credits.Outcome, draw bool) {
	rg, ok := valueRanges[o.Status]
	if !ok {
		o.Measured = nil
		return
	}
	v := rg[0]
	if draw {
		v = rapid.Int64Range(rg[0], rg[1]).Draw(t, "value")
	}
	o.Measured = &kpi.Result{KPI: o.KPI, Org: o.Org, Status: o.Status, Value: decimal.New(v, -1), Rounded: decimal.New(v, -1),
		Precision: kpi.Precision{Places: 1, Rounding: kpi.HalfUp}, Direction: kpi.HigherIsBetter, Kind: o.Kind}
}

// genEarnBackScenario is genScenario with an earn-back rule on some of its
// KPIs, values for its KPI-months, some of them not due, and each
// contract year's last period marked.
func genEarnBackScenario(t *rapid.T) scenario {
	s := genScenario(t)
	seen := map[string]bool{}
	for _, p := range s.periods {
		for _, o := range p.Outcomes {
			if seen[o.KPI] || !rapid.Bool().Draw(t, "earns back") {
				seen[o.KPI] = true
				continue
			}
			seen[o.KPI] = true
			e := credits.EarnBackKPI{KPI: o.KPI, Share: decimal.New(rapid.Int64Range(1, 10000).Draw(t, "share"), -2)}
			switch rapid.IntRange(0, 2).Draw(t, "condition") {
			case 0:
				e.Following = rapid.IntRange(1, 4).Draw(t, "following")
			case 1:
				level := decimal.New(rapid.Int64Range(950, 995).Draw(t, "year mean"), -1)
				e.YearMean = &level
			default:
				e.YearGreen = rapid.IntRange(1, 12).Draw(t, "year green")
			}
			s.rules.EarnBack.KPIs = append(s.rules.EarnBack.KPIs, e)
		}
	}
	for i := range s.periods {
		p := &s.periods[i]
		p.YearEnd = i+1 < len(s.periods) && s.periods[i+1].Year != p.Year || i+1 == len(s.periods) && rapid.Bool().Draw(t, "last is a year end")
		for j := range p.Outcomes {
			o := &p.Outcomes[j]
			if o.Status == kpi.Unmeasured && rapid.IntRange(0, 2).Draw(t, "not due") == 0 {
				o.Absent = kpi.NotDue
			}
			measure(t, o, true)
		}
	}
	return s
}

// With earn-back, lines still add up (each earn-back line returning no
// more than its credit's paid part: checkSums), the monthly cap still
// holds for the credits, the earn-backs of one month's credits never add
// up to more than that month paid, and the ledger is the reference's.
func TestPropertyEarnBackLedger(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genEarnBackScenario(t)
		led := calc(t, s.rules, s.periods)
		checkSums(t, led)
		m := s.rules.Money
		returned := map[kpi.Month]decimal.Decimal{}
		for _, l := range led.Lines {
			if e := l.Earned(); e != nil {
				returned[e.Month] = returned[e.Month].Sub(l.Amount)
				if want := m.Round(e.Paid.Mul(e.Share).Shift(-2)); !l.Amount.Neg().Equal(want) {
					t.Fatalf("%s: earn-back %s, want %s%% of %s = %s", l.Month, m.Format(l.Amount), e.Share, m.Format(e.Paid), m.Format(want))
				}
			}
		}
		for i, mt := range led.Months {
			paid := mt.Total.Sub(mt.EarnedBack).Sub(mt.Withheld)
			if r, ok := returned[mt.Month]; ok && r.Cmp(paid) > 0 {
				t.Fatalf("%s: earn-backs of its credits %s, more than it paid, %s", mt.Month, m.Format(r), m.Format(paid))
			}
			underMonthCap(t, s.rules, s.periods[i], "credits", paid)
		}
		matchesReference(t, s.rules, s.periods, led)
	})
}

// Better performance never costs more over the term: with earn-back, and
// a monthly cap or none, moving one KPI-month from Red to Amber or Green,
// or from Amber to Green (its value rising with it), raises no credit
// line, no month's uncapped credits and not the ledger's total. A month's
// or a year's total may rise: the better month no longer breaks, or no
// longer needs, an earn-back that lands later. (An annual cap is left out:
// see TestEarnBackAnnualCapHeadroom.)
func TestPropertyEarnBackBetterNeverCostsMore(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s := genEarnBackScenario(t)
		s.rules.Caps.Year = nil
		changed, _, o := betterOne(t, s.periods)
		measure(t, o, false)
		before, after := calc(t, s.rules, s.periods), calc(t, s.rules, changed)
		m := s.rules.Money
		noRise(t, m, before, after, true)
		if after.Total.Cmp(before.Total) > 0 {
			t.Fatalf("total credit over the term rose from %s to %s", m.Format(before.Total), m.Format(after.Total))
		}
	})
}

// An annual cap is why the property above leaves it out. Worked by hand:
// the annual cap is 0.1% of 1200000.00 = 1200.00; A earns its credits back
// after 2 green months. Red in June, A's 1000.00 uses the cap's headroom,
// so B's red July and August (500.00 each) are cut to 200.00 and nothing;
// A's June credit comes back in August: 1000.00 + 200.00 - 1000.00 =
// 200.00 over the three months. Green in June, A costs nothing, and B's
// July and August pay 500.00 and 500.00 = 1000.00. The credit earned back
// used headroom that later credits would have used, and no cap gives it
// back: the better June costs 800.00 more.
func TestEarnBackAnnualCapHeadroom(t *testing.T) {
	r := rules()
	r.Caps.Year = pct("0.1")
	r.EarnBack = credits.EarnBack{KPIs: []credits.EarnBackKPI{{KPI: "A", Share: dec("100"), Following: 2}}}
	G, R := kpi.Green, kpi.Red
	run := func(june kpi.Status) *credits.Ledger {
		led, err := credits.Calculate(r, []credits.Period{period("2021-06", 1, june, G), period("2021-07", 1, G, R), period("2021-08", 1, G, R)})
		require.NoError(t, err)
		return led
	}
	worse, better := run(R), run(G)
	require.Equal(t, []string{"1000.00", "200.00", "-1000.00"}, totals(worse))
	require.Equal(t, []string{"0.00", "500.00", "500.00"}, totals(better))
	require.Equal(t, "200.00", worse.Total.StringFixed(2))
	require.Equal(t, "1000.00", better.Total.StringFixed(2))
}

// totals returns led's month totals.
func totals(led *credits.Ledger) []string {
	var out []string
	for _, m := range led.Months {
		out = append(out, m.Total.StringFixed(2))
	}
	return out
}
