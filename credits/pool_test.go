package credits_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/servicecredit/engine/credits"
	"github.com/servicecredit/engine/kpi"
	"github.com/stretchr/testify/require"
)

// texasPool is the at-risk pool of the tests, Texas DIR style: 10% of the
// month's charges at risk, 150% of it allocated: hosting 75% (UPTIME 40%
// of that, BACKUP 60%), service desk 75% (P1-FIX and P2-FIX 50% each).
// Only a Red month (a Service Level Default) costs anything. With charges
// of 100000.00 the at-risk amount is 10000.00 and a Red month costs:
//
//	UPTIME  10 x 75% x 40% = 3%    = 3000.00
//	BACKUP  10 x 75% x 60% = 4.5%  = 4500.00
//	P1-FIX  10 x 75% x 50% = 3.75% = 3750.00
//	P2-FIX  10 x 75% x 50% = 3.75% = 3750.00
//
// 15000.00 in all, 150% of the at-risk amount.
func texasPool() credits.Pool {
	return credits.Pool{
		AtRisk: dec("10"), Available: dec("150"), Amber: dec("0"), Red: dec("1"),
		Categories: []credits.PoolCategory{
			{Name: "hosting", Share: dec("75"), KPIs: []credits.PoolKPI{{KPI: "UPTIME", Share: dec("40")}, {KPI: "BACKUP", Share: dec("60")}}},
			{Name: "service desk", Share: dec("75"), KPIs: []credits.PoolKPI{{KPI: "P1-FIX", Share: dec("50")}, {KPI: "P2-FIX", Share: dec("50")}}},
		},
	}
}

func poolRules() credits.Rules {
	return credits.Rules{Regime: texasPool(), Caps: credits.Caps{Month: pct("10")}, Money: credits.Money{Places: 2, Rounding: kpi.HalfUp}}
}

func TestPoolWorkedExample(t *testing.T) {
	ids := []string{"UPTIME", "BACKUP", "P1-FIX", "P2-FIX"}
	m := func(statuses ...kpi.Status) []credits.Outcome {
		var os []credits.Outcome
		for i, s := range statuses {
			os = append(os, kpiOutcome(ids[i], s))
		}
		return os
	}
	G, A, R := kpi.Green, kpi.Amber, kpi.Red
	led, err := credits.Calculate(poolRules(), months("2021-04",
		m(R, G, G, G), // UPTIME: 3000.00
		m(R, R, A, G), // 3000.00 + 4500.00 = 7500.00; an amber costs nothing
		m(R, R, R, R), // 15000.00, capped at the at-risk amount 10000.00: cut 5000.00
	))
	require.NoError(t, err)
	type row struct{ kpi, amount, points, rule string }
	var got []row
	for _, l := range led.Lines {
		got = append(got, row{l.KPI, l.Amount.StringFixed(2), kpi.FormatValue(l.Points), l.Rule})
	}
	red := func(id, cat, catShare, share, lost, amount string) row {
		return row{id, amount, lost, "red: 1 of category \"" + cat + "\" " + catShare + "% x kpi " + share +
			"% of the at-risk amount 10% of charges = " + lost + "% of charges 100000.00 = " + amount}
	}
	want := []row{
		red("UPTIME", "hosting", "75", "40", "3", "3000.00"),
		{"BACKUP", "0.00", "0", "green: no credit"}, {"P1-FIX", "0.00", "0", "green: no credit"}, {"P2-FIX", "0.00", "0", "green: no credit"},

		red("UPTIME", "hosting", "75", "40", "3", "3000.00"),
		red("BACKUP", "hosting", "75", "60", "4.5", "4500.00"),
		{"P1-FIX", "0.00", "0", "amber: 0 of category \"service desk\" 75% x kpi 50% of the at-risk amount 10% of charges = 0% of charges 100000.00 = 0.00"},
		{"P2-FIX", "0.00", "0", "green: no credit"},

		red("UPTIME", "hosting", "75", "40", "3", "3000.00"),
		red("BACKUP", "hosting", "75", "60", "4.5", "4500.00"),
		red("P1-FIX", "service desk", "75", "50", "3.75", "3750.00"),
		red("P2-FIX", "service desk", "75", "50", "3.75", "3750.00"),
		{"", "-5000.00", "0", "monthly cap 10% of charges 100000.00 = 10000.00; credits 15000.00 cut by 5000.00"},
	}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(row{})); d != "" {
		t.Errorf("lines (-want +got):\n%s", d)
	}
	var totals []string
	for _, mt := range led.Months {
		totals = append(totals, mt.Uncapped.StringFixed(2)+" "+mt.Total.StringFixed(2))
	}
	require.Equal(t, []string{"3000.00 3000.00", "7500.00 7500.00", "15000.00 10000.00"}, totals)
	require.Equal(t, "20500.00", led.Total.StringFixed(2))
	require.False(t, led.Lines[6].Failed, "an amber that costs nothing is no default")
	require.True(t, led.Lines[0].Failed)
}

// A pool's lines are priced on the outcome's own charges and rounded once
// per line; an amber fraction prices an Amber month; a relieved month
// costs nothing and says what it would have cost.
func TestPoolLines(t *testing.T) {
	pool := texasPool()
	pool.Amber = dec("0.5")
	rules := poolRules()
	rules.Regime = pool
	names := caseNames{}
	for _, c := range []struct {
		name, why string
		o         credits.Outcome
		amount    string
		rule      string
	}{
		{name: "rounded once", why: "123456.78 x 3.75% = 4629.62925, half-up 4629.63",
			o: credits.Outcome{KPI: "P1-FIX", Org: "LCC", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: dec("123456.78")}, amount: "4629.63",
			rule: "red: 1 of category \"service desk\" 75% x kpi 50% of the at-risk amount 10% of charges = 3.75% of charges 123456.78 = 4629.63"},
		{name: "amber fraction", why: "0.5 x 3% = 1.5% of 100000.00 = 1500.00",
			o: kpiOutcome("UPTIME", kpi.Amber), amount: "1500.00",
			rule: "amber: 0.5 of category \"hosting\" 75% x kpi 40% of the at-risk amount 10% of charges = 1.5% of charges 100000.00 = 1500.00"},
		{name: "relieved", why: "relief costs nothing",
			o: credits.Outcome{KPI: "BACKUP", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Red, Charges: dec("100000"), Mitigation: "M1", Relief: true}, amount: "0.00",
			rule: "red relieved by mitigation M1: no credit (would have been 1 of category \"hosting\" 75% x kpi 60% of the at-risk amount 10% of charges = 4.5% of charges 100000.00 = 4500.00)"},
		{name: "deemed", why: "a deemed status is priced and said",
			o: credits.Outcome{KPI: "BACKUP", Kind: kpi.KPI, Raw: kpi.Red, Status: kpi.Amber, Charges: dec("100000"), Mitigation: "M2"}, amount: "2250.00",
			rule: "amber: 0.5 of category \"hosting\" 75% x kpi 60% of the at-risk amount 10% of charges = 2.25% of charges 100000.00 = 2250.00 (deemed amber by mitigation M2)"},
		{name: "pi", why: "a PI is never credited",
			o: credits.Outcome{KPI: "PI1", Kind: kpi.PI, Raw: kpi.Red, Status: kpi.Red, Charges: dec("100000")}, amount: "0.00",
			rule: "pi: reported only, never credited"},
		{name: "unmeasured", why: "no value, no credit",
			o: credits.Outcome{KPI: "UPTIME", Kind: kpi.KPI, Raw: kpi.Unmeasured, Status: kpi.Unmeasured, Absent: kpi.Missing, Charges: dec("100000")}, amount: "0.00",
			rule: "unmeasured (missing): no credit"},
	} {
		names.add(t, c.name)
		t.Run(c.name, func(t *testing.T) {
			led, err := credits.Calculate(rules, months("2021-04", one(c.o)))
			require.NoError(t, err)
			require.Equal(t, c.amount, led.Lines[0].Amount.StringFixed(2), c.why)
			require.Equal(t, c.rule, led.Lines[0].Rule)
		})
	}
}

func TestPoolErrors(t *testing.T) {
	names := caseNames{}
	for _, c := range []struct {
		name  string
		edit  func(p *credits.Pool, r *credits.Rules)
		want  string
		paths []string
	}{
		{name: "shares below the pool", edit: func(p *credits.Pool, _ *credits.Rules) { p.Available = dec("160") },
			want:  "pool regime: category shares add up to 150%, not the pool percentage available for allocation 160%: invalid credit rules",
			paths: []string{"Regime.Categories"}},
		{name: "shares above 100 with the pool at 100", edit: func(p *credits.Pool, _ *credits.Rules) { p.Available = dec("100") },
			want:  "pool regime: category shares add up to 150%, not the pool percentage available for allocation 100%: invalid credit rules",
			paths: []string{"Regime.Categories"}},
		{name: "kpi shares not 100", edit: func(p *credits.Pool, _ *credits.Rules) { p.Categories[0].KPIs[1].Share = dec("50") },
			want:  "pool regime: category \"hosting\": kpi shares add up to 90%, not 100%: invalid credit rules",
			paths: []string{"Regime.Categories[0].KPIs"}},
		{name: "kpi twice", edit: func(p *credits.Pool, _ *credits.Rules) { p.Categories[1].KPIs[0].KPI = "UPTIME" },
			want:  "pool regime: kpi UPTIME: in category \"hosting\" and again in category \"service desk\": invalid credit rules",
			paths: []string{"Regime.Categories[1].KPIs[0].KPI"}},
		{name: "category named twice", edit: func(p *credits.Pool, _ *credits.Rules) { p.Categories[1].Name = "hosting" },
			want:  "pool regime: category \"hosting\": named twice (categories 1 and 2): invalid credit rules",
			paths: []string{"Regime.Categories[1].Name"}},
		{name: "no monthly cap", edit: func(_ *credits.Pool, r *credits.Rules) { r.Caps.Month = nil },
			want:  "pool regime: monthly cap not set: a month may lose at most the at-risk amount, 10% of its charges: invalid credit rules",
			paths: []string{"Caps.Month"}},
		{name: "monthly cap not the at-risk amount", edit: func(_ *credits.Pool, r *credits.Rules) { r.Caps.Month = pct("12") },
			want:  "pool regime: monthly cap 12% differs from the at-risk amount 10% of the month's charges: invalid credit rules",
			paths: []string{"Caps.Month"}},
		{name: "nothing at risk", edit: func(p *credits.Pool, r *credits.Rules) { p.AtRisk = dec("0"); r.Caps.Month = pct("0") },
			want:  "pool regime: at-risk amount 0% of charges: want above 0 and at most 100: invalid credit rules",
			paths: []string{"Regime.AtRisk"}},
		{name: "no pool", edit: func(p *credits.Pool, _ *credits.Rules) { p.Available = dec("-1") },
			want:  "pool regime: pool percentage available for allocation -1% is not positive: invalid credit rules",
			paths: []string{"Regime.Available"}},
		{name: "amber above red", edit: func(p *credits.Pool, _ *credits.Rules) { p.Amber = dec("1"); p.Red = dec("0.5") },
			want:  "pool regime: amber fraction 1 above red fraction 0.5: invalid credit rules",
			paths: []string{"Regime.Amber"}},
		{name: "zero share", edit: func(p *credits.Pool, _ *credits.Rules) {
			p.Categories[0].KPIs[0].Share, p.Categories[0].KPIs[1].Share = dec("0"), dec("100")
		},
			want:  "pool regime: kpi UPTIME: share 0% is not positive: invalid credit rules",
			paths: []string{"Regime.Categories[0].KPIs[0].Share"}},
		{name: "empty category", edit: func(p *credits.Pool, _ *credits.Rules) {
			p.Categories = append(p.Categories, credits.PoolCategory{Name: "spare", Share: dec("0")})
		},
			want: "pool regime: category \"spare\": no kpis: invalid credit rules\n" +
				"pool regime: category \"spare\": share 0% is not positive: invalid credit rules",
			paths: []string{"Regime.Categories[2].KPIs", "Regime.Categories[2].Share"}},
	} {
		names.add(t, c.name)
		t.Run(c.name, func(t *testing.T) {
			r := poolRules()
			p := texasPool()
			c.edit(&p, &r)
			r.Regime = p
			err := r.Check()
			require.ErrorIs(t, err, credits.ErrInvalidRules)
			require.EqualError(t, err, c.want)
			require.Equal(t, c.paths, errorPaths(err))
			_, err = credits.Calculate(r, nil)
			require.EqualError(t, err, c.want, "no ledger on rules Check refuses")
		})
	}
}

// Validate checks the pool against the contract's KPIs: every one in a
// category, none unknown or uncredited.
func TestPoolValidate(t *testing.T) {
	ws := []credits.Window{
		{KPI: "UPTIME", From: month("2021-04"), To: month("2022-03")},
		{KPI: "BACKUP", From: month("2021-04"), To: month("2022-03")},
		{KPI: "P1-FIX", From: month("2021-04"), To: month("2022-03"), Uncredited: true},
		{KPI: "NEW", From: month("2021-04"), To: month("2022-03")},
	}
	err := poolRules().Validate(ws)
	require.EqualError(t, err, "pool regime: kpi NEW: in no category: invalid credit rules\n"+
		"pool regime: kpi P1-FIX: in category \"service desk\" but not credit-bearing in the contract: invalid credit rules\n"+
		"pool regime: kpi P2-FIX: in category \"service desk\" but not an indicator of the contract: invalid credit rules")
	require.Equal(t, []string{"Regime.Categories", "Regime.Categories[1].KPIs[0]", "Regime.Categories[1].KPIs[1]"}, errorPaths(err))
}

// errorPaths returns the Path of each *credits.Error joined in err, in
// order.
func errorPaths(err error) []string {
	var out []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var ce *credits.Error
		if errors.As(e, &ce) {
			out = append(out, ce.Path)
		}
	}
	return out
}
